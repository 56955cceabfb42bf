import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { belowStage, clampToWalkable, isOnStage, routeTo, spawnPoint, stageSpot, stepMovement, type Pose, type Position } from "../../shared/rules/movement.js";
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

describe("stepMovement, at its edges", () => {
  it("keeps a held direction as the goal while walking, and stands still for a zero direction", () => {
    const walking = stepMovement(origin, { kind: "direction", dx: 0, dz: 1 }, 100);
    expect(walking.goal).toEqual({ kind: "direction", dx: 0, dz: 1 });
    expect(stepMovement(origin, { kind: "direction", dx: 0, dz: 0 }, 100)).toEqual({ pose: origin, goal: { kind: "direction", dx: 0, dz: 0 } });
  });

  it("arrives in one step at a target within one step's reach, and at one exactly a step away", () => {
    // 500 ms at 4 m/s is a 2 m step.
    expect(stepMovement(origin, { kind: "target", x: 1, z: 5 }, 500)).toEqual({ pose: { x: 1, z: 5, rot: Math.PI / 2, moving: true }, goal: { kind: "idle" } });
    expect(stepMovement(origin, { kind: "target", x: 0, z: 7 }, 500)).toEqual({ pose: { x: 0, z: 7, rot: 0, moving: true }, goal: { kind: "idle" } });
  });

  it("walks toward a target farther than one step at walking speed, keeping the target", () => {
    expect(stepMovement(origin, { kind: "target", x: 0, z: 15 }, 500)).toEqual({ pose: { x: 0, z: 7, rot: 0, moving: true }, goal: { kind: "target", x: 0, z: 15 } });
  });

  it("stands still, keeping its heading, when walking into a wall; a key held against it stays held", () => {
    const atWall: Pose = { x: VENUE_HALF_SIZE - 0.4, z: 3, rot: 1, moving: true };
    expect(stepMovement(atWall, { kind: "direction", dx: 1, dz: 0 }, 100)).toEqual({ pose: { ...atWall, moving: false }, goal: { kind: "direction", dx: 1, dz: 0 } });
  });
});

describe("clampToWalkable, at its edges", () => {
  it("keeps members a body's width (0.4 m) in front of the stage, and lets them stand beside it", () => {
    expect(clampToWalkable({ x: 0, z: -18 })).toEqual({ x: 0, z: -12.6 });
    expect(clampToWalkable({ x: 7.2, z: -15 })).toEqual({ x: 7.2, z: -12.6 });
    expect(clampToWalkable({ x: -7.2, z: -15 })).toEqual({ x: -7.2, z: -12.6 });
    expect(clampToWalkable({ x: 0, z: -13 })).toEqual({ x: 0, z: -12.6 });
    expect(clampToWalkable({ x: 0, z: -12.5 })).toEqual({ x: 0, z: -12.5 });
    // Exactly a body's width from the stage's sides is beside it, not on it.
    expect(clampToWalkable({ x: -7.4, z: -15 })).toEqual({ x: -7.4, z: -15 });
    expect(clampToWalkable({ x: 7.4, z: -15 })).toEqual({ x: 7.4, z: -15 });
    expect(clampToWalkable({ x: -9, z: -18 })).toEqual({ x: -9, z: -18 });
  });

  it("pushes a point out of a landmark along the line from its centre, a body's width past its edge", () => {
    // The fountain stands at x -11, z 6 with a 2 m radius: its edge plus a body is 2.4 m out.
    const out = (p: { x: number; z: number }) => clampToWalkable(p);
    expect(out({ x: -10, z: 6 })).toEqual({ x: -8.6, z: 6 });
    expect(out({ x: -12, z: 6 })).toEqual({ x: -13.4, z: 6 });
    const below = out({ x: -11, z: 6.5 });
    expect(below.x).toBe(-11);
    expect(below.z).toBeCloseTo(8.4, 12);
    // Exactly at the centre there is no line: the member is pushed toward the audience (+z).
    const centre = out({ x: -11, z: 6 });
    expect(centre.x).toBe(-11);
    expect(centre.z).toBeCloseTo(8.4, 12);
  });
});

describe("spawnPoint, on the ring", () => {
  it("turns a 4 m ring around x 0, z 4 by the draw: 0 is the east point, 0.25 the point toward the audience", () => {
    const east = spawnPoint(0);
    expect(east).toEqual({ x: 4, z: 4, rot: Math.PI, moving: false });
    const ahead = spawnPoint(0.25);
    expect([ahead.x, ahead.z, ahead.rot, ahead.moving]).toEqual([expect.closeTo(0, 12), 8, Math.PI, false]);
  });

  it("picks the ring's point farthest from everyone there; of equally clear points, the first in the ring's order from the draw", () => {
    const across = spawnPoint(0.25, [{ x: 0, z: 8 }]);
    expect([across.x, across.z]).toEqual([expect.closeTo(0, 12), expect.closeTo(0, 12)]);
    // With members at z 8 and z 0, the west and east points are equally clear; going round from 0.25, west comes first.
    const beside = spawnPoint(0.25, [{ x: 0, z: 8 }, { x: 0, z: 0 }]);
    expect([beside.x, beside.z]).toEqual([-4, expect.closeTo(4, 12)]);
  });
});

describe("the stage, for speakers", () => {
  const onStage = (p: Position) => p.x > STAGE.minX && p.x < STAGE.maxX && p.z > STAGE.minZ && p.z < STAGE.maxZ;

  it("lets a speaker's step onto the stage that the floor refuses", () => {
    const front: Pose = { x: 0, z: -12.6, rot: Math.PI, moving: false };
    const up = { kind: "target", x: 0, z: -14.5 } as const;
    expect(stepMovement(front, up, 1000).pose.z).toBe(-12.6);
    expect(stepMovement(front, up, 1000, "stage")).toEqual({ pose: { x: 0, z: -14.5, rot: Math.PI, moving: true }, goal: { kind: "idle" } });
    expect(clampToWalkable({ x: 0, z: -18 }, "stage")).toEqual({ x: 0, z: -18 });
  });

  it("keeps a speaker inside the walls and out of landmarks", () => {
    expect(clampToWalkable({ x: 0, z: -25 }, "stage")).toEqual({ x: 0, z: -19.6 });
    const tree = LANDMARKS.find((l) => l.id === "tree")!;
    const pushed = clampToWalkable({ x: tree.x + 0.1, z: tree.z }, "stage");
    expect(Math.hypot(pushed.x - tree.x, pushed.z - tree.z)).toBeCloseTo(tree.radius + 0.4, 12);
  });

  it("tells the stage and a body's width in front of it from the floor", () => {
    expect(isOnStage({ x: 0, z: -15 })).toBe(true);
    expect(isOnStage({ x: 0, z: -12.7 })).toBe(true);
    expect(isOnStage({ x: 0, z: -12.6 })).toBe(false);
    expect(isOnStage({ x: 7.4, z: -15 })).toBe(false);
    expect(isOnStage({ x: -7.3, z: -15 })).toBe(true);
  });

  it("spreads speaker spots evenly along the stage front, left to right, all on the stage", () => {
    expect(stageSpot(0, 1)).toEqual({ x: 0, z: -14.5 });
    const three = [0, 1, 2].map((slot) => stageSpot(slot, 3));
    expect(three.map((p) => p.x)).toEqual([expect.closeTo(-4.4, 12), expect.closeTo(0, 12), expect.closeTo(4.4, 12)]);
    expect(new Set(three.map((p) => p.z))).toEqual(new Set([-14.5]));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: -3, max: 12 }), (slots, slot) => {
        const spot = stageSpot(slot, slots);
        expect(onStage(spot)).toBe(true);
        expect(spot.x).toBeGreaterThanOrEqual(STAGE.minX + 0.4);
        expect(spot.x).toBeLessThanOrEqual(STAGE.maxX - 0.4);
      }),
    );
    // Slots out of range stand at the nearest end rather than off the stage.
    expect(stageSpot(9, 3)).toEqual(stageSpot(2, 3));
    expect(stageSpot(-1, 3)).toEqual(stageSpot(0, 3));
  });

  it("sends a returning speaker to the floor in front of the stage, across from where they stood", () => {
    expect(belowStage({ x: 3, z: -15 })).toEqual({ x: 3, z: -11.1 });
    expect(belowStage({ x: -19, z: -15 })).toEqual({ x: -7, z: -11.1 });
    expect(onWalkableFloor(belowStage({ x: 19, z: -19 }))).toBe(true);
  });

  it("routes a walk straight when nothing is in the way, and beside a landmark the straight line runs into", () => {
    expect(routeTo({ x: 5, z: 10 }, { x: 5, z: 0 })).toEqual([{ x: 5, z: 0 }]);
    // Past the kiosk (x 11, z 6, radius 1.4) on its west side, the detour is further west.
    expect(routeTo({ x: 10, z: 10 }, { x: 10, z: 0 })).toEqual([{ x: expect.closeTo(8.2, 12), z: 6 }, { x: 10, z: 0 }]);
    // From the spawn ring's front to the middle of the stage, the tree (x 0, z −6, radius 1.6) is in the way.
    const around = routeTo({ x: 0, z: 4 }, { x: 0, z: -14.5 });
    expect(around).toHaveLength(2);
    expect(around[1]).toEqual({ x: 0, z: -14.5 });
    expect(around[0]!.x).toBeCloseTo(3, 12);
    expect(around[0]!.z).toBeCloseTo(-6, 12);
    // Passing left of the centre, the detour is on the left.
    expect(routeTo({ x: -0.5, z: 4 }, { x: -0.5, z: -14.5 })[0]!.x).toBeLessThan(-2);
    // A target short of the landmark needs no detour.
    expect(routeTo({ x: 0, z: 4 }, { x: 0, z: 0 })).toEqual([{ x: 0, z: 0 }]);
  });

  it("gets a speaker from anywhere on the floor to any stage spot by walking the route", () => {
    const floor = fc.record({ x: fc.double({ min: -19, max: 19, noNaN: true }), z: fc.double({ min: -12, max: 19, noNaN: true }) });
    fc.assert(
      fc.property(floor, fc.integer({ min: 1, max: 8 }), fc.nat(7), (start, slots, slot) => {
        const spot = stageSpot(slot, slots);
        let pose: Pose = { ...clampToWalkable(start), rot: 0, moving: false };
        for (const point of routeTo(pose, spot)) {
          let goal: ReturnType<typeof stepMovement>["goal"] = { kind: "target", ...point };
          for (let i = 0; i < 400 && goal.kind !== "idle"; i += 1) ({ pose, goal } = stepMovement(pose, goal, 50, "stage"));
        }
        expect(Math.hypot(pose.x - spot.x, pose.z - spot.z)).toBeLessThan(0.05);
      }),
      { numRuns: 200 },
    );
  });
});
