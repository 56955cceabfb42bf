import { POINT_KINDS, type PointKind, type PointRule, type PointsTable } from "./types.js";

/**
 * The one table of points (docs/growth.md, "Points"): what each kind of participation is worth, how fast it
 * diminishes and where it stops. The ledger awards from it and the explainer page prints it, so the page always
 * shows the numbers the rules use. `perDay` is twice `perSession`: two full sessions a day count in full.
 */
export const POINTS: PointsTable = {
  chat: { points: 2, fullFor: 10, perSession: 30, perDay: 60 },
  reaction: { points: 1, fullFor: 10, perSession: 10, perDay: 20 },
  question: { points: 5, fullFor: 3, perSession: 20, perDay: 40 },
  upvoteReceived: { points: 2, fullFor: 10, perSession: 30, perDay: 60 },
  pollVote: { points: 3, fullFor: 5, perSession: 20, perDay: 40 },
  quizCorrect: { points: 5, fullFor: 5, perSession: 30, perDay: 60 },
  stance: { points: 3, fullFor: 4, perSession: 12, perDay: 24 },
  speaking: { points: 10, fullFor: 2, perSession: 30, perDay: 60 },
  checkIn: { points: 5, fullFor: 2, perSession: 10, perDay: 20 },
  helpful: { points: 8, fullFor: 3, perSession: 32, perDay: 64 },
  energyReceived: { points: 4, fullFor: 5, perSession: 30, perDay: 60 },
  // A clue found is worth the row's own points (the clue's, plus a blind box's reward); `points` here is only what
  // the explainer shows as a typical clue. The run at full value and both caps hold as for any kind.
  clueFound: { points: 5, fullFor: 5, perSession: 40, perDay: 80 },
  huntCompleted: { points: 20, fullFor: 1, perSession: 30, perDay: 60 },
  presence: { points: 1, fullFor: 30, perSession: 30, perDay: 60 },
};

/** The order the explainer page lists the kinds in (the table's own order). */
export const POINT_ORDER: readonly PointKind[] = POINT_KINDS;

/**
 * The n-th award of a kind in a session (n from 0): full value for the first `fullFor`, then half, a quarter …,
 * rounded down, so a flood of one kind soon earns nothing. `full` is the full value: the rule's `points`, except for
 * an award that carries its own (a clue found is worth what its hunt set for it), which diminishes alike.
 */
export function awardFor(rule: PointRule, n: number, full: number = rule.points): number {
  const halvings = Math.max(0, Math.floor(n / rule.fullFor));
  // Past 2^53 every value is 0 anyway; the guard keeps the division finite for huge n.
  return halvings >= 53 ? 0 : Math.floor(Math.max(0, full) / 2 ** halvings);
}

/**
 * The most one member can earn of a kind in one session: the diminishing series summed, stopped at `perSession`.
 * With `awards`, after that many awards (the explainer shows how many it takes).
 */
export function sessionMaximum(rule: PointRule, awards = Number.POSITIVE_INFINITY): number {
  let sum = 0;
  for (let n = 0; n < awards && sum < rule.perSession; n++) {
    const value = awardFor(rule, n);
    if (value === 0) break;
    sum += value;
  }
  return Math.min(sum, rule.perSession);
}

/** How many awards it takes to reach `sessionMaximum(rule)`: what the explainer calls "full after". */
export function awardsToMaximum(rule: PointRule): number {
  const most = sessionMaximum(rule);
  let sum = 0;
  let n = 0;
  while (sum < most) sum = Math.min(rule.perSession, sum + awardFor(rule, n++));
  return n;
}
