/**
 * `npm run bench:moderation`: how long a line that needs a host takes to reach the hosts' queue (issue 11,
 * "Measured"). 200 bots in two instances of one session chat at a person's pace (a line every 2–5 s each): mostly
 * lines that need no one, a share that need a host (help or negative, which the classifier queues: the probes, each
 * carrying its send time), and, from a few rough bots, lines with listed words (masked; their senders end up muted
 * automatically). One host client, in the first instance, notes when each line first shows in its `moderationHost`
 * queue and works the queue. Flag → queue latency stands beside the same run's chat latency (send → the line
 * arriving at each other member of its instance). The server (the session bench's sessionServer.ts) and the bots
 * run in their own processes; see test/bench/README.md. Prints a report and writes it into docs/benchmarks.md
 * between the bench:moderation markers.
 */
import type { ChildProcess } from "node:child_process";
import { cpus } from "node:os";
import { join } from "node:path";
import { defaultExceptions, defaultWords } from "../../server/moderation/words.js";
import { classify } from "../../shared/rules/moderation/classify.js";
import { buildFilter, filterText } from "../../shared/rules/moderation/filter.js";
import {
  QUIET_LOAD,
  REPO_ROOT,
  envNumber,
  fmt,
  forkTs,
  joinBots,
  machineLine,
  machineLoad,
  machineTicks,
  nextMessage,
  percentile,
  sleep,
  startSessionServer,
  stopChild,
  writeDocsSection,
} from "./benchKit.js";
import { nowMs } from "./messages.js";
import {
  FLAGGED_LINES,
  NEUTRAL_LINES,
  ROUGH_LINES,
  lineText,
  type FromModerationWorker,
  type LineKind,
  type ProbeSent,
  type QueueSeen,
  type ToModerationWorker,
} from "./moderationMessages.js";
import type { FromSessionServer, ToSessionServer } from "./sessionMessages.js";

const SETTINGS = {
  /** Bots, split over two instances (the event's capacity is half of it); bot 0 is the host and does not chat. */
  bots: envNumber("BENCH_BOTS", 200),
  /** The measured window, at least; it runs on (up to `maxSeconds`) until `probes` probes were sent in it. */
  seconds: envNumber("BENCH_SECONDS", 80),
  maxSeconds: envNumber("BENCH_MAX_SECONDS", 120),
  probes: envNumber("BENCH_PROBES", 220),
  /** Each bot's next line comes this long after its last: drawn between these, ms. */
  lineMinMs: envNumber("BENCH_LINE_MIN_MS", 2000),
  lineMaxMs: envNumber("BENCH_LINE_MAX_MS", 5000),
  /** Share of a (not rough) bot's lines that need a host: help or negative, queued by the classifier. */
  flaggedShare: envNumber("BENCH_FLAGGED_SHARE", 0.06),
  /** Every this many bots, one talks rough (ids ≡ 5 mod it), a `roughShare` of its lines carrying listed words. */
  roughEvery: envNumber("BENCH_ROUGH_EVERY", 10),
  roughShare: envNumber("BENCH_ROUGH_SHARE", 0.25),
  /** The host marks the oldest waiting line handled every this many ms (0: never). */
  handleEveryMs: envNumber("BENCH_HANDLE_EVERY_MS", 1000),
  /** Seconds of chat before the window (the first mutes, the queue filling), and after it for the last lines to land. */
  chatWarmupSeconds: envNumber("BENCH_CHAT_WARMUP", 10),
  settleSeconds: envNumber("BENCH_SETTLE", 3),
  warmupSeconds: envNumber("BENCH_WARMUP", 3),
  workers: envNumber("BENCH_WORKERS", 4),
  joinBatch: envNumber("BENCH_JOIN_BATCH", 20),
  move: process.env.BENCH_MOVE !== "0",
  seed: envNumber("BENCH_SEED", 11),
  writeDocs: process.env.BENCH_WRITE !== "0",
  /** A sentence for the report about the conditions of the run. */
  note: process.env.BENCH_NOTE ?? "",
};
const START_MARKER = "<!-- bench:moderation:start -->";
const END_MARKER = "<!-- bench:moderation:end -->";
const SLUG = "bench-moderation";
const HOST_ID = 0;

function progress(message: string): void {
  process.stderr.write(`[bench:moderation ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/**
 * The bench measures what it means to only if its lines do what they are for: a line that needs no one is neither
 * masked nor queued, a probe is queued and not masked (so that the queue shows the text sent), a rough line is
 * masked. Checked with the shipped word list and the classifier before anything starts.
 */
function checkLines(): void {
  const filter = buildFilter(defaultWords(), defaultExceptions());
  const wrong: string[] = [];
  const check = (pool: readonly string[], kind: LineKind) => {
    for (const line of pool) {
      const text = lineText("bot-123", nowMs(), line);
      const masked = filterText(filter, text).masked;
      const flagged = classify(text).tags.length > 0;
      if (kind === "neutral" ? masked || flagged : kind === "flagged" ? masked || !flagged : !masked) wrong.push(`${kind}: ${line} (masked ${masked}, flagged ${flagged})`);
    }
  };
  check(NEUTRAL_LINES, "neutral");
  check(FLAGGED_LINES, "flagged");
  check(ROUGH_LINES, "rough");
  if (wrong.length > 0) throw new Error(`lines that would not do their part:\n${wrong.join("\n")}`);
}

type Collected = Extract<FromModerationWorker, { type: "collected" }>;

interface Result {
  bots: number;
  instances: number;
  instanceSizes: number[];
  roughBots: number;
  seconds: number;
  /** Flagged line sent → first shown in the host's queue: all, from the host's instance, from the other. */
  flag: { all: number[]; same: number[]; other: number[]; probes: number; missing: number; masked: number };
  /** The probes of the host's instance: sent → the host's `chat` event, and that event → the host's queue. */
  split: { chatMs: number[]; queueAfterChatMs: number[] };
  /** Sent → the flag's `at`: the server's clock as it submits `lineFlagged` (its Date.now against the sender's clock: approximate). */
  loggedMs: number[];
  chat: { all: number[]; host: number[] };
  sent: Record<LineKind, number>;
  masked: number;
  handled: number;
  hostViews: Collected["hostViews"];
  commandMs: number[];
  errors: Record<string, number>;
  botCpuPct: number;
  machinePct: number;
  movesPerBotPerSecond: number;
}

async function bench(): Promise<Result> {
  const n = SETTINGS.bots;
  const capacity = Math.ceil(n / 2);
  progress(`starting server (capacity ${capacity})`);
  const server = await startSessionServer({ appPath: join(REPO_ROOT, "server/app.ts"), events: [{ slug: SLUG, capacity }], timeCommands: true }, SLUG);
  const workers: ChildProcess[] = [];
  const probes: ProbeSent[] = [];
  try {
    const roughIds = Array.from({ length: n }, (_, i) => i).filter((id) => id !== HOST_ID && id % SETTINGS.roughEvery === 5 % SETTINGS.roughEvery);
    const workerCount = Math.max(1, Math.min(SETTINGS.workers, n));
    for (let w = 0; w < workerCount; w++) {
      const worker = forkTs("moderationBotWorker.ts");
      worker.send({
        type: "config",
        config: {
          url: server.url,
          slug: SLUG,
          hostId: HOST_ID,
          hostToken: server.hostToken,
          move: SETTINGS.move,
          lineMinMs: SETTINGS.lineMinMs,
          lineMaxMs: SETTINGS.lineMaxMs,
          flaggedShare: SETTINGS.flaggedShare,
          roughIds,
          roughShare: SETTINGS.roughShare,
          handleEveryMs: SETTINGS.handleEveryMs,
          seed: SETTINGS.seed,
        },
      } satisfies ToModerationWorker);
      worker.on("message", (message: FromModerationWorker) => {
        if (message.type === "probe") probes.push(message.probe);
      });
      workers.push(worker);
    }
    const roomOf = await joinBots(workers, n, SETTINGS.joinBatch, HOST_ID);
    const instanceIds = [...new Set(roomOf.values())];
    if (instanceIds.length !== Math.ceil(n / capacity)) throw new Error(`${n} bots landed in ${instanceIds.length} instances with capacity ${capacity}`);
    const instanceSizes = instanceIds.map((roomId) => [...roomOf.values()].filter((r) => r === roomId).length);
    progress(`${n} bots in ${instanceIds.length} instance(s) of ${instanceSizes.join(" + ")} (the host in the first); ${roughIds.length} rough; warming up ${SETTINGS.warmupSeconds} s`);
    await sleep(SETTINGS.warmupSeconds * 1000);

    const collect = () => Promise.all(workers.map((worker) => {
      worker.send({ type: "collect" } satisfies ToModerationWorker);
      return nextMessage<FromModerationWorker, "collected">(worker, "collected", 60_000);
    }));
    const commandTimes = () => {
      server.child.send({ type: "commands" } satisfies ToSessionServer);
      return nextMessage<FromSessionServer, "commands">(server.child, "commands", 30_000);
    };

    for (const worker of workers) worker.send({ type: "chat" } satisfies ToModerationWorker);
    progress(`chatting; the window opens in ${SETTINGS.chatWarmupSeconds} s`);
    await sleep(SETTINGS.chatWarmupSeconds * 1000);
    await collect();
    await commandTimes();
    const ticksBefore = machineTicks();
    const started = performance.now();
    const windowStartMs = nowMs();
    const inWindow = () => probes.filter((p) => p.sentAtMs >= windowStartMs).length;
    for (;;) {
      await sleep(1000);
      const elapsed = (performance.now() - started) / 1000;
      if ((elapsed >= SETTINGS.seconds && inWindow() >= SETTINGS.probes) || elapsed >= SETTINGS.maxSeconds) break;
      if (Math.round(elapsed) % 20 === 0) progress(`window ${fmt(elapsed, 0)} s: ${inWindow()} probes sent`);
    }
    for (const worker of workers) worker.send({ type: "quiet" } satisfies ToModerationWorker);
    const seconds = (performance.now() - started) / 1000;
    await sleep(SETTINGS.settleSeconds * 1000);
    const ticksAfter = machineTicks();
    const collected = await collect();
    const { ms: commandMs } = await commandTimes();

    const windowProbes = probes.filter((p) => p.sentAtMs >= windowStartMs);
    const queue = new Map<string, QueueSeen>();
    for (const c of collected) for (const seen of c.queue) if (!queue.has(seen.text)) queue.set(seen.text, seen);
    const hostChat = new Map<string, number>();
    for (const c of collected) for (const line of c.hostChat) hostChat.set(line.text, line.arrivedAtMs);
    const hostRoom = roomOf.get(HOST_ID);
    const flag: Result["flag"] = { all: [], same: [], other: [], probes: windowProbes.length, missing: 0, masked: 0 };
    const split: Result["split"] = { chatMs: [], queueAfterChatMs: [] };
    const loggedMs: number[] = [];
    for (const probe of windowProbes) {
      const seen = queue.get(probe.text);
      if (!seen) {
        flag.missing++;
        // A probe's queued text differing from the sent one would mean it was masked: the bench's lines are checked against that.
        if ([...queue.values()].some((q) => q.text.includes(`bot-${probe.botId} ${probe.sentAtMs.toFixed(3)}`))) flag.masked++;
        continue;
      }
      const latency = seen.arrivedAtMs - probe.sentAtMs;
      flag.all.push(latency);
      loggedMs.push(seen.flaggedAt - probe.sentAtMs);
      if (roomOf.get(probe.botId) === hostRoom) {
        flag.same.push(latency);
        const chatAt = hostChat.get(probe.text);
        if (chatAt !== undefined) {
          split.chatMs.push(chatAt - probe.sentAtMs);
          split.queueAfterChatMs.push(seen.arrivedAtMs - chatAt);
        }
      } else {
        flag.other.push(latency);
      }
    }
    const errors: Record<string, number> = {};
    const sent: Record<LineKind, number> = { neutral: 0, flagged: 0, rough: 0 };
    for (const c of collected) {
      for (const [code, count] of Object.entries(c.errors)) errors[code] = (errors[code] ?? 0) + count;
      for (const kind of Object.keys(sent) as LineKind[]) sent[kind] += c.sent[kind];
    }
    const host = collected[HOST_ID % workerCount]!;
    const result: Result = {
      bots: n,
      instances: instanceIds.length,
      instanceSizes,
      roughBots: roughIds.length,
      seconds,
      flag,
      split,
      loggedMs,
      chat: { all: collected.flatMap((c) => c.chatMs), host: host.hostChatMs },
      sent,
      masked: collected.reduce((sum, c) => sum + c.masked, 0),
      handled: host.handled,
      hostViews: host.hostViews,
      commandMs,
      errors,
      botCpuPct: collected.reduce((sum, c) => sum + c.cpuUs, 0) / 10_000 / seconds,
      machinePct: ticksBefore && ticksAfter && ticksAfter.total > ticksBefore.total
        ? ((ticksAfter.busy - ticksBefore.busy) / (ticksAfter.total - ticksBefore.total)) * cpus().length * 100
        : Number.NaN,
      movesPerBotPerSecond: collected.reduce((sum, c) => sum + c.movesSent, 0) / n / seconds,
    };
    progress(`flag → queue p50 ${fmt(percentile(flag.all, 50))} ms p99 ${fmt(percentile(flag.all, 99))} ms (${flag.all.length}/${flag.probes}), ` +
      `chat p50 ${fmt(percentile(result.chat.all, 50))} ms p99 ${fmt(percentile(result.chat.all, 99))} ms (${result.chat.all.length}), ` +
      `bots CPU ${fmt(result.botCpuPct, 0)} %, machine ${fmt(result.machinePct, 0)} %, refusals ${JSON.stringify(errors)}`);
    return result;
  } finally {
    await Promise.all(workers.map((worker) => stopChild(worker, { type: "leave" } satisfies ToModerationWorker, "left")));
    await stopChild(server.child, { type: "stop" } satisfies ToSessionServer, "stopped");
  }
}

// Report -------------------------------------------------------------------------------------------------

interface Results {
  startedAt: Date;
  loadBefore: { text: string; quiet: boolean };
  loadAfter: { text: string; quiet: boolean };
  result: Result;
}

const tally = (record: Record<string, number>) => Object.entries(record).sort((a, b) => b[1] - a[1]).map(([key, count]) => `${key} ${count.toLocaleString("en")}`).join(", ") || "none";
const row = (label: string, values: number[], samples: string) =>
  `| ${label} | ${samples} | ${fmt(percentile(values, 50), 1)} ms | ${fmt(percentile(values, 99), 1)} ms | ${fmt(percentile(values, 100), 1)} ms |`;

function report(r: Results): string {
  const x = r.result;
  const lines: string[] = [];
  lines.push("## Moderation benchmark (`npm run bench:moderation`)", "");
  lines.push(`Run ${r.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC on ${machineLine()}. Machine before the run: ${r.loadBefore.text}; after: ${r.loadAfter.text}.`, "");
  if (!r.loadBefore.quiet || !r.loadAfter.quiet) {
    lines.push(`**The machine was not quiet** (a 1-minute load average of ${QUIET_LOAD} or more, or test runners going)${SETTINGS.note ? `: ${SETTINGS.note.replace(/\.$/, "")}` : ""}. ` +
      "Absolute figures are slower and noisier than on an idle machine; compare the flag and chat rows, which share the run.", "");
  } else if (SETTINGS.note) {
    lines.push(SETTINGS.note, "");
  }
  const linesPerSecond = (x.sent.neutral + x.sent.flagged + x.sent.rough) / x.seconds;
  lines.push("**Method.**", "");
  lines.push(`- ${x.bots} bots (colyseus.js, reflection decoding, ${SETTINGS.workers} worker processes${SETTINGS.move ? ", each sending `move` ten times a second" : ", not walking"}) ` +
    `in one event of capacity ${Math.ceil(x.bots / 2)}: two instances of one session in one server process (\`startGrove\`, temporary SQLite, the shipped word list, quiet; the server's limits unchanged). ` +
    `Bot ${HOST_ID} is the host, in the first instance; it does not chat. Every other bot sends a chat line every ${fmt(SETTINGS.lineMinMs / 1000, 0)}–${fmt(SETTINGS.lineMaxMs / 1000, 0)} s (drawn per line, seeded): ` +
    `mostly lines that need no one (greetings, questions to the speaker, small talk, in English and Chinese); ${fmt(SETTINGS.flaggedShare * 100, 0)} % lines that need a host ` +
    "(someone who cannot hear, is stuck, or is fed up: the classifier tags them help or negative, and the server logs `lineFlagged`, which puts them in the hosts' queue); " +
    `and one bot in ${SETTINGS.roughEvery} talks rough instead, ${fmt(SETTINGS.roughShare * 100, 0)} % of its lines with a listed word (masked for everyone; three within two minutes mute the sender automatically). ` +
    "The bench checks before it starts that its calm lines are neither masked nor tagged, its flagged lines tagged and not masked, and its rough lines masked (the shipped list, `classify`).",
    `- Every line starts with its sender and send time (\`performance.timeOrigin + performance.now()\`). A flagged line is a *probe*: its worker reports its text and send time as it goes. ` +
    "The host's worker notes the moment each line first appears in a `moderationHost` event's queue, and the probe is matched to it by its text; " +
    `the host works the queue, marking the oldest waiting line handled every ${fmt(SETTINGS.handleEveryMs / 1000, 1)} s (\`resolveFlag\`). ` +
    "Chat latency, the baseline, is every line's send → its `chat` event at each other bot of its instance, in the same window. " +
    `${SETTINGS.chatWarmupSeconds} s of chat before the window is left out; the window ran ${fmt(x.seconds, 0)} s (at least ${SETTINGS.seconds} s and ${SETTINGS.probes} probes), then ${SETTINGS.settleSeconds} s for the last lines to land. ` +
    "The room sends moderation's views in the salon's coalesced flush, at most one per 50 ms; a line reaches the queue through the session's log (checked, numbered, logged, published, applied by each instance), " +
    "so a probe from the other instance crosses instances as any session command does.",
    "");

  lines.push("**Flagged line → host's queue, beside chat** (sender's send → shown).", "");
  lines.push("| Path | Samples | p50 | p99 | max |", "|---|---:|---:|---:|---:|");
  lines.push(row("Flagged line → the host's queue (`moderationHost`)", x.flag.all, `${x.flag.all.length} / ${x.flag.probes} probes`));
  lines.push(row("… sent from the host's instance", x.flag.same, String(x.flag.same.length)));
  lines.push(row("… sent from the other instance", x.flag.other, String(x.flag.other.length)));
  lines.push(row("Chat line → each other member of its instance (`chat`)", x.chat.all, x.chat.all.length.toLocaleString("en")));
  lines.push(row("Chat line → the host (`chat`, its instance)", x.chat.host, x.chat.host.length.toLocaleString("en")));
  lines.push("");
  lines.push(`For the probes of the host's instance, the same client's two arrivals: send → the line in its chat ${fmt(percentile(x.split.chatMs, 50), 1)} ms p50 (${fmt(percentile(x.split.chatMs, 99), 1)} ms p99), ` +
    `then chat → queue ${fmt(percentile(x.split.queueAfterChatMs, 50), 1)} ms p50 (${fmt(percentile(x.split.queueAfterChatMs, 99), 1)} ms p99) over ${x.split.chatMs.length} probes. ` +
    `Send → the server submitting \`lineFlagged\` (the flag's \`at\`, the server's \`Date.now\` against the sender's clock: approximate): ${fmt(percentile(x.loggedMs, 50), 1)} ms p50, ${fmt(percentile(x.loggedMs, 99), 1)} ms p99. ` +
    `Probes missing from the queue: ${x.flag.missing}${x.flag.masked ? ` (${x.flag.masked} masked)` : ""}.`, "");
  lines.push(`The window's traffic: ${fmt(linesPerSecond, 1)} lines a second (${x.sent.neutral.toLocaleString("en")} calm, ${x.sent.flagged} flagged, ${x.sent.rough} rough), ` +
    `${x.masked} masked (the senders told), ${x.hostViews.autoMutes} automatic mutes in the log by the end, ${x.hostViews.mutes} in force; the host marked ${x.handled} lines handled. ` +
    `The host got ${x.hostViews.count.toLocaleString("en")} \`moderationHost\` events (${fmt(x.hostViews.count / x.seconds, 1)} a second, ${fmt(x.hostViews.meanChars / 1000, 1)} k characters of JSON on average); ` +
    `its queue held ${x.hostViews.queue} lines at the end, ${x.hostViews.waiting} waiting. ` +
    `Server: \`LiveSession#submit\` (check, sequence number, log write, publish, applied here) ${fmt(percentile(x.commandMs, 50), 1)} ms p50, ${fmt(percentile(x.commandMs, 99), 1)} ms p99 over the window's ${x.commandMs.length} session commands (flags, offences, mutes, handled). ` +
    `Moves ${fmt(x.movesPerBotPerSecond, 1)} per bot per second. Bots CPU ${fmt(x.botCpuPct, 0)} % and machine CPU ${fmt(x.machinePct, 0)} % of one core over the window (\`process.cpuUsage\`, /proc/stat). ` +
    `Refusals: ${tally(x.errors)}.`, "");

  lines.push("**How to read it.**", "");
  if (x.flag.all.length && x.chat.all.length) {
    lines.push(`- A line that needs a host is in the host's queue ${fmt(percentile(x.flag.all, 50), 0)} ms after it is sent at the median (p99 ${fmt(percentile(x.flag.all, 99), 0)} ms), ` +
      `against ${fmt(percentile(x.chat.all, 50), 0)} ms (p99 ${fmt(percentile(x.chat.all, 99), 0)} ms) for a chat line to reach the members of its instance in the same run. ` +
      "A chat line is relayed to its instance as it arrives; a flagged one then goes through the classifier and the session's log and waits for the room's next flush, " +
      "whose `moderationHost` event carries the host's whole view (queue, log, mutes), so the difference between the rows is what the log, the flush and the larger message add.");
    lines.push(`- From the host's own instance the queue shows a probe ${fmt(percentile(x.flag.same, 50), 0)} ms after it is sent (median), from the other ${fmt(percentile(x.flag.other, 50), 0)} ms: ` +
      "both instances live in one process and share its replica of the session.");
  }
  lines.push("- Nothing here asserts on time: on a shared 2-core machine the bots' decoding and the server share the cores, and absolute figures move by a factor of two with the load.");
  return lines.join("\n");
}

// Main ---------------------------------------------------------------------------------------------------

checkLines();
const startedAt = new Date();
const loadBefore = machineLoad("bench:moderation");
progress(`settings ${JSON.stringify(SETTINGS)}; ${loadBefore.text}`);
const result = await bench();
const results: Results = { startedAt, loadBefore, loadAfter: machineLoad("bench:moderation"), result };
const section = report(results);
process.stdout.write(`${section}\n`);
if (SETTINGS.writeDocs) {
  writeDocsSection(section, START_MARKER, END_MARKER);
  progress("wrote docs/benchmarks.md");
}
process.exit(0);
