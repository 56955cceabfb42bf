import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkIn, checkInStreak, closeCheckIn, openCheckIn } from "../../../shared/rules/salon/checkin.js";
import type { CommandOf } from "../../../shared/rules/salon/slice.js";
import type { CheckIn } from "../../../shared/rules/salon/types.js";

const open = (seq: number, prompt = "今天学到了什么？", at = seq * 1000): CommandOf<"checkInOpened"> => ({
  kind: "checkInOpened",
  detail: { prompt },
  seq,
  at,
  memberId: "host",
});
const close = (checkInId: string, at = 90_000): CommandOf<"checkInClosed"> => ({ kind: "checkInClosed", detail: { checkInId }, seq: 90, at, memberId: "host" });
const answer = (checkInId: string, memberId: string, streak = 1, at = 50_000, text = "Roots"): CommandOf<"checkedIn"> => ({
  kind: "checkedIn",
  detail: { checkInId, text, name: `Name of ${memberId}`, streak },
  seq: 50,
  at,
  memberId,
});

const NONE: readonly CheckIn[] = [];

describe("openCheckIn", () => {
  it("opens c<seq> with its prompt, open and unanswered", () => {
    const { state, outcome } = openCheckIn(NONE, open(3, "Say hi", 3_500));
    expect(outcome).toEqual({ applied: true });
    expect(state).toEqual([{ id: "c3", prompt: "Say hi", openedAt: 3_500, closedAt: null, answers: {} }]);
  });

  it("closes the one still open at the new one's time, and leaves one already closed as it was", () => {
    const first = openCheckIn(NONE, open(1)).state;
    const closedFirst = closeCheckIn(first, close("c1", 1_500)).state;
    const second = openCheckIn(closedFirst, open(2)).state;
    const third = openCheckIn(second, open(3, "Third", 3_000)).state;
    expect(third.map((c) => [c.id, c.closedAt])).toEqual([
      ["c1", 1_500],
      ["c2", 3_000],
      ["c3", null],
    ]);
    expect(third[0]).toBe(closedFirst[0]);
    expect(third.filter((c) => c.closedAt === null)).toHaveLength(1);
  });

  it("keeps the answers of the check-in it closes", () => {
    const first = checkIn(openCheckIn(NONE, open(1)).state, answer("c1", "m1")).state;
    const next = openCheckIn(first, open(2)).state;
    expect(Object.keys(next[0]?.answers ?? {})).toEqual(["m1"]);
  });
});

describe("closeCheckIn", () => {
  it("closes an open check-in at the command's time", () => {
    const opened = openCheckIn(NONE, open(1)).state;
    const { state, outcome } = closeCheckIn(opened, close("c1", 7_000));
    expect(outcome).toEqual({ applied: true });
    expect(state).toEqual([{ ...opened[0], closedAt: 7_000 }]);
  });

  it("refuses one closed already with NOTHING_TO_CHANGE (keeping when it closed)", () => {
    const closed = closeCheckIn(openCheckIn(NONE, open(1)).state, close("c1", 7_000)).state;
    const again = closeCheckIn(closed, close("c1", 9_000));
    expect(again).toEqual({ state: closed, outcome: { applied: false, reason: "NOTHING_TO_CHANGE" } });
    expect(again.state).toBe(closed);
  });

  it("refuses an unknown check-in with UNKNOWN_CHECK_IN", () => {
    const opened = openCheckIn(NONE, open(1)).state;
    for (const id of ["c2", "c", "q1", "__proto__"]) {
      const result = closeCheckIn(opened, close(id));
      expect(result.outcome).toEqual({ applied: false, reason: "UNKNOWN_CHECK_IN" });
      expect(result.state).toBe(opened);
    }
    expect(closeCheckIn(NONE, close("c1")).outcome).toEqual({ applied: false, reason: "UNKNOWN_CHECK_IN" });
  });
});

describe("checkIn", () => {
  it("records the sender's name, text, time and the streak the command carries", () => {
    const opened = openCheckIn(NONE, open(1)).state;
    const { state, outcome } = checkIn(opened, answer("c1", "m1", 4, 5_000, "Roots and rain"));
    expect(outcome).toEqual({ applied: true });
    expect(state[0]?.answers).toEqual({ m1: { name: "Name of m1", text: "Roots and rain", at: 5_000, streak: 4 } });
    expect(opened[0]?.answers).toEqual({});
  });

  it("takes an empty text (a check-in without words)", () => {
    const opened = openCheckIn(NONE, open(1)).state;
    expect(checkIn(opened, answer("c1", "m1", 1, 5_000, "")).state[0]?.answers["m1"]?.text).toBe("");
  });

  it("takes one check-in per member: a second is ALREADY_CHECKED_IN, the first kept", () => {
    const once = checkIn(openCheckIn(NONE, open(1)).state, answer("c1", "m1", 2, 5_000, "First")).state;
    const twice = checkIn(once, answer("c1", "m1", 3, 6_000, "Second"));
    expect(twice).toEqual({ state: once, outcome: { applied: false, reason: "ALREADY_CHECKED_IN" } });
    expect(twice.state).toBe(once);
    const other = checkIn(once, answer("c1", "m2"));
    expect(Object.keys(other.state[0]?.answers ?? {})).toEqual(["m1", "m2"]);
  });

  it("refuses a closed check-in with CHECK_IN_CLOSED, before ALREADY_CHECKED_IN", () => {
    const answered = checkIn(openCheckIn(NONE, open(1)).state, answer("c1", "m1")).state;
    const closed = closeCheckIn(answered, close("c1")).state;
    expect(checkIn(closed, answer("c1", "m2")).outcome).toEqual({ applied: false, reason: "CHECK_IN_CLOSED" });
    expect(checkIn(closed, answer("c1", "m1")).outcome).toEqual({ applied: false, reason: "CHECK_IN_CLOSED" });
    // Replaced by a newer one: closed too.
    const replaced = openCheckIn(openCheckIn(NONE, open(1)).state, open(2)).state;
    expect(checkIn(replaced, answer("c1", "m1"))).toEqual({ state: replaced, outcome: { applied: false, reason: "CHECK_IN_CLOSED" } });
    expect(checkIn(replaced, answer("c2", "m1")).outcome).toEqual({ applied: true });
  });

  it("refuses an unknown check-in with UNKNOWN_CHECK_IN, first of all", () => {
    const closed = closeCheckIn(openCheckIn(NONE, open(1)).state, close("c1")).state;
    for (const id of ["c2", "C1", "__proto__"]) {
      const result = checkIn(closed, answer(id, "m1"));
      expect(result.outcome).toEqual({ applied: false, reason: "UNKNOWN_CHECK_IN" });
      expect(result.state).toBe(closed);
    }
  });

  it("keys answers by own properties: a member id like Object's prototype's is checked in once, like any", () => {
    const opened = openCheckIn(NONE, open(1)).state;
    for (const memberId of ["__proto__", "constructor", "toString"]) {
      const once = checkIn(opened, answer("c1", memberId));
      expect(once.outcome).toEqual({ applied: true });
      expect(Object.hasOwn(once.state[0]?.answers ?? {}, memberId)).toBe(true);
      expect(checkIn(once.state, answer("c1", memberId)).outcome).toEqual({ applied: false, reason: "ALREADY_CHECKED_IN" });
    }
  });
});

describe("checkInStreak", () => {
  it("is 1 for a first check-in (no earlier session, or missed the one before)", () => {
    expect(checkInStreak([])).toBe(1);
    expect(checkInStreak([false])).toBe(1);
    expect(checkInStreak([false, true, true])).toBe(1);
  });

  it("counts the sessions just before this one in a row, stopping at the first missed", () => {
    expect(checkInStreak([true])).toBe(2);
    expect(checkInStreak([true, true, true])).toBe(4);
    expect(checkInStreak([true, true, false, true, true])).toBe(3);
  });

  it("is never below 1 nor above one more than the earlier sessions (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 30 }), (previous) => {
        const streak = checkInStreak(previous);
        expect(streak).toBeGreaterThanOrEqual(1);
        expect(streak).toBeLessThanOrEqual(previous.length + 1);
        // Checking in this time makes the next session's streak one longer.
        expect(checkInStreak([true, ...previous])).toBe(streak + 1);
        expect(checkInStreak([false, ...previous])).toBe(1);
      }),
    );
  });
});
