import { useTranslation } from "react-i18next";
import type { Tier } from "../../../shared/rules/growth/types.js";

const TIER_EMOJI = { coCreator: "🌿", evangelist: "🌳" } as const;

/**
 * A small mark beside a name for a co-creator (🌿) or an evangelist (🌳); explorers, everyone's start, show none.
 * An image with the tier's name, so it is heard as well as seen. Hook-free apart from i18n, like HostTag.
 */
export function TierMark({ tier, className = "" }: { tier: Tier; className?: string }) {
  const { t } = useTranslation();
  if (tier === "explorer") return null;
  const name = t(`growth.tierMark.${tier}`);
  return (
    <span className={`growth-tier-mark is-${tier}${className ? ` ${className}` : ""}`} role="img" aria-label={name} title={name} data-testid="tier-mark" data-tier={tier}>
      {TIER_EMOJI[tier]}
    </span>
  );
}
