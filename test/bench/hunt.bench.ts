/**
 * `npm run bench:hunt` (issue 13, Measured): the real Grove server in its own process, with a hunt written through the
 * operator API.
 * 1. `/api/hunt/scan` under 200 concurrent scans: 200 scanners, each an address of its own (as phones are), scan
 *    their first code together as first-time visitors (a member is made for each), then the next codes in waves of
 *    200 at once with their identity. p50 / p99 of each wave kind, beside a baseline in the same run: 200 concurrent
 *    `GET /healthz` on the same server, which measures the HTTP stack and the machine without the hunt's work.
 * 2. Claims per second one session accepts: 200 bots (in two worker processes) join the demo event's session, walk
 *    to the clues and claim every scene clue one after another, each claim waiting for its answer. Accepted claims
 *    over the time from the first claim sent to the last answered, and each claim's round trip.
 * Writes its section of docs/benchmarks.md between the `bench:hunt` markers (BENCH_WRITE=0 to print only).
 */
import type { ChildProcess } from "node:child_process";
import { envNumber, fmt, forkTs, joinBots, machineLine, machineLoad, nextMessage, percentile, ratio, stopChild, writeDocsSection } from "./benchKit.js";
import type { FromServer } from "./messages.js";
import type { ClaimSample, FromHuntWorker, HuntBotConfig } from "./huntMessages.js";
import type { ClaimResponse, HuntAdminView, HuntInput } from "../../shared/protocol/hunt.js";
import { CLAIM_RATE } from "../../server/rooms/features/hunts.js";

const SETTINGS = {
  scanners: envNumber("BENCH_SCANNERS", 200),
  /** Waves of scans with an identity, after the first (new members). */
  waves: envNumber("BENCH_SCAN_WAVES", 5),
  bots: envNumber("BENCH_HUNT_BOTS", 200),
  sceneClues: envNumber("BENCH_SCENE_CLUES", 20),
  workers: envNumber("BENCH_HUNT_WORKERS", 2),
  writeDocs: process.env.BENCH_WRITE !== "0",
  note: process.env.BENCH_NOTE ?? "",
};
const OPERATOR_TOKEN = "bench-operator-token-0123456789";
const SLUG = "demo";
/** The spawn ring's centre: every bot is at most a few metres away, and the clues stand around it. */
const CENTRE = { x: 0, z: 4 };
const START_MARKER = "<!-- bench:hunt:start -->";
const END_MARKER = "<!-- bench:hunt:end -->";

/** CPU time (user + system) this process spent since `from`, in ms. */
function cpuMsSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

function progress(message: string): void {
  process.stderr.write(`[bench:hunt] ${message}\n`);
}

function huntInput(): HuntInput {
  const real = Array.from({ length: SETTINGS.waves + 1 }, (_, i) => ({
    id: `r${i}`,
    name: `Shop ${i + 1}`,
    hint: "By the door",
    riddle: null,
    points: 5,
    where: { kind: "real" as const, place: `Shop ${i + 1}`, district: "Xuhui", address: "" },
    blindBox: null,
  }));
  const scene = Array.from({ length: SETTINGS.sceneClues }, (_, i) => {
    const angle = (i / SETTINGS.sceneClues) * Math.PI * 2;
    return {
      id: `s${i}`,
      name: `Lantern ${i + 1}`,
      hint: "Near where you arrive",
      riddle: null,
      points: 5,
      where: { kind: "scene" as const, x: Math.round((CENTRE.x + Math.cos(angle) * 0.8) * 100) / 100, z: Math.round((CENTRE.z + Math.sin(angle) * 0.8) * 100) / 100 },
      blindBox: null,
    };
  });
  return { title: "Bench hunt", order: "free", startsAt: null, endsAt: null, teams: [], clues: [...real, ...scene], partners: [] };
}

async function api<T>(url: string, init: RequestInit & { address?: string } = {}): Promise<{ status: number; body: T; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", ...(init.address ? { "x-forwarded-for": init.address } : {}), ...(init.headers ?? {}) },
  });
  const body = (await response.json().catch(() => ({}))) as T;
  return { status: response.status, body, ms: performance.now() - started };
}

const addressOf = (i: number) => `10.66.${i >> 8}.${i & 255}`;

interface Wave {
  label: string;
  ms: number[];
  failures: Record<string, number>;
}

function summarise(label: string, results: Array<{ status: number; body: unknown; ms: number }>, ok: (r: { status: number; body: unknown }) => boolean): Wave {
  const failures: Record<string, number> = {};
  for (const r of results) {
    if (ok(r)) continue;
    const code = `${r.status} ${String((r.body as { error?: unknown }).error ?? "")}`;
    failures[code] = (failures[code] ?? 0) + 1;
  }
  return { label, ms: results.map((r) => r.ms), failures };
}

async function scanPhase(url: string, scanLinks: Record<string, string>): Promise<{ first: Wave; repeat: Wave; baseline: Wave }> {
  const tokens = Array.from({ length: SETTINGS.waves + 1 }, (_, i) => decodeURIComponent((scanLinks[`r${i}`] ?? "").replace(/^\/scan\//, "")));
  if (tokens.some((t) => t === "")) throw new Error("the admin view has no scan link for every real clue");
  progress(`scan: ${SETTINGS.scanners} first-time scanners at once`);
  const first = await Promise.all(
    Array.from({ length: SETTINGS.scanners }, (_, i) =>
      api<ClaimResponse>(`${url}/api/hunt/scan`, { method: "POST", address: addressOf(i), body: JSON.stringify({ token: tokens[0], name: `scanner ${i}` }) }),
    ),
  );
  const identities = first.map((r) => r.body.identity);
  const repeats: Array<{ status: number; body: unknown; ms: number }> = [];
  const baselines: Array<{ status: number; body: unknown; ms: number }> = [];
  for (let wave = 1; wave <= SETTINGS.waves; wave++) {
    progress(`scan: wave ${wave} of ${SETTINGS.waves}, then ${SETTINGS.scanners} GET /healthz at once`);
    repeats.push(
      ...(await Promise.all(
        identities.map((identity, i) =>
          api<ClaimResponse>(`${url}/api/hunt/scan`, {
            method: "POST",
            address: addressOf(i),
            body: JSON.stringify({ token: tokens[wave], memberId: identity?.memberId ?? "none", secret: identity?.secret ?? "none" }),
          }),
        ),
      )),
    );
    baselines.push(...(await Promise.all(identities.map((_, i) => api(`${url}/healthz`, { address: addressOf(i) })))));
  }
  const found = (r: { status: number; body: unknown }) => r.status === 200 && (r.body as ClaimResponse).outcome === "found";
  return {
    first: summarise("first scan (a new member each)", first, (r) => found(r) && (r.body as ClaimResponse).identity !== undefined),
    repeat: summarise("scan with an identity", repeats, found),
    baseline: summarise("baseline: GET /healthz", baselines, (r) => r.status === 200),
  };
}

async function claimPhase(url: string, clueIds: string[]): Promise<{ samples: ClaimSample[]; errors: Record<string, number>; botCpuMs: number; joined: number }> {
  const config: HuntBotConfig = { url, slug: SLUG, centre: CENTRE, clueIds };
  const workers: ChildProcess[] = Array.from({ length: SETTINGS.workers }, () => forkTs("huntBotWorker.ts", { env: { BENCH_HUNT_BOT: JSON.stringify(config) } }));
  try {
    progress(`claims: ${SETTINGS.bots} bots join`);
    const rooms = await joinBots(workers, SETTINGS.bots, 20, -1);
    await new Promise((done) => setTimeout(done, 3000));
    progress(`claims: ${SETTINGS.bots} bots claim ${clueIds.length} clues each`);
    const answers = await Promise.all(
      workers.map((worker) => {
        worker.send({ type: "hunt" });
        return nextMessage<FromHuntWorker, "hunted">(worker, "hunted", 600_000);
      }),
    );
    const errors: Record<string, number> = {};
    for (const answer of answers) for (const [code, n] of Object.entries(answer.errors)) errors[code] = (errors[code] ?? 0) + n;
    return { samples: answers.flatMap((a) => a.samples), errors, botCpuMs: answers.reduce((sum, a) => sum + a.cpuMs, 0), joined: rooms.size };
  } finally {
    for (const worker of workers) await stopChild(worker, { type: "stop" }, "stopped");
  }
}

const row = (wave: Wave) =>
  `| ${wave.label} | ${wave.ms.length} | ${fmt(percentile(wave.ms, 50))} ms | ${fmt(percentile(wave.ms, 99))} ms | ${fmt(Math.max(...wave.ms))} ms | ${Object.entries(wave.failures).map(([c, n]) => `${n}× ${c}`).join(", ") || "none"} |`;

async function main(): Promise<void> {
  const load = machineLoad("hunt.bench");
  const server = forkTs("huntServer.ts", { env: { BENCH_OPERATOR_TOKEN: OPERATOR_TOKEN } });
  try {
    const ready = await nextMessage<FromServer, "ready">(server, "ready", 120_000);
    const url = `http://127.0.0.1:${ready.port}`;
    const put = await api<HuntAdminView>(`${url}/api/admin/events/${SLUG}/hunt`, {
      method: "PUT",
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
      body: JSON.stringify(huntInput()),
    });
    if (put.status !== 200) throw new Error(`PUT hunt answered ${put.status}: ${JSON.stringify(put.body)}`);
    const cpu = process.cpuUsage();
    const scans = await scanPhase(url, put.body.scanLinks);
    const clueIds = put.body.hunt.clues.filter((c) => c.where.kind === "scene").map((c) => c.id);
    const claims = await claimPhase(url, clueIds);
    const accepted = claims.samples.filter((s) => s.accepted);
    const from = Math.min(...claims.samples.map((s) => s.sentAtMs));
    const to = Math.max(...claims.samples.map((s) => s.answeredAtMs));
    const perSecond = accepted.length / ((to - from) / 1000);
    const roundTrips = accepted.map((s) => s.answeredAtMs - s.sentAtMs);
    const scanP50 = percentile(scans.repeat.ms, 50);
    const baseP50 = percentile(scans.baseline.ms, 50);
    const lines = [
      "## Hunts (`npm run bench:hunt`)",
      "",
      `${new Date().toISOString().slice(0, 10)} · ${machineLine()} · ${load.text}${SETTINGS.note ? ` · ${SETTINGS.note}` : ""}`,
      "",
      `The real server in its own process (SQLite), a hunt of ${SETTINGS.waves + 1} real and ${SETTINGS.sceneClues} scene clues written through the operator API. Each scanner and each bot is an address of its own.`,
      "",
      `**/api/hunt/scan under ${SETTINGS.scanners} concurrent scans** (a wave is ${SETTINGS.scanners} requests sent at once; latency from send to the parsed answer, measured by the client):`,
      "",
      "| requests | count | p50 | p99 | max | not as expected |",
      "|---|---:|---:|---:|---:|---|",
      row(scans.first),
      row(scans.repeat),
      row(scans.baseline),
      "",
      `A scan with an identity takes ${ratio(scanP50, baseP50)} the p50 of the baseline in the same run.`,
      "",
      `**Claims one session accepts with ${claims.joined} bots hunting** (each claims ${clueIds.length} scene clues in turn, waiting for each answer):`,
      "",
      "| accepted claims | window | claims per second | round trip p50 | p99 | refusals and retries |",
      "|---:|---:|---:|---:|---:|---|",
      `| ${accepted.length} of ${claims.joined * clueIds.length} | ${fmt((to - from) / 1000)} s | ${fmt(perSecond)} | ${fmt(percentile(roundTrips, 50))} ms | ${fmt(percentile(roundTrips, 99))} ms | ${Object.entries(claims.errors).map(([c, n]) => `${n}× ${c}`).join(", ") || "none"} |`,
      "",
      `Each member may claim ${CLAIM_RATE.capacity} at once, then one every ${fmt(1 / CLAIM_RATE.perSecond)} s (CLAIM_RATE): at most ${fmt(claims.joined * CLAIM_RATE.perSecond)} a second sustained for ${claims.joined} bots after their first ${CLAIM_RATE.capacity} each, so the rate above is the members' limit at work (the RATE_LIMITED answers are the bots' retries), not the server's ceiling; the round trips say how quickly an accepted claim is answered.`,
      "",
      `Orchestrator CPU ${fmt(cpuMsSince(cpu) / 1000)} s, bot workers ${fmt(claims.botCpuMs / 1000)} s: on 2 cores the load generators share the machine with the server, so these are floors for what the server can do.`,
    ];
    const section = lines.join("\n");
    process.stdout.write(`${section}\n`);
    if (SETTINGS.writeDocs) writeDocsSection(section, START_MARKER, END_MARKER);
  } finally {
    await stopChild(server, { type: "stop" }, "stopped");
  }
}

await main();
