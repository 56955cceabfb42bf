import type { MemberView } from "../net/VenueConnection.js";
import type { MembersStore } from "./members.js";

/** Arrivals and departures this close together are told as one ("3 people arrived"). */
export const ARRIVALS_WINDOW_MS = 2000;

/** Who came and went over one window, by name, in the order the member list shows them. */
export interface PresenceChange {
  arrived: readonly string[];
  left: readonly string[];
}

/** Everyone but yourself, by member id: a reconnect or a takeover keeps the member id, so it is no change. */
export function presenceOf(members: readonly MemberView[]): ReadonlyMap<string, string> {
  const present = new Map<string, string>();
  for (const member of members) if (!member.isSelf) present.set(member.memberId, member.name);
  return present;
}

/** Who is in `after` and not in `before` (arrived), and the reverse (left). Nothing when the member ids match. */
export function presenceChange(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): PresenceChange {
  const arrived = [...after].filter(([id]) => !before.has(id)).map(([, name]) => name);
  const left = [...before].filter(([id]) => !after.has(id)).map(([, name]) => name);
  return { arrived, left };
}

export interface ArrivalsWatch {
  members: MembersStore;
  /** Told once a window has closed with someone new or gone; never for the list found on entering. */
  announce: (change: PresenceChange) => void;
  windowMs?: number;
}

/**
 * Watches the member list and tells who arrived or left, a window at a time. The window opens with the first
 * change and closes ARRIVALS_WINDOW_MS later (not moved by later changes, so a steady stream is still told); what
 * is told is the difference between the list at the last telling and the list then, so someone who came and went
 * within one window, or a seat taken over by the same member, is not told at all. The list found on entering is
 * the starting point: it arrives one member at a time within one task, so it is taken once that task is over.
 * Returns a function that stops watching.
 */
export function watchArrivals({ members, announce, windowMs = ARRIVALS_WINDOW_MS }: ArrivalsWatch): () => void {
  let told: ReadonlyMap<string, string> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const settle = () => {
    timer = null;
    told = presenceOf(members.getState().members);
  };
  const tell = () => {
    timer = null;
    if (told === null) return settle();
    const now = presenceOf(members.getState().members);
    const change = presenceChange(told, now);
    told = now;
    if (change.arrived.length > 0 || change.left.length > 0) announce(change);
  };

  if (members.getState().members.length > 0) told = presenceOf(members.getState().members);
  const unsubscribe = members.subscribe((state, previous) => {
    if (state.members === previous.members || timer !== null) return;
    timer = setTimeout(told === null ? settle : tell, told === null ? 0 : windowMs);
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}
