import type { ErrorCode, VoiceStopReason } from "../protocol/index.js";
import { isMuted, isRemoved } from "./moderation/moderation.js";
import type { RateLimit } from "./rateLimit.js";
import type { SessionState } from "./session.js";

// Stage voice (docs/voice.md): who may publish and who may listen, as the stage and moderation change. Pure: the
// server asks these before it talks to Janus, and again on every session change to cut off whoever lost the right.

/** Why a member may not publish now. */
export type PublishRefusal = Extract<ErrorCode, "REMOVED" | "MUTED" | "NOT_ON_STAGE" | "AUDIO_MUTED">;

/**
 * Whether `memberId` may publish their microphone at `now`: only a speaker on the stage, not muted by moderation,
 * not removed, and whose audio no host muted. Checked in that order (removal and a mute outrank the stage).
 */
export function publishRefusal(session: SessionState, memberId: string, now: number): PublishRefusal | null {
  if (isRemoved(session.moderation, memberId)) return "REMOVED";
  if (isMuted(session.moderation, memberId, now)) return "MUTED";
  const speaker = session.stage.speakers.find((candidate) => candidate.memberId === memberId);
  if (speaker === undefined) return "NOT_ON_STAGE";
  if (speaker.audioMuted === true) return "AUDIO_MUTED";
  return null;
}

/** Whether `memberId` may listen: anyone in the session but a removed member (a muted member still hears the stage). */
export function listenRefusal(session: SessionState, memberId: string): Extract<ErrorCode, "REMOVED"> | null {
  return isRemoved(session.moderation, memberId) ? "REMOVED" : null;
}

/** What a publisher is told when the right to publish goes away. */
export function stopReason(refusal: PublishRefusal): VoiceStopReason {
  if (refusal === "NOT_ON_STAGE") return "stage";
  if (refusal === "AUDIO_MUTED") return "hostMuted";
  return "moderation";
}

/** The publishers among `publishing` who may no longer publish as the session stands at `now`, each with why. */
export function publishersToStop(
  session: SessionState,
  publishing: Iterable<string>,
  now: number,
): { memberId: string; reason: VoiceStopReason }[] {
  const stops: { memberId: string; reason: VoiceStopReason }[] = [];
  for (const memberId of publishing) {
    const refusal = publishRefusal(session, memberId, now);
    if (refusal !== null) stops.push({ memberId, reason: stopReason(refusal) });
  }
  return stops;
}

/** The listeners among `listening` who may no longer listen (removed from the session). */
export function listenersToDrop(session: SessionState, listening: Iterable<string>): string[] {
  return [...listening].filter((memberId) => listenRefusal(session, memberId) !== null);
}

const SDP_LINE = /^[a-z]=.*$/u;

/**
 * Whether an SDP body is one the voice path accepts: well-formed lines (`x=…`), starting `v=0`, and exactly one
 * media section, an audio one (`m=audio`). A video, data channel or second section is refused: the stage carries
 * voice only. Janus parses it further and may still refuse it (INVALID_SDP either way).
 */
export function isAudioOnlySdp(sdp: string): boolean {
  const lines = sdp.split(/\r?\n/u).filter((line) => line !== "");
  if (lines[0] !== "v=0") return false;
  if (!lines.every((line) => SDP_LINE.test(line))) return false;
  const media = lines.filter((line) => line.startsWith("m="));
  return media.length === 1 && media.every((line) => /^m=audio \d+ /u.test(line));
}

/** Publishing (an offer makes a new Janus publisher): a few a minute are plenty; a flood is refused. */
export const VOICE_PUBLISH_RATE: RateLimit = { capacity: 4, perSecond: 0.2 };
/** Listening, answering and stopping: a burst for a full stage (8 feeds × listen + answer), then 2 a second. */
export const VOICE_LISTEN_RATE: RateLimit = { capacity: 24, perSecond: 2 };
