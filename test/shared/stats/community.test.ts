import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  cohorts,
  communityReport,
  quintileScores,
  returningRates,
  rfmSegment,
  rfmSegments,
  tierPyramid,
  type TierPromotion,
} from "../../../shared/rules/stats/community.js";
import type { MemberSessionRow, SessionSummary } from "../../../shared/rules/stats/types.js";
import { reportFixture } from "./reportFixture.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

/** [memberId, points, interactions] */
type Attendee = [string, number, number];

function session(id: string, daysAgo: number, attendees: Attendee[], hours: number[] = []): SessionSummary {
  const startedAt = NOW - daysAgo * DAY;
  const members: MemberSessionRow[] = attendees.map(([memberId, points, interactions]) => ({
    memberId,
    name: `${memberId}@${id}`,
    firstJoinedAt: startedAt,
    lastLeftAt: startedAt + HOUR,
    dwellMs: HOUR,
    interactions,
    points,
    returning: false,
  }));
  const cells = new Array<number>(168).fill(0);
  hours.forEach((value, i) => (cells[i] = value));
  return {
    sessionId: id,
    eventId: "e1",
    eventSlug: "salon",
    eventTitle: "Salon",
    startedAt,
    endedAt: startedAt + HOUR,
    report: reportFixture({
      sessionId: id,
      startedAt,
      attendance: { members: attendees.length, newMembers: 1 },
      concurrency: { peak: attendees.length - 1 },
      interactions: { total: attendees.reduce((sum, [, , interactions]) => sum + interactions, 0) },
      hours: cells,
    }),
    members,
  };
}

/**
 * Five sessions over 60 days, ten members (A..J). Totals (points, interactions):
 * A 100 (5 sessions) · B 40 (3) · C 10,4 (2) · D 5 (1) · E 10,4 (2) · F 0,1 (1) · G 20 (2) · H 50 (1) · I 30 (3) · J 0,3 (1).
 */
const S1 = session("s1", 60, [["A", 20, 5], ["B", 20, 2], ["C", 10, 4], ["D", 5, 1], ["I", 30, 2]], [2, 0, 0, 5]);
const S2 = session("s2", 55, [["A", 20, 5], ["B", 10, 2], ["E", 10, 4], ["I", 0, 0]], [1]);
const S3 = session("s3", 40, [["A", 20, 5], ["C", 0, 0], ["E", 0, 0], ["F", 0, 1], ["I", 0, 0]]);
const S4 = session("s4", 10, [["A", 20, 5], ["B", 10, 2], ["G", 20, 1]]);
const S5 = session("s5", 3, [["A", 20, 5], ["G", 0, 0], ["H", 50, 1], ["J", 0, 3]]);
/** Out of order on purpose: the rules sort by start. */
const SESSIONS = [S3, S5, S1, S4, S2];

describe("returningRates", () => {
  it("counts attendances whose window has passed and a return within it", () => {
    // 7 days: s1..s4 are eligible (17 attendances); returns: A, B, I after s1 (s2 five days later), A and G after s4
    // (s5 exactly seven days later). 30 days: s1..s3 (14); A, B, C, I after s1; A, E, I after s2; A after s3 (30 days).
    expect(returningRates(SESSIONS, NOW)).toEqual({ d7: 5 / 17, d30: 8 / 14, eligible7: 17, eligible30: 14 });
  });

  it("includes a session exactly one window old and excludes one a moment younger", () => {
    const old = session("a", 7, [["A", 0, 0]]);
    const later = session("b", 1, [["A", 0, 0]]);
    expect(returningRates([old, later], NOW)).toMatchObject({ d7: 1, eligible7: 1, d30: null, eligible30: 0 });
    expect(returningRates([old, later], NOW - 1)).toMatchObject({ d7: null, eligible7: 0 });
  });

  it("does not count a return more than a window later, nor a session starting at the same moment", () => {
    const first = session("a", 40, [["A", 0, 0], ["B", 0, 0]]);
    const same = session("b", 40, [["A", 0, 0]]);
    const late = session("c", 32, [["B", 0, 0]]);
    expect(returningRates([first, same, late], NOW)).toEqual({ d7: 0, d30: 1 / 4, eligible7: 4, eligible30: 4 });
  });

  it("is null without sessions", () => {
    expect(returningRates([], NOW)).toEqual({ d7: null, d30: null, eligible7: 0, eligible30: 0 });
  });
});

describe("cohorts", () => {
  it("groups members by their first session and follows them through the next ones", () => {
    expect(cohorts(SESSIONS)).toEqual([
      { sessionId: "s1", startedAt: S1.startedAt, size: 5, retained: [3 / 5, 3 / 5, 2 / 5, 1 / 5] },
      { sessionId: "s2", startedAt: S2.startedAt, size: 1, retained: [1, 0, 0] },
      { sessionId: "s3", startedAt: S3.startedAt, size: 1, retained: [0, 0] },
      { sessionId: "s4", startedAt: S4.startedAt, size: 1, retained: [1] },
      { sessionId: "s5", startedAt: S5.startedAt, size: 2, retained: [] },
    ]);
  });

  it("keeps at most twelve columns and skips sessions that were nobody's first", () => {
    const many = Array.from({ length: 15 }, (_, i) => session(`m${String(i).padStart(2, "0")}`, 50 - i, [["A", 0, 0]]));
    const rows = cohorts(many);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.retained).toEqual(new Array<number>(12).fill(1));
  });

  it("orders sessions that start together by id", () => {
    const b = session("b", 5, [["A", 0, 0]]);
    const a = session("a", 5, [["A", 0, 0], ["B", 0, 0]]);
    expect(cohorts([b, a]).map((row) => [row.sessionId, row.size, row.retained])).toEqual([["a", 2, [0.5]]]);
  });
});

describe("quintileScores", () => {
  const byValue = (a: number, b: number) => a - b;

  it("fills the quintiles evenly for distinct values", () => {
    expect(quintileScores([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], byValue)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(quintileScores([3, 1, 2, 5, 4], byValue)).toEqual([3, 1, 2, 5, 4]);
  });

  it("gives tied values the score of their average rank", () => {
    // Ranks 1 | 2–5 (average 3.5) | 6: ⌈5·1/6⌉ = 1, ⌈5·3.5/6⌉ = 3, ⌈5·6/6⌉ = 5.
    expect(quintileScores([0, 1, 1, 1, 1, 2], byValue)).toEqual([1, 3, 3, 3, 3, 5]);
    expect(quintileScores([7], byValue)).toEqual([5]);
    expect(quintileScores([], byValue)).toEqual([]);
  });

  it("scores 1..5, equal values equally, and a better value never lower", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 40 }), (values) => {
        const scores = quintileScores(values, byValue);
        values.forEach((a, i) =>
          values.forEach((b, j) => {
            expect(scores[i]).toBeGreaterThanOrEqual(1);
            expect(scores[i]).toBeLessThanOrEqual(5);
            if (a === b) expect(scores[i]).toBe(scores[j]);
            if (a > b) expect(scores[i]).toBeGreaterThanOrEqual(scores[j]!);
          }),
        );
      }),
    );
  });
});

describe("rfmSegment", () => {
  it.each([
    [[4, 4, 4, 5], "champion"],
    [[3, 4, 5, 5], "loyal"],
    [[5, 4, 3, 5], "loyal"],
    [[4, 2, 3, 1], "promising"],
    [[5, 1, 5, 2], "promising"],
    [[4, 2, 2, 1], "newcomer"],
    [[4, 3, 2, 1], "newcomer"],
    [[4, 2, 2, 2], "dormant"],
    [[2, 3, 1, 3], "atRisk"],
    [[3, 3, 5, 3], "dormant"],
    [[1, 1, 1, 1], "dormant"],
  ] as const)("segments r, f, m, sessions %j as %s", ([r, f, m, sessions], segment) => {
    expect(rfmSegment(r, f, m, sessions)).toBe(segment);
  });
});

describe("rfmSegments", () => {
  it("scores recency, frequency and contribution by quintile and reaches every segment", () => {
    // n = 10. Recency (days since the last stay ended, an hour after its session's start): A G H J 2, B 9, C E F I 39,
    // D 59 → worst first D | CEFI (ranks 2–5) | B | AGHJ (7–10): R = 1, 2, 3, 5.
    // Sessions: D F H J 1 | C E G 2 | B I 3 | A 5 → F = 2, 3, 5, 5.
    // Points, then interactions: F (0,1) J (0,3) D 5 | C E (10,4) | G 20 | I 30 | B 40 | H 50 | A 100 → M = 1 1 2 3 3 3 4 4 5 5.
    const rows = rfmSegments(SESSIONS, NOW);
    expect(rows.map((row) => [row.memberId, row.recencyDays, row.sessions, row.points, row.r, row.f, row.m, row.segment])).toEqual([
      ["A", 2, 5, 100, 5, 5, 5, "champion"],
      ["B", 9, 3, 40, 3, 5, 4, "loyal"],
      ["I", 39, 3, 30, 2, 5, 4, "loyal"],
      ["H", 2, 1, 50, 5, 2, 5, "promising"],
      ["J", 2, 1, 0, 5, 2, 1, "newcomer"],
      ["C", 39, 2, 10, 2, 3, 3, "atRisk"],
      ["E", 39, 2, 10, 2, 3, 3, "atRisk"],
      ["G", 2, 2, 20, 5, 3, 3, "dormant"],
      ["D", 59, 1, 5, 1, 2, 2, "dormant"],
      ["F", 39, 1, 0, 2, 2, 1, "dormant"],
    ]);
  });

  it("sums a member's sessions and keeps their first and last moments and latest name", () => {
    const a = rfmSegments(SESSIONS, NOW).find((row) => row.memberId === "A")!;
    expect(a).toMatchObject({ name: "A@s5", firstSeenAt: S1.startedAt, lastSeenAt: S5.startedAt + HOUR, interactions: 25, points: 100 });
  });

  it("counts a stay still open as now", () => {
    const live = session("live", 0, [["A", 0, 0]]);
    const open: SessionSummary = { ...live, startedAt: NOW - 20 * DAY, members: [{ ...live.members[0]!, firstJoinedAt: NOW - 20 * DAY, lastLeftAt: null }] };
    expect(rfmSegments([open], NOW)[0]).toMatchObject({ recencyDays: 0, lastSeenAt: NOW });
  });
});

describe("a member listed twice in one session", () => {
  it("attends that session once", () => {
    const twice = session("t", 10, [["A", 1, 1], ["A", 2, 2]]);
    const row = rfmSegments([twice], NOW)[0]!;
    expect(row).toMatchObject({ sessions: 1, points: 3, interactions: 3 });
    expect(returningRates([twice], NOW).eligible7).toBe(1);
    expect(cohorts([twice])[0]!.size).toBe(1);
  });

  it("never counts a stay as ending after now", () => {
    const future = session("f", 0, [["A", 0, 0]]);
    expect(rfmSegments([future], NOW - HOUR / 2)[0]).toMatchObject({ lastSeenAt: NOW - HOUR / 2, recencyDays: 0 });
  });
});

describe("tierPyramid", () => {
  it("counts the scope's members who had reached each tier by each session's start", () => {
    const promotions: TierPromotion[] = [
      { memberId: "A", tier: "explorer", at: NOW - 58 * DAY },
      { memberId: "A", tier: "coCreator", at: NOW - 20 * DAY },
      { memberId: "A", tier: "evangelist", at: NOW - 5 * DAY },
      { memberId: "A", tier: "explorer", at: NOW - 1 * DAY },
      // Straight to co-creator: explorer is reached too.
      { memberId: "B", tier: "coCreator", at: NOW - 50 * DAY },
      // At s3's start exactly.
      { memberId: "C", tier: "explorer", at: NOW - 40 * DAY },
      // Never in these sessions.
      { memberId: "Z", tier: "evangelist", at: NOW - 70 * DAY },
    ];
    expect(tierPyramid(SESSIONS, promotions).map(({ sessionId, explorer, coCreator, evangelist }) => [sessionId, explorer, coCreator, evangelist])).toEqual([
      ["s1", 0, 0, 0],
      ["s2", 1, 0, 0],
      ["s3", 3, 1, 0],
      ["s4", 3, 2, 0],
      ["s5", 3, 2, 1],
    ]);
  });
});

describe("communityReport", () => {
  it("puts every figure together, sessions oldest first", () => {
    const report = communityReport(SESSIONS, [], NOW);
    expect(report.asOf).toBe(NOW);
    expect(report.sessions.map((s) => [s.sessionId, s.members, s.peak, s.interactions, s.newMembers, s.eventSlug])).toEqual([
      ["s1", 5, 4, 14, 1, "salon"],
      ["s2", 4, 3, 11, 1, "salon"],
      ["s3", 5, 4, 6, 1, "salon"],
      ["s4", 3, 2, 8, 1, "salon"],
      ["s5", 4, 3, 9, 1, "salon"],
    ]);
    expect(report.returning.d7).toBe(5 / 17);
    expect(report.cohorts.map((row) => row.size)).toEqual([5, 1, 1, 1, 2]);
    expect(report.segmentCounts).toEqual({ champion: 1, loyal: 2, promising: 1, newcomer: 1, atRisk: 2, dormant: 3 });
    expect(report.segments).toHaveLength(10);
    expect(report.hours).toHaveLength(168);
    expect(report.hours.slice(0, 4)).toEqual([3, 0, 0, 5]);
    expect(report.hours.slice(4).every((cell) => cell === 0)).toBe(true);
    expect(report.tiers.map((row) => row.explorer)).toEqual([0, 0, 0, 0, 0]);
  });

  it("is empty without sessions", () => {
    const report = communityReport([], [{ memberId: "A", tier: "explorer", at: NOW }], NOW);
    expect(report.sessions).toEqual([]);
    expect(report.returning).toEqual({ d7: null, d30: null, eligible7: 0, eligible30: 0 });
    expect(report.cohorts).toEqual([]);
    expect(report.segmentCounts).toEqual({ champion: 0, loyal: 0, promising: 0, newcomer: 0, atRisk: 0, dormant: 0 });
    expect(report.hours).toEqual(new Array<number>(168).fill(0));
    expect(report.tiers).toEqual([]);
  });
});
