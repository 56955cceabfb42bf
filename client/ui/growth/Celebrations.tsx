import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { Celebration } from "../../../shared/rules/growth/types.js";
import { useReducedMotion } from "../../prefs/media.js";
import { useGrowth } from "../../state/hooks.js";
import { dismissCelebration } from "../../state/growth.js";
import { useVenue } from "../../state/venue.js";

/** How long a celebration stays (ms) when nobody dismisses it. */
export const CELEBRATION_MS = 7000;
const SPARKS = 12;

const GLYPH = { badge: "🏅", tier: "🌿", goal: "🍎" } as const;

/** The words of a celebration (the reward's text included for the goal). */
export function useCelebrationText(): (celebration: Celebration) => string {
  const { t } = useTranslation();
  return (celebration) => {
    switch (celebration.kind) {
      case "badge":
        return t("growth.celebration.badge", { badge: t(`growthPages.badges.${celebration.badge}.name`) });
      case "tier":
        if (celebration.tier === "coCreator") return t("growth.celebration.tierCoCreator");
        if (celebration.tier === "evangelist") return t("growth.celebration.tierEvangelist");
        return t("growth.celebration.tierExplorer");
      case "goal":
        return celebration.reward === null ? t("growth.celebration.goal") : t("growth.celebration.goalReward", { reward: celebration.reward.text });
    }
  };
}

/**
 * The oldest waiting celebration as a small warm card with a burst of sparks (none when the member asked for reduced
 * motion): read out politely, dismissed with its button or Escape, gone by itself after CELEBRATION_MS. The next in
 * the queue follows.
 */
export function Celebrations() {
  const { t } = useTranslation();
  const venue = useVenue();
  const store = venue.stores.growth;
  const queued = useGrowth((s) => s.celebrations[0] ?? null);
  const reducedMotion = useReducedMotion();
  const text = useCelebrationText();
  const key = queued?.key ?? null;

  useEffect(() => {
    if (key === null) return;
    const timer = window.setTimeout(() => dismissCelebration(store, key), CELEBRATION_MS);
    return () => window.clearTimeout(timer);
  }, [key, store]);

  return (
    <div className="growth-celebrations" role="status" aria-live="polite" aria-label={t("growth.celebration.region")} data-testid="celebrations">
      {queued !== null && (
        <div
          key={queued.key}
          className={`growth-celebration card is-${queued.celebration.kind}${reducedMotion ? " is-still" : ""}`}
          data-testid="celebration"
          data-kind={queued.celebration.kind}
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            event.preventDefault();
            event.stopPropagation();
            dismissCelebration(store, queued.key);
          }}
        >
          {!reducedMotion && (
            <span className="growth-sparks" aria-hidden="true">
              {Array.from({ length: SPARKS }, (_, i) => (
                <span key={i} className="growth-spark" style={{ ["--i" as string]: i }} />
              ))}
            </span>
          )}
          <span className="growth-celebration-glyph" aria-hidden="true">
            {GLYPH[queued.celebration.kind]}
          </span>
          <p className="growth-celebration-text">
            {text(queued.celebration)}
            {queued.celebration.kind === "goal" && queued.celebration.reward?.url && (
              <>
                {" "}
                <a href={queued.celebration.reward.url} target="_blank" rel="noopener noreferrer">
                  {t("growth.celebration.rewardLink")}
                </a>
              </>
            )}
          </p>
          <button
            type="button"
            className="icon-button"
            aria-label={t("growth.celebration.dismiss")}
            data-testid="celebration-dismiss"
            onClick={() => dismissCelebration(store, queued.key)}
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
