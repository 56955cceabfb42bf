/**
 * A moderation-bench worker process holding a share of the bots (joined and walking through benchKit, as the salon
 * bench's). Told to chat, every bot but the host sends a line every few seconds: mostly lines that need no one, a
 * share that need a host (help or negative: the probes, reported to the orchestrator as they go out), and, for the
 * rough bots, a share with listed words. Every bot notes when each other bot's line arrives; the host bot notes when
 * each line first shows in its `moderationHost` queue, and works the queue (marks the oldest waiting line handled
 * every so often), as a host would.
 */
import type { Room } from "colyseus.js";
import type { Flag, ModerationHostView } from "../../shared/rules/moderation/types.js";
import { joinVenueBot, seeded, walkBot } from "./benchKit.js";
import { nowMs } from "./messages.js";
import {
  FLAGGED_LINES,
  NEUTRAL_LINES,
  ROUGH_LINES,
  lineText,
  parseLine,
  type FromModerationWorker,
  type LineKind,
  type ModerationBotConfig,
  type QueueSeen,
  type ToModerationWorker,
} from "./moderationMessages.js";

/** The host's view is measured (its JSON length) once every this many events: stringifying each would load the host's event loop. */
const VIEW_SIZE_EVERY = 10;

let config: ModerationBotConfig;
const bots = new Map<number, Bot>();

function emptyStats() {
  return {
    chatMs: [] as number[],
    hostChatMs: [] as number[],
    hostChat: [] as Array<{ text: string; arrivedAtMs: number }>,
    queue: [] as QueueSeen[],
    sent: { neutral: 0, flagged: 0, rough: 0 } as Record<LineKind, number>,
    masked: 0,
    handled: 0,
    hostViews: { count: 0, chars: 0, measured: 0 },
    errors: {} as Record<string, number>,
    movesSent: 0,
  };
}
let stats = emptyStats();
let cpuSince = process.cpuUsage();
/** Automatic mutes the host's log showed, by log seq (the log shows the last 100 only: kept across collects). */
const autoMutes = new Set<number>();
/** What the host's latest view showed: its queue's length, the lines waiting in it, the mutes in force. */
const hostLast = { queue: 0, waiting: 0, mutes: 0 };

const round2 = (ms: number) => Math.round(ms * 100) / 100;

class Bot {
  private room!: Room;
  private readonly random: () => number;
  private chatTimer: NodeJS.Timeout | undefined;
  private stopWalking: (() => void) | undefined;
  private left = false;
  /** Host: flags already seen in the queue, and the waiting ones (oldest first) as the last view showed them. */
  private readonly seen = new Set<string>();
  private waiting: Flag[] = [];
  private readonly resolving = new Set<string>();
  private handleTimer: NodeJS.Timeout | undefined;

  constructor(readonly id: number) {
    this.random = seeded(config.seed * 1000 + id);
  }

  get isHost(): boolean {
    return this.id === config.hostId;
  }

  async join(): Promise<{ roomId: string; role: string }> {
    const { room, welcome } = await joinVenueBot(config.url, config.slug, this.id, this.isHost ? config.hostToken : undefined);
    this.room = room;
    room.onMessage("chat", (event: { text?: string }) => {
      const arrivedAtMs = nowMs();
      const text = String(event.text);
      const sent = parseLine(text);
      if (!sent || sent.botId === this.id) return;
      const latency = round2(arrivedAtMs - sent.sentAtMs);
      stats.chatMs.push(latency);
      if (this.isHost) {
        stats.hostChatMs.push(latency);
        stats.hostChat.push({ text, arrivedAtMs });
      }
    });
    room.onMessage("chatMasked", () => {
      stats.masked++;
    });
    if (this.isHost) room.onMessage("moderationHost", (view: ModerationHostView) => this.onHostView(view));
    room.onMessage("error", (event: { code?: string; intent?: string }) => {
      const code = `${event.intent ?? "?"}: ${String(event.code)}`;
      stats.errors[code] = (stats.errors[code] ?? 0) + 1;
    });
    room.onMessage("*", () => {});
    room.onLeave(() => {
      if (!this.left) stats.errors.DISCONNECTED = (stats.errors.DISCONNECTED ?? 0) + 1;
      this.stop();
    });
    if (config.move) this.stopWalking = walkBot(room, this.id, () => stats.movesSent++);
    const { role } = await welcome;
    if (this.isHost && config.handleEveryMs > 0) this.handleTimer = setInterval(() => this.handleOldest(), config.handleEveryMs);
    return { roomId: room.roomId, role: String(role) };
  }

  private onHostView(view: ModerationHostView): void {
    const arrivedAtMs = nowMs();
    const views = stats.hostViews;
    views.count++;
    if (views.count % VIEW_SIZE_EVERY === 1) {
      views.chars += JSON.stringify(view).length;
      views.measured++;
    }
    for (const flag of view.queue) {
      if (this.seen.has(flag.id)) continue;
      this.seen.add(flag.id);
      stats.queue.push({ text: flag.text, flaggedAt: flag.at, arrivedAtMs });
    }
    this.waiting = view.queue.filter((flag) => flag.status !== "handled");
    for (const id of this.resolving) if (!this.waiting.some((flag) => flag.id === id)) this.resolving.delete(id);
    hostLast.queue = view.queue.length;
    hostLast.waiting = this.waiting.length;
    hostLast.mutes = view.mutes.length;
    for (const entry of view.log) if (entry.action === "autoMute") autoMutes.add(entry.seq);
  }

  /** The host marks the oldest waiting line it has not already asked about handled. */
  private handleOldest(): void {
    const flag = this.waiting.find((f) => !this.resolving.has(f.id));
    if (!flag) return;
    this.resolving.add(flag.id);
    this.room.send("resolveFlag", { flagId: flag.id });
    stats.handled++;
  }

  /** Starts chatting: the first line within one spacing (so the bots' lines spread), then one every spacing. */
  startChat(): void {
    if (this.isHost || this.chatTimer) return;
    const spacing = () => config.lineMinMs + this.random() * (config.lineMaxMs - config.lineMinMs);
    const next = (delay: number) => {
      this.chatTimer = setTimeout(() => {
        this.say();
        next(spacing());
      }, delay);
    };
    next(this.random() * config.lineMaxMs);
  }

  stopChat(): void {
    clearTimeout(this.chatTimer);
    this.chatTimer = undefined;
  }

  private say(): void {
    const rough = config.roughIds.includes(this.id);
    const draw = this.random();
    const kind: LineKind = rough ? (draw < config.roughShare ? "rough" : "neutral") : draw < config.flaggedShare ? "flagged" : "neutral";
    const pool = kind === "rough" ? ROUGH_LINES : kind === "flagged" ? FLAGGED_LINES : NEUTRAL_LINES;
    const line = pool[Math.floor(this.random() * pool.length)]!;
    const sentAtMs = nowMs();
    const text = lineText(`bot-${this.id}`, sentAtMs, line);
    this.room.send("chat", { text });
    stats.sent[kind]++;
    if (kind === "flagged") reply({ type: "probe", probe: { botId: this.id, text, sentAtMs } });
  }

  private stop(): void {
    this.stopChat();
    clearInterval(this.handleTimer);
    this.stopWalking?.();
    this.stopWalking = undefined;
  }

  async leave(): Promise<void> {
    this.left = true;
    this.stop();
    await this.room.leave(true).catch(() => undefined);
  }
}

function reply(message: FromModerationWorker): void {
  process.send?.(message);
}

process.on("message", (message: ToModerationWorker) => {
  void handle(message);
});
process.on("disconnect", () => process.exit(0));

async function handle(message: ToModerationWorker): Promise<void> {
  if (message.type === "config") {
    config = message.config;
  } else if (message.type === "join") {
    const rooms: Array<{ id: number; roomId: string; role: string }> = [];
    const failures: string[] = [];
    const joined = await Promise.allSettled(message.ids.map(async (id) => {
      const bot = new Bot(id);
      rooms.push({ id, ...(await bot.join()) });
      bots.set(id, bot);
    }));
    for (const result of joined) if (result.status === "rejected") failures.push(String((result.reason as Error)?.message ?? result.reason));
    reply({ type: "joined", rooms, failures });
  } else if (message.type === "chat") {
    for (const bot of bots.values()) bot.startChat();
  } else if (message.type === "quiet") {
    for (const bot of bots.values()) bot.stopChat();
  } else if (message.type === "collect") {
    const cpu = process.cpuUsage(cpuSince);
    const { hostViews, ...rest } = stats;
    reply({
      type: "collected",
      ...rest,
      hostViews: {
        count: hostViews.count,
        meanChars: hostViews.measured ? hostViews.chars / hostViews.measured : 0,
        ...hostLast,
        autoMutes: autoMutes.size,
      },
      cpuUs: cpu.user + cpu.system,
    });
    cpuSince = process.cpuUsage();
    stats = emptyStats();
  } else if (message.type === "leave") {
    await Promise.all([...bots.values()].map((bot) => bot.leave()));
    reply({ type: "left" });
    setTimeout(() => process.exit(0), 100);
  }
}
