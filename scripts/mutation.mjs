#!/usr/bin/env node
/**
 * npm run test:mutation: StrykerJS over shared/ and server/ in two runs (the pure rules and the server's
 * unit-testable parts with fast tests; the room, its features and the HTTP routes with the suites that drive a real
 * server), then docs/quality.md from their JSON reports (scripts/mutation-report.mjs).
 *
 *   npm run test:mutation                   both runs, incremental: only mutants whose code or tests changed run again
 *   npm run test:mutation -- --force        both runs in full
 *   npm run test:mutation -- --only rooms   one run (pure | rooms); the report keeps the other run's last results
 *
 * Any other argument is passed to Stryker.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { writeQualityReport } from "./mutation-report.mjs";

export const RUNS = [
  { name: "pure", config: "stryker.config.json" },
  { name: "rooms", config: "stryker.rooms.config.json" },
];
const TIMINGS = "reports/mutation/timings.json";

const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = onlyAt === -1 ? undefined : args[onlyAt + 1];
const passed = onlyAt === -1 ? args : args.filter((_, i) => i !== onlyAt && i !== onlyAt + 1);
if (only && !RUNS.some((run) => run.name === only)) {
  console.error(`--only takes one of: ${RUNS.map((run) => run.name).join(", ")}`);
  process.exit(2);
}

const stryker = fileURLToPath(new URL("../node_modules/@stryker-mutator/core/bin/stryker.js", import.meta.url));
mkdirSync("reports/mutation", { recursive: true });
let timings = {};
try {
  timings = JSON.parse(readFileSync(TIMINGS, "utf8"));
} catch {
  // First run: no timings yet.
}

for (const run of RUNS.filter((r) => !only || r.name === only)) {
  console.log(`\n== mutation run "${run.name}" (${run.config}) ==`);
  const { incrementalFile } = JSON.parse(readFileSync(run.config, "utf8"));
  const full = passed.includes("--force") || !existsSync(incrementalFile);
  const started = Date.now();
  const result = spawnSync(process.execPath, [stryker, "run", run.config, ...passed], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`Stryker's "${run.name}" run failed (exit ${result.status ?? result.signal}); docs/quality.md is left as it was.`);
    process.exit(result.status ?? 1);
  }
  const timing = { minutes: Math.round((Date.now() - started) / 6000) / 10, at: new Date().toISOString(), full };
  // The last full run is kept beside the last run: an incremental run's minutes say little about a fresh one.
  timings[run.name] = { ...timing, lastFull: full ? timing : timings[run.name]?.lastFull };
  writeFileSync(TIMINGS, `${JSON.stringify(timings, null, 2)}\n`);
}

const written = writeQualityReport({ timings });
console.log(`\nWrote ${written}.`);
