import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SLUG_PATTERN } from "../shared/protocol/index.js";
import { takeHostToken } from "./net/hostToken.js";
import { AdminRoute } from "./ui/admin/AdminRoute.js";
import { EventPage } from "./ui/EventPage.js";
import { Home } from "./ui/Home.js";
import { NotFound } from "./ui/NotFound.js";

type Route = { page: "home" } | { page: "event"; slug: string } | { page: "admin" } | { page: "notFound" };

/**
 * `/` lists events, `/e/<slug>` opens one (a trailing slash allowed), `/admin` is the operator's page; any other path,
 * or a slug that cannot be one, is not found.
 */
export function routeOf(pathname: string): Route {
  if (pathname === "/" || pathname === "") return { page: "home" };
  if (pathname === "/admin" || pathname === "/admin/") return { page: "admin" };
  const match = /^\/e\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return { page: "notFound" };
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]);
  } catch {
    return { page: "notFound" };
  }
  return SLUG_PATTERN.test(slug) ? { page: "event", slug } : { page: "notFound" };
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
  if (route.page === "event") return <EventPage slug={route.slug} hostToken={hostToken} />;
  if (route.page === "admin") return <AdminRoute />;
  if (route.page === "notFound") return <NotFound kind="page" />;
  return <Home />;
}
