import { createStore, type StoreApi } from "zustand/vanilla";
import type { ChatEvent } from "../../shared/protocol/index.js";
import { all, type Feeder } from "./feed.js";
import { noticeOf, refusalPlace, type Notice } from "./notices.js";

/** A chat line shown over its sender's avatar for a few seconds. */
export interface Bubble {
  id: string;
  text: string;
  at: number;
}

export interface ChatSlice {
  /** The newest CHAT_HISTORY lines, oldest first. */
  lines: readonly ChatEvent[];
  /** The speech bubble over each avatar, by session id. */
  bubbles: Readonly<Record<string, Bubble>>;
  /** The last refusal of a chat line, shown inside the chat panel. */
  error: Notice | null;
  /** How many lines arrived live since this page joined (history excluded): unread counts are differences of it. */
  liveCount: number;
}
export type ChatStore = StoreApi<ChatSlice>;

const CHAT_HISTORY = 100;
const BUBBLE_MS = 5000;

export function createChatStore(): ChatStore {
  return createStore<ChatSlice>()(() => ({ lines: [], bubbles: {}, error: null, liveCount: 0 }));
}

export function clearChatError(store: ChatStore): void {
  if (store.getState().error) store.setState({ error: null });
}

export const feedChat: Feeder<ChatStore> = (store, transport, timers) =>
  all([
    transport.events.on("chat", (line) => {
      const bubble: Bubble = { id: line.id, text: line.text, at: line.at };
      store.setState((s) => ({ lines: [...s.lines, line].slice(-CHAT_HISTORY), liveCount: s.liveCount + 1, bubbles: { ...s.bubbles, [line.sessionId]: bubble } }));
      timers.later(BUBBLE_MS, () => {
        const { bubbles } = store.getState();
        if (bubbles[line.sessionId]?.id !== line.id) return;
        const rest = { ...bubbles };
        delete rest[line.sessionId];
        store.setState({ bubbles: rest });
      });
    }),
    transport.events.on("error", (error) => {
      if (refusalPlace(error) === "chat") store.setState({ error: noticeOf(error) });
    }),
  ]);
