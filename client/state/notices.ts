import { createStore, type StoreApi } from "zustand/vanilla";
import type { ErrorCode, ErrorEvent } from "../../shared/protocol/index.js";
import { all, type Feeder } from "./feed.js";
import { Timers, localId } from "./timers.js";

/** A refusal or status line for the UI to show politely; `key` is always an i18n key. */
export interface Notice {
  id: string;
  key: `errors.${ErrorCode}` | "connection.reconnected";
  intent?: string | undefined;
  retryAfterMs?: number | undefined;
}

/** The toasts showing now, newest last. */
export interface NoticesSlice {
  notices: readonly Notice[];
}
export type NoticesStore = StoreApi<NoticesSlice>;

const NOTICE_MS = 5000;
const MAX_NOTICES = 4;

/**
 * Where a refusal is shown: a refused chat line inside the chat panel, beside the message; a taken-over seat
 * nowhere (the dialog that follows the close says it); anything else as a toast.
 */
/** Voice intents the client sends on its own (listening, answering, publishing): the voice UI shows their refusals. */
const VOICE_INTENTS_SHOWN_IN_PLACE: ReadonlySet<string> = new Set(["voicePublish", "voiceUnpublish", "voiceListen", "voiceAnswer", "voiceUnlisten"]);

export function refusalPlace(error: ErrorEvent): "chat" | "none" | "toast" {
  if (error.code === "SESSION_TAKEN_OVER") return "none";
  if (error.intent !== undefined && VOICE_INTENTS_SHOWN_IN_PLACE.has(error.intent)) return "none";
  if (error.intent === "chat") return "chat";
  return "toast";
}

export function noticeOf(error: ErrorEvent): Notice {
  return { id: localId("notice"), key: `errors.${error.code}`, intent: error.intent, retryAfterMs: error.retryAfterMs };
}

export function createNoticesStore(): NoticesStore {
  return createStore<NoticesSlice>()(() => ({ notices: [] }));
}

export function dismissNotice(store: NoticesStore, id: string): void {
  if (!store.getState().notices.some((n) => n.id === id)) return;
  store.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

function pushNotice(store: NoticesStore, timers: Timers, notice: Notice): void {
  // The same refusal repeated (a held key hitting a rate limit) shows once.
  if (store.getState().notices.some((n) => n.key === notice.key)) return;
  store.setState((s) => ({ notices: [...s.notices, notice].slice(-MAX_NOTICES) }));
  timers.later(NOTICE_MS, () => dismissNotice(store, notice.id));
}

/** Timers of refusals shown from outside the feed; a toast outliving its page only dismisses itself in a store nobody reads. */
const callTimers = new Timers();

/** A refusal from outside the room (a member HTTP call's `{ error }`, docs/hunts.md), shown as the room's are. */
export function showRefusal(store: NoticesStore, code: ErrorCode, retryAfterMs?: number): void {
  pushNotice(store, callTimers, { id: localId("notice"), key: `errors.${code}`, retryAfterMs });
}

export const feedNotices: Feeder<NoticesStore> = (store, transport, timers) =>
  all([
    transport.events.on("error", (error) => {
      if (refusalPlace(error) === "toast") pushNotice(store, timers, noticeOf(error));
    }),
    transport.signals.on("reconnected", () => pushNotice(store, timers, { id: localId("notice"), key: "connection.reconnected" })),
  ]);
