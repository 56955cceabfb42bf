import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { SessionCommandEntry, SessionCommandKind } from "../../../shared/log.js";
import type { CommandOf } from "../../../shared/rules/salon/slice.js";
import { inviteSpeaker, lowerHand, raiseHand, returnSpeaker, setSpeakerLimit } from "../../../shared/rules/salon/stage.js";
import type { StageState } from "../../../shared/rules/salon/types.js";
import { INITIAL_SESSION_STATE, applySessionCommand, replaySession, type SessionCommand } from "../../../shared/rules/session.js";

function command<K extends SessionCommandKind>(kind: K, detail: Extract<SessionCommandEntry, { kind: K }>["detail"], at: number, memberId = "host"): CommandOf<K> {
  return { kind, detail, at, memberId, seq: 1 } as CommandOf<K>;
}
const raise = (memberId: string, name: string, at = 1_000) => command("handRaised", { name }, at, memberId);
const lower = (memberId: string, at = 1_000) => command("handLowered", { memberId }, at);
const invite = (memberId: string, at = 1_000) => command("speakerInvited", { memberId }, at);
const send = (memberId: string, at = 1_000) => command("speakerReturned", { memberId }, at);
const limit = (value: number, at = 1_000) => command("speakerLimitSet", { limit: value }, at);

/** A stage frozen all the way down, so a rule that changed its input in place would throw. */
function stage(parts: Partial<StageState> = {}): StageState {
  const state: StageState = { queue: [], speakers: [], speakerLimit: 3, ...parts };
  for (const item of [...state.queue, ...state.speakers]) Object.freeze(item);
  Object.freeze(state.queue);
  Object.freeze(state.speakers);
  return Object.freeze(state);
}
const hand = (memberId: string, name = memberId.toUpperCase(), at = 1) => ({ memberId, name, at });
const speaker = (memberId: string, name = memberId.toUpperCase(), since = 1) => ({ memberId, name, since });

describe("raiseHand", () => {
  it("puts the sender at the end of the queue, with their name and when", () => {
    const before = stage({ queue: [hand("a")] });
    const result = raiseHand(before, raise("b", "Bo", 5_000));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state).toEqual({ queue: [hand("a"), { memberId: "b", name: "Bo", at: 5_000 }], speakers: [], speakerLimit: 3 });
    expect(result.state.queue[0]).toBe(before.queue[0]);
  });

  it("changes nothing for a hand already up", () => {
    const before = stage({ queue: [hand("a"), hand("b")] });
    expect(raiseHand(before, raise("b", "Bo"))).toEqual({ state: before, outcome: { applied: false, reason: "NOTHING_TO_CHANGE" } });
    expect(raiseHand(before, raise("b", "Bo")).state).toBe(before);
  });

  it("changes nothing for a member already on the stage", () => {
    const before = stage({ speakers: [speaker("s")] });
    const result = raiseHand(before, raise("s", "Sam"));
    expect(result.outcome).toEqual({ applied: false, reason: "NOTHING_TO_CHANGE" });
    expect(result.state).toBe(before);
  });
});

describe("lowerHand", () => {
  it("takes the member out of the queue, the others keeping their order", () => {
    const before = stage({ queue: [hand("a"), hand("b"), hand("c")], speakers: [speaker("s")] });
    const result = lowerHand(before, lower("b"));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state).toEqual({ queue: [hand("a"), hand("c")], speakers: [speaker("s")], speakerLimit: 3 });
  });

  it("refuses a member who is not queued (a speaker included) with UNKNOWN_MEMBER", () => {
    const before = stage({ queue: [hand("a")], speakers: [speaker("s")] });
    for (const memberId of ["x", "s"]) {
      const result = lowerHand(before, lower(memberId));
      expect(result.outcome).toEqual({ applied: false, reason: "UNKNOWN_MEMBER" });
      expect(result.state).toBe(before);
    }
  });
});

describe("inviteSpeaker", () => {
  it("moves a queued member onto the stage under the name they raised their hand with, since now", () => {
    const before = stage({ queue: [hand("a", "Ann", 10), hand("b", "Bo", 20), hand("c", "Cy", 30)], speakers: [speaker("s")] });
    const result = inviteSpeaker(before, invite("b", 7_000));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state).toEqual({
      queue: [hand("a", "Ann", 10), hand("c", "Cy", 30)],
      speakers: [speaker("s"), { memberId: "b", name: "Bo", since: 7_000 }],
      speakerLimit: 3,
    });
  });

  it("takes a speaker while the stage has room, up to the limit's last place", () => {
    const before = stage({ queue: [hand("a")], speakers: [speaker("s"), speaker("t")], speakerLimit: 3 });
    const result = inviteSpeaker(before, invite("a"));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state.speakers.map((s) => s.memberId)).toEqual(["s", "t", "a"]);
  });

  it("refuses with STAGE_FULL when the speakers fill the limit, or exceed a lowered one", () => {
    for (const speakers of [[speaker("s"), speaker("t")], [speaker("s"), speaker("t"), speaker("u")]]) {
      const before = stage({ queue: [hand("a")], speakers, speakerLimit: 2 });
      const result = inviteSpeaker(before, invite("a"));
      expect(result.outcome).toEqual({ applied: false, reason: "STAGE_FULL" });
      expect(result.state).toBe(before);
    }
  });

  it("refuses a member who is not queued with UNKNOWN_MEMBER, before looking at the limit", () => {
    const full = stage({ queue: [hand("a")], speakers: [speaker("s")], speakerLimit: 1 });
    expect(inviteSpeaker(full, invite("x")).outcome).toEqual({ applied: false, reason: "UNKNOWN_MEMBER" });
    const roomy = stage({ queue: [hand("a")], speakers: [speaker("s")] });
    for (const memberId of ["x", "s"]) {
      const result = inviteSpeaker(roomy, invite(memberId));
      expect(result.outcome).toEqual({ applied: false, reason: "UNKNOWN_MEMBER" });
      expect(result.state).toBe(roomy);
    }
  });
});

describe("returnSpeaker", () => {
  it("sends a speaker back to the floor, the others staying", () => {
    const before = stage({ queue: [hand("a")], speakers: [speaker("s"), speaker("t"), speaker("u")] });
    const result = returnSpeaker(before, send("t"));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state).toEqual({ queue: [hand("a")], speakers: [speaker("s"), speaker("u")], speakerLimit: 3 });
  });

  it("refuses a member who is not on the stage (a queued one included) with UNKNOWN_MEMBER", () => {
    const before = stage({ queue: [hand("a")], speakers: [speaker("s")] });
    for (const memberId of ["x", "a"]) {
      const result = returnSpeaker(before, send(memberId));
      expect(result.outcome).toEqual({ applied: false, reason: "UNKNOWN_MEMBER" });
      expect(result.state).toBe(before);
    }
  });
});

describe("setSpeakerLimit", () => {
  it("raises and lowers the limit; speakers already up stay above a lowered one", () => {
    const before = stage({ speakers: [speaker("s"), speaker("t"), speaker("u")] });
    const lowered = setSpeakerLimit(before, limit(1));
    expect(lowered).toEqual({ state: { queue: [], speakers: before.speakers, speakerLimit: 1 }, outcome: { applied: true } });
    expect(setSpeakerLimit(before, limit(8)).state.speakerLimit).toBe(8);
  });

  it("changes nothing when the limit is the one in force", () => {
    const before = stage({ speakerLimit: 4 });
    expect(setSpeakerLimit(before, limit(4))).toEqual({ state: before, outcome: { applied: false, reason: "NOTHING_TO_CHANGE" } });
    expect(setSpeakerLimit(before, limit(4)).state).toBe(before);
  });
});

describe("the stage in the session's order", () => {
  const at = (seq: number, kind: SessionCommandKind, detail: object, memberId = "host"): SessionCommand =>
    ({ kind, detail, seq, at: seq * 100, memberId }) as SessionCommand;

  it("queues hands in the order they went up and takes speakers from it", () => {
    const state = replaySession([
      at(1, "handRaised", { name: "Ann" }, "a"),
      at(2, "handRaised", { name: "Bo" }, "b"),
      at(3, "handRaised", { name: "Cy" }, "c"),
      at(4, "speakerInvited", { memberId: "b" }),
      at(5, "handLowered", { memberId: "c" }),
    ]);
    expect(state.stage).toEqual({ queue: [{ memberId: "a", name: "Ann", at: 100 }], speakers: [{ memberId: "b", name: "Bo", since: 400 }], speakerLimit: 3 });
  });

  it("a declined stage command leaves the state's stage as it was", () => {
    const { state, outcome } = applySessionCommand(INITIAL_SESSION_STATE, at(1, "speakerInvited", { memberId: "nobody" }));
    expect(outcome).toEqual({ applied: false, reason: "UNKNOWN_MEMBER" });
    expect(state.stage).toBe(INITIAL_SESSION_STATE.stage);
  });
});

type StageAction =
  | { kind: "raise" | "lower" | "invite" | "return"; member: number }
  | { kind: "limit"; limit: number };

const stageAction: fc.Arbitrary<StageAction> = fc.oneof(
  fc.record({ kind: fc.constantFrom("raise" as const, "lower" as const, "invite" as const, "return" as const), member: fc.nat(5) }),
  fc.record({ kind: fc.constant("limit" as const), limit: fc.integer({ min: 1, max: 8 }) }),
);

function apply(state: StageState, action: StageAction, at: number) {
  const id = action.kind === "limit" ? "" : `m${action.member}`;
  switch (action.kind) {
    case "raise":
      return raiseHand(state, raise(id, `Member ${id}`, at));
    case "lower":
      return lowerHand(state, lower(id, at));
    case "invite":
      return inviteSpeaker(state, invite(id, at));
    case "return":
      return returnSpeaker(state, send(id, at));
    case "limit":
      return setSpeakerLimit(state, limit(action.limit, at));
  }
}

describe("the stage (properties)", () => {
  it("never queues a member twice nor a speaker, and never seats more speakers than the limit when they were invited", () => {
    fc.assert(
      fc.property(fc.array(stageAction, { maxLength: 60 }), (actions) => {
        let state = stage();
        for (const [i, action] of actions.entries()) {
          const { state: next, outcome } = apply(state, action, 1_000 + i);
          if (!outcome.applied) expect(next).toBe(state);
          if (action.kind === "invite" && outcome.applied) expect(next.speakers.length).toBeLessThanOrEqual(state.speakerLimit);
          const queued = next.queue.map((h) => h.memberId);
          const speaking = next.speakers.map((s) => s.memberId);
          expect(new Set(queued).size).toBe(queued.length);
          expect(new Set(speaking).size).toBe(speaking.length);
          expect(queued.filter((id) => speaking.includes(id))).toEqual([]);
          // The queue stays in the order hands went up.
          expect(next.queue.map((h) => h.at)).toEqual([...next.queue.map((h) => h.at)].sort((a, b) => a - b));
          state = next;
        }
      }),
    );
  });

  it("a member's hand is raised exactly when the last applied raise came after their last applied lower or invite", () => {
    fc.assert(
      fc.property(fc.array(stageAction, { maxLength: 60 }), (actions) => {
        let state = stage();
        const where = new Map<string, "queue" | "stage">();
        for (const [i, action] of actions.entries()) {
          const result = apply(state, action, i);
          if (result.outcome.applied && action.kind !== "limit") {
            const id = `m${action.member}`;
            if (action.kind === "raise") where.set(id, "queue");
            else if (action.kind === "invite") where.set(id, "stage");
            else where.delete(id);
          }
          state = result.state;
        }
        expect(new Set(state.queue.map((h) => h.memberId))).toEqual(new Set([...where].filter(([, w]) => w === "queue").map(([id]) => id)));
        expect(new Set(state.speakers.map((s) => s.memberId))).toEqual(new Set([...where].filter(([, w]) => w === "stage").map(([id]) => id)));
      }),
    );
  });
});
