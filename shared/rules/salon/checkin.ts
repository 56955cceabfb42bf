import type { CheckIn } from "./types.js";
import { applied, declined, own, type CommandOf, type SliceResult } from "./slice.js";

type CheckIns = readonly CheckIn[];

/** A host opens a check-in (`c<seq>`); one still open is closed at the same moment, so at most one is open. */
export function openCheckIn(checkIns: CheckIns, command: CommandOf<"checkInOpened">): SliceResult<CheckIns> {
  const closed = checkIns.map((checkIn) => (checkIn.closedAt === null ? { ...checkIn, closedAt: command.at } : checkIn));
  const opened: CheckIn = { id: `c${command.seq}`, prompt: command.detail.prompt, openedAt: command.at, closedAt: null, answers: {} };
  return applied([...closed, opened]);
}

/** A host closes a check-in. Unknown: UNKNOWN_CHECK_IN; closed already: NOTHING_TO_CHANGE. */
export function closeCheckIn(checkIns: CheckIns, command: CommandOf<"checkInClosed">): SliceResult<CheckIns> {
  const index = checkIns.findIndex((checkIn) => checkIn.id === command.detail.checkInId);
  const checkIn = checkIns[index];
  if (checkIn === undefined) return declined(checkIns, "UNKNOWN_CHECK_IN");
  if (checkIn.closedAt !== null) return declined(checkIns, "NOTHING_TO_CHANGE");
  return applied(checkIns.map((c, i) => (i === index ? { ...checkIn, closedAt: command.at } : c)));
}

/**
 * The sender checks in, once per check-in, while it is open. The streak came with the command (the room read it
 * from the store before logging), so a replay needs no store and gives the same streak.
 */
export function checkIn(checkIns: CheckIns, command: CommandOf<"checkedIn">): SliceResult<CheckIns> {
  const index = checkIns.findIndex((c) => c.id === command.detail.checkInId);
  const current = checkIns[index];
  if (current === undefined) return declined(checkIns, "UNKNOWN_CHECK_IN");
  if (current.closedAt !== null) return declined(checkIns, "CHECK_IN_CLOSED");
  if (own(current.answers, command.memberId) !== undefined) return declined(checkIns, "ALREADY_CHECKED_IN");
  const { name, text, streak } = command.detail;
  const answers = { ...current.answers, [command.memberId]: { name, text, at: command.at, streak } };
  return applied(checkIns.map((c, i) => (i === index ? { ...current, answers } : c)));
}

/**
 * The streak a check-in gives: 1 + the number of this event's sessions just before this one, in a row, that the
 * member checked in at. `previous`: for each earlier session of the event, newest first, whether they checked in.
 */
export function checkInStreak(previous: readonly boolean[]): number {
  const missed = previous.indexOf(false);
  return 1 + (missed === -1 ? previous.length : missed);
}
