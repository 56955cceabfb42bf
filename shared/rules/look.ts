import { ACCESSORIES, BODY_COLOURS, BODY_SHAPES, type AvatarLook } from "../protocol/look.js";

/**
 * A 32-bit hash of the string (FNV-1a over UTF-16 units from `basis`, then murmur3's finaliser so nearby seeds spread
 * apart). Collectible seeds use it too, with two bases.
 */
export function hash32(text: string, basis = 0x811c9dc5): number {
  let h = basis;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The look a new member starts with, chosen from `seed` (a random id the browser keeps with the identity), so that
 * newcomers do not all arrive alike. The same seed always gives the same look, and every look is a valid AvatarLook:
 * colour, shape and accessory are independent digits of one hash.
 */
export function lookFor(seed: string): AvatarLook {
  let h = hash32(seed);
  const color = BODY_COLOURS[h % BODY_COLOURS.length] ?? BODY_COLOURS[0];
  h = Math.floor(h / BODY_COLOURS.length);
  const shape = BODY_SHAPES[h % BODY_SHAPES.length] ?? BODY_SHAPES[0];
  h = Math.floor(h / BODY_SHAPES.length);
  const accessory = ACCESSORIES[h % ACCESSORIES.length] ?? ACCESSORIES[0];
  return { color, shape, accessory };
}
