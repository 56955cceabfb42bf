import { Encoder } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { MemberState, VenueState } from "../../shared/state/VenueState.js";

function venueWithOne(): { encoder: Encoder; member: MemberState } {
  const state = new VenueState();
  const member = new MemberState();
  state.members.set("s1", member);
  const encoder = new Encoder(state);
  encoder.encodeAll();
  encoder.discardChanges();
  return { encoder, member };
}

function patchBytes(encoder: Encoder): number {
  const bytes = encoder.encode().length;
  encoder.discardChanges();
  return bytes;
}

describe("MemberState.setPose", () => {
  it("stores centimetres and a one-byte heading", () => {
    const { member } = venueWithOne();
    member.setPose({ x: 1.234, z: -5.5, rot: Math.PI, moving: true });
    expect([member.x, member.z, member.rot, member.moving]).toEqual([123, -550, 128, true]);
  });

  it("adds nothing to a patch when the quantised pose did not change", () => {
    const { encoder, member } = venueWithOne();
    const empty = patchBytes(encoder);
    member.setPose({ x: 2, z: 3, rot: 0.5, moving: true });
    const moved = patchBytes(encoder);
    member.setPose({ x: 2.001, z: 3.001, rot: 0.501, moving: true });
    expect(patchBytes(encoder)).toBe(empty);
    expect(moved).toBeGreaterThan(empty);
  });
});
