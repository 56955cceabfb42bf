/**
 * `npm run eval:classifier`: how well the flagged-message classifier (shared/rules/moderation/classify.ts) does on
 * the labelled sets in test/fixtures/moderation/: the tuning data the rules were written against (tuning.jsonl,
 * tuning-b.jsonl, once the first held-out set, and tuning-c.jsonl), and the held-out set heldout-b.jsonl, written by
 * another annotator, which the rules were never tuned on (when present). Prints precision, recall, F1 and counts per
 * tag and language for each, and how long a line takes, and writes the same tables into
 * docs/moderation-classifier.md between the eval:classifier markers.
 *
 * `-- --mistakes` also lists the tuning data's misclassified lines (never the held-out set's: reading those one by
 * one is how a held-out set stops being one).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { classify } from "../shared/rules/moderation/classify.js";
import {
  FIXTURES_DIR,
  HELDOUT_FILE,
  LANGS,
  TAGS,
  TUNING_FILES,
  evaluate,
  readFixtures,
  scoreTable,
  type Evaluation,
  type LabelledLine,
} from "../test/fixtures/moderation/metrics.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DOC = join(ROOT, "docs/moderation-classifier.md");
const START = "<!-- eval:classifier:start -->";
const END = "<!-- eval:classifier:end -->";

const SETS = [
  {
    name: "tuning",
    files: TUNING_FILES,
    about: "the classifier's author's lines, the first held-out set folded in, and probes; the rules were tuned on all of it",
  },
  { name: "held-out", files: [HELDOUT_FILE], about: "written independently by another annotator; never tuned on" },
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
  const files = set.files.filter((file) => existsSync(join(FIXTURES_DIR, file)));
  for (const file of set.files) if (!files.includes(file)) console.log(`${set.name}: ${file} not found, skipped`);
  if (files.length === 0) continue;
  const rows = readFixtures(files);
  results.push({ name: set.name, about: `${files.join(" + ")}: ${set.about}`, rows, evaluation: evaluate(rows, classify) });
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
