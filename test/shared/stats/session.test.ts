import { describe, expect, it } from "vitest";
import { earnBadges } from "../../../shared/rules/growth/badges.js";
import { createLedger, foldRows, summarise, tallies, treeGrowth } from "../../../shared/rules/growth/ledger.js";
import { SESSION_COMMAND_KINDS } from "../../../shared/log.js";
import { meets } from "../../../shared/rules/stats/intervals.js";
import { createSessionFold, foldSessionRows, interactionGroup, medianOf, mergeStays, p90Of, seriesBuckets, sessionRollup } from "../../../shared/rules/stats/session.js";
import type { HuntInput, LogRow, PresenceRow, SessionRollup } from "../../../shared/rules/stats/types.js";
import { contextFor, HOUR, LATE, MINUTE, StatsLog, stay } from "./fixtures.js";

const at = (minutes: number, start = LATE): number => start + minutes * MINUTE;

function rollup(log: StatsLog, presence: PresenceRow[], endedAt: number | null, now: number, overrides: Parameters<typeof contextFor>[2] = {}): SessionRollup {
  const fold = foldSessionRows(createSessionFold("s1", LATE), log.rows);
  return sessionRollup(fold, presence, contextFor(LATE, endedAt, overrides), now);
}

describe("small pieces", () => {
  it("buckets are whole minutes, at most 120 of them, at least one", () => {
    expect(seriesBuckets(0, 0)).toEqual({ bucketMs: MINUTE, count: 1 });
    expect(seriesBuckets(0, 90_000)).toEqual({ bucketMs: MINUTE, count: 2 });
    expect(seriesBuckets(0, 120 * MINUTE)).toEqual({ bucketMs: MINUTE, count: 120 });
    expect(seriesBuckets(0, 121 * MINUTE)).toEqual({ bucketMs: 2 * MINUTE, count: 61 });
    expect(seriesBuckets(0, 10 * HOUR)).toEqual({ bucketMs: 5 * MINUTE, count: 120 });
    expect(seriesBuckets(100, 50)).toEqual({ bucketMs: MINUTE, count: 1 });
  });

  it("median and p90 (nearest rank)", () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(p90Of([])).toBeNull();
    expect(p90Of([5])).toBe(5);
    expect(p90Of([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toBe(9);
    expect(p90Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10);
    const values = [3, 1, 2];
    medianOf(values);
    p90Of(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it("groups every kind once; join and leave are presence, not interactions; an unknown kind is other", () => {
    expect(interactionGroup("join")).toBeNull();
    expect(interactionGroup("leave")).toBeNull();
    expect(interactionGroup("chat")).toBe("chat");
    expect(interactionGroup("reaction")).toBe("reactions");
    expect(interactionGroup("questionUpvoted")).toBe("questions");
    expect(interactionGroup("pollAnswered")).toBe("polls");
    expect(interactionGroup("stanceTaken")).toBe("debates");
    expect(interactionGroup("speakerInvited")).toBe("stage");
    expect(interactionGroup("checkedIn")).toBe("checkIns");
    expect(interactionGroup("energyGiven")).toBe("energy");
    expect(interactionGroup("clueFound")).toBe("hunt");
    expect(interactionGroup("lineFlagged")).toBe("moderation");
    expect(interactionGroup("somethingNew")).toBe("other");
    expect(interactionGroup("toString")).toBe("other");
    for (const kind of [...SESSION_COMMAND_KINDS, "chat", "reaction", "clueFound", "huntCompleted"]) expect([kind, interactionGroup(kind)]).not.toEqual([kind, "other"]);
  });

  it("a member meets a window when inside at some moment of it; a stay counts on [start, end)", () => {
    const stays = [[10, 20] as const, [30, 30] as const];
    expect(meets(stays, 0, 9)).toBe(false);
    expect(meets(stays, 0, 10)).toBe(true);
    expect(meets(stays, 19, 25)).toBe(true);
    expect(meets(stays, 20, 25)).toBe(false);
    expect(meets(stays, 15, 15)).toBe(true);
    expect(meets(stays, 25, 30)).toBe(true);
    expect(meets(stays, 30, 40)).toBe(true);
    expect(meets(stays, 31, 40)).toBe(false);
  });

  it("merges each member's stays: reconnects stay apart, overlapping instances count once, open rows run to the end", () => {
    const stays = mergeStays(
      [stay("ada", 10, 20), stay("ada", 30, 40), stay("bo", 10, 25), stay("bo", 20, 30), stay("bo", 30, 35), stay("cy", 50, null), stay("di", 0, 5), stay("ed", 5, 3)],
      8,
      60,
    );
    expect(stays.get("ada")).toEqual([
      [10, 20],
      [30, 40],
    ]);
    expect(stays.get("bo")).toEqual([[10, 35]]);
    expect(stays.get("cy")).toEqual([[50, 60]]);
    expect(stays.has("di")).toBe(false);
    expect(stays.has("ed")).toBe(false);
  });
});

describe("a session across midnight with a reconnect, two instances and a restart", () => {
  // 23:30 Monday to 00:30 Tuesday (UTC). Minutes below are from 23:30.
  const end = at(60);
  const presence = [
    stay("ada", at(0), at(10)), // reconnects: 10 + 25 = 35 min
    stay("ada", at(15), at(40)),
    stay("bo", at(5), at(25)), // two instances at once: [5, 35) = 30 min
    stay("bo", at(20), at(35)),
    stay("cy", at(10), at(30)), // the server restarts at 00:00; back at 00:02, still inside at the end: 20 + 28 = 48
    stay("cy", at(32), null),
    stay("di", at(-10), at(3)), // joined before the start: 3 min, an early leaver
    stay("ed", at(-30), null), // inside from before the start to the end: 60
    stay("fu", at(-90), at(-30)), // wholly before: not an attendee
  ];
  const log = new StatsLog();
  log.join("cy", at(10));
  log.add("cy", "leave", { reason: "restart" }, at(30), false);
  log.join("cy", at(32));
  log.say("ada", "l1", "hello everyone", at(20));
  log.say("bo", "l2", "I hate this, terrible", at(40));
  log.react("cy", at(40) + 1000);
  log.say("ed", "l3", "great talk", at(41));
  const { report, members } = rollup(log, presence, end, end + HOUR, { returningMembers: new Set(["ada", "ed", "fu"]) });

  it("counts attendance once per member, new and returning", () => {
    expect(report.attendance).toEqual({ members: 5, newMembers: 3, returningMembers: 2 });
    expect(report.asOf).toBe(end);
    expect(report.durationMs).toBe(HOUR);
  });

  it("dwell: merged stays, mean, median, p90, early leavers and the histogram", () => {
    expect(report.dwell.meanMs).toBe((176 / 5) * MINUTE);
    expect(report.dwell.medianMs).toBe(35 * MINUTE);
    expect(report.dwell.p90Ms).toBe(60 * MINUTE);
    expect(report.dwell.earlyLeavers).toBe(1);
    expect(report.dwell.earlyLeaverShare).toBe(0.2);
    expect(report.dwell.histogram.map((slot) => slot.members)).toEqual([0, 1, 0, 0, 3, 1, 0]);
    const edges: Array<number | null> = [1, 5, 15, 30, 60, 120].map((m) => m * MINUTE);
    expect(report.dwell.histogram.map((slot) => slot.upToMs)).toEqual([...edges, null]);
  });

  it("concurrency: the peak, when it was first reached, and each minute's maximum", () => {
    expect(report.concurrency.peak).toBe(4);
    expect(report.concurrency.peakAt).toBe(at(15));
    const expected = [
      ...Array<number>(3).fill(3),
      ...Array<number>(2).fill(2),
      ...Array<number>(10).fill(3),
      ...Array<number>(15).fill(4),
      3,
      3,
      4,
      4,
      4,
      ...Array<number>(5).fill(3),
      ...Array<number>(20).fill(2),
    ];
    expect(report.concurrency.series).toEqual({ start: LATE, bucketMs: MINUTE, values: expected });
  });

  it("interactions exclude join and leave; hours are UTC weekday × hour across midnight", () => {
    expect(report.interactions.total).toBe(4);
    expect(report.interactions.byKind).toEqual({ chat: 3, reaction: 1 });
    expect(report.interactions.byGroup.chat).toBe(3);
    expect(report.interactions.byGroup.reactions).toBe(1);
    expect(report.interactions.byGroup.other).toBe(0);
    expect(report.interactions.interactingMembers).toBe(4);
    expect(report.interactions.interactedShare).toBe(0.8);
    expect(report.interactions.perMemberMinute).toBeCloseTo(4 / 176, 12);
    expect(report.interactions.series.reactions.values[40]).toBe(1);
    expect(report.hours[1 * 24 + 23]).toBe(1);
    expect(report.hours[2 * 24 + 0]).toBe(3);
    expect(report.hours.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("chat: lines, chatters, negative lines and the series", () => {
    expect(report.chat.lines).toBe(3);
    expect(report.chat.chatters).toBe(3);
    expect(report.chat.negativeLines).toBe(1);
    const values = Array<number>(60).fill(0);
    values[20] = 1;
    values[40] = 1;
    values[41] = 1;
    expect(report.chat.series.values).toEqual(values);
    expect(report.interactions.series.chat.values).toEqual(values);
  });

  it("one member row per attendee: first join, last leave (an open stay ends with the session), dwell, returning", () => {
    const cy = members.find((member) => member.memberId === "cy");
    expect(cy).toMatchObject({ firstJoinedAt: at(10), lastLeftAt: end, dwellMs: 48 * MINUTE, interactions: 1, returning: false });
    const ed = members.find((member) => member.memberId === "ed");
    expect(ed).toMatchObject({ firstJoinedAt: LATE, lastLeftAt: end, dwellMs: 60 * MINUTE, interactions: 1, returning: true, name: "ed name" });
    expect(members.map((member) => member.memberId).sort()).toEqual(["ada", "bo", "cy", "di", "ed"]);
  });
});

describe("live and empty sessions", () => {
  it("a live session counts to now, and open stays have no last leave", () => {
    const log = new StatsLog();
    log.say("ada", "l1", "hi", at(5));
    const now = at(20) + 30_000;
    const { report, members } = rollup(log, [stay("ada", at(0), null), stay("bo", at(2), at(12))], null, now);
    expect(report.endedAt).toBeNull();
    expect(report.asOf).toBe(now);
    expect(report.durationMs).toBe(20.5 * MINUTE);
    expect(report.concurrency.series.values).toHaveLength(21);
    expect(members.find((member) => member.memberId === "ada")).toMatchObject({ lastLeftAt: null, dwellMs: 20.5 * MINUTE });
    expect(members.find((member) => member.memberId === "bo")).toMatchObject({ lastLeftAt: at(12), dwellMs: 10 * MINUTE });
  });

  it("an empty session has one empty bucket and no shares", () => {
    const { report, members } = rollup(new StatsLog(), [], LATE, LATE + HOUR);
    expect(members).toEqual([]);
    expect(report.attendance).toEqual({ members: 0, newMembers: 0, returningMembers: 0 });
    expect(report.concurrency).toEqual({ peak: 0, peakAt: null, series: { start: LATE, bucketMs: MINUTE, values: [0] } });
    expect(report.dwell).toMatchObject({ meanMs: 0, medianMs: 0, p90Ms: 0, earlyLeavers: 0, earlyLeaverShare: null });
    expect(report.interactions).toMatchObject({ total: 0, interactingMembers: 0, interactedShare: null, perMemberMinute: null });
    expect(report.questions).toEqual({ asked: 0, answered: 0, answerRate: null, medianAnswerMs: null, upvotes: 0 });
    expect(report.polls).toEqual({ polls: [], meanParticipation: null, quizzes: 0 });
    expect(report.moderation).toMatchObject({ flagged: 0, flaggedPer100Lines: null, medianResponseMs: null, unanswered: 0, actionsTotal: 0, actionsPer100Members: null });
    expect(report.tree).toEqual({ growth: 0, goal: 100, reachedAt: null, series: { start: LATE, bucketMs: MINUTE, values: [0] } });
    expect(report.growth).toMatchObject({ points: 0, energyGiven: 0, energyPerMember: null, badges: {} });
    expect(report.hotWords).toEqual([]);
    expect(report.hours).toEqual(Array<number>(168).fill(0));
    expect(report.hunt).toBeNull();
  });
});

describe("the salon's figures", () => {
  const end = at(60);
  const presence = [stay("ada", at(0), at(60)), stay("bo", at(0), at(10)), stay("cy", at(20), at(60)), stay("di", at(50), at(60))];

  it("questions: asked, answered by a host, answer rate, median time to the first answer, upvotes", () => {
    const log = new StatsLog();
    const q1 = log.askText("ada", "why oak", at(0));
    const q2 = log.askText("bo", "why pine", at(1));
    const q3 = log.askText("cy", "why ginkgo", at(2));
    log.upvote("bo", q1, at(3));
    log.upvote("bo", q1, at(4));
    log.upvote("cy", q1, at(4));
    log.moderate("host", q1, "answer", at(2));
    log.moderate("host", q1, "unanswer", at(3));
    log.moderate("host", q1, "answer", at(5));
    log.moderate("host", q2, "answer", at(5));
    log.moderate("host", q3, "answer", at(6));
    log.moderate("host", q3, "unanswer", at(7));
    const { report } = rollup(log, presence, end, end);
    expect(report.questions.asked).toBe(3);
    expect(report.questions.answered).toBe(2);
    expect(report.questions.answerRate).toBeCloseTo(2 / 3, 12);
    // q1: 2 min to its first answer; q2: 4 min.
    expect(report.questions.medianAnswerMs).toBe(3 * MINUTE);
    expect(report.questions.upvotes).toBe(2);
  });

  it("polls: voters over members present while open; a newer poll and a time limit close one", () => {
    const log = new StatsLog();
    const p1 = log.timedPoll("host", "single", null, at(5));
    log.vote("ada", p1, ["o0"], at(6));
    log.vote("cy", p1, ["o1"], at(21));
    log.vote("cy", p1, ["o0"], at(22));
    log.closePoll("host", p1, at(25));
    const p2 = log.timedPoll("host", "quiz", 10 * MINUTE, at(30));
    log.vote("ada", p2, ["o0"], at(31));
    const p3 = log.timedPoll("host", "open", null, at(45));
    log.answerText("ada", p3, "more trees", at(46));
    log.answerText("di", p3, "shade", at(51));
    const p4 = log.timedPoll("host", "single", null, at(52));
    const { report } = rollup(log, presence, end, end);
    const byId = new Map(report.polls.polls.map((poll) => [poll.pollId, poll]));
    expect(byId.get(p1)).toMatchObject({ kind: "single", openedAt: at(5), voters: 2, present: 3, participation: 2 / 3 });
    expect(byId.get(p2)).toMatchObject({ kind: "quiz", voters: 1, present: 2, participation: 0.5 });
    expect(byId.get(p3)).toMatchObject({ kind: "open", voters: 2, present: 3, participation: 2 / 3 });
    expect(byId.get(p4)).toMatchObject({ voters: 0, present: 3, participation: 0 });
    expect(report.polls.meanParticipation).toBeCloseTo((2 / 3 + 0.5 + 2 / 3 + 0) / 4, 12);
    expect(report.polls.quizzes).toBe(1);
    expect(report.hotWords.map((word) => word.word)).toEqual(expect.arrayContaining(["trees", "shade"]));
  });

  it("a debate's stances at the end of before and at the end, and the swing", () => {
    const log = new StatsLog();
    const d = log.debate("host", at(0));
    log.stance("ada", d, 0, at(1));
    log.stance("bo", d, 0, at(1));
    log.stance("cy", d, 1, at(2));
    log.stance("bo", d, 1, at(3));
    log.phase("host", d, "discussion", at(4));
    log.stance("di", d, 0, at(5));
    log.phase("host", d, "after", at(6));
    log.stance("ada", d, 0, at(7));
    log.stance("bo", d, 0, at(7));
    log.stance("cy", d, 0, at(8));
    log.stance("di", d, 1, at(8));
    log.phase("host", d, "closed", at(9));
    log.stance("ada", d, 1, at(10));
    const { report } = rollup(log, presence, end, end);
    // Side 0 held 1 of 3 before and 3 of 4 after: 75 − 33.3 = 41.7 points.
    expect(report.debates).toEqual([{ debateId: d, motion: "Trees first", sides: ["yes", "no"], before: [1, 2], after: [3, 1], swing: 41.7 }]);
  });

  it("speakers and check-ins", () => {
    const log = new StatsLog();
    log.invite("host", "bo", at(3));
    log.invite("host", "bo", at(8));
    log.invite("host", "cy", at(25));
    const c = log.openCheckIn("host", at(1));
    log.checkIn("ada", c, at(2));
    log.checkIn("cy", c, at(21));
    const { report } = rollup(log, presence, end, end, { names: new Map([["bo", "Bo"]]) });
    expect(report.speakers).toEqual([
      { memberId: "bo", name: "Bo", invitedAt: at(3) },
      // No name in the context: the name the log last gave (cy's check-in).
      { memberId: "cy", name: "cy name", invitedAt: at(25) },
    ]);
    expect(report.checkIns).toEqual({ opened: 1, checkedIn: 2, share: 0.5 });
  });
});

describe("moderation", () => {
  const end = at(60);
  const presence = [stay("ada", at(0), end), stay("bo", at(0), end), stay("cy", at(0), end), stay("di", at(0), end)];
  const log = new StatsLog();
  log.say("ada", "l1", "first", at(1));
  log.say("bo", "l2", "second", at(2));
  log.say("cy", "l3", "third", at(3));
  log.say("di", "l4", "fourth", at(4));
  // Flagged, whispered with the flag after 2 min, then handled (the first response stays the whisper).
  const f1 = log.flag("bo", "l2", at(10));
  log.whisper("host", "bo", f1, at(12));
  log.handled("host", f1, at(13));
  // Reported, then flagged too (one queued line, two flagged rows), deleted after 6 min.
  log.report("cy", "l1", "ada", at(20));
  log.flag("ada", "l1", at(21));
  log.deleteLine("host", "l1", "ada", at(26));
  // Reported, its author muted a minute later.
  log.report("ada", "l4", "di", at(30));
  log.mute("host", "di", at(31));
  // Flagged and never answered.
  log.flag("cy", "l3", at(40));
  log.lock("host", true, at(41));
  log.slowMode("host", 5, at(42));
  log.unmute("host", "di", at(43));
  log.offence("bo", at(44));
  const { report } = rollup(log, presence, end, end);

  it("flags per 100 lines, the median first response and the unanswered", () => {
    expect(report.moderation.flagged).toBe(5);
    expect(report.moderation.flaggedPer100Lines).toBe(125);
    expect(report.moderation.medianResponseMs).toBe(2 * MINUTE);
    expect(report.moderation.unanswered).toBe(1);
  });

  it("host acts, by the moderation log's names, per 100 members", () => {
    expect(report.moderation.actions).toEqual({ whisper: 1, handled: 1, deleteLine: 1, mute: 1, lock: 1, slowMode: 1, unmute: 1 });
    expect(report.moderation.actionsTotal).toBe(7);
    expect(report.moderation.actionsPer100Members).toBe(175);
  });

  it("unlocking is its own act; a session of exactly five minutes is no early leave", () => {
    const more = new StatsLog();
    more.lock("host", true, at(1));
    more.lock("host", false, at(2));
    const result = rollup(more, [stay("ada", at(0), at(5)), stay("bo", at(0), at(5) - 1)], end, end).report;
    expect(result.moderation.actions).toEqual({ lock: 1, unlock: 1 });
    expect(result.dwell.earlyLeavers).toBe(1);
    expect(result.dwell.histogram.map((slot) => slot.members)).toEqual([0, 1, 1, 0, 0, 0, 0]);
  });

  it("a flag handed on or removed author counts as answered", () => {
    const more = new StatsLog();
    const f = more.flag("bo", "l9", at(1));
    more.handOn("host", f, at(4));
    more.report("ada", "l8", "cy", at(5));
    more.remove("host", "cy", at(10));
    const result = rollup(more, presence, end, end).report.moderation;
    expect(result.medianResponseMs).toBe(4 * MINUTE);
    expect(result.unanswered).toBe(0);
    expect(result.actions).toEqual({ handedOn: 1, remove: 1 });
  });
});

describe("the hunt's funnel", () => {
  it("started → per clue → completed, real clues by place, vouchers", () => {
    const hunt: HuntInput = {
      huntId: "h1",
      clues: [
        { id: "c1", name: "Gate", kind: "venue", place: null },
        { id: "c2", name: "Bell", kind: "real", place: "Old Town" },
        { id: "c3", name: "Well", kind: "real", place: "Old Town" },
        { id: "c4", name: "Pier", kind: "real", place: "Harbour" },
      ],
      claims: [
        { clueId: "c1", claimer: "ada", status: "found", revealedAt: at(1), foundAt: at(2) },
        { clueId: "c2", claimer: "ada", status: "found", revealedAt: at(3), foundAt: at(4) },
        { clueId: "c1", claimer: "bo", status: "revealed", revealedAt: at(3), foundAt: null },
        { clueId: "c2", claimer: "cy", status: "revealed", revealedAt: at(5), foundAt: null },
        { clueId: "c4", claimer: "cy", status: "found", revealedAt: at(6), foundAt: at(7) },
      ],
      vouchers: [
        { clueId: "c2", issuedAt: at(4), redeemedAt: at(20) },
        { clueId: "c4", issuedAt: at(7), redeemedAt: null },
        { clueId: "c2", issuedAt: at(8), redeemedAt: null },
      ],
    };
    const log = new StatsLog();
    log.clue("ada", "c1", at(2));
    log.clue("ada", "c2", at(4));
    log.completed("ada", 1, at(10));
    log.completed("bo", 1, at(11), { huntId: "other" });
    const { report } = rollup(log, [], at(60), at(60), { hunt });
    expect(report.hunt).toEqual({
      huntId: "h1",
      started: 3,
      completed: 1,
      completionRate: 1 / 3,
      clues: [
        { clueId: "c1", name: "Gate", kind: "venue", place: null, revealed: 2, found: 1 },
        { clueId: "c2", name: "Bell", kind: "real", place: "Old Town", revealed: 2, found: 1 },
        { clueId: "c3", name: "Well", kind: "real", place: "Old Town", revealed: 0, found: 0 },
        { clueId: "c4", name: "Pier", kind: "real", place: "Harbour", revealed: 1, found: 1 },
      ],
      places: [
        { place: "Old Town", clues: 2, found: 1 },
        { place: "Harbour", clues: 1, found: 1 },
      ],
      vouchersIssued: 3,
      vouchersRedeemed: 1,
    });
    expect(report.interactions.byGroup.hunt).toBe(4);
  });
});

describe("growth from the ledger", () => {
  // ada: 10 minutes present (10), a chat line (2), energy from bo on it (4) = 16; bo: 3 minutes present (3). Growth 19.
  const log = new StatsLog();
  log.join("ada", at(0));
  log.join("bo", at(0));
  log.say("ada", "l1", "hello", at(1));
  log.energy("bo", "chat", "l1", "ada", at(2));
  log.leave("bo", at(3));
  log.leave("ada", at(10));
  const end = at(10);
  const presence = [stay("ada", at(0), at(10)), stay("bo", at(0), at(3))];
  const { report, members } = rollup(log, presence, end, end, { collectibles: 2, promotions: { explorer: 1 }, treeGoal: 15 });

  it("points, the tree and its series, energy and badges", () => {
    expect(report.tree.growth).toBe(19);
    expect(report.tree.goal).toBe(15);
    // Growth at each minute's end: ada's presence minute by minute, her line in minute 1, bo's energy at 2, bo's 3 minutes.
    expect(report.tree.series.values).toEqual([4, 10, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(report.growth).toEqual({ points: 19, energyGiven: 1, energyPerMember: 0.5, badges: { firstSteps: 2 }, collectibles: 2, promotions: { explorer: 1 } });
    expect(members.find((member) => member.memberId === "ada")?.points).toBe(16);
    expect(members.find((member) => member.memberId === "bo")?.points).toBe(3);
  });

  it("agrees with the ledger's own functions on the same rows", () => {
    const ledger = foldRows(createLedger("s1"), log.rows);
    expect(report.tree.growth).toBe(treeGrowth(ledger, end));
    for (const tally of tallies(ledger, end)) expect(members.find((member) => member.memberId === tally.memberId)?.points).toBe(tally.points);
    const badges: Record<string, number> = {};
    for (const summary of summarise(ledger, end, { eventId: "e1", startedAt: LATE }).values()) for (const { badge } of earnBadges([summary])) badges[badge] = (badges[badge] ?? 0) + 1;
    expect(report.growth.badges).toEqual(badges);
    expect(report.tree.series.values.at(-1)).toBe(treeGrowth(ledger, end));
  });

  it("the goal's moment is the ledger's", () => {
    const more = new StatsLog();
    more.goal("host", at(4));
    more.goal("host", at(6));
    expect(rollup(more, [], end, end).report.tree.reachedAt).toBe(at(4));
  });
});

describe("edges of the log", () => {
  it("a flagged question is its own queued line; a whisper naming an unknown flag answers nothing", () => {
    const log = new StatsLog();
    const q = log.askText("ada", "why", at(0));
    log.add("ada", "lineFlagged", { source: "question", refId: q, name: "ada name", text: "why", tags: ["help"], triggers: [] }, at(1), true);
    log.flag("ada", q, at(2));
    log.whisper("host", "ada", "f999", at(3));
    const moderation = rollup(log, [], at(10), at(10)).report.moderation;
    expect(moderation.flagged).toBe(2);
    expect(moderation.unanswered).toBe(2);
    expect(moderation.medianResponseMs).toBeNull();
    expect(moderation.flaggedPer100Lines).toBeNull();
  });

  it("rows stamped before the start or after the end count in the first and last buckets", () => {
    const log = new StatsLog();
    log.react("ada", at(-3));
    log.react("ada", at(12));
    const series = rollup(log, [], at(10), at(10)).report.interactions.series.reactions.values;
    expect(series).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("buckets of several minutes sum their minutes", () => {
    const log = new StatsLog();
    log.react("ada", at(0));
    log.react("ada", at(1));
    log.react("ada", at(2));
    log.react("ada", at(239));
    const { report } = rollup(log, [stay("ada", at(0), at(240))], at(240), at(240));
    expect(report.interactions.series.reactions.bucketMs).toBe(2 * MINUTE);
    expect(report.interactions.series.reactions.values.slice(0, 2)).toEqual([2, 1]);
    expect(report.interactions.series.reactions.values.at(-1)).toBe(1);
    expect(report.concurrency.series.values).toEqual(Array<number>(120).fill(1));
  });
});

describe("rows the fold must survive", () => {
  it("skips null details, other sessions, duplicates and missing members; counts unknown kinds as other", () => {
    const log = new StatsLog();
    log.say("ada", "l1", "hello", at(1));
    log.say("ada", "l1", "hello", at(1));
    log.add("ada", "chat", null, at(2), false);
    log.add("ada", "reaction", "👏", at(2), false);
    log.add("", "reaction", { emoji: "👏" }, at(2), false);
    log.add("ada", "brandNew", { anything: 1 }, at(3), false);
    const q = log.askText("bo", "why", at(4));
    const copy = { ...log.rows.at(-1)!, id: 50 };
    log.rows.push(copy);
    log.add("bo", "questionUpvoted", { questionId: q }, at(5), false);
    const rows: LogRow[] = [...log.rows, { id: 99, sessionId: "s2", memberId: "cy", at: at(6), seq: null, kind: "chat", detail: { text: "elsewhere" } }];
    const fold = foldSessionRows(createSessionFold("s1", LATE), rows);
    expect(fold.lastRowId).toBe(50);
    const { report } = sessionRollup(fold, [], contextFor(LATE, at(10)), at(10));
    expect(report.interactions.byKind).toEqual({ chat: 1, brandNew: 1, questionAsked: 1 });
    expect(report.interactions.byGroup.other).toBe(1);
    expect(report.questions.asked).toBe(1);
    expect(report.questions.upvotes).toBe(0);
  });
});
