import type { StageState } from "./types.js";
import { applied, declined, type CommandOf, type SliceResult } from "./slice.js";

// The stage and its speaker queue (docs/salon.md, "Stage"). A member is in at most one of `queue` and `speakers`:
// raising a hand checks both, and inviting moves the member from one to the other in one step.

const queued = (stage: StageState, memberId: string): boolean => stage.queue.some((hand) => hand.memberId === memberId);
const speaking = (stage: StageState, memberId: string): boolean => stage.speakers.some((speaker) => speaker.memberId === memberId);

/** A member raises a hand: joins the end of the queue. Already raised or on the stage: NOTHING_TO_CHANGE. */
export function raiseHand(stage: StageState, command: CommandOf<"handRaised">): SliceResult<StageState> {
  const { memberId } = command;
  if (queued(stage, memberId) || speaking(stage, memberId)) return declined(stage, "NOTHING_TO_CHANGE");
  return applied({ ...stage, queue: [...stage.queue, { memberId, name: command.detail.name, at: command.at }] });
}

/** The hand of `detail.memberId` goes down (leaves the queue). Not in the queue: UNKNOWN_MEMBER. */
export function lowerHand(stage: StageState, command: CommandOf<"handLowered">): SliceResult<StageState> {
  const { memberId } = command.detail;
  if (!queued(stage, memberId)) return declined(stage, "UNKNOWN_MEMBER");
  return applied({ ...stage, queue: stage.queue.filter((hand) => hand.memberId !== memberId) });
}

/**
 * The host brings a queued member onto the stage (named as they were when they raised their hand). Not queued:
 * UNKNOWN_MEMBER, checked first; stage at its limit: STAGE_FULL. So speakers never outnumber the limit in force
 * when each was invited.
 */
export function inviteSpeaker(stage: StageState, command: CommandOf<"speakerInvited">): SliceResult<StageState> {
  const { memberId } = command.detail;
  const hand = stage.queue.find((raised) => raised.memberId === memberId);
  if (hand === undefined) return declined(stage, "UNKNOWN_MEMBER");
  if (stage.speakers.length >= stage.speakerLimit) return declined(stage, "STAGE_FULL");
  return applied({
    ...stage,
    queue: stage.queue.filter((raised) => raised !== hand),
    speakers: [...stage.speakers, { memberId, name: hand.name, since: command.at }],
  });
}

/** The host sends a speaker back to the floor. Not on the stage: UNKNOWN_MEMBER. */
export function returnSpeaker(stage: StageState, command: CommandOf<"speakerReturned">): SliceResult<StageState> {
  const { memberId } = command.detail;
  if (!speaking(stage, memberId)) return declined(stage, "UNKNOWN_MEMBER");
  return applied({ ...stage, speakers: stage.speakers.filter((speaker) => speaker.memberId !== memberId) });
}

/**
 * The host sets how many may be on the stage at once. Speakers already up stay even above a lowered limit; no new
 * one is invited until they are fewer than it. Same limit: NOTHING_TO_CHANGE.
 */
export function setSpeakerLimit(stage: StageState, command: CommandOf<"speakerLimitSet">): SliceResult<StageState> {
  const { limit } = command.detail;
  if (limit === stage.speakerLimit) return declined(stage, "NOTHING_TO_CHANGE");
  return applied({ ...stage, speakerLimit: limit });
}

/**
 * A host mutes or unmutes a speaker's audio (docs/voice.md). The speaker stays on the stage (and may still type);
 * their microphone is cut for every listener until unmuted, and leaving the stage clears the mark. Not on the stage:
 * NOT_ON_STAGE; already so: NOTHING_TO_CHANGE.
 */
export function setSpeakerAudio(stage: StageState, command: CommandOf<"speakerAudioSet">): SliceResult<StageState> {
  const { memberId, muted } = command.detail;
  const speaker = stage.speakers.find((candidate) => candidate.memberId === memberId);
  if (speaker === undefined) return declined(stage, "NOT_ON_STAGE");
  if ((speaker.audioMuted === true) === muted) return declined(stage, "NOTHING_TO_CHANGE");
  const { audioMuted: _previous, ...rest } = speaker;
  const next = muted ? { ...rest, audioMuted: true } : rest;
  return applied({ ...stage, speakers: stage.speakers.map((candidate) => (candidate === speaker ? next : candidate)) });
}
