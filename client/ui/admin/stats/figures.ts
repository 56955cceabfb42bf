import type { TFunction } from "i18next";
import type { SessionReport } from "../../../../shared/rules/stats/types.js";
import type { Format } from "./format.js";

/** A headline figure: `stat` is its path in the report (the page's data-stat, which the e2e test reads). */
export interface Figure {
  stat: string;
  label: string;
  value: string;
  detail?: string;
  /** The raw number, for the compare page's difference (null where a difference means nothing). */
  raw: number | null;
  kind: "count" | "share" | "rate" | "duration" | "time";
}

/** The session's headline figures in the page's order, formatted for the viewer. Pure, unit-tested. */
export function headlineFigures(report: SessionReport, f: Format, t: TFunction): Figure[] {
  const figures: Figure[] = [
    { stat: "attendance.members", label: t("stats.figures.members"), value: f.count(report.attendance.members), raw: report.attendance.members, kind: "count" },
    { stat: "attendance.newMembers", label: t("stats.figures.newMembers"), value: f.count(report.attendance.newMembers), raw: report.attendance.newMembers, kind: "count" },
    { stat: "attendance.returningMembers", label: t("stats.figures.returningMembers"), value: f.count(report.attendance.returningMembers), raw: report.attendance.returningMembers, kind: "count" },
    {
      stat: "concurrency.peak",
      label: t("stats.figures.peak"),
      value: f.count(report.concurrency.peak),
      detail: report.concurrency.peakAt === null ? undefined : f.clock(report.concurrency.peakAt),
      raw: report.concurrency.peak,
      kind: "count",
    },
    { stat: "durationMs", label: t("stats.figures.duration"), value: f.duration(report.durationMs), raw: report.durationMs, kind: "duration" },
    { stat: "dwell.medianMs", label: t("stats.figures.medianDwell"), value: f.duration(report.dwell.medianMs), raw: report.dwell.medianMs, kind: "duration" },
    { stat: "interactions.total", label: t("stats.figures.interactions"), value: f.count(report.interactions.total), raw: report.interactions.total, kind: "count" },
    { stat: "interactions.perMemberMinute", label: t("stats.figures.perMemberMinute"), value: f.rate(report.interactions.perMemberMinute), raw: report.interactions.perMemberMinute, kind: "rate" },
    { stat: "interactions.interactedShare", label: t("stats.figures.interactedShare"), value: f.share(report.interactions.interactedShare), raw: report.interactions.interactedShare, kind: "share" },
    {
      stat: "questions.answered",
      label: t("stats.figures.questionsAnswered"),
      value: f.count(report.questions.answered),
      detail: t("stats.figures.questionsAnsweredOf", { answered: f.count(report.questions.answered), asked: f.count(report.questions.asked) }),
      raw: report.questions.answered,
      kind: "count",
    },
    { stat: "questions.medianAnswerMs", label: t("stats.figures.answerTime"), value: f.duration(report.questions.medianAnswerMs), raw: report.questions.medianAnswerMs, kind: "duration" },
    { stat: "polls.meanParticipation", label: t("stats.figures.polls"), value: f.share(report.polls.meanParticipation), raw: report.polls.meanParticipation, kind: "share" },
    { stat: "moderation.flagged", label: t("stats.figures.flagged"), value: f.count(report.moderation.flagged), raw: report.moderation.flagged, kind: "count" },
    { stat: "moderation.medianResponseMs", label: t("stats.figures.flagResponse"), value: f.duration(report.moderation.medianResponseMs), raw: report.moderation.medianResponseMs, kind: "duration" },
    {
      stat: "tree.reachedAt",
      label: t("stats.figures.treeReached"),
      value: report.tree.reachedAt === null ? t("stats.notReached") : f.clock(report.tree.reachedAt),
      detail: `${f.count(report.tree.growth)} / ${f.count(report.tree.goal)}`,
      raw: null,
      kind: "time",
    },
  ];
  if (report.hunt) {
    figures.push(
      { stat: "hunt.completed", label: t("stats.figures.huntCompleted"), value: f.count(report.hunt.completed), raw: report.hunt.completed, kind: "count" },
      { stat: "hunt.completionRate", label: t("stats.figures.huntRate"), value: f.share(report.hunt.completionRate), raw: report.hunt.completionRate, kind: "share" },
    );
  }
  return figures;
}

/** The compare page's difference of two figures (b − a), in the figure's own kind. */
export function figureDifference(a: Figure, b: Figure, f: Format): string {
  if (a.raw === null || b.raw === null) return f.count(null);
  const d = b.raw - a.raw;
  if (a.kind === "duration") return d === 0 ? f.duration(0) : `${d > 0 ? "+" : "−"}${f.duration(Math.abs(d))}`;
  return f.signed(d, a.kind === "share" ? "share" : a.kind === "rate" ? "rate" : "count");
}
