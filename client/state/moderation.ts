import { createStore, type StoreApi } from "zustand/vanilla";
import type { ModerationHostView, ModerationMineView, ModerationPublicView, Whisper } from "../../shared/rules/moderation/types.js";
import type { ChatStore, LoggedLine } from "./chat.js";
import { all, type Feeder } from "./feed.js";

/** A private reply from a host, as the chat log shows it: `live` when it arrived while this page was in. */
export type LoggedWhisper = Whisper & { live: boolean };

/** Moderation as the server last showed it to this page (docs/moderation.md, "Views"), with what the page adds. */
export interface ModerationSlice {
  /** Event `moderation`: lock, slow mode, the deleted lines (everyone). */
  public: ModerationPublicView | null;
  /** Event `moderationHost`: mutes, removals, the log, the queue, the word list (hosts only; dropped for a member). */
  host: ModerationHostView | null;
  /** Event `moderationMine`: this member's mute, the lines they reported, the private replies they got. */
  mine: ModerationMineView | null;
  /** `public.deleted` as a set, for the chat log to hide those lines (the same set until the ids change). */
  deleted: ReadonlySet<string>;
  /** Event `chatMasked`: this member's own lines that went out masked, by line id, and the words that were. */
  masked: Readonly<Record<string, readonly string[]>>;
  /** `mine.whispers`, each marked live or not (oldest first). */
  whispers: readonly LoggedWhisper[];
  /** Lines this page reported that the server has not listed in `mine.reported` yet. */
  reportsSent: readonly string[];
  /** Slow mode: when (this page's clock, ms) this member may send the next chat line; null when free to. */
  slowUntil: number | null;
  /** Private replies that arrived live since this page joined: unread counts are differences of it. */
  whisperCount: number;
}
export type ModerationStore = StoreApi<ModerationSlice>;

const NO_IDS: ReadonlySet<string> = new Set();
/** How many masked lines of one's own the page remembers (the chat log keeps the last 100 lines). */
export const MASKED_KEPT = 100;

export const INITIAL_MODERATION: ModerationSlice = {
  public: null,
  host: null,
  mine: null,
  deleted: NO_IDS,
  masked: {},
  whispers: [],
  reportsSent: [],
  slowUntil: null,
  whisperCount: 0,
};

export function createModerationStore(): ModerationStore {
  return createStore<ModerationSlice>()(() => INITIAL_MODERATION);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");
const isTime = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/**
 * Whether a payload has the shape the page reads without further checks. The views come from our own server (the
 * protocol only checks that they are objects), but one that lost its parts must not take the page down.
 */
export function isModerationPublicView(value: unknown): value is ModerationPublicView {
  return isObject(value) && typeof value.locked === "boolean" && isTime(value.slowModeSeconds) && isStringArray(value.deleted);
}

export function isModerationHostView(value: unknown): value is ModerationHostView {
  if (!isObject(value)) return false;
  const response = value.response;
  const words = value.words;
  return (
    Array.isArray(value.mutes) &&
    Array.isArray(value.removed) &&
    Array.isArray(value.log) &&
    Array.isArray(value.queue) &&
    (words === null || (isObject(words) && isStringArray(words.add) && isStringArray(words.remove))) &&
    isObject(response) &&
    isTime(response.flagged) &&
    isTime(response.answered) &&
    (response.medianMs === null || isTime(response.medianMs))
  );
}

const isWhisper = (value: unknown): value is Whisper =>
  isObject(value) &&
  typeof value.id === "string" &&
  typeof value.text === "string" &&
  typeof value.fromName === "string" &&
  isTime(value.at) &&
  (value.flagId === null || typeof value.flagId === "string");

export function isModerationMineView(value: unknown): value is ModerationMineView {
  if (!isObject(value)) return false;
  const muted = value.muted;
  return (
    (muted === null ||
      (isObject(muted) &&
        (muted.until === null || isTime(muted.until)) &&
        (muted.reason === "host" || muted.reason === "filter" || muted.reason === "rate") &&
        typeof muted.note === "string")) &&
    isStringArray(value.reported) &&
    Array.isArray(value.whispers) &&
    value.whispers.every(isWhisper)
  );
}

/**
 * The whispers of a new `moderationMine` view, marked live or not: one the page already held keeps its mark; a new
 * one is live unless this is the first view the page got (those were there before it came in, and are not news).
 */
export function mergeWhispers(known: readonly LoggedWhisper[], incoming: readonly Whisper[], firstView: boolean): readonly LoggedWhisper[] {
  const before = new Map(known.map((w) => [w.id, w]));
  const merged = incoming.map((whisper) => {
    const held = before.get(whisper.id);
    return held && held.text === whisper.text && held.at === whisper.at ? held : { ...whisper, live: held?.live ?? !firstView };
  });
  return merged.length === known.length && merged.every((w, i) => w === known[i]) ? known : merged;
}

/** The same set when the ids did not change (selectors then leave the chat log alone). */
function deletedSet(current: ReadonlySet<string>, ids: readonly string[]): ReadonlySet<string> {
  if (ids.length === current.size && ids.every((id) => current.has(id))) return current;
  return ids.length === 0 ? NO_IDS : new Set(ids);
}

/** Whether the page should offer "Report" on a line as done: the server listed it, or this page just sent it. */
export function isReported(state: Pick<ModerationSlice, "mine" | "reportsSent">, lineId: string): boolean {
  return state.reportsSent.includes(lineId) || (state.mine?.reported.includes(lineId) ?? false);
}

/** This page sent a report of `lineId`: the button says "Reported" until the server's view confirms (or refuses) it. */
export function markReportSent(store: ModerationStore, lineId: string): void {
  if (isReported(store.getState(), lineId)) return;
  store.setState((s) => ({ reportsSent: [...s.reportsSent, lineId] }));
}

/** A masked own line: remembered by id (the newest MASKED_KEPT). */
function withMasked(masked: Readonly<Record<string, readonly string[]>>, id: string, words: readonly string[]): Readonly<Record<string, readonly string[]>> {
  const entries = Object.entries(masked).filter(([key]) => key !== id);
  entries.push([id, words]);
  return Object.fromEntries(entries.slice(-MASKED_KEPT));
}

/**
 * Feeds the slice from the transport: the three views, `chatMasked`, and slow mode's wait, which the page reckons on
 * its own clock from its own lines (the server's refusal, SLOW_MODE with retryAfterMs, corrects it). Hosts are exempt.
 */
export const feedModeration: Feeder<ModerationStore> = (store, transport) => {
  let selfMemberId = "";
  let host = false;
  return all([
    transport.events.on("welcome", (welcome) => {
      selfMemberId = welcome.memberId;
      host = welcome.role === "host";
      // A connection welcomed as a member (a host link turned down on a reconnect) keeps nothing only hosts see.
      if (!host && store.getState().host !== null) store.setState({ host: null });
      if (host && store.getState().slowUntil !== null) store.setState({ slowUntil: null });
    }),
    transport.events.on("moderation", (view) => {
      if (!isModerationPublicView(view)) return;
      store.setState((s) => ({
        public: view,
        deleted: deletedSet(s.deleted, view.deleted),
        slowUntil: view.slowModeSeconds > 0 ? s.slowUntil : null,
      }));
    }),
    transport.events.on("moderationHost", (view) => {
      if (isModerationHostView(view)) store.setState({ host: view });
    }),
    transport.events.on("moderationMine", (view) => {
      if (!isModerationMineView(view)) return;
      store.setState((s) => {
        const whispers = mergeWhispers(s.whispers, view.whispers, s.mine === null);
        const arrived = whispers.filter((w) => w.live && !s.whispers.some((known) => known.id === w.id)).length;
        const reportsSent = s.reportsSent.filter((id) => !view.reported.includes(id));
        return {
          mine: view,
          whispers,
          whisperCount: s.whisperCount + arrived,
          reportsSent: reportsSent.length === s.reportsSent.length ? s.reportsSent : reportsSent,
        };
      });
    }),
    transport.events.on("chatMasked", ({ id, words }) => store.setState((s) => ({ masked: withMasked(s.masked, id, words) }))),
    transport.events.on("chat", (line) => {
      const seconds = store.getState().public?.slowModeSeconds ?? 0;
      if (line.memberId === selfMemberId && !host && seconds > 0) store.setState({ slowUntil: Date.now() + seconds * 1000 });
    }),
    transport.events.on("error", (error) => {
      if (error.intent === "chat" && error.code === "SLOW_MODE" && error.retryAfterMs !== undefined && error.retryAfterMs > 0) {
        store.setState({ slowUntil: Date.now() + error.retryAfterMs });
      }
      // A report the server turned down for a reason other than "already reported" may be tried again.
      if (error.intent === "reportLine" && error.code !== "ALREADY_REPORTED" && store.getState().reportsSent.length > 0) {
        store.setState({ reportsSent: [] });
      }
    }),
  ]);
};

/**
 * Speech bubbles of lines a host deleted go at once (the chat log hides them by `deleted`; the bubbles live in
 * the chat slice). Returns the unsubscribe.
 */
export function hideDeletedBubbles(moderation: ModerationStore, chat: ChatStore): () => void {
  return moderation.subscribe((state, previous) => {
    if (state.deleted === previous.deleted || state.deleted.size === 0) return;
    const { bubbles } = chat.getState();
    const kept = Object.entries(bubbles).filter(([, bubble]) => !state.deleted.has(bubble.id));
    if (kept.length !== Object.keys(bubbles).length) chat.setState({ bubbles: Object.fromEntries(kept) });
  });
}

/** One entry of the chat log as the panel shows it: a chat line, or a private reply to this member. */
export type ChatLogItem =
  | { kind: "line"; key: string; at: number; live: boolean; line: LoggedLine }
  | { kind: "whisper"; key: string; at: number; live: boolean; whisper: LoggedWhisper };

/**
 * The chat log as shown: lines a host deleted left out, this member's private replies placed among the lines by time
 * (a reply after the lines of its millisecond). Both inputs are oldest first; so is the result.
 */
export function chatLogItems(lines: readonly LoggedLine[], deleted: ReadonlySet<string>, whispers: readonly LoggedWhisper[]): readonly ChatLogItem[] {
  const items: ChatLogItem[] = [];
  let next = 0;
  const whispersBefore = (at: number) => {
    for (let whisper = whispers[next]; whisper !== undefined && whisper.at < at; whisper = whispers[++next]) {
      items.push({ kind: "whisper", key: `whisper:${whisper.id}`, at: whisper.at, live: whisper.live, whisper });
    }
  };
  for (const line of lines) {
    if (deleted.has(line.id)) continue;
    whispersBefore(line.at);
    items.push({ kind: "line", key: `line:${line.id}`, at: line.at, live: line.live, line });
  }
  whispersBefore(Number.POSITIVE_INFINITY);
  return items;
}
