import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { MATCHMAKE_REFUSED, SERVER_RESTARTING_CLOSE_CODE, SESSION_TAKEN_OVER_CLOSE_CODE, type ErrorEvent } from "../../shared/protocol/index.js";
import { DEFAULT_JOIN_LIMITS, type JoinLimits } from "../../server/joinGuard.js";
import { GENEROUS_JOIN_LIMITS, joinOptions, joinVenue, nextMessage, startTestGrove, until, waitForState, type TestGrove, joinOutcome } from "../helpers/grove.js";

/** A colyseus.js client that appears to come from `address` (the test servers trust X-Forwarded-For). */
function clientFrom(grove: TestGrove, address: string): Client {
  return new Client(grove.url, { headers: { "x-forwarded-for": address } });
}

async function withGrove(limits: Partial<JoinLimits>, body: (grove: TestGrove) => Promise<void>): Promise<void> {
  const grove = await startTestGrove({ trustProxy: true, joinLimits: { ...GENEROUS_JOIN_LIMITS, ...limits } });
  try {
    await body(grove);
  } finally {
    await grove.dispose();
  }
}

describe("session records", () => {
  it("opens no session for refused joins, and one when somebody is in", async () => {
    await withGrove({}, async (grove) => {
      const sessions = async () => (await grove.store.db.selectFrom("sessions").select("id").execute()).length;
      const refusals = await Promise.all([
        joinOutcome(grove.client, { ...joinOptions(), protocolVersion: 999 }),
        joinOutcome(grove.client, joinOptions({ name: "x".repeat(40) })),
        joinOutcome(grove.client, joinOptions({ name: "\u200d\u200d\u200d" })),
        joinOutcome(grove.client, { ...joinOptions(), look: { color: "red" } }),
        joinOutcome(grove.client, joinOptions({ eventSlug: "nowhere" })),
        joinOutcome(grove.client, { ...joinOptions(), eventSlug: { $ne: "x" } }),
      ]);
      expect(refusals).toEqual(["PROTOCOL_MISMATCH", "NAME_TOO_LONG", "INVALID_JOIN", "INVALID_JOIN", "EVENT_NOT_FOUND", "INVALID_JOIN"]);
      expect(await sessions()).toBe(0);
      expect((await grove.store.db.selectFrom("members").select("id").execute()).length).toBe(0);
      const { room } = await joinVenue(grove.client);
      await until(async () => (await sessions()) === 1, "one session");
      await room.leave();
    });
  });
});

describe("phantom seat reservations", () => {
  it("cannot fill an instance: an address holds a few, real visitors still land beside the others, and only connected members count as online", async () => {
    const grove = await startTestGrove({ trustProxy: true, joinLimits: DEFAULT_JOIN_LIMITS });
    try {
      const first = await joinVenue(clientFrom(grove, "198.51.100.1"), { name: "First" });
      const answers = await Promise.all(Array.from({ length: 199 }, () =>
        fetch(`${grove.url}/matchmake/joinOrCreate/venue`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.66" },
          body: JSON.stringify(joinOptions({ name: "Phantom" })),
        })));
      const granted = answers.filter((a) => a.status === 200).length;
      expect(granted).toBeLessThanOrEqual(DEFAULT_JOIN_LIMITS.pendingPerAddress);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(199 - granted);
      expect(await answers.find((a) => a.status === 429)!.json()).toMatchObject({ error: "RATE_LIMITED" });

      const second = await joinVenue(clientFrom(grove, "198.51.100.2"), { name: "Second" });
      expect(second.room.roomId).toBe(first.room.roomId);
      const listing = (await (await fetch(`${grove.url}/api/events`)).json()) as { events: Array<{ slug: string; online: number }> };
      expect(listing.events.find((e) => e.slug === "demo")?.online).toBe(2);
      await first.room.leave();
      await second.room.leave();
    } finally {
      await grove.dispose();
    }
  });
});

describe("join budgets", () => {
  it("limits matchmaking requests per address with RATE_LIMITED and a Retry-After", async () => {
    await withGrove({ perAddress: { capacity: 3, perSecond: 0.001 } }, async (grove) => {
      const flooder = clientFrom(grove, "203.0.113.7");
      for (let i = 0; i < 3; i++) (await joinVenue(flooder)).room.leave();
      expect(await joinOutcome(flooder, joinOptions())).toBe("RATE_LIMITED");
      const answer = await fetch(`${grove.url}/matchmake/joinOrCreate/venue`, { method: "POST", headers: { "x-forwarded-for": "203.0.113.7" }, body: JSON.stringify(joinOptions()) });
      expect(answer.status).toBe(429);
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
      // Someone else is not affected.
      expect(await joinOutcome(clientFrom(grove, "203.0.113.8"), joinOptions())).toBe("joined");
    });
  });

  it("ignores X-Forwarded-For unless the operator says a proxy is in front", async () => {
    const grove = await startTestGrove({ joinLimits: { ...GENEROUS_JOIN_LIMITS, perAddress: { capacity: 2, perSecond: 0.001 } } });
    try {
      // Each request claims another address; without trust proxy they are all the same socket address.
      for (let i = 0; i < 2; i++) await (await joinVenue(clientFrom(grove, `203.0.113.${20 + i}`))).room.leave();
      expect(await joinOutcome(clientFrom(grove, "203.0.113.99"), joinOptions())).toBe("RATE_LIMITED");
    } finally {
      await grove.dispose();
    }
  });

  it("limits new identities per address, so a script cannot grow the members table, while known members still come in", async () => {
    await withGrove({ newIdentitiesPerAddress: { capacity: 3, perSecond: 0.001 } }, async (grove) => {
      const script = clientFrom(grove, "203.0.113.9");
      const first = await joinVenue(script, { name: "One" });
      await first.room.leave();
      for (let i = 0; i < 2; i++) await (await joinVenue(script)).room.leave();
      expect(await joinOutcome(script, joinOptions())).toBe("RATE_LIMITED");
      expect(await joinOutcome(script, joinOptions({ memberId: first.welcome.memberId, secret: "forged" }))).toBe("RATE_LIMITED");
      expect((await grove.store.db.selectFrom("members").select("id").execute()).length).toBe(3);
      const back = await joinVenue(script, { memberId: first.welcome.memberId, secret: first.welcome.secret });
      expect(back.welcome.newIdentity).toBe(false);
      await back.room.leave();
    });
  });

  it("limits joins per member, and forged attempts do not spend the real member's budget", async () => {
    await withGrove({ perMember: { capacity: 2, perSecond: 0.001 } }, async (grove) => {
      const me = await joinVenue(grove.client, { name: "Me" });
      await me.room.leave();
      for (let i = 0; i < 5; i++) {
        const forger = await joinVenue(clientFrom(grove, `192.0.2.${i}`), { memberId: me.welcome.memberId, secret: `wrong-${i}` });
        expect(forger.welcome.memberId).not.toBe(me.welcome.memberId);
        await forger.room.leave();
      }
      // The budget is spent by the member's own joins only: two returns, then a refusal.
      for (let i = 0; i < 2; i++) {
        const again = await joinVenue(grove.client, { memberId: me.welcome.memberId, secret: me.welcome.secret });
        expect(again.welcome.newIdentity).toBe(false);
        await again.room.leave();
      }
      expect(await joinOutcome(grove.client, joinOptions({ memberId: me.welcome.memberId, secret: me.welcome.secret }))).toBe("RATE_LIMITED");
    });
  });
});

describe("one member, two connections", () => {
  let grove: TestGrove;
  beforeAll(async () => {
    grove = await startTestGrove();
  });
  afterAll(async () => {
    await grove.dispose();
  });

  async function presenceOf(memberId: string) {
    return grove.store.db.selectFrom("presence").selectAll().where("member_id", "=", memberId).execute();
  }

  it("lets the newer connection take the seat: one avatar in its place, one presence record, and the older page is told why", async () => {
    const watcher = await joinVenue(new Client(grove.url), { name: "Watcher" });
    const first = await joinVenue(grove.client, { name: "Twin" });
    first.room.send("walkTo", { x: 4, z: -6 });
    await waitForState(watcher.room, (s) => s.members.get(first.room.sessionId)?.x === 400 && s.members.get(first.room.sessionId)?.moving === false, 8000);
    const told = nextMessage<ErrorEvent>(first.room, "error");
    const closed = new Promise<number>((resolve) => first.room.onLeave((code) => resolve(code)));

    const second = await joinVenue(new Client(grove.url), { name: "Twin", memberId: first.welcome.memberId, secret: first.welcome.secret });
    expect(await told).toMatchObject({ code: "SESSION_TAKEN_OVER" });
    expect(await closed).toBe(SESSION_TAKEN_OVER_CLOSE_CODE);
    await waitForState(watcher.room, (s) => !s.members.has(first.room.sessionId) && s.members.has(second.room.sessionId));
    const twins = [...watcher.room.state.members.values()].filter((m) => m.memberId === first.welcome.memberId);
    expect(twins.map((m) => [m.x, m.z, m.online])).toEqual([[400, -600, true]]);
    await until(async () => (await presenceOf(first.welcome.memberId)).length === 1, "one presence record");
    expect((await presenceOf(first.welcome.memberId))[0]?.left_at).toBeNull();
    const joins = await grove.store.db.selectFrom("interactions").select("kind").where("member_id", "=", first.welcome.memberId).execute();
    expect(joins.map((j) => j.kind)).toEqual(["join"]);
    await second.room.leave();
    await watcher.room.leave();
  });

  it("takes over a seat whose connection dropped, without waiting for the grace period", async () => {
    const watcher = await joinVenue(new Client(grove.url), { name: "Watcher" });
    const first = await joinVenue(grove.client, { name: "Dropper" });
    const oldSessionId = first.room.sessionId;
    await first.room.leave(false);
    await waitForState(watcher.room, (s) => s.members.get(oldSessionId)?.online === false);
    const second = await joinVenue(new Client(grove.url), { name: "Dropper", memberId: first.welcome.memberId, secret: first.welcome.secret });
    await waitForState(watcher.room, (s) => !s.members.has(oldSessionId) && s.members.get(second.room.sessionId)?.online === true);
    // The old token answers with the reason a page needs to join again instead of retrying it.
    await expect(grove.client.reconnect(first.room.reconnectionToken)).rejects.toThrow(MATCHMAKE_REFUSED);
    const open = (await presenceOf(first.welcome.memberId)).filter((p) => p.left_at === null);
    expect(open).toHaveLength(1);
    await second.room.leave();
    await watcher.room.leave();
  });
});

describe("shutting down", () => {
  it("closes members' connections with the restarting code, not a consented leave", async () => {
    const grove = await startTestGrove();
    const { room } = await joinVenue(grove.client);
    const closed = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
    await grove.dispose();
    expect(await closed).toBe(SERVER_RESTARTING_CLOSE_CODE);
  });
});
