/**
 * `npm run bench:session`: what the live-session layer costs.
 *  1. Replay: rebuilding a session's state from 100,000 logged commands (read + parse, reduce, `LiveSession.open`).
 *  2. Joins: join-to-welcome latency against this checkout and, in the same run, against the commit before the
 *     session layer (checked out beside it with `git worktree`): a session's first join, sequential and concurrent
 *     joins, and the first join after a restart onto a session whose log holds 100,000 commands.
 *  3. Announcement fan-out: 200 bots in one instance, then split across two instances of one session; host bots
 *     post announcements and every other bot notes when it decodes each from the state.
 * Servers and bots run in their own processes; see test/bench/README.md. Prints a report and writes it into
 * docs/benchmarks.md between the bench:session markers.
 */
import { execFileSync, execSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { LocalPresence } from "@colyseus/core";
import { Client, type Room } from "colyseus.js";
import { LiveSession } from "../../server/session/LiveSession.js";
import { Store } from "../../server/store/index.js";
import type { JoinOptions } from "../../shared/protocol/index.js";
import { ANNOUNCE_RATE } from "../../shared/rules/rateLimit.js";
import { replaySession } from "../../shared/rules/session.js";
import { QUIET_LOAD, REPO_ROOT, fmt, forkTs, machineLine, machineLoad, machineTicks, median, spread, nextMessage, percentile, ratio, sleep, stopChild, writeDocsSection } from "./benchKit.js";
import { nowMs } from "./messages.js";
import { fillSessionLog, removeBenchSession } from "./sessionLog.js";
import type { AnnouncementSample, FromSessionServer, FromSessionWorker, SessionServerConfig, ToSessionServer, ToSessionWorker } from "./sessionMessages.js";

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) ? value : fallback;
}

type Part = "replay" | "joins" | "fanout";
const SETTINGS = {
  parts: (process.env.BENCH_PARTS ?? "replay,joins,fanout").split(/[\s,]+/).filter((p): p is Part => p === "replay" || p === "joins" || p === "fanout"),
  /** Logged commands for the replay and for the first join after a restart. */
  commands: envNumber("BENCH_COMMANDS", 100_000),
  replayRepeats: envNumber("BENCH_REPLAY_REPEATS", 5),
  /** Fresh servers per version for the join timings (alternating which version goes first). */
  joinRepeats: envNumber("BENCH_JOIN_REPEATS", 3),
  sequentialJoins: envNumber("BENCH_SEQUENTIAL_JOINS", 30),
  concurrentJoins: envNumber("BENCH_CONCURRENT_JOINS", 50),
  /** The commit before the session layer; empty: no baseline. */
  baselineRef: process.env.BENCH_BASELINE_REF ?? "e4422a2",
  bots: envNumber("BENCH_BOTS", 200),
  /** The two layouts of the fan-out: every bot in one instance, and the bots split over two (capacity bots ÷ 2). */
  announcements: envNumber("BENCH_ANNOUNCEMENTS", 20),
  spacingMs: envNumber("BENCH_ANNOUNCE_SPACING_MS", 1000),
  fanoutRepeats: envNumber("BENCH_FANOUT_REPEATS", 2),
  warmupSeconds: envNumber("BENCH_WARMUP", 3),
  workers: envNumber("BENCH_WORKERS", 4),
  joinBatch: envNumber("BENCH_JOIN_BATCH", 20),
  move: process.env.BENCH_MOVE !== "0",
  writeDocs: process.env.BENCH_WRITE !== "0",
  /** A sentence for the report about the conditions of the run. */
  note: process.env.BENCH_NOTE ?? "",
};
const START_MARKER = "<!-- bench:session:start -->";
const END_MARKER = "<!-- bench:session:end -->";
const LOOK = { color: "#2e86ab", shape: "round", accessory: "none" } as const;
const FANOUT_SLUG = "bench-fanout";
const WARMUP_SLUG = "bench-warmup";
const CURRENT_APP = join(REPO_ROOT, "server/app.ts");

function progress(message: string): void {
  process.stderr.write(`[bench:session ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// Baseline checkout --------------------------------------------------------------------------------------

interface Baseline {
  ref: string;
  commit: string;
  appPath: string;
  how: string;
  remove(): void;
}

/**
 * The baseline commit beside this checkout: a detached `git worktree` in the temporary folder with this checkout's
 * node_modules linked in (the server's dependencies are the same versions), or, when git refuses a worktree, the
 * commit's files from `git archive`. Either way its own server/app.ts runs under tsx like this checkout's.
 */
function checkoutBaseline(ref: string): Baseline {
  const commit = execFileSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  const dir = join(tmpdir(), `grove-baseline-${process.pid}`);
  const link = () => symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  try {
    execFileSync("git", ["worktree", "add", "--detach", dir, commit], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] });
    link();
    return {
      ref,
      commit,
      appPath: join(dir, "server/app.ts"),
      how: "`git worktree add --detach` in the temporary folder, node_modules linked from this checkout",
      remove() {
        rmSync(join(dir, "node_modules"), { force: true });
        execFileSync("git", ["worktree", "remove", "--force", dir], { cwd: REPO_ROOT, stdio: "ignore" });
      },
    };
  } catch (e) {
    progress(`git worktree failed (${String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim()}); extracting ${ref} with git archive instead`);
    rmSync(dir, { recursive: true, force: true });
    const fallback = mkdtempSync(join(tmpdir(), "grove-baseline-"));
    execSync(`git archive ${commit} | tar -x -C ${JSON.stringify(fallback)}`, { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] });
    symlinkSync(join(REPO_ROOT, "node_modules"), join(fallback, "node_modules"), "dir");
    return {
      ref,
      commit,
      appPath: join(fallback, "server/app.ts"),
      how: "`git archive` into the temporary folder (git refused a worktree), node_modules linked from this checkout",
      remove() {
        unlinkSync(join(fallback, "node_modules"));
        rmSync(fallback, { recursive: true, force: true });
      },
    };
  }
}

// Servers ------------------------------------------------------------------------------------------------

interface RunningServer {
  child: ChildProcess;
  url: string;
  protocolVersion: number;
  hostTokens: Record<string, string>;
  prefillMs: number | undefined;
}

async function startServer(config: SessionServerConfig): Promise<RunningServer> {
  // A checkout's server compiles with its own tsconfig (decorators): tsx takes it from the working directory.
  const child = forkTs("sessionServer.ts", { env: { BENCH_SESSION_SERVER: JSON.stringify(config) }, cwd: resolve(dirname(config.appPath), "..") });
  try {
    const ready = await nextMessage<FromSessionServer, "ready">(child, "ready", 120_000);
    return { child, url: `http://127.0.0.1:${ready.port}`, protocolVersion: ready.protocolVersion, hostTokens: ready.hostTokens, prefillMs: ready.prefillMs };
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
}

function stopServer(server: RunningServer): Promise<void> {
  return stopChild(server.child, { type: "stop" } satisfies ToSessionServer, "stopped");
}

// 1. Replay ------------------------------------------------------------------------------------------------

interface ReplayResult {
  database: string;
  fillMs: number;
  /** Index 0 is the first round (cold caches); the figures are the median of the rounds after it. */
  listMs: number[];
  /** The SQL query of `listSessionCommands` alone (rows fetched, nothing parsed): the rest of listMs is parsing. */
  selectMs: number[];
  reduceMs: number[];
  openMs: number[];
}

async function benchReplay(database: "sqlite" | "postgres"): Promise<ReplayResult> {
  const dir = database === "sqlite" ? mkdtempSync(join(tmpdir(), "grove-replay-bench-")) : undefined;
  const store = await Store.open(dir ? { sqlitePath: join(dir, "grove.sqlite") } : { databaseUrl: process.env.DATABASE_URL });
  const now = Date.now();
  const event = await store.createEvent({ slug: `bench-replay-${process.pid}-${now}`, title: "Bench replay", capacity: 200, now });
  if (!event) throw new Error("the replay bench's event slug is taken");
  const host = await store.createMember({ name: "Bench host", look: LOOK, now });
  const session = await store.openOrResumeSession(event.id, now);
  try {
    progress(`replay (${database}): logging ${SETTINGS.commands} commands`);
    const fillMs = await fillSessionLog(store, { sessionId: session.id, memberId: host.id, count: SETTINGS.commands, lastAt: now });
    const result: ReplayResult = { database, fillMs, listMs: [], selectMs: [], reduceMs: [], openMs: [] };
    const expectedId = `a${SETTINGS.commands}`;
    for (let round = 0; round <= SETTINGS.replayRepeats; round++) {
      let started = performance.now();
      const rows = await store.db.selectFrom("interactions").selectAll().where("session_id", "=", session.id)
        .where("seq", "is not", null).where("seq", ">", 0).orderBy("seq").execute();
      result.selectMs.push(performance.now() - started);
      if (rows.length !== SETTINGS.commands) throw new Error(`the log holds ${rows.length} commands`);
      started = performance.now();
      const commands = await store.listSessionCommands(session.id);
      result.listMs.push(performance.now() - started);
      started = performance.now();
      const state = replaySession(commands);
      result.reduceMs.push(performance.now() - started);
      if (commands.length !== SETTINGS.commands || state.seq !== SETTINGS.commands || state.announcement?.id !== expectedId) {
        throw new Error(`replay rebuilt seq ${state.seq} / ${state.announcement?.id} from ${commands.length} commands`);
      }
      const presence = new LocalPresence();
      started = performance.now();
      const live = await LiveSession.open(session.id, { store, presence, now: Date.now, log: () => {}, gapTimeoutMs: 2000 });
      result.openMs.push(performance.now() - started);
      if (live.current.seq !== SETTINGS.commands || live.current.announcement?.id !== expectedId) throw new Error(`LiveSession.open rebuilt seq ${live.current.seq}`);
      live.close(true);
      presence.shutdown();
    }
    progress(`replay (${database}): read ${fmt(median(result.listMs.slice(1)))} ms, reduce ${fmt(median(result.reduceMs.slice(1)))} ms, open ${fmt(median(result.openMs.slice(1)))} ms`);
    return result;
  } finally {
    if (dir) {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    } else {
      await removeBenchSession(store, { sessionId: session.id, eventId: event.id, memberId: host.id });
      await store.close();
    }
  }
}

// 2. Joins -----------------------------------------------------------------------------------------------

type Version = "current" | "baseline";
let joinAddress = 0;

/** One member joining: `joinOrCreate` until the welcome event; each from an address of its own. */
async function timedJoin(server: RunningServer, slug: string): Promise<{ ms: number; room: Room }> {
  const id = (joinAddress += 1);
  const client = new Client(server.url, { headers: { "x-forwarded-for": `10.79.${(id >> 8) & 255}.${id & 255}` } });
  const options: JoinOptions = { protocolVersion: server.protocolVersion, eventSlug: slug, name: `joiner-${id}`, look: LOOK };
  const started = nowMs();
  const room = await client.joinOrCreate("venue", options);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no welcome within 30 s")), 30_000);
    room.onMessage("welcome", () => {
      clearTimeout(timer);
      resolve();
    });
    room.onMessage("*", () => {});
  });
  return { ms: nowMs() - started, room };
}

/** Joins and leaves a few members of another event, so that the measured first join does not pay for the process' cold code. */
async function warmUp(server: RunningServer): Promise<void> {
  const rooms: Room[] = [];
  for (let i = 0; i < 5; i++) rooms.push((await timedJoin(server, WARMUP_SLUG)).room);
  await Promise.all(rooms.map((room) => room.leave(true)));
}

interface JoinRun {
  version: Version;
  first: number;
  sequential: number[];
  concurrent: number[];
  /** From the first concurrent join's start to the last welcome. */
  concurrentWallMs: number;
}

async function benchJoins(version: Version, appPath: string): Promise<JoinRun> {
  const server = await startServer({ appPath, events: [{ slug: WARMUP_SLUG, capacity: 200 }] });
  const rooms: Room[] = [];
  try {
    await warmUp(server);
    const first = await timedJoin(server, "demo");
    rooms.push(first.room);
    const sequential: number[] = [];
    for (let i = 0; i < SETTINGS.sequentialJoins; i++) {
      const join = await timedJoin(server, "demo");
      sequential.push(join.ms);
      rooms.push(join.room);
    }
    const started = nowMs();
    const joins = await Promise.all(Array.from({ length: SETTINGS.concurrentJoins }, () => timedJoin(server, "demo")));
    const concurrentWallMs = nowMs() - started;
    for (const join of joins) rooms.push(join.room);
    const run: JoinRun = { version, first: first.ms, sequential, concurrent: joins.map((j) => j.ms), concurrentWallMs };
    progress(`joins (${version}): first ${fmt(run.first)} ms, sequential p50 ${fmt(percentile(sequential, 50))} ms, ` +
      `concurrent p50 ${fmt(percentile(run.concurrent, 50))} ms p99 ${fmt(percentile(run.concurrent, 99))} ms, ${SETTINGS.concurrentJoins} in ${fmt(concurrentWallMs)} ms`);
    return run;
  } finally {
    await Promise.all(rooms.map((room) => room.leave(true).catch(() => undefined)));
    await stopServer(server);
  }
}

/** After a restart: the demo event's session is open with `commands` logged; the first join resumes it and replays the log. */
async function benchFirstJoinAfterRestart(): Promise<{ ms: number; prefillMs: number }> {
  const server = await startServer({ appPath: CURRENT_APP, events: [{ slug: WARMUP_SLUG, capacity: 200 }], prefill: { slug: "demo", commands: SETTINGS.commands } });
  let room: Room | undefined;
  try {
    await warmUp(server);
    const join = await timedJoin(server, "demo");
    room = join.room;
    const shown = (room.state as { session?: { announcement?: { id?: string } } } | undefined)?.session?.announcement?.id;
    if (shown !== `a${SETTINGS.commands}`) throw new Error(`the resumed session shows announcement ${shown}, not a${SETTINGS.commands}`);
    progress(`joins (current, ${SETTINGS.commands} logged): first ${fmt(join.ms)} ms`);
    return { ms: join.ms, prefillMs: server.prefillMs ?? Number.NaN };
  } finally {
    await room?.leave(true).catch(() => undefined);
    await stopServer(server);
  }
}

// 3. Announcement fan-out --------------------------------------------------------------------------------

interface FanoutRun {
  capacity: number;
  instances: number;
  latencies: number[];
  sameInstance: number[];
  otherInstance: number[];
  expected: number;
  /** Server side, per announcement: `LiveSession#command` from its call until every instance's state shows it. */
  commandMs: number[];
  errors: Record<string, number>;
  botCpuPct: number;
  movesPerBotPerSecond: number;
  /** CPU used by the whole machine during the announcements, % of one core (server + bots + anything else). */
  machinePct: number;
}

/** Host bots, spread over the bots' ids; enough of them that each posts at most once per ANNOUNCE_RATE period. */
function hostIds(): number[] {
  const count = Math.max(1, Math.ceil(1000 / ANNOUNCE_RATE.perSecond / SETTINGS.spacingMs));
  return Array.from({ length: count }, (_, i) => Math.floor((i * SETTINGS.bots) / count));
}

async function benchFanout(capacity: number): Promise<FanoutRun> {
  const n = SETTINGS.bots;
  progress(`fan-out capacity ${capacity}: starting server`);
  const server = await startServer({ appPath: CURRENT_APP, events: [{ slug: FANOUT_SLUG, capacity }], timeCommands: true });
  const workers: ChildProcess[] = [];
  const hosts = hostIds();
  try {
    const workerCount = Math.max(1, Math.min(SETTINGS.workers, n));
    for (let w = 0; w < workerCount; w++) {
      const worker = forkTs("sessionBotWorker.ts");
      worker.send({ type: "config", config: { url: server.url, slug: FANOUT_SLUG, hostIds: hosts, hostToken: server.hostTokens[FANOUT_SLUG]!, move: SETTINGS.move } } satisfies ToSessionWorker);
      workers.push(worker);
    }
    const workerOf = (id: number) => workers[id % workerCount]!;

    // The first bot creates the instance alone; the rest join in batches, in id order, so ids 0…capacity-1 share the first instance.
    const ids = Array.from({ length: n }, (_, i) => i);
    const batches = [ids.slice(0, 1)];
    for (let i = 1; i < n; i += SETTINGS.joinBatch) batches.push(ids.slice(i, i + SETTINGS.joinBatch));
    const roomOf = new Map<number, string>();
    for (const batch of batches) {
      await Promise.all(workers.map(async (worker, w) => {
        const share = batch.filter((id) => id % workerCount === w);
        if (share.length === 0) return;
        worker.send({ type: "join", ids: share } satisfies ToSessionWorker);
        const ack = await nextMessage<FromSessionWorker, "joined">(worker, "joined", 60_000);
        if (ack.failures.length > 0) throw new Error(`${ack.failures.length} bots failed to join: ${ack.failures[0]}`);
        for (const joined of ack.rooms) {
          roomOf.set(joined.id, joined.roomId);
          if (hosts.includes(joined.id) !== (joined.role === "host")) throw new Error(`bot ${joined.id} joined as ${joined.role}`);
        }
      }));
    }
    const instances = new Set(roomOf.values()).size;
    if (instances !== Math.ceil(n / capacity)) throw new Error(`${n} bots landed in ${instances} instances with capacity ${capacity}`);
    progress(`fan-out capacity ${capacity}: ${n} bots in ${instances} instance(s); warming up ${SETTINGS.warmupSeconds} s`);
    await sleep(SETTINGS.warmupSeconds * 1000);
    const collect = () => Promise.all(workers.map((worker) => {
      worker.send({ type: "collect" } satisfies ToSessionWorker);
      return nextMessage<FromSessionWorker, "collected">(worker, "collected", 30_000);
    }));
    await collect();
    const commandTimes = () => {
      server.child.send({ type: "commands" } satisfies ToSessionServer);
      return nextMessage<FromSessionServer, "commands">(server.child, "commands", 30_000);
    };
    await commandTimes();

    const ticksBefore = machineTicks();
    const started = performance.now();
    for (let k = 0; k < SETTINGS.announcements; k++) {
      const poster = hosts[k % hosts.length]!;
      const sendAt = started + k * SETTINGS.spacingMs;
      await sleep(Math.max(0, sendAt - performance.now()));
      workerOf(poster).send({ type: "announce", botId: poster } satisfies ToSessionWorker);
    }
    await sleep(Math.max(2000, SETTINGS.spacingMs));
    const seconds = (performance.now() - started) / 1000;
    const ticksAfter = machineTicks();
    const collected = await collect();
    const { ms: commandMs } = await commandTimes();
    if (commandMs.length !== SETTINGS.announcements) throw new Error(`the server ran ${commandMs.length} session commands, not ${SETTINGS.announcements}`);

    const samples: AnnouncementSample[] = collected.flatMap((c) => c.samples);
    const errors: Record<string, number> = {};
    for (const c of collected) for (const [code, count] of Object.entries(c.errors)) errors[code] = (errors[code] ?? 0) + count;
    const latency = (s: AnnouncementSample) => s.arrivedAtMs - s.sentAtMs;
    const run: FanoutRun = {
      capacity,
      instances,
      latencies: samples.map(latency),
      sameInstance: samples.filter((s) => roomOf.get(s.receiverId) === roomOf.get(s.posterId)).map(latency),
      otherInstance: samples.filter((s) => roomOf.get(s.receiverId) !== roomOf.get(s.posterId)).map(latency),
      expected: SETTINGS.announcements * (n - 1),
      commandMs,
      errors,
      botCpuPct: collected.reduce((sum, c) => sum + c.cpuUs, 0) / 10_000 / seconds,
      movesPerBotPerSecond: collected.reduce((sum, c) => sum + c.movesSent, 0) / n / seconds,
      machinePct: ticksBefore && ticksAfter && ticksAfter.total > ticksBefore.total
        ? ((ticksAfter.busy - ticksBefore.busy) / (ticksAfter.total - ticksBefore.total)) * cpus().length * 100
        : Number.NaN,
    };
    progress(`fan-out capacity ${capacity}: p50 ${fmt(percentile(run.latencies, 50))} ms p99 ${fmt(percentile(run.latencies, 99))} ms ` +
      `(${run.latencies.length}/${run.expected} seen), bots CPU ${fmt(run.botCpuPct, 0)} %, machine ${fmt(run.machinePct, 0)} %, refusals ${JSON.stringify(errors)}`);
    return run;
  } finally {
    await Promise.all(workers.map((worker) => stopChild(worker, { type: "leave" } satisfies ToSessionWorker, "left")));
    await stopServer(server);
  }
}

// Report -------------------------------------------------------------------------------------------------

interface Results {
  startedAt: Date;
  loadBefore: { text: string; quiet: boolean };
  loadAfter: { text: string; quiet: boolean };
  replay: ReplayResult[];
  joins: JoinRun[];
  afterRestart: Array<{ ms: number; prefillMs: number }>;
  baseline: Baseline | undefined;
  baselineProblem: string | undefined;
  fanout: FanoutRun[];
}

const perSecond = (count: number, ms: number) => `${fmt(count / ms, 1)}k/s`;

function report(r: Results): string {
  const lines: string[] = [];
  const c = SETTINGS.commands.toLocaleString("en");
  lines.push("## Session benchmark (`npm run bench:session`)", "");
  lines.push(`Run ${r.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC on ${machineLine()}. Machine before the run: ${r.loadBefore.text}; after: ${r.loadAfter.text}.`, "");
  if (!r.loadBefore.quiet || !r.loadAfter.quiet) {
    lines.push(`**The machine was not quiet** (a 1-minute load average of ${QUIET_LOAD} or more, or test runners going)${SETTINGS.note ? `: ${SETTINGS.note}` : ""}. ` +
      "Absolute figures are slower and noisier than on an idle machine; compare each one with its baseline from the same run.", "");
  } else if (SETTINGS.note) {
    lines.push(SETTINGS.note, "");
  }
  lines.push("**Method.**", "");
  lines.push(
    `- *Replay*: ${c} session commands (nine announcements to one clear) logged in one session through \`test/bench/sessionLog.ts\` ` +
      "(each entry parsed with the log's schema, then inserted a thousand rows a statement), then timed in this process: " +
      "`store.listSessionCommands` (read + parse every row; beside it, the same SQL query through the store's Kysely handle with no parsing), `replaySession` (the pure reducer) and `LiveSession.open` with a fresh `LocalPresence` " +
      `(what a process does to attach to a session: subscribe, read, reduce, set the counter). One round with cold caches, then ${SETTINGS.replayRepeats}; figures are the median of those (range in brackets). ` +
      "PostgreSQL runs only when `DATABASE_URL` is set.",
    `- *Joins*: join-to-welcome (\`joinOrCreate\` until the \`welcome\` event, each join from its own X-Forwarded-For address) against this checkout and against ` +
      (r.baseline ? `\`${r.baseline.commit.slice(0, 7)}\`, the commit before the session layer (${r.baseline.how}), ` : "the commit before the session layer (not run), ") +
      `each in a fresh server process (\`startGrove\`, temporary SQLite, quiet), ${SETTINGS.joinRepeats} servers of each, alternating which goes first. ` +
      "Five joins into another event first warm the process; then the session's first join (it opens the session), " +
      `${SETTINGS.sequentialJoins} sequential joins, and ${SETTINGS.concurrentJoins} at once. *After a restart*: a server started on a database whose open session of the event holds ${c} logged commands; ` +
      "its first join resumes the session and replays them before the welcome.",
    `- *Announcement fan-out*: ${SETTINGS.bots} bots (colyseus.js, reflection decoding, ${SETTINGS.workers} worker processes${SETTINGS.move ? ", each sending `move` ten times a second as in the room bench" : ", idle"}) ` +
      `in one event of capacity ${SETTINGS.bots} (one instance) and of capacity ${Math.ceil(SETTINGS.bots / 2)} (two instances of one session, in one server process). ` +
      `${hostIds().length} of the bots are hosts (ids ${hostIds().join(", ")}); ${SETTINGS.announcements} announcements, one every ${SETTINGS.spacingMs} ms, posted by the hosts in turn ` +
      "(so each host posts once per 5 s, within `ANNOUNCE_RATE`; the server's limits are unchanged). " +
      "The poster puts `performance.timeOrigin + performance.now()` in the text; every other bot records when `onStateChange` first shows the new `state.session.announcement.id`. " +
      "In the server, `LiveSession#command` is timed from its call until it resolves (check, sequence number from presence, log write, publish; every instance's state is set by then). " +
      `Latency is over every (announcement, receiving bot) pair; ${SETTINGS.fanoutRepeats} runs of each layout, alternating which goes first, samples pooled.`,
    "",
  );

  // Fan-out
  lines.push("**Announcement fan-out** (host's send → shown at each bot).", "");
  if (r.fanout.length === 0) {
    lines.push("Not run.", "");
  } else {
    lines.push("| Layout | Seen / expected | p50 | p99 | max | Poster's instance p50 / p99 | Other instance p50 / p99 | Server: command → state, p50 / max | Bots CPU | Machine CPU | Refusals |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    const layouts = [...new Set(r.fanout.map((f) => f.capacity))].sort((a, b) => b - a);
    for (const capacity of layouts) {
      const runs = r.fanout.filter((f) => f.capacity === capacity);
      const all = runs.flatMap((f) => f.latencies);
      const same = runs.flatMap((f) => f.sameInstance);
      const other = runs.flatMap((f) => f.otherInstance);
      const commands = runs.flatMap((f) => f.commandMs);
      const errors: Record<string, number> = {};
      for (const f of runs) for (const [code, count] of Object.entries(f.errors)) errors[code] = (errors[code] ?? 0) + count;
      const refusals = Object.entries(errors).map(([code, count]) => `${code} ${count}`).join(", ") || "none";
      lines.push(`| ${runs[0]!.instances === 1 ? "one instance" : `${runs[0]!.instances} instances`} (capacity ${capacity}) | ${all.length} / ${runs.reduce((s, f) => s + f.expected, 0)} | ` +
        `${fmt(percentile(all, 50), 1)} ms | ${fmt(percentile(all, 99), 1)} ms | ${fmt(Math.max(...all), 1)} ms | ` +
        `${fmt(percentile(same, 50), 1)} / ${fmt(percentile(same, 99), 1)} ms | ${other.length ? `${fmt(percentile(other, 50), 1)} / ${fmt(percentile(other, 99), 1)} ms` : "—"} | ` +
        `${fmt(percentile(commands, 50), 1)} / ${fmt(Math.max(...commands), 1)} ms | ` +
        `${fmt(median(runs.map((f) => f.botCpuPct)), 0)} % | ${fmt(median(runs.map((f) => f.machinePct)), 0)} % | ${refusals} |`);
    }
    lines.push("");
    lines.push(`Per run (p50 / p99): ${r.fanout.map((f) => `${f.instances === 1 ? "one" : "two"} ${fmt(percentile(f.latencies, 50), 1)} / ${fmt(percentile(f.latencies, 99), 1)} ms`).join("; ")}. ` +
      "Bots CPU is all bot processes together and Machine CPU the whole machine's busy time during the announcements, both in % of one core (from `process.cpuUsage` and /proc/stat).", "");
  }

  // Replay
  lines.push(`**Replay** (${c} commands of one session).`, "");
  if (r.replay.length === 0) {
    lines.push("Not run.", "");
  } else {
    lines.push("| Database | Read + parse (`listSessionCommands`) | Its SQL query alone | Reduce (`replaySession`) | `LiveSession.open` | Open, commands/s | First round: read / reduce / open | Setup: logging them |",
      "|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const x of r.replay) {
      const [list, select, reduce, open] = [x.listMs.slice(1), x.selectMs.slice(1), x.reduceMs.slice(1), x.openMs.slice(1)];
      lines.push(`| ${x.database} | ${spread(list, " ms", 0)} | ${spread(select, " ms", 0)} | ${spread(reduce, " ms", 1)} | ${spread(open, " ms", 0)} | ${perSecond(SETTINGS.commands, median(open))} | ` +
        `${fmt(x.listMs[0]!, 0)} / ${fmt(x.reduceMs[0]!, 1)} / ${fmt(x.openMs[0]!, 0)} ms | ${fmt(x.fillMs / 1000, 1)} s |`);
    }
    if (!r.replay.some((x) => x.database === "postgres")) lines.push("", "PostgreSQL: not run (`DATABASE_URL` was not set).");
    lines.push("");
  }

  // Joins
  lines.push("**Join to welcome.**", "");
  const current = r.joins.filter((j) => j.version === "current");
  const baseline = r.joins.filter((j) => j.version === "baseline");
  if (current.length === 0) {
    lines.push("Not run.");
  } else {
    const cell = (runs: JoinRun[], pick: (j: JoinRun) => number) => (runs.length ? median(runs.map(pick)) : Number.NaN);
    const pooled = (runs: JoinRun[], pick: (j: JoinRun) => number[], p: number) => percentile(runs.flatMap(pick), p);
    const base = r.baseline ? `Baseline \`${r.baseline.commit.slice(0, 7)}\`` : "Baseline";
    lines.push(`| Join | Session layer (this checkout) | ${base} | Session layer / baseline |`, "|---|---:|---:|---:|");
    const row = (name: string, a: number, b: number) => lines.push(`| ${name} | ${fmt(a, 1)} ms | ${baseline.length ? `${fmt(b, 1)} ms` : "not run"} | ${baseline.length ? ratio(a, b) : "n/a"} |`);
    row(`A session's first join, median of ${current.length}`, cell(current, (j) => j.first), cell(baseline, (j) => j.first));
    if (r.afterRestart.length) {
      row(`First join after a restart, ${c} commands logged (baseline: its first join), median of ${r.afterRestart.length}`,
        median(r.afterRestart.map((a) => a.ms)), cell(baseline, (j) => j.first));
    }
    row(`Sequential joins, p50 of ${SETTINGS.sequentialJoins} × ${current.length}`, pooled(current, (j) => j.sequential, 50), pooled(baseline, (j) => j.sequential, 50));
    row("Sequential joins, p99", pooled(current, (j) => j.sequential, 99), pooled(baseline, (j) => j.sequential, 99));
    row(`${SETTINGS.concurrentJoins} joins at once, p50 of ${SETTINGS.concurrentJoins} × ${current.length}`, pooled(current, (j) => j.concurrent, 50), pooled(baseline, (j) => j.concurrent, 50));
    row(`${SETTINGS.concurrentJoins} joins at once, p99`, pooled(current, (j) => j.concurrent, 99), pooled(baseline, (j) => j.concurrent, 99));
    row(`${SETTINGS.concurrentJoins} joins at once, all welcomed after (median)`, cell(current, (j) => j.concurrentWallMs), cell(baseline, (j) => j.concurrentWallMs));
    lines.push("");
    lines.push(`Per server, first join: this checkout ${current.map((j) => `${fmt(j.first, 1)}`).join(", ")} ms; baseline ${baseline.map((j) => `${fmt(j.first, 1)}`).join(", ") || "not run"} ms` +
      (r.afterRestart.length ? `; after a restart with ${c} commands ${r.afterRestart.map((a) => fmt(a.ms, 0)).join(", ")} ms` : "") + ".");
    if (r.baselineProblem) lines.push("", `Baseline: ${r.baselineProblem}`);
  }
  lines.push("");
  lines.push("**What it means.**", "");
  for (const sentence of meaning(r)) lines.push(`- ${sentence}`);
  return lines.join("\n");
}

/** Plain sentences from the figures, so that the section stays true when it is re-run. */
function meaning(r: Results): string[] {
  const out: string[] = [];
  const byInstances = (count: number) => r.fanout.filter((f) => (count === 1 ? f.instances === 1 : f.instances > 1)).flatMap((f) => f.latencies);
  const one = byInstances(1);
  const two = byInstances(2);
  if (one.length && two.length) {
    const commands = r.fanout.flatMap((f) => f.commandMs);
    out.push(`An announcement is shown at every bot ${fmt(percentile(two, 50), 0)} ms after the host sends it at the median (p99 ${fmt(percentile(two, 99), 0)} ms) ` +
      `with the session split over two instances, against ${fmt(percentile(one, 50), 0)} ms (p99 ${fmt(percentile(one, 99), 0)} ms) with every bot in one instance. ` +
      `The server has it in both instances' state ${fmt(percentile(commands, 50), 1)} ms after calling the session (median): the instances share their process' one replica, ` +
      "so the rest is the wait for each instance's next 50 ms patch and the bots' decoding, on the same cores as the server.");
  }
  if (r.replay.length) {
    const x = r.replay[0]!;
    out.push(`Rebuilding a session from ${SETTINGS.commands.toLocaleString("en")} logged commands (\`LiveSession.open\`) takes ${fmt(median(x.openMs.slice(1)), 0)} ms on ${x.database}: ` +
      `timed on their own, reading and parsing the rows take ${fmt(median(x.listMs.slice(1)), 0)} ms (the SQL query alone ${fmt(median(x.selectMs.slice(1)), 0)} ms) and the reducer ${fmt(median(x.reduceMs.slice(1)), 0)} ms.`);
  }
  const current = r.joins.filter((j) => j.version === "current");
  const baseline = r.joins.filter((j) => j.version === "baseline");
  if (current.length && baseline.length) {
    const seq = (runs: JoinRun[]) => percentile(runs.flatMap((j) => j.sequential), 50);
    const firstNow = median(current.map((j) => j.first));
    const firstBase = median(baseline.map((j) => j.first));
    out.push(`A join after the first costs ${fmt(seq(current), 1)} ms against ${fmt(seq(baseline), 1)} ms before the session layer (${ratio(seq(current), seq(baseline))}); ` +
      `a session's first join, which opens it, ${fmt(firstNow, 1)} ms against ${fmt(firstBase, 1)} ms` +
      (r.afterRestart.length ? `, and ${fmt(median(r.afterRestart.map((a) => a.ms)), 0)} ms when it resumes a session holding ${SETTINGS.commands.toLocaleString("en")} commands (its members wait for the replay before their welcome).` : "."));
  }
  return out;
}

// Main ---------------------------------------------------------------------------------------------------

const results: Results = {
  startedAt: new Date(),
  loadBefore: machineLoad("bench:session"),
  loadAfter: { text: "", quiet: true },
  replay: [],
  joins: [],
  afterRestart: [],
  baseline: undefined,
  baselineProblem: undefined,
  fanout: [],
};
progress(`settings ${JSON.stringify(SETTINGS)}; ${results.loadBefore.text}`);

let baselineCheckout: Baseline | undefined;
const cleanUp = () => {
  try {
    baselineCheckout?.remove();
  } catch (e) {
    progress(`removing the baseline checkout failed: ${(e as Error).message}`);
  }
  baselineCheckout = undefined;
};
process.on("SIGINT", () => {
  cleanUp();
  process.exit(130);
});

try {
  if (SETTINGS.parts.includes("replay")) {
    results.replay.push(await benchReplay("sqlite"));
    if (process.env.DATABASE_URL) results.replay.push(await benchReplay("postgres"));
  }
  if (SETTINGS.parts.includes("joins")) {
    if (SETTINGS.baselineRef) {
      try {
        baselineCheckout = checkoutBaseline(SETTINGS.baselineRef);
        results.baseline = baselineCheckout;
        progress(`baseline ${baselineCheckout.commit.slice(0, 7)} at ${baselineCheckout.appPath}`);
      } catch (e) {
        results.baselineProblem = `could not check out ${SETTINGS.baselineRef}: ${(e as Error).message}`;
        progress(results.baselineProblem);
      }
    }
    for (let repeat = 0; repeat < SETTINGS.joinRepeats; repeat++) {
      const versions: Version[] = baselineCheckout ? (repeat % 2 === 0 ? ["current", "baseline"] : ["baseline", "current"]) : ["current"];
      for (const version of versions) results.joins.push(await benchJoins(version, version === "current" ? CURRENT_APP : baselineCheckout!.appPath));
      results.afterRestart.push(await benchFirstJoinAfterRestart());
    }
    cleanUp();
  }
  if (SETTINGS.parts.includes("fanout")) {
    const layouts = [SETTINGS.bots, Math.ceil(SETTINGS.bots / 2)];
    for (let repeat = 0; repeat < SETTINGS.fanoutRepeats; repeat++) {
      for (const capacity of repeat % 2 === 0 ? layouts : [...layouts].reverse()) results.fanout.push(await benchFanout(capacity));
    }
  }
} finally {
  cleanUp();
}
results.loadAfter = machineLoad("bench:session");
const section = report(results);
process.stdout.write(`${section}\n`);
if (SETTINGS.writeDocs) {
  writeDocsSection(section, START_MARKER, END_MARKER);
  progress("wrote docs/benchmarks.md");
}
if (existsSync(join(tmpdir(), `grove-baseline-${process.pid}`))) progress("warning: the baseline checkout is still there");
process.exit(0);
