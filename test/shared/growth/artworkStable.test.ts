import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { artworkMesh, artworkSpec, artworkSvg } from "../../../shared/rules/growth/collectibles.js";

/**
 * A collectible's artwork is drawn from its signed seed every time it is shown (/c/<id>, the profile, the object
 * over an avatar): it must look the same in every release, or an owner's collectible would change under them. These
 * digests pin the drawing of three seeds as it shipped; a change to the artwork code that moves any of them is a
 * change to every collectible already minted, and needs a new artwork version in the record, not a new pin.
 */
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const SHIPPED = [
  {
    seed: "0123456789abcdef",
    svg: "f2aea89e0fc4ed53c0da9e50e5b59ab43b5a4a6654d11ddb05b7ec82f6adda64",
    spec: "59e3465eef49f369c11a74fb6f4095e603306a831085d12306fd0831533e2f47",
    mesh: "8bed2c46b703638374e8046c2abb9285e95bf683aff2423e2b3204103d615023",
  },
  {
    seed: "fedcba9876543210",
    svg: "e23b43c0288222db03faf4200ccd6102074cf597fb8251fb5f8f02190c524e02",
    spec: "cf7cd260625111273961c556d42c4455796aa491ed3e91e535aff2c3d487d006",
    mesh: "d9803726c557cca31a5b50732b5ffb27676ab5d052c9df73582958eeea29ca85",
  },
  {
    seed: "00000000deadbeef",
    svg: "f0b82c2ce3cc536b63959de4588e01377df20ae079e21c6b57dea6bb5bd0f64e",
    spec: "321a47b5dde499224371447bb7556bdf4d4e3d992726a2a1fc188436ddc9eaa7",
    mesh: "818a81a1b7ab3c0c3cc6f1f0fe0ca726dd5deeae3a90d9ced40010b038112d1e",
  },
] as const;

describe("a minted collectible looks the same in every release", () => {
  for (const shipped of SHIPPED) {
    it(`draws seed ${shipped.seed} as it shipped: its spec, its SVG and its 3D object`, () => {
      const spec = artworkSpec(shipped.seed);
      expect(sha256(JSON.stringify(spec))).toBe(shipped.spec);
      expect(sha256(artworkSvg(shipped.seed, "Ada 阿达"))).toBe(shipped.svg);
      expect(sha256(JSON.stringify(artworkMesh(spec)))).toBe(shipped.mesh);
    });
  }

  it("draws different seeds differently", () => {
    expect(new Set(SHIPPED.map((s) => sha256(artworkSvg(s.seed, "Ada 阿达")))).size).toBe(SHIPPED.length);
  });
});
