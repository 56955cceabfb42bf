import { useTranslation } from "react-i18next";
import { useSalon, useScreenPlayer } from "../../state/hooks.js";
import { chooseSound } from "../../state/salonScreen.js";
import { useVenue } from "../../state/venue.js";

/**
 * The stage screen's video plays muted until the member chooses sound: this button unmutes it within their click
 * (browsers allow sound only after a gesture), and mutes it again. Shown while a video is on the screen.
 */
export function SoundButton() {
  const { t } = useTranslation();
  const { stores } = useVenue();
  const onScreen = useSalon((s) => s.public?.screen != null);
  const playing = useSalon((s) => s.public?.screen?.playing === true);
  const sound = useScreenPlayer((p) => p.sound);
  if (!onScreen) return null;
  return (
    <>
      <p className="salon-screen-status visually-hidden" data-testid="salon-screen" data-playing={playing ? "true" : "false"}>
        {playing ? t("salon.screen.playing") : t("salon.screen.paused")}
      </p>
      <button
        type="button"
        className={`button small salon-sound${sound ? " is-on" : ""}`}
        data-testid="salon-sound"
        onClick={() => chooseSound(stores.screenPlayer, !sound)}
      >
        <span aria-hidden="true">{sound ? "🔊 " : "🔇 "}</span>
        {sound ? t("salon.screen.soundOff") : t("salon.screen.soundOn")}
      </button>
    </>
  );
}
