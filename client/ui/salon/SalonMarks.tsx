import { useTranslation } from "react-i18next";

interface SalonMarksProps {
  hand?: boolean;
  speaker?: boolean;
  expert?: boolean;
  /** The emoji alone (a narrow list); the words are still heard, and shown on hover. */
  compact?: boolean;
}

/**
 * The salon's marks beside a name: ✋ hand raised, 🎤 on stage, 🎓 expert. Seen as small tags, heard as part of the
 * name (", on stage"). Hook-free apart from i18n, like HostTag.
 */
export function SalonMarks({ hand = false, speaker = false, expert = false, compact = false }: SalonMarksProps) {
  const { t } = useTranslation();
  const kind = compact ? " is-compact" : "";
  return (
    <>
      {speaker && (
        <>
          <span className={`salon-mark is-speaker${kind}`} data-testid="speaker-mark" aria-hidden="true" title={t("salon.marks.speaker")}>
            🎤{compact ? "" : ` ${t("salon.marks.speaker")}`}
          </span>
          <span className="visually-hidden">{t("salon.marks.speakerSpoken")}</span>
        </>
      )}
      {hand && !speaker && (
        <>
          <span className="salon-mark is-hand" data-testid="hand-mark" aria-hidden="true" title={t("salon.marks.hand")}>
            ✋
          </span>
          <span className="visually-hidden">{t("salon.marks.handSpoken")}</span>
        </>
      )}
      {expert && (
        <>
          <span className={`salon-mark is-expert${kind}`} data-testid="expert-mark" aria-hidden="true" title={t("salon.marks.expert")}>
            🎓{compact ? "" : ` ${t("salon.marks.expert")}`}
          </span>
          <span className="visually-hidden">{t("salon.marks.expertSpoken")}</span>
        </>
      )}
    </>
  );
}
