import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { TIER_BARS, TIER_WINDOW_MS, tierAfter, tierFor, tierMetrics, tierProgress, tierPromotions } from "../../../shared/rules/growth/tiers.js";
import { TIERS, type Tier, type TierMetrics } from "../../../shared/rules/growth/types.js";
import { DAY, summary } from "./memberSummary.js";

const KEYS = ["sessions", "kinds", "energyFrom", "answered", "huntsCompleted"] as const;
const ZERO: TierMetrics = { sessions: 0, kinds: 0, energyFrom: 0, answered: 0, huntsCompleted: 0 };
const minus = (metrics: TierMetrics, key: keyof TierMetrics): TierMetrics => ({ ...metrics, [key]: metrics[key] - 1 });
const NOW = 1_000 * DAY;

describe("TIER_BARS", () => {
  it("keeps each keep bar at or under its promote bar, and evangelist's bars at or above co-creator's", () => {
    for (const key of KEYS) {
      expect(TIER_BARS.coCreator.keep[key]).toBeLessThanOrEqual(TIER_BARS.coCreator.promote[key]);
      expect(TIER_BARS.evangelist.keep[key]).toBeLessThanOrEqual(TIER_BARS.evangelist.promote[key]);
      expect(TIER_BARS.coCreator.promote[key]).toBeLessThanOrEqual(TIER_BARS.evangelist.promote[key]);
      expect(TIER_BARS.coCreator.keep[key]).toBeLessThanOrEqual(TIER_BARS.evangelist.keep[key]);
    }
    expect(TIER_WINDOW_MS).toBe(90 * DAY);
  });
});

describe("tierAfter: promotion", () => {
  it("makes an explorer a co-creator exactly at the co-creator promote bar", () => {
    expect(tierAfter("explorer", TIER_BARS.coCreator.promote)).toBe("coCreator");
  });

  it.each(["sessions", "kinds", "energyFrom"] as const)("keeps an explorer one %s below the co-creator promote bar", (key) => {
    expect(tierAfter("explorer", minus(TIER_BARS.coCreator.promote, key))).toBe("explorer");
  });

  it("keeps an explorer at co-creator's keep bar an explorer (the keep bar never promotes)", () => {
    expect(tierAfter("explorer", TIER_BARS.coCreator.keep)).toBe("explorer");
    expect(tierAfter("explorer", ZERO)).toBe("explorer");
  });

  it("makes a co-creator an evangelist exactly at the evangelist promote bar", () => {
    expect(tierAfter("coCreator", TIER_BARS.evangelist.promote)).toBe("evangelist");
  });

  it.each(["sessions", "kinds", "energyFrom", "answered"] as const)("keeps a co-creator one %s below the evangelist promote bar", (key) => {
    expect(tierAfter("coCreator", minus(TIER_BARS.evangelist.promote, key))).toBe("coCreator");
  });

  it("lifts an explorer straight to evangelist when the evangelist bar is met", () => {
    expect(tierAfter("explorer", TIER_BARS.evangelist.promote)).toBe("evangelist");
  });

  it("counts hunts completed toward the answered bar", () => {
    const bar = TIER_BARS.evangelist.promote;
    expect(tierAfter("coCreator", { ...bar, answered: 0, huntsCompleted: bar.answered })).toBe("evangelist");
    expect(tierAfter("coCreator", { ...bar, answered: 1, huntsCompleted: bar.answered - 2 })).toBe("coCreator");
  });
});

describe("tierAfter: keeping and falling", () => {
  it("keeps a co-creator exactly at the keep bar", () => {
    expect(tierAfter("coCreator", TIER_BARS.coCreator.keep)).toBe("coCreator");
  });

  it.each(["sessions", "kinds", "energyFrom"] as const)("drops a co-creator one %s below the keep bar to explorer", (key) => {
    expect(tierAfter("coCreator", minus(TIER_BARS.coCreator.keep, key))).toBe("explorer");
  });

  it("keeps an evangelist exactly at the keep bar, below the promote bar", () => {
    expect(tierAfter("evangelist", TIER_BARS.evangelist.keep)).toBe("evangelist");
  });

  it.each(["sessions", "kinds", "energyFrom", "answered"] as const)("drops an evangelist one %s below the keep bar to co-creator", (key) => {
    expect(tierAfter("evangelist", minus(TIER_BARS.evangelist.keep, key))).toBe("coCreator");
  });

  it("drops an evangelist below both keep bars to explorer", () => {
    expect(tierAfter("evangelist", minus(TIER_BARS.coCreator.keep, "sessions"))).toBe("explorer");
  });

  it("does not flip at the edge: one step up, one step down, back up to the bar", () => {
    const bar = TIER_BARS.coCreator.promote;
    const path = [bar, minus(bar, "sessions"), bar, minus(bar, "kinds"), bar];
    const tiers: Tier[] = [];
    let tier: Tier = "explorer";
    for (const metrics of path) tiers.push((tier = tierAfter(tier, metrics)));
    expect(tiers).toEqual(["coCreator", "coCreator", "coCreator", "coCreator", "coCreator"]);
  });

  it("never drops a member whose metrics meet their tier's keep bar, and only promotes at a promote bar", () => {
    const metrics = fc.record({
      sessions: fc.nat(12),
      kinds: fc.nat(14),
      energyFrom: fc.nat(20),
      answered: fc.nat(5),
      huntsCompleted: fc.nat(3),
    });
    fc.assert(
      fc.property(fc.constantFrom(...TIERS), metrics, (previous, m) => {
        const next = tierAfter(previous, m);
        const at = TIERS.indexOf(next);
        const was = TIERS.indexOf(previous);
        const meets = (bar: TierMetrics): boolean => KEYS.every((key) => (key === "answered" ? m.answered + m.huntsCompleted : m[key]) >= bar[key]);
        if (previous !== "explorer" && meets(TIER_BARS[previous].keep)) expect(at).toBeGreaterThanOrEqual(was);
        if (at > was && next !== "explorer") expect(meets(TIER_BARS[next].promote)).toBe(true);
        if (at < was && previous !== "explorer") expect(meets(TIER_BARS[previous].keep)).toBe(false);
        // Once there, the same metrics keep the member there: the fold is stable.
        expect(tierAfter(next, m)).toBe(next);
      }),
    );
  });
});

describe("tierMetrics", () => {
  it("counts sessions that started in (now − 90 days, now]: one just outside the window and one after now do not count", () => {
    const history = [
      summary("s-old", NOW - TIER_WINDOW_MS, { byKind: { chat: 5 }, energyFrom: ["a"], answered: 1, huntsCompleted: 1 }),
      summary("s-edge", NOW - TIER_WINDOW_MS + 1, { byKind: { question: 2 } }),
      summary("s-now", NOW, { byKind: { reaction: 1 } }),
      summary("s-future", NOW + 1, { byKind: { stance: 1 }, energyFrom: ["b"], answered: 1 }),
    ];
    expect(tierMetrics(history, NOW)).toEqual({ sessions: 2, kinds: 2, energyFrom: 0, answered: 0, huntsCompleted: 0 });
  });

  it("counts distinct point kinds with points, not presence, and distinct givers across sessions", () => {
    const history = [
      summary("s1", NOW - 3 * DAY, { byKind: { chat: 4, presence: 10, reaction: 0 }, energyFrom: ["a", "b"], answered: 1 }),
      summary("s2", NOW - 2 * DAY, { byKind: { chat: 2, quizCorrect: 3 }, energyFrom: ["b", "c"], answered: 2, huntsCompleted: 1 }),
    ];
    expect(tierMetrics(history, NOW)).toEqual({ sessions: 2, kinds: 2, energyFrom: 3, answered: 3, huntsCompleted: 1 });
  });

  it("counts a session the history holds twice once", () => {
    const one = summary("s1", NOW - DAY, { byKind: { chat: 1 }, answered: 1 });
    expect(tierMetrics([one, one], NOW)).toEqual({ sessions: 1, kinds: 1, energyFrom: 0, answered: 1, huntsCompleted: 0 });
  });
});

/** A session that gives, on its own, a co-creator's breadth when three of them are in the window. */
const broad = (id: string, startedAt: number, givers: readonly string[] = ["a", "b", "c"]) =>
  summary(id, startedAt, { byKind: { chat: 3, question: 2, reaction: 1, pollVote: 1 }, energyFrom: givers });

describe("tierFor", () => {
  it("is explorer with no history", () => {
    expect(tierFor([], NOW)).toBe("explorer");
    expect(tierPromotions([], NOW)).toEqual([]);
  });

  it("rises at the third broad session and keeps co-creator while two sessions stay in the window", () => {
    const history = [broad("s3", NOW - 10 * DAY), broad("s1", NOW - 30 * DAY), broad("s2", NOW - 20 * DAY)];
    expect(tierFor(history.slice(1), NOW)).toBe("explorer");
    expect(tierFor(history, NOW)).toBe("coCreator");
    // s1 leaves the window at NOW + 60 days: two sessions meet the keep bar.
    expect(tierFor(history, NOW + 61 * DAY)).toBe("coCreator");
    // s2 leaves too: one session is under the keep bar.
    expect(tierFor(history, NOW + 71 * DAY)).toBe("explorer");
  });

  it("does not promote on a history whose broad sessions never share a window", () => {
    const history = [broad("s1", NOW - 200 * DAY), broad("s2", NOW - 100 * DAY), broad("s3", NOW)];
    expect(tierFor(history, NOW)).toBe("explorer");
  });

  it("keeps a co-creator promoted earlier whose window now holds only the keep bar (hysteresis across the fold)", () => {
    const history = [broad("s1", NOW - 100 * DAY), broad("s2", NOW - 60 * DAY), broad("s3", NOW - 50 * DAY), broad("s4", NOW - 5 * DAY, ["a", "b"])];
    // At NOW + 35 days the window holds s3 and s4 alone: under the promote bar, at the keep bar.
    expect(tierFor(history, NOW + 35 * DAY)).toBe("coCreator");
    expect(tierMetrics(history, NOW + 35 * DAY).sessions).toBe(2);
    // An explorer with the same window would stay an explorer: only the fold's past lifts the member.
    expect(tierAfter("explorer", tierMetrics(history, NOW + 35 * DAY))).toBe("explorer");
  });

  it("gives the same tier for any order of the history", () => {
    const history = [broad("s1", NOW - 30 * DAY), broad("s2", NOW - 20 * DAY), broad("s3", NOW - 10 * DAY), broad("s4", NOW - 5 * DAY)];
    fc.assert(
      fc.property(fc.shuffledSubarray(history, { minLength: history.length }), (shuffled) => {
        expect(tierFor(shuffled, NOW)).toBe(tierFor(history, NOW));
      }),
    );
  });

  it("lists promotions with the start of the session that brought them, an evangelist's once", () => {
    const wide = (id: string, at: number, givers: string[]) =>
      summary(id, at, { byKind: { chat: 1, question: 1, reaction: 1, pollVote: 1, stance: 1, checkIn: 1 }, energyFrom: givers, answered: 1 });
    const givers = (from: number) => Array.from({ length: 2 }, (_, i) => `g${from + i}`);
    const history = Array.from({ length: 7 }, (_, i) => wide(`s${i}`, NOW - (70 - i * 10) * DAY, givers(i * 2)));
    // s2 (third session, 6 givers, 3 answered) → co-creator; s5 (sixth, 12 givers) → evangelist.
    expect(tierPromotions(history, NOW)).toEqual([
      { tier: "coCreator", at: NOW - 50 * DAY },
      { tier: "evangelist", at: NOW - 20 * DAY },
    ]);
    expect(tierFor(history, NOW)).toBe("evangelist");
  });

  it("folds in time order whatever order the history comes in", () => {
    const history = [broad("s1", 0), broad("s2", DAY), broad("s3", 2 * DAY), broad("s4", 300 * DAY), broad("s5", 301 * DAY), broad("s6", 302 * DAY)];
    expect(tierPromotions([...history].reverse(), 400 * DAY)).toEqual(tierPromotions(history, 400 * DAY));
    expect(tierPromotions([...history].reverse(), 400 * DAY)).toHaveLength(2);
  });

  it("does not count sessions that start after now, even on the way", () => {
    const history = [broad("s1", NOW - 10 * DAY), broad("s2", NOW + DAY), broad("s3", NOW + 2 * DAY)];
    expect(tierFor(history, NOW)).toBe("explorer");
    expect(tierPromotions(history, NOW)).toEqual([]);
    expect(tierFor(history, NOW + 2 * DAY)).toBe("coCreator");
  });

  it("lists a member who fell and rose again twice", () => {
    const history = [broad("s1", 0), broad("s2", DAY), broad("s3", 2 * DAY), broad("s4", 300 * DAY), broad("s5", 301 * DAY), broad("s6", 302 * DAY)];
    expect(tierPromotions(history, 400 * DAY)).toEqual([
      { tier: "coCreator", at: 2 * DAY },
      { tier: "coCreator", at: 302 * DAY },
    ]);
  });
});

describe("tierProgress", () => {
  it("measures an explorer against co-creator's promote bar", () => {
    const metrics = { sessions: 1, kinds: 2, energyFrom: 0, answered: 1, huntsCompleted: 1 };
    expect(tierProgress("explorer", metrics)).toEqual({
      tier: "explorer",
      next: {
        tier: "coCreator",
        metrics: {
          sessions: { has: 1, needs: 3 },
          kinds: { has: 2, needs: 4 },
          energyFrom: { has: 0, needs: 3 },
          answered: { has: 2, needs: 0 },
          huntsCompleted: { has: 1, needs: 0 },
        },
      },
    });
  });

  it("measures a co-creator against evangelist's promote bar, and has no next tier at the top", () => {
    expect(tierProgress("coCreator", ZERO).next?.tier).toBe("evangelist");
    expect(tierProgress("coCreator", ZERO).next?.metrics.energyFrom).toEqual({ has: 0, needs: 10 });
    expect(tierProgress("evangelist", ZERO)).toEqual({ tier: "evangelist", next: null });
  });
});
