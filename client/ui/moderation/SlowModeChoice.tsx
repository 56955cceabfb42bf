import { useId } from "react";
import { useTranslation } from "react-i18next";
import { SLOW_MODE_CHOICES } from "../../state/moderationFormat.js";
import { useVenue } from "../../state/venue.js";

/**
 * Slow mode as a row of buttons (one pressed): a click sets it at once. Buttons rather than a select or radios,
 * because those change (and would send) with every arrow key press.
 */
export function SlowModeChoice({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const labelId = useId();
  // A length set elsewhere (the API allows any up to 10 minutes) shows as a choice of its own.
  const choices = SLOW_MODE_CHOICES.includes(seconds) ? SLOW_MODE_CHOICES : [...SLOW_MODE_CHOICES, seconds].sort((a, b) => a - b);
  return (
    <div className="mod-slow" role="group" aria-labelledby={labelId} data-testid="moderation-slow-mode" data-seconds={seconds}>
      <span id={labelId} className="host-label">
        {t("moderation.host.room.slowMode")}
      </span>
      <div className="mod-segments">
        {choices.map((choice) => (
          <button
            key={choice}
            type="button"
            className={`button small${choice === seconds ? " is-on" : ""}`}
            aria-pressed={choice === seconds}
            data-testid="moderation-slow-choice"
            data-seconds={choice}
            onClick={() => {
              if (choice !== seconds) connection.send("setSlowMode", { seconds: choice });
            }}
          >
            {choice === 0 ? t("moderation.host.room.slowOff") : t("moderation.span.seconds", { count: choice })}
          </button>
        ))}
      </div>
    </div>
  );
}
