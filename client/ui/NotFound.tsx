import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./LanguageSwitch.js";
import "./NotFound.css";

/**
 * Grove's own "not here" page: `page` for an address Grove does not have, `event` for an event link whose event does
 * not exist. Either way, one clear way on: the list of events.
 */
export function NotFound({ kind }: { kind: "page" | "event" }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t("notFound.documentTitle")} · ${t("app.name")}`;
  }, [t]);
  return (
    <div className="page not-found-page">
      <header className="home-header">
        <a className="brand" href="/">
          <span className="brand-mark" aria-hidden="true">🌳</span>
          <span className="brand-name">{t("app.name")}</span>
        </a>
        <LanguageSwitch />
      </header>
      <main id="main" className="not-found-main">
        <section className="card not-found" data-testid={kind === "event" ? "event-not-found" : "not-found"} aria-labelledby="not-found-title">
          <svg className="not-found-art" viewBox="0 0 120 90" aria-hidden="true" focusable="false">
            <ellipse cx="60" cy="80" rx="50" ry="8" fill="#b7d39a" />
            <rect x="56" y="48" width="8" height="32" rx="3" fill="#8d6e63" />
            <circle cx="60" cy="36" r="22" fill="#7fb069" />
            <circle cx="46" cy="44" r="14" fill="#6a9e55" />
            <circle cx="75" cy="42" r="15" fill="#8cc174" />
            <path d="M88 76 q4 -18 14 -22 q-2 12 -14 22z" fill="#4f9d3a" />
            <text x="98" y="30" fontSize="20" fontWeight="700" fill="#d9822b">?</text>
          </svg>
          <h1 id="not-found-title">{kind === "event" ? t("notFound.eventTitle") : t("notFound.title")}</h1>
          <p>{kind === "event" ? t("notFound.eventBody") : t("notFound.body")}</p>
          <a className="button primary" href="/" data-testid="not-found-home">
            {t("notFound.toEvents")}
          </a>
        </section>
      </main>
    </div>
  );
}
