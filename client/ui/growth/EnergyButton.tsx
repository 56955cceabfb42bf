import { useTranslation } from "react-i18next";
import type { EnergyTarget } from "../../../shared/rules/growth/types.js";
import { useGrowth } from "../../state/hooks.js";
import { energyBlock, giveEnergy, type EnergyBlock } from "../../state/growth.js";
import { useVenue } from "../../state/venue.js";

interface EnergyButtonProps {
  target: EnergyTarget;
  /** What the intent names: the question's or line's id, or the speaker's member id. */
  id: string;
  /** The contribution ref the server records (energyRef): what `growthMine.energised` lists. */
  contributionRef: string;
  /** The contribution is this member's own. */
  own: boolean;
  /** Whose contribution, for the button's name ("Give energy to Ada"). */
  name: string;
  /** A menu's wider button with the word beside the bolt. */
  wide?: boolean;
}

const REASON_KEY = {
  own: "growth.energy.reasonOwn",
  given: "growth.energy.reasonGiven",
  none: "growth.energy.reasonNone",
  unknown: "growth.energy.reasonWaiting",
} as const satisfies Record<EnergyBlock, string>;

/**
 * ⚡: gives one of the member's energy to a question, a chat line or a speaker. Off (aria-disabled, so it keeps focus
 * and says why) when the contribution is the member's own, already energised, or no energy is left; a refusal from
 * the server shows as a toast like every other.
 */
export function EnergyButton({ target, id, contributionRef, own, name, wide = false }: EnergyButtonProps) {
  const { t } = useTranslation();
  const venue = useVenue();
  const block = useGrowth((s) => energyBlock(s, contributionRef, own));
  const given = block === "given";
  const reason = block === null ? null : t(REASON_KEY[block]);
  const label = block === null ? t("growth.energy.giveTo", { name }) : `${t("growth.energy.giveTo", { name })}: ${reason ?? ""}`;
  return (
    <button
      type="button"
      className={`growth-energy${given ? " is-given" : ""}${wide ? " button small ghost" : ""}`}
      aria-disabled={block !== null}
      aria-pressed={given}
      aria-label={label}
      title={reason ?? t("growth.energy.give")}
      data-testid="energy-button"
      data-target={target}
      data-ref={contributionRef}
      data-block={block ?? "none-blocking"}
      onClick={() => {
        if (block === null) giveEnergy(venue.stores.growth, venue.connection, target, id, contributionRef);
      }}
    >
      <span aria-hidden="true">⚡</span>
      {wide && <span aria-hidden="true">{given ? t("growth.energy.given") : t("growth.energy.give")}</span>}
    </button>
  );
}
