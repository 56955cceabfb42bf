import { describe, expect, it } from "vitest";
import type { SessionCommandEntry } from "../../../shared/log.js";
import { energyLeft } from "../../../shared/rules/growth/energy.js";
import { ENERGY_PER_SESSION, INITIAL_GROWTH_STATE } from "../../../shared/rules/growth/types.js";
import { applySessionCommand, INITIAL_SESSION_STATE, replaySession, type SessionCommand, type SessionOutcome, type SessionState } from "../../../shared/rules/session.js";

const T0 = 1_000_000;

/** Applies commands in order (seq from the state's), returning the state and each outcome. */
function run(commands: ReadonlyArray<[string, SessionCommandEntry]>, from: SessionState = INITIAL_SESSION_STATE): { state: SessionState; outcomes: SessionOutcome[]; log: SessionCommand[] } {
  let state = from;
  const outcomes: SessionOutcome[] = [];
  const log: SessionCommand[] = [];
  for (const [memberId, entry] of commands) {
    const command = { ...entry, memberId, at: T0 + state.seq * 1000, seq: state.seq + 1 } as SessionCommand;
    log.push(command);
    const result = applySessionCommand(state, command);
    state = result.state;
    outcomes.push(result.outcome);
  }
  return { state, outcomes, log };
}

const energy = (refId: string, toId: string, target: "question" | "chat" | "speaker" = "question"): SessionCommandEntry => ({
  kind: "energyGiven",
  detail: { target, refId, toId, toName: `${toId} name`, name: "giver" },
});
const applied: SessionOutcome = { applied: true };
const refused = (reason: string): SessionOutcome => ({ applied: false, reason } as SessionOutcome);

describe("energyGiven", () => {
  it("records the gift under the giver and the contribution", () => {
    const { state, outcomes } = run([
      ["lin", energy("q1", "ada")],
      ["kim", energy("q1", "ada")],
      ["lin", energy("l7", "kim", "chat")],
    ]);
    expect(outcomes).toEqual([applied, applied, applied]);
    expect(state.growth.given).toEqual({ lin: ["q1", "l7"], kim: ["q1"] });
    expect(state.growth.contributions).toEqual({
      q1: { target: "question", toId: "ada", toName: "ada name", givers: ["lin", "kim"] },
      l7: { target: "chat", toId: "kim", toName: "kim name", givers: ["lin"] },
    });
    expect(energyLeft(state.growth, "lin")).toBe(ENERGY_PER_SESSION - 2);
    expect(energyLeft(state.growth, "nobody")).toBe(ENERGY_PER_SESSION);
  });

  it("refuses energy to oneself with SELF_ENERGY", () => {
    const { state, outcomes } = run([["ada", energy("q1", "ada")]]);
    expect(outcomes).toEqual([refused("SELF_ENERGY")]);
    expect(state.growth).toBe(INITIAL_SESSION_STATE.growth);
    expect(state.seq).toBe(1);
  });

  it("refuses a second gift to the same contribution with ALREADY_ENERGISED, so the givers stay distinct", () => {
    const { state, outcomes } = run([
      ["lin", energy("q1", "ada")],
      ["lin", energy("q1", "ada")],
      ["lin", energy("q1", "ada")],
    ]);
    expect(outcomes).toEqual([applied, refused("ALREADY_ENERGISED"), refused("ALREADY_ENERGISED")]);
    expect(state.growth.contributions.q1?.givers).toEqual(["lin"]);
  });

  it("refuses a gift past the session's allowance with NO_ENERGY_LEFT", () => {
    const gifts = Array.from({ length: ENERGY_PER_SESSION + 1 }, (_, i): [string, SessionCommandEntry] => ["lin", energy(`q${i + 1}`, "ada")]);
    const { state, outcomes } = run(gifts);
    expect(outcomes.slice(0, ENERGY_PER_SESSION).every((o) => o.applied)).toBe(true);
    expect(outcomes[ENERGY_PER_SESSION]).toEqual(refused("NO_ENERGY_LEFT"));
    expect(energyLeft(state.growth, "lin")).toBe(0);
    expect(Object.hasOwn(state.growth.contributions, `q${ENERGY_PER_SESSION + 1}`)).toBe(false);
  });

  it("says ALREADY_ENERGISED before NO_ENERGY_LEFT, and SELF_ENERGY before either", () => {
    const gifts = Array.from({ length: ENERGY_PER_SESSION }, (_, i): [string, SessionCommandEntry] => ["lin", energy(`q${i + 1}`, "ada")]);
    const { outcomes } = run([...gifts, ["lin", energy("q1", "ada")], ["lin", energy("q9", "lin")]]);
    expect(outcomes.slice(-2)).toEqual([refused("ALREADY_ENERGISED"), refused("SELF_ENERGY")]);
  });

  it("refuses a muted giver with MUTED, and takes their gift once the mute is lifted", () => {
    const mute: SessionCommandEntry = { kind: "memberMuted", detail: { memberId: "lin", name: "Lin", durationMs: null, note: "", byName: "Host" } };
    const unmute: SessionCommandEntry = { kind: "memberUnmuted", detail: { memberId: "lin", name: "Lin", byName: "Host" } };
    const { outcomes, state } = run([
      ["host", mute],
      ["lin", energy("q1", "ada")],
      ["host", unmute],
      ["lin", energy("q1", "ada")],
    ]);
    expect(outcomes).toEqual([applied, refused("MUTED"), applied, applied]);
    expect(state.growth.given).toEqual({ lin: ["q1"] });
  });

  it("keeps a gift to a ref named like an object's own property as any other", () => {
    const { state, outcomes } = run([
      ["lin", energy("__proto__", "ada", "chat")],
      ["__proto__", energy("constructor", "ada", "chat")],
    ]);
    expect(outcomes).toEqual([applied, applied]);
    expect(Object.hasOwn(state.growth.contributions, "__proto__")).toBe(true);
    expect(state.growth.contributions.constructor).toEqual({ target: "chat", toId: "ada", toName: "ada name", givers: ["__proto__"] });
    expect(energyLeft(state.growth, "constructor")).toBe(ENERGY_PER_SESSION);
  });
});

describe("goalReached", () => {
  it("keeps the first moment and refuses later ones with NOTHING_TO_CHANGE", () => {
    const goal = (growth: number): SessionCommandEntry => ({ kind: "goalReached", detail: { growth, goal: 300 } });
    const { state, outcomes } = run([
      ["op", goal(301)],
      ["op", goal(320)],
    ]);
    expect(outcomes).toEqual([applied, refused("NOTHING_TO_CHANGE")]);
    expect(state.growth.goalReachedAt).toBe(T0);
    expect(state.growth.goalReached).toEqual({ growth: 301, goal: 300 });
  });
});

describe("leaderboardHidden", () => {
  const hide = (hidden: boolean): SessionCommandEntry => ({ kind: "leaderboardHidden", detail: { hidden, name: "Ada" } });

  it("takes the sender off the leaderboard and back, refusing a choice that changes nothing", () => {
    const { state, outcomes } = run([
      ["ada", hide(false)],
      ["ada", hide(true)],
      ["lin", hide(true)],
      ["ada", hide(true)],
      ["ada", hide(false)],
    ]);
    expect(outcomes).toEqual([refused("NOTHING_TO_CHANGE"), applied, applied, refused("NOTHING_TO_CHANGE"), applied]);
    expect(state.growth.hidden).toEqual(["lin"]);
  });
});

describe("lineMarkedHelpful", () => {
  it("marks a line once, keeping its author", () => {
    const mark = (lineId: string, authorId: string): SessionCommandEntry => ({ kind: "lineMarkedHelpful", detail: { lineId, authorId, authorName: "Ada", name: "Host" } });
    const { state, outcomes } = run([
      ["host", mark("l1", "ada")],
      ["host", mark("l1", "ada")],
      ["host", mark("l2", "lin")],
    ]);
    expect(outcomes).toEqual([applied, refused("NOTHING_TO_CHANGE"), applied]);
    expect(state.growth.helpful).toEqual({ l1: "ada", l2: "lin" });
  });
});

describe("replay", () => {
  it("rebuilds the same growth from the logged commands, in any order", () => {
    const { state, log } = run([
      ["lin", energy("q1", "ada")],
      ["lin", energy("q1", "ada")],
      ["kim", energy("q1", "ada")],
      ["ada", { kind: "leaderboardHidden", detail: { hidden: true, name: "Ada" } }],
      ["op", { kind: "goalReached", detail: { growth: 300, goal: 300 } }],
    ]);
    expect(replaySession([...log].reverse()).growth).toEqual(state.growth);
    expect(state.growth).not.toEqual(INITIAL_GROWTH_STATE);
  });
});
