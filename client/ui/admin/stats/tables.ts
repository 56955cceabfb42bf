import type { TFunction } from "i18next";
import type { CommunityReport, HealthIndicatorId, IndicatorReading, MemberSessionRow, SessionReport, TimeSeries } from "../../../../shared/rules/stats/types.js";
import { INTERACTION_GROUPS, RFM_SEGMENTS } from "../../../../shared/rules/stats/types.js";
import { TIERS, type Badge } from "../../../../shared/rules/growth/types.js";
import { bucketTimes, shiftHours, weekdayNames, type Format } from "./format.js";

/**
 * Every chart and list of the statistics pages as a table: what the screen reader reads beside a chart, and what the
 * CSV and JSON exports hold. A cell keeps its raw value (exported) and its text as shown. Pure (no DOM), unit-tested.
 */
export type Cell = string | number | boolean | null;
export interface StatTable {
  /** Stable, used in data-chart-table and in file names. */
  name: string;
  caption: string;
  columns: string[];
  rows: { raw: Cell[]; shown: string[] }[];
}

type T = TFunction;

/** The same table with only some columns, in the given order. */
export function pickColumns(source: StatTable, keep: readonly number[]): StatTable {
  return {
    ...source,
    columns: keep.map((i) => source.columns[i] ?? ""),
    rows: source.rows.map((row) => ({ raw: keep.map((i) => row.raw[i] ?? null), shown: keep.map((i) => row.shown[i] ?? "") })),
  };
}

function table(name: string, caption: string, columns: string[], rows: { raw: Cell[]; shown: string[] }[]): StatTable {
  return { name, caption, columns, rows };
}

/** A series as rows of (time, value). */
export function seriesTable(name: string, caption: string, series: TimeSeries, valueLabel: string, t: T, f: Format): StatTable {
  return table(
    name,
    caption,
    [t("stats.columns.time"), valueLabel],
    bucketTimes(series).map((at, i) => ({ raw: [at, series.values[i] ?? 0], shown: [f.clock(at), f.count(series.values[i] ?? 0)] })),
  );
}

export function interactionsTable(report: SessionReport, t: T, f: Format): StatTable {
  const first = report.interactions.series.chat;
  return table(
    "interactions",
    t("stats.charts.interactions"),
    [t("stats.columns.time"), ...INTERACTION_GROUPS.map((g) => t(`stats.groups.${g}`))],
    bucketTimes(first).map((at, i) => {
      const values = INTERACTION_GROUPS.map((g) => report.interactions.series[g].values[i] ?? 0);
      return { raw: [at, ...values], shown: [f.clock(at), ...values.map((v) => f.count(v))] };
    }),
  );
}

export function dwellTable(report: SessionReport, t: T, f: Format): StatTable {
  const edges = report.dwell.histogram;
  return table(
    "dwell",
    t("stats.charts.dwell"),
    [t("stats.columns.stayedUpTo"), t("stats.columns.members")],
    edges.map((b, i) => {
      const label = b.upToMs === null ? t("stats.columns.stayedLonger", { time: f.duration(edges[i - 1]?.upToMs ?? 0) }) : f.duration(b.upToMs);
      return { raw: [b.upToMs, b.members], shown: [label, f.count(b.members)] };
    }),
  );
}

export function funnelTable(report: SessionReport, t: T, f: Format): StatTable | null {
  const hunt = report.hunt;
  if (!hunt) return null;
  const rows: { raw: Cell[]; shown: string[] }[] = [{ raw: [t("stats.stages.started"), hunt.started], shown: [t("stats.stages.started"), f.count(hunt.started)] }];
  for (const clue of hunt.clues) rows.push({ raw: [clue.name, clue.found], shown: [clue.name, f.count(clue.found)] });
  rows.push({ raw: [t("stats.stages.completed"), hunt.completed], shown: [t("stats.stages.completed"), f.count(hunt.completed)] });
  return table("funnel", t("stats.charts.funnel"), [t("stats.columns.stage"), t("stats.columns.count")], rows);
}

export function placesTable(report: SessionReport, t: T, f: Format): StatTable | null {
  const hunt = report.hunt;
  if (!hunt) return null;
  return table(
    "places",
    t("stats.charts.places"),
    [t("stats.columns.place"), t("stats.columns.clues"), t("stats.columns.found")],
    hunt.places.map((p) => ({ raw: [p.place, p.clues, p.found], shown: [p.place, f.count(p.clues), f.count(p.found)] })),
  );
}

/** A word's mood in words: the sentiment's sign, with a dead zone so a near-zero mean reads neutral. */
export function sentimentOf(sentiment: number): "positive" | "neutral" | "negative" {
  return sentiment > 0.15 ? "positive" : sentiment < -0.15 ? "negative" : "neutral";
}

export function hotWordsTable(report: SessionReport, t: T, f: Format): StatTable {
  return table(
    "hotWords",
    t("stats.charts.hotWords"),
    [t("stats.columns.word"), t("stats.columns.count"), t("stats.columns.sentiment")],
    report.hotWords.map((w) => ({ raw: [w.word, w.count, w.sentiment], shown: [w.word, f.count(w.count), `${t(`stats.sentiment.${sentimentOf(w.sentiment)}`)} (${f.rate(w.sentiment)})`] })),
  );
}

/** The hours heatmap in the viewer's zone: one row per weekday (Sunday first), one column per hour. */
export function hoursTable(name: string, hours: readonly number[], offsetMinutes: number, t: T, f: Format): StatTable {
  const local = shiftHours(hours, offsetMinutes);
  const days = weekdayNames(f.language);
  const hourLabels = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0"));
  return table(
    name,
    t("stats.charts.hours"),
    [t("stats.columns.weekday"), ...hourLabels],
    days.map((day, d) => {
      const values = local.slice(d * 24, d * 24 + 24);
      return { raw: [day, ...values], shown: [day, ...values.map((v) => f.count(v))] };
    }),
  );
}

export function pollsTable(report: SessionReport, t: T, f: Format): StatTable {
  return table(
    "polls",
    t("stats.tables.polls"),
    [t("stats.columns.question"), t("stats.columns.kind"), t("stats.columns.time"), t("stats.columns.voters"), t("stats.columns.present"), t("stats.columns.participation")],
    report.polls.polls.map((p) => ({
      raw: [p.question, p.kind, p.openedAt, p.voters, p.present, p.participation],
      shown: [p.question, t(`stats.pollKinds.${p.kind}`), f.clock(p.openedAt), f.count(p.voters), f.count(p.present), f.share(p.participation)],
    })),
  );
}

export function debatesTable(report: SessionReport, t: T, f: Format): StatTable {
  return table(
    "debates",
    t("stats.tables.debates"),
    [t("stats.columns.motion"), t("stats.columns.before"), t("stats.columns.after"), t("stats.columns.swing")],
    report.debates.map((d) => ({
      raw: [d.motion, `${d.before[0]}/${d.before[1]}`, `${d.after[0]}/${d.after[1]}`, d.swing],
      shown: [d.motion, `${d.sides[0]} ${f.count(d.before[0])} · ${d.sides[1]} ${f.count(d.before[1])}`, `${d.sides[0]} ${f.count(d.after[0])} · ${d.sides[1]} ${f.count(d.after[1])}`, f.signed(d.swing, "rate")],
    })),
  );
}

export function speakersTable(report: SessionReport, t: T, f: Format): StatTable {
  return table(
    "speakers",
    t("stats.tables.speakers"),
    [t("stats.columns.name"), t("stats.columns.invitedAt")],
    report.speakers.map((s) => ({ raw: [s.name, s.invitedAt], shown: [s.name, f.clock(s.invitedAt)] })),
  );
}

/** Host acts as shared/rules/stats/session.ts names them; a name this page does not know shows as it is. */
const KNOWN_ACTIONS = ["mute", "unmute", "remove", "lock", "unlock", "slowMode", "deleteLine", "whisper", "handled", "handedOn", "words"] as const;
const isKnownAction = (action: string): action is (typeof KNOWN_ACTIONS)[number] => (KNOWN_ACTIONS as readonly string[]).includes(action);

export function moderationTable(report: SessionReport, t: T, f: Format): StatTable {
  return table(
    "moderation",
    t("stats.tables.moderation"),
    [t("stats.columns.action"), t("stats.columns.count")],
    Object.entries(report.moderation.actions)
      .sort((a, b) => b[1] - a[1])
      .map(([action, n]) => ({ raw: [action, n], shown: [isKnownAction(action) ? t(`stats.actions.${action}`) : action, f.count(n)] })),
  );
}

export function badgesTable(report: SessionReport, t: T, f: Format): StatTable {
  return table(
    "badges",
    t("stats.tables.badges"),
    [t("stats.columns.badge"), t("stats.columns.members")],
    (Object.entries(report.growth.badges) as [Badge, number][]).map(([badge, n]) => ({ raw: [badge, n], shown: [t(`growthPages.badges.${badge}.name`), f.count(n)] })),
  );
}

export type MemberSort = "dwell" | "interactions" | "points";

/** The members, sorted by the chosen figure, largest first (ties by name, so the order is stable). */
export function membersTable(members: readonly MemberSessionRow[], sort: MemberSort, t: T, f: Format): StatTable {
  const key = (m: MemberSessionRow) => (sort === "dwell" ? m.dwellMs : sort === "interactions" ? m.interactions : m.points);
  const sorted = [...members].sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name));
  return table(
    "members",
    t("stats.tables.members"),
    [t("stats.columns.name"), t("stats.columns.firstJoined"), t("stats.columns.dwell"), t("stats.columns.interactions"), t("stats.columns.points"), t("stats.columns.returning")],
    sorted.map((m) => ({
      raw: [m.name, m.firstJoinedAt, m.dwellMs, m.interactions, m.points, m.returning],
      shown: [m.name, f.clock(m.firstJoinedAt), f.duration(m.dwellMs), f.count(m.interactions), f.count(m.points), m.returning ? t("stats.yes") : t("stats.no")],
    })),
  );
}

// ── Across sessions ──

export function cohortsTable(report: CommunityReport, t: T, f: Format): StatTable {
  const width = Math.max(0, ...report.cohorts.map((c) => c.retained.length));
  return table(
    "cohorts",
    t("stats.charts.cohorts"),
    [t("stats.columns.session"), t("stats.columns.size"), ...Array.from({ length: width }, (_, k) => t("stats.columns.later", { n: k + 1 }))],
    report.cohorts.map((c) => ({
      raw: [c.startedAt, c.size, ...Array.from({ length: width }, (_, k) => c.retained[k] ?? null)],
      shown: [f.stamp(c.startedAt), f.count(c.size), ...Array.from({ length: width }, (_, k) => (k < c.retained.length ? f.share(c.retained[k] ?? null) : ""))],
    })),
  );
}

export function segmentCountsTable(report: CommunityReport, t: T, f: Format): StatTable {
  return table(
    "segments",
    t("stats.charts.segments"),
    [t("stats.columns.segment"), t("stats.columns.members")],
    RFM_SEGMENTS.map((s) => ({ raw: [s, report.segmentCounts[s]], shown: [t(`stats.segments.${s}`), f.count(report.segmentCounts[s])] })),
  );
}

export function rfmTable(report: CommunityReport, t: T, f: Format): StatTable {
  return table(
    "rfm",
    t("stats.tables.rfm"),
    [t("stats.columns.name"), t("stats.columns.segment"), t("stats.columns.recency"), t("stats.columns.sessions"), t("stats.columns.interactions"), t("stats.columns.points"), "R", "F", "M"],
    report.segments.map((m) => ({
      raw: [m.name, m.segment, m.recencyDays, m.sessions, m.interactions, m.points, m.r, m.f, m.m],
      shown: [m.name, t(`stats.segments.${m.segment}`), f.count(m.recencyDays), f.count(m.sessions), f.count(m.interactions), f.count(m.points), String(m.r), String(m.f), String(m.m)],
    })),
  );
}

export function tiersTable(report: CommunityReport, t: T, f: Format): StatTable {
  return table(
    "tiers",
    t("stats.charts.tiers"),
    [t("stats.columns.session"), ...TIERS.map((tier) => t(`growthPages.tiers.${tier}`))],
    report.tiers.map((row) => ({ raw: [row.startedAt, ...TIERS.map((tier) => row[tier])], shown: [f.day(row.startedAt), ...TIERS.map((tier) => f.count(row[tier]))] })),
  );
}

export function communitySessionsTable(report: CommunityReport, t: T, f: Format): StatTable {
  return table(
    "communitySessions",
    t("stats.tables.sessions"),
    [t("stats.columns.date"), t("stats.columns.name"), t("stats.columns.members"), t("stats.columns.peak"), t("stats.columns.interactions"), t("stats.figures.newMembers")],
    [...report.sessions]
      .sort((a, b) => b.startedAt - a.startedAt)
      .map((s) => ({
        raw: [s.startedAt, s.eventTitle, s.members, s.peak, s.interactions, s.newMembers],
        shown: [f.dateTime(s.startedAt), s.eventTitle, f.count(s.members), f.count(s.peak), f.count(s.interactions), f.count(s.newMembers)],
      })),
  );
}

/** An indicator's value in its unit. */
export function formatReading(unit: IndicatorReading["unit"], value: number | null, f: Format, t: T): string {
  if (value === null) return f.count(null);
  switch (unit) {
    case "share":
      return f.share(value);
    case "minutes":
      return f.duration(value * 60_000);
    case "flag":
      return value >= 1 ? t("stats.yes") : t("stats.no");
    case "count":
      return f.count(value);
    default:
      return f.rate(value);
  }
}

export function healthHistoryTable(
  sessions: readonly { sessionId: string; startedAt: number; values: Record<HealthIndicatorId, number | null> }[],
  readings: readonly IndicatorReading[],
  t: T,
  f: Format,
): StatTable {
  return table(
    "healthHistory",
    t("stats.sections.healthOverSessions"),
    [t("stats.columns.indicator"), ...sessions.map((s) => f.dateTime(s.startedAt))],
    readings.map((r) => ({
      raw: [r.id, ...sessions.map((s) => s.values[r.id] ?? null)],
      shown: [t(`statsHealth.${r.id}.name`), ...sessions.map((s) => formatReading(r.unit, s.values[r.id] ?? null, f, t))],
    })),
  );
}
