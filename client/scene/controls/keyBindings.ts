/** Named movement intents and the keys bound to them (data, so a settings screen could remap them). */
export type MoveAction = "walkForward" | "walkBack" | "walkLeft" | "walkRight";

export const KEY_BINDINGS: Readonly<Record<string, MoveAction>> = {
  KeyW: "walkForward",
  ArrowUp: "walkForward",
  KeyS: "walkBack",
  ArrowDown: "walkBack",
  KeyA: "walkLeft",
  ArrowLeft: "walkLeft",
  KeyD: "walkRight",
  ArrowRight: "walkRight",
};

/** The camera looks toward the stage (−z), so forward is −z and right is +x. */
export const MOVE_VECTORS: Readonly<Record<MoveAction, { dx: number; dz: number }>> = {
  walkForward: { dx: 0, dz: -1 },
  walkBack: { dx: 0, dz: 1 },
  walkLeft: { dx: -1, dz: 0 },
  walkRight: { dx: 1, dz: 0 },
};

/** The direction of a set of held actions, normalised so diagonals are not faster; zero when none or opposed. */
export function directionOf(held: Iterable<MoveAction>): { dx: number; dz: number } {
  let dx = 0;
  let dz = 0;
  for (const action of held) {
    dx += MOVE_VECTORS[action].dx;
    dz += MOVE_VECTORS[action].dz;
  }
  const length = Math.hypot(dx, dz);
  if (length < 1e-6) return { dx: 0, dz: 0 };
  return { dx: dx / length, dz: dz / length };
}

/** Venue shortcuts beside walking: named intents the HUD carries out. */
export type VenueShortcut = "focusChat";

/** Enter from the venue goes to the chat box, as in most games and meeting rooms. */
export const SHORTCUT_BINDINGS: Readonly<Record<string, VenueShortcut>> = {
  Enter: "focusChat",
  NumpadEnter: "focusChat",
};
