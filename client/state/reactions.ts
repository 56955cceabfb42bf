import { createStore, type StoreApi } from "zustand/vanilla";
import type { REACTIONS } from "../../shared/protocol/index.js";
import type { Feeder } from "./feed.js";
import { localId } from "./timers.js";

export type Reaction = (typeof REACTIONS)[number];

/** A reaction floating over its sender's avatar. */
export interface FloatingReaction {
  id: string;
  sessionId: string;
  emoji: Reaction;
}

export interface ReactionsSlice {
  /** Oldest first; each goes after REACTION_MS. */
  floating: readonly FloatingReaction[];
}
export type ReactionsStore = StoreApi<ReactionsSlice>;

const REACTION_MS = 2600;
const MAX_FLOATING = 40;

export function createReactionsStore(): ReactionsStore {
  return createStore<ReactionsSlice>()(() => ({ floating: [] }));
}

export const feedReactions: Feeder<ReactionsStore> = (store, transport, timers) =>
  transport.events.on("reaction", ({ sessionId, emoji }) => {
    const reaction: FloatingReaction = { id: localId("reaction"), sessionId, emoji };
    store.setState((s) => ({ floating: [...s.floating, reaction].slice(-MAX_FLOATING) }));
    timers.later(REACTION_MS, () => store.setState((s) => ({ floating: s.floating.filter((r) => r.id !== reaction.id) })));
  });
