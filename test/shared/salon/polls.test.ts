import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { SessionCommandEntry, SessionCommandKind } from "../../../shared/log.js";
import type { CommandOf } from "../../../shared/rules/salon/slice.js";
import {
  answerPoll,
  closePoll,
  hidePollWord,
  isPollOpen,
  lockPoll,
  openPoll,
  pollProblem,
  quizLeaderboard,
  quizPoints,
  showPollResults,
  tally,
  votePoll,
} from "../../../shared/rules/salon/polls.js";
import { QUIZ_DEFAULT_WINDOW_MS, type Ballot, type Poll } from "../../../shared/rules/salon/types.js";
import { replaySession, type SessionCommand } from "../../../shared/rules/session.js";

function command<K extends SessionCommandKind>(kind: K, detail: Extract<SessionCommandEntry, { kind: K }>["detail"], at: number, memberId = "host", seq = 1): CommandOf<K> {
  return { kind, detail, at, memberId, seq } as CommandOf<K>;
}
type OpenDetail = CommandOf<"pollOpened">["detail"];
const detail = (parts: Partial<OpenDetail> = {}): OpenDetail => ({
  kind: "single",
  question: "Tea or coffee?",
  options: ["Tea", "Coffee"],
  correct: [],
  durationMs: null,
  resultsShown: false,
  ...parts,
});
const opened = (parts: Partial<OpenDetail>, seq: number, at: number) => command("pollOpened", detail(parts), at, "host", seq);
const vote = (pollId: string, options: string[], memberId: string, at = 2_000, name = `Name ${memberId}`) => command("pollVoted", { pollId, options, name }, at, memberId);
const answer = (pollId: string, text: string, memberId: string, at = 2_000, name = `Name ${memberId}`) => command("pollAnswered", { pollId, text, name }, at, memberId);
const close = (pollId: string, at = 3_000) => command("pollClosed", { pollId }, at);
const lock = (pollId: string, locked: boolean) => command("pollLocked", { pollId, locked }, 2_500);
const show = (pollId: string, shown: boolean) => command("pollResultsShown", { pollId, shown }, 2_500);
const hideWord = (pollId: string, word: string, hidden = true) => command("pollWordHidden", { pollId, word, hidden }, 2_500);

/** A poll as plain data, frozen (with its records) so a rule that changed it in place would throw. */
function poll(parts: Partial<Poll> = {}): Poll {
  const value: Poll = {
    id: "p1",
    kind: "single",
    question: "Tea or coffee?",
    options: [
      { id: "o0", text: "Tea" },
      { id: "o1", text: "Coffee" },
      { id: "o2", text: "Water" },
    ],
    correct: [],
    openedAt: 1_000,
    closesAt: null,
    closedAt: null,
    locked: false,
    resultsShown: false,
    ballots: {},
    answers: {},
    hiddenWords: [],
    ...parts,
  };
  for (const ballot of Object.values(value.ballots)) Object.freeze(ballot);
  for (const record of [value.ballots, value.answers, value.options, value.correct, value.hiddenWords]) Object.freeze(record);
  return Object.freeze(value);
}
const ballot = (options: string[], at = 1_500, name = "Someone"): Ballot => ({ options, at, name });
const openText = (parts: Partial<Poll> = {}) => poll({ kind: "open", options: [], ...parts });

const declinedWith = (reason: string) => ({ applied: false, reason });
/** pollProblem's reason: a sentence for the log that names what is wrong. */
const problem = (about: RegExp) => expect.stringMatching(about);

describe("pollProblem", () => {
  it("accepts a choice poll of two to eight different options without a correct answer", () => {
    expect(pollProblem(detail())).toBeNull();
    expect(pollProblem(detail({ kind: "multiple", options: ["1", "2", "3", "4", "5", "6", "7", "8"] }))).toBeNull();
  });

  it("refuses fewer than two options or more than eight", () => {
    for (const kind of ["single", "multiple", "quiz"] as const) {
      const correct = kind === "quiz" ? [0] : [];
      expect(pollProblem(detail({ kind, options: [], correct }))).toEqual(problem(/2 to 8 options/));
      expect(pollProblem(detail({ kind, options: ["Only"], correct }))).toEqual(problem(/2 to 8 options/));
      expect(pollProblem(detail({ kind, options: ["1", "2", "3", "4", "5", "6", "7", "8", "9"], correct }))).toEqual(problem(/2 to 8 options/));
    }
  });

  it("refuses two options alike, whatever their case", () => {
    expect(pollProblem(detail({ options: ["Tea", "Coffee", "Tea"] }))).toEqual(problem(/alike/));
    expect(pollProblem(detail({ options: ["Tea", "tEA"] }))).toEqual(problem(/alike/));
    expect(pollProblem(detail({ options: ["Tea", "Teas"] }))).toBeNull();
    // Lower-cased, options spelt differently stay apart (upper-casing would make "ß" an "SS").
    expect(pollProblem(detail({ options: ["Straße", "STRASSE"] }))).toBeNull();
  });

  it("refuses an empty question or an empty option", () => {
    expect(pollProblem(detail({ question: "" }))).toEqual(problem(/question/));
    expect(pollProblem(detail({ kind: "open", question: "", options: [] }))).toEqual(problem(/question/));
    expect(pollProblem(detail({ options: ["Tea", ""] }))).toEqual(problem(/option is empty/));
  });

  it("wants exactly one correct answer among a quiz's options", () => {
    expect(pollProblem(detail({ kind: "quiz", correct: [0] }))).toBeNull();
    expect(pollProblem(detail({ kind: "quiz", correct: [1] }))).toBeNull();
    expect(pollProblem(detail({ kind: "quiz", correct: [] }))).toEqual(problem(/exactly one correct/));
    expect(pollProblem(detail({ kind: "quiz", correct: [0, 1] }))).toEqual(problem(/exactly one correct/));
    for (const index of [2, -1, 0.5]) expect(pollProblem(detail({ kind: "quiz", correct: [index] }))).toEqual(problem(/not one of the options/));
  });

  it("refuses a correct answer on a poll that is not a quiz", () => {
    expect(pollProblem(detail({ kind: "single", correct: [0] }))).toEqual(problem(/only a quiz/));
    expect(pollProblem(detail({ kind: "multiple", correct: [1] }))).toEqual(problem(/only a quiz/));
  });

  it("wants an open-text poll without options or a correct answer", () => {
    expect(pollProblem(detail({ kind: "open", options: [] }))).toBeNull();
    expect(pollProblem(detail({ kind: "open", options: ["Tea", "Coffee"] }))).toEqual(problem(/open-text poll has no options/));
    expect(pollProblem(detail({ kind: "open", options: [], correct: [0] }))).toEqual(problem(/open-text poll has no correct/));
  });
});

describe("openPoll", () => {
  it("opens p<seq> with options o0…, the host's results setting, unlocked and without votes", () => {
    const result = openPoll([], opened({ kind: "multiple", options: ["Tea", "Coffee", "Water"], resultsShown: true }, 7, 1_000));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state).toEqual([
      {
        id: "p7",
        kind: "multiple",
        question: "Tea or coffee?",
        options: [
          { id: "o0", text: "Tea" },
          { id: "o1", text: "Coffee" },
          { id: "o2", text: "Water" },
        ],
        correct: [],
        openedAt: 1_000,
        closesAt: null,
        closedAt: null,
        locked: false,
        resultsShown: true,
        ballots: {},
        answers: {},
        hiddenWords: [],
      },
    ]);
  });

  it("names a quiz's correct option and ends a timed poll at its limit", () => {
    const [quiz] = openPoll([], opened({ kind: "quiz", options: ["A", "B", "C"], correct: [2], durationMs: 20_000 }, 3, 5_000)).state;
    expect(quiz).toMatchObject({ id: "p3", kind: "quiz", correct: ["o2"], openedAt: 5_000, closesAt: 25_000, closedAt: null, resultsShown: false });
  });

  it("opens an open-text poll with no options", () => {
    const [words] = openPoll([], opened({ kind: "open", question: "One word for today?", options: [] }, 2, 1_000)).state;
    expect(words).toMatchObject({ id: "p2", kind: "open", question: "One word for today?", options: [], correct: [] });
  });

  it("closes the poll still open at that moment, and only that one", () => {
    const byHost = poll({ id: "p1", closedAt: 1_500 });
    const byTime = poll({ id: "p2", openedAt: 2_000, closesAt: 3_000 });
    const running = poll({ id: "p3", openedAt: 4_000 });
    const before = [byHost, byTime, running];
    const result = openPoll(before, opened({}, 9, 6_000));
    expect(result.state.map((p) => [p.id, p.closedAt])).toEqual([
      ["p1", 1_500],
      ["p2", null],
      ["p3", 6_000],
      ["p9", null],
    ]);
    expect(result.state[0]).toBe(byHost);
    expect(result.state[1]).toBe(byTime);
  });

  it("closes a timed poll opened over while its time runs, the instant before it would have", () => {
    const running = poll({ id: "p1", openedAt: 1_000, closesAt: 6_001 });
    expect(openPoll([running], opened({}, 2, 6_000)).state[0]?.closedAt).toBe(6_000);
  });

  it("declines a poll pollProblem refuses with INVALID_POLL, changing nothing", () => {
    const before = [poll()];
    const result = openPoll(before, opened({ options: ["Only"] }, 2, 2_000));
    expect(result).toEqual({ state: before, outcome: declinedWith("INVALID_POLL") });
    expect(result.state).toBe(before);
  });
});

describe("isPollOpen", () => {
  it("is open until the host closes it", () => {
    expect(isPollOpen(poll(), 1e12)).toBe(true);
    expect(isPollOpen(poll({ closedAt: 2_000 }), 1_500)).toBe(false);
  });

  it("is open strictly before its time limit", () => {
    const timed = poll({ closesAt: 5_000 });
    expect(isPollOpen(timed, 4_999)).toBe(true);
    expect(isPollOpen(timed, 5_000)).toBe(false);
    expect(isPollOpen(timed, 5_001)).toBe(false);
    expect(isPollOpen(poll({ closesAt: 5_000, closedAt: 3_000 }), 4_000)).toBe(false);
  });
});

describe("votePoll", () => {
  it("records a first vote with its options, time and name", () => {
    const before = [poll()];
    const result = votePoll(before, vote("p1", ["o1"], "m1", 2_000, "Mei"));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state[0]?.ballots).toEqual({ m1: { options: ["o1"], at: 2_000, name: "Mei" } });
  });

  it("changes a vote: the ballot takes the new options, time and name", () => {
    const before = [poll({ ballots: { m1: ballot(["o0"], 1_500, "Mei") } })];
    const result = votePoll(before, vote("p1", ["o2"], "m1", 2_500, "Mei Li"));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state[0]?.ballots).toEqual({ m1: { options: ["o2"], at: 2_500, name: "Mei Li" } });
  });

  it("takes several options in a multiple-choice poll, and a change to fewer, more or other options", () => {
    const multiple = poll({ kind: "multiple", ballots: { m1: ballot(["o0", "o1"]) } });
    expect(votePoll([multiple], vote("p1", ["o0"], "m1")).state[0]?.ballots.m1?.options).toEqual(["o0"]);
    expect(votePoll([multiple], vote("p1", ["o0", "o1", "o2"], "m1")).state[0]?.ballots.m1?.options).toEqual(["o0", "o1", "o2"]);
    expect(votePoll([multiple], vote("p1", ["o0", "o2"], "m1")).state[0]?.ballots.m1?.options).toEqual(["o0", "o2"]);
    expect(votePoll([multiple], vote("p1", ["o2", "o1", "o0"], "m2")).outcome).toEqual({ applied: true });
  });

  it("changes only the voted poll and its one ballot; other polls and ballots keep their objects", () => {
    const earlier = poll({ id: "p1", closedAt: 1_200 });
    const current = poll({ id: "p2", ballots: { m1: ballot(["o0"]), m2: ballot(["o1"]) } });
    const before = [earlier, current];
    const result = votePoll(before, vote("p2", ["o2"], "m1"));
    expect(result.state[0]).toBe(earlier);
    expect(result.state[1]?.ballots.m2).toBe(current.ballots.m2);
    expect(result.state[1]?.options).toBe(current.options);
    expect(current.ballots.m1?.options).toEqual(["o0"]);
  });

  it("refuses an unknown poll with UNKNOWN_POLL", () => {
    const before = [poll()];
    expect(votePoll(before, vote("p9", ["o0"], "m1"))).toEqual({ state: before, outcome: declinedWith("UNKNOWN_POLL") });
  });

  it("refuses a vote on an open-text poll with UNKNOWN_OPTION, even when it is closed", () => {
    for (const words of [openText(), openText({ closedAt: 1_100 })]) {
      const before = [words];
      const result = votePoll(before, vote("p1", ["o0"], "m1"));
      expect(result.outcome).toEqual(declinedWith("UNKNOWN_OPTION"));
      expect(result.state).toBe(before);
    }
  });

  it("refuses a vote once the poll is closed, by the host or by its time limit, with POLL_CLOSED", () => {
    const byHost = [poll({ closedAt: 1_800 })];
    expect(votePoll(byHost, vote("p1", ["o0"], "m1", 2_000))).toEqual({ state: byHost, outcome: declinedWith("POLL_CLOSED") });
    const timed = [poll({ closesAt: 2_000 })];
    expect(votePoll(timed, vote("p1", ["o0"], "m1", 2_000)).outcome).toEqual(declinedWith("POLL_CLOSED"));
    expect(votePoll(timed, vote("p1", ["o0"], "m1", 1_999)).outcome).toEqual({ applied: true });
  });

  it("checks the poll is open before its options", () => {
    expect(votePoll([poll({ closedAt: 1_800 })], vote("p1", ["o9"], "m1")).outcome).toEqual(declinedWith("POLL_CLOSED"));
  });

  it("refuses an option the poll lacks, or one repeated, with UNKNOWN_OPTION", () => {
    const before = [poll({ kind: "multiple" })];
    for (const options of [["o3"], ["o0", "o9"], ["o0", "o0"], ["o1", "o2", "o1"], ["O0"], ["toString"]]) {
      const result = votePoll(before, vote("p1", options, "m1"));
      expect(result.outcome).toEqual(declinedWith("UNKNOWN_OPTION"));
      expect(result.state).toBe(before);
    }
  });

  it("checks the options before their number: a repeated option on a single-choice poll is UNKNOWN_OPTION", () => {
    expect(votePoll([poll()], vote("p1", ["o0", "o0"], "m1")).outcome).toEqual(declinedWith("UNKNOWN_OPTION"));
    expect(votePoll([poll()], vote("p1", ["o0", "o7"], "m1")).outcome).toEqual(declinedWith("UNKNOWN_OPTION"));
  });

  it("refuses more than one option in a single-choice poll or a quiz, and none in any, with INVALID_MESSAGE", () => {
    for (const kind of ["single", "quiz"] as const) {
      const before = [poll({ kind, correct: kind === "quiz" ? ["o0"] : [] })];
      const result = votePoll(before, vote("p1", ["o0", "o1"], "m1"));
      expect(result.outcome).toEqual(declinedWith("INVALID_MESSAGE"));
      expect(result.state).toBe(before);
    }
    for (const kind of ["single", "multiple"] as const) expect(votePoll([poll({ kind })], vote("p1", [], "m1")).outcome).toEqual(declinedWith("INVALID_MESSAGE"));
  });

  it("takes a first vote on a locked poll but refuses a change with VOTE_LOCKED, even to the same options", () => {
    const locked = [poll({ locked: true, ballots: { m1: ballot(["o0"]) } })];
    expect(votePoll(locked, vote("p1", ["o1"], "m2")).outcome).toEqual({ applied: true });
    for (const options of [["o1"], ["o0"]]) {
      const result = votePoll(locked, vote("p1", options, "m1"));
      expect(result.outcome).toEqual(declinedWith("VOTE_LOCKED"));
      expect(result.state).toBe(locked);
    }
  });

  it("checks the number of options before the lock", () => {
    const locked = [poll({ locked: true, ballots: { m1: ballot(["o0"]) } })];
    expect(votePoll(locked, vote("p1", ["o0", "o1"], "m1")).outcome).toEqual(declinedWith("INVALID_MESSAGE"));
  });

  it("changes nothing for the same options as the member's ballot, in any order", () => {
    const single = [poll({ ballots: { m1: ballot(["o1"]) } })];
    expect(votePoll(single, vote("p1", ["o1"], "m1"))).toEqual({ state: single, outcome: declinedWith("NOTHING_TO_CHANGE") });
    const multiple = [poll({ kind: "multiple", ballots: { m1: ballot(["o0", "o2"]) } })];
    const result = votePoll(multiple, vote("p1", ["o2", "o0"], "m1"));
    expect(result.outcome).toEqual(declinedWith("NOTHING_TO_CHANGE"));
    expect(result.state).toBe(multiple);
  });

  it("reads ballots as the member's own, never the record's prototype", () => {
    const locked = [poll({ locked: true })];
    for (const memberId of ["toString", "__proto__", "constructor"]) {
      const result = votePoll(locked, vote("p1", ["o0"], memberId));
      expect(result.outcome).toEqual({ applied: true });
      const ballots = result.state[0]?.ballots ?? {};
      expect(Object.hasOwn(ballots, memberId)).toBe(true);
      expect(Object.getPrototypeOf(ballots)).toBe(Object.prototype);
      expect(tally(result.state[0] as Poll)).toEqual({ o0: 1, o1: 0, o2: 0 });
    }
  });
});

describe("answerPoll", () => {
  it("records an answer with its time and name, and takes a changed one", () => {
    const first = answerPoll([openText()], answer("p1", "Curious", "m1", 2_000, "Mei"));
    expect(first.outcome).toEqual({ applied: true });
    expect(first.state[0]?.answers).toEqual({ m1: { text: "Curious", at: 2_000, name: "Mei" } });
    const changed = answerPoll(first.state, answer("p1", "好奇", "m1", 2_600, "Mei Li"));
    expect(changed.outcome).toEqual({ applied: true });
    expect(changed.state[0]?.answers).toEqual({ m1: { text: "好奇", at: 2_600, name: "Mei Li" } });
  });

  it("keeps the other answers' objects", () => {
    const before = [openText({ answers: { m2: { text: "Calm", at: 1_200, name: "Bo" } } })];
    const result = answerPoll(before, answer("p1", "Bright", "m1"));
    expect(result.state[0]?.answers.m2).toBe(before[0]?.answers.m2);
    expect(Object.keys(result.state[0]?.answers ?? {})).toEqual(["m2", "m1"]);
  });

  it("refuses an unknown poll with UNKNOWN_POLL", () => {
    const before = [openText()];
    expect(answerPoll(before, answer("p2", "Hi", "m1"))).toEqual({ state: before, outcome: declinedWith("UNKNOWN_POLL") });
  });

  it("refuses a text answer to a choice poll with UNKNOWN_OPTION, even when it is closed", () => {
    for (const kind of ["single", "multiple", "quiz"] as const) {
      const before = [poll({ kind, closedAt: 1_100 })];
      expect(answerPoll(before, answer("p1", "Hi", "m1"))).toEqual({ state: before, outcome: declinedWith("UNKNOWN_OPTION") });
    }
  });

  it("refuses an answer once the poll is closed, by the host or by its time limit, with POLL_CLOSED", () => {
    expect(answerPoll([openText({ closedAt: 1_500, locked: true, answers: { m1: { text: "Hi", at: 1_200, name: "M" } } })], answer("p1", "Hi", "m1")).outcome).toEqual(
      declinedWith("POLL_CLOSED"),
    );
    const timed = [openText({ closesAt: 2_000 })];
    expect(answerPoll(timed, answer("p1", "Hi", "m1", 2_000)).outcome).toEqual(declinedWith("POLL_CLOSED"));
    expect(answerPoll(timed, answer("p1", "Hi", "m1", 1_999)).outcome).toEqual({ applied: true });
  });

  it("takes a first answer on a locked poll but refuses a change with VOTE_LOCKED, even to the same text", () => {
    const locked = [openText({ locked: true, answers: { m1: { text: "Hi", at: 1_200, name: "M" } } })];
    expect(answerPoll(locked, answer("p1", "Hello", "m2")).outcome).toEqual({ applied: true });
    expect(answerPoll(locked, answer("p1", "Hello", "m1"))).toEqual({ state: locked, outcome: declinedWith("VOTE_LOCKED") });
    expect(answerPoll(locked, answer("p1", "Hi", "m1")).outcome).toEqual(declinedWith("VOTE_LOCKED"));
    expect(answerPoll(locked, answer("p1", "Hi", "toString")).outcome).toEqual({ applied: true });
  });

  it("changes nothing for the same text", () => {
    const before = [openText({ answers: { m1: { text: "Hi", at: 1_200, name: "M" } } })];
    expect(answerPoll(before, answer("p1", "Hi", "m1"))).toEqual({ state: before, outcome: declinedWith("NOTHING_TO_CHANGE") });
    expect(answerPoll(before, answer("p1", "hi", "m1")).outcome).toEqual({ applied: true });
  });
});

describe("closePoll", () => {
  it("closes a running poll now, leaving the others", () => {
    const earlier = poll({ id: "p1", closedAt: 1_100 });
    const result = closePoll([earlier, poll({ id: "p2" })], close("p2", 3_000));
    expect(result.outcome).toEqual({ applied: true });
    expect(result.state[1]?.closedAt).toBe(3_000);
    expect(result.state[0]).toBe(earlier);
  });

  it("closes a timed poll before its limit", () => {
    expect(closePoll([poll({ closesAt: 3_001 })], close("p1", 3_000)).state[0]?.closedAt).toBe(3_000);
  });

  it("changes nothing for a poll closed already, by the host or by its time (which keeps closedAt null)", () => {
    for (const closed of [poll({ closedAt: 2_000 }), poll({ closesAt: 3_000 })]) {
      const before = [closed];
      expect(closePoll(before, close("p1", 3_000))).toEqual({ state: before, outcome: declinedWith("NOTHING_TO_CHANGE") });
    }
  });

  it("refuses an unknown poll with UNKNOWN_POLL", () => {
    const before = [poll()];
    expect(closePoll(before, close("p2"))).toEqual({ state: before, outcome: declinedWith("UNKNOWN_POLL") });
  });
});

describe("lockPoll and showPollResults", () => {
  it("lock and unlock a poll", () => {
    const locked = lockPoll([poll()], lock("p1", true));
    expect(locked.outcome).toEqual({ applied: true });
    expect(locked.state[0]?.locked).toBe(true);
    expect(lockPoll(locked.state, lock("p1", false)).state[0]?.locked).toBe(false);
  });

  it("show and hide the results", () => {
    const shown = showPollResults([poll()], show("p1", true));
    expect(shown.outcome).toEqual({ applied: true });
    expect(shown.state[0]?.resultsShown).toBe(true);
    expect(showPollResults(shown.state, show("p1", false)).state[0]?.resultsShown).toBe(false);
  });

  it("change nothing for the value in force", () => {
    const plain = [poll()];
    expect(lockPoll(plain, lock("p1", false))).toEqual({ state: plain, outcome: declinedWith("NOTHING_TO_CHANGE") });
    expect(showPollResults(plain, show("p1", false))).toEqual({ state: plain, outcome: declinedWith("NOTHING_TO_CHANGE") });
    const set = [poll({ locked: true, resultsShown: true })];
    expect(lockPoll(set, lock("p1", true)).state).toBe(set);
    expect(showPollResults(set, show("p1", true)).outcome).toEqual(declinedWith("NOTHING_TO_CHANGE"));
  });

  it("refuse an unknown poll with UNKNOWN_POLL", () => {
    const before = [poll()];
    expect(lockPoll(before, lock("p2", true))).toEqual({ state: before, outcome: declinedWith("UNKNOWN_POLL") });
    expect(showPollResults(before, show("p2", true))).toEqual({ state: before, outcome: declinedWith("UNKNOWN_POLL") });
  });
});

describe("hidePollWord", () => {
  it("hides a word as the cloud counts it (NFKC, lower-cased), and shows it again", () => {
    const hidden = hidePollWord([openText()], hideWord("p1", "ＡＩ"));
    expect(hidden.outcome).toEqual({ applied: true });
    expect(hidden.state[0]?.hiddenWords).toEqual(["ai"]);
    const more = hidePollWord(hidden.state, hideWord("p1", "教育"));
    expect(more.state[0]?.hiddenWords).toEqual(["ai", "教育"]);
    const shown = hidePollWord(more.state, hideWord("p1", "Ai", false));
    expect(shown.outcome).toEqual({ applied: true });
    expect(shown.state[0]?.hiddenWords).toEqual(["教育"]);
  });

  it("takes the first word of a phrase, and lower-cases a word the cloud never counts", () => {
    expect(hidePollWord([openText()], hideWord("p1", "人工智能")).state[0]?.hiddenWords).toEqual(["人工"]);
    expect(hidePollWord([openText()], hideWord("p1", "The")).state[0]?.hiddenWords).toEqual(["the"]);
  });

  it("changes nothing for a word already in that state", () => {
    const before = [openText({ hiddenWords: ["ai"] })];
    expect(hidePollWord(before, hideWord("p1", "AI"))).toEqual({ state: before, outcome: declinedWith("NOTHING_TO_CHANGE") });
    expect(hidePollWord(before, hideWord("p1", "tea", false))).toEqual({ state: before, outcome: declinedWith("NOTHING_TO_CHANGE") });
  });

  it("refuses an unknown poll with UNKNOWN_POLL and a choice poll with UNKNOWN_OPTION", () => {
    const before = [poll({ id: "p1" })];
    expect(hidePollWord(before, hideWord("p2", "ai"))).toEqual({ state: before, outcome: declinedWith("UNKNOWN_POLL") });
    expect(hidePollWord(before, hideWord("p1", "ai"))).toEqual({ state: before, outcome: declinedWith("UNKNOWN_OPTION") });
  });
});

describe("tally", () => {
  it("counts each option's ballots, every option present", () => {
    const multiple = poll({
      kind: "multiple",
      ballots: { a: ballot(["o0", "o2"]), b: ballot(["o2"]), c: ballot(["o2", "o0"]) },
    });
    expect(tally(multiple)).toEqual({ o0: 2, o1: 0, o2: 3 });
    expect(tally(poll())).toEqual({ o0: 0, o1: 0, o2: 0 });
  });

  it("counts nothing for an option id the poll does not have", () => {
    expect(tally(poll({ ballots: { a: ballot(["o9"]), b: ballot(["toString"]), c: ballot(["o1"]) } }))).toEqual({ o0: 0, o1: 1, o2: 0 });
  });
});

describe("quizPoints", () => {
  const quiz = (parts: Partial<Poll> = {}) => poll({ kind: "quiz", correct: ["o1"], openedAt: 1_000, closesAt: 11_000, ...parts });

  it("gives nothing for a wrong answer, however fast", () => {
    expect(quizPoints(quiz(), ballot(["o0"], 1_000))).toBe(0);
    expect(quizPoints(quiz(), ballot(["o0", "o1"], 1_000))).toBe(0);
    expect(quizPoints(quiz(), ballot(["o1", "o0"], 1_000))).toBe(0);
    expect(quizPoints(quiz(), ballot([], 1_000))).toBe(0);
    expect(quizPoints(poll({ kind: "single" }), ballot(["o1"], 1_000))).toBe(0);
  });

  it("gives 1000 for an instant right answer and 500 at the end of the window, in between by how soon", () => {
    expect(quizPoints(quiz(), ballot(["o1"], 1_000))).toBe(1_000);
    expect(quizPoints(quiz(), ballot(["o1"], 3_000))).toBe(900);
    expect(quizPoints(quiz(), ballot(["o1"], 6_000))).toBe(750);
    expect(quizPoints(quiz(), ballot(["o1"], 11_000))).toBe(500);
  });

  it("rounds the bonus to the nearest point, halves up", () => {
    // 500 × (1 − 10/10000) = 499.5 → 500; 500 × (1 − 11/10000) = 499.45 → 499; 500 × (1 − 9990/10000) = 0.5 → 1.
    expect(quizPoints(quiz(), ballot(["o1"], 1_010))).toBe(1_000);
    expect(quizPoints(quiz(), ballot(["o1"], 1_011))).toBe(999);
    expect(quizPoints(quiz(), ballot(["o1"], 10_990))).toBe(501);
    expect(quizPoints(quiz(), ballot(["o1"], 10_991))).toBe(500);
  });

  it("keeps the bonus within 0..500 for a ballot outside the window", () => {
    expect(quizPoints(quiz(), ballot(["o1"], 20_000))).toBe(500);
    expect(quizPoints(quiz(), ballot(["o1"], 500))).toBe(1_000);
  });

  it("scores a quiz without a time limit over the default window", () => {
    const open = quiz({ closesAt: null });
    expect(quizPoints(open, ballot(["o1"], 1_000 + QUIZ_DEFAULT_WINDOW_MS / 2))).toBe(750);
    expect(quizPoints(open, ballot(["o1"], 1_000 + QUIZ_DEFAULT_WINDOW_MS))).toBe(500);
    expect(quizPoints(open, ballot(["o1"], 1_000 + QUIZ_DEFAULT_WINDOW_MS / 5))).toBe(900);
  });
});

describe("quizLeaderboard", () => {
  /** A quiz opened at `openedAt` without a limit (30 s window), correct answer o1, closed by the host at `closedAt`. */
  const quiz = (id: string, openedAt: number, ballots: Record<string, Ballot>, closedAt: number | null = openedAt + 60_000) =>
    poll({ id, kind: "quiz", correct: ["o1"], openedAt, closedAt, ballots });

  it("sums each member's points over the closed quizzes, best first", () => {
    const polls = [
      quiz("p1", 0, { a: ballot(["o1"], 0, "Ann"), b: ballot(["o1"], 15_000, "Bo"), c: ballot(["o0"], 0, "Cy") }),
      quiz("p2", 100_000, { b: ballot(["o1"], 100_000, "Bo"), c: ballot(["o1"], 130_000, "Cy") }),
    ];
    expect(quizLeaderboard(polls, 1e9, 10)).toEqual([
      { memberId: "b", name: "Bo", points: 1_750 },
      { memberId: "a", name: "Ann", points: 1_000 },
      { memberId: "c", name: "Cy", points: 500 },
    ]);
  });

  it("counts a quiz only once it is closed: by the host, or by its time at `now`", () => {
    const running = quiz("p1", 0, { a: ballot(["o1"], 0, "Ann") }, null);
    expect(quizLeaderboard([running], 1e9, 10)).toEqual([]);
    const timed = poll({ id: "p2", kind: "quiz", correct: ["o1"], openedAt: 0, closesAt: 10_000, ballots: { a: ballot(["o1"], 0, "Ann") } });
    expect(quizLeaderboard([timed], 9_999, 10)).toEqual([]);
    expect(quizLeaderboard([timed], 10_000, 10)).toEqual([{ memberId: "a", name: "Ann", points: 1_000 }]);
  });

  it("leaves out polls that are not quizzes and members without a point", () => {
    const single = poll({ id: "p1", kind: "single", correct: ["o1"], closedAt: 5_000, ballots: { a: ballot(["o1"], 1_000, "Ann") } });
    const wrong = quiz("p2", 0, { b: ballot(["o0"], 0, "Bo") });
    expect(quizLeaderboard([single, wrong], 1e9, 10)).toEqual([]);
  });

  it("names each member by their latest ballot", () => {
    const polls = [quiz("p1", 0, { a: ballot(["o1"], 0, "Old") }), quiz("p2", 100_000, { a: ballot(["o0"], 100_000, "New") }), quiz("p3", 50_000, { a: ballot(["o1"], 50_000, "Middle") })];
    expect(quizLeaderboard(polls, 1e9, 10)).toEqual([{ memberId: "a", name: "New", points: 2_000 }]);
  });

  it("of two ballots cast at the same moment, names the member by the later quiz's", () => {
    const polls = [quiz("p1", 0, { a: ballot(["o1"], 10_000, "Old") }), quiz("p2", 0, { a: ballot(["o0"], 10_000, "New") })];
    expect(quizLeaderboard(polls, 1e9, 10)).toEqual([{ memberId: "a", name: "New", points: 833 }]);
  });

  it("breaks a tie by the earlier latest right answer", () => {
    // Both reach 1500: a's right answers at 0 and 130 000, b's at 30 000 and 100 000 (b's wrong one at 200 000 does not count).
    const polls = [
      quiz("p1", 0, { a: ballot(["o1"], 0, "Ann"), b: ballot(["o1"], 30_000, "Bo") }),
      quiz("p2", 100_000, { a: ballot(["o1"], 130_000, "Ann"), b: ballot(["o1"], 100_000, "Bo") }),
      quiz("p3", 200_000, { b: ballot(["o0"], 200_000, "Bo") }),
    ];
    expect(quizLeaderboard(polls, 1e9, 10).map((e) => [e.memberId, e.points])).toEqual([
      ["b", 1_500],
      ["a", 1_500],
    ]);
  });

  it("then by name in Chinese order (Chinese names by pinyin, before Latin ones), then by member id", () => {
    const polls = [
      quiz("p1", 0, {
        z: ballot(["o1"], 0, "张"),
        l: ballot(["o1"], 0, "李"),
        y3: ballot(["o1"], 0, "Yu"),
        y1: ballot(["o1"], 0, "Yu"),
        y4: ballot(["o1"], 0, "Yu"),
        y2: ballot(["o1"], 0, "Yu"),
      }),
    ];
    expect(quizLeaderboard(polls, 1e9, 10).map((e) => e.memberId)).toEqual(["l", "z", "y1", "y2", "y3", "y4"]);
  });

  it("keeps at most `size` entries", () => {
    const ballots = Object.fromEntries(["a", "b", "c", "d"].map((id, i) => [id, ballot(["o1"], i * 3_000, id)]));
    const polls = [quiz("p1", 0, ballots)];
    expect(quizLeaderboard(polls, 1e9, 2).map((e) => e.memberId)).toEqual(["a", "b"]);
    expect(quizLeaderboard(polls, 1e9, 4)).toHaveLength(4);
    expect(quizLeaderboard(polls, 1e9, 0)).toEqual([]);
  });
});

describe("polls in the session's order", () => {
  const entry = (seq: number, kind: SessionCommandKind, detail: object, at: number, memberId = "host"): SessionCommand =>
    ({ kind, detail, seq, at, memberId }) as SessionCommand;

  it("a quiz opened, voted, closed by a newer poll and scored, replayed from its log", () => {
    const state = replaySession([
      entry(1, "pollOpened", detail({ kind: "quiz", options: ["3", "4"], correct: [1], durationMs: 10_000 }), 1_000),
      entry(2, "pollVoted", { pollId: "p1", options: ["o1"], name: "Ann" }, 3_000, "a"),
      entry(3, "pollVoted", { pollId: "p1", options: ["o0"], name: "Bo" }, 2_000, "b"),
      entry(4, "pollOpened", detail({ kind: "open", options: [] }), 5_000),
      entry(5, "pollVoted", { pollId: "p1", options: ["o1"], name: "Bo" }, 5_500, "b"),
    ]);
    expect(state.polls.map((p) => [p.id, p.closedAt])).toEqual([
      ["p1", 5_000],
      ["p4", null],
    ]);
    expect(quizLeaderboard(state.polls, 6_000, 10)).toEqual([{ memberId: "a", name: "Ann", points: 900 }]);
  });
});

// ── Properties ───────────────────────────────────────────────────────────────

type PollAction = { kind: "vote"; member: number; options: number[] } | { kind: "lock"; locked: boolean };

const pollAction: fc.Arbitrary<PollAction> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("vote" as const), member: fc.nat(6), options: fc.array(fc.nat(4), { maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("lock" as const), locked: fc.boolean() }) },
);

describe("votes (properties)", () => {
  it("each option's tally is the members whose current ballot holds it, and the voters are the members who voted", () => {
    fc.assert(
      fc.property(fc.constantFrom("single" as const, "multiple" as const, "quiz" as const), fc.integer({ min: 2, max: 4 }), fc.array(pollAction, { maxLength: 50 }), (kind, size, actions) => {
        const options = Array.from({ length: size }, (_, i) => `Option ${i}`);
        let polls = openPoll([], opened({ kind, options, correct: kind === "quiz" ? [0] : [] }, 1, 0)).state;
        // A model of what each member chose last, kept apart from the rule: member → option ids.
        const current = new Map<string, Set<string>>();
        let locked = false;
        for (const [i, action] of actions.entries()) {
          if (action.kind === "lock") {
            const result = lockPoll(polls, lock("p1", action.locked));
            expect(result.outcome.applied).toBe(action.locked !== locked);
            locked = action.locked;
            polls = result.state;
            continue;
          }
          const memberId = `m${action.member}`;
          const ids = action.options.map((n) => `o${n}`);
          const result = votePoll(polls, vote("p1", ids, memberId, 1 + i));
          const unknown = new Set(ids).size < ids.length || action.options.some((n) => n >= size);
          const had = current.get(memberId);
          const expected = unknown
            ? "UNKNOWN_OPTION"
            : ids.length === 0 || (kind !== "multiple" && ids.length > 1)
              ? "INVALID_MESSAGE"
              : had !== undefined && locked
                ? "VOTE_LOCKED"
                : had !== undefined && had.size === ids.length && ids.every((id) => had.has(id))
                  ? "NOTHING_TO_CHANGE"
                  : null;
          expect(result.outcome).toEqual(expected === null ? { applied: true } : declinedWith(expected));
          if (expected === null) current.set(memberId, new Set(ids));
          else expect(result.state).toBe(polls);
          polls = result.state;
        }
        const counts = tally(polls[0] as Poll);
        for (let n = 0; n < size; n++) expect(counts[`o${n}`]).toBe([...current.values()].filter((chosen) => chosen.has(`o${n}`)).length);
        expect(Object.keys(counts)).toHaveLength(size);
        expect(Object.keys(polls[0]?.ballots ?? {}).sort()).toEqual([...current.keys()].sort());
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe([...current.values()].reduce((sum, chosen) => sum + chosen.size, 0));
      }),
    );
  });

  it("a quiz's points are within 500..1000 when right, 0 when wrong, and never grow with a later answer", () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.option(fc.integer({ min: 1, max: 3_600_000 }), { nil: null }), fc.nat(4_000_000), fc.nat(4_000_000), (openedAt, limit, d1, d2) => {
        const quiz = poll({ kind: "quiz", correct: ["o1"], openedAt, closesAt: limit === null ? null : openedAt + limit });
        const [early, late] = [Math.min(d1, d2), Math.max(d1, d2)].map((d) => quizPoints(quiz, ballot(["o1"], openedAt + d)));
        expect(early).toBeGreaterThanOrEqual(late as number);
        expect(late).toBeGreaterThanOrEqual(500);
        expect(early).toBeLessThanOrEqual(1_000);
        expect(Number.isInteger(early)).toBe(true);
        expect(quizPoints(quiz, ballot(["o0"], openedAt + d1))).toBe(0);
      }),
    );
  });
});
