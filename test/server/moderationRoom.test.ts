import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { declarations } from "../../server/rooms/features/index.js";
import { REMOVED_CLOSE_CODE, type ChatEvent, type IntentType } from "../../shared/protocol/index.js";
import { AUTO_MUTE } from "../../shared/rules/moderation/autoMute.js";
import { replaySession } from "../../shared/rules/session.js";
import { joinOptions, joinOutcome, startTestGrove, until, type TestGrove } from "../helpers/grove.js";
import { takeModerationSeat, untilModeration, untilModerationHost, untilModerationMine, type ModerationSeat } from "../helpers/moderation.js";
import { act, expectRefused, untilSalon } from "../helpers/salon.js";

/**
 * Moderation against a real server (docs/moderation.md, "The room"): every host action and every refusal it names,
 * members forging host controls, the filter, the automatic mute, slow mode, deleted lines, removal and the lock at
 * the door, reports, the classifier's queue and private replies, the word list, across two instances of a session
 * where it matters. (A restart: moderationRestart.test.ts.)
 */
const HOST_INTENTS = [
  "muteMember",
  "unmuteMember",
  "removeMember",
  "lockSession",
  "setSlowMode",
  "deleteLine",
  "whisper",
  "resolveFlag",
  "handOnFlag",
  "setWords",
] as const satisfies readonly IntentType[];

let grove: TestGrove;
/** The rooms' clock runs `offset` ms ahead of real time: moving it on ends mutes and slow mode, and refills rate buckets. */
let offset = 0;
/** `pair` and `wordy` hold two members an instance: the third member opens a second instance of the session. */
const events = { mod: "", pair: "", wordy: "" };
const seats: ModerationSeat[] = [];

async function enter(name: string, options: { host?: boolean; slug?: keyof typeof events; memberId?: string; secret?: string } = {}): Promise<ModerationSeat> {
  const slug = options.slug ?? "mod";
  const hostToken = options.host ? grove.hostTokens.issue(events[slug]).token : undefined;
  const identity = options.memberId && options.secret ? { memberId: options.memberId, secret: options.secret } : {};
  const seat = await takeModerationSeat(new Client(grove.url), { eventSlug: slug, name, ...identity, ...(hostToken ? { hostToken } : {}) });
  seats.push(seat);
  return seat;
}

/** How a join with these options ends: "joined", or the code it was refused with. */
const tryJoin = (slug: keyof typeof events, options: { name?: string; memberId?: string; secret?: string; host?: boolean } = {}) =>
  joinOutcome(
    new Client(grove.url),
    joinOptions({
      eventSlug: slug,
      name: options.name ?? "Someone",
      ...(options.memberId && options.secret ? { memberId: options.memberId, secret: options.secret } : {}),
      ...(options.host ? { hostToken: grove.hostTokens.issue(events[slug]).token } : {}),
    }),
  );

const commands = (seat: ModerationSeat) => grove.store.listSessionCommands(seat.welcome.liveSessionId);
const lastError = (seat: ModerationSeat) => seat.errors.at(-1);

/**
 * Says a line and waits until `hearer` (the sender by default) has it; returns the line as it went out. The clock
 * moves on a little first, so the chat bucket (3 lines, 1 a second) never refuses a test's lines.
 */
async function say(seat: ModerationSeat, text: string, hearer: ModerationSeat = seat): Promise<ChatEvent> {
  offset += 1_100;
  const before = hearer.chats.length;
  seat.room.send("chat", { text });
  await until(() => hearer.chats.slice(before).some((line) => line.memberId === seat.memberId), `${text} to be heard`);
  return hearer.chats.slice(before).find((line) => line.memberId === seat.memberId)!;
}

/** Sends an intent that must be refused with `code`, and checks the refusal's retryAfterMs lies in [min, max] (or is absent). */
async function expectWait<T extends IntentType>(seat: ModerationSeat, type: T, payload: Record<string, unknown>, code: "MUTED" | "SLOW_MODE", range: [number, number] | null): Promise<void> {
  await expectRefused(seat, type, payload, code);
  const wait = lastError(seat)?.retryAfterMs;
  if (range === null) expect(wait, `${type}: no time given`).toBeUndefined();
  else {
    expect(wait, `${type}: the time left`).toBeGreaterThanOrEqual(range[0]);
    expect(wait, `${type}: the time left`).toBeLessThanOrEqual(range[1]);
  }
}

beforeAll(async () => {
  grove = await startTestGrove({ now: () => Date.now() + offset });
  events.mod = (await grove.store.ensureEvent({ slug: "mod", title: "Moderated", now: Date.now() })).id;
  events.pair = (await grove.store.ensureEvent({ slug: "pair", title: "Pair", capacity: 2, now: Date.now() })).id;
  events.wordy = (await grove.store.ensureEvent({ slug: "wordy", title: "Wordy", capacity: 2, now: Date.now() })).id;
});

afterEach(async () => {
  await Promise.all(seats.splice(0).filter((seat) => seat.room.connection.isOpen).map((seat) => seat.room.leave().catch(() => undefined)));
  for (const eventId of Object.values(events)) {
    await until(async () => (await grove.store.listSessions(eventId)).every((s) => s.endedAt !== null), "the sessions to close");
  }
  // A fresh hour: rate buckets full again, and nothing a test left muted.
  offset += 3_600_000;
});

afterAll(async () => {
  await grove?.dispose();
});

describe("declarations", () => {
  it("lets only hosts moderate, on the host bucket, and members report, on the salon bucket", () => {
    const declared = declarations();
    for (const type of HOST_INTENTS) expect([type, declared.get(type)?.role, declared.get(type)?.rate.bucket]).toEqual([type, "host", "host"]);
    expect([declared.get("reportLine")?.role, declared.get("reportLine")?.rate.bucket]).toEqual(["member", "salon"]);
  });
});

describe("a member forging host controls", () => {
  it("is refused every one with FORBIDDEN, and nothing is logged or changes", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const line = await say(ann, "a line to act on", host);
    await say(host, "my audio doesn't work, can anyone help?");
    await untilModerationHost(host, (view) => view.queue.length === 1);
    const flagId = host.moderationHost!.queue[0]!.id;
    const before = await commands(host);
    const views = JSON.stringify([ann.moderation, ann.moderationMine]);
    const forged: { [K in (typeof HOST_INTENTS)[number]]: Record<string, unknown> } = {
      muteMember: { memberId: host.memberId, minutes: 5, note: "" },
      unmuteMember: { memberId: host.memberId },
      removeMember: { memberId: host.memberId, note: "" },
      lockSession: { locked: true },
      setSlowMode: { seconds: 60 },
      deleteLine: { lineId: line.id },
      whisper: { memberId: host.memberId, text: "psst", flagId: null },
      resolveFlag: { flagId },
      handOnFlag: { flagId, hostId: ann.memberId },
      setWords: { add: ["tea"], remove: [] },
    };
    for (const type of HOST_INTENTS) await expectRefused(ann, type, forged[type], "FORBIDDEN");
    expect(await commands(host)).toEqual(before);
    expect(JSON.stringify([ann.moderation, ann.moderationMine])).toBe(views);
    expect(await grove.store.eventWords(events.mod)).toEqual({ add: [], remove: [] });
  });
});

describe("targets", () => {
  it("refuses a member who never joined this session, a line it does not have, a queued line it does not have, and a host acting on themself", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    // Bo joined another event's session: he is no member of this one.
    const bo = await enter("Bo", { slug: "pair" });
    const before = await commands(host);
    for (const memberId of ["00000000-0000-4000-8000-000000000000", bo.memberId]) {
      await expectRefused(host, "muteMember", { memberId, minutes: 5 }, "UNKNOWN_MEMBER");
      await expectRefused(host, "unmuteMember", { memberId }, "UNKNOWN_MEMBER");
      await expectRefused(host, "removeMember", { memberId }, "UNKNOWN_MEMBER");
      await expectRefused(host, "whisper", { memberId, text: "hello" }, "UNKNOWN_MEMBER");
    }
    // The host bucket holds 10: a fresh one for the rest.
    offset += 10_000;
    await expectRefused(host, "deleteLine", { lineId: "no-such-line" }, "UNKNOWN_LINE");
    await expectRefused(ann, "reportLine", { lineId: "no-such-line" }, "UNKNOWN_LINE");
    // Bo's line was said in another session: not a line of this one.
    const elsewhere = await say(bo, "said elsewhere");
    await expectRefused(host, "deleteLine", { lineId: elsewhere.id }, "UNKNOWN_LINE");
    await expectRefused(ann, "reportLine", { lineId: elsewhere.id }, "UNKNOWN_LINE");
    await expectRefused(host, "resolveFlag", { flagId: "f999" }, "UNKNOWN_FLAG");
    await expectRefused(host, "handOnFlag", { flagId: "f999", hostId: host.memberId }, "UNKNOWN_FLAG");
    await expectRefused(host, "whisper", { memberId: ann.memberId, text: "about that", flagId: "f999" }, "UNKNOWN_FLAG");
    await expectRefused(host, "handOnFlag", { flagId: "f1", hostId: bo.memberId }, "UNKNOWN_MEMBER");
    await expectRefused(host, "muteMember", { memberId: host.memberId, minutes: null }, "SELF_MODERATION");
    await expectRefused(host, "removeMember", { memberId: host.memberId }, "SELF_MODERATION");
    await expectRefused(host, "whisper", { memberId: ann.memberId, text: " \u200b " }, "EMPTY_MESSAGE");
    await expectRefused(host, "whisper", { memberId: ann.memberId, text: "w".repeat(501) }, "MESSAGE_TOO_LARGE");
    await expectRefused(host, "muteMember", { memberId: ann.memberId, minutes: 0 }, "INVALID_MESSAGE");
    await expectRefused(host, "setSlowMode", { seconds: 601 }, "INVALID_MESSAGE");
    await expectRefused(host, "setWords", { add: ["x".repeat(41)], remove: [] }, "MESSAGE_TOO_LARGE");
    // Nothing refused was logged.
    expect(await commands(host)).toEqual(before);
  });
});

describe("muting", () => {
  it("mutes a member for a time (chat, reactions and the hand refused MUTED with the time left), for the session, and lifts it", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bo = await enter("Bo");
    await act(ann, "raiseHand", {}, () => ann.mine?.hand === "raised");

    await act(host, "muteMember", { memberId: ann.memberId, minutes: 5, note: "  Please cool down " }, () => ann.moderationMine?.muted !== null);
    expect(ann.moderationMine?.muted).toMatchObject({ reason: "host", note: "Please cool down" });
    // Muting lowers the hand.
    await untilSalon(bo, (view) => view.stage.queue.length === 0);
    const host1 = await untilModerationHost(host, (view) => view.mutes.length === 1);
    expect(host1.mutes[0]).toMatchObject({ memberId: ann.memberId, name: "Ann", reason: "host", by: { memberId: host.memberId, name: "Host" }, note: "Please cool down" });
    expect(host1.log[0]).toMatchObject({ action: "mute", by: { name: "Host" }, target: { memberId: ann.memberId, name: "Ann" }, detail: { durationMs: 300_000 }, note: "Please cool down" });
    expect(bo.moderationMine?.muted).toBeNull();

    const fiveMinutes: [number, number] = [290_000, 300_000];
    await expectWait(ann, "chat", { text: "let me speak" }, "MUTED", fiveMinutes);
    await expectWait(ann, "react", { emoji: "👏" }, "MUTED", fiveMinutes);
    await expectWait(ann, "raiseHand", {}, "MUTED", fiveMinutes);
    // Bo still talks; nothing of Ann's reached him.
    await say(bo, "I can still talk", host);
    expect(bo.chats.some((line) => line.memberId === ann.memberId)).toBe(false);

    // A new mute replaces the first: for the session, with no time to give.
    await act(host, "muteMember", { memberId: ann.memberId, minutes: null }, () => ann.moderationMine?.muted?.until === null);
    await expectWait(ann, "chat", { text: "still?" }, "MUTED", null);

    await act(host, "unmuteMember", { memberId: ann.memberId }, () => ann.moderationMine?.muted === null);
    await untilModerationHost(host, (view) => view.mutes.length === 0 && view.log[0]?.action === "unmute");
    await say(ann, "thank you", bo);
    await act(ann, "raiseHand", {}, () => ann.mine?.hand === "raised");
    await expectRefused(host, "unmuteMember", { memberId: ann.memberId }, "NOTHING_TO_CHANGE");

    // A mute for a minute ends by itself when the minute is up.
    await act(host, "muteMember", { memberId: bo.memberId, minutes: 1 }, () => bo.moderationMine?.muted !== null);
    await expectWait(bo, "chat", { text: "now?" }, "MUTED", [50_000, 60_000]);
    offset += 61_000;
    await say(bo, "back again", ann);
    await expectRefused(host, "unmuteMember", { memberId: bo.memberId }, "NOTHING_TO_CHANGE");
  });
});

describe("the keyword filter and the automatic mute", () => {
  it("masks listed words for everyone, tells only the sender which, and mutes a member after three masked lines", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bo = await enter("Bo");
    const first = await say(ann, "oh shit, the slides", bo);
    expect(first.text).toBe("oh ***, the slides");
    await until(() => ann.masked.length === 1, "Ann to hear her line was masked");
    expect(ann.masked).toEqual([{ id: first.id, words: ["shit"] }]);
    expect(bo.masked).toEqual([]);
    expect((await say(ann, "Scunthorpe is lovely", bo)).text).toBe("Scunthorpe is lovely");

    // A host's line is masked too, but counts toward nothing.
    for (const [text, shown] of [["shit happens", "*** happens"], ["f.u.c.k", "***"], ["傻逼", "***"]] as const) expect((await say(host, text, bo)).text).toBe(shown);
    expect(host.moderationMine?.muted).toBeNull();

    await say(ann, "what the f u c k", bo);
    const third = await say(ann, "傻逼", bo);
    expect(third.text).toBe("***");
    const muted = await untilModerationMine(ann, (view) => view.muted !== null, "Ann to hear she is muted");
    expect(muted.muted).toMatchObject({ reason: "filter", note: "" });
    expect(muted.muted!.until! - third.at).toBeGreaterThanOrEqual(AUTO_MUTE.stepsMs[0]! - 1000);
    expect(muted.muted!.until! - third.at).toBeLessThanOrEqual(AUTO_MUTE.stepsMs[0]! + 1000);
    const log = await untilModerationHost(host, (view) => view.log.some((entry) => entry.action === "autoMute"));
    expect(log.log.find((entry) => entry.action === "autoMute")).toMatchObject({ by: null, target: { memberId: ann.memberId, name: "Ann" }, detail: { durationMs: AUTO_MUTE.stepsMs[0], offence: "filter" } });
    await expectWait(ann, "chat", { text: "sorry" }, "MUTED", [50_000, 60_000]);

    const offences = (await commands(host)).filter((c) => c.kind === "offenceRecorded");
    expect(offences.map((c) => [c.memberId, c.detail])).toEqual(Array.from({ length: 3 }, () => [ann.memberId, { kind: "filter", name: "Ann" }]));
    // The log and a later joiner's history keep the masked line, never the word.
    const later = await enter("Cy");
    expect(later.history?.lines.find((line) => line.id === first.id)?.text).toBe("oh ***, the slides");
  });

  it("counts chat the rate limit refused as an offence once per spacing, so a flood that goes on mutes the flooder (never a host)", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const flood = async (seat = ann) => {
      const refused = seat.errors.length;
      for (let i = 0; i < 8; i += 1) seat.room.send("chat", { text: `hi ${i}` });
      await until(() => seat.errors.slice(refused).filter((e) => e.code === "RATE_LIMITED").length >= 5, "the flood to be refused");
    };
    const rateOffences = async () => (await commands(ann)).filter((c) => c.kind === "offenceRecorded" && c.detail.kind === "rate").length;
    // A host's flood is refused like anyone's, but it is no offence: hosts are never muted automatically.
    await flood(host);
    await flood();
    await until(async () => (await rateOffences()) === 1, "one offence for the burst");
    expect((await commands(ann)).filter((c) => c.kind === "offenceRecorded").map((c) => c.memberId)).toEqual([ann.welcome.memberId]);
    // A burst counts once, however long it is.
    await flood();
    expect(await rateOffences()).toBe(1);
    for (let round = 2; round <= AUTO_MUTE.offences; round += 1) {
      offset += AUTO_MUTE.windowMs / AUTO_MUTE.offences + 1000;
      await flood();
      await until(async () => (await rateOffences()) === round, `offence ${round}`);
    }
    await untilModerationMine(ann, (view) => view.muted?.reason === "rate", "Ann to be muted for flooding");
    await expectWait(ann, "react", { emoji: "🎉" }, "MUTED", [50_000, 60_000]);
  });
});

describe("slow mode", () => {
  it("spaces one member's chat lines, tells how long to wait, and leaves hosts alone", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    await act(host, "setSlowMode", { seconds: 30 }, () => ann.moderation?.slowModeSeconds === 30);
    await expectRefused(host, "setSlowMode", { seconds: 30 }, "NOTHING_TO_CHANGE");
    await untilModerationHost(host, (view) => view.log[0]?.action === "slowMode" && view.log[0].detail.seconds === 30);
    await say(ann, "first", host);
    await expectWait(ann, "chat", { text: "second" }, "SLOW_MODE", [25_000, 30_000]);
    await say(host, "hosts are not slowed", ann);
    await say(host, "not at all", ann);
    offset += 30_500;
    await say(ann, "second, later", host);
    await act(host, "setSlowMode", { seconds: 0 }, () => ann.moderation?.slowModeSeconds === 0);
    await say(ann, "and again", host);
    await say(ann, "and again at once", host);
  });
});

describe("a session over two instances", () => {
  it("deletes a line of either instance for everyone, and late joiners' history in each instance leaves it out", async () => {
    const host = await enter("Host", { host: true, slug: "pair" });
    const bo = await enter("Bo", { slug: "pair" });
    const cy = await enter("Cy", { slug: "pair" });
    expect(cy.room.roomId).not.toBe(host.room.roomId);
    const keep = await say(bo, "keep me", host);
    const gone = await say(bo, "delete me", host);
    const keepToo = await say(cy, "keep me too");
    const goneToo = await say(cy, "delete me too");

    await act(host, "deleteLine", { lineId: gone.id }, () => cy.moderation?.deleted.includes(gone.id) === true);
    // A host in one instance deletes a line said in the other.
    await act(host, "deleteLine", { lineId: goneToo.id }, () => cy.moderation?.deleted.includes(goneToo.id) === true);
    await untilModeration(bo, (view) => view.deleted.length === 2);
    expect([...bo.moderation!.deleted].sort()).toEqual([gone.id, goneToo.id].sort());
    const log = await untilModerationHost(host, (view) => view.log.filter((entry) => entry.action === "deleteLine").length === 2);
    expect(log.log[0]).toMatchObject({ action: "deleteLine", by: { name: "Host" }, target: { memberId: cy.memberId, name: "Cy" }, detail: { text: "delete me too" } });
    await expectRefused(host, "deleteLine", { lineId: gone.id }, "NOTHING_TO_CHANGE");
    await expectRefused(cy, "reportLine", { lineId: gone.id }, "UNKNOWN_LINE");

    // Dee fills the second instance; Eve takes the seat Bo leaves in the first.
    const dee = await enter("Dee", { slug: "pair" });
    expect(dee.room.roomId).toBe(cy.room.roomId);
    expect(dee.history?.lines.map((line) => line.text)).toEqual(["keep me too"]);
    expect(dee.moderation?.deleted).toEqual(expect.arrayContaining([gone.id, goneToo.id]));
    await bo.room.leave();
    const eve = await enter("Eve", { slug: "pair" });
    expect(eve.room.roomId).toBe(host.room.roomId);
    expect(eve.history?.lines.map((line) => line.id)).toEqual([keep.id]);
    expect(keepToo.text).toBe("keep me too");
  });

  it("removes a member standing in the other instance: told REMOVED, closed with the removed code, and refused at the door after", async () => {
    const host = await enter("Host", { host: true, slug: "pair" });
    const bo = await enter("Bo", { slug: "pair" });
    const cy = await enter("Cy", { slug: "pair" });
    await act(cy, "raiseHand", {}, () => host.salon?.stage.queue.length === 1);
    await act(host, "removeMember", { memberId: cy.memberId, note: "spam links" }, () => cy.closedWith !== undefined);
    expect(cy.closedWith).toBe(REMOVED_CLOSE_CODE);
    expect(cy.errors.at(-1)).toMatchObject({ code: "REMOVED" });
    // Their hand went down with them; the hosts see who was removed and why.
    await untilSalon(bo, (view) => view.stage.queue.length === 0);
    const view = await untilModerationHost(host, (v) => v.removed.length === 1);
    expect(view.removed[0]).toMatchObject({ memberId: cy.memberId, name: "Cy", by: { name: "Host" }, note: "spam links" });
    expect(view.log[0]).toMatchObject({ action: "remove", target: { name: "Cy" }, note: "spam links" });
    // Removed for good: their leave carries no reason, and the identity cannot come back into this session.
    await until(async () => (await grove.store.listInteractions(cy.welcome.liveSessionId)).some((i) => i.kind === "leave" && i.memberId === cy.memberId), "Cy's leave");
    const leave = (await grove.store.listInteractions(cy.welcome.liveSessionId)).find((i) => i.kind === "leave" && i.memberId === cy.memberId);
    expect(leave?.detail).toEqual({});
    expect(await tryJoin("pair", { name: "Cy", memberId: cy.memberId, secret: cy.welcome.secret })).toBe("REMOVED");
    expect(await tryJoin("pair", { name: "Cy", memberId: cy.memberId, secret: cy.welcome.secret, host: true })).toBe("REMOVED");
    await expectRefused(host, "removeMember", { memberId: cy.memberId }, "NOTHING_TO_CHANGE");
    await expectRefused(host, "inviteSpeaker", { memberId: cy.memberId }, "REMOVED");
    // Anyone else still gets in (the session is not locked).
    expect(await tryJoin("pair", { name: "Dee" })).toBe("joined");
  });

  it("queues a line the classifier flags in the other instance, and a private reply reaches only its member", async () => {
    const host = await enter("Host", { host: true, slug: "pair" });
    const bo = await enter("Bo", { slug: "pair" });
    const cy = await enter("Cy", { slug: "pair" });
    const helper = await enter("Helper", { host: true, slug: "pair" });
    expect(cy.room.roomId).not.toBe(host.room.roomId);
    await say(bo, "hello everyone", host);
    const stuck = await say(cy, "my audio doesn't work, can anyone help?");
    const queued = await untilModerationHost(host, (view) => view.queue.length === 1, "the line in the host's queue");
    expect(queued.queue[0]).toMatchObject({ source: "chat", refId: stuck.id, authorId: cy.memberId, authorName: "Cy", text: stuck.text, tags: ["help"], status: "open", firstResponseAt: null });
    expect(queued.queue[0]!.triggers.length).toBeGreaterThan(0);
    expect(bo.moderationHost).toBeUndefined();
    const flagId = queued.queue[0]!.id;

    const boMine = bo.moderationCounts.mine;
    await act(host, "whisper", { memberId: cy.memberId, text: "Try reloading the page, I'm here if it persists", flagId }, () => cy.moderationMine?.whispers.length === 1);
    expect(cy.moderationMine?.whispers[0]).toMatchObject({ flagId, fromName: "Host", text: "Try reloading the page, I'm here if it persists" });
    await untilModerationHost(host, (view) => view.queue[0]?.firstResponseAt !== null);
    expect(bo.moderationMine?.whispers).toEqual([]);
    expect(bo.moderationCounts.mine).toBe(boMine);
    expect(bo.chats.some((line) => line.text.includes("reloading"))).toBe(false);

    await act(host, "handOnFlag", { flagId, hostId: helper.memberId }, () => helper.moderationHost?.queue[0]?.status === "handedOn");
    expect(helper.moderationHost?.queue[0]?.assignee).toEqual({ memberId: helper.memberId, name: "Helper" });
    await expectRefused(host, "handOnFlag", { flagId, hostId: helper.memberId }, "NOTHING_TO_CHANGE");
    await act(helper, "resolveFlag", { flagId }, () => host.moderationHost?.queue[0]?.status === "handled");
    expect(host.moderationHost?.queue[0]?.handledBy).toEqual({ memberId: helper.memberId, name: "Helper" });
    expect(host.moderationHost?.response).toMatchObject({ flagged: 1, answered: 1 });
    await expectRefused(helper, "resolveFlag", { flagId }, "NOTHING_TO_CHANGE");

    // A question is filtered and flagged too, under its own id.
    await act(cy, "askQuestion", { text: "I'm stuck, can't hear anything — oh shit" }, () => cy.salon?.questions.length === 1);
    const question = cy.salon!.questions[0]!;
    expect(question.text).toBe("I'm stuck, can't hear anything — oh ***");
    const withQuestion = await untilModerationHost(host, (view) => view.queue.some((flag) => flag.source === "question"));
    expect(withQuestion.queue.find((flag) => flag.source === "question")).toMatchObject({ refId: question.id, authorId: cy.memberId, tags: ["help"], text: question.text });
  });

  it("decides two hosts racing to delete one line alike in both instances: one deletion, nothing half-applied", async () => {
    const host = await enter("Host", { host: true, slug: "pair" });
    const bo = await enter("Bo", { slug: "pair" });
    const other = await enter("Other host", { host: true, slug: "pair" });
    expect(other.room.roomId).not.toBe(host.room.roomId);
    for (let round = 0; round < 3; round += 1) {
      const line = await say(bo, `line ${round}`, host);
      const refusals = [host.errors.length, other.errors.length];
      host.room.send("deleteLine", { lineId: line.id });
      other.room.send("deleteLine", { lineId: line.id });
      await untilModeration(bo, (view) => view.deleted.includes(line.id));
      await untilModeration(other, (view) => view.deleted.includes(line.id));
      await until(() => host.errors.length + other.errors.length > refusals[0]! + refusals[1]!, "the slower host's refusal");
      const refused = [...host.errors.slice(refusals[0]), ...other.errors.slice(refusals[1])];
      expect(refused.map((e) => e.code)).toEqual(["NOTHING_TO_CHANGE"]);
      const deletions = await untilModerationHost(host, (view) => view.log.filter((entry) => entry.action === "deleteLine").length === round + 1);
      expect(deletions.log.filter((entry) => entry.action === "deleteLine" && entry.detail.text === `line ${round}`)).toHaveLength(1);
      // The log, replayed, says the same as every replica.
      expect(replaySession(await commands(host)).moderation.deleted).toEqual(expect.objectContaining({ [line.id]: expect.objectContaining({ lineId: line.id }) }));
      offset += 5_000;
    }
  });
});

describe("the lock", () => {
  it("refuses a new member LOCKED; a member who joined before comes back, and a host always gets in", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    await ann.room.leave();
    await act(host, "lockSession", { locked: true }, () => host.moderation?.locked === true);
    await untilModerationHost(host, (view) => view.log[0]?.action === "lock");
    await expectRefused(host, "lockSession", { locked: true }, "NOTHING_TO_CHANGE");
    expect(await tryJoin("mod", { name: "Newcomer" })).toBe("LOCKED");
    expect(await tryJoin("mod", { name: "Ann", memberId: ann.memberId, secret: ann.welcome.secret })).toBe("joined");
    const hostTwo = await enter("Second host", { host: true });
    expect(hostTwo.moderation?.locked).toBe(true);
    // The refused newcomer never joined the session.
    const presence = await grove.store.listPresence(host.welcome.liveSessionId);
    expect(new Set(presence.map((p) => p.memberId))).toEqual(new Set([host.memberId, ann.memberId, hostTwo.memberId]));
    await act(host, "lockSession", { locked: false }, () => hostTwo.moderation?.locked === false);
    expect(await tryJoin("mod", { name: "Newcomer" })).toBe("joined");
  });
});

describe("reports", () => {
  it("takes a member's report of a line once, never of their own, into the hosts' queue", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bo = await enter("Bo");
    const line = await say(ann, "buy cheap followers at example.com", bo);
    await act(bo, "reportLine", { lineId: line.id }, () => bo.moderationMine?.reported.includes(line.id) === true);
    const queued = await untilModerationHost(host, (view) => view.queue.length === 1);
    expect(queued.queue[0]).toMatchObject({ source: "chat", refId: line.id, authorId: ann.memberId, text: line.text, tags: ["report"], reporters: [bo.memberId], status: "open" });
    expect(queued.log[0]).toMatchObject({ action: "report", by: { memberId: bo.memberId, name: "Bo" }, target: { memberId: ann.memberId, name: "Ann" }, detail: { text: line.text } });
    await expectRefused(bo, "reportLine", { lineId: line.id }, "ALREADY_REPORTED");
    await expectRefused(ann, "reportLine", { lineId: line.id }, "SELF_MODERATION");
    await act(host, "reportLine", { lineId: line.id }, () => host.moderationHost?.queue[0]?.reporters.length === 2);
    expect(ann.moderationMine?.reported).toEqual([]);
  });
});

describe("the word list", () => {
  it("masks a host's words in every instance at once, keeps the list for the event's next session, and follows /admin", async () => {
    const host = await enter("Host", { host: true, slug: "wordy" });
    await enter("Bo", { slug: "wordy" });
    const cy = await enter("Cy", { slug: "wordy" });
    expect(cy.room.roomId).not.toBe(host.room.roomId);
    await act(host, "setWords", { add: [" Banana ", "ＫＩＷＩ", "banana"], remove: ["shit"] }, () => host.moderationHost?.words !== null);
    expect(host.moderationHost?.words).toEqual({ add: ["banana", "kiwi"], remove: ["shit"] });
    expect(host.moderationHost?.log[0]).toMatchObject({ action: "words", by: { name: "Host" }, detail: { add: ["banana", "kiwi"], remove: ["shit"] } });
    expect((await say(cy, "banana split, oh shit")).text).toBe("*** split, oh shit");
    expect((await say(host, "a BANANA")).text).toBe("a ***");
    expect(await grove.store.eventWords(events.wordy)).toEqual({ add: ["banana", "kiwi"], remove: ["shit"] });
    await expectRefused(host, "setWords", { add: ["kiwi", "banana"], remove: ["SHIT"] }, "NOTHING_TO_CHANGE");

    // The operator changes the list on /admin: the live session takes it at once.
    const response = await fetch(`${grove.url}/api/admin/events/wordy`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${grove.operatorToken}`, "content-type": "application/json" },
      body: JSON.stringify({ words: { add: ["durian"], remove: [] } }),
    });
    expect(response.status).toBe(200);
    const changed = await untilModerationHost(host, (view) => view.words?.add[0] === "durian");
    expect(changed.log[0]).toMatchObject({ action: "words", by: { name: "Operator" }, detail: { add: ["durian"], remove: [] } });
    expect((await say(cy, "durian and banana, shit")).text).toBe("*** and banana, ***");

    // The next session starts from the event's list.
    await Promise.all(seats.splice(0).map((seat) => seat.room.leave()));
    await until(async () => (await grove.store.listSessions(events.wordy)).every((s) => s.endedAt !== null), "the session to close");
    const next = await enter("Host", { host: true, slug: "wordy" });
    expect(next.moderationHost?.words).toBeNull();
    expect((await say(next, "durian again")).text).toBe("*** again");
  });
});
