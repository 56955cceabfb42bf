import { z } from "zod";

/** Stable refusal codes. The server sends only these; the client maps each to the i18n key `errors.<code>`. */
export const ErrorCode = z.enum([
  "INVALID_MESSAGE",
  "MESSAGE_TOO_LARGE",
  "RATE_LIMITED",
  "UNKNOWN_MESSAGE",
  "EMPTY_MESSAGE",
  "PROTOCOL_MISMATCH",
  "INVALID_JOIN",
  "NAME_TOO_LONG",
  "EVENT_NOT_FOUND",
  "INTERNAL",
  /** The same member joined again from another tab or device; the older connection is closed with this. */
  "SESSION_TAKEN_OVER",
  /** An HTTP request body over its limit. */
  "BODY_TOO_LARGE",
  /** The sender's role may not send this intent (a member posting an announcement, say). Nothing changed. */
  "FORBIDDEN",
  /** The session's rules refuse the command as things stand (clearing an announcement when there is none). */
  "NOTHING_TO_CHANGE",
  /** The operator API was called without the operator token, or with a wrong one. */
  "UNAUTHORIZED",
  /** The operator API: an event with that slug exists already. */
  "SLUG_TAKEN",
  /** The operator API: the request body does not match its schema. */
  "INVALID_REQUEST",
  // ── The salon (docs/salon.md) ──
  /** No poll, question, debate or check-in of this session has that id. */
  "UNKNOWN_POLL",
  "UNKNOWN_OPTION",
  "UNKNOWN_QUESTION",
  "UNKNOWN_DEBATE",
  "UNKNOWN_CHECK_IN",
  /** The member id names nobody the command can apply to (not in the queue, not on the stage, never in the session). */
  "UNKNOWN_MEMBER",
  /** A vote or answer on a poll that has closed (by the host or its time limit). */
  "POLL_CLOSED",
  /** The host locked the votes: a vote already cast cannot be changed. */
  "VOTE_LOCKED",
  /** A poll as the host wrote it cannot run (too few options, a quiz without a correct answer, a repeated option…). */
  "INVALID_POLL",
  /** The member upvoted that question already. */
  "ALREADY_UPVOTED",
  /** The member checked in to this check-in already. */
  "ALREADY_CHECKED_IN",
  /** The check-in was closed. */
  "CHECK_IN_CLOSED",
  /** A question longer than 300 characters. */
  "QUESTION_TOO_LONG",
  /** As many members are on the stage as the host allows. */
  "STAGE_FULL",
  /** The debate is not taking stances now (during the discussion, or closed), or cannot move to that phase. */
  "WRONG_PHASE",
  /** A stage screen address that is not an http(s) or /assets/ MP4, WebM or HLS video. */
  "INVALID_URL",
  // ── Moderation (docs/moderation.md) ──
  /** A host muted the member (or the automatic mute did): chat, reactions, the hand and the stage are refused until `retryAfterMs`. */
  "MUTED",
  /** A host removed the member from this session: the identity cannot rejoin it. */
  "REMOVED",
  /** A host locked the session: no new members may join (members already in it may). */
  "LOCKED",
  /** Slow mode: the member must wait `retryAfterMs` before their next chat line. */
  "SLOW_MODE",
  /** No chat line of this session has that id (or it was deleted). */
  "UNKNOWN_LINE",
  /** No queued line has that id. */
  "UNKNOWN_FLAG",
  /** The member reported that line already. */
  "ALREADY_REPORTED",
  /** A host cannot mute, remove or report themselves. */
  "SELF_MODERATION",
  // ── Growth (docs/growth.md) ──
  /** A member cannot give energy to their own contribution. */
  "SELF_ENERGY",
  /** The member gave that contribution energy already (once each). */
  "ALREADY_ENERGISED",
  /** The member gave all the energy a session allows. */
  "NO_ENERGY_LEFT",
  /** No speaker with that id is on the stage now. */
  "NOT_ON_STAGE",
  /** The member owns no collectible with that id. */
  "UNKNOWN_COLLECTIBLE",
  /** Only an evangelist may open a salon of their own. */
  "NOT_EVANGELIST",
  /** The operator turned members' own salons off for this event. */
  "MEMBER_SALONS_OFF",
  // ── Hunts (docs/hunts.md) ──
  /** The event has no hunt. */
  "NO_HUNT",
  /** The hunt has not started yet, or has ended. */
  "HUNT_NOT_OPEN",
  /** No clue of this hunt has that id (or it is not the kind the call needs). */
  "UNKNOWN_CLUE",
  /** The member's avatar is not within reach of the scene clue (checked on the server). */
  "TOO_FAR",
  /** An ordered (or random-order) hunt: another clue comes first. */
  "OUT_OF_ORDER",
  /** The member, or their team, found that clue already. */
  "ALREADY_FOUND",
  /** The riddle's answer is not one of those accepted. */
  "WRONG_ANSWER",
  /** A team hunt: the member must join a team first. */
  "NEEDS_TEAM",
  /** No team of this hunt has that name. */
  "UNKNOWN_TEAM",
  /** The member is in a team already and has hunted with it: they cannot switch. */
  "TEAM_LOCKED",
  /** The blind box's task (take part in the salon, check in) is not done yet. */
  "TASK_NOT_DONE",
  /** A QR code's token that is forged, altered or unreadable. */
  "INVALID_TOKEN",
  /** A QR code's token past its expiry. */
  "TOKEN_EXPIRED",
  /** A QR code printed before the operator rotated it: the new print replaces it. */
  "TOKEN_ROTATED",
  /** A voucher code that is forged, altered or unknown. */
  "INVALID_VOUCHER",
  /** The voucher was used already. */
  "ALREADY_REDEEMED",
  /** The voucher is for another partner's counter. */
  "WRONG_PARTNER",
  /** A staff link that is forged, altered or rotated out. */
  "INVALID_STAFF_LINK",
  /** Statistics (docs/statistics.md): no session has that id. */
  "UNKNOWN_SESSION",
  /** A webhook address that is not http(s), carries credentials, or is too long. */
  "INVALID_WEBHOOK",
  /** The event has no webhook address to test. */
  "NO_WEBHOOK",
  // ── Stage voice (docs/voice.md) ──
  /** No media server: voice is off, Janus is not installed, or it does not answer. Text on the stage still works. */
  "VOICE_UNAVAILABLE",
  /** No speaker with that id is publishing in this session now (a listen for another session's feed, say). */
  "UNKNOWN_FEED",
  /** An SDP offer or answer that is malformed, not audio-only, or refused by the media server. */
  "INVALID_SDP",
  /** A host muted this speaker's audio: the microphone is not heard until they unmute it. */
  "AUDIO_MUTED",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The i18n key a client shows for a refusal code. */
export function errorKey(code: ErrorCode): `errors.${ErrorCode}` {
  return `errors.${code}`;
}

/**
 * WebSocket close / join-refusal codes for the refusals that happen before a member is in the room.
 * The join error's message is the `ErrorCode` itself so that the client can name the reason.
 */
export const JOIN_REFUSAL_CLOSE_CODE = 4400;

/**
 * WebSocket close code sent to an older connection when the same member joins again elsewhere (another tab or
 * device): the page must not reconnect on its own, it tells the member where the seat went.
 */
export const SESSION_TAKEN_OVER_CLOSE_CODE = 4409;

/**
 * WebSocket close code of a server that is shutting down or restarting. Colyseus' default (4000) reads as a leave
 * the member chose; this one tells the page to keep the member's place and come back once the server is up.
 */
export const SERVER_RESTARTING_CLOSE_CODE = 4503;

/** WebSocket close code sent to a member a host removed from the session: the page must not come back on its own. */
export const REMOVED_CLOSE_CODE = 4403;

/**
 * The reason the join endpoint gives when Colyseus' matchmaker refuses a request on its own terms (a spent
 * reconnection token, a room that is gone or full). A page whose reconnect hears this knows the seat is gone
 * (the server restarted) and joins again instead of retrying the token.
 */
export const MATCHMAKE_REFUSED = "MATCHMAKE_REFUSED";
