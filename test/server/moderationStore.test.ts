import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../server/store/index.js";
import { foundation } from "../../server/store/migrations/001_foundation.js";
import { liveSessions } from "../../server/store/migrations/002_live_sessions.js";
import { eventSchedule } from "../../server/store/migrations/003_event_schedule.js";
import { chatHistory } from "../../server/store/migrations/004_chat_history.js";
import { eventDescription } from "../../server/store/migrations/005_event_description.js";
import type { SessionCommandEntry } from "../../shared/log.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";

const look = { color: "#e4572e", shape: "round", accessory: "hat" } as const;

/**
 * The store's reads and writes for moderation, on every database Grove supports: a chat line found by the id it went
 * out with, how a member stands with an event's open session at the door, the event's word list, chat history
 * without deleted lines, and the operator's stand-in member.
 */
describe.each(databaseTargets("grove_moderation_store_test"))("moderation's store on %s", (_dialect, database) => {
  let target: DatabaseTarget;
  let store: Store;
  let dir = "";

  beforeAll(async () => {
    target = await database();
    dir = mkdtempSync(join(tmpdir(), "grove-moderation-store-"));
    store = await Store.open(target.url ? { databaseUrl: target.url } : { sqlitePath: join(dir, "grove.sqlite") });
  });

  afterAll(async () => {
    await store?.close();
    await target?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const chat = (sessionId: string, memberId: string, at: number, detail: { text: string; id?: string; name?: string; instance?: number }) =>
    store.appendInteraction({ sessionId, memberId, at, kind: "chat", detail });

  it("finds a chat line of the session by its id, with its author and text as logged, and nothing else", async () => {
    const event = await store.ensureEvent({ slug: "lines", title: "Lines", now: 0 });
    const other = await store.ensureEvent({ slug: "other-lines", title: "Other", now: 0 });
    const ann = await store.createMember({ name: "Ann", look, now: 0 });
    const { id } = await store.openOrResumeSession(event.id, 1);
    const elsewhere = (await store.openOrResumeSession(other.id, 1)).id;
    await chat(id, ann.id, 2, { text: "hello there", id: "room-a-1", name: "Ann then", instance: 1 });
    const oldRow = await chat(id, ann.id, 3, { text: "logged before ids" });
    await chat(elsewhere, ann.id, 4, { text: "not this session", id: "room-b-1", name: "Ann", instance: 1 });
    await store.appendInteraction({ sessionId: id, memberId: ann.id, at: 5, kind: "reaction", detail: { emoji: "👏" } });
    await store.updateMemberProfile(ann.id, { name: "Ann now", look, now: 6 });

    expect(await store.chatLine(id, "room-a-1")).toEqual({ lineId: "room-a-1", authorId: ann.id, authorName: "Ann then", text: "hello there", at: 2 });
    // A line logged without an id is known as history knows it, by its row, under its member's name now.
    expect(await store.chatLine(id, `log-${oldRow}`)).toEqual({ lineId: `log-${oldRow}`, authorId: ann.id, authorName: "Ann now", text: "logged before ids", at: 3 });
    expect(await store.chatLine(id, "room-b-1")).toBeUndefined();
    expect(await store.chatLine(elsewhere, `log-${oldRow}`)).toBeUndefined();
    for (const unknown of ["room-a-2", "log-0", "log-x", `log-${oldRow + 1}`, "", "log-99999999999999999999"]) expect(await store.chatLine(id, unknown)).toBeUndefined();
    await store.closeSession(id, 10);
    await store.closeSession(elsewhere, 10);
  });

  it("says at the door who a host removed from the open session, whether it is locked, and who joined it before", async () => {
    const event = await store.ensureEvent({ slug: "door", title: "Door", now: 0 });
    const [ann, bo, cy, host] = await Promise.all(["Ann", "Bo", "Cy", "Host"].map((name) => store.createMember({ name, look, now: 0 })));
    expect(await store.joinStanding(event.id, ann!.id)).toEqual({ sessionId: null, removed: false, locked: false, joinedBefore: false });

    const { id } = await store.openOrResumeSession(event.id, 1);
    await store.recordJoin(id, ann!.id, 2);
    await store.recordJoin(id, bo!.id, 2);
    let seq = 0;
    const command = (entry: SessionCommandEntry) => store.appendInteraction({ ...entry, sessionId: id, memberId: host!.id, at: 3, seq: (seq += 1) });
    expect(await store.joinStanding(event.id, ann!.id)).toEqual({ sessionId: id, removed: false, locked: false, joinedBefore: true });

    await command({ kind: "memberRemoved", detail: { memberId: ann!.id, name: "Ann", note: "", byName: "Host" } });
    await command({ kind: "sessionLocked", detail: { locked: true, name: "Host" } });
    await command({ kind: "sessionLocked", detail: { locked: false, name: "Host" } });
    await command({ kind: "sessionLocked", detail: { locked: true, name: "Host" } });
    expect(await store.joinStanding(event.id, ann!.id)).toEqual({ sessionId: id, removed: true, locked: true, joinedBefore: true });
    expect(await store.joinStanding(event.id, bo!.id)).toEqual({ sessionId: id, removed: false, locked: true, joinedBefore: true });
    expect(await store.joinStanding(event.id, cy!.id)).toEqual({ sessionId: id, removed: false, locked: true, joinedBefore: false });
    expect(await store.joinStanding(event.id, undefined)).toEqual({ sessionId: id, removed: false, locked: true, joinedBefore: false });
    await command({ kind: "sessionLocked", detail: { locked: false, name: "Host" } });
    expect((await store.joinStanding(event.id, cy!.id)).locked).toBe(false);

    // A removal holds for that session only: the event's next session lets the member in.
    await store.closeSession(id, 10);
    const next = await store.openOrResumeSession(event.id, 11);
    expect(await store.joinStanding(event.id, ann!.id)).toEqual({ sessionId: next.id, removed: false, locked: false, joinedBefore: false });
    await store.closeSession(next.id, 12);
  });

  it("keeps an event's word list, changed by a host or by the operator, for its next session", async () => {
    const event = await store.ensureEvent({ slug: "words", title: "Words", now: 0 });
    expect(event.words).toEqual({ add: [], remove: [] });
    expect(await store.eventWords(event.id)).toEqual({ add: [], remove: [] });
    await store.setEventWords(event.id, { add: ["darn", "坏蛋"], remove: ["hell"] });
    expect(await store.eventWords(event.id)).toEqual({ add: ["darn", "坏蛋"], remove: ["hell"] });
    expect((await store.getEventBySlug("words"))?.words).toEqual({ add: ["darn", "坏蛋"], remove: ["hell"] });
    const patched = await store.updateEvent("words", { words: { add: ["heck"], remove: [] } });
    expect(patched).toMatchObject({ slug: "words", words: { add: ["heck"], remove: [] } });
    // A patch without words leaves them.
    expect(await store.updateEvent("words", { title: "Words again" })).toMatchObject({ words: { add: ["heck"], remove: [] } });
    expect(await store.eventWords("no-such-event")).toBeUndefined();
    const created = await store.createEvent({ slug: "fresh-words", title: "Fresh", capacity: 10, now: 0 });
    expect(created?.words).toEqual({ add: [], remove: [] });
  });

  it("reads a word list a hand edit broke as no changes", async () => {
    const event = await store.ensureEvent({ slug: "broken-words", title: "Broken", now: 0 });
    for (const text of ["not json", "null", '{"add":"darn","remove":[]}', '{"add":[1],"remove":[]}', "[]"]) {
      await store.db.updateTable("events").set({ words: text }).where("id", "=", event.id).execute();
      expect(await store.eventWords(event.id), text).toEqual({ add: [], remove: [] });
    }
  });

  it("leaves the lines a caller skips (deleted ones) out of chat history, still giving as many as asked", async () => {
    const event = await store.ensureEvent({ slug: "history", title: "History", now: 0 });
    const ann = await store.createMember({ name: "Ann", look, now: 0 });
    const { id } = await store.openOrResumeSession(event.id, 1);
    for (let i = 1; i <= 6; i += 1) await chat(id, ann.id, i, { text: `line ${i}`, id: `r-${i}`, name: "Ann", instance: 1 });
    const gone = new Set(["r-6", "r-4"]);
    const lines = await store.recentChat(id, 1, 3, (lineId) => gone.has(lineId));
    expect(lines.map((line) => line.id)).toEqual(["r-2", "r-3", "r-5"]);
    expect((await store.recentChat(id, 1, 3)).map((line) => line.id)).toEqual(["r-4", "r-5", "r-6"]);
    await store.closeSession(id, 10);
  });

  it("makes the operator's stand-in member once, and it can never be signed in as", async () => {
    const first = await store.operatorMember(1);
    expect(await store.operatorMember(2)).toEqual(first);
    expect(await store.getMember(first.id)).toMatchObject({ id: first.id, name: first.name });
    for (const secret of ["", "operator", first.id]) expect(await store.authenticateMember(first.id, secret)).toBeUndefined();
  });
});

/** A database made before moderation (migrations 001 to 005), with chat in it, then opened by today's store. */
describe.each(databaseTargets("grove_moderation_migration_test"))("migrating to moderation on %s", (dialect, database) => {
  let target: DatabaseTarget;
  let dir = "";
  beforeAll(async () => {
    target = await database();
    dir = mkdtempSync(join(tmpdir(), "grove-moderation-migration-"));
  });
  afterAll(async () => {
    await target?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("finds the chat lines logged before by their ids, and gives the events there an empty word list", async () => {
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
      }),
    };
    const migrated = await new Migrator({ db: old, provider, migrationTableName: "grove_migrations", migrationLockTableName: "grove_migrations_lock" }).migrateToLatest();
    expect(migrated.error).toBeUndefined();
    await sql`insert into events (id, slug, title, programme, capacity, created_at) values ('e1', 'before', 'Before moderation', 'salon', 120, 1)`.execute(old);
    await sql`insert into members (id, secret_hash, name, look, created_at, last_seen_at) values ('m1', 'x', 'Ann', ${JSON.stringify(look)}, 1, 1)`.execute(old);
    await sql`insert into sessions (id, event_id, started_at, ended_at) values ('s1', 'e1', 1, null)`.execute(old);
    await sql`insert into interactions (session_id, member_id, kind, at, points, detail) values ('s1', 'm1', 'chat', 2, 0, ${JSON.stringify({ text: "said before", id: "old-room-1", name: "Ann", instance: 1 })})`.execute(old);
    await sql`insert into interactions (session_id, member_id, kind, at, points, detail) values ('s1', 'm1', 'reaction', 3, 0, ${JSON.stringify({ emoji: "👏" })})`.execute(old);
    // A row whose detail does not parse (edited by hand) must not stop the migration, nor the start.
    await sql`insert into interactions (session_id, member_id, kind, at, points, detail) values ('s1', 'm1', 'chat', 4, 0, 'not json')`.execute(old);
    await sql`insert into interactions (session_id, member_id, kind, at, points, detail) values ('s1', 'm1', 'chat', 5, 0, ${JSON.stringify({ text: "said after", id: "old-room-2" })})`.execute(old);
    await old.destroy();

    const store = await Store.open(target.url ? { databaseUrl: target.url } : { sqlitePath });
    try {
      expect(await store.chatLine("s1", "old-room-1")).toEqual({ lineId: "old-room-1", authorId: "m1", authorName: "Ann", text: "said before", at: 2 });
      expect((await store.chatLine("s1", "old-room-2"))?.text).toBe("said after");
      expect((await store.getEventBySlug("before"))?.words).toEqual({ add: [], remove: [] });
    } finally {
      await store.close();
    }
  });
});
