/**
 * `npm run bench:room`: the venue room under N bots, beside a minimal Colyseus room driven by the same bots.
 * Each server runs in its own process (fresh for every N), the bots in worker processes; see test/bench/README.md.
 * Prints a report and writes it into docs/benchmarks.md between the bench:room markers.
 */
import { execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { REPO_ROOT as root, fmt, forkTs, machineLine, machineTicks, median, nextMessage, percentile, ratio, sleep, stopChild, writeDocsSection } from "./benchKit.js";
import { measureEncode, type EncodeResult } from "./encode.js";
import type { BotWindowStats, FromServer, FromWorker, RoomKind, ServerWindowStats, ToServer, ToWorker } from "./messages.js";

function envNumbers(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  return raw.split(/[\s,]+/).filter(Boolean).map(Number).filter((n) => Number.isFinite(n) && n > 0);
}
function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) ? value : fallback;
}

const SETTINGS = {
  counts: envNumbers("BENCH_N", [50, 100, 200]),
  warmupSeconds: envNumber("BENCH_WARMUP", 5),
  measureSeconds: envNumber("BENCH_SECONDS", 15),
  /** Runs per N and room, alternating which room goes first; the report gives the median run of each metric. */
  repeats: envNumber("BENCH_REPEATS", 3),
  workers: envNumber("BENCH_WORKERS", 4),
  joinBatch: envNumber("BENCH_JOIN_BATCH", 20),
  /** How many bots per run decode state; the rest only receive it. Unset: every bot decodes. */
  decoders: process.env.BENCH_DECODERS ? envNumber("BENCH_DECODERS", Infinity) : Infinity,
  kinds: (process.env.BENCH_ROOMS ?? "grove,baseline").split(/[\s,]+/).filter((k): k is RoomKind => k === "grove" || k === "baseline"),
  writeDocs: process.env.BENCH_WRITE !== "0",
  build: process.env.BENCH_BUILD !== "0",
};
const LATENCY_TARGET_MS = 50;
const LATENCY_TARGET_N = 200;
const START_MARKER = "<!-- bench:room:start -->";
const END_MARKER = "<!-- bench:room:end -->";

function progress(message: string): void {
  process.stderr.write(`[bench:room ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

interface RunResult {
  kind: RoomKind;
  n: number;
  server: ServerWindowStats;
  bots: BotWindowStats;
  patchCpuMedianUs: number;
  patchCpuP99Us: number;
  patchWallMedianUs: number;
  cpuSharePct: number;
  bytesPerClientPerSecond: number;
  botBytesPerClientPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  movesPerBotPerSecond: number;
  patchesPerSecond: number;
  /** State-patch bytes (with frame headers) per client per patch. */
  patchBytesPerClientPerPatch: number;
  /** Median share of a patch's wall time spent inside WebSocket#send. */
  sendShareOfPatch: number;
  /** All bot processes together, % of one core. */
  botCpuPct: number;
  /** CPU used on the machine by anything other than this server and these bots during the window, % of one core. */
  otherCpuPct: number;
}

async function runOnce(kind: RoomKind, n: number): Promise<RunResult> {
  progress(`${kind} N=${n}: starting server`);
  const server = forkTs(kind === "grove" ? "groveServer.ts" : "minimalServer.ts");
  const workers: ChildProcess[] = [];
  try {
    const { port } = await nextMessage<FromServer, "ready">(server, "ready", 60_000);
    const url = `http://127.0.0.1:${port}`;
    const workerCount = Math.max(1, Math.min(SETTINGS.workers, n));
    for (let w = 0; w < workerCount; w++) {
      const worker = forkTs("botWorker.ts");
      worker.send({ type: "config", config: { url, kind, seed: 1000 * n + w, decoders: Math.min(n, SETTINGS.decoders) } } satisfies ToWorker);
      workers.push(worker);
    }

    // The first bot creates the room alone; the rest join in batches spread over the workers.
    const ids = Array.from({ length: n }, (_, i) => i);
    const batches = [ids.slice(0, 1)];
    for (let i = 1; i < n; i += SETTINGS.joinBatch) batches.push(ids.slice(i, i + SETTINGS.joinBatch));
    const roomIds = new Set<string>();
    for (const batch of batches) {
      const acks = workers.map(async (worker, w) => {
        const share = batch.filter((id) => id % workerCount === w);
        if (share.length === 0) return;
        worker.send({ type: "join", ids: share } satisfies ToWorker);
        const ack = await nextMessage<FromWorker, "joined">(worker, "joined", 60_000);
        if (ack.failures.length > 0) throw new Error(`${kind}: ${ack.failures.length} bots failed to join: ${ack.failures[0]}`);
        for (const id of ack.roomIds) roomIds.add(id);
      });
      await Promise.all(acks);
    }
    if (roomIds.size !== 1) throw new Error(`${kind}: bots landed in ${roomIds.size} rooms, expected one`);
    progress(`${kind} N=${n}: ${n} bots joined; warming up ${SETTINGS.warmupSeconds} s`);
    await sleep(SETTINGS.warmupSeconds * 1000);

    progress(`${kind} N=${n}: measuring ${SETTINGS.measureSeconds} s`);
    const serverWindow = nextMessage<FromServer, "window">(server, "window", 30_000 + SETTINGS.measureSeconds * 1000);
    const botWindows = workers.map((worker) => nextMessage<FromWorker, "window">(worker, "window", 60_000 + SETTINGS.measureSeconds * 1000));
    const ticksBefore = machineTicks();
    server.send({ type: "window:start" } satisfies ToServer);
    for (const worker of workers) worker.send({ type: "window:start" } satisfies ToWorker);
    await sleep(SETTINGS.measureSeconds * 1000);
    const ticksAfter = machineTicks();
    server.send({ type: "window:end" } satisfies ToServer);
    for (const worker of workers) worker.send({ type: "window:end" } satisfies ToWorker);
    const serverStats = (await serverWindow).stats;
    const bots = mergeBotStats((await Promise.all(botWindows)).map((m) => m.stats));

    const seconds = serverStats.wallMs / 1000;
    const result: RunResult = {
      kind,
      n,
      server: serverStats,
      bots,
      patchCpuMedianUs: percentile(serverStats.patchCpuUs, 50),
      patchCpuP99Us: percentile(serverStats.patchCpuUs, 99),
      patchWallMedianUs: percentile(serverStats.patchWallUs, 50),
      cpuSharePct: (serverStats.cpuUs / 1000 / serverStats.wallMs) * 100,
      bytesPerClientPerSecond: serverStats.bytesOut / n / seconds,
      botBytesPerClientPerSecond: bots.bytesIn / n / SETTINGS.measureSeconds,
      latencyP50Ms: percentile(bots.latenciesMs, 50),
      latencyP99Ms: percentile(bots.latenciesMs, 99),
      movesPerBotPerSecond: bots.movesSent / n / SETTINGS.measureSeconds,
      patchesPerSecond: serverStats.patchCpuUs.length / seconds,
      patchBytesPerClientPerPatch: serverStats.patchBytesOut / n / Math.max(1, serverStats.patchCpuUs.length),
      sendShareOfPatch: percentile(serverStats.patchSendWallUs.map((send, i) => send / Math.max(1e-9, serverStats.patchWallUs[i]!)), 50),
      botCpuPct: bots.cpuUs / 10_000 / SETTINGS.measureSeconds,
      otherCpuPct: Number.NaN,
    };
    if (ticksBefore && ticksAfter && ticksAfter.total > ticksBefore.total) {
      const machinePct = ((ticksAfter.busy - ticksBefore.busy) / (ticksAfter.total - ticksBefore.total)) * cpus().length * 100;
      result.otherCpuPct = Math.max(0, machinePct - result.cpuSharePct - result.botCpuPct);
    }
    progress(
      `${kind} N=${n}: patch CPU median ${fmt(result.patchCpuMedianUs)} µs p99 ${fmt(result.patchCpuP99Us)} µs (${serverStats.patchCpuUs.length} patches), ` +
        `server CPU ${fmt(result.cpuSharePct)} %, ${fmt(result.bytesPerClientPerSecond)} B/client/s, ` +
        `chat p50 ${fmt(result.latencyP50Ms)} ms p99 ${fmt(result.latencyP99Ms)} ms (${bots.latenciesMs.length} samples), ` +
        `${fmt(result.movesPerBotPerSecond)} moves/bot/s, bots CPU ${fmt(result.botCpuPct)} %, ` +
        `${fmt(result.patchesPerSecond)} patches/s of ${fmt(result.patchBytesPerClientPerPatch)} B/client, send ${fmt(result.sendShareOfPatch * 100)} % of patch wall, other load ${fmt(result.otherCpuPct)} %, clients ${serverStats.clients}, refusals ${JSON.stringify(bots.errors)}`,
    );
    return result;
  } finally {
    await Promise.all(workers.map((worker) => stopChild(worker, { type: "leave" }, "left")));
    await stopChild(server, { type: "stop" }, "stopped");
  }
}

function mergeBotStats(all: BotWindowStats[]): BotWindowStats {
  const merged: BotWindowStats = { latenciesMs: [], chatsSent: 0, movesSent: 0, bytesIn: 0, statePatches: 0, errors: {}, cpuUs: 0 };
  for (const s of all) {
    for (const sample of s.latenciesMs) merged.latenciesMs.push(sample);
    merged.chatsSent += s.chatsSent;
    merged.movesSent += s.movesSent;
    merged.bytesIn += s.bytesIn;
    merged.statePatches += s.statePatches;
    merged.cpuUs += s.cpuUs;
    for (const [code, count] of Object.entries(s.errors)) merged.errors[code] = (merged.errors[code] ?? 0) + count;
  }
  return merged;
}

interface BundleFile { file: string; raw: number; gzip: number }
type Bundle = { home: BundleFile[]; event: BundleFile[] } | { skipped: string };
interface ManifestChunk { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }

/**
 * Gzip size (zlib default level 6) of the JavaScript each page loads, from Vite's build manifest: `/` loads the
 * entry and its static imports; `/e/demo` also loads the lazily imported event page and everything it imports.
 */
function measureBundle(): Bundle {
  const distDir = join(root, "dist/client");
  const manifestPath = join(distDir, ".vite/manifest.json");
  if (!existsSync(manifestPath) && SETTINGS.build) {
    progress("dist/client/.vite/manifest.json is missing: running `npx vite build`");
    try {
      execFileSync("npx", ["vite", "build"], { cwd: root, stdio: ["ignore", "ignore", "pipe"], timeout: 300_000 });
    } catch (e) {
      const stderr = String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim().split("\n").slice(-3).join(" / ");
      return { skipped: `the client does not build (\`npx vite build\` failed: ${stderr.slice(0, 300)})` };
    }
  }
  if (!existsSync(manifestPath)) return { skipped: "dist/client/.vite/manifest.json does not exist (client not built; BENCH_BUILD=0)" };
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entryKey) return { skipped: "the build manifest names no entry" };
  const closure = (keys: string[], followDynamic: boolean): Set<string> => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || seen.has(key)) return;
      seen.add(key);
      for (const next of chunk.imports ?? []) visit(next);
      if (followDynamic) for (const next of chunk.dynamicImports ?? []) visit(next);
    };
    keys.forEach(visit);
    return seen;
  };
  const sizes = (keys: Set<string>): BundleFile[] =>
    [...keys].map((key) => {
      const file = manifest[key]!.file;
      const bytes = readFileSync(join(distDir, file));
      return { file: `/${file}`, raw: bytes.length, gzip: gzipSync(bytes).length };
    }).filter((f) => f.file.endsWith(".js"));
  return { home: sizes(closure([entryKey], false)), event: sizes(closure([entryKey], true)) };
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function report(results: RunResult[], bundle: Bundle, startedAt: Date, runs: RunResult[], encodes: EncodeResult[]): string {
  const lines: string[] = [];
  const get = (kind: RoomKind, n: number) => results.find((r) => r.kind === kind && r.n === n);
  lines.push(`## Room benchmark (\`npm run bench:room\`)`, "");
  lines.push(`Run ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC on ${machineLine()}. ` +
    `N = ${SETTINGS.counts.join(", ")}; ${SETTINGS.warmupSeconds} s warm-up, ${SETTINGS.measureSeconds} s measured per N and room; ` +
    `${SETTINGS.repeats} repeats per N and room, alternating which room runs first; each figure is the median over the repeats; ` +
    `${SETTINGS.workers} bot processes, joins in batches of ${SETTINGS.joinBatch}.`, "");
  lines.push("**Method.**", "");
  lines.push(
    "- *Setup*: each N starts a fresh server process (`tsx`, its own process so bot CPU is not counted) and the bots in separate worker processes. " +
      "Grove is `startGrove` on a temporary SQLite file with quiet logs; the baseline is `test/bench/MinimalRoom.ts` (float32 x, z, rot per member, " +
      "direction integrated on a 50 ms tick, 50 ms patch rate, chat relayed as-is) on a bare `@colyseus/core` server.",
    "- *Bots*: real colyseus.js 0.16 clients joining without a state class (reflection decoding, as in a browser), reading the decoded members on every " +
      "`onStateChange`; each sends `move {dx,dz}` 10 times a second with a wandering direction (turning back to the middle beyond 10 m) and chats every 5–10 s (uniform).",
    "- *CPU per patch*: `process.cpuUsage()` user+system delta around every `Room.prototype.broadcastPatch` call in the window (encode + send to all clients), in µs; median and p99.",
    "- *Server CPU*: `process.cpuUsage()` user+system of the server process over the window ÷ wall time (100 % = one core).",
    "- *Bytes out*: counted in the server by wrapping `ws` `WebSocket.prototype.send`: payload + WebSocket frame header, no TCP/IP; total ÷ N ÷ window seconds. " +
      "Everything the server sends counts (patches, chat, refusals).",
    "- *Chat latency*: the sender puts `performance.timeOrigin + performance.now()` in the text; every other bot records arrival − send. " +
      "Includes the bots' own event-loop delay: bots and server share the machine's cores.",
    "",
  );
  lines.push("| N | Metric | Grove | Baseline | Grove / baseline |", "|---:|---|---:|---:|---:|");
  for (const n of SETTINGS.counts) {
    const g = get("grove", n);
    const b = get("baseline", n);
    const row = (name: string, pick: (r: RunResult) => number, unit: string, digits?: number) =>
      lines.push(`| ${n} | ${name} | ${g ? fmt(pick(g), digits) + unit : "not run"} | ${b ? fmt(pick(b), digits) + unit : "not run"} | ${g && b ? ratio(pick(g), pick(b)) : "n/a"} |`);
    row("CPU per patch, median", (r) => r.patchCpuMedianUs, " µs", 0);
    row("CPU per patch, p99", (r) => r.patchCpuP99Us, " µs", 0);
    row("Server CPU share", (r) => r.cpuSharePct, " %", 1);
    row("Bytes out per client per second", (r) => r.bytesPerClientPerSecond, " B/s", 0);
    row("Chat latency p50", (r) => r.latencyP50Ms, " ms", 2);
    row("Chat latency p99", (r) => r.latencyP99Ms, " ms", 2);
  }
  lines.push("");
  lines.push("Sanity checks, per room and N: state patches per second the server achieved (nominal 20), wall time of a patch (median; CPU per patch also counts V8's helper threads, wall time does not), patch bytes per client per patch, " +
    "share of a patch's wall time spent inside `WebSocket#send` (the rest is mostly encoding), moves sent per bot per second (nominal 10), " +
    "CPU of all bot processes (% of one core), chats sent and latency samples in the window, bytes per client per second as the bots received them " +
    "(payload only, a cross-check), refusals the server sent, and CPU used by other processes on the machine during the window (% of one core, from /proc/stat).", "");
  lines.push("| Room | N | Patches/s | Patch wall, median | Patch B/client | Send share | Moves/bot/s | Bots CPU | Chats | Latency samples | Bot-side B/client/s | Refusals | Other load |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
  for (const r of results) {
    const refusals = Object.entries(r.bots.errors).map(([code, count]) => `${code} ${count}`).join(", ") || "none";
    lines.push(`| ${r.kind} | ${r.n} | ${fmt(r.patchesPerSecond, 1)} | ${fmt(r.patchWallMedianUs, 0)} µs | ${fmt(r.patchBytesPerClientPerPatch, 0)} | ${fmt(r.sendShareOfPatch * 100, 0)} % | ` +
      `${fmt(r.movesPerBotPerSecond, 2)} | ${fmt(r.botCpuPct, 0)} % | ${r.bots.chatsSent} | ${r.bots.latenciesMs.length} | ${fmt(r.botBytesPerClientPerSecond, 0)} | ${refusals} | ${fmt(r.otherCpuPct, 0)} % |`);
  }
  lines.push("");
  lines.push("**Targets** (on the medians over the repeats).", "");
  for (const line of targetLines(results)) lines.push(`- ${line}`);
  lines.push("");
  lines.push("**Repeats** (how much the comparison moves between runs on this machine).", "");
  for (const line of repeatLines(runs)) lines.push(`- ${line}`);
  lines.push("");
  lines.push("**Encoding only** (`test/bench/encode.ts`: the same walk of N members encoded with each room's state classes in one process, " +
    "no sockets; median of 2000 patches, better of two alternating rounds). This is the part of a patch the room's design controls.", "");
  lines.push("| N | Grove encode | Baseline encode | Ratio | Grove bytes/patch | Baseline bytes/patch | Ratio |", "|---:|---:|---:|---:|---:|---:|---:|");
  for (const e of encodes) {
    lines.push(`| ${e.n} | ${fmt(e.groveUs, 1)} µs | ${fmt(e.baselineUs, 1)} µs | ${ratio(e.groveUs, e.baselineUs)} | ${fmt(e.groveBytes, 0)} | ${fmt(e.baselineBytes, 0)} | ${ratio(e.groveBytes, e.baselineBytes)} |`);
  }
  lines.push("");
  lines.push("**Client bundle** (the JavaScript each page loads, from Vite's build manifest; gzip with zlib's default level 6).", "");
  if ("skipped" in bundle) {
    lines.push(`Skipped: ${bundle.skipped}.`);
  } else {
    const total = (files: BundleFile[], pick: (f: BundleFile) => number) => files.reduce((s, f) => s + pick(f), 0);
    lines.push(`- \`/e/demo\` (entry, then the lazily loaded event page): **${kib(total(bundle.event, (f) => f.gzip))} gzip** (${kib(total(bundle.event, (f) => f.raw))} raw) in ${bundle.event.length} files.`);
    lines.push(`- \`/\` (the event list): **${kib(total(bundle.home, (f) => f.gzip))} gzip** (${kib(total(bundle.home, (f) => f.raw))} raw) in ${bundle.home.length} files.`, "");
    lines.push("| File | Raw | Gzip | Loaded by |", "|---|---:|---:|---|");
    const home = new Set(bundle.home.map((f) => f.file));
    for (const f of bundle.event) lines.push(`| \`${f.file}\` | ${kib(f.raw)} | ${kib(f.gzip)} | ${home.has(f.file) ? "`/` and `/e/demo`" : "`/e/demo`"} |`);
  }
  return lines.join("\n");
}

/**
 * One result per room and N from its repeats: every figure is the median over the repeats; the raw window
 * statistics (sample counts, refusals) are those of the repeat whose CPU per patch is the median one.
 */
function combineRepeats(all: RunResult[]): RunResult[] {
  const combined: RunResult[] = [];
  for (const n of SETTINGS.counts) {
    for (const kind of SETTINGS.kinds) {
      const group = all.filter((r) => r.kind === kind && r.n === n);
      if (group.length === 0) continue;
      const byCpu = [...group].sort((a, b) => a.patchCpuMedianUs - b.patchCpuMedianUs);
      const representative = byCpu[Math.floor((byCpu.length - 1) / 2)]!;
      const result: RunResult = { ...representative };
      for (const key of Object.keys(result) as Array<keyof RunResult>) {
        if (typeof result[key] === "number" && key !== "n") (result[key] as number) = median(group.map((r) => r[key] as number));
      }
      combined.push(result);
    }
  }
  return combined;
}

function repeatLines(all: RunResult[]): string[] {
  const lines: string[] = [];
  for (const n of SETTINGS.counts) {
    const grove = all.filter((r) => r.kind === "grove" && r.n === n);
    const baseline = all.filter((r) => r.kind === "baseline" && r.n === n);
    if (grove.length === 0 || baseline.length === 0) continue;
    const cpu = grove.map((g, i) => (baseline[i] ? ratio(g.patchCpuMedianUs, baseline[i]!.patchCpuMedianUs) : "n/a"));
    const bytes = grove.map((g, i) => (baseline[i] ? ratio(g.bytesPerClientPerSecond, baseline[i]!.bytesPerClientPerSecond) : "n/a"));
    lines.push(`N=${n}: CPU per patch (median) Grove / baseline per repeat ${cpu.join(", ")}; bytes ${bytes.join(", ")}; ` +
      `Grove chat p99 per repeat ${grove.map((g) => `${fmt(g.latencyP99Ms, 1)} ms`).join(", ")}`);
  }
  return lines;
}

function targetLines(results: RunResult[]): string[] {
  const lines: string[] = [];
  const get = (kind: RoomKind, n: number) => results.find((r) => r.kind === kind && r.n === n);
  for (const n of SETTINGS.counts) {
    const g = get("grove", n);
    const b = get("baseline", n);
    if (!g || !b) continue;
    const cpuOk = g.patchCpuMedianUs <= b.patchCpuMedianUs;
    lines.push(`${cpuOk ? "PASS" : "FAIL"} N=${n}: Grove CPU per patch (median) ${fmt(g.patchCpuMedianUs, 0)} µs ≤ baseline ${fmt(b.patchCpuMedianUs, 0)} µs (${ratio(g.patchCpuMedianUs, b.patchCpuMedianUs)})`);
    const bytesOk = g.bytesPerClientPerSecond < b.bytesPerClientPerSecond;
    lines.push(`${bytesOk ? "PASS" : "FAIL"} N=${n}: Grove bytes per client per second ${fmt(g.bytesPerClientPerSecond, 0)} < baseline ${fmt(b.bytesPerClientPerSecond, 0)} (${ratio(g.bytesPerClientPerSecond, b.bytesPerClientPerSecond)})`);
  }
  for (const r of results) {
    if (r.otherCpuPct > 25) {
      lines.push(`WARNING ${r.kind} N=${r.n}: other processes used ${fmt(r.otherCpuPct, 0)} % of a core during the window; re-run on an idle machine`);
    }
    if (r.movesPerBotPerSecond < 9.5 || r.patchesPerSecond < 18) {
      lines.push(`WARNING ${r.kind} N=${r.n}: the machine did not keep up (${fmt(r.movesPerBotPerSecond, 2)} moves/bot/s of 10, ` +
        `${fmt(r.patchesPerSecond, 1)} patches/s of 20, bots ${fmt(r.botCpuPct, 0)} % CPU): figures include load-generator contention`);
    }
  }
  const g200 = get("grove", LATENCY_TARGET_N);
  if (g200) {
    const ok = g200.latencyP99Ms < LATENCY_TARGET_MS;
    lines.push(`${ok ? "PASS" : "FAIL"} N=${LATENCY_TARGET_N}: Grove chat latency p99 ${fmt(g200.latencyP99Ms, 2)} ms < ${LATENCY_TARGET_MS} ms`);
  } else {
    lines.push(`NOT RUN: chat latency p99 < ${LATENCY_TARGET_MS} ms at N=${LATENCY_TARGET_N} (Grove was not run at N=${LATENCY_TARGET_N})`);
  }
  return lines;
}

const startedAt = new Date();
progress(`settings ${JSON.stringify(SETTINGS)}`);
const bundle = measureBundle();
progress("skipped" in bundle ? `bundle: skipped (${bundle.skipped})` : `bundle: / loads ${bundle.home.length} files, /e/demo ${bundle.event.length}`);
const runs: RunResult[] = [];
for (const n of SETTINGS.counts) {
  for (let repeat = 0; repeat < SETTINGS.repeats; repeat++) {
    // Alternate the order so that drift in the machine's state does not always favour the same room.
    const kinds = repeat % 2 === 0 ? SETTINGS.kinds : [...SETTINGS.kinds].reverse();
    for (const kind of kinds) runs.push(await runOnce(kind, n));
  }
}
const results = combineRepeats(runs);
const encodes = SETTINGS.counts.map((n) => measureEncode(n));
const section = report(results, bundle, startedAt, runs, encodes);
process.stdout.write(`${section}\n`);
if (SETTINGS.writeDocs) {
  writeDocsSection(section, START_MARKER, END_MARKER);
  progress("wrote docs/benchmarks.md");
}
