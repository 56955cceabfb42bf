import { TREE_STAGES, type TreeStage, type TreeView } from "./types.js";

/**
 * The progress (0..1 on the tree's curve) at which each stage begins (docs/growth.md, "The tree"). Fruit needs the
 * goal itself: the curve stays below 1 until growth reaches the goal.
 */
export const TREE_STAGE_AT: { readonly [S in TreeStage]: number } = {
  seed: 0,
  sprout: 0.05,
  sapling: 0.15,
  branches: 0.3,
  leaves: 0.5,
  blossoms: 0.75,
  fruit: 1,
};

/** The curve's exponent: below 1 so a quiet crowd sees early progress, while the last stretch still needs the whole goal. */
const CURVE = 0.6;

/** What the tree shows for `growth` toward `goal`: 0 for none, (growth / goal)^0.6 below the goal, exactly 1 at it. */
export function treeProgress(growth: number, goal: number): number {
  // A goal below 1 would divide by zero or flip the curve; the admin form refuses one, a hand-edited row may not.
  const target = Math.max(1, goal);
  if (!(growth > 0)) return 0;
  if (growth >= target) return 1;
  return (growth / target) ** CURVE;
}

/** The furthest stage whose threshold the progress has reached. */
export function treeStageFor(progress: number): TreeStage {
  let stage: TreeStage = "seed";
  for (const each of TREE_STAGES) if (progress >= TREE_STAGE_AT[each]) stage = each;
  return stage;
}

/**
 * The tree as everyone sees it. Once the goal was reached (`reachedAt`) the tree stays in fruit even if a host later
 * takes back awards: the reward was already unlocked for everyone.
 */
export function treeView(growth: number, goal: number, contributors: number, reachedAt: number | null): TreeView {
  const progress = reachedAt === null ? treeProgress(growth, goal) : 1;
  return { growth, goal, progress, stage: treeStageFor(progress), contributors, reachedAt };
}
