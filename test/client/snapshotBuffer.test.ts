import { describe, expect, it } from "vitest";
import { SnapshotBuffer, type SampledPose } from "../../client/net/SnapshotBuffer.js";
import { VENUE_TICK_MS } from "../../shared/rules/venue.js";

function sample(buffer: SnapshotBuffer, t: number): SampledPose {
  const out: SampledPose = { x: Number.NaN, z: Number.NaN, rot: Number.NaN, moving: false };
  buffer.sample(t, out);
  return out;
}

describe("SnapshotBuffer", () => {
  it("has nothing to draw before the first patch", () => {
    expect(new SnapshotBuffer().sample(0, { x: 0, z: 0, rot: 0, moving: false })).toBe(false);
  });

  it("blends linearly between the two patches around the render time", () => {
    const buffer = new SnapshotBuffer();
    buffer.push({ t: 1000, x: 0, z: 0, rot: 0, moving: true });
    buffer.push({ t: 1050, x: 1, z: -2, rot: 0, moving: true });
    const mid = sample(buffer, 1025);
    expect(mid.x).toBeCloseTo(0.5);
    expect(mid.z).toBeCloseTo(-1);
  });

  it("holds the newest pose past it instead of extrapolating", () => {
    const buffer = new SnapshotBuffer();
    buffer.push({ t: 0, x: 0, z: 0, rot: 0, moving: true });
    buffer.push({ t: 50, x: 1, z: 0, rot: 0, moving: false });
    expect(sample(buffer, 500)).toEqual({ x: 1, z: 0, rot: 0, moving: false });
  });

  it("turns the short way round", () => {
    const buffer = new SnapshotBuffer();
    buffer.push({ t: 0, x: 0, z: 0, rot: Math.PI * 0.9, moving: true });
    buffer.push({ t: 100, x: 0, z: 0, rot: -Math.PI * 0.9, moving: true });
    // Halfway from 162° to -162° is 180°, not 0°.
    expect(Math.abs(sample(buffer, 50).rot)).toBeCloseTo(Math.PI);
  });

  it("after a quiet spell walks from the old pose within one tick instead of sliding all the way", () => {
    const buffer = new SnapshotBuffer();
    buffer.push({ t: 0, x: 0, z: 0, rot: 0, moving: false });
    buffer.push({ t: 2000, x: 0.2, z: 0, rot: 0, moving: true });
    expect(sample(buffer, 1000).x).toBe(0);
    expect(sample(buffer, 2000 - VENUE_TICK_MS / 2).x).toBeCloseTo(0.1);
  });

  it("never goes back in time when patches arrive out of order", () => {
    const buffer = new SnapshotBuffer();
    buffer.push({ t: 100, x: 0, z: 0, rot: 0, moving: true });
    buffer.push({ t: 90, x: 5, z: 0, rot: 0, moving: true });
    expect(buffer.latest()?.t).toBe(100);
    expect(sample(buffer, 200).x).toBe(5);
  });
});
