/**
 * A salon-bench worker process holding a share of the bots. Each bot is a colyseus.js client that joins without a
 * state class (reflection decoding, as in a browser), notes the moment each `salon` event first shows a poll's
 * `voters` count at a new high, and notes every other bot's chat line; with `move`, it also walks (a `move` ten
 * times a second) so that patches carry what a venue's do. The host bot opens each round's poll when told to;
 * voters vote and chat when told to.
 */
import type { Room } from "colyseus.js";
import type { SalonPublicView } from "../../shared/rules/salon/types.js";
import { joinVenueBot, walkBot } from "./benchKit.js";
import { chatText, nowMs, parseChatText } from "./messages.js";
import { ROUND_OPTIONS, roundQuestion, type ChatSample, type FromSalonWorker, type SalonBotConfig, type TallySample, type ToSalonWorker } from "./salonMessages.js";

const POLL_CHECK_MS = 10;

let config: SalonBotConfig;
const bots = new Map<number, Bot>();
let tallies: TallySample[] = [];
let chats: ChatSample[] = [];
let errors: Record<string, number> = {};
let movesSent = 0;
let salonEvents = 0;
let cpuSince = process.cpuUsage();

class Bot {
  private room!: Room;
  /** The latest poll this bot's `salon` view showed. */
  poll: { id: string; question: string; open: boolean } | null = null;
  /** Poll id → the highest `voters` count shown so far. */
  private readonly voters = new Map<string, number>();
  private stopWalking: (() => void) | undefined;
  private left = false;

  constructor(readonly id: number) {}

  /** Joins and waits for the welcome; resolves with the room id and the role the server gave. */
  async join(): Promise<{ roomId: string; role: string }> {
    const { room, welcome } = await joinVenueBot(config.url, config.slug, this.id, this.id === config.hostId ? config.hostToken : undefined);
    this.room = room;
    room.onMessage("salon", (view: SalonPublicView) => this.onSalon(view));
    room.onMessage("chat", (event: { text?: string }) => {
      const arrivedAtMs = nowMs();
      const sent = parseChatText(String(event.text));
      const senderId = sent ? Number(/^bot-(\d+)$/.exec(sent.name)?.[1]) : Number.NaN;
      if (sent && Number.isInteger(senderId) && senderId !== this.id) chats.push({ senderId, receiverId: this.id, sentAtMs: sent.sentAtMs, arrivedAtMs });
    });
    room.onMessage("error", (event: { code?: string; intent?: string }) => {
      const code = `${event.intent ?? "?"}: ${String(event.code)}`;
      errors[code] = (errors[code] ?? 0) + 1;
    });
    room.onMessage("*", () => {});
    room.onLeave(() => {
      if (!this.left) errors.DISCONNECTED = (errors.DISCONNECTED ?? 0) + 1;
      this.stop();
    });
    if (config.move) this.stopWalking = walkBot(room, this.id, () => movesSent++);
    const { role } = await welcome;
    return { roomId: room.roomId, role: String(role) };
  }

  private onSalon(view: SalonPublicView): void {
    const arrivedAtMs = nowMs();
    salonEvents++;
    const poll = view.poll;
    if (!poll) return;
    this.poll = { id: poll.id, question: poll.question, open: poll.open };
    const seen = this.voters.get(poll.id) ?? 0;
    // A flush may carry several votes at once: each count it passes reached the screen now.
    for (let count = seen + 1; count <= poll.voters; count++) tallies.push({ pollId: poll.id, receiverId: this.id, voters: count, arrivedAtMs });
    if (poll.voters > seen) this.voters.set(poll.id, poll.voters);
  }

  openPoll(round: number): void {
    this.room.send("openPoll", { kind: "single", question: roundQuestion(round), options: ROUND_OPTIONS, durationSec: null, resultsShown: true });
  }

  vote(pollId: string, option: string): number {
    const sentAtMs = nowMs();
    this.room.send("vote", { pollId, options: [option] });
    return sentAtMs;
  }

  chat(): void {
    this.room.send("chat", { text: chatText(`bot-${this.id}`, nowMs()) });
  }

  private stop(): void {
    this.stopWalking?.();
    this.stopWalking = undefined;
  }

  async leave(): Promise<void> {
    this.left = true;
    this.stop();
    await this.room.leave(true).catch(() => undefined);
  }
}

function reply(message: FromSalonWorker): void {
  process.send?.(message);
}

/** Resolves when every bot shows round `round`'s poll open, or when `timeoutMs` runs out (with the ones that do not). */
async function awaitPoll(round: number, timeoutMs: number): Promise<{ pollId: string | null; missing: number[] }> {
  const question = roundQuestion(round);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const missing = [...bots.values()].filter((bot) => !(bot.poll?.question === question && bot.poll.open)).map((bot) => bot.id);
    const shown = [...bots.values()].find((bot) => bot.poll?.question === question);
    if (missing.length === 0 || performance.now() > deadline) return { pollId: shown?.poll?.id ?? null, missing };
    await new Promise((done) => setTimeout(done, POLL_CHECK_MS));
  }
}

process.on("message", (message: ToSalonWorker) => {
  void handle(message);
});
process.on("disconnect", () => process.exit(0));

async function handle(message: ToSalonWorker): Promise<void> {
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
  } else if (message.type === "openPoll") {
    bots.get(config.hostId)?.openPoll(message.round);
    reply({ type: "pollOpened", round: message.round });
  } else if (message.type === "awaitPoll") {
    reply({ type: "pollShown", round: message.round, ...(await awaitPoll(message.round, message.timeoutMs)) });
  } else if (message.type === "vote") {
    const bot = bots.get(message.botId);
    if (bot) reply({ type: "voted", botId: message.botId, sentAtMs: bot.vote(message.pollId, message.option) });
  } else if (message.type === "chat") {
    bots.get(message.botId)?.chat();
  } else if (message.type === "collect") {
    const cpu = process.cpuUsage(cpuSince);
    reply({ type: "collected", tallies, chats, errors, cpuUs: cpu.user + cpu.system, movesSent, salonEvents });
    cpuSince = process.cpuUsage();
    tallies = [];
    chats = [];
    errors = {};
    movesSent = 0;
    salonEvents = 0;
  } else if (message.type === "leave") {
    await Promise.all([...bots.values()].map((bot) => bot.leave()));
    reply({ type: "left" });
    setTimeout(() => process.exit(0), 100);
  }
}
