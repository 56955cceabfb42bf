import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { HUNT_LEADERBOARD_LIMIT, huntLeaderboard, rankCompletions, type ClaimerStanding } from "../../../shared/rules/hunt/leaderboard.js";
import type { Completion } from "../../../shared/rules/hunt/types.js";

describe("rankCompletions", () => {
  it("ranks by time, 1-based", () => {
    const ranked = rankCompletions([
      { claimer: "member:c", at: 300, durationMs: 30, seq: 1 },
      { claimer: "member:a", at: 100, durationMs: 10, seq: 3 },
      { claimer: "member:b", at: 200, durationMs: 20, seq: 2 },
    ]);
    expect(ranked).toEqual([
      { claimer: "member:a", at: 100, durationMs: 10, rank: 1 },
      { claimer: "member:b", at: 200, durationMs: 20, rank: 2 },
      { claimer: "member:c", at: 300, durationMs: 30, rank: 3 },
    ]);
  });

  it("breaks a tie of time by insertion, so two finds in one millisecond never share rank 1", () => {
    const ranked = rankCompletions([
      { claimer: "team:Late", at: 100, durationMs: 5, seq: 9 },
      { claimer: "team:Early", at: 100, durationMs: 50, seq: 4 },
    ]);
    expect(ranked.map((c) => [c.claimer, c.rank])).toEqual([
      ["team:Early", 1],
      ["team:Late", 2],
    ]);
  });

  it("gives distinct ranks 1..n whatever the input order, and leaves its input alone", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 0, maxLength: 30 }), fc.integer({ min: 0, max: 5 }), (seqs, spread) => {
        const rows = seqs.map((seq, i) => ({ claimer: `member:${i}`, at: (seq % (spread + 1)) * 10, durationMs: i, seq }));
        const copy = rows.map((row) => ({ ...row }));
        const ranked = rankCompletions(rows);
        expect(rows).toEqual(copy);
        expect(ranked.map((c) => c.rank)).toEqual(rows.map((_, i) => i + 1));
        for (let i = 1; i < ranked.length; i += 1) {
          const [before, after] = [ranked[i - 1] as Completion, ranked[i] as Completion];
          expect(before.at).toBeLessThanOrEqual(after.at);
        }
        expect(rankCompletions([]).length).toBe(0);
      }),
    );
  });
});

const done = (rank: number, at = rank * 1000, durationMs = rank * 100): Completion => ({ claimer: "x", at, durationMs, rank });
const standing = (name: string, found: number, completion: Completion | null = null, team = false): ClaimerStanding => ({
  claimer: team ? `team:${name}` : `member:${name}`,
  name,
  team,
  memberId: team ? null : `id-${name}`,
  found,
  completion,
});

describe("huntLeaderboard", () => {
  it("lists completed claimers by rank, then the others by clues found", () => {
    const rows = huntLeaderboard([standing("Dee", 2), standing("Bo", 5, done(2)), standing("Cy", 4), standing("Al", 5, done(1)), standing("Ed", 3)]);
    expect(rows.map((r) => r.name)).toEqual(["Al", "Bo", "Cy", "Ed", "Dee"]);
  });

  it("puts a completion before anyone with more found (a hunt shortened after others completed it)", () => {
    expect(huntLeaderboard([standing("Many", 9), standing("Done", 3, done(1))]).map((r) => r.name)).toEqual(["Done", "Many"]);
  });

  it("orders equal counts by name, so every server lists ties alike", () => {
    expect(huntLeaderboard([standing("b", 2), standing("B", 2), standing("a", 2)]).map((r) => r.name)).toEqual(["B", "a", "b"]);
  });

  it("orders completions by rank, not by name", () => {
    expect(huntLeaderboard([standing("Amy", 5, done(2)), standing("Zed", 5, done(1))]).map((r) => r.name)).toEqual(["Zed", "Amy"]);
  });

  it("orders equal names by claimer, and different names by name whatever their claimers", () => {
    const sam = (claimer: string): ClaimerStanding => ({ ...standing("Sam", 1), claimer, memberId: claimer });
    expect(huntLeaderboard([sam("member:z"), sam("member:a"), sam("member:m")]).map((r) => r.memberId)).toEqual(["member:a", "member:m", "member:z"]);
    const a = { ...standing("a", 1), claimer: "member:z" };
    const b = { ...standing("b", 1), claimer: "member:a" };
    expect(huntLeaderboard([b, a]).map((r) => r.name)).toEqual(["a", "b"]);
    expect(huntLeaderboard([a, b]).map((r) => r.name)).toEqual(["a", "b"]);
  });

  it("fills each row from the standing and its completion", () => {
    const [first, second] = huntLeaderboard([standing("Red", 1, null, true), standing("Al", 5, done(1, 5000, 1234))]);
    expect(first).toEqual({ name: "Al", team: false, memberId: "id-Al", found: 5, completedAt: 5000, durationMs: 1234, rank: 1 });
    expect(second).toEqual({ name: "Red", team: true, memberId: null, found: 1, completedAt: null, durationMs: null, rank: null });
  });

  it("shows the top 20 by default, or the limit given", () => {
    const many = Array.from({ length: 30 }, (_, i) => standing(`m${String(i).padStart(2, "0")}`, i));
    const rows = huntLeaderboard(many);
    expect(HUNT_LEADERBOARD_LIMIT).toBe(20);
    expect(rows).toHaveLength(20);
    expect(rows[0]?.name).toBe("m29");
    expect(rows[19]?.name).toBe("m10");
    expect(huntLeaderboard(many, 3).map((r) => r.name)).toEqual(["m29", "m28", "m27"]);
    expect(huntLeaderboard(many, 0)).toEqual([]);
    expect(huntLeaderboard(many.slice(0, 2), 5)).toHaveLength(2);
  });
});
