/**
 * Growth (docs/growth.md): points, energy, tiers, badges, the collective tree and collectibles. Every figure here is
 * derived from the typed interactions log (shared/log.ts) by pure rules; nothing a client sends awards any of it.
 * This file holds the shapes and constants every part shares; the rules live beside it, one topic a file.
 */

// ── Points ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** What earns points: one row of the table in points.ts each. */
export const POINT_KINDS = [
  "chat",
  "reaction",
  "question",
  "upvoteReceived",
  "pollVote",
  "quizCorrect",
  "stance",
  "speaking",
  "checkIn",
  "helpful",
  "energyReceived",
  "clueFound",
  "huntCompleted",
  "presence",
] as const;
export type PointKind = (typeof POINT_KINDS)[number];

/**
 * One kind's row. The n-th award of a kind in a session (n from 0) is worth `points` while n < `fullFor`, then halves
 * for every further `fullFor` (diminishing returns), rounded down, never below 0; a member's points of a kind stop at
 * `perSession` in a session and at `perDay` in a UTC day across sessions. For `presence` one award is one minute. For
 * `clueFound` the full value is the row's own `points` (each clue's, set by its hunt) instead of `points`.
 */
export interface PointRule {
  points: number;
  fullFor: number;
  perSession: number;
  perDay: number;
}
export type PointsTable = { readonly [K in PointKind]: PointRule };

export type PointsByKind = { [K in PointKind]?: number };

// ── Energy ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** What energy can be given to: a question, a chat line, a speaker's turn on the stage. */
export const ENERGY_TARGETS = ["question", "chat", "speaker"] as const;
export type EnergyTarget = (typeof ENERGY_TARGETS)[number];
/** How much energy each member may give in one session. */
export const ENERGY_PER_SESSION = 5;
/** A contribution is outstanding when this many distinct members gave it energy. */
export const OUTSTANDING_ENERGY = 3;

/**
 * The session-wide part of growth, reduced from session commands (energyGiven, goalReached, leaderboardHidden,
 * lineMarkedHelpful) into `SessionState.growth` by shared/rules/growth/energy.ts, so every instance refuses alike.
 */
export interface GrowthState {
  /** Contribution refs each member gave energy to this session, in order (at most ENERGY_PER_SESSION). */
  given: Readonly<Record<string, readonly string[]>>;
  /** Each energised contribution: its author and the distinct givers, in order. */
  contributions: Readonly<Record<string, { target: EnergyTarget; toId: string; toName: string; givers: readonly string[] }>>;
  /** Members who chose to stay off the session's leaderboard. */
  hidden: readonly string[];
  /** Chat line ids a host marked as a helpful answer, with the author. */
  helpful: Readonly<Record<string, string>>;
  /** When the tree reached the goal (null before), and the growth and goal it reached. */
  goalReachedAt: number | null;
  goalReached: { growth: number; goal: number } | null;
}

export const INITIAL_GROWTH_STATE: GrowthState = { given: {}, contributions: {}, hidden: [], helpful: {}, goalReachedAt: null, goalReached: null };

// ── The ledger: one session's log folded ───────────────────────────────────────────────────────────────────────

/**
 * One interactions row as the store gives it: the typed entry (kind + detail) with its session, sender, time and,
 * for session commands, sequence number. `id` is the row's id in the store (rising), used only to read on from it.
 */
export interface LogRow {
  id: number;
  sessionId: string;
  memberId: string;
  at: number;
  seq: number | null;
  kind: string;
  detail: unknown;
}

/** One member's standing in one session, from the ledger. */
export interface MemberSessionTally {
  memberId: string;
  name: string;
  points: number;
  byKind: PointsByKind;
  /** How many awards of each kind were counted (before caps), for diminishing returns and badges. */
  counts: PointsByKind;
  /** The member's points that went into the tree. */
  growth: number;
  /** Distinct members who gave this member's contributions energy this session. */
  energyFrom: readonly string[];
  firstAt: number;
  lastAt: number;
}

/**
 * One session's log folded (ledger.ts). The ledger is an accumulator its caller owns: `foldRows` adds rows to it in
 * place (1,000,000 rows must fold in seconds), and the same rows in the same order always give the same ledger. The
 * fields below are what other rules (badges, collectibles) read; ledger.ts may keep more of its own.
 */
export interface Ledger {
  sessionId: string;
  /** The highest row id folded (the tracker reads on from it). */
  lastRowId: number;
  /** Questions by id: author, text, distinct upvoters (not the author), hidden / answered by a host now. */
  questions: Map<string, { authorId: string; authorName: string; text: string; at: number; upvoters: Set<string>; hidden: boolean; answered: boolean }>;
  /** Energy by contribution ref (applied gifts only): target, author, distinct givers in order. */
  energy: Map<string, { target: EnergyTarget; toId: string; toName: string; givers: string[]; at: number }>;
  /** Correct quiz answers per member. */
  quizCorrect: Map<string, number>;
  /** Per debate, each member's sides in the order taken (a swing is two different sides). */
  stances: Map<string, Map<string, number[]>>;
  /** Members brought onto the stage, with when. */
  speakers: Map<string, number>;
  /** Helpful chat lines: line id → author. */
  helpful: Map<string, string>;
  /** Check-in streaks reached (the `streak` of checkedIn rows), highest per member. */
  checkInStreak: Map<string, number>;
  /** Names as last seen in the log, per member. */
  names: Map<string, string>;
  /** When the goal was reached in this session (from the goalReached row), else null. */
  goalReachedAt: number | null;
  /**
   * Hunts completed in this session (huntCompleted rows, once per hunt and member): hunt id → member → the best rank
   * and earliest moment any of the member's rows for it gave, and the team it was completed with (null alone).
   */
  hunts: Map<string, Map<string, { rank: number; at: number; team: string | null }>>;
}

/** One member's facts in one session: what badges and tiers are computed from (ledger.ts `summarise`). */
export interface MemberSessionSummary {
  sessionId: string;
  eventId: string;
  startedAt: number;
  tally: MemberSessionTally;
  /** Questions asked; the member's question had the most distinct upvoters of the session (≥ 3). */
  asked: number;
  topQuestion: boolean;
  spoke: boolean;
  quizCorrect: number;
  /** Most correct quiz answers of the session (≥ 2). */
  quizChampion: boolean;
  /** Took both sides of one debate. */
  swung: boolean;
  votes: number;
  /** Highest check-in streak the member's check-ins reached. */
  checkInStreak: number;
  /** Chat lines a host marked helpful, plus the member's questions a host marked answered. */
  answered: number;
  energyGiven: number;
  /** Most distinct givers on one of the member's contributions. */
  bestEnergy: number;
  /** The tree reached its goal in this session and the member contributed growth; among the top three contributors. */
  gardener: boolean;
  headGardener: boolean;
  /** Hunts (docs/hunts.md): hunts completed (huntCompleted rows), and whether one of them had rank 1. */
  huntsCompleted: number;
  fastestHunter: boolean;
  /** Found a clue whose blind box's reward carries the badge (a clueFound row with `badge`). */
  cityExplorer: boolean;
}

// ── The tree ───────────────────────────────────────────────────────────────────────────────────────────────────

export const TREE_STAGES = ["seed", "sprout", "sapling", "branches", "leaves", "blossoms", "fruit"] as const;
export type TreeStage = (typeof TREE_STAGES)[number];
/** An event's goal when the operator set none (growth units: the session's points, summed over members). */
export const DEFAULT_TREE_GOAL = 300;
export const TREE_GOAL_MIN = 10;
export const TREE_GOAL_MAX = 1_000_000;
export const REWARD_TEXT_MAX_LENGTH = 200;
export const REWARD_URL_MAX_LENGTH = 500;

export interface TreeView {
  growth: number;
  goal: number;
  /** 0..1 on the tree's curve (treeProgress): what the tree shows. Exactly 1 once the goal is reached. */
  progress: number;
  stage: TreeStage;
  contributors: number;
  reachedAt: number | null;
}

// ── Tiers ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const TIERS = ["explorer", "coCreator", "evangelist"] as const;
export type Tier = (typeof TIERS)[number];

/** What a tier is computed from: a member's breadth over the rolling window (TIER_WINDOW_MS), never points alone. */
export interface TierMetrics {
  /** Distinct sessions attended. */
  sessions: number;
  /** Distinct point kinds the member earned (presence not counted). */
  kinds: number;
  /** Distinct members who gave the member's contributions energy. */
  energyFrom: number;
  /** Chat lines a host marked helpful plus questions of theirs a host marked answered. */
  answered: number;
  huntsCompleted: number;
}

export interface TierProgress {
  tier: Tier;
  /** The next tier and, for each metric, what it has and what the promotion bar needs; null at the top. */
  next: { tier: Tier; metrics: { [K in keyof TierMetrics]: { has: number; needs: number } } } | null;
}

// ── Badges ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const BADGES = [
  "firstSteps",
  "firstQuestion",
  "topQuestion",
  "stageSpeaker",
  "quizChampion",
  "debateSwing",
  "voter",
  "regular",
  "fiveSessionStreak",
  "checkInStreak",
  "helper",
  "spark",
  "energiser",
  "gardener",
  "headGardener",
  "firstEvangelist",
  "huntFinisher",
  "fastestHunter",
  "cityExplorer",
] as const;
export type Badge = (typeof BADGES)[number];

/** A badge a member holds: when and in which session it was earned (the first time its condition held). */
export interface EarnedBadge {
  badge: Badge;
  at: number;
  sessionId: string;
}

// ── Collectibles ───────────────────────────────────────────────────────────────────────────────────────────────

/** The rules that mint a collectible from a session's outstanding contributions. */
export const COLLECTIBLE_RULES = ["topQuestion", "topSpeaker", "quizChampion", "sparkLine", "huntFirst"] as const;
export type CollectibleRule = (typeof COLLECTIBLE_RULES)[number];

/** What a session's close mints: one per rule (ties go to the earliest contribution). */
export interface OutstandingContribution {
  rule: CollectibleRule;
  memberId: string;
  memberName: string;
  /** The contribution (question id, chat line id, speaker turn ref…), and what the title quotes of it. */
  refId: string;
  quote: string;
  /** How it stood out: upvotes, distinct energy givers, correct answers. */
  score: number;
}

/**
 * A collectible's signed record. Its canonical form (canonicalCollectible: keys sorted, no spaces, UTF-8) is what
 * the server signs with Ed25519 and the browser verifies; any changed byte fails verification.
 */
export interface CollectibleRecord {
  v: 1;
  id: string;
  rule: CollectibleRule;
  title: string;
  quote: string;
  memberId: string;
  ownerName: string;
  sessionId: string;
  eventSlug: string;
  eventTitle: string;
  mintedAt: number;
  /** The artwork's seed (hex, 16 characters): the SVG and the 3D object are drawn from it alone. */
  seed: string;
}

/** The parameters a collectible's artwork is drawn from (shared by the SVG and the 3D object). */
export interface ArtworkSpec {
  /** Three colours, hex `#rrggbb`. */
  palette: [string, string, string];
  /** 3..9: the symmetry of the figure and the faces of the 3D object. */
  petals: number;
  rings: number;
  twist: number;
  shape: "gem" | "bloom" | "star" | "seedpod";
}

// ── Views (server → client) ────────────────────────────────────────────────────────────────────────────────────

export interface LeaderboardRow {
  memberId: string;
  name: string;
  points: number;
  tier: Tier;
}

/** `growth`, to everyone in the session: the tree and the leaderboard (without members who opted out). */
export interface GrowthPublicView {
  tree: TreeView;
  /** The reward, once the goal is reached (null before, or when the event has none). */
  reward: { text: string; url: string | null } | null;
  leaderboard: readonly LeaderboardRow[];
}

/** `growthMine`, to one member: their standing in the session and across sessions. */
export interface GrowthMineView {
  points: number;
  byKind: PointsByKind;
  /** The member's share of the tree's growth, 0..1. */
  share: number;
  energyLeft: number;
  /** Contribution refs the member gave energy to. */
  energised: readonly string[];
  /** Distinct members who gave the member energy this session. */
  energyFrom: number;
  tier: TierProgress;
  badges: readonly EarnedBadge[];
  /** Whether the member is off the leaderboard. */
  hidden: boolean;
}

/** `celebration`, to whom it concerns: a badge or tier for one member, the goal for everyone. */
export type Celebration =
  | { kind: "badge"; badge: Badge; at: number }
  | { kind: "tier"; tier: Tier; at: number }
  | { kind: "goal"; at: number; reward: { text: string; url: string | null } | null };

/** How many leaderboard rows go out. */
export const LEADERBOARD_SHOWN = 10;
