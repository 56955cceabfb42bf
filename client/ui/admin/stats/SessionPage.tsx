import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { LIVE_REFRESH_MS, type SessionMembersResponse } from "../../../../shared/protocol/stats.js";
import { INTERACTION_GROUPS, type SessionReport } from "../../../../shared/rules/stats/types.js";
import { storedToken, type AdminResult } from "../adminApi.js";
import { Chart } from "./Chart.js";
import { DataTable } from "./DataTable.js";
import { headlineFigures } from "./figures.js";
import { makeFormat, type Format } from "./format.js";
import { HealthPanel } from "./HealthPanel.js";
import { barOption, heatmapOption, lineOption } from "./options.js";
import { NotReady, StatsFrame, useStatsLoad } from "./shell.js";
import { loadSessionMembers, loadSessionStats } from "./statsApi.js";
import {
  badgesTable,
  debatesTable,
  dwellTable,
  funnelTable,
  hotWordsTable,
  hoursTable,
  interactionsTable,
  membersTable,
  moderationTable,
  pickColumns,
  placesTable,
  pollsTable,
  sentimentOf,
  seriesTable,
  speakersTable,
  type MemberSort,
} from "./tables.js";

const SENTIMENT_COLOURS = { positive: "#2f6b4a", neutral: "#b8a06b", negative: "#a5361f" } as const;

/**
 * Polls `refresh` every LIVE_REFRESH_MS while `live`, paused while the tab is hidden (and once more as it comes
 * back), so a forgotten tab costs the server nothing.
 */
export function useLiveRefresh(live: boolean, refresh: () => Promise<void>): void {
  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const schedule = () => {
      if (stopped || document.visibilityState === "hidden") return;
      timer = setTimeout(() => void refresh().finally(schedule), LIVE_REFRESH_MS);
    };
    const onVisibility = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (document.visibilityState === "visible") void refresh().finally(schedule);
    };
    document.addEventListener("visibilitychange", onVisibility);
    schedule();
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [live, refresh]);
}

/** The headline figures as a grid of labelled values (each with data-stat, its path in the report). */
export function Headline({ report, f }: { report: SessionReport; f: Format }) {
  const { t } = useTranslation();
  const figures = headlineFigures(report, f, t);
  return (
    <section className="card stats-card" aria-labelledby="stats-headline">
      <h2 id="stats-headline">{t("stats.headline")}</h2>
      <dl className="stats-figures">
        {figures.map((figure) => (
          <div key={figure.stat} className="stats-figure">
            <dt>{figure.label}</dt>
            <dd>
              <span className="stats-figure-value" data-stat={figure.stat}>
                {figure.value}
              </span>
              {figure.detail && <span className="stats-figure-detail">{figure.detail}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Every chart and table of one session's report. */
export function SessionCharts({ report, slug, f }: { report: SessionReport; slug: string; f: Format }) {
  const { t } = useTranslation();
  const offset = new Date().getTimezoneOffset();
  const tables = useMemo(
    () => ({
      concurrency: seriesTable("concurrency", t("stats.charts.concurrency"), report.concurrency.series, t("stats.columns.members"), t, f),
      interactions: interactionsTable(report, t, f),
      dwell: dwellTable(report, t, f),
      funnel: funnelTable(report, t, f),
      places: placesTable(report, t, f),
      hotWords: hotWordsTable(report, t, f),
      tree: seriesTable("tree", t("stats.charts.tree"), report.tree.series, t("stats.columns.growth"), t, f),
      hours: hoursTable("hours", report.hours, offset, t, f),
      polls: pollsTable(report, t, f),
      debates: debatesTable(report, t, f),
      speakers: speakersTable(report, t, f),
      moderation: moderationTable(report, t, f),
      badges: badgesTable(report, t, f),
    }),
    [report, t, f, offset],
  );
  // Groups that never happened in this session would only add empty bands to the stacked chart (the export keeps all).
  const interactionsShown = useMemo(
    () => pickColumns(tables.interactions, [0, ...INTERACTION_GROUPS.flatMap((g, i) => (report.interactions.byGroup[g] > 0 ? [i + 1] : []))]),
    [tables.interactions, report],
  );
  const options = useMemo(
    () => ({
      concurrency: lineOption(tables.concurrency, { area: true }),
      interactions: lineOption(interactionsShown, { area: true, stacked: true }),
      dwell: barOption(tables.dwell),
      funnel: tables.funnel ? barOption(tables.funnel, { horizontal: true }) : null,
      hotWords: barOption(pickColumns(tables.hotWords, [0, 1]), {
        horizontal: true,
        colours: report.hotWords.map((w) => SENTIMENT_COLOURS[sentimentOf(w.sentiment)]),
      }),
      tree: lineOption(tables.tree, { area: true }),
      hours: heatmapOption(tables.hours),
    }),
    [tables, interactionsShown, report],
  );
  return (
    <>
      <section className="card stats-card" aria-labelledby="stats-activity">
        <h2 id="stats-activity">{t("stats.sections.activity")}</h2>
        <div className="stats-grid">
          <Chart name="concurrency" option={options.concurrency} table={tables.concurrency} slug={slug} />
          <Chart name="interactions" option={options.interactions} table={interactionsShown} slug={slug} />
          <Chart name="dwell" option={options.dwell} table={tables.dwell} slug={slug} />
          <Chart name="hotWords" option={options.hotWords} table={tables.hotWords} slug={slug} height={Math.max(200, report.hotWords.length * 22)} />
          <Chart name="tree" option={options.tree} table={tables.tree} slug={slug} />
          <Chart name="hours" option={options.hours} table={tables.hours} slug={slug} height={300} />
        </div>
      </section>
      <section className="card stats-card" aria-labelledby="stats-salon">
        <h2 id="stats-salon">{t("stats.sections.salon")}</h2>
        <DataTable table={tables.polls} slug={slug} />
        <DataTable table={tables.debates} slug={slug} />
        <DataTable table={tables.speakers} slug={slug} />
        <DataTable table={tables.moderation} slug={slug} />
      </section>
      <section className="card stats-card" aria-labelledby="stats-hunt">
        <h2 id="stats-hunt">{t("stats.sections.hunt")}</h2>
        {tables.funnel && options.funnel ? (
          <div className="stats-grid">
            <Chart name="funnel" option={options.funnel} table={tables.funnel} slug={slug} height={Math.max(200, tables.funnel.rows.length * 30)} />
            {tables.places && tables.places.rows.length > 0 && <DataTable table={tables.places} slug={slug} />}
          </div>
        ) : (
          <p className="growth-note">{t("stats.noHunt")}</p>
        )}
        <DataTable table={tables.badges} slug={slug} />
      </section>
    </>
  );
}

/** The members of the session, loaded when asked for (thousands of rows), sortable by stay, interactions or points. */
function MembersBlock({ sessionId, slug, f }: { sessionId: string; slug: string; f: Format }) {
  const { t } = useTranslation();
  const [members, setMembers] = useState<AdminResult<SessionMembersResponse> | "idle" | "loading">("idle");
  const [sort, setSort] = useState<MemberSort>("dwell");
  const load = async () => {
    const token = storedToken();
    if (!token) return;
    setMembers("loading");
    setMembers(await loadSessionMembers(token, sessionId));
  };
  return (
    <section className="card stats-card" aria-labelledby="stats-members" data-testid="stats-members">
      <h2 id="stats-members">{t("stats.tables.members")}</h2>
      {members === "idle" && (
        <button type="button" className="button small" onClick={() => void load()} data-testid="stats-load-members">
          {t("stats.loadMembers")}
        </button>
      )}
      {members === "loading" && <p role="status">{t("stats.membersLoading")}</p>}
      {typeof members === "object" && !members.ok && (
        <button type="button" className="button small" onClick={() => void load()}>
          {t("stats.retry")}
        </button>
      )}
      {typeof members === "object" && members.ok && (
        <>
          <label className="stats-sort">
            {t("stats.sortBy")}{" "}
            <select value={sort} onChange={(e) => setSort(e.currentTarget.value as MemberSort)} data-testid="stats-members-sort">
              <option value="dwell">{t("stats.columns.dwell")}</option>
              <option value="interactions">{t("stats.columns.interactions")}</option>
              <option value="points">{t("stats.columns.points")}</option>
            </select>
          </label>
          <DataTable table={membersTable(members.value.members, sort, t, f)} slug={slug} />
        </>
      )}
    </section>
  );
}

/** `/admin/stats/<slug>/session/<id>`: one session's figures, live while it runs. */
export function SessionStatsPage({ slug, sessionId }: { slug: string; sessionId: string }) {
  const { t, i18n } = useTranslation();
  const f = useMemo(() => makeFormat(i18n.language), [i18n.language]);
  const load = useCallback((token: string) => loadSessionStats(token, sessionId), [sessionId]);
  const { state, reload, signIn } = useStatsLoad(load);
  const ready = state.kind === "ready" ? state.value : null;
  useLiveRefresh(ready?.live ?? false, reload);
  const report = ready?.report;
  const eventTitle = ready?.event.title ?? slug;
  const title = report ? t("stats.sessionTitle", { date: f.dateTime(report.startedAt) }) : t("stats.title");
  const summary = report
    ? ready?.live
      ? t("stats.liveSummary", { members: f.count(report.attendance.members), peak: f.count(report.concurrency.peak), interactions: f.count(report.interactions.total), time: f.clock(report.asOf) })
      : t("stats.endedSummary", { members: f.count(report.attendance.members), peak: f.count(report.concurrency.peak), interactions: f.count(report.interactions.total) })
    : "";
  return (
    <StatsFrame
      title={title}
      testId="stats-session-page"
      back={{ href: `/admin/stats/${encodeURIComponent(slug)}`, label: t("stats.backToEvent", { event: eventTitle }) }}
      badge={
        ready?.live ? (
          <span className="stats-live" data-live="true">
            <span className="stats-live-dot" aria-hidden="true" />
            {t("stats.live")}
          </span>
        ) : undefined
      }
    >
      <NotReady state={state} onSignIn={signIn} onRetry={() => void reload()} />
      {ready && report && (
        <>
          {/* Only this line is announced: a screen reader hears one sentence per refresh, not every figure. */}
          <p className="stats-summary" aria-live="polite" data-testid="stats-summary">
            {summary}
          </p>
          <Headline report={report} f={f} />
          <HealthPanel readings={ready.health} />
          <SessionCharts report={report} slug={slug} f={f} />
          <MembersBlock sessionId={sessionId} slug={slug} f={f} />
        </>
      )}
    </StatsFrame>
  );
}
