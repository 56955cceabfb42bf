import { createHash, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { GroveMetrics, MetricsSink } from "../metrics.js";
import { MIN_CONFIGURED_SECRET_LENGTH } from "../auth/secrets.js";

/** Both sides hashed first, so the comparison takes the same time whatever the lengths. */
function sameToken(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Throws when a configured metrics token is short enough to guess; startGrove calls it before opening anything. */
export function checkMetricsToken(token: string): void {
  if (token.length < MIN_CONFIGURED_SECRET_LENGTH) throw new Error(`GROVE_METRICS_TOKEN must be at least ${MIN_CONFIGURED_SECRET_LENGTH} characters long`);
}

/**
 * GET /metrics: the Prometheus text exposition of this Grove, never cached. Open unless `token` is set
 * (GROVE_METRICS_TOKEN); then it wants `Authorization: Bearer <token>` and answers 401 otherwise. A token short
 * enough to guess stops the start, as the operator token does (/metrics has no budget of wrong guesses).
 */
export function metricsRoute(metrics: GroveMetrics, token?: string): RequestHandler {
  if (token !== undefined) checkMetricsToken(token);
  return async (req: Request, res: Response, next: NextFunction) => {
    res.set("Cache-Control", "no-store");
    if (token !== undefined) {
      const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
      if (!match?.[1] || !sameToken(match[1], token)) {
        res.set("WWW-Authenticate", 'Bearer realm="metrics"');
        return void res.status(401).json({ error: "UNAUTHORIZED" });
      }
    }
    try {
      const { contentType, body } = await metrics.scrape();
      // Not res.send: it would rewrite the content type's parameters (charset first), which scrapers need not mind
      // but the format's documentation shows as `text/plain; version=0.0.4`.
      res.status(200).setHeader("Content-Type", contentType);
      res.end(body);
    } catch (e) {
      next(e);
    }
  };
}

/** Counts every HTTP answer by its status class once it is sent. */
export function countAnswers(metrics: MetricsSink): RequestHandler {
  return (_req, res, next) => {
    res.on("finish", () => metrics.answered(res.statusCode));
    next();
  };
}
