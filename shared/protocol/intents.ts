import { z } from "zod";
import {
  ANNOUNCEMENT_MAX_LENGTH,
  CHAT_MAX_LENGTH,
  CHECK_IN_PROMPT_MAX_LENGTH,
  DEBATE_SIDE_MAX_LENGTH,
  OPEN_ANSWER_MAX_LENGTH,
  POLL_DURATION_MAX_SECONDS,
  POLL_DURATION_MIN_SECONDS,
  POLL_OPTION_MAX_LENGTH,
  POLL_QUESTION_MAX_LENGTH,
  QUESTION_WIRE_MAX_LENGTH,
  SALON_ID_MAX_LENGTH,
  SCREEN_URL_MAX_LENGTH,
  TOKEN_MAX_LENGTH,
  WORD_MAX_LENGTH,
} from "./limits.js";
import { VENUE_HALF_SIZE } from "../rules/venue.js";
import { MuteSpeakerAudioIntent, VoiceAnswerIntent, VoiceListenIntent, VoicePublishIntent, VoiceUnlistenIntent, VoiceUnpublishIntent } from "./voice.js";
import {
  FILTER_WORD_MAX_LENGTH,
  FILTER_WORDS_MAX,
  MODERATION_NOTE_MAX_LENGTH,
  MUTE_MAX_MS,
  SLOW_MODE_MAX_SECONDS,
  WHISPER_MAX_LENGTH,
} from "../rules/moderation/types.js";

const unit = z.number().finite().min(-1).max(1);
const coordinate = z.number().finite().min(-VENUE_HALF_SIZE).max(VENUE_HALF_SIZE);

/** Keyboard / joystick intent: walk in this direction (a zero vector stops). The server integrates it. */
export const MoveIntent = z.object({ dx: unit, dz: unit }).strict();
export type MoveIntent = z.infer<typeof MoveIntent>;

/** Click-to-walk and "go to": walk toward this floor point. The server clamps it to the walkable area. */
export const WalkToIntent = z.object({ x: coordinate, z: coordinate }).strict();
export type WalkToIntent = z.infer<typeof WalkToIntent>;

export const ChatIntent = z.object({ text: z.string().max(CHAT_MAX_LENGTH) }).strict();
export type ChatIntent = z.infer<typeof ChatIntent>;

export const REACTIONS = ["👏", "❤️", "😂", "🎉", "👍", "🌱"] as const;
export const ReactIntent = z.object({ emoji: z.enum(REACTIONS) }).strict();
export type ReactIntent = z.infer<typeof ReactIntent>;

/** Host: show this line to every member of every instance of the session, until cleared or replaced. */
export const PostAnnouncementIntent = z.object({ text: z.string().max(ANNOUNCEMENT_MAX_LENGTH) }).strict();
export type PostAnnouncementIntent = z.infer<typeof PostAnnouncementIntent>;

/** Host: take the current announcement down. */
export const ClearAnnouncementIntent = z.object({}).strict();
export type ClearAnnouncementIntent = z.infer<typeof ClearAnnouncementIntent>;

// ── The salon (docs/salon.md). Texts are normalised on the server; ids are checked by the rules. ──
const SalonId = z.string().min(1).max(SALON_ID_MAX_LENGTH);
const MemberId = z.string().min(1).max(TOKEN_MAX_LENGTH);
const Empty = z.object({}).strict();

/** Member: raise a hand (join the speaker queue). */
export const RaiseHandIntent = Empty;
/** Lower a hand: your own (no id), or, for a host, anyone's. */
export const LowerHandIntent = z.object({ memberId: MemberId.optional() }).strict();
/** Host: bring a queued member onto the stage / send a speaker back / set how many may speak at once. */
export const InviteSpeakerIntent = z.object({ memberId: MemberId }).strict();
export const ReturnSpeakerIntent = z.object({ memberId: MemberId }).strict();
export const SetSpeakerLimitIntent = z.object({ limit: z.number().int().min(1).max(8) }).strict();

/** Host: open a poll (closing any open one). `correct`: the quiz's correct option index. */
export const OpenPollIntent = z
  .object({
    kind: z.enum(["single", "multiple", "quiz", "open"]),
    question: z.string().max(POLL_QUESTION_MAX_LENGTH),
    options: z.array(z.string().max(POLL_OPTION_MAX_LENGTH)).max(8).default([]),
    correct: z.number().int().min(0).max(7).optional(),
    durationSec: z.number().int().min(POLL_DURATION_MIN_SECONDS).max(POLL_DURATION_MAX_SECONDS).nullable().default(null),
    resultsShown: z.boolean().default(true),
  })
  .strict();
/** Member: vote (again, to change it). One option for single choice and quizzes. */
export const VoteIntent = z.object({ pollId: SalonId, options: z.array(SalonId).min(1).max(8) }).strict();
/** Member: answer an open-text poll (a few words). */
export const AnswerPollIntent = z.object({ pollId: SalonId, text: z.string().max(OPEN_ANSWER_MAX_LENGTH) }).strict();
export const ClosePollIntent = z.object({ pollId: SalonId }).strict();
export const LockPollIntent = z.object({ pollId: SalonId, locked: z.boolean() }).strict();
export const ShowPollResultsIntent = z.object({ pollId: SalonId, shown: z.boolean() }).strict();
export const HideWordIntent = z.object({ pollId: SalonId, word: z.string().min(1).max(WORD_MAX_LENGTH), hidden: z.boolean() }).strict();

export const OpenDebateIntent = z
  .object({
    motion: z.string().max(POLL_QUESTION_MAX_LENGTH),
    sides: z.tuple([z.string().max(DEBATE_SIDE_MAX_LENGTH), z.string().max(DEBATE_SIDE_MAX_LENGTH)]),
  })
  .strict();
export const SetDebatePhaseIntent = z.object({ debateId: SalonId, phase: z.enum(["before", "discussion", "after", "closed"]) }).strict();
export const TakeStanceIntent = z.object({ debateId: SalonId, side: z.union([z.literal(0), z.literal(1)]) }).strict();

/** Member: ask (anonymous: other members do not see the name; hosts do). Over 300 characters: QUESTION_TOO_LONG. */
export const AskQuestionIntent = z.object({ text: z.string().max(QUESTION_WIRE_MAX_LENGTH), anonymous: z.boolean().default(false) }).strict();
export const UpvoteQuestionIntent = z.object({ questionId: SalonId }).strict();
export const ModerateQuestionIntent = z
  .object({ questionId: SalonId, action: z.enum(["pin", "unpin", "answer", "unanswer", "hide", "unhide"]) })
  .strict();
export const SetExpertIntent = z.object({ memberId: MemberId, expert: z.boolean() }).strict();

export const OpenCheckInIntent = z.object({ prompt: z.string().max(CHECK_IN_PROMPT_MAX_LENGTH) }).strict();
export const CloseCheckInIntent = z.object({ checkInId: SalonId }).strict();
export const CheckInIntent = z.object({ checkInId: SalonId, text: z.string().max(OPEN_ANSWER_MAX_LENGTH).default("") }).strict();

/** Host: put a video on the stage screen (null takes it down). */
export const SetScreenIntent = z.object({ url: z.string().max(SCREEN_URL_MAX_LENGTH).nullable() }).strict();
/** Host: play or pause at a position (seconds); a seek is a playback at the new position. */
export const ScreenPlaybackIntent = z.object({ playing: z.boolean(), position: z.number().finite().min(0).max(86_400) }).strict();

// ── Moderation (docs/moderation.md): every intent but reportLine is a host's; roles are checked on the server. ──
const LineId = z.string().min(1).max(64);
const ModerationNote = z.string().max(MODERATION_NOTE_MAX_LENGTH).default("");
const FilterWordList = z.array(z.string().max(FILTER_WORD_MAX_LENGTH)).max(FILTER_WORDS_MAX);

/** Host: mute a member for `minutes` (1..1440) or, with null, for the session. */
export const MuteMemberIntent = z
  .object({ memberId: MemberId, minutes: z.number().int().min(1).max(MUTE_MAX_MS / 60_000).nullable(), note: ModerationNote })
  .strict();
export const UnmuteMemberIntent = z.object({ memberId: MemberId }).strict();
/** Host: remove a member from the session (their identity cannot rejoin it). */
export const RemoveMemberIntent = z.object({ memberId: MemberId, note: ModerationNote }).strict();
export const LockSessionIntent = z.object({ locked: z.boolean() }).strict();
/** Host: the least seconds between one member's chat lines (0: off). */
export const SetSlowModeIntent = z.object({ seconds: z.number().int().min(0).max(SLOW_MODE_MAX_SECONDS) }).strict();
/** Host: delete a chat line for everyone, in every instance and in late joiners' history. */
export const DeleteLineIntent = z.object({ lineId: LineId }).strict();
/** Member: report a chat line to the hosts (once each). */
export const ReportLineIntent = z.object({ lineId: LineId }).strict();
/** Host: a private reply only `memberId` sees; `flagId`: the queued line it answers. */
export const WhisperIntent = z.object({ memberId: MemberId, text: z.string().max(WHISPER_MAX_LENGTH * 4), flagId: SalonId.nullable().default(null) }).strict();
/** Host: mark a queued line handled. */
export const ResolveFlagIntent = z.object({ flagId: SalonId }).strict();
/** Host: pass a queued line on to another host. */
export const HandOnFlagIntent = z.object({ flagId: SalonId, hostId: MemberId }).strict();
/** Host: the event's word list: additions to the shipped list, and shipped words switched off. */
export const SetWordsIntent = z.object({ add: FilterWordList, remove: FilterWordList }).strict();

// ── Growth (docs/growth.md): intents only ever ask; points, badges, tiers, growth and collectibles are derived. ──
/** Member: give energy to a question (`id`: its id), a chat line (its line id) or a speaker on the stage (their member id). */
export const GiveEnergyIntent = z.object({ target: z.enum(["question", "chat", "speaker"]), id: z.string().min(1).max(64) }).strict();
/** Member: stay off (true) or appear on (false) the session's leaderboard. */
export const SetLeaderboardHiddenIntent = z.object({ hidden: z.boolean() }).strict();
/** Host: mark a chat line as a helpful answer (its author earns the helper badge and points). */
export const MarkHelpfulIntent = z.object({ lineId: LineId }).strict();
/** Member: show one of their collectibles over their avatar in this venue (null puts it away). */
export const ShowCollectibleIntent = z.object({ id: z.string().min(1).max(64).nullable() }).strict();

/**
 * Hunts (docs/hunts.md): claim a scene clue the member's avatar stands within reach of. `answer` is the clue's
 * riddle answer (null when it has none); the server checks reach, order, the window and the answer.
 */
export const ClaimClueIntent = z.object({ clueId: z.string().min(1).max(24), answer: z.string().max(120).nullable() }).strict();

/** Every client→server intent, by message type. The server registers a handler for each key and nothing else. */
export const CLIENT_INTENTS = {
  move: MoveIntent,
  walkTo: WalkToIntent,
  chat: ChatIntent,
  react: ReactIntent,
  postAnnouncement: PostAnnouncementIntent,
  clearAnnouncement: ClearAnnouncementIntent,
  raiseHand: RaiseHandIntent,
  lowerHand: LowerHandIntent,
  inviteSpeaker: InviteSpeakerIntent,
  returnSpeaker: ReturnSpeakerIntent,
  setSpeakerLimit: SetSpeakerLimitIntent,
  openPoll: OpenPollIntent,
  vote: VoteIntent,
  answerPoll: AnswerPollIntent,
  closePoll: ClosePollIntent,
  lockPoll: LockPollIntent,
  showPollResults: ShowPollResultsIntent,
  hideWord: HideWordIntent,
  openDebate: OpenDebateIntent,
  setDebatePhase: SetDebatePhaseIntent,
  takeStance: TakeStanceIntent,
  askQuestion: AskQuestionIntent,
  upvoteQuestion: UpvoteQuestionIntent,
  moderateQuestion: ModerateQuestionIntent,
  setExpert: SetExpertIntent,
  openCheckIn: OpenCheckInIntent,
  closeCheckIn: CloseCheckInIntent,
  checkIn: CheckInIntent,
  setScreen: SetScreenIntent,
  screenPlayback: ScreenPlaybackIntent,
  muteMember: MuteMemberIntent,
  unmuteMember: UnmuteMemberIntent,
  removeMember: RemoveMemberIntent,
  lockSession: LockSessionIntent,
  setSlowMode: SetSlowModeIntent,
  deleteLine: DeleteLineIntent,
  reportLine: ReportLineIntent,
  whisper: WhisperIntent,
  resolveFlag: ResolveFlagIntent,
  handOnFlag: HandOnFlagIntent,
  setWords: SetWordsIntent,
  giveEnergy: GiveEnergyIntent,
  setLeaderboardHidden: SetLeaderboardHiddenIntent,
  markHelpful: MarkHelpfulIntent,
  showCollectible: ShowCollectibleIntent,
  claimClue: ClaimClueIntent,
  voicePublish: VoicePublishIntent,
  voiceUnpublish: VoiceUnpublishIntent,
  voiceListen: VoiceListenIntent,
  voiceAnswer: VoiceAnswerIntent,
  voiceUnlisten: VoiceUnlistenIntent,
  muteSpeakerAudio: MuteSpeakerAudioIntent,
} as const;
export type IntentType = keyof typeof CLIENT_INTENTS;
export type IntentPayload<T extends IntentType> = z.infer<(typeof CLIENT_INTENTS)[T]>;

/** The same intents as one discriminated union, for tools and tests that carry the type inside the message. */
export const ClientMessage = z.discriminatedUnion("type", [
  MoveIntent.extend({ type: z.literal("move") }),
  WalkToIntent.extend({ type: z.literal("walkTo") }),
  ChatIntent.extend({ type: z.literal("chat") }),
  ReactIntent.extend({ type: z.literal("react") }),
  PostAnnouncementIntent.extend({ type: z.literal("postAnnouncement") }),
  ClearAnnouncementIntent.extend({ type: z.literal("clearAnnouncement") }),
  RaiseHandIntent.extend({ type: z.literal("raiseHand") }),
  LowerHandIntent.extend({ type: z.literal("lowerHand") }),
  InviteSpeakerIntent.extend({ type: z.literal("inviteSpeaker") }),
  ReturnSpeakerIntent.extend({ type: z.literal("returnSpeaker") }),
  SetSpeakerLimitIntent.extend({ type: z.literal("setSpeakerLimit") }),
  OpenPollIntent.extend({ type: z.literal("openPoll") }),
  VoteIntent.extend({ type: z.literal("vote") }),
  AnswerPollIntent.extend({ type: z.literal("answerPoll") }),
  ClosePollIntent.extend({ type: z.literal("closePoll") }),
  LockPollIntent.extend({ type: z.literal("lockPoll") }),
  ShowPollResultsIntent.extend({ type: z.literal("showPollResults") }),
  HideWordIntent.extend({ type: z.literal("hideWord") }),
  OpenDebateIntent.extend({ type: z.literal("openDebate") }),
  SetDebatePhaseIntent.extend({ type: z.literal("setDebatePhase") }),
  TakeStanceIntent.extend({ type: z.literal("takeStance") }),
  AskQuestionIntent.extend({ type: z.literal("askQuestion") }),
  UpvoteQuestionIntent.extend({ type: z.literal("upvoteQuestion") }),
  ModerateQuestionIntent.extend({ type: z.literal("moderateQuestion") }),
  SetExpertIntent.extend({ type: z.literal("setExpert") }),
  OpenCheckInIntent.extend({ type: z.literal("openCheckIn") }),
  CloseCheckInIntent.extend({ type: z.literal("closeCheckIn") }),
  CheckInIntent.extend({ type: z.literal("checkIn") }),
  SetScreenIntent.extend({ type: z.literal("setScreen") }),
  ScreenPlaybackIntent.extend({ type: z.literal("screenPlayback") }),
  MuteMemberIntent.extend({ type: z.literal("muteMember") }),
  UnmuteMemberIntent.extend({ type: z.literal("unmuteMember") }),
  RemoveMemberIntent.extend({ type: z.literal("removeMember") }),
  LockSessionIntent.extend({ type: z.literal("lockSession") }),
  SetSlowModeIntent.extend({ type: z.literal("setSlowMode") }),
  DeleteLineIntent.extend({ type: z.literal("deleteLine") }),
  ReportLineIntent.extend({ type: z.literal("reportLine") }),
  WhisperIntent.extend({ type: z.literal("whisper") }),
  ResolveFlagIntent.extend({ type: z.literal("resolveFlag") }),
  HandOnFlagIntent.extend({ type: z.literal("handOnFlag") }),
  SetWordsIntent.extend({ type: z.literal("setWords") }),
  GiveEnergyIntent.extend({ type: z.literal("giveEnergy") }),
  SetLeaderboardHiddenIntent.extend({ type: z.literal("setLeaderboardHidden") }),
  MarkHelpfulIntent.extend({ type: z.literal("markHelpful") }),
  ShowCollectibleIntent.extend({ type: z.literal("showCollectible") }),
  ClaimClueIntent.extend({ type: z.literal("claimClue") }),
  VoicePublishIntent.extend({ type: z.literal("voicePublish") }),
  VoiceUnpublishIntent.extend({ type: z.literal("voiceUnpublish") }),
  VoiceListenIntent.extend({ type: z.literal("voiceListen") }),
  VoiceAnswerIntent.extend({ type: z.literal("voiceAnswer") }),
  VoiceUnlistenIntent.extend({ type: z.literal("voiceUnlisten") }),
  MuteSpeakerAudioIntent.extend({ type: z.literal("muteSpeakerAudio") }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
