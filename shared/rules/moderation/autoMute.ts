import type { Offence, Strikes } from "./types.js";

/** The automatic mute's thresholds (docs/moderation.md): the one table the rules, the room and the tests read. */
export interface AutoMuteTable {
  /** How far back offences count (ms): an offence older than this, at the time of a new one, is forgotten. */
  readonly windowMs: number;
  /** How many offences within the window mute the member. */
  readonly offences: number;
  /** How long the 1st, 2nd, 3rd… automatic mute lasts (ms); past the end of the list, the last length repeats. */
  readonly stepsMs: readonly number[];
}

/** Three offences within two minutes mute for 1 minute, then 5, then 30 (and 30 for every later one). */
export const AUTO_MUTE: AutoMuteTable = Object.freeze({ windowMs: 120_000, offences: 3, stepsMs: Object.freeze([60_000, 300_000, 1_800_000]) });

/**
 * Counts one offence toward a member's automatic mute. The offences kept are those no older than the window at the
 * new offence's time; when they reach `AUTO_MUTE.offences`, the member is muted for the next step's length
 * (`muteMs`), the offences are cleared and `autoMutes` grows, so the next mute is longer. Otherwise `muteMs` is null.
 * Pure: the input is never changed. (Offences while muted are not counted at all: the caller checks that first.)
 */
export function recordOffence(strikes: Strikes | undefined, offence: Offence): { strikes: Strikes; muteMs: number | null } {
  const autoMutes = strikes?.autoMutes ?? 0;
  const offences = [...(strikes?.offences ?? []).filter((earlier) => offence.at - earlier.at <= AUTO_MUTE.windowMs), offence];
  if (offences.length < AUTO_MUTE.offences) return { strikes: { offences, autoMutes }, muteMs: null };
  const muteMs = AUTO_MUTE.stepsMs[Math.min(autoMutes, AUTO_MUTE.stepsMs.length - 1)] as number;
  return { strikes: { offences: [], autoMutes: autoMutes + 1 }, muteMs };
}
