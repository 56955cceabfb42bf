import { describe, expect, it } from "vitest";
import { askQuestion, moderateQuestion, setExpert, sortQuestions, upvoteQuestion } from "../../../shared/rules/salon/qa.js";
import type { CommandOf } from "../../../shared/rules/salon/slice.js";
import type { QaState, Question, QuestionAction } from "../../../shared/rules/salon/types.js";

const EMPTY: QaState = { questions: [], experts: {} };

const ask = (seq: number, memberId: string, text: string, anonymous = false, at = seq * 1000): CommandOf<"questionAsked"> => ({
  kind: "questionAsked",
  detail: { text, name: `Name of ${memberId}`, anonymous },
  seq,
  at,
  memberId,
});
const upvote = (questionId: string, memberId: string, seq = 50): CommandOf<"questionUpvoted"> => ({
  kind: "questionUpvoted",
  detail: { questionId },
  seq,
  at: seq * 1000,
  memberId,
});
const moderate = (questionId: string, action: QuestionAction, seq = 60): CommandOf<"questionModerated"> => ({
  kind: "questionModerated",
  detail: { questionId, action },
  seq,
  at: seq * 1000,
  memberId: "host",
});
const expertSet = (memberId: string, name: string, expert: boolean): CommandOf<"expertSet"> => ({
  kind: "expertSet",
  detail: { memberId, name, expert },
  seq: 70,
  at: 70_000,
  memberId: "host",
});

/** The Q&A after asking q1 (m1, named) and q2 (m2, anonymous). */
function twoQuestions(): QaState {
  const first = askQuestion(EMPTY, ask(1, "m1", "Why trees?"));
  return askQuestion(first.state, ask(2, "m2", "树会说话吗？", true)).state;
}

describe("askQuestion", () => {
  it("adds q<seq> with its asker, the time, and no upvotes, flags all off", () => {
    const { state, outcome } = askQuestion(EMPTY, ask(7, "m1", "Why trees?", false, 1234));
    expect(outcome).toEqual({ applied: true });
    expect(state.questions).toEqual([
      { id: "q7", text: "Why trees?", authorId: "m1", authorName: "Name of m1", anonymous: false, at: 1234, upvoters: [], pinned: false, answered: false, hidden: false },
    ]);
    expect(EMPTY.questions).toEqual([]);
  });

  it("keeps an anonymous asker's id and name in the state (the views decide who sees them)", () => {
    const q2 = twoQuestions().questions[1];
    expect(q2).toMatchObject({ id: "q2", authorId: "m2", authorName: "Name of m2", anonymous: true });
  });

  it("keeps earlier questions as they were, in order", () => {
    const before = twoQuestions();
    const { state } = askQuestion(before, ask(3, "m3", "Third"));
    expect(state.questions.map((q) => q.id)).toEqual(["q1", "q2", "q3"]);
    expect(state.questions[0]).toBe(before.questions[0]);
    expect(state.experts).toBe(before.experts);
  });
});

describe("upvoteQuestion", () => {
  it("records the sender once, and refuses a second upvote with ALREADY_UPVOTED", () => {
    const qa = twoQuestions();
    const once = upvoteQuestion(qa, upvote("q1", "m3"));
    expect(once.outcome).toEqual({ applied: true });
    expect(once.state.questions[0]?.upvoters).toEqual(["m3"]);
    expect(once.state.questions[1]).toBe(qa.questions[1]);
    const twice = upvoteQuestion(once.state, upvote("q1", "m3"));
    expect(twice).toEqual({ state: once.state, outcome: { applied: false, reason: "ALREADY_UPVOTED" } });
    expect(twice.state).toBe(once.state);
  });

  it("counts different members, in the order they upvoted", () => {
    let qa = twoQuestions();
    for (const member of ["m3", "m4", "m5"]) qa = upvoteQuestion(qa, upvote("q2", member)).state;
    expect(qa.questions[1]?.upvoters).toEqual(["m3", "m4", "m5"]);
  });

  it("lets a member upvote their own question, once", () => {
    const own = upvoteQuestion(twoQuestions(), upvote("q1", "m1"));
    expect(own.outcome).toEqual({ applied: true });
    expect(upvoteQuestion(own.state, upvote("q1", "m1")).outcome).toEqual({ applied: false, reason: "ALREADY_UPVOTED" });
  });

  it("refuses an unknown question with UNKNOWN_QUESTION, the same slice back", () => {
    const qa = twoQuestions();
    for (const id of ["q9", "q", "", "__proto__", "constructor", "p1"]) {
      const result = upvoteQuestion(qa, upvote(id, "m3"));
      expect(result.outcome).toEqual({ applied: false, reason: "UNKNOWN_QUESTION" });
      expect(result.state).toBe(qa);
    }
  });

  it("treats a hidden question as unknown (before ALREADY_UPVOTED), and takes upvotes again once unhidden", () => {
    const upvoted = upvoteQuestion(twoQuestions(), upvote("q1", "m3")).state;
    const hidden = moderateQuestion(upvoted, moderate("q1", "hide")).state;
    expect(upvoteQuestion(hidden, upvote("q1", "m4"))).toEqual({ state: hidden, outcome: { applied: false, reason: "UNKNOWN_QUESTION" } });
    expect(upvoteQuestion(hidden, upvote("q1", "m3")).outcome).toEqual({ applied: false, reason: "UNKNOWN_QUESTION" });
    const shown = moderateQuestion(hidden, moderate("q1", "unhide")).state;
    expect(upvoteQuestion(shown, upvote("q1", "m4")).state.questions[0]?.upvoters).toEqual(["m3", "m4"]);
  });
});

describe("moderateQuestion", () => {
  const cases: { action: QuestionAction; flag: "pinned" | "answered" | "hidden"; value: boolean }[] = [
    { action: "pin", flag: "pinned", value: true },
    { action: "answer", flag: "answered", value: true },
    { action: "hide", flag: "hidden", value: true },
  ];
  const undo: Record<string, QuestionAction> = { pin: "unpin", answer: "unanswer", hide: "unhide" };

  for (const { action, flag, value } of cases) {
    it(`${action} sets ${flag}, ${undo[action]} clears it, and each refuses the state it is already in`, () => {
      const qa = twoQuestions();
      const done = moderateQuestion(qa, moderate("q2", action));
      expect(done.outcome).toEqual({ applied: true });
      expect(done.state.questions[1]).toEqual({ ...qa.questions[1], [flag]: value });
      expect(done.state.questions[0]).toBe(qa.questions[0]);
      expect(moderateQuestion(done.state, moderate("q2", action))).toEqual({ state: done.state, outcome: { applied: false, reason: "NOTHING_TO_CHANGE" } });
      const undone = moderateQuestion(done.state, moderate("q2", undo[action] as QuestionAction));
      expect(undone.outcome).toEqual({ applied: true });
      expect(undone.state.questions[1]).toEqual(qa.questions[1]);
      const again = moderateQuestion(undone.state, moderate("q2", undo[action] as QuestionAction));
      expect(again.outcome).toEqual({ applied: false, reason: "NOTHING_TO_CHANGE" });
      expect(again.state).toBe(undone.state);
    });
  }

  it("changes only its own flag", () => {
    let qa = moderateQuestion(twoQuestions(), moderate("q1", "pin")).state;
    qa = moderateQuestion(qa, moderate("q1", "answer")).state;
    expect(qa.questions[0]).toMatchObject({ pinned: true, answered: true, hidden: false });
    qa = moderateQuestion(qa, moderate("q1", "unpin")).state;
    expect(qa.questions[0]).toMatchObject({ pinned: false, answered: true, hidden: false });
  });

  it("refuses an unknown question with UNKNOWN_QUESTION, before NOTHING_TO_CHANGE", () => {
    const qa = twoQuestions();
    for (const action of ["unpin", "pin", "hide"] as const) {
      const result = moderateQuestion(qa, moderate("q3", action));
      expect(result).toEqual({ state: qa, outcome: { applied: false, reason: "UNKNOWN_QUESTION" } });
      expect(result.state).toBe(qa);
    }
  });
});

describe("setExpert", () => {
  it("marks a member as expert, and refuses marking them again under the same name", () => {
    const marked = setExpert(EMPTY, expertSet("m1", "Ada", true));
    expect(marked).toEqual({ state: { questions: [], experts: { m1: "Ada" } }, outcome: { applied: true } });
    const again = setExpert(marked.state, expertSet("m1", "Ada", true));
    expect(again.outcome).toEqual({ applied: false, reason: "NOTHING_TO_CHANGE" });
    expect(again.state).toBe(marked.state);
  });

  it("renames an expert marked again under a new name", () => {
    const marked = setExpert(EMPTY, expertSet("m1", "Ada", true)).state;
    expect(setExpert(marked, expertSet("m1", "Ada L.", true))).toEqual({ state: { questions: [], experts: { m1: "Ada L." } }, outcome: { applied: true } });
  });

  it("unmarks an expert, keeping the others, and refuses unmarking a member who is not one", () => {
    let qa = setExpert(EMPTY, expertSet("m1", "Ada", true)).state;
    qa = setExpert(qa, expertSet("m2", "Lin", true)).state;
    const unmarked = setExpert(qa, expertSet("m1", "Ada", false));
    expect(unmarked).toEqual({ state: { questions: [], experts: { m2: "Lin" } }, outcome: { applied: true } });
    const none = setExpert(unmarked.state, expertSet("m1", "Ada", false));
    expect(none.outcome).toEqual({ applied: false, reason: "NOTHING_TO_CHANGE" });
    expect(none.state).toBe(unmarked.state);
  });

  it("reads experts as own properties only: a member named like Object's prototype is nobody until marked", () => {
    for (const memberId of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect(setExpert(EMPTY, expertSet(memberId, "X", false)).outcome).toEqual({ applied: false, reason: "NOTHING_TO_CHANGE" });
      const marked = setExpert(EMPTY, expertSet(memberId, "X", true));
      expect(marked.outcome).toEqual({ applied: true });
      expect(Object.hasOwn(marked.state.experts, memberId)).toBe(true);
      expect(Object.getPrototypeOf(marked.state.experts)).toBe(Object.prototype);
      const unmarked = setExpert(marked.state, expertSet(memberId, "X", false)).state;
      expect(Object.keys(unmarked.experts)).toEqual([]);
      expect(Object.getPrototypeOf(unmarked.experts)).toBe(Object.prototype);
    }
  });
});

describe("sortQuestions", () => {
  const q = (id: string, fields: Partial<Pick<Question, "pinned" | "answered" | "at">> & { votes?: number }) => ({
    id,
    pinned: fields.pinned ?? false,
    answered: fields.answered ?? false,
    at: fields.at ?? 0,
    votes: fields.votes ?? 0,
  });

  it("puts pinned first, even answered and unvoted", () => {
    const sorted = sortQuestions([q("a", { votes: 9, at: 9 }), q("b", { pinned: true, answered: true })]);
    expect(sorted.map((x) => x.id)).toEqual(["b", "a"]);
  });

  it("puts unanswered before answered, whatever the votes", () => {
    const sorted = sortQuestions([q("a", { answered: true, votes: 9, at: 9 }), q("b", {})]);
    expect(sorted.map((x) => x.id)).toEqual(["b", "a"]);
  });

  it("then most upvotes, then newest, then id", () => {
    const sorted = sortQuestions([
      q("q5", { votes: 1, at: 10 }),
      q("q4", { votes: 3, at: 1 }),
      q("q3", { votes: 1, at: 20 }),
      q("q2", { votes: 1, at: 10 }),
      q("q1", { votes: 0, at: 99 }),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(["q4", "q3", "q2", "q5", "q1"]);
  });

  it("orders pinned ones among themselves by the same rules", () => {
    const sorted = sortQuestions([
      q("a", { pinned: true, answered: true, votes: 5 }),
      q("b", { pinned: true, votes: 1 }),
      q("c", { pinned: true, votes: 2 }),
      q("d", { votes: 10 }),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(["c", "b", "a", "d"]);
  });

  it("returns a new array and leaves the given one as it was", () => {
    const given = [q("b", {}), q("a", {})];
    const sorted = sortQuestions(given);
    expect(sorted.map((x) => x.id)).toEqual(["a", "b"]);
    expect(given.map((x) => x.id)).toEqual(["b", "a"]);
    expect(sorted).not.toBe(given);
  });
});
