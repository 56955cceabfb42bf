import express, { type Request, type Response, type Router } from "express";
import { SLUG_PATTERN, type ApiError, type ErrorCode } from "../../shared/protocol/index.js";
import { SESSION_ID_PATTERN, StatsSettingsRequest, WebhookUrl, type StatsSettingsResponse } from "../../shared/protocol/stats.js";
import type { Stats } from "../stats/service.js";

/**
 * The operator's statistics routes (docs/statistics.md, "API"), mounted inside the operator API (server/http/admin.ts),
 * so its operator token, its budget of wrong tokens and its 4 KB body limit guard every one. Slugs and session ids are
 * checked against their patterns before any query, so a hostile one is a 404, never a database error.
 */

export interface AdminStatsOptions {
  stats: Stats;
}

function refuse(res: Response, status: number, error: ErrorCode): void {
  const body: ApiError = { error };
  res.status(status).json(body);
}

/** The route's slug when it has the shape of one; undefined (and 404 answered) otherwise. */
function slugOf(req: Request, res: Response): string | undefined {
  const slug = req.params.slug ?? "";
  if (SLUG_PATTERN.test(slug)) return slug;
  refuse(res, 404, "EVENT_NOT_FOUND");
  return undefined;
}

function sessionIdOf(req: Request, res: Response): string | undefined {
  const id = req.params.id ?? "";
  if (SESSION_ID_PATTERN.test(id)) return id;
  refuse(res, 404, "UNKNOWN_SESSION");
  return undefined;
}

/** A settings body's refusal: INVALID_WEBHOOK when its webhook address is what is wrong, INVALID_REQUEST otherwise. */
function settingsRefusal(body: unknown): ErrorCode {
  if (typeof body === "object" && body !== null && !Array.isArray(body) && Object.hasOwn(body, "webhookUrl")) {
    const { webhookUrl } = body as { webhookUrl: unknown };
    if (typeof webhookUrl === "string" && !WebhookUrl.safeParse(webhookUrl).success) return "INVALID_WEBHOOK";
  }
  return "INVALID_REQUEST";
}

export function adminStatsRouter(options: AdminStatsOptions): Router {
  const { stats } = options;
  const router = express.Router();

  router.get("/stats/events/:slug/sessions", async (req, res, next) => {
    try {
      const slug = slugOf(req, res);
      if (slug === undefined) return;
      const body = await stats.eventSessions(slug);
      if (!body) return refuse(res, 404, "EVENT_NOT_FOUND");
      res.json(body);
    } catch (e) {
      next(e);
    }
  });

  router.get("/stats/sessions/:id", async (req, res, next) => {
    try {
      const id = sessionIdOf(req, res);
      if (id === undefined) return;
      const body = await stats.session(id);
      if (!body) return refuse(res, 404, "UNKNOWN_SESSION");
      res.json(body);
    } catch (e) {
      next(e);
    }
  });

  router.get("/stats/sessions/:id/members", async (req, res, next) => {
    try {
      const id = sessionIdOf(req, res);
      if (id === undefined) return;
      const body = await stats.sessionMembers(id);
      if (!body) return refuse(res, 404, "UNKNOWN_SESSION");
      res.json(body);
    } catch (e) {
      next(e);
    }
  });

  router.get("/stats/community", async (_req, res, next) => {
    try {
      res.json(await stats.community(null));
    } catch (e) {
      next(e);
    }
  });

  router.get("/stats/events/:slug/community", async (req, res, next) => {
    try {
      const slug = slugOf(req, res);
      if (slug === undefined) return;
      const body = await stats.community(slug);
      if (!body) return refuse(res, 404, "EVENT_NOT_FOUND");
      res.json(body);
    } catch (e) {
      next(e);
    }
  });

  router.get("/stats/events/:slug/health", async (req, res, next) => {
    try {
      const slug = slugOf(req, res);
      if (slug === undefined) return;
      const body = await stats.health(slug);
      if (!body) return refuse(res, 404, "EVENT_NOT_FOUND");
      res.json(body);
    } catch (e) {
      next(e);
    }
  });

  router.post("/stats/events/:slug/settings", async (req, res, next) => {
    try {
      const slug = slugOf(req, res);
      if (slug === undefined) return;
      // An unknown event is 404 whatever the body, so a typo in the address is not reported as a bad body.
      if (!(await stats.settings(slug))) return refuse(res, 404, "EVENT_NOT_FOUND");
      const request = StatsSettingsRequest.safeParse(req.body);
      if (!request.success) return refuse(res, 400, settingsRefusal(req.body));
      const settings = await stats.saveSettings(slug, request.data);
      if (!settings) return refuse(res, 404, "EVENT_NOT_FOUND");
      const body: StatsSettingsResponse = { settings };
      res.json(body);
    } catch (e) {
      next(e);
    }
  });

  router.post("/stats/events/:slug/webhook-test", async (req, res, next) => {
    try {
      const slug = slugOf(req, res);
      if (slug === undefined) return;
      const result = await stats.testWebhook(slug);
      if (result === undefined) return refuse(res, 404, "EVENT_NOT_FOUND");
      if (result === "noWebhook") return refuse(res, 409, "NO_WEBHOOK");
      res.json(result);
    } catch (e) {
      next(e);
    }
  });

  return router;
}
