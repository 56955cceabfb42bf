import { createStore, type StoreApi } from "zustand/vanilla";
import type { ErrorCode } from "../../shared/protocol/index.js";
import type { ClaimResponse, HuntClueView, HuntMineView, HuntPublicView } from "../../shared/protocol/hunt.js";
import { CLUE_REACH_M } from "../../shared/rules/hunt/types.js";
import { all, type Feeder } from "./feed.js";
import type { IntentSender } from "./growth.js";

/**
 * The treasure hunt as the server last showed it to this page (docs/hunts.md, "The client"), with what the page
 * adds: the claim it sent and has no answer to yet, and the last outcome, which the panel and its live region say.
 */
export interface HuntSlice {
  /** Event `hunt` (or GET /api/events/:slug/hunt): the hunt as everyone sees it; null: the event has none. */
  public: HuntPublicView | null;
  /** Event `huntMine` and every member call's answer: this member's (or team's) progress. */
  mine: HuntMineView | null;
  /** A claim sent (room intent or HTTP call) and not answered yet: its button waits rather than sends twice. */
  claiming: string | null;
  /** What the last claim came to; `seq` grows with each, so the same outcome twice is still said twice. */
  last: HuntOutcome | null;
}
export type HuntStore = StoreApi<HuntSlice>;

/** One claim's outcome as the page tells it: found (credited), pending (a riddle or task left), or refused. */
export type HuntOutcome =
  | { seq: number; kind: "found" | "pending" | "alreadyFound"; clueId: string; clueName: string }
  | { seq: number; kind: "refused"; clueId: string | null; code: ErrorCode };

export const INITIAL_HUNT: HuntSlice = { public: null, mine: null, claiming: null, last: null };

export function createHuntStore(): HuntStore {
  return createStore<HuntSlice>()(() => INITIAL_HUNT);
}

// ── Shape checks: the views come from our own server (the protocol only checks they are objects), but one that
// lost its parts must not take the page down. ──

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === "string";
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isNullableNumber = (value: unknown): value is number | null => value === null || isNumber(value);
const isNullableString = (value: unknown): value is string | null => value === null || isString(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

function isWhere(value: unknown): value is HuntClueView["where"] {
  if (!isObject(value)) return false;
  if (value.kind === "scene") return isNumber(value.x) && isNumber(value.z);
  if (value.kind === "real") return isString(value.place) && isString(value.district) && isString(value.address);
  return false;
}

export function isHuntClueView(value: unknown): value is HuntClueView {
  return (
    isObject(value) &&
    isString(value.id) &&
    isString(value.name) &&
    isString(value.hint) &&
    isNumber(value.points) &&
    isNullableString(value.riddleQuestion) &&
    isWhere(value.where) &&
    typeof value.blindBox === "boolean"
  );
}

const isLeaderboardRow = (value: unknown): boolean =>
  isObject(value) &&
  isString(value.name) &&
  typeof value.team === "boolean" &&
  isNullableString(value.memberId) &&
  isNumber(value.found) &&
  isNullableNumber(value.completedAt) &&
  isNullableNumber(value.durationMs) &&
  isNullableNumber(value.rank);

export function isHuntPublicView(value: unknown): value is HuntPublicView {
  return (
    isObject(value) &&
    isString(value.id) &&
    isString(value.title) &&
    (value.order === "ordered" || value.order === "free" || value.order === "random") &&
    isNullableNumber(value.startsAt) &&
    isNullableNumber(value.endsAt) &&
    isStringArray(value.teams) &&
    Array.isArray(value.clues) &&
    value.clues.every(isHuntClueView) &&
    Array.isArray(value.leaderboard) &&
    value.leaderboard.every(isLeaderboardRow)
  );
}

const isTaskView = (value: unknown): boolean =>
  isObject(value) && isString(value.id) && isString(value.kind) && isString(value.text) && isNullableString(value.riddleQuestion);

const isPending = (value: unknown): boolean =>
  isObject(value) && isString(value.clueId) && isNullableString(value.riddleQuestion) && (value.task === null || isTaskView(value.task));

const isVoucher = (value: unknown): boolean =>
  isObject(value) &&
  isString(value.code) &&
  isString(value.partnerName) &&
  isString(value.text) &&
  isString(value.clueName) &&
  isNumber(value.issuedAt) &&
  isNullableNumber(value.redeemedAt);

export function isHuntMineView(value: unknown): value is HuntMineView {
  return (
    isObject(value) &&
    isString(value.huntId) &&
    isNullableString(value.team) &&
    isStringArray(value.found) &&
    Array.isArray(value.pending) &&
    value.pending.every(isPending) &&
    isNullableString(value.next) &&
    (value.completed === null || (isObject(value.completed) && isNumber(value.completed.at) && isNumber(value.completed.rank) && isNumber(value.completed.durationMs))) &&
    Array.isArray(value.vouchers) &&
    value.vouchers.every(isVoucher)
  );
}

// ── Reducers (pure: the feeder and the member calls both go through them) ──

let nextSeq = 1;

/** The hunt as everyone sees it; a view of another hunt drops the progress kept for the old one. */
export function withPublic(state: HuntSlice, view: HuntPublicView | null): Partial<HuntSlice> {
  if (view === null) return { public: null, mine: null, claiming: null };
  if (state.mine !== null && state.mine.huntId !== view.id) return { public: view, mine: null };
  return { public: view };
}

/**
 * The member's progress. A clue that was not in the found set before and is now is a find (said aloud); the claim
 * in flight for it is answered. The first view of a page (no `mine` yet) says nothing: those were found earlier.
 */
export function withMine(state: HuntSlice, mine: HuntMineView): Partial<HuntSlice> {
  const before = state.mine !== null && state.mine.huntId === mine.huntId ? state.mine.found : null;
  const fresh = before === null ? [] : mine.found.filter((id) => !before.includes(id));
  const next: Partial<HuntSlice> = { mine };
  const claimed = state.claiming;
  if (claimed !== null && (mine.found.includes(claimed) || mine.pending.some((p) => p.clueId === claimed))) next.claiming = null;
  // The claimed clue is the one to tell of when it is among the new finds (a team-mate's find may arrive alongside).
  const told = fresh.length === 0 ? null : claimed !== null && fresh.includes(claimed) ? claimed : fresh[fresh.length - 1]!;
  if (told !== null) next.last = { seq: nextSeq++, kind: "found", clueId: told, clueName: clueName(state.public, told) };
  return next;
}

/** A member call's answer: its `mine`, and its outcome (found, pending or already found). */
export function withClaimResponse(state: HuntSlice, response: ClaimResponse): Partial<HuntSlice> {
  const merged = withMine(state, response.mine);
  // A scan may credit a clue this page had no `public` for yet: the answer names it.
  const name = response.clue.name;
  return { ...merged, claiming: null, last: { seq: nextSeq++, kind: response.outcome, clueId: response.clue.id, clueName: name } };
}

/** A refusal (the room's error event, or a member call's `{ error }`): the claim is over. */
export function withRefusal(clueId: string | null, code: ErrorCode): Partial<HuntSlice> {
  return { claiming: null, last: { seq: nextSeq++, kind: "refused", clueId, code } };
}

function clueName(view: HuntPublicView | null, clueId: string): string {
  return view?.clues.find((c) => c.id === clueId)?.name ?? clueId;
}

// ── Derived figures (the panel and the scene read these) ──

/** Found / total and the percent the progress bar shows, and the clue to find next (ordered and random hunts). */
export interface HuntFigures {
  found: number;
  total: number;
  percent: number;
  next: HuntClueView | null;
  complete: boolean;
}

export function huntFigures(view: HuntPublicView | null, mine: HuntMineView | null): HuntFigures {
  const total = view?.clues.length ?? 0;
  const foundIds = mine?.found ?? [];
  // Only clues of this hunt count: a stale id (a clue the operator removed) is not progress.
  const found = view === null ? 0 : view.clues.filter((c) => foundIds.includes(c.id)).length;
  const percent = total === 0 ? 0 : Math.round((found / total) * 100);
  const nextId = mine?.next ?? null;
  const next = nextId === null || view === null ? null : (view.clues.find((c) => c.id === nextId) ?? null);
  return { found, total, percent, next, complete: mine?.completed != null || (total > 0 && found === total) };
}

export type SceneClue = HuntClueView & { where: { kind: "scene"; x: number; z: number } };

const isSceneClue = (clue: HuntClueView): clue is SceneClue => clue.where.kind === "scene";

/** The scene clues this member (or team) has not found yet: the objects the venue shows. */
export function unfoundSceneClues(view: HuntPublicView | null, mine: HuntMineView | null): SceneClue[] {
  if (view === null) return [];
  const found = mine?.found ?? [];
  return view.clues.filter(isSceneClue).filter((c) => !found.includes(c.id));
}

/**
 * The unfound scene clues within CLUE_REACH_M of `pose` on the floor, nearest first: only a hint for the buttons,
 * the server measures again from the avatar's position it holds.
 */
export function cluesInReach(view: HuntPublicView | null, mine: HuntMineView | null, pose: { x: number; z: number } | null): SceneClue[] {
  if (pose === null) return [];
  return unfoundSceneClues(view, mine)
    .map((clue) => ({ clue, d: Math.hypot(clue.where.x - pose.x, clue.where.z - pose.z) }))
    .filter((c) => c.d <= CLUE_REACH_M)
    .sort((a, b) => a.d - b.d)
    .map((c) => c.clue);
}

// ── Actions ──

/** Claims a scene clue through the room (`claimClue`); the answer is the riddle's, or null. Returns whether it went. */
export function claimClue(store: HuntStore, sender: IntentSender, clueId: string, answer: string | null): boolean {
  if (store.getState().claiming !== null) return false;
  const sent = sender.send("claimClue", { clueId, answer });
  if (sent) store.setState({ claiming: clueId });
  return sent;
}

/** Feeds the slice from the transport: the two views, and a refused `claimClue` frees its button. */
export const feedHunt: Feeder<HuntStore> = (store, transport) =>
  all([
    transport.events.on("hunt", (view) => {
      if (view === null || isHuntPublicView(view)) store.setState((s) => withPublic(s, view));
    }),
    transport.events.on("huntMine", (view) => {
      if (isHuntMineView(view)) store.setState((s) => withMine(s, view));
    }),
    transport.events.on("error", (error) => {
      if (error.intent !== "claimClue") return;
      // The toast says why (the notices slice); the slice frees the claim and keeps the code for the panel.
      store.setState((s) => withRefusal(s.claiming, error.code));
    }),
  ]);
