import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CommunityReport, RfmSegment } from "../../../../shared/rules/stats/types.js";
import { RFM_SEGMENTS } from "../../../../shared/rules/stats/types.js";
import { Chart } from "./Chart.js";
import { DataTable } from "./DataTable.js";
import type { Format } from "./format.js";
import { barOption, heatmapOption } from "./options.js";
import { cohortsTable, hoursTable, pickColumns, rfmTable, segmentCountsTable, tiersTable } from "./tables.js";

/**
 * Across sessions (the event's, or every event's on /admin/stats): returning members within 7 and 30 days, cohort
 * retention, the RFM segments with their members (exported to invite people back), the hours and the tier pyramid.
 */
export function CommunityBlock({ report, slug, f }: { report: CommunityReport; slug: string; f: Format }) {
  const { t } = useTranslation();
  const [segment, setSegment] = useState<RfmSegment | "all">("all");
  const offset = new Date().getTimezoneOffset();
  const tables = useMemo(
    () => ({
      cohorts: cohortsTable(report, t, f),
      segments: segmentCountsTable(report, t, f),
      hours: hoursTable("communityHours", report.hours, offset, t, f),
      tiers: tiersTable(report, t, f),
    }),
    [report, t, f, offset],
  );
  const members = useMemo(() => {
    const all = rfmTable({ ...report, segments: segment === "all" ? report.segments : report.segments.filter((m) => m.segment === segment) }, t, f);
    return segment === "all" ? all : { ...all, name: `rfm-${segment}` };
  }, [report, segment, t, f]);
  const options = useMemo(
    () => ({
      segments: barOption(tables.segments),
      hours: heatmapOption(tables.hours),
      tiers: barOption(tables.tiers, { stacked: true }),
    }),
    [tables],
  );
  // The cohort heatmap colours only the retention columns: size (column 1) is a count, not a share.
  const cohortsOption = useMemo(() => {
    const width = tables.cohorts.columns.length;
    return heatmapOption(pickColumns(tables.cohorts, [0, ...Array.from({ length: Math.max(0, width - 2) }, (_, k) => k + 2)]), { share: true });
  }, [tables.cohorts]);
  return (
    <section className="card stats-card" aria-labelledby="stats-community" data-testid="stats-community">
      <h2 id="stats-community">{t("stats.sections.community")}</h2>
      <dl className="stats-figures">
        <div className="stats-figure">
          <dt>{t("stats.community.returning7")}</dt>
          <dd>
            <span className="stats-figure-value" data-stat="returning.d7">
              {f.share(report.returning.d7)}
            </span>
            <span className="stats-figure-detail">{t("stats.community.eligible", { count: report.returning.eligible7 })}</span>
          </dd>
        </div>
        <div className="stats-figure">
          <dt>{t("stats.community.returning30")}</dt>
          <dd>
            <span className="stats-figure-value" data-stat="returning.d30">
              {f.share(report.returning.d30)}
            </span>
            <span className="stats-figure-detail">{t("stats.community.eligible", { count: report.returning.eligible30 })}</span>
          </dd>
        </div>
      </dl>
      <div className="stats-grid">
        <Chart name="cohorts" option={cohortsOption} table={tables.cohorts} slug={slug} height={Math.max(220, tables.cohorts.rows.length * 28 + 90)} />
        <Chart name="segments" option={options.segments} table={tables.segments} slug={slug} />
        <Chart name="communityHours" option={options.hours} table={tables.hours} slug={slug} height={300} />
        <Chart name="tiers" option={options.tiers} table={tables.tiers} slug={slug} />
      </div>
      <h3>{t("stats.tables.rfm")}</h3>
      <p className="growth-note">{t("stats.community.inviteHint")}</p>
      <div className="stats-segment-picks" role="group" aria-label={t("stats.columns.segment")}>
        {(["all", ...RFM_SEGMENTS] as const).map((s) => (
          <button key={s} type="button" className={segment === s ? "growth-chip is-current" : "growth-chip"} aria-pressed={segment === s} onClick={() => setSegment(s)} data-segment={s}>
            {s === "all" ? t("stats.tables.members") : `${t(`stats.segments.${s}`)} · ${f.count(report.segmentCounts[s])}`}
          </button>
        ))}
      </div>
      <DataTable table={members} slug={slug} />
    </section>
  );
}
