import { TIERS, type Tier } from "../growth/types.js";
import { RFM_SEGMENTS, STATS_VERSION, type CohortRow, type CommunityReport, type RfmRow, type RfmSegment, type SessionSummary } from "./types.js";

// Across sessions (docs/statistics.md, "Across sessions"): returning members, cohorts, the RFM segmentation, hours
// and the tier pyramid, over the sessions of one scope (an event, or the whole community). Pure: `now` is an argument.

const DAY_MS = 86_400_000;
/** Cohort columns: the next 12 sessions after the cohort's first. */
export const COHORT_COLUMNS = 12;
const HOURS_CELLS = 168;

export interface TierPromotion {
  memberId: string;
  tier: Tier;
  at: number;
}

/** The sessions oldest first (ties by id), whatever order the store gave them in, so every figure is reproducible. */
export function sortSessions(sessions: readonly SessionSummary[]): SessionSummary[] {
  return [...sessions].sort((a, b) => a.startedAt - b.startedAt || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
}

function membersOf(session: SessionSummary): Set<string> {
  return new Set(session.members.map((row) => row.memberId));
}

/** Each member's session start times, oldest first (input sorted). */
function attendanceTimes(sorted: readonly SessionSummary[]): Map<string, number[]> {
  const times = new Map<string, number[]>();
  for (const session of sorted) {
    for (const memberId of membersOf(session)) {
      const list = times.get(memberId);
      if (list) list.push(session.startedAt);
      else times.set(memberId, [session.startedAt]);
    }
  }
  return times;
}

/**
 * Returning rate over a window: of the attendances whose window has fully passed (the session started at least
 * `windowMs` before now), the share followed by the same member in a later session (one that starts after it) starting
 * at most `windowMs` after it. Null when no attendance is eligible.
 */
function returningRate(times: ReadonlyMap<string, readonly number[]>, windowMs: number, now: number): { rate: number | null; eligible: number } {
  let eligible = 0;
  let returned = 0;
  for (const list of times.values()) {
    for (let i = 0; i < list.length; i++) {
      const startedAt = list[i]!;
      if (startedAt + windowMs > now) break;
      eligible++;
      let j = i + 1;
      while (j < list.length && list[j]! <= startedAt) j++;
      if (j < list.length && list[j]! - startedAt <= windowMs) returned++;
    }
  }
  return { rate: eligible === 0 ? null : returned / eligible, eligible };
}

/** The 7- and 30-day returning rates (docs/statistics.md); sessions in any order. */
export function returningRates(sessions: readonly SessionSummary[], now: number): CommunityReport["returning"] {
  const times = attendanceTimes(sortSessions(sessions));
  const d7 = returningRate(times, 7 * DAY_MS, now);
  const d30 = returningRate(times, 30 * DAY_MS, now);
  return { d7: d7.rate, d30: d30.rate, eligible7: d7.eligible, eligible30: d30.eligible };
}

/**
 * Members grouped by their first session in the scope; `retained[k]` is the share of the cohort present in the k-th
 * session after that one (k from 0, at most COHORT_COLUMNS, as many as there are later sessions). A session that was
 * nobody's first has no cohort row.
 */
export function cohorts(sessions: readonly SessionSummary[]): CohortRow[] {
  const sorted = sortSessions(sessions);
  const present = sorted.map(membersOf);
  const seen = new Set<string>();
  const rows: CohortRow[] = [];
  sorted.forEach((session, i) => {
    const cohort = [...present[i]!].filter((memberId) => !seen.has(memberId));
    for (const memberId of cohort) seen.add(memberId);
    if (cohort.length === 0) return;
    const retained: number[] = [];
    for (let k = i + 1; k < sorted.length && retained.length < COHORT_COLUMNS; k++) {
      const later = present[k]!;
      retained.push(cohort.filter((memberId) => later.has(memberId)).length / cohort.length);
    }
    rows.push({ sessionId: session.sessionId, startedAt: session.startedAt, size: cohort.length, retained });
  });
  return rows;
}

/**
 * Quintile scores 1..5 by rank, 5 best. Ties share the average of the ranks they span (the percent rank of
 * spreadsheets and pandas' `rank(pct=True)`): score = ⌈5 · averageRank / n⌉. So members with equal values always
 * score the same, a tie neither lifts the whole group to the top nor sinks it to the bottom, and n distinct values
 * fill the quintiles evenly (10 members: 1,1,2,2,3,3,4,4,5,5). `compare` orders worse before better.
 */
export function quintileScores<T>(items: readonly T[], compare: (a: T, b: T) => number): number[] {
  const n = items.length;
  const order = items.map((_, i) => i).sort((a, b) => compare(items[a]!, items[b]!));
  const scores = new Array<number>(n).fill(0);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && compare(items[order[start]!]!, items[order[end]!]!) === 0) end++;
    // Ranks start+1 .. end: twice their average is start + end + 1; score = ⌈5 · that / 2n⌉ in integers.
    const twiceAverage = start + end + 1;
    const score = Math.floor((5 * twiceAverage + 2 * n - 1) / (2 * n));
    for (let k = start; k < end; k++) scores[order[k]!] = score;
    start = end;
  }
  return scores;
}

/** The first matching segment, in the order of docs/statistics.md. */
export function rfmSegment(r: number, f: number, m: number, sessions: number): RfmSegment {
  if (r >= 4 && f >= 4 && m >= 4) return "champion";
  if (f >= 4) return "loyal";
  if (r >= 4 && f <= 2 && m >= 3) return "promising";
  if (sessions === 1 && r >= 4) return "newcomer";
  if (r <= 2 && f >= 3) return "atRisk";
  return "dormant";
}

interface MemberTotals {
  memberId: string;
  name: string;
  firstSeenAt: number;
  lastSeenAt: number;
  sessions: number;
  interactions: number;
  points: number;
}

/**
 * Per member of the scope: recency (whole days from their last moment present, a stay still open counting as now,
 * to now), frequency (sessions attended) and contribution (points, then interactions), each scored by quintile
 * (`quintileScores`), and the segment. Rows by segment (docs order), then the sum of scores (highest first), then id.
 */
export function rfmSegments(sessions: readonly SessionSummary[], now: number): RfmRow[] {
  const totals = new Map<string, MemberTotals>();
  for (const session of sortSessions(sessions)) {
    const counted = new Set<string>();
    for (const row of session.members) {
      const lastSeen = Math.min(row.lastLeftAt ?? now, now);
      let member = totals.get(row.memberId);
      if (!member) {
        member = { memberId: row.memberId, name: row.name, firstSeenAt: row.firstJoinedAt, lastSeenAt: lastSeen, sessions: 0, interactions: 0, points: 0 };
        totals.set(row.memberId, member);
      }
      // The latest session's name: members rename themselves.
      member.name = row.name;
      member.firstSeenAt = Math.min(member.firstSeenAt, row.firstJoinedAt);
      member.lastSeenAt = Math.max(member.lastSeenAt, lastSeen);
      member.interactions += row.interactions;
      member.points += row.points;
      if (!counted.has(row.memberId)) {
        counted.add(row.memberId);
        member.sessions++;
      }
    }
  }
  const members = [...totals.values()];
  const recency = members.map((member) => Math.floor(Math.max(0, now - member.lastSeenAt) / DAY_MS));
  const index = members.map((_, i) => i);
  // Fewer days since is better, so more days sorts first (worse before better).
  const r = quintileScores(index, (a, b) => recency[b]! - recency[a]!);
  const f = quintileScores(members, (a, b) => a.sessions - b.sessions);
  const m = quintileScores(members, (a, b) => a.points - b.points || a.interactions - b.interactions);
  const rows: RfmRow[] = members.map((member, i) => ({
    ...member,
    recencyDays: recency[i]!,
    r: r[i]!,
    f: f[i]!,
    m: m[i]!,
    segment: rfmSegment(r[i]!, f[i]!, m[i]!, member.sessions),
  }));
  const rank = (segment: RfmSegment) => RFM_SEGMENTS.indexOf(segment);
  return rows.sort(
    (a, b) =>
      rank(a.segment) - rank(b.segment) ||
      b.r + b.f + b.m - (a.r + a.f + a.m) ||
      (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
  );
}

/** How many rows fall in each segment (every segment present, 0 when empty). */
export function segmentCounts(rows: readonly RfmRow[]): Record<RfmSegment, number> {
  const counts = Object.fromEntries(RFM_SEGMENTS.map((segment) => [segment, 0])) as Record<RfmSegment, number>;
  for (const row of rows) counts[row.segment]++;
  return counts;
}

/**
 * Per session (oldest first), the scope's members who had reached each tier by its start (a promotion at or before
 * it). Tiers are ordered, so reaching co-creator counts as having reached explorer too; only members present in some
 * session of the scope are counted, so an event's pyramid holds its own members.
 */
export function tierPyramid(sessions: readonly SessionSummary[], promotions: readonly TierPromotion[]): CommunityReport["tiers"] {
  const sorted = sortSessions(sessions);
  const scope = new Set<string>();
  for (const session of sorted) for (const row of session.members) scope.add(row.memberId);
  // Per tier, each member's earliest moment at that tier or above.
  const reached = TIERS.map(() => new Map<string, number>());
  for (const promotion of promotions) {
    if (!scope.has(promotion.memberId)) continue;
    const level = TIERS.indexOf(promotion.tier);
    for (let t = 0; t <= level; t++) {
      const earlier = reached[t]!.get(promotion.memberId);
      if (earlier === undefined || promotion.at < earlier) reached[t]!.set(promotion.memberId, promotion.at);
    }
  }
  const moments = reached.map((byMember) => [...byMember.values()].sort((a, b) => a - b));
  const cursor = TIERS.map(() => 0);
  return sorted.map((session) => {
    const counts = moments.map((list, t) => {
      let k = cursor[t]!;
      while (k < list.length && list[k]! <= session.startedAt) k++;
      cursor[t] = k;
      return k;
    });
    return { sessionId: session.sessionId, startedAt: session.startedAt, explorer: counts[0]!, coCreator: counts[1]!, evangelist: counts[2]! };
  });
}

/** The sessions' `hours` summed cell by cell (168 cells: UTC weekday × hour). */
export function sumHours(sessions: readonly SessionSummary[]): number[] {
  const hours = new Array<number>(HOURS_CELLS).fill(0);
  for (const session of sessions) {
    const cells = session.report.hours;
    for (let i = 0; i < HOURS_CELLS && i < cells.length; i++) hours[i] = hours[i]! + cells[i]!;
  }
  return hours;
}

/** Every cross-session figure of a scope (docs/statistics.md, "Across sessions"); sessions in any order. */
export function communityReport(sessions: readonly SessionSummary[], promotions: readonly TierPromotion[], now: number): CommunityReport {
  const sorted = sortSessions(sessions);
  const segments = rfmSegments(sorted, now);
  return {
    version: STATS_VERSION,
    asOf: now,
    sessions: sorted.map((session) => ({
      sessionId: session.sessionId,
      eventSlug: session.eventSlug,
      eventTitle: session.eventTitle,
      startedAt: session.startedAt,
      members: session.report.attendance.members,
      peak: session.report.concurrency.peak,
      interactions: session.report.interactions.total,
      newMembers: session.report.attendance.newMembers,
    })),
    returning: returningRates(sorted, now),
    cohorts: cohorts(sorted),
    segments,
    segmentCounts: segmentCounts(segments),
    hours: sumHours(sorted),
    tiers: tierPyramid(sorted, promotions),
  };
}
