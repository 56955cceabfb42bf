import { useTranslation } from "react-i18next";
import { REACTIONS } from "../../shared/protocol/index.js";
import type { VenueConnection } from "../net/VenueConnection.js";
import { useStore } from "../net/store.js";

/** The reaction buttons, and a polite line that tells screen reader users who reacted (the floats are hidden). */
export function Reactions({ connection }: { connection: VenueConnection }) {
  const { t } = useTranslation();
  const latest = useStore(connection.view, (v) => v.reactions[v.reactions.length - 1]);
  const members = useStore(connection.view, (v) => v.members);
  const selfId = useStore(connection.view, (v) => v.sessionId);
  const sender = latest && latest.sessionId !== selfId ? members.find((m) => m.sessionId === latest.sessionId) : undefined;
  const announcement = latest && sender ? t("reactions.announce", { name: sender.name, label: t(`reactions.${latest.emoji}`) }) : "";
  return (
    <>
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
      <p className="visually-hidden" role="status" data-testid="reaction-announcement">
        {announcement}
      </p>
    </>
  );
}
