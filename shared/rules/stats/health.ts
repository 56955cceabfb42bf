import {
  HEALTH_INDICATORS,
  HEALTH_SMOOTHING,
  HEALTH_TREND_SESSIONS,
  type HealthAlert,
  type HealthIndicatorId,
  type HealthThreshold,
  type HealthUnit,
  type IndicatorReading,
  type SessionReport,
} from "./types.js";

/**
 * Community health (docs/statistics.md, "Health"): the 21 indicators read from a session's report, their trend
 * against the event's earlier sessions, a forecast of the next session, the thresholds an operator sets and the
 * webhook's alert. Pure: no clock, no I/O.
 */

export interface HealthDefinition {
  unit: HealthUnit;
  better: "higher" | "lower";
  threshold: HealthThreshold;
}

const below = (value: number): HealthThreshold => ({ when: "below", value, notify: false });
const above = (value: number): HealthThreshold => ({ when: "above", value, notify: false });

/**
 * Each indicator's unit, which way is healthier and its default threshold: set for an ordinary community event so a
 * session that goes well crosses none of them. Nothing notifies until the operator asks for it.
 */
export const HEALTH_DEFINITIONS: { readonly [I in HealthIndicatorId]: Readonly<HealthDefinition> } = {
  interactionRate: { unit: "perMemberMinute", better: "higher", threshold: below(0.05) },
  interactedShare: { unit: "share", better: "higher", threshold: below(0.3) },
  questionAnswerRate: { unit: "share", better: "higher", threshold: below(0.5) },
  questionAnswerTime: { unit: "minutes", better: "lower", threshold: above(10) },
  newMemberShare: { unit: "share", better: "higher", threshold: below(0.1) },
  returningMemberShare: { unit: "share", better: "higher", threshold: below(0.2) },
  averageDwell: { unit: "minutes", better: "higher", threshold: below(10) },
  earlyLeaverShare: { unit: "share", better: "lower", threshold: above(0.4) },
  pollParticipation: { unit: "share", better: "higher", threshold: below(0.3) },
  huntCompletionRate: { unit: "share", better: "higher", threshold: below(0.2) },
  treeGoalReached: { unit: "flag", better: "higher", threshold: below(1) },
  flaggedRate: { unit: "per100", better: "lower", threshold: above(5) },
  flagResponseTime: { unit: "minutes", better: "lower", threshold: above(10) },
  moderationPer100: { unit: "per100", better: "lower", threshold: above(20) },
  energyPerMember: { unit: "perMember", better: "higher", threshold: below(0.5) },
  tierPromotions: { unit: "per100", better: "higher", threshold: below(1) },
  chatPerMember: { unit: "perMember", better: "higher", threshold: below(1) },
  peakShare: { unit: "share", better: "higher", threshold: below(0.4) },
  checkInShare: { unit: "share", better: "higher", threshold: below(0.5) },
  negativeShare: { unit: "share", better: "lower", threshold: above(0.2) },
  speakers: { unit: "count", better: "higher", threshold: below(1) },
};

const MINUTE_MS = 60_000;

/** A stored report is JSON: anything not a finite number (a missing field, NaN written as null) reads as no value. */
function finite(value: number | null | undefined): number | null {
  return Number.isFinite(value) ? (value as number) : null;
}

/** part / whole; null when whole is 0 (0/0 and n/0 are not finite). */
function ratio(part: number, whole: number): number | null {
  return finite(part / whole);
}

function minutes(ms: number | null | undefined): number | null {
  const value = finite(ms);
  return value === null ? null : value / MINUTE_MS;
}

/**
 * One indicator of one session. A session nobody attended has no health (every indicator null), so a session opened
 * by mistake never alerts; otherwise null where the figure is undefined (no questions, no polls, no hunt, no chat…).
 */
export function indicatorValue(id: HealthIndicatorId, report: SessionReport): number | null {
  const members = report.attendance.members;
  if (!(members > 0)) return null;
  switch (id) {
    case "interactionRate":
      return finite(report.interactions.perMemberMinute);
    case "interactedShare":
      return finite(report.interactions.interactedShare);
    case "questionAnswerRate":
      return finite(report.questions.answerRate);
    case "questionAnswerTime":
      return minutes(report.questions.medianAnswerMs);
    case "newMemberShare":
      return ratio(report.attendance.newMembers, members);
    case "returningMemberShare":
      return ratio(report.attendance.returningMembers, members);
    case "averageDwell":
      return minutes(report.dwell.meanMs);
    case "earlyLeaverShare":
      return finite(report.dwell.earlyLeaverShare);
    case "pollParticipation":
      return finite(report.polls.meanParticipation);
    case "huntCompletionRate":
      return report.hunt === null ? null : finite(report.hunt.completionRate);
    case "treeGoalReached":
      return report.tree.reachedAt === null ? 0 : 1;
    case "flaggedRate":
      return finite(report.moderation.flaggedPer100Lines);
    case "flagResponseTime":
      return minutes(report.moderation.medianResponseMs);
    case "moderationPer100":
      return finite(report.moderation.actionsPer100Members);
    case "energyPerMember":
      return finite(report.growth.energyPerMember);
    case "tierPromotions": {
      const promoted = Object.values(report.growth.promotions).reduce<number>((sum, count) => sum + (finite(count) ?? 0), 0);
      return ratio(promoted * 100, members);
    }
    case "chatPerMember":
      return ratio(report.chat.lines, members);
    case "peakShare":
      return ratio(report.concurrency.peak, members);
    case "checkInShare":
      // Without a check-in there is nothing to take part in: no value, rather than a 0 that reads as a failure.
      return report.checkIns.opened > 0 ? finite(report.checkIns.share) : null;
    case "negativeShare":
      return ratio(report.chat.negativeLines, report.chat.lines);
    case "speakers":
      return report.speakers.length;
  }
}

/** Every indicator of one session (what the health history's per-session values hold). */
export function indicatorValues(report: SessionReport): Record<HealthIndicatorId, number | null> {
  return Object.fromEntries(HEALTH_INDICATORS.map((id) => [id, indicatorValue(id, report)])) as Record<HealthIndicatorId, number | null>;
}

/**
 * The next value by simple exponential smoothing: s₁ = x₁, sₜ = α·xₜ + (1 − α)·sₜ₋₁ over the non-null values, oldest
 * first; the forecast is the last sₜ. Null when there is no value.
 */
export function forecastNext(values: readonly (number | null)[], alpha: number = HEALTH_SMOOTHING): number | null {
  let level: number | null = null;
  for (const value of values) {
    if (value === null) continue;
    level = level === null ? value : alpha * value + (1 - alpha) * level;
  }
  return level;
}

/** A value within this share of the previous mean's magnitude is "flat". */
export const HEALTH_FLAT_SHARE = 0.05;
/** When the previous mean is zero (5 % of it is nothing), only a change larger than this is up or down: rounding noise is flat. */
export const HEALTH_FLAT_EPSILON = 1e-9;

/** "up" / "down" against the previous mean; flat within HEALTH_FLAT_SHARE of it (HEALTH_FLAT_EPSILON at least). */
export function trendOf(value: number | null, previousMean: number | null): IndicatorReading["trend"] {
  if (value === null || previousMean === null) return null;
  const delta = value - previousMean;
  const tolerance = Math.max(HEALTH_FLAT_SHARE * Math.abs(previousMean), HEALTH_FLAT_EPSILON);
  if (delta > tolerance) return "up";
  return delta < -tolerance ? "down" : "flat";
}

/** Past the threshold: strictly under a "below" one, strictly over an "above" one. No value is never past. */
export function isBreached(value: number | null, threshold: HealthThreshold): boolean {
  if (value === null) return false;
  return threshold.when === "below" ? value < threshold.value : value > threshold.value;
}

function mean(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
}

/**
 * The session's readings. `previous`: the event's sessions that started before it, oldest first. The previous mean
 * is over the last HEALTH_TREND_SESSIONS of them (those with a value); the forecast over all of them and this one.
 * A threshold missing from `thresholds` is the default.
 */
export function healthReadings(
  current: SessionReport,
  previous: readonly SessionReport[],
  thresholds: Partial<Record<HealthIndicatorId, HealthThreshold>>,
): IndicatorReading[] {
  const recent = previous.slice(-HEALTH_TREND_SESSIONS);
  return HEALTH_INDICATORS.map((id) => {
    const definition = HEALTH_DEFINITIONS[id];
    const value = indicatorValue(id, current);
    const previousMean = mean(recent.map((report) => indicatorValue(id, report)));
    const threshold = { ...(thresholds[id] ?? definition.threshold) };
    return {
      id,
      unit: definition.unit,
      better: definition.better,
      value,
      previousMean,
      delta: value === null || previousMean === null ? null : value - previousMean,
      trend: trendOf(value, previousMean),
      forecast: forecastNext([...previous, current].map((report) => indicatorValue(id, report))),
      threshold,
      breached: isBreached(value, threshold),
    };
  });
}

/** An object to read keys from. An array passes too: it has no indicator id or threshold field of its own, so it reads as empty. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The same bounds the settings request allows (shared/protocol/stats.ts), so a stored value always round-trips. */
const THRESHOLD_LIMIT = 1_000_000;

function validThreshold(entry: unknown): HealthThreshold | null {
  if (!isRecord(entry)) return null;
  const { when, value, notify } = entry;
  if (when !== "below" && when !== "above") return null;
  // NaN and ±Infinity fail the comparison too.
  if (typeof value !== "number" || !(Math.abs(value) <= THRESHOLD_LIMIT)) return null;
  if (typeof notify !== "boolean") return null;
  return { when, value, notify };
}

/**
 * The event's thresholds: the defaults, overlaid with each valid entry of the stored JSON (an object, or its text).
 * Anything else (unknown ids, inherited keys such as `__proto__`, entries of the wrong shape) is ignored; never throws.
 */
export function mergeThresholds(saved: unknown): Record<HealthIndicatorId, HealthThreshold> {
  let parsed = saved;
  if (typeof saved === "string") {
    try {
      parsed = JSON.parse(saved) as unknown;
    } catch {
      // Not JSON: a string has no entries, so the defaults stand.
    }
  }
  const merged = {} as Record<HealthIndicatorId, HealthThreshold>;
  for (const id of HEALTH_INDICATORS) {
    const entry = isRecord(parsed) && Object.hasOwn(parsed, id) ? validThreshold(parsed[id]) : null;
    merged[id] = entry ?? { ...HEALTH_DEFINITIONS[id].threshold };
  }
  return merged;
}

/** Indicator names for the alert's text only (the server has no i18next); the same as the pages' (client/i18n/statsHealth.ts, a test holds them equal). */
export const HEALTH_ALERT_NAMES: { readonly [I in HealthIndicatorId]: { zh: string; en: string } } = {
  interactionRate: { zh: "互动频率", en: "Interaction rate" },
  interactedShare: { zh: "参与互动的人占比", en: "Members who interacted" },
  questionAnswerRate: { zh: "提问回答率", en: "Question answer rate" },
  questionAnswerTime: { zh: "提问等待回答时长", en: "Time to answer a question" },
  newMemberShare: { zh: "新朋友占比", en: "New-member share" },
  returningMemberShare: { zh: "老朋友回访占比", en: "Returning-member share" },
  averageDwell: { zh: "平均停留时长", en: "Average dwell" },
  earlyLeaverShare: { zh: "提前离开占比", en: "Early-leaver share" },
  pollParticipation: { zh: "投票参与率", en: "Poll participation" },
  huntCompletionRate: { zh: "寻宝完成率", en: "Hunt completion rate" },
  treeGoalReached: { zh: "社区树达成目标", en: "Tree goal reached" },
  flaggedRate: { zh: "被标记消息比例", en: "Flagged-message rate" },
  flagResponseTime: { zh: "标记处理用时", en: "Flag response time" },
  moderationPer100: { zh: "每百人管理操作", en: "Moderation actions per 100 members" },
  energyPerMember: { zh: "人均赠送能量", en: "Energy given per member" },
  tierPromotions: { zh: "每百人晋级", en: "Tier promotions per 100 members" },
  chatPerMember: { zh: "人均聊天条数", en: "Chat lines per member" },
  peakShare: { zh: "同时在场峰值占比", en: "Peak share" },
  checkInShare: { zh: "签到率", en: "Check-in share" },
  negativeShare: { zh: "负面消息占比", en: "Negative-line share" },
  speakers: { zh: "上台发言人数", en: "Speakers" },
};

type AlertLanguage = "zh" | "en";

/** Up to `digits` decimals, without trailing zeros: 0.1 + 0.2 reads 0.3, 12.5 stays 12.5. */
function plain(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

/** A value as the alert's text writes it: shares as percentages, minutes with their unit, a flag as yes / no. */
export function formatHealthValue(unit: HealthUnit, value: number, language: AlertLanguage): string {
  switch (unit) {
    case "share":
      return `${plain(value * 100, 1)}%`;
    case "minutes":
      return language === "zh" ? `${plain(value, 1)} 分钟` : `${plain(value, 1)} min`;
    case "flag":
      if (language === "zh") return value >= 1 ? "是" : "否";
      return value >= 1 ? "yes" : "no";
    case "perMemberMinute":
    case "perMember":
    case "per100":
    case "count":
      return plain(value, 2);
  }
}

function thresholdText(unit: HealthUnit, threshold: HealthThreshold, language: AlertLanguage): string {
  // A flag's threshold is a number (below 1: not reached); "below yes" would read oddly.
  const value = unit === "flag" ? plain(threshold.value, 2) : formatHealthValue(unit, threshold.value, language);
  if (language === "zh") return `${threshold.when === "below" ? "低于" : "高于"} ${value}`;
  return `${threshold.when} ${value}`;
}

/** "2026-11-30 19:00 UTC": the same in both languages and on every server, whatever its time zone. */
function utcMinute(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * The webhook's alert for a session that ended: the readings past a threshold that asks to notify, with a text in
 * zh-CN then English naming each one. Null when there is none (nothing to send).
 */
export function healthAlert(
  readings: readonly IndicatorReading[],
  event: HealthAlert["event"],
  session: HealthAlert["session"],
  url: string,
): HealthAlert | null {
  const breached = readings.flatMap((reading) =>
    reading.breached && reading.threshold.notify && reading.value !== null ? [{ reading, value: reading.value }] : [],
  );
  if (breached.length === 0) return null;
  const when = utcMinute(session.startedAt);
  const items = (language: AlertLanguage): string =>
    breached
      .map(({ reading, value }) => {
        const name = HEALTH_ALERT_NAMES[reading.id][language];
        const shown = formatHealthValue(reading.unit, value, language);
        const limit = thresholdText(reading.unit, reading.threshold, language);
        return language === "zh" ? `${name} ${shown}（阈值：${limit}）` : `${name}: ${shown} (threshold: ${limit})`;
      })
      .join(language === "zh" ? "；" : "; ");
  const zh = `Grove 社区健康提醒：活动「${event.title}」${when} 开始的场次有 ${breached.length} 项指标越过阈值：${items("zh")}。`;
  const en = `Grove health alert: ${breached.length} ${breached.length === 1 ? "indicator past its threshold" : "indicators past their thresholds"} in the session of “${event.title}” that started ${when}: ${items("en")}.`;
  return {
    type: "grove.health",
    event: { slug: event.slug, title: event.title },
    session: { id: session.id, startedAt: session.startedAt, endedAt: session.endedAt },
    breached: breached.map(({ reading, value }) => ({ id: reading.id, value, threshold: { ...reading.threshold } })),
    text: `${zh}\n${en}\n${url}`,
    url,
  };
}
