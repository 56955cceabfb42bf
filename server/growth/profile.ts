import { earnBadges } from "../../shared/rules/growth/badges.js";
import { createLedger, foldRows, memberDailyPoints, summarise } from "../../shared/rules/growth/ledger.js";
import { POINTS } from "../../shared/rules/growth/points.js";
import { tierFor, tierMetrics, tierProgress } from "../../shared/rules/growth/tiers.js";
import {
  POINT_KINDS,
  type Badge,
  type CollectibleRule,
  type LogRow,
  type MemberSessionSummary,
  type PointKind,
  type PointsByKind,
  type TierProgress,
} from "../../shared/rules/growth/types.js";
import type { AvatarLook } from "../../shared/protocol/look.js";
import { OPERATOR_MEMBER_ID, type MemberSessionRecord, type Store } from "../store/index.js";
import { HISTORY_ROWS_PER_READ } from "./history.js";
import { storedRecord } from "./mint.js";

/**
 * `GET /api/members/:id` (docs/growth.md, "HTTP"): a member's profile, read back from the log by the same rules the
 * live tracker runs. Member ids are the store's UUIDs; the operator's stand-in member has no profile.
 */
export const MEMBER_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ProfileBadge {
  badge: Badge;
  at: number;
  sessionId: string;
  /** The event of the session it was earned in (null when that session is not one of the member's: firstEvangelist's may be elsewhere). */
  eventSlug: string | null;
  eventTitle: string | null;
}

export interface ProfileCollectible {
  id: string;
  rule: CollectibleRule;
  /** The signed record's title (English: the page names it in the reader's language by `rule`). */
  title: string;
  quote: string;
  seed: string;
  mintedAt: number;
  eventTitle: string;
}

export interface MemberProfile {
  id: string;
  name: string;
  look: AvatarLook;
  tier: TierProgress;
  /** Across every session, each kind clipped at its per-session and per-UTC-day caps. */
  points: { total: number; byKind: PointsByKind };
  badges: ProfileBadge[];
  collectibles: ProfileCollectible[];
  /** Sessions the member was present in, oldest first. */
  sessions: { sessionId: string; eventSlug: string; eventTitle: string; startedAt: number; endedAt: number | null }[];
}

/** All of one session's rows, in row order, read in pages. */
async function sessionRows(store: Pick<Store, "interactionRows">, sessionId: string): Promise<LogRow[]> {
  const rows: LogRow[] = [];
  for (let after = 0; ; ) {
    const page = await store.interactionRows(sessionId, after, HISTORY_ROWS_PER_READ);
    for (const row of page) rows.push(row);
    if (page.length < HISTORY_ROWS_PER_READ) break;
    after = page[page.length - 1]!.id;
  }
  return rows;
}

/**
 * The per-day cap across sessions, merged one session at a time: each session's points per (UTC day, kind) are clipped
 * at perDay already, and min(perDay, Σ min(perDay, xᵢ)) = min(perDay, Σ xᵢ) for non-negative xᵢ, so adding them up and
 * clipping again gives what one fold over every row would (memberTotals), holding one session's rows at a time.
 */
function addDays(into: Map<number, PointsByKind>, days: Map<number, PointsByKind>): void {
  for (const [day, byKind] of days) {
    let sum = into.get(day);
    if (sum === undefined) into.set(day, (sum = {}));
    for (const kind of POINT_KINDS) {
      const value = byKind[kind];
      if (value !== undefined) sum[kind] = Math.min(POINTS[kind].perDay, (sum[kind] ?? 0) + value);
    }
  }
}

function totalsOf(days: Map<number, PointsByKind>): { total: number; byKind: PointsByKind } {
  const byKind: PointsByKind = {};
  let total = 0;
  for (const day of days.values()) {
    for (const kind of POINT_KINDS) {
      const value: number | undefined = day[kind as PointKind];
      if (value === undefined || value === 0) continue;
      byKind[kind] = (byKind[kind] ?? 0) + value;
      total += value;
    }
  }
  return { total, byKind };
}

/** The member's profile at `now`, or undefined for an unknown member (or the operator's stand-in). */
export async function memberProfile(store: Store, memberId: string, now: number): Promise<MemberProfile | undefined> {
  if (memberId === OPERATOR_MEMBER_ID) return undefined;
  const member = await store.getMember(memberId);
  if (!member) return undefined;
  const sessions = await store.memberSessions(memberId, 0);
  const history: MemberSessionSummary[] = [];
  const days = new Map<number, PointsByKind>();
  const bySession = new Map<string, MemberSessionRecord>();
  for (const session of sessions) {
    bySession.set(session.sessionId, session);
    if (session.startedAt > now) continue;
    const rows = await sessionRows(store, session.sessionId);
    // A closed session counts presence to its end, an open one to now.
    const at = session.endedAt === null ? now : Math.min(session.endedAt, now);
    const ledger = foldRows(createLedger(session.sessionId), rows);
    const summary = summarise(ledger, at, { eventId: session.eventId, startedAt: session.startedAt }).get(memberId);
    if (summary) history.push(summary);
    addDays(days, memberDailyPoints(rows, memberId, at).days);
  }

  const eventIds = [...new Set(sessions.map((session) => session.eventId))];
  const eventSessions: Record<string, string[]> = {};
  let firstEvangelistAt: { at: number; sessionId: string } | null = null;
  for (const eventId of eventIds) {
    eventSessions[eventId] = await store.eventSessionIds(eventId);
    const first = await store.firstEvangelist(eventId);
    if (first && first.memberId === memberId && (firstEvangelistAt === null || first.at < firstEvangelistAt.at)) firstEvangelistAt = { at: first.at, sessionId: first.sessionId };
  }
  const badges = earnBadges(history, { now, firstEvangelistAt, eventSessions }).map((earned) => {
    const session = bySession.get(earned.sessionId);
    return { ...earned, eventSlug: session?.eventSlug ?? null, eventTitle: session?.eventTitle ?? null };
  });

  const collectibles: ProfileCollectible[] = [];
  for (const stored of await store.memberCollectibles(memberId)) {
    const record = storedRecord(stored);
    // A record that no longer parses (a hand edit) is left off the profile; /c/<id> shows it failing verification.
    if (!record) continue;
    collectibles.push({ id: stored.id, rule: record.rule, title: record.title, quote: record.quote, seed: record.seed, mintedAt: record.mintedAt, eventTitle: record.eventTitle });
  }

  const tier = tierFor(history, now);
  return {
    id: member.id,
    name: member.name,
    look: member.look,
    tier: tierProgress(tier, tierMetrics(history, now)),
    points: totalsOf(days),
    badges,
    collectibles,
    sessions: sessions.map(({ sessionId, eventSlug, eventTitle, startedAt, endedAt }) => ({ sessionId, eventSlug, eventTitle, startedAt, endedAt })),
  };
}
