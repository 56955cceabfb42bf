import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { GrowthPublicView, TreeStage } from "../../../shared/rules/growth/types.js";
import { useConnection, useGrowth } from "../../state/hooks.js";
import { energyLeftNow } from "../../state/growth.js";
import { GrowthPanel } from "./GrowthPanel.js";
import { STAGE_EMOJI, growthAnnouncement, percentOf, sharePercent } from "./growthFormat.js";
import "./growth.css";

/**
 * The shared tree at a glance, always on screen: stage and percent (a progress bar screen readers hear as "Blossoms,
 * 76% of the goal; your share 12%"), the member's share and energy, and, once reached, the reward. Its button opens
 * the panel with points, tier, the leaderboard and the opt-out.
 */
export function GrowthHud() {
  const { t } = useTranslation();
  const view = useGrowth((s) => s.public);
  const mine = useGrowth((s) => s.mine);
  const energyLeft = useGrowth(energyLeftNow);
  const memberId = useConnection((c) => c.memberId);
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const labelId = useId();

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };

  const tree = view?.tree ?? null;
  const reached = tree !== null && tree.reachedAt !== null;
  const percent = tree === null ? 0 : percentOf(tree.progress, reached);
  const stage = tree === null ? null : t(`growthPages.stages.${tree.stage}`);
  const share = mine === null ? null : sharePercent(mine.share);
  const valueText =
    stage === null ? t("growth.hud.waiting") : share === null ? t("growth.hud.progress", { stage, percent }) : t("growth.hud.progressMine", { stage, percent, share });

  return (
    <section className={`growth-hud card${open ? " is-open" : ""}`} aria-labelledby={labelId} data-testid="growth-hud" onKeyDown={onKeyDown}
      data-stage={tree?.stage ?? ""} data-percent={percent} data-share={share ?? ""} data-energy={energyLeft ?? ""}>
      <h2 id={labelId} className="visually-hidden">
        {t("growth.hud.label")}
      </h2>
      <div className="growth-hud-row">
        <span className="growth-hud-glyph" aria-hidden="true">
          {tree === null ? "🌰" : STAGE_EMOJI[tree.stage]}
        </span>
        <div className="growth-hud-figure">
          <span className="growth-hud-stage" aria-hidden="true">
            {stage === null ? t("growth.hud.waiting") : t("growth.hud.summary", { stage, percent })}
          </span>
          <div
            className="growth-bar"
            role="progressbar"
            aria-labelledby={labelId}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={valueText}
            data-testid="growth-progress"
          >
            <span className="growth-bar-fill" style={{ width: `${percent}%` }} />
          </div>
        </div>
        <button
          ref={toggle}
          type="button"
          className="growth-hud-toggle"
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          data-testid="growth-toggle"
          onClick={() => setOpen(!open)}
        >
          <span className="visually-hidden">{t("growth.hud.open")}</span>
          {share !== null && (
            <span className="growth-hud-share" data-testid="growth-share">
              {t("growth.hud.share", { share })}
            </span>
          )}
          {energyLeft !== null && (
            <span className="growth-hud-energy" data-testid="growth-energy" aria-label={t("growth.hud.energy", { count: energyLeft })}>
              {t("growth.hud.energyShort", { count: energyLeft })}
            </span>
          )}
          <span className="panel-chevron" aria-hidden="true">
            {open ? "▴" : "▾"}
          </span>
        </button>
      </div>
      {view?.reward && <Reward reward={view.reward} />}
      <GrowthAnnouncer view={view} share={share} />
      {open && <GrowthPanel id={panelId} memberId={memberId} onClose={close} />}
    </section>
  );
}

function Reward({ reward }: { reward: NonNullable<GrowthPublicView["reward"]> }) {
  const { t } = useTranslation();
  return (
    <p className="growth-reward" data-testid="growth-reward">
      <span aria-hidden="true">🎁 </span>
      {t("growth.hud.reward", { text: reward.text })}
      {reward.url !== null && (
        <>
          {" "}
          <a href={reward.url} target="_blank" rel="noopener noreferrer" data-testid="growth-reward-link">
            {t("growth.hud.rewardLink")}
          </a>
        </>
      )}
    </p>
  );
}

/** Says politely when the tree reaches a new stage or another tenth of its goal. */
function GrowthAnnouncer({ view, share }: { view: GrowthPublicView | null; share: number | null }) {
  const { t } = useTranslation();
  const last = useRef<{ stage: TreeStage; percent: number } | null>(null);
  const [message, setMessage] = useState("");
  const tree = view?.tree ?? null;
  const stage = tree?.stage ?? null;
  const percent = tree === null ? 0 : percentOf(tree.progress, tree.reachedAt !== null);
  useEffect(() => {
    if (stage === null) return;
    const now = { stage, percent };
    const what = growthAnnouncement(last.current, now);
    last.current = now;
    const stageName = t(`growthPages.stages.${stage}`);
    if (what === "stage") setMessage(share === null ? t("growth.hud.stageNow", { stage: stageName, percent }) : `${t("growth.hud.stageNow", { stage: stageName, percent })} ${t("growth.hud.share", { share })}`);
    if (what === "percent") setMessage(t("growth.hud.percentNow", { percent }));
    // The share rides along with a stage's news; on its own it changes too often to be worth saying.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stage, percent, t]);
  return (
    <p className="visually-hidden" aria-live="polite" data-testid="growth-announcer">
      {message}
    </p>
  );
}
