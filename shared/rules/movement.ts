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

/**
 * Where a member may stand: `floor`, the floor only (everyone); `stage`, the floor and the stage (a speaker while on
 * the stage, and on the way up to it and back down).
 */
export type Area = "floor" | "stage";

const ARRIVED_EPSILON = 0.05;
/** Members keep this far from landmark edges and the stage front. */
const BODY_RADIUS = 0.4;

/**
 * Keeps a point where a member in `area` may stand: inside the square, outside every landmark, and, on the floor,
 * off the stage.
 */
export function clampToWalkable(p: Position, area: Area = "floor"): Position {
  const limit = VENUE_HALF_SIZE - BODY_RADIUS;
  let x = Math.min(limit, Math.max(-limit, p.x));
  let z = Math.min(limit, Math.max(-limit, p.z));
  if (area === "floor" && isOnStage({ x, z })) z = STAGE.maxZ + BODY_RADIUS;
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

/** Whether a point is closer to the stage than a member on the floor may stand (on it, or within a body of its front). */
export function isOnStage(p: Position): boolean {
  return p.x > STAGE.minX - BODY_RADIUS && p.x < STAGE.maxX + BODY_RADIUS && p.z < STAGE.maxZ + BODY_RADIUS;
}

/**
 * Advances one member by `dtMs` toward its goal at walking speed. Pure: the same pose, goal, dt and area always
 * give the same result. The result stays where `area` allows (see clampToWalkable); a reached target becomes idle.
 */
export function stepMovement(pose: Pose, goal: MoveGoal, dtMs: number, area: Area = "floor"): { pose: Pose; goal: MoveGoal } {
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
  const next = clampToWalkable({ x: pose.x + vx, z: pose.z + vz }, area);
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

/** How far behind the stage's front edge speakers stand, in metres. */
const STAGE_SPOT_DEPTH = 1.5;
/** How far in front of the stage a speaker sent back to the floor stops, in metres. */
const FLOOR_SPOT_DEPTH = 1.5;

/**
 * Where the speaker in `slot` (0-based) of `slots` stands: spread evenly along the stage's front, a little behind
 * its edge, the first slot at the audience's left (−x). Every slot is on the stage, clear of its sides.
 */
export function stageSpot(slot: number, slots: number): Position {
  const count = Math.max(1, slots);
  const index = Math.min(count - 1, Math.max(0, slot));
  const width = STAGE.maxX - STAGE.minX - 2 * BODY_RADIUS;
  return { x: STAGE.minX + BODY_RADIUS + ((index + 0.5) * width) / count, z: STAGE.maxZ - STAGE_SPOT_DEPTH };
}

/** Where a speaker sent back to the floor walks to: in front of the stage, across from where they stood. */
export function belowStage(from: Position): Position {
  return clampToWalkable({ x: Math.min(STAGE.maxX, Math.max(STAGE.minX, from.x)), z: STAGE.maxZ + BODY_RADIUS + FLOOR_SPOT_DEPTH });
}

/** A detour passes a landmark this far beyond the distance a member keeps from its edge. */
const DETOUR_CLEARANCE = 1;

/**
 * The points to walk through, in order, to get from `from` to `to` (the last is `to`): where the straight line
 * would run into a landmark, a detour point beside it, on the side the line passes (the +x side when it runs
 * through the centre), so a walk the server sets off never stalls head-on against a tree.
 */
export function routeTo(from: Position, to: Position): Position[] {
  const dx = to.x - from.x;
  const dz = to.z - from.z;
  const length = Math.hypot(dx, dz);
  if (length < 1e-9) return [to];
  let blocker: { along: number; detour: Position } | undefined;
  for (const landmark of LANDMARKS) {
    const keep = landmark.radius + BODY_RADIUS;
    // The landmark's centre projected on the segment, and the closest point of the segment to it.
    const along = ((landmark.x - from.x) * dx + (landmark.z - from.z) * dz) / (length * length);
    if (along <= 0 || along >= 1) continue;
    const cx = from.x + along * dx;
    const cz = from.z + along * dz;
    const off = Math.hypot(cx - landmark.x, cz - landmark.z);
    if (off >= keep) continue;
    // Out from the centre across the line; through the centre exactly, toward +x (or +z for a line along x).
    const [nx, nz] = off > 1e-9 ? [(cx - landmark.x) / off, (cz - landmark.z) / off] : Math.abs(dz) > 1e-9 ? [1, 0] : [0, 1];
    const reach = keep + DETOUR_CLEARANCE;
    const detour = clampToWalkable({ x: landmark.x + nx * reach, z: landmark.z + nz * reach }, "stage");
    if (!blocker || along < blocker.along) blocker = { along, detour };
  }
  return blocker ? [blocker.detour, to] : [to];
}
