import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import type { IndicatorReading } from "../../../../shared/rules/stats/types.js";
import { makeFormat } from "./format.js";
import { formatReading } from "./tables.js";

const ARROWS = { up: "↑", down: "↓", flat: "→" } as const;

/** The width under which the page is one column (stats.css uses the same 640 px). */
const NARROW = "(max-width: 640px)";
const narrowQuery = () => (typeof window !== "undefined" && typeof window.matchMedia === "function" ? window.matchMedia(NARROW) : null);
const subscribeNarrow = (onChange: () => void) => {
  const query = narrowQuery();
  query?.addEventListener("change", onChange);
  return () => query?.removeEventListener("change", onChange);
};
/** Whether the screen is a phone's width; false on the server and where matchMedia is missing (the full cards). */
function useNarrow(): boolean {
  return useSyncExternalStore(subscribeNarrow, () => narrowQuery()?.matches ?? false, () => false);
}

/** "Up" is good news only when higher is healthier: the arrow's colour follows the direction, not the sign. */
const goodness = (r: IndicatorReading) => (r.trend === null || r.trend === "flat" ? "neutral" : (r.trend === "up") === (r.better === "higher") ? "good" : "bad");

/**
 * The session's health: each indicator with its name, definition, value, trend (arrow and words), forecast and
 * threshold; those past their threshold come first, highlighted, with the suggested action.
 */
export function HealthPanel({ readings }: { readings: readonly IndicatorReading[] }) {
  const { t, i18n } = useTranslation();
  const f = makeFormat(i18n.language);
  const ordered = [...readings].sort((a, b) => Number(b.breached) - Number(a.breached));
  const breached = readings.filter((r) => r.breached).length;
  const narrow = useNarrow();
  const full = ordered.filter((r) => r.breached);
  const rest = ordered.filter((r) => !r.breached);
  const card = (r: IndicatorReading) => {
    const say = (value: number | null) => formatReading(r.unit, value, f, t);
    const good = goodness(r);
    return (
      <li key={r.id} className={r.breached ? "stats-reading is-breached" : "stats-reading"} data-indicator={r.id} data-breached={String(r.breached)}>
        <div className="stats-reading-head">
          <h3 className="stats-reading-name">{t(`statsHealth.${r.id}.name`)}</h3>
          <span className="stats-reading-value">{say(r.value)}</span>
        </div>
        <p className="stats-reading-definition">{t(`statsHealth.${r.id}.definition`)}</p>
        <p className={`stats-reading-trend is-${good}`}>
          {r.trend === null ? (
            t("stats.health.trendNone")
          ) : (
            <>
              <span aria-hidden="true">{ARROWS[r.trend]} </span>
              {r.trend === "flat" ? t("stats.health.trend_flat") : t(`stats.health.trend_${r.trend}`, { delta: r.delta === null ? f.count(null) : r.unit === "share" ? f.points(r.delta) : say(Math.abs(r.delta)) })}
            </>
          )}
        </p>
        <p className="stats-reading-meta">
          {r.forecast !== null && <span>{t("stats.health.forecast", { value: say(r.forecast) })}</span>}
          <span>{t(`stats.health.threshold_${r.threshold.when}`, { value: say(r.threshold.value) })}</span>
          <span className="stats-reading-state">{r.breached ? t("stats.health.breached") : t("stats.health.healthy")}</span>
        </p>
        {r.breached && <p className="stats-reading-action">{t("stats.health.action", { action: t(`statsHealth.${r.id}.action`) })}</p>}
      </li>
    );
  };
  return (
    <section className="card stats-card" aria-labelledby="stats-health-heading" data-testid="stats-health">
      <h2 id="stats-health-heading">{t("stats.sections.health")}</h2>
      <p className={breached > 0 ? "stats-health-summary is-breached" : "stats-health-summary"}>{t("stats.health.breachedCount", { count: breached })}</p>
      <ul className="stats-health-list">{(narrow ? full : ordered).map(card)}</ul>
      {narrow && rest.length > 0 && (
        // On a phone 21 full cards made the page ~10,000 px tall: the healthy ones fold into one line each.
        <details className="stats-health-others">
          <summary>{t("stats.health.others", { n: rest.length })}</summary>
          <ul className="stats-health-compact">
            {rest.map((r) => (
              <li key={r.id} className="stats-health-compact-line" data-indicator={r.id} data-breached={String(r.breached)}>
                <span className="stats-health-compact-name">{t(`statsHealth.${r.id}.name`)}</span>
                <span className="stats-health-compact-value">{formatReading(r.unit, r.value, f, t)}</span>
                <span className={`stats-health-compact-trend is-${goodness(r)}`}>{r.trend === null ? "" : ARROWS[r.trend]}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
