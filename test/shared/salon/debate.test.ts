import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { SessionCommandEntry, SessionCommandKind } from "../../../shared/log.js";
import { debateView, openDebate, setDebatePhase, takeStance } from "../../../shared/rules/salon/debate.js";
import type { CommandOf } from "../../../shared/rules/salon/slice.js";
import type { Debate, DebatePhase, Side } from "../../../shared/rules/salon/types.js";
import { replaySession, type SessionCommand } from "../../../shared/rules/session.js";

function command<K extends SessionCommandKind>(kind: K, detail: Extract<SessionCommandEntry, { kind: K }>["detail"], at: number, memberId = "host", seq = 1): CommandOf<K> {
  return { kind, detail, at, memberId, seq } as CommandOf<K>;
}
const opened = (seq: number, at: number, motion = "AI will change education", sides: [string, string] = ["For", "Against"]) =>
  command("debateOpened", { motion, sides }, at, "host", seq);
const phase = (debateId: string, to: DebatePhase) => command("debatePhaseSet", { debateId, phase: to }, 2_000);
const stance = (debateId: string, side: Side, memberId: string) => command("stanceTaken", { debateId, side, name: `Name ${memberId}` }, 2_000, memberId);

/** A debate as plain data, frozen with its records so a rule that changed it in place would throw. */
function debate(parts: Partial<Debate> = {}): Debate {
  const value: Debate = { id: "d1", motion: "Tea is better than coffee", sides: ["Tea", "Coffee"], phase: "before", openedAt: 1_000, before: {}, after: {}, ...parts };
  Object.freeze(value.before);
  Object.freeze(value.after);
  return Object.freeze(value);
}
/** Stances: `zeros` members on side 0 and `ones` on side 1. */
function stances(zeros: number, ones: number, prefix = "m"): Record<string, Side> {
  const record: Record<string, Side> = {};
  for (let i = 0; i < zeros + ones; i++) record[`${prefix}${i}`] = i < zeros ? 0 : 1;
  return record;
}
const declinedWith = (reason: string) => ({ applied: false, reason });

describe("openDebate", () => {
  it("opens d<seq> in the before phase, without stances", () => {
    const result = openDebate([], opened(4, 9_000, "人工智能会改变教育", ["正方", "反方"]));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state).toEqual([{ id: "d4", motion: "人工智能会改变教育", sides: ["正方", "反方"], phase: "before", openedAt: 9_000, before: {}, after: {} }]);
  });

  it("closes the debate before it, keeping its stances, and leaves closed ones as they are", () => {
    const old = debate({ id: "d1", phase: "closed" });
    const current = debate({ id: "d2", phase: "discussion", before: stances(1, 1) });
    const result = openDebate([old, current], opened(5, 9_000));
    expect(result.state.map((d) => [d.id, d.phase])).toEqual([
      ["d1", "closed"],
      ["d2", "closed"],
      ["d5", "before"],
    ]);
    expect(result.state[0]).toBe(old);
    expect(result.state[1]?.before).toBe(current.before);
  });
});

describe("setDebatePhase", () => {
  it("moves forward through the phases, and back when the host wants", () => {
    let debates: readonly Debate[] = [debate()];
    for (const to of ["discussion", "before", "discussion", "after", "discussion", "closed"] as const) {
      const result = setDebatePhase(debates, phase("d1", to));
      expect(result.outcome).toEqual({ applied: true });
      expect(result.state[0]?.phase).toBe(to);
      debates = result.state;
    }
  });

  it("changes only the debate it names", () => {
    const old = debate({ id: "d1", phase: "closed" });
    const result = setDebatePhase([old, debate({ id: "d2" })], phase("d2", "after"));
    expect(result.state[0]).toBe(old);
    expect(result.state[1]?.phase).toBe("after");
  });

  it("refuses an unknown debate with UNKNOWN_DEBATE", () => {
    const before = [debate()];
    expect(setDebatePhase(before, phase("d2", "after"))).toEqual({ state: before, outcome: declinedWith("UNKNOWN_DEBATE") });
  });

  it("refuses to move a closed debate with WRONG_PHASE, even to closed", () => {
    const before = [debate({ phase: "closed" })];
    for (const to of ["before", "after", "closed"] as const) expect(setDebatePhase(before, phase("d1", to))).toEqual({ state: before, outcome: declinedWith("WRONG_PHASE") });
  });

  it("changes nothing for the phase it is in", () => {
    for (const at of ["before", "discussion", "after"] as const) {
      const before = [debate({ phase: at })];
      expect(setDebatePhase(before, phase("d1", at))).toEqual({ state: before, outcome: declinedWith("NOTHING_TO_CHANGE") });
    }
  });
});

describe("takeStance", () => {
  it("records a stance in `before` during the before phase, and a changed one", () => {
    const first = takeStance([debate()], stance("d1", 1, "m1"));
    expect(first.outcome).toEqual({ applied: true });
    expect(first.state[0]).toMatchObject({ before: { m1: 1 }, after: {} });
    const changed = takeStance(first.state, stance("d1", 0, "m1"));
    expect(changed.outcome).toEqual({ applied: true });
    expect(changed.state[0]).toMatchObject({ before: { m1: 0 }, after: {} });
  });

  it("records a stance in `after` during the after phase, the first stances kept", () => {
    const current = debate({ phase: "after", before: { m1: 0, m2: 1 } });
    const result = takeStance([current], stance("d1", 1, "m1"));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state[0]?.after).toEqual({ m1: 1 });
    expect(result.state[0]?.before).toBe(current.before);
  });

  it("refuses a stance in the discussion or once closed with WRONG_PHASE", () => {
    for (const at of ["discussion", "closed"] as const) {
      const before = [debate({ phase: at })];
      expect(takeStance(before, stance("d1", 0, "m1"))).toEqual({ state: before, outcome: declinedWith("WRONG_PHASE") });
    }
  });

  it("refuses an unknown debate with UNKNOWN_DEBATE", () => {
    const before = [debate()];
    expect(takeStance(before, stance("d9", 0, "m1"))).toEqual({ state: before, outcome: declinedWith("UNKNOWN_DEBATE") });
  });

  it("changes nothing for the same side again, in either phase", () => {
    const first = [debate({ before: { m1: 0 } })];
    expect(takeStance(first, stance("d1", 0, "m1"))).toEqual({ state: first, outcome: declinedWith("NOTHING_TO_CHANGE") });
    const second = [debate({ phase: "after", before: { m1: 1 }, after: { m1: 0 } })];
    expect(takeStance(second, stance("d1", 0, "m1"))).toEqual({ state: second, outcome: declinedWith("NOTHING_TO_CHANGE") });
    // The first stance does not count as one taken after.
    expect(takeStance([debate({ phase: "after", before: { m1: 1 } })], stance("d1", 1, "m1")).outcome).toEqual({ applied: true });
  });

  it("reads stances as the member's own, never the record's prototype", () => {
    const result = takeStance([debate()], stance("d1", 0, "__proto__"));
    expect(result.outcome).toEqual({ applied: true });
    expect(Object.hasOwn(result.state[0]?.before ?? {}, "__proto__")).toBe(true);
    expect(debateView(result.state[0] as Debate).before).toEqual([1, 0]);
  });
});

describe("debateView", () => {
  it("counts each side's stances before and after", () => {
    const view = debateView(debate({ phase: "after", before: stances(3, 1), after: stances(1, 2) }));
    expect(view).toEqual({ id: "d1", motion: "Tea is better than coffee", sides: ["Tea", "Coffee"], phase: "after", before: [3, 1], after: [1, 2], swing: -41.7 });
  });

  it("has no swing until both counts have a stance", () => {
    expect(debateView(debate()).swing).toBeNull();
    expect(debateView(debate({ before: stances(2, 1) })).swing).toBeNull();
    expect(debateView(debate({ after: stances(2, 1) })).swing).toBeNull();
    expect(debateView(debate({ before: stances(0, 1), after: stances(1, 0) })).swing).toBe(100);
  });

  it("is side 0's share after minus its share before, in points", () => {
    expect(debateView(debate({ before: stances(1, 1), after: stances(3, 1) })).swing).toBe(25);
    expect(debateView(debate({ before: stances(1, 0), after: stances(0, 3) })).swing).toBe(-100);
    expect(debateView(debate({ before: stances(2, 2), after: stances(5, 5) })).swing).toBe(0);
    expect(debateView(debate({ before: stances(1, 2), after: stances(2, 1) })).swing).toBe(33.3);
    expect(debateView(debate({ before: stances(2, 1), after: stances(1, 2) })).swing).toBe(-33.3);
    expect(debateView(debate({ before: stances(0, 3), after: stances(2, 1) })).swing).toBe(66.7);
  });

  it("rounds to one decimal, halves away from zero both ways", () => {
    // 1/16 = 6.25 %.
    expect(debateView(debate({ before: stances(0, 1), after: stances(1, 15) })).swing).toBe(6.3);
    expect(debateView(debate({ before: stances(1, 15), after: stances(0, 1) })).swing).toBe(-6.3);
    // 3/16 = 18.75 %; 1/8 = 12.5 % takes no rounding.
    expect(debateView(debate({ before: stances(0, 1), after: stances(3, 13) })).swing).toBe(18.8);
    expect(debateView(debate({ before: stances(1, 7), after: stances(0, 1) })).swing).toBe(-12.5);
  });

  it("gives 0, not −0, for a swing that rounds to nothing", () => {
    // 333/1000 − 1/3 = −0.033 points.
    const swing = debateView(debate({ before: stances(1, 2), after: stances(333, 667) })).swing;
    expect(Object.is(swing, 0)).toBe(true);
  });
});

describe("debates in the session's order", () => {
  const entry = (seq: number, kind: SessionCommandKind, detail: object, memberId = "host"): SessionCommand =>
    ({ kind, detail, seq, at: seq * 100, memberId }) as SessionCommand;

  it("stances before, a discussion that freezes them, stances after, and the swing", () => {
    const state = replaySession([
      entry(1, "debateOpened", { motion: "AI will change education", sides: ["For", "Against"] }),
      entry(2, "stanceTaken", { debateId: "d1", side: 1, name: "Ann" }, "a"),
      entry(3, "stanceTaken", { debateId: "d1", side: 0, name: "Bo" }, "b"),
      entry(4, "debatePhaseSet", { debateId: "d1", phase: "discussion" }),
      entry(5, "stanceTaken", { debateId: "d1", side: 0, name: "Ann" }, "a"),
      entry(6, "debatePhaseSet", { debateId: "d1", phase: "after" }),
      entry(7, "stanceTaken", { debateId: "d1", side: 0, name: "Ann" }, "a"),
      entry(8, "stanceTaken", { debateId: "d1", side: 0, name: "Bo" }, "b"),
    ]);
    expect(debateView(state.debates[0] as Debate)).toMatchObject({ phase: "after", before: [1, 1], after: [2, 0], swing: 50 });
  });
});

describe("the swing (properties)", () => {
  it("flips sign when the counts swap, stays within ±100 and has one decimal at most", () => {
    const count = fc.integer({ min: 0, max: 60 });
    fc.assert(
      fc.property(count, count, count, count, (b0, b1, a0, a1) => {
        const there = debateView(debate({ before: stances(b0, b1), after: stances(a0, a1) })).swing;
        const back = debateView(debate({ before: stances(a0, a1), after: stances(b0, b1) })).swing;
        if (b0 + b1 === 0 || a0 + a1 === 0) {
          expect(there).toBeNull();
          return;
        }
        expect(there).not.toBeNull();
        expect(back).toBe(there === 0 ? 0 : -(there as number));
        expect(Math.abs(there as number)).toBeLessThanOrEqual(100);
        expect(Math.abs((there as number) - (100 * a0) / (a0 + a1) + (100 * b0) / (b0 + b1))).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(Number.isInteger(Math.round((there as number) * 10 * 1e6) / 1e6)).toBe(true);
      }),
    );
  });
});
