import type { CheckIn } from "./types.js";
import type { CommandOf, SliceResult } from "./slice.js";

// STUB — to be implemented by the rules helper (docs/salon.md, "Check-in").

type CheckIns = readonly CheckIn[];

export function openCheckIn(checkIns: CheckIns, command: CommandOf<"checkInOpened">): SliceResult<CheckIns> {
  throw new Error(`not implemented ${checkIns.length} ${command.kind}`);
}
export function closeCheckIn(checkIns: CheckIns, command: CommandOf<"checkInClosed">): SliceResult<CheckIns> {
  throw new Error(`not implemented ${checkIns.length} ${command.kind}`);
}
export function checkIn(checkIns: CheckIns, command: CommandOf<"checkedIn">): SliceResult<CheckIns> {
  throw new Error(`not implemented ${checkIns.length} ${command.kind}`);
}
/**
 * The streak a check-in gives: 1 + the number of this event's sessions just before this one, in a row, that the
 * member checked in at. `previous`: for each earlier session of the event, newest first, whether they checked in.
 */
export function checkInStreak(previous: readonly boolean[]): number {
  throw new Error(`not implemented ${previous.length}`);
}
