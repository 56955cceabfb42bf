import type { HuntLeaderboardRow } from "../../protocol/hunt.js";
import type { Claimer, Completion } from "./types.js";

/** A completion as the store keeps it: `seq` is its insertion order, which breaks ties of `at`. */
export interface CompletionRow {
  claimer: Claimer;
  at: number;
  durationMs: number;
  seq: number;
}

/** How many rows the public leaderboard shows. */
export const HUNT_LEADERBOARD_LIMIT = 20;

/**
 * Ranks completions: by time, then by insertion (two finds in one millisecond keep the order the database took
 * them in), 1-based, each rank distinct. `rank === 1` is the fastestHunter, so ties must never share it.
 */
export function rankCompletions(rows: readonly CompletionRow[]): Completion[] {
  return [...rows]
    .sort((a, b) => a.at - b.at || a.seq - b.seq)
    .map((row, index) => ({ claimer: row.claimer, at: row.at, durationMs: row.durationMs, rank: index + 1 }));
}

/** One claimer as the leaderboard sees it: their display name (a member's or a team's), clues found and completion. */
export interface ClaimerStanding {
  claimer: Claimer;
  name: string;
  team: boolean;
  memberId: string | null;
  found: number;
  completion: Completion | null;
}

function byName(a: ClaimerStanding, b: ClaimerStanding): number {
  // Code-unit order, not localeCompare: every server must list ties alike.
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.claimer < b.claimer ? -1 : a.claimer > b.claimer ? 1 : 0;
}

/**
 * The hunt's leaderboard: claimers who completed, by rank, then the rest by clues found (most first; ties by name),
 * at most `limit` rows. Every standing the caller passes is a candidate, so the caller decides who is listed.
 */
export function huntLeaderboard(standings: readonly ClaimerStanding[], limit = HUNT_LEADERBOARD_LIMIT): HuntLeaderboardRow[] {
  const completed = standings
    .filter((s): s is ClaimerStanding & { completion: Completion } => s.completion !== null)
    .sort((a, b) => a.completion.rank - b.completion.rank || byName(a, b));
  const others = standings.filter((s) => s.completion === null).sort((a, b) => b.found - a.found || byName(a, b));
  return [...completed, ...others].slice(0, Math.max(0, limit)).map((s) => ({
    name: s.name,
    team: s.team,
    memberId: s.memberId,
    found: s.found,
    completedAt: s.completion?.at ?? null,
    durationMs: s.completion?.durationMs ?? null,
    rank: s.completion?.rank ?? null,
  }));
}
