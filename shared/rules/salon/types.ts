/**
 * The salon's session-wide state and the views built from it. Every part (stage, polls, debates, Q&A, check-ins,
 * stage screen) is a slice of `SessionState` reduced by the pure rules beside this file, from the session's ordered
 * commands; the server never sends the state itself, only the views (view.ts): one public view for everyone, a
 * host view with what only hosts may see, and each member's own view (their vote, their place in the queue…).
 * Records keyed by member id hold server-issued ids only; they are read with `Object.hasOwn`.
 */

// ── Stage and speaker queue ──────────────────────────────────────────────────

export interface RaisedHand {
  memberId: string;
  name: string;
  /** When the hand went up: the queue is in this order. */
  at: number;
}

export interface Speaker {
  memberId: string;
  name: string;
  since: number;
  /** A host muted the speaker's audio (docs/voice.md): their microphone is not heard until unmuted. */
  audioMuted?: boolean;
}

export interface StageState {
  /** Raised hands, in the order they went up. A member is in at most one of `queue` and `speakers`. */
  queue: readonly RaisedHand[];
  speakers: readonly Speaker[];
  /** How many members may be on the stage at once (1..MAX_SPEAKER_LIMIT). */
  speakerLimit: number;
}

export const DEFAULT_SPEAKER_LIMIT = 3;
export const MAX_SPEAKER_LIMIT = 8;

// ── Polls, quizzes and open-text polls (word clouds) ─────────────────────────

/** `single` / `multiple` choice; `quiz`: single choice with a correct answer; `open`: free text shown as a word cloud. */
export type PollKind = "single" | "multiple" | "quiz" | "open";

export interface PollOption {
  /** `o0`, `o1`, … in the order the host wrote them. */
  id: string;
  text: string;
}

/** One member's vote: the options chosen and when it was last cast or changed. */
export interface Ballot {
  options: readonly string[];
  at: number;
  name: string;
}

/** One member's answer to an open-text poll (changeable until the poll closes, like a vote). */
export interface OpenAnswer {
  text: string;
  at: number;
  name: string;
}

export interface Poll {
  /** `p<seq>` of the command that opened it. */
  id: string;
  kind: PollKind;
  question: string;
  /** Empty for an open-text poll. */
  options: readonly PollOption[];
  /** Quiz only: the correct option ids (one); empty for other kinds. */
  correct: readonly string[];
  openedAt: number;
  /** When voting ends by itself (openedAt + the host's time limit); null: when the host closes it. */
  closesAt: number | null;
  /** When the host closed it (or a newer poll replaced it); null while it runs (see `isPollOpen`). */
  closedAt: number | null;
  /** Locked: votes can no longer be changed (a first vote is still taken). */
  locked: boolean;
  /** Whether members see the counts while voting runs (hosts always do; everyone does once it is closed). */
  resultsShown: boolean;
  /** By member id. */
  ballots: Readonly<Record<string, Ballot>>;
  /** Open-text polls: by member id. */
  answers: Readonly<Record<string, OpenAnswer>>;
  /** Words of a word cloud the host hid (normalised as `wordsOf` gives them). */
  hiddenWords: readonly string[];
}

export const POLL_MAX_OPTIONS = 8;
export const POLL_MIN_OPTIONS = 2;
/** A quiz without a time limit is scored as if it had this one (answering sooner earns more). */
export const QUIZ_DEFAULT_WINDOW_MS = 30_000;

// ── Debates ──────────────────────────────────────────────────────────────────

/** `before`: members take a first stance; `discussion`: stances are frozen; `after`: a second stance; `closed`. */
export type DebatePhase = "before" | "discussion" | "after" | "closed";
export type Side = 0 | 1;

export interface Debate {
  /** `d<seq>`. */
  id: string;
  motion: string;
  /** The two sides' labels (e.g. "For" / "Against"). */
  sides: readonly [string, string];
  phase: DebatePhase;
  openedAt: number;
  /** Stances taken in the `before` phase, by member id (changeable while the phase lasts). */
  before: Readonly<Record<string, Side>>;
  /** Stances taken in the `after` phase. */
  after: Readonly<Record<string, Side>>;
}

// ── Q&A ──────────────────────────────────────────────────────────────────────

export type QuestionAction = "pin" | "unpin" | "answer" | "unanswer" | "hide" | "unhide";

export interface Question {
  /** `q<seq>`. */
  id: string;
  text: string;
  authorId: string;
  authorName: string;
  /** Asked without showing the name to other members (hosts still see it). */
  anonymous: boolean;
  at: number;
  /** Member ids, each at most once. */
  upvoters: readonly string[];
  pinned: boolean;
  answered: boolean;
  hidden: boolean;
}

export interface QaState {
  questions: readonly Question[];
  /** Members the host marked as experts for the session: member id → name. */
  experts: Readonly<Record<string, string>>;
}

/** Longest question, in characters after normalising; a longer one is refused with QUESTION_TOO_LONG. */
export const QUESTION_MAX_LENGTH = 300;

// ── Check-in (打卡) ──────────────────────────────────────────────────────────

export interface CheckInAnswer {
  name: string;
  text: string;
  at: number;
  /** Consecutive sessions of this event the member checked in at, this one included (worked out when logged). */
  streak: number;
}

export interface CheckIn {
  /** `c<seq>`. */
  id: string;
  prompt: string;
  openedAt: number;
  closedAt: number | null;
  answers: Readonly<Record<string, CheckInAnswer>>;
}

// ── Stage screen ─────────────────────────────────────────────────────────────

export interface Screen {
  /** An http(s) URL or an `/assets/…` path of an MP4, WebM or HLS (.m3u8) video (see `screenSource`). */
  url: string;
  setAt: number;
  playing: boolean;
  /** The playback position in seconds at `at`; while playing it advances with the clock (`screenPosition`). */
  position: number;
  at: number;
}

// ── The whole salon ──────────────────────────────────────────────────────────

export interface SalonState {
  stage: StageState;
  /** Oldest first; at most one is open at a time (opening a poll closes the one before). */
  polls: readonly Poll[];
  /** Oldest first; the last is the current one. */
  debates: readonly Debate[];
  qa: QaState;
  /** Oldest first; at most one is open at a time. */
  checkIns: readonly CheckIn[];
  screen: Screen | null;
}

export const INITIAL_SALON_STATE: SalonState = {
  stage: { queue: [], speakers: [], speakerLimit: DEFAULT_SPEAKER_LIMIT },
  polls: [],
  debates: [],
  qa: { questions: [], experts: {} },
  checkIns: [],
  screen: null,
};

// ── Views (what the server sends; built by view.ts) ──────────────────────────

export interface PollOptionView {
  id: string;
  text: string;
  /** Null while the results are hidden from this viewer. */
  votes: number | null;
}

export interface WordCount {
  word: string;
  count: number;
}

export interface PollView {
  id: string;
  kind: PollKind;
  question: string;
  options: readonly PollOptionView[];
  /** Members who voted (or answered, for an open-text poll). Always shown. */
  voters: number;
  open: boolean;
  openedAt: number;
  closesAt: number | null;
  locked: boolean;
  resultsShown: boolean;
  /** Quiz: the correct option ids once the quiz is closed; null before (and for other kinds). */
  correct: readonly string[] | null;
  /** Open-text polls: the word cloud (hidden words left out), most frequent first; null while results are hidden. */
  words: readonly WordCount[] | null;
}

export interface LeaderboardEntry {
  memberId: string;
  name: string;
  points: number;
}

export interface DebateView {
  id: string;
  motion: string;
  sides: readonly [string, string];
  phase: DebatePhase;
  /** Stances per side before and after the discussion. */
  before: readonly [number, number];
  after: readonly [number, number];
  /**
   * Percentage points side 0 (and so the motion) gained between the two counts: its share after minus its share
   * before, rounded to one decimal; null until both counts have at least one stance.
   */
  swing: number | null;
}

export interface QuestionView {
  id: string;
  text: string;
  /** Null when asked anonymously (members' view). */
  authorName: string | null;
  at: number;
  votes: number;
  pinned: boolean;
  answered: boolean;
}

/** What a host also sees of a question: always who asked, and hidden ones. */
export interface HostQuestionView extends QuestionView {
  authorId: string;
  /** The real name, even for an anonymous question. */
  askedBy: string;
  anonymous: boolean;
  hidden: boolean;
}

export interface CheckInView {
  id: string;
  prompt: string;
  open: boolean;
  openedAt: number;
  /** Members who checked in. */
  count: number;
}

/** Sent to everyone (event `salon`) whenever the salon changes. */
export interface SalonPublicView {
  /** The server's clock when the view was built: clients correct their countdowns and video position by it. */
  serverNow: number;
  stage: {
    speakers: readonly Speaker[];
    /** In order; everyone sees the queue's names (the host and the member's own place use it). */
    queue: readonly { memberId: string; name: string }[];
    speakerLimit: number;
  };
  /** The latest poll (open or closed), or null before the first. */
  poll: PollView | null;
  /** Earlier polls, newest first (at most PAST_POLLS_SHOWN), with their final results. */
  pastPolls: readonly PollView[];
  /** Quiz points over the session's closed quizzes, best first (at most LEADERBOARD_SIZE). */
  leaderboard: readonly LeaderboardEntry[];
  debate: DebateView | null;
  /** Visible questions, sorted (see `sortQuestions`). */
  questions: readonly QuestionView[];
  /** How many questions the host hid. */
  hiddenQuestions: number;
  experts: readonly { memberId: string; name: string }[];
  checkIn: CheckInView | null;
  screen: Screen | null;
}

/** Sent to hosts only (event `salonHost`). */
export interface SalonHostView {
  /** The current poll with every count, even while members' results are hidden; hidden words listed. */
  poll: (PollView & { hiddenWords: readonly string[] }) | null;
  /** Every question, hidden ones included, sorted like the public list, with who asked. */
  questions: readonly HostQuestionView[];
  /** The current check-in's answers, newest first. */
  checkInAnswers: readonly (CheckInAnswer & { memberId: string })[];
}

/** Sent to one member (event `salonMine`): what is theirs. */
export interface SalonMineView {
  hand: "none" | "raised" | "speaking";
  /** 1-based place in the queue while the hand is raised; null otherwise. */
  queuePlace: number | null;
  /** Poll id → the options this member chose. */
  votes: Readonly<Record<string, readonly string[]>>;
  /** Open-text poll id → this member's answer. */
  answers: Readonly<Record<string, string>>;
  /** Question ids this member upvoted. */
  upvoted: readonly string[];
  /** Question ids this member asked. */
  asked: readonly string[];
  /** Debate id → this member's stances. */
  stances: Readonly<Record<string, { before: Side | null; after: Side | null }>>;
  /** Check-in id → this member's streak when checking in. */
  checkedIn: Readonly<Record<string, number>>;
  quizPoints: number;
  expert: boolean;
}

export const PAST_POLLS_SHOWN = 10;
export const LEADERBOARD_SIZE = 10;
/** Most words a word cloud shows. */
export const WORD_CLOUD_SIZE = 40;
