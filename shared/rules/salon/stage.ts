import type { StageState } from "./types.js";
import type { CommandOf, SliceResult } from "./slice.js";

// STUB — to be implemented by the rules helper (docs/salon.md, "Stage and speaker queue").

/** A member raises a hand: joins the end of the queue. Already raised or on the stage: NOTHING_TO_CHANGE. */
export function raiseHand(stage: StageState, command: CommandOf<"handRaised">): SliceResult<StageState> {
  throw new Error(`not implemented ${String(stage)} ${command.kind}`);
}
/** The hand of `detail.memberId` goes down (leaves the queue). Not in the queue: UNKNOWN_MEMBER. */
export function lowerHand(stage: StageState, command: CommandOf<"handLowered">): SliceResult<StageState> {
  throw new Error(`not implemented ${String(stage)} ${command.kind}`);
}
/** The host brings a queued member onto the stage. Not queued: UNKNOWN_MEMBER; stage at its limit: STAGE_FULL. */
export function inviteSpeaker(stage: StageState, command: CommandOf<"speakerInvited">): SliceResult<StageState> {
  throw new Error(`not implemented ${String(stage)} ${command.kind}`);
}
/** The host sends a speaker back to the floor. Not on the stage: UNKNOWN_MEMBER. */
export function returnSpeaker(stage: StageState, command: CommandOf<"speakerReturned">): SliceResult<StageState> {
  throw new Error(`not implemented ${String(stage)} ${command.kind}`);
}
/** The host sets how many may be on the stage at once (speakers already up stay). Same limit: NOTHING_TO_CHANGE. */
export function setSpeakerLimit(stage: StageState, command: CommandOf<"speakerLimitSet">): SliceResult<StageState> {
  throw new Error(`not implemented ${String(stage)} ${command.kind}`);
}
