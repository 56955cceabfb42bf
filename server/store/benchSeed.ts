/**
 * Bulk writes for the statistics bench (`npm run bench:stats`, test/bench/stats.bench.ts): members, sessions, presence
 * and log rows by the hundred thousand, many rows a statement, each kind in one transaction. Nothing in Grove itself
 * calls these; they live here because every SQL statement does (server/store is the one module that speaks SQL). The
 * caller validates log details with the log's schema before handing them over, as `appendInteraction` does.
 */
import SQLite from "better-sqlite3";
import { sql, type Insertable } from "kysely";
import type { PresenceTable } from "./schema.js";
import type { Store } from "./index.js";

export interface SeedMember { id: string; name: string; createdAt: number }
export interface SeedSession { id: string; eventId: string; startedAt: number; endedAt: number | null }
export interface SeedPresence { sessionId: string; memberId: string; joinedAt: number; leftAt: number | null }
/** One log row; `detail` is the entry's detail as JSON text, already checked against the log's schema. */
export interface SeedInteraction { sessionId: string; memberId: string; kind: string; at: number; detail: string; seq: number | null; lineId: string | null }

/**
 * Rows a statement. PostgreSQL binds at most 65,535 parameters (8 a log row: 2,000 rows stay far below); SQLite's
 * limit is 32,766 since 3.32. Larger statements gain little once the per-statement overhead is amortised.
 */
const ROWS_PER_STATEMENT = 2000;

/** A look every bench member shares; nobody renders these members. */
const BENCH_LOOK = JSON.stringify({ color: "#2e86ab", shape: "round", accessory: "none" });

async function inBatches<T, R>(store: Store, rows: Iterable<T>, toRow: (row: T) => R, insert: (trx: Store["db"], batch: R[]) => Promise<unknown>): Promise<number> {
  let count = 0;
  await store.db.transaction().execute(async (trx) => {
    let batch: R[] = [];
    for (const row of rows) {
      batch.push(toRow(row));
      if (batch.length === ROWS_PER_STATEMENT) {
        await insert(trx, batch);
        count += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) {
      await insert(trx, batch);
      count += batch.length;
    }
  });
  return count;
}

/** Members that cannot sign in (their secret hash matches no secret). Returns how many were written. */
export function seedMembers(store: Store, members: Iterable<SeedMember>): Promise<number> {
  return inBatches(
    store,
    members,
    (m) => ({ id: m.id, secret_hash: "bench-no-secret", name: m.name, look: BENCH_LOOK, created_at: m.createdAt, last_seen_at: m.createdAt }),
    (trx, batch) => trx.insertInto("members").values(batch).execute(),
  );
}

export function seedSessions(store: Store, sessions: Iterable<SeedSession>): Promise<number> {
  return inBatches(
    store,
    sessions,
    (s) => ({ id: s.id, event_id: s.eventId, started_at: s.startedAt, ended_at: s.endedAt }),
    (trx, batch) => trx.insertInto("sessions").values(batch).execute(),
  );
}

export function seedPresence(store: Store, presence: Iterable<SeedPresence>): Promise<number> {
  return inBatches(
    store,
    presence,
    (p): Insertable<PresenceTable> => ({ session_id: p.sessionId, member_id: p.memberId, joined_at: p.joinedAt, left_at: p.leftAt }),
    (trx, batch) => trx.insertInto("presence").values(batch).execute(),
  );
}

/** Log rows a PostgreSQL statement: it binds one array per column, so its size costs no parameters. */
const LOG_ROWS_PER_STATEMENT = 5000;

/**
 * Log rows, in the order given (their ids follow it, as live appends' do), in one transaction. Returns how many were
 * written. PostgreSQL: a statement per 5,000 rows whose values travel as one array per column through `unnest`;
 * SQLite: a prepared statement per row (below). Building multi-row VALUES lists through the query builder cost more
 * than the database's own work (about 30,000 rows a second on SQLite here).
 */
export async function seedInteractions(store: Store, rows: Iterable<SeedInteraction>): Promise<number> {
  if (store.dialect === "sqlite") return seedInteractionsSqlite(store, rows);
  let count = 0;
  // The rows' sessions and members exist by construction: a superuser (the bench's local role) skips the two foreign
  // key checks per row, which cost more than the insert itself; anyone else keeps them.
  const superuser = (await sql<{ su: boolean }>`select rolsuper as su from pg_roles where rolname = current_user`.execute(store.db)).rows[0]?.su === true;
  await store.db.transaction().execute(async (trx) => {
    if (superuser) await sql`set local session_replication_role = replica`.execute(trx);
    let batch: SeedInteraction[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const column = <K extends keyof SeedInteraction>(key: K) => batch.map((r) => r[key]);
      await sql`insert into interactions (session_id, member_id, kind, at, points, detail, seq, line_id)
        select s, m, k, a, 0, d, q, l from unnest(${column("sessionId")}::text[], ${column("memberId")}::text[], ${column("kind")}::text[],
          ${column("at")}::bigint[], ${column("detail")}::text[], ${column("seq")}::bigint[], ${column("lineId")}::text[]) as t(s, m, k, a, d, q, l)`.execute(trx);
      count += batch.length;
      batch = [];
    };
    for (const row of rows) {
      batch.push(row);
      if (batch.length === LOG_ROWS_PER_STATEMENT) await flush();
    }
    await flush();
  });
  return count;
}

/**
 * SQLite: one prepared statement run per row in one transaction, on a connection of the bench's own to the store's
 * file (found with `pragma database_list`); without the query builder's per-row work this is SQLite's own speed.
 */
async function seedInteractionsSqlite(store: Store, rows: Iterable<SeedInteraction>): Promise<number> {
  const files = (await sql<{ name: string; file: string }>`pragma database_list`.execute(store.db)).rows;
  const file = files.find((f) => f.name === "main")?.file;
  if (!file) throw new Error("the store's SQLite database has no file (:memory:): the bench needs one");
  const database = new SQLite(file);
  try {
    database.pragma("busy_timeout = 5000");
    // The default page cache (2 MiB) thrashes on the log's indexes when they are kept during the load.
    database.pragma("cache_size = -262144");
    const insert = database.prepare("insert into interactions (session_id, member_id, kind, at, points, detail, seq, line_id) values (?, ?, ?, ?, 0, ?, ?, ?)");
    let count = 0;
    database.transaction(() => {
      for (const r of rows) {
        insert.run(r.sessionId, r.memberId, r.kind, r.at, r.detail, r.seq, r.lineId);
        count += 1;
      }
    })();
    return count;
  } finally {
    database.close();
  }
}

/**
 * Runs a bulk load with the log's secondary indexes dropped and builds them again afterwards, as a bulk load into a
 * database does: one sort per index instead of a B-tree insert per row and index (the log has five). The indexes are
 * re-created from the database's own definitions (sqlite_master, pg_indexes), so they are exactly the migrations'.
 */
export async function withoutLogIndexes<T>(store: Store, load: () => Promise<T>): Promise<{ value: T; rebuildMs: number }> {
  const definitions =
    store.dialect === "postgres"
      ? (await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition from pg_indexes where tablename = 'interactions' and indexname not like '%_pkey'`.execute(store.db)).rows
      : (await sql<{ name: string; definition: string }>`select name, sql as definition from sqlite_master where type = 'index' and tbl_name = 'interactions' and sql is not null`.execute(store.db)).rows;
  for (const { name } of definitions) await sql`drop index ${sql.id(name)}`.execute(store.db);
  let value: T;
  try {
    value = await load();
  } finally {
    // Sorting a million keys in SQLite's default 2 MiB page cache spills to disk over and over; this connection is the bench's own.
    if (store.dialect === "sqlite") await sql`pragma cache_size = -262144`.execute(store.db);
    else await sql`set maintenance_work_mem = '256MB'`.execute(store.db);
  }
  const started = performance.now();
  for (const { definition } of definitions) await sql.raw(definition).execute(store.db);
  return { value, rebuildMs: performance.now() - started };
}

/** Sets a session's end (null: open again, so its figures are folded live). */
export async function setSessionEnd(store: Store, sessionId: string, endedAt: number | null): Promise<void> {
  await store.db.updateTable("sessions").set({ ended_at: endedAt }).where("id", "=", sessionId).execute();
}

/** The session's highest sequence number (0 when none), so appended commands continue it. */
export async function maxSeq(store: Store, sessionId: string): Promise<number> {
  const row = await store.db.selectFrom("interactions").select((eb) => eb.fn.max("seq").as("seq")).where("session_id", "=", sessionId).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * Forgets the session's stored rollup (table `session_reports`, migration 010_statistics), so the next view computes
 * it afresh: the bench's cold runs. Returns false when the table does not exist (statistics not migrated yet).
 */
export async function dropSessionReport(store: Store, sessionId: string): Promise<boolean> {
  try {
    await sql`delete from session_reports where session_id = ${sessionId}`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}

/**
 * PostgreSQL: refreshes the planner's statistics after the bulk load, as autovacuum would soon after. SQLite: nothing
 * (Grove never runs ANALYZE there, so the bench does not either).
 */
export async function analyze(store: Store): Promise<void> {
  if (store.dialect === "postgres") await sql`analyze`.execute(store.db);
}
