import { describe, expect, it } from "vitest";
import { KEY_BINDINGS, directionOf } from "../../client/scene/controls/keyBindings.js";
import { MoveIntent } from "../../shared/protocol/intents.js";

describe("directionOf", () => {
  it("maps WASD and arrows to the same intents", () => {
    expect(KEY_BINDINGS.KeyW).toBe(KEY_BINDINGS.ArrowUp);
    expect(KEY_BINDINGS.KeyD).toBe(KEY_BINDINGS.ArrowRight);
  });

  it("walks diagonally at unit speed and stops when opposite keys cancel", () => {
    const diagonal = directionOf(["walkForward", "walkRight"]);
    expect(Math.hypot(diagonal.dx, diagonal.dz)).toBeCloseTo(1);
    expect(diagonal.dx).toBeGreaterThan(0);
    expect(diagonal.dz).toBeLessThan(0);
    expect(directionOf(["walkLeft", "walkRight"])).toEqual({ dx: 0, dz: 0 });
    expect(directionOf([])).toEqual({ dx: 0, dz: 0 });
  });

  it("always produces a move the server accepts", () => {
    const actions = ["walkForward", "walkBack", "walkLeft", "walkRight"] as const;
    for (let mask = 0; mask < 16; mask++) {
      const held = actions.filter((_, i) => mask & (1 << i));
      expect(MoveIntent.safeParse(directionOf(held)).success).toBe(true);
    }
  });
});
