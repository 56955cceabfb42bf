import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dequantiseHeading, dequantisePosition, quantiseHeading, quantisePosition } from "../../shared/rules/quantise.js";

describe("quantise", () => {
  it("round-trips positions within half a centimetre", () => {
    fc.assert(fc.property(fc.double({ min: -300, max: 300, noNaN: true }), (m) => {
      expect(Math.abs(dequantisePosition(quantisePosition(m)) - m)).toBeLessThanOrEqual(0.005 + 1e-9);
    }));
  });

  it("saturates positions at the int16 range instead of wrapping", () => {
    expect(quantisePosition(1000)).toBe(32767);
    expect(quantisePosition(-1000)).toBe(-32768);
  });

  it("wraps headings into one byte", () => {
    expect(quantiseHeading(0)).toBe(0);
    expect(quantiseHeading(Math.PI)).toBe(128);
    expect(quantiseHeading(-Math.PI / 2)).toBe(192);
    expect(quantiseHeading(Math.PI * 2 - 0.001)).toBe(0);
    fc.assert(fc.property(fc.double({ min: -20, max: 20, noNaN: true }), (r) => {
      const step = quantiseHeading(r);
      expect(step).toBeGreaterThanOrEqual(0);
      expect(step).toBeLessThan(256);
      const back = dequantiseHeading(step);
      const diff = Math.abs(Math.atan2(Math.sin(back - r), Math.cos(back - r)));
      expect(diff).toBeLessThanOrEqual(Math.PI / 256 + 1e-9);
    }));
  });
});
