import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { startGrove } from "../../server/app.js";
import type { ErrorEvent, WelcomeEvent } from "../../shared/protocol/index.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";
import { GENEROUS_JOIN_LIMITS, collect, joinVenue, nextMessage, startTestGrove, until, waitForState, type TestGrove, type VenueRoom } from "../helpers/grove.js";

/**
 * One live session across instances: an event with capacity 2 overflows into a second instance of the same
 * session, and session-wide features (announcements, head-counts) reach every instance.
 */
describe.each(databaseTargets("grove_live_session_test"))("live sessions on %s", (_dialect, database) => {
  let target: DatabaseTarget;
  let grove: TestGrove;
  let eventId = "";
  const rooms: VenueRoom[] = [];

  async function enter(name: string, extra: { hostToken?: string } = {}) {
    const joined = await joinVenue(grove.client, { eventSlug: "small", name, ...extra });
    rooms.push(joined.room);
    return { room: joined.room, welcome: joined.welcome as unknown as WelcomeEvent };
  }

  beforeAll(async () => {
    target = await database();
    grove = await startTestGrove(target.url ? { databaseUrl: target.url } : {});
    eventId = (await grove.store.ensureEvent({ slug: "small", title: "Small salon", capacity: 2, now: Date.now() })).id;
  });

  afterEach(async () => {
    await Promise.all(rooms.splice(0).filter((room) => room.connection.isOpen).map((room) => room.leave().catch(() => undefined)));
    await until(async () => (await grove.store.listSessions(eventId)).every((s) => s.endedAt !== null), "the session to close");
  });

  afterAll(async () => {
    await grove?.dispose();
    await target?.cleanup();
  });

  describe("an event past its capacity", () => {
    it("seats the third member in a second instance of the same session, and every instance counts all three", async () => {
      const host = await enter("Host", { hostToken: grove.hostTokens.issue(eventId).token });
      const second = await enter("Bo");
      const third = await enter("Cy");
      expect(third.room.roomId).not.toBe(host.room.roomId);
      expect(second.room.roomId).toBe(host.room.roomId);
      // One session record, the same id in every welcome and in every instance's state.
      const sessions = await grove.store.listSessions(eventId);
      expect(sessions).toHaveLength(1);
      expect(new Set([host.welcome.liveSessionId, second.welcome.liveSessionId, third.welcome.liveSessionId])).toEqual(new Set([sessions[0]?.id]));
      for (const { room } of [host, second, third]) {
        const state = await waitForState(room, (s) => s.session.online === 3 && s.session.instances.size === 2);
        expect(state.session.id).toBe(sessions[0]?.id);
        expect(state.session.instances.get(host.room.roomId)?.toJSON()).toEqual({ number: 1, online: 2 });
        expect(state.session.instances.get(third.room.roomId)?.toJSON()).toEqual({ number: 2, online: 1 });
      }
      // The presence of all three is in the one session.
      await until(async () => (await grove.store.listPresence(sessions[0]!.id)).length === 3, "three presence rows");
      // The event list shows the event once, live, with everyone in it.
      const { events } = (await (await fetch(`${grove.url}/api/events`)).json()) as { events: Array<{ slug: string; online: number; live: boolean }> };
      expect(events.filter((e) => e.slug === "small")).toEqual([expect.objectContaining({ slug: "small", online: 3, live: true })]);
    });
  });

  describe("announcements", () => {
    it("reach every member of every instance at once, and a late joiner finds the current one", async () => {
      const host = await enter("Host", { hostToken: grove.hostTokens.issue(eventId).token });
      expect(host.welcome).toMatchObject({ role: "host", hostLink: "accepted" });
      const member = await enter("Bo");
      const overflow = await enter("Cy");
      expect(overflow.room.roomId).not.toBe(host.room.roomId);

      host.room.send("postAnnouncement", { text: "  Doors close in 5 minutes\n please find a seat " });
      for (const { room } of [host, member, overflow]) {
        const state = await waitForState(room, (s) => s.session.announcement?.text === "Doors close in 5 minutes please find a seat");
        expect(state.session.announcement?.postedByName).toBe("Host");
      }
      const posted = overflow.room.state.session.announcement!;

      // Bo leaves; the late joiner lands in the first instance and sees the same announcement on arrival.
      await member.room.leave();
      const late = await enter("Dee");
      expect(late.room.state.session.announcement?.toJSON()).toEqual(posted.toJSON());

      // Logged once, as a session command with its sequence number.
      const log = await grove.store.listInteractions(host.welcome.liveSessionId);
      expect(log.filter((i) => i.kind === "announcementPosted")).toMatchObject([
        { memberId: host.welcome.memberId, seq: 1, detail: { text: "Doors close in 5 minutes please find a seat", name: "Host" } },
      ]);

      host.room.send("clearAnnouncement", {});
      for (const { room } of [host, overflow, late]) await waitForState(room, (s) => s.session.announcement === undefined);
      host.room.send("clearAnnouncement", {});
      expect(await nextMessage<ErrorEvent>(host.room, "error")).toMatchObject({ code: "NOTHING_TO_CHANGE" });
      expect((await grove.store.listSessionCommands(host.welcome.liveSessionId)).map((c) => c.kind)).toEqual(["announcementPosted", "announcementCleared"]);
    });

    it("refuses a member in the second instance who came with a forged host token: FORBIDDEN, and nothing changes", async () => {
      const host = await enter("Host", { hostToken: grove.hostTokens.issue(eventId).token });
      host.room.send("postAnnouncement", { text: "Welcome" });
      await waitForState(host.room, (s) => s.session.announcement?.text === "Welcome");
      await enter("Bo");
      const genuine = grove.hostTokens.issue(eventId).token;
      const forged = `${genuine.slice(0, -2)}${genuine.endsWith("AA") ? "BB" : "AA"}`;
      const intruder = await enter("Mallory", { hostToken: forged });
      expect(intruder.room.roomId).not.toBe(host.room.roomId);
      expect(intruder.welcome).toMatchObject({ role: "member", hostLink: "invalid" });
      expect(intruder.room.state.members.get(intruder.room.sessionId)?.role).toBe("member");
      expect(host.room.state.members.get(host.room.sessionId)?.role).toBe("host");

      const errors = collect<ErrorEvent>(intruder.room, "error");
      intruder.room.send("postAnnouncement", { text: "Free prizes at evil.example" });
      intruder.room.send("clearAnnouncement", {});
      await until(() => errors.length === 2, "two refusals");
      expect(errors.map((e) => [e.code, e.intent])).toEqual([["FORBIDDEN", "postAnnouncement"], ["FORBIDDEN", "clearAnnouncement"]]);
      expect(intruder.room.state.session.announcement?.text).toBe("Welcome");
      expect((await grove.store.listSessionCommands(host.welcome.liveSessionId)).map((c) => c.kind)).toEqual(["announcementPosted"]);
    });

    it("gives member rights, and says why, for a token of another event or one that has expired", async () => {
      const demo = await grove.store.getEventBySlug("demo");
      const other = await enter("Other", { hostToken: grove.hostTokens.issue(demo!.id).token });
      expect(other.welcome).toMatchObject({ role: "member", hostLink: "otherEvent" });
      const expired = grove.hostTokens.issue(eventId, 1).token;
      await new Promise((resolve) => setTimeout(resolve, 5));
      const late = await enter("Late", { hostToken: expired });
      expect(late.welcome).toMatchObject({ role: "member", hostLink: "expired" });
      const plain = await enter("Plain");
      expect(plain.welcome.role).toBe("member");
      expect(plain.welcome.hostLink).toBeUndefined();
    });

    it("refuses a blank announcement, and one over the limit, without logging anything", async () => {
      const host = await enter("Host", { hostToken: grove.hostTokens.issue(eventId).token });
      const errors = collect<ErrorEvent>(host.room, "error");
      host.room.send("postAnnouncement", { text: " \u200b\u3164 " });
      host.room.send("postAnnouncement", { text: "x".repeat(281) });
      host.room.send("postAnnouncement", { text: 42 });
      await until(() => errors.length === 3, "three refusals");
      expect(errors.map((e) => e.code)).toEqual(["EMPTY_MESSAGE", "MESSAGE_TOO_LARGE", "INVALID_MESSAGE"]);
      expect(await grove.store.listSessionCommands(host.welcome.liveSessionId)).toEqual([]);
    });
  });

  describe("a session and its instances", () => {
    it("ends when its last member leaves, and the next member starts a new one", async () => {
      const first = await enter("Ann");
      const sessionId = first.welcome.liveSessionId;
      await first.room.leave();
      rooms.splice(0);
      await until(async () => (await grove.store.getSession(sessionId))?.endedAt !== null, "the session to end");
      const next = await enter("Ben");
      expect(next.welcome.liveSessionId).not.toBe(sessionId);
    });
  });

  describe("a restart", () => {
    it("resumes the open session with its announcement: a member coming back lands in the same session", async () => {
      const dir = mkdtempSync(join(tmpdir(), "grove-resume-"));
      const sqlitePath = join(dir, "grove.sqlite");
      // On PostgreSQL this shares the suite's database with the suite's server, which has no session open by now.
      const options = { port: 0, sqlitePath, ...(target.url ? { databaseUrl: target.url } : {}), quiet: true, joinLimits: GENEROUS_JOIN_LIMITS, operatorToken: "t".repeat(32), secret: "s".repeat(32) };
      try {
        const before = await startGrove(options);
        const event = await before.store.getEventBySlug("demo");
        const client = new Client(before.url);
        const host = await joinVenue(client, { name: "Host", hostToken: before.hostTokens.issue(event!.id).token });
        host.room.send("postAnnouncement", { text: "We will be right back" });
        await waitForState(host.room, (s) => s.session.announcement !== undefined);
        const sessionId = (host.welcome as unknown as WelcomeEvent).liveSessionId;
        await before.stop();

        const after = await startGrove(options);
        try {
          const back = await joinVenue(new Client(after.url), { name: "Host", memberId: host.welcome.memberId, secret: host.welcome.secret });
          expect((back.welcome as unknown as WelcomeEvent).liveSessionId).toBe(sessionId);
          expect(back.room.state.session.announcement?.text).toBe("We will be right back");
          // The stop recorded the host's leave as a restart; the return is a new join in the same session.
          // The join is written after the welcome (writes never hold a member up): wait for it.
          await until(async () => (await after.store.listInteractions(sessionId)).length === 4, "the second join to be logged");
          const log = await after.store.listInteractions(sessionId);
          expect(log.map((i) => [i.kind, i.kind === "leave" ? i.detail.reason : undefined])).toEqual([
            ["join", undefined],
            ["announcementPosted", undefined],
            ["leave", "restart"],
            ["join", undefined],
          ]);
          await back.room.leave();
        } finally {
          await after.stop();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
