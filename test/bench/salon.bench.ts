/**
 * `npm run bench:salon`: what the salon costs (issue 10).
 *  1. Replay: rebuilding a salon session from 100,000 logged commands in a busy salon's mix (read + parse, reduce,
 *     `LiveSession.open`), and building its three views once on the final state.
 *  2. Fan-out: 200 bots in two instances of one session; a host bot opens a poll each round, a few bots of both
 *     instances vote one after another, and every bot notes when its `salon` view's tally first counts each vote;
 *     the voters also chat, and every bot of their instance notes each line. Vote and chat latency side by side.
 * The server (the session bench's sessionServer.ts) and the bots run in their own processes; see
 * test/bench/README.md. Prints a report and writes it into docs/benchmarks.md between the bench:salon markers.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { LocalPresence } from "@colyseus/core";
import { LiveSession } from "../../server/session/LiveSession.js";
import { Store } from "../../server/store/index.js";
import { applySessionCommand, INITIAL_SESSION_STATE, replaySession, type SessionState } from "../../shared/rules/session.js";
import { hostView, mineView, publicView } from "../../shared/rules/salon/view.js";
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
  median,
  nextMessage,
  percentile,
  seeded,
  sleep,
  spread,
  startSessionServer,
  stopChild,
  writeDocsSection,
} from "./benchKit.js";
import { POLL_EVERY, createSalonMembers, removeSalonMembers, salonScript } from "./salonLog.js";
import type { ChatSample, FromSalonWorker, TallySample, ToSalonWorker } from "./salonMessages.js";
import { fillSessionLog, removeBenchSession } from "./sessionLog.js";
import type { FromSessionServer, ToSessionServer } from "./sessionMessages.js";

type Part = "replay" | "fanout";
const SETTINGS = {
  parts: (process.env.BENCH_PARTS ?? "replay,fanout").split(/[\s,]+/).filter((p): p is Part => p === "replay" || p === "fanout"),
  /** Logged commands of the replay. */
  commands: envNumber("BENCH_COMMANDS", 100_000),
  /** Members of the replayed salon (who vote, ask, upvote…). */
  members: envNumber("BENCH_MEMBERS", 500),
  replayRepeats: envNumber("BENCH_REPLAY_REPEATS", 5),
  /** Bots of the fan-out, split over two instances (capacity half of it); bot 0 is the host. */
  bots: envNumber("BENCH_BOTS", 200),
  /** Measured voting rounds (after one warm-up round). */
  rounds: envNumber("BENCH_ROUNDS", 10),
  /** Voters per round, half in each instance; each also sends a chat line. */
  voters: envNumber("BENCH_VOTERS", 20),
  /** Time between one voter's vote and the next's: drawn between these, ms. */
  spacingMinMs: envNumber("BENCH_VOTE_SPACING_MIN_MS", 100),
  spacingMaxMs: envNumber("BENCH_VOTE_SPACING_MAX_MS", 200),
  /** After a round's last vote, before the next poll: the last tallies arrive. */
  settleMs: envNumber("BENCH_SETTLE_MS", 1500),
  warmupSeconds: envNumber("BENCH_WARMUP", 3),
  workers: envNumber("BENCH_WORKERS", 4),
  joinBatch: envNumber("BENCH_JOIN_BATCH", 20),
  move: process.env.BENCH_MOVE !== "0",
  writeDocs: process.env.BENCH_WRITE !== "0",
  /** A sentence for the report about the conditions of the run. */
  note: process.env.BENCH_NOTE ?? "",
};
const START_MARKER = "<!-- bench:salon:start -->";
const END_MARKER = "<!-- bench:salon:end -->";
const LOOK = { color: "#2e86ab", shape: "round", accessory: "none" } as const;
const FANOUT_SLUG = "bench-salon";
const HOST_ID = 0;
/** Time between two logged commands of the replayed salon: 100,000 of them span a long evening (83 minutes). */
const LOG_SPACING_MS = 50;

function progress(message: string): void {
  process.stderr.write(`[bench:salon ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// 1. Replay ------------------------------------------------------------------------------------------------

interface ReplayResult {
  database: string;
  fillMs: number;
  /** Index 0 is the first round (cold caches); the figures are the median of the rounds after it. */
  listMs: number[];
  reduceMs: number[];
  openMs: number[];
  /** Commands logged, by kind. */
  mix: Record<string, number>;
  polls: { opened: number; open: number };
  /** Commands the rules declined in the replay (they change nothing), by reason. */
  declined: Record<string, number>;
  /** Each view built once on the final state (the first call: views are memoised per state object). */
  views: { publicMs: number; hostMs: number; mineMs: number; everyMineMs: number };
  final: { polls: number; ballots: number; questions: number; debates: number; checkIns: number };
}

function declinedBy(commands: Parameters<typeof replaySession>[0]): Record<string, number> {
  const declined: Record<string, number> = {};
  let state: SessionState = INITIAL_SESSION_STATE;
  for (const command of commands) {
    const result = applySessionCommand(state, command);
    state = result.state;
    if (!result.outcome.applied) {
      const key = `${command.kind} ${result.outcome.reason}`;
      declined[key] = (declined[key] ?? 0) + 1;
    }
  }
  return declined;
}

async function benchReplay(database: "sqlite" | "postgres"): Promise<ReplayResult> {
  const dir = database === "sqlite" ? mkdtempSync(join(tmpdir(), "grove-salon-bench-")) : undefined;
  const store = await Store.open(dir ? { sqlitePath: join(dir, "grove.sqlite") } : { databaseUrl: process.env.DATABASE_URL });
  const now = Date.now();
  const event = await store.createEvent({ slug: `bench-salon-${process.pid}-${now}`, title: "Bench salon", capacity: 200, now });
  if (!event) throw new Error("the replay bench's event slug is taken");
  const host = await store.createMember({ name: "Bench host", look: LOOK, now });
  let members: string[] = [];
  const session = await store.openOrResumeSession(event.id, now - SETTINGS.commands * LOG_SPACING_MS - 1000);
  try {
    members = await createSalonMembers(store, SETTINGS.members, now);
    progress(`replay (${database}): logging ${SETTINGS.commands} salon commands by ${SETTINGS.members} members`);
    const script = salonScript({ memberIds: members, hostId: host.id });
    const fillMs = await fillSessionLog(store, { sessionId: session.id, memberId: host.id, count: SETTINGS.commands, lastAt: now, spacingMs: LOG_SPACING_MS, command: script.next });
    const result: ReplayResult = {
      database,
      fillMs,
      listMs: [],
      reduceMs: [],
      openMs: [],
      mix: { ...script.counts },
      polls: { ...script.polls },
      declined: {},
      views: { publicMs: Number.NaN, hostMs: Number.NaN, mineMs: Number.NaN, everyMineMs: Number.NaN },
      final: { polls: 0, ballots: 0, questions: 0, debates: 0, checkIns: 0 },
    };
    let final: SessionState | undefined;
    for (let round = 0; round <= SETTINGS.replayRepeats; round++) {
      let started = performance.now();
      const commands = await store.listSessionCommands(session.id);
      result.listMs.push(performance.now() - started);
      started = performance.now();
      const state = replaySession(commands);
      result.reduceMs.push(performance.now() - started);
      if (commands.length !== SETTINGS.commands || state.seq !== SETTINGS.commands || state.polls.length !== script.polls.opened) {
        throw new Error(`replay rebuilt seq ${state.seq} with ${state.polls.length} polls from ${commands.length} commands (${script.polls.opened} polls logged)`);
      }
      if (round === 0) result.declined = declinedBy(commands);
      const presence = new LocalPresence();
      started = performance.now();
      const live = await LiveSession.open(session.id, { store, presence, now: Date.now, log: () => {}, gapTimeoutMs: 2000 });
      result.openMs.push(performance.now() - started);
      if (live.current.seq !== SETTINGS.commands || live.current.polls.length !== script.polls.opened) throw new Error(`LiveSession.open rebuilt seq ${live.current.seq}`);
      final = live.current;
      live.close(true);
      presence.shutdown();
    }
    // The views a flush builds, once each on the final state (views are memoised per state object: the first call is the cost).
    const at = now + 1000;
    let started = performance.now();
    const shown = publicView(final!, at);
    result.views.publicMs = performance.now() - started;
    started = performance.now();
    hostView(final!, at);
    result.views.hostMs = performance.now() - started;
    started = performance.now();
    mineView(final!, members[0]!, at);
    result.views.mineMs = performance.now() - started;
    started = performance.now();
    for (const memberId of members) mineView(final!, memberId, at);
    result.views.everyMineMs = performance.now() - started;
    if (shown.poll?.id !== final!.polls.at(-1)?.id) throw new Error(`the public view shows poll ${shown.poll?.id}`);
    result.final = {
      polls: final!.polls.length,
      ballots: final!.polls.reduce((sum, poll) => sum + Object.keys(poll.ballots).length + Object.keys(poll.answers).length, 0),
      questions: final!.qa.questions.length,
      debates: final!.debates.length,
      checkIns: final!.checkIns.length,
    };
    progress(`replay (${database}): read ${fmt(median(result.listMs.slice(1)))} ms, reduce ${fmt(median(result.reduceMs.slice(1)))} ms, ` +
      `open ${fmt(median(result.openMs.slice(1)))} ms; declined ${JSON.stringify(result.declined)}`);
    return result;
  } finally {
    if (dir) {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    } else {
      await removeBenchSession(store, { sessionId: session.id, eventId: event.id, memberId: host.id });
      await removeSalonMembers(store, members);
      await store.close();
    }
  }
}

// 2. Fan-out -----------------------------------------------------------------------------------------------

interface Round {
  pollId: string;
  /** In the order sent: the i-th (1-based) is the vote that took the tally to i. */
  votes: Array<{ voterId: number; sentAtMs: number }>;
}

interface FanoutResult {
  bots: number;
  capacity: number;
  instances: number;
  rounds: Round[];
  /** Vote → its tally shown, per (vote, other bot): all, the voter's instance, the other instance. */
  votes: { all: number[]; same: number[]; other: number[]; expected: number; early: number };
  chats: { all: number[]; expected: number };
  /** Server side: `LiveSession#command` from its call until it resolves, for every poll and vote. */
  commandMs: number[];
  errors: Record<string, number>;
  botCpuPct: number;
  machinePct: number;
  salonEventsPerBotPerSecond: number;
  movesPerBotPerSecond: number;
}

/**
 * Round `round`'s voters: half from each instance (the host aside), taking turns, a different stretch of each
 * instance's bots every round.
 */
function votersOf(round: number, byInstance: number[][]): number[] {
  const voters: number[] = [];
  for (let i = 0; voters.length < SETTINGS.voters && i < SETTINGS.voters * 2; i++) {
    const pool = byInstance[i % byInstance.length]!;
    const id = pool[(round * Math.ceil(SETTINGS.voters / byInstance.length) + Math.floor(i / byInstance.length)) % pool.length];
    if (id !== undefined && !voters.includes(id)) voters.push(id);
  }
  return voters;
}

async function benchFanout(): Promise<FanoutResult> {
  const n = SETTINGS.bots;
  const capacity = Math.ceil(n / 2);
  progress(`fan-out: starting server (capacity ${capacity})`);
  const server = await startSessionServer({ appPath: join(REPO_ROOT, "server/app.ts"), events: [{ slug: FANOUT_SLUG, capacity }], timeCommands: true }, FANOUT_SLUG);
  const workers: ChildProcess[] = [];
  try {
    const workerCount = Math.max(1, Math.min(SETTINGS.workers, n));
    for (let w = 0; w < workerCount; w++) {
      const worker = forkTs("salonBotWorker.ts");
      worker.send({ type: "config", config: { url: server.url, slug: FANOUT_SLUG, hostId: HOST_ID, hostToken: server.hostToken, move: SETTINGS.move } } satisfies ToSalonWorker);
      workers.push(worker);
    }
    const workerOf = (id: number) => workers[id % workerCount]!;

    // The first bot (the host) creates the instance alone; the rest join in batches, in id order, so ids 0…capacity-1 share the first instance.
    const ids = Array.from({ length: n }, (_, i) => i);
    const roomOf = await joinBots(workers, n, SETTINGS.joinBatch, HOST_ID);
    const instanceIds = [...new Set(roomOf.values())];
    if (instanceIds.length !== Math.ceil(n / capacity)) throw new Error(`${n} bots landed in ${instanceIds.length} instances with capacity ${capacity}`);
    const byInstance = instanceIds.map((roomId) => ids.filter((id) => id !== HOST_ID && roomOf.get(id) === roomId));
    progress(`fan-out: ${n} bots in ${instanceIds.length} instance(s) of ${byInstance.map((b) => b.length + (b.includes(HOST_ID) ? 1 : 0)).join(" + ")} (host aside); warming up ${SETTINGS.warmupSeconds} s`);
    await sleep(SETTINGS.warmupSeconds * 1000);

    const collect = () => Promise.all(workers.map((worker) => {
      worker.send({ type: "collect" } satisfies ToSalonWorker);
      return nextMessage<FromSalonWorker, "collected">(worker, "collected", 60_000);
    }));
    const commandTimes = () => {
      server.child.send({ type: "commands" } satisfies ToSessionServer);
      return nextMessage<FromSessionServer, "commands">(server.child, "commands", 30_000);
    };

    const random = seeded(10);
    const rounds: Round[] = [];
    let ticksBefore = machineTicks();
    let started = performance.now();
    // Round 0 warms the path up (first poll, first votes); it is not measured.
    for (let round = 0; round <= SETTINGS.rounds; round++) {
      if (round === 1) {
        await collect();
        await commandTimes();
        ticksBefore = machineTicks();
        started = performance.now();
      }
      const host = workerOf(HOST_ID);
      host.send({ type: "openPoll", round } satisfies ToSalonWorker);
      await nextMessage<FromSalonWorker, "pollOpened">(host, "pollOpened", 10_000);
      const shown = await Promise.all(workers.map((worker) => {
        worker.send({ type: "awaitPoll", round, timeoutMs: 15_000 } satisfies ToSalonWorker);
        return nextMessage<FromSalonWorker, "pollShown">(worker, "pollShown", 30_000);
      }));
      const pollId = shown.find((s) => s.pollId)?.pollId;
      const missing = shown.flatMap((s) => s.missing);
      if (!pollId || missing.length > 0) throw new Error(`round ${round}'s poll (${pollId}) not shown open at ${missing.length} bots, e.g. ${missing.slice(0, 5).join(", ")}`);

      const voters = votersOf(round, byInstance);
      const sent = new Map<number, number>();
      const onVoted = (message: FromSalonWorker) => {
        if (message.type === "voted") sent.set(message.botId, message.sentAtMs);
      };
      for (const worker of workers) worker.on("message", onVoted);
      try {
        const roundStart = performance.now();
        let offset = 0;
        for (const [i, voterId] of voters.entries()) {
          const spacing = SETTINGS.spacingMinMs + random() * (SETTINGS.spacingMaxMs - SETTINGS.spacingMinMs);
          await sleep(Math.max(0, roundStart + offset - performance.now()));
          workerOf(voterId).send({ type: "vote", botId: voterId, pollId, option: `o${i % 4}` } satisfies ToSalonWorker);
          // The voter's chat line goes halfway to the next vote.
          await sleep(Math.max(0, roundStart + offset + spacing / 2 - performance.now()));
          workerOf(voterId).send({ type: "chat", botId: voterId } satisfies ToSalonWorker);
          offset += spacing;
        }
        const deadline = performance.now() + 10_000;
        while (sent.size < voters.length && performance.now() < deadline) await sleep(10);
        if (sent.size < voters.length) throw new Error(`round ${round}: ${voters.length - sent.size} voters did not report their vote`);
      } finally {
        for (const worker of workers) worker.off("message", onVoted);
      }
      await sleep(SETTINGS.settleMs);
      if (round > 0) rounds.push({ pollId, votes: voters.map((voterId) => ({ voterId, sentAtMs: sent.get(voterId)! })).sort((a, b) => a.sentAtMs - b.sentAtMs) });
      progress(`fan-out: round ${round} (${pollId}) ${voters.length} votes${round === 0 ? " (warm-up)" : ""}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const ticksAfter = machineTicks();
    const collected = await collect();
    const { ms: commandMs } = await commandTimes();

    const tallies: TallySample[] = collected.flatMap((c) => c.tallies);
    const chats: ChatSample[] = collected.flatMap((c) => c.chats);
    const errors: Record<string, number> = {};
    for (const c of collected) for (const [code, count] of Object.entries(c.errors)) errors[code] = (errors[code] ?? 0) + count;
    const byPoll = new Map(rounds.map((r) => [r.pollId, r]));
    const votes: FanoutResult["votes"] = { all: [], same: [], other: [], expected: 0, early: 0 };
    for (const round of rounds) votes.expected += round.votes.length * (n - 1);
    for (const sample of tallies) {
      const vote = byPoll.get(sample.pollId)?.votes[sample.voters - 1];
      if (!vote || vote.voterId === sample.receiverId) continue;
      const latency = sample.arrivedAtMs - vote.sentAtMs;
      // A tally that counts the i-th vote before it was sent: two votes were logged out of their sending order.
      if (latency < 0) votes.early++;
      votes.all.push(latency);
      (roomOf.get(vote.voterId) === roomOf.get(sample.receiverId) ? votes.same : votes.other).push(latency);
    }
    const chatLatencies = chats.filter((c) => c.sentAtMs >= performance.timeOrigin + started).map((c) => c.arrivedAtMs - c.sentAtMs);
    const instanceSize = (id: number) => ids.filter((other) => roomOf.get(other) === roomOf.get(id)).length;
    const result: FanoutResult = {
      bots: n,
      capacity,
      instances: instanceIds.length,
      rounds,
      votes,
      chats: { all: chatLatencies, expected: rounds.reduce((sum, r) => sum + r.votes.reduce((s, v) => s + instanceSize(v.voterId) - 1, 0), 0) },
      commandMs,
      errors,
      botCpuPct: collected.reduce((sum, c) => sum + c.cpuUs, 0) / 10_000 / seconds,
      machinePct: ticksBefore && ticksAfter && ticksAfter.total > ticksBefore.total
        ? ((ticksAfter.busy - ticksBefore.busy) / (ticksAfter.total - ticksBefore.total)) * cpus().length * 100
        : Number.NaN,
      salonEventsPerBotPerSecond: collected.reduce((sum, c) => sum + c.salonEvents, 0) / n / seconds,
      movesPerBotPerSecond: collected.reduce((sum, c) => sum + c.movesSent, 0) / n / seconds,
    };
    progress(`fan-out: vote p50 ${fmt(percentile(votes.all, 50))} ms p99 ${fmt(percentile(votes.all, 99))} ms (${votes.all.length}/${votes.expected}), ` +
      `chat p50 ${fmt(percentile(chatLatencies, 50))} ms p99 ${fmt(percentile(chatLatencies, 99))} ms (${chatLatencies.length}/${result.chats.expected}), ` +
      `bots CPU ${fmt(result.botCpuPct, 0)} %, machine ${fmt(result.machinePct, 0)} %, refusals ${JSON.stringify(errors)}`);
    return result;
  } finally {
    await Promise.all(workers.map((worker) => stopChild(worker, { type: "leave" } satisfies ToSalonWorker, "left")));
    await stopChild(server.child, { type: "stop" } satisfies ToSessionServer, "stopped");
  }
}

// Report -------------------------------------------------------------------------------------------------

interface Results {
  startedAt: Date;
  loadBefore: { text: string; quiet: boolean };
  loadAfter: { text: string; quiet: boolean };
  replay: ReplayResult[];
  fanout: FanoutResult | undefined;
}

const pair = (values: number[]) => (values.length ? `${fmt(percentile(values, 50), 1)} / ${fmt(percentile(values, 99), 1)} ms` : "—");
const tally = (record: Record<string, number>) => Object.entries(record).sort((a, b) => b[1] - a[1]).map(([key, count]) => `${key} ${count.toLocaleString("en")}`).join(", ") || "none";

function report(r: Results): string {
  const lines: string[] = [];
  const c = SETTINGS.commands.toLocaleString("en");
  lines.push("## Salon benchmark (`npm run bench:salon`)", "");
  lines.push(`Run ${r.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC on ${machineLine()}. Machine before the run: ${r.loadBefore.text}; after: ${r.loadAfter.text}.`, "");
  if (!r.loadBefore.quiet || !r.loadAfter.quiet) {
    lines.push(`**The machine was not quiet** (a 1-minute load average of ${QUIET_LOAD} or more, or test runners going)${SETTINGS.note ? `: ${SETTINGS.note}` : ""}. ` +
      "Absolute figures are slower and noisier than on an idle machine; compare vote and chat, which share the run.", "");
  } else if (SETTINGS.note) {
    lines.push(SETTINGS.note, "");
  }
  const f = r.fanout;
  lines.push("**Method.**", "");
  const method = [
    `- *Fan-out*: ${SETTINGS.bots} bots (colyseus.js, reflection decoding, ${SETTINGS.workers} worker processes${SETTINGS.move ? ", each sending `move` ten times a second" : ", idle"}) ` +
      `in one event of capacity ${Math.ceil(SETTINGS.bots / 2)}: two instances of one session in one server process (\`startGrove\`, temporary SQLite, quiet; the server's limits unchanged). ` +
      `Bot ${HOST_ID} is the host. Each round the host opens a single-choice poll; once every bot shows it, ${f?.rounds[0]?.votes.length ?? SETTINGS.voters} bots (half from each instance, other bots each round) ` +
      `vote one after another, ${SETTINGS.spacingMinMs}–${SETTINGS.spacingMaxMs} ms apart, each noting its clock (\`performance.timeOrigin + performance.now()\`) as it sends; ` +
      "every bot records when its `salon` event first shows the poll's `voters` count at i, so the i-th vote sent is the one that reached its screen then " +
      "(a tally shown before its vote was sent would mean two votes logged out of order: the report counts them). " +
      "Halfway to the next vote, the voter sends a chat line carrying its send time; every other bot of its instance notes when the `chat` event arrives. " +
      `${SETTINGS.rounds} rounds after a warm-up round, ${fmt(SETTINGS.settleMs, 0)} ms after each round's last vote. Latency is over every (vote or line, receiving bot) pair, the sender left out. ` +
      "In the server, `LiveSession#command` is timed from its call until it resolves (check, sequence number, log write, publish, applied here). " +
      "The room sends salon changes in coalesced flushes, at most one per `SALON_FLUSH_MS` (server/rooms/VenueRoom.ts), and sends a flush at once when none went out that long before.",
    `- *Replay*: ${c} salon commands by ${SETTINGS.members} members and a host, logged in one session through \`test/bench/salonLog.ts\` (a seeded script; ${LOG_SPACING_MS} ms apart) ` +
      `and \`sessionLog.ts\` (parsed with the log's schema, inserted a thousand rows a statement): a poll every ${POLL_EVERY} commands (single, multiple, quiz and open-text in turn), ` +
      "mostly first votes and changed votes, open-text answers in Chinese and English, questions, upvotes and moderation, debates with stances before and after, check-ins, " +
      "a few stage and screen commands. Then timed in this process: `store.listSessionCommands` (read + parse), `replaySession` (the pure reducer) and `LiveSession.open` with a fresh `LocalPresence`. " +
      `One round with cold caches, then ${SETTINGS.replayRepeats}; figures are the median of those (range in brackets). ` +
      `Then \`publicView\`, \`hostView\` and \`mineView\` once each on the final state, and \`mineView\` for all ${SETTINGS.members} members. PostgreSQL runs only when \`DATABASE_URL\` is set.`,
  ];
  if (f) lines.push(method[0]!);
  if (r.replay.length) lines.push(method[1]!);
  lines.push("");

  lines.push("**Vote and chat fan-out** (sender's send → shown at each other bot).", "");
  if (!f) {
    lines.push("Not run.", "");
  } else {
    const commands = f.commandMs;
    lines.push("| Message | Seen / expected | p50 | p99 | max | Sender's instance p50 / p99 | Other instance p50 / p99 |", "|---|---:|---:|---:|---:|---:|---:|");
    lines.push(`| Vote → updated tally (\`salon\`) | ${f.votes.all.length} / ${f.votes.expected} | ${fmt(percentile(f.votes.all, 50), 1)} ms | ${fmt(percentile(f.votes.all, 99), 1)} ms | ` +
      `${fmt(Math.max(...f.votes.all), 1)} ms | ${pair(f.votes.same)} | ${pair(f.votes.other)} |`);
    lines.push(`| Chat line (\`chat\`, its instance only) | ${f.chats.all.length} / ${f.chats.expected} | ${fmt(percentile(f.chats.all, 50), 1)} ms | ${fmt(percentile(f.chats.all, 99), 1)} ms | ` +
      `${fmt(Math.max(...f.chats.all), 1)} ms | ${pair(f.chats.all)} | — |`);
    lines.push("");
    lines.push(`${f.bots} bots in ${f.instances} instances; ${f.rounds.length} rounds, ${f.rounds.reduce((s, x) => s + x.votes.length, 0)} votes and as many chat lines measured. ` +
      `Server: \`LiveSession#command\` ${fmt(percentile(commands, 50), 1)} ms p50, ${fmt(percentile(commands, 99), 1)} ms p99, ${fmt(Math.max(...commands), 1)} ms max over the measured rounds' ${commands.length} commands (polls and votes). ` +
      `Tallies shown before their vote was sent: ${f.votes.early}. \`salon\` events: ${fmt(f.salonEventsPerBotPerSecond, 2)} per bot per second; moves ${fmt(f.movesPerBotPerSecond, 1)} per bot per second. ` +
      `Bots CPU ${fmt(f.botCpuPct, 0)} % and machine CPU ${fmt(f.machinePct, 0)} % of one core over the measured rounds (\`process.cpuUsage\`, /proc/stat). Refusals: ${tally(f.errors)}.`, "");
  }

  lines.push(`**Replay** (${c} salon commands of one session).`, "");
  if (r.replay.length === 0) {
    lines.push("Not run.", "");
  } else {
    lines.push("| Database | Read + parse (`listSessionCommands`) | Reduce (`replaySession`) | `LiveSession.open` | Open, commands/s | First round: read / reduce / open | Setup: logging them |",
      "|---|---:|---:|---:|---:|---:|---:|");
    for (const x of r.replay) {
      const [list, reduce, open] = [x.listMs.slice(1), x.reduceMs.slice(1), x.openMs.slice(1)];
      lines.push(`| ${x.database} | ${spread(list, " ms", 0)} | ${spread(reduce, " ms", 1)} | ${spread(open, " ms", 0)} | ${fmt(SETTINGS.commands / median(open), 1)}k/s | ` +
        `${fmt(x.listMs[0]!, 0)} / ${fmt(x.reduceMs[0]!, 1)} / ${fmt(x.openMs[0]!, 0)} ms | ${fmt(x.fillMs / 1000, 1)} s |`);
    }
    if (!r.replay.some((x) => x.database === "postgres")) lines.push("", "PostgreSQL: not run (`DATABASE_URL` was not set).");
    const x = r.replay[0]!;
    lines.push("");
    lines.push(`Views on the final state (${x.database} run; first call each): \`publicView\` ${fmt(x.views.publicMs, 2)} ms, \`hostView\` ${fmt(x.views.hostMs, 2)} ms, ` +
      `\`mineView\` ${fmt(x.views.mineMs, 2)} ms for one member and ${fmt(x.views.everyMineMs, 1)} ms for all ${SETTINGS.members}.`, "");
    lines.push(`The log: ${tally(x.mix)}. ${x.polls.opened} polls (${x.polls.open} open-text). The final state holds ${x.final.polls} polls with ${x.final.ballots.toLocaleString("en")} ballots and answers, ` +
      `${x.final.questions} questions, ${x.final.debates} debates, ${x.final.checkIns} check-in${x.final.checkIns === 1 ? "" : "s"}. Declined by the rules on replay: ${tally(x.declined)}.`, "");
  }

  lines.push("**How to read it.**", "");
  for (const sentence of meaning(r)) lines.push(`- ${sentence}`);
  return lines.join("\n");
}

/** Plain sentences from the figures, so that the section stays true when it is re-run. */
function meaning(r: Results): string[] {
  const out: string[] = [];
  const f = r.fanout;
  if (f && f.votes.all.length && f.chats.all.length) {
    out.push(`A vote shows in the tally at every other bot ${fmt(percentile(f.votes.all, 50), 0)} ms after it is sent at the median (p99 ${fmt(percentile(f.votes.all, 99), 0)} ms), ` +
      `against ${fmt(percentile(f.chats.all, 50), 0)} ms (p99 ${fmt(percentile(f.chats.all, 99), 0)} ms) for a chat line in the same run. ` +
      "A chat line is relayed to its instance as it arrives; a vote goes through the session (checked, numbered, logged, published, applied) and then waits for the room's next salon flush, " +
      "which coalesces changes into one `salon` event carrying the whole public view, so the difference between the two rows is what the session, the flush and the larger message add. " +
      `The other instance sees a vote ${fmt(percentile(f.votes.other, 50), 0)} ms after it is sent (median), the voter's own ${fmt(percentile(f.votes.same, 50), 0)} ms: both instances live in one process and share its replica.`);
  }
  if (r.replay.length) {
    const x = r.replay[0]!;
    out.push(`Rebuilding a salon from ${SETTINGS.commands.toLocaleString("en")} logged commands (\`LiveSession.open\`) takes ${fmt(median(x.openMs.slice(1)), 0)} ms on ${x.database}: ` +
      `reading and parsing the rows ${fmt(median(x.listMs.slice(1)), 0)} ms, the reducer ${fmt(median(x.reduceMs.slice(1)), 0)} ms. ` +
      `A flush then builds the public view in ${fmt(x.views.publicMs, 1)} ms and the ${SETTINGS.members} members' own views in ${fmt(x.views.everyMineMs, 0)} ms.`);
  }
  out.push("Nothing here asserts on time: on a shared 2-core machine the bots' decoding and the server share the cores, and absolute figures move by a factor of two with the load.");
  return out;
}

// Main ---------------------------------------------------------------------------------------------------

const results: Results = { startedAt: new Date(), loadBefore: machineLoad("bench:salon"), loadAfter: { text: "", quiet: true }, replay: [], fanout: undefined };
progress(`settings ${JSON.stringify(SETTINGS)}; ${results.loadBefore.text}`);
if (SETTINGS.parts.includes("replay")) {
  results.replay.push(await benchReplay("sqlite"));
  if (process.env.DATABASE_URL) results.replay.push(await benchReplay("postgres"));
}
if (SETTINGS.parts.includes("fanout")) results.fanout = await benchFanout();
results.loadAfter = machineLoad("bench:salon");
const section = report(results);
process.stdout.write(`${section}\n`);
if (SETTINGS.writeDocs) {
  writeDocsSection(section, START_MARKER, END_MARKER);
  progress("wrote docs/benchmarks.md");
}
process.exit(0);
