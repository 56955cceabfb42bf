import { describe, expect, it } from "vitest";
import type { DeletedLine, Flag, ModerationLogEntry, Mute, Removal, Whisper } from "../../../shared/rules/moderation/types.js";
import { DELETED_SHOWN, HANDLED_SHOWN, LOG_SHOWN, WAITING_SHOWN, median, moderationHostView, moderationMineView, moderationPublicView } from "../../../shared/rules/moderation/view.js";
import { HOST, flag, session } from "./build.js";

// States are written out as plain objects (as the rules would leave them), so each view is checked alone.

const mute = (memberId: string, at: number, until: number | null, fields: Partial<Mute> = {}): Mute => ({
  memberId,
  name: memberId.toUpperCase(),
  at,
  until,
  reason: "host",
  by: HOST,
  note: "",
  ...fields,
});
const removal = (memberId: string, at: number): Removal => ({ memberId, name: memberId.toUpperCase(), at, by: HOST, note: "" });
const deleted = (lineId: string, at: number): DeletedLine => ({ lineId, authorId: "m1", authorName: "Mei", text: `secret ${lineId}`, at, by: HOST });
const whisper = (id: string, text: string, flagId: string | null = null): Whisper => ({ id, flagId, fromName: "Hana", text, at: 1 });
const entry = (seq: number): ModerationLogEntry => ({ seq, at: seq * 10, action: "lock", by: HOST, target: null, detail: {}, note: "" });
const handled = (id: string, at: number, handledAt: number): Flag =>
  flag({ id, refId: `l${id}`, at, status: "handled", handledAt, handledBy: HOST, firstResponseAt: handledAt });

describe("moderationPublicView", () => {
  it("shows an unlocked session without slow mode and nothing deleted at first", () => {
    expect(moderationPublicView(session())).toEqual({ locked: false, slowModeSeconds: 0, deleted: [] });
  });

  it("shows the lock, slow mode and the deleted ids oldest first (never what the lines said)", () => {
    const state = session({ locked: true, slowModeSeconds: 30, deleted: { l9: deleted("l9", 300), l2: deleted("l2", 100), l5: deleted("l5", 300), "7": deleted("7", 200) } });
    const view = moderationPublicView(state);
    expect(view).toEqual({ locked: true, slowModeSeconds: 30, deleted: ["l2", "7", "l5", "l9"] });
    expect(JSON.stringify(view)).not.toContain("secret");
  });

  it(`sends only the last ${DELETED_SHOWN} deleted ids`, () => {
    const many = Object.fromEntries(Array.from({ length: DELETED_SHOWN + 2 }, (_, i) => [`l${i}`, deleted(`l${i}`, 1_000 + i)]));
    const ids = moderationPublicView(session({ deleted: many })).deleted;
    expect(ids.length).toBe(DELETED_SHOWN);
    expect([ids[0], ids.at(-1)]).toEqual(["l2", `l${DELETED_SHOWN + 1}`]);
  });

  it("follows the state: a later state with one more deletion shows it", () => {
    const before = session({ deleted: { l1: deleted("l1", 1) } });
    expect(moderationPublicView(before).deleted).toEqual(["l1"]);
    const after = session({ ...before.moderation, deleted: { ...before.moderation.deleted, l2: deleted("l2", 2) } });
    expect(moderationPublicView(after).deleted).toEqual(["l1", "l2"]);
    expect(moderationPublicView(before).deleted).toEqual(["l1"]);
  });
});

describe("median", () => {
  it("is the middle value, the mean of the middle two for an even count, null for none", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([1, 2])).toBe(1.5);
  });
});

describe("moderationHostView", () => {
  it("is empty at first", () => {
    expect(moderationHostView(session(), 0)).toEqual({ mutes: [], removed: [], log: [], queue: [], waiting: 0, words: null, response: { flagged: 0, answered: 0, medianMs: null } });
  });

  it("lists the mutes in force at now, newest first (an ended one left out, one for the session kept)", () => {
    const mutes = { a: mute("a", 1_000, 61_000), b: mute("b", 3_000, null), c: mute("c", 2_000, 50_000), d: mute("d", 3_000, 90_000), e: mute("e", 500, 10_000) };
    const view = moderationHostView(session({ mutes }), 50_000);
    expect(view.mutes).toEqual([mutes.b, mutes.d, mutes.a]);
    expect(moderationHostView(session({ mutes }), 61_000).mutes).toEqual([mutes.b, mutes.d]);
  });

  it("lists removals newest first", () => {
    const removed = { a: removal("a", 2_000), b: removal("b", 5_000), c: removal("c", 1_000) };
    expect(moderationHostView(session({ removed }), 0).removed).toEqual([removed.b, removed.a, removed.c]);
  });

  it(`shows the log newest first, the last ${LOG_SHOWN} lines`, () => {
    const log = Array.from({ length: LOG_SHOWN + 30 }, (_, i) => entry(i + 1));
    const view = moderationHostView(session({ log }), 0);
    expect(view.log.length).toBe(LOG_SHOWN);
    expect(view.log[0]).toBe(log.at(-1));
    expect(view.log.at(-1)).toBe(log[30]);
    expect(view.log.map((e) => e.seq).slice(0, 3)).toEqual([LOG_SHOWN + 30, LOG_SHOWN + 29, LOG_SHOWN + 28]);
  });

  it("queues the waiting lines first, longest wait on top, then the handled ones, the latest handled first", () => {
    const open1 = flag({ id: "f1", refId: "l1", at: 3_000 });
    const handedOn = flag({ id: "f2", refId: "l2", at: 1_000, status: "handedOn", assignee: { memberId: "h2", name: "Ho" }, firstResponseAt: 4_000 });
    const done1 = handled("f3", 500, 9_000);
    const open2 = flag({ id: "f4", refId: "l4", at: 2_000 });
    const done2 = handled("f5", 2_500, 7_000);
    const done3 = handled("f6", 2_600, 9_500);
    const view = moderationHostView(session({ flags: [open1, handedOn, done1, open2, done2, done3] }), 10_000);
    expect(view.queue.map((f) => f.id)).toEqual(["f2", "f4", "f1", "f6", "f3", "f5"]);
    expect(view.queue[0]).toBe(handedOn);
  });

  it("puts the later of two lines handled at once first", () => {
    const view = moderationHostView(session({ flags: [handled("f1", 100, 5_000), handled("f2", 50, 5_000), handled("f3", 10, 4_000)] }), 0);
    expect(view.queue.map((f) => f.id)).toEqual(["f2", "f1", "f3"]);
  });

  it(`keeps only the last ${HANDLED_SHOWN} handled lines in view (all the waiting ones)`, () => {
    const done = Array.from({ length: HANDLED_SHOWN + 5 }, (_, i) => handled(`h${i}`, i, 1_000 + i));
    const waiting = Array.from({ length: 30 }, (_, i) => flag({ id: `w${i}`, refId: `w${i}`, at: 5_000 + i }));
    const view = moderationHostView(session({ flags: [...done, ...waiting] }), 0);
    expect(view.queue.length).toBe(30 + HANDLED_SHOWN);
    expect(view.waiting).toBe(30);
    expect(view.queue.slice(30).map((f) => f.id)).toEqual(done.slice(5).reverse().map((f) => f.id));
  });

  it(`carries the ${WAITING_SHOWN} longest waits of a longer queue, and how many wait in all`, () => {
    const waiting = Array.from({ length: WAITING_SHOWN + 7 }, (_, i) => flag({ id: `w${i}`, refId: `w${i}`, at: 9_000 - i }));
    const view = moderationHostView(session({ flags: [handled("h0", 1, 2), ...waiting] }), 0);
    expect(view.waiting).toBe(WAITING_SHOWN + 7);
    expect(view.queue.map((f) => f.id)).toEqual([...waiting.slice(7).reverse().map((f) => f.id), "h0"]);
  });

  it("tells the time to first response: how many lines were flagged, how many answered, the median wait", () => {
    const flags = [
      flag({ id: "f1", refId: "l1", at: 1_000, firstResponseAt: 31_000 }),
      flag({ id: "f2", refId: "l2", at: 2_000 }),
      flag({ id: "f3", refId: "l3", at: 3_000, firstResponseAt: 13_000 }),
      handled("f4", 4_000, 94_000),
    ];
    expect(moderationHostView(session({ flags }), 0).response).toEqual({ flagged: 4, answered: 3, medianMs: 30_000 });
    expect(moderationHostView(session({ flags: flags.slice(0, 3) }), 0).response).toEqual({ flagged: 3, answered: 2, medianMs: 20_000 });
  });

  it("counts a response stamped before the flag (clocks that disagree) as immediate", () => {
    const flags = [flag({ id: "f1", refId: "l1", at: 5_000, firstResponseAt: 4_000 })];
    expect(moderationHostView(session({ flags }), 0).response.medianMs).toBe(0);
  });

  it("shows the session's word list as set", () => {
    const words = { add: ["spam"], remove: ["damn"] };
    expect(moderationHostView(session({ words }), 0).words).toEqual(words);
  });
});

describe("moderationMineView", () => {
  // Built afresh for each test: the views keep what they worked out for a state object.
  const flags = () => [
    flag({ id: "f1", refId: "l1", authorId: "m9", reporters: ["m1", "m2"], tags: ["report"] }),
    flag({ id: "f2", refId: "l2", authorId: "m9", reporters: ["m2"], tags: ["report"] }),
    flag({ id: "f3", refId: "q3", source: "question", authorId: "m9", reporters: ["m1"] }),
    flag({ id: "f4", refId: "l4", authorId: "m9", reporters: ["m3", "m1"], tags: ["help", "report"] }),
  ];
  const whispers = { m1: [whisper("w1", "for Mei", "f1"), whisper("w2", "again for Mei")], m2: [whisper("w3", "for Bo only")] };
  const fresh = () => session({ flags: flags(), whispers, mutes: { m1: mute("m1", 1_000, 61_000, { reason: "filter", by: null, note: "" }), m2: mute("m2", 1_000, null, { note: "calm down" }) } });

  it("shows the member's own mute while in force: until when, why, the host's note", () => {
    const state = fresh();
    expect(moderationMineView(state, "m1", 60_999).muted).toEqual({ until: 61_000, reason: "filter", note: "" });
    expect(moderationMineView(state, "m1", 61_000).muted).toBeNull();
    expect(moderationMineView(state, "m2", 1e12).muted).toEqual({ until: null, reason: "host", note: "calm down" });
    expect(moderationMineView(state, "m3", 0).muted).toBeNull();
  });

  it("lists the chat lines the member reported, in the queue's order, and their own private replies", () => {
    const state = fresh();
    expect(moderationMineView(state, "m1", 0)).toEqual({
      muted: { until: 61_000, reason: "filter", note: "" },
      reported: ["l1", "l4"],
      whispers: whispers.m1,
    });
    expect(moderationMineView(state, "m2", 0).reported).toEqual(["l1", "l2"]);
    expect(moderationMineView(state, "m3", 0)).toEqual({ muted: null, reported: ["l4"], whispers: [] });
  });

  it("never holds another member's whispers or reports", () => {
    const state = fresh();
    const mine = JSON.stringify(moderationMineView(state, "m1", 0));
    expect(mine).not.toContain("for Bo only");
    expect(mine).not.toContain('"l2"');
    expect(mine).not.toContain("m2");
    for (const id of ["__proto__", "constructor", "nobody"]) expect(moderationMineView(state, id, 0)).toEqual({ muted: null, reported: [], whispers: [] });
  });

  it("follows the state: a new report shows in the next state's view", () => {
    const state = fresh();
    expect(moderationMineView(state, "m3", 0).reported).toEqual(["l4"]);
    const later = session({ ...state.moderation, flags: [...state.moderation.flags, flag({ id: "f5", refId: "l5", reporters: ["m3"] })] });
    expect(moderationMineView(later, "m3", 0).reported).toEqual(["l4", "l5"]);
  });
});
