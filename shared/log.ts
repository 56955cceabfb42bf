import { z } from "zod";
import {
  ANNOUNCEMENT_MAX_LENGTH,
  CHAT_MAX_LENGTH,
  CHECK_IN_PROMPT_MAX_LENGTH,
  DEBATE_SIDE_MAX_LENGTH,
  NAME_MAX_LENGTH,
  OPEN_ANSWER_MAX_LENGTH,
  POLL_DURATION_MAX_SECONDS,
  POLL_OPTION_MAX_LENGTH,
  POLL_QUESTION_MAX_LENGTH,
  SALON_ID_MAX_LENGTH,
  SCREEN_URL_MAX_LENGTH,
  TOKEN_MAX_LENGTH,
  WORD_MAX_LENGTH,
} from "./protocol/limits.js";
import { REACTIONS } from "./protocol/intents.js";
import {
  FILTER_WORD_MAX_LENGTH,
  FILTER_WORDS_MAX,
  MODERATION_NOTE_MAX_LENGTH,
  MUTE_MAX_MS,
  MUTE_MIN_MS,
  SLOW_MODE_MAX_SECONDS,
  WHISPER_MAX_LENGTH,
} from "./rules/moderation/types.js";

/**
 * The interactions log, typed: every kind of interaction and the detail it carries, one discriminated union.
 * The store validates an entry before it writes it and parses every row it reads, so statistics, points and
 * badges (pure functions over these rows) never meet a shape they do not know. Each feature adds its kinds here.
 */

/** Why a member's presence ended, when it was not simply their choice. */
export const LeaveReason = z.enum([
  /** The same member joined from another instance; this seat was given up. */
  "takenOver",
  /** The process died with the member inside and nobody resumed the session in time. */
  "abandoned",
  /** The server stopped or restarted with the member inside. */
  "restart",
]);
export type LeaveReason = z.infer<typeof LeaveReason>;

const Empty = z.object({}).strict();

export const JoinEntry = z.object({ kind: z.literal("join"), detail: Empty });
export const LeaveEntry = z.object({ kind: z.literal("leave"), detail: z.object({ reason: LeaveReason.optional() }).strict() });
/**
 * A chat line. `id` is the id the line went out with (so history and live copies are one line), `name` the
 * sender's name at the time and `instance` the number of the instance it was said in (history is per instance).
 * Rows logged before these fields existed have only `text`; they stay readable.
 */
export const ChatEntry = z.object({
  kind: z.literal("chat"),
  detail: z
    .object({
      text: z.string().min(1).max(CHAT_MAX_LENGTH),
      id: z.string().min(1).max(64).optional(),
      name: z.string().max(NAME_MAX_LENGTH).optional(),
      instance: z.number().int().positive().optional(),
      /** The sender was on the stage, or a Q&A expert, when they said it: the line is highlighted for everyone. */
      badge: z.enum(["speaker", "expert"]).optional(),
    })
    .strict(),
});
export const ReactionEntry = z.object({ kind: z.literal("reaction"), detail: z.object({ emoji: z.enum(REACTIONS) }).strict() });
/** Session command: a host put up an announcement (`name` is the host's name at the time). */
export const AnnouncementPostedEntry = z.object({
  kind: z.literal("announcementPosted"),
  detail: z.object({ text: z.string().min(1).max(ANNOUNCEMENT_MAX_LENGTH), name: z.string().max(NAME_MAX_LENGTH) }).strict(),
});
/** Session command: a host took the announcement down. */
export const AnnouncementClearedEntry = z.object({ kind: z.literal("announcementCleared"), detail: Empty });

// ── Salon commands (docs/salon.md). Names are the sender's (or the subject's) name at the time. ──
const SalonId = z.string().min(1).max(SALON_ID_MAX_LENGTH);
const MemberRef = z.string().min(1).max(TOKEN_MAX_LENGTH);
const Name = z.string().max(NAME_MAX_LENGTH);
const command = <K extends string, D extends z.ZodRawShape>(kind: K, detail: D) => z.object({ kind: z.literal(kind), detail: z.object(detail).strict() });

export const HandRaisedEntry = command("handRaised", { name: Name });
/** `memberId`: whose hand (the sender's own, or any when a host lowers it). */
export const HandLoweredEntry = command("handLowered", { memberId: MemberRef });
export const SpeakerInvitedEntry = command("speakerInvited", { memberId: MemberRef });
export const SpeakerReturnedEntry = command("speakerReturned", { memberId: MemberRef });
export const SpeakerLimitSetEntry = command("speakerLimitSet", { limit: z.number().int().min(1).max(8) });
/** A host muted (or unmuted) a speaker's audio (docs/voice.md): their microphone is cut for everyone until unmuted. */
export const SpeakerAudioSetEntry = command("speakerAudioSet", { memberId: MemberRef, muted: z.boolean() });

export const PollOpenedEntry = command("pollOpened", {
  kind: z.enum(["single", "multiple", "quiz", "open"]),
  question: z.string().min(1).max(POLL_QUESTION_MAX_LENGTH),
  options: z.array(z.string().min(1).max(POLL_OPTION_MAX_LENGTH)).max(8),
  /** Quiz: the index of the correct option. */
  correct: z.array(z.number().int().min(0).max(7)).max(8),
  durationMs: z.number().int().positive().max(POLL_DURATION_MAX_SECONDS * 1000).nullable(),
  resultsShown: z.boolean(),
});
export const PollVotedEntry = command("pollVoted", { pollId: SalonId, options: z.array(SalonId).min(1).max(8), name: Name });
export const PollAnsweredEntry = command("pollAnswered", { pollId: SalonId, text: z.string().min(1).max(OPEN_ANSWER_MAX_LENGTH), name: Name });
export const PollClosedEntry = command("pollClosed", { pollId: SalonId });
export const PollLockedEntry = command("pollLocked", { pollId: SalonId, locked: z.boolean() });
export const PollResultsShownEntry = command("pollResultsShown", { pollId: SalonId, shown: z.boolean() });
export const PollWordHiddenEntry = command("pollWordHidden", { pollId: SalonId, word: z.string().min(1).max(WORD_MAX_LENGTH), hidden: z.boolean() });

export const DebateOpenedEntry = command("debateOpened", {
  motion: z.string().min(1).max(POLL_QUESTION_MAX_LENGTH),
  sides: z.tuple([z.string().min(1).max(DEBATE_SIDE_MAX_LENGTH), z.string().min(1).max(DEBATE_SIDE_MAX_LENGTH)]),
});
export const DebatePhaseSetEntry = command("debatePhaseSet", { debateId: SalonId, phase: z.enum(["before", "discussion", "after", "closed"]) });
export const StanceTakenEntry = command("stanceTaken", { debateId: SalonId, side: z.union([z.literal(0), z.literal(1)]), name: Name });

export const QuestionAskedEntry = command("questionAsked", { text: z.string().min(1).max(300), name: Name, anonymous: z.boolean() });
export const QuestionUpvotedEntry = command("questionUpvoted", { questionId: SalonId });
export const QuestionModeratedEntry = command("questionModerated", {
  questionId: SalonId,
  action: z.enum(["pin", "unpin", "answer", "unanswer", "hide", "unhide"]),
});
export const ExpertSetEntry = command("expertSet", { memberId: MemberRef, name: Name, expert: z.boolean() });

export const CheckInOpenedEntry = command("checkInOpened", { prompt: z.string().min(1).max(CHECK_IN_PROMPT_MAX_LENGTH) });
export const CheckInClosedEntry = command("checkInClosed", { checkInId: SalonId });
export const CheckedInEntry = command("checkedIn", {
  checkInId: SalonId,
  text: z.string().max(OPEN_ANSWER_MAX_LENGTH),
  name: Name,
  streak: z.number().int().min(1).max(100_000),
});

export const ScreenSetEntry = command("screenSet", { url: z.string().min(1).max(SCREEN_URL_MAX_LENGTH) });
export const ScreenClearedEntry = command("screenCleared", {});
export const ScreenPlaybackEntry = command("screenPlayback", { playing: z.boolean(), position: z.number().finite().min(0).max(86_400) });

// ── Moderation commands (docs/moderation.md). The sender is the host (or, for offenceRecorded / lineFlagged, the
// member the server saw offend or write; for lineReported, the reporter). Names are as at the time: `name` is the
// subject member's where the command has one (`memberId`), else the sender's; the host's own is then `byName`
// (`fromName` for a whisper), so the moderation log can say who acted. ──
const Note = z.string().max(MODERATION_NOTE_MAX_LENGTH);
const FilterWords = z.array(z.string().min(1).max(FILTER_WORD_MAX_LENGTH)).max(FILTER_WORDS_MAX);
const LineId = z.string().min(1).max(64);

/** `durationMs`: null mutes for the session. `name`: the muted member's; `byName`: the host's (the log says who). */
export const MemberMutedEntry = command("memberMuted", {
  memberId: MemberRef,
  name: Name,
  durationMs: z.number().int().min(MUTE_MIN_MS).max(MUTE_MAX_MS).nullable(),
  note: Note,
  byName: Name,
});
export const MemberUnmutedEntry = command("memberUnmuted", { memberId: MemberRef, name: Name, byName: Name });
export const MemberRemovedEntry = command("memberRemoved", { memberId: MemberRef, name: Name, note: Note, byName: Name });
/** `name`: the host's. */
export const SessionLockedEntry = command("sessionLocked", { locked: z.boolean(), name: Name });
export const SlowModeSetEntry = command("slowModeSet", { seconds: z.number().int().min(0).max(SLOW_MODE_MAX_SECONDS), name: Name });
/** A chat line deleted for everyone; the line as it was is kept here (the log keeps who deleted what: `name`, the host's). */
export const LineDeletedEntry = command("lineDeleted", { lineId: LineId, authorId: MemberRef, authorName: Name, text: z.string().max(CHAT_MAX_LENGTH), name: Name });
/** The sender's line tripped the filter, or the sender's messages the rate limit: a step toward an automatic mute. */
export const OffenceRecordedEntry = command("offenceRecorded", { kind: z.enum(["filter", "rate"]), name: Name });
/** The classifier tagged the sender's chat line or question: it goes into the hosts' queue. */
export const LineFlaggedEntry = command("lineFlagged", {
  source: z.enum(["chat", "question"]),
  refId: LineId,
  name: Name,
  text: z.string().max(CHAT_MAX_LENGTH),
  tags: z.array(z.enum(["help", "negative"])).min(1).max(2),
  triggers: z.array(z.string().max(40)).max(10),
});
/** The sender reported a chat line (once each); it goes into the hosts' queue. */
export const LineReportedEntry = command("lineReported", { lineId: LineId, authorId: MemberRef, authorName: Name, text: z.string().max(CHAT_MAX_LENGTH), name: Name });
/** A host's private reply to one member (`name`: the recipient's; `fromName`: the host's). */
export const WhisperSentEntry = command("whisperSent", {
  memberId: MemberRef,
  name: Name,
  fromName: Name,
  text: z.string().min(1).max(WHISPER_MAX_LENGTH),
  flagId: SalonId.nullable(),
});
export const FlagHandledEntry = command("flagHandled", { flagId: SalonId, name: Name });
/** A host passed a queued line on to another host (`hostId`, `hostName`); `name`: the sender's. */
export const FlagHandedOnEntry = command("flagHandedOn", { flagId: SalonId, hostId: MemberRef, hostName: Name, name: Name });
/** The event's word list changed: the hosts' additions to the shipped list and the shipped words switched off. */
export const WordsSetEntry = command("wordsSet", { add: FilterWords, remove: FilterWords, name: Name });

// ── Growth commands (docs/growth.md). Points, tiers, badges and the tree are derived from the log; these are the few
// session-wide facts that need one agreed order: energy (an allowance per member), the goal's moment, opt-outs. ──
/** The sender gave energy to a contribution: `refId` names it (docs/growth.md), `toId`/`toName` its author; `name` the sender's. */
export const EnergyGivenEntry = command("energyGiven", {
  target: z.enum(["question", "chat", "speaker"]),
  refId: z.string().min(1).max(160),
  toId: MemberRef,
  toName: Name,
  name: Name,
});
/** The session's tree reached the event's goal (logged once by whichever instance saw it first; the rule keeps the first). */
export const GoalReachedEntry = command("goalReached", { growth: z.number().int().min(0), goal: z.number().int().min(1) });
/** The sender chose to be left off (or put back on) the session's leaderboard. */
export const LeaderboardHiddenEntry = command("leaderboardHidden", { hidden: z.boolean(), name: Name });
/** A host marked a chat line as a helpful answer (`name`: the host's). */
export const LineMarkedHelpfulEntry = command("lineMarkedHelpful", { lineId: LineId, authorId: MemberRef, authorName: Name, name: Name });

// ── Hunt rows (docs/hunts.md). Not session commands: the hunt's claims table decides "once" (a unique key per clue and
// claimer), and these rows are appended after it did, to the event's session, so the growth ledger counts them. ──
/**
 * The sender found a clue and was credited: `points` the clue's plus a blind box's reward (the ledger caps them),
 * `team` the team it counted for (null hunting alone), `badge` whether the blind box's reward carries the badge.
 */
export const ClueFoundEntry = command("clueFound", {
  huntId: z.string().min(1).max(24),
  clueId: z.string().min(1).max(24),
  name: z.string().max(60),
  points: z.number().int().min(0).max(200),
  channel: z.enum(["scene", "scan"]),
  team: z.string().max(30).nullable(),
  blindBox: z.boolean(),
  badge: z.boolean(),
});
/** The sender (alone, or as one of the team's members) completed the hunt: `rank` 1 is the first to complete it. */
export const HuntCompletedEntry = command("huntCompleted", {
  huntId: z.string().min(1).max(24),
  rank: z.number().int().min(1),
  durationMs: z.number().int().min(0),
  team: z.string().max(30).nullable(),
});

const GROWTH_ENTRIES = [EnergyGivenEntry, GoalReachedEntry, LeaderboardHiddenEntry, LineMarkedHelpfulEntry] as const;

const MODERATION_ENTRIES = [
  MemberMutedEntry,
  MemberUnmutedEntry,
  MemberRemovedEntry,
  SessionLockedEntry,
  SlowModeSetEntry,
  LineDeletedEntry,
  OffenceRecordedEntry,
  LineFlaggedEntry,
  LineReportedEntry,
  WhisperSentEntry,
  FlagHandledEntry,
  FlagHandedOnEntry,
  WordsSetEntry,
] as const;

const SALON_ENTRIES = [
  HandRaisedEntry,
  HandLoweredEntry,
  SpeakerInvitedEntry,
  SpeakerReturnedEntry,
  SpeakerLimitSetEntry,
  SpeakerAudioSetEntry,
  PollOpenedEntry,
  PollVotedEntry,
  PollAnsweredEntry,
  PollClosedEntry,
  PollLockedEntry,
  PollResultsShownEntry,
  PollWordHiddenEntry,
  DebateOpenedEntry,
  DebatePhaseSetEntry,
  StanceTakenEntry,
  QuestionAskedEntry,
  QuestionUpvotedEntry,
  QuestionModeratedEntry,
  ExpertSetEntry,
  CheckInOpenedEntry,
  CheckInClosedEntry,
  CheckedInEntry,
  ScreenSetEntry,
  ScreenClearedEntry,
  ScreenPlaybackEntry,
] as const;

export const InteractionEntry = z.discriminatedUnion("kind", [
  JoinEntry,
  LeaveEntry,
  ChatEntry,
  ReactionEntry,
  AnnouncementPostedEntry,
  AnnouncementClearedEntry,
  ...SALON_ENTRIES,
  ...MODERATION_ENTRIES,
  ...GROWTH_ENTRIES,
  ClueFoundEntry,
  HuntCompletedEntry,
]);
export type InteractionEntry = z.infer<typeof InteractionEntry>;
export type InteractionKind = InteractionEntry["kind"];

/**
 * The kinds that are session commands: they change session-wide state, carry the session's sequence number, and
 * are replayed through `applySessionCommand` to rebuild a session after a restart. The others are per instance.
 */
export const SESSION_COMMAND_KINDS = [
  "announcementPosted",
  "announcementCleared",
  "handRaised",
  "handLowered",
  "speakerInvited",
  "speakerReturned",
  "speakerLimitSet",
  "speakerAudioSet",
  "pollOpened",
  "pollVoted",
  "pollAnswered",
  "pollClosed",
  "pollLocked",
  "pollResultsShown",
  "pollWordHidden",
  "debateOpened",
  "debatePhaseSet",
  "stanceTaken",
  "questionAsked",
  "questionUpvoted",
  "questionModerated",
  "expertSet",
  "checkInOpened",
  "checkInClosed",
  "checkedIn",
  "screenSet",
  "screenCleared",
  "screenPlayback",
  "memberMuted",
  "memberUnmuted",
  "memberRemoved",
  "sessionLocked",
  "slowModeSet",
  "lineDeleted",
  "offenceRecorded",
  "lineFlagged",
  "lineReported",
  "whisperSent",
  "flagHandled",
  "flagHandedOn",
  "wordsSet",
  "energyGiven",
  "goalReached",
  "leaderboardHidden",
  "lineMarkedHelpful",
] as const satisfies readonly InteractionKind[];
export type SessionCommandKind = (typeof SESSION_COMMAND_KINDS)[number];
export type SessionCommandEntry = Extract<InteractionEntry, { kind: SessionCommandKind }>;

export function isSessionCommandKind(kind: string): kind is SessionCommandKind {
  return (SESSION_COMMAND_KINDS as readonly string[]).includes(kind);
}
