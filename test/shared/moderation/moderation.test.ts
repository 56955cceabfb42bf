import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InteractionEntry, type SessionCommandEntry } from "../../../shared/log.js";
import {
  countOffence,
  deleteLine,
  flagLine,
  handleFlag,
  handOnFlag,
  isMuted,
  isRemoved,
  lockSession,
  muteLeftMs,
  muteMember,
  normaliseWords,
  removeMember,
  reportLine,
  sendWhisper,
  setSlowMode,
  setWords,
  unmuteMember,
} from "../../../shared/rules/moderation/moderation.js";
import {
  FLAGS_KEPT,
  INITIAL_MODERATION_STATE,
  MODERATION_LOG_KEPT,
  WHISPERS_KEPT,
  type ModerationLogEntry,
  type ModerationState,
  type Mute,
  type Whisper,
} from "../../../shared/rules/moderation/types.js";
import {
  INITIAL_SESSION_STATE,
  applySessionCommand,
  checkSessionCommand,
  replaySession,
  type SessionCommand,
  type SessionOutcome,
  type SessionState,
} from "../../../shared/rules/session.js";
import { HOST, command, flag, hand, session, speaker } from "./build.js";

// Each rule on plain, frozen states; `at` values are explicit, so every time rule runs on a frozen clock.

const MEI = { memberId: "m1", name: "Mei" } as const;
const mute = (fields: Partial<Mute> = {}): Mute => ({ memberId: "m1", name: "Mei", at: 1_000, until: 61_000, reason: "host", by: HOST, note: "", ...fields });

const muteCmd = (memberId: string, durationMs: number | null, at = 10_000, note = "") =>
  command("memberMuted", { memberId, name: memberId === "m1" ? "Mei" : memberId.toUpperCase(), durationMs, note, byName: "Hana" }, at);
const unmuteCmd = (memberId: string, at = 10_000) => command("memberUnmuted", { memberId, name: "Mei", byName: "Hana" }, at);
const removeCmd = (memberId: string, at = 10_000, note = "") => command("memberRemoved", { memberId, name: "Mei", note, byName: "Hana" }, at);
const offence = (at: number, kind: "filter" | "rate" = "filter", memberId = "m1") => command("offenceRecorded", { kind, name: "Mei" }, at, memberId);
const report = (lineId: string, by: string, at = 5_000, authorId = "m1") =>
  command("lineReported", { lineId, authorId, authorName: "Mei", text: `line ${lineId}`, name: by.toUpperCase() }, at, by);

/** The state's one new log line (the rule must have added exactly one). */
function lastLog(before: SessionState, after: SessionState): ModerationLogEntry {
  expect(after.moderation.log.length).toBe(before.moderation.log.length + 1);
  return after.moderation.log.at(-1) as ModerationLogEntry;
}

/** Every part of the state but `changed` is the very object it was. */
function onlyChanged(before: SessionState, after: SessionState, changed: (keyof ModerationState)[]): void {
  for (const key of Object.keys(before.moderation) as (keyof ModerationState)[]) {
    if (!changed.includes(key)) expect(after.moderation[key], key).toBe(before.moderation[key]);
  }
}

function expectDeclined<S>(result: { state: S; outcome: unknown }, before: S, reason: string): void {
  expect(result.outcome).toEqual({ applied: false, reason });
  expect(result.state).toBe(before);
}

describe("isMuted, muteLeftMs, isRemoved", () => {
  const moderation: ModerationState = {
    ...INITIAL_MODERATION_STATE,
    mutes: { m1: mute({ until: 61_000 }), m2: mute({ memberId: "m2", until: null }) },
    removed: { m3: { memberId: "m3", name: "Cy", at: 1, by: HOST, note: "" } },
  };

  it("a timed mute holds until its end, exclusive", () => {
    expect([isMuted(moderation, "m1", 1_000), isMuted(moderation, "m1", 60_999), isMuted(moderation, "m1", 61_000)]).toEqual([true, true, false]);
    expect([muteLeftMs(moderation, "m1", 1_000), muteLeftMs(moderation, "m1", 60_999), muteLeftMs(moderation, "m1", 61_000), muteLeftMs(moderation, "m1", 99_000)]).toEqual([
      60_000, 1, 0, 0,
    ]);
  });

  it("a mute for the session holds for ever, with no time left to tell (null)", () => {
    expect(isMuted(moderation, "m2", 1e12)).toBe(true);
    expect(muteLeftMs(moderation, "m2", 1e12)).toBeNull();
  });

  it("nobody else is muted or removed, not even ids of the prototype", () => {
    for (const id of ["m3", "x", "__proto__", "constructor", "toString"]) {
      expect(isMuted(moderation, id, 0)).toBe(false);
      expect(muteLeftMs(moderation, id, 0)).toBe(0);
    }
    expect(isRemoved(moderation, "m3")).toBe(true);
    for (const id of ["m1", "__proto__", "constructor"]) expect(isRemoved(moderation, id)).toBe(false);
  });
});

describe("muteMember", () => {
  it("mutes for a time: until = at + duration, by the host with their note; the log says so", () => {
    const before = session();
    const result = muteMember(before, muteCmd("m1", 300_000, 10_000, "shouting"));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state.moderation.mutes).toEqual({
      m1: { memberId: "m1", name: "Mei", at: 10_000, until: 310_000, reason: "host", by: HOST, note: "shouting" },
    });
    expect(lastLog(before, result.state)).toEqual({
      seq: 60,
      at: 10_000,
      action: "mute",
      by: HOST,
      target: MEI,
      detail: { durationMs: 300_000 },
      note: "shouting",
    });
    onlyChanged(before, result.state, ["mutes", "log"]);
    expect(result.state.stage).toBe(before.stage);
    expect(result.state.polls).toBe(before.polls);
  });

  it("mutes for the session (until null)", () => {
    const result = muteMember(session(), muteCmd("m1", null));
    expect(result.state.moderation.mutes.m1?.until).toBeNull();
    expect(result.state.moderation.log[0]?.detail).toEqual({ durationMs: null });
    expect(isMuted(result.state.moderation, "m1", 1e12)).toBe(true);
  });

  it("replaces an earlier mute with the new length, leaving others' mutes alone", () => {
    const other = mute({ memberId: "m2", name: "Bo" });
    const before = session({ mutes: { m1: mute({ until: null, note: "old" }), m2: other } });
    const result = muteMember(before, muteCmd("m1", 60_000, 20_000));
    expect(result.state.moderation.mutes.m1).toEqual({ memberId: "m1", name: "Mei", at: 20_000, until: 80_000, reason: "host", by: HOST, note: "" });
    expect(result.state.moderation.mutes.m2).toBe(other);
    expect(isMuted(result.state.moderation, "m1", 80_000)).toBe(false);
  });

  it("lowers the member's hand, others keeping their places", () => {
    const before = session({}, { queue: [hand("m0"), hand("m1"), hand("m2")], speakers: [speaker("s")] });
    const result = muteMember(before, muteCmd("m1", 60_000));
    expect(result.state.stage).toEqual({ queue: [hand("m0"), hand("m2")], speakers: [speaker("s")], speakerLimit: 3 });
    expect(result.state.stage.speakers).toBe(before.stage.speakers);
  });

  it("takes a speaker off the stage", () => {
    const before = session({}, { queue: [hand("m2")], speakers: [speaker("s"), speaker("m1")] });
    const result = muteMember(before, muteCmd("m1", 60_000));
    expect(result.state.stage).toEqual({ queue: [hand("m2")], speakers: [speaker("s")], speakerLimit: 3 });
    expect(result.state.stage.queue).toBe(before.stage.queue);
  });

  it("refuses a host muting themself (SELF_MODERATION)", () => {
    const before = session();
    expectDeclined(muteMember(before, muteCmd("host", 60_000)), before, "SELF_MODERATION");
  });
});

describe("unmuteMember", () => {
  it("lifts a mute in force; the member's offences are forgotten, their count of automatic mutes kept", () => {
    const other = { offences: [{ at: 9_000, kind: "rate" as const }], autoMutes: 0 };
    const bo = mute({ memberId: "m2", name: "Bo", until: null });
    const before = session({
      mutes: { m1: mute({ reason: "filter", by: null }), m2: bo },
      strikes: { m1: { offences: [{ at: 9_000, kind: "filter" }], autoMutes: 2 }, m2: other },
    });
    const result = unmuteMember(before, unmuteCmd("m1", 30_000));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state.moderation.mutes).toEqual({ m2: bo });
    expect(result.state.moderation.strikes).toEqual({ m1: { offences: [], autoMutes: 2 }, m2: other });
    expect(result.state.moderation.strikes.m2).toBe(other);
    expect(lastLog(before, result.state)).toEqual({ seq: 60, at: 30_000, action: "unmute", by: HOST, target: MEI, detail: {}, note: "" });
  });

  it("lifts a mute for the session; a member with no strikes gets none", () => {
    const before = session({ mutes: { m1: mute({ until: null }) } });
    const result = unmuteMember(before, unmuteCmd("m1", 1e9));
    expect(result.state.moderation.mutes).toEqual({});
    expect(result.state.moderation.strikes).toBe(before.moderation.strikes);
  });

  it("changes nothing for a mute that has ended, or a member never muted", () => {
    const before = session({ mutes: { m1: mute({ until: 61_000 }) } });
    expectDeclined(unmuteMember(before, unmuteCmd("m1", 61_000)), before, "NOTHING_TO_CHANGE");
    expectDeclined(unmuteMember(before, unmuteCmd("m2", 2_000)), before, "NOTHING_TO_CHANGE");
    expectDeclined(unmuteMember(before, unmuteCmd("__proto__", 2_000)), before, "NOTHING_TO_CHANGE");
  });

  it("after an unmute, offences count afresh: two are not enough, and the next automatic mute is the next step", () => {
    let state = session({ mutes: { m1: mute({ until: 100_000, reason: "filter", by: null }) }, strikes: { m1: { offences: [{ at: 9_000, kind: "filter" }], autoMutes: 1 } } });
    state = unmuteMember(state, unmuteCmd("m1", 20_000)).state;
    state = countOffence(state, offence(21_000)).state;
    state = countOffence(state, offence(22_000)).state;
    expect(isMuted(state.moderation, "m1", 22_000)).toBe(false);
    state = countOffence(state, offence(23_000)).state;
    expect(state.moderation.mutes.m1?.until).toBe(23_000 + 300_000);
  });
});

describe("removeMember", () => {
  it("removes for good, lowers the hand and takes them off the stage; their mute and queued lines stay", () => {
    const queued = flag({ id: "f3", refId: "l3", authorId: "m1" });
    const before = session({ mutes: { m1: mute() }, flags: [queued] }, { queue: [hand("m1"), hand("m2")], speakers: [speaker("m1")] });
    const result = removeMember(before, removeCmd("m1", 40_000, "trolling"));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state.moderation.removed).toEqual({ m1: { memberId: "m1", name: "Mei", at: 40_000, by: HOST, note: "trolling" } });
    expect(result.state.stage).toEqual({ queue: [hand("m2")], speakers: [], speakerLimit: 3 });
    expect(lastLog(before, result.state)).toEqual({ seq: 60, at: 40_000, action: "remove", by: HOST, target: MEI, detail: {}, note: "trolling" });
    onlyChanged(before, result.state, ["removed", "log"]);
    expect(isRemoved(result.state.moderation, "m1")).toBe(true);
  });

  it("leaves the stage as it was for a member not on it", () => {
    const before = session({}, { queue: [hand("m2")] });
    expect(removeMember(before, removeCmd("m1")).state.stage).toBe(before.stage);
  });

  it("refuses removing oneself (SELF_MODERATION) and a member already removed (NOTHING_TO_CHANGE)", () => {
    const before = session({ removed: { m1: { memberId: "m1", name: "Mei", at: 1, by: HOST, note: "" } } });
    expectDeclined(removeMember(before, removeCmd("host")), before, "SELF_MODERATION");
    expectDeclined(removeMember(before, removeCmd("m1")), before, "NOTHING_TO_CHANGE");
  });
});

describe("lockSession and setSlowMode", () => {
  it("locks and unlocks, logging each", () => {
    const before = session();
    const locked = lockSession(before, command("sessionLocked", { locked: true, name: "Hana" }, 3_000));
    expect(locked.state.moderation.locked).toBe(true);
    expect(lastLog(before, locked.state)).toEqual({ seq: 60, at: 3_000, action: "lock", by: HOST, target: null, detail: {}, note: "" });
    onlyChanged(before, locked.state, ["locked", "log"]);
    const unlocked = lockSession(locked.state, command("sessionLocked", { locked: false, name: "Hana" }, 4_000, "host", 61));
    expect(unlocked.state.moderation.locked).toBe(false);
    expect(lastLog(locked.state, unlocked.state)).toEqual({ seq: 61, at: 4_000, action: "unlock", by: HOST, target: null, detail: {}, note: "" });
  });

  it("changes nothing when the lock is already so", () => {
    const open = session();
    expectDeclined(lockSession(open, command("sessionLocked", { locked: false, name: "Hana" }, 1)), open, "NOTHING_TO_CHANGE");
    const closed = session({ locked: true });
    expectDeclined(lockSession(closed, command("sessionLocked", { locked: true, name: "Hana" }, 1)), closed, "NOTHING_TO_CHANGE");
  });

  it("sets slow mode's seconds (and 0 turns it off), logging each", () => {
    const before = session();
    const on = setSlowMode(before, command("slowModeSet", { seconds: 30, name: "Hana" }, 3_000));
    expect(on.state.moderation.slowModeSeconds).toBe(30);
    expect(lastLog(before, on.state)).toEqual({ seq: 60, at: 3_000, action: "slowMode", by: HOST, target: null, detail: { seconds: 30 }, note: "" });
    onlyChanged(before, on.state, ["slowModeSeconds", "log"]);
    const off = setSlowMode(on.state, command("slowModeSet", { seconds: 0, name: "Hana" }, 4_000));
    expect(off.state.moderation.slowModeSeconds).toBe(0);
    expect(off.state.moderation.log.at(-1)?.detail).toEqual({ seconds: 0 });
  });

  it("changes nothing for the seconds already set", () => {
    const before = session({ slowModeSeconds: 10 });
    expectDeclined(setSlowMode(before, command("slowModeSet", { seconds: 10, name: "Hana" }, 1)), before, "NOTHING_TO_CHANGE");
    const off = session();
    expectDeclined(setSlowMode(off, command("slowModeSet", { seconds: 0, name: "Hana" }, 1)), off, "NOTHING_TO_CHANGE");
  });
});

describe("deleteLine", () => {
  const del = (lineId: string, at = 8_000) => command("lineDeleted", { lineId, authorId: "m1", authorName: "Mei", text: "rude words", name: "Hana" }, at);

  it("deletes the line for everyone, keeping what it said and who deleted it; the log names the author", () => {
    const before = session();
    const result = deleteLine(before, del("l7"));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state.moderation.deleted).toEqual({ l7: { lineId: "l7", authorId: "m1", authorName: "Mei", text: "rude words", at: 8_000, by: HOST } });
    expect(lastLog(before, result.state)).toEqual({ seq: 60, at: 8_000, action: "deleteLine", by: HOST, target: MEI, detail: { text: "rude words" }, note: "" });
    onlyChanged(before, result.state, ["deleted", "log", "flags"]);
  });

  it("changes nothing for a line already deleted", () => {
    const before = session({ deleted: { l7: { lineId: "l7", authorId: "m1", authorName: "Mei", text: "x", at: 1, by: HOST } } });
    expectDeclined(deleteLine(before, del("l7")), before, "NOTHING_TO_CHANGE");
  });

  it("handles the line's waiting flag, by the deleter (first response too, unless it had one); other flags stay", () => {
    const open = flag({ id: "f1", refId: "l7" });
    const answered = flag({ id: "f2", refId: "l8", status: "handedOn", firstResponseAt: 3_000, assignee: { memberId: "h2", name: "Ho" } });
    const question = flag({ id: "f3", refId: "l7", source: "question" });
    const other = flag({ id: "f4", refId: "l9" });
    const before = session({ flags: [open, answered, question, other] });
    const first = deleteLine(before, del("l7", 8_000)).state;
    expect(first.moderation.flags).toEqual([
      { ...open, status: "handled", handledAt: 8_000, handledBy: HOST, firstResponseAt: 8_000 },
      answered,
      question,
      other,
    ]);
    expect(first.moderation.flags[2]).toBe(question);
    const second = deleteLine(first, del("l8", 9_000)).state;
    expect(second.moderation.flags[1]).toEqual({ ...answered, status: "handled", handledAt: 9_000, handledBy: HOST, firstResponseAt: 3_000 });
  });

  it("leaves a flag already handled as it was", () => {
    const handled = flag({ id: "f1", refId: "l7", status: "handled", handledAt: 2_000, handledBy: { memberId: "h2", name: "Ho" }, firstResponseAt: 2_000 });
    const result = deleteLine(session({ flags: [handled] }), del("l7"));
    expect(result.state.moderation.flags[0]).toBe(handled);
  });
});

describe("countOffence (automatic mutes)", () => {
  it("counts an offence without a log line or a mute", () => {
    const before = session();
    const result = countOffence(before, offence(1_000, "rate"));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state.moderation.strikes).toEqual({ m1: { offences: [{ at: 1_000, kind: "rate" }], autoMutes: 0 } });
    expect(result.state.moderation.log).toBe(before.moderation.log);
    onlyChanged(before, result.state, ["strikes"]);
  });

  it("mutes for a minute at the third offence in the window, by nobody, for the offence's reason; lowers the hand; logs autoMute", () => {
    const before = session({ strikes: { m1: { offences: [{ at: 1_000, kind: "rate" }, { at: 2_000, kind: "filter" }], autoMutes: 0 } } }, { queue: [hand("m1")], speakers: [speaker("s")] });
    const result = countOffence(before, command("offenceRecorded", { kind: "filter", name: "Mei" }, 3_000, "m1", 77));
    expect(result.state.moderation.mutes).toEqual({ m1: { memberId: "m1", name: "Mei", at: 3_000, until: 63_000, reason: "filter", by: null, note: "" } });
    expect(result.state.moderation.strikes).toEqual({ m1: { offences: [], autoMutes: 1 } });
    expect(result.state.stage).toEqual({ queue: [], speakers: [speaker("s")], speakerLimit: 3 });
    expect(lastLog(before, result.state)).toEqual({
      seq: 77,
      at: 3_000,
      action: "autoMute",
      by: null,
      target: MEI,
      detail: { durationMs: 60_000, offence: "filter" },
      note: "",
    });
  });

  it("takes a speaker off the stage when it mutes them", () => {
    const before = session({ strikes: { m1: { offences: [{ at: 1_000, kind: "rate" }, { at: 2_000, kind: "rate" }], autoMutes: 0 } } }, { speakers: [speaker("m1")] });
    const result = countOffence(before, offence(3_000, "rate"));
    expect(result.state.stage.speakers).toEqual([]);
    expect(result.state.moderation.mutes.m1?.reason).toBe("rate");
  });

  it("escalates 1 → 5 → 30 → 30 minutes on a frozen clock, ignoring offences while muted", () => {
    let state = session();
    let seq = 100;
    const offend = (at: number) => {
      const result = applySessionCommand(state, { ...offence(at), seq: ++seq } as SessionCommand);
      state = result.state;
      return result.outcome;
    };
    const muteLengths: (number | null)[] = [];
    let at = 0;
    for (let round = 0; round < 4; round++) {
      for (const dt of [1_000, 1_000, 1_000]) expect(offend((at += dt))).toEqual({ applied: true });
      const current = state.moderation.mutes.m1 as Mute;
      muteLengths.push(current.until === null ? null : current.until - current.at);
      // While muted, offences do not count: the strikes stay cleared and the mute's end stays put.
      expect(offend(at + 500)).toEqual({ applied: false, reason: "NOTHING_TO_CHANGE" });
      expect(offend((current.until as number) - 1)).toEqual({ applied: false, reason: "NOTHING_TO_CHANGE" });
      expect(state.moderation.strikes.m1).toEqual({ offences: [], autoMutes: round + 1 });
      at = current.until as number;
    }
    expect(muteLengths).toEqual([60_000, 300_000, 1_800_000, 1_800_000]);
    expect(state.moderation.log.map((entry) => [entry.action, entry.detail.durationMs])).toEqual([
      ["autoMute", 60_000],
      ["autoMute", 300_000],
      ["autoMute", 1_800_000],
      ["autoMute", 1_800_000],
    ]);
  });

  it("does not mute when the offences are spread wider than the window", () => {
    let state = session();
    for (const at of [0, 100_000, 200_000, 300_000, 400_000]) state = countOffence(state, offence(at)).state;
    expect(state.moderation.mutes).toEqual({});
    expect(state.moderation.strikes.m1?.offences).toEqual([
      { at: 300_000, kind: "filter" },
      { at: 400_000, kind: "filter" },
    ]);
  });

  it("does not count an offence while a host's mute holds, and counts again once it ends", () => {
    const before = session({ mutes: { m1: mute({ until: 61_000 }) } });
    expectDeclined(countOffence(before, offence(60_999)), before, "NOTHING_TO_CHANGE");
    expect(countOffence(before, offence(61_000)).state.moderation.strikes.m1?.offences).toEqual([{ at: 61_000, kind: "filter" }]);
  });

  it("keeps each member's strikes apart", () => {
    let state = session();
    state = countOffence(state, offence(1_000, "filter", "m1")).state;
    state = countOffence(state, offence(1_100, "filter", "m2")).state;
    state = countOffence(state, offence(1_200, "filter", "m1")).state;
    state = countOffence(state, offence(1_300, "filter", "m2")).state;
    expect(state.moderation.mutes).toEqual({});
    state = countOffence(state, offence(1_400, "filter", "m2")).state;
    expect(Object.keys(state.moderation.mutes)).toEqual(["m2"]);
    expect(state.moderation.strikes.m1?.offences.length).toBe(2);
  });
});

describe("flagLine", () => {
  const flagCmd = (refId: string, tags: ("help" | "negative")[], triggers: string[], at = 4_000, source: "chat" | "question" = "chat", seq = 60) =>
    command("lineFlagged", { source, refId, name: "Mei", text: "can anyone help? 卡住了", tags, triggers }, at, "m1", seq);

  it("queues the line as an open flag f<seq>, in the author's name, with no log line", () => {
    const before = session();
    const result = flagLine(before, flagCmd("l5", ["help"], ["help", "卡住"], 4_000, "chat", 42));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state.moderation.flags).toEqual([
      {
        id: "f42",
        source: "chat",
        refId: "l5",
        authorId: "m1",
        authorName: "Mei",
        text: "can anyone help? 卡住了",
        at: 4_000,
        tags: ["help"],
        triggers: ["help", "卡住"],
        reporters: [],
        status: "open",
        assignee: null,
        firstResponseAt: null,
        handledAt: null,
        handledBy: null,
      },
    ]);
    expect(result.state.moderation.log).toBe(before.moderation.log);
    onlyChanged(before, result.state, ["flags"]);
  });

  it("keeps each tag and trigger once", () => {
    const result = flagLine(session(), flagCmd("l5", ["negative", "negative"], ["bad", "bad", "worse"]));
    expect(result.state.moderation.flags[0]?.tags).toEqual(["negative"]);
    expect(result.state.moderation.flags[0]?.triggers).toEqual(["bad", "worse"]);
  });

  it("merges a line already queued: new tags and triggers join, the flag keeps its id, time and status", () => {
    const queued = flag({ id: "f1", refId: "l5", tags: ["report"], triggers: [], reporters: ["m2"], status: "handedOn" });
    const before = session({ flags: [queued] });
    const result = flagLine(before, flagCmd("l5", ["help", "negative"], ["help"], 9_000));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state.moderation.flags).toEqual([{ ...queued, tags: ["report", "help", "negative"], triggers: ["help"] }]);
    const again = flagLine(result.state, flagCmd("l5", ["help"], ["stuck"], 9_500));
    expect(again.state.moderation.flags[0]?.triggers).toEqual(["help", "stuck"]);
    expect(again.state.moderation.flags[0]?.tags).toEqual(["report", "help", "negative"]);
  });

  it("merges a new tag alone, or a new trigger alone", () => {
    const queued = flag({ id: "f1", refId: "l5", tags: ["help"], triggers: ["help"] });
    const before = session({ flags: [queued] });
    const tag = flagLine(before, flagCmd("l5", ["negative"], ["help"]));
    expect(tag.outcome).toEqual({ applied: true });
    expect(tag.state.moderation.flags[0]).toEqual({ ...queued, tags: ["help", "negative"] });
    const trigger = flagLine(before, flagCmd("l5", ["help"], ["stuck"]));
    expect(trigger.outcome).toEqual({ applied: true });
    expect(trigger.state.moderation.flags[0]).toEqual({ ...queued, triggers: ["help", "stuck"] });
  });

  it("changes nothing when a queued line gains nothing new", () => {
    const before = session({ flags: [flag({ id: "f1", refId: "l5", tags: ["help", "negative"], triggers: ["a", "b"] })] });
    expectDeclined(flagLine(before, flagCmd("l5", ["negative"], ["b"])), before, "NOTHING_TO_CHANGE");
  });

  it("tells a question from a chat line with the same id", () => {
    const before = session({ flags: [flag({ id: "f1", refId: "q9" })] });
    const result = flagLine(before, flagCmd("q9", ["help"], ["help"], 4_000, "question", 61));
    expect(result.state.moderation.flags.map((f) => [f.id, f.source])).toEqual([
      ["f1", "chat"],
      ["f61", "question"],
    ]);
  });

  it(`keeps all of ${FLAGS_KEPT} flags`, () => {
    const many = Array.from({ length: FLAGS_KEPT - 1 }, (_, i) => flag({ id: `f${i}`, refId: `l${i}`, status: i === 3 ? "handled" : "open" }));
    const flags = flagLine(session({ flags: many }), flagCmd("new", ["help"], [])).state.moderation.flags;
    expect(flags.length).toBe(FLAGS_KEPT);
    expect([flags[0]?.id, flags[3]?.id, flags.at(-1)?.id]).toEqual(["f0", "f3", "f60"]);
  });

  it("past FLAGS_KEPT drops the oldest handled flag first, else the oldest", () => {
    const many = Array.from({ length: FLAGS_KEPT }, (_, i) => flag({ id: `f${i}`, refId: `l${i}`, status: i === 7 || i === 9 ? "handled" : "open" }));
    const withHandled = flagLine(session({ flags: many }), flagCmd("new", ["help"], [])).state.moderation.flags;
    expect(withHandled.length).toBe(FLAGS_KEPT);
    expect(withHandled.map((f) => f.id)).toEqual([...many.map((f) => f.id).filter((id) => id !== "f7"), "f60"]);
    const allOpen = many.map((f) => ({ ...f, status: "open" as const }));
    const without = flagLine(session({ flags: allOpen }), flagCmd("new", ["help"], [])).state.moderation.flags;
    expect(without.map((f) => f.id)).toEqual([...allOpen.slice(1).map((f) => f.id), "f60"]);
  });
});

describe("reportLine", () => {
  it("queues the reported line tagged report, the reporter counted; the log names reporter and author", () => {
    const before = session();
    const result = reportLine(before, report("l5", "m2", 5_000));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state.moderation.flags).toEqual([
      flag({ id: "f60", refId: "l5", at: 5_000, tags: ["report"], triggers: [], reporters: ["m2"] }),
    ]);
    expect(lastLog(before, result.state)).toEqual({
      seq: 60,
      at: 5_000,
      action: "report",
      by: { memberId: "m2", name: "M2" },
      target: MEI,
      detail: { text: "line l5" },
      note: "",
    });
  });

  it("adds a second reporter to the same flag", () => {
    const first = reportLine(session(), report("l5", "m2")).state;
    const second = reportLine(first, { ...report("l5", "m3", 6_000), seq: 61 });
    expect(second.state.moderation.flags).toEqual([{ ...first.moderation.flags[0], reporters: ["m2", "m3"] }]);
    expect(second.state.moderation.log.length).toBe(2);
  });

  it("refuses a second report from the same member (ALREADY_REPORTED)", () => {
    const before = reportLine(session(), report("l5", "m2")).state;
    expectDeclined(reportLine(before, report("l5", "m2", 9_000)), before, "ALREADY_REPORTED");
  });

  it("refuses reporting one's own line (SELF_MODERATION) and a deleted line (UNKNOWN_LINE)", () => {
    const before = session({ deleted: { l6: { lineId: "l6", authorId: "m1", authorName: "Mei", text: "x", at: 1, by: HOST } } });
    expectDeclined(reportLine(before, report("l5", "m1")), before, "SELF_MODERATION");
    expectDeclined(reportLine(before, report("l6", "m2")), before, "UNKNOWN_LINE");
  });

  it("adds report to a line the classifier queued, which keeps waiting as it was (open or handed on)", () => {
    const open = flag({ id: "f1", refId: "l5", tags: ["negative"] });
    const handedOn = flag({ id: "f2", refId: "l6", status: "handedOn", assignee: { memberId: "h2", name: "Ho" }, firstResponseAt: 2_000 });
    const before = session({ flags: [open, handedOn] });
    const one = reportLine(before, report("l5", "m2")).state;
    expect(one.moderation.flags[0]).toEqual({ ...open, tags: ["negative", "report"], reporters: ["m2"] });
    const two = reportLine(one, report("l6", "m2")).state;
    expect(two.moderation.flags[1]).toEqual({ ...handedOn, tags: ["help", "report"], reporters: ["m2"] });
  });

  it("re-opens a handled line (its first response stays), and does not add report twice", () => {
    const handled = flag({
      id: "f1",
      refId: "l5",
      tags: ["report"],
      reporters: ["m2"],
      status: "handled",
      handledAt: 3_000,
      handledBy: HOST,
      firstResponseAt: 2_500,
    });
    const result = reportLine(session({ flags: [handled] }), report("l5", "m3", 7_000));
    expect(result.state.moderation.flags[0]).toEqual({ ...handled, reporters: ["m2", "m3"], status: "open", handledAt: null, handledBy: null });
  });

  it("does not take a question's flag for the chat line of the same id", () => {
    const question = flag({ id: "f1", refId: "l5", source: "question" });
    const result = reportLine(session({ flags: [question] }), report("l5", "m2"));
    expect(result.state.moderation.flags.length).toBe(2);
    expect(result.state.moderation.flags[0]).toBe(question);
  });
});

describe("sendWhisper", () => {
  const whisper = (memberId: string, flagId: string | null, at = 6_000, seq = 60) =>
    command("whisperSent", { memberId, name: "Mei", fromName: "Hana", text: "I can help: try reloading", flagId }, at, "host", seq);

  it("gives the member a private reply w<seq>; the log says to whom, what and for which line", () => {
    const queued = flag({ id: "f3", refId: "l3" });
    const before = session({ flags: [queued] });
    const result = sendWhisper(before, whisper("m1", "f3", 6_000));
    const sent: Whisper = { id: "w60", flagId: "f3", fromName: "Hana", text: "I can help: try reloading", at: 6_000 };
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state.moderation.whispers).toEqual({ m1: [sent] });
    expect(result.state.moderation.flags).toEqual([{ ...queued, firstResponseAt: 6_000 }]);
    expect(lastLog(before, result.state)).toStrictEqual({
      seq: 60,
      at: 6_000,
      action: "whisper",
      by: HOST,
      target: MEI,
      detail: { text: "I can help: try reloading", flagId: "f3" },
      note: "",
    });
  });

  it("sends without a line: no flag changes, no flag id in the log", () => {
    const before = session({ flags: [flag({ id: "f3", refId: "l3" }), flag({ id: "f4", refId: "l4" })] });
    const result = sendWhisper(before, whisper("m1", null));
    expect(result.state.moderation.whispers.m1?.[0]?.flagId).toBeNull();
    expect(result.state.moderation.flags).toBe(before.moderation.flags);
    expect(result.state.moderation.log[0]?.detail).toStrictEqual({ text: "I can help: try reloading" });
  });

  it("sets the line's first response once", () => {
    let state = session({ flags: [flag({ id: "f3", refId: "l3" })] });
    state = sendWhisper(state, whisper("m1", "f3", 6_000, 60)).state;
    state = sendWhisper(state, whisper("m1", "f3", 9_000, 61)).state;
    expect(state.moderation.flags[0]?.firstResponseAt).toBe(6_000);
    expect(state.moderation.whispers.m1?.map((w) => w.id)).toEqual(["w60", "w61"]);
  });

  it("refuses an unknown line (UNKNOWN_FLAG)", () => {
    const before = session({ flags: [flag({ id: "f3", refId: "l3" })] });
    for (const flagId of ["f4", "constructor", "__proto__"]) expectDeclined(sendWhisper(before, whisper("m1", flagId)), before, "UNKNOWN_FLAG");
  });

  it("keeps the member's last WHISPERS_KEPT, others' untouched", () => {
    const old = Array.from({ length: WHISPERS_KEPT }, (_, i): Whisper => ({ id: `w${i}`, flagId: null, fromName: "Hana", text: `t${i}`, at: i }));
    const others = [old[0] as Whisper];
    const before = session({ whispers: { m1: old, m2: others } });
    const result = sendWhisper(before, whisper("m1", null));
    expect(result.state.moderation.whispers.m1?.map((w) => w.id)).toEqual([...old.slice(1).map((w) => w.id), "w60"]);
    expect(result.state.moderation.whispers.m2).toBe(others);
  });
});

describe("handleFlag and handOnFlag", () => {
  const handled = (flagId: string, at = 7_000) => command("flagHandled", { flagId, name: "Hana" }, at);
  const handOn = (flagId: string, hostId: string, at = 7_000) => command("flagHandedOn", { flagId, hostId, hostName: hostId.toUpperCase(), name: "Hana" }, at);

  it("marks a waiting line handled, by whom and when, which is its first response; the log names the author", () => {
    const queued = flag({ id: "f3", refId: "l3" });
    const before = session({ flags: [queued] });
    const result = handleFlag(before, handled("f3"));
    expect(result.state.moderation.flags).toEqual([{ ...queued, status: "handled", handledAt: 7_000, handledBy: HOST, firstResponseAt: 7_000 }]);
    expect(lastLog(before, result.state)).toEqual({ seq: 60, at: 7_000, action: "handled", by: HOST, target: MEI, detail: { flagId: "f3" }, note: "" });
  });

  it("keeps an earlier first response, and handles a line handed on", () => {
    const queued = flag({ id: "f3", refId: "l3", status: "handedOn", assignee: { memberId: "h2", name: "H2" }, firstResponseAt: 4_000 });
    const result = handleFlag(session({ flags: [queued] }), handled("f3"));
    expect(result.state.moderation.flags[0]).toEqual({ ...queued, status: "handled", handledAt: 7_000, handledBy: HOST });
  });

  it("refuses an unknown line (UNKNOWN_FLAG) and one already handled (NOTHING_TO_CHANGE)", () => {
    const before = session({ flags: [flag({ id: "f3", refId: "l3", status: "handled", handledAt: 1, handledBy: HOST, firstResponseAt: 1 })] });
    expectDeclined(handleFlag(before, handled("f9")), before, "UNKNOWN_FLAG");
    expectDeclined(handleFlag(before, handled("f3")), before, "NOTHING_TO_CHANGE");
  });

  it("hands a line on to another host (first response set once); the log names that host", () => {
    const queued = flag({ id: "f3", refId: "l3" });
    const before = session({ flags: [queued] });
    const once = handOnFlag(before, handOn("f3", "h2", 7_000));
    expect(once.state.moderation.flags).toEqual([{ ...queued, status: "handedOn", assignee: { memberId: "h2", name: "H2" }, firstResponseAt: 7_000 }]);
    expect(lastLog(before, once.state)).toEqual({
      seq: 60,
      at: 7_000,
      action: "handedOn",
      by: HOST,
      target: { memberId: "h2", name: "H2" },
      detail: { flagId: "f3" },
      note: "",
    });
    const twice = handOnFlag(once.state, handOn("f3", "h3", 8_000));
    expect(twice.state.moderation.flags[0]).toEqual({ ...queued, status: "handedOn", assignee: { memberId: "h3", name: "H3" }, firstResponseAt: 7_000 });
  });

  it("refuses an unknown line, one already with that host, and one handled", () => {
    const before = session({
      flags: [
        flag({ id: "f3", refId: "l3", status: "handedOn", assignee: { memberId: "h2", name: "H2" }, firstResponseAt: 1 }),
        flag({ id: "f4", refId: "l4", status: "handled", handledAt: 1, handledBy: HOST, firstResponseAt: 1 }),
      ],
    });
    expectDeclined(handOnFlag(before, handOn("f9", "h2")), before, "UNKNOWN_FLAG");
    expectDeclined(handOnFlag(before, handOn("f3", "h2")), before, "NOTHING_TO_CHANGE");
    expectDeclined(handOnFlag(before, handOn("f4", "h3")), before, "NOTHING_TO_CHANGE");
  });
});

describe("normaliseWords and setWords", () => {
  it("normalises: NFKC, lower-case, trimmed, empties out, each once, sorted", () => {
    expect(normaliseWords(["  ＢＡＤ ", "bad", "", "   ", "Zed", "apple", "ｱ", "\u3000ﬁne\u3000", "Bad"])).toEqual(["apple", "bad", "fine", "zed", "ア"]);
    expect(normaliseWords([])).toEqual([]);
  });

  it("sets the session's list, normalised, and logs additions and removals", () => {
    const before = session();
    const result = setWords(before, command("wordsSet", { add: ["Spam", " ＳＰＡＭ", "鸡"], remove: ["Damn"], name: "Hana" }, 2_000));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state.moderation.words).toEqual({ add: ["spam", "鸡"], remove: ["damn"] });
    expect(lastLog(before, result.state)).toEqual({
      seq: 60,
      at: 2_000,
      action: "words",
      by: HOST,
      target: null,
      detail: { add: ["spam", "鸡"], remove: ["damn"] },
      note: "",
    });
  });

  it("an empty list replaces the event's (none set yet is not the same as none)", () => {
    const result = setWords(session(), command("wordsSet", { add: [], remove: [], name: "Hana" }, 2_000));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state.moderation.words).toEqual({ add: [], remove: [] });
  });

  it("changes nothing for the list as it stands, however typed", () => {
    const before = session({ words: { add: ["spam"], remove: ["damn"] } });
    expectDeclined(setWords(before, command("wordsSet", { add: ["SPAM ", "spam"], remove: ["Ｄａｍｎ"], name: "Hana" }, 1)), before, "NOTHING_TO_CHANGE");
    expect(setWords(before, command("wordsSet", { add: ["spam"], remove: [], name: "Hana" }, 1)).outcome).toEqual({ applied: true });
    expect(setWords(before, command("wordsSet", { add: ["spam", "ham"], remove: ["damn"], name: "Hana" }, 1)).outcome).toEqual({ applied: true });
    expect(setWords(before, command("wordsSet", { add: ["spam", "zzz"], remove: ["damn"], name: "Hana" }, 1)).outcome).toEqual({ applied: true });
    expect(setWords(before, command("wordsSet", { add: ["spam"], remove: ["damn", "darn"], name: "Hana" }, 1)).outcome).toEqual({ applied: true });
    const two = session({ words: { add: ["aa", "bb"], remove: ["x"] } });
    expect(setWords(two, command("wordsSet", { add: ["aa", "cc"], remove: ["x"], name: "Hana" }, 1)).state.moderation.words).toEqual({ add: ["aa", "cc"], remove: ["x"] });
  });
});

describe("the moderation log", () => {
  it(`keeps the last ${MODERATION_LOG_KEPT} lines`, () => {
    const log = Array.from({ length: MODERATION_LOG_KEPT }, (_, i): ModerationLogEntry => ({ seq: i + 1, at: i, action: "lock", by: HOST, target: null, detail: {}, note: "" }));
    const result = lockSession(session({ log }), command("sessionLocked", { locked: true, name: "Hana" }, 9_999, "host", 600));
    expect(result.state.moderation.log.length).toBe(MODERATION_LOG_KEPT);
    expect(result.state.moderation.log[0]?.seq).toBe(2);
    expect(result.state.moderation.log.at(-1)?.seq).toBe(600);
  });
});

describe("guards on the salon's stage, through applySessionCommand", () => {
  const at = (state: SessionState, entry: SessionCommandEntry, time: number, memberId: string): { state: SessionState; outcome: SessionOutcome } => {
    const next = { ...entry, at: time, memberId, seq: state.seq + 1 } as SessionCommand;
    expect(checkSessionCommand(state, { ...entry, at: time, memberId } as SessionCommandEntry & { at: number; memberId: string })).toEqual(
      applySessionCommand(state, next).outcome,
    );
    return applySessionCommand(state, next);
  };
  const raise = { kind: "handRaised", detail: { name: "Mei" } } as const;
  const invite = (memberId: string) => ({ kind: "speakerInvited", detail: { memberId } }) as const;

  it("declines a muted member's raised hand (MUTED), the command still taking its place; once the mute ends it goes up", () => {
    const before = session({ mutes: { m1: mute({ until: 61_000 }) } });
    const refused = at(before, raise, 60_999, "m1");
    expect(refused.outcome).toEqual({ applied: false, reason: "MUTED" });
    expect(refused.state.seq).toBe(51);
    expect(refused.state.stage).toBe(before.stage);
    expect(refused.state.moderation).toBe(before.moderation);
    const raised = at(before, raise, 61_000, "m1");
    expect(raised.outcome).toEqual({ applied: true });
    expect(raised.state.stage.queue).toEqual([{ memberId: "m1", name: "Mei", at: 61_000 }]);
  });

  it("lets others raise their hands while one member is muted", () => {
    const before = session({ mutes: { m1: mute({ until: null }) } });
    expect(at(before, { kind: "handRaised", detail: { name: "Bo" } }, 5_000, "m2").outcome).toEqual({ applied: true });
  });

  it("declines inviting a muted member (MUTED) or a removed one (REMOVED, first), and invites others as before", () => {
    const removal = { memberId: "m2", name: "Bo", at: 1, by: HOST, note: "" };
    const before = session(
      { mutes: { m1: mute({ until: 61_000 }), m2: mute({ memberId: "m2", until: null }) }, removed: { m2: removal } },
      { queue: [hand("m1"), hand("m2"), hand("m3")] },
    );
    expect(at(before, invite("m1"), 60_999, "host").outcome).toEqual({ applied: false, reason: "MUTED" });
    expect(at(before, invite("m2"), 60_999, "host").outcome).toEqual({ applied: false, reason: "REMOVED" });
    expect(at(before, invite("m1"), 61_000, "host").outcome).toEqual({ applied: true });
    expect(at(before, invite("m3"), 5_000, "host").state.stage.speakers).toEqual([{ memberId: "m3", name: "M3", since: 5_000 }]);
    expect(at(before, invite("m4"), 5_000, "host").outcome).toEqual({ applied: false, reason: "UNKNOWN_MEMBER" });
  });

  it("a removed member's hand that raced the removal cannot bring them on stage", () => {
    let state = session();
    state = at(state, { kind: "memberRemoved", detail: { memberId: "m1", name: "Mei", note: "", byName: "Hana" } }, 1_000, "host").state;
    state = at(state, raise, 1_001, "m1").state;
    expect(state.stage.queue.map((h) => h.memberId)).toEqual(["m1"]);
    expect(at(state, invite("m1"), 1_002, "host").outcome).toEqual({ applied: false, reason: "REMOVED" });
  });
});

// ── Whole sessions: a script, then random ones ──

const MEMBERS = ["m1", "m2", "m3"] as const;
const SENDERS = [...MEMBERS, "host", "h2"] as const;

/** A command to send: written out, or made from the ids of the flags queued at that point (oldest first). */
type Planned = { entry: SessionCommandEntry | ((flagIds: readonly string[]) => SessionCommandEntry); at: number; memberId: string };

/**
 * Applies entries in order as a replica does (each at its own time and sender), checking that the room's pre-check
 * agrees and that a declined command leaves every part of the state the very object it was.
 */
function live(entries: readonly Planned[]): { log: SessionCommand[]; state: SessionState; outcomes: SessionOutcome[] } {
  let state = INITIAL_SESSION_STATE;
  const log: SessionCommand[] = [];
  const outcomes: SessionOutcome[] = [];
  for (const [i, { entry: planned, at, memberId }] of entries.entries()) {
    const entry = typeof planned === "function" ? planned(state.moderation.flags.map((f) => f.id)) : planned;
    expect(InteractionEntry.safeParse(entry).success).toBe(true);
    const next = { ...entry, at, memberId, seq: i + 1 } as SessionCommand;
    const predicted = checkSessionCommand(state, { ...entry, at, memberId } as SessionCommandEntry & { at: number; memberId: string });
    const before = state;
    const result = applySessionCommand(state, next);
    expect(result.outcome).toEqual(predicted);
    if (!result.outcome.applied) {
      const { seq: _a, ...rest } = result.state;
      for (const key of Object.keys(rest) as (keyof typeof rest)[]) expect(result.state[key]).toBe(before[key]);
    }
    outcomes.push(result.outcome);
    log.push(next);
    state = result.state;
  }
  return { log, state, outcomes };
}

describe("a moderated session, replayed", () => {
  const e = (entry: SessionCommandEntry, at: number, memberId = "host") => ({ entry, at, memberId });
  const script = [
    e({ kind: "handRaised", detail: { name: "Mei" } }, 1_000, "m1"),
    e({ kind: "speakerInvited", detail: { memberId: "m1" } }, 2_000),
    e({ kind: "lineFlagged", detail: { source: "chat", refId: "l1", name: "Bo", text: "help me", tags: ["help"], triggers: ["help"] } }, 3_000, "m2"),
    e({ kind: "lineReported", detail: { lineId: "l1", authorId: "m2", authorName: "Bo", text: "help me", name: "Mei" } }, 3_500, "m1"),
    e({ kind: "whisperSent", detail: { memberId: "m2", name: "Bo", fromName: "Hana", text: "On my way", flagId: "f3" } }, 9_000),
    e({ kind: "memberMuted", detail: { memberId: "m1", name: "Mei", durationMs: 60_000, note: "", byName: "Hana" } }, 10_000),
    e({ kind: "handRaised", detail: { name: "Mei" } }, 11_000, "m1"),
    e({ kind: "offenceRecorded", detail: { kind: "rate", name: "Mei" } }, 12_000, "m1"),
    e({ kind: "sessionLocked", detail: { locked: true, name: "Hana" } }, 13_000),
    e({ kind: "slowModeSet", detail: { seconds: 10, name: "Hana" } }, 14_000),
    e({ kind: "lineDeleted", detail: { lineId: "l9", authorId: "m3", authorName: "Cy", text: "spam", name: "Hana" } }, 15_000),
    e({ kind: "flagHandedOn", detail: { flagId: "f3", hostId: "h2", hostName: "Ho", name: "Hana" } }, 16_000),
    e({ kind: "flagHandled", detail: { flagId: "f3", name: "Ho" } }, 17_000, "h2"),
    e({ kind: "wordsSet", detail: { add: ["Spam"], remove: [], name: "Hana" } }, 18_000),
    e({ kind: "memberUnmuted", detail: { memberId: "m1", name: "Mei", byName: "Hana" } }, 19_000),
    e({ kind: "memberRemoved", detail: { memberId: "m3", name: "Cy", note: "spam", byName: "Hana" } }, 20_000),
  ];

  it("applying the commands one by one gives what replaying the log gives, and what the rules say", () => {
    const { log, state, outcomes } = live(script);
    expect(replaySession(log)).toEqual(state);
    expect(replaySession([...log].reverse())).toEqual(state);
    expect(outcomes.map((o) => (o.applied ? "ok" : o.reason))).toEqual(["ok", "ok", "ok", "ok", "ok", "ok", "MUTED", "NOTHING_TO_CHANGE", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]);
    expect(state.stage.speakers).toEqual([]);
    expect(state.moderation.mutes).toEqual({});
    expect(state.moderation.flags[0]).toMatchObject({ id: "f3", tags: ["help", "report"], reporters: ["m1"], status: "handled", firstResponseAt: 9_000, handledAt: 17_000 });
    expect(state.moderation.log.map((entry) => entry.action)).toEqual([
      "report",
      "whisper",
      "mute",
      "lock",
      "slowMode",
      "deleteLine",
      "handedOn",
      "handled",
      "words",
      "unmute",
      "remove",
    ]);
    expect(state.moderation.log.map((entry) => entry.seq)).toEqual([4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16]);
  });
});

describe("random moderated sessions (properties)", () => {
  const memberRef = fc.constantFrom(...SENDERS, "ghost", "__proto__");
  const lineRef = fc.constantFrom("l1", "l2", "l3", "constructor");
  /** Who wrote each line (the room reads it from the store, so every command about a line agrees). */
  const AUTHOR: Record<string, string> = { l1: "m1", l2: "m2", l3: "m3", constructor: "host" };
  /** Mostly one of the latest flags queued, sometimes an id never issued. */
  const flagRef = fc.oneof(
    { weight: 6, arbitrary: fc.nat({ max: 3 }).map((recent) => (ids: readonly string[]) => ids[ids.length - 1 - recent] ?? "f0") },
    { weight: 1, arbitrary: fc.constantFrom("f0", "__proto__", "constructor").map((bad) => () => bad) },
  );
  type Entry = SessionCommandEntry | ((flagIds: readonly string[]) => SessionCommandEntry);
  const name = fc.constantFrom("Mei", "林", "");
  const entries: fc.Arbitrary<Entry> = fc.oneof(
    fc.record({ memberId: memberRef, durationMs: fc.constantFrom(null, 60_000, 300_000), note: fc.constantFrom("", "why") }).map(
      (d): SessionCommandEntry => ({ kind: "memberMuted", detail: { ...d, name: "N", byName: "Hana" } }),
    ),
    memberRef.map((memberId): SessionCommandEntry => ({ kind: "memberUnmuted", detail: { memberId, name: "N", byName: "Hana" } })),
    memberRef.map((memberId): SessionCommandEntry => ({ kind: "memberRemoved", detail: { memberId, name: "N", note: "", byName: "Hana" } })),
    fc.boolean().map((locked): SessionCommandEntry => ({ kind: "sessionLocked", detail: { locked, name: "Hana" } })),
    fc.constantFrom(0, 5, 30).map((seconds): SessionCommandEntry => ({ kind: "slowModeSet", detail: { seconds, name: "Hana" } })),
    lineRef.map((lineId): SessionCommandEntry => ({ kind: "lineDeleted", detail: { lineId, authorId: AUTHOR[lineId] as string, authorName: "A", text: "t", name: "Hana" } })),
    { arbitrary: fc.tuple(fc.constantFrom("filter" as const, "rate" as const), name).map(([kind, n]): SessionCommandEntry => ({ kind: "offenceRecorded", detail: { kind, name: n } })), weight: 4 },
    fc
      .record({ source: fc.constantFrom("chat" as const, "question" as const), refId: lineRef, tags: fc.subarray(["help", "negative"] as ("help" | "negative")[], { minLength: 1 }), triggers: fc.subarray(["a", "b", "c"]) })
      .map((d): SessionCommandEntry => ({ kind: "lineFlagged", detail: { ...d, name: "A", text: "t" } })),
    lineRef.map((lineId): SessionCommandEntry => ({ kind: "lineReported", detail: { lineId, authorId: AUTHOR[lineId] as string, authorName: "A", text: "t", name: "R" } })),
    fc.tuple(memberRef, fc.option(flagRef)).map(([memberId, flag]) => (ids: readonly string[]): SessionCommandEntry => ({
      kind: "whisperSent",
      detail: { memberId, name: "N", fromName: "Hana", text: "hi", flagId: flag === null ? null : flag(ids) },
    })),
    { weight: 2, arbitrary: flagRef.map((flag) => (ids: readonly string[]): SessionCommandEntry => ({ kind: "flagHandled", detail: { flagId: flag(ids), name: "Hana" } })) },
    fc.tuple(flagRef, fc.constantFrom("host", "h2")).map(([flag, hostId]) => (ids: readonly string[]): SessionCommandEntry => ({
      kind: "flagHandedOn",
      detail: { flagId: flag(ids), hostId, hostName: "H", name: "Hana" },
    })),
    fc.tuple(fc.subarray(["Spam", "spam ", "ＳＰＡＭ", "鸡"]), fc.subarray(["damn", "Damn"])).map(([add, remove]): SessionCommandEntry => ({ kind: "wordsSet", detail: { add, remove, name: "Hana" } })),
    fc.constant<SessionCommandEntry>({ kind: "handRaised", detail: { name: "N" } }),
    memberRef.map((memberId): SessionCommandEntry => ({ kind: "speakerInvited", detail: { memberId } })),
  );
  const steps = fc.array(fc.record({ entry: entries, dt: fc.nat({ max: 15_000 }), memberId: fc.constantFrom(...SENDERS) }), { maxLength: 120, size: "max" });
  const timed = (list: { entry: Entry; dt: number; memberId: string }[]): Planned[] => {
    let at = 1_000;
    // A chat line is flagged in its author's name.
    const sender = (entry: Entry, memberId: string) =>
      typeof entry !== "function" && entry.kind === "lineFlagged" && entry.detail.source === "chat" ? (AUTHOR[entry.detail.refId] as string) : memberId;
    return list.map(({ entry, dt, memberId }) => ({ entry, at: (at += dt), memberId: sender(entry, memberId) }));
  };

  it("never throws, declines without changing anything, and replays to the same state, in any order and twice over", () => {
    // What the runs reached, so a generator that stopped reaching a rule (or a refusal) fails here.
    const seen = new Set<string>();
    fc.assert(
      fc.property(steps, fc.integer(), (list, seed) => {
        const { log, state, outcomes } = live(timed(list));
        outcomes.forEach((outcome, i) => seen.add(outcome.applied ? (log[i] as SessionCommand).kind : outcome.reason));
        for (const entry of state.moderation.log) seen.add(entry.action);
        expect(replaySession(log)).toEqual(state);
        const shuffled = [...log].sort((a, b) => Math.sin(a.seq * 12.9898 + seed) - Math.sin(b.seq * 12.9898 + seed));
        expect(replaySession([...shuffled, ...log])).toEqual(state);
      }),
      { numRuns: 100 },
    );
    const reached = ["memberMuted", "memberUnmuted", "memberRemoved", "sessionLocked", "slowModeSet", "lineDeleted", "offenceRecorded", "lineFlagged"];
    reached.push("lineReported", "whisperSent", "flagHandled", "flagHandedOn", "wordsSet", "handRaised", "speakerInvited", "autoMute", "unlock");
    reached.push("MUTED", "REMOVED", "SELF_MODERATION", "NOTHING_TO_CHANGE", "UNKNOWN_FLAG", "UNKNOWN_LINE", "ALREADY_REPORTED");
    expect(reached.filter((what) => !seen.has(what))).toEqual([]);
  });

  it("keeps moderation's invariants: caps, one report per member, no muted member on the stage, ordered log", () => {
    fc.assert(
      fc.property(steps, (list) => {
        const run = timed(list);
        const { state } = live(run);
        const last = run.at(-1)?.at ?? 0;
        const m = state.moderation;
        expect(m.flags.length).toBeLessThanOrEqual(FLAGS_KEPT);
        expect(new Set(m.flags.map((f) => f.id)).size).toBe(m.flags.length);
        expect(new Set(m.flags.map((f) => `${f.source}:${f.refId}`)).size).toBe(m.flags.length);
        for (const f of m.flags) {
          expect(new Set(f.reporters).size).toBe(f.reporters.length);
          expect(f.reporters).not.toContain(f.authorId);
          expect(f.status === "handled").toBe(f.handledAt !== null);
          if (f.status !== "open") expect(f.firstResponseAt).not.toBeNull();
        }
        for (const whispers of Object.values(m.whispers)) expect(whispers.length).toBeLessThanOrEqual(WHISPERS_KEPT);
        for (const strikes of Object.values(m.strikes)) expect(strikes.offences.length).toBeLessThan(3);
        const seqs = m.log.map((entry) => entry.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        for (const person of [...state.stage.queue, ...state.stage.speakers]) expect(isMuted(m, person.memberId, last)).toBe(false);
        for (const speakerNow of state.stage.speakers) expect(isRemoved(m, speakerNow.memberId)).toBe(false);
        // Nobody moderates themself.
        for (const held of [...Object.values(m.mutes), ...Object.values(m.removed)]) expect(held.by?.memberId).not.toBe(held.memberId);
      }),
      { numRuns: 100 },
    );
  });
});
