import { describe, expect, it } from "vitest";
import {
  chatLine,
  contributionRemoved,
  createLedger,
  foldRows,
  hiddenMembers,
  isOutstanding,
  leaderboard,
  memberDailyPoints,
  memberTotals,
  sessionTree,
  summarise,
  tallies,
  treeGrowth,
  utcDay,
} from "../../../shared/rules/growth/ledger.js";
import { POINTS } from "../../../shared/rules/growth/points.js";
import { tierMetrics, tierProgress } from "../../../shared/rules/growth/tiers.js";
import type { Ledger, LogRow, MemberSessionTally, PointKind } from "../../../shared/rules/growth/types.js";
import { DAY, LogBuilder, MIDNIGHT, MINUTE } from "./logRows.js";

const T0 = MIDNIGHT + 10 * 60 * MINUTE;
const END = T0 + 3 * 60 * MINUTE;

function fold(log: LogBuilder): Ledger {
  return foldRows(createLedger(log.sessionId), log.rows);
}
function tallyOf(ledger: Ledger, memberId: string, now = END): MemberSessionTally | undefined {
  return tallies(ledger, now).find((tally) => tally.memberId === memberId);
}
function points(log: LogBuilder, memberId: string, kind?: PointKind, now = END): number {
  const tally = tallyOf(fold(log), memberId, now);
  if (tally === undefined) return 0;
  return kind === undefined ? tally.points : (tally.byKind[kind] ?? 0);
}

describe("what earns what: one of each is worth its row of the table", () => {
  it("a chat line and a reaction earn their sender", () => {
    const log = new LogBuilder();
    log.chat("ada", "l1", T0);
    log.react("ada", T0 + 1);
    expect(tallyOf(fold(log), "ada")?.byKind).toEqual({ chat: POINTS.chat.points, reaction: POINTS.reaction.points });
  });

  it("a question earns its asker; an upvote from another earns the asker upvoteReceived", () => {
    const log = new LogBuilder();
    const q = log.ask("ada", T0);
    log.upvote("lin", q, T0 + 1);
    expect(tallyOf(fold(log), "ada")?.byKind).toEqual({ question: POINTS.question.points, upvoteReceived: POINTS.upvoteReceived.points });
    expect(points(log, "lin")).toBe(0);
  });

  it("a first poll vote earns pollVote; a correct first answer to a quiz earns quizCorrect too", () => {
    const log = new LogBuilder();
    const poll = log.poll("host", "single", T0);
    log.vote("ada", poll, ["o0"], T0 + 1);
    const quiz = log.poll("host", "quiz", T0 + 2, 2);
    log.vote("ada", quiz, ["o2"], T0 + 3);
    log.vote("lin", quiz, ["o1"], T0 + 4);
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.byKind).toEqual({ pollVote: 2 * POINTS.pollVote.points, quizCorrect: POINTS.quizCorrect.points });
    expect(tallyOf(ledger, "lin")?.byKind).toEqual({ pollVote: POINTS.pollVote.points });
    expect(ledger.quizCorrect).toEqual(new Map([["ada", 1]]));
  });

  it("an open-text answer earns pollVote once per poll; a vote on an open-text poll earns nothing", () => {
    const log = new LogBuilder();
    const open = log.poll("host", "open", T0);
    log.answer("ada", open, T0 + 1);
    log.answer("ada", open, T0 + 2);
    log.vote("lin", open, ["o0"], T0 + 3);
    expect(points(log, "ada", "pollVote")).toBe(POINTS.pollVote.points);
    expect(points(log, "lin")).toBe(0);
  });

  it("a stance earns stance; speaking earns the invited member, not the host", () => {
    const log = new LogBuilder();
    const debate = log.debate("host", T0);
    log.stance("ada", debate, 0, T0 + 1);
    log.invite("host", "lin", T0 + 2);
    expect(points(log, "ada", "stance")).toBe(POINTS.stance.points);
    expect(points(log, "lin", "speaking")).toBe(POINTS.speaking.points);
    expect(points(log, "host")).toBe(0);
  });

  it("a check-in earns checkIn and records the streak", () => {
    const log = new LogBuilder();
    const checkIn = log.openCheckIn("host", T0);
    log.checkIn("ada", checkIn, T0 + 1, 4);
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.byKind).toEqual({ checkIn: POINTS.checkIn.points });
    expect(ledger.checkInStreak.get("ada")).toBe(4);
  });

  it("a line marked helpful earns its author helpful", () => {
    const log = new LogBuilder();
    log.chat("ada", "l1", T0);
    log.helpful("host", "l1", "ada", T0 + 1);
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.byKind).toEqual({ chat: POINTS.chat.points, helpful: POINTS.helpful.points });
    expect(ledger.helpful).toEqual(new Map([["l1", "ada"]]));
  });

  it("energy given earns the contribution's author energyReceived", () => {
    const log = new LogBuilder();
    log.chat("ada", "l1", T0);
    log.energy("lin", "chat", "l1", "ada", T0 + 1);
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.byKind.energyReceived).toBe(POINTS.energyReceived.points);
    expect(tallyOf(ledger, "ada")?.energyFrom).toEqual(["lin"]);
    expect(ledger.energy.get("l1")).toEqual({ target: "chat", toId: "ada", toName: "ada name", givers: ["lin"], at: T0 + 1 });
  });

  it("presence earns one point per whole minute between join and leave", () => {
    const log = new LogBuilder();
    log.join("ada", T0);
    log.leave("ada", T0 + 5 * MINUTE + 59_999);
    expect(tallyOf(fold(log), "ada")?.byKind).toEqual({ presence: 5 * POINTS.presence.points });
  });
});

describe("diminishing returns and the session cap", () => {
  it("halves chat after its first ten lines and stops at perSession", () => {
    const log = new LogBuilder();
    for (let i = 0; i < 11; i++) log.chat("ada", `l${i}`, T0 + i);
    // 10 lines at 2, the 11th at 1.
    expect(points(log, "ada", "chat")).toBe(21);
    for (let i = 11; i < 40; i++) log.chat("ada", `l${i}`, T0 + i);
    const tally = tallyOf(fold(log), "ada");
    expect(tally?.byKind.chat).toBe(POINTS.chat.perSession);
    expect(tally?.counts.chat).toBe(40);
  });

  it("clips a kind at perSession where the series would pass it", () => {
    const log = new LogBuilder();
    // 5, 5, 5, then 2, 2: 19; the sixth would make 21 and is clipped to 20.
    for (let i = 0; i < 5; i++) log.ask("ada", T0 + i);
    expect(points(log, "ada", "question")).toBe(19);
    log.ask("ada", T0 + 6);
    expect(points(log, "ada", "question")).toBe(POINTS.question.perSession);
    log.ask("ada", T0 + 7);
    expect(points(log, "ada", "question")).toBe(POINTS.question.perSession);
  });

  it("stops presence at half an hour of points however long the member stays", () => {
    const log = new LogBuilder();
    log.join("ada", T0);
    log.leave("ada", T0 + 29 * MINUTE);
    expect(points(log, "ada", "presence")).toBe(29);
    const long = new LogBuilder();
    long.join("ada", T0);
    long.leave("ada", T0 + 120 * MINUTE);
    const tally = tallyOf(fold(long), "ada");
    expect(tally?.byKind.presence).toBe(POINTS.presence.perSession);
    expect(tally?.counts.presence).toBe(120);
  });

  it("counts a second stance in the same phase nothing, and one after the discussion again", () => {
    const log = new LogBuilder();
    const debate = log.debate("host", T0);
    log.stance("ada", debate, 0, T0 + 1);
    log.stance("ada", debate, 1, T0 + 2);
    expect(points(log, "ada", "stance")).toBe(POINTS.stance.points);
    log.phase("host", debate, "discussion", T0 + 3);
    log.stance("ada", debate, 0, T0 + 4);
    expect(points(log, "ada", "stance")).toBe(POINTS.stance.points);
    log.phase("host", debate, "after", T0 + 5);
    log.stance("ada", debate, 0, T0 + 6);
    expect(points(log, "ada", "stance")).toBe(2 * POINTS.stance.points);
  });

  it("counts only a poll's first vote, and quizCorrect only when that first vote was right", () => {
    const log = new LogBuilder();
    const quiz = log.poll("host", "quiz", T0, 0);
    log.vote("ada", quiz, ["o1"], T0 + 1);
    log.vote("ada", quiz, ["o0"], T0 + 2);
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.byKind).toEqual({ pollVote: POINTS.pollVote.points });
    expect(ledger.quizCorrect.size).toBe(0);
  });

  it("counts a check-in once per check-in", () => {
    const log = new LogBuilder();
    const first = log.openCheckIn("host", T0);
    log.checkIn("ada", first, T0 + 1);
    log.checkIn("ada", first, T0 + 2);
    expect(points(log, "ada", "checkIn")).toBe(POINTS.checkIn.points);
  });
});

describe("nothing for oneself", () => {
  it("gives nothing for upvoting one's own question", () => {
    const log = new LogBuilder();
    const q = log.ask("ada", T0);
    log.upvote("ada", q, T0 + 1);
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.byKind.upvoteReceived).toBeUndefined();
    expect(ledger.questions.get(q)?.upvoters.size).toBe(0);
  });

  it("counts an upvote once per upvoter and question", () => {
    const log = new LogBuilder();
    const q = log.ask("ada", T0);
    log.upvote("lin", q, T0 + 1);
    log.upvote("lin", q, T0 + 2);
    expect(points(log, "ada", "upvoteReceived")).toBe(POINTS.upvoteReceived.points);
  });

  it("gives nothing for energy to oneself, and spends none of the allowance", () => {
    const log = new LogBuilder();
    const q = log.ask("ada", T0);
    log.energy("ada", "question", q, "ada", T0 + 1);
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.byKind.energyReceived).toBeUndefined();
    expect(ledger.energy.size).toBe(0);
    expect(summarise(ledger, END, { eventId: "e1", startedAt: T0 }).get("ada")?.energyGiven).toBe(0);
  });

  it("gives nothing for a host marking their own line helpful", () => {
    const log = new LogBuilder();
    log.chat("host", "l1", T0);
    log.helpful("host", "l1", "host", T0 + 1);
    expect(points(log, "host", "helpful")).toBe(0);
  });
});

describe("energy, re-checked as energy.ts does", () => {
  it("counts a second gift from one member to one contribution nothing", () => {
    const log = new LogBuilder();
    const q = log.ask("ada", T0);
    log.energy("lin", "question", q, "ada", T0 + 1);
    log.energy("lin", "question", q, "ada", T0 + 2);
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.counts.energyReceived).toBe(1);
    expect(ledger.energy.get(q)?.givers).toEqual(["lin"]);
  });

  it("refuses a sixth gift from one member in a session", () => {
    const log = new LogBuilder();
    const questions = Array.from({ length: 6 }, (_, i) => log.ask("ada", T0 + i));
    for (const [i, q] of questions.entries()) log.energy("lin", "question", q, "ada", T0 + 10 + i);
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.counts.energyReceived).toBe(5);
    expect(ledger.energy.has(questions[5]!)).toBe(false);
  });

  it("refuses a gift that names someone else as the author of a question or a known line", () => {
    const log = new LogBuilder();
    const q = log.ask("ada", T0);
    log.chat("ada", "l1", T0 + 1);
    log.energy("lin", "question", q, "kim", T0 + 2);
    log.energy("lin", "chat", "l1", "kim", T0 + 3);
    log.energy("lin", "question", "q999", "kim", T0 + 4);
    expect(fold(log).energy.size).toBe(0);
    expect(points(log, "kim")).toBe(0);
  });

  it("takes a gift to a chat line whose row comes later, and to a speaker's turn that names them", () => {
    const log = new LogBuilder();
    log.energy("lin", "chat", "l1", "ada", T0);
    log.chat("ada", "l1", T0 + 1);
    log.energy("lin", "speaker", `turn:ada:${T0}`, "ada", T0 + 2);
    log.energy("kim", "speaker", `turn:ada:${T0}`, "lin", T0 + 3);
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.counts.energyReceived).toBe(2);
    expect(tallyOf(ledger, "ada")?.byKind.chat).toBe(POINTS.chat.points);
    expect(points(log, "lin")).toBe(0);
  });

  it("counts distinct givers: outstanding from three", () => {
    const log = new LogBuilder();
    log.chat("ada", "l1", T0);
    for (const giver of ["lin", "kim", "lin", "bo"]) log.energy(giver, "chat", "l1", "ada", T0 + 1);
    const ledger = fold(log);
    expect(ledger.energy.get("l1")?.givers).toEqual(["lin", "kim", "bo"]);
    expect(isOutstanding(ledger, "l1")).toBe(true);
    expect(tallyOf(ledger, "ada")?.energyFrom).toEqual(["lin", "kim", "bo"]);
  });
});

describe("content a host deleted or hid", () => {
  it("takes a deleted chat line's award back, and later lines move up into its place", () => {
    const log = new LogBuilder();
    for (let i = 0; i < 11; i++) log.chat("ada", `l${i}`, T0 + i);
    expect(points(log, "ada", "chat")).toBe(21);
    log.deleteLine("host", "l3", "ada", T0 + 20);
    const tally = tallyOf(fold(log), "ada");
    expect(tally?.byKind.chat).toBe(20);
    expect(tally?.counts.chat).toBe(10);
  });

  it("takes back energy and helpful on a deleted line", () => {
    const log = new LogBuilder();
    log.chat("ada", "l1", T0);
    log.energy("lin", "chat", "l1", "ada", T0 + 1);
    log.helpful("host", "l1", "ada", T0 + 2);
    log.deleteLine("host", "l1", "ada", T0 + 3);
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.points).toBe(0);
    expect(tallyOf(ledger, "ada")?.energyFrom).toEqual([]);
    expect(contributionRemoved(ledger, "chat", "l1")).toBe(true);
  });

  it("gives nothing for a line whose deletion was logged before the line", () => {
    const log = new LogBuilder();
    log.deleteLine("host", "l1", "ada", T0);
    log.chat("ada", "l1", T0 + 1);
    expect(points(log, "ada")).toBe(0);
  });

  it("takes a hidden question's awards back while it is hidden, and unhiding restores them", () => {
    const log = new LogBuilder();
    const q = log.ask("ada", T0);
    log.upvote("lin", q, T0 + 1);
    log.energy("kim", "question", q, "ada", T0 + 2);
    const before = points(log, "ada");
    expect(before).toBe(POINTS.question.points + POINTS.upvoteReceived.points + POINTS.energyReceived.points);
    log.moderate("host", q, "hide", T0 + 3);
    expect(points(log, "ada")).toBe(0);
    log.upvote("bo", q, T0 + 4);
    log.moderate("host", q, "unhide", T0 + 5);
    expect(points(log, "ada")).toBe(before);
    expect(fold(log).questions.get(q)?.upvoters).toEqual(new Set(["lin"]));
  });
});

describe("replayed, duplicated and malformed rows", () => {
  it("counts a repeated sequence number once", () => {
    const log = new LogBuilder();
    const q = log.ask("ada", T0);
    log.upvote("lin", q, T0 + 1);
    const ledger = fold(log);
    foldRows(ledger, log.rows);
    foldRows(ledger, [{ ...log.rows[1]!, id: 99 }]);
    expect(tallyOf(ledger, "ada")?.byKind).toEqual({ question: POINTS.question.points, upvoteReceived: POINTS.upvoteReceived.points });
    expect(ledger.lastRowId).toBe(99);
  });

  it("counts a chat line id once, even written from two rows", () => {
    const log = new LogBuilder();
    log.chat("ada", "l1", T0);
    log.chat("ada", "l1", T0 + 1);
    expect(tallyOf(fold(log), "ada")?.counts.chat).toBe(1);
  });

  it("skips rows that do not parse, and rows of other sessions, and goes on", () => {
    const log = new LogBuilder();
    log.add("ada", "chat", { text: "" }, T0, false);
    log.add("ada", "chat", { text: "hi", extra: 1 }, T0, false);
    log.add("ada", "chat", "not an object", T0, false);
    log.add("ada", "questionAsked", { text: "why" }, T0, true);
    log.add("ada", "noSuchKind", {}, T0, false);
    log.add("ada", "reaction", { emoji: "💩" }, T0, false);
    log.add("ada", "reaction", { emoji: "👏" }, Number.NaN, false);
    log.add("", "reaction", { emoji: "👏" }, T0, false);
    log.add("ada", "questionAsked", { text: "why", name: "Ada", anonymous: false }, T0, false);
    log.rows.push({ id: 50, sessionId: "other", memberId: "ada", at: T0, seq: null, kind: "reaction", detail: { emoji: "👏" } });
    log.react("ada", T0 + 1);
    const ledger = fold(log);
    expect(tallies(ledger, END).map((tally) => [tally.memberId, tally.byKind])).toEqual([["ada", { reaction: POINTS.reaction.points }]]);
    expect(ledger.questions.size).toBe(0);
    expect(ledger.lastRowId).toBe(log.rows.at(-1)!.id);
  });

  it("ignores upvotes, votes and stances aimed at things that were never opened", () => {
    const log = new LogBuilder();
    log.upvote("lin", "q77", T0);
    log.vote("lin", "p77", ["o0"], T0);
    log.answer("lin", "p77", T0);
    log.stance("lin", "d77", 0, T0);
    log.checkIn("lin", "c77", T0);
    expect(points(log, "lin")).toBe(POINTS.checkIn.points);
  });
});

describe("presence", () => {
  it("counts a member still in up to now", () => {
    const log = new LogBuilder();
    log.join("ada", T0);
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada", T0 + 3 * MINUTE)?.byKind.presence).toBe(3);
    expect(tallyOf(ledger, "ada", T0 - MINUTE)?.byKind.presence).toBeUndefined();
  });

  it("adds separate stays, and a seat taken over in another instance stays in until the member leaves there", () => {
    const log = new LogBuilder();
    log.join("ada", T0);
    log.leave("ada", T0 + 90_000);
    log.join("ada", T0 + 10 * MINUTE);
    log.join("ada", T0 + 11 * MINUTE);
    log.add("ada", "leave", { reason: "takenOver" }, T0 + 11 * MINUTE, false);
    log.leave("ada", T0 + 13 * MINUTE + 30_000);
    log.leave("ada", T0 + 30 * MINUTE);
    // 1.5 + 3.5 minutes.
    expect(points(log, "ada", "presence")).toBe(5);
  });

  it("lets neither a replayed join nor a replayed leave change a stay", () => {
    const log = new LogBuilder();
    const join = log.join("ada", T0);
    const leave = log.leave("ada", T0 + 4 * MINUTE);
    log.rows.push({ ...join, id: 10 });
    log.join("ada", T0 + 10 * MINUTE);
    log.rows.push({ ...join, id: 11 }, { ...leave, id: 12 });
    // 4 minutes, then the second stay from 10 to now (12).
    expect(points(log, "ada", "presence", T0 + 12 * MINUTE)).toBe(6);
  });
});

describe("tallies, the tree and the leaderboard", () => {
  function session(): LogBuilder {
    const log = new LogBuilder();
    log.chat("ada", "l1", T0 + 5);
    log.chat("lin", "l2", T0 + 1);
    log.chat("lin", "l3", T0 + 2);
    log.chat("kim", "l4", T0 + 3);
    log.react("bo", T0 + 4);
    log.join("zed", T0 + 6);
    return log;
  }

  it("sums every member's capped points into the tree's growth", () => {
    const ledger = fold(session());
    expect(treeGrowth(ledger, T0 + 10)).toBe(4 * POINTS.chat.points + POINTS.reaction.points);
    expect(sessionTree(ledger, T0 + 10, 300)).toMatchObject({ growth: 9, goal: 300, contributors: 4, reachedAt: null });
  });

  it("ranks by points, then who took part first, without members who opted out, nor those without points", () => {
    const ledger = fold(session());
    const tierOf = (id: string) => (id === "lin" ? "evangelist" : "explorer");
    expect(leaderboard(ledger, T0 + 10, [], tierOf)).toEqual([
      { memberId: "lin", name: "lin name", points: 4, tier: "evangelist" },
      { memberId: "kim", name: "kim name", points: 2, tier: "explorer" },
      { memberId: "ada", name: "ada name", points: 2, tier: "explorer" },
      { memberId: "bo", name: "", points: 1, tier: "explorer" },
    ]);
    expect(leaderboard(ledger, T0 + 10, ["kim"], tierOf, 2).map((row) => row.memberId)).toEqual(["lin", "ada"]);
  });

  it("keeps the log's opt-outs and a goal's first moment", () => {
    const log = session();
    log.hideFromBoard("ada", true, T0 + 7);
    log.hideFromBoard("kim", true, T0 + 8);
    log.hideFromBoard("kim", false, T0 + 9);
    log.goal("host", T0 + 10);
    log.goal("host", T0 + 11);
    const ledger = fold(log);
    expect(hiddenMembers(ledger)).toEqual(["ada"]);
    expect(ledger.goalReachedAt).toBe(T0 + 10);
    expect(sessionTree(ledger, T0 + 20, 300)).toMatchObject({ progress: 1, stage: "fruit", reachedAt: T0 + 10 });
  });

  it("remembers chat lines for quoting", () => {
    expect(chatLine(fold(session()), "l2")).toEqual({ authorId: "lin", at: T0 + 1, text: "line l2" });
  });
});

describe("summarise", () => {
  it("gives each member the facts badges read", () => {
    const log = new LogBuilder();
    const q1 = log.ask("ada", T0);
    const q2 = log.ask("lin", T0 + 1);
    for (const voter of ["lin", "kim", "bo"]) log.upvote(voter, q1, T0 + 2);
    for (const voter of ["ada", "kim", "bo"]) log.upvote(voter, q2, T0 + 3);
    log.moderate("host", q1, "answer", T0 + 4);
    log.chat("lin", "l1", T0 + 5);
    log.helpful("host", "l1", "lin", T0 + 6);
    for (const giver of ["ada", "kim", "bo"]) log.energy(giver, "chat", "l1", "lin", T0 + 7);
    const quizzes = [log.poll("host", "quiz", T0 + 8, 0), log.poll("host", "quiz", T0 + 9, 0)];
    for (const quiz of quizzes) {
      log.vote("kim", quiz, ["o0"], T0 + 10);
      log.vote("bo", quiz, ["o0"], T0 + 11);
    }
    const debate = log.debate("host", T0 + 12);
    log.stance("bo", debate, 0, T0 + 13);
    log.phase("host", debate, "after", T0 + 14);
    log.stance("bo", debate, 1, T0 + 15);
    log.stance("kim", debate, 1, T0 + 15);
    log.invite("host", "kim", T0 + 16);
    const checkIn = log.openCheckIn("host", T0 + 17);
    log.checkIn("ada", checkIn, T0 + 18, 3);
    log.goal("host", T0 + 19);
    const all = summarise(fold(log), END, { eventId: "e1", startedAt: T0 });
    const ada = all.get("ada")!;
    const lin = all.get("lin")!;
    const kim = all.get("kim")!;
    const bo = all.get("bo")!;
    expect(ada).toMatchObject({ sessionId: "s1", eventId: "e1", startedAt: T0, asked: 1, topQuestion: true, answered: 1, energyGiven: 1, checkInStreak: 3, gardener: true });
    expect(lin).toMatchObject({ asked: 1, topQuestion: false, answered: 1, bestEnergy: 3, gardener: true });
    expect(kim).toMatchObject({ quizCorrect: 2, quizChampion: true, votes: 2, spoke: true, swung: false });
    expect(bo).toMatchObject({ quizCorrect: 2, quizChampion: false, swung: true, votes: 2 });
    expect(all.get("host")).toMatchObject({ gardener: false, headGardener: false });
    const heads = [...all.values()].filter((s) => s.headGardener).map((s) => s.tally.memberId);
    expect(heads).toHaveLength(3);
    expect(heads).toContain("lin");
  });

  it("names no top question under three upvoters nor a champion under two correct answers, and no gardener before the goal", () => {
    const log = new LogBuilder();
    const q = log.ask("ada", T0);
    log.upvote("lin", q, T0 + 1);
    log.upvote("kim", q, T0 + 2);
    const quiz = log.poll("host", "quiz", T0 + 3, 0);
    log.vote("kim", quiz, ["o0"], T0 + 4);
    const all = summarise(fold(log), END, { eventId: "e1", startedAt: T0 });
    expect([...all.values()].some((s) => s.topQuestion || s.quizChampion || s.gardener || s.headGardener)).toBe(false);
  });
});

describe("memberTotals across sessions: the per-UTC-day cap", () => {
  /** `lines` chat lines by ada in session `id`, one a minute from `from`. */
  function chatting(id: string, from: number, lines: number, start: { id: number; seq: number }): LogRow[] {
    const log = new LogBuilder(id, start);
    for (let i = 0; i < lines; i++) log.chat("ada", `${id}-${i}`, from + i * MINUTE);
    return log.rows;
  }

  it("adds sessions of different days in full", () => {
    const rows = [...chatting("a", T0, 20, { id: 0, seq: 0 }), ...chatting("b", T0 + DAY, 20, { id: 100, seq: 0 })];
    expect(memberTotals(rows, "ada", T0 + 2 * DAY)).toEqual({ points: 60, byKind: { chat: 60 }, sessions: 2 });
  });

  it("stops a kind at perDay within one UTC day however many sessions", () => {
    const rows = [0, 1, 2].flatMap((i) => chatting(`s${i}`, T0 + i * 60 * MINUTE, 20, { id: i * 100, seq: 0 }));
    expect(memberTotals(rows, "ada", END)).toEqual({ points: POINTS.chat.perDay, byKind: { chat: POINTS.chat.perDay }, sessions: 3 });
  });

  it("splits a session crossing midnight between the two days", () => {
    const before = MIDNIGHT + DAY - 10 * MINUTE;
    const rows = [
      ...chatting("morning", MIDNIGHT + 8 * 60 * MINUTE, 20, { id: 0, seq: 0 }),
      ...chatting("evening", MIDNIGHT + 20 * 60 * MINUTE, 20, { id: 100, seq: 0 }),
      // Ten lines before midnight (20 points, the day is full already), ten after (10 points on the new day).
      ...chatting("late", before, 20, { id: 200, seq: 0 }),
    ];
    const { days } = memberDailyPoints(rows, "ada", MIDNIGHT + 2 * DAY);
    expect(days).toEqual(
      new Map([
        [utcDay(MIDNIGHT), { chat: 60 }],
        [utcDay(MIDNIGHT + DAY), { chat: 10 }],
      ]),
    );
    expect(memberTotals(rows, "ada", MIDNIGHT + 2 * DAY).points).toBe(70);
  });

  it("counts presence minutes on the day they were spent", () => {
    const log = new LogBuilder("late");
    log.join("ada", MIDNIGHT + DAY - 10 * MINUTE);
    log.leave("ada", MIDNIGHT + DAY + 5 * MINUTE);
    const { days } = memberDailyPoints(log.rows, "ada", MIDNIGHT + 2 * DAY);
    expect(days).toEqual(
      new Map([
        // A minute counts when it is complete: the tenth completes at midnight itself, on the new day.
        [utcDay(MIDNIGHT), { presence: 9 }],
        [utcDay(MIDNIGHT + DAY), { presence: 6 }],
      ]),
    );
  });

  it("counts only sessions the member took part in", () => {
    const other = new LogBuilder("b");
    other.chat("lin", "x", T0);
    expect(memberTotals([...chatting("a", T0, 1, { id: 10, seq: 0 }), ...other.rows], "ada", END)).toEqual({ points: 2, byKind: { chat: 2 }, sessions: 1 });
  });
});

describe("hunts (docs/hunts.md, \"Growth\")", () => {
  const context = { eventId: "e1", startedAt: T0 };

  it("a clue found earns the row's own points, not the table's, and grows the tree", () => {
    const log = new LogBuilder();
    log.clue("ada", "c1", T0, { points: 12 });
    log.clue("ada", "c2", T0 + 1, { points: 7, channel: "scan" });
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.byKind).toEqual({ clueFound: 19 });
    expect(tallyOf(ledger, "ada")?.counts).toEqual({ clueFound: 2 });
    expect(tallyOf(ledger, "ada")?.name).toBe("ada name");
    expect(treeGrowth(ledger, END)).toBe(19);
    expect(sessionTree(ledger, END, 300)).toMatchObject({ growth: 19, contributors: 1 });
  });

  it("a clue worth 0 points is counted, and earns nothing", () => {
    const log = new LogBuilder();
    log.clue("ada", "c1", T0, { points: 0 });
    expect(tallyOf(fold(log), "ada")).toMatchObject({ points: 0, byKind: {}, counts: { clueFound: 1 } });
  });

  it("halves clues after POINTS.clueFound.fullFor, from each row's own points", () => {
    const log = new LogBuilder();
    for (let i = 0; i < POINTS.clueFound.fullFor + 2; i++) log.clue("ada", `c${i}`, T0 + i, { points: 4 });
    // Five at 4, then two at 2: under the session cap.
    expect(points(log, "ada", "clueFound")).toBe(4 * POINTS.clueFound.fullFor + 2 * 2);
  });

  it("stops clue points at POINTS.clueFound.perSession in a session", () => {
    const log = new LogBuilder();
    for (let i = 0; i < 5; i++) log.clue("ada", `c${i}`, T0 + i, { points: 15 });
    expect(points(log, "ada", "clueFound")).toBe(POINTS.clueFound.perSession);
    expect(points(log, "ada")).toBe(POINTS.clueFound.perSession);
  });

  it("stops clue points at POINTS.clueFound.perDay in a UTC day across sessions, and counts the next day afresh", () => {
    const session = (id: string, at: number, first: number): LogRow[] => {
      const log = new LogBuilder(id, { id: first, seq: 0 });
      for (let i = 0; i < 4; i++) log.clue("ada", `c${i}`, at + i, { points: 15, huntId: id });
      return log.rows;
    };
    const sameDay = [session("a", T0, 0), session("b", T0 + 60 * MINUTE, 100), session("c", T0 + 120 * MINUTE, 200)].flat();
    expect(memberTotals(sameDay, "ada", END)).toEqual({ points: POINTS.clueFound.perDay, byKind: { clueFound: POINTS.clueFound.perDay }, sessions: 3 });
    const twoDays = [session("a", T0, 0), session("b", T0 + 60 * MINUTE, 100), session("c", T0 + DAY, 200)].flat();
    expect(memberTotals(twoDays, "ada", T0 + 2 * DAY).points).toBe(POINTS.clueFound.perDay + POINTS.clueFound.perSession);
  });

  it("credits a clue once per claimer: a replayed row, or a second row for the same clue and team, earns nothing", () => {
    const log = new LogBuilder();
    const row = log.clue("ada", "c1", T0, { points: 10 });
    log.rows.push({ ...row, id: row.id + 100 });
    log.clue("ada", "c2", T0 + 1, { points: 10, team: "owls" });
    log.clue("lin", "c2", T0 + 2, { points: 10, team: "owls" });
    // Hunting alone, another member's find of the same clue is theirs.
    log.clue("kim", "c1", T0 + 3, { points: 10 });
    // Another hunt's clue of the same id is another clue.
    log.clue("ada", "c1", T0 + 4, { points: 3, huntId: "h2" });
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.byKind).toEqual({ clueFound: 23 });
    expect(tallyOf(ledger, "lin")?.byKind ?? {}).toEqual({});
    expect(tallyOf(ledger, "kim")?.byKind).toEqual({ clueFound: 10 });
  });

  it("prices clues written at the same moment alike in either order: the larger counts in full first", () => {
    const rows = (order: number[]): LogBuilder => {
      const log = new LogBuilder();
      for (let i = 0; i < 4; i++) log.clue("ada", `c${i}`, T0, { points: 1 });
      for (const points of order) log.clue("ada", `x${points}`, T0 + 1, { points });
      return log;
    };
    // Five at full value, the sixth halved: 4 × 1 + 10 + floor(2 / 2) = 15, whichever row came first.
    expect(points(rows([2, 10]), "ada")).toBe(15);
    expect(points(rows([10, 2]), "ada")).toBe(15);
  });

  it("a completed hunt earns POINTS.huntCompleted and counts in huntsCompleted; a replayed row counts once", () => {
    const log = new LogBuilder();
    const row = log.completed("ada", 2, T0);
    log.rows.push({ ...row, id: row.id + 100 });
    const ledger = fold(log);
    expect(tallyOf(ledger, "ada")?.byKind).toEqual({ huntCompleted: POINTS.huntCompleted.points });
    expect(summarise(ledger, END, context).get("ada")).toMatchObject({ huntsCompleted: 1, fastestHunter: false });
    expect(treeGrowth(ledger, END)).toBe(POINTS.huntCompleted.points);
  });

  it("counts two hunts completed in one session twice, their points diminishing and capped as the table says", () => {
    const log = new LogBuilder();
    log.completed("ada", 3, T0, { huntId: "h1" });
    log.completed("ada", 1, T0 + 1, { huntId: "h2" });
    const ledger = fold(log);
    expect(summarise(ledger, END, context).get("ada")).toMatchObject({ huntsCompleted: 2, fastestHunter: true });
    expect(points(log, "ada", "huntCompleted")).toBe(Math.min(POINTS.huntCompleted.perSession, POINTS.huntCompleted.points + Math.floor(POINTS.huntCompleted.points / 2)));
  });

  it("makes fastestHunter only the rank-1 finishers (every member of the first team), not the later ones", () => {
    const log = new LogBuilder();
    log.completed("ada", 1, T0, { team: "owls" });
    log.completed("lin", 1, T0, { team: "owls" });
    log.completed("kim", 2, T0 + 1, { team: "foxes" });
    log.completed("bo", 3, T0 + 2);
    const all = summarise(fold(log), END, context);
    expect(["ada", "lin", "kim", "bo"].map((id) => all.get(id)?.fastestHunter)).toEqual([true, true, false, false]);
    expect(["ada", "lin", "kim", "bo"].map((id) => all.get(id)?.huntsCompleted)).toEqual([1, 1, 1, 1]);
  });

  it("keeps the best rank of a member's rows for one hunt, in whichever order they come", () => {
    const first = new LogBuilder();
    first.completed("ada", 2, T0);
    first.completed("ada", 1, T0);
    const second = new LogBuilder();
    second.completed("ada", 1, T0);
    second.completed("ada", 2, T0);
    for (const log of [first, second]) {
      expect(summarise(fold(log), END, context).get("ada")).toMatchObject({ huntsCompleted: 1, fastestHunter: true });
      expect(points(log, "ada")).toBe(POINTS.huntCompleted.points);
    }
  });

  it("gives cityExplorer only for a clue whose reward carries the badge", () => {
    const log = new LogBuilder();
    log.clue("ada", "c1", T0, { badge: true, channel: "scan" });
    log.clue("lin", "c1", T0 + 1, { badge: false, channel: "scan" });
    const all = summarise(fold(log), END, context);
    expect(all.get("ada")?.cityExplorer).toBe(true);
    expect(all.get("lin")?.cityExplorer).toBe(false);
  });

  it("counts clues and hunts as kinds for the tiers, and hunts completed toward the answered bar", () => {
    const log = new LogBuilder();
    log.chat("ada", "l1", T0);
    log.clue("ada", "c1", T0 + 1);
    log.completed("ada", 1, T0 + 2);
    const mine = summarise(fold(log), END, context).get("ada")!;
    const metrics = tierMetrics([mine], T0);
    expect(metrics).toMatchObject({ sessions: 1, kinds: 3, answered: 0, huntsCompleted: 1 });
    expect(tierProgress("explorer", metrics).next?.metrics.answered.has).toBe(1);
    expect(tierProgress("coCreator", metrics).next?.metrics.answered).toEqual({ has: 1, needs: 2 });
  });
});
