import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store, type StoredCollectible } from "../../server/store/index.js";
import { foundation } from "../../server/store/migrations/001_foundation.js";
import { liveSessions } from "../../server/store/migrations/002_live_sessions.js";
import { eventSchedule } from "../../server/store/migrations/003_event_schedule.js";
import { chatHistory } from "../../server/store/migrations/004_chat_history.js";
import { eventDescription } from "../../server/store/migrations/005_event_description.js";
import { eventWords } from "../../server/store/migrations/006_event_words.js";
import { chatLineIds } from "../../server/store/migrations/007_chat_line_ids.js";
import { loadMemberHistory } from "../../server/growth/history.js";
import { COLLECTIBLE_ID_PATTERN, mintSession, storedRecord } from "../../server/growth/mint.js";
import { publicKeyRaw, verifyCollectible } from "../../server/growth/signing.js";
import { tierFor } from "../../shared/rules/growth/tiers.js";
import { canonicalCollectible, collectibleSeed } from "../../shared/rules/growth/collectibles.js";
import { DEFAULT_TREE_GOAL } from "../../shared/rules/growth/types.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";
import { LOOK, makeEvangelist, pastSession, questionWithUpvotes, shortName, writeLog } from "../helpers/growthLog.js";

const DAY = 86_400_000;

/**
 * Growth's store on every database Grove supports: the log read as rows, events with their tree goal and reward,
 * a member's sessions, tier promotions, collectibles kept once per (session, rule); the history loader and minting
 * over a real log; and a database made before growth, opened by today's store.
 */
describe.each(databaseTargets("grove_growth_store_test"))("growth's store on %s", (_dialect, database) => {
  let target: DatabaseTarget;
  let store: Store;
  let dir = "";

  beforeAll(async () => {
    target = await database();
    dir = mkdtempSync(join(tmpdir(), "grove-growth-store-"));
    store = await Store.open(target.url ? { databaseUrl: target.url } : { sqlitePath: join(dir, "grove.sqlite") });
  });

  afterAll(async () => {
    await store?.close();
    await target?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const members = (...names: string[]) => Promise.all(names.map((name) => store.createMember({ name, look: LOOK, now: 0 }).then((member) => member.id)));

  it("reads a session's log on from a row, in row order and pages, with details parsed and an unreadable one as null", async () => {
    const event = await store.ensureEvent({ slug: "rows", title: "Rows", now: 0 });
    const [ann] = await members("Ann");
    const { id } = await store.openOrResumeSession(event.id, 1);
    const other = (await store.openOrResumeSession((await store.ensureEvent({ slug: "rows-other", title: "Other", now: 0 })).id, 1)).id;
    await writeLog(store, id, (log) => {
      log.join(ann!, 2);
      log.chat(ann!, "line-1", 3);
      log.ask(ann!, 4);
    });
    await writeLog(store, other, (log) => log.chat(ann!, "elsewhere", 5));
    // A hand-edited row: its detail no longer parses. It must come through as null, never as a throw.
    await sql`insert into interactions (session_id, member_id, kind, at, points, detail) values (${id}, ${ann!}, 'chat', 6, 0, 'not json')`.execute(store.db);

    const all = await store.interactionRows(id, 0, 100);
    expect(all.map((row) => [row.kind, row.at, row.seq])).toEqual([
      ["join", 2, null],
      ["chat", 3, null],
      ["questionAsked", 4, 1],
      ["chat", 6, null],
    ]);
    expect(all.every((row) => row.sessionId === id && row.memberId === ann)).toBe(true);
    expect(all[1]!.detail).toEqual({ text: "line line-1", id: "line-1", name: shortName(ann!) });
    expect(all[3]!.detail).toBeNull();
    expect(all.map((row) => row.id)).toEqual([...all.map((row) => row.id)].sort((a, b) => a - b));
    // Paging: after a row, at most `limit`.
    expect(await store.interactionRows(id, all[0]!.id, 2)).toEqual(all.slice(1, 3));
    expect(await store.interactionRows(id, all[3]!.id, 10)).toEqual([]);
    expect(await store.interactionRows("no-such-session", 0, 10)).toEqual([]);
    await store.closeSession(id, 10);
    await store.closeSession(other, 10);
  });

  it("keeps an event's tree goal, reward and member salons, with defaults, on create, by id and on update", async () => {
    const plain = await store.createEvent({ slug: "garden", title: "Garden", capacity: 50, now: 1 });
    expect(plain).toMatchObject({ treeGoal: DEFAULT_TREE_GOAL, rewardText: "", rewardUrl: null, memberSalons: true, createdBy: null });
    const [ann] = await members("Ann");
    const own = await store.createEvent({ slug: "own-salon", title: "Own", capacity: 50, now: 1, treeGoal: 40, rewardText: "Tea for all", rewardUrl: "https://example.org/tea", memberSalons: false, createdBy: ann! });
    expect(await store.getEventById(own!.id)).toEqual(own);
    expect(own).toMatchObject({ treeGoal: 40, rewardText: "Tea for all", rewardUrl: "https://example.org/tea", memberSalons: false, createdBy: ann });
    expect(await store.getEventById("no-such-event")).toBeUndefined();

    const updated = await store.updateEvent("garden", { treeGoal: 1_000, rewardText: "Seeds", rewardUrl: "https://example.org/seeds", memberSalons: false });
    expect(updated).toMatchObject({ treeGoal: 1_000, rewardText: "Seeds", rewardUrl: "https://example.org/seeds", memberSalons: false });
    // Fields left out stay; an empty or null link is no link; salons back on.
    expect(await store.updateEvent("garden", { rewardUrl: "", memberSalons: true })).toMatchObject({ treeGoal: 1_000, rewardText: "Seeds", rewardUrl: null, memberSalons: true });
    expect(await store.updateEvent("garden", { rewardUrl: null })).toMatchObject({ rewardUrl: null });
    expect(await store.getEventById(plain!.id)).toEqual(await store.getEventBySlug("garden"));
    expect((await store.listEvents()).find((event) => event.slug === "own-salon")).toEqual(own);
  });

  it("lists the sessions a member was present in since a moment, oldest first, with their event; and an event's sessions in time order", async () => {
    const tea = await store.createEvent({ slug: "tea", title: "Tea", capacity: 50, now: 0 });
    const walk = await store.createEvent({ slug: "walk", title: "Walk", capacity: 50, now: 0 });
    const [ann, bo] = await members("Ann", "Bo");
    const s1 = await pastSession(store, tea!.id, 1_000, 2_000, [ann!]);
    const s2 = await pastSession(store, walk!.id, 3_000, 4_000, [bo!]);
    const s3 = await pastSession(store, walk!.id, 5_000, 6_000, [ann!, bo!]);
    // Present twice in one session (a reload): the session is listed once.
    const { id: s4 } = await store.openOrResumeSession(tea!.id, 7_000);
    await store.recordJoin(s4, ann!, 7_000);
    await store.recordJoin(s4, ann!, 7_500);

    expect(await store.memberSessions(ann!, 0)).toEqual([
      { sessionId: s1, eventId: tea!.id, eventSlug: "tea", eventTitle: "Tea", startedAt: 1_000, endedAt: 2_000 },
      { sessionId: s3, eventId: walk!.id, eventSlug: "walk", eventTitle: "Walk", startedAt: 5_000, endedAt: 6_000 },
      { sessionId: s4, eventId: tea!.id, eventSlug: "tea", eventTitle: "Tea", startedAt: 7_000, endedAt: null },
    ]);
    expect((await store.memberSessions(ann!, 5_000)).map((s) => s.sessionId)).toEqual([s3, s4]);
    expect((await store.memberSessions(ann!, 5_001)).map((s) => s.sessionId)).toEqual([s4]);
    expect((await store.memberSessions(bo!, 0)).map((s) => s.sessionId)).toEqual([s2, s3]);
    expect(await store.memberSessions("nobody", 0)).toEqual([]);
    expect(await store.eventSessionIds(walk!.id)).toEqual([s2, s3]);
    expect(await store.eventSessionIds(tea!.id)).toEqual([s1, s4]);
    expect(await store.eventSessionIds("no-such-event")).toEqual([]);
    await store.closeSession(s4, 8_000);
  });

  it("records a tier promotion once per member and tier, and names an event's first evangelist", async () => {
    const event = await store.createEvent({ slug: "promoted", title: "Promoted", capacity: 50, now: 0 });
    const elsewhere = await store.createEvent({ slug: "promoted-elsewhere", title: "Elsewhere", capacity: 50, now: 0 });
    const [ann, bo, cy] = await members("Ann", "Bo", "Cy");
    const s1 = await pastSession(store, event!.id, 100, 200, [ann!, bo!, cy!]);
    const s2 = await pastSession(store, elsewhere!.id, 100, 200, [cy!]);
    expect(await store.firstEvangelist(event!.id)).toBeUndefined();

    expect(await store.recordPromotion({ memberId: bo!, tier: "coCreator", eventId: event!.id, sessionId: s1, at: 150 })).toBe(true);
    expect(await store.firstEvangelist(event!.id)).toBeUndefined();
    expect(await store.recordPromotion({ memberId: bo!, tier: "evangelist", eventId: event!.id, sessionId: s1, at: 180 })).toBe(true);
    expect(await store.recordPromotion({ memberId: ann!, tier: "evangelist", eventId: event!.id, sessionId: s1, at: 170 })).toBe(true);
    // Earlier elsewhere: another event's evangelist is not this one's.
    expect(await store.recordPromotion({ memberId: cy!, tier: "evangelist", eventId: elsewhere!.id, sessionId: s2, at: 10 })).toBe(true);
    // A second promotion to the same tier keeps the first, however early it claims to be.
    expect(await store.recordPromotion({ memberId: bo!, tier: "evangelist", eventId: event!.id, sessionId: s1, at: 1 })).toBe(false);

    expect(await store.firstEvangelist(event!.id)).toEqual({ memberId: ann, sessionId: s1, at: 170 });
    expect(await store.firstEvangelist(elsewhere!.id)).toEqual({ memberId: cy, sessionId: s2, at: 10 });
  });

  it("keeps a collectible once per session and rule, and finds it by id, by member and by session", async () => {
    const event = await store.createEvent({ slug: "kept", title: "Kept", capacity: 50, now: 0 });
    const [ann, bo] = await members("Ann", "Bo");
    const s1 = await pastSession(store, event!.id, 100, 200, [ann!, bo!]);
    const s2 = await pastSession(store, event!.id, 300, 400, [ann!]);
    const make = (id: string, memberId: string, sessionId: string, rule: StoredCollectible["rule"], mintedAt: number): StoredCollectible => ({
      id,
      memberId,
      sessionId,
      eventId: event!.id,
      rule,
      record: `{"id":"${id}"}`,
      signature: "c2ln",
      mintedAt,
    });
    const first = make("AAAAAAAAAAA1", ann!, s1, "topQuestion", 200);
    expect(await store.insertCollectible(first)).toEqual({ collectible: first, inserted: true });
    // The same session and rule again (a second close, a race): the first is kept and handed back.
    expect(await store.insertCollectible(make("AAAAAAAAAAA2", bo!, s1, "topQuestion", 250))).toEqual({ collectible: first, inserted: false });
    const spark = make("AAAAAAAAAAA3", bo!, s1, "sparkLine", 200);
    const later = make("AAAAAAAAAAA4", ann!, s2, "topQuestion", 400);
    await store.insertCollectible(spark);
    await store.insertCollectible(later);

    expect(await store.getCollectible("AAAAAAAAAAA1")).toEqual(first);
    expect(await store.getCollectible("AAAAAAAAAAA2")).toBeUndefined();
    expect(await store.memberCollectibles(ann!)).toEqual([first, later]);
    expect(await store.memberCollectibles(bo!)).toEqual([spark]);
    expect(await store.sessionCollectibles(s1)).toEqual([spark, first]);
    expect(await store.sessionCollectibles("no-such-session")).toEqual([]);
  });

  it("tells a close listener once per session it closes, and close() waits for the listener's work", async () => {
    const event = await store.createEvent({ slug: "told", title: "Told", capacity: 50, now: 0 });
    const told: string[] = [];
    store.onSessionClosed(async (sessionId, endedAt) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      told.push(`${sessionId}@${endedAt}`);
    });
    store.onSessionClosed(() => {
      throw new Error("a failing listener stops no close");
    });
    const { id } = await store.openOrResumeSession(event!.id, 10);
    await store.closeSession(id, 20);
    await store.closeSession(id, 30);
    await store.settled();
    expect(told.filter((entry) => entry.startsWith(id))).toEqual([`${id}@20`]);
    expect((await store.getSession(id))?.endedAt).toBe(20);
  });

  it("loads a member's history from the log: one summary per session they took part in, closed ones summed up to their end", async () => {
    const event = await store.createEvent({ slug: "history", title: "History", capacity: 50, now: 0 });
    const [ann, bo, cy, dee] = await members("Ann", "Bo", "Cy", "Dee");
    const t0 = 10 * DAY;
    const s1 = await pastSession(store, event!.id, t0, t0 + 10 * 60_000, [ann!, bo!, cy!, dee!], questionWithUpvotes(ann!, [bo!, cy!, dee!], t0 + 1_000));
    const s2 = await pastSession(store, event!.id, t0 + DAY, t0 + DAY + 60_000, [bo!]);
    const s3 = await pastSession(store, event!.id, t0 + 2 * DAY, t0 + 2 * DAY + 60_000, [ann!], (log) => log.chat(ann!, "hi", t0 + 2 * DAY + 10));
    const now = t0 + 30 * DAY;

    const history = await loadMemberHistory(store, ann!, now);
    expect(history.map((summary) => summary.sessionId)).toEqual([s1, s3]);
    expect(history[0]).toMatchObject({ eventId: event!.id, startedAt: t0, asked: 1, topQuestion: true });
    // Presence counts to the session's end (10 minutes), not to now.
    expect(history[0]!.tally.byKind.presence).toBeLessThanOrEqual(10);
    expect(history[1]!.tally.byKind.chat).toBeGreaterThan(0);
    expect((await loadMemberHistory(store, ann!, now, { excludeSessionId: s3 })).map((summary) => summary.sessionId)).toEqual([s1]);
    expect((await loadMemberHistory(store, ann!, now, { since: t0 + 1 })).map((summary) => summary.sessionId)).toEqual([s3]);
    // Sessions that start after `now` are not history yet.
    expect(await loadMemberHistory(store, ann!, t0 - 1)).toEqual([]);
    expect((await loadMemberHistory(store, bo!, now)).map((summary) => summary.sessionId)).toEqual([s1, s2]);
    expect(await loadMemberHistory(store, "nobody", now)).toEqual([]);
  });

  it("makes a member an evangelist from six sessions' log, as tierFor reads the loaded history", async () => {
    const event = await store.createEvent({ slug: "evangelist", title: "Evangelist", capacity: 50, now: 0 });
    const [eva, host, ...givers] = await members("Eva", "Host", ...Array.from({ length: 10 }, (_, i) => `Giver ${i}`));
    const t0 = 100 * DAY;
    await makeEvangelist(store, event!.id, eva!, host!, givers, t0);
    const now = t0 + 10 * DAY;
    expect(tierFor(await loadMemberHistory(store, eva!, now), now)).toBe("evangelist");
    expect(tierFor(await loadMemberHistory(store, givers[0]!, now), now)).toBe("explorer");
  });

  it("mints a session's standouts once: signed records, one per rule, the same on a second mint", async () => {
    const event = await store.createEvent({ slug: "minted", title: "Minted salon", capacity: 50, now: 0 });
    const [ann, bo, cy, dee] = await members("Ann", "Bo", "Cy", "Dee");
    const { privateKey } = generateKeyPairSync("ed25519");
    const session = await pastSession(store, event!.id, 1_000, 2_000, [ann!, bo!, cy!, dee!], (log) => {
      questionWithUpvotes(ann!, [bo!, cy!, dee!], 1_100)(log);
      log.chat(bo!, "spark", 1_200);
      for (const giver of [ann!, cy!, dee!]) log.energy(giver, "chat", "spark", bo!, 1_300);
    });

    const minted = await mintSession(store, privateKey, session, 5_000);
    expect(minted.map((collectible) => [collectible.rule, collectible.memberId]).sort()).toEqual([
      ["sparkLine", bo],
      ["topQuestion", ann],
    ]);
    for (const collectible of minted) {
      const record = storedRecord(collectible)!;
      expect(record).toMatchObject({ v: 1, id: collectible.id, rule: collectible.rule, memberId: collectible.memberId, sessionId: session, eventSlug: "minted", eventTitle: "Minted salon", mintedAt: 5_000 });
      expect(collectible.id).toMatch(COLLECTIBLE_ID_PATTERN);
      expect(record.seed).toBe(collectibleSeed(collectible.id + session + collectible.rule));
      expect(collectible.record).toBe(canonicalCollectible(record));
      expect(verifyCollectible(publicKeyRaw(privateKey), record, collectible.signature)).toBe(true);
    }
    const spark = storedRecord(minted.find((collectible) => collectible.rule === "sparkLine")!)!;
    expect(spark).toMatchObject({ title: "Spark of the conversation", quote: "line spark", ownerName: shortName(bo!) });
    const question = storedRecord(minted.find((collectible) => collectible.rule === "topQuestion")!)!;
    expect(question).toMatchObject({ title: "Question of the session", quote: "Why trees?" });

    // Again (a restart settling it, a race): nothing new, the same records.
    const again = await mintSession(store, privateKey, session, 9_000);
    expect([...again].sort((a, b) => a.rule.localeCompare(b.rule))).toEqual([...minted].sort((a, b) => a.rule.localeCompare(b.rule)));
    expect(await store.sessionCollectibles(session)).toHaveLength(2);
    expect(await store.memberCollectibles(ann!)).toHaveLength(1);
    // A quiet session mints nothing; an unknown one neither.
    const quiet = await pastSession(store, event!.id, 3_000, 4_000, [ann!], (log) => log.chat(ann!, "alone", 3_100));
    expect(await mintSession(store, privateKey, quiet, 5_000)).toEqual([]);
    expect(await mintSession(store, privateKey, "no-such-session", 5_000)).toEqual([]);
  });
});

/** A database made before growth (migrations 001 to 007), with an event, a member and a log, then opened by today's store. */
describe.each(databaseTargets("grove_growth_migration_test"))("migrating to growth on %s", (dialect, database) => {
  let target: DatabaseTarget;
  let dir = "";
  beforeAll(async () => {
    target = await database();
    dir = mkdtempSync(join(tmpdir(), "grove-growth-migration-"));
  });
  afterAll(async () => {
    await target?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives the events there the default goal, no reward and member salons on, and reads their log as rows", async () => {
    const sqlitePath = join(dir, "grove.sqlite");
    const kind = dialect === "postgres" ? "postgres" : "sqlite";
    const old = new Kysely<unknown>({
      dialect: target.url ? new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 1 }) }) : new SqliteDialect({ database: new SQLite(sqlitePath) }),
    });
    const provider = {
      getMigrations: async () => ({
        "001_foundation": foundation(kind),
        "002_live_sessions": liveSessions(kind),
        "003_event_schedule": eventSchedule(kind),
        "004_chat_history": chatHistory(),
        "005_event_description": eventDescription(),
        "006_event_words": eventWords(),
        "007_chat_line_ids": chatLineIds,
      }),
    };
    const migrated = await new Migrator({ db: old, provider, migrationTableName: "grove_migrations", migrationLockTableName: "grove_migrations_lock" }).migrateToLatest();
    expect(migrated.error).toBeUndefined();
    await sql`insert into events (id, slug, title, programme, capacity, created_at) values ('e1', 'before', 'Before growth', 'salon', 120, 1)`.execute(old);
    await sql`insert into members (id, secret_hash, name, look, created_at, last_seen_at) values ('m1', 'x', 'Ann', ${JSON.stringify(LOOK)}, 1, 1)`.execute(old);
    await sql`insert into sessions (id, event_id, started_at, ended_at) values ('s1', 'e1', 1, 50)`.execute(old);
    await sql`insert into presence (session_id, member_id, joined_at, left_at) values ('s1', 'm1', 1, 50)`.execute(old);
    await sql`insert into interactions (session_id, member_id, kind, at, points, detail) values ('s1', 'm1', 'join', 1, 0, '{}')`.execute(old);
    await sql`insert into interactions (session_id, member_id, kind, at, points, detail, line_id) values ('s1', 'm1', 'chat', 2, 0, ${JSON.stringify({ text: "said before", id: "old-1" })}, 'old-1')`.execute(old);
    await old.destroy();

    const store = await Store.open(target.url ? { databaseUrl: target.url } : { sqlitePath });
    try {
      expect(await store.getEventBySlug("before")).toMatchObject({ treeGoal: DEFAULT_TREE_GOAL, rewardText: "", rewardUrl: null, memberSalons: true, createdBy: null });
      expect((await store.interactionRows("s1", 0, 10)).map((row) => [row.kind, row.detail])).toEqual([
        ["join", {}],
        ["chat", { text: "said before", id: "old-1" }],
      ]);
      expect(await store.memberSessions("m1", 0)).toEqual([{ sessionId: "s1", eventId: "e1", eventSlug: "before", eventTitle: "Before growth", startedAt: 1, endedAt: 50 }]);
      const collectible: StoredCollectible = { id: "BBBBBBBBBBBB", memberId: "m1", sessionId: "s1", eventId: "e1", rule: "topQuestion", record: "{}", signature: "", mintedAt: 60 };
      expect((await store.insertCollectible(collectible)).inserted).toBe(true);
      expect(await store.recordPromotion({ memberId: "m1", tier: "coCreator", eventId: "e1", sessionId: "s1", at: 60 })).toBe(true);
    } finally {
      await store.close();
    }
  });
});
