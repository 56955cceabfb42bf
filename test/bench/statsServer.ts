/**
 * Bench entry for `npm run bench:stats`: the real Grove server on the database the orchestrator seeded (a SQLite file
 * or PostgreSQL, from BENCH_STATS_SERVER), with a known operator token. Sessions a restart finds open stay open for a
 * day (resumeWindowMs), so the bench's live session is not closed as idle while it is measured.
 */
import { announceReady, serveBenchIpc } from "./instrumentServer.js";
import { startGrove } from "../../server/app.js";

export interface StatsServerConfig {
  sqlitePath?: string;
  databaseUrl?: string;
  dataDir: string;
  operatorToken: string;
}

const config = JSON.parse(process.env.BENCH_STATS_SERVER ?? "{}") as StatsServerConfig;
const grove = await startGrove({
  port: 0,
  host: "127.0.0.1",
  ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { sqlitePath: config.sqlitePath ?? ":memory:" }),
  dataDir: config.dataDir,
  quiet: true,
  resumeWindowMs: 24 * 60 * 60_000,
  operatorToken: config.operatorToken,
});
serveBenchIpc(() => grove.stop());
announceReady(grove.port);
