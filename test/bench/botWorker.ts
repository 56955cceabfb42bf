/**
 * A bench worker process holding a share of the bots. Each bot is a real colyseus.js client that joins without a
 * state class (so state is decoded by reflection, as in a browser), reads the decoded members on every patch,
 * sends a move intent ten times a second with a wandering direction, and chats every 5–10 s.
 */
import { Client, Room } from "colyseus.js";
import { PROTOCOL_VERSION, type JoinOptions } from "../../shared/protocol/index.js";
import { dequantisePosition } from "../../shared/rules/quantise.js";
import { WALK_SPEED } from "../../shared/rules/venue.js";
import { chatText, nowMs, parseChatText, type BotConfig, type BotWindowStats, type FromWorker, type ToWorker } from "./messages.js";

const MOVE_INTERVAL_MS = 100;
const CHAT_MIN_MS = 5000;
const CHAT_MAX_MS = 10000;
/** Bots turn back toward the middle beyond this radius, so that nobody ends up pressed against a wall. */
const WANDER_RADIUS_M = 10;

interface MemberView { x: number; z: number }
interface BenchState { members: Map<string, MemberView> }

let config: BotConfig;
let random: () => number = Math.random;
const bots: Bot[] = [];
let measuring = false;
let stats = emptyStats();

function emptyStats(): BotWindowStats {
  return { latenciesMs: [], chatsSent: 0, movesSent: 0, bytesIn: 0, statePatches: 0, errors: {}, cpuUs: 0 };
}
let windowCpu = process.cpuUsage();

/** mulberry32: a small seeded generator, so that runs wander alike. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Count every message's bytes as it arrives. colyseus.js binds Room.prototype.onMessageCallback at connect time.
const onMessageCallback = (Room.prototype as unknown as { onMessageCallback(event: { data: ArrayBuffer }): void }).onMessageCallback;
(Room.prototype as unknown as { onMessageCallback(event: { data: ArrayBuffer }): void }).onMessageCallback = function (event) {
  if (measuring) stats.bytesIn += event.data.byteLength;
  onMessageCallback.call(this, event);
};

class Bot {
  readonly name: string;
  private room!: Room<BenchState>;
  private heading: number;
  private x = 0;
  private z = 0;
  private timers: NodeJS.Timeout[] = [];
  private left = false;

  /** Bots that do not decode keep track of their own position by dead reckoning, for steering only. */
  constructor(readonly id: number, private readonly decodes: boolean) {
    this.name = `bot-${id}`;
    this.heading = random() * Math.PI * 2;
  }

  async join(client: Client): Promise<string> {
    const options: JoinOptions | { name: string } =
      config.kind === "grove"
        ? { protocolVersion: PROTOCOL_VERSION, eventSlug: "demo", name: this.name, look: { color: "#2e86ab", shape: "round", accessory: "none" } }
        : { name: this.name };
    this.room = await client.joinOrCreate<BenchState>(config.kind === "grove" ? "venue" : "minimal", options);
    const room = this.room;
    let decodedOnce = false;
    room.onStateChange((state) => {
      if (!this.decodes && decodedOnce) return;
      const me = state.members.get(room.sessionId);
      if (me) {
        this.x = config.kind === "grove" ? dequantisePosition(me.x) : me.x;
        this.z = config.kind === "grove" ? dequantisePosition(me.z) : me.z;
      }
      if (measuring) stats.statePatches++;
      if (!this.decodes && !decodedOnce) {
        // After the full state: still receive every patch byte (the server's work is the same), skip decoding it.
        decodedOnce = true;
        (room.serializer as unknown as { patch: () => void }).patch = () => {};
      }
    });
    room.onMessage("chat", (event: { text?: string }) => {
      const arrived = nowMs();
      const sent = typeof event.text === "string" ? parseChatText(event.text) : undefined;
      if (!sent || sent.name === this.name || !measuring) return;
      stats.latenciesMs.push(arrived - sent.sentAtMs);
    });
    room.onMessage("error", (event: { code?: string }) => {
      const code = String(event.code);
      stats.errors[code] = (stats.errors[code] ?? 0) + 1;
    });
    room.onMessage("*", () => {});
    room.onLeave(() => {
      if (!this.left) stats.errors.DISCONNECTED = (stats.errors.DISCONNECTED ?? 0) + 1;
      this.stop();
    });
    // Phase-shift each bot's 10 Hz timer so that intents arrive spread over the interval, as real clients' do.
    this.timers.push(setTimeout(() => this.timers.push(setInterval(() => this.move(), MOVE_INTERVAL_MS)), random() * MOVE_INTERVAL_MS));
    this.scheduleChat();
    return room.roomId;
  }

  private move(): void {
    if (Math.hypot(this.x, this.z) > WANDER_RADIUS_M) {
      this.heading = Math.atan2(-this.x, -this.z) + (random() - 0.5) * 0.8;
    } else {
      this.heading += (random() - 0.5) * 0.6;
    }
    const dx = Math.round(Math.sin(this.heading) * 1000) / 1000;
    const dz = Math.round(Math.cos(this.heading) * 1000) / 1000;
    this.room.send("move", { dx, dz });
    if (!this.decodes) {
      this.x += dx * WALK_SPEED * (MOVE_INTERVAL_MS / 1000);
      this.z += dz * WALK_SPEED * (MOVE_INTERVAL_MS / 1000);
    }
    if (measuring) stats.movesSent++;
  }

  private scheduleChat(): void {
    const delay = CHAT_MIN_MS + random() * (CHAT_MAX_MS - CHAT_MIN_MS);
    this.timers.push(setTimeout(() => {
      this.room.send("chat", { text: chatText(this.name, nowMs()) });
      if (measuring) stats.chatsSent++;
      this.scheduleChat();
    }, delay));
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

function reply(message: FromWorker): void {
  process.send?.(message);
}

process.on("message", (message: ToWorker) => {
  void handle(message);
});
process.on("disconnect", () => process.exit(0));

async function handle(message: ToWorker): Promise<void> {
  if (message.type === "config") {
    config = message.config;
    random = seeded(config.seed);
  } else if (message.type === "join") {
    const roomIds: string[] = [];
    const failures: string[] = [];
    const joined = await Promise.allSettled(message.ids.map(async (id) => {
      const bot = new Bot(id, id < config.decoders);
      // Each bot is a visitor of its own (the bench server trusts loopback proxies), so Grove's per-address
      // join budgets apply to bots as they would to people on their own connections.
      const client = new Client(config.url, { headers: { "x-forwarded-for": `10.77.${id >> 8}.${id & 255}` } });
      roomIds.push(await bot.join(client));
      bots.push(bot);
    }));
    for (const result of joined) if (result.status === "rejected") failures.push(String((result.reason as Error)?.message ?? result.reason));
    reply({ type: "joined", ids: message.ids, roomIds, failures });
  } else if (message.type === "window:start") {
    stats = emptyStats();
    windowCpu = process.cpuUsage();
    measuring = true;
  } else if (message.type === "window:end") {
    measuring = false;
    const cpu = process.cpuUsage(windowCpu);
    stats.cpuUs = cpu.user + cpu.system;
    reply({ type: "window", stats });
  } else if (message.type === "leave") {
    await Promise.all(bots.map((bot) => bot.leave()));
    reply({ type: "left" });
    setTimeout(() => process.exit(0), 100);
  }
}
