/**
 * A hunt-bench worker holding a share of the bots. Each bot joins the demo event's session, walks to where the clues
 * stand, and, when told to hunt, claims every clue one after the other: a claim waits for its answer (`huntMine`
 * when accepted, an `error` when refused) before the next goes; TOO_FAR (still walking) and RATE_LIMITED are waited
 * out and retried, as a person's page would.
 */
import type { Room } from "colyseus.js";
import { joinVenueBot, sleep } from "./benchKit.js";
import { nowMs } from "./messages.js";
import type { ClaimSample, FromHuntWorker, HuntBotConfig, ToHuntWorker } from "./huntMessages.js";

const config = JSON.parse(process.env.BENCH_HUNT_BOT ?? "{}") as HuntBotConfig;
const bots = new Map<number, Bot>();
let samples: ClaimSample[] = [];
let errors: Record<string, number> = {};
const send = (message: FromHuntWorker) => process.send?.(message);

class Bot {
  private room!: Room;
  private waiting: ((answer: { accepted: boolean; code?: string; retryAfterMs?: number }) => void) | null = null;

  constructor(readonly id: number) {}

  async join(): Promise<{ roomId: string; role: string }> {
    const { room, welcome } = await joinVenueBot(config.url, config.slug, this.id);
    this.room = room;
    room.onMessage("huntMine", () => this.answer({ accepted: true }));
    room.onMessage("error", (event: { code?: string; intent?: string; retryAfterMs?: number }) => {
      if (event.intent !== "claimClue") {
        const code = `${event.intent ?? "?"}: ${String(event.code)}`;
        errors[code] = (errors[code] ?? 0) + 1;
        return;
      }
      this.answer({ accepted: false, code: String(event.code), ...(event.retryAfterMs !== undefined ? { retryAfterMs: event.retryAfterMs } : {}) });
    });
    room.onMessage("*", () => {});
    const { role } = await welcome;
    room.send("walkTo", config.centre);
    return { roomId: room.roomId, role: String(role) };
  }

  private answer(answer: { accepted: boolean; code?: string; retryAfterMs?: number }): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.(answer);
  }

  /** Claims every clue; the `huntMine` sent on join may arrive late, so an answer is awaited only while one is asked. */
  async hunt(): Promise<void> {
    for (const clueId of config.clueIds) {
      for (let attempt = 0; attempt < 50; attempt++) {
        const sentAtMs = nowMs();
        type Answer = { accepted: boolean; code?: string; retryAfterMs?: number };
        const answered = new Promise<Answer>((done) => (this.waiting = done));
        this.room.send("claimClue", { clueId, answer: null });
        const answer = await Promise.race([answered, sleep(10_000).then((): Answer => ({ accepted: false, code: "NO_ANSWER" }))]);
        const answeredAtMs = nowMs();
        if (answer.accepted) {
          samples.push({ sentAtMs, answeredAtMs, accepted: true });
          break;
        }
        const code = answer.code ?? "?";
        errors[`claimClue: ${code}`] = (errors[`claimClue: ${code}`] ?? 0) + 1;
        if (code === "ALREADY_FOUND") break;
        if (code !== "TOO_FAR" && code !== "RATE_LIMITED") {
          samples.push({ sentAtMs, answeredAtMs, accepted: false });
          break;
        }
        await sleep(code === "RATE_LIMITED" ? Math.max(50, answer.retryAfterMs ?? 200) : 250);
      }
    }
  }

  leave(): void {
    void this.room?.leave(true).catch(() => undefined);
  }
}

process.on("message", async (message: ToHuntWorker) => {
  if (message.type === "join") {
    const rooms: Array<{ id: number; roomId: string; role: string }> = [];
    const failures: string[] = [];
    await Promise.all(
      message.ids.map(async (id) => {
        const bot = new Bot(id);
        try {
          rooms.push({ id, ...(await bot.join()) });
          bots.set(id, bot);
        } catch (e) {
          failures.push(e instanceof Error ? e.message : String(e));
        }
      }),
    );
    send({ type: "joined", rooms, failures });
  } else if (message.type === "hunt") {
    samples = [];
    errors = {};
    const cpu = process.cpuUsage();
    await Promise.all([...bots.values()].map((bot) => bot.hunt()));
    const used = process.cpuUsage(cpu);
    send({ type: "hunted", samples, errors, cpuMs: (used.user + used.system) / 1000 });
  } else if (message.type === "stop") {
    for (const bot of bots.values()) bot.leave();
    await sleep(300);
    send({ type: "stopped" });
    process.exit(0);
  }
});
