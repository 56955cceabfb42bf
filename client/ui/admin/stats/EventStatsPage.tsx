import { useCallback, useId, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorKey } from "../../../../shared/protocol/index.js";
import type { CommunityResponse, EventSessionsResponse, HealthHistoryResponse, StatsSettings } from "../../../../shared/protocol/stats.js";
import { HEALTH_INDICATORS, type HealthIndicatorId, type HealthThreshold, type HealthUnit } from "../../../../shared/rules/stats/types.js";
import type { AdminResult } from "../adminApi.js";
import { CommunityBlock } from "./CommunityBlock.js";
import { DataTable } from "./DataTable.js";
import { makeFormat, type Format } from "./format.js";
import { NotReady, StatsFrame, useStatsLoad } from "./shell.js";
import { loadCommunity, loadEventSessions, loadHealth, saveStatsSettings, testWebhook } from "./statsApi.js";
import { formatReading, healthHistoryTable, type StatTable } from "./tables.js";

interface EventStats {
  sessions: EventSessionsResponse;
  health: HealthHistoryResponse;
  community: CommunityResponse;
}

async function loadEventStats(token: string, slug: string): Promise<AdminResult<EventStats>> {
  const [sessions, health, community] = await Promise.all([loadEventSessions(token, slug), loadHealth(token, slug), loadCommunity(token, slug)]);
  if (!sessions.ok) return sessions;
  if (!health.ok) return health;
  if (!community.ok) return community;
  return { ok: true, value: { sessions: sessions.value, health: health.value, community: community.value } };
}

/** The event's sessions, newest first, each with its link, and a pick of two to compare. */
function SessionsList({ slug, data, f }: { slug: string; data: EventSessionsResponse; f: Format }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string[]>([]);
  const sessions = [...data.sessions].sort((a, b) => b.startedAt - a.startedAt);
  const base = `/admin/stats/${encodeURIComponent(slug)}`;
  const table: StatTable = {
    name: "sessions",
    caption: t("stats.tables.sessions"),
    columns: [t("stats.columns.date"), t("stats.columns.duration"), t("stats.columns.members"), t("stats.columns.peak"), t("stats.columns.interactions"), t("stats.columns.breached")],
    rows: sessions.map((s) => ({
      raw: [s.startedAt, s.endedAt === null ? null : s.endedAt - s.startedAt, s.members, s.peak, s.interactions, s.breached],
      shown: [f.dateTime(s.startedAt), s.endedAt === null ? t("stats.sessions.liveNow") : f.duration(s.endedAt - s.startedAt), f.count(s.members), f.count(s.peak), f.count(s.interactions), f.count(s.breached)],
    })),
  };
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const [older, newer] = [...picked].sort((a, b) => (sessions.find((s) => s.sessionId === a)?.startedAt ?? 0) - (sessions.find((s) => s.sessionId === b)?.startedAt ?? 0));
  return (
    <section className="card stats-card" aria-labelledby="stats-sessions" data-testid="stats-sessions">
      <h2 id="stats-sessions">{t("stats.sections.sessions")}</h2>
      {sessions.length === 0 ? (
        <p className="growth-note">{t("stats.sessions.empty")}</p>
      ) : (
        <>
          <ul className="stats-session-list">
            {sessions.map((s) => (
              <li key={s.sessionId} className="stats-session" data-session={s.sessionId}>
                <a className="stats-session-link" href={`${base}/session/${encodeURIComponent(s.sessionId)}`}>
                  <span className="stats-session-date">{f.dateTime(s.startedAt)}</span>
                  {s.live && (
                    <span className="stats-live is-small" data-live="true">
                      <span className="stats-live-dot" aria-hidden="true" />
                      {t("stats.live")}
                    </span>
                  )}
                </a>
                <span className="stats-session-facts">
                  {s.endedAt !== null && <span>{f.duration(s.endedAt - s.startedAt)}</span>}
                  <span>
                    {t("stats.columns.members")} {f.count(s.members)}
                  </span>
                  <span>
                    {t("stats.columns.peak")} {f.count(s.peak)}
                  </span>
                  <span>
                    {t("stats.columns.interactions")} {f.count(s.interactions)}
                  </span>
                  {s.breached > 0 && <span className="stats-breached-count">{t("stats.health.breachedCount", { count: s.breached })}</span>}
                </span>
                <label className="stats-compare-pick">
                  <input type="checkbox" checked={picked.includes(s.sessionId)} onChange={() => toggle(s.sessionId)} aria-label={t("stats.sessions.comparePick", { date: f.dateTime(s.startedAt) })} />
                  {t("stats.sessions.compare")}
                </label>
              </li>
            ))}
          </ul>
          <p className="stats-compare-row">
            {older && newer ? (
              <a className="button small primary" href={`${base}/compare/${encodeURIComponent(older)}/${encodeURIComponent(newer)}`} data-testid="stats-compare-go">
                {t("stats.sessions.compareGo")}
              </a>
            ) : (
              <span className="growth-note">{t("stats.sessions.compareHint")}</span>
            )}
          </p>
          <details className="stats-chart-details">
            <summary>{t("stats.showTable")}</summary>
            <DataTable table={table} slug={slug} />
          </details>
        </>
      )}
    </section>
  );
}

/** A small line of an indicator over the sessions (decorative: the table beside it holds the values). */
export function Sparkline({ values }: { values: readonly (number | null)[] }) {
  const known = values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null);
  if (known.length < 2) return <svg className="stats-spark" viewBox="0 0 100 24" aria-hidden="true" />;
  const min = Math.min(...known.map((p) => p.v));
  const max = Math.max(...known.map((p) => p.v));
  const span = max - min || 1;
  const step = 100 / Math.max(1, values.length - 1);
  const points = known.map((p) => `${(p.i * step).toFixed(1)},${(22 - ((p.v - min) / span) * 20).toFixed(1)}`).join(" ");
  return (
    <svg className="stats-spark" viewBox="0 0 100 24" preserveAspectRatio="none" aria-hidden="true">
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="2" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

/** Shares are edited as percentages (what an operator thinks in); everything else in its own unit. */
const toInput = (unit: HealthUnit, value: number) => String(unit === "share" ? Math.round(value * 1000) / 10 : value);
const fromInput = (unit: HealthUnit, text: string): number | null => {
  const n = Number(text.replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(n)) return null;
  return unit === "share" ? n / 100 : n;
};

/** Health over the event's sessions, and the thresholds editor with the webhook. */
function HealthHistory({ slug, token, data, f, onSaved }: { slug: string; token: string; data: HealthHistoryResponse; f: Format; onSaved: (settings: StatsSettings) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const units = useMemo(() => new Map(data.readings.map((r) => [r.id, r.unit])), [data.readings]);
  const [draft, setDraft] = useState(() =>
    Object.fromEntries(HEALTH_INDICATORS.map((ind) => [ind, { ...data.settings.thresholds[ind], text: toInput(units.get(ind) ?? "count", data.settings.thresholds[ind].value) }])) as Record<
      HealthIndicatorId,
      HealthThreshold & { text: string }
    >,
  );
  const [webhook, setWebhook] = useState(data.settings.webhookUrl);
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState<"save" | "test" | null>(null);
  const table = healthHistoryTable(data.sessions, data.readings, t, f);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const thresholds: Partial<Record<HealthIndicatorId, HealthThreshold>> = {};
    for (const ind of HEALTH_INDICATORS) {
      const value = fromInput(units.get(ind) ?? "count", draft[ind].text);
      if (value === null) {
        setMessage({ text: `${t(`statsHealth.${ind}.name`)}: ${t("stats.settings.invalidNumber")}`, bad: true });
        return;
      }
      thresholds[ind] = { when: draft[ind].when, value, notify: draft[ind].notify };
    }
    setBusy("save");
    const result = await saveStatsSettings(token, slug, { thresholds, webhookUrl: webhook.trim() });
    setBusy(null);
    if (result.ok) {
      onSaved(result.value.settings);
      setMessage({ text: t("stats.settings.saved"), bad: false });
    } else setMessage({ text: result.failure.kind === "unreachable" ? t("stats.unreachable") : t(errorKey(result.failure.code)), bad: true });
  };
  const test = async () => {
    setBusy("test");
    const result = await testWebhook(token, slug);
    setBusy(null);
    if (!result.ok) return setMessage({ text: result.failure.kind === "unreachable" ? t("stats.unreachable") : t(errorKey(result.failure.code)), bad: true });
    const { delivered, status } = result.value;
    setMessage(status === null ? { text: t("stats.settings.testFailed"), bad: true } : { text: t(delivered ? "stats.settings.testDelivered" : "stats.settings.testRefused", { status }), bad: !delivered });
  };

  return (
    <section className="card stats-card" aria-labelledby="stats-health-history" data-testid="stats-health-history">
      <h2 id="stats-health-history">{t("stats.sections.healthOverSessions")}</h2>
      <ul className="stats-health-lines">
        {data.readings.map((r) => (
          <li key={r.id} className={r.breached ? "stats-health-line is-breached" : "stats-health-line"} data-indicator={r.id} data-breached={String(r.breached)}>
            <span className="stats-health-line-name">{t(`statsHealth.${r.id}.name`)}</span>
            <Sparkline values={data.sessions.map((s) => s.values[r.id] ?? null)} />
            <span className="stats-health-line-value">{formatReading(r.unit, r.value, f, t)}</span>
          </li>
        ))}
      </ul>
      <details className="stats-chart-details">
        <summary>{t("stats.showTable")}</summary>
        <DataTable table={table} slug={slug} />
      </details>
      <h3>{t("stats.sections.thresholds")}</h3>
      <form onSubmit={(e) => void save(e)} noValidate data-testid="stats-thresholds">
        <div className="stats-table-scroll">
          <table className="growth-table stats-table stats-threshold-table">
            <caption>{t("stats.sections.thresholds")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("stats.columns.indicator")}</th>
                <th scope="col">{t("stats.settings.when")}</th>
                <th scope="col">{t("stats.settings.value")}</th>
                <th scope="col">{t("stats.settings.notify")}</th>
              </tr>
            </thead>
            <tbody>
              {HEALTH_INDICATORS.map((ind) => {
                const row = draft[ind];
                const name = t(`statsHealth.${ind}.name`);
                const set = (patch: Partial<HealthThreshold & { text: string }>) => setDraft((d) => ({ ...d, [ind]: { ...d[ind], ...patch } }));
                return (
                  <tr key={ind} data-threshold={ind}>
                    <th scope="row">{name}</th>
                    <td>
                      <select value={row.when} onChange={(e) => set({ when: e.currentTarget.value === "above" ? "above" : "below" })} aria-label={`${name}: ${t("stats.settings.when")}`}>
                        <option value="below">{t("stats.settings.when_below")}</option>
                        <option value="above">{t("stats.settings.when_above")}</option>
                      </select>
                    </td>
                    <td>
                      <input
                        className="stats-threshold-value"
                        inputMode="decimal"
                        value={row.text}
                        onChange={(e) => set({ text: e.currentTarget.value })}
                        aria-label={`${name}: ${t("stats.settings.value")}${units.get(ind) === "share" ? " (%)" : ""}`}
                      />
                      {units.get(ind) === "share" && <span aria-hidden="true"> %</span>}
                    </td>
                    <td>
                      <input type="checkbox" checked={row.notify} onChange={(e) => set({ notify: e.currentTarget.checked })} aria-label={`${name}: ${t("stats.settings.notify")}`} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="field stats-webhook">
          <label htmlFor={`${id}-webhook`}>{t("stats.settings.webhook")}</label>
          <input id={`${id}-webhook`} type="url" value={webhook} onChange={(e) => setWebhook(e.currentTarget.value)} placeholder="https://" aria-describedby={`${id}-webhook-hint`} data-testid="stats-webhook" />
          <p className="hint" id={`${id}-webhook-hint`}>
            {t("stats.settings.webhookHint")}
          </p>
        </div>
        <div className="stats-form-actions">
          <button type="submit" className="button primary" aria-busy={busy === "save"} disabled={busy !== null}>
            {busy === "save" ? t("stats.settings.saving") : t("stats.settings.save")}
          </button>
          <button type="button" className="button" aria-busy={busy === "test"} disabled={busy !== null || data.settings.webhookUrl === ""} onClick={() => void test()} data-testid="stats-webhook-test">
            {busy === "test" ? t("stats.settings.testing") : t("stats.settings.test")}
          </button>
        </div>
        {message && (
          <p className={message.bad ? "field-error" : "stats-saved"} role={message.bad ? "alert" : "status"}>
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}

/** `/admin/stats/<slug>`: the event's sessions, its health over them (with the thresholds) and its community. */
export function EventStatsPage({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const f = useMemo(() => makeFormat(i18n.language), [i18n.language]);
  const load = useCallback((token: string) => loadEventStats(token, slug), [slug]);
  const { state, reload, signIn } = useStatsLoad(load);
  const [settings, setSettings] = useState<StatsSettings | null>(null);
  const ready = state.kind === "ready" ? state : null;
  const title = ready ? t("stats.eventTitle", { event: ready.value.sessions.event.title }) : t("stats.title");
  return (
    <StatsFrame title={title} testId="stats-event-page" back={{ href: "/admin/stats", label: t("stats.communityTitle") }}>
      <NotReady state={state} onSignIn={signIn} onRetry={() => void reload()} />
      {ready && (
        <>
          <SessionsList slug={slug} data={ready.value.sessions} f={f} />
          <HealthHistory
            slug={slug}
            token={ready.token}
            data={settings ? { ...ready.value.health, settings } : ready.value.health}
            f={f}
            onSaved={(saved) => {
              setSettings(saved);
              void reload();
            }}
          />
          <CommunityBlock report={ready.value.community.report} slug={slug} f={f} />
        </>
      )}
    </StatsFrame>
  );
}
