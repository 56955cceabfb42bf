import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../LanguageSwitch.js";
import "./growthPages.css";

/**
 * The frame of the growth pages: Grove's header (home, the explainer, the language switch) and one main column.
 * `documentTitle` becomes the tab's title, with Grove's name after it.
 */
export function PageFrame({ documentTitle, children, testId }: { documentTitle: string; children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = documentTitle ? `${documentTitle} · ${t("app.name")}` : t("app.name");
  }, [documentTitle, t]);
  return (
    <div className="page growth-page" data-testid={testId}>
      <header className="home-header growth-header">
        <a className="brand" href="/">
          <span className="brand-mark" aria-hidden="true">🌳</span>
          <span className="brand-name">{t("app.name")}</span>
        </a>
        <nav className="growth-nav" aria-label={t("app.name")}>
          <a className="text-link" href="/growth">
            {t("growthPages.common.howItWorks")}
          </a>
          <LanguageSwitch />
        </nav>
      </header>
      <main id="main" className="growth-main">
        {children}
      </main>
    </div>
  );
}

/** A page's data failed to arrive: say so, with a way to try again. */
export function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card growth-card growth-failed" role="alert" data-testid="growth-load-failed">
      <p>{t("growthPages.common.loadFailed")}</p>
      <button type="button" className="button primary" onClick={onRetry}>
        {t("growthPages.common.retry")}
      </button>
    </section>
  );
}

/** Still loading: a quiet status line. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="growth-loading" role="status">
      {t("growthPages.common.loading")}
    </p>
  );
}
