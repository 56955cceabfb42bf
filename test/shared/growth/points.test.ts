import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { awardFor, awardsToMaximum, POINT_ORDER, POINTS, sessionMaximum } from "../../../shared/rules/growth/points.js";
import { POINT_KINDS, type PointRule } from "../../../shared/rules/growth/types.js";

describe("the points table", () => {
  it("has a row for every point kind, in the kinds' order", () => {
    expect(Object.keys(POINTS).sort()).toEqual([...POINT_KINDS].sort());
    expect(POINT_ORDER).toEqual(POINT_KINDS);
  });

  it("keeps every row sane: positive points, a run at full value, a session cap a day holds twice", () => {
    for (const kind of POINT_KINDS) {
      const rule = POINTS[kind];
      expect(rule.points, kind).toBeGreaterThan(0);
      expect(rule.fullFor, kind).toBeGreaterThanOrEqual(1);
      expect(rule.perSession, kind).toBeGreaterThanOrEqual(rule.points);
      expect(rule.perDay, kind).toBe(2 * rule.perSession);
    }
  });

  it("gives one minute present one point, up to half an hour a session", () => {
    expect(POINTS.presence).toEqual({ points: 1, fullFor: 30, perSession: 30, perDay: 60 });
  });

  it("prices a question above a chat line and a reaction, and speaking above a question", () => {
    expect(POINTS.question.points).toBeGreaterThan(POINTS.chat.points);
    expect(POINTS.chat.points).toBeGreaterThan(POINTS.reaction.points);
    expect(POINTS.speaking.points).toBeGreaterThan(POINTS.question.points);
  });
});

describe("awardFor", () => {
  const rule: PointRule = { points: 8, fullFor: 3, perSession: 100, perDay: 200 };

  it("gives full value for the first fullFor awards, then halves each further fullFor, rounding down", () => {
    expect([0, 1, 2].map((n) => awardFor(rule, n))).toEqual([8, 8, 8]);
    expect([3, 4, 5].map((n) => awardFor(rule, n))).toEqual([4, 4, 4]);
    expect([6, 8, 9, 11, 12].map((n) => awardFor(rule, n))).toEqual([2, 2, 1, 1, 0]);
    expect(awardFor({ ...rule, points: 5 }, 3)).toBe(2);
  });

  it("diminishes an award's own full value (a clue's points) by the rule's fullFor, as it does the rule's points", () => {
    expect([0, 2, 3, 5, 6].map((n) => awardFor(rule, n, 13))).toEqual([13, 13, 6, 6, 3]);
    expect(awardFor(POINTS.clueFound, POINTS.clueFound.fullFor - 1, 40)).toBe(40);
    expect(awardFor(POINTS.clueFound, POINTS.clueFound.fullFor, 40)).toBe(20);
    expect(awardFor(rule, 0, 0)).toBe(0);
    expect(awardFor(rule, 0, -5)).toBe(0);
    expect(awardFor(rule, 1_000_000, 200)).toBe(0);
  });

  it("is worth nothing for a flood, without overflowing", () => {
    expect(awardFor(rule, 1_000_000)).toBe(0);
    expect(awardFor({ ...rule, fullFor: 1 }, 2_000)).toBe(0);
  });

  it("steps each shipped kind down after its fullFor", () => {
    for (const kind of POINT_KINDS) {
      const r = POINTS[kind];
      expect(awardFor(r, r.fullFor - 1), kind).toBe(r.points);
      expect(awardFor(r, r.fullFor), kind).toBe(Math.floor(r.points / 2));
      expect(awardFor(r, 2 * r.fullFor), kind).toBe(Math.floor(r.points / 4));
    }
  });

  it("never rises with n and never goes below 0", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 20 }), fc.nat(500), (points, fullFor, n) => {
        const r = { points, fullFor, perSession: 1000, perDay: 2000 };
        expect(awardFor(r, n + 1)).toBeLessThanOrEqual(awardFor(r, n));
        expect(awardFor(r, n)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe("sessionMaximum and awardsToMaximum", () => {
  it("stops at perSession when the series would pass it", () => {
    // question: 5,5,5 then 2,2,2 (21) → clipped to 20 on the sixth.
    expect(sessionMaximum(POINTS.question)).toBe(20);
    expect(awardsToMaximum(POINTS.question)).toBe(6);
  });

  it("stops where the series runs dry when that comes first", () => {
    // reaction: ten at 1, then 0.
    expect(sessionMaximum(POINTS.reaction)).toBe(10);
    expect(awardsToMaximum(POINTS.reaction)).toBe(10);
    expect(sessionMaximum({ points: 1, fullFor: 2, perSession: 50, perDay: 100 })).toBe(2);
  });

  it("gives what a number of awards earns", () => {
    expect(sessionMaximum(POINTS.chat, 0)).toBe(0);
    expect(sessionMaximum(POINTS.chat, 11)).toBe(21);
    expect(sessionMaximum(POINTS.presence, 45)).toBe(30);
  });
});
