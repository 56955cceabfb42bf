import type { Emitter } from "../net/emitter.js";
import type { ServerEventDispatcher } from "../net/serverEvents.js";
import type { TransportSignals } from "../net/VenueConnection.js";
import type { Timers } from "./timers.js";

/** What a slice is fed from: the transport's parsed server events and its signals (a VenueConnection has both). */
export interface TransportFeed {
  readonly events: ServerEventDispatcher;
  readonly signals: Emitter<TransportSignals>;
}

/** Subscribes a slice to the transport; returns the unsubscribe. */
export type Feeder<Store> = (store: Store, transport: TransportFeed, timers: Timers) => () => void;

/** Runs every unsubscribe in `offs`. */
export function all(offs: ReadonlyArray<() => void>): () => void {
  return () => {
    for (const off of offs) off();
  };
}
