/**
 * A session-bench worker process holding a share of the bots. Each bot is a colyseus.js client that joins without
 * a state class (reflection decoding, as in a browser) and notes the moment `state.session.announcement` shows a
 * new announcement; with `move`, it also walks (a `move` ten times a second) so that patches carry what a venue's do.
 * Host bots join with the host token and post an announcement when the orchestrator says so.
 */
import { Client, type Room } from "colyseus.js";
import { PROTOCOL_VERSION, type JoinOptions } from "../../shared/protocol/index.js";
import { nowMs } from "./messages.js";
import {
  announcementText,
  parseAnnouncementText,
  type AnnouncementSample,
  type FromSessionWorker,
  type SessionBotConfig,
  type ToSessionWorker,
} from "./sessionMessages.js";

const MOVE_INTERVAL_MS = 100;
/** Radians the heading turns per move: the bots walk small circles, so they stay near their spawn point without steering. */
const TURN_PER_MOVE = 0.3;

interface AnnouncementView { id: string; text: string }
interface BenchState { session?: { announcement?: AnnouncementView } }

let config: SessionBotConfig;
const bots = new Map<number, Bot>();
let samples: AnnouncementSample[] = [];
let errors: Record<string, number> = {};
let movesSent = 0;
let cpuSince = process.cpuUsage();

class Bot {
  private room!: Room<BenchState>;
  private shownId = "";
  private timers: NodeJS.Timeout[] = [];
  private left = false;

  constructor(readonly id: number) {}

  /** Joins and waits for the welcome; resolves with the room id and the role the server gave. */
  async join(): Promise<{ roomId: string; role: string }> {
    const host = config.hostIds.includes(this.id);
    const options: JoinOptions = {
      protocolVersion: PROTOCOL_VERSION,
      eventSlug: config.slug,
      name: `bot-${this.id}`,
      look: { color: "#2e86ab", shape: "round", accessory: "none" },
      ...(host ? { hostToken: config.hostToken } : {}),
    };
    // Each bot is a visitor of its own (the bench server trusts loopback proxies), so the per-address join budgets apply as for people.
    const client = new Client(config.url, { headers: { "x-forwarded-for": `10.78.${this.id >> 8}.${this.id & 255}` } });
    const room = await client.joinOrCreate<BenchState>("venue", options);
    this.room = room;
    const welcome = new Promise<{ role?: string }>((resolve) => room.onMessage("welcome", resolve));
    room.onStateChange((state) => {
      const shown = state.session?.announcement;
      if (!shown || shown.id === this.shownId) return;
      const arrivedAtMs = nowMs();
      this.shownId = shown.id;
      const sent = parseAnnouncementText(shown.text);
      if (sent && sent.posterId !== this.id) samples.push({ announcementId: shown.id, posterId: sent.posterId, receiverId: this.id, sentAtMs: sent.sentAtMs, arrivedAtMs });
    });
    room.onMessage("error", (event: { code?: string }) => {
      const code = String(event.code);
      errors[code] = (errors[code] ?? 0) + 1;
    });
    room.onMessage("*", () => {});
    room.onLeave(() => {
      if (!this.left) errors.DISCONNECTED = (errors.DISCONNECTED ?? 0) + 1;
      this.stop();
    });
    if (config.move) {
      let heading = (this.id * 2.399) % (Math.PI * 2);
      // Phase-shift each bot's 10 Hz timer so that intents arrive spread over the interval, as real clients' do.
      this.timers.push(setTimeout(() => this.timers.push(setInterval(() => {
        heading += TURN_PER_MOVE;
        room.send("move", { dx: Math.round(Math.sin(heading) * 1000) / 1000, dz: Math.round(Math.cos(heading) * 1000) / 1000 });
        movesSent++;
      }, MOVE_INTERVAL_MS)), (this.id * 37) % MOVE_INTERVAL_MS));
    }
    const { role } = await welcome;
    return { roomId: room.roomId, role: String(role) };
  }

  announce(): void {
    this.room.send("postAnnouncement", { text: announcementText(this.id, nowMs()) });
  }

  private stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  async leave(): Promise<void> {
    this.left = true;
    this.stop();
    await this.room.leave(true).catch(() => undefined);
  }
}

function reply(message: FromSessionWorker): void {
  process.send?.(message);
}

process.on("message", (message: ToSessionWorker) => {
  void handle(message);
});
process.on("disconnect", () => process.exit(0));

async function handle(message: ToSessionWorker): Promise<void> {
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
  } else if (message.type === "announce") {
    bots.get(message.botId)?.announce();
    reply({ type: "announced", botId: message.botId });
  } else if (message.type === "collect") {
    const cpu = process.cpuUsage(cpuSince);
    reply({ type: "collected", samples, errors, cpuUs: cpu.user + cpu.system, movesSent });
    cpuSince = process.cpuUsage();
    samples = [];
    errors = {};
    movesSent = 0;
  } else if (message.type === "leave") {
    await Promise.all([...bots.values()].map((bot) => bot.leave()));
    reply({ type: "left" });
    setTimeout(() => process.exit(0), 100);
  }
}
