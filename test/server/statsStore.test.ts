import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../server/store/index.js";
import type { Hunt } from "../../shared/rules/hunt/types.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";

const LOOK = { color: "#e4572e", shape: "round", accessory: "hat" } as const;

function huntFor(eventId: string): Hunt {
  return {
    id: "h-stats",
    eventId,
    title: "Lanterns",
    order: "free",
    startsAt: null,
    endsAt: null,
    teams: [],
    clues: [
      { id: "c1", name: "Gate", hint: "", riddle: null, points: 5, where: { kind: "scene", x: 1, z: 1 }, blindBox: null, tokenVersion: 1 },
      { id: "c2", name: "Tea", hint: "", riddle: null, points: 5, where: { kind: "real", place: "Tea house", district: "", address: "" }, blindBox: null, tokenVersion: 1 },
    ],
    partners: [{ id: "p1", name: "Tea house", staffVersion: 1 }],
    seed: "ab12",
  };
}

/**
 * The statistics' store (docs/statistics.md, "Storage and speed") on every database Grove supports: migration 010's
 * tables, returning members in one query, a session's growth counts and hunt rows, rollups and settings kept and
 * replaced, an alert claimed once under racing calls, and sessions with their rollups for the community pages.
 */
describe.each(databaseTargets("grove_stats_store_test"))("the statistics' store on %s", (_dialect, database) => {
  let target: DatabaseTarget;
  let store: Store;
  let dir = "";
  let eventId = "";
  let otherEventId = "";
  const members: Record<string, string> = {};
  const sessions: Record<string, string> = {};

  beforeAll(async () => {
    target = await database();
    dir = mkdtempSync(join(tmpdir(), "grove-stats-store-"));
    store = await Store.open(target.url ? { databaseUrl: target.url } : { sqlitePath: join(dir, "grove.sqlite") });
    eventId = (await store.ensureEvent({ slug: "lanterns", title: "Lanterns", now: 0 })).id;
    otherEventId = (await store.ensureEvent({ slug: "tea", title: "Tea", now: 0 })).id;
    for (const name of ["ann", "bo", "cy", "di"]) members[name] = (await store.createMember({ name: `Name ${name}`, look: LOOK, now: 0 })).id;
    // Sessions: tea@1000 (ann), lanterns@2000 (ann, bo), lanterns@5000 (ann, bo, cy; ann twice).
    sessions.tea = (await store.openOrResumeSession(otherEventId, 1_000)).id;
    await store.recordJoin(sessions.tea, members.ann!, 1_000);
    await store.closeSession(sessions.tea, 1_500);
    sessions.first = (await store.openOrResumeSession(eventId, 2_000)).id;
    await store.recordJoin(sessions.first, members.ann!, 2_000);
    await store.recordJoin(sessions.first, members.bo!, 2_100);
    await store.closeSession(sessions.first, 3_000);
    sessions.second = (await store.openOrResumeSession(eventId, 5_000)).id;
    await store.recordJoin(sessions.second, members.ann!, 5_000);
    await store.recordJoin(sessions.second, members.ann!, 5_100);
    await store.recordJoin(sessions.second, members.bo!, 5_200);
    await store.recordJoin(sessions.second, members.cy!, 5_300);
  });

  afterAll(async () => {
    await store?.close();
    await target?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("migrates the three tables of 010_statistics", async () => {
    const tables = (await store.db.introspection.getTables()).map((table) => table.name);
    expect(tables).toEqual(expect.arrayContaining(["session_reports", "stats_settings", "health_alerts"]));
    const applied = await sql<{ name: string }>`select name from grove_migrations order by name`.execute(store.db);
    expect(applied.rows.map((row) => row.name)).toContain("010_statistics");
  });

  it("finds the members present in an earlier session of any event", async () => {
    expect([...(await store.returningMembers(sessions.tea!))]).toEqual([]);
    // ann was at the tea event before; bo was not anywhere before.
    expect([...(await store.returningMembers(sessions.first!))]).toEqual([members.ann]);
    expect([...(await store.returningMembers(sessions.second!))].sort()).toEqual([members.ann, members.bo].sort());
    expect((await store.returningMembers("no-such-session")).size).toBe(0);
  });

  it("names the session's members", async () => {
    const names = await store.sessionMemberNames(sessions.second!);
    expect(names.size).toBe(3);
    expect(names.get(members.cy!)).toBe("Name cy");
    expect(names.has(members.di!)).toBe(false);
  });

  it("counts the session's collectibles and first promotions per tier", async () => {
    expect(await store.sessionGrowthCounts(sessions.first!)).toEqual({ collectibles: 0, promotions: {} });
    await store.recordPromotion({ memberId: members.ann!, tier: "explorer", eventId, sessionId: sessions.first!, at: 2_500 });
    await store.recordPromotion({ memberId: members.bo!, tier: "explorer", eventId, sessionId: sessions.first!, at: 2_600 });
    await store.recordPromotion({ memberId: members.ann!, tier: "coCreator", eventId, sessionId: sessions.first!, at: 2_700 });
    await store.recordPromotion({ memberId: members.cy!, tier: "explorer", eventId, sessionId: sessions.second!, at: 5_400 });
    await store.insertCollectible({ id: "col-1", memberId: members.ann!, sessionId: sessions.first!, eventId, rule: "topQuestion", record: "{}", signature: "c2ln", mintedAt: 3_000 });
    expect(await store.sessionGrowthCounts(sessions.first!)).toEqual({ collectibles: 1, promotions: { explorer: 2, coCreator: 1 } });
    expect(await store.sessionGrowthCounts(sessions.second!)).toEqual({ collectibles: 0, promotions: { explorer: 1 } });
  });

  it("lists the scope's first promotions, oldest first", async () => {
    const ofEvent = await store.tierPromotions(eventId);
    expect(ofEvent.map((row) => [row.tier, row.at])).toEqual([["explorer", 2_500], ["explorer", 2_600], ["coCreator", 2_700], ["explorer", 5_400]]);
    expect(await store.tierPromotions(otherEventId)).toEqual([]);
    expect((await store.tierPromotions(null)).length).toBe(4);
  });

  it("reads the event's hunt as the session's funnel needs it", async () => {
    expect(await store.sessionHunt(otherEventId, sessions.tea!, 1_000, 1_500)).toBeNull();
    await store.saveHunt(huntFor(eventId), 1);
    const base = { huntId: "h-stats", channel: "scan" as const, taskId: null };
    await store.insertFoundClaim({ ...base, clueId: "c1", claimer: `member:${members.ann}`, memberId: members.ann!, at: 2_200, sessionId: sessions.first! });
    await store.revealClaim({ ...base, clueId: "c2", claimer: `member:${members.bo}`, memberId: members.bo!, at: 2_300, sessionId: sessions.first! });
    await store.insertFoundClaim({ ...base, clueId: "c2", claimer: `member:${members.cy}`, memberId: members.cy!, at: 5_500, sessionId: sessions.second! });
    await store.issueVoucher({ id: "v1", huntId: "h-stats", clueId: "c2", partnerId: "p1", memberId: members.bo!, text: "Tea", issuedAt: 2_400, stock: 5 });
    await store.issueVoucher({ id: "v2", huntId: "h-stats", clueId: "c2", partnerId: "p1", memberId: members.cy!, text: "Tea", issuedAt: 5_600, stock: 5 });
    await store.redeemVoucher("v1", 2_900);
    await store.recordCompletion({ huntId: "h-stats", claimer: `member:${members.ann}`, at: 2_800, durationMs: 600 });
    const hunt = await store.sessionHunt(eventId, sessions.first!, 2_000, 3_000);
    expect(hunt?.huntId).toBe("h-stats");
    expect(hunt?.clues).toEqual([
      { id: "c1", name: "Gate", kind: "venue", place: null },
      { id: "c2", name: "Tea", kind: "real", place: "Tea house" },
    ]);
    expect(hunt?.claims).toEqual([
      { clueId: "c1", claimer: `member:${members.ann}`, status: "found", revealedAt: 2_200, foundAt: 2_200 },
      { clueId: "c2", claimer: `member:${members.bo}`, status: "revealed", revealedAt: 2_300, foundAt: null },
    ]);
    expect(hunt?.vouchers).toEqual([{ clueId: "c2", issuedAt: 2_400, redeemedAt: 2_900 }]);
    expect(hunt?.completions).toEqual([{ claimer: `member:${members.ann}`, at: 2_800 }]);
    const later = await store.sessionHunt(eventId, sessions.second!, 5_000, 9_000);
    expect(later?.claims.map((claim) => claim.claimer)).toEqual([`member:${members.cy}`]);
    expect(later?.vouchers).toEqual([{ clueId: "c2", issuedAt: 5_600, redeemedAt: null }]);
    expect(later?.completions).toEqual([]);
  });

  it("keeps a rollup and replaces it, and reads one whose JSON is broken as none", async () => {
    expect(await store.getRollup(sessions.first!)).toBeUndefined();
    await store.putRollup(sessions.first!, { version: 1, report: { a: 1 }, members: [{ m: "ann" }] }, 3_100);
    expect(await store.getRollup(sessions.first!)).toEqual({ version: 1, report: { a: 1 }, members: [{ m: "ann" }], computedAt: 3_100 });
    await store.putRollup(sessions.first!, { version: 2, report: { a: 2 }, members: [] }, 3_200);
    expect(await store.getRollup(sessions.first!)).toEqual({ version: 2, report: { a: 2 }, members: [], computedAt: 3_200 });
    await store.putRollup(sessions.tea!, { version: 2, report: {}, members: [] }, 1_600);
    await store.db.updateTable("session_reports").set({ report: "{broken" }).where("session_id", "=", sessions.tea!).execute();
    expect(await store.getRollup(sessions.tea!)).toBeUndefined();
    await store.db.deleteFrom("session_reports").where("session_id", "=", sessions.tea!).execute();
  });

  it("lists an event's or every session with its rollup, oldest first", async () => {
    const ofEvent = await store.sessionsWithRollups(eventId);
    expect(ofEvent.map((row) => row.session.id)).toEqual([sessions.first, sessions.second]);
    expect(ofEvent[0]).toMatchObject({ eventSlug: "lanterns", eventTitle: "Lanterns", session: { startedAt: 2_000, endedAt: 3_000 }, rollup: { version: 2, report: { a: 2 } } });
    expect(ofEvent[1]).toMatchObject({ session: { startedAt: 5_000, endedAt: null }, rollup: null });
    const reportsOnly = await store.sessionsWithRollups(eventId, false);
    expect(reportsOnly.map((row) => row.rollup && { version: row.rollup.version, members: row.rollup.members })).toEqual([{ version: 2, members: [] }, null]);
    const all = await store.sessionsWithRollups(null);
    expect(all.map((row) => [row.eventSlug, row.session.startedAt])).toEqual([["tea", 1_000], ["lanterns", 2_000], ["lanterns", 5_000]]);
  });

  it("keeps an event's settings and replaces them", async () => {
    expect(await store.getStatsSettings(eventId)).toBeUndefined();
    await store.putStatsSettings(eventId, { thresholds: { speakers: { when: "below", value: 1, notify: true } }, webhookUrl: "http://127.0.0.1:1/hook" });
    expect(await store.getStatsSettings(eventId)).toEqual({ thresholds: { speakers: { when: "below", value: 1, notify: true } }, webhookUrl: "http://127.0.0.1:1/hook" });
    await store.putStatsSettings(eventId, { thresholds: {}, webhookUrl: "" });
    expect(await store.getStatsSettings(eventId)).toEqual({ thresholds: {}, webhookUrl: "" });
    expect(await store.getStatsSettings(otherEventId)).toBeUndefined();
  });

  it("claims an alert once per session and indicator, even under racing calls", async () => {
    const claims = await Promise.all(Array.from({ length: 8 }, () => store.claimHealthAlert(sessions.first!, "speakers", 3_300)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.claimHealthAlert(sessions.first!, "speakers", 3_400)).toBe(false);
    expect(await store.claimHealthAlert(sessions.first!, "averageDwell", 3_400)).toBe(true);
    expect(await store.claimHealthAlert(sessions.second!, "speakers", 5_400)).toBe(true);
  });
});
