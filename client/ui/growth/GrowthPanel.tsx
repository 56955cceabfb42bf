import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useGrowth } from "../../state/hooks.js";
import { energyLeftNow, setLeaderboardHidden } from "../../state/growth.js";
import { useVenue } from "../../state/venue.js";
import { sharePercent } from "./growthFormat.js";
import { TierMark } from "./TierMark.js";

interface GrowthPanelProps {
  id: string;
  /** This member's id, for "(you)" on the leaderboard and the profile link; "" before the welcome. */
  memberId: string;
  onClose: () => void;
}

/**
 * The tree's details for this member: points, share, energy and tier; the top growers (without those who opted out)
 * with their tier marks; "Hide me from the leaderboard" (remembered on the device); links to how points work and to
 * the member's profile (new tabs: the venue stays joined).
 */
export function GrowthPanel({ id, memberId, onClose }: GrowthPanelProps) {
  const { t } = useTranslation();
  const venue = useVenue();
  const view = useGrowth((s) => s.public);
  const mine = useGrowth((s) => s.mine);
  const energyLeft = useGrowth(energyLeftNow);
  const headingId = useId();
  const boardId = useId();
  const hideId = useId();
  const hintId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  // The box follows the click at once; the server's view (mine.hidden) takes over when it agrees.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const hidden = mine?.hidden ?? false;
  useEffect(() => {
    if (wanted === hidden) setWanted(null);
  }, [wanted, hidden]);

  const rows = view?.leaderboard ?? [];
  return (
    <div id={id} className="growth-panel card" role="region" aria-labelledby={headingId} data-testid="growth-panel">
      <div className="growth-panel-header">
        <h3 id={headingId} ref={heading} tabIndex={-1}>
          {t("growth.hud.panelTitle")}
        </h3>
        <button type="button" className="icon-button" aria-label={t("growth.hud.close")} onClick={onClose} data-testid="growth-close">
          ✕
        </button>
      </div>
      {mine !== null && (
        <ul className="growth-mine" data-testid="growth-mine" data-points={mine.points}>
          <li className="growth-points">{t("growth.hud.points", { count: mine.points })}</li>
          <li>{t("growth.hud.share", { share: sharePercent(mine.share) })}</li>
          <li>
            <span aria-hidden="true">⚡ </span>
            {t("growth.hud.energy", { count: energyLeft ?? 0 })}
          </li>
          <li>
            {t("growth.hud.tier", { tier: t(`growthPages.tiers.${mine.tier.tier}`) })} <TierMark tier={mine.tier.tier} />
          </li>
        </ul>
      )}
      <h4 id={boardId} className="growth-board-title">
        {t("growth.leaderboard.title")}
      </h4>
      {rows.length === 0 ? (
        <p className="hint">{t("growth.leaderboard.empty")}</p>
      ) : (
        <ol className="growth-board" aria-labelledby={boardId} data-testid="growth-leaderboard">
          {rows.map((row, index) => (
            <li key={row.memberId} className={`growth-board-row${row.memberId === memberId ? " is-self" : ""}`} data-testid="leaderboard-row" data-member-id={row.memberId} data-points={row.points}>
              <span className="growth-board-rank" aria-hidden="true">
                {index + 1}
              </span>
              <span className="growth-board-name">
                {row.name} <TierMark tier={row.tier} />
                {row.memberId === memberId && <span className="member-tag"> {t("growth.leaderboard.you")}</span>}
              </span>
              <span className="growth-board-points">{t("growth.leaderboard.points", { count: row.points })}</span>
            </li>
          ))}
        </ol>
      )}
      <div className="growth-hide">
        <input
          id={hideId}
          type="checkbox"
          checked={wanted ?? hidden}
          disabled={mine === null}
          aria-describedby={hintId}
          data-testid="growth-hide-me"
          onChange={(e) => {
            if (setLeaderboardHidden(venue.connection, e.target.checked)) setWanted(e.target.checked);
          }}
        />
        <label htmlFor={hideId}>{t("growth.leaderboard.hideMe")}</label>
        <p id={hintId} className="hint">
          {t("growth.leaderboard.hideMeHint")}
        </p>
      </div>
      <p className="growth-links">
        <a href="/growth" target="_blank" rel="noopener" data-testid="growth-how">
          {t("growth.hud.howPoints")}
        </a>
        {memberId !== "" && (
          <a href={`/m/${encodeURIComponent(memberId)}`} target="_blank" rel="noopener" data-testid="growth-profile">
            {t("growth.hud.myProfile")}
          </a>
        )}
      </p>
    </div>
  );
}
