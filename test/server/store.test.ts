import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { CorruptInteractionError, Store } from "../../server/store/index.js";
import { foundation } from "../../server/store/migrations/001_foundation.js";
import { liveSessions } from "../../server/store/migrations/002_live_sessions.js";
import { eventSchedule } from "../../server/store/migrations/003_event_schedule.js";
import { chatHistory } from "../../server/store/migrations/004_chat_history.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";

const look = { color: "#e4572e", shape: "round", accessory: "hat" } as const;

/** The same behaviour on every database Grove supports: SQLite always, PostgreSQL when DATABASE_URL is set. */
const targets: Array<[string, () => Promise<{ store: Store; cleanup: () => Promise<void> }>]> = [
  ["sqlite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "grove-store-"));
    const store = await Store.open({ sqlitePath: join(dir, "grove.sqlite") });
    return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }],
];
const databaseUrl = process.env.DATABASE_URL;
// CI sets GROVE_REQUIRE_POSTGRES so that a missing database fails loudly instead of quietly testing SQLite only.
if (process.env.GROVE_REQUIRE_POSTGRES && !databaseUrl) throw new Error("GROVE_REQUIRE_POSTGRES is set but DATABASE_URL is not");
if (databaseUrl) {
  targets.push(["postgres", async () => {
    // Each run starts from an empty schema: every table of it, not a list (a table a later migration adds must not
    // survive to fail the next migrate), dropped before the store migrates.
    const raw = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }) });
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(raw);
    for (const { name } of tables.rows) await raw.schema.dropTable(name).ifExists().cascade().execute();
    await raw.destroy();
    const store = await Store.open({ databaseUrl });
    return { store, cleanup: () => store.close() };
  }]);
}

describe.each(targets)("store on %s", (dialect, open) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await open());
  });
  afterAll(async () => {
    await cleanup();
  });

  it("reports itself healthy with its dialect", async () => {
    expect(await store.health()).toEqual({ ok: true, dialect });
  });

  it("migrates twice without harm", async () => {
    await store.migrate();
    expect((await store.health()).ok).toBe(true);
  });

  it("issues members whose secret authenticates them and nobody else", async () => {
    const a = await store.createMember({ name: "Ada", look, now: 1000 });
    const b = await store.createMember({ name: "Bo", look, now: 1001 });
    expect(a.id).not.toBe(b.id);
    expect(a.secret).not.toBe(b.secret);
    expect((await store.authenticateMember(a.id, a.secret))?.name).toBe("Ada");
    expect(await store.authenticateMember(a.id, b.secret)).toBeUndefined();
    expect(await store.authenticateMember("nobody", a.secret)).toBeUndefined();
    // PostgreSQL's text cannot hold NUL: an id with one is nobody (on every route), never a failed query.
    expect(await store.authenticateMember(`${a.id}\u0000`, a.secret)).toBeUndefined();
    const raw = await store.db.selectFrom("members").select("secret_hash").where("id", "=", a.id).executeTakeFirstOrThrow();
    expect(raw.secret_hash).not.toContain(a.secret);
  });

  it("updates a member's name and look", async () => {
    const m = await store.createMember({ name: "Old", look, now: 1 });
    await store.updateMemberProfile(m.id, { name: "新名字", look: { ...look, accessory: "halo" }, now: 2 });
    expect(await store.getMember(m.id)).toMatchObject({ name: "新名字", look: { accessory: "halo" }, lastSeenAt: 2, createdAt: 1 });
  });

  it("creates an event once per slug", async () => {
    const first = await store.ensureEvent({ slug: "salon", title: "Salon", now: 5 });
    const again = await store.ensureEvent({ slug: "salon", title: "Renamed", now: 6 });
    expect(again).toEqual(first);
    expect((await store.listEvents()).filter((e) => e.slug === "salon")).toHaveLength(1);
  });

  it("records sessions, presence and an append-only interaction log with exact times", async () => {
    const event = await store.ensureEvent({ slug: "log", title: "Log", now: 0 });
    const member = await store.createMember({ name: "M", look, now: 0 });
    const session = await store.openOrResumeSession(event.id, 1_700_000_000_000);
    expect(session.resumed).toBe(false);
    const presence = await store.recordJoin(session.id, member.id, 1_700_000_000_100);
    await store.appendInteraction({ sessionId: session.id, memberId: member.id, kind: "chat", at: 1_700_000_000_200, detail: { text: "你好" } });
    await store.appendInteraction({ sessionId: session.id, memberId: member.id, kind: "reaction", at: 1_700_000_000_300, points: 2, detail: { emoji: "🎉" } });
    await store.recordLeave(presence, 1_700_000_000_400);
    await store.recordLeave(presence, 1_700_000_009_999);
    await store.closeSession(session.id, 1_700_000_000_500);
    expect(await store.listInteractions(session.id)).toMatchObject([
      { kind: "chat", at: 1_700_000_000_200, points: 0, detail: { text: "你好" }, seq: null },
      { kind: "reaction", at: 1_700_000_000_300, points: 2, detail: { emoji: "🎉" }, seq: null },
    ]);
    expect(await store.listPresence(session.id)).toMatchObject([{ memberId: member.id, joinedAt: 1_700_000_000_100, leftAt: 1_700_000_000_400 }]);
    expect(await store.getSession(session.id)).toMatchObject({ startedAt: 1_700_000_000_000, endedAt: 1_700_000_000_500 });
  });

  it("keeps one open session per event: every instance resumes it until it is closed, then a new one opens", async () => {
    const event = await store.ensureEvent({ slug: "one-open", title: "One", now: 0 });
    const [a, b] = await Promise.all([store.openOrResumeSession(event.id, 100), store.openOrResumeSession(event.id, 101)]);
    expect(b.id).toBe(a.id);
    expect([a.resumed, b.resumed].sort()).toEqual([false, true]);
    const again = await store.openOrResumeSession(event.id, 200);
    expect(again).toMatchObject({ id: a.id, resumed: true, startedAt: a.startedAt });
    await store.closeSession(a.id, 300);
    const next = await store.openOrResumeSession(event.id, 400);
    expect(next).toMatchObject({ resumed: false, startedAt: 400, endedAt: null });
    expect(next.id).not.toBe(a.id);
    expect((await store.listSessions(event.id)).map((s) => [s.startedAt, s.endedAt])).toEqual([[100, 300], [400, null]]);
  });

  it("after a restart, closes a session idle past the resume window at its last activity, members leaving as abandoned", async () => {
    const event = await store.ensureEvent({ slug: "crash", title: "Crash", now: 0 });
    const member = await store.createMember({ name: "C", look, now: 0 });
    const session = await store.openOrResumeSession(event.id, 10_000);
    await store.recordJoin(session.id, member.id, 10_100);
    await store.appendInteraction({ sessionId: session.id, memberId: member.id, kind: "chat", at: 12_345, detail: { text: "hi" } });
    // (Other tests' sessions share this database: only this one's fate is asserted.)
    expect((await store.settleSessionsAfterRestart(12_345 + 60_001, 60_000)).closed).toBeGreaterThanOrEqual(1);
    expect((await store.getSession(session.id))?.endedAt).toBe(12_345);
    expect((await store.listPresence(session.id))[0]?.leftAt).toBe(12_345);
    expect((await store.listInteractions(session.id)).at(-1)).toMatchObject({ kind: "leave", memberId: member.id, at: 12_345, detail: { reason: "abandoned" } });
  });

  it("after a restart, keeps a session within the resume window open, its members leaving at its last activity as a restart", async () => {
    const event = await store.ensureEvent({ slug: "resume", title: "Resume", now: 0 });
    const stayed = await store.createMember({ name: "Stayed", look, now: 0 });
    const left = await store.createMember({ name: "Left", look, now: 0 });
    const session = await store.openOrResumeSession(event.id, 20_000);
    await store.recordJoin(session.id, stayed.id, 20_100);
    const presence = await store.recordJoin(session.id, left.id, 20_200);
    await store.appendInteraction({ sessionId: session.id, memberId: left.id, kind: "leave", at: 20_900, detail: {} });
    await store.recordLeave(presence, 20_900);
    expect((await store.settleSessionsAfterRestart(20_900 + 60_000, 60_000)).resumable).toBeGreaterThanOrEqual(1);
    expect((await store.getSession(session.id))?.endedAt).toBeNull();
    const leaves = (await store.listInteractions(session.id)).filter((i) => i.kind === "leave");
    expect(leaves).toMatchObject([
      { memberId: left.id, at: 20_900, detail: {} },
      { memberId: stayed.id, at: 20_900, detail: { reason: "restart" } },
    ]);
    expect((await store.listPresence(session.id)).map((p) => [p.memberId, p.leftAt])).toEqual([[stayed.id, 20_900], [left.id, 20_900]]);
    // A second start finds nobody left inside and writes nothing twice; the members coming back resume the session.
    await store.settleSessionsAfterRestart(20_900 + 60_000, 60_000);
    expect((await store.listInteractions(session.id)).filter((i) => i.kind === "leave")).toHaveLength(2);
    expect(await store.openOrResumeSession(event.id, 90_000)).toMatchObject({ id: session.id, resumed: true });
  });

  it("closes idle sessions nobody holds, and never one that is live or active within the window", async () => {
    const idle = await store.openOrResumeSession((await store.ensureEvent({ slug: "idle", title: "Idle", now: 0 })).id, 1_000);
    const live = await store.openOrResumeSession((await store.ensureEvent({ slug: "live", title: "Live", now: 0 })).id, 1_000);
    const recent = await store.openOrResumeSession((await store.ensureEvent({ slug: "recent", title: "Recent", now: 0 })).id, 50_000);
    expect(await store.closeIdleSessions(61_001, 60_000, new Set([live.id]))).toBe(1);
    expect((await store.getSession(idle.id))?.endedAt).toBe(1_000);
    expect((await store.getSession(live.id))?.endedAt).toBeNull();
    expect((await store.getSession(recent.id))?.endedAt).toBeNull();
  });

  it("validates every entry against the typed log before writing it", async () => {
    const event = await store.ensureEvent({ slug: "typed", title: "Typed", now: 0 });
    const member = await store.createMember({ name: "T", look, now: 0 });
    const session = await store.openOrResumeSession(event.id, 0);
    const bad = [
      { kind: "chat", detail: { text: "" } },
      { kind: "chat", detail: { text: "hi", extra: 1 } },
      { kind: "reaction", detail: { emoji: "💩" } },
      { kind: "teleport", detail: {} },
      { kind: "leave", detail: { reason: "bored" } },
    ];
    for (const entry of bad) {
      await expect(store.appendInteraction({ sessionId: session.id, memberId: member.id, at: 1, ...entry } as never)).rejects.toThrow();
    }
    // A session command needs its sequence number; a per-instance entry must not have one.
    await expect(store.appendInteraction({ sessionId: session.id, memberId: member.id, at: 1, kind: "announcementCleared", detail: {} })).rejects.toThrow(/sequence/);
    await expect(store.appendInteraction({ sessionId: session.id, memberId: member.id, at: 1, kind: "join", detail: {}, seq: 1 })).rejects.toThrow(/sequence/);
    expect(await store.listInteractions(session.id)).toEqual([]);
  });

  it("keeps session commands in sequence order, each number once per session", async () => {
    const event = await store.ensureEvent({ slug: "commands", title: "Commands", now: 0 });
    const host = await store.createMember({ name: "Host", look, now: 0 });
    const session = await store.openOrResumeSession(event.id, 0);
    expect(await store.lastSessionSeq(session.id)).toBe(0);
    await store.appendInteraction({ sessionId: session.id, memberId: host.id, at: 20, kind: "announcementCleared", detail: {}, seq: 2 });
    await store.appendInteraction({ sessionId: session.id, memberId: host.id, at: 5, kind: "chat", detail: { text: "between" } });
    await store.appendInteraction({ sessionId: session.id, memberId: host.id, at: 10, kind: "announcementPosted", detail: { text: "Welcome", name: "Host" }, seq: 1 });
    await expect(
      store.appendInteraction({ sessionId: session.id, memberId: host.id, at: 30, kind: "announcementCleared", detail: {}, seq: 2 }),
    ).rejects.toThrow();
    expect(await store.lastSessionSeq(session.id)).toBe(2);
    expect(await store.listSessionCommands(session.id)).toEqual([
      { kind: "announcementPosted", detail: { text: "Welcome", name: "Host" }, seq: 1, at: 10, memberId: host.id },
      { kind: "announcementCleared", detail: {}, seq: 2, at: 20, memberId: host.id },
    ]);
    expect((await store.listSessionCommands(session.id, 1)).map((c) => c.seq)).toEqual([2]);
  });

  it("keeps an event's schedule to the millisecond, and none for an event made without one", async () => {
    // Past 2^32 and 2^31 ms, so a 32-bit column or a string from the driver would show.
    const created = await store.createEvent({ slug: "scheduled", title: "Scheduled", capacity: 50, startsAt: 1_767_225_600_123, endsAt: 8_640_000_000_000_000, now: 7 });
    expect(created).toMatchObject({ startsAt: 1_767_225_600_123, endsAt: 8_640_000_000_000_000 });
    const read = await store.getEventBySlug("scheduled");
    expect(read).toEqual(created);
    expect((await store.listEvents()).find((e) => e.slug === "scheduled")).toEqual(created);
    const plain = await store.createEvent({ slug: "unscheduled", title: "Any time", capacity: 50, now: 8 });
    expect(await store.getEventBySlug("unscheduled")).toEqual({ ...plain, startsAt: null, endsAt: null });
    expect(await store.ensureEvent({ slug: "ensured", title: "Ensured", now: 9 })).toMatchObject({ startsAt: null, endsAt: null });
  });

  it("keeps an event's description, empty unless given, through an edit", async () => {
    const described = await store.createEvent({ slug: "described", title: "Described", description: "Tea and talk.\n\nBring a friend 🌱", capacity: 50, now: 10 });
    expect(await store.getEventBySlug("described")).toEqual(described);
    expect(described?.description).toBe("Tea and talk.\n\nBring a friend 🌱");
    expect((await store.ensureEvent({ slug: "ensured-plain", title: "Plain", now: 11 })).description).toBe("");
    const edited = await store.updateEvent("described", { description: "Now with a garden", title: "Renamed", capacity: 12 });
    expect(edited).toEqual({ ...described, description: "Now with a garden", title: "Renamed", capacity: 12 });
    expect(await store.getEventBySlug("described")).toEqual(edited);
    expect((await store.listEvents()).find((e) => e.slug === "described")).toEqual(edited);
  });

  it("edits only what a patch names, and says when there is no such event", async () => {
    const before = await store.createEvent({ slug: "patched", title: "Patched", description: "Words", capacity: 30, startsAt: 1_000, endsAt: 2_000, now: 12 });
    expect(await store.updateEvent("patched", {})).toEqual(before);
    expect(await store.updateEvent("patched", { startsAt: 1_767_225_600_123, endsAt: 8_640_000_000_000_000 })).toEqual({ ...before, startsAt: 1_767_225_600_123, endsAt: 8_640_000_000_000_000 });
    expect(await store.updateEvent("patched", { endsAt: null })).toMatchObject({ title: "Patched", description: "Words", capacity: 30, startsAt: 1_767_225_600_123, endsAt: null });
    expect(await store.updateEvent("no-such-event", { title: "x" })).toBe("notFound");
    expect(await store.updateEvent("no-such-event", {})).toBe("notFound");
    expect(await store.getEventBySlug("no-such-event")).toBeUndefined();
  });

  it("refuses an edit that would leave the event ending before it starts, changing nothing", async () => {
    const before = await store.createEvent({ slug: "merged", title: "Merged", capacity: 30, startsAt: 1_000, endsAt: 2_000, now: 13 });
    for (const patch of [{ startsAt: 2_000 }, { endsAt: 1_000 }, { title: "Lost", endsAt: 999 }, { startsAt: 3_000, endsAt: 2_500 }]) {
      expect(await store.updateEvent("merged", patch), JSON.stringify(patch)).toBe("endsBeforeStart");
    }
    expect(await store.getEventBySlug("merged")).toEqual(before);
    expect(await store.updateEvent("merged", { startsAt: 1_999 })).toMatchObject({ startsAt: 1_999, endsAt: 2_000 });
    expect(await store.updateEvent("merged", { endsAt: 2_001, startsAt: 2_000 })).toMatchObject({ startsAt: 2_000, endsAt: 2_001 });
  });

  it("refuses to read a row that no longer matches the typed log, naming it", async () => {
    const event = await store.ensureEvent({ slug: "corrupt", title: "Corrupt", now: 0 });
    const member = await store.createMember({ name: "X", look, now: 0 });
    const session = await store.openOrResumeSession(event.id, 0);
    const id = await store.appendInteraction({ sessionId: session.id, memberId: member.id, at: 1, kind: "chat", detail: { text: "ok" } });
    await store.db.updateTable("interactions").set({ detail: "{\"text\":5}" }).where("id", "=", id).execute();
    await expect(store.listInteractions(session.id)).rejects.toThrow(new CorruptInteractionError(id));
    await store.db.updateTable("interactions").set({ detail: "not json" }).where("id", "=", id).execute();
    await expect(store.listInteractions(session.id)).rejects.toBeInstanceOf(CorruptInteractionError);
  });

  it("refuses an interaction for a member that does not exist", async () => {
    const event = await store.ensureEvent({ slug: "fk", title: "FK", now: 0 });
    const session = await store.openOrResumeSession(event.id, 0);
    await expect(store.appendInteraction({ sessionId: session.id, memberId: "ghost", kind: "chat", at: 1, detail: { text: "boo" } })).rejects.toThrow();
  });
});

/** A database made before event schedules (migrations 001 and 002 only), with an event in it, then opened by today's store. */
describe.each(databaseTargets("grove_store_schedule_test"))("migrating to event schedules on %s", (dialect, database) => {
  let target: DatabaseTarget;
  let dir: string;
  beforeAll(async () => {
    target = await database();
    dir = mkdtempSync(join(tmpdir(), "grove-store-schedule-"));
  });
  afterAll(async () => {
    await target.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("adds empty schedule columns and keeps the events that were there", async () => {
    const sqlitePath = join(dir, "grove.sqlite");
    const kind = dialect === "postgres" ? "postgres" : "sqlite";
    const old = new Kysely<unknown>({
      dialect: target.url
        ? new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 1 }) })
        : new SqliteDialect({ database: new SQLite(sqlitePath) }),
    });
    const provider = { getMigrations: async () => ({ "001_foundation": foundation(kind), "002_live_sessions": liveSessions(kind) }) };
    const migrated = await new Migrator({ db: old, provider, migrationTableName: "grove_migrations", migrationLockTableName: "grove_migrations_lock" }).migrateToLatest();
    expect(migrated.error).toBeUndefined();
    await sql`insert into events (id, slug, title, programme, capacity, created_at) values ('e1', 'before', 'Made before schedules', 'salon', 120, 1767225600123)`.execute(old);
    await old.destroy();

    const store = await Store.open(target.url ? { databaseUrl: target.url } : { sqlitePath });
    try {
      expect(await store.getEventBySlug("before")).toEqual({ id: "e1", slug: "before", title: "Made before schedules", description: "", programme: "salon", capacity: 120, startsAt: null, endsAt: null, words: { add: [], remove: [] }, treeGoal: 300, rewardText: "", rewardUrl: null, memberSalons: true, createdBy: null });
      const later = await store.createEvent({ slug: "after", title: "After", capacity: 20, startsAt: 1, endsAt: 2, now: 1_767_225_700_000 });
      expect(await store.listEvents()).toEqual([await store.getEventBySlug("before"), later]);
    } finally {
      await store.close();
    }
  });
});

/** A database made before event descriptions (migrations 001 to 004), with a scheduled event in it, then opened by today's store. */
describe.each(databaseTargets("grove_store_description_test"))("migrating to event descriptions on %s", (dialect, database) => {
  let target: DatabaseTarget;
  let dir: string;
  beforeAll(async () => {
    target = await database();
    dir = mkdtempSync(join(tmpdir(), "grove-store-description-"));
  });
  afterAll(async () => {
    await target.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("adds an empty description to the events that were there, and keeps their schedule", async () => {
    const sqlitePath = join(dir, "grove.sqlite");
    const kind = dialect === "postgres" ? "postgres" : "sqlite";
    const old = new Kysely<unknown>({
      dialect: target.url
        ? new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 1 }) })
        : new SqliteDialect({ database: new SQLite(sqlitePath) }),
    });
    const provider = {
      getMigrations: async () => ({ "001_foundation": foundation(kind), "002_live_sessions": liveSessions(kind), "003_event_schedule": eventSchedule(kind), "004_chat_history": chatHistory() }),
    };
    const migrated = await new Migrator({ db: old, provider, migrationTableName: "grove_migrations", migrationLockTableName: "grove_migrations_lock" }).migrateToLatest();
    expect(migrated.error).toBeUndefined();
    await sql`insert into events (id, slug, title, programme, capacity, created_at, starts_at, ends_at) values ('e1', 'before', 'Made before descriptions', 'salon', 120, 1, 1000, 2000)`.execute(old);
    await old.destroy();

    const store = await Store.open(target.url ? { databaseUrl: target.url } : { sqlitePath });
    try {
      expect(await store.getEventBySlug("before")).toEqual({ id: "e1", slug: "before", title: "Made before descriptions", description: "", programme: "salon", capacity: 120, startsAt: 1000, endsAt: 2000, words: { add: [], remove: [] }, treeGoal: 300, rewardText: "", rewardUrl: null, memberSalons: true, createdBy: null });
      expect(await store.updateEvent("before", { description: "Written later" })).toMatchObject({ description: "Written later", startsAt: 1000 });
    } finally {
      await store.close();
    }
  });
});
