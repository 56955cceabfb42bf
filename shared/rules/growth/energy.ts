import type { CommandOf, FeatureOutcome } from "../announcements.js";
import { own } from "../salon/slice.js";
import { ENERGY_PER_SESSION, type GrowthState } from "./types.js";

/** What a growth rule returns: the new slice (the same object when declined) and its verdict. */
export interface GrowthResult {
  state: GrowthState;
  outcome: FeatureOutcome;
}

const declined = (state: GrowthState, reason: Extract<FeatureOutcome, { applied: false }>["reason"]): GrowthResult => ({ state, outcome: { applied: false, reason } });

/**
 * Energy to a contribution, once per giver and contribution, at most ENERGY_PER_SESSION per giver a session, never to
 * oneself. The contribution's givers stay distinct, so one friend clicking many times counts once.
 */
export function giveEnergy(state: GrowthState, command: CommandOf<"energyGiven">): GrowthResult {
  const { refId, toId, toName, target } = command.detail;
  const giver = command.memberId;
  if (giver === toId) return declined(state, "SELF_ENERGY");
  // `own`: a ref or member id such as `__proto__` must read as absent, not as the prototype.
  const given = own(state.given, giver) ?? [];
  if (given.includes(refId)) return declined(state, "ALREADY_ENERGISED");
  if (given.length >= ENERGY_PER_SESSION) return declined(state, "NO_ENERGY_LEFT");
  const before = own(state.contributions, refId);
  const contribution = before ? { ...before, givers: [...before.givers, giver] } : { target, toId, toName, givers: [giver] };
  return {
    state: { ...state, given: { ...state.given, [giver]: [...given, refId] }, contributions: { ...state.contributions, [refId]: contribution } },
    outcome: { applied: true },
  };
}

/** The goal is reached once: the first command to say so keeps its moment; later ones change nothing. */
export function reachGoal(state: GrowthState, command: CommandOf<"goalReached">): GrowthResult {
  if (state.goalReachedAt !== null) return declined(state, "NOTHING_TO_CHANGE");
  return { state: { ...state, goalReachedAt: command.at, goalReached: { growth: command.detail.growth, goal: command.detail.goal } }, outcome: { applied: true } };
}

/** A member's own choice to be off (or back on) the leaderboard. */
export function hideFromLeaderboard(state: GrowthState, command: CommandOf<"leaderboardHidden">): GrowthResult {
  const hidden = state.hidden.includes(command.memberId);
  if (hidden === command.detail.hidden) return declined(state, "NOTHING_TO_CHANGE");
  return {
    state: { ...state, hidden: command.detail.hidden ? [...state.hidden, command.memberId] : state.hidden.filter((id) => id !== command.memberId) },
    outcome: { applied: true },
  };
}

/** A host marks a chat line helpful, once; the line's author is kept so badges and tiers can count it. */
export function markHelpful(state: GrowthState, command: CommandOf<"lineMarkedHelpful">): GrowthResult {
  if (Object.hasOwn(state.helpful, command.detail.lineId)) return declined(state, "NOTHING_TO_CHANGE");
  return { state: { ...state, helpful: { ...state.helpful, [command.detail.lineId]: command.detail.authorId } }, outcome: { applied: true } };
}

/** Energy the member may still give this session. */
export function energyLeft(state: GrowthState, memberId: string): number {
  return Math.max(0, ENERGY_PER_SESSION - (own(state.given, memberId)?.length ?? 0));
}
