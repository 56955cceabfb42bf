import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { takeHostToken } from "./net/hostToken.js";
import { routeOf } from "./routes.js";
import { takeStaffToken } from "./ui/pages/staffToken.js";
import { AdminRoute } from "./ui/admin/AdminRoute.js";
import { EventPage } from "./ui/EventPage.js";
import { Home } from "./ui/Home.js";
import { NotFound } from "./ui/NotFound.js";

export { routeOf };

// The growth pages come by import(), so their tables and the signature verifier never weigh on the lobby's entry bundle.
const GrowthExplainer = lazy(() => import("./ui/pages/GrowthExplainer.js").then((m) => ({ default: m.GrowthExplainer })));
const ProfilePage = lazy(() => import("./ui/pages/ProfilePage.js").then((m) => ({ default: m.ProfilePage })));
const CollectiblePage = lazy(() => import("./ui/pages/CollectiblePage.js").then((m) => ({ default: m.CollectiblePage })));
// The operator's hunt editor and print sheet (docs/hunts.md) likewise: the map, the forms and the QR encoder load on their own.
const HuntEditor = lazy(() => import("./ui/admin/hunt/HuntEditor.js").then((m) => ({ default: m.HuntEditor })));
const HuntSheet = lazy(() => import("./ui/admin/hunt/SheetPage.js").then((m) => ({ default: m.SheetPage })));
// The hunt's phone pages come the same way: a scan or a counter never loads the venue, the venue never loads them.
const ScanPage = lazy(() => import("./ui/pages/ScanPage.js").then((m) => ({ default: m.ScanPage })));
// The operator's statistics (docs/statistics.md) bring ECharts: only these pages load it, never the lobby or the venue.
const StatsPage = lazy(() => import("./ui/admin/stats/StatsPage.js").then((m) => ({ default: m.StatsPage })));
const RedeemPage = lazy(() => import("./ui/pages/RedeemPage.js").then((m) => ({ default: m.RedeemPage })));

/** What shows while a lazily loaded page arrives. */
function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status">
      <span className="page-loading-mark" aria-hidden="true">🌱</span>
      <p>{t("growthPages.common.loading")}</p>
    </div>
  );
}

/**
 * Routes by path. The event page's own module is light (the lobby); the venue's three.js and colyseus.js come by a
 * dynamic import it starts, so neither `/` nor the lobby waits for them.
 */
export function App() {
  useTranslation();
  const [route] = useState(() => routeOf(window.location.pathname));
  // A host link's token leaves the address bar at once, before anything else happens.
  const [hostToken] = useState(() => (route.page === "event" ? takeHostToken(route.slug) : undefined));
  // A staff link's token likewise (a customer at the counter can see the screen).
  const [staffToken] = useState(() => (route.page === "redeem" ? takeStaffToken() : undefined));
  if (route.page === "event") return <EventPage slug={route.slug} hostToken={hostToken} />;
  if (route.page === "admin") return <AdminRoute />;
  if (route.page === "growth" || route.page === "member" || route.page === "collectible") {
    return (
      <Suspense fallback={<PageLoading />}>
        {route.page === "growth" ? <GrowthExplainer /> : route.page === "member" ? <ProfilePage id={route.id} /> : <CollectiblePage id={route.id} />}
      </Suspense>
    );
  }
  if (route.page === "scan" || route.page === "redeem") {
    return <Suspense fallback={<PageLoading />}>{route.page === "scan" ? <ScanPage token={route.token} /> : <RedeemPage staff={staffToken} />}</Suspense>;
  }
  if (route.page === "huntEditor" || route.page === "huntSheet") {
    return <Suspense fallback={<PageLoading />}>{route.page === "huntEditor" ? <HuntEditor slug={route.slug} /> : <HuntSheet slug={route.slug} />}</Suspense>;
  }
  if (route.page === "stats" || route.page === "statsEvent" || route.page === "statsSession" || route.page === "statsCompare") {
    const view =
      route.page === "stats"
        ? ({ kind: "community" } as const)
        : route.page === "statsEvent"
          ? ({ kind: "event", slug: route.slug } as const)
          : route.page === "statsSession"
            ? ({ kind: "session", slug: route.slug, sessionId: route.sessionId } as const)
            : ({ kind: "compare", slug: route.slug, a: route.a, b: route.b } as const);
    return (
      <Suspense fallback={<PageLoading />}>
        <StatsPage view={view} />
      </Suspense>
    );
  }
  if (route.page === "notFound") return <NotFound kind="page" />;
  return <Home />;
}
