import { createStore, type StoreApi } from "zustand/vanilla";
import type { ChatEvent, ChatLine } from "../../shared/protocol/index.js";
import { all, type Feeder } from "./feed.js";
import { noticeOf, refusalPlace, type Notice } from "./notices.js";

/** A chat line shown over its sender's avatar for a few seconds. */
export interface Bubble {
  id: string;
  text: string;
  at: number;
}

/** A line in the chat log: `live` when it arrived as it was said, not from the history sent on joining. */
export type LoggedLine = ChatLine & { live: boolean };

export interface ChatSlice {
  /** The newest CHAT_HISTORY lines, oldest first, one per id. */
  lines: readonly LoggedLine[];
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

/**
 * Adds history lines to the log: lines it already holds (the same id arrived live, or in an earlier history) are
 * kept as they are, the rest take their place by time. Returns `lines` itself when nothing was new.
 */
export function mergeHistory(lines: readonly LoggedLine[], history: readonly ChatLine[]): readonly LoggedLine[] {
  const known = new Set(lines.map((l) => l.id));
  const added: LoggedLine[] = [];
  for (const line of history) {
    if (known.has(line.id)) continue;
    known.add(line.id);
    added.push({ ...line, live: false });
  }
  if (added.length === 0) return lines;
  // A stable sort: history before live lines of the same millisecond, each in the order it came.
  return [...added, ...lines].sort((a, b) => a.at - b.at).slice(-CHAT_HISTORY);
}

function liveLine({ sessionId: _connection, ...line }: ChatEvent): LoggedLine {
  return { ...line, live: true };
}

export const feedChat: Feeder<ChatStore> = (store, transport, timers) =>
  all([
    transport.events.on("chat", (line) => {
      // The same line may have come in the history already (it was said while this member was joining).
      if (store.getState().lines.some((l) => l.id === line.id)) return;
      const bubble: Bubble = { id: line.id, text: line.text, at: line.at };
      store.setState((s) => ({ lines: [...s.lines, liveLine(line)].slice(-CHAT_HISTORY), liveCount: s.liveCount + 1, bubbles: { ...s.bubbles, [line.sessionId]: bubble } }));
      timers.later(BUBBLE_MS, () => {
        const { bubbles } = store.getState();
        if (bubbles[line.sessionId]?.id !== line.id) return;
        const rest = { ...bubbles };
        delete rest[line.sessionId];
        store.setState({ bubbles: rest });
      });
    }),
    transport.events.on("chatHistory", ({ lines }) => {
      const merged = mergeHistory(store.getState().lines, lines);
      if (merged !== store.getState().lines) store.setState({ lines: merged });
    }),
    transport.events.on("error", (error) => {
      if (refusalPlace(error) === "chat") store.setState({ error: noticeOf(error) });
    }),
  ]);
