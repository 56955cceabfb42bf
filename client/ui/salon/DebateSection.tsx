import { useId } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { DebateView, SalonMineView, Side } from "../../../shared/rules/salon/types.js";
import { useVenue } from "../../state/venue.js";
import { ownEntry } from "./PollSection.js";

/** The swing in words, with at most one decimal in the reader's locale ("+12.5", "−4"). */
export function swingText(t: TFunction, swing: number, language: string): string {
  const points = new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(Math.abs(swing));
  if (swing > 0) return t("salon.debate.swingFor", { points });
  if (swing < 0) return t("salon.debate.swingAgainst", { points });
  return t("salon.debate.swingNone");
}

/** The swing in words: "+12.5 points for the motion", "−4 points…", none, or not known yet. */
export function SwingLine({ swing }: { swing: number | null }) {
  const { t, i18n } = useTranslation();
  const text = swing === null ? t("salon.debate.swingPending") : swingText(t, swing, i18n.language);
  return (
    <p className={`salon-swing${swing === null ? " is-pending" : ""}`} data-testid="salon-swing" data-swing={swing ?? ""}>
      {text}
    </p>
  );
}

/** Stances per side before and after, as two short rows. */
export function DebateCounts({ debate }: { debate: DebateView }) {
  const { t } = useTranslation();
  const row = (label: string, counts: readonly [number, number], testId: string) => (
    <li className="salon-debate-row" data-testid={testId} data-side0={counts[0]} data-side1={counts[1]}>
      <span className="salon-debate-when">{label}</span>
      <span>{t("salon.debate.count", { side: debate.sides[0], count: counts[0] })}</span>
      <span>{t("salon.debate.count", { side: debate.sides[1], count: counts[1] })}</span>
    </li>
  );
  return (
    <ul className="salon-debate-counts">
      {row(t("salon.debate.before"), debate.before, "salon-debate-before")}
      {row(t("salon.debate.after"), debate.after, "salon-debate-after")}
    </ul>
  );
}

/** The current debate: the motion, the phase, the member's stance buttons while stances are taken, counts and swing. */
export function DebateSection({ debate, mine }: { debate: DebateView; mine: SalonMineView | null }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const headingId = useId();
  const groupId = useId();
  const stances = ownEntry(mine?.stances, debate.id);
  const taking = debate.phase === "before" || debate.phase === "after";
  const current: Side | null = debate.phase === "before" ? (stances?.before ?? null) : debate.phase === "after" ? (stances?.after ?? null) : null;

  return (
    <section className="salon-section salon-debate" aria-labelledby={headingId} data-testid="salon-debate" data-debate-id={debate.id} data-phase={debate.phase}>
      <h3 id={headingId} className="salon-section-title">
        {t("salon.debate.title")}
      </h3>
      <p className="salon-question" data-testid="salon-motion">
        {debate.motion}
      </p>
      <p className="hint">{t(`salon.debate.phases.${debate.phase}`)}</p>
      {taking && (
        <div className="salon-stances" role="group" aria-labelledby={groupId}>
          <span id={groupId} className="visually-hidden">
            {t("salon.debate.stanceGroup")}
          </span>
          {([0, 1] as const).map((side) => (
            <button
              key={side}
              type="button"
              className={`button small salon-stance${current === side ? " is-on" : ""}`}
              aria-pressed={current === side}
              data-testid="salon-stance"
              data-side={side}
              onClick={() => {
                if (current !== side) connection.send("takeStance", { debateId: debate.id, side });
              }}
            >
              {debate.sides[side]}
            </button>
          ))}
        </div>
      )}
      <DebateCounts debate={debate} />
      {(debate.phase === "after" || debate.phase === "closed") && <SwingLine swing={debate.swing} />}
    </section>
  );
}
