import { createStore, type StoreApi } from "zustand/vanilla";
import type { IntentPayload, IntentType } from "../../shared/protocol/index.js";
import {
  BADGES,
  ENERGY_TARGETS,
  TIERS,
  TREE_STAGES,
  type Celebration,
  type EnergyTarget,
  type GrowthMineView,
  type GrowthPublicView,
  type LeaderboardRow,
  type TreeView,
} from "../../shared/rules/growth/types.js";
import type { ServerEventDispatcher } from "../net/serverEvents.js";
import { all, type Feeder } from "./feed.js";

/** A celebration waiting to be shown, with the page's own key (two alike may arrive apart). */
export interface QueuedCelebration {
  key: number;
  celebration: Celebration;
}

/** Growth as the server last showed it to this page (docs/growth.md, "Views"), with what the page adds. */
export interface GrowthSlice {
  /** Event `growth`: the tree, the reward once reached, the top of the leaderboard (everyone). */
  public: GrowthPublicView | null;
  /** Event `growthMine`: this member's points, share, energy, tier and badges. */
  mine: GrowthMineView | null;
  /** Events `celebration` not yet shown or dismissed, oldest first (at most CELEBRATIONS_KEPT). */
  celebrations: readonly QueuedCelebration[];
  /** Contribution refs this page gave energy to that `mine.energised` does not list yet. */
  energySent: readonly string[];
  /** The member this page is (from `welcome`): the page never offers energy to one's own contributions. */
  selfMemberId: string;
  /** Chat lines this page (a host) marked helpful: the views do not list them, so the button remembers. */
  helpfulSent: readonly string[];
}
export type GrowthStore = StoreApi<GrowthSlice>;

/** Celebrations pile up only while a page is hidden; the oldest beyond this are not worth showing late. */
export const CELEBRATIONS_KEPT = 5;

export const INITIAL_GROWTH: GrowthSlice = { public: null, mine: null, celebrations: [], energySent: [], selfMemberId: "", helpfulSent: [] };

export function createGrowthStore(): GrowthStore {
  return createStore<GrowthSlice>()(() => INITIAL_GROWTH);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === "string" && (list as readonly string[]).includes(value);

const isReward = (value: unknown): value is { text: string; url: string | null } =>
  isObject(value) && typeof value.text === "string" && (value.url === null || typeof value.url === "string");

export function isTreeView(value: unknown): value is TreeView {
  return (
    isObject(value) &&
    isNumber(value.growth) &&
    isNumber(value.goal) &&
    isNumber(value.progress) &&
    isOneOf(TREE_STAGES, value.stage) &&
    isNumber(value.contributors) &&
    (value.reachedAt === null || isNumber(value.reachedAt))
  );
}

const isLeaderboardRow = (value: unknown): value is LeaderboardRow =>
  isObject(value) && typeof value.memberId === "string" && typeof value.name === "string" && isNumber(value.points) && isOneOf(TIERS, value.tier);

/**
 * Whether a payload has the shape the page reads without further checks. The views come from our own server (the
 * protocol only checks that they are objects), but one that lost its parts must not take the page down.
 */
export function isGrowthPublicView(value: unknown): value is GrowthPublicView {
  return (
    isObject(value) &&
    isTreeView(value.tree) &&
    (value.reward === null || isReward(value.reward)) &&
    Array.isArray(value.leaderboard) &&
    value.leaderboard.every(isLeaderboardRow)
  );
}

const isTierProgress = (value: unknown): boolean =>
  isObject(value) && isOneOf(TIERS, value.tier) && (value.next === null || (isObject(value.next) && isOneOf(TIERS, value.next.tier) && isObject(value.next.metrics)));

const isEarnedBadge = (value: unknown): boolean => isObject(value) && isOneOf(BADGES, value.badge) && isNumber(value.at) && typeof value.sessionId === "string";

export function isGrowthMineView(value: unknown): value is GrowthMineView {
  return (
    isObject(value) &&
    isNumber(value.points) &&
    isObject(value.byKind) &&
    isNumber(value.share) &&
    isNumber(value.energyLeft) &&
    isStringArray(value.energised) &&
    isNumber(value.energyFrom) &&
    isTierProgress(value.tier) &&
    Array.isArray(value.badges) &&
    value.badges.every(isEarnedBadge) &&
    typeof value.hidden === "boolean"
  );
}

export function isCelebration(value: unknown): value is Celebration {
  if (!isObject(value) || !isNumber(value.at)) return false;
  switch (value.kind) {
    case "badge":
      return isOneOf(BADGES, value.badge);
    case "tier":
      return isOneOf(TIERS, value.tier);
    case "goal":
      return value.reward === null || isReward(value.reward);
    default:
      return false;
  }
}

const sameCelebration = (a: Celebration, b: Celebration): boolean =>
  a.kind === b.kind && a.at === b.at && (a.kind !== "badge" || (b.kind === "badge" && a.badge === b.badge)) && (a.kind !== "tier" || (b.kind === "tier" && a.tier === b.tier));

/**
 * The contribution ref energy to a target goes to (docs/growth.md, "Contribution refs"): a question's or chat line's
 * id as it is; a speaker's turn `turn:<memberId>:<since>`, so energy given to an earlier turn leaves the new one open.
 */
export function energyRef(target: EnergyTarget, id: string, since?: number): string {
  return target === "speaker" ? `turn:${id}:${since ?? 0}` : id;
}

/** Why a ⚡ button is off, or null when it may be pressed. */
export type EnergyBlock = "own" | "given" | "none" | "unknown";

/**
 * Whether this member may give energy to the contribution `ref` (`own`: theirs): never to their own, once each, while
 * energy is left; "unknown" before the server's first `growthMine` (the button waits rather than guesses).
 */
export function energyBlock(state: Pick<GrowthSlice, "mine" | "energySent">, ref: string, own: boolean): EnergyBlock | null {
  if (own) return "own";
  if (state.energySent.includes(ref) || (state.mine?.energised.includes(ref) ?? false)) return "given";
  if (state.mine === null) return "unknown";
  if (state.mine.energyLeft - state.energySent.length <= 0) return "none";
  return null;
}

/** Energy the member may still give, counting gifts sent that the server has not confirmed yet. */
export function energyLeftNow(state: Pick<GrowthSlice, "mine" | "energySent">): number | null {
  return state.mine === null ? null : Math.max(0, state.mine.energyLeft - state.energySent.length);
}

/** What sending needs of a connection (a VenueConnection has it). */
export interface IntentSender {
  send<T extends IntentType>(type: T, payload: IntentPayload<T>): boolean;
}

/**
 * Gives energy: sends `giveEnergy` and marks the ref as given until the server's view lists it (or refuses it).
 * Returns whether it went out.
 */
export function giveEnergy(store: GrowthStore, sender: IntentSender, target: EnergyTarget, id: string, ref: string): boolean {
  if (!isOneOf(ENERGY_TARGETS, target)) return false;
  const sent = sender.send("giveEnergy", { target, id });
  if (sent && !store.getState().energySent.includes(ref)) store.setState((s) => ({ energySent: [...s.energySent, ref] }));
  return sent;
}

/** A host marks a chat line helpful (once a line: the server answers a second with NOTHING_TO_CHANGE). */
export function markHelpful(store: GrowthStore, sender: IntentSender, lineId: string): boolean {
  if (store.getState().helpfulSent.includes(lineId)) return false;
  const sent = sender.send("markHelpful", { lineId });
  if (sent) store.setState((s) => ({ helpfulSent: [...s.helpfulSent, lineId] }));
  return sent;
}

/** Removes a shown celebration from the queue. */
export function dismissCelebration(store: GrowthStore, key: number): void {
  const { celebrations } = store.getState();
  if (celebrations.some((c) => c.key === key)) store.setState({ celebrations: celebrations.filter((c) => c.key !== key) });
}

/** Feeds the slice from the transport: the two views and celebrations; a refused `giveEnergy` frees its button. */
export const feedGrowth: Feeder<GrowthStore> = (store, transport) => {
  let nextKey = 1;
  return all([
    transport.events.on("welcome", (welcome) => {
      if (store.getState().selfMemberId !== welcome.memberId) store.setState({ selfMemberId: welcome.memberId });
    }),
    transport.events.on("growth", (view) => {
      if (isGrowthPublicView(view)) store.setState({ public: view });
    }),
    transport.events.on("growthMine", (view) => {
      if (!isGrowthMineView(view)) return;
      store.setState((s) => {
        const energySent = s.energySent.filter((ref) => !view.energised.includes(ref));
        return { mine: view, energySent: energySent.length === s.energySent.length ? s.energySent : energySent };
      });
    }),
    transport.events.on("celebration", (celebration) => {
      if (!isCelebration(celebration)) return;
      store.setState((s) => {
        // Two instances, or a reconnect, may tell of the same moment twice: it is shown once.
        if (s.celebrations.some((queued) => sameCelebration(queued.celebration, celebration))) return s;
        return { celebrations: [...s.celebrations, { key: nextKey++, celebration }].slice(-CELEBRATIONS_KEPT) };
      });
    }),
    transport.events.on("error", (error) => {
      // The server refused a gift: the page no longer claims it was given (its toast says why).
      if (error.intent === "giveEnergy" && store.getState().energySent.length > 0) store.setState({ energySent: [] });
    }),
  ]);
};

// ── The leaderboard choice, remembered on the device ──────────────────────────────────────────────────────────

const LEADERBOARD_HIDDEN_KEY = "grove.leaderboardHidden.v1";

/** The member's choice on this device: true (off the leaderboard), false, or null when never chosen here. */
export function rememberedLeaderboardHidden(): boolean | null {
  try {
    const stored = localStorage.getItem(LEADERBOARD_HIDDEN_KEY);
    return stored === "1" ? true : stored === "0" ? false : null;
  } catch {
    return null;
  }
}

/** Sends the member's choice and remembers it on the device for the next session. */
export function setLeaderboardHidden(sender: IntentSender, hidden: boolean): boolean {
  try {
    localStorage.setItem(LEADERBOARD_HIDDEN_KEY, hidden ? "1" : "0");
  } catch {
    // Storage blocked: the choice holds for this session only.
  }
  return sender.send("setLeaderboardHidden", { hidden });
}

/**
 * Sends the device's remembered choice again after each join, once the server's first `growthMine` of that join
 * says what it holds, and only when the two differ (an unchanged choice would only earn a NOTHING_TO_CHANGE).
 * Returns the unsubscribe.
 */
export function syncLeaderboardChoice(events: ServerEventDispatcher, sender: IntentSender, remembered: () => boolean | null = rememberedLeaderboardHidden): () => void {
  let checking = false;
  return all([
    events.on("welcome", () => {
      checking = true;
    }),
    events.on("growthMine", (view) => {
      if (!checking || !isGrowthMineView(view)) return;
      checking = false;
      const wanted = remembered();
      if (wanted !== null && wanted !== view.hidden) sender.send("setLeaderboardHidden", { hidden: wanted });
    }),
  ]);
}
