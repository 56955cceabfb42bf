import { z } from "zod";
import { TOKEN_MAX_LENGTH } from "./limits.js";

// Stage voice (docs/voice.md). Browsers speak plain WebRTC to the Janus media server, but every offer and answer
// goes through the Grove room: the server checks the sender's role and the stage, then talks to Janus itself over
// its loopback API. No client ever reaches the Janus API, so no client can publish or listen unchecked.

/** The longest SDP the server reads. A browser's audio-only offer is 2–6 KB; anything past this is refused unread. */
export const VOICE_SDP_MAX_LENGTH = 16 * 1024;

/** An SDP body: printable text with line breaks, starting "v=0". The rule (rules/voice.ts) checks its shape further. */
export const Sdp = z
  .string()
  .max(VOICE_SDP_MAX_LENGTH)
  .regex(/^v=0\r?\n[\x20-\x7e\r\n\t]*$/u, "not an SDP body");

const FeedId = z.string().min(1).max(TOKEN_MAX_LENGTH);

/** A speaker on the stage: publish the microphone. `sdp`: the browser's audio-only offer (ICE gathered, no trickle). */
export const VoicePublishIntent = z.object({ sdp: Sdp }).strict();
/** A speaker: stop publishing (microphone off, or refused by the browser). */
export const VoiceUnpublishIntent = z.object({}).strict();
/** Anyone in the session: listen to one speaker's feed (`feed`: the speaker's member id). The server answers `voiceOffer`. */
export const VoiceListenIntent = z.object({ feed: FeedId }).strict();
/** The listener's answer to the server's `voiceOffer` for `feed`. */
export const VoiceAnswerIntent = z.object({ feed: FeedId, sdp: Sdp }).strict();
/** Stop listening to one feed (`feed`), or to all (no feed). */
export const VoiceUnlistenIntent = z.object({ feed: FeedId.optional() }).strict();
/** Host: mute or unmute a speaker's audio for everyone (they stay on the stage). */
export const MuteSpeakerAudioIntent = z.object({ memberId: FeedId, muted: z.boolean() }).strict();

export type VoicePublishIntent = z.infer<typeof VoicePublishIntent>;
export type VoiceListenIntent = z.infer<typeof VoiceListenIntent>;
export type VoiceAnswerIntent = z.infer<typeof VoiceAnswerIntent>;
export type VoiceUnlistenIntent = z.infer<typeof VoiceUnlistenIntent>;
export type MuteSpeakerAudioIntent = z.infer<typeof MuteSpeakerAudioIntent>;

/** To a speaker: Janus's answer to their offer. Media starts once the browser applies it. */
export const VoiceAnswerEvent = z.object({ sdp: z.string() });
/** To a listener: Janus's offer for `feed`; the browser answers with `voiceAnswer`. */
export const VoiceOfferEvent = z.object({ feed: z.string(), sdp: z.string() });

/**
 * Why a speaker's microphone stopped being heard:
 * - `stage`: they left the stage or a host sent them back;
 * - `hostMuted`: a host muted their audio;
 * - `moderation`: a host muted (chat and stage) or removed them;
 * - `replaced`: the same member published again (another tab, a reconnect);
 * - `unavailable`: the media server went away.
 */
export const VOICE_STOP_REASONS = ["stage", "hostMuted", "moderation", "replaced", "unavailable"] as const;
export type VoiceStopReason = (typeof VOICE_STOP_REASONS)[number];
/** To a speaker: their publishing ended, and why. To a listener with `feed`: that feed ended (they close its connection). */
export const VoiceStoppedEvent = z.object({ reason: z.enum(VOICE_STOP_REASONS), feed: z.string().optional() });
export type VoiceStoppedEvent = z.infer<typeof VoiceStoppedEvent>;

/**
 * Voice in this session as every member sees it (the room state's `session.voice`):
 * - `ready`: speakers can be heard;
 * - `unavailable`: no media server (`reason` says why: VoiceUnavailableReason);
 * - `off`: voice is switched off for this server (GROVE_VOICE=off).
 */
export const VOICE_STATUSES = ["ready", "unavailable", "off"] as const;
export type VoiceStatus = (typeof VOICE_STATUSES)[number];
/**
 * - `notInstalled`: no `janus` program on this server and no JANUS_URL;
 * - `unreachable`: Janus is configured but does not answer (starting, crashed, or JANUS_URL is wrong);
 * - `disabled`: GROVE_VOICE=off;
 * - `error`: Janus answered but refused to make the session's room (its log says why).
 */
export const VOICE_UNAVAILABLE_REASONS = ["notInstalled", "unreachable", "disabled", "error"] as const;
export type VoiceUnavailableReason = (typeof VOICE_UNAVAILABLE_REASONS)[number];

/** An ICE server as RTCPeerConnection takes it (STUN, or TURN with credentials), from the server's configuration. */
export const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;
