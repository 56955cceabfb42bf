import { LANDMARKS, STAGE, VENUE_HALF_SIZE, WALK_SPEED, SPAWN_CENTRE, SPAWN_RADIUS } from "./venue.js";

export interface Position { x: number; z: number }
export interface Pose extends Position {
  /** Heading in radians, 0 = facing +z. */
  rot: number;
  moving: boolean;
}

/** What a member last asked for: a direction held down, a floor point to walk to, or nothing. */
export type MoveGoal =
  | { kind: "idle" }
  | { kind: "direction"; dx: number; dz: number }
  | { kind: "target"; x: number; z: number };

const ARRIVED_EPSILON = 0.05;
/** Members keep this far from landmark edges and the stage front. */
const BODY_RADIUS = 0.4;

/** Keeps a point on the walkable floor: inside the square, off the stage, outside every landmark. */
export function clampToWalkable(p: Position): Position {
  const limit = VENUE_HALF_SIZE - BODY_RADIUS;
  let x = Math.min(limit, Math.max(-limit, p.x));
  let z = Math.min(limit, Math.max(-limit, p.z));
  if (x > STAGE.minX - BODY_RADIUS && x < STAGE.maxX + BODY_RADIUS && z < STAGE.maxZ + BODY_RADIUS) {
    z = STAGE.maxZ + BODY_RADIUS;
  }
  for (const landmark of LANDMARKS) {
    const ox = x - landmark.x;
    const oz = z - landmark.z;
    const min = landmark.radius + BODY_RADIUS;
    const distance = Math.hypot(ox, oz);
    if (distance < min) {
      // Push straight out; a member exactly at the centre is pushed toward the audience (+z).
      const nx = distance > 1e-9 ? ox / distance : 0;
      const nz = distance > 1e-9 ? oz / distance : 1;
      x = landmark.x + nx * min;
      z = landmark.z + nz * min;
    }
  }
  return { x, z };
}

/**
 * Advances one member by `dtMs` toward its goal at walking speed. Pure: the same pose, goal and dt always give
 * the same result. The result stays on the walkable floor; a reached target becomes idle.
 */
export function stepMovement(pose: Pose, goal: MoveGoal, dtMs: number): { pose: Pose; goal: MoveGoal } {
  const maxStep = (WALK_SPEED * Math.max(0, dtMs)) / 1000;
  let vx = 0;
  let vz = 0;
  let nextGoal: MoveGoal = goal;
  if (goal.kind === "direction") {
    const length = Math.hypot(goal.dx, goal.dz);
    if (length > 1e-6) {
      const scale = Math.min(1, length) / length;
      vx = goal.dx * scale * maxStep;
      vz = goal.dz * scale * maxStep;
    }
  } else if (goal.kind === "target") {
    const ox = goal.x - pose.x;
    const oz = goal.z - pose.z;
    const distance = Math.hypot(ox, oz);
    if (distance <= Math.max(ARRIVED_EPSILON, maxStep)) {
      vx = ox;
      vz = oz;
      nextGoal = { kind: "idle" };
    } else {
      vx = (ox / distance) * maxStep;
      vz = (oz / distance) * maxStep;
    }
  }
  if (vx === 0 && vz === 0) {
    return { pose: { ...pose, moving: false }, goal: nextGoal };
  }
  const next = clampToWalkable({ x: pose.x + vx, z: pose.z + vz });
  const moved = Math.hypot(next.x - pose.x, next.z - pose.z) > 1e-6;
  // Blocked by a wall with a target still ahead: give up rather than walk on the spot forever.
  if (!moved && goal.kind === "target") nextGoal = { kind: "idle" };
  return {
    pose: { x: next.x, z: next.z, rot: moved ? Math.atan2(vx, vz) : pose.rot, moving: moved },
    goal: nextGoal,
  };
}

const SPAWN_CANDIDATES = 8;

/**
 * A spawn point on a ring in front of the stage, facing it. `random` in [0, 1) turns the ring; of the ring's
 * candidate points the one farthest from every `occupied` position wins, so members who arrive together do not
 * stand inside each other.
 */
export function spawnPoint(random: number, occupied: readonly Position[] = []): Pose {
  let best: Position = { x: 0, z: 0 };
  let bestClearance = -Infinity;
  for (let i = 0; i < SPAWN_CANDIDATES; i++) {
    const angle = (random + i / SPAWN_CANDIDATES) * Math.PI * 2;
    const candidate = clampToWalkable({
      x: SPAWN_CENTRE.x + Math.cos(angle) * SPAWN_RADIUS,
      z: SPAWN_CENTRE.z + Math.sin(angle) * SPAWN_RADIUS,
    });
    const clearance = occupied.reduce((nearest, p) => Math.min(nearest, Math.hypot(p.x - candidate.x, p.z - candidate.z)), Infinity);
    if (clearance > bestClearance) {
      best = candidate;
      bestClearance = clearance;
    }
    if (occupied.length === 0) break;
  }
  return { ...best, rot: Math.PI, moving: false };
}
