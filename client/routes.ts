import { SLUG_PATTERN } from "../shared/protocol/index.js";
import { SESSION_ID_PATTERN } from "../shared/protocol/stats.js";

/**
 * What each address of the client shows. Pure (no DOM), so the parsing of hostile paths is unit-tested: a member's or a
 * collectible's id is a path segment the server made (a UUID, or a short base62 id); anything else is not found, so no
 * odd text ever reaches an API path or the page.
 */
export type Route =
  | { page: "home" }
  | { page: "event"; slug: string }
  | { page: "admin" }
  | { page: "growth" }
  | { page: "member"; id: string }
  | { page: "collectible"; id: string }
  /** Hunts (docs/hunts.md): a scanned QR code, the partner staff's redemption page, the operator's editor and print sheet. */
  | { page: "scan"; token: string }
  | { page: "redeem" }
  | { page: "huntEditor"; slug: string }
  | { page: "huntSheet"; slug: string }
  /** Operator statistics (docs/statistics.md, "Pages"): the community, an event, a session, two sessions compared. */
  | { page: "stats" }
  | { page: "statsEvent"; slug: string }
  | { page: "statsSession"; slug: string; sessionId: string }
  | { page: "statsCompare"; slug: string; a: string; b: string }
  | { page: "notFound" };

/** A QR code's token as it may appear in `/scan/<token>` (docs/hunts.md, "Tokens"): dot-separated url-safe parts. */
export const SCAN_TOKEN_PATTERN = /^[A-Za-z0-9_.-]{1,300}$/;

/** A member's or a collectible's id as it may appear in `/m/<id>` and `/c/<id>`. */
export const PAGE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** One path segment, percent-decoded; null when it does not decode. */
function segment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * `/admin/stats`, `/admin/stats/<slug>`, `/admin/stats/<slug>/session/<id>` and `/admin/stats/<slug>/compare/<a>/<b>`;
 * null when the path is not under /admin/stats, not found when a segment cannot be a slug or a session id.
 */
function statsRouteOf(pathname: string): Route | null {
  if (pathname === "/admin/stats" || pathname === "/admin/stats/") return { page: "stats" };
  if (!pathname.startsWith("/admin/stats/")) return null;
  const parts = pathname.slice("/admin/stats/".length).replace(/\/$/, "").split("/").map(segment);
  if (parts.some((part) => part === null || part === "")) return { page: "notFound" };
  const [slug, kind, a, b, ...rest] = parts as string[];
  if (slug === undefined || !SLUG_PATTERN.test(slug) || rest.length > 0) return { page: "notFound" };
  const id = (value: string | undefined): value is string => value !== undefined && SESSION_ID_PATTERN.test(value);
  if (kind === undefined) return { page: "statsEvent", slug };
  if (kind === "session" && id(a) && b === undefined) return { page: "statsSession", slug, sessionId: a };
  if (kind === "compare" && id(a) && id(b)) return { page: "statsCompare", slug, a, b };
  return { page: "notFound" };
}

/**
 * `/` lists events, `/e/<slug>` opens one, `/admin` is the operator's page, `/growth` explains growth, `/m/<id>` is a
 * member's profile and `/c/<id>` a collectible (a trailing slash allowed on each); any other path, or a segment that
 * cannot be what it names, is not found.
 */
export function routeOf(pathname: string): Route {
  if (pathname === "/" || pathname === "") return { page: "home" };
  if (pathname === "/admin" || pathname === "/admin/") return { page: "admin" };
  if (pathname === "/growth" || pathname === "/growth/") return { page: "growth" };
  if (pathname === "/redeem" || pathname === "/redeem/") return { page: "redeem" };
  const stats = statsRouteOf(pathname);
  if (stats) return stats;
  const hunt = /^\/admin\/hunt\/([^/]+)(\/sheet)?\/?$/.exec(pathname);
  if (hunt?.[1]) {
    const slug = segment(hunt[1]);
    if (slug === null || !SLUG_PATTERN.test(slug)) return { page: "notFound" };
    return hunt[2] ? { page: "huntSheet", slug } : { page: "huntEditor", slug };
  }
  const scan = /^\/scan\/([^/]+)\/?$/.exec(pathname);
  if (scan?.[1]) {
    const token = segment(scan[1]);
    return token !== null && SCAN_TOKEN_PATTERN.test(token) ? { page: "scan", token } : { page: "notFound" };
  }
  const match = /^\/([emc])\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1] || !match[2]) return { page: "notFound" };
  const value = segment(match[2]);
  if (value === null) return { page: "notFound" };
  if (match[1] === "e") return SLUG_PATTERN.test(value) ? { page: "event", slug: value } : { page: "notFound" };
  if (!PAGE_ID_PATTERN.test(value)) return { page: "notFound" };
  return match[1] === "m" ? { page: "member", id: value } : { page: "collectible", id: value };
}
