import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSessionFold, foldSessionRows, sessionRollup } from "../../../shared/rules/stats/session.js";
import type { LogRow, PresenceRow, SessionContext } from "../../../shared/rules/stats/types.js";
import { contextFor, LATE, MINUTE, StatsLog, stay } from "./fixtures.js";

const MEMBERS = ["ada", "bo", "cy", "di", "ed"] as const;

/** One step of a random session: who does what, and how many seconds after the step before. */
const Step = fc.record({
  what: fc.constantFrom("chat", "negative", "react", "ask", "upvote", "answer", "poll", "vote", "flag", "whisper", "mute", "join", "leave", "energy", "debate", "stance", "odd"),
  who: fc.constantFrom(...MEMBERS),
  pick: fc.nat({ max: 20 }),
  seconds: fc.nat({ max: 400 }),
});
type Step = typeof Step extends fc.Arbitrary<infer T> ? T : never;

/** Writes the steps as the log a session would keep; ids refer back to earlier steps where a command needs one. */
function sessionOf(steps: readonly Step[]): { rows: LogRow[]; end: number } {
  const log = new StatsLog();
  const questions: string[] = [];
  const polls: string[] = [];
  const flags: string[] = [];
  const lines: Array<[string, string]> = [];
  const debates: string[] = [];
  let t = LATE;
  steps.forEach(({ what, who, pick, seconds }, i) => {
    t += seconds * 1000;
    const choose = <T>(list: readonly T[]): T | undefined => (list.length === 0 ? undefined : list[pick % list.length]);
    switch (what) {
      case "chat":
      case "negative":
        log.say(who, `l${i}`, what === "chat" ? `oak tree ${pick}` : "I hate this, terrible", t);
        lines.push([`l${i}`, who]);
        return;
      case "react":
        return void log.react(who, t);
      case "ask":
        return void questions.push(log.askText(who, `why tree ${pick}`, t));
      case "upvote": {
        const q = choose(questions);
        return void (q && log.upvote(who, q, t));
      }
      case "answer": {
        const q = choose(questions);
        return void (q && log.moderate("host", q, pick % 3 === 0 ? "unanswer" : "answer", t));
      }
      case "poll":
        return void polls.push(log.timedPoll("host", pick % 2 === 0 ? "single" : "open", pick % 3 === 0 ? 5 * MINUTE : null, t));
      case "vote": {
        const p = choose(polls);
        return void (p && log.vote(who, p, ["o0"], t));
      }
      case "flag": {
        const line = choose(lines);
        return void (line && flags.push(log.flag(line[1], line[0], t)));
      }
      case "whisper": {
        const f = choose(flags);
        return void (f && log.whisper("host", who, f, t));
      }
      case "mute":
        return void log.mute("host", who, t);
      case "join":
        return void log.join(who, t);
      case "leave":
        return void log.leave(who, t);
      case "energy": {
        const line = choose(lines);
        return void (line && log.energy(who, "chat", line[0], line[1], t));
      }
      case "debate":
        return void debates.push(log.debate("host", t));
      case "stance": {
        const d = choose(debates);
        return void (d && log.stance(who, d, pick % 2 === 0 ? 0 : 1, t));
      }
      case "odd":
        return void log.add(who, pick % 2 === 0 ? "brandNew" : "chat", pick % 3 === 0 ? null : { text: 5 }, t, false);
    }
  });
  return { rows: log.rows, end: t + MINUTE };
}

const Presence = fc.array(
  fc.record({ who: fc.constantFrom(...MEMBERS), from: fc.integer({ min: -10, max: 200 }), length: fc.option(fc.nat({ max: 120 }), { nil: null }) }),
  { maxLength: 12 },
);

function presenceOf(stays: ReadonlyArray<{ who: string; from: number; length: number | null }>): PresenceRow[] {
  return stays.map(({ who, from, length }) => stay(who, LATE + from * MINUTE, length === null ? null : LATE + (from + length) * MINUTE));
}

function contextOf(end: number | null): SessionContext {
  return contextFor(LATE, end, { returningMembers: new Set(["bo", "di"]) });
}

function inOneGo(rows: readonly LogRow[], presence: readonly PresenceRow[], end: number | null, now: number) {
  return sessionRollup(foldSessionRows(createSessionFold("s1", LATE), rows), presence, contextOf(end), now);
}

describe("one session's figures do not depend on how the rows arrive", () => {
  it("splitting the rows into batches never changes the rollup", () => {
    fc.assert(
      fc.property(fc.array(Step, { maxLength: 60 }), Presence, fc.array(fc.nat(), { maxLength: 5 }), (steps, stays, cuts) => {
        const { rows, end } = sessionOf(steps);
        const presence = presenceOf(stays);
        const fold = createSessionFold("s1", LATE);
        const points = [...new Set(cuts.map((cut) => cut % (rows.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const point of [...points, rows.length]) {
          foldSessionRows(fold, rows.slice(from, point));
          from = point;
        }
        expect(sessionRollup(fold, presence, contextOf(end), end)).toEqual(inOneGo(rows, presence, end, end));
      }),
      { numRuns: 60 },
    );
  });

  it("the order of presence rows never changes the rollup", () => {
    fc.assert(
      fc.property(fc.array(Step, { maxLength: 30 }), Presence.chain((stays) => fc.tuple(fc.constant(stays), fc.shuffledSubarray(stays, { minLength: stays.length, maxLength: stays.length }))), (steps, [stays, shuffled]) => {
        const { rows, end } = sessionOf(steps);
        expect(inOneGo(rows, presenceOf(shuffled), end, end)).toEqual(inOneGo(rows, presenceOf(stays), end, end));
      }),
      { numRuns: 60 },
    );
  });

  it("a live session: a rollup leaves the fold as it was, and folding on gives what one fold of all rows gives", () => {
    fc.assert(
      fc.property(fc.array(Step, { minLength: 1, maxLength: 60 }), Presence, fc.nat(), (steps, stays, cut) => {
        const { rows, end } = sessionOf(steps);
        const presence = presenceOf(stays);
        const split = cut % (rows.length + 1);
        const live = foldSessionRows(createSessionFold("s1", LATE), rows.slice(0, split));
        const early = rows[split - 1]?.at ?? LATE;
        const first = sessionRollup(live, presence, contextOf(null), early);
        expect(sessionRollup(live, presence, contextOf(null), early)).toEqual(first);
        expect(first).toEqual(inOneGo(rows.slice(0, split), presence, null, early));
        foldSessionRows(live, rows.slice(split));
        expect(sessionRollup(live, presence, contextOf(null), end)).toEqual(inOneGo(rows, presence, null, end));
        expect(sessionRollup(live, presence, contextOf(end), end + 5 * MINUTE)).toEqual(inOneGo(rows, presence, end, end));
      }),
      { numRuns: 60 },
    );
  });

  it("the tree series rises to the ledger's growth, and every series sums to its total", () => {
    fc.assert(
      fc.property(fc.array(Step, { maxLength: 60 }), Presence, (steps, stays) => {
        const { rows, end } = sessionOf(steps);
        const { report } = inOneGo(rows, presenceOf(stays), end, end);
        const tree = report.tree.series.values;
        expect(tree.at(-1)).toBe(report.tree.growth);
        for (let i = 1; i < tree.length; i++) expect(tree[i]).toBeGreaterThanOrEqual(tree[i - 1]!);
        const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
        expect(sum(Object.values(report.interactions.series).map((series) => sum(series.values)))).toBe(report.interactions.total);
        expect(sum(report.hours)).toBe(report.interactions.total);
        expect(sum(report.chat.series.values)).toBe(report.chat.lines);
        expect(sum(report.dwell.histogram.map((slot) => slot.members))).toBe(report.attendance.members);
        expect(report.concurrency.peak).toBeLessThanOrEqual(report.attendance.members);
        expect(Math.max(0, ...report.concurrency.series.values)).toBe(report.concurrency.peak);
      }),
      { numRuns: 60 },
    );
  });
});
