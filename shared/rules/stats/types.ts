import type { LogRow } from "../growth/types.js";
import type { Badge, Tier } from "../growth/types.js";

/**
 * Operator statistics (docs/statistics.md is the contract). Every figure is defined once here, as a pure function over
 * presence and interaction rows: no clock (the moment "now" is an argument), no I/O. The server feeds rows it read from
 * the store and caches what these functions return; the client only draws it.
 */
export type { LogRow };

/** Bumped whenever a figure's definition changes: stored rollups of an older version are recomputed. */
export const STATS_VERSION = 1;

/** A member's stay in a session, as the presence table keeps it; `leftAt` null while they are inside. */
export interface PresenceRow {
  memberId: string;
  joinedAt: number;
  leftAt: number | null;
}

/** A member whose merged presence in a session totals less than this left early. */
export const EARLY_LEAVE_MS = 5 * 60_000;
/** Time series have at most this many buckets; a bucket is a whole number of minutes, at least one. */
export const SERIES_MAX_BUCKETS = 120;
/** Hot words shown per session. */
export const HOT_WORDS_SHOWN = 30;
/** Dwell histogram bucket edges (upper bounds, ms); the last bucket is open-ended. */
export const DWELL_EDGES_MS: readonly number[] = [1, 5, 15, 30, 60, 120].map((m) => m * 60_000);

/** What the session's rows cannot say on their own; the server reads it from the store. */
export interface SessionContext {
  sessionId: string;
  eventId: string;
  startedAt: number;
  /** Null while the session is live. */
  endedAt: number | null;
  /** Members of this session who were present in any session (of any event) that started before this one. */
  returningMembers: ReadonlySet<string>;
  treeGoal: number;
  /** Member names as stored (for tables); a missing one shows the id. */
  names: ReadonlyMap<string, string>;
  /** Collectibles minted for this session, and first tier promotions recorded in it (tables collectibles, tier_promotions). */
  collectibles: number;
  promotions: Partial<Record<Tier, number>>;
  /** The event's hunt, its rows limited to this session; null when the event has none. */
  hunt: HuntInput | null;
}

/** The hunt of the session's event, as the funnel needs it; rows already limited to this session (claims by session id, vouchers issued within it). */
export interface HuntInput {
  huntId: string;
  clues: readonly { id: string; name: string; kind: "venue" | "real"; place: string | null }[];
  claims: readonly { clueId: string; claimer: string; status: "revealed" | "found"; revealedAt: number; foundAt: number | null }[];
  vouchers: readonly { clueId: string; issuedAt: number; redeemedAt: number | null }[];
}

/** Values over time: `values[i]` covers [start + i·bucketMs, start + (i+1)·bucketMs). */
export interface TimeSeries {
  start: number;
  bucketMs: number;
  values: number[];
}

/** Interaction kinds grouped for charts (every log kind falls in exactly one group; join and leave in none). */
export const INTERACTION_GROUPS = ["chat", "reactions", "questions", "polls", "debates", "stage", "checkIns", "energy", "hunt", "moderation", "other"] as const;
export type InteractionGroup = (typeof INTERACTION_GROUPS)[number];

export interface MemberSessionRow {
  memberId: string;
  name: string;
  firstJoinedAt: number;
  lastLeftAt: number | null;
  /** Merged presence (overlapping stays in two instances count once), clipped to the session. */
  dwellMs: number;
  /** Rows the member wrote, join and leave excluded. */
  interactions: number;
  /** Points from the growth ledger (the same rules as the member's profile). */
  points: number;
  returning: boolean;
}

export interface PollFigure {
  pollId: string;
  question: string;
  kind: "single" | "multiple" | "quiz" | "open";
  openedAt: number;
  voters: number;
  /** Distinct members present at any moment while the poll was open. */
  present: number;
  /** voters / present, 0..1; null when nobody was present. */
  participation: number | null;
}

export interface DebateFigure {
  debateId: string;
  motion: string;
  sides: [string, string];
  /** Stances held at the end of the "before" phase, and at the end of the debate. */
  before: [number, number];
  after: [number, number];
  /** Percentage points side 0's share moved from before to after (positive: toward side 0); null without stances in both. */
  swing: number | null;
}

export interface HotWord {
  word: string;
  count: number;
  /** Mean sentiment of the lines the word appeared in, -1 (negative) .. 1 (positive). */
  sentiment: number;
}

export interface HuntFunnel {
  huntId: string;
  /** Distinct claimers with any claim in the session. */
  started: number;
  completed: number;
  /** completed / started; null when nobody started. */
  completionRate: number | null;
  clues: { clueId: string; name: string; kind: "venue" | "real"; place: string | null; revealed: number; found: number }[];
  /** Real clues grouped by place (the city hunt's per-place funnel). */
  places: { place: string; clues: number; found: number }[];
  vouchersIssued: number;
  vouchersRedeemed: number;
}

/** Every figure of one session: what /admin's session page shows. */
export interface SessionReport {
  version: number;
  sessionId: string;
  eventId: string;
  startedAt: number;
  endedAt: number | null;
  /** The moment the figures hold for (endedAt, or now while live). */
  asOf: number;
  durationMs: number;
  attendance: { members: number; newMembers: number; returningMembers: number };
  concurrency: { peak: number; peakAt: number | null; series: TimeSeries };
  dwell: { meanMs: number; medianMs: number; p90Ms: number; earlyLeavers: number; earlyLeaverShare: number | null; histogram: { upToMs: number | null; members: number }[] };
  interactions: {
    total: number;
    byKind: Record<string, number>;
    byGroup: Record<InteractionGroup, number>;
    series: Record<InteractionGroup, TimeSeries>;
    /** Distinct members with at least one interaction. */
    interactingMembers: number;
    interactedShare: number | null;
    /** total / member-minutes of presence. */
    perMemberMinute: number | null;
  };
  chat: { lines: number; chatters: number; negativeLines: number; series: TimeSeries };
  questions: { asked: number; answered: number; answerRate: number | null; medianAnswerMs: number | null; upvotes: number };
  polls: { polls: PollFigure[]; meanParticipation: number | null; quizzes: number };
  debates: DebateFigure[];
  speakers: { memberId: string; name: string; invitedAt: number }[];
  checkIns: { opened: number; checkedIn: number; share: number | null };
  moderation: {
    /** lineFlagged + lineReported. */
    flagged: number;
    /** flagged per 100 chat lines; null without chat. */
    flaggedPer100Lines: number | null;
    /** Median time from a flag to the first host response to it (handled, whispered, line deleted, author muted or removed). */
    medianResponseMs: number | null;
    unanswered: number;
    actions: Record<string, number>;
    actionsTotal: number;
    actionsPer100Members: number | null;
  };
  tree: { growth: number; goal: number; reachedAt: number | null; series: TimeSeries };
  hunt: HuntFunnel | null;
  growth: {
    points: number;
    energyGiven: number;
    energyPerMember: number | null;
    /** Members per badge the session's own contributions earn (earnBadges over that one session's summary: badges that need several sessions, such as regular, are not counted here). */
    badges: Partial<Record<Badge, number>>;
    collectibles: number;
    promotions: Partial<Record<Tier, number>>;
  };
  hotWords: HotWord[];
  /** Interactions (join and leave excluded) by UTC weekday (0 Sunday) × hour: index weekday·24 + hour. */
  hours: number[];
}

/** What a session's rollup keeps beside its report: one row per member, for the cross-session pages. */
export interface SessionRollup {
  report: SessionReport;
  members: MemberSessionRow[];
}

// ── Across sessions (community.ts) ──

/** One session as the cross-session pages see it: its report's headline and its member rows. */
export interface SessionSummary {
  sessionId: string;
  eventId: string;
  eventSlug: string;
  eventTitle: string;
  startedAt: number;
  endedAt: number | null;
  report: SessionReport;
  members: readonly MemberSessionRow[];
}

export const RFM_SEGMENTS = ["champion", "loyal", "promising", "newcomer", "atRisk", "dormant"] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export interface RfmRow {
  memberId: string;
  name: string;
  firstSeenAt: number;
  lastSeenAt: number;
  recencyDays: number;
  sessions: number;
  interactions: number;
  points: number;
  /** Quintile scores 1..5 (5 best) among the scope's members. */
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

export interface CohortRow {
  /** The session that was these members' first in the scope. */
  sessionId: string;
  startedAt: number;
  size: number;
  /** retained[k]: share (0..1) of the cohort present in the k-th later session of the scope (k from 0), at most 12. */
  retained: number[];
}

export interface CommunityReport {
  version: number;
  asOf: number;
  sessions: { sessionId: string; eventSlug: string; eventTitle: string; startedAt: number; members: number; peak: number; interactions: number; newMembers: number }[];
  /** Share of attendances (whose window has fully passed) followed by the same member's attendance within 7 / 30 days. */
  returning: { d7: number | null; d30: number | null; eligible7: number; eligible30: number };
  cohorts: CohortRow[];
  segments: RfmRow[];
  segmentCounts: Record<RfmSegment, number>;
  /** Sum of the sessions' `hours`. */
  hours: number[];
  /** Members who had reached each tier by each session's start (first promotions, so a tier once reached counts). */
  tiers: { sessionId: string; startedAt: number; explorer: number; coCreator: number; evangelist: number }[];
}

// ── Community health (health.ts) ──

export const HEALTH_INDICATORS = [
  "interactionRate",
  "interactedShare",
  "questionAnswerRate",
  "questionAnswerTime",
  "newMemberShare",
  "returningMemberShare",
  "averageDwell",
  "earlyLeaverShare",
  "pollParticipation",
  "huntCompletionRate",
  "treeGoalReached",
  "flaggedRate",
  "flagResponseTime",
  "moderationPer100",
  "energyPerMember",
  "tierPromotions",
  "chatPerMember",
  "peakShare",
  "checkInShare",
  "negativeShare",
  "speakers",
] as const;
export type HealthIndicatorId = (typeof HEALTH_INDICATORS)[number];

export type HealthUnit = "share" | "minutes" | "perMemberMinute" | "perMember" | "per100" | "count" | "flag";

export interface HealthThreshold {
  /** "below": past the threshold when the value is under it; "above": when over it. */
  when: "below" | "above";
  value: number;
  /** Notify the event's webhook when a session ends past it. */
  notify: boolean;
}

export interface IndicatorReading {
  id: HealthIndicatorId;
  unit: HealthUnit;
  /** Whether a higher value is healthier (drives colours and trend words). */
  better: "higher" | "lower";
  value: number | null;
  /** The mean of the same indicator over the event's previous sessions (up to HEALTH_TREND_SESSIONS), and value − that mean. */
  previousMean: number | null;
  delta: number | null;
  trend: "up" | "down" | "flat" | null;
  /** The next session's value by simple exponential smoothing (α = HEALTH_SMOOTHING) over the event's sessions, oldest first. */
  forecast: number | null;
  threshold: HealthThreshold;
  breached: boolean;
}

export const HEALTH_TREND_SESSIONS = 5;
export const HEALTH_SMOOTHING = 0.5;

/** What the webhook receives (JSON POST) when a session ends with indicators past their thresholds. */
export interface HealthAlert {
  type: "grove.health";
  event: { slug: string; title: string };
  session: { id: string; startedAt: number; endedAt: number | null };
  breached: { id: HealthIndicatorId; value: number; threshold: HealthThreshold }[];
  /** A plain text summary (zh-CN then English) for chat bots that show `text`. */
  text: string;
  url: string;
}
