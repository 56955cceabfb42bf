/** What a member can do with an event right now, from its head-count and schedule: the lobby and `/` say it in words. */
export type EventStatus =
  | { kind: "live"; online: number }
  | { kind: "open" }
  | { kind: "upcoming"; startsAt: number }
  | { kind: "ended"; endsAt: number };

export interface EventTimes {
  online: number;
  startsAt: number | null;
  endsAt: number | null;
}

/**
 * People inside make an event live whatever its schedule says. Otherwise a start still ahead makes it upcoming, an
 * end behind makes it ended, and anything else is open. The venue lets members in in every case.
 */
export function eventStatus(event: EventTimes, now: number): EventStatus {
  if (event.online > 0) return { kind: "live", online: event.online };
  if (event.startsAt !== null && now < event.startsAt) return { kind: "upcoming", startsAt: event.startsAt };
  if (event.endsAt !== null && now >= event.endsAt) return { kind: "ended", endsAt: event.endsAt };
  return { kind: "open" };
}
