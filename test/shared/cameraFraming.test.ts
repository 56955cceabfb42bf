import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CAMERA_BASE_FOV,
  CAMERA_BASE_OFFSET,
  CAMERA_MAX_FOV,
  CAMERA_MIN_WIDTH_SHARE,
  REFERENCE_HALF_EXTENT,
  cameraFraming,
  horizontalHalfExtent,
  segmentHitsSphere,
} from "../../shared/rules/cameraFraming.js";

const BASE_DISTANCE = Math.hypot(CAMERA_BASE_OFFSET.y, CAMERA_BASE_OFFSET.z);
const halfExtentOf = (aspect: number) => {
  const f = cameraFraming(aspect);
  return horizontalHalfExtent(BASE_DISTANCE * f.distanceScale, f.fov, aspect);
};
const aspect = fc.double({ min: 0.2, max: 4, noNaN: true });

describe("cameraFraming", () => {
  it("keeps the laptop framing on laptop and wider screens", () => {
    for (const a of [1366 / 768, 1920 / 1080, 21 / 9]) expect(cameraFraming(a)).toEqual({ fov: CAMERA_BASE_FOV, distanceScale: 1 });
  });

  it("widens the lens and steps back on a phone held upright, showing most of what a laptop shows", () => {
    const phone = cameraFraming(390 / 844);
    expect(phone.fov).toBe(CAMERA_MAX_FOV);
    expect(phone.distanceScale).toBeGreaterThan(1.5);
    expect(halfExtentOf(390 / 844)).toBeCloseTo(REFERENCE_HALF_EXTENT * CAMERA_MIN_WIDTH_SHARE, 6);
  });

  it("only widens the lens on a square window, and leaves a 4:3 screen as a laptop's", () => {
    expect(cameraFraming(4 / 3)).toEqual({ fov: CAMERA_BASE_FOV, distanceScale: 1 });
    const tablet = cameraFraming(1);
    expect(tablet.distanceScale).toBe(1);
    expect(tablet.fov).toBeGreaterThan(CAMERA_BASE_FOV);
    expect(tablet.fov).toBeLessThan(CAMERA_MAX_FOV);
  });

  it("falls back to the base framing for an aspect that is not a positive number", () => {
    for (const a of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(cameraFraming(a)).toEqual({ fov: CAMERA_BASE_FOV, distanceScale: 1 });
  });

  it("property: the lens stays in range, the view is never narrower than the least share, and the camera never comes nearer", () => {
    fc.assert(
      fc.property(aspect, aspect, (a, b) => {
        const f = cameraFraming(a);
        expect(f.fov).toBeGreaterThanOrEqual(CAMERA_BASE_FOV);
        expect(f.fov).toBeLessThanOrEqual(CAMERA_MAX_FOV + 1e-9);
        expect(f.distanceScale).toBeGreaterThanOrEqual(1);
        expect(halfExtentOf(a)).toBeGreaterThanOrEqual(REFERENCE_HALF_EXTENT * CAMERA_MIN_WIDTH_SHARE - 1e-6);
        const [narrow, wide] = a < b ? [a, b] : [b, a];
        expect(cameraFraming(narrow).distanceScale).toBeGreaterThanOrEqual(cameraFraming(wide).distanceScale - 1e-9);
        expect(cameraFraming(narrow).fov).toBeGreaterThanOrEqual(cameraFraming(wide).fov - 1e-9);
      }),
    );
  });
});

describe("segmentHitsSphere", () => {
  it("hits a sphere standing between the ends and misses one beside the line or beyond its end", () => {
    expect(segmentHitsSphere(0, 8, 10, 0, 1, -10, 0, 4.5, 0, 1)).toBe(true);
    expect(segmentHitsSphere(0, 8, 10, 0, 1, -10, 3, 4.5, 0, 1)).toBe(false);
    expect(segmentHitsSphere(0, 8, 10, 0, 1, 5, 0, 1, -6, 2)).toBe(false);
  });

  it("treats a zero-length segment as a point", () => {
    expect(segmentHitsSphere(1, 1, 1, 1, 1, 1, 1, 1, 2, 1)).toBe(true);
    expect(segmentHitsSphere(1, 1, 1, 1, 1, 1, 1, 1, 3, 1)).toBe(false);
  });

  it("property: agrees with sampling points along the segment", () => {
    const coord = fc.double({ min: -20, max: 20, noNaN: true });
    fc.assert(
      fc.property(coord, coord, coord, coord, coord, coord, coord, coord, coord, fc.double({ min: 0.1, max: 5, noNaN: true }), (ax, ay, az, bx, by, bz, cx, cy, cz, r) => {
        let nearest = Infinity;
        for (let i = 0; i <= 2000; i++) {
          const t = i / 2000;
          nearest = Math.min(nearest, Math.hypot(ax + (bx - ax) * t - cx, ay + (by - ay) * t - cy, az + (bz - az) * t - cz));
        }
        const length = Math.hypot(bx - ax, by - ay, bz - az);
        // Sampling finds the nearest point to within half a step; only decide cases clear of that margin.
        if (Math.abs(nearest - r) <= length / 2000) return;
        expect(segmentHitsSphere(ax, ay, az, bx, by, bz, cx, cy, cz, r)).toBe(nearest < r);
      }),
    );
  });
});

describe("segmentHitsSphere by radius", () => {
  it("counts a sphere as in the way when the sight line passes within its radius, not otherwise", () => {
    // A line along x at height 0 passes 1.5 m from a centre at (5, 1.5, 0).
    expect(segmentHitsSphere(0, 0, 0, 10, 0, 0, 5, 1.5, 0, 2)).toBe(true);
    expect(segmentHitsSphere(0, 0, 0, 10, 0, 0, 5, 1.5, 0, 1)).toBe(false);
    expect(segmentHitsSphere(0, 0, 0, 10, 0, 0, 5, 0.5, 0, 0.6)).toBe(true);
  });
});
