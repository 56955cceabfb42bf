import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LABEL_LAYOUT,
  LABEL_RANKS,
  anchoredBox,
  boxesOverlap,
  compareLabels,
  isMustShow,
  labelScale,
  layoutLabels,
  type LabelCandidate,
  type LabelPlacement,
} from "../../shared/rules/labelLayout.js";

const VIEWPORT = { width: 1366, height: 768 };
const label = (id: string, x: number, y: number, depth: number, rank: LabelCandidate["rank"] = "other"): LabelCandidate => ({
  id,
  x,
  y,
  depth,
  width: 90,
  height: 24,
  rank,
});

const boxOf = (p: LabelPlacement) => ({ left: p.left, top: p.top, right: p.left + p.width, bottom: p.top + p.height });

/** A crowd: labels anywhere around the viewport, many stacked on nearly the same spot, at most one "self". */
const crowd = fc
  .array(
    fc.record({
      x: fc.oneof(fc.double({ min: -200, max: 1566, noNaN: true }), fc.double({ min: 600, max: 640, noNaN: true })),
      y: fc.oneof(fc.double({ min: -100, max: 900, noNaN: true }), fc.double({ min: 380, max: 400, noNaN: true })),
      depth: fc.double({ min: -5, max: 60, noNaN: true }),
      width: fc.double({ min: 20, max: 260, noNaN: true }),
      height: fc.double({ min: 16, max: 120, noNaN: true }),
      rank: fc.constantFrom(...LABEL_RANKS.filter((r) => r !== "self")),
    }),
    { maxLength: 120 },
  )
  .chain((rest) =>
    fc.boolean().map((withSelf) =>
      rest.map((r, i): LabelCandidate => ({ ...r, id: `m${i}`, rank: withSelf && i === 0 ? "self" : r.rank })),
    ),
  );

const options = fc.record({
  maxShown: fc.integer({ min: 1, max: 40 }),
  gap: fc.double({ min: 0, max: 6, noNaN: true }),
  maxNudges: fc.integer({ min: 0, max: 4 }),
});

function onScreen(c: LabelCandidate): boolean {
  const b = anchoredBox(c);
  return c.depth > 0 && !(b.right < 0 || b.left > VIEWPORT.width || b.bottom < 0 || b.top > VIEWPORT.height);
}

describe("layoutLabels", () => {
  it("shows one label where it stands: bottom centre on the anchor, full size near the camera", () => {
    const [p] = layoutLabels([label("a", 500, 300, 10)], VIEWPORT);
    expect(p).toEqual({ id: "a", left: 455, top: 276, width: 90, height: 24, scale: 1, opacity: 1, lift: 0 });
  });

  it("lifts the farther of two labels on the same spot above the nearer one", () => {
    const placed = layoutLabels([label("far", 500, 300, 12), label("near", 500, 300, 8)], VIEWPORT);
    expect(placed.map((p) => p.id)).toEqual(["near", "far"]);
    const [near, far] = placed as [LabelPlacement, LabelPlacement];
    expect(near.lift).toBe(0);
    expect(far.top + far.height).toBeLessThanOrEqual(near.top - DEFAULT_LABEL_LAYOUT.gap);
  });

  it("leaves out a label that stays in the way after its lifts, but never the own label", () => {
    const stack = Array.from({ length: 6 }, (_, i) => label(`m${i}`, 500, 300, 5 + i));
    const placed = layoutLabels([...stack, label("me", 500, 300, 30, "self")], VIEWPORT);
    expect(placed[0]?.id).toBe("me");
    expect(placed).toHaveLength(1 + 1 + DEFAULT_LABEL_LAYOUT.maxNudges);
    expect(placed.map((p) => p.id)).toEqual(["me", "m0", "m1", "m2"]);
  });

  it("shrinks distant labels, fades them near the limit and hides them past it, except speakers", () => {
    const { nearDepth, farDepth, minScale, hideDepth, fadeDepth } = DEFAULT_LABEL_LAYOUT;
    expect(labelScale(nearDepth)).toBe(1);
    expect(labelScale(farDepth + 1)).toBe(minScale);
    expect(labelScale((nearDepth + farDepth) / 2)).toBeCloseTo((1 + minScale) / 2);
    const placed = layoutLabels(
      [label("fading", 100, 300, hideDepth - fadeDepth / 2), label("gone", 400, 300, hideDepth + 1), label("host", 700, 300, hideDepth + 20, "speaker")],
      VIEWPORT,
    );
    expect(placed.map((p) => [p.id, p.opacity])).toEqual([
      ["host", 1],
      ["fading", 0.5],
    ]);
    expect(placed[0]?.scale).toBe(minScale);
  });

  it("leaves out labels behind the camera or off the screen, and those past the cap", () => {
    const placed = layoutLabels(
      [label("behind", 500, 300, -3, "self"), label("left", -200, 300, 5), ...Array.from({ length: 40 }, (_, i) => label(`m${i}`, 40 + i * 33, 300 + (i % 2) * 40, 5))],
      VIEWPORT,
      { ...DEFAULT_LABEL_LAYOUT, maxShown: 4, gap: 0 },
    );
    expect(placed.map((p) => p.id)).toEqual(["m0", "m1", "m10", "m11"]);
  });

  it("property: no two shown labels overlap, and at most maxShown show", () => {
    fc.assert(
      fc.property(crowd, options, (candidates, o) => {
        const opts = { ...DEFAULT_LABEL_LAYOUT, ...o };
        const placed = layoutLabels(candidates, VIEWPORT, opts);
        expect(placed.length).toBeLessThanOrEqual(opts.maxShown);
        for (let i = 0; i < placed.length; i++)
          for (let j = i + 1; j < placed.length; j++) expect(boxesOverlap(boxOf(placed[i]!), boxOf(placed[j]!), opts.gap)).toBe(false);
        expect(new Set(placed.map((p) => p.id)).size).toBe(placed.length);
      }),
    );
  });

  it("property: the own label and speakers' labels on screen are always shown (up to the cap)", () => {
    fc.assert(
      fc.property(crowd, options, (candidates, o) => {
        const opts = { ...DEFAULT_LABEL_LAYOUT, ...o };
        const shown = new Set(layoutLabels(candidates, VIEWPORT, opts).map((p) => p.id));
        const must = candidates.filter((c) => isMustShow(c.rank) && onScreen(c)).sort(compareLabels).slice(0, opts.maxShown);
        for (const c of must) expect(shown.has(c.id), c.id).toBe(true);
      }),
    );
  });

  it("property: nearer wins — a label is left out for one that ranks after it only if, at its anchor, it collides with one placed before it", () => {
    fc.assert(
      fc.property(crowd, options, (candidates, o) => {
        const opts = { ...DEFAULT_LABEL_LAYOUT, ...o };
        const placed = layoutLabels(candidates, VIEWPORT, opts);
        const byId = new Map(candidates.map((c) => [c.id, c]));
        const shown = placed.map((p) => byId.get(p.id)!);
        for (const hidden of candidates) {
          if (shown.includes(hidden) || !onScreen(hidden) || hidden.depth >= opts.hideDepth) continue;
          if (!shown.some((s) => compareLabels(hidden, s) < 0)) continue;
          const blockers = placed.filter((p) => compareLabels(byId.get(p.id)!, hidden) < 0);
          expect(blockers.some((p) => boxesOverlap(anchoredBox(hidden, opts), boxOf(p), opts.gap))).toBe(true);
        }
      }),
    );
  });

  it("orders equal labels by id, so equal inputs lay out alike", () => {
    const a = label("a", 600, 400, 20);
    const b = label("b", 600, 400, 20);
    expect(compareLabels(a, b)).toBe(-1);
    expect(compareLabels(b, a)).toBe(1);
    expect(compareLabels(a, { ...a })).toBe(0);
  });

  it("shows the own label past the hiding depth, at full opacity", () => {
    const far = DEFAULT_LABEL_LAYOUT.hideDepth + 10;
    const [own] = layoutLabels([label("me", 600, 400, far, "self")], VIEWPORT);
    expect(own).toMatchObject({ id: "me", opacity: 1, scale: DEFAULT_LABEL_LAYOUT.minScale });
    expect(layoutLabels([label("other", 600, 400, far)], VIEWPORT)).toEqual([]);
  });

  it("draws a far label smaller by its scale", () => {
    const [p] = layoutLabels([label("far", 600, 400, DEFAULT_LABEL_LAYOUT.farDepth)], VIEWPORT);
    expect(p!.width).toBeCloseTo(90 * DEFAULT_LABEL_LAYOUT.minScale, 6);
    expect(p!.height).toBeCloseTo(24 * DEFAULT_LABEL_LAYOUT.minScale, 6);
  });

  it("leaves out a label at the camera itself, and any label wholly off each edge of the screen", () => {
    expect(layoutLabels([label("at-camera", 600, 400, 0)], VIEWPORT)).toEqual([]);
    const off = [label("left", -60, 400, 10), label("right", VIEWPORT.width + 60, 400, 10), label("above", 600, -5, 10), label("below", 600, VIEWPORT.height + 30, 10)];
    expect(layoutLabels(off, VIEWPORT)).toEqual([]);
    // Partly on screen is on screen.
    expect(layoutLabels([label("edge", VIEWPORT.width + 40, 400, 10)], VIEWPORT).map((p) => p.id)).toEqual(["edge"]);
  });

  it("counts boxes closer than the gap as overlapping, and boxes that only touch without a gap as clear", () => {
    const a = { left: 0, top: 0, right: 10, bottom: 10 };
    expect(boxesOverlap(a, { left: 10, top: 0, right: 20, bottom: 10 })).toBe(false);
    expect(boxesOverlap(a, { left: 0, top: 10, right: 10, bottom: 20 })).toBe(false);
    expect(boxesOverlap({ left: 10, top: 0, right: 20, bottom: 10 }, a)).toBe(false);
    expect(boxesOverlap({ left: 0, top: 10, right: 10, bottom: 20 }, a)).toBe(false);
    expect(boxesOverlap(a, { left: 11, top: 0, right: 20, bottom: 10 }, 2)).toBe(true);
    expect(boxesOverlap({ left: 11, top: 0, right: 20, bottom: 10 }, a, 2)).toBe(true);
    expect(boxesOverlap(a, { left: 0, top: 11, right: 10, bottom: 20 }, 2)).toBe(true);
    expect(boxesOverlap({ left: 0, top: 11, right: 10, bottom: 20 }, a, 2)).toBe(true);
    expect(boxesOverlap(a, { left: 13, top: 0, right: 20, bottom: 10 }, 2)).toBe(false);
  });

  it("survives hostile numbers: NaN, infinities and zero sizes place nothing they cannot", () => {
    const placed = layoutLabels(
      [label("nan", Number.NaN, 100, 5), label("inf", 100, Number.POSITIVE_INFINITY, 5), { ...label("flat", 300, 300, 5), width: 0, height: 0 }],
      VIEWPORT,
    );
    expect(placed.map((p) => p.id)).toEqual(["flat"]);
  });
});
