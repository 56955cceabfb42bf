import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { benchTreeProgress } from "../../client/scene/GrowthTree.js";
import { BRANCH_STEPS, MAX_BRANCHES, treeCapacity, treeModel, treeScale } from "../../client/scene/growthTreeModel.js";
import { TREE_STAGE_AT } from "../../shared/rules/growth/tree.js";
import { TREE_STAGES } from "../../shared/rules/growth/types.js";

const SEEDS = [1, 7, 42, 20_260_412, 0xdeadbeef];
const progressArb = fc.double({ min: 0, max: 1, noNaN: true });

describe("the growth tree's model", () => {
  it("lays out the same tree for the same seed and progress", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), progressArb, (seed, progress) => {
        expect(treeModel(seed, progress)).toEqual(treeModel(seed, progress));
      }),
      { numRuns: 60 },
    );
  });

  it("lays out different trees for different seeds", () => {
    const a = treeModel(1, 1);
    const b = treeModel(2, 1);
    expect(a.branches.map((s) => s.end)).not.toEqual(b.branches.map((s) => s.end));
  });

  it("never loses a branch, a leaf cluster, a blossom or a fruit as progress rises", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), progressArb, progressArb, (seed, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const a = treeModel(seed, lo);
        const b = treeModel(seed, hi);
        expect(b.branches.length).toBeGreaterThanOrEqual(a.branches.length);
        expect(b.leaves.length).toBeGreaterThanOrEqual(a.leaves.length);
        expect(b.blossoms.length).toBeGreaterThanOrEqual(a.blossoms.length);
        expect(b.fruit.length).toBeGreaterThanOrEqual(a.fruit.length);
        expect(b.scale).toBeGreaterThanOrEqual(a.scale);
        // A branch already there is never shorter later.
        a.branches.forEach((branch, i) => {
          const length = (s: typeof branch) => Math.hypot(s.end[0] - s.start[0], s.end[1] - s.start[1], s.end[2] - s.start[2]);
          expect(length(b.branches[i]!)).toBeGreaterThanOrEqual(length(branch) - 1e-9);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("grows instances in: a part appears small and reaches its full size a little later", () => {
    const justBorn = treeModel(42, TREE_STAGE_AT.leaves + 0.02).leaves;
    const grown = treeModel(42, TREE_STAGE_AT.blossoms).leaves;
    expect(justBorn.length).toBeGreaterThan(0);
    expect(justBorn[0]!.scale).toBeLessThan(grown[0]!.scale);
  });

  it("shows only the seed at the seed stage", () => {
    const m = treeModel(42, 0);
    expect(m.stage).toBe("seed");
    expect(m.seed).not.toBeNull();
    expect(m.branches).toEqual([]);
    expect([m.buds.length, m.leaves.length, m.blossoms.length, m.fruit.length]).toEqual([0, 0, 0, 0]);
  });

  it("gives each stage its parts: wood from the sprout, boughs from the branches stage, leaves, blossoms, fruit at the goal", () => {
    for (const seed of SEEDS) {
      const at = (progress: number) => treeModel(seed, progress);
      expect(at(TREE_STAGE_AT.sprout).seed).toBeNull();
      expect(at(TREE_STAGE_AT.sprout).branches.length).toBeGreaterThan(0);
      expect(at(TREE_STAGE_AT.sprout).buds.length).toBeGreaterThan(0);
      expect(at(TREE_STAGE_AT.branches - 0.001).branches.every((b) => b.depth <= 1)).toBe(true);
      expect(at(TREE_STAGE_AT.leaves - 0.001).branches.some((b) => b.depth >= 2)).toBe(true);
      // No leaf cluster before `leaves`, no blossom before `blossoms`, no fruit before the goal.
      expect(at(TREE_STAGE_AT.leaves - 0.001).leaves).toEqual([]);
      expect(at(TREE_STAGE_AT.leaves + 0.01).leaves.length).toBeGreaterThan(0);
      expect(at(TREE_STAGE_AT.blossoms - 0.001).blossoms).toEqual([]);
      expect(at(TREE_STAGE_AT.blossoms + 0.01).blossoms.length).toBeGreaterThan(0);
      expect(at(0.999_999).fruit).toEqual([]);
      expect(at(1).fruit.length).toBeGreaterThan(0);
      // By the blossoms every leaf cluster is out and the buds of the young tree are gone.
      expect(at(TREE_STAGE_AT.blossoms).leaves.length).toBe(treeCapacity(seed).leaves);
      expect(at(TREE_STAGE_AT.blossoms).buds).toEqual([]);
    }
  });

  it("names the stage the shared rule names for the progress", () => {
    for (const stage of TREE_STAGES) expect(treeModel(42, TREE_STAGE_AT[stage]).stage).toBe(stage);
  });

  it("keeps the branch count bounded and the grown tree within its instance capacity", () => {
    for (const seed of [...SEEDS, 3, 99, 12345]) {
      const grown = treeModel(seed, 1);
      const capacity = treeCapacity(seed);
      expect(grown.branches.length).toBe(capacity.branches);
      expect(grown.branches.length).toBeLessThanOrEqual(MAX_BRANCHES);
      expect(grown.branches.length).toBeGreaterThanOrEqual(30);
      expect(grown.leaves.length).toBe(capacity.leaves);
      expect(grown.blossoms.length).toBe(capacity.blossoms);
      expect(grown.fruit.length).toBe(capacity.fruit);
    }
  });

  it("changes the branch key exactly when the branches change, a bounded number of times over the whole growth", () => {
    let keys = 0;
    let last = "";
    let lastBranches = "";
    for (let i = 0; i <= 2000; i++) {
      const m = treeModel(42, i / 2000);
      const branches = JSON.stringify(m.branches);
      expect(m.branchKey !== last).toBe(branches !== lastBranches);
      if (m.branchKey !== last) keys++;
      last = m.branchKey;
      lastBranches = branches;
    }
    expect(keys).toBeLessThanOrEqual(MAX_BRANCHES * BRANCH_STEPS);
  });

  it("reads a progress out of range or not a number as the nearest end", () => {
    expect(treeModel(42, -3)).toEqual(treeModel(42, 0));
    expect(treeModel(42, 7)).toEqual(treeModel(42, 1));
    expect(treeModel(42, Number.NaN)).toEqual(treeModel(42, 0));
    expect(treeScale(0)).toBeLessThan(treeScale(1));
  });

  it("stands the grown tree on the ground, as a landmark taller than an avatar and no wider than its place", () => {
    const grown = treeModel(42, 1);
    const ys = grown.leaves.map((l) => l.position[1] + l.scale);
    expect(Math.max(...ys)).toBeGreaterThan(5);
    for (const leaf of grown.leaves) expect(Math.hypot(leaf.position[0], leaf.position[2]) + leaf.scale).toBeLessThan(6);
    for (const branch of grown.branches) expect(Math.min(branch.start[1], branch.end[1])).toBeGreaterThanOrEqual(0);
  });

  it("takes a forced progress from the address only under ?bench=1, clamped", () => {
    expect(benchTreeProgress("?bench=1&treeProgress=0.8")).toBe(0.8);
    expect(benchTreeProgress("?treeProgress=0.8")).toBeNull();
    expect(benchTreeProgress("?bench=0&treeProgress=1")).toBeNull();
    expect(benchTreeProgress("?bench=1&treeProgress=")).toBeNull();
    expect(benchTreeProgress("?bench=1&treeProgress=lots")).toBeNull();
    expect(benchTreeProgress("?bench=1&treeProgress=4")).toBe(1);
    expect(benchTreeProgress("?bench=1&treeProgress=-1")).toBe(0);
  });
});
