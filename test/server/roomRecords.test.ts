import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import type { ReactionEvent, WelcomeEvent } from "../../shared/protocol/index.js";
import { joinVenue, nextMessage, startTestGrove, TestClock, until, waitForState, type TestGrove } from "../helpers/grove.js";

/**
 * What a room writes down and where it seats people, on the room's own clock and randomness: the clock is frozen
 * so every record carries a time the test chose, and the randomness is fixed so a spawn point is known in advance.
 */
let grove: TestGrove;
const clock = new TestClock();
beforeAll(async () => {
  grove = await startTestGrove({ now: clock.now, random: () => 0.25 });
});
afterEach(() => clock.release());
afterAll(async () => {
  await grove.dispose();
});

async function event(slug: string, capacity?: number): Promise<string> {
  return (await grove.store.ensureEvent({ slug, title: slug, now: Date.now(), ...(capacity ? { capacity } : {}) })).id;
}

async function enter(slug: string, name: string) {
  const joined = await joinVenue(new Client(grove.url), { eventSlug: slug, name });
  return { room: joined.room, welcome: joined.welcome as unknown as WelcomeEvent };
}

const ended = async (sessionId: string) => (await grove.store.getSession(sessionId))?.endedAt ?? null;

describe("records", () => {
  it("logs a join, a reaction and a leave at the room's time, and closes the session when the last member leaves", async () => {
    await event("records");
    clock.freeze();
    const t0 = clock.now();
    const a = await enter("records", "Ana");
    const sessionId = a.welcome.liveSessionId;
    clock.advance(1_000);
    const echo = nextMessage<ReactionEvent>(a.room, "reaction");
    a.room.send("react", { emoji: "👏" });
    expect(await echo).toMatchObject({ emoji: "👏", at: t0 + 1_000 });
    clock.advance(1_000);
    await a.room.leave();
    await until(async () => (await ended(sessionId)) !== null, "the session to end");

    expect(await grove.store.getSession(sessionId)).toMatchObject({ startedAt: t0, endedAt: t0 + 2_000 });
    const log = await grove.store.listInteractions(sessionId);
    expect(log.map(({ kind, at, detail, memberId }) => ({ kind, at, detail, memberId }))).toEqual([
      { kind: "join", at: t0, detail: {}, memberId: a.welcome.memberId },
      { kind: "reaction", at: t0 + 1_000, detail: { emoji: "👏" }, memberId: a.welcome.memberId },
      { kind: "leave", at: t0 + 2_000, detail: {}, memberId: a.welcome.memberId },
    ]);
    expect(await grove.store.listPresence(sessionId)).toMatchObject([{ memberId: a.welcome.memberId, joinedAt: t0, leftAt: t0 + 2_000 }]);
  });

  it("keeps the session open while another instance has members; the last leave closes it", async () => {
    await event("two-rooms", 1);
    clock.freeze();
    const t0 = clock.now();
    const a = await enter("two-rooms", "Ana");
    const b = await enter("two-rooms", "Bo");
    expect(b.room.roomId).not.toBe(a.room.roomId);
    const sessionId = a.welcome.liveSessionId;
    expect(b.welcome.liveSessionId).toBe(sessionId);

    clock.advance(1_000);
    await a.room.leave();
    // Ana's instance has gone once Bo's head-counts no longer list it.
    await waitForState(b.room, (s) => s.session.instances.size === 1 && !s.session.instances.has(a.room.roomId));
    await until(async () => (await grove.store.listPresence(sessionId)).some((p) => p.leftAt !== null), "Ana's presence to close");
    expect(await ended(sessionId)).toBeNull();

    clock.advance(1_000);
    await b.room.leave();
    await until(async () => (await ended(sessionId)) !== null, "the session to end");
    expect(await ended(sessionId)).toBe(t0 + 2_000);
    const presence = await grove.store.listPresence(sessionId);
    expect(presence.map(({ memberId, joinedAt, leftAt }) => ({ memberId, joinedAt, leftAt }))).toEqual([
      { memberId: a.welcome.memberId, joinedAt: t0, leftAt: t0 + 1_000 },
      { memberId: b.welcome.memberId, joinedAt: t0, leftAt: t0 + 2_000 },
    ]);
  });
});

describe("where members arrive", () => {
  it("seats the first member on the ring in front of the stage, turned by the room's randomness, facing the stage", async () => {
    await event("ring");
    // A draw of 0.25 turns the ring (radius 4 m around x 0, z 4) a quarter: the first point is straight ahead, z 8.
    const first = await enter("ring", "First");
    expect(first.room.state.members.get(first.room.sessionId)?.toJSON()).toMatchObject({ x: 0, z: 800, rot: 128, moving: false });
    // The same draw again: of the ring's points, the one farthest from the first member, straight across at z 0.
    const second = await enter("ring", "Second");
    expect(second.room.state.members.get(second.room.sessionId)?.toJSON()).toMatchObject({ x: 0, z: 0, rot: 128, moving: false });
    await first.room.leave();
    await second.room.leave();
  });
});
