import { createStore, type StoreApi } from "zustand/vanilla";
import type { MemberView } from "../net/VenueConnection.js";
import type { Feeder } from "./feed.js";

/** The members of this instance as the list and the avatars show them (positions are read by ref, never here). */
export interface MembersSlice {
  /** Yourself first, then by name; a new array only when something shown changed (not when someone walks). */
  members: readonly MemberView[];
}
export type MembersStore = StoreApi<MembersSlice>;

export function createMembersStore(): MembersStore {
  return createStore<MembersSlice>()(() => ({ members: [] }));
}

export const feedMembers: Feeder<MembersStore> = (store, transport) =>
  transport.signals.on("members", (members) => store.setState({ members }));
