import { INTERACTION_GROUPS, STATS_VERSION, type InteractionGroup, type SessionReport, type TimeSeries } from "../../../shared/rules/stats/types.js";

/**
 * A hand-built SessionReport for tests that read reports (health, compare, CSV, pages). The figures are consistent
 * with one another so a test can hand-compute from them:
 * - a 60-minute session (19:00–20:00 UTC, 30 Nov 2026), 40 members (10 new, 30 returning), peak 30 inside at once;
 * - dwell: mean 25 min, 6 early leavers (share 0.15); member-minutes 40 × 25 = 1000;
 * - 600 interactions by 24 members (share 0.6, 0.6 per member-minute); 200 chat lines, 10 negative;
 * - 8 questions, 6 answered (rate 0.75), median answer 3 min; polls at 0.5 and 0.7 participation (mean 0.6);
 * - 2 speakers; one check-in, 32 checked in (share 0.8);
 * - 4 flags (2 per 100 lines), median response 1.5 min; 6 moderation acts (15 per 100 members);
 * - the tree reached its goal (500 of 400); the hunt: 20 started, 5 completed (0.25);
 * - 80 energy given (2 per member); promotions 4 explorer + 2 co-creator (15 per 100 members).
 */
export const FIXTURE_START = Date.UTC(2026, 10, 30, 19, 0, 0);
const MINUTE = 60_000;

/** One level deep: an object field's overrides merge into the fixture's; arrays, nulls and scalars replace it. */
export type ReportOverrides = {
  [K in keyof SessionReport]?: SessionReport[K] extends readonly unknown[] ? SessionReport[K] : SessionReport[K] extends object ? Partial<SessionReport[K]> : SessionReport[K];
};

function series(values: number[], start = FIXTURE_START, bucketMs = MINUTE): TimeSeries {
  return { start, bucketMs, values };
}

function perGroup<T>(make: (group: InteractionGroup) => T): Record<InteractionGroup, T> {
  return Object.fromEntries(INTERACTION_GROUPS.map((group) => [group, make(group)])) as Record<InteractionGroup, T>;
}

function baseReport(): SessionReport {
  const byGroup: Record<InteractionGroup, number> = {
    chat: 200,
    reactions: 250,
    questions: 20,
    polls: 45,
    debates: 0,
    stage: 4,
    checkIns: 33,
    energy: 30,
    hunt: 12,
    moderation: 6,
    other: 0,
  };
  return {
    version: STATS_VERSION,
    sessionId: "s1",
    eventId: "e1",
    startedAt: FIXTURE_START,
    endedAt: FIXTURE_START + 60 * MINUTE,
    asOf: FIXTURE_START + 60 * MINUTE,
    durationMs: 60 * MINUTE,
    attendance: { members: 40, newMembers: 10, returningMembers: 30 },
    concurrency: { peak: 30, peakAt: FIXTURE_START + 20 * MINUTE, series: series([10, 30, 20]) },
    dwell: {
      meanMs: 25 * MINUTE,
      medianMs: 20 * MINUTE,
      p90Ms: 55 * MINUTE,
      earlyLeavers: 6,
      earlyLeaverShare: 0.15,
      histogram: [
        { upToMs: MINUTE, members: 2 },
        { upToMs: 5 * MINUTE, members: 4 },
        { upToMs: 15 * MINUTE, members: 8 },
        { upToMs: 30 * MINUTE, members: 12 },
        { upToMs: 60 * MINUTE, members: 14 },
        { upToMs: 120 * MINUTE, members: 0 },
        { upToMs: null, members: 0 },
      ],
    },
    interactions: {
      total: 600,
      byKind: { chat: 200, react: 250, askQuestion: 8, upvoteQuestion: 12, vote: 45, checkIn: 33, giveEnergy: 30, stage: 4, huntClaim: 12, mute: 6 },
      byGroup,
      series: perGroup((group) => series([0, byGroup[group], 0])),
      interactingMembers: 24,
      interactedShare: 0.6,
      perMemberMinute: 0.6,
    },
    chat: { lines: 200, chatters: 20, negativeLines: 10, series: series([50, 100, 50]) },
    questions: { asked: 8, answered: 6, answerRate: 0.75, medianAnswerMs: 3 * MINUTE, upvotes: 12 },
    polls: {
      polls: [
        { pollId: "p1", question: "Tea or coffee?", kind: "single", openedAt: FIXTURE_START + 5 * MINUTE, voters: 10, present: 20, participation: 0.5 },
        { pollId: "p2", question: "Which city next?", kind: "multiple", openedAt: FIXTURE_START + 30 * MINUTE, voters: 21, present: 30, participation: 0.7 },
      ],
      meanParticipation: 0.6,
      quizzes: 0,
    },
    debates: [],
    speakers: [
      { memberId: "m1", name: "Lin", invitedAt: FIXTURE_START + 10 * MINUTE },
      { memberId: "m2", name: "Ada", invitedAt: FIXTURE_START + 25 * MINUTE },
    ],
    checkIns: { opened: 1, checkedIn: 32, share: 0.8 },
    moderation: {
      flagged: 4,
      flaggedPer100Lines: 2,
      medianResponseMs: 90_000,
      unanswered: 0,
      actions: { mute: 2, handled: 4 },
      actionsTotal: 6,
      actionsPer100Members: 15,
    },
    tree: { growth: 500, goal: 400, reachedAt: FIXTURE_START + 45 * MINUTE, series: series([100, 300, 500]) },
    hunt: {
      huntId: "h1",
      started: 20,
      completed: 5,
      completionRate: 0.25,
      clues: [{ clueId: "c1", name: "Lantern", kind: "venue", place: null, revealed: 20, found: 12 }],
      places: [],
      vouchersIssued: 0,
      vouchersRedeemed: 0,
    },
    growth: {
      points: 1200,
      energyGiven: 80,
      energyPerMember: 2,
      badges: { firstSteps: 5, firstQuestion: 3 },
      collectibles: 3,
      promotions: { explorer: 4, coCreator: 2 },
    },
    hotWords: [
      { word: "茶", count: 12, sentiment: 0.5 },
      { word: "city", count: 8, sentiment: 0.1 },
    ],
    hours: Array.from({ length: 168 }, (_, i) => (i === 1 * 24 + 19 ? 600 : 0)),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A fresh report (nothing shared between calls), with `overrides` merged one level deep. */
export function reportFixture(overrides: ReportOverrides = {}): SessionReport {
  const report = baseReport() as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const current = report[key];
    report[key] = isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value;
  }
  return report as unknown as SessionReport;
}
