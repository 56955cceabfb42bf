import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACCESSORIES, AvatarLook, BODY_COLOURS, BODY_SHAPES } from "../../shared/protocol/look.js";
import { lookFor } from "../../shared/rules/look.js";

describe("lookFor", () => {
  it("gives the same look for the same seed", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 64 }), (seed) => {
      expect(lookFor(seed)).toEqual(lookFor(`${seed}`));
    }));
  });

  it("always gives a valid look, whatever the seed", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 64 }), (seed) => {
      expect(AvatarLook.safeParse(lookFor(seed)).success).toBe(true);
    }));
  });

  it("spreads random ids over every colour, shape and accessory, and most of their combinations", () => {
    const seeds = fc.sample(fc.uuid(), { numRuns: 2000, seed: 9 });
    const looks = seeds.map(lookFor);
    const count = <T,>(pick: (look: AvatarLook) => T, value: T) => looks.filter((look) => pick(look) === value).length;
    const fair = (options: number) => seeds.length / options;
    // Every option comes up, and none is much rarer or commoner than a fair share (2000 draws: ±40 % is > 6 sigma).
    for (const colour of BODY_COLOURS) expect(count((l) => l.color, colour)).toBeGreaterThan(fair(BODY_COLOURS.length) * 0.6);
    for (const shape of BODY_SHAPES) expect(count((l) => l.shape, shape)).toBeGreaterThan(fair(BODY_SHAPES.length) * 0.6);
    for (const accessory of ACCESSORIES) expect(count((l) => l.accessory, accessory)).toBeGreaterThan(fair(ACCESSORIES.length) * 0.6);
    const combinations = new Set(looks.map((l) => `${l.color}/${l.shape}/${l.accessory}`));
    expect(combinations.size).toBe(BODY_COLOURS.length * BODY_SHAPES.length * ACCESSORIES.length);
  });

  it("gives different looks to ids that differ in one character", () => {
    const base = "3f2a9c1e-0000-4000-8000-000000000000";
    const neighbours = "0123456789abcdef".split("").map((c) => `${base.slice(0, -1)}${c}`);
    const distinct = new Set(neighbours.map((seed) => JSON.stringify(lookFor(seed))));
    expect(distinct.size).toBeGreaterThan(neighbours.length / 2);
  });
});
