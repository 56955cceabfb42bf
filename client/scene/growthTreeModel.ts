/**
 * The collective growth tree as plain data (docs/growth.md, "The tree"): the branches and the leaf, blossom and fruit
 * instances a given progress shows, deterministic from a seed. No three.js here, so the model is tested without WebGL;
 * GrowthTree.tsx turns it into one merged branch geometry and three instanced meshes.
 *
 * The full-grown tree is laid out once per seed (a skeleton); every part has the progress at which it appears (its
 * birth) and, for a branch, the progress at which it is full length. A progress shows the parts born by then, so
 * counts only rise with progress and every instance scales in over a short stretch of progress.
 */
import { TREE_STAGE_AT, treeStageFor } from "../../shared/rules/growth/tree.js";
import type { TreeStage } from "../../shared/rules/growth/types.js";

export type Vec3 = readonly [number, number, number];

/** One tapered piece of wood: trunk segments are depth 0, the main boughs 1, and so on. */
export interface BranchSegment {
  start: Vec3;
  end: Vec3;
  /** Radius at the start and at the end (metres, before the tree's overall scale). */
  r0: number;
  r1: number;
  depth: number;
}

/** One leaf cluster, blossom, fruit, bud or the seed: where, how big (0 while it has not appeared), which way turned. */
export interface PartInstance {
  position: Vec3;
  scale: number;
  /** Euler angles (radians), so clusters of one shape do not all look alike. */
  rotation: Vec3;
  /** 0..1: which of the part's palette colours it takes. */
  tint: number;
}

export interface TreeModel {
  stage: TreeStage;
  /** The whole tree's scale: a sprout is small, the grown tree 1. Applied to everything below by the renderer. */
  scale: number;
  /** Branches with any length at this progress; a growing branch is shortened, not scaled. */
  branches: BranchSegment[];
  /**
   * Changes exactly when `branches` changes: the renderer rebuilds its merged geometry only then. Branch lengths are
   * quantised to BRANCH_STEPS steps of their own growth, so a tree easing toward its target rebuilds a few dozen times
   * over its whole life, never every frame.
   */
  branchKey: string;
  /** Small shoots on the young trunk (sprout to branches); they give way to the crown's leaves. */
  buds: PartInstance[];
  /** The crown's leaf clusters: from the `leaves` stage. */
  leaves: PartInstance[];
  blossoms: PartInstance[];
  /** Golden fruit: only at progress 1, the goal reached. */
  fruit: PartInstance[];
  /** The seed itself, before anything sprouts. */
  seed: PartInstance | null;
}

/** How many length steps a branch grows in (see `branchKey`). */
export const BRANCH_STEPS = 8;
/** Upper bounds of the skeleton, whatever the seed: what the renderer allocates and the draw stays within. */
export const MAX_BRANCHES = 64;
/** Radial steps of the trunk's girth over the tree's life (see `branchKey`). */
const GIRTH_STEPS = 12;
/** The leafy tuft at each growing tip of the young tree, and how long into the `leaves` stage tufts last. */
const TUFT_SIZE = 0.6;
const TUFTS_LAST = 0.12;
/** The stretch of progress over which a leaf cluster, blossom or bud grows to full size. */
const SCALE_IN = 0.06;

interface SkeletonBranch {
  start: Vec3;
  dir: Vec3;
  length: number;
  r0: number;
  r1: number;
  depth: number;
  born: number;
  grown: number;
}

interface SkeletonPart {
  position: Vec3;
  size: number;
  rotation: Vec3;
  tint: number;
  born: number;
}

interface Skeleton {
  branches: SkeletonBranch[];
  buds: (SkeletonPart & { gone: number })[];
  leaves: SkeletonPart[];
  blossoms: SkeletonPart[];
  fruit: SkeletonPart[];
}

/** mulberry32: a small seeded generator, so one seed lays out one tree on every page. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const times = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
const smooth = (t: number) => {
  const c = clamp01(t);
  return c * c * (3 - 2 * c);
};

function normalise(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
}

/** A direction `tilt` radians away from `dir`, turned `azimuth` radians around it. */
function deviate(dir: Vec3, tilt: number, azimuth: number): Vec3 {
  // Two axes perpendicular to dir, then a point on the cone around it.
  const helper: Vec3 = Math.abs(dir[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0];
  const u = normalise([dir[1] * helper[2] - dir[2] * helper[1], dir[2] * helper[0] - dir[0] * helper[2], dir[0] * helper[1] - dir[1] * helper[0]]);
  const w: Vec3 = [dir[1] * u[2] - dir[2] * u[1], dir[2] * u[0] - dir[0] * u[2], dir[0] * u[1] - dir[1] * u[0]];
  const s = Math.sin(tilt);
  const c = Math.cos(tilt);
  return normalise([
    dir[0] * c + (u[0] * Math.cos(azimuth) + w[0] * Math.sin(azimuth)) * s,
    dir[1] * c + (u[1] * Math.cos(azimuth) + w[1] * Math.sin(azimuth)) * s,
    dir[2] * c + (u[2] * Math.cos(azimuth) + w[2] * Math.sin(azimuth)) * s,
  ]);
}

function randomDirection(rng: () => number, upward: number): Vec3 {
  const azimuth = rng() * Math.PI * 2;
  const y = lerp(upward, 1, rng());
  const r = Math.sqrt(Math.max(0, 1 - y * y));
  return [Math.cos(azimuth) * r, y, Math.sin(azimuth) * r];
}

/** When each depth of wood starts and finishes growing, as progress (birth spread over the first range). */
const BRANCH_TIMING: ReadonlyArray<{ born: [number, number]; takes: number }> = [
  { born: [0, 0], takes: 0 },
  { born: [TREE_STAGE_AT.sapling, TREE_STAGE_AT.branches], takes: 0.12 },
  { born: [TREE_STAGE_AT.branches, 0.4], takes: 0.1 },
  { born: [0.38, 0.46], takes: 0.08 },
];
const TRUNK_SEGMENTS = 4;
// Low and wide on purpose: the follow camera looks down at about 34°, so a crown much above 6 m leaves the top of
// the screen, while a spreading crown shows its whole top (and its blossoms) from anywhere in the venue.
const TRUNK_HEIGHT = 2.0;
const CROWN_FLOOR = 2.6;

function layOut(seed: number): Skeleton {
  const rng = generator(seed);
  const branches: SkeletonBranch[] = [];

  // The trunk: a few segments with a slight wander, growing one after another from the sprout to the branches stage.
  let at: Vec3 = [0, 0, 0];
  let dir: Vec3 = [0, 1, 0];
  const trunkFrom = TREE_STAGE_AT.sprout;
  const trunkTo = TREE_STAGE_AT.sapling + 0.1;
  for (let i = 0; i < TRUNK_SEGMENTS; i++) {
    const length = TRUNK_HEIGHT / TRUNK_SEGMENTS;
    const r0 = lerp(0.6, 0.36, i / TRUNK_SEGMENTS);
    const r1 = lerp(0.6, 0.36, (i + 1) / TRUNK_SEGMENTS);
    const born = lerp(trunkFrom, trunkTo, i / TRUNK_SEGMENTS);
    const grown = lerp(trunkFrom, trunkTo, (i + 1) / TRUNK_SEGMENTS);
    branches.push({ start: at, dir, length, r0: i === 0 ? 0.78 : r0, r1, depth: 0, born, grown });
    at = add(at, times(dir, length));
    dir = deviate(dir, 0.06 + rng() * 0.06, rng() * Math.PI * 2);
  }

  // Boughs from the upper trunk, spread around it, plus a leader that carries the trunk on upward.
  const boughs = 4 + Math.floor(rng() * 2);
  const firstAzimuth = rng() * Math.PI * 2;
  const grow = (parent: SkeletonBranch, t: number, childDir: Vec3, scaleLength: number, scaleRadius: number) => {
    const depth = parent.depth + 1;
    const timing = BRANCH_TIMING[depth]!;
    // A child cannot appear before its parent has grown past the point it springs from.
    const parentReach = lerp(parent.born, parent.grown, t);
    const born = Math.max(parentReach, lerp(timing.born[0], timing.born[1], rng()));
    const child: SkeletonBranch = {
      start: add(parent.start, times(parent.dir, parent.length * t)),
      dir: childDir,
      length: parent.length * scaleLength,
      r0: lerp(parent.r0, parent.r1, t) * scaleRadius,
      r1: lerp(parent.r0, parent.r1, t) * scaleRadius * 0.55,
      depth,
      born,
      grown: born + timing.takes,
    };
    branches.push(child);
    return child;
  };

  const trunkTop = branches[TRUNK_SEGMENTS - 1]!;
  const level1: SkeletonBranch[] = [];
  for (let i = 0; i < boughs; i++) {
    const host = branches[TRUNK_SEGMENTS - 2 + (i % 2)]!;
    const azimuth = firstAzimuth + (i / boughs) * Math.PI * 2 + (rng() - 0.5) * 0.5;
    const tilt = 1.1 + rng() * 0.25;
    const d = normalise([Math.cos(azimuth) * Math.sin(tilt), Math.cos(tilt), Math.sin(azimuth) * Math.sin(tilt)]);
    const bough = grow(host, 0.45 + rng() * 0.5, d, 0, 0.8);
    bough.length = 2.0 + rng() * 0.5;
    level1.push(bough);
  }
  const leader = grow(trunkTop, 1, deviate(trunkTop.dir, 0.12, rng() * Math.PI * 2), 0, 0.95);
  leader.length = 1.0;
  level1.push(leader);

  const level2: SkeletonBranch[] = [];
  for (const bough of level1) {
    const n = 2 + Math.floor(rng() * 2);
    for (let i = 0; i < n; i++) {
      const d = deviate(bough.dir, 0.45 + rng() * 0.35, (i / n) * Math.PI * 2 + rng());
      // Keep the crown up: a twig that would point down is bent level.
      const lifted: Vec3 = normalise([d[0], Math.max(d[1], 0.2), d[2]]);
      level2.push(grow(bough, 0.55 + rng() * 0.45, lifted, 0.6 + rng() * 0.1, 0.75));
    }
  }
  const tips: SkeletonBranch[] = [];
  for (const twig of level2) {
    for (let i = 0; i < 2; i++) {
      if (branches.length >= MAX_BRANCHES) break;
      const d = deviate(twig.dir, 0.4 + rng() * 0.4, i * Math.PI + rng());
      tips.push(grow(twig, 0.6 + rng() * 0.4, normalise([d[0], Math.max(d[1], 0.1), d[2]]), 0.55 + rng() * 0.1, 0.75));
    }
  }

  // Leaf clusters at the ends of the small branches and part-way along the boughs: the crown.
  const leaves: SkeletonPart[] = [];
  const leafFrom = TREE_STAGE_AT.leaves;
  const leafTo = TREE_STAGE_AT.blossoms - SCALE_IN;
  const cluster = (branch: SkeletonBranch, t: number, size: number) => {
    const jitter: Vec3 = [(rng() - 0.5) * 0.5, (rng() - 0.5) * 0.3 + 0.1, (rng() - 0.5) * 0.5];
    const at = add(add(branch.start, times(branch.dir, branch.length * t)), jitter);
    leaves.push({
      // No cluster hangs lower than about head height, so the crown stays a crown above the members under it.
      position: [at[0], Math.max(at[1], CROWN_FLOOR), at[2]],
      size,
      rotation: [rng() * Math.PI, rng() * Math.PI, rng() * Math.PI],
      tint: rng(),
      born: Math.max(leafFrom, Math.min(leafTo, branch.grown)) + rng() * 0.04,
    });
  };
  for (const tip of tips) cluster(tip, 1, 0.85 + rng() * 0.35);
  for (const twig of level2) cluster(twig, 0.9, 1.0 + rng() * 0.35);
  for (const bough of level1) cluster(bough, 0.75, 1.15 + rng() * 0.3);
  // The first clusters to appear are the inner ones, so the crown fills from the middle out.
  leaves.sort((a, b) => a.born - b.born);
  leaves.forEach((leaf, i) => {
    leaf.born = lerp(leafFrom, leafTo, i / Math.max(1, leaves.length - 1));
  });

  // Blossoms sit on the outside of the clusters; fruit hangs below them.
  const blossoms: SkeletonPart[] = [];
  const fruit: SkeletonPart[] = [];
  const blossomFrom = TREE_STAGE_AT.blossoms;
  const blossomTo = TREE_STAGE_AT.fruit - SCALE_IN;
  for (const leaf of leaves) {
    const n = 3 + Math.floor(rng() * 2);
    for (let i = 0; i < n; i++) {
      // Mostly on top of the cluster, where the camera (looking down) sees them.
      const d = randomDirection(rng, 0.05);
      blossoms.push({
        position: add(leaf.position, times(d, leaf.size * 0.92)),
        size: 0.3 + rng() * 0.12,
        rotation: [rng() * Math.PI, rng() * Math.PI, rng() * Math.PI],
        tint: rng(),
        born: lerp(blossomFrom, blossomTo, rng()),
      });
    }
    if (rng() < 0.8) {
      const d = normalise([(rng() - 0.5) * 2, 0.5 - rng() * 0.8, (rng() - 0.5) * 2]);
      fruit.push({
        position: add(leaf.position, times(d, leaf.size * 1.0)),
        size: 0.34 + rng() * 0.08,
        rotation: [0, rng() * Math.PI, 0],
        tint: rng(),
        born: TREE_STAGE_AT.fruit,
      });
    }
  }
  blossoms.sort((a, b) => a.born - b.born);

  // Buds: paired shoots up the young trunk, each leaving as the crown's leaves come.
  const buds: Skeleton["buds"] = [];
  for (let i = 0; i < 6; i++) {
    const y = 0.35 + i * 0.4;
    const azimuth = i * 2.4 + rng();
    buds.push({
      position: [Math.cos(azimuth) * 0.35, y, Math.sin(azimuth) * 0.35],
      size: 0.42 + rng() * 0.1,
      rotation: [0.6, azimuth, 0.3],
      tint: rng(),
      born: lerp(TREE_STAGE_AT.sprout, TREE_STAGE_AT.branches, i / 6),
      gone: lerp(TREE_STAGE_AT.leaves, TREE_STAGE_AT.blossoms, (i + 1) / 7),
    });
  }
  return { branches, buds, leaves, blossoms, fruit };
}

// The last few skeletons: the renderer asks for the same seed every time its progress changes.
const skeletons = new Map<number, Skeleton>();
function skeletonFor(seed: number): Skeleton {
  let skeleton = skeletons.get(seed);
  if (!skeleton) {
    if (skeletons.size >= 4) skeletons.clear();
    skeleton = layOut(seed);
    skeletons.set(seed, skeleton);
  }
  return skeleton;
}

/** The tree's overall scale at a progress: a sprout is a small thing at the foot of the grown tree, growing up to 1. */
export function treeScale(progress: number): number {
  return lerp(0.4, 1, smooth(clamp01(progress) / TREE_STAGE_AT.blossoms));
}

function shown(part: SkeletonPart, progress: number, size: number): PartInstance {
  return { position: part.position, scale: size * smooth((progress - part.born) / SCALE_IN), rotation: part.rotation, tint: part.tint };
}

/**
 * The tree at `progress` (0..1, clamped) for `seed`: deterministic, and every count (branches, buds born, leaves,
 * blossoms, fruit) only rises with progress, except buds, which fall away once the crown has leaves. Fruit shows only
 * at progress 1, the goal reached; there are no leaf clusters before the `leaves` stage.
 */
export function treeModel(seed: number, progress: number): TreeModel {
  const p = Number.isFinite(progress) ? clamp01(progress) : 0;
  const skeleton = skeletonFor(seed);
  const stage = treeStageFor(p);

  // A young tree is slender: girth grows with progress, in steps (part of the branch key).
  const girthStep = Math.round(smooth(p / TREE_STAGE_AT.blossoms) * GIRTH_STEPS);
  const girth = lerp(0.4, 1, girthStep / GIRTH_STEPS);
  const branches: BranchSegment[] = [];
  const tips: Vec3[] = [];
  let key = `${girthStep}:`;
  for (const b of skeleton.branches) {
    if (p < b.born) {
      key += "0";
      continue;
    }
    const span = b.grown - b.born;
    const step = span <= 0 ? BRANCH_STEPS : Math.max(1, Math.min(BRANCH_STEPS, Math.ceil(((p - b.born) / span) * BRANCH_STEPS)));
    key += step.toString(36);
    const f = step / BRANCH_STEPS;
    const end = add(b.start, times(b.dir, b.length * f));
    branches.push({ start: b.start, end, r0: b.r0 * girth, r1: lerp(b.r0, b.r1, f) * girth, depth: b.depth });
    // The young tree's growing tips: the top of the trunk (its last segment shown) and each bough.
    if (b.depth === 0) tips[0] = end;
    else if (b.depth === 1) tips.push(end);
  }

  const bornBy = <T extends SkeletonPart>(parts: readonly T[]) => parts.filter((part) => part.born <= p);
  const buds = skeleton.buds
    .filter((bud) => bud.born <= p && p < bud.gone)
    .map((bud) => ({ ...shown(bud, p, bud.size), scale: bud.size * smooth((p - bud.born) / SCALE_IN) * smooth((bud.gone - p) / SCALE_IN) }));
  const tuft = TUFT_SIZE * smooth((TREE_STAGE_AT.leaves + TUFTS_LAST - p) / TUFTS_LAST);
  if (tuft > 0) tips.forEach((tip, i) => buds.push({ position: tip, scale: tuft, rotation: [0.3 * i, 1.1 * i, 0.2], tint: (i * 0.37) % 1 }));
  const leaves = bornBy(skeleton.leaves).map((leaf) => shown(leaf, p, leaf.size));
  const blossoms = bornBy(skeleton.blossoms).map((blossom) => shown(blossom, p, blossom.size));
  // Fruit needs the goal itself; it grows in on the renderer's clock, since progress cannot pass 1.
  const fruit = p >= TREE_STAGE_AT.fruit ? skeleton.fruit.map((f) => ({ position: f.position, scale: f.size, rotation: f.rotation, tint: f.tint })) : [];
  const seed0 = p < TREE_STAGE_AT.sprout ? { position: [0, 0.22, 0] as Vec3, scale: 0.35, rotation: [0, 0, 0.5] as Vec3, tint: 0.5 } : null;

  return { stage, scale: treeScale(p), branches, branchKey: key, buds, leaves, blossoms, fruit, seed: seed0 };
}

/** The most instances of each kind the tree of `seed` can show at once: what the renderer allocates. */
export function treeCapacity(seed: number): { branches: number; leaves: number; blossoms: number; fruit: number; buds: number } {
  const s = skeletonFor(seed);
  const tips = 1 + s.branches.filter((b) => b.depth === 1).length;
  return { branches: s.branches.length, leaves: s.leaves.length, blossoms: s.blossoms.length, fruit: s.fruit.length, buds: s.buds.length + tips };
}
