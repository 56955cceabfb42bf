import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import "./RemovedPage.css";

/**
 * What a member a host removed sees instead of the venue: said kindly, with the way home. The page never reconnects
 * on its own (the connection closed with REMOVED_CLOSE_CODE); a join later is refused REMOVED, and the lobby says so.
 * Light (no venue code): it is part of the event page's first chunk.
 */
export function RemovedPage() {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="removed-page" data-testid="removed-page">
      <div className="removed-card card">
        <span className="removed-mark" aria-hidden="true">
          🌿
        </span>
        <h1 ref={heading} tabIndex={-1}>
          {t("moderation.removed.title")}
        </h1>
        <p>{t("moderation.removed.body")}</p>
        <p>{t("moderation.removed.next")}</p>
        <a className="button primary" href="/" data-testid="removed-home">
          {t("moderation.removed.home")}
        </a>
      </div>
    </main>
  );
}
