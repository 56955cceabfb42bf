import { z } from "zod";
import { IceServer, type ErrorCode, type VoiceStatus, type VoiceStopReason } from "../../shared/protocol/index.js";
import type { VoiceFeedView } from "./snapshot.js";

// The pure part of stage voice on the page: which connections should exist, what the microphone's state becomes
// after each answer, and the SDP tuning. VoiceClient does what these say; the tests check these with plain data.

/** What went wrong with the microphone on this page (besides a refusal code the server sent). */
export const LOCAL_MIC_ERRORS = ["noMicrophone", "unsupported", "connectionFailed", "offline"] as const;
export type LocalMicError = (typeof LOCAL_MIC_ERRORS)[number];
export type MicErrorCode = ErrorCode | LocalMicError;

/**
 * Where this member's microphone stands:
 * - `idle`: off (not asked yet, or turned off);
 * - `asking`: waiting for the browser's permission or the media server's answer;
 * - `live`: heard by everyone;
 * - `denied`: the browser (or the member) refused the microphone: text only, with a retry;
 * - `hostMuted`: a host muted this speaker's audio;
 * - `stopped`: the server ended it (`reason`);
 * - `error`: it could not start (`code`).
 */
export type MicState =
  | { kind: "idle" }
  | { kind: "asking" }
  | { kind: "live" }
  | { kind: "denied" }
  | { kind: "hostMuted" }
  | { kind: "stopped"; reason: VoiceStopReason }
  | { kind: "error"; code: MicErrorCode };

export const MIC_IDLE: MicState = { kind: "idle" };

/** The bitrate a speaker's Opus aims at: clear speech, and room on a poor phone network. */
export const VOICE_MAX_BITRATE = 32_000;

/** The ICE servers in `state.session.voice.ice`; anything unreadable reads as none (host candidates still work on a LAN). */
export function iceServersOf(json: string): IceServer[] {
  try {
    const parsed = z.array(IceServer).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * The feeds a page should hear: every publishing speaker but itself, while the member chose to listen and voice is
 * ready; none otherwise. `refused`: feeds the server refused since they last appeared, not asked again.
 */
export function feedsToHear(input: {
  status: VoiceStatus;
  listening: boolean;
  feeds: readonly VoiceFeedView[];
  selfMemberId: string;
  refused?: ReadonlySet<string>;
}): string[] {
  if (!input.listening || input.status !== "ready") return [];
  return input.feeds
    .map((feed) => feed.memberId)
    .filter((memberId) => memberId !== input.selfMemberId && memberId !== "" && !(input.refused?.has(memberId) ?? false));
}

/** What to open and what to close to go from the feeds heard now (`open`) to `wanted`. */
export function planFeeds(open: Iterable<string>, wanted: readonly string[]): { open: string[]; close: string[] } {
  const current = new Set(open);
  const target = new Set(wanted);
  return {
    open: [...target].filter((feed) => !current.has(feed)),
    close: [...current].filter((feed) => !target.has(feed)),
  };
}

/** The microphone after the server said it stopped (`voiceStopped` without a feed). */
export function micAfterStop(reason: VoiceStopReason): MicState {
  if (reason === "hostMuted") return { kind: "hostMuted" };
  return { kind: "stopped", reason };
}

/** The microphone after the server refused `voicePublish` with `code`. */
export function micAfterRefusal(code: ErrorCode): MicState {
  if (code === "AUDIO_MUTED") return { kind: "hostMuted" };
  if (code === "NOT_ON_STAGE") return { kind: "stopped", reason: "stage" };
  if (code === "MUTED" || code === "REMOVED") return { kind: "stopped", reason: "moderation" };
  return { kind: "error", code };
}

/** The microphone after `getUserMedia` failed with an error named `name` (DOMException names). */
export function micAfterMediaError(name: string): MicState {
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") return { kind: "denied" };
  if (name === "NotFoundError" || name === "DevicesNotFoundError" || name === "OverconstrainedError") return { kind: "error", code: "noMicrophone" };
  if (name === "NotReadableError" || name === "AbortError") return { kind: "error", code: "noMicrophone" };
  return { kind: "error", code: "unsupported" };
}

/**
 * Whether the page should (re)start publishing by itself: the member wants the microphone on, is on the stage, voice
 * is ready, and nothing is running or waiting for them (a denial, a host's mute or an error wait for a click).
 */
export function shouldPublish(input: { wanted: boolean; speaker: boolean; status: VoiceStatus; audioMuted: boolean; mic: MicState; publishing: boolean }): boolean {
  return (
    input.wanted &&
    input.speaker &&
    input.status === "ready" &&
    !input.audioMuted &&
    !input.publishing &&
    (input.mic.kind === "idle" || input.mic.kind === "live" || input.mic.kind === "asking")
  );
}

const OPUS_RTPMAP = /^a=rtpmap:(\d+) opus\/48000/imu;

/**
 * `sdp` with its Opus format line asking for speech-friendly settings: at most `maxBitrate`, in-band FEC (a lost
 * packet is rebuilt from the next) and DTX (silence costs almost nothing). Applied to the media server's answer,
 * it is what the browser's encoder follows. Other lines and codecs are left as they are; no Opus, no change.
 */
export function tuneOpus(sdp: string, maxBitrate: number = VOICE_MAX_BITRATE): string {
  const payload = OPUS_RTPMAP.exec(sdp)?.[1];
  if (payload === undefined) return sdp;
  const eol = sdp.includes("\r\n") ? "\r\n" : "\n";
  const wanted: Record<string, string> = { maxaveragebitrate: String(maxBitrate), useinbandfec: "1", usedtx: "1" };
  const lines = sdp.split(eol);
  const prefix = `a=fmtp:${payload} `;
  const index = lines.findIndex((line) => line.startsWith(prefix));
  if (index === -1) {
    const rtpmap = lines.findIndex((line) => line.startsWith(`a=rtpmap:${payload} `));
    const params = Object.entries(wanted).map(([key, value]) => `${key}=${value}`).join(";");
    lines.splice(rtpmap + 1, 0, `${prefix}${params}`);
    return lines.join(eol);
  }
  const params = (lines[index] ?? "").slice(prefix.length).split(";").filter((part) => part.trim() !== "");
  const kept = params.filter((part) => !Object.hasOwn(wanted, part.split("=")[0]?.trim().toLowerCase() ?? ""));
  lines[index] = prefix + [...kept, ...Object.entries(wanted).map(([key, value]) => `${key}=${value}`)].join(";");
  return lines.join(eol);
}

/** The names of the members talking now, in the order of `feeds`, from `names` (member id → name); unknown ids are left out. */
export function talkingNames(feeds: readonly VoiceFeedView[], names: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const feed of feeds) {
    const name = feed.talking ? names.get(feed.memberId) : undefined;
    if (name !== undefined) out.push(name);
  }
  return out;
}
