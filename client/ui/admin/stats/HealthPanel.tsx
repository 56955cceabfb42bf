import { useTranslation } from "react-i18next";
import type { IndicatorReading } from "../../../../shared/rules/stats/types.js";
import { makeFormat } from "./format.js";
import { formatReading } from "./tables.js";

const ARROWS = { up: "↑", down: "↓", flat: "→" } as const;

/**
 * The session's health: each indicator with its name, definition, value, trend (arrow and words), forecast and
 * threshold; those past their threshold come first, highlighted, with the suggested action.
 */
export function HealthPanel({ readings }: { readings: readonly IndicatorReading[] }) {
  const { t, i18n } = useTranslation();
  const f = makeFormat(i18n.language);
  const ordered = [...readings].sort((a, b) => Number(b.breached) - Number(a.breached));
  const breached = readings.filter((r) => r.breached).length;
  return (
    <section className="card stats-card" aria-labelledby="stats-health-heading" data-testid="stats-health">
      <h2 id="stats-health-heading">{t("stats.sections.health")}</h2>
      <p className={breached > 0 ? "stats-health-summary is-breached" : "stats-health-summary"}>{t("stats.health.breachedCount", { count: breached })}</p>
      <ul className="stats-health-list">
        {ordered.map((r) => {
          const say = (value: number | null) => formatReading(r.unit, value, f, t);
          // "Up" is good news only when higher is healthier: the arrow's colour follows the direction, not the sign.
          const good = r.trend === null || r.trend === "flat" ? "neutral" : (r.trend === "up") === (r.better === "higher") ? "good" : "bad";
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
        })}
      </ul>
    </section>
  );
}
