import { useTranslation } from "react-i18next";
import { REACTIONS } from "../../shared/protocol/index.js";
import type { VenueConnection } from "../net/VenueConnection.js";

export function Reactions({ connection }: { connection: VenueConnection }) {
  const { t } = useTranslation();
  return (
    <div className="reactions card" role="group" aria-label={t("reactions.title")} data-testid="reactions">
      {REACTIONS.map((emoji) => (
        <button
          key={emoji}
          type="button"
          className="reaction-button"
          data-testid="reaction-button"
          data-emoji={emoji}
          aria-label={t("reactions.react", { label: t(`reactions.${emoji}`) })}
          title={t(`reactions.${emoji}`)}
          onClick={() => connection.send("react", { emoji })}
        >
          <span aria-hidden="true">{emoji}</span>
        </button>
      ))}
    </div>
  );
}
