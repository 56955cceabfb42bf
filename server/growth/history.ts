import { createLedger, foldRows, summarise } from "../../shared/rules/growth/ledger.js";
import type { Ledger, MemberSessionSummary } from "../../shared/rules/growth/types.js";
import type { MemberSessionRecord, Store } from "../store/index.js";

/**
 * A member's growth across sessions, read back from the log (docs/growth.md): each session they were present in,
 * folded by the same rules the live tracker runs, so a profile, a tier and a badge come out the same after a restart
 * as they did live.
 */

/** Rows read per query while folding a session: a long session is read in pages, never all at once. */
export const HISTORY_ROWS_PER_READ = 5_000;

/** One session's whole log folded (pages of HISTORY_ROWS_PER_READ rows, in row order). */
export async function foldSession(store: Pick<Store, "interactionRows">, sessionId: string): Promise<Ledger> {
  const ledger = createLedger(sessionId);
  for (;;) {
    const rows = await store.interactionRows(sessionId, ledger.lastRowId, HISTORY_ROWS_PER_READ);
    if (rows.length === 0) break;
    const before = ledger.lastRowId;
    foldRows(ledger, rows);
    // The ledger moves on by row id; should a fold ever not advance it, read on from the last row given.
    if (ledger.lastRowId <= before) ledger.lastRowId = rows[rows.length - 1]!.id;
    if (rows.length < HISTORY_ROWS_PER_READ) break;
  }
  return ledger;
}

export interface HistoryOptions {
  /** A session to leave out (the live one: its tracker folds it itself). */
  excludeSessionId?: string;
  /**
   * Only sessions that started at or after this moment (UTC ms). All of them by default: badges are held for good,
   * and tierFor / tierMetrics keep to their window themselves; a caller that wants the tier window alone passes
   * `now - TIER_WINDOW_MS`.
   */
  since?: number;
}

/** Folded closed sessions kept per store (LRU by session id): a closed session's log no longer changes. */
export const CLOSED_SESSIONS_CACHED = 200;
/**
 * A session counts as closed for the cache only this long after its end: an instance that was still writing as the
 * last one left (a leave, a command in flight) has committed by then.
 */
export const CLOSED_SESSION_SETTLE_MS = 60_000;

/**
 * Per store (a test's fake, another database), so two stores never share a session id's fold. Map order is the LRU
 * order: a hit is moved to the end, the first entry is the least recently used.
 */
const closedFolds = new WeakMap<object, Map<string, Ledger>>();

/**
 * The session's whole log folded, from the cache when it closed long enough ago (a member rejoining, or many members
 * of the same past sessions joining, fold it once). The ledger handed out is shared: callers only read it.
 */
async function foldPastSession(store: Pick<Store, "interactionRows">, session: MemberSessionRecord, now: number): Promise<Ledger> {
  const closed = session.endedAt !== null && session.endedAt <= now - CLOSED_SESSION_SETTLE_MS;
  if (!closed) return foldSession(store, session.sessionId);
  let cache = closedFolds.get(store);
  if (cache === undefined) {
    cache = new Map();
    closedFolds.set(store, cache);
  }
  const hit = cache.get(session.sessionId);
  if (hit !== undefined) {
    cache.delete(session.sessionId);
    cache.set(session.sessionId, hit);
    return hit;
  }
  const ledger = await foldSession(store, session.sessionId);
  cache.set(session.sessionId, ledger);
  while (cache.size > CLOSED_SESSIONS_CACHED) cache.delete(cache.keys().next().value!);
  return ledger;
}

/**
 * The member's summary of each session they were present in (oldest first), from each session's whole log. A closed
 * session is summarised at its end (presence counts to it, not to `now`); an open one at `now`. A session whose log
 * holds nothing of the member (present, but not a row of theirs) gives no summary.
 */
export async function loadMemberHistory(store: Pick<Store, "memberSessions" | "interactionRows">, memberId: string, now: number, options: HistoryOptions = {}): Promise<MemberSessionSummary[]> {
  const sessions = await store.memberSessions(memberId, options.since ?? 0);
  const history: MemberSessionSummary[] = [];
  for (const session of sessions) {
    if (session.sessionId === options.excludeSessionId || session.startedAt > now) continue;
    const ledger = await foldPastSession(store, session, now);
    const at = session.endedAt === null ? now : Math.min(session.endedAt, now);
    const summary = summarise(ledger, at, { eventId: session.eventId, startedAt: session.startedAt }).get(memberId);
    if (summary) history.push(summary);
  }
  return history;
}
