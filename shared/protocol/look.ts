import { z } from "zod";

/** Body colours a member can pick: warm, distinguishable, and legible behind a white name label. */
export const BODY_COLOURS = [
  "#e4572e", "#f3a712", "#29bf12", "#17bebb", "#2e86ab", "#7b5ea7", "#d45d9c", "#8d6e63",
] as const;
export const BODY_SHAPES = ["round", "tall", "boxy"] as const;
export const ACCESSORIES = ["none", "hat", "leaf", "halo", "headphones"] as const;

export const AvatarLook = z.object({
  color: z.enum(BODY_COLOURS),
  shape: z.enum(BODY_SHAPES),
  accessory: z.enum(ACCESSORIES),
}).strict();
export type AvatarLook = z.infer<typeof AvatarLook>;

export const DEFAULT_LOOK: AvatarLook = { color: "#2e86ab", shape: "round", accessory: "leaf" };
