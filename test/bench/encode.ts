/**
 * The part of a patch each room controls, without sockets: encoding the same walk of N members with Grove's
 * state classes and with the baseline's, in this process. Sending dominates a real patch (see the send share),
 * and that cost is the same for both rooms; this isolates what differs.
 */
import { Encoder, type Schema } from "@colyseus/schema";
import { MemberState, VenueState } from "../../shared/state/VenueState.js";
import { MinimalMember, MinimalState } from "./MinimalRoom.js";

export interface EncodeResult { n: number; groveUs: number; baselineUs: number; groveBytes: number; baselineBytes: number }

interface Pose { x: number; z: number; rot: number }

/** Everyone walks on their own circle; headings change every tenth patch, like bots turning at 10 Hz / 20 Hz. */
function poseAt(i: number, t: number): Pose {
  const angle = i * 0.7 + t * 0.02;
  return { x: Math.cos(angle) * (3 + (i % 7)), z: Math.sin(angle) * (3 + (i % 7)), rot: Math.floor(t / 10) * 0.3 + i };
}

function measure<S extends Schema>(state: S, apply: (t: number) => void, patches: number): { us: number; bytes: number } {
  const encoder = new Encoder(state);
  encoder.encodeAll();
  encoder.discardChanges();
  const times: number[] = [];
  let bytes = 0;
  for (let t = 1; t <= patches; t++) {
    apply(t);
    const started = performance.now();
    bytes += encoder.encode().length;
    encoder.discardChanges();
    times.push((performance.now() - started) * 1000);
  }
  times.sort((a, b) => a - b);
  return { us: times[Math.floor(times.length / 2)]!, bytes: bytes / patches };
}

export function measureEncode(n: number, patches = 2000): EncodeResult {
  Encoder.BUFFER_SIZE = 64 * 1024; // as server/app.ts sets it
  const grove = new VenueState();
  const groveMembers = Array.from({ length: n }, (_, i) => {
    const m = new MemberState();
    Object.assign(m, { memberId: `member-${i}`, name: `bot-${i}`, color: "#2e86ab", shape: "round", accessory: "none", moving: true });
    grove.members.set(`session-${i}`, m);
    return m;
  });
  const baseline = new MinimalState();
  const baselineMembers = Array.from({ length: n }, (_, i) => {
    const m = new MinimalMember();
    baseline.members.set(`session-${i}`, m);
    return m;
  });
  // Alternate rooms and keep the better of two rounds each, so JIT warm-up does not favour the second.
  const rounds = [0, 1].map(() => ({
    grove: measure(grove, (t) => groveMembers.forEach((m, i) => m.setPose({ ...poseAt(i, t), moving: true })), patches),
    baseline: measure(baseline, (t) => baselineMembers.forEach((m, i) => {
      const p = poseAt(i, t);
      m.x = p.x;
      m.z = p.z;
      m.rot = p.rot;
    }), patches),
  }));
  const best = (pick: (r: (typeof rounds)[number]) => { us: number; bytes: number }) => rounds.map(pick).reduce((a, b) => (a.us <= b.us ? a : b));
  const g = best((r) => r.grove);
  const b = best((r) => r.baseline);
  return { n, groveUs: g.us, baselineUs: b.us, groveBytes: g.bytes, baselineBytes: b.bytes };
}
