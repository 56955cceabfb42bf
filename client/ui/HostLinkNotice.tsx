import { useTranslation } from "react-i18next";
import { useSession } from "../state/hooks.js";
import { dismissHostLinkProblem } from "../state/session.js";
import { useVenue } from "../state/venue.js";

/** Says plainly when the host link this page came with gave member rights only, and why. */
export function HostLinkNotice() {
  const { t } = useTranslation();
  const store = useVenue().stores.session;
  const problem = useSession((s) => s.hostLinkProblem);
  if (problem === null) return null;
  return (
    <div className="host-link-notice card" role="alert" data-testid="host-link-notice" data-check={problem}>
      <span className="host-link-mark" aria-hidden="true">
        🔑
      </span>
      <p>
        <strong>{t(`hostLink.${problem}`)}</strong> {t("hostLink.hint")}
      </p>
      <button type="button" className="button small" onClick={() => dismissHostLinkProblem(store)} data-testid="host-link-dismiss">
        {t("hostLink.dismiss")}
      </button>
    </div>
  );
}
