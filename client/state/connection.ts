import { createStore, type StoreApi } from "zustand/vanilla";
import type { ConnectionState } from "../net/VenueConnection.js";
import { all, type Feeder } from "./feed.js";

/** Where this page's connection stands, and who the server says we are. */
export interface ConnectionSlice extends ConnectionState {
  /** The durable member id from the last welcome ("" before it). */
  memberId: string;
  eventTitle: string;
}
export type ConnectionStore = StoreApi<ConnectionSlice>;

export const INITIAL_CONNECTION: ConnectionSlice = { status: "idle", refusal: null, sessionId: "", memberId: "", eventTitle: "" };

export function createConnectionStore(): ConnectionStore {
  return createStore<ConnectionSlice>()(() => INITIAL_CONNECTION);
}

export const feedConnection: Feeder<ConnectionStore> = (store, transport) =>
  all([
    transport.signals.on("status", ({ status, refusal, sessionId }) => store.setState({ status, refusal, sessionId })),
    transport.signals.on("eventTitle", (eventTitle) => store.setState({ eventTitle })),
    transport.events.on("welcome", (welcome) =>
      store.setState((previous) => ({ memberId: welcome.memberId, eventTitle: welcome.eventTitle || previous.eventTitle })),
    ),
  ]);

/** Whether the page shows the venue (rather than the lobby): joined, or trying to get back in. */
export function inVenue(state: ConnectionSlice): boolean {
  return state.status === "joined" || state.status === "reconnecting" || state.status === "takenOver" || state.status === "lost";
}
