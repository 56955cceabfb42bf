import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { outstandingContributions } from "../../../shared/rules/growth/collectibles.js";
import { createLedger, foldRows, leaderboard, memberDailyPoints, memberTotals, summarise, tallies, treeGrowth } from "../../../shared/rules/growth/ledger.js";
import { POINTS } from "../../../shared/rules/growth/points.js";
import { ENERGY_PER_SESSION, POINT_KINDS, type EnergyTarget, type Ledger, type LogRow } from "../../../shared/rules/growth/types.js";
import { LogBuilder, MIDNIGHT, MINUTE } from "./logRows.js";

// Random sessions: every row kind the ledger reads, from a few members, at rising times, aimed at things opened
// earlier (by index into what exists) and sometimes at nothing; plus replayed rows and rows that do not parse.

const MEMBERS = ["m1", "m2", "m3", "m4"] as const;
const member = fc.constantFrom(...MEMBERS);
const pick = fc.nat(7);

type Op =
  | { op: "chat"; m: string; repeat: number | null }
  | { op: "react" | "join" | "leave" | "ask" | "checkIn" | "hideBoard" | "invite"; m: string; i: number }
  | { op: "upvote" | "answerPoll"; m: string; i: number }
  | { op: "vote"; m: string; i: number; option: number }
  | { op: "stance"; m: string; i: number; side: 0 | 1 }
  | { op: "energy"; m: string; target: EnergyTarget; i: number; wrongAuthor: boolean }
  | { op: "hide" | "unhide" | "answerQuestion" | "deleteLine" | "helpful" | "phase"; i: number; phase: "before" | "discussion" | "after" }
  | { op: "poll"; kind: "single" | "quiz" | "open"; correct: number }
  | { op: "debate" | "openCheckIn" | "goal" }
  | { op: "clue"; m: string; i: number; points: number; team: boolean; badge: boolean }
  | { op: "complete"; m: string; i: number; rank: number }
  | { op: "replay"; i: number }
  | { op: "malformed"; m: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant("chat" as const), m: member, repeat: fc.option(pick, { freq: 5 }) }) },
  {
    weight: 8,
    arbitrary: fc.record({ op: fc.constantFrom("react", "join", "leave", "ask", "checkIn", "hideBoard", "invite", "upvote", "answerPoll"), m: member, i: pick }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("vote" as const), m: member, i: pick, option: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("stance" as const), m: member, i: pick, side: fc.constantFrom(0 as const, 1 as const) }) },
  {
    weight: 5,
    arbitrary: fc.record({ op: fc.constant("energy" as const), m: member, target: fc.constantFrom("question", "chat", "speaker"), i: pick, wrongAuthor: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constantFrom("hide", "unhide", "answerQuestion", "deleteLine", "helpful", "phase"),
      i: pick,
      phase: fc.constantFrom("before", "discussion", "after"),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("poll" as const), kind: fc.constantFrom("single", "quiz", "open"), correct: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom("debate", "openCheckIn", "goal") }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant("clue" as const), m: member, i: fc.nat(19), points: fc.nat(60), team: fc.boolean(), badge: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("complete" as const), m: member, i: fc.nat(1), rank: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("replay" as const), i: fc.nat(200) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("malformed" as const), m: member }) },
);
const stepArb = fc.tuple(opArb, fc.integer({ min: 0, max: 3 * MINUTE }));

/** Picks the i-th from the end (the latest mostly), or undefined when there is none. */
const recent = <T>(items: readonly T[], i: number): T | undefined => items[items.length - 1 - (i % Math.max(1, items.length))];

/** Writes the steps as one session's log. Rows a host deletes or hides are marked, for the monotonicity property. */
function write(steps: ReadonlyArray<readonly [Op, number]>, sessionId = "s1", start = MIDNIGHT, first = { id: 0, seq: 0 }): { rows: LogRow[]; takesBack: Set<LogRow> } {
  const log = new LogBuilder(sessionId, first);
  const takesBack = new Set<LogRow>();
  const lines: Array<{ id: string; author: string }> = [];
  const questions: Array<{ id: string; author: string }> = [];
  const polls: string[] = [];
  const debates: string[] = [];
  const checkIns: string[] = [];
  const found = new Set<string>();
  const finished = new Set<string>();
  let at = start;
  let next = 0;
  for (const [step, dt] of steps) {
    at += dt;
    switch (step.op) {
      case "chat": {
        const again = step.repeat === null ? undefined : recent(lines, step.repeat);
        const id = again?.id ?? `${sessionId}-l${next++}`;
        if (again === undefined) lines.push({ id, author: step.m });
        log.chat(again?.author ?? step.m, id, at);
        break;
      }
      case "react":
        log.react(step.m, at);
        break;
      case "join":
        log.join(step.m, at);
        break;
      case "leave":
        log.leave(step.m, at);
        break;
      case "ask":
        questions.push({ id: log.ask(step.m, at), author: step.m });
        break;
      case "upvote":
        log.upvote(step.m, recent(questions, step.i)?.id ?? "q0", at);
        break;
      case "checkIn":
        log.checkIn(step.m, recent(checkIns, step.i) ?? "c0", at, 1 + step.i);
        break;
      case "hideBoard":
        log.hideFromBoard(step.m, step.i % 2 === 0, at);
        break;
      case "invite":
        log.invite("host", step.m, at);
        break;
      case "answerPoll":
        log.answer(step.m, recent(polls, step.i) ?? "p0", at);
        break;
      case "vote":
        log.vote(step.m, recent(polls, step.i) ?? "p0", [`o${step.option}`], at);
        break;
      case "stance":
        log.stance(step.m, recent(debates, step.i) ?? "d0", step.side, at);
        break;
      case "energy": {
        const to = step.target === "question" ? recent(questions, step.i) : step.target === "chat" ? recent(lines, step.i) : { id: `turn:${MEMBERS[step.i % 4]}:${start}`, author: MEMBERS[step.i % 4]! };
        if (to !== undefined) log.energy(step.m, step.target, to.id, step.wrongAuthor ? "m9" : to.author, at);
        break;
      }
      case "hide":
      case "unhide":
      case "answerQuestion": {
        const q = recent(questions, step.i);
        if (q === undefined) break;
        const row = log.moderate("host", q.id, step.op === "answerQuestion" ? "answer" : step.op, at);
        if (step.op === "hide") takesBack.add(row);
        break;
      }
      case "deleteLine":
      case "helpful": {
        const line = recent(lines, step.i);
        if (line === undefined) break;
        const row = step.op === "deleteLine" ? log.deleteLine("host", line.id, line.author, at) : log.helpful("host", line.id, line.author, at);
        if (step.op === "deleteLine") takesBack.add(row);
        break;
      }
      case "phase": {
        const debate = recent(debates, step.i);
        if (debate !== undefined) log.phase("host", debate, step.phase, at);
        break;
      }
      case "poll":
        polls.push(log.poll("host", step.kind, at, step.correct));
        break;
      case "debate":
        debates.push(log.debate("host", at));
        break;
      case "openCheckIn":
        checkIns.push(log.openCheckIn("host", at));
        break;
      case "goal":
        log.goal("host", at);
        break;
      case "clue": {
        // Hunts h0 / h1, ten clues each; with teams, the member's team is fixed by who they are. The hunt service
        // writes a find once per clue and claimer (the claims table's key): a second claim is refused, no row.
        const huntId = `h${Math.floor(step.i / 10) % 2}`;
        const clueId = `c${step.i % 10}`;
        const team = step.team ? `t${MEMBERS.indexOf(step.m as (typeof MEMBERS)[number]) % 2}` : null;
        const key = `${huntId}/${clueId}/${team ?? step.m}`;
        if (found.has(key)) break;
        found.add(key);
        log.clue(step.m, clueId, at, { huntId, points: step.points, team, badge: step.badge });
        break;
      }
      case "complete":
        // Once per hunt and member, as the service completes a claimer once.
        if (finished.has(`h${step.i}/${step.m}`)) break;
        finished.add(`h${step.i}/${step.m}`);
        log.completed(step.m, step.rank, at, { huntId: `h${step.i}` });
        break;
      case "replay": {
        const earlier = log.rows[step.i % Math.max(1, log.rows.length)];
        if (earlier !== undefined) {
          log.rows.push({ ...earlier });
          if (takesBack.has(earlier)) takesBack.add(log.rows.at(-1)!);
        }
        break;
      }
      case "malformed":
        log.add(step.m, "chat", { text: "" }, at, false);
        log.add(step.m, "questionAsked", { text: "no name" }, at, true);
        break;
    }
  }
  return { rows: log.rows, takesBack };
}

const lastAt = (rows: readonly LogRow[]): number => rows.reduce((most, row) => Math.max(most, row.at), MIDNIGHT);
const tierOf = (): "explorer" => "explorer";

function everything(ledger: Ledger, now: number): unknown {
  return {
    tallies: tallies(ledger, now),
    summaries: summarise(ledger, now, { eventId: "e1", startedAt: MIDNIGHT }),
    board: leaderboard(ledger, now, [], tierOf, 100),
    ledger,
  };
}

describe("ledger properties", () => {
  it("folds rows in one go as in any split into chunks (replaying the log = the live fold)", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 120 }), fc.array(fc.nat(), { maxLength: 6 }), (steps, cuts) => {
        const { rows } = write(steps);
        const now = lastAt(rows) + MINUTE;
        const whole = foldRows(createLedger("s1"), rows);
        const live = createLedger("s1");
        const at = [...new Set(cuts.map((cut) => cut % (rows.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const to of [...at, rows.length]) {
          foldRows(live, rows.slice(from, to));
          from = to;
        }
        expect(everything(live, now)).toEqual(everything(whole, now));
      }),
      { numRuns: 150 },
    );
  });

  it("never lowers a member's points when a row is added, unless a host deletes a line or hides a question", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 80 }), (steps) => {
        const { rows, takesBack } = write(steps);
        const ledger = createLedger("s1");
        let before = new Map<string, number>();
        let now = MIDNIGHT;
        for (const row of rows) {
          now = Math.max(now, row.at);
          foldRows(ledger, [row]);
          const after = new Map(tallies(ledger, now).map((tally) => [tally.memberId, tally.points]));
          if (!takesBack.has(row)) for (const [id, points] of before) expect(after.get(id) ?? 0, `${id} after ${row.kind}`).toBeGreaterThanOrEqual(points);
          before = after;
        }
      }),
      { numRuns: 120 },
    );
  });

  it("holds every kind at perSession in a session and at perDay in a UTC day, under any sequence", () => {
    // One member floods each session with the kinds that cap soonest, among the others' random rows.
    const flood = fc.array(
      fc.tuple(fc.constantFrom("chat", "ask", "react", "checkIn", "invite", "join", "upvote", "energy", "clue", "complete"), fc.integer({ min: 0, max: MINUTE })),
      { maxLength: 150 },
    );
    const sessionArb = fc
      .tuple(fc.array(stepArb, { minLength: 20, maxLength: 100 }), flood, fc.integer({ min: 0, max: 20 * 60 * MINUTE }))
      .map(([steps, floods, offset]): [Array<readonly [Op, number]>, number] => {
        const flooded = floods.map(([op, dt]): readonly [Op, number] => {
          if (op === "chat") return [{ op, m: "m1", repeat: null }, dt];
          if (op === "upvote") return [{ op, m: MEMBERS[dt % 4]!, i: 0 }, dt];
          if (op === "energy") return [{ op, m: MEMBERS[dt % 4]!, target: "question", i: dt % 3, wrongAuthor: false }, dt];
          if (op === "clue") return [{ op, m: "m1", i: dt % 20, points: 40, team: false, badge: false }, dt];
          if (op === "complete") return [{ op, m: "m1", i: dt % 2, rank: 1 + (dt % 3) }, dt];
          return [{ op, m: "m1", i: 0 }, dt];
        });
        return [[...steps, ...flooded], offset];
      });
    fc.assert(
      fc.property(fc.array(sessionArb, { minLength: 1, maxLength: 5 }), (sessions) => {
        // A chat-heavy mix so caps are reached; sessions start anywhere in two days and may cross midnight.
        const rows = sessions.flatMap(([steps, offset], i) => write(steps, `s${i}`, MIDNIGHT + (i % 2) * 12 * 60 * MINUTE + offset, { id: i * 10_000, seq: 0 }).rows);
        const now = lastAt(rows) + MINUTE;
        for (let i = 0; i < sessions.length; i++) {
          for (const tally of tallies(foldRows(createLedger(`s${i}`), rows), now)) {
            for (const kind of POINT_KINDS) expect(tally.byKind[kind] ?? 0).toBeLessThanOrEqual(POINTS[kind].perSession);
          }
        }
        for (const m of MEMBERS) {
          const { days } = memberDailyPoints(rows, m, now);
          for (const byKind of days.values()) for (const kind of POINT_KINDS) expect(byKind[kind] ?? 0).toBeLessThanOrEqual(POINTS[kind].perDay);
          const totals = memberTotals(rows, m, now);
          expect(totals.points).toBe(Object.values(totals.byKind).reduce((sum, value) => sum + (value ?? 0), 0));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("counts one member giving energy to one contribution many times once", () => {
    const gift = fc.record({ giver: member, ref: fc.nat(3), times: fc.integer({ min: 1, max: 6 }) });
    fc.assert(
      fc.property(fc.array(gift, { minLength: 1, maxLength: 30 }), fc.boolean(), (gifts, shuffle) => {
        const log = new LogBuilder();
        const authors = ["m1", "m2", "m3", "m4"];
        const refs = authors.map((author, i) => {
          log.chat(author, `l${i}`, MIDNIGHT + i);
          return { id: `l${i}`, author };
        });
        const clicks = gifts.flatMap(({ giver, ref, times }) => Array.from({ length: times }, () => ({ giver, ref: refs[ref]! })));
        if (shuffle) clicks.reverse();
        clicks.forEach(({ giver, ref }, i) => log.energy(giver, "chat", ref.id, ref.author, MIDNIGHT + 10 + i));
        const ledger = foldRows(createLedger("s1"), log.rows);
        // What energy.ts would allow: the first gift per giver and ref, not to oneself, at most ENERGY_PER_SESSION a giver.
        const expected = new Map<string, string[]>();
        const spent = new Map<string, number>();
        for (const { giver, ref } of clicks) {
          const givers = expected.get(ref.id) ?? [];
          if (giver === ref.author || givers.includes(giver) || (spent.get(giver) ?? 0) >= ENERGY_PER_SESSION) continue;
          expected.set(ref.id, [...givers, giver]);
          spent.set(giver, (spent.get(giver) ?? 0) + 1);
        }
        for (const ref of refs) {
          const givers = ledger.energy.get(ref.id)?.givers ?? [];
          expect(givers).toEqual(expected.get(ref.id) ?? []);
          expect(new Set(givers).size).toBe(givers.length);
        }
        for (const tally of tallies(ledger, MIDNIGHT + MINUTE)) {
          const received = [...expected].filter(([id]) => refs.find((ref) => ref.id === id)?.author === tally.memberId).reduce((sum, [, givers]) => sum + givers.length, 0);
          expect(tally.counts.energyReceived ?? 0).toBe(received);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same totals, summaries and first finisher for any order of rows written at the same moment (hunt rows, chat, reactions)", () => {
    // Rows that different instances and the hunt service write on their own: nothing orders those of one moment.
    const sameMoment = fc.oneof(
      // Small points, so a member finds more than fullFor clues before the session cap and the order could matter.
      // Mostly one finder, so one member often finds more than fullFor of them in a few moments.
      {
        weight: 6,
        arbitrary: fc.record({ op: fc.constant("clue" as const), m: fc.constantFrom("m1", "m1", "m1", "m2"), i: fc.nat(19), points: fc.nat(12), team: fc.boolean(), badge: fc.boolean() }),
      },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("complete" as const), m: member, i: fc.nat(1), rank: fc.integer({ min: 1, max: 3 }) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant("chat" as const), m: member, repeat: fc.option(pick, { freq: 4 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant("react" as const), m: member, i: pick }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant("replay" as const), i: fc.nat(200) }) },
    );
    // Mostly no time between rows, so many share a moment.
    const steps = fc.array(fc.tuple(sameMoment, fc.constantFrom(0, 0, 0, MINUTE)), { minLength: 10, maxLength: 80 });
    const totals = (rows: readonly LogRow[], now: number): unknown => {
      const ledger = foldRows(createLedger("s1"), rows);
      const byMember = (a: { memberId: string }, b: { memberId: string }): number => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);
      const summaries = [...summarise(ledger, now, { eventId: "e1", startedAt: MIDNIGHT }).values()].map((summary) => ({
        memberId: summary.tally.memberId,
        points: summary.tally.points,
        byKind: summary.tally.byKind,
        counts: summary.tally.counts,
        huntsCompleted: summary.huntsCompleted,
        fastestHunter: summary.fastestHunter,
        cityExplorer: summary.cityExplorer,
      }));
      return {
        summaries: summaries.sort(byMember),
        growth: treeGrowth(ledger, now),
        daily: MEMBERS.map((m) => memberTotals(rows, m, now)),
        standouts: outstandingContributions(ledger).filter((standout) => standout.rule === "huntFirst"),
      };
    };
    fc.assert(
      fc.property(steps, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 200, maxLength: 200 }), (written, keys) => {
        const { rows } = write(written);
        const now = lastAt(rows) + MINUTE;
        // A stable sort by time of a random permutation: the moments keep their order, rows within one are shuffled.
        const shuffled = rows
          .map((row, i) => ({ row, key: keys[i % keys.length]! + Math.floor(i / keys.length) }))
          .sort((a, b) => a.row.at - b.row.at || a.key - b.key)
          .map(({ row }) => row);
        expect(totals(shuffled, now)).toEqual(totals(rows, now));
      }),
      { numRuns: 150 },
    );
  });
});
