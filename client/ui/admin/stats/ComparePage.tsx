import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { SessionStatsResponse } from "../../../../shared/protocol/stats.js";
import { INTERACTION_GROUPS, type SessionReport, type TimeSeries } from "../../../../shared/rules/stats/types.js";
import type { AdminResult } from "../adminApi.js";
import { Chart } from "./Chart.js";
import { DataTable } from "./DataTable.js";
import { figureDifference, headlineFigures } from "./figures.js";
import { makeFormat, type Format } from "./format.js";
import { overlayOption } from "./options.js";
import { NotReady, StatsFrame, useStatsLoad } from "./shell.js";
import { loadSessionStats } from "./statsApi.js";
import type { StatTable } from "./tables.js";

/** A series resampled to one value per minute since the session's start (each minute takes its bucket's value), so two sessions line up. */
export function perMinute(series: TimeSeries): number[] {
  // A session of a few seconds still has its one minute (rounding would leave it no point to draw).
  const minutes = series.values.length === 0 ? 0 : Math.max(1, Math.round((series.values.length * series.bucketMs) / 60_000));
  const perBucket = Math.max(1, Math.round(series.bucketMs / 60_000));
  return Array.from({ length: minutes }, (_, m) => series.values[Math.floor(m / perBucket)] ?? 0);
}

/** Interactions of every group, bucket by bucket. */
export function totalInteractions(report: SessionReport): TimeSeries {
  const base = report.interactions.series.chat;
  return { ...base, values: base.values.map((_, i) => INTERACTION_GROUPS.reduce((sum, g) => sum + (report.interactions.series[g].values[i] ?? 0), 0)) };
}

/** Two per-minute series side by side as a table (minute since start, A, B). */
export function overlayTable(name: string, caption: string, a: number[], b: number[], t: (key: "stats.columns.minute" | "stats.columns.a" | "stats.columns.b") => string, f: Format): StatTable {
  const length = Math.max(a.length, b.length);
  return {
    name,
    caption,
    columns: [t("stats.columns.minute"), t("stats.columns.a"), t("stats.columns.b")],
    rows: Array.from({ length }, (_, m) => ({ raw: [m, a[m] ?? null, b[m] ?? null], shown: [String(m), f.count(a[m] ?? null), f.count(b[m] ?? null)] })),
  };
}

async function loadBoth(token: string, a: string, b: string): Promise<AdminResult<[SessionStatsResponse, SessionStatsResponse]>> {
  const [first, second] = await Promise.all([loadSessionStats(token, a), loadSessionStats(token, b)]);
  if (!first.ok) return first;
  if (!second.ok) return second;
  return { ok: true, value: [first.value, second.value] };
}

/** `/admin/stats/<slug>/compare/<a>/<b>`: two sessions' headline figures side by side, and their curves overlaid. */
export function CompareStatsPage({ slug, a, b }: { slug: string; a: string; b: string }) {
  const { t, i18n } = useTranslation();
  const f = useMemo(() => makeFormat(i18n.language), [i18n.language]);
  const load = useCallback((token: string) => loadBoth(token, a, b), [a, b]);
  const { state, reload, signIn } = useStatsLoad(load);
  const pair = state.kind === "ready" ? state.value : null;
  const view = useMemo(() => {
    if (!pair) return null;
    const [ra, rb] = [pair[0].report, pair[1].report];
    const fa = headlineFigures(ra, f, t);
    const fb = headlineFigures(rb, f, t);
    // Short column heads ("A · 11/24 20:03") so the table fits a phone (the event's session list has the full dates).
    const nameA = `${t("stats.columns.a")} · ${f.stamp(ra.startedAt)}`;
    const nameB = `${t("stats.columns.b")} · ${f.stamp(rb.startedAt)}`;
    const table: StatTable = {
      name: "compare",
      caption: t("stats.compareTitle"),
      columns: [t("stats.columns.indicator"), nameA, nameB, t("stats.columns.difference")],
      rows: fa.flatMap((x) => {
        const y = fb.find((z) => z.stat === x.stat);
        return y ? [{ raw: [x.stat, x.raw, y.raw, x.raw === null || y.raw === null ? null : y.raw - x.raw], shown: [x.label, x.value, y.value, figureDifference(x, y, f)] }] : [];
      }),
    };
    const concA = perMinute(ra.concurrency.series);
    const concB = perMinute(rb.concurrency.series);
    const intA = perMinute(totalInteractions(ra));
    const intB = perMinute(totalInteractions(rb));
    const concurrency = overlayTable("compareConcurrency", t("stats.charts.compareConcurrency"), concA, concB, t, f);
    const interactions = overlayTable("compareInteractions", t("stats.charts.compareInteractions"), intA, intB, t, f);
    const minutes = (n: number) => Array.from({ length: n }, (_, m) => String(m));
    return {
      table,
      concurrency,
      interactions,
      // The legend says A and B only (the dates are in the table above): long names overlap on a phone.
      concurrencyOption: overlayOption({ name: t("stats.columns.a"), values: concA }, { name: t("stats.columns.b"), values: concB }, minutes(concurrency.rows.length)),
      interactionsOption: overlayOption({ name: t("stats.columns.a"), values: intA }, { name: t("stats.columns.b"), values: intB }, minutes(interactions.rows.length)),
    };
  }, [pair, f, t]);
  const title = pair ? pair[0].event.title : slug;
  return (
    <StatsFrame title={t("stats.compareTitle")} testId="stats-compare-page" back={{ href: `/admin/stats/${encodeURIComponent(slug)}`, label: t("stats.backToEvent", { event: title }) }}>
      <NotReady state={state} onSignIn={signIn} onRetry={() => void reload()} />
      {view && (
        <>
          <section className="card stats-card stats-compare-figures" aria-labelledby="stats-compare-figures">
            <h2 id="stats-compare-figures">{t("stats.headline")}</h2>
            <DataTable table={view.table} slug={slug} />
          </section>
          <section className="card stats-card">
            <div className="stats-grid">
              <Chart name="compareConcurrency" option={view.concurrencyOption} table={view.concurrency} slug={slug} />
              <Chart name="compareInteractions" option={view.interactionsOption} table={view.interactions} slug={slug} />
            </div>
          </section>
        </>
      )}
    </StatsFrame>
  );
}
