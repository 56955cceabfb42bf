/**
 * bench:decode: what it costs to decode a member's message with msgpackr's pure-JavaScript build (which Grove
 * uses: the native string extractor can abort the process on a lying header) instead of the native one Colyseus
 * loads, beside the zod parse every message gets anyway. Alternating rounds, median ns per message.
 * Prints a report and writes it into docs/benchmarks.md between the bench:decode markers.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pack, unpack as nativeUnpack, isNativeAccelerationEnabled } from "@colyseus/msgpackr";
import { CLIENT_INTENTS } from "../../shared/protocol/index.js";

const { unpack: jsUnpack } = createRequire(import.meta.url)("@colyseus/msgpackr/unpack-no-eval") as { unpack(data: Uint8Array): unknown };
const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const DOCS_PATH = join(root, "docs/benchmarks.md");
const START_MARKER = "<!-- bench:decode:start -->";
const END_MARKER = "<!-- bench:decode:end -->";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 20_000);

const samples: Array<{ name: string; type: keyof typeof CLIENT_INTENTS; payload: unknown }> = [
  { name: "move `{ dx, dz }`", type: "move", payload: { dx: 0.7071, dz: -0.7071 } },
  { name: "chat, 40 characters (中文 and English)", type: "chat", payload: { text: "大家好！今天的沙龙从七点开始 · see you at the stage" } },
  { name: "chat, 500 characters", type: "chat", payload: { text: "长".repeat(250) + "x".repeat(250) } },
];

/** Median of `rounds` timings of `perRound` calls, in ns per call. */
function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < PER_ROUND; i++) fn();
  return Number(process.hrtime.bigint() - start) / PER_ROUND;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

let sink: unknown;
const rows: string[] = [];
for (const sample of samples) {
  const bytes = pack(sample.payload);
  const schema = CLIENT_INTENTS[sample.type];
  const native: number[] = [];
  const js: number[] = [];
  const zod: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which decoder goes first, so warm-up and noise fall on both.
    const order = round % 2 === 0 ? [native, js] : [js, native];
    for (const target of order) target.push(time(() => (sink = target === native ? nativeUnpack(bytes) : jsUnpack(bytes))));
    zod.push(time(() => (sink = schema.safeParse(jsUnpack(bytes)))));
  }
  const [n, j, z] = [median(native), median(js), median(zod)];
  rows.push(`| ${sample.name} | ${bytes.length} B | ${n.toFixed(0)} ns | ${j.toFixed(0)} ns | ${(j / n).toFixed(2)}× | ${z.toFixed(0)} ns |`);
}
void sink;

const section = [
  "## Message decoding (`npm run bench:decode`)",
  "",
  `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, Node ${process.version}; native extractor loaded: ${isNativeAccelerationEnabled ? "yes" : "no"}. ${ROUNDS} alternating rounds of ${PER_ROUND.toLocaleString("en")} decodes; medians.`,
  "",
  "Grove decodes every member's message with msgpackr's JavaScript build; the native one (Colyseus' default) aborts the process on a str32 header that promises more bytes than the frame holds (see docs/security.md). The last column is what a message costs in full before its handler: JavaScript decode plus the zod parse.",
  "",
  "| Message | Size | Native decode | JavaScript decode | Ratio | JS decode + zod parse |",
  "|---|---:|---:|---:|---:|---:|",
  ...rows,
].join("\n");

console.log(section);
if (process.env.BENCH_WRITE !== "0") {
  const current = readFileSync(DOCS_PATH, "utf8");
  const block = `${START_MARKER}\n${section}\n${END_MARKER}`;
  const start = current.indexOf(START_MARKER);
  const end = current.indexOf(END_MARKER);
  writeFileSync(DOCS_PATH, start >= 0 && end > start ? current.slice(0, start) + block + current.slice(end + END_MARKER.length) : `${current.trimEnd()}\n\n${block}\n`);
}
