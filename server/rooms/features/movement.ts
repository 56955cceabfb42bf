import { MOVE_RATE } from "../../../shared/rules/rateLimit.js";
import { defineFeature } from "./feature.js";

const rate = { bucket: "move", limit: MOVE_RATE };

/** Walking: the member says where it wants to go; the room's tick moves it (shared/rules/movement.ts). */
export const movement = defineFeature({
  name: "movement",
  intents: {
    move: {
      role: "member",
      rate,
      handle({ member }, { dx, dz }) {
        member.goal = dx === 0 && dz === 0 ? { kind: "idle" } : { kind: "direction", dx, dz };
      },
    },
    walkTo: {
      role: "member",
      rate,
      handle({ member }, { x, z }) {
        member.goal = { kind: "target", x, z };
      },
    },
  },
});
