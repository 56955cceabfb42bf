import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { SESSION_TAKEN_OVER_CLOSE_CODE, type ErrorEvent, type WelcomeEvent } from "../../shared/protocol/index.js";
import { GENEROUS_JOIN_LIMITS, joinOptions, joinOutcome, joinVenue, nextMessage, startTestGrove, waitForState, type TestGrove } from "../helpers/grove.js";

/** Seats and head-counts: one seat per member however often it joins, and only connected members counted online. */
let grove: TestGrove;
beforeAll(async () => {
  grove = await startTestGrove();
});
afterAll(async () => {
  await grove.dispose();
});

async function enter(slug: string, name: string, identity: { memberId?: string; secret?: string } = {}) {
  const joined = await joinVenue(new Client(grove.url), { eventSlug: slug, name, ...identity });
  return { room: joined.room, welcome: joined.welcome as unknown as WelcomeEvent };
}

describe("one seat per member", () => {
  it("follows a member from instance to instance: each newer connection takes over the latest, after the first instance has closed too", async () => {
    await grove.store.ensureEvent({ slug: "hops", title: "Hops", capacity: 1, now: Date.now() });
    // One seat an instance: the watcher fills the first, and every join of the member opens another.
    const watcher = await enter("hops", "Watcher");
    const first = await enter("hops", "Hopper");
    const identity = { memberId: first.welcome.memberId, secret: first.welcome.secret };
    const second = await enter("hops", "Hopper", identity);
    expect(second.room.roomId).not.toBe(first.room.roomId);
    // The first instance is empty once its connection is taken over, and closes.
    await waitForState(watcher.room, (s) => s.session.instances.size === 2 && !s.session.instances.has(first.room.roomId));

    const told = nextMessage<ErrorEvent>(second.room, "error");
    const closed = new Promise<number>((resolve) => second.room.onLeave((code) => resolve(code)));
    const third = await enter("hops", "Hopper", identity);
    expect((await told).code).toBe("SESSION_TAKEN_OVER");
    expect(await closed).toBe(SESSION_TAKEN_OVER_CLOSE_CODE);
    await waitForState(watcher.room, (s) => s.session.online === 2 && s.session.instances.size === 2);
    const presence = await grove.store.listPresence(first.welcome.liveSessionId);
    expect(presence.filter((p) => p.memberId === identity.memberId).map((p) => p.leftAt === null)).toEqual([false, false, true]);
    await third.room.leave();
    await watcher.room.leave();
  });
});

describe("head-counts", () => {
  it("counts a dropped member out of the online head-count until it comes back", async () => {
    await grove.store.ensureEvent({ slug: "counts", title: "Counts", now: Date.now() });
    const stayer = await enter("counts", "Stayer");
    const dropper = await enter("counts", "Dropper");
    await waitForState(stayer.room, (s) => s.session.online === 2);
    await dropper.room.leave(false);
    await waitForState(stayer.room, (s) => s.members.get(dropper.room.sessionId)?.online === false);
    await waitForState(stayer.room, (s) => s.session.online === 1 && s.session.instances.get(s.instanceId)?.online === 1);
    const listed = async () => ((await (await fetch(`${grove.url}/api/events`)).json()) as { events: Array<{ slug: string; online: number }> }).events.find((e) => e.slug === "counts")?.online;
    expect(await listed()).toBe(1);
    const back = await new Client(grove.url).reconnect(dropper.room.reconnectionToken);
    await waitForState(stayer.room, (s) => s.session.online === 2);
    expect(await listed()).toBe(2);
    await back.leave();
    await stayer.room.leave();
  });
});

describe("joining", () => {
  it("gives every address its own budget of new identities", async () => {
    const limited = await startTestGrove({ trustProxy: true, joinLimits: { ...GENEROUS_JOIN_LIMITS, newIdentitiesPerAddress: { capacity: 1, perSecond: 0.001 } } });
    try {
      const from = (address: string) => new Client(limited.url, { headers: { "x-forwarded-for": address } });
      expect(await joinOutcome(from("198.51.100.1"), joinOptions())).toBe("joined");
      expect(await joinOutcome(from("198.51.100.1"), joinOptions())).toBe("RATE_LIMITED");
      expect(await joinOutcome(from("198.51.100.2"), joinOptions())).toBe("joined");
    } finally {
      await limited.dispose();
    }
  });

  it("calls a name over 24 characters NAME_TOO_LONG even when the look is wrong too", async () => {
    expect(await joinOutcome(grove.client, { ...joinOptions({ name: "x".repeat(25) }), look: { color: "red", shape: "round", accessory: "none" } })).toBe("NAME_TOO_LONG");
  });
});
