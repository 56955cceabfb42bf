import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { SESSION_TAKEN_OVER_CLOSE_CODE, type ErrorEvent, type ReactionEvent } from "../../shared/protocol/index.js";
import { collect, joinOptions, joinVenue, nextMessage, startTestGrove, until, waitForState, type TestGrove, joinOutcome } from "../helpers/grove.js";

// Room behaviours that mutation testing showed no test pinned. The room's randomness is fixed, so where a
// member arrives depends only on who is already there.
let grove: TestGrove;
beforeAll(async () => {
  grove = await startTestGrove({ random: () => 0.25 });
});
afterAll(async () => {
  await grove.dispose();
});

/** Resolves after `count` more state patches have arrived. */
function patches(room: { onStateChange: { (cb: () => void): void; remove(cb: () => void): void } }, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const tick = () => {
      seen += 1;
      if (seen < count) return;
      room.onStateChange.remove(tick);
      resolve();
    };
    room.onStateChange(tick);
  });
}

describe("joining", () => {
  it("gives a member id without a secret a new identity instead of failing", async () => {
    const first = await joinVenue(grove.client, { name: "Known" });
    await first.room.leave();
    const again = await joinVenue(grove.client, { name: "Known", memberId: first.welcome.memberId });
    expect(again.welcome.newIdentity).toBe(true);
    expect(again.welcome.memberId).not.toBe(first.welcome.memberId);
    await again.room.leave();
  });

  it("calls an over-long member id INVALID_JOIN, not a long name", async () => {
    expect(await joinOutcome(grove.client, { ...joinOptions(), memberId: "m".repeat(100), secret: "s" })).toBe("INVALID_JOIN");
  });

  it("places arrivals apart even when the room's randomness repeats", async () => {
    const a = await joinVenue(grove.client, { name: "One" });
    const b = await joinVenue(new Client(grove.url), { name: "Two" });
    await waitForState(b.room, (s) => s.members.has(a.room.sessionId));
    const [pa, pb] = [b.room.state.members.get(a.room.sessionId)!, b.room.state.members.get(b.room.sessionId)!];
    expect(Math.hypot(pa.x - pb.x, pa.z - pb.z)).toBeGreaterThan(100);
    await a.room.leave();
    await b.room.leave();
  });
});

describe("moving", () => {
  it("walks along z alone when only dz is held", async () => {
    const { room } = await joinVenue(grove.client);
    const start = { ...room.state.members.get(room.sessionId)! };
    room.send("move", { dx: 0, dz: 1 });
    await waitForState(room, (s) => (s.members.get(room.sessionId)?.z ?? 0) > start.z + 50);
    expect(room.state.members.get(room.sessionId)?.x).toBe(start.x);
    room.send("move", { dx: 0, dz: 0 });
    await waitForState(room, (s) => s.members.get(room.sessionId)?.moving === false);
    await room.leave();
  });

  it("stops a member whose connection drops mid-walk", async () => {
    const walker = await joinVenue(grove.client, { name: "Walker" });
    const watcher = await joinVenue(new Client(grove.url), { name: "Watcher" });
    walker.room.send("move", { dx: 1, dz: 0 });
    await waitForState(watcher.room, (s) => s.members.get(walker.room.sessionId)?.moving === true);
    await walker.room.leave(false);
    await waitForState(watcher.room, (s) => s.members.get(walker.room.sessionId)?.online === false);
    const x = watcher.room.state.members.get(walker.room.sessionId)!.x;
    // Patches only flow while something changes: the watcher walks, and the dropped walker must not.
    watcher.room.send("move", { dx: -1, dz: 0 });
    await patches(watcher.room, 5);
    expect(watcher.room.state.members.get(walker.room.sessionId)?.x).toBe(x);
    await watcher.room.leave();
  });
});

describe("records", () => {
  it("records a reaction with its emoji", async () => {
    const a = await joinVenue(grove.client, { name: "Reactor" });
    const echo = nextMessage<ReactionEvent>(a.room, "reaction");
    a.room.send("react", { emoji: "🌱" });
    await echo;
    await until(async () => {
      const rows = await grove.store.db.selectFrom("interactions").select(["kind", "detail"]).where("member_id", "=", a.welcome.memberId).where("kind", "=", "reaction").execute();
      return rows.length === 1 && JSON.parse(rows[0]!.detail).emoji === "🌱";
    }, "the reaction record");
    await a.room.leave();
  });
});

describe("one member in two instances", () => {
  it("leaves the older instance when the member is seated in a newer one: one open presence, a leave that says why", async () => {
    await grove.store.ensureEvent({ slug: "tiny", title: "Tiny", capacity: 1, now: Date.now() });
    const first = await joinVenue(grove.client, { eventSlug: "tiny", name: "Twin" });
    const told = nextMessage<ErrorEvent>(first.room, "error");
    const closed = new Promise<number>((resolve) => first.room.onLeave((code) => resolve(code)));
    // The first instance is full (capacity 1), so the same member's second connection opens another.
    const second = await joinVenue(new Client(grove.url), { eventSlug: "tiny", name: "Twin", memberId: first.welcome.memberId, secret: first.welcome.secret });
    expect(second.room.roomId).not.toBe(first.room.roomId);
    expect((await told).code).toBe("SESSION_TAKEN_OVER");
    expect(await closed).toBe(SESSION_TAKEN_OVER_CLOSE_CODE);
    await until(async () => {
      const presence = await grove.store.db.selectFrom("presence").select("left_at").where("member_id", "=", first.welcome.memberId).execute();
      return presence.length === 2 && presence.filter((p) => p.left_at === null).length === 1;
    }, "one open presence record");
    const leaves = await grove.store.db.selectFrom("interactions").select("detail").where("member_id", "=", first.welcome.memberId).where("kind", "=", "leave").execute();
    expect(leaves.map((l) => JSON.parse(l.detail))).toEqual([{ reason: "takenOver" }]);
    const errors = collect<ErrorEvent>(second.room, "error");
    await second.room.leave();
    expect(errors).toEqual([]);
  });
});
