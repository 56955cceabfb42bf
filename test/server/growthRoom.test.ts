import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { startGrove, type Grove } from "../../server/app.js";
import { declarations } from "../../server/rooms/features/index.js";
import type { ChatEvent } from "../../shared/protocol/index.js";
import type { SessionCommand } from "../../shared/rules/session.js";
import { ENERGY_PER_SESSION } from "../../shared/rules/growth/types.js";
import { GENEROUS_JOIN_LIMITS, startTestGrove, until, waitForState, type TestGrove } from "../helpers/grove.js";
import { takeGrowthSeat, untilGrowth, untilGrowthMine, type GrowthSeat } from "../helpers/growth.js";
import { act, expectRefused } from "../helpers/salon.js";

/**
 * Growth against a real server (docs/growth.md): energy and every refusal it names, a member forging a host's
 * helpful mark, malformed payloads, showing a collectible, the leaderboard opt-out, a badge celebration, and two
 * instances of one session growing one tree whose reward unlocks exactly once.
 */

let grove: TestGrove;
/** The rooms' clock runs `offset` ms ahead of real time: moving it on refills rate buckets (never by a minute, which presence would pay for). */
let offset = 0;
/** `grow` holds two members an instance (a third opens a second instance) and its tree's goal is small. */
const events = { energy: "", grow: "" };
const seats: GrowthSeat[] = [];
const GOAL = 10;
const REWARD = "Tea for everyone";

async function enter(name: string, options: { host?: boolean; slug?: keyof typeof events } = {}): Promise<GrowthSeat> {
  const slug = options.slug ?? "energy";
  const hostToken = options.host ? grove.hostTokens.issue(events[slug]).token : undefined;
  const seat = await takeGrowthSeat(new Client(grove.url), { eventSlug: slug, name, ...(hostToken ? { hostToken } : {}) });
  seats.push(seat);
  return seat;
}

const commands = (seat: GrowthSeat): Promise<SessionCommand[]> => grove.store.listSessionCommands(seat.welcome.liveSessionId);
const commandsOf = async <K extends SessionCommand["kind"]>(seat: GrowthSeat, kind: K) =>
  (await commands(seat)).filter((c): c is Extract<SessionCommand, { kind: K }> => c.kind === kind);

/** Says a line and waits until `hearer` (the sender by default) has it. The clock moves on first, so the chat bucket never refuses. */
async function say(seat: GrowthSeat, text: string, hearer: GrowthSeat = seat): Promise<ChatEvent> {
  offset += 1_100;
  const before = hearer.chats.length;
  seat.room.send("chat", { text });
  await until(() => hearer.chats.slice(before).some((line) => line.memberId === seat.memberId), `${text} to be heard`);
  return hearer.chats.slice(before).find((line) => line.memberId === seat.memberId)!;
}

/** Asks a question and returns its id (q<seq>), once the asker's public view lists it. */
async function ask(seat: GrowthSeat, text: string): Promise<string> {
  offset += 600;
  await act(seat, "askQuestion", { text, anonymous: false }, () => seat.salon?.questions.some((q) => q.text === text) ?? false);
  return seat.salon!.questions.find((q) => q.text === text)!.id;
}

/** Gives energy that must be taken; resolves once the log has it. */
async function energise(seat: GrowthSeat, target: "question" | "chat" | "speaker", id: string): Promise<void> {
  offset += 600;
  const before = (await commandsOf(seat, "energyGiven")).length;
  const errors = seat.errors.length;
  seat.room.send("giveEnergy", { target, id });
  await until(async () => seat.errors.length > errors || (await commandsOf(seat, "energyGiven")).length > before, `energy to ${target} ${id}`);
  expect(seat.errors.slice(errors), `energy to ${target} ${id} was refused`).toEqual([]);
}

/** A host's control that must be taken: sent, then waited for in the log as `kind`. */
async function hostDoes(host: GrowthSeat, type: "deleteLine" | "muteMember", payload: Record<string, unknown>, kind: "lineDeleted" | "memberMuted"): Promise<void> {
  offset += 600;
  const before = (await commandsOf(host, kind)).length;
  const errors = host.errors.length;
  host.room.send(type, payload);
  await until(async () => host.errors.length > errors || (await commandsOf(host, kind)).length > before, `${type} to be logged`);
  expect(host.errors.slice(errors), `${type} was refused`).toEqual([]);
}

beforeAll(async () => {
  grove = await startTestGrove({ now: () => Date.now() + offset });
  events.energy = (await grove.store.ensureEvent({ slug: "energy", title: "Energy", now: Date.now() })).id;
  const grow = await grove.store.createEvent({ slug: "grow", title: "Grow", capacity: 2, treeGoal: GOAL, rewardText: REWARD, rewardUrl: "https://example.org/tea", now: Date.now() });
  events.grow = grow!.id;
});

afterEach(async () => {
  await Promise.all(seats.splice(0).filter((seat) => seat.room.connection.isOpen).map((seat) => seat.room.leave().catch(() => undefined)));
  for (const eventId of Object.values(events)) {
    await until(async () => (await grove.store.listSessions(eventId)).every((s) => s.endedAt !== null), "the sessions to close");
  }
  // A fresh hour for the next test's rate buckets; nobody is present, so presence earns nothing for it.
  offset += 3_600_000;
});

afterAll(async () => {
  await grove?.dispose();
});

describe("declarations", () => {
  it("lets members give energy, opt out and show collectibles on the salon bucket, and only hosts mark lines helpful", () => {
    const declared = declarations();
    for (const type of ["giveEnergy", "setLeaderboardHidden", "showCollectible"] as const) {
      expect([type, declared.get(type)?.role, declared.get(type)?.rate.bucket]).toEqual([type, "member", "salon"]);
    }
    expect([declared.get("markHelpful")?.role, declared.get("markHelpful")?.rate.bucket]).toEqual(["host", "host"]);
  });
});

describe("energy", () => {
  it("goes to a question, a chat line and a speaker's turn, with the author the server found, and refuses each bad gift with its code", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bob = await enter("Bob");

    // A question: the author is the asker, whatever the client might claim.
    const question = await ask(ann, "Why do trees grow?");
    await energise(bob, "question", question);
    const [gift] = await commandsOf(bob, "energyGiven");
    expect(gift).toMatchObject({ memberId: bob.memberId, detail: { target: "question", refId: question, toId: ann.memberId, toName: "Ann", name: "Bob" } });
    await expectRefused(bob, "giveEnergy", { target: "question", id: question }, "ALREADY_ENERGISED");
    await expectRefused(ann, "giveEnergy", { target: "question", id: question }, "SELF_ENERGY");
    await expectRefused(bob, "giveEnergy", { target: "question", id: "q9999" }, "UNKNOWN_QUESTION");
    // A question a host hid can be given nothing, by anyone.
    const hidden = await ask(ann, "A question to hide");
    await act(host, "moderateQuestion", { questionId: hidden, action: "hide" }, () => host.host?.questions.find((q) => q.id === hidden)?.hidden === true);
    await expectRefused(bob, "giveEnergy", { target: "question", id: hidden }, "UNKNOWN_QUESTION");

    // A chat line: the author from the log; a deleted or unknown line is refused.
    const line = await say(ann, "energy please", bob);
    await energise(bob, "chat", line.id);
    expect((await commandsOf(bob, "energyGiven")).at(-1)?.detail).toMatchObject({ target: "chat", refId: line.id, toId: ann.memberId });
    const gone = await say(ann, "a line to delete", host);
    await hostDoes(host, "deleteLine", { lineId: gone.id }, "lineDeleted");
    await expectRefused(bob, "giveEnergy", { target: "chat", id: gone.id }, "UNKNOWN_LINE");
    await expectRefused(bob, "giveEnergy", { target: "chat", id: "no-such-line" }, "UNKNOWN_LINE");

    // A speaker: only while on the stage; the turn is the ref.
    await expectRefused(bob, "giveEnergy", { target: "speaker", id: ann.memberId }, "NOT_ON_STAGE");
    await act(ann, "raiseHand", {}, () => ann.salon?.stage.queue.some((h) => h.memberId === ann.memberId) ?? false);
    await act(host, "inviteSpeaker", { memberId: ann.memberId }, () => host.salon?.stage.speakers.some((s) => s.memberId === ann.memberId) ?? false);
    const since = host.salon!.stage.speakers.find((s) => s.memberId === ann.memberId)!.since;
    await energise(bob, "speaker", ann.memberId);
    expect((await commandsOf(bob, "energyGiven")).at(-1)?.detail).toMatchObject({ target: "speaker", refId: `turn:${ann.memberId}:${since}`, toId: ann.memberId });

    // The allowance: ENERGY_PER_SESSION gifts, then NO_ENERGY_LEFT.
    for (let i = (await commandsOf(bob, "energyGiven")).length; i < ENERGY_PER_SESSION; i += 1) {
      const more = await say(ann, `line ${i}`, bob);
      await energise(bob, "chat", more.id);
    }
    const extra = await say(ann, "one too many", bob);
    await expectRefused(bob, "giveEnergy", { target: "chat", id: extra.id }, "NO_ENERGY_LEFT");
    expect(await commandsOf(bob, "energyGiven")).toHaveLength(ENERGY_PER_SESSION);
    // The member's own view says so, from the session state.
    await untilGrowthMine(bob, (mine) => mine.energyLeft === 0 && mine.energised.length === ENERGY_PER_SESSION, "Bob's energy spent");

    // A muted member gives nothing.
    const bobLine = await say(bob, "a line of Bob's", host);
    await hostDoes(host, "muteMember", { memberId: ann.memberId, minutes: 5, note: "" }, "memberMuted");
    await expectRefused(ann, "giveEnergy", { target: "chat", id: bobLine.id }, "MUTED");
    expect((await commandsOf(bob, "energyGiven")).filter((c) => c.memberId === ann.memberId)).toEqual([]);
  });

  it("refuses malformed payloads, and nothing is logged", async () => {
    const ann = await enter("Ann");
    const before = await commands(ann);
    const malformed: [string, Record<string, unknown>][] = [
      ["giveEnergy", { target: "poll", id: "p1" }],
      ["giveEnergy", { target: "chat" }],
      ["giveEnergy", { target: "chat", id: "" }],
      ["giveEnergy", { target: "chat", id: "x", toId: ann.memberId }],
      ["setLeaderboardHidden", { hidden: "yes" }],
      ["markHelpful", {}],
      ["showCollectible", {}],
      ["showCollectible", { id: 7 }],
    ];
    for (const [type, payload] of malformed) await expectRefused(ann, type as "giveEnergy", payload, "INVALID_MESSAGE");
    // Out of range: ids longer than any the server issues.
    const long = "x".repeat(65);
    const oversized: [string, Record<string, unknown>][] = [
      ["giveEnergy", { target: "chat", id: long }],
      ["markHelpful", { lineId: long }],
      ["showCollectible", { id: long }],
    ];
    for (const [type, payload] of oversized) await expectRefused(ann, type as "giveEnergy", payload, "MESSAGE_TOO_LARGE");
    expect(await commands(ann)).toEqual(before);
  });
});

describe("helpful lines", () => {
  it("are a host's to mark: a member's forged mark is FORBIDDEN and logs nothing; a host's names the line's author", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const line = await say(ann, "try turning it off and on", host);
    const before = await commands(host);
    await expectRefused(ann, "markHelpful", { lineId: line.id }, "FORBIDDEN");
    expect(await commands(host)).toEqual(before);
    await expectRefused(host, "markHelpful", { lineId: "no-such-line" }, "UNKNOWN_LINE");
    offset += 600;
    const errors = host.errors.length;
    host.room.send("markHelpful", { lineId: line.id });
    await until(async () => (await commandsOf(host, "lineMarkedHelpful")).length === 1, "the line marked");
    expect(host.errors.slice(errors)).toEqual([]);
    expect((await commandsOf(host, "lineMarkedHelpful"))[0]).toMatchObject({ memberId: host.memberId, detail: { lineId: line.id, authorId: ann.memberId, authorName: "Ann", name: "Host" } });
    await expectRefused(host, "markHelpful", { lineId: line.id }, "NOTHING_TO_CHANGE");
    // The author's own view counts it.
    await untilGrowthMine(ann, (mine) => (mine.byKind.helpful ?? 0) > 0, "Ann's helpful points");
  });
});

describe("collectibles", () => {
  it("shows only the member's own collectible over their avatar, and puts it away", async () => {
    const ann = await enter("Ann");
    const bob = await enter("Bob");
    const seed = "0123456789abcdef";
    await grove.store.insertCollectible({
      id: "c-ann-1",
      memberId: ann.memberId,
      sessionId: ann.welcome.liveSessionId,
      eventId: events.energy,
      rule: "topQuestion",
      record: JSON.stringify({ id: "c-ann-1", memberId: ann.memberId, seed, v: 1 }),
      signature: "c2lnbmF0dXJl",
      mintedAt: Date.now(),
    });
    await expectRefused(bob, "showCollectible", { id: "c-ann-1" }, "UNKNOWN_COLLECTIBLE");
    await expectRefused(ann, "showCollectible", { id: "c-nobody" }, "UNKNOWN_COLLECTIBLE");
    offset += 600;
    ann.room.send("showCollectible", { id: "c-ann-1" });
    await waitForState(bob.room, (s) => [...s.members.values()].some((m) => m.memberId === ann.memberId && m.trophy === seed));
    expect([...bob.room.state.members.values()].find((m) => m.memberId === bob.memberId)?.trophy).toBe("");
    // Ann's page comes back on a new connection (a reload): her avatar keeps showing it.
    const annAgain = await takeGrowthSeat(new Client(grove.url), { eventSlug: "energy", name: "Ann", memberId: ann.memberId, secret: ann.welcome.secret });
    seats.push(annAgain);
    expect(annAgain.room.roomId).toBe(ann.room.roomId);
    await waitForState(bob.room, (s) => s.members.get(annAgain.room.sessionId)?.trophy === seed);
    offset += 600;
    annAgain.room.send("showCollectible", { id: null });
    await waitForState(bob.room, (s) => [...s.members.values()].some((m) => m.memberId === ann.memberId && m.trophy === ""));
  });
});

describe("the leaderboard and celebrations", () => {
  it("leaves out a member who opts out, and celebrates a first question with its badge", async () => {
    const ann = await enter("Ann");
    const bob = await enter("Bob");
    // Both views are in before anything happens, so what is held at the join is known.
    await untilGrowthMine(ann, () => true, "Ann's first growth view");
    await ask(ann, "Is this my first question?");
    await until(() => ann.celebrations.some((c) => c.kind === "badge" && c.badge === "firstQuestion"), "the firstQuestion celebration", 8000);
    expect(bob.celebrations.filter((c) => c.kind === "badge" && c.badge === "firstQuestion")).toEqual([]);
    await untilGrowth(bob, (view) => view.leaderboard.some((row) => row.memberId === ann.memberId), "Ann on the leaderboard");

    offset += 600;
    ann.room.send("setLeaderboardHidden", { hidden: true });
    await untilGrowth(bob, (view) => !view.leaderboard.some((row) => row.memberId === ann.memberId), "Ann off the leaderboard");
    await untilGrowthMine(ann, (mine) => mine.hidden, "Ann's own view saying she is off");
    // Sending the choice again (as a page does at every join) is no refusal and logs nothing.
    const logged = (await commandsOf(ann, "leaderboardHidden")).length;
    const errors = ann.errors.length;
    offset += 600;
    ann.room.send("setLeaderboardHidden", { hidden: true });
    offset += 600;
    ann.room.send("setLeaderboardHidden", { hidden: false });
    await untilGrowth(bob, (view) => view.leaderboard.some((row) => row.memberId === ann.memberId), "Ann back on the leaderboard");
    expect(ann.errors.slice(errors)).toEqual([]);
    expect(await commandsOf(ann, "leaderboardHidden")).toHaveLength(logged + 1);
    expect(ann.celebrations.filter((c) => c.kind === "badge" && c.badge === "firstQuestion")).toHaveLength(1);
  });
});

describe("two instances of one session", () => {
  it("grow one tree, and its reward unlocks exactly once: one goalReached logged, one celebration for each member", async () => {
    const ann = await enter("Ann", { slug: "grow" });
    const bob = await enter("Bob", { slug: "grow" });
    const cat = await enter("Cat", { slug: "grow" });
    expect(cat.room.roomId).not.toBe(ann.room.roomId);
    expect(cat.welcome.liveSessionId).toBe(ann.welcome.liveSessionId);
    const everyone = [ann, bob, cat];
    for (const seat of everyone) await untilGrowthMine(seat, () => true, `${seat.welcome.memberId}'s first growth view`);

    await ask(ann, "A question from the first instance");
    for (const seat of everyone) await untilGrowth(seat, (view) => view.tree.growth > 0 && view.tree.contributors === 1, "the tree grown by Ann");
    const afterAnn = ann.growth!.tree.growth;
    expect(afterAnn).toBeLessThan(GOAL);
    expect(cat.growth!.tree).toEqual(ann.growth!.tree);
    expect(cat.growth!.reward).toBeNull();

    await ask(cat, "A question from the second instance");
    for (const seat of everyone) await untilGrowth(seat, (view) => view.tree.reachedAt !== null, "the goal reached");
    for (const seat of everyone) {
      expect(seat.growth!.tree).toMatchObject({ goal: GOAL, progress: 1, stage: "fruit" });
      expect(seat.growth!.tree.growth).toBeGreaterThanOrEqual(GOAL);
      expect(seat.growth!.reward).toEqual({ text: REWARD, url: "https://example.org/tea" });
    }
    expect(cat.growth!.tree).toEqual(ann.growth!.tree);
    for (const seat of everyone) await until(() => seat.celebrations.some((c) => c.kind === "goal"), "the goal celebration");
    // The tree grows on past the goal (the tracker has seen the goal reached since): nothing is said twice.
    const reachedGrowth = ann.growth!.tree.growth;
    await ask(bob, "A question after the goal");
    for (const seat of everyone) await untilGrowth(seat, (view) => view.tree.growth > reachedGrowth, "the tree past its goal");
    const reached = await commandsOf(ann, "goalReached");
    expect(reached).toHaveLength(1);
    expect(reached[0]!.detail.goal).toBe(GOAL);
    for (const seat of everyone) {
      const goals = seat.celebrations.filter((c) => c.kind === "goal");
      expect(goals).toHaveLength(1);
      expect(goals[0]).toMatchObject({ kind: "goal", at: reached[0]!.at, reward: { text: REWARD, url: "https://example.org/tea" } });
    }
    // Each member sees their own share of it.
    const shares = () => everyone.map((seat) => seat.growthMine?.share ?? 0);
    await until(() => shares().every((share) => share > 0) && Math.abs(shares().reduce((sum, share) => sum + share, 0) - 1) < 1e-9, "each member's share of the whole tree");
  });
});

describe("a restart in the middle of a session", () => {
  it("folds the log again into the same tree, leaderboard and standing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "grove-growth-restart-"));
    const options = { port: 0, sqlitePath: join(dir, "grove.sqlite"), quiet: true, joinLimits: GENEROUS_JOIN_LIMITS, operatorToken: "t".repeat(32), secret: "s".repeat(32) };
    let running: Grove | null = await startGrove(options);
    try {
      const eventId = (await running.store.getEventBySlug("demo"))!.id;
      const enter = (server: Grove, name: string, extra: { hostToken?: string; memberId?: string; secret?: string } = {}) => takeGrowthSeat(new Client(server.url), { name, ...extra });
      const host = await enter(running, "Host", { hostToken: running.hostTokens.issue(eventId).token });
      const ann = await enter(running, "Ann");
      const bob = await enter(running, "Bob");
      await act(ann, "askQuestion", { text: "Does the tree survive a restart?", anonymous: false }, () => ann.salon?.questions.length === 1);
      const question = ann.salon!.questions[0]!.id;
      await act(bob, "upvoteQuestion", { questionId: question }, () => ann.salon?.questions[0]?.votes === 1);
      await act(bob, "giveEnergy", { target: "question", id: question }, () => bob.growthMine?.energised.includes(question) ?? false);
      await act(bob, "setLeaderboardHidden", { hidden: true }, () => bob.growthMine?.hidden === true);
      bob.room.send("chat", { text: "a line for the tree" });
      const before = await untilGrowth(host, (view) => view.tree.contributors === 2, "Ann and Bob's growth");
      // Bob grew the tree but is off the board.
      expect(before.leaderboard.map((row) => row.memberId)).toEqual([ann.memberId]);
      const annBefore = await untilGrowthMine(ann, (mine) => (mine.byKind.energyReceived ?? 0) > 0 && (mine.byKind.upvoteReceived ?? 0) > 0, "Ann's points");
      const sessionId = ann.welcome.liveSessionId;
      await running.stop();
      running = null;

      running = await startGrove(options);
      const annBack = await enter(running, "Ann", { memberId: ann.memberId, secret: ann.welcome.secret });
      expect(annBack.welcome.liveSessionId).toBe(sessionId);
      const after = await untilGrowth(annBack, () => true, "the tree after the restart");
      expect(after.tree).toEqual(before.tree);
      expect(after.leaderboard).toEqual(before.leaderboard);
      const annAfter = await untilGrowthMine(annBack, () => true, "Ann's own view after the restart");
      expect({ points: annAfter.points, byKind: annAfter.byKind, energyFrom: annAfter.energyFrom }).toEqual({ points: annBefore.points, byKind: annBefore.byKind, energyFrom: annBefore.energyFrom });
      // Bob's gift still counts against his allowance, and his opt-out still holds.
      const bobBack = await enter(running, "Bob", { memberId: bob.memberId, secret: bob.welcome.secret });
      const bobMine = await untilGrowthMine(bobBack, () => true, "Bob's own view after the restart");
      expect(bobMine).toMatchObject({ energyLeft: ENERGY_PER_SESSION - 1, energised: [question], hidden: true });
      await expectRefused(bobBack, "giveEnergy", { target: "question", id: question }, "ALREADY_ENERGISED");
      await Promise.all([annBack.room.leave(), bobBack.room.leave()]);
    } finally {
      await running?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
