import type { SessionCommandEntry, SessionCommandKind } from "../log.js";
import type { ErrorCode } from "../protocol/errors.js";
import {
  countOffence,
  deleteLine,
  flagLine,
  handleFlag,
  handOnFlag,
  lockSession,
  muteMember,
  refuseEnergy,
  refuseHandRaised,
  refuseSpeakerInvited,
  removeMember,
  reportLine,
  sendWhisper,
  setSlowMode,
  setWords,
  unmuteMember,
} from "./moderation/moderation.js";
import { INITIAL_MODERATION_STATE, type ModerationState } from "./moderation/types.js";
import { giveEnergy, hideFromLeaderboard, markHelpful, reachGoal } from "./growth/energy.js";
import { INITIAL_GROWTH_STATE, type GrowthState } from "./growth/types.js";
import { clearAnnouncement, postAnnouncement, type AnnouncementsState, type CommandOf, type FeatureOutcome } from "./announcements.js";
import { checkIn, closeCheckIn, openCheckIn } from "./salon/checkin.js";
import { openDebate, setDebatePhase, takeStance } from "./salon/debate.js";
import { answerPoll, closePoll, hidePollWord, lockPoll, openPoll, showPollResults, votePoll } from "./salon/polls.js";
import { askQuestion, moderateQuestion, setExpert, upvoteQuestion } from "./salon/qa.js";
import { clearScreen, screenPlayback, setScreen } from "./salon/screen.js";
import type { SliceResult } from "./salon/slice.js";
import { inviteSpeaker, lowerHand, raiseHand, returnSpeaker, setSpeakerLimit, setSpeakerAudio } from "./salon/stage.js";
import { INITIAL_SALON_STATE, type SalonState } from "./salon/types.js";

/**
 * Session-wide state: what every instance of a live session shows alike. It is a pure reduction of the session's
 * commands in sequence order, so replicas fed the same commands agree, and replaying the log rebuilds it.
 */
export interface SessionState extends AnnouncementsState, SalonState {
  /** The sequence number of the last command applied (0 before the first). */
  seq: number;
  /** Mutes, removals, lock, slow mode, deleted lines, the hosts' queue and log (docs/moderation.md). */
  moderation: ModerationState;
  /** Energy given, the goal's moment, leaderboard opt-outs, helpful lines (docs/growth.md). */
  growth: GrowthState;
}

export const INITIAL_SESSION_STATE: SessionState = { seq: 0, announcement: null, ...INITIAL_SALON_STATE, moderation: INITIAL_MODERATION_STATE, growth: INITIAL_GROWTH_STATE };

/** A session command: a logged entry of a command kind, its place in the session's order, its time and sender. */
export type SessionCommand = SessionCommandEntry & { seq: number; at: number; memberId: string };

export type SessionOutcome =
  | { applied: true }
  /** `stale`: the command's sequence number was applied already (a replay, or a message heard twice). */
  | { applied: false; reason: "stale" | Extract<FeatureOutcome, { applied: false }>["reason"] };

type Reducer<K extends SessionCommandKind> = (state: SessionState, command: CommandOf<K>) => { state: SessionState; outcome: FeatureOutcome };

/** Lifts a rule over one slice of the session (the salon's parts each own one) to a rule over the whole state. */
function on<P extends keyof SalonState, K extends SessionCommandKind>(
  part: P,
  rule: (slice: SalonState[P], command: CommandOf<K>) => SliceResult<SalonState[P]>,
): Reducer<K> {
  return (state, command) => {
    const result = rule(state[part], command);
    return { state: result.state === state[part] ? state : { ...state, [part]: result.state }, outcome: result.outcome };
  };
}

/** A rule that first asks moderation: a refusal (a muted member's hand, say) declines the command unchanged. */
function unless<K extends SessionCommandKind>(refusal: (moderation: ModerationState, command: CommandOf<K>) => ErrorCode | null, rule: Reducer<K>): Reducer<K> {
  return (state, command) => {
    const reason = refusal(state.moderation, command);
    return reason === null ? rule(state, command) : { state, outcome: { applied: false, reason } };
  };
}

/** Lifts a growth rule to a rule over the whole state. */
function growth<K extends SessionCommandKind>(rule: (slice: GrowthState, command: CommandOf<K>) => { state: GrowthState; outcome: FeatureOutcome }): Reducer<K> {
  return (state, command) => {
    const result = rule(state.growth, command);
    return { state: result.state === state.growth ? state : { ...state, growth: result.state }, outcome: result.outcome };
  };
}

/** Each command kind's rule. A feature adds its commands here and to the log's union; nothing else changes. */
const REDUCERS: { [K in SessionCommandKind]: Reducer<K> } = {
  announcementPosted: postAnnouncement,
  announcementCleared: clearAnnouncement,
  handRaised: unless(refuseHandRaised, on("stage", raiseHand)),
  handLowered: on("stage", lowerHand),
  speakerInvited: unless(refuseSpeakerInvited, on("stage", inviteSpeaker)),
  speakerReturned: on("stage", returnSpeaker),
  speakerLimitSet: on("stage", setSpeakerLimit),
  speakerAudioSet: on("stage", setSpeakerAudio),
  pollOpened: on("polls", openPoll),
  pollVoted: on("polls", votePoll),
  pollAnswered: on("polls", answerPoll),
  pollClosed: on("polls", closePoll),
  pollLocked: on("polls", lockPoll),
  pollResultsShown: on("polls", showPollResults),
  pollWordHidden: on("polls", hidePollWord),
  debateOpened: on("debates", openDebate),
  debatePhaseSet: on("debates", setDebatePhase),
  stanceTaken: on("debates", takeStance),
  questionAsked: on("qa", askQuestion),
  questionUpvoted: on("qa", upvoteQuestion),
  questionModerated: on("qa", moderateQuestion),
  expertSet: on("qa", setExpert),
  checkInOpened: on("checkIns", openCheckIn),
  checkInClosed: on("checkIns", closeCheckIn),
  checkedIn: on("checkIns", checkIn),
  screenSet: on("screen", setScreen),
  screenCleared: on("screen", clearScreen),
  screenPlayback: on("screen", screenPlayback),
  memberMuted: muteMember,
  memberUnmuted: unmuteMember,
  memberRemoved: removeMember,
  sessionLocked: lockSession,
  slowModeSet: setSlowMode,
  lineDeleted: deleteLine,
  offenceRecorded: countOffence,
  lineFlagged: flagLine,
  lineReported: reportLine,
  whisperSent: sendWhisper,
  flagHandled: handleFlag,
  flagHandedOn: handOnFlag,
  wordsSet: setWords,
  energyGiven: unless(refuseEnergy, growth(giveEnergy)),
  goalReached: growth(reachGoal),
  leaderboardHidden: growth(hideFromLeaderboard),
  lineMarkedHelpful: growth(markHelpful),
};

/**
 * Applies one command. A command at or below the state's sequence number changes nothing (so a replay, or a
 * command heard twice, is harmless). A command the feature's rule declines still takes its place in the order:
 * `seq` advances, the rest of the state stays, and every replica declines it alike.
 */
export function applySessionCommand(state: SessionState, command: SessionCommand): { state: SessionState; outcome: SessionOutcome } {
  if (command.seq <= state.seq) return { state, outcome: { applied: false, reason: "stale" } };
  const reduce = REDUCERS[command.kind] as Reducer<SessionCommandKind>;
  const result = reduce(state, command as CommandOf<SessionCommandKind>);
  return { state: { ...result.state, seq: command.seq }, outcome: result.outcome };
}

/** Whether a command would be applied to `state` as the next in order: a room asks before it logs a command. */
export function checkSessionCommand(state: SessionState, command: SessionCommandEntry & { at: number; memberId: string }): SessionOutcome {
  return applySessionCommand(state, { ...command, seq: state.seq + 1 }).outcome;
}

/** Rebuilds a session's state from its logged commands (in any order: they are sorted by sequence number). */
export function replaySession(commands: readonly SessionCommand[], from: SessionState = INITIAL_SESSION_STATE): SessionState {
  let state = from;
  for (const command of [...commands].sort((a, b) => a.seq - b.seq)) state = applySessionCommand(state, command).state;
  return state;
}
