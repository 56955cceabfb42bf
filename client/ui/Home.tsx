import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { PublicEventsResponse, type PublicEvent } from "../../shared/protocol/publicEvents.js";
import { LanguageSwitch } from "./LanguageSwitch.js";
import { EventStatusLine, STATUS_REFRESH_MS, useNow } from "./EventStatusLine.js";

type EventSummary = PublicEvent;

export async function fetchEvents(signal?: AbortSignal): Promise<EventSummary[]> {
  const response = await fetch("/api/events", { signal: signal ?? null, headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return PublicEventsResponse.parse(await response.json()).events;
}

type LoadState = { kind: "loading" } | { kind: "failed" } | { kind: "ready"; events: EventSummary[] };

export function Home() {
  const { t } = useTranslation();
  const [state, setState] = useState<LoadState>({ kind: "loading" });
  const now = useNow();

  const load = useCallback((signal?: AbortSignal) => {
    setState({ kind: "loading" });
    fetchEvents(signal).then(
      (events) => setState({ kind: "ready", events }),
      () => {
        if (!signal?.aborted) setState({ kind: "failed" });
      },
    );
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // Head-counts and schedules change: the list follows quietly, keeping what it showed if a refresh fails.
  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setInterval(() => {
      fetchEvents(controller.signal).then(
        (events) => setState({ kind: "ready", events }),
        () => undefined,
      );
    }, STATUS_REFRESH_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    document.title = `${t("home.title")} · ${t("app.name")}`;
  }, [t]);

  return (
    <div className="page home">
      <header className="home-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">🌳</span>
          <span className="brand-name">{t("app.name")}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main id="main" className="home-main">
        <p className="tagline">{t("app.tagline")}</p>
        <h1>{t("home.title")}</h1>
        {state.kind === "loading" && <p role="status">{t("home.loading")}</p>}
        {state.kind === "failed" && (
          <div role="alert" className="card notice-card">
            <p>{t("home.loadFailed")}</p>
            <button type="button" className="button" onClick={() => load()}>
              {t("home.retry")}
            </button>
          </div>
        )}
        {state.kind === "ready" && state.events.length === 0 && <p>{t("home.empty")}</p>}
        {state.kind === "ready" && state.events.length > 0 && (
          <ul className="event-list" data-testid="event-list">
            {state.events.map((event) => (
              <li key={event.slug}>
                <a
                  className="card event-card"
                  href={`/e/${encodeURIComponent(event.slug)}`}
                  data-testid="event-link"
                  data-slug={event.slug}
                >
                  <span className="event-title">{event.title}</span>
                  {event.description && (
                    <span className="event-description" data-testid="event-description">
                      {event.description}
                    </span>
                  )}
                  <span className="event-meta">
                    <EventStatusLine event={event} now={now} />
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
