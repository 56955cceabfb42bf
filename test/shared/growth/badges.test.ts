import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BADGE_RULES, earnBadges } from "../../../shared/rules/growth/badges.js";
import { createLedger, foldRows, summarise } from "../../../shared/rules/growth/ledger.js";
import { BADGES, type Badge, type MemberSessionSummary } from "../../../shared/rules/growth/types.js";
import { LogBuilder } from "./logRows.js";
import { DAY, summary, type SummaryInput } from "./memberSummary.js";

const T1 = 100 * DAY;
const T2 = 101 * DAY;
const T3 = 102 * DAY;

const held = (history: readonly MemberSessionSummary[], badge: Badge, context: Parameters<typeof earnBadges>[1] = {}) =>
  earnBadges(history, context).find((earned) => earned.badge === badge);

/** Each badge read from one session's facts: just below its condition, and meeting it. */
const PER_SESSION: [Badge, SummaryInput, SummaryInput][] = [
  ["firstQuestion", { asked: 0 }, { asked: 1 }],
  ["topQuestion", { topQuestion: false }, { topQuestion: true }],
  ["stageSpeaker", { spoke: false }, { spoke: true }],
  ["quizChampion", { quizChampion: false, quizCorrect: 5 }, { quizChampion: true, quizCorrect: 2 }],
  ["debateSwing", { swung: false }, { swung: true }],
  ["checkInStreak", { checkInStreak: 2 }, { checkInStreak: 3 }],
  ["helper", { answered: 0 }, { answered: 1 }],
  ["spark", { bestEnergy: 4 }, { bestEnergy: 5 }],
  ["energiser", { energyGiven: 4 }, { energyGiven: 5 }],
  ["gardener", { gardener: false }, { gardener: true }],
  ["headGardener", { headGardener: false, gardener: true }, { headGardener: true, gardener: true }],
  ["huntFinisher", { huntsCompleted: 0 }, { huntsCompleted: 1 }],
  ["fastestHunter", { fastestHunter: false, huntsCompleted: 1 }, { fastestHunter: true, huntsCompleted: 1 }],
  ["cityExplorer", { cityExplorer: false }, { cityExplorer: true }],
];

describe("earnBadges: one session's facts", () => {
  it.each(PER_SESSION)("earns %s at the first session whose facts meet it", (badge, below, meets) => {
    const history = [summary("s1", T1, below), summary("s2", T2, meets), summary("s3", T3, meets)];
    expect(held(history, badge)).toEqual({ badge, at: T2, sessionId: "s2" });
  });

  it.each(PER_SESSION)("does not earn %s just below its condition", (badge, below) => {
    expect(held([summary("s1", T1, below), summary("s2", T2, below)], badge)).toBeUndefined();
  });

  it("earns firstSteps at the first session attended, and nothing at all without one", () => {
    expect(held([summary("s2", T2), summary("s1", T1)], "firstSteps")).toEqual({ badge: "firstSteps", at: T1, sessionId: "s1" });
    expect(earnBadges([], {})).toEqual([]);
  });
});

describe("earnBadges: across sessions", () => {
  it("earns voter at the session whose votes bring the running total to 10", () => {
    const history = [summary("s1", T1, { votes: 4 }), summary("s2", T2, { votes: 5 }), summary("s3", T3, { votes: 1 })];
    expect(held(history, "voter")).toEqual({ badge: "voter", at: T3, sessionId: "s3" });
    expect(held(history.slice(0, 2), "voter")).toBeUndefined();
  });

  it("earns regular at the third distinct session, counting a session given twice once", () => {
    expect(held([summary("s1", T1), summary("s2", T2), summary("s3", T3)], "regular")).toEqual({ badge: "regular", at: T3, sessionId: "s3" });
    expect(held([summary("s1", T1), summary("s2", T2), summary("s2", T2)], "regular")).toBeUndefined();
  });

  describe("fiveSessionStreak", () => {
    const list = ["a", "b", "c", "d", "e", "f", "g"];
    const at = (id: string): number => T1 + list.indexOf(id) * DAY;
    const attended = (ids: string[], eventId = "e1") => ids.map((id) => summary(id, at(id), { eventId }));

    it("is earned at the fifth of five sessions of one event in a row", () => {
      const history = attended(["a", "b", "c", "d", "e", "f"]);
      expect(held(history, "fiveSessionStreak", { eventSessions: { e1: list } })).toEqual({ badge: "fiveSessionStreak", at: at("e"), sessionId: "e" });
    });

    it("is not earned with four in a row, nor when a missed session breaks the run", () => {
      expect(held(attended(["a", "b", "c", "d"]), "fiveSessionStreak", { eventSessions: { e1: list } })).toBeUndefined();
      expect(held(attended(["a", "b", "c", "d", "f", "g"]), "fiveSessionStreak", { eventSessions: { e1: list } })).toBeUndefined();
    });

    it("counts a run that starts after a miss", () => {
      const history = attended(["a", "c", "d", "e", "f", "g"]);
      expect(held(history, "fiveSessionStreak", { eventSessions: { e1: list } })?.sessionId).toBe("g");
    });

    it("is not earned without the event's list of sessions, nor from another event's sessions", () => {
      expect(held(attended(["a", "b", "c", "d", "e"]), "fiveSessionStreak")).toBeUndefined();
      expect(held(attended(["a", "b", "c", "d", "e"], "e2"), "fiveSessionStreak", { eventSessions: { e1: list } })).toBeUndefined();
    });

    it("is earned at the earliest run of any event", () => {
      const other = ["p", "q", "r", "s", "t"].map((id, i) => summary(id, T1 + i * DAY + 3_600_000, { eventId: "e2" }));
      const history = [...attended(["a", "b", "c", "d", "e"]), ...other];
      const eventSessions = { e1: list, e2: ["p", "q", "r", "s", "t"] };
      expect(held(history, "fiveSessionStreak", { eventSessions })).toEqual({ badge: "fiveSessionStreak", at: at("e"), sessionId: "e" });
      expect(held(history.filter((s) => s.sessionId !== "c"), "fiveSessionStreak", { eventSessions })?.sessionId).toBe("t");
    });
  });

  it("earns firstEvangelist where the context says, and not without it", () => {
    const history = [summary("s1", T1)];
    expect(held(history, "firstEvangelist", { firstEvangelistAt: { at: T1 + 5, sessionId: "s1" } })).toEqual({ badge: "firstEvangelist", at: T1 + 5, sessionId: "s1" });
    expect(held(history, "firstEvangelist", { firstEvangelistAt: null })).toBeUndefined();
    expect(held([summary("s1", T1, { topQuestion: true, gardener: true, headGardener: true })], "firstEvangelist")).toBeUndefined();
  });

  it("leaves out sessions that start after now", () => {
    const history = [summary("s1", T1), summary("s2", T2, { asked: 2 })];
    expect(held(history, "firstQuestion", { now: T2 - 1 })).toBeUndefined();
    expect(held(history, "firstQuestion", { now: T2 })?.sessionId).toBe("s2");
  });

  it("lists each badge once, by time then in the table's order", () => {
    const history = [summary("s1", T1, { asked: 1, spoke: true }), summary("s2", T2, { asked: 3, answered: 2 })];
    expect(earnBadges(history, {})).toEqual([
      { badge: "firstSteps", at: T1, sessionId: "s1" },
      { badge: "firstQuestion", at: T1, sessionId: "s1" },
      { badge: "stageSpeaker", at: T1, sessionId: "s1" },
      { badge: "helper", at: T2, sessionId: "s2" },
    ]);
  });

  it("gives the same badges for any order of the history", () => {
    const history = [
      summary("s1", T1, { votes: 6, asked: 1 }),
      summary("s2", T2, { votes: 6, spoke: true, checkInStreak: 3 }),
      summary("s3", T3, { bestEnergy: 7, gardener: true }),
      summary("s4", T3, { energyGiven: 5 }),
    ];
    const expected = earnBadges(history, {});
    fc.assert(
      fc.property(fc.shuffledSubarray(history, { minLength: history.length }), (shuffled) => {
        expect(earnBadges(shuffled, {})).toEqual(expected);
      }),
    );
  });
});

describe("earnBadges: hunts, from the log's rows", () => {
  /** The badges `member` holds after one session of these rows. */
  function badgesAfter(write: (log: LogBuilder) => void, member: string): Badge[] {
    const log = new LogBuilder();
    write(log);
    const mine = summarise(foldRows(createLedger("s1"), log.rows), T1 + DAY, { eventId: "e1", startedAt: T1 }).get(member);
    return mine === undefined ? [] : earnBadges([mine]).map((earned) => earned.badge);
  }

  it("earns cityExplorer with a clue whose reward carries the badge, and not with one that does not", () => {
    expect(badgesAfter((log) => log.clue("ada", "c1", T1, { badge: true, channel: "scan" }), "ada")).toContain("cityExplorer");
    expect(badgesAfter((log) => log.clue("ada", "c1", T1, { badge: false, channel: "scan" }), "ada")).not.toContain("cityExplorer");
  });

  it("earns huntFinisher with any completion, and fastestHunter only with rank 1", () => {
    const write = (log: LogBuilder): void => {
      log.completed("ada", 1, T1);
      log.completed("lin", 2, T1 + 1);
    };
    expect(badgesAfter(write, "ada")).toEqual(expect.arrayContaining(["huntFinisher", "fastestHunter"]));
    expect(badgesAfter(write, "lin")).toContain("huntFinisher");
    expect(badgesAfter(write, "lin")).not.toContain("fastestHunter");
  });
});

describe("BADGE_RULES", () => {
  it("names every badge, with rare ones for the explainer", () => {
    expect(Object.keys(BADGE_RULES).sort()).toEqual([...BADGES].sort());
    expect(BADGES.filter((badge) => BADGE_RULES[badge].rare)).toEqual(["topQuestion", "quizChampion", "fiveSessionStreak", "spark", "headGardener", "firstEvangelist", "fastestHunter"]);
  });
});
