import { useTranslation } from "react-i18next";
import { BADGE_RULES } from "../../../shared/rules/growth/badges.js";
import { POINT_ORDER, POINTS } from "../../../shared/rules/growth/points.js";
import { TIER_BARS, TIER_WINDOW_MS } from "../../../shared/rules/growth/tiers.js";
import { TREE_STAGE_AT } from "../../../shared/rules/growth/tree.js";
import { BADGES, DEFAULT_TREE_GOAL, ENERGY_PER_SESSION, OUTSTANDING_ENERGY, TREE_STAGES, type Tier, type TierMetrics } from "../../../shared/rules/growth/types.js";
import { BADGE_ICONS } from "./badgeIcons.js";
import { PageFrame } from "./PageFrame.js";
import { TreeDrawing } from "./TreeDrawing.js";

/*
 * `/growth`: every number on this page is read from the tables the rules themselves use (points.ts, tiers.ts,
 * badges.ts, tree.ts, types.ts), so the page cannot drift from what the server counts.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const METRICS = ["sessions", "kinds", "energyFrom", "answered", "huntsCompleted"] as const satisfies readonly (keyof TierMetrics)[];
const RANKED = ["coCreator", "evangelist"] as const satisfies readonly (keyof typeof TIER_BARS)[];

/** The tier metrics some bar asks for: a metric that no tier needs (a bar of 0 everywhere) would only be noise. */
export function gatingMetrics(): (keyof TierMetrics)[] {
  return METRICS.filter((metric) => RANKED.some((tier) => TIER_BARS[tier].promote[metric] > 0 || TIER_BARS[tier].keep[metric] > 0));
}

export function GrowthExplainer() {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const n = (value: number) => number.format(value);
  const tierName = (tier: Tier) => t(`growthPages.tiers.${tier}`);
  const sections = ["points", "energy", "tree", "tiers", "badges", "collectibles"] as const;

  return (
    <PageFrame documentTitle={t("growthPages.explainer.documentTitle")} testId="growth-explainer">
      <section className="growth-hero">
        <h1>{t("growthPages.explainer.title")}</h1>
        <p className="growth-lead">{t("growthPages.explainer.intro")}</p>
        <nav className="growth-contents" aria-label={t("growthPages.explainer.contents")}>
          {sections.map((section) => (
            <a key={section} className="growth-chip" href={`#growth-${section}`}>
              {t(`growthPages.explainer.${section}.title`)}
            </a>
          ))}
        </nav>
      </section>

      <section className="card growth-card" id="growth-points" aria-labelledby="growth-points-title">
        <h2 id="growth-points-title">
          <span aria-hidden="true">🌟 </span>
          {t("growthPages.explainer.points.title")}
        </h2>
        <p>{t("growthPages.explainer.points.intro")}</p>
        <table className="growth-table growth-table-stack" data-testid="growth-points-table">
          <caption>{t("growthPages.explainer.points.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("growthPages.explainer.points.kind")}</th>
              <th scope="col">{t("growthPages.explainer.points.points")}</th>
              <th scope="col">{t("growthPages.explainer.points.fullFor")}</th>
              <th scope="col">{t("growthPages.explainer.points.perSession")}</th>
              <th scope="col">{t("growthPages.explainer.points.perDay")}</th>
            </tr>
          </thead>
          <tbody>
            {POINT_ORDER.map((kind) => {
              const rule = POINTS[kind];
              return (
                <tr key={kind} data-kind={kind}>
                  <th scope="row">{t(`growthPages.kinds.${kind}`)}</th>
                  <td data-label={t("growthPages.explainer.points.points")} data-field="points">
                    {n(rule.points)}
                  </td>
                  <td data-label={t("growthPages.explainer.points.fullFor")} data-field="fullFor">
                    {n(rule.fullFor)}
                  </td>
                  <td data-label={t("growthPages.explainer.points.perSession")} data-field="perSession">
                    {n(rule.perSession)}
                  </td>
                  <td data-label={t("growthPages.explainer.points.perDay")} data-field="perDay">
                    {n(rule.perDay)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="growth-note">{t("growthPages.explainer.points.never")}</p>
        <p className="growth-note">{t("growthPages.explainer.points.clues")}</p>
      </section>

      <section className="card growth-card" id="growth-energy" aria-labelledby="growth-energy-title">
        <h2 id="growth-energy-title">
          <span aria-hidden="true">⚡ </span>
          {t("growthPages.explainer.energy.title")}
        </h2>
        <p data-testid="growth-energy-allowance" data-value={ENERGY_PER_SESSION}>
          {t("growthPages.explainer.energy.body", { count: ENERGY_PER_SESSION })}
        </p>
        <p data-testid="growth-energy-outstanding" data-value={OUTSTANDING_ENERGY}>
          {t("growthPages.explainer.energy.outstanding", { count: OUTSTANDING_ENERGY })}
        </p>
        <p className="growth-note">{t("growthPages.explainer.energy.once")}</p>
      </section>

      <section className="card growth-card" id="growth-tree" aria-labelledby="growth-tree-title">
        <h2 id="growth-tree-title">
          <span aria-hidden="true">🌳 </span>
          {t("growthPages.explainer.tree.title")}
        </h2>
        <p>{t("growthPages.explainer.tree.body")}</p>
        <p>{t("growthPages.explainer.tree.goal", { count: DEFAULT_TREE_GOAL })}</p>
        <ol className="growth-stages" aria-label={t("growthPages.explainer.tree.caption")}>
          {TREE_STAGES.map((stage) => (
            <li key={stage} data-stage={stage}>
              <TreeDrawing stage={stage} />
              <span className="growth-stage-name">{t(`growthPages.stages.${stage}`)}</span>
              <span className="growth-stage-at">
                {TREE_STAGE_AT[stage] >= 1 ? t("growthPages.explainer.tree.goalReached") : t("growthPages.explainer.tree.percent", { percent: n(Math.round(TREE_STAGE_AT[stage] * 100)) })}
              </span>
            </li>
          ))}
        </ol>
      </section>

      <section className="card growth-card" id="growth-tiers" aria-labelledby="growth-tiers-title">
        <h2 id="growth-tiers-title">
          <span aria-hidden="true">🧭 </span>
          {t("growthPages.explainer.tiers.title")}
        </h2>
        <p data-testid="growth-tier-window" data-value={Math.round(TIER_WINDOW_MS / DAY_MS)}>
          {t("growthPages.explainer.tiers.intro", { count: Math.round(TIER_WINDOW_MS / DAY_MS) })}
        </p>
        <p>{t("growthPages.explainer.tiers.everyone", { tier: tierName("explorer") })}</p>
        <table className="growth-table growth-table-stack" data-testid="growth-tiers-table">
          <caption>{t("growthPages.explainer.tiers.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("growthPages.explainer.tiers.metric")}</th>
              {RANKED.map((tier) => [
                <th scope="col" key={`${tier}-promote`}>
                  {t("growthPages.explainer.tiers.reach", { tier: tierName(tier) })}
                </th>,
                <th scope="col" key={`${tier}-keep`}>
                  {t("growthPages.explainer.tiers.keep", { tier: tierName(tier) })}
                </th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {gatingMetrics().map((metric) => (
              <tr key={metric} data-metric={metric}>
                <th scope="row">{t(`growthPages.metrics.${metric}`)}</th>
                {RANKED.map((tier) => [
                  <td key={`${tier}-promote`} data-label={t("growthPages.explainer.tiers.reach", { tier: tierName(tier) })} data-field={`${tier}.promote`}>
                    {n(TIER_BARS[tier].promote[metric])}
                  </td>,
                  <td key={`${tier}-keep`} data-label={t("growthPages.explainer.tiers.keep", { tier: tierName(tier) })} data-field={`${tier}.keep`}>
                    {n(TIER_BARS[tier].keep[metric])}
                  </td>,
                ])}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="growth-note">{t("growthPages.explainer.tiers.hysteresis")}</p>
        <p className="growth-note">{t("growthPages.explainer.tiers.evangelistHosts")}</p>
      </section>

      <section className="card growth-card" id="growth-badges" aria-labelledby="growth-badges-title">
        <h2 id="growth-badges-title">
          <span aria-hidden="true">🏅 </span>
          {t("growthPages.explainer.badges.title")}
        </h2>
        <p>{t("growthPages.explainer.badges.intro")}</p>
        <ul className="growth-badges" aria-label={t("growthPages.explainer.badges.caption")} data-testid="growth-badges">
          {BADGES.map((badge) => {
            const rule = BADGE_RULES[badge];
            return (
              <li key={badge} className={`growth-badge${rule.rare ? " is-rare" : ""}`} data-badge={badge}>
                <span className="growth-badge-icon" aria-hidden="true">
                  {BADGE_ICONS[badge]}
                </span>
                <span className="growth-badge-text">
                  <span className="growth-badge-name">
                    {t(`growthPages.badges.${badge}.name`)}
                    {rule.rare && (
                      <span className="growth-rare" aria-label={t("growthPages.explainer.badges.rareLabel")}>
                        {t("growthPages.explainer.badges.rare")}
                      </span>
                    )}
                  </span>
                  <span className="growth-badge-description">{t(`growthPages.badges.${badge}.description`, { count: rule.threshold ?? 0 })}</span>
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="card growth-card" id="growth-collectibles" aria-labelledby="growth-collectibles-title">
        <h2 id="growth-collectibles-title">
          <span aria-hidden="true">💎 </span>
          {t("growthPages.explainer.collectibles.title")}
        </h2>
        <p>{t("growthPages.explainer.collectibles.body")}</p>
      </section>
    </PageFrame>
  );
}
