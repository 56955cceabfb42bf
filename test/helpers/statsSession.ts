import { Client } from "colyseus.js";
import { expect } from "vitest";
import type { ErrorEvent, IntentPayload, IntentType, JoinOptions } from "../../shared/protocol/index.js";
import type { HuntInput } from "../../shared/protocol/hunt.js";
import { takeModerationSeat, type ModerationSeat } from "./moderation.js";
import { until, waitForState } from "./grove.js";

/**
 * The bots of the statistics e2e (test/e2e/stats.e2e.test.ts): moderation seats (salon and moderation views, chat,
 * refusals) that also hear the hunt and growth messages, with a few verbs for the scripted session.
 */
export interface Bot extends ModerationSeat {
  name: string;
  secret: string;
  /** Messages the seat does not keep (hunt, growth…), by type: how many arrived. */
  heard: Record<string, number>;
}

/** A hunt of one scene clue (east of the spawn ring) and one real clue with a scan code: finding both completes it. */
export const STATS_HUNT: HuntInput = {
  title: "Lantern hunt 灯笼寻宝",
  order: "free",
  startsAt: null,
  endsAt: null,
  teams: [],
  clues: [
    { id: "lamp", name: "The lamp", hint: "East of the kiosk", riddle: null, points: 5, where: { kind: "scene", x: 9, z: 10 }, blindBox: null },
    { id: "gate", name: "The gate", hint: "Where the garden opens", riddle: null, points: 5, where: { kind: "real", place: "North gate", district: "Xuhui", address: "" }, blindBox: null },
  ],
  partners: [],
};

/** Joins `slug` as `name` (a returning identity when `identity` is given; a host with `hostToken`). */
export async function joinBot(url: string, slug: string, name: string, extra: Partial<JoinOptions> = {}): Promise<Bot> {
  const seat = await takeModerationSeat(new Client(url), { eventSlug: slug, name, ...extra });
  // Messages the statistics test does not read; registered so the client does not warn about them.
  const heard: Record<string, number> = {};
  seat.room.onMessage("*", (type: string | number) => void (heard[String(type)] = (heard[String(type)] ?? 0) + 1));
  return Object.assign(seat, { name, secret: seat.welcome.secret, heard });
}

/** Leaves and waits until the connection is closed. */
export async function leave(bot: Bot): Promise<void> {
  await bot.room.leave(true);
  await until(() => bot.closedWith !== undefined, `${bot.name} leaving`);
}

/** Sends an intent and waits until `done` holds; any refusal meanwhile fails the test. */
export async function send<T extends IntentType>(bot: Bot, type: T, payload: IntentPayload<T> | Record<string, unknown>, done: () => boolean, what = `${bot.name}: ${type}`): Promise<void> {
  const before = bot.errors.length;
  bot.room.send(type, payload);
  await until(() => done() || bot.errors.length > before, what, 10_000);
  expect(bot.errors.slice(before) as ErrorEvent[], `${what} was refused`).toEqual([]);
}

/** Writes a chat line and waits until `witness` (another bot, or the writer) hears it; returns its line id. */
export async function say(bot: Bot, text: string, witness: Bot = bot): Promise<string> {
  const before = bot.errors.length;
  bot.room.send("chat", { text });
  await until(() => witness.chats.some((c) => c.memberId === bot.memberId && c.text === text) || bot.errors.length > before, `${bot.name} saying "${text}"`);
  expect(bot.errors.slice(before), `${bot.name}'s line was refused`).toEqual([]);
  return witness.chats.find((c) => c.memberId === bot.memberId && c.text === text)!.id;
}

/** Walks with the room's own movement to (x, z) and waits until the room has the bot standing there. */
export async function walkTo(bot: Bot, x: number, z: number): Promise<void> {
  bot.room.send("walkTo", { x, z });
  await waitForState(
    bot.room,
    (s) => {
      const me = s.members.get(bot.room.sessionId);
      return me !== undefined && me.x === Math.round(x * 100) && me.z === Math.round(z * 100) && !me.moving;
    },
    20_000,
  );
}

/** Operator API call with the operator token: the status and the JSON body. */
export async function operatorCall<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (an HTML fallback when the route is missing): the status says what went wrong.
  }
  return { status: response.status, body: parsed as T };
}
