/**
 * `npm run bench:voice`: what stage voice costs (issue 15), and VideoRoom against AudioBridge for one speaker and
 * many listeners. Three parts, each printed and written into docs/benchmarks.md between the bench:voice markers:
 * 1. time from the host's "bring on stage" to the first audio packet at listeners already in the session, through
 *    a real Grove server (the speaker publishes as soon as its own view says it is speaking, as the client does);
 * 2. VideoRoom through Grove: Janus and Grove CPU, and bytes per listener per second, with 1 speaker and N listeners;
 * 3. AudioBridge directly through janode (Grove does not use it): the same window on a Janus of its own.
 * Every child process (server, Janus, workers) is killed at the end, also on failure or Ctrl-C.
 */
import { execFileSync, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import Janode, { type Connection } from "janode";
import AudioBridgePlugin, { type AudioBridgeHandle } from "janode/plugins/audiobridge";
import type { Room } from "colyseus.js";
import { spawnedJanusConfig } from "../../server/voice/config.js";
import { JanusProcess } from "../../server/voice/janusProcess.js";
import type { SalonMineView } from "../../shared/rules/salon/types.js";
import type { VenueState } from "../../shared/state/VenueState.js";
import { NodeListener, NodeSpeaker, opusNoiseFrame } from "../helpers/nodeRtc.js";
import { envNumber, fmt, forkTs, joinVenueBot, machineLine, machineLoad, machineTicks, nextMessage, percentile, sleep, stopChild, writeDocsSection } from "./benchKit.js";
import type { FromVoiceServer, FromVoiceWorker, ListenTarget, ListenerCounters } from "./voiceMessages.js";

Janode.Logger.setLevel("none");

const list = (name: string, fallback: number[]) => (process.env[name] ? process.env[name].split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0) : fallback);
const PARTS = (process.env.BENCH_PARTS ?? "first,videoroom,audiobridge").split(",");
const VIDEOROOM_N = list("BENCH_N", [50, 100, 200]);
const BRIDGE_N = list("BENCH_BRIDGE_N", [50, 100, 200]);
const SECONDS = envNumber("BENCH_SECONDS", 10);
const WARMUP = envNumber("BENCH_WARMUP", 3);
const WORKERS = envNumber("BENCH_WORKERS", 2);
const JOIN_BATCH = envNumber("BENCH_JOIN_BATCH", 20);
const ROUNDS = envNumber("BENCH_ROUNDS", 20);
const FIRST_LISTENERS = envNumber("BENCH_FIRST_LISTENERS", 5);
const FIRST_SPEAKERS = envNumber("BENCH_FIRST_SPEAKERS", 6);
const ROUND_SPACING_MS = envNumber("BENCH_ROUND_SPACING_MS", 1500);
const FRAME_BYTES = envNumber("BENCH_FRAME_BYTES", 80);
/** AudioBridge's next N is skipped when the last one's Janus CPU, scaled to it, passes this share of the machine. */
const BRIDGE_CPU_CAP = envNumber("BENCH_BRIDGE_CPU_CAP", 0.85);
const WRITE = envNumber("BENCH_WRITE", 1) !== 0;
const NOTE = process.env.BENCH_NOTE ?? "";

const CORES = Number(execFileSync("nproc", { encoding: "utf8" }).trim()) || 1;
const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
/** Per packet on the wire besides the RTP packet: SRTP's 10-byte auth tag (SHA1_80), UDP 8 and IPv4 20 bytes. */
const WIRE_OVERHEAD = 10 + 8 + 20;
const FRAME = opusNoiseFrame(FRAME_BYTES, 7);

// Every process this bench starts, so that any way out kills them.
const children = new Set<ChildProcess>();
const pids = new Set<number>();
let bridgeJanus: JanusProcess | null = null;
function killAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  bridgeJanus?.crash();
}
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** CPU seconds (user + system, all threads) a process has used, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

// Members in this process (host, speakers, the first-audio listeners) ------------------------------------------------

interface Member {
  room: Room<VenueState>;
  memberId: string;
  mine: SalonMineView | undefined;
  errors: { code: string; intent?: string }[];
}

let nextBotId = 10_000;
async function joinMember(url: string, slug: string, hostToken?: string): Promise<Member> {
  const { room, welcome } = await joinVenueBot(url, slug, nextBotId++, hostToken);
  const member: Member = { room: room as Room<VenueState>, memberId: "", mine: undefined, errors: [] };
  room.onMessage("*", () => {});
  room.onMessage("salonMine", (view: SalonMineView) => void (member.mine = view));
  room.onMessage("error", (error: { code: string; intent?: string }) => void member.errors.push(error));
  member.memberId = ((await welcome) as { memberId: string }).memberId;
  await until(() => member.mine !== undefined, "the member's salon view");
  return member;
}

const feedLive = (member: Member, feed: string) => member.room.state?.session?.voice?.feeds?.has(feed) === true;

/** When the speaker's client saw itself speaking and when Janus's answer reached it (this round). */
interface PublishMarks {
  speakingAt: number | null;
  answerAt: number | null;
}

/** A member whose client publishes a Node microphone as soon as its own view says it is speaking, like the real client. */
function autoPublish(member: Member): { speaker: () => NodeSpeaker | null; marks: PublishMarks } {
  let speaker: NodeSpeaker | null = null;
  let publishing = false;
  const marks: PublishMarks = { speakingAt: null, answerAt: null };
  member.room.onMessage("salonMine", (view: SalonMineView) => {
    member.mine = view;
    if (view.hand !== "speaking" || publishing) return;
    publishing = true;
    marks.speakingAt = performance.now();
    const mic = new NodeSpeaker(FRAME);
    speaker = mic;
    void mic.offer().then((sdp) => member.room.send("voicePublish", { sdp }));
  });
  member.room.onMessage("voiceAnswer", ({ sdp }: { sdp: string }) => {
    marks.answerAt = performance.now();
    void speaker?.answered(sdp);
  });
  member.room.onMessage("voiceStopped", () => {
    void speaker?.close();
    speaker = null;
    publishing = false;
  });
  return { speaker: () => speaker, marks };
}

async function onStage(host: Member, member: Member): Promise<void> {
  member.room.send("raiseHand", {});
  await until(() => member.mine?.hand === "raised", "the hand to go up");
  host.room.send("inviteSpeaker", { memberId: member.memberId });
  await until(() => member.mine?.hand === "speaking", "the member to be on stage");
}

// Part 1: time to first audio -----------------------------------------------------------------------------------------

interface FirstRound {
  total: number[];
  feed: number[];
  media: number[];
  /** Invite → the speaker's own view says speaking; → Janus's answer reached the speaker (one per round). */
  speaking: number;
  answer: number;
}

/** A listener of the first-audio part: listens as soon as the feed shows in its state, answers the offer. */
class FirstListener {
  target = "";
  feedAt: number | null = null;
  listener: NodeListener | null = null;
  constructor(readonly member: Member) {
    member.room.onStateChange(() => {
      if (this.target === "" || this.feedAt !== null || !feedLive(member, this.target)) return;
      this.feedAt = performance.now();
      member.room.send("voiceListen", { feed: this.target });
    });
    member.room.onMessage("voiceOffer", ({ feed, sdp }: { feed: string; sdp: string }) => {
      if (feed !== this.target) return;
      const listener = new NodeListener();
      this.listener = listener;
      void listener.answer(sdp).then((answer) => member.room.send("voiceAnswer", { feed, sdp: answer }));
    });
  }
  arm(target: string): void {
    this.target = target;
    this.feedAt = null;
    void this.listener?.close();
    this.listener = null;
  }
}

async function firstAudio(url: string, hostToken: string): Promise<{ rounds: FirstRound[]; coldMs: number[] }> {
  const host = await joinMember(url, "first", hostToken);
  const speakers: Member[] = [];
  const marks: PublishMarks[] = [];
  for (let i = 0; i < FIRST_SPEAKERS; i += 1) {
    const member = await joinMember(url, "first");
    marks.push(autoPublish(member).marks);
    speakers.push(member);
  }
  const listeners: FirstListener[] = [];
  for (let i = 0; i < FIRST_LISTENERS; i += 1) listeners.push(new FirstListener(await joinMember(url, "first")));
  const rounds: FirstRound[] = [];
  let coldMs: number[] = [];
  const members = [host, ...speakers, ...listeners.map((l) => l.member)];
  try {
    // Round 0 also makes the session's Janus room: reported apart.
    let roundStart = 0;
    for (let round = 0; round <= ROUNDS; round += 1) {
      // Two host actions a round: rounds start ROUND_SPACING_MS apart so the host's bucket (2 a second) keeps up.
      await sleep(Math.max(0, roundStart + ROUND_SPACING_MS - performance.now()));
      roundStart = performance.now();
      const speaker = speakers[round % speakers.length]!;
      const mark = marks[round % speakers.length]!;
      mark.speakingAt = null;
      mark.answerAt = null;
      speaker.room.send("raiseHand", {});
      await until(() => speaker.mine?.hand === "raised", "the hand to go up");
      for (const listener of listeners) listener.arm(speaker.memberId);
      const sentAt = performance.now();
      host.room.send("inviteSpeaker", { memberId: speaker.memberId });
      await until(() => listeners.every((l) => (l.listener?.firstPacketAt ?? null) !== null), `round ${round}'s first packets`, 20_000).catch((e: unknown) => {
        throw new Error(`${String(e)}; refusals: ${JSON.stringify(members.flatMap((m) => m.errors))}`);
      });
      const total = listeners.map((l) => l.listener!.firstPacketAt! - sentAt);
      if (round === 0) coldMs = total;
      else {
        rounds.push({
          total,
          feed: listeners.map((l) => l.feedAt! - sentAt),
          media: listeners.map((l) => l.listener!.firstPacketAt! - l.feedAt!),
          speaking: (mark.speakingAt ?? Number.NaN) - sentAt,
          answer: (mark.answerAt ?? Number.NaN) - sentAt,
        });
      }
      host.room.send("returnSpeaker", { memberId: speaker.memberId });
      await until(() => speaker.mine?.hand !== "speaking" && members.every((m) => !feedLive(m, speaker.memberId)), "the speaker to leave the stage");
      for (const listener of listeners) listener.arm("");
    }
  } finally {
    for (const listener of listeners) listener.arm("");
    await Promise.all(members.map((m) => m.room.leave().catch(() => undefined)));
  }
  return { rounds, coldMs };
}

// Parts 2 and 3: one speaker, N listeners ---------------------------------------------------------------------------

interface Window {
  n: number;
  janusPct: number;
  grovePct: number;
  /** Mean RTP bytes a listener received per second, and packets. */
  bytesPerListener: number;
  packetsPerListener: number;
  /** The fewest packets a second any listener received. */
  minPackets: number;
  receiving: number;
  workersPct: number;
  /** The whole machine's busy share in the window, % of all its cores. */
  machinePct: number;
}

async function counters(workers: readonly ChildProcess[]): Promise<{ listeners: ListenerCounters[]; cpuUs: number }> {
  const answers = await Promise.all(workers.map((worker) => {
    const answer = nextMessage<FromVoiceWorker, "counters">(worker, "counters", 10_000);
    worker.send({ type: "counters" });
    return answer;
  }));
  return { listeners: answers.flatMap((a) => a.listeners), cpuUs: answers.reduce((sum, a) => sum + a.cpuUs, 0) };
}

/** One measured window: CPU of Janus and the server (% of one core), traffic of every listener. */
async function measure(n: number, janusPid: number, serverPid: number | null, workers: readonly ChildProcess[]): Promise<Window> {
  await sleep(WARMUP * 1000);
  const before = await counters(workers);
  const janus0 = cpuSeconds(janusPid);
  const server0 = serverPid === null ? 0 : cpuSeconds(serverPid);
  const ticks0 = machineTicks();
  const t0 = performance.now();
  await sleep(SECONDS * 1000);
  const ticks1 = machineTicks();
  const janus1 = cpuSeconds(janusPid);
  const server1 = serverPid === null ? 0 : cpuSeconds(serverPid);
  const seconds = (performance.now() - t0) / 1000;
  const after = await counters(workers);
  const start = new Map(before.listeners.map((l) => [l.id, l]));
  const deltas = after.listeners.map((l) => ({ packets: l.packets - (start.get(l.id)?.packets ?? 0), bytes: l.bytes - (start.get(l.id)?.bytes ?? 0) }));
  const mean = (values: number[]) => (values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length);
  return {
    n,
    janusPct: ((janus1 - janus0) / seconds) * 100,
    grovePct: serverPid === null ? Number.NaN : ((server1 - server0) / seconds) * 100,
    bytesPerListener: mean(deltas.map((d) => d.bytes / seconds)),
    packetsPerListener: mean(deltas.map((d) => d.packets / seconds)),
    minPackets: deltas.length === 0 ? Number.NaN : Math.min(...deltas.map((d) => d.packets / seconds)),
    receiving: deltas.filter((d) => d.packets > 0).length,
    workersPct: ((after.cpuUs - before.cpuUs) / 1e6 / seconds) * 100,
    machinePct: ticks0 && ticks1 && ticks1.total > ticks0.total ? ((ticks1.busy - ticks0.busy) / (ticks1.total - ticks0.total)) * 100 : Number.NaN,
  };
}

function startWorkers(): ChildProcess[] {
  return Array.from({ length: WORKERS }, () => {
    const worker = forkTs("voiceWorker.ts");
    children.add(worker);
    return worker;
  });
}

async function stopWorkers(workers: readonly ChildProcess[]): Promise<void> {
  await Promise.all(workers.map((worker) => stopChild(worker, { type: "stop" }, "stopped")));
  for (const worker of workers) children.delete(worker);
}

/** Listeners `from`…`to-1` join, `JOIN_BATCH` at a time, spread over the workers; each has heard audio when it resolves. */
async function addListeners(workers: readonly ChildProcess[], target: ListenTarget, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += JOIN_BATCH) {
    const ids = Array.from({ length: Math.min(JOIN_BATCH, to - start) }, (_, i) => start + i);
    await Promise.all(workers.map(async (worker, w) => {
      const share = ids.filter((id) => id % workers.length === w);
      if (share.length === 0) return;
      const answer = nextMessage<FromVoiceWorker, "joined">(worker, "joined", 90_000);
      worker.send({ type: "join", target, ids: share });
      const { failures } = await answer;
      if (failures.length > 0) throw new Error(`${failures.length} listeners failed to join: ${failures[0]}`);
    }));
  }
}

function printWindow(label: string, w: Window): void {
  console.log(`${label} N=${w.n}: Janus ${fmt(w.janusPct)} % · Grove ${fmt(w.grovePct)} % · ${fmt(w.bytesPerListener)} B/listener/s (${fmt(w.packetsPerListener)} pkt/s, min ${fmt(w.minPackets)}) · ${w.receiving}/${w.n} receiving · workers ${fmt(w.workersPct)} % · machine ${fmt(w.machinePct)} %`);
}

async function videoRoom(url: string, hostToken: string, janusPid: number, serverPid: number): Promise<Window[]> {
  const host = await joinMember(url, "stage", hostToken);
  const member = await joinMember(url, "stage");
  const { speaker } = autoPublish(member);
  const workers = startWorkers();
  try {
    await onStage(host, member);
    await until(() => feedLive(host, member.memberId), "the speaker's feed", 20_000);
    const windows = [await measure(0, janusPid, serverPid, workers)];
    printWindow("videoroom", windows[0]!);
    const target: ListenTarget = { kind: "grove", url, slug: "stage", feed: member.memberId };
    let joined = 0;
    for (const n of VIDEOROOM_N) {
      await addListeners(workers, target, joined, n);
      joined = n;
      const window = await measure(n, janusPid, serverPid, workers);
      printWindow("videoroom", window);
      windows.push(window);
    }
    console.log(`videoroom: the speaker sent ${speaker()?.sent ?? 0} packets`);
    return windows;
  } finally {
    await stopWorkers(workers);
    await speaker()?.close();
    await Promise.all([host, member].map((m) => m.room.leave().catch(() => undefined)));
  }
}

async function audioBridge(): Promise<{ windows: Window[]; skipped: string }> {
  const config = spawnedJanusConfig();
  if (!config) throw new Error("the voice bench needs Janus (apt-get install janus)");
  const janus = new JanusProcess({ config, plugins: ["videoroom", "audiobridge"], log: (message, error) => console.error(message, error ?? "") });
  bridgeJanus = janus;
  let connection: Connection | null = null;
  let speaker: NodeSpeaker | null = null;
  const workers: ChildProcess[] = [];
  try {
    await janus.start();
    const janusPid = janus.pid!;
    connection = await Janode.connect({ address: { url: janus.url, apisecret: config.apiSecret }, retry_time_secs: 1, max_retries: 1 });
    const session = await connection.create(15);
    const room = 4242;
    const admin: AudioBridgeHandle = await session.attach(AudioBridgePlugin);
    await admin.create({ room, sampling_rate: 48_000, bitrate: config.bitrate, admin_key: config.adminKey });
    const speakerHandle: AudioBridgeHandle = await session.attach(AudioBridgePlugin);
    await speakerHandle.join({ room, display: "speaker", muted: false });
    speaker = new NodeSpeaker(FRAME);
    const configured = await speakerHandle.configure({ muted: false, jsep: { type: "offer", sdp: await speaker.offer() } });
    if (!configured.jsep?.sdp) throw new Error("AudioBridge answered the speaker without an SDP");
    await speaker.answered(configured.jsep.sdp);
    workers.push(...startWorkers());
    const windows = [await measure(0, janusPid, null, workers)];
    printWindow("audiobridge", windows[0]!);
    const target: ListenTarget = { kind: "bridge", janusUrl: janus.url, apiSecret: config.apiSecret, room };
    let joined = 0;
    let skipped = "";
    for (const n of BRIDGE_N) {
      const last = windows.at(-1)!;
      const projected = joined > 0 ? (last.janusPct * n) / joined : 0;
      if (projected > BRIDGE_CPU_CAP * CORES * 100) {
        skipped = `N=${n} not run: at N=${joined} Janus used ${fmt(last.janusPct)} % of a core, so ${n} listeners would need about ${fmt(projected)} %, past ${fmt(BRIDGE_CPU_CAP * 100, 0)} % of this ${CORES}-core machine`;
        console.log(`audiobridge: ${skipped}`);
        break;
      }
      await addListeners(workers, target, joined, n);
      joined = n;
      const window = await measure(n, janusPid, null, workers);
      printWindow("audiobridge", window);
      windows.push(window);
    }
    return { windows, skipped };
  } finally {
    await stopWorkers(workers);
    await speaker?.close();
    await connection?.close().catch(() => undefined);
    await janus.stop();
    bridgeJanus = null;
  }
}

/** "1102 (1.1.2)": `janus --version` prints it, then exits 1 on an option it does not know. */
function janusVersion(): string {
  const printed = spawnSync("janus", ["--version"], { encoding: "utf8" }).stdout ?? "";
  return /Janus version: (.+)/.exec(printed)?.[1]?.trim() ?? "of unknown version";
}

// Report ---------------------------------------------------------------------------------------------------------------

const wire = (w: Window) => w.bytesPerListener + w.packetsPerListener * WIRE_OVERHEAD;

function table(windows: readonly Window[], grove: boolean): string[] {
  return [
    `| Listeners | Janus CPU (% of a core) | ${grove ? "Grove server CPU (% of a core) | " : ""}RTP bytes / listener / s | ≈ wire bytes / listener / s | packets / listener / s (min) | listeners receiving in the window | listener workers' CPU (%) | machine busy (% of all cores) |`,
    `|---:|---:|${grove ? "---:|" : ""}---:|---:|---:|---:|---:|---:|`,
    ...windows.map((w) => `| ${w.n} | ${fmt(w.janusPct)} | ${grove ? `${fmt(w.grovePct)} | ` : ""}${w.n === 0 ? "–" : fmt(w.bytesPerListener)} | ${w.n === 0 ? "–" : fmt(wire(w))} | ${w.n === 0 ? "–" : `${fmt(w.packetsPerListener)} (${fmt(w.minPackets)})`} | ${w.n === 0 ? "–" : `${w.receiving} / ${w.n}`} | ${fmt(w.workersPct)} | ${fmt(w.machinePct)} |`),
  ];
}

/** Janus CPU added per listener: the least-squares slope over the windows with listeners (and the idle one). */
function slope(windows: readonly Window[]): number {
  if (windows.length < 2) return Number.NaN;
  const xs = windows.map((w) => w.n);
  const ys = windows.map((w) => w.janusPct);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0);
  const den = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return den > 0 ? num / den : Number.NaN;
}

function conclusion(vr: readonly Window[], ab: readonly Window[]): string[] {
  if (vr.length < 2 || ab.length < 2) return ["Not both plugins were measured in this run: no comparison."];
  const vrSlope = slope(vr);
  const abSlope = slope(ab);
  const common = vr.filter((w) => w.n > 0 && ab.some((a) => a.n === w.n)).map((w) => w.n);
  const at = common.at(-1);
  const lines = [
    `- Janus CPU grows by about ${fmt(vrSlope, 3)} % of a core per listener with VideoRoom (forwarding each packet), and ${fmt(abSlope, 3)} % per listener with AudioBridge (decoding, mixing and encoding a mix for each participant): ${fmt(abSlope / vrSlope, 1)}× as much.`,
  ];
  if (at !== undefined) {
    const v = vr.find((w) => w.n === at)!;
    const a = ab.find((w) => w.n === at)!;
    lines.push(`- At ${at} listeners: Janus ${fmt(v.janusPct)} % (VideoRoom) against ${fmt(a.janusPct)} % (AudioBridge) of a core; ${fmt(v.bytesPerListener)} against ${fmt(a.bytesPerListener)} RTP bytes per listener per second.`);
  }
  const reach = (s: number) => (Number.isFinite(s) && s > 0 ? fmt(100 / s, 0) : "n/a");
  const largest = ab.at(-1)!;
  lines.push(
    `- By those slopes one core of this machine carries about ${reach(vrSlope)} VideoRoom listeners and ${reach(abSlope)} AudioBridge listeners of one speaker (a straight-line extrapolation, not measured past the largest N above). At AudioBridge's largest N (${largest.n}) the whole machine was ${fmt(largest.machinePct, 0)} % busy, the listeners receiving ${fmt(largest.minPackets)} packets a second or more.`,
    `- Bytes per listener are the same within a few per cent: one 32 kbit/s Opus stream either way (${fmt(vr.at(-1)!.bytesPerListener / Math.max(1, vr.at(-1)!.packetsPerListener), 0)} against ${fmt(largest.bytesPerListener / Math.max(1, largest.packetsPerListener), 0)} RTP bytes a packet).`,
    abSlope > vrSlope
      ? `- With one speaker, VideoRoom costs Janus ${fmt(abSlope / vrSlope, 1)}× less per listener, so for the stage (one speaker at a time, a handful at most, up to 1,000 listeners) it scales better on CPU. Not measured here: several speakers at once; with VideoRoom each listener receives each sending speaker's stream, so its cost per listener grows with the speakers who send, while AudioBridge's stays one mix.`
      : "- In this run AudioBridge did not cost Janus more per listener than VideoRoom: the choice is not settled by CPU.",
  );
  return lines;
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = machineLoad("voice.bench");
  console.log(machineLine());
  console.log(loadBefore.text);
  let first: Awaited<ReturnType<typeof firstAudio>> | null = null;
  let vr: Window[] = [];
  let ab: Window[] = [];
  let abSkipped = "";

  if (PARTS.includes("first") || PARTS.includes("videoroom")) {
    const server = forkTs("voiceServer.ts", { env: { BENCH_VOICE_EVENTS: "first,stage" } });
    children.add(server);
    let janusPid = 0;
    try {
      const ready = await nextMessage<FromVoiceServer, "ready">(server, "ready", 60_000);
      janusPid = ready.janusPid;
      pids.add(janusPid);
      const url = `http://127.0.0.1:${ready.port}`;
      if (PARTS.includes("first")) {
        first = await firstAudio(url, ready.hostTokens.first!);
        const all = first.rounds.flatMap((r) => r.total);
        console.log(`first audio: p50 ${fmt(percentile(all, 50))} ms, p99 ${fmt(percentile(all, 99))} ms over ${all.length} samples; the first round (makes the Janus room) ${first.coldMs.map((ms) => fmt(ms)).join(", ")} ms`);
      }
      if (PARTS.includes("videoroom")) vr = await videoRoom(url, ready.hostTokens.stage!, janusPid, server.pid!);
    } finally {
      await stopChild(server, { type: "stop" }, "stopped");
      children.delete(server);
      // Janus dies with the server's stop; should the server have been killed, it is killed here.
      try {
        if (janusPid) process.kill(janusPid, "SIGKILL");
      } catch {
        // gone, as expected
      }
      pids.delete(janusPid);
    }
  }
  if (PARTS.includes("audiobridge")) ({ windows: ab, skipped: abSkipped } = await audioBridge());

  const loadAfter = machineLoad("voice.bench");
  const minutes = (Date.now() - started) / 60_000;
  const lines: string[] = [
    "## Stage voice: VideoRoom through Grove, AudioBridge beside it, time to first audio (`npm run bench:voice`)",
    "",
    `Machine: ${machineLine()}. Janus ${janusVersion()}. Run took ${fmt(minutes, 1)} min.`,
    `At the start: ${loadBefore.text}${loadBefore.quiet ? "" : " (**not a quiet machine: read the figures as rough**)"}; at the end: ${loadAfter.text} (the load average counts this run's own threads: Janus runs one per handle).${NOTE ? ` ${NOTE}` : ""}`,
    "",
    `Every peer is a WebRTC endpoint in Node (werift: ICE, DTLS, SRTP as a browser). The speaker sends one ${FRAME_BYTES}-byte Opus packet (a valid TOC, seeded noise, about a 32 kbit/s voice frame, decodable by AudioBridge's mixer) every 20 ms. Listeners live in ${WORKERS} worker processes; werift's own CPU (receiving and decrypting) is in those processes, shown apart and not counted as Janus or Grove. Each window lasts ${SECONDS} s, ${WARMUP} s after the last listener heard its first packet; CPU is user + system time from /proc/<pid>/stat as % of one core (${CORES} cores here). RTP bytes are the decrypted RTP packets (header, extensions and payload); "≈ wire" adds ${WIRE_OVERHEAD} bytes a packet (SRTP tag, UDP, IPv4), computed, not captured. RTCP is not counted.`,
    "",
  ];
  if (first) {
    const all = first.rounds.flatMap((r) => r.total);
    const feed = first.rounds.flatMap((r) => r.feed);
    const media = first.rounds.flatMap((r) => r.media);
    const speaking = first.rounds.map((r) => r.speaking);
    const answer = first.rounds.map((r) => r.answer);
    lines.push(
      "### Time from \"brought on stage\" to the first audio packet",
      "",
      `${first.rounds.length} rounds (after a first round, which also makes the session's Janus room: ${first.coldMs.map((ms) => fmt(ms, 0)).join(", ")} ms) with ${FIRST_LISTENERS} listeners in the session, through the Grove server (VideoRoom). The host sends \`inviteSpeaker\`; the speaker's client publishes as soon as its \`salonMine\` view says it is speaking (offer, \`voicePublish\`, Janus's answer); each listener sends \`voiceListen\` as soon as the feed shows in \`state.session.voice.feeds\` and answers the offer. Between rounds the host sends the speaker back; rounds start ${fmt(ROUND_SPACING_MS / 1000, 1)} s apart (the host's bucket allows 2 actions a second) and ${FIRST_SPEAKERS} speakers take turns (the publish bucket allows one publish per 5 s each).`,
      "",
      "| Span | p50 (ms) | p99 (ms) | samples |",
      "|---|---:|---:|---:|",
      `| host's invite → first audio packet at a listener | ${fmt(percentile(all, 50))} | ${fmt(percentile(all, 99))} | ${all.length} |`,
      `| invite → the speaker's own view says speaking | ${fmt(percentile(speaking, 50))} | ${fmt(percentile(speaking, 99))} | ${speaking.length} |`,
      `| invite → Janus's answer reaches the speaker (offer, \`voicePublish\`, the stage checked, Janus joined) | ${fmt(percentile(answer, 50))} | ${fmt(percentile(answer, 99))} | ${answer.length} |`,
      `| invite → the feed in the listener's state (then the speaker's ICE and DTLS up, Janus's webrtcup, a state patch) | ${fmt(percentile(feed, 50))} | ${fmt(percentile(feed, 99))} | ${feed.length} |`,
      `| feed in state → first packet (listen, offer, answer, ICE and DTLS) | ${fmt(percentile(media, 50))} | ${fmt(percentile(media, 99))} | ${media.length} |`,
      "",
      `Of invite → feed (p50 ${fmt(percentile(feed, 50), 0)} ms), ${fmt(percentile(answer, 50), 0)} ms pass until Janus's answer reaches the speaker; the rest is the speaker's werift connection (ICE, DTLS) coming up, Janus's webrtcup and the state patch. ` +
        `Rounds whose speaker took over 500 ms from the invite to its feed showing (a slow publisher connection, which every listener then waits for): ${first.rounds.filter((r) => Math.min(...r.feed) > 500).length} of ${first.rounds.length}.`,
      "",
    );
  }
  if (vr.length > 0) lines.push("### VideoRoom through Grove: 1 speaker, N listeners", "", "Listeners are colyseus.js members of the session (one instance) and a werift peer each; N = 0 is the room with its speaker and nobody listening.", "", ...table(vr, true), "");
  if (ab.length > 0) {
    lines.push("### AudioBridge directly through janode (the comparison only; Grove does not use it): 1 speaker, N listeners", "", "Listeners join muted and offer receive-only audio: each still gets its own encoded mix. Janus alone (no Grove server), the room's bitrate as Grove's (32 kbit/s).", "", ...table(ab, false), "");
    if (abSkipped) lines.push(`${abSkipped}.`, "");
  }
  if (vr.length > 0 || ab.length > 0) lines.push("### Reading", "", ...conclusion(vr, ab), "");
  const section = lines.join("\n").trimEnd();
  console.log(`\n${section}\n`);
  if (WRITE) writeDocsSection(section, "<!-- bench:voice:start -->", "<!-- bench:voice:end -->");
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
