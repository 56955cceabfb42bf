import { POINT_KINDS, TIERS, type MemberSessionSummary, type Tier, type TierMetrics, type TierProgress } from "./types.js";

/** The rolling window tiers are computed over: 90 days before the moment asked about. */
export const TIER_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;

/** The tiers above explorer: explorer has no bar, everyone holds it. */
export type RankedTier = Exclude<Tier, "explorer">;

/**
 * Each tier's two bars. A member rises to a tier when every metric meets its **promote** bar and keeps it while every
 * metric stays at or above its lower **keep** bar, so a member at the edge does not flip between tiers.
 *
 * `answered` is met by helpful answers, answered questions and hunts completed **together** (`answered +
 * huntsCompleted`): a community that runs only hunts has no Q&A to answer, and a hunt completed is help of the same
 * weight. `huntsCompleted` has a bar of its own (0 on every tier for now, so hunts alone never gate a tier).
 * Invariants (tested): on every tier keep ≤ promote metric by metric, and a higher tier's bars are at least a lower's.
 */
export const TIER_BARS: { readonly [T in RankedTier]: { readonly promote: TierMetrics; readonly keep: TierMetrics } } = {
  coCreator: {
    promote: { sessions: 3, kinds: 4, energyFrom: 3, answered: 0, huntsCompleted: 0 },
    keep: { sessions: 2, kinds: 3, energyFrom: 2, answered: 0, huntsCompleted: 0 },
  },
  evangelist: {
    promote: { sessions: 6, kinds: 6, energyFrom: 10, answered: 2, huntsCompleted: 0 },
    keep: { sessions: 4, kinds: 5, energyFrom: 6, answered: 1, huntsCompleted: 0 },
  },
};

/** Ranked tiers from the lowest: a later one that holds wins. */
const RANKED_TIERS = ["coCreator", "evangelist"] as const satisfies readonly RankedTier[];
/** The tier above each, null at the top. */
const NEXT_TIER: { readonly [T in Tier]: RankedTier | null } = { explorer: "coCreator", coCreator: "evangelist", evangelist: null };

const METRIC_KEYS = ["sessions", "kinds", "energyFrom", "answered", "huntsCompleted"] as const satisfies readonly (keyof TierMetrics)[];

/** What a metric counts towards its bar: `answered` counts hunts completed too (see TIER_BARS). */
function counted(metrics: TierMetrics, key: keyof TierMetrics): number {
  return key === "answered" ? metrics.answered + metrics.huntsCompleted : metrics[key];
}

function meets(metrics: TierMetrics, bar: TierMetrics): boolean {
  return METRIC_KEYS.every((key) => counted(metrics, key) >= bar[key]);
}

const rank = (tier: Tier): number => TIERS.indexOf(tier);

/** One summary per session: a history that holds a session twice counts it once (the first one seen). */
function distinctSessions(history: readonly MemberSessionSummary[]): MemberSessionSummary[] {
  const seen = new Set<string>();
  return history.filter((summary) => !seen.has(summary.sessionId) && (seen.add(summary.sessionId), true));
}

/** Sessions in time order, so any order in gives the same fold (sessions that start together fold to one result). */
function inTimeOrder(history: readonly MemberSessionSummary[]): MemberSessionSummary[] {
  return distinctSessions(history).sort((a, b) => a.startedAt - b.startedAt);
}

/**
 * A member's breadth over the window ending at `now`: only sessions that started in (now − TIER_WINDOW_MS, now] count.
 * `kinds` are the distinct point kinds with points > 0 (presence excepted: being there is not a kind of contribution);
 * `energyFrom` the distinct members across the sessions' givers; `answered` and `huntsCompleted` are summed.
 */
export function tierMetrics(history: readonly MemberSessionSummary[], now: number): TierMetrics {
  const inWindow = distinctSessions(history).filter((summary) => summary.startedAt > now - TIER_WINDOW_MS && summary.startedAt <= now);
  const kinds = new Set<string>();
  const givers = new Set<string>();
  let answered = 0;
  let huntsCompleted = 0;
  for (const summary of inWindow) {
    for (const kind of POINT_KINDS) if (kind !== "presence" && (summary.tally.byKind[kind] ?? 0) > 0) kinds.add(kind);
    for (const giver of summary.tally.energyFrom) givers.add(giver);
    answered += summary.answered;
    huntsCompleted += summary.huntsCompleted;
  }
  return { sessions: inWindow.length, kinds: kinds.size, energyFrom: givers.size, answered, huntsCompleted };
}

/**
 * The tier after `previous` given today's metrics. Rises to the highest tier whose promote bar every metric meets;
 * otherwise stays while `previous`'s keep bar holds; otherwise falls to the highest lower tier whose keep bar holds
 * (explorer at worst). Invariant: a member whose metrics meet their tier's keep bar never drops.
 */
export function tierAfter(previous: Tier, metrics: TierMetrics): Tier {
  let promoted: Tier = "explorer";
  let kept: Tier = "explorer";
  for (const tier of RANKED_TIERS) {
    if (meets(metrics, TIER_BARS[tier].promote)) promoted = tier;
    if (rank(tier) <= rank(previous) && meets(metrics, TIER_BARS[tier].keep)) kept = tier;
  }
  return rank(promoted) > rank(previous) ? promoted : kept;
}

/** The tier at each moment of the fold: at each session's start (over that moment's window), then at `now`. */
function tierSteps(history: readonly MemberSessionSummary[], now: number): { tier: Tier; at: number }[] {
  const ordered = inTimeOrder(history).filter((summary) => summary.startedAt <= now);
  const moments = [...ordered.map((summary) => summary.startedAt), now];
  const steps: { tier: Tier; at: number }[] = [];
  let tier: Tier = "explorer";
  for (const at of moments) {
    tier = tierAfter(tier, tierMetrics(ordered, at));
    steps.push({ tier, at });
  }
  return steps;
}

/**
 * A member's tier now: `tierAfter` folded over the member's sessions in time order, at each session's start with
 * that moment's window, then once more at `now` (so sessions that left the window can still bring a fall). Sessions
 * that start after `now` are not counted. Any order of `history` gives the same tier.
 */
export function tierFor(history: readonly MemberSessionSummary[], now: number): Tier {
  return tierSteps(history, now).at(-1)?.tier ?? "explorer";
}

/**
 * Every rise of the fold tierFor runs, in time order, with the moment it happened (the start of the session that
 * brought it). A jump over a tier is one rise, to the tier reached. A member who fell and rises again is listed
 * again, so the first `evangelist` entry is when the member first became one.
 */
export function tierPromotions(history: readonly MemberSessionSummary[], now: number): { tier: Tier; at: number }[] {
  const rises: { tier: Tier; at: number }[] = [];
  let previous: Tier = "explorer";
  for (const step of tierSteps(history, now)) {
    if (rank(step.tier) > rank(previous)) rises.push(step);
    previous = step.tier;
  }
  return rises;
}

/**
 * Where a member at `tier` stands against the next tier's promote bar: each metric's value (what counts towards the
 * bar, so `answered` includes hunts completed) and what the bar needs. Null at the top tier.
 */
export function tierProgress(tier: Tier, metrics: TierMetrics): TierProgress {
  const next = NEXT_TIER[tier];
  if (next === null) return { tier, next: null };
  const bar = TIER_BARS[next].promote;
  const entry = (key: keyof TierMetrics): { has: number; needs: number } => ({ has: counted(metrics, key), needs: bar[key] });
  return {
    tier,
    next: {
      tier: next,
      metrics: { sessions: entry("sessions"), kinds: entry("kinds"), energyFrom: entry("energyFrom"), answered: entry("answered"), huntsCompleted: entry("huntsCompleted") },
    },
  };
}
