import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import type { ErrorEvent, WelcomeEvent } from "../../shared/protocol/index.js";
import type { HuntAdminView, HuntInput, HuntMineView, HuntPublicView } from "../../shared/protocol/hunt.js";
import type { GrowthPublicView } from "../../shared/rules/growth/types.js";
import { RIDDLE_RATE } from "../../shared/rules/hunt/types.js";
import type { VenueState } from "../../shared/state/VenueState.js";
import { joinOptions, nextMessage, startTestGrove, until, waitForState, type TestGrove, type VenueRoom } from "../helpers/grove.js";

/**
 * Scene clues claimed in a real room (docs/hunts.md, "The room"): reach is checked from the pose the room keeps (a
 * claim from the spawn ring is TOO_FAR; walking there with the room's own movement makes it count), a clue counts
 * once, a riddle's wrong answer is refused, hostile payloads are refused and the room goes on, and a find lands in
 * the session's log as a clueFound row that grows the tree.
 */

/** Two scene clues well away from the spawn ring (around (0, 4), radius 4): one plain, one with a riddle. */
const QUEST: HuntInput = {
  title: "Venue quest",
  order: "free",
  startsAt: null,
  endsAt: null,
  teams: [],
  clues: [
    { id: "lamp", name: "The lamp", hint: "East of the kiosk", riddle: null, points: 5, where: { kind: "scene", x: 9, z: 10 }, blindBox: null },
    { id: "owl", name: "The owl", hint: "West, past the fountain", riddle: { question: "Who hoots at night?", answers: ["owl", "猫头鹰"] }, points: 3, where: { kind: "scene", x: -9, z: 10 }, blindBox: null },
  ],
  partners: [],
};

/** A member in the quest: the room and what it heard (kept from before the welcome, so nothing sent on the join is missed). */
interface Hunter {
  room: VenueRoom;
  welcome: WelcomeEvent;
  hunt: (HuntPublicView | null)[];
  mine: HuntMineView[];
  errors: ErrorEvent[];
  growth: GrowthPublicView | undefined;
}

let grove: TestGrove;
/** The rooms' clock runs `offset` ms ahead of real time: moving it on refills the claim bucket without waiting. */
let offset = 0;
const hunters: Hunter[] = [];

async function enter(name: string, eventSlug = "quest"): Promise<Hunter> {
  const room = await new Client(grove.url).joinOrCreate<VenueState>("venue", joinOptions({ eventSlug, name }));
  const hunter: Hunter = { room, welcome: undefined as unknown as WelcomeEvent, hunt: [], mine: [], errors: [], growth: undefined };
  const welcome = nextMessage<WelcomeEvent>(room, "welcome");
  room.onMessage("hunt", (view: HuntPublicView | null) => void hunter.hunt.push(view));
  room.onMessage("huntMine", (view: HuntMineView) => void hunter.mine.push(view));
  room.onMessage("error", (error: ErrorEvent) => void hunter.errors.push(error));
  room.onMessage("growth", (view: GrowthPublicView) => void (hunter.growth = view));
  for (const type of ["welcome", "chatHistory", "chat", "salon", "salonHost", "salonMine", "moderation", "moderationMine", "growthMine", "celebration"]) room.onMessage(type, () => {});
  hunter.welcome = await welcome;
  await waitForState(room, (s) => s.members.has(room.sessionId));
  hunters.push(hunter);
  return hunter;
}

/** Walks the member to (x, z) with the room's own movement and waits until the room has them standing there. */
async function walkTo(hunter: Hunter, x: number, z: number): Promise<void> {
  hunter.room.send("walkTo", { x, z });
  await waitForState(hunter.room, (s) => {
    const me = s.members.get(hunter.room.sessionId);
    return me !== undefined && me.x === Math.round(x * 100) && me.z === Math.round(z * 100) && !me.moving;
  }, 15_000);
}

/** Sends a claim (the clock moved on first, so the claim bucket never refuses) and waits for its answer: huntMine or a refusal. */
async function claim(hunter: Hunter, payload: unknown): Promise<{ mine?: HuntMineView; error?: ErrorEvent }> {
  offset += 2_100;
  const [mines, errors] = [hunter.mine.length, hunter.errors.length];
  hunter.room.send("claimClue", payload);
  await until(() => hunter.mine.length > mines || hunter.errors.length > errors, `an answer to claimClue ${JSON.stringify(payload)}`);
  return { ...(hunter.mine.length > mines ? { mine: hunter.mine.at(-1)! } : {}), ...(hunter.errors.length > errors ? { error: hunter.errors.at(-1)! } : {}) };
}

/** The same clues in an ordered hunt: the lamp first, then the owl. */
const PATH: HuntInput = { ...QUEST, title: "Venue path", order: "ordered" };

async function saveHunt(slug: string, input: HuntInput): Promise<void> {
  await grove.store.createEvent({ slug, title: slug, capacity: 50, now: Date.now() });
  const saved = await fetch(`${grove.url}/api/admin/events/${slug}/hunt`, {
    method: "PUT",
    headers: { authorization: `Bearer ${grove.operatorToken}`, "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  expect(saved.status, await saved.clone().text()).toBe(200);
  expect(((await saved.json()) as HuntAdminView).hunt.clues).toHaveLength(2);
}

beforeAll(async () => {
  grove = await startTestGrove({ now: () => Date.now() + offset });
  await saveHunt("quest", QUEST);
  await saveHunt("path", PATH);
});

afterAll(async () => {
  for (const hunter of hunters) await hunter.room.leave().catch(() => {});
  await grove?.dispose();
});

describe("claiming scene clues in the room", () => {
  it("sends the hunt and the member's own progress on join, without the riddle's answers", async () => {
    const ann = await enter("Ann");
    await until(() => ann.hunt.length > 0 && ann.mine.length > 0, "the hunt views on join");
    const view = ann.hunt[0]!;
    expect(view).toMatchObject({ title: "Venue quest", order: "free" });
    expect(view.clues.map((c) => [c.id, c.riddleQuestion])).toEqual([["lamp", null], ["owl", "Who hoots at night?"]]);
    expect(JSON.stringify(view)).not.toContain("猫头鹰");
    expect(ann.mine[0]).toMatchObject({ found: [], next: null, completed: null });
  });

  it("refuses a claim from the spawn ring as TOO_FAR, credits it once the room has walked the member there, then ALREADY_FOUND", async () => {
    const bo = await enter("Bo");
    const watcher = await enter("Watcher");
    await until(() => bo.hunt.length > 0 && watcher.hunt.length > 0, "the hunt views on join");
    const far = await claim(bo, { clueId: "lamp", answer: null });
    expect(far.error).toMatchObject({ code: "TOO_FAR", intent: "claimClue" });
    expect(far.mine).toBeUndefined();

    const growthBefore = bo.growth?.tree.growth ?? 0;
    const watcherViews = watcher.hunt.length;
    await walkTo(bo, 9, 10);
    const found = await claim(bo, { clueId: "lamp", answer: null });
    expect(found.error).toBeUndefined();
    expect(found.mine?.found).toEqual(["lamp"]);
    // Everyone in the instance hears of the find (its leaderboard names Bo).
    await until(() => watcher.hunt.length > watcherViews, "the hunt view after a find");
    expect(watcher.hunt.at(-1)?.leaderboard.map((row) => [row.name, row.found])).toContainEqual(["Bo", 1]);

    // The find is in the session's log, and the tree grew with it.
    const rows = await grove.store.listInteractions(bo.welcome.liveSessionId);
    const clueRows = rows.filter((row) => row.kind === "clueFound");
    expect(clueRows).toHaveLength(1);
    expect(clueRows[0]).toMatchObject({ memberId: bo.welcome.memberId, detail: expect.objectContaining({ clueId: "lamp", channel: "scene", points: 5 }) });
    await until(() => (bo.growth?.tree.growth ?? 0) > growthBefore, "the tree to grow with the find");

    const again = await claim(bo, { clueId: "lamp", answer: null });
    expect(again.error).toMatchObject({ code: "ALREADY_FOUND" });
    expect((await grove.store.listInteractions(bo.welcome.liveSessionId)).filter((row) => row.kind === "clueFound")).toHaveLength(1);
  });

  it("refuses a wrong riddle answer and credits the right one in any width or case", async () => {
    const cy = await enter("Cy");
    await walkTo(cy, -9, 10);
    for (const answer of [null, "cat", ""]) {
      const wrong = await claim(cy, { clueId: "owl", answer });
      expect(wrong.error, String(answer)).toMatchObject({ code: "WRONG_ANSWER" });
    }
    const right = await claim(cy, { clueId: "owl", answer: " ＯＷＬ " });
    expect(right.error).toBeUndefined();
    expect(right.mine?.found).toEqual(["owl"]);
  });

  it("refuses an unknown clue and hostile payloads, and the room goes on", async () => {
    const dee = await enter("Dee");
    const unknown = await claim(dee, { clueId: "nope", answer: null });
    expect(unknown.error).toMatchObject({ code: "UNKNOWN_CLUE" });
    const hostile: unknown[] = [undefined, null, "lamp", 7, [], { clueId: "lamp" }, { clueId: 7, answer: null }, { clueId: "lamp", answer: 4 }, { clueId: "lamp", answer: null, x: 9, z: 10 }, { clueId: "", answer: null }, { answer: null }];
    for (const payload of hostile) {
      const refused = await claim(dee, payload);
      expect(refused.error, JSON.stringify(payload)).toMatchObject({ code: "INVALID_MESSAGE", intent: "claimClue" });
    }
    const oversized = await claim(dee, { clueId: "x".repeat(5_000), answer: null });
    expect(oversized.error).toMatchObject({ code: "MESSAGE_TOO_LARGE" });
    // A position named in the payload moved nothing: Dee is still far from the lamp.
    const far = await claim(dee, { clueId: "lamp", answer: null });
    expect(far.error).toMatchObject({ code: "TOO_FAR" });
    // The room still answers: Dee walks and claims.
    await walkTo(dee, 9, 10);
    const found = await claim(dee, { clueId: "lamp", answer: null });
    expect(found.mine?.found).toEqual(["lamp"]);
  });

  it("refuses a clue out of order in an ordered hunt, even standing at it, and takes the first one", async () => {
    const eve = await enter("Eve", "path");
    await until(() => eve.mine.length > 0, "the member's progress on join");
    expect(eve.mine[0]?.next).toBe("lamp");
    await walkTo(eve, -9, 10);
    const early = await claim(eve, { clueId: "owl", answer: "owl" });
    expect(early.error).toMatchObject({ code: "OUT_OF_ORDER" });
    await walkTo(eve, 9, 10);
    const first = await claim(eve, { clueId: "lamp", answer: null });
    expect(first.mine).toMatchObject({ found: ["lamp"], next: "owl" });
  });

  it("stops a member guessing a riddle past RIDDLE_RATE, with when to try again, however far the claim bucket has refilled", async () => {
    const fay = await enter("Fay");
    await walkTo(fay, -9, 10);
    for (let guess = 1; guess <= RIDDLE_RATE.capacity; guess += 1) {
      const wrong = await claim(fay, { clueId: "owl", answer: `guess ${guess}` });
      expect(wrong.error, `guess ${guess}`).toMatchObject({ code: "WRONG_ANSWER" });
    }
    const spent = await claim(fay, { clueId: "owl", answer: "owl" });
    expect(spent.error).toMatchObject({ code: "RATE_LIMITED", intent: "claimClue" });
    expect(spent.error?.retryAfterMs).toBeGreaterThan(0);
    expect(spent.mine).toBeUndefined();
    offset += spent.error!.retryAfterMs!;
    const right = await claim(fay, { clueId: "owl", answer: "owl" });
    expect(right.mine?.found).toEqual(["owl"]);
  });
});
