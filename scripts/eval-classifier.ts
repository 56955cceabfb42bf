/**
 * `npm run eval:classifier`: how well the flagged-message classifier (shared/rules/moderation/classify.ts) does on
 * the labelled sets in test/fixtures/moderation/: the tuning set the rules were written against, and the held-out
 * set written by another annotator, which the rules were never tuned on (when present). Prints precision, recall,
 * F1 and counts per tag and language for each set, and how long a line takes, and writes the same tables into
 * docs/moderation-classifier.md between the eval:classifier markers.
 *
 * `-- --mistakes` also lists the tuning set's misclassified lines (never the held-out set's: reading those one by
 * one is how a held-out set stops being one).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { classify } from "../shared/rules/moderation/classify.js";
import { LANGS, TAGS, evaluate, readLabelled, scoreTable, type Evaluation, type LabelledLine } from "../test/fixtures/moderation/metrics.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = join(ROOT, "test/fixtures/moderation");
const DOC = join(ROOT, "docs/moderation-classifier.md");
const START = "<!-- eval:classifier:start -->";
const END = "<!-- eval:classifier:end -->";

const SETS = [
  { name: "tuning", file: "tuning.jsonl", about: "written by the classifier's author; the rules were tuned on it" },
  { name: "held-out", file: "heldout.jsonl", about: "written independently by another annotator; never tuned on" },
] as const;

function counts(rows: readonly LabelledLine[]): string {
  const perLang = LANGS.map((lang) => {
    const inLang = rows.filter((row) => row.lang === lang);
    const tagged = TAGS.map((tag) => `${tag} ${inLang.filter((row) => row.tags.includes(tag)).length}`);
    return `${lang} ${inLang.length} (${tagged.join(", ")}, neither ${inLang.filter((row) => row.tags.length === 0).length})`;
  });
  return `${rows.length} lines: ${perLang.join("; ")}`;
}

/** Mean microseconds per line over `rounds` passes of the lines (after a warm-up pass). */
function microsPerLine(lines: readonly string[], rounds: number): number {
  for (const text of lines) classify(text);
  const started = performance.now();
  for (let round = 0; round < rounds; round++) for (const text of lines) classify(text);
  return ((performance.now() - started) * 1000) / (rounds * lines.length);
}

const results: Array<{ name: string; about: string; rows: LabelledLine[]; evaluation: Evaluation }> = [];
for (const set of SETS) {
  const path = join(FIXTURES, set.file);
  if (!existsSync(path)) {
    console.log(`${set.name}: ${set.file} not found, skipped`);
    continue;
  }
  const rows = readLabelled(path);
  results.push({ name: set.name, about: set.about, rows, evaluation: evaluate(rows, classify) });
}

const allLines = results.flatMap((r) => r.rows.map((row) => row.text));
const micros = allLines.length > 0 ? microsPerLine(allLines, 20) : Number.NaN;

const sections = results.map(({ name, about, rows, evaluation }) =>
  [
    `### ${name} set (${about})`,
    "",
    `${counts(rows)}. Exactly right (both tags as labelled): ${evaluation.exact} of ${evaluation.total} (${((100 * evaluation.exact) / evaluation.total).toFixed(1)}%).`,
    "",
    scoreTable(evaluation.scores),
  ].join("\n"),
);
const report = [
  ...sections,
  `Speed: ${micros.toFixed(1)} µs a line on average over these ${allLines.length} lines (one core, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; the machine's load average was ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores).`,
].join("\n\n");

console.log(report);

if (process.argv.includes("--mistakes")) {
  const tuning = results.find((r) => r.name === "tuning");
  for (const mistake of tuning?.evaluation.mistakes ?? []) {
    console.log(`${mistake.kind} ${mistake.tag} [${mistake.line.lang}] ${JSON.stringify(mistake.line.text)} → ${JSON.stringify(mistake.got)}`);
  }
}

const block = `${START}\n${report}\n${END}`;
const doc = existsSync(DOC) ? readFileSync(DOC, "utf8") : "# The flagged-message classifier\n";
const from = doc.indexOf(START);
const to = doc.indexOf(END);
writeFileSync(DOC, from >= 0 && to > from ? doc.slice(0, from) + block + doc.slice(to + END.length) : `${doc.trimEnd()}\n\n${block}\n`);
console.log(`\nwrote ${DOC}`);
