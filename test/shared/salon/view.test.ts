import { describe, expect, it } from "vitest";
import { INITIAL_SESSION_STATE, type SessionState } from "../../../shared/rules/session.js";
import { hostView, mineView, publicView } from "../../../shared/rules/salon/view.js";
import {
  PAST_POLLS_SHOWN,
  type Ballot,
  type CheckIn,
  type Debate,
  type Poll,
  type Question,
  type SalonState,
} from "../../../shared/rules/salon/types.js";

// States are written out as plain objects (as the rules would leave them), so each view rule is checked alone.

const ballot = (options: string[], at: number, name = "Someone"): Ballot => ({ options, at, name });

function poll(fields: Partial<Poll> & Pick<Poll, "id">): Poll {
  return {
    kind: "single",
    question: "Which tree?",
    options: [
      { id: "o0", text: "Oak" },
      { id: "o1", text: "Pine" },
      { id: "o2", text: "Ginkgo" },
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
    ...fields,
  };
}

function question(fields: Partial<Question> & Pick<Question, "id" | "authorId">): Question {
  return {
    text: `Question ${fields.id}`,
    authorName: `Name of ${fields.authorId}`,
    anonymous: false,
    at: 1_000,
    upvoters: [],
    pinned: false,
    answered: false,
    hidden: false,
    ...fields,
  };
}

const state = (salon: Partial<SalonState>): SessionState => ({ ...INITIAL_SESSION_STATE, seq: 99, ...salon });

const VOTES: Poll["ballots"] = { m1: ballot(["o0"], 2_000), m2: ballot(["o1"], 2_100), m3: ballot(["o1"], 2_200) };

describe("publicView: stage and the basics", () => {
  it("shows the server's clock, the stage (queue in order, names only), and nothing else before anything happens", () => {
    const view = publicView(
      state({
        stage: {
          queue: [
            { memberId: "m2", name: "Lin", at: 10 },
            { memberId: "m1", name: "Ada", at: 20 },
          ],
          speakers: [{ memberId: "m3", name: "Kai", since: 5 }],
          speakerLimit: 2,
        },
      }),
      4_242,
    );
    expect(view).toEqual({
      serverNow: 4_242,
      stage: {
        speakers: [{ memberId: "m3", name: "Kai", since: 5 }],
        queue: [
          { memberId: "m2", name: "Lin" },
          { memberId: "m1", name: "Ada" },
        ],
        speakerLimit: 2,
      },
      poll: null,
      pastPolls: [],
      leaderboard: [],
      debate: null,
      questions: [],
      hiddenQuestions: 0,
      experts: [],
      checkIn: null,
      screen: null,
    });
  });

  it("shows the experts and the screen as they are", () => {
    const screen = { url: "/assets/intro.mp4", setAt: 1, playing: true, position: 3, at: 2 };
    const view = publicView(state({ qa: { questions: [], experts: { m1: "Ada", m2: "Lin" } }, screen }), 10);
    expect(view.experts).toEqual([
      { memberId: "m1", name: "Ada" },
      { memberId: "m2", name: "Lin" },
    ]);
    expect(view.screen).toEqual(screen);
  });
});

describe("publicView and hostView: polls", () => {
  it("hides the counts from members while the poll is open and its results are not shown; hosts see them", () => {
    const s = state({ polls: [poll({ id: "p1", ballots: VOTES })] });
    const member = publicView(s, 5_000).poll;
    expect(member?.options).toEqual([
      { id: "o0", text: "Oak", votes: null },
      { id: "o1", text: "Pine", votes: null },
      { id: "o2", text: "Ginkgo", votes: null },
    ]);
    expect(member).toMatchObject({ id: "p1", open: true, voters: 3, resultsShown: false, correct: null, words: null });
    const host = hostView(s, 5_000).poll;
    expect(host?.options.map((o) => o.votes)).toEqual([1, 2, 0]);
    expect(host).toMatchObject({ id: "p1", open: true, voters: 3, hiddenWords: [] });
  });

  it("shows members the counts while open once the host shows the results", () => {
    const s = state({ polls: [poll({ id: "p1", ballots: VOTES, resultsShown: true })] });
    expect(publicView(s, 5_000).poll?.options.map((o) => o.votes)).toEqual([1, 2, 0]);
  });

  it("shows everyone the counts once the host closed the poll", () => {
    const s = state({ polls: [poll({ id: "p1", ballots: VOTES, closedAt: 4_000 })] });
    const view = publicView(s, 5_000).poll;
    expect(view?.open).toBe(false);
    expect(view?.options.map((o) => o.votes)).toEqual([1, 2, 0]);
  });

  it("shows the counts once the time limit has passed, from that very moment, for the same state", () => {
    const s = state({ polls: [poll({ id: "p1", ballots: VOTES, closesAt: 9_000 })] });
    const before = publicView(s, 8_999).poll;
    expect(before).toMatchObject({ open: true, closesAt: 9_000 });
    expect(before?.options.map((o) => o.votes)).toEqual([null, null, null]);
    const after = publicView(s, 9_000).poll;
    expect(after?.open).toBe(false);
    expect(after?.options.map((o) => o.votes)).toEqual([1, 2, 0]);
    // And back: a view asked for an earlier moment (a clock read twice) is not stuck on the later one.
    expect(publicView(s, 8_000).poll?.options.map((o) => o.votes)).toEqual([null, null, null]);
  });

  it("counts every option chosen on a multiple-choice ballot", () => {
    const s = state({ polls: [poll({ id: "p1", kind: "multiple", ballots: { m1: ballot(["o0", "o2"], 2_000), m2: ballot(["o2"], 2_000) }, closedAt: 3_000 })] });
    expect(publicView(s, 5_000).poll).toMatchObject({ voters: 2, options: [{ votes: 1 }, { votes: 0 }, { votes: 2 }] });
  });

  it("gives a quiz's correct answer only once it is closed, to hosts too", () => {
    const quiz = poll({ id: "p1", kind: "quiz", correct: ["o2"], ballots: VOTES, closesAt: 31_000 });
    const open = state({ polls: [quiz] });
    expect(publicView(open, 5_000).poll?.correct).toBeNull();
    expect(hostView(open, 5_000).poll?.correct).toBeNull();
    expect(JSON.stringify(publicView(open, 5_000))).not.toContain("o2\"]");
    expect(publicView(open, 31_000).poll?.correct).toEqual(["o2"]);
    const closed = state({ polls: [{ ...quiz, closedAt: 6_000 }] });
    expect(publicView(closed, 6_000).poll?.correct).toEqual(["o2"]);
    expect(hostView(closed, 6_000).poll?.correct).toEqual(["o2"]);
  });

  it("has no correct answer for other kinds, even closed", () => {
    const s = state({ polls: [poll({ id: "p1", closedAt: 2_000 })] });
    expect(publicView(s, 5_000).poll?.correct).toBeNull();
  });

  it("keeps the poll's times, lock and results flag", () => {
    const s = state({ polls: [poll({ id: "p4", openedAt: 1_234, closesAt: 61_234, locked: true, resultsShown: true })] });
    expect(publicView(s, 2_000).poll).toMatchObject({ id: "p4", kind: "single", question: "Which tree?", openedAt: 1_234, closesAt: 61_234, locked: true, resultsShown: true });
  });

  it("shows an open-text poll's word cloud like counts: hidden from members while open, hidden words left out", () => {
    const words = poll({
      id: "p1",
      kind: "open",
      options: [],
      answers: {
        m1: { text: "Trees and rain", at: 2_000, name: "Ada" },
        m2: { text: "rain, more rain", at: 2_000, name: "Lin" },
        m3: { text: "树 trees", at: 2_000, name: "Kai" },
      },
      hiddenWords: ["trees"],
    });
    const open = state({ polls: [words] });
    expect(publicView(open, 5_000).poll).toMatchObject({ voters: 3, options: [], words: null });
    const host = hostView(open, 5_000).poll;
    // "trees" (hidden) is out; "and" is a stop word; "rain" counts once per answer.
    expect(host?.words?.[0]).toEqual({ word: "rain", count: 2 });
    expect(host?.words).toHaveLength(3);
    expect(host?.words).toEqual(expect.arrayContaining([{ word: "more", count: 1 }, { word: "树", count: 1 }]));
    expect(host?.hiddenWords).toEqual(["trees"]);
    const shown = state({ polls: [{ ...words, resultsShown: true }] });
    expect(publicView(shown, 5_000).poll?.words).toEqual(host?.words);
    const closed = state({ polls: [{ ...words, closedAt: 3_000 }] });
    expect(publicView(closed, 5_000).poll?.words?.[0]).toEqual({ word: "rain", count: 2 });
    // Members never see which words the host hid.
    expect(JSON.stringify(publicView(open, 5_000))).not.toContain("trees");
  });

  it("has no word cloud for a choice poll", () => {
    const s = state({ polls: [poll({ id: "p1", ballots: VOTES, closedAt: 2_000 })] });
    expect(publicView(s, 5_000).poll?.words).toBeNull();
    expect(hostView(s, 5_000).poll?.words).toBeNull();
  });

  it("lists earlier polls newest first with their results, at most PAST_POLLS_SHOWN, the latest not among them", () => {
    const polls = Array.from({ length: PAST_POLLS_SHOWN + 3 }, (_, i) => poll({ id: `p${i + 1}`, ballots: VOTES, openedAt: i * 100, closedAt: i * 100 + 50 }));
    const latest = poll({ id: "p99", openedAt: 9_000 });
    const view = publicView(state({ polls: [...polls, latest] }), 10_000);
    expect(view.poll?.id).toBe("p99");
    expect(view.pastPolls.map((p) => p.id)).toEqual(Array.from({ length: PAST_POLLS_SHOWN }, (_, i) => `p${PAST_POLLS_SHOWN + 3 - i}`));
    expect(view.pastPolls.every((p) => !p.open && p.options[1]?.votes === 2)).toBe(true);
    expect(publicView(state({ polls: [latest] }), 10_000).pastPolls).toEqual([]);
    expect(publicView(state({ polls: polls.slice(0, 3) }), 10_000).pastPolls.map((p) => p.id)).toEqual(["p2", "p1"]);
  });

  it("has no poll for hosts before the first", () => {
    expect(hostView(state({}), 1).poll).toBeNull();
  });
});

describe("publicView: the quiz leaderboard", () => {
  const quiz = (id: string, openedAt: number, closesAt: number, ballots: Poll["ballots"]): Poll =>
    poll({ id, kind: "quiz", correct: ["o1"], openedAt, closesAt, ballots });

  it("counts a quiz once it is closed, and only then", () => {
    const s = state({
      polls: [
        quiz("p1", 0, 10_000, { m1: ballot(["o1"], 0, "Ada"), m2: ballot(["o1"], 5_000, "Lin"), m3: ballot(["o0"], 0, "Kai") }),
        quiz("p2", 20_000, 30_000, { m2: ballot(["o1"], 20_000, "Lin") }),
      ],
    });
    expect(publicView(s, 5_000).leaderboard).toEqual([]);
    expect(publicView(s, 10_000).leaderboard).toEqual([
      { memberId: "m1", name: "Ada", points: 1000 },
      { memberId: "m2", name: "Lin", points: 750 },
    ]);
    expect(publicView(s, 30_000).leaderboard).toEqual([
      { memberId: "m2", name: "Lin", points: 750 + 1000 },
      { memberId: "m1", name: "Ada", points: 1000 },
    ]);
    // The same state asked about an earlier moment again.
    expect(publicView(s, 10_000).leaderboard[0]?.memberId).toBe("m1");
  });
});

describe("publicView: debate and check-in", () => {
  const debate = (id: string, fields: Partial<Debate> = {}): Debate => ({
    id,
    motion: "Cities need more trees",
    sides: ["For", "Against"],
    phase: "after",
    openedAt: 0,
    before: { m1: 0, m2: 1 },
    after: { m1: 0, m2: 0, m3: 1, m4: 0 },
    ...fields,
  });

  it("shows the latest debate with its counts and swing", () => {
    const view = publicView(state({ debates: [debate("d1", { phase: "closed" }), debate("d5")] }), 10);
    expect(view.debate).toEqual({ id: "d5", motion: "Cities need more trees", sides: ["For", "Against"], phase: "after", before: [1, 1], after: [3, 1], swing: 25 });
  });

  it("shows the open (or last) check-in with how many checked in", () => {
    const answers: CheckIn["answers"] = {
      m1: { name: "Ada", text: "Hi", at: 3_000, streak: 2 },
      m2: { name: "Lin", text: "你好", at: 4_000, streak: 1 },
    };
    const checkIns: CheckIn[] = [
      { id: "c1", prompt: "Old", openedAt: 0, closedAt: 1_000, answers: {} },
      { id: "c7", prompt: "今天学到了什么？", openedAt: 2_000, closedAt: null, answers },
    ];
    expect(publicView(state({ checkIns }), 5_000).checkIn).toEqual({ id: "c7", prompt: "今天学到了什么？", open: true, openedAt: 2_000, count: 2 });
    const closed = [checkIns[0] as CheckIn, { ...(checkIns[1] as CheckIn), closedAt: 4_500 }];
    expect(publicView(state({ checkIns: closed }), 5_000).checkIn).toMatchObject({ id: "c7", open: false, count: 2 });
  });
});

describe("hostView: check-in answers", () => {
  it("lists the open (or last) check-in's answers newest first, with who gave them; none without a check-in", () => {
    const checkIns: CheckIn[] = [
      { id: "c1", prompt: "Old", openedAt: 0, closedAt: 1_000, answers: { m9: { name: "Old", text: "x", at: 500, streak: 1 } } },
      {
        id: "c2",
        prompt: "Now",
        openedAt: 2_000,
        closedAt: null,
        answers: {
          m1: { name: "Ada", text: "first", at: 3_000, streak: 2 },
          m3: { name: "Kai", text: "third", at: 5_000, streak: 1 },
          m2: { name: "Lin", text: "second", at: 4_000, streak: 3 },
        },
      },
    ];
    expect(hostView(state({ checkIns }), 6_000).checkInAnswers).toEqual([
      { memberId: "m3", name: "Kai", text: "third", at: 5_000, streak: 1 },
      { memberId: "m2", name: "Lin", text: "second", at: 4_000, streak: 3 },
      { memberId: "m1", name: "Ada", text: "first", at: 3_000, streak: 2 },
    ]);
    expect(hostView(state({}), 6_000).checkInAnswers).toEqual([]);
  });
});

describe("questions: visibility and anonymity", () => {
  const qa: SalonState["qa"] = {
    experts: {},
    questions: [
      question({ id: "q1", authorId: "m1", at: 1_000, upvoters: ["m2"] }),
      question({ id: "q2", authorId: "secret-member", authorName: "Hidden Name", anonymous: true, at: 2_000, upvoters: ["m1", "m2", "m3"] }),
      question({ id: "q3", authorId: "m3", at: 3_000, hidden: true, upvoters: ["m1", "m2", "m3", "m4"] }),
      question({ id: "q4", authorId: "m2", at: 4_000, pinned: true }),
      question({ id: "q5", authorId: "m4", at: 5_000, answered: true, upvoters: ["m1", "m2", "m3", "m4", "m5"] }),
    ],
  };
  const s = state({ qa });

  it("lists visible questions sorted (pinned, unanswered, upvotes, newest), hidden ones only counted", () => {
    const view = publicView(s, 10_000);
    expect(view.questions.map((q) => q.id)).toEqual(["q4", "q2", "q1", "q5"]);
    expect(view.hiddenQuestions).toBe(1);
    expect(view.questions[1]).toEqual({ id: "q2", text: "Question q2", authorName: null, at: 2_000, votes: 3, pinned: false, answered: false });
    expect(view.questions[2]).toEqual({ id: "q1", text: "Question q1", authorName: "Name of m1", at: 1_000, votes: 1, pinned: false, answered: false });
  });

  it("never puts an anonymous asker's name or id, nor a hidden question, in what members get", () => {
    const everything = JSON.stringify([publicView(s, 10_000), mineView(s, "m1", 10_000), mineView(s, "m2", 10_000)]);
    expect(everything).not.toContain("Hidden Name");
    expect(everything).not.toContain("secret-member");
    expect(everything).not.toContain("q3");
    expect(everything).not.toContain("authorId");
  });

  it("gives hosts every question, hidden ones too, sorted alike, with who asked even anonymously", () => {
    const host = hostView(s, 10_000).questions;
    expect(host.map((q) => q.id)).toEqual(["q4", "q3", "q2", "q1", "q5"]);
    expect(host.find((q) => q.id === "q2")).toEqual({
      id: "q2",
      text: "Question q2",
      authorName: null,
      at: 2_000,
      votes: 3,
      pinned: false,
      answered: false,
      authorId: "secret-member",
      askedBy: "Hidden Name",
      anonymous: true,
      hidden: false,
    });
    expect(host.find((q) => q.id === "q3")).toMatchObject({ hidden: true, authorId: "m3", askedBy: "Name of m3", authorName: "Name of m3" });
  });

  it("counts no hidden question when none is hidden", () => {
    expect(publicView(state({ qa: { experts: {}, questions: [question({ id: "q1", authorId: "m1" })] } }), 1).hiddenQuestions).toBe(0);
  });
});

describe("mineView", () => {
  const s = state({
    stage: {
      queue: [
        { memberId: "m2", name: "Lin", at: 10 },
        { memberId: "m1", name: "Ada", at: 20 },
      ],
      speakers: [{ memberId: "m3", name: "Kai", since: 5 }],
      speakerLimit: 3,
    },
    polls: [
      poll({ id: "p1", kind: "quiz", correct: ["o1"], openedAt: 0, closesAt: 10_000, ballots: { m1: ballot(["o1"], 0), m2: ballot(["o0"], 0) } }),
      poll({ id: "p2", kind: "open", options: [], answers: { m1: { text: "Roots", at: 11_000, name: "Ada" } }, closedAt: 12_000 }),
      poll({ id: "p3", kind: "quiz", correct: ["o2"], openedAt: 20_000, closesAt: 30_000, ballots: { m1: ballot(["o2"], 25_000) } }),
      poll({ id: "p4", kind: "multiple", openedAt: 31_000, ballots: { m1: ballot(["o0", "o2"], 32_000), m3: ballot(["o1"], 32_000) } }),
    ],
    debates: [
      { id: "d1", motion: "M", sides: ["A", "B"], phase: "closed", openedAt: 0, before: { m1: 1 }, after: { m1: 0 } },
      { id: "d2", motion: "N", sides: ["A", "B"], phase: "before", openedAt: 0, before: { m2: 0, m1: 0 }, after: {} },
      { id: "d3", motion: "O", sides: ["A", "B"], phase: "before", openedAt: 0, before: { m2: 1 }, after: {} },
    ],
    qa: {
      experts: { m1: "Ada" },
      questions: [
        question({ id: "q1", authorId: "m1", upvoters: ["m1", "m2"] }),
        question({ id: "q2", authorId: "m2", upvoters: ["m1"] }),
        question({ id: "q3", authorId: "m1", hidden: true, upvoters: ["m1"] }),
        question({ id: "q4", authorId: "m2" }),
      ],
    },
    checkIns: [
      { id: "c1", prompt: "a", openedAt: 0, closedAt: 1, answers: { m1: { name: "Ada", text: "", at: 0, streak: 3 } } },
      { id: "c2", prompt: "b", openedAt: 2, closedAt: null, answers: { m1: { name: "Ada", text: "x", at: 3, streak: 4 }, m2: { name: "Lin", text: "y", at: 3, streak: 1 } } },
    ],
  });

  it("gives a member everything of theirs", () => {
    expect(mineView(s, "m1", 26_000)).toEqual({
      hand: "raised",
      queuePlace: 2,
      votes: { p1: ["o1"], p3: ["o2"], p4: ["o0", "o2"] },
      answers: { p2: "Roots" },
      upvoted: ["q1", "q2"],
      asked: ["q1"],
      stances: { d1: { before: 1, after: 0 }, d2: { before: 0, after: null } },
      checkedIn: { c1: 3, c2: 4 },
      quizPoints: 1000,
      expert: true,
    });
  });

  it("counts a quiz's points once it is closed (p3 answered half-way: 750)", () => {
    expect(mineView(s, "m1", 29_999).quizPoints).toBe(1000);
    expect(mineView(s, "m1", 30_000).quizPoints).toBe(1750);
    expect(mineView(s, "m2", 30_000).quizPoints).toBe(0);
  });

  it("places the first raised hand first, and a speaker in no queue", () => {
    expect(mineView(s, "m2", 0)).toMatchObject({ hand: "raised", queuePlace: 1, expert: false, asked: ["q2", "q4"], upvoted: ["q1"] });
    expect(mineView(s, "m3", 0)).toMatchObject({ hand: "speaking", queuePlace: null, votes: { p4: ["o1"] } });
  });

  it("gives a member with nothing of theirs an empty view", () => {
    expect(mineView(s, "m9", 99_000)).toEqual({
      hand: "none",
      queuePlace: null,
      votes: {},
      answers: {},
      upvoted: [],
      asked: [],
      stances: {},
      checkedIn: {},
      quizPoints: 0,
      expert: false,
    });
  });

  it("reads records by own properties only: a member id like Object's prototype's has nothing", () => {
    for (const memberId of ["__proto__", "constructor", "toString"]) {
      expect(mineView(s, memberId, 99_000)).toMatchObject({ votes: {}, answers: {}, stances: {}, checkedIn: {}, quizPoints: 0, expert: false });
    }
  });
});

describe("views of one state", () => {
  it("give equal views for the same state and clock, and leave the state as it was", () => {
    const s = state({
      polls: [poll({ id: "p1", ballots: VOTES })],
      qa: { experts: {}, questions: [question({ id: "q1", authorId: "m1" })] },
    });
    const copy = structuredClone(s);
    expect(publicView(s, 5_000)).toEqual(publicView(s, 5_000));
    expect(hostView(s, 5_000)).toEqual(hostView(s, 5_000));
    expect(mineView(s, "m1", 5_000)).toEqual(mineView(s, "m1", 5_000));
    expect(s).toEqual(copy);
  });

  it("follow a new state: a vote changes the host's counts though the old state's view was built first", () => {
    const before = state({ polls: [poll({ id: "p1", ballots: VOTES })] });
    expect(hostView(before, 5_000).poll?.options.map((o) => o.votes)).toEqual([1, 2, 0]);
    const after = state({ polls: [poll({ id: "p1", ballots: { ...VOTES, m4: ballot(["o2"], 3_000) } })] });
    expect(hostView(after, 5_000).poll?.options.map((o) => o.votes)).toEqual([1, 2, 1]);
    expect(publicView(after, 5_000).poll?.voters).toBe(4);
  });

  it("keep hosts' counts and members' hidden ones apart for the same poll object", () => {
    const s = state({ polls: [poll({ id: "p1", ballots: VOTES })] });
    expect(publicView(s, 5_000).poll?.options[1]?.votes).toBeNull();
    expect(hostView(s, 5_000).poll?.options[1]?.votes).toBe(2);
    expect(publicView(s, 5_000).poll?.options[1]?.votes).toBeNull();
  });
});

describe("mineView over a long session", () => {
  it("lists a member's votes and answers for the polls on show only (the current one and PAST_POLLS_SHOWN before it)", () => {
    const count = PAST_POLLS_SHOWN + 3;
    const polls = Array.from({ length: count }, (_, i) =>
      poll({ id: `p${i + 1}`, closedAt: i < count - 1 ? 5_000 + i : null, ballots: { m1: ballot(["o0"], 2_000) }, ...(i === 0 ? { kind: "open" as const, options: [], answers: { m1: { text: "trees", at: 2_000, name: "M" } } } : {}) }),
    );
    const view = mineView(state({ polls }), "m1", 9_000);
    const shown = polls.slice(count - 1 - PAST_POLLS_SHOWN).map((p) => p.id);
    expect(Object.keys(view.votes)).toEqual(shown);
    expect(view.answers).toEqual({});
    const withAnswer = mineView(state({ polls: polls.slice(0, PAST_POLLS_SHOWN + 1) }), "m1", 9_000);
    expect(withAnswer.answers).toEqual({ p1: "trees" });
  });

  it("works quiz points and upvotes out for every member of the same state alike, and follows the clock", () => {
    const quiz = poll({ id: "p1", kind: "quiz", correct: ["o1"], openedAt: 1_000, closesAt: 31_000, ballots: { m1: ballot(["o1"], 1_000), m2: ballot(["o0"], 1_000) } });
    const s = state({ polls: [quiz], qa: { questions: [question({ id: "q1", authorId: "m2", upvoters: ["m1", "m2"] }), question({ id: "q2", authorId: "m1", upvoters: ["m1"], hidden: true })], experts: {} } });
    expect(mineView(s, "m1", 20_000).quizPoints).toBe(0);
    expect(mineView(s, "m1", 31_000).quizPoints).toBe(1000);
    expect(mineView(s, "m2", 31_000).quizPoints).toBe(0);
    expect(mineView(s, "m1", 31_000).upvoted).toEqual(["q1"]);
    expect(mineView(s, "m2", 31_000).upvoted).toEqual(["q1"]);
    expect(mineView(s, "m2", 31_000).asked).toEqual(["q1"]);
    expect(mineView(s, "m1", 31_000).asked).toEqual([]);
  });
});
