import { useTranslation } from "react-i18next";
import { REACTIONS } from "../../shared/protocol/index.js";
import { useConnection, useMembers, useReactions } from "../state/hooks.js";
import { useVenue } from "../state/venue.js";

/** The reaction buttons, and a polite line that tells screen reader users who reacted (the floats are hidden). */
export function Reactions() {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const latest = useReactions((r) => r.floating[r.floating.length - 1]);
  const members = useMembers((m) => m.members);
  const selfId = useConnection((c) => c.sessionId);
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
