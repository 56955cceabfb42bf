#!/usr/bin/env node
/**
 * Writes docs/quality.md from StrykerJS' JSON reports (reports/mutation/<run>.json, see scripts/mutation.mjs): the
 * date and command, the score per folder and per file, and every surviving mutant grouped by file with the note
 * from scripts/mutation-notes.mjs that says why it survives. Run on its own, it rewrites the page from the last reports.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { NOTES } from "./mutation-notes.mjs";

const REPORTS = [
  { name: "pure", file: "reports/mutation/pure.json", config: "stryker.config.json", tests: "vitest.mutation.config.ts" },
  { name: "rooms", file: "reports/mutation/rooms.json", config: "stryker.rooms.config.json", tests: "vitest.mutation-rooms.config.ts" },
];
const OUTPUT = "docs/quality.md";
/** The folders the issue sets a target for. */
const TARGETS = { "shared/rules": 80, "server/rooms": 80 };
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

/** shared/rules/x.ts → shared/rules; server/rooms/features/x.ts → server/rooms; shared/log.ts → shared. */
function folderOf(file) {
  const parts = file.split("/");
  return parts.length > 2 ? parts.slice(0, 2).join("/") : parts[0];
}

function emptyCounts() {
  return { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Static: 0, Log: 0, errors: 0 };
}

/** Ignored mutants by why: static ones (ignoreStatic), log calls (scripts/stryker-log-ignorer.mjs). */
function add(counts, { status, statusReason = "" }) {
  if (status === "Ignored") counts[/^Log call/.test(statusReason) ? "Log" : "Static"] += 1;
  else if (status in counts) counts[status] += 1;
  else counts.errors += 1;
}

function score(counts) {
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return valid === 0 ? null : (100 * detected) / valid;
}

const percent = (value) => (value === null ? "–" : `${value.toFixed(1)} %`);
/** One line of code for a table cell or a list item: whitespace collapsed, cut to `max`, backticks made safe. */
function snippet(text, max = 90) {
  const line = text.replace(/\s+/g, " ").trim();
  const cut = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  return cut.replaceAll("`", "ˋ").replaceAll("|", "\\|");
}

/** The original code a mutant replaced. */
function originalOf(source, location) {
  const lines = source.split("\n");
  const { start, end } = location;
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return [lines[start.line - 1].slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1].slice(0, end.column - 1)].join("\n");
}

/** The note that explains a surviving mutant: the first whose file, mutator and pattern all fit. */
function noteFor(file, mutant, source) {
  const lines = source.split("\n").slice(mutant.location.start.line - 1, mutant.location.end.line).join("\n");
  return NOTES.find((note) =>
    note.file === file &&
    (!note.mutators || note.mutators.includes(mutant.mutatorName)) &&
    (!note.match || note.match.test(lines)) &&
    (!note.replacement || note.replacement.test(mutant.replacement ?? "")));
}

/** A `mutate` glob (`*`, `**`) as a regular expression over repository-relative paths. */
function globToRegExp(glob) {
  const source = glob
    .split(/(\*\*\/|\*)/)
    .map((part) => (part === "**/" ? "(?:.*/)?" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

/** Whether a run's `mutate` list (with `!` exclusions) takes in `file`. */
function mutatedBy(mutate, file) {
  const matches = (pattern) => globToRegExp(pattern.replace(/:\d+(-\d+)?$/, "")).test(file);
  return mutate.some((p) => !p.startsWith("!") && matches(p)) && !mutate.some((p) => p.startsWith("!") && matches(p.slice(1)));
}

function readReports() {
  const files = new Map();
  const runs = [];
  // The newest report wins for a file both hold (a file moved from one run to the other, and one run repeated).
  const present = REPORTS.filter((report) => existsSync(report.file)).sort((a, b) => statSync(a.file).mtimeMs - statSync(b.file).mtimeMs);
  for (const report of present) {
    const json = JSON.parse(readFileSync(report.file, "utf8"));
    runs.push(report);
    runs.sort((a, b) => REPORTS.indexOf(a) - REPORTS.indexOf(b));
    // Stryker's incremental mode carries a file's last results on after it leaves a run's `mutate` list: skip those.
    const mutate = json.config?.mutate ?? [];
    for (const [file, data] of Object.entries(json.files)) if (mutatedBy(mutate, file)) files.set(file, { ...data, run: report.name });
  }
  return { files, runs };
}

/** A Markdown table; `numeric` lists the columns to right-align (all but the first by default). */
function table(header, rows, numeric = header.map((_, i) => i > 0)) {
  const rule = header.map((_, i) => (numeric[i] ? " ---: " : " --- ")).join("|");
  return [`| ${header.join(" | ")} |`, `|${rule}|`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");
}

function countsRow(name, counts) {
  return [name, counts.Killed, counts.Timeout, counts.Survived, counts.NoCoverage, counts.Static, counts.Log, percent(score(counts))];
}

/** Builds the page; returns its text. */
export function qualityReport({ timings = {}, now = new Date() } = {}) {
  const { files, runs } = readReports();
  if (runs.length === 0) throw new Error("no mutation reports under reports/mutation/: run npm run test:mutation first");
  const byFolder = new Map();
  const byFile = [];
  const total = emptyCounts();
  const survivors = [];
  for (const [file, data] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const counts = emptyCounts();
    for (const mutant of data.mutants) {
      add(counts, mutant);
      add(total, mutant);
      const folder = folderOf(file);
      if (!byFolder.has(folder)) byFolder.set(folder, emptyCounts());
      add(byFolder.get(folder), mutant);
      if (UNDETECTED.has(mutant.status)) survivors.push({ file, mutant, source: data.source, note: noteFor(file, mutant, data.source) });
    }
    byFile.push({ file, counts, run: data.run });
  }

  const out = [];
  out.push("# Quality: mutation testing", "");
  out.push(`Generated by \`npm run test:mutation\` (scripts/mutation.mjs, then scripts/mutation-report.mjs) on ${now.toISOString().slice(0, 10)}; do not edit by hand. The notes on survivors live in scripts/mutation-notes.mjs.`, "");
  out.push("StrykerJS 9.4 with its vitest runner changes the code one mutant at a time and runs the tests that cover it (per-test coverage). A mutant the tests notice is *killed* (or *timed out*); one they do not notice *survived*; *no coverage* means no test runs that code. Score = (killed + timed out) / (killed + timed out + survived + no coverage).", "");
  out.push("Two kinds of mutant are *ignored*, not run. **Static** ones sit in code that runs when a module loads or a test server starts (schema declarations, constants, a feature's declaration, route registration): Stryker cannot tell which test covers them and would rerun every test for each, so the runs skip them (`ignoreStatic`) to stay within time; the behaviour they declare is pinned by the tests all the same. **Log calls** (`log(…)`, and callbacks that only log) are skipped by scripts/stryker-log-ignorer.mjs: what the server writes to its log is not behaviour, and the tests run quiet.", "");

  out.push("## Runs", "");
  const when = (timing) => (timing ? `${timing.at.slice(0, 16).replace("T", " ")} UTC, ${timing.minutes} min` : "–");
  out.push(table(["Run", "Config", "Tests", "Files", "Mutants", "Last run", "Last full run"], runs.map((run) => {
    const mine = byFile.filter((f) => f.run === run.name);
    const mutants = mine.reduce((sum, f) => sum + Object.values(f.counts).reduce((a, b) => a + b, 0), 0);
    const timing = timings[run.name];
    const last = timing ? `${when(timing)}${timing.full ? " (full)" : " (incremental)"}` : "–";
    return [run.name, `\`${run.config}\``, `\`${run.tests}\``, mine.length, mutants, last, when(timing?.lastFull ?? (timing?.full ? timing : undefined))];
  }), [false, false, false, true, true, false, false]), "");
  const fullMinutes = runs.map((run) => timings[run.name]?.lastFull?.minutes ?? (timings[run.name]?.full ? timings[run.name].minutes : undefined));
  if (fullMinutes.every((m) => m !== undefined)) out.push(`A full run (\`npm run test:mutation -- --force\`) last took ${Math.round(fullMinutes.reduce((a, b) => a + b, 0))} minutes on this project's two-core machine, shared with other work; a repeat run retests only mutants whose code or covering tests changed.`, "");

  out.push("## Score per folder", "");
  const header = ["Folder", "Killed", "Timed out", "Survived", "No coverage", "Ignored: static", "Ignored: log calls", "Score"];
  const folderRows = [...byFolder].sort(([a], [b]) => a.localeCompare(b)).map(([folder, counts]) => {
    const row = countsRow(`\`${folder}\``, counts);
    const target = TARGETS[folder];
    if (target !== undefined) row[row.length - 1] += score(counts) >= target ? ` (target ${target} %: met)` : ` (target ${target} %: **not met**)`;
    return row;
  });
  out.push(table(header, [...folderRows, countsRow("**all**", total)]), "");

  out.push("## Score per file", "");
  out.push(table(["File", ...header.slice(1)], byFile.map(({ file, counts }) => countsRow(`\`${file}\``, counts))), "");

  out.push("## Surviving mutants", "");
  if (survivors.length === 0) out.push("None.", "");
  for (const file of [...new Set(survivors.map((s) => s.file))]) {
    const mine = survivors.filter((s) => s.file === file);
    out.push(`### ${file} (${mine.length})`, "");
    const groups = new Map();
    for (const survivor of mine) {
      const key = survivor.note?.why ?? "";
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(survivor);
    }
    for (const [why, group] of [...groups].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : 0))) {
      out.push(why ? `*Why:* ${why}` : "*Not explained yet:* pin these with a test, or add a note in scripts/mutation-notes.mjs.", "");
      for (const { mutant, source } of group.sort((a, b) => a.mutant.location.start.line - b.mutant.location.start.line)) {
        const { line, column } = mutant.location.start;
        const status = mutant.status === "NoCoverage" ? " (no coverage)" : "";
        out.push(`- \`${file}:${line}:${column}\` ${mutant.mutatorName}${status}: \`${snippet(originalOf(source, mutant.location), 60)}\` → \`${snippet(mutant.replacement ?? "", 60)}\``);
      }
      out.push("");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** Writes the page; returns its path. */
export function writeQualityReport(options = {}) {
  let timings = options.timings;
  if (!timings && existsSync("reports/mutation/timings.json")) timings = JSON.parse(readFileSync("reports/mutation/timings.json", "utf8"));
  writeFileSync(OUTPUT, qualityReport({ ...options, timings: timings ?? {} }));
  return OUTPUT;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`Wrote ${writeQualityReport()}.`);
