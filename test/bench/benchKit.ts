/**
 * What the bench orchestrators share: forking TypeScript entries, waiting for IPC answers, statistics, number
 * formatting, settings from the environment, a seeded generator, the machine line and writing a section of
 * docs/benchmarks.md between its markers; for the benches whose bots join a session's instances (salon,
 * moderation): starting the session bench's server and joining the bots in batches, and, in their bot workers,
 * one bot's join and walk.
 */
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type as osType } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Client, type Room } from "colyseus.js";
import { PROTOCOL_VERSION, type JoinOptions } from "../../shared/protocol/index.js";
import type { FromSessionServer, SessionServerConfig } from "./sessionMessages.js";

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, "../..");
export const DOCS_PATH = join(REPO_ROOT, "docs/benchmarks.md");

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** A number from the environment variable `name`, or `fallback` when it is unset or not a number. */
export function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) ? value : fallback;
}

/** A seeded generator of numbers in [0, 1) (mulberry32), so that every run draws alike. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank percentile of an unsorted sample; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Median (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A figure with as many decimals as its size deserves (or `digits`); "n/a" for NaN and infinities. */
export function fmt(value: number, digits?: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toFixed(d);
}

/** `a / b` as "1.23×"; "n/a" when either is missing or b is not positive. */
export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : "n/a";
}

/** Busy and total CPU ticks of the whole machine from /proc/stat (Linux); undefined elsewhere. */
export function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - fields[3]! - fields[4]!, total };
  } catch {
    return undefined;
  }
}

/** CPU model × cores, memory, OS and Node version, for a report's first line. */
export function machineLine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? "unknown CPU"} × ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${osType()} ${release()}, Node ${process.version}`;
}

/** Below this 1-minute load average, with no test runner going, the machine counts as quiet. */
export const QUIET_LOAD = 1.5;

/**
 * Load averages and the test runners other engineers may have going (vitest, stryker; lines holding `self` are
 * left out), so that a report says how quiet the machine was.
 */
export function machineLoad(self: string): { text: string; quiet: boolean } {
  const [one, five] = loadavg();
  let busy: string[] = [];
  try {
    busy = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" }).split("\n").filter((line) => /\b(stryker|vitest)\b/.test(line) && !line.includes(self));
  } catch {
    // No ps: the load average alone.
  }
  return {
    text: `load average ${fmt(one!, 2)} (1 min), ${fmt(five!, 2)} (5 min); ${busy.length === 0 ? "no vitest or stryker processes" : `${busy.length} vitest/stryker processes running`}`,
    quiet: one! < QUIET_LOAD && busy.length === 0,
  };
}

/** Median and extremes of a few repeats, for a table cell: "12.3 ms (11.9–13.0)". */
export function spread(values: readonly number[], unit: string, digits?: number): string {
  if (values.length === 0) return "not run";
  if (values.length === 1) return `${fmt(values[0]!, digits)}${unit}`;
  return `${fmt(median(values), digits)}${unit} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})`;
}

/**
 * Runs a TypeScript entry of test/bench under tsx in its own process, resolved the way `npm start` resolves the
 * server. tsx compiles with the tsconfig.json of the working directory (`cwd`, this checkout by default), and only
 * for the files it includes: a server from another checkout runs with that checkout as `cwd`.
 */
export function forkTs(entry: string, options: { env?: Record<string, string>; cwd?: string } = {}): ChildProcess {
  return fork(join(here, entry), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
}

/** The next IPC message of `type` from `child`, or an error after `timeoutMs` or if the child exits first. */
export function nextMessage<M extends { type: string }, T extends M["type"]>(child: ChildProcess, type: T, timeoutMs: number): Promise<Extract<M, { type: T }>> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => finish(new Error(`no '${type}' from ${child.pid} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: M) => {
      if (message.type === type) finish(undefined, message as Extract<M, { type: T }>);
    };
    const onExit = (code: number | null) => finish(new Error(`process ${child.pid} exited (${code}) before '${type}'`));
    function finish(error?: Error, message?: Extract<M, { type: T }>) {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) fail(error);
      else done(message!);
    }
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

/** Asks a child to stop with `message`, waits for `answer` and its exit (10 s, then 3 s), and kills it if it lingers. */
export async function stopChild(child: ChildProcess, message: { type: string }, answer: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.send(message);
  await Promise.race([nextMessage<{ type: string }, string>(child, answer, 10_000).catch(() => undefined), sleep(10_000)]);
  await Promise.race([exited, sleep(3000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

/** Replaces the block between `start` and `end` in docs/benchmarks.md with `section` (appends it when the markers are missing). */
export function writeDocsSection(section: string, start: string, end: string): void {
  const block = `${start}\n${section}\n${end}`;
  const current = existsSync(DOCS_PATH) ? readFileSync(DOCS_PATH, "utf8") : "# Benchmarks\n";
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOCS_PATH, next);
}

// Session benches: a server of this checkout and bots joining its instances ---------------------------------

export interface RunningSessionServer {
  child: ChildProcess;
  url: string;
  /** The host token of the event `slug` named at the start. */
  hostToken: string;
}

/** Forks the session bench's server (sessionServer.ts) with `config` and waits for it to listen. */
export async function startSessionServer(config: SessionServerConfig, slug: string): Promise<RunningSessionServer> {
  const child = forkTs("sessionServer.ts", { env: { BENCH_SESSION_SERVER: JSON.stringify(config) } });
  try {
    const ready = await nextMessage<FromSessionServer, "ready">(child, "ready", 120_000);
    return { child, url: `http://127.0.0.1:${ready.port}`, hostToken: ready.hostTokens[slug]! };
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
}

/** What a bot worker answers a `{ type: "join", ids }`: each joined bot's instance and role, and the failures. */
export interface JoinedAnswer {
  type: "joined";
  rooms: Array<{ id: number; roomId: string; role: string }>;
  failures: string[];
}

/**
 * Joins bots 0…n-1, held by `workers` (bot i by worker i mod their count): the first (the host, `hostId` 0) creates
 * the instance alone, the rest join `batch` at a time in id order, so that with capacity c, ids 0…c-1 share the
 * first instance. Throws when a bot fails to join or the host's role is not the one expected. Returns each bot's
 * instance (room id).
 */
export async function joinBots(workers: readonly ChildProcess[], n: number, batch: number, hostId = 0): Promise<Map<number, string>> {
  const ids = Array.from({ length: n }, (_, i) => i);
  const batches = [ids.slice(0, 1)];
  for (let i = 1; i < n; i += batch) batches.push(ids.slice(i, i + batch));
  const roomOf = new Map<number, string>();
  for (const ids of batches) {
    await Promise.all(workers.map(async (worker, w) => {
      const share = ids.filter((id) => id % workers.length === w);
      if (share.length === 0) return;
      worker.send({ type: "join", ids: share });
      const ack = await nextMessage<JoinedAnswer, "joined">(worker, "joined", 60_000);
      if (ack.failures.length > 0) throw new Error(`${ack.failures.length} bots failed to join: ${ack.failures[0]}`);
      for (const joined of ack.rooms) {
        roomOf.set(joined.id, joined.roomId);
        if ((joined.id === hostId) !== (joined.role === "host")) throw new Error(`bot ${joined.id} joined as ${joined.role}`);
      }
    }));
  }
  return roomOf;
}

/**
 * In a bot worker: bot `id` joins event `slug` (with `hostToken`: as its host) without a state class (reflection
 * decoding, as in a browser), as a visitor of its own address (the bench server trusts loopback proxies, so the
 * per-address join budgets apply as for people). `welcome` resolves with the welcome; register the bot's handlers
 * before awaiting it.
 */
export async function joinVenueBot(url: string, slug: string, id: number, hostToken?: string): Promise<{ room: Room; welcome: Promise<{ role?: string }> }> {
  const options: JoinOptions = {
    protocolVersion: PROTOCOL_VERSION,
    eventSlug: slug,
    name: `bot-${id}`,
    look: { color: "#2e86ab", shape: "round", accessory: "none" },
    ...(hostToken ? { hostToken } : {}),
  };
  const client = new Client(url, { headers: { "x-forwarded-for": `10.77.${id >> 8}.${id & 255}` } });
  const room = await client.joinOrCreate("venue", options);
  const welcome = new Promise<{ role?: string }>((done) => room.onMessage("welcome", done));
  return { room, welcome };
}

const MOVE_INTERVAL_MS = 100;
/** Radians the heading turns per move: the bots walk small circles, so they stay near their spawn point without steering. */
const TURN_PER_MOVE = 0.3;

/**
 * In a bot worker: bot `id` walks, a `move` ten times a second (calling `onMove` after each), its timer
 * phase-shifted by its id so that intents arrive spread over the interval, as real clients' do. Returns the stop.
 */
export function walkBot(room: Room, id: number, onMove: () => void): () => void {
  let heading = (id * 2.399) % (Math.PI * 2);
  let interval: NodeJS.Timeout | undefined;
  const start = setTimeout(() => {
    interval = setInterval(() => {
      heading += TURN_PER_MOVE;
      room.send("move", { dx: Math.round(Math.sin(heading) * 1000) / 1000, dz: Math.round(Math.cos(heading) * 1000) / 1000 });
      onMove();
    }, MOVE_INTERVAL_MS);
  }, (id * 37) % MOVE_INTERVAL_MS);
  return () => {
    clearTimeout(start);
    clearInterval(interval);
  };
}
