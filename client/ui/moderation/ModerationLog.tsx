import { useTranslation } from "react-i18next";
import type { ModerationLogEntry } from "../../../shared/rules/moderation/types.js";
import { describeLogEntry } from "../../state/moderationFormat.js";

/** The moderation log, newest first: when (in the viewer's locale), who did what to whom, and why. */
export function ModerationLog({ log }: { log: readonly ModerationLogEntry[] }) {
  const { t, i18n } = useTranslation();
  if (log.length === 0) return <p className="hint">{t("moderation.host.log.empty")}</p>;
  const time = new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" });
  const full = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <ol className="mod-log" data-testid="moderation-log">
      {log.map((entry) => (
        <li key={entry.seq} className={`mod-log-entry is-${entry.action}`} data-testid="moderation-log-entry" data-action={entry.action} data-seq={entry.seq}>
          <time dateTime={new Date(entry.at).toISOString()} title={full.format(entry.at)}>
            {time.format(entry.at)}
          </time>
          <span className="mod-log-text">
            {describeLogEntry(entry, t)}
            {entry.note.trim() !== "" && (
              <span className="mod-log-note" data-testid="moderation-log-note">
                {" "}
                {t("moderation.host.log.reason", { note: entry.note.trim() })}
              </span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
