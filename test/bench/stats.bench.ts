/**
 * `npm run bench:stats` (issue 14, docs/statistics.md "Storage and speed"): the operator statistics over HTTP, on a
 * seeded event (statsSeed.ts: one session of 5,000 members and 1,000,000 log rows, and 99 smaller sessions over 200
 * days), on SQLite (a temporary file) and on PostgreSQL (BENCH_PG_URL's database, dropped and made afresh), against
 * the real server in its own process (statsServer.ts), with the operator token:
 * (a) the session page's every figure (GET …/sessions/:id, …/members, …/events/:slug/health), cold (a fresh
 *     process and no stored rollup of the session: the first computation) and warm (the rollup exists);
 * (b) the cross-session pages (…/events/:slug/community, …/events/:slug/sessions, /api/admin/stats/community);
 * (c) the live path: the same session open again, 10,000 new log rows appended between calls (the incremental fold).
 * Beside them, GET /healthz in the same run. p50 and p90 over BENCH_RUNS runs; PASS / MISS against the 500 ms target.
 * Writes its section of docs/benchmarks.md between the `bench:stats` markers (BENCH_WRITE=0 to print only).
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { envNumber, fmt, forkTs, machineLine, machineLoad, nextMessage, percentile, stopChild, writeDocsSection } from "./benchKit.js";
import type { FromServer } from "./messages.js";
import type { StatsServerConfig } from "./statsServer.js";
import { benchId, liveRows, seedEvent, type SeededEvent } from "./statsSeed.js";
import { Store } from "../../server/store/index.js";
import { LIVE_REFRESH_MS, type SessionStatsResponse } from "../../shared/protocol/stats.js";
import { analyze, dropSessionReport, maxSeq, seedInteractions, seedPresence, setSessionEnd, withoutLogIndexes } from "../../server/store/benchSeed.js";

const SETTINGS = {
  databases: (process.env.BENCH_DATABASES ?? "sqlite,postgres").split(",").filter(Boolean),
  pgUrl: process.env.BENCH_PG_URL ?? "postgres://grove:grove@localhost:5432/grove_bench",
  bigMembers: envNumber("BENCH_MEMBERS", 5000),
  poolMembers: envNumber("BENCH_POOL", 8000),
  bigRows: envNumber("BENCH_ROWS", 1_000_000),
  smallSessions: envNumber("BENCH_SESSIONS", 100) - 1,
  runs: Math.max(1, envNumber("BENCH_RUNS", 7)),
  /** Cold runs (each a fresh server process and a full fold of the big session); BENCH_RUNS by default. */
  coldRuns: Math.max(1, envNumber("BENCH_COLD_RUNS", envNumber("BENCH_RUNS", 7))),
  liveAppend: envNumber("BENCH_LIVE_APPEND", 10_000),
  /** A folder: the server writes a CPU profile there (node --cpu-prof) for each process it runs. */
  profileDir: process.env.BENCH_PROFILE ?? "",
  /** `1`: seed each database, print the times and stop (no server, nothing written). */
  seedOnly: process.env.BENCH_SEED_ONLY === "1",
  writeDocs: process.env.BENCH_WRITE !== "0",
  note: process.env.BENCH_NOTE ?? "",
};
const OPERATOR_TOKEN = "bench-operator-token-0123456789";
const SLUG = "bench-stats";
const TARGET_MS = 500;
const START_MARKER = "<!-- bench:stats:start -->";
const END_MARKER = "<!-- bench:stats:end -->";

function progress(message: string): void {
  process.stderr.write(`[bench:stats] ${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

interface Target {
  name: "sqlite" | "postgres";
  storeOptions: { sqlitePath: string } | { databaseUrl: string };
  server: StatsServerConfig;
  cleanup: () => Promise<void>;
}

async function onPostgres(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

async function target(name: string, dir: string): Promise<Target> {
  if (name === "sqlite") {
    const sqlitePath = join(dir, "grove.sqlite");
    return { name, storeOptions: { sqlitePath }, server: { sqlitePath, dataDir: dir, operatorToken: OPERATOR_TOKEN }, cleanup: async () => {} };
  }
  if (name !== "postgres") throw new Error(`BENCH_DATABASES: unknown database ${name}`);
  // The bench's own database, made afresh: connect to the server's maintenance database to drop and create it.
  const url = new URL(SETTINGS.pgUrl);
  const database = url.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`BENCH_PG_URL: database name ${database} is not a plain identifier`);
  const admin = new URL(SETTINGS.pgUrl);
  admin.pathname = "/postgres";
  await onPostgres(admin.toString(), [`drop database if exists ${database} with (force)`, `create database ${database}`]);
  return { name, storeOptions: { databaseUrl: SETTINGS.pgUrl }, server: { databaseUrl: SETTINGS.pgUrl, dataDir: dir, operatorToken: OPERATOR_TOKEN }, cleanup: async () => {} };
}

async function startServer(config: StatsServerConfig, label: string): Promise<{ child: ChildProcess; url: string }> {
  const env = { BENCH_STATS_SERVER: JSON.stringify(config) };
  // node refuses --cpu-prof in NODE_OPTIONS: a profiled server is forked with it on its own command line.
  const child = SETTINGS.profileDir
    ? fork(join(dirname(fileURLToPath(import.meta.url)), "statsServer.ts"), [], {
        execArgv: ["--import", "tsx", "--cpu-prof", `--cpu-prof-dir=${join(SETTINGS.profileDir, label)}`],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
        env: { ...process.env, ...env },
      })
    : forkTs("statsServer.ts", { env });
  try {
    const ready = await nextMessage<FromServer, "ready">(child, "ready", 180_000);
    return { child, url: `http://127.0.0.1:${ready.port}` };
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
}

/** One GET, timed from send to the whole body read; throws on anything but 200. */
async function get(url: string, path: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 300)}`);
  return { ms, bytes: Buffer.byteLength(body) };
}

interface Sample { route: string; ms: number[]; bytes: number }

/** The live session's interaction count as the service's current view has it. */
async function interactionsTotal(url: string, sessionId: string): Promise<number> {
  const response = await fetch(`${url}/api/admin/stats/sessions/${sessionId}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  const body = (await response.json()) as SessionStatsResponse;
  return body.report.interactions.total;
}

/** The page's three calls one after another; returns each call's time and the page's (their sum). */
async function sessionPage(url: string, sessionId: string, into: Map<string, Sample>): Promise<void> {
  let total = 0;
  for (const [route, path] of pagePaths(sessionId)) {
    const { ms, bytes } = await get(url, path);
    total += ms;
    record(into, route, ms, bytes);
  }
  record(into, "page", total, 0);
}

const pagePaths = (sessionId: string): Array<[string, string]> => [
  ["GET /api/admin/stats/sessions/:id", `/api/admin/stats/sessions/${sessionId}`],
  ["GET /api/admin/stats/sessions/:id/members", `/api/admin/stats/sessions/${sessionId}/members`],
  ["GET /api/admin/stats/events/:slug/health", `/api/admin/stats/events/${SLUG}/health`],
];
const CROSS_PATHS: Array<[string, string]> = [
  ["GET /api/admin/stats/events/:slug/community", `/api/admin/stats/events/${SLUG}/community`],
  ["GET /api/admin/stats/events/:slug/sessions", `/api/admin/stats/events/${SLUG}/sessions`],
  ["GET /api/admin/stats/community", "/api/admin/stats/community"],
];

function record(into: Map<string, Sample>, route: string, ms: number, bytes: number): void {
  const sample = into.get(route) ?? { route, ms: [], bytes: 0 };
  sample.ms.push(ms);
  sample.bytes = Math.max(sample.bytes, bytes);
  into.set(route, sample);
}

interface Result {
  database: string;
  seeded: SeededEvent;
  seedSeconds: number;
  indexSeconds: number;
  healthz: number[];
  first: Map<string, Sample>;
  cold: Map<string, Sample>;
  warm: Map<string, Sample>;
  cross: Map<string, Sample>;
  liveFirst: Map<string, Sample>;
  live: Map<string, Sample>;
  fresh: Map<string, Sample>;
  appendMs: number[];
}

async function seed(t: Target): Promise<{ seeded: SeededEvent; seconds: number; indexSeconds: number }> {
  const store = await Store.open(t.storeOptions);
  try {
    const started = performance.now();
    const event = await store.createEvent({ slug: SLUG, title: "统计基准 · Stats bench", capacity: 200, now: Date.now() - 220 * 24 * 3600_000 });
    if (!event) throw new Error(`event ${SLUG} exists already`);
    const { value: seeded, rebuildMs } = await withoutLogIndexes(store, () =>
      seedEvent(store, {
        eventId: event.id,
        bigMembers: SETTINGS.bigMembers,
        poolMembers: SETTINGS.poolMembers,
        bigRows: SETTINGS.bigRows,
        smallSessions: SETTINGS.smallSessions,
        endAt: Date.now() - 60_000,
        progress: (m) => progress(`${t.name}: ${m}`),
      }),
    );
    await analyze(store);
    return { seeded, seconds: (performance.now() - started) / 1000, indexSeconds: rebuildMs / 1000 };
  } finally {
    await store.close();
  }
}

async function measure(t: Target): Promise<Result> {
  progress(`${t.name}: seeding`);
  const { seeded, seconds, indexSeconds } = await seed(t);
  progress(`${t.name}: seeded ${seeded.rows} log rows (${seeded.bigRows} in the big session) in ${fmt(seconds)} s (${JSON.stringify(seeded.seconds)}, indexes ${fmt(indexSeconds)} s)`);
  const big = seeded.bigSessionId;
  const result: Result = { database: t.name, seeded, seedSeconds: seconds, indexSeconds, healthz: [], first: new Map(), cold: new Map(), warm: new Map(), cross: new Map(), liveFirst: new Map(), live: new Map(), fresh: new Map(), appendMs: [] };
  let server = await startServer(t.server, `${t.name}-first`);
  const restart = async (label: string) => {
    await stopChild(server.child, { type: "stop" }, "stopped");
    server = await startServer(t.server, `${t.name}-${label}`);
  };
  try {
    for (let i = 0; i < 3; i++) await get(server.url, "/healthz");
    for (let i = 0; i < Math.max(20, SETTINGS.runs); i++) result.healthz.push((await get(server.url, "/healthz")).ms);
    progress(`${t.name}: first views (no rollup stored anywhere yet)`);
    await sessionPage(server.url, big, result.first);
    for (const [route, path] of CROSS_PATHS) {
      const { ms, bytes } = await get(server.url, path);
      record(result.first, route, ms, bytes);
    }
    const store = await Store.open(t.storeOptions);
    try {
      for (let run = 0; run < SETTINGS.coldRuns; run++) {
        progress(`${t.name}: cold run ${run + 1} of ${SETTINGS.coldRuns}`);
        if (!(await dropSessionReport(store, big))) throw new Error("no session_reports table: is migration 010_statistics in?");
        await restart(`cold-${run}`);
        await sessionPage(server.url, big, result.cold);
      }
      progress(`${t.name}: warm runs`);
      for (let run = 0; run < SETTINGS.runs; run++) await sessionPage(server.url, big, result.warm);
      progress(`${t.name}: cross-session runs`);
      for (let run = 0; run < SETTINGS.runs; run++) {
        for (const [route, path] of CROSS_PATHS) {
          const { ms, bytes } = await get(server.url, path);
          record(result.cross, route, ms, bytes);
        }
      }
      progress(`${t.name}: live path (the big session open again)`);
      await setSessionEnd(store, big, null);
      await restart("live");
      // Members inside now: the last 3,000 of the session's members, still present.
      const members = Array.from({ length: SETTINGS.bigMembers }, (_, i) => benchId(1, i));
      let lastAt = seeded.endedAt;
      await seedPresence(store, members.slice(-3000).map((memberId) => ({ sessionId: big, memberId, joinedAt: lastAt, leftAt: null })));
      await sessionPage(server.url, big, result.liveFirst);
      let total = await interactionsTotal(server.url, big);
      for (let run = 0; run < SETTINGS.runs; run++) {
        const started = performance.now();
        await seedInteractions(store, liveRows(big, members, SETTINGS.liveAppend, lastAt, await maxSeq(store, big), 1000 + run));
        const appended = performance.now();
        result.appendMs.push(appended - started);
        lastAt += SETTINGS.liveAppend + 1;
        await sessionPage(server.url, big, result.live);
        // The service may answer with a view a few seconds old while it folds the new rows in the background: how
        // long until a view counts them (polled every 200 ms, as no page does, to see the moment).
        total += SETTINGS.liveAppend;
        while ((await interactionsTotal(server.url, big)) < total) {
          if (performance.now() - appended > 120_000) throw new Error("no live view counted the appended rows within 120 s");
          await new Promise((done) => setTimeout(done, 200));
        }
        record(result.fresh, "fresh", performance.now() - appended, 0);
      }
      await setSessionEnd(store, big, lastAt);
    } finally {
      await store.close();
    }
  } finally {
    await stopChild(server.child, { type: "stop" }, "stopped");
  }
  return result;
}

const verdict = (p50: number) => (p50 < TARGET_MS ? "PASS" : "MISS");

function rows(samples: Map<string, Sample>, label: string, judged: boolean): string[] {
  return [...samples.values()].map((s) => {
    const p50 = percentile(s.ms, 50);
    const route = s.route === "page" ? `**${label}: the page (the three calls)**` : `${label}: ${s.route}`;
    return `| ${route} | ${s.ms.length} | ${fmt(p50)} ms | ${fmt(percentile(s.ms, 90))} ms | ${s.bytes > 0 ? `${fmt(s.bytes / 1024)} KiB` : ""} | ${judged && (s.route === "page" || label === "cross-session") ? verdict(p50) : ""} |`;
  });
}

/** The command as run: the BENCH_ settings that were set (but the note), then the script. */
function command(): string {
  const set = Object.keys(process.env).filter((key) => key.startsWith("BENCH_") && key !== "BENCH_NOTE").sort();
  return [...set.map((key) => `${key}=${process.env[key]}`), "npm run bench:stats"].join(" ");
}

function report(results: Result[], load: string): string {
  const lines = [
    "## Statistics (`npm run bench:stats`)",
    "",
    `${new Date().toISOString().slice(0, 10)} · ${machineLine()} · ${load}${SETTINGS.note ? ` · ${SETTINGS.note}` : ""}`,
    "",
    `Command: \`${command()}\` (PostgreSQL 15 on the same machine). The real server in its own process, over HTTP with the operator token. One event: a session of ${SETTINGS.bigMembers.toLocaleString("en")} members and ${SETTINGS.bigRows.toLocaleString("en")} log rows over two hours (mostly chat and reactions; questions, polls, a debate, a check-in, stage invites, moderation, energy, clues; presence with reconnects), and ${SETTINGS.smallSessions} smaller sessions over 200 days (50–300 members, 2,000–10,000 rows each, members returning from a pool of ${SETTINGS.poolMembers.toLocaleString("en")}). Each figure: p50 / p90 over the runs; the page is its three calls one after another. Target: p50 under ${TARGET_MS} ms.`,
    "",
  ];
  for (const r of results) {
    lines.push(
      `### ${r.database === "sqlite" ? "SQLite" : "PostgreSQL"}`,
      "",
      `Seeded ${r.seeded.rows.toLocaleString("en")} log rows (${r.seeded.bigRows.toLocaleString("en")} in the big session), ${r.seeded.members.toLocaleString("en")} members, ${r.seeded.sessionIds.length} sessions in ${fmt(r.seedSeconds)} s (log rows ${fmt(r.seeded.seconds.interactions)} s with the log's indexes dropped, then the indexes ${fmt(r.indexSeconds)} s). GET /healthz p50 ${fmt(percentile(r.healthz, 50))} ms (${r.healthz.length} calls).`,
      "",
      "| what | runs | p50 | p90 | answer size | target |",
      "|---|---:|---:|---:|---:|---|",
      ...rows(r.first, "first view (no rollup stored yet)", false),
      ...rows(r.cold, "cold (fresh process, no rollup of the session)", true),
      ...rows(r.warm, "warm (rollup stored)", true),
      ...rows(r.cross, "cross-session", true),
      ...rows(r.liveFirst, "live, first fold after a restart", false),
      ...rows(r.live, `live, ${SETTINGS.liveAppend.toLocaleString("en")} rows appended before each`, true),
      "",
      `Appending ${SETTINGS.liveAppend.toLocaleString("en")} rows (from the bench, not timed in the figures): p50 ${fmt(percentile(r.appendMs, 50))} ms. From the append's end until a live view counts the new rows: p50 ${fmt(percentile(r.fresh.get("fresh")?.ms ?? [], 50))} ms, p90 ${fmt(percentile(r.fresh.get("fresh")?.ms ?? [], 90))} ms (the page polls every ${LIVE_REFRESH_MS / 1000} s).`,
      "",
    );
  }
  return lines.join("\n").trimEnd();
}

async function main(): Promise<void> {
  const loadBefore = machineLoad("stats.bench");
  const dir = mkdtempSync(join(tmpdir(), "grove-stats-bench-"));
  const results: Result[] = [];
  try {
    for (const name of SETTINGS.databases) {
      const t = await target(name, mkdtempSync(join(dir, `${name}-`)));
      try {
        if (SETTINGS.seedOnly) await seed(t).then(({ seeded, seconds, indexSeconds }) => progress(`${name}: seeded ${seeded.rows} log rows in ${fmt(seconds)} s (${JSON.stringify(seeded.seconds)}, indexes ${fmt(indexSeconds)} s)`));
        else results.push(await measure(t));
      } finally {
        await t.cleanup();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (SETTINGS.seedOnly) return;
  const loadAfter = machineLoad("stats.bench");
  const section = report(results, `before: ${loadBefore.text}; after: ${loadAfter.text}`);
  process.stdout.write(`${section}\n`);
  if (SETTINGS.writeDocs) writeDocsSection(section, START_MARKER, END_MARKER);
}

await main();
