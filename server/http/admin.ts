import { createHash, timingSafeEqual } from "node:crypto";
import express, { type Response, type Router } from "express";
import {
  CreateEventRequest,
  SLUG_PATTERN,
  UpdateEventRequest,
  hostLinkPath,
  memberLinkPath,
  type ApiError,
  type CreateEventResponse,
  type ErrorCode,
  type EventSummary,
  type HostLinkResponse,
  type ListEventsResponse,
  type UpdateEventResponse,
} from "../../shared/protocol/index.js";
import type { RateLimit } from "../../shared/rules/rateLimit.js";
import type { HostTokens } from "../auth/hostTokens.js";
import { KeyedLimiter } from "../joinGuard.js";
import type { GroveEvent, Store } from "../store/index.js";
import type { Hunts } from "../hunt/service.js";
import { adminHuntRouter } from "./adminHunt.js";
import { adminStatsRouter } from "./adminStats.js";
import type { Stats } from "../stats/service.js";
import { readJsonBody } from "./matchmake.js";
import { refuseOversizedBody } from "./security.js";

/** Operator API bodies are a slug, a title, a description of at most 500 characters, a capacity and a schedule. */
export const ADMIN_BODY_LIMIT_BYTES = 4 * 1024;
/**
 * Wrong operator tokens per address: 20 (an operator mistyping, a script with a stale token), then one every 5 s.
 * A 43-character random token is out of reach either way; this bounds a guessable GROVE_ADMIN_TOKEN and the log.
 */
export const ADMIN_AUTH_FAILURE_LIMIT: RateLimit = { capacity: 20, perSecond: 1 / 5 };

export interface AdminOptions {
  store: Store;
  hostTokens: HostTokens;
  operatorToken: string;
  now: () => number;
  /** Connected members by event slug, across instances. */
  onlineBySlug: () => Promise<Map<string, number>>;
  /**
   * Tells the event's live session, when this process holds it, that the operator changed the event's word list (it
   * logs `wordsSet` there, so every instance filters with the new list at once).
   */
  wordsChanged?: (event: GroveEvent) => Promise<void>;
  failureLimit?: RateLimit;
  /** Hunts (docs/hunts.md): the operator's hunt routes, behind the same token, when the process has the service. */
  hunts?: Hunts;
  /** Operator statistics (docs/statistics.md): the routes under /stats, behind the same token, when the process has the service. */
  stats?: Stats;
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** The bearer token of an Authorization header, or undefined. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? "");
  return match?.[1];
}

function refuse(res: Response, status: number, error: ErrorCode): void {
  const body: ApiError = { error };
  res.status(status).json(body);
}

function summary(event: GroveEvent, online: Map<string, number>): EventSummary {
  const count = online.get(event.slug) ?? 0;
  return {
    slug: event.slug,
    title: event.title,
    description: event.description,
    capacity: event.capacity,
    online: count,
    live: count > 0,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    words: { add: [...event.words.add], remove: [...event.words.remove] },
    treeGoal: event.treeGoal,
    rewardText: event.rewardText,
    rewardUrl: event.rewardUrl,
    memberSalons: event.memberSalons,
  };
}

const sameWords = (a: GroveEvent["words"], b: GroveEvent["words"]): boolean => JSON.stringify([a.add, a.remove]) === JSON.stringify([b.add, b.remove]);

/**
 * The operator API, under `/api/admin`: list events, create one, edit one, and issue a fresh host link. In order: the
 * address's budget of wrong tokens (a spent budget refuses even the right token, so guessing learns nothing),
 * the operator token (hashes compared in constant time), then a body of at most 4 KB, then the route.
 */
export function adminRouter(options: AdminOptions): Router {
  const { store, hostTokens, now } = options;
  const failures = new KeyedLimiter(options.failureLimit ?? ADMIN_AUTH_FAILURE_LIMIT);
  const expected = sha256(options.operatorToken);
  const router = express.Router();

  router.use((req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    const address = req.ip ?? "unknown";
    const at = now();
    const waitMs = failures.retryAfterMs(address, at);
    if (waitMs > 0) {
      res.setHeader("Retry-After", String(Math.ceil(waitMs / 1000)));
      return refuse(res, 429, "RATE_LIMITED");
    }
    const given = bearerToken(req.headers.authorization);
    if (given !== undefined && timingSafeEqual(sha256(given), expected)) return next();
    failures.take(address, at);
    res.setHeader("WWW-Authenticate", 'Bearer realm="grove-admin"');
    refuse(res, 401, "UNAUTHORIZED");
  });

  // Bodies are read by Grove's own reader: at most 4 KB, and an oversized one is never read to its end.
  router.use(async (req, res, next) => {
    if (req.method !== "POST" && req.method !== "PATCH") return next();
    const read = await readJsonBody(req, ADMIN_BODY_LIMIT_BYTES);
    if (read === "too large") return refuseOversizedBody(req, res, { error: "BODY_TOO_LARGE" } satisfies ApiError);
    req.body = read.value;
    next();
  });

  const eventLinks = (event: GroveEvent): HostLinkResponse => {
    const { token, expiresAt } = hostTokens.issue(event.id);
    return { memberLink: memberLinkPath(event.slug), hostLink: hostLinkPath(event.slug, token), hostLinkExpiresAt: expiresAt };
  };

  router.get("/events", async (_req, res, next) => {
    try {
      const [events, online] = await Promise.all([store.listEvents(), options.onlineBySlug()]);
      const body: ListEventsResponse = { events: events.map((event) => summary(event, online)) };
      res.json(body);
    } catch (e) {
      next(e);
    }
  });

  router.post("/events", async (req, res, next) => {
    const request = CreateEventRequest.safeParse(req.body);
    if (!request.success) return refuse(res, 400, "INVALID_REQUEST");
    try {
      const event = await store.createEvent({ ...request.data, now: now() });
      if (!event) return refuse(res, 409, "SLUG_TAKEN");
      const body: CreateEventResponse = { event: summary(event, new Map()), ...eventLinks(event) };
      res.status(201).json(body);
    } catch (e) {
      next(e);
    }
  });

  router.patch("/events/:slug", async (req, res, next) => {
    const slug = req.params.slug ?? "";
    const request = UpdateEventRequest.safeParse(req.body);
    try {
      // An unknown slug is 404 whatever the body, so a typo in the address is not reported as a bad body.
      if (!SLUG_PATTERN.test(slug)) return refuse(res, 404, "EVENT_NOT_FOUND");
      if (!request.success) return (await store.getEventBySlug(slug)) ? refuse(res, 400, "INVALID_REQUEST") : refuse(res, 404, "EVENT_NOT_FOUND");
      const before = request.data.words === undefined ? undefined : await store.getEventBySlug(slug);
      const updated = await store.updateEvent(slug, request.data);
      if (updated === "notFound") return refuse(res, 404, "EVENT_NOT_FOUND");
      if (updated === "endsBeforeStart") return refuse(res, 400, "INVALID_REQUEST");
      // A live session follows a changed word list at once (the record alone reaches the next session).
      if (before && !sameWords(before.words, updated.words)) await options.wordsChanged?.(updated);
      const online = await options.onlineBySlug();
      const body: UpdateEventResponse = { event: summary(updated, online) };
      res.json(body);
    } catch (e) {
      next(e);
    }
  });

  router.post("/events/:slug/host-link", async (req, res, next) => {
    const slug = req.params.slug ?? "";
    try {
      const event = SLUG_PATTERN.test(slug) ? await store.getEventBySlug(slug) : undefined;
      if (!event) return refuse(res, 404, "EVENT_NOT_FOUND");
      res.json(eventLinks(event));
    } catch (e) {
      next(e);
    }
  });

  if (options.hunts) router.use(adminHuntRouter({ store, hunts: options.hunts, now }));
  if (options.stats) router.use(adminStatsRouter({ stats: options.stats }));

  // Anything else falls through to the app's JSON 404 for /api.
  return router;
}
