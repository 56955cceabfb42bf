import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { TREE_STAGE_AT, treeProgress, treeStageFor, treeView } from "../../../shared/rules/growth/tree.js";
import { TREE_STAGES } from "../../../shared/rules/growth/types.js";

describe("treeProgress", () => {
  it("is 0 with no growth and follows (growth / goal)^0.6 below the goal", () => {
    expect(treeProgress(0, 300)).toBe(0);
    expect(treeProgress(-5, 300)).toBe(0);
    expect(treeProgress(75, 300)).toBeCloseTo(0.25 ** 0.6, 12);
    expect(treeProgress(150, 300)).toBeCloseTo(0.6598, 4);
  });

  it("shows a quiet crowd more than a straight line would", () => {
    expect(treeProgress(30, 300)).toBeGreaterThan(0.1);
  });

  it("is exactly 1 at the goal and beyond, and below 1 just before it", () => {
    expect(treeProgress(300, 300)).toBe(1);
    expect(treeProgress(9_000, 300)).toBe(1);
    expect(treeProgress(299, 300)).toBeLessThan(1);
  });

  it("treats a goal below 1 as 1", () => {
    expect(treeProgress(1, 0)).toBe(1);
    expect(treeProgress(0, 0)).toBe(0);
  });

  it("never falls as growth rises and stays within 0..1", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(100), fc.integer({ min: 1, max: 5_000 }), (growth, more, goal) => {
        const p = treeProgress(growth, goal);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(treeProgress(growth + more, goal)).toBeGreaterThanOrEqual(p);
      }),
    );
  });
});

describe("treeStageFor", () => {
  const cases: Array<[number, string]> = [
    [0, "seed"],
    [0.0499, "seed"],
    [0.05, "sprout"],
    [0.1499, "sprout"],
    [0.15, "sapling"],
    [0.2999, "sapling"],
    [0.3, "branches"],
    [0.4999, "branches"],
    [0.5, "leaves"],
    [0.7499, "leaves"],
    [0.75, "blossoms"],
    [0.9999, "blossoms"],
    [1, "fruit"],
  ];
  it.each(cases)("at progress %d the tree is %s", (progress, stage) => {
    expect(treeStageFor(progress)).toBe(stage);
  });

  it("orders the thresholds as the stages", () => {
    const at = TREE_STAGES.map((stage) => TREE_STAGE_AT[stage]);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });
});

describe("treeView", () => {
  it("puts growth, goal, progress, stage and contributors together", () => {
    expect(treeView(75, 300, 4, null)).toEqual({ growth: 75, goal: 300, progress: 0.25 ** 0.6, stage: "branches", contributors: 4, reachedAt: null });
  });

  it("bears fruit at the goal", () => {
    const view = treeView(300, 300, 9, 1_000);
    expect(view.progress).toBe(1);
    expect(view.stage).toBe("fruit");
  });

  it("keeps its fruit once the goal was reached, even after a host took awards back", () => {
    const view = treeView(280, 300, 9, 1_000);
    expect(view.progress).toBe(1);
    expect(view.stage).toBe("fruit");
    expect(treeView(280, 300, 9, null).stage).toBe("blossoms");
  });
});
