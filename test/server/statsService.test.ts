import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LIVE_VIEW_MAX_AGE_MS, LIVE_VIEW_STALE_MAX_MS, createStatsService } from "../../server/stats/StatsService.js";
import type { Stats } from "../../server/stats/service.js";
import { Store, type InteractionInput } from "../../server/store/index.js";
import { STATS_VERSION, type HealthAlert, type SessionReport } from "../../shared/rules/stats/types.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";

const LOOK = { color: "#e4572e", shape: "round", accessory: "hat" } as const;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Monday 2 November 2026, 18:00 UTC: the first session's start. */
const T0 = Date.UTC(2026, 10, 2, 18, 0);
/** The second session starts a day later. */
const D = T0 + DAY;

/** A real local HTTP server that records what is POSTed to it and answers with `status`. */
async function recordingServer(status: () => number): Promise<{ url: string; bodies: unknown[]; server: Server }> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown);
      res.statusCode = status();
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

/**
 * The statistics service over a real store on every database Grove supports (docs/statistics.md): a session written
 * through the store's own methods (presence with a restart in the middle and a second instance, rows of several
 * kinds), its live figures growing as rows are appended, its rollup stored at close, reused, and made again when its
 * version is older; community and health across the event's sessions; the webhook delivered once to a real local
 * server, and a failing webhook logged and harmless.
 */
describe.each(databaseTargets("grove_stats_service_test"))("the statistics service on %s", (_dialect, database) => {
  let target: DatabaseTarget;
  let store: Store;
  let stats: Stats;
  let dir = "";
  let clock = T0;
  const logged: string[] = [];
  const ids: Record<string, string> = {};
  let s1 = "";
  let s2 = "";
  let hook: Awaited<ReturnType<typeof recordingServer>>;
  let failing: Awaited<ReturnType<typeof recordingServer>>;
  let seq = 0;

  const row = (input: Omit<InteractionInput, "sessionId"> & { sessionId?: string }) => store.appendInteraction({ sessionId: s2, ...input } as InteractionInput);
  const command = (memberId: string, at: number, entry: Pick<InteractionInput, "kind" | "detail">) => row({ memberId, at, seq: ++seq, ...entry } as InteractionInput);

  beforeAll(async () => {
    target = await database();
    dir = mkdtempSync(join(tmpdir(), "grove-stats-service-"));
    store = await Store.open(target.url ? { databaseUrl: target.url } : { sqlitePath: join(dir, "grove.sqlite") });
    // Every call sees every row at once (no live view reused, none made in the background): the figures below are exact.
    stats = createStatsService({ store, now: () => clock, log: (message) => logged.push(message), publicUrl: () => "https://grove.example.org/", liveMaxAgeMs: 0, liveInBackground: false });
    store.onSessionClosed((sessionId) => stats.sessionClosed(sessionId));
    hook = await recordingServer(() => 200);
    failing = await recordingServer(() => 500);
    await store.ensureEvent({ slug: "garden", title: "Garden 花园", now: 0 });
    for (const name of ["ann", "bo", "cy"]) ids[name] = (await store.createMember({ name: `Name ${name}`, look: LOOK, now: 0 })).id;

    // Session 1: ann alone for 20 minutes, one chat line.
    const garden = (await store.getEventBySlug("garden"))!;
    s1 = (await store.openOrResumeSession(garden.id, T0)).id;
    const p = await store.recordJoin(s1, ids.ann!, T0);
    await store.appendInteraction({ sessionId: s1, memberId: ids.ann!, at: T0 + MINUTE, kind: "chat", detail: { text: "hello", id: "l1", name: "Name ann", instance: 1 } });
    await store.recordLeave(p, T0 + 20 * MINUTE);
    clock = T0 + 30 * MINUTE;
    await store.closeSession(s1, clock);
    await store.settled();
  });

  afterAll(async () => {
    await store?.close();
    await target?.cleanup();
    hook?.server.close();
    failing?.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("rolls up a session when it closes, and stores it under the current version", async () => {
    const stored = await store.getRollup(s1);
    expect(stored?.version).toBe(STATS_VERSION);
    const report = stored?.report as SessionReport;
    expect(report.attendance).toEqual({ members: 1, newMembers: 1, returningMembers: 0 });
    expect(report.dwell.meanMs).toBe(20 * MINUTE);
    expect(report.chat.lines).toBe(1);
  });

  it("folds a live session forward as rows are appended, with presence read afresh", async () => {
    const garden = (await store.getEventBySlug("garden"))!;
    s2 = (await store.openOrResumeSession(garden.id, D)).id;
    const annFirst = await store.recordJoin(s2, ids.ann!, D);
    await row({ memberId: ids.ann!, at: D, kind: "join", detail: {} });
    await store.recordJoin(s2, ids.cy!, D + MINUTE);
    // cy opens a second instance a minute later: the overlapping stays count once.
    await store.recordJoin(s2, ids.cy!, D + 2 * MINUTE);
    await row({ memberId: ids.ann!, at: D + MINUTE, kind: "chat", detail: { text: "great talk", id: "l2", name: "Name ann", instance: 1 } });
    await command(ids.cy!, D + 3 * MINUTE, { kind: "questionAsked", detail: { text: "Why trees?", name: "Name cy", anonymous: false } });
    await row({ memberId: ids.cy!, at: D + 4 * MINUTE, kind: "reaction", detail: { emoji: "👏" } });
    // A restart in the middle: ann's stay ends at D+10, she comes back at D+12.
    await store.recordLeave(annFirst, D + 10 * MINUTE);
    await row({ memberId: ids.ann!, at: D + 10 * MINUTE, kind: "leave", detail: { reason: "restart" } });
    await store.recordJoin(s2, ids.ann!, D + 12 * MINUTE);

    clock = D + 4 * MINUTE + 30_000;
    const early = await stats.session(s2);
    expect(early?.live).toBe(true);
    expect(early?.report.interactions.total).toBe(3);
    // Presence is read as it is now: bo has not come yet.
    expect(early?.report.attendance.members).toBe(2);

    const bo = await store.recordJoin(s2, ids.bo!, D + 5 * MINUTE);
    await command(ids.ann!, D + 5 * MINUTE, { kind: "questionModerated", detail: { questionId: "q1", action: "answer" } });
    await row({ memberId: ids.bo!, at: D + 6 * MINUTE, kind: "chat", detail: { text: "hi all", id: "l3", name: "Name bo", instance: 1 } });
    await store.recordLeave(bo, D + 8 * MINUTE);
    clock = D + 20 * MINUTE;
    // Two operators polling at once share one computation and see the same figures.
    const [later, again] = await Promise.all([stats.session(s2), stats.session(s2)]);
    expect(later?.report.interactions.total).toBe(5);
    expect(again?.report.interactions.total).toBe(5);
    expect(later?.report.attendance).toEqual({ members: 3, newMembers: 2, returningMembers: 1 });
    expect(later?.report.questions).toMatchObject({ asked: 1, answered: 1, answerRate: 1 });
    expect(later?.report.concurrency.peak).toBe(3);
    expect(await store.getRollup(s2)).toBeUndefined();
  });

  it("stores the closed session's rollup, counting its collectibles, and sends the health alert once", async () => {
    await stats.saveSettings("garden", { webhookUrl: hook.url, thresholds: { earlyLeaverShare: { when: "above", value: 0.2, notify: true } } });
    await store.insertCollectible({ id: "col-s2", memberId: ids.ann!, sessionId: s2, eventId: (await store.getEventBySlug("garden"))!.id, rule: "topQuestion", record: "{}", signature: "c2ln", mintedAt: D + 60 * MINUTE });
    clock = D + 60 * MINUTE;
    await store.closeSession(s2, clock);
    await store.settled();

    const stored = await store.getRollup(s2);
    expect(stored?.version).toBe(STATS_VERSION);
    const report = stored?.report as SessionReport;
    // ann 10 + 48 minutes (back at D+12 until the close at D+60), bo 3, cy 59 (two instances merged, open until the close).
    expect(report.dwell.meanMs).toBe(((58 + 3 + 59) * MINUTE) / 3);
    expect(report.dwell.medianMs).toBe(58 * MINUTE);
    expect(report.dwell.earlyLeavers).toBe(1);
    expect(report.chat).toMatchObject({ lines: 2, chatters: 2 });
    expect(report.growth.collectibles).toBe(1);
    expect(report.endedAt).toBe(D + 60 * MINUTE);

    expect(hook.bodies).toHaveLength(1);
    const alert = hook.bodies[0] as HealthAlert;
    expect(alert.type).toBe("grove.health");
    expect(alert.event).toEqual({ slug: "garden", title: "Garden 花园" });
    expect(alert.session).toEqual({ id: s2, startedAt: D, endedAt: D + 60 * MINUTE });
    expect(alert.breached).toEqual([{ id: "earlyLeaverShare", value: 1 / 3, threshold: { when: "above", value: 0.2, notify: true } }]);
    expect(alert.url).toBe(`https://grove.example.org/admin/stats/garden/session/${s2}`);

    // Closing again (another process, a repeated hook) sends nothing more.
    await Promise.all([stats.sessionClosed(s2), stats.sessionClosed(s2)]);
    expect(hook.bodies).toHaveLength(1);
  });

  it("reuses a stored rollup of the current version and makes again one of an older version", async () => {
    const stored = await store.getRollup(s2);
    const report = stored!.report as SessionReport;
    // A later rollup (another process, a hand edit) is a new stored one: the process's parsed copy gives way to it.
    clock += 1;
    await store.putRollup(s2, { version: STATS_VERSION, report: { ...report, attendance: { ...report.attendance, members: 99 } }, members: stored!.members }, clock);
    expect((await stats.session(s2))?.report.attendance.members).toBe(99);
    clock += 1;
    await store.putRollup(s2, { version: STATS_VERSION - 1, report: { ...report, attendance: { ...report.attendance, members: 99 } }, members: stored!.members }, clock);
    const fresh = await stats.session(s2);
    expect(fresh?.live).toBe(false);
    expect(fresh?.report.attendance.members).toBe(3);
    expect((await store.getRollup(s2))?.version).toBe(STATS_VERSION);
    expect((await stats.sessionMembers(s2))?.members.map((member) => member.name).sort()).toEqual(["Name ann", "Name bo", "Name cy"]);
  });

  it("reads a session's health against the event's earlier sessions", async () => {
    const body = await stats.session(s2);
    const returning = body?.health.find((reading) => reading.id === "returningMemberShare");
    expect(returning).toMatchObject({ value: 1 / 3, previousMean: 0, delta: 1 / 3 });
    const chat = body?.health.find((reading) => reading.id === "chatPerMember");
    // Session 1: one line by one member; session 2: two lines by three members.
    expect(chat).toMatchObject({ value: 2 / 3, previousMean: 1 });
    const history = await stats.health("garden");
    expect(history?.sessions.map((session) => session.sessionId)).toEqual([s1, s2]);
    expect(history?.sessions[1]?.values.chatPerMember).toBe(2 / 3);
    expect(history?.readings.find((reading) => reading.id === "earlyLeaverShare")?.breached).toBe(true);
    expect(history?.settings.webhookUrl).toBe(hook.url);
    expect(await stats.health("nowhere")).toBeUndefined();
  });

  it("lists the event's sessions newest first with their headline figures", async () => {
    const list = await stats.eventSessions("garden");
    expect(list?.event).toEqual({ slug: "garden", title: "Garden 花园" });
    expect(list?.sessions.map((session) => [session.sessionId, session.members, session.peak, session.interactions, session.live])).toEqual([
      [s2, 3, 3, 5, false],
      [s1, 1, 1, 1, false],
    ]);
    // Session 2 is past the early leavers' threshold (1/3 > 0.2).
    expect(list?.sessions[0]?.breached).toBeGreaterThanOrEqual(1);
    expect(await stats.eventSessions("nowhere")).toBeUndefined();
  });

  it("reports across the event's sessions and the community's", async () => {
    clock = T0 + 40 * DAY;
    const community = await stats.community("garden");
    expect(community?.scope).toEqual({ slug: "garden", title: "Garden 花园" });
    expect(community?.report.sessions.map((session) => [session.sessionId, session.members, session.newMembers])).toEqual([
      [s1, 1, 1],
      [s2, 3, 2],
    ]);
    // Four attendances whose 7-day window has passed; ann's of session 1 is followed by hers a day later.
    expect(community?.report.returning).toMatchObject({ d7: 0.25, eligible7: 4 });
    expect(community?.report.cohorts[0]).toMatchObject({ sessionId: s1, size: 1 });
    const all = await stats.community(null);
    expect(all?.scope).toBeNull();
    expect(all?.report.sessions).toHaveLength(2);
    expect(await stats.community("nowhere")).toBeUndefined();
  });

  it("keeps settings, changing only the thresholds given", async () => {
    const saved = await stats.saveSettings("garden", { thresholds: { speakers: { when: "below", value: 2, notify: true } } });
    expect(saved?.thresholds.speakers).toEqual({ when: "below", value: 2, notify: true });
    expect(saved?.thresholds.earlyLeaverShare).toEqual({ when: "above", value: 0.2, notify: true });
    expect(saved?.webhookUrl).toBe(hook.url);
    expect((await stats.settings("garden"))?.thresholds.speakers.value).toBe(2);
    expect(await stats.saveSettings("nowhere", {})).toBeUndefined();
  });

  it("sends a test alert to the webhook, and says when there is none", async () => {
    const before = hook.bodies.length;
    expect(await stats.testWebhook("garden")).toEqual({ delivered: true, status: 200 });
    expect(hook.bodies).toHaveLength(before + 1);
    expect((hook.bodies[before] as HealthAlert).type).toBe("grove.health");
    await stats.saveSettings("garden", { webhookUrl: failing.url });
    expect(await stats.testWebhook("garden")).toEqual({ delivered: false, status: 500 });
    // A redirect is an answer, not a delivery: it is not followed to where it points.
    const redirecting = createServer((_req, res) => {
      res.writeHead(302, { location: hook.url });
      res.end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
    try {
      const beforeRedirect = hook.bodies.length;
      await stats.saveSettings("garden", { webhookUrl: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/hook` });
      expect(await stats.testWebhook("garden")).toEqual({ delivered: false, status: 302 });
      expect(hook.bodies).toHaveLength(beforeRedirect);
    } finally {
      redirecting.close();
    }
    await stats.saveSettings("garden", { webhookUrl: "" });
    expect(await stats.testWebhook("garden")).toBe("noWebhook");
    expect(await stats.testWebhook("nowhere")).toBeUndefined();
  });

  it("logs a failing webhook and still stores the rollup", async () => {
    await stats.saveSettings("garden", { webhookUrl: failing.url });
    const garden = (await store.getEventBySlug("garden"))!;
    clock = T0 + 41 * DAY;
    const s3 = (await store.openOrResumeSession(garden.id, clock)).id;
    // One member who stays a minute: an early leaver share of 1, past the threshold.
    await store.recordJoin(s3, ids.bo!, clock);
    clock += MINUTE;
    const before = failing.bodies.length;
    logged.length = 0;
    await store.closeSession(s3, clock);
    await store.settled();
    expect(failing.bodies).toHaveLength(before + 1);
    expect(logged.some((message) => message.includes(s3) && message.includes("500"))).toBe(true);
    expect((await store.getRollup(s3))?.version).toBe(STATS_VERSION);
    // An unreachable webhook is logged too, and never thrown.
    await stats.saveSettings("garden", { webhookUrl: "http://127.0.0.1:1/closed" });
    await store.db.deleteFrom("health_alerts").where("session_id", "=", s3).execute();
    logged.length = 0;
    await expect(stats.sessionClosed(s3)).resolves.toBeUndefined();
    expect(logged.some((message) => message.includes(s3))).toBe(true);
    await expect(stats.sessionClosed("no-such-session")).resolves.toBeUndefined();
  });

  it("serves a live view for a few seconds, then the last one while the next is made, and waits once it is old", async () => {
    // The default service: a poll inside LIVE_VIEW_MAX_AGE_MS reuses the view; an older one is served while the next is made.
    const polled = createStatsService({ store, now: () => clock, log: (message) => logged.push(message), publicUrl: () => "https://grove.example.org/" });
    const orchard = await store.ensureEvent({ slug: "orchard", title: "Orchard", now: clock });
    const session = (await store.openOrResumeSession(orchard.id, clock)).id;
    await store.recordJoin(session, ids.ann!, clock);
    const chat = (n: number) =>
      store.appendInteraction({ sessionId: session, memberId: ids.ann!, at: clock, kind: "chat", detail: { text: `line ${n}`, id: `o${n}`, name: "Name ann", instance: 1 } });
    await chat(1);
    expect((await polled.session(session))?.report.chat.lines).toBe(1);
    await chat(2);
    clock += LIVE_VIEW_MAX_AGE_MS - 1;
    expect((await polled.session(session))?.report.chat.lines).toBe(1);
    clock += 1;
    // Old enough: this poll still gets the last view, and the next view is being made meanwhile.
    expect((await polled.session(session))?.report.chat.lines).toBe(1);
    await vi.waitFor(async () => expect((await polled.session(session))?.report.chat.lines).toBe(2));
    await chat(3);
    clock += LIVE_VIEW_STALE_MAX_MS;
    // A view this old is not served: the poll waits for every row.
    expect((await polled.session(session))?.report.chat.lines).toBe(3);
    expect((await polled.sessionMembers(session))?.members.map((member) => member.memberId)).toEqual([ids.ann]);
  });

  it("catches up on ended sessions whose rollup is missing or of an older version, and stops when told", async () => {
    const stored = await store.getRollup(s1);
    await store.putRollup(s1, { version: STATS_VERSION - 1, report: stored!.report, members: stored!.members }, clock);
    expect(await stats.catchUp(() => true)).toBe(0);
    expect((await store.getRollup(s1))?.version).toBe(STATS_VERSION - 1);
    // Only s1 needs one: the other ended sessions' rollups are current, and live sessions are left to their views.
    expect(await stats.catchUp(() => false)).toBe(1);
    expect((await store.getRollup(s1))?.version).toBe(STATS_VERSION);
    expect(await stats.catchUp(() => false)).toBe(0);
  });

  it("answers undefined for unknown sessions", async () => {
    expect(await stats.session("no-such-session")).toBeUndefined();
    expect(await stats.sessionMembers("no-such-session")).toBeUndefined();
  });
});
