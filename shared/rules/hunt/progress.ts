import { hash32 } from "../look.js";
import type { Position } from "../movement.js";
import { CLUE_REACH_M, type Claimer, type Clue, type Hunt, type HuntRefusal } from "./types.js";

/**
 * Who a claim counts for (docs/hunts.md, "Claimer"): `team:<name>` when the hunt has teams, else `member:<id>`.
 * Null when the hunt has teams and the member is in none of them (no team yet, or one the operator has since
 * removed), so the caller refuses NEEDS_TEAM instead of crediting a team that does not exist.
 */
export function claimerOf(hunt: Hunt, memberId: string, team: string | null): Claimer | null {
  if (hunt.teams.length === 0) return `member:${memberId}`;
  if (team === null || !hunt.teams.includes(team)) return null;
  return `team:${team}`;
}

/**
 * A small seeded generator (mulberry32): uniform numbers in [0, 1), the same sequence for the same seed. The hunt's
 * orders must be stable across restarts and servers, so nothing here may read Math.random.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The clue ids in the order this claimer must follow: as listed for `ordered` (and for `free`, where the order
 * binds nothing), and for `random` a Fisher–Yates shuffle seeded by the hunt's seed and the claimer, so each
 * claimer has an order of their own that stays the same on every call. Always a permutation of the clue ids.
 */
export function orderFor(hunt: Hunt, claimer: Claimer): string[] {
  const ids = hunt.clues.map((clue) => clue.id);
  if (hunt.order !== "random") return ids;
  const random = seededRandom(hash32(`${hunt.seed}|${claimer}`));
  for (let i = ids.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const picked = ids[j] as string;
    ids[j] = ids[i] as string;
    ids[i] = picked;
  }
  return ids;
}

/** The clue this claimer must find next: the first of their order not yet found; null in a free hunt or once all are found. */
export function nextClue(hunt: Hunt, claimer: Claimer, found: ReadonlySet<string>): string | null {
  if (hunt.order === "free") return null;
  return orderFor(hunt, claimer).find((id) => !found.has(id)) ?? null;
}

/** Whether clues may be claimed at `now`: `startsAt <= now < endsAt`, a null bound open on its side. */
export function isOpen(hunt: Hunt, now: number): boolean {
  return (hunt.startsAt === null || hunt.startsAt <= now) && (hunt.endsAt === null || now < hunt.endsAt);
}

/**
 * Why this claimer may not claim `clueId` now, or null when they may. The first failing check wins, in this order:
 * the window (HUNT_NOT_OPEN), the clue (UNKNOWN_CLUE), a clue already found by the claimer (ALREADY_FOUND), and,
 * for ordered and random hunts, any clue but the claimer's next (OUT_OF_ORDER). Reach and answers are the caller's.
 */
export function checkClaim(
  hunt: Hunt,
  input: { claimer: Claimer; clueId: string; found: ReadonlySet<string>; now: number },
): HuntRefusal | null {
  if (!isOpen(hunt, input.now)) return "HUNT_NOT_OPEN";
  if (!hunt.clues.some((clue) => clue.id === input.clueId)) return "UNKNOWN_CLUE";
  if (input.found.has(input.clueId)) return "ALREADY_FOUND";
  if (hunt.order !== "free" && nextClue(hunt, input.claimer, input.found) !== input.clueId) return "OUT_OF_ORDER";
  return null;
}

/** Whether `found` covers every clue of the hunt (a hunt without clues is never complete). */
export function isComplete(hunt: Hunt, found: ReadonlySet<string>): boolean {
  return hunt.clues.length > 0 && hunt.clues.every((clue) => found.has(clue.id));
}

/** Whether a member standing at `at` may claim `clue`: a scene clue within CLUE_REACH_M on the floor; never a real clue (those are scanned). */
export function inReach(at: Position, clue: Clue): boolean {
  if (clue.where.kind !== "scene") return false;
  return Math.hypot(at.x - clue.where.x, at.z - clue.where.z) <= CLUE_REACH_M;
}
