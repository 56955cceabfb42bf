import { useTranslation } from "react-i18next";
import "./voice.css";

/**
 * Beside a name whose microphone is heard talking now: three small bars to see (still under reduced motion), and
 * ", speaking" to hear. Hook-free apart from i18n, like SalonMarks.
 */
export function SpeakingMark() {
  const { t } = useTranslation();
  return (
    <>
      <span className="voice-speaking" data-testid="speaking-mark" aria-hidden="true" title={t("voice.speakingMark")}>
        <span />
        <span />
        <span />
      </span>
      <span className="visually-hidden">
        {", "}
        {t("voice.speaking")}
      </span>
    </>
  );
}
