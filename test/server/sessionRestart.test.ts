import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { Store } from "../../server/store/index.js";
import type { WelcomeEvent } from "../../shared/protocol/index.js";
import { joinVenue, until, waitForState, type VenueRoom } from "../helpers/grove.js";
import { freePort, startGroveProcess, type GroveProcess } from "../helpers/groveProcess.js";

// Grove as `npm start` runs it (compiled, plain node), killed with SIGKILL mid-session and started again on the
// same database: the members who come back land in the same session, the announcement is still up, and the
// log holds every interaction exactly once.
const dir = mkdtempSync(join(tmpdir(), "grove-session-restart-"));
const sqlitePath = join(dir, "grove.sqlite");
const OPERATOR_TOKEN = "operator-token-for-the-restart-test";
const env = { GROVE_ADMIN_TOKEN: OPERATOR_TOKEN, GROVE_SECRET: "a-signing-secret-for-the-restart-test" };
let server: GroveProcess | null = null;

afterAll(async () => {
  await server?.stop("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

async function hostToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/admin/events/demo/host-link`, { method: "POST", headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  expect(response.status).toBe(200);
  const { hostLink } = (await response.json()) as { hostLink: string };
  return new URL(hostLink, url).searchParams.get("host") ?? "";
}

describe("a killed server started again on the same database", () => {
  it("resumes the session: members come back into it, the announcement is as it was, nothing is lost or doubled", async () => {
    const port = await freePort();
    server = await startGroveProcess({ port, sqlitePath, env });
    const client = new Client(server.url);
    const host = await joinVenue(client, { name: "Host", hostToken: await hostToken(server.url) });
    const members = [await joinVenue(client, { name: "Ann" }), await joinVenue(client, { name: "Bo" })];
    const everyone = [host, ...members];
    const sessionId = (host.welcome as unknown as WelcomeEvent).liveSessionId;
    host.room.send("postAnnouncement", { text: "Break: back at 3pm" });
    for (const { room } of everyone) await waitForState(room, (s) => s.session.announcement?.text === "Break: back at 3pm");
    members[0]!.room.send("chat", { text: "see you soon" });
    await waitForState(host.room, () => true);
    // The chat is logged before the kill: wait for it in the database the next process will read.
    const probe = await Store.open({ sqlitePath });
    await until(async () => (await probe.listInteractions(sessionId)).some((i) => i.kind === "chat"), "the chat to be logged");
    await probe.close();

    const dropped = everyone.map(({ room }) => new Promise<number>((resolve) => room.onLeave((code) => resolve(code))));
    expect(await server.stop("SIGKILL")).toBeNull();
    await Promise.all(dropped);
    server = await startGroveProcess({ port, sqlitePath, env });

    // Each page comes back as the member it was (the browser keeps id + secret): the same session, the same banner.
    const back: VenueRoom[] = [];
    for (const { welcome } of everyone) {
      const again = await joinVenue(new Client(server.url), { name: welcome.memberId === host.welcome.memberId ? "Host" : "Again", memberId: welcome.memberId, secret: welcome.secret });
      expect((again.welcome as unknown as WelcomeEvent).liveSessionId).toBe(sessionId);
      expect(again.room.state.session.id).toBe(sessionId);
      expect(again.room.state.session.announcement?.text).toBe("Break: back at 3pm");
      back.push(again.room);
    }
    await waitForState(back[0]!, (s) => s.session.online === 3);
    await Promise.all(back.map((room) => room.leave()));
    await server.stop("SIGTERM");
    server = null;

    const store = await Store.open({ sqlitePath });
    try {
      const log = await store.listInteractions(sessionId);
      const count = (kind: string, reason?: string) => log.filter((i) => i.kind === kind && (reason === undefined || (i.kind === "leave" && i.detail.reason === reason))).length;
      // 3 joins before the kill and 3 after; the kill's leaves recorded once at the last activity (reason
      // "restart"), and the final leaves once each; one announcement, one chat.
      expect({
        join: count("join"),
        restartLeaves: count("leave", "restart"),
        leaves: count("leave"),
        announcementPosted: count("announcementPosted"),
        chat: count("chat"),
      }).toEqual({ join: 6, restartLeaves: 3, leaves: 6, announcementPosted: 1, chat: 1 });
      expect(log.filter((i) => i.seq !== null).map((i) => i.seq)).toEqual([1]);
      expect(await store.listSessions((await store.getEventBySlug("demo"))!.id)).toHaveLength(1);
      const presence = await store.listPresence(sessionId);
      expect(presence).toHaveLength(6);
      expect(presence.every((p) => p.leftAt !== null)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
