import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clampToWalkable, spawnPoint, stepMovement, type Pose } from "../../shared/rules/movement.js";
import { LANDMARKS, STAGE, VENUE_HALF_SIZE, WALK_SPEED } from "../../shared/rules/venue.js";

const origin: Pose = { x: 0, z: 5, rot: 0, moving: false };

function onWalkableFloor(p: { x: number; z: number }): boolean {
  const inside = Math.abs(p.x) <= VENUE_HALF_SIZE && Math.abs(p.z) <= VENUE_HALF_SIZE;
  const onStage = p.x > STAGE.minX && p.x < STAGE.maxX && p.z < STAGE.maxZ;
  const inLandmark = LANDMARKS.some((l) => Math.hypot(p.x - l.x, p.z - l.z) < l.radius - 1e-9);
  return inside && !onStage && !inLandmark;
}

describe("stepMovement", () => {
  it("walks at walking speed in the held direction", () => {
    const { pose } = stepMovement(origin, { kind: "direction", dx: 1, dz: 0 }, 500);
    expect(pose.x).toBeCloseTo(WALK_SPEED * 0.5);
    expect(pose.z).toBe(5);
    expect(pose.moving).toBe(true);
    expect(pose.rot).toBeCloseTo(Math.PI / 2);
  });

  it("never walks faster diagonally than straight", () => {
    const { pose } = stepMovement(origin, { kind: "direction", dx: 1, dz: 1 }, 1000);
    expect(Math.hypot(pose.x - origin.x, pose.z - origin.z)).toBeCloseTo(WALK_SPEED);
  });

  it("walks slower for a half-pushed joystick", () => {
    const { pose } = stepMovement(origin, { kind: "direction", dx: 0.5, dz: 0 }, 1000);
    expect(pose.x).toBeCloseTo(WALK_SPEED / 2);
  });

  it("arrives exactly at a target and then idles", () => {
    let state = { pose: origin, goal: { kind: "target", x: 3, z: 9 } as const } as ReturnType<typeof stepMovement>;
    for (let i = 0; i < 40 && state.goal.kind !== "idle"; i++) state = stepMovement(state.pose, state.goal, 50);
    expect(state.goal.kind).toBe("idle");
    expect([state.pose.x, state.pose.z]).toEqual([3, 9]);
    const rest = stepMovement(state.pose, state.goal, 50);
    expect(rest.pose.moving).toBe(false);
  });

  it("stops at the stage edge and gives up a target behind it", () => {
    let state = stepMovement({ x: 0, z: -12, rot: 0, moving: false }, { kind: "target", x: 0, z: -19 }, 1000);
    for (let i = 0; i < 5; i++) state = stepMovement(state.pose, state.goal, 1000);
    expect(state.pose.z).toBeGreaterThanOrEqual(STAGE.maxZ);
    expect(state.goal.kind).toBe("idle");
  });

  it("keeps every step on the walkable floor, whatever the input", () => {
    const pose = fc.record({ x: fc.double({ min: -30, max: 30, noNaN: true }), z: fc.double({ min: -30, max: 30, noNaN: true }) });
    const goal = fc.oneof(
      fc.record({ kind: fc.constant("direction" as const), dx: fc.double({ min: -1, max: 1, noNaN: true }), dz: fc.double({ min: -1, max: 1, noNaN: true }) }),
      fc.record({ kind: fc.constant("target" as const), x: fc.double({ min: -20, max: 20, noNaN: true }), z: fc.double({ min: -20, max: 20, noNaN: true }) }),
    );
    fc.assert(
      fc.property(pose, goal, fc.integer({ min: 0, max: 2000 }), (start, g, dt) => {
        const from = { ...clampToWalkable(start), rot: 0, moving: false };
        const { pose: next } = stepMovement(from, g, dt);
        expect(onWalkableFloor(next)).toBe(true);
        expect(Math.hypot(next.x - from.x, next.z - from.z)).toBeLessThanOrEqual((WALK_SPEED * dt) / 1000 + 1e-9 + 2 * 2.4);
      }),
    );
  });
});

describe("clampToWalkable", () => {
  it("pushes a point inside a landmark out to its edge", () => {
    const tree = LANDMARKS.find((l) => l.id === "tree")!;
    const p = clampToWalkable({ x: tree.x + 0.1, z: tree.z });
    expect(Math.hypot(p.x - tree.x, p.z - tree.z)).toBeGreaterThanOrEqual(tree.radius);
    expect(p.z).toBeCloseTo(tree.z);
  });

  it("keeps points inside the venue walls", () => {
    expect(clampToWalkable({ x: 100, z: -100 }).x).toBeLessThan(VENUE_HALF_SIZE);
  });
});

describe("spawnPoint", () => {
  it("spawns on the floor facing the stage", () => {
    for (const r of [0, 0.25, 0.5, 0.75, 0.999]) {
      const p = spawnPoint(r);
      expect(onWalkableFloor(p)).toBe(true);
      expect(p.rot).toBeCloseTo(Math.PI);
    }
    expect(spawnPoint(0)).not.toEqual(spawnPoint(0.5));
  });

  it("spreads members who arrive with the same random draw", () => {
    const placed: Array<{ x: number; z: number }> = [];
    for (let i = 0; i < 6; i++) placed.push(spawnPoint(0.3, placed));
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.z - b.z)).toBeGreaterThan(2);
    }
  });
});
