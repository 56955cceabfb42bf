import { Component, lazy, Suspense, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SLUG_PATTERN } from "../shared/protocol/index.js";
import { takeHostToken } from "./net/hostToken.js";
import { Home } from "./ui/Home.js";

// The event page brings three.js, r3f and the Colyseus client; the event list loads without them.
const EventPage = lazy(() => import("./ui/EventPage.js").then((m) => ({ default: m.EventPage })));

/** Routes by path: `/` lists events, `/e/<slug>` opens one. Anything else goes to the list. */
export function App() {
  useTranslation();
  const match = /^\/e\/([^/]+)\/?$/.exec(window.location.pathname);
  const slug = match?.[1] ? decodeURIComponent(match[1]) : null;
  const eventSlug = slug !== null && SLUG_PATTERN.test(slug) ? slug : null;
  // A host link's token leaves the address bar at once, before the event page's code has downloaded.
  const [hostToken] = useState(() => (eventSlug === null ? undefined : takeHostToken(eventSlug)));
  if (eventSlug !== null) {
    return (
      <LoadFailureBoundary fallback={<PageLoadFailed />}>
        <Suspense fallback={<PageLoading />}>
          <EventPage slug={eventSlug} hostToken={hostToken} />
        </Suspense>
      </LoadFailureBoundary>
    );
  }
  return <Home />;
}

function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status" data-testid="page-loading">
      <span className="page-loading-mark" aria-hidden="true">
        🌳
      </span>
      <span>{t("venue.loadingScene")}</span>
    </div>
  );
}

function PageLoadFailed() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="alert" data-testid="page-load-failed">
      <p>{t("connection.failed")}</p>
      <button type="button" className="button primary" onClick={() => window.location.reload()}>
        {t("connection.reload")}
      </button>
    </div>
  );
}

/** Shows `fallback` when a child throws while rendering: here, the event page's code failing to download. */
class LoadFailureBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
