import { useTranslation } from "react-i18next";
import { useNotices } from "../state/hooks.js";
import { dismissNotice } from "../state/notices.js";
import { useVenue } from "../state/venue.js";

/** Polite, self-dismissing notices (refusals, "reconnected"). */
export function Toasts() {
  const { t } = useTranslation();
  const notices = useNotices((n) => n.notices);
  const store = useVenue().stores.notices;
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {notices.map((notice) => (
        <div key={notice.id} className="toast card" data-testid="toast" data-key={notice.key}>
          <span>{t(notice.key)}</span>
          <button type="button" className="icon-button" aria-label={t("toasts.dismiss")} onClick={() => dismissNotice(store, notice.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
