import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { PROTOCOL_VERSION, type ChatEvent, type ErrorEvent, type ReactionEvent } from "../../shared/protocol/index.js";
import { dequantisePosition } from "../../shared/rules/quantise.js";
import { VENUE_HALF_SIZE } from "../../shared/rules/venue.js";
import { collect, joinOptions, joinVenue, nextMessage, startTestGrove, TestClock, until, waitForState, type TestGrove, joinOutcome } from "../helpers/grove.js";
import { ANY_MESSAGE_RATE } from "../../shared/rules/rateLimit.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";

// The room on every database Grove supports: SQLite always, PostgreSQL (a database of its own) with DATABASE_URL.
describe.each(databaseTargets("grove_venue_room_test"))("the venue room on %s", (_dialect, database) => {
  let target: DatabaseTarget;
  let grove: TestGrove;
  const clock = new TestClock();
  beforeAll(async () => {
    target = await database();
    grove = await startTestGrove({ now: clock.now, ...(target.url ? { databaseUrl: target.url } : {}) });
  });
  afterEach(() => clock.release());
  afterAll(async () => {
    await grove?.dispose();
    await target?.cleanup();
  });

  function memberOf(room: { state: { members: Map<string, { x: number; z: number; moving: boolean; online: boolean; name: string; memberId: string }> } }, sessionId: string) {
    const member = room.state.members.get(sessionId);
    if (!member) throw new Error(`no member ${sessionId} in state`);
    return member;
  }

  describe("joining", () => {
    it("issues a new identity and places the member on the floor, visible to others", async () => {
      const a = await joinVenue(grove.client, { name: "  Ada  " });
      const b = await joinVenue(new Client(grove.url), { name: "李雷", look: { color: "#29bf12", shape: "boxy", accessory: "halo" } });
      expect(a.welcome.newIdentity).toBe(true);
      expect(a.welcome.secret.length).toBeGreaterThan(20);
      await waitForState(a.room, (s) => s.members.has(b.room.sessionId));
      const seenByA = memberOf(a.room, b.room.sessionId);
      expect(seenByA.name).toBe("李雷");
      expect(seenByA.memberId).toBe(b.welcome.memberId);
      expect((seenByA as unknown as { shape: string }).shape).toBe("boxy");
      const self = memberOf(b.room, a.room.sessionId);
      expect(self.name).toBe("Ada");
      expect(Math.abs(dequantisePosition(self.x))).toBeLessThanOrEqual(VENUE_HALF_SIZE);
      await a.room.leave();
      await b.room.leave();
    });

    it("brings a returning member back with the same id and its new name and look", async () => {
      const first = await joinVenue(grove.client, { name: "Wen" });
      await first.room.leave();
      const again = await joinVenue(grove.client, {
        name: "Wen Li", memberId: first.welcome.memberId, secret: first.welcome.secret,
        look: { color: "#7b5ea7", shape: "round", accessory: "headphones" },
      });
      expect(again.welcome.newIdentity).toBe(false);
      expect(again.welcome.memberId).toBe(first.welcome.memberId);
      expect(memberOf(again.room, again.room.sessionId).name).toBe("Wen Li");
      const stored = await grove.store.getMember(first.welcome.memberId);
      expect(stored?.look.accessory).toBe("headphones");
      await again.room.leave();
    });

    it("gives a forged identity a new id, never the one it claimed", async () => {
      const victim = await joinVenue(grove.client, { name: "Victim" });
      const forger = await joinVenue(new Client(grove.url), { name: "Forger", memberId: victim.welcome.memberId, secret: "not-the-secret" });
      expect(forger.welcome.newIdentity).toBe(true);
      expect(forger.welcome.memberId).not.toBe(victim.welcome.memberId);
      const victimRecord = await grove.store.getMember(victim.welcome.memberId);
      expect(victimRecord?.name).toBe("Victim");
      await victim.room.leave();
      await forger.room.leave();
    });

    it("refuses a client of another protocol version with a named reason", async () => {
      expect(await joinOutcome(grove.client, { ...joinOptions(), protocolVersion: PROTOCOL_VERSION + 1 })).toBe("PROTOCOL_MISMATCH");
      expect(await joinOutcome(grove.client, { ...joinOptions(), protocolVersion: undefined })).toBe("PROTOCOL_MISMATCH");
    });

    it("refuses names over 24 characters, empty names and malformed looks", async () => {
      expect(await joinOutcome(grove.client, joinOptions({ name: "x".repeat(25) }))).toBe("NAME_TOO_LONG");
      expect(await joinOutcome(grove.client, joinOptions({ name: "   " }))).toBe("INVALID_JOIN");
      expect(await joinOutcome(grove.client, { ...joinOptions(), look: { color: "red", shape: "round", accessory: "none" } })).toBe("INVALID_JOIN");
    });

    it("refuses names that show nothing and cuts stacked combining marks, for names and chat alike", async () => {
      expect(await joinOutcome(grove.client, joinOptions({ name: "\u200d\u200d\u200d" }))).toBe("INVALID_JOIN");
      expect(await joinOutcome(grove.client, joinOptions({ name: "\u3164" }))).toBe("INVALID_JOIN");
      const zalgo = `a${"\u0301".repeat(23)}`;
      const a = await joinVenue(grove.client, { name: zalgo });
      expect(a.room.state.members.get(a.room.sessionId)?.name).toBe(`a${"\u0301".repeat(3)}`);
      const echo = nextMessage<ChatEvent>(a.room, "chat");
      a.room.send("chat", { text: `hi ${zalgo}` });
      expect((await echo).text).toBe(`hi a${"\u0301".repeat(3)}`);
      await a.room.leave();
    });

    it("refuses an event that does not exist", async () => {
      expect(await joinOutcome(grove.client, joinOptions({ eventSlug: "no-such-event" }))).toBe("EVENT_NOT_FOUND");
    });
  });

  describe("moving", () => {
    it("walks a member in the held direction and stops when released", async () => {
      const { room } = await joinVenue(grove.client);
      const start = { ...memberOf(room, room.sessionId) };
      room.send("move", { dx: 1, dz: 0 });
      await waitForState(room, (s) => (s.members.get(room.sessionId)?.x ?? 0) > start.x + 50);
      expect(memberOf(room, room.sessionId).moving).toBe(true);
      room.send("move", { dx: 0, dz: 0 });
      await waitForState(room, (s) => s.members.get(room.sessionId)?.moving === false);
      expect(memberOf(room, room.sessionId).z).toBe(start.z);
      await room.leave();
    });

    it("walks to a clicked floor point and others see it arrive", async () => {
      const a = await joinVenue(grove.client);
      const b = await joinVenue(new Client(grove.url));
      a.room.send("walkTo", { x: 6, z: 10 });
      await waitForState(b.room, (s) => {
        const m = s.members.get(a.room.sessionId);
        return !!m && !m.moving && m.x === 600 && m.z === 1000;
      }, 8000);
      await a.room.leave();
      await b.room.leave();
    });
  });

  describe("chat and reactions", () => {
    it("delivers a trimmed chat line to everyone and records it", async () => {
      const a = await joinVenue(grove.client, { name: "Speaker" });
      const b = await joinVenue(new Client(grove.url));
      const arrival = nextMessage<ChatEvent>(b.room, "chat");
      a.room.send("chat", { text: "  你好，大家！\u0007  " });
      const chat = await arrival;
      expect(chat).toMatchObject({ text: "你好，大家！", name: "Speaker", memberId: a.welcome.memberId, sessionId: a.room.sessionId });
      await a.room.leave();
      await b.room.leave();
      // Written after the broadcast (a write never holds the room up): wait for it.
      const logged = async () => {
        const rows = await grove.store.db.selectFrom("interactions").select(["kind", "detail", "member_id"]).where("kind", "=", "chat").execute();
        return rows.some((r) => r.member_id === a.welcome.memberId && JSON.parse(r.detail).text === "你好，大家！");
      };
      await until(logged, "the chat line to be logged");
    });

    it("floats a reaction to everyone", async () => {
      const a = await joinVenue(grove.client);
      const b = await joinVenue(new Client(grove.url));
      const arrival = nextMessage<ReactionEvent>(b.room, "reaction");
      a.room.send("react", { emoji: "🎉" });
      expect(await arrival).toMatchObject({ emoji: "🎉", sessionId: a.room.sessionId });
      await a.room.leave();
      await b.room.leave();
    });
  });

  describe("refusals", () => {
    const cases: Array<[string, string, unknown, string]> = [
      ["a move that is not numbers", "move", { dx: "left", dz: 0 }, "INVALID_MESSAGE"],
      ["a move out of range", "move", { dx: 2, dz: 0 }, "INVALID_MESSAGE"],
      ["a move with extra fields", "move", { dx: 1, dz: 0, x: 5 }, "INVALID_MESSAGE"],
      ["a walk off the floor", "walkTo", { x: VENUE_HALF_SIZE + 1, z: 0 }, "INVALID_MESSAGE"],
      ["a chat that is not text", "chat", { text: 42 }, "INVALID_MESSAGE"],
      ["a chat over 500 characters", "chat", { text: "长".repeat(501) }, "MESSAGE_TOO_LARGE"],
      ["an empty chat", "chat", { text: " \n\t " }, "EMPTY_MESSAGE"],
      ["a chat of only zero-width joiners", "chat", { text: "\u200d\u200d" }, "EMPTY_MESSAGE"],
      ["a chat of only Hangul fillers and combining marks", "chat", { text: "\u3164\u0301\u0301" }, "EMPTY_MESSAGE"],
      ["a reaction outside the set", "react", { emoji: "💩" }, "INVALID_MESSAGE"],
      ["a message type nobody handles", "teleport", { x: 0, z: 0 }, "UNKNOWN_MESSAGE"],
    ];
    for (const [name, type, payload, code] of cases) {
      it(`refuses ${name} with ${code} and changes nothing`, async () => {
        const a = await joinVenue(grove.client);
        const b = await joinVenue(new Client(grove.url));
        const before = { ...memberOf(a.room, a.room.sessionId) };
        const chats = collect<ChatEvent>(b.room, "chat");
        const refusal = nextMessage<ErrorEvent>(a.room, "error");
        a.room.send(type, payload);
        const error = await refusal;
        expect(error.code).toBe(code);
        expect(error.key).toBe(`errors.${code}`);
        // The room keeps running: the same member can still act, and nothing moved or was said.
        const ok = nextMessage<ChatEvent>(b.room, "chat");
        a.room.send("chat", { text: "still here" });
        expect((await ok).text).toBe("still here");
        expect(chats.map((c) => c.text)).toEqual(["still here"]);
        const after = memberOf(a.room, a.room.sessionId);
        expect([after.x, after.z, after.moving]).toEqual([before.x, before.z, false]);
        await a.room.leave();
        await b.room.leave();
      });
    }

    it("refuses chat above one a second sustained, after a burst of three", async () => {
      const a = await joinVenue(grove.client);
      const errors = collect<ErrorEvent>(a.room, "error");
      const chats = collect<ChatEvent>(a.room, "chat");
      for (let i = 0; i < 6; i++) a.room.send("chat", { text: `line ${i}` });
      await until(() => chats.length + errors.length >= 6, "six answers");
      expect(chats.map((c) => c.text)).toEqual(["line 0", "line 1", "line 2"]);
      expect(new Set(chats.map((c) => c.id)).size).toBe(3);
      expect(errors.every((e) => e.code === "RATE_LIMITED" && e.intent === "chat" && (e.retryAfterMs ?? 0) > 0)).toBe(true);
      expect(errors).toHaveLength(3);
      await a.room.leave();
    });

    it("refuses moves above 30 a second", async () => {
      const a = await joinVenue(grove.client);
      const refusal = nextMessage<ErrorEvent>(a.room, "error");
      for (let i = 0; i < 45; i++) a.room.send("move", { dx: i % 2 ? 0.5 : -0.5, dz: 0 });
      const error = await refusal;
      expect(error).toMatchObject({ code: "RATE_LIMITED", intent: "move" });
      await a.room.leave();
    });
  });

  describe("leaving and coming back", () => {
    it("holds a dropped member's place and takes it back on reconnection, without a new join", async () => {
      const a = await joinVenue(grove.client, { name: "Dropper" });
      const watcherClient = new Client(grove.url);
      const watcher = await joinVenue(watcherClient);
      a.room.send("walkTo", { x: -3, z: 8 });
      await waitForState(watcher.room, (s) => s.members.get(a.room.sessionId)?.x === -300 && s.members.get(a.room.sessionId)?.moving === false, 8000);
      const token = a.room.reconnectionToken;
      const sessionId = a.room.sessionId;
      await a.room.leave(false);
      await waitForState(watcher.room, (s) => s.members.get(sessionId)?.online === false);

      const back = await grove.client.reconnect(token);
      expect(back.sessionId).toBe(sessionId);
      await waitForState(watcher.room, (s) => s.members.get(sessionId)?.online === true);
      const member = memberOf(watcher.room, sessionId);
      expect([member.x, member.z, member.memberId]).toEqual([-300, 800, a.welcome.memberId]);
      const joins = await grove.store.db.selectFrom("interactions").select("id").where("member_id", "=", a.welcome.memberId).where("kind", "=", "join").execute();
      expect(joins).toHaveLength(1);
      await back.leave();
      await watcher.room.leave();
    });

    it("removes a member who leaves and records when it left", async () => {
      const a = await joinVenue(grove.client, { name: "Leaver" });
      const b = await joinVenue(new Client(grove.url));
      await waitForState(b.room, (s) => s.members.has(a.room.sessionId));
      await a.room.leave();
      await waitForState(b.room, (s) => !s.members.has(a.room.sessionId));
      await b.room.leave();
      await until(async () => {
        const rows = await grove.store.listPresence((await grove.store.db.selectFrom("presence").select("session_id").where("member_id", "=", a.welcome.memberId).executeTakeFirstOrThrow()).session_id);
        const mine = rows.filter((r) => r.memberId === a.welcome.memberId);
        return mine.length === 1 && mine[0]!.leftAt !== null && mine[0]!.leftAt >= mine[0]!.joinedAt;
      }, "the presence record to close");
    });
  });

  describe("http", () => {
    it("answers /healthz with the version and the database's state", async () => {
      const res = await fetch(`${grove.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, protocolVersion: PROTOCOL_VERSION, database: { ok: true, dialect: _dialect } });
    });

    it("lists events, live while someone is in them", async () => {
      await grove.store.ensureEvent({ slug: "quiet-salon", title: "Quiet salon", now: Date.now() });
      type Listing = { events: Array<{ slug: string; title: string; live: boolean; online: number }> };
      const listing = async () => ((await (await fetch(`${grove.url}/api/events`)).json()) as Listing).events.find((e) => e.slug === "quiet-salon");
      expect(await listing()).toEqual({ slug: "quiet-salon", title: "Quiet salon", description: "", live: false, online: 0, startsAt: null, endsAt: null });
      const a = await joinVenue(grove.client, { eventSlug: "quiet-salon" });
      expect(await listing()).toMatchObject({ live: true, online: 1 });
      await a.room.leave();
    });
  });

  describe("floods", () => {
    it("cuts off a flood of garbage before parsing and says so once, then serves the member again", async () => {
      const a = await joinVenue(grove.client);
      const errors = collect<ErrorEvent>(a.room, "error");
      const count = (code: string) => errors.filter((e) => e.code === code).length;
      // With time stopped the bucket cannot refill: exactly its burst is answered, then one refusal, then silence.
      clock.freeze();
      for (let i = 0; i < 150; i++) a.room.send("teleport", { i });
      await until(() => count("UNKNOWN_MESSAGE") === ANY_MESSAGE_RATE.capacity && count("RATE_LIMITED") === 1, "the burst's answers and one refusal");
      expect(errors.find((e) => e.code === "RATE_LIMITED")).toMatchObject({ intent: "any" });
      // Once the budget refills the member is served as before, and the rest of the flood was never answered.
      clock.advance(2000);
      const echo = nextMessage<ChatEvent>(a.room, "chat");
      a.room.send("chat", { text: "calm again" });
      expect((await echo).text).toBe("calm again");
      expect(count("UNKNOWN_MESSAGE") + count("RATE_LIMITED")).toBe(ANY_MESSAGE_RATE.capacity + 1);
      await a.room.leave();
    });
  });
});
