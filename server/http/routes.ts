import type { KeyObject } from "node:crypto";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { matchMaker } from "@colyseus/core";
import { PROTOCOL_VERSION, SLUG_PATTERN, type PublicEvent, type PublicEventResponse, type PublicEventsResponse } from "../../shared/protocol/index.js";
import { OPERATOR_MEMBER_ID, type GroveEvent, type Store } from "../store/index.js";
import type { JoinGuard } from "../joinGuard.js";
import type { HostTokens } from "../auth/hostTokens.js";
import { adminRouter } from "./admin.js";
import { growthRouter } from "./growth.js";
import { HUNT_DEFINITION_PATH } from "./adminHunt.js";
import { huntRouter } from "./hunt.js";
import type { Hunts } from "../hunt/service.js";
import type { Stats } from "../stats/service.js";
import { SESSION_ID_PATTERN } from "../../shared/protocol/stats.js";
import { COLLECTIBLE_ID_PATTERN } from "../growth/mint.js";
import { MEMBER_ID_PATTERN } from "../growth/profile.js";
import { matchmakeRouter } from "./matchmake.js";
import { refuseOversizedBody, securityHeaders } from "./security.js";
import { clientFiles } from "./static.js";
import { countAnswers, metricsRoute } from "./metrics.js";
import type { GroveMetrics } from "../metrics.js";

export interface HttpOptions {
  store: Store;
  version: string;
  /** The built client (dist/client). Missing: the API still answers and pages say how to build. */
  clientDir: string;
  joinGuard: JoinGuard;
  /** Signs host links; the operator API hands them out. */
  hostTokens: HostTokens;
  /** What the operator API's `Authorization: Bearer …` must carry. */
  operatorToken: string;
  /** The Ed25519 key collectibles are signed with: its public half goes out with each collectible. */
  collectibleKey: KeyObject;
  now: () => number;
  log: (message: string, error?: unknown) => void;
  /** Other origins allowed to call the join endpoint (the server's own origin always is). */
  allowedOrigins?: readonly string[];
  /** CSP frame-ancestors; "'self'" by default. */
  frameAncestors?: readonly string[];
  /** Serve the client's source maps (off by default). */
  serveSourceMaps?: boolean;
  /** Express' "trust proxy": set it when Grove runs behind a proxy, so limits apply to the real client address. */
  trustProxy?: boolean | number | string;
  /** The operator changed an event's word list: its live session here, if any, takes it (see AdminOptions). */
  wordsChanged?: (event: GroveEvent) => Promise<void>;
  /** Hunts (docs/hunts.md): the member, staff and operator routes; absent, none of them is served. */
  hunts?: Hunts;
  /** Operator statistics (docs/statistics.md): the operator's /api/admin/stats routes; absent, none of them is served. */
  stats?: Stats;
  /** GET /metrics (Prometheus text) and the count of HTTP answers; absent, neither. */
  metrics?: GroveMetrics;
  /** What `Authorization: Bearer …` must carry on /metrics (GROVE_METRICS_TOKEN); unset, /metrics is open. */
  metricsToken?: string;
}

/** No body Grove reads outside matchmaking is larger than this; a declared larger one is refused unread. */
const REQUEST_BODY_LIMIT_BYTES = 4 * 1024;

/** How many members are connected to each event's instances right now (reservations and dropped members are not). */
export async function onlineBySlug(): Promise<Map<string, number>> {
  const rooms = await matchMaker.query({ name: "venue" });
  const counts = new Map<string, number>();
  for (const room of rooms) {
    const metadata = room.metadata as { eventSlug?: unknown; online?: unknown } | undefined;
    const slug = metadata?.eventSlug;
    const online = typeof metadata?.online === "number" ? metadata.online : 0;
    if (typeof slug === "string") counts.set(slug, (counts.get(slug) ?? 0) + online);
  }
  return counts;
}

/** Paths that belong to the server's machinery, never to the page, whatever the request accepts. */
const SERVER_PATHS = /^\/(api|matchmake|healthz|metrics)(\/|$)/;

/** A browser navigating: text/html is asked for outright and preferred to JSON (`*\/*` alone is not a page request). */
function wantsPage(req: Request): boolean {
  return /\btext\/html\b/i.test(req.headers.accept ?? "") && req.accepts(["json", "html"]) === "html";
}

function notBuilt(res: Response): void {
  res.status(503).type("text/plain").send("The client is not built: run `npm run build` (npm start does it for you).");
}

/** An event as anyone may see it: its head-count across instances and its schedule. */
function publicEvent(event: GroveEvent, online: Map<string, number>): PublicEvent {
  const count = online.get(event.slug) ?? 0;
  return { slug: event.slug, title: event.title, description: event.description, live: count > 0, online: count, startsAt: event.startsAt, endsAt: event.endsAt };
}

/** An error's HTTP status if it is a client's fault (4xx), else 500. */
function statusOf(error: unknown): number {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : 500;
}

/** The statistics pages' paths (docs/statistics.md, "Pages"), each segment checked as the client's router checks it. */
export function isStatsPagePath(path: string): boolean {
  const parts = path.replace(/\/+$/, "").split("/").slice(3);
  const segment = (raw: string | undefined): string | null => {
    try {
      return raw === undefined ? null : decodeURIComponent(raw);
    } catch {
      return null;
    }
  };
  const slug = segment(parts[0]);
  if (parts.length === 0) return true;
  if (slug === null || !SLUG_PATTERN.test(slug)) return false;
  if (parts.length === 1) return true;
  const ids = parts.slice(2).map(segment);
  if (!ids.every((id) => id !== null && SESSION_ID_PATTERN.test(id))) return false;
  return (parts[1] === "session" && ids.length === 1) || (parts[1] === "compare" && ids.length === 2);
}

export function createHttpApp(options: HttpOptions): Express {
  const { store, version, clientDir } = options;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  if (options.metrics) app.use(countAnswers(options.metrics));
  app.use(securityHeaders({ frameAncestors: options.frameAncestors ?? ["'self'"] }));
  app.use((req, res, next) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    // A hunt's whole definition is the one larger body (the operator's route reads it with its own limit).
    const huntDefinition = req.method === "PUT" && HUNT_DEFINITION_PATH.test(req.path);
    if (declared > REQUEST_BODY_LIMIT_BYTES && !req.path.startsWith("/matchmake/") && !huntDefinition) return refuseOversizedBody(req, res, { error: "BODY_TOO_LARGE" });
    next();
  });

  app.use("/matchmake", matchmakeRouter({ guard: options.joinGuard, now: options.now, allowedOrigins: options.allowedOrigins ?? [], log: options.log }));

  app.get("/healthz", async (_req, res) => {
    const database = await store.health();
    // The database's own error text stays in the server's log.
    res.status(database.ok ? 200 : 503).json({ ok: database.ok, version, protocolVersion: PROTOCOL_VERSION, database: { ok: database.ok, dialect: database.dialect } });
  });

  if (options.metrics) app.get("/metrics", metricsRoute(options.metrics, options.metricsToken));

  app.get("/api/events", async (_req, res, next) => {
    try {
      const [events, online] = await Promise.all([store.listEvents(), onlineBySlug()]);
      const body: PublicEventsResponse = { events: events.map((event) => publicEvent(event, online)) };
      res.json(body);
    } catch (e) {
      next(e);
    }
  });

  app.get("/api/events/:slug", async (req, res, next) => {
    const slug = req.params.slug ?? "";
    try {
      const event = SLUG_PATTERN.test(slug) ? await store.getEventBySlug(slug) : undefined;
      if (!event) return void res.status(404).json({ error: "NOT_FOUND" });
      const body: PublicEventResponse = { event: publicEvent(event, await onlineBySlug()) };
      res.json(body);
    } catch (e) {
      next(e);
    }
  });

  // The operator API, before the client's files so that nothing in them can shadow it.
  app.use(
    "/api/admin",
    adminRouter({
      store,
      hostTokens: options.hostTokens,
      operatorToken: options.operatorToken,
      now: options.now,
      onlineBySlug,
      ...(options.wordsChanged ? { wordsChanged: options.wordsChanged } : {}),
      ...(options.hunts ? { hunts: options.hunts } : {}),
      ...(options.stats ? { stats: options.stats } : {}),
    }),
  );

  // Growth: profiles, collectibles, past sessions' trees and members' own salons (docs/growth.md).
  app.use(
    "/api",
    growthRouter({ store, hostTokens: options.hostTokens, collectibleKey: options.collectibleKey, now: options.now, log: options.log, ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}) }),
  );

  // Hunts: scans, answers, tasks, teams, a member's progress, the public view and vouchers' redemption (docs/hunts.md).
  if (options.hunts) {
    const hunts = huntRouter({ store, hunts: options.hunts, now: options.now, newIdentities: options.joinGuard.newIdentities, ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}) });
    app.use("/api", hunts);
  }

  const client = clientFiles(clientDir);
  // A path that does not decode is the client's fault, answered like any other error (not as the file server's text).
  app.use((req, _res, next) => {
    try {
      decodeURIComponent(req.path);
      next();
    } catch {
      next(Object.assign(new Error("the path does not decode"), { status: 400 }));
    }
  });
  if (!options.serveSourceMaps) {
    app.use((req, res, next) => (req.path.endsWith(".map") ? res.status(404).json({ error: "NOT_FOUND" }) : next()));
  }
  app.use(client.files);
  app.use("/assets", client.media);
  app.get("/", (_req, res, next) => (client.built() ? next() : notBuilt(res)), client.page(200));
  // The operator's page (it signs in with the operator token itself; the page alone grants nothing).
  app.get("/admin", (_req, res, next) => (client.built() ? next() : notBuilt(res)), client.page(200));
  // The operator's statistics pages (docs/statistics.md, "Pages"): the page itself signs in and reads the API.
  // A slug or a session id that cannot be one gets the page with 404 (the page says it is not found), as the hunt's pages do.
  app.get(["/admin/stats", "/admin/stats/*"], (req, res, next) => {
    if (!client.built()) return notBuilt(res);
    client.page(isStatsPagePath(req.path) ? 200 : 404)(req, res, next);
  });
  // An event's link that names no event still gets the page, with 404: the lobby says the event does not exist.
  app.get("/e/:slug", async (req, res, next) => {
    if (!client.built()) return notBuilt(res);
    const slug = req.params.slug ?? "";
    try {
      const event = SLUG_PATTERN.test(slug) ? await store.getEventBySlug(slug) : undefined;
      client.page(event ? 200 : 404)(req, res, next);
    } catch (e) {
      next(e);
    }
  });
  // Growth's pages: the explainer, a profile and a collectible (an id that names nothing gets the page with 404).
  app.get("/growth", (_req, res, next) => (client.built() ? next() : notBuilt(res)), client.page(200));
  app.get("/m/:id", async (req, res, next) => {
    if (!client.built()) return notBuilt(res);
    const id = req.params.id ?? "";
    try {
      const member = MEMBER_ID_PATTERN.test(id) && id !== OPERATOR_MEMBER_ID ? await store.getMember(id) : undefined;
      client.page(member ? 200 : 404)(req, res, next);
    } catch (e) {
      next(e);
    }
  });
  app.get("/c/:id", async (req, res, next) => {
    if (!client.built()) return notBuilt(res);
    const id = req.params.id ?? "";
    try {
      const collectible = COLLECTIBLE_ID_PATTERN.test(id) ? await store.getCollectible(id) : undefined;
      client.page(collectible ? 200 : 404)(req, res, next);
    } catch (e) {
      next(e);
    }
  });
  // Hunts' pages: a scanned code (an unreadable one still gets the page, which shows why), staff redemption, and the
  // operator's editor and print sheet (they sign in with the operator token themselves; the page alone grants nothing).
  app.get(["/scan/:token", "/redeem"], (_req, res, next) => (client.built() ? next() : notBuilt(res)), client.page(200));
  app.get(["/admin/hunt/:slug", "/admin/hunt/:slug/sheet"], (req, res, next) => {
    if (!client.built()) return notBuilt(res);
    client.page(SLUG_PATTERN.test(req.params.slug ?? "") ? 200 : 404)(req, res, next);
  });
  app.use("/api", (_req, res) => res.status(404).json({ error: "NOT_FOUND" }));
  // A browser that asks for a page at a path that names nothing gets Grove's own not-found page; anything else JSON.
  app.get("*", (req, res, next) => (wantsPage(req) && !SERVER_PATHS.test(req.path) && client.built() ? client.page(404)(req, res, next) : next()));
  app.use((_req, res) => res.status(404).json({ error: "NOT_FOUND" }));
  // The last word on any error: a status and a code. The stack and the server's paths stay in the log.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = statusOf(error);
    if (status === 500) options.log(`${req.method} ${req.path.slice(0, 200)} failed`, error);
    res.status(status).json({ error: status === 500 ? "INTERNAL" : status === 413 ? "BODY_TOO_LARGE" : status === 404 ? "NOT_FOUND" : "BAD_REQUEST" });
  });
  return app;
}
