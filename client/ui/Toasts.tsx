import { useTranslation } from "react-i18next";
import type { VenueConnection } from "../net/VenueConnection.js";
import { useStore } from "../net/store.js";

/** Polite, self-dismissing notices (refusals, "reconnected"). */
export function Toasts({ connection }: { connection: VenueConnection }) {
  const { t } = useTranslation();
  const notices = useStore(connection.view, (v) => v.notices);
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {notices.map((notice) => (
        <div key={notice.id} className="toast card" data-testid="toast" data-key={notice.key}>
          <span>{t(notice.key)}</span>
          <button
            type="button"
            className="icon-button"
            aria-label={t("toasts.dismiss")}
            onClick={() => connection.dismissNotice(notice.id)}
          >
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
