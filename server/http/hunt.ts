import { randomUUID } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import type { z } from "zod";
import { DisplayName, SLUG_PATTERN, type ErrorCode } from "../../shared/protocol/index.js";
import { AnswerRequest, MineRequest, RedeemRequest, ScanRequest, TaskDoneRequest, TeamRequest, HuntToken, type ClaimResponse } from "../../shared/protocol/hunt.js";
import { SCAN_RATE } from "../../shared/rules/hunt/types.js";
import { lookFor } from "../../shared/rules/look.js";
import type { RateLimit } from "../../shared/rules/rateLimit.js";
import type { HuntActor, HuntResult, Hunts } from "../hunt/service.js";
import { KeyedLimiter } from "../joinGuard.js";
import type { Store } from "../store/index.js";
import { readJsonBody } from "./matchmake.js";
import { isAllowedOrigin, refuseOversizedBody } from "./security.js";

/**
 * The hunt's member and staff routes (docs/hunts.md, "HTTP"), mounted under /api: a scanned code, a riddle's
 * answer, a blind box's task done, a team chosen, the member's own progress, the event's hunt as everyone sees it,
 * and partner staff redeeming vouchers. Every call draws on one budget per address (SCAN_RATE) before anything is
 * read; bodies are at most 4 KiB and never read past that. Refusals are `{error, retryAfterMs?}`.
 */

/** A scan, an answer or a redemption is a token, an id pair and credentials: far inside 4 KiB. */
export const HUNT_BODY_LIMIT_BYTES = 4 * 1024;
/**
 * A clue code's shape (docs/hunts.md, "Tokens"): checked before a first-time scanner's member row is made, so a
 * string that cannot be a code costs no store read; the service checks the rest (checkScan) before anyone is made.
 */
const CLUE_TOKEN_SHAPE = /^c1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.\d+\.[0-9a-z]+\.[A-Za-z0-9_-]+$/;

export interface HuntRouterOptions {
  store: Store;
  hunts: Hunts;
  now: () => number;
  /** Other origins allowed to call Grove's mutating endpoints (the server's own origin always is). */
  allowedOrigins?: readonly string[];
  /** Per-address budget of every route here (SCAN_RATE by default). */
  scanLimit?: RateLimit;
  /** Members a first scan may create per address (the join guard's budget of new identities, shared with joins). */
  newIdentities?: { take(key: string, now: number): { allowed: boolean; retryAfterMs: number } };
}

type Refusal = ErrorCode | "NOT_FOUND";

/** The HTTP status of a refusal: not there 404, already done 409, not yours 403, a budget spent 429, else 400. */
export function huntStatus(code: Refusal): number {
  switch (code) {
    case "NO_HUNT":
    case "UNKNOWN_CLUE":
    case "EVENT_NOT_FOUND":
    case "NOT_FOUND":
      return 404;
    case "ALREADY_FOUND":
    case "ALREADY_REDEEMED":
      return 409;
    case "WRONG_PARTNER":
    case "INVALID_STAFF_LINK":
    case "TEAM_LOCKED":
    case "FORBIDDEN":
      return 403;
    case "UNAUTHORIZED":
      return 401;
    case "RATE_LIMITED":
      return 429;
    case "INTERNAL":
      return 500;
    default:
      return 400;
  }
}

function refuse(res: Response, code: Refusal, retryAfterMs?: number, identity?: ClaimResponse["identity"]): void {
  const wait = retryAfterMs !== undefined && retryAfterMs > 0 ? Math.ceil(retryAfterMs) : undefined;
  if (wait !== undefined) res.setHeader("Retry-After", String(Math.ceil(wait / 1000)));
  res.status(huntStatus(code)).json({ error: code, ...(wait === undefined ? {} : { retryAfterMs: wait }), ...(identity === undefined ? {} : { identity }) });
}

/** Answers a service's result: its value with 200, or its refusal with its status. */
function answer<T>(res: Response, result: HuntResult<T>): void {
  if (!result.ok) return refuse(res, result.code, result.retryAfterMs);
  res.json(result.value);
}

export function huntRouter(options: HuntRouterOptions): Router {
  const { store, hunts, now } = options;
  const limiter = new KeyedLimiter(options.scanLimit ?? SCAN_RATE);
  const router = express.Router();

  /** Takes the address's token; false (and 429 answered) when its budget is spent. */
  const allowed = (req: Request, res: Response): boolean => {
    const taken = limiter.take(req.ip ?? "unknown", now());
    if (!taken.allowed) refuse(res, "RATE_LIMITED", taken.retryAfterMs);
    return taken.allowed;
  };

  /**
   * A mutating call's preamble, in growth's order: a foreign origin refused, the address's budget, then the body
   * (at most 4 KiB, never read past it) parsed with `schema`. Undefined when it answered a refusal itself.
   */
  const readBody = async <S extends z.ZodType>(req: Request, res: Response, schema: S): Promise<z.output<S> | undefined> => {
    const origin = req.headers.origin;
    if (origin !== undefined && !isAllowedOrigin(origin, req, options.allowedOrigins ?? [])) return void refuse(res, "FORBIDDEN");
    if (!allowed(req, res)) return undefined;
    const read = await readJsonBody(req, HUNT_BODY_LIMIT_BYTES);
    if (read === "too large") return void refuseOversizedBody(req, res, { error: "BODY_TOO_LARGE" });
    const parsed = schema.safeParse(read.value);
    if (!parsed.success) return void refuse(res, "INVALID_REQUEST");
    return parsed.data;
  };

  /** The member behind credentials; undefined (and 401 answered) when they do not check out. */
  const member = async (res: Response, credentials: { memberId: string; secret: string }): Promise<HuntActor | undefined> => {
    // No member id holds a NUL, and PostgreSQL's text refuses one outright (an error, not "no such member").
    const found = credentials.memberId.includes("\u0000") ? undefined : await store.authenticateMember(credentials.memberId, credentials.secret);
    if (!found) return void refuse(res, "UNAUTHORIZED");
    return { member: { id: found.id, name: found.name } };
  };

  router.post("/hunt/scan", async (req, res, next) => {
    try {
      const body = await readBody(req, res, ScanRequest);
      if (!body) return;
      if ("memberId" in body) {
        const actor = await member(res, body);
        if (!actor) return;
        return answer(res, await hunts.scan(body.token, actor, now()));
      }
      // A first-time scanner: a name as the lobby takes it, and their look (or one a random seed picks, as a new page does).
      const name = DisplayName.safeParse(body.name);
      if (!name.success) return refuse(res, "INVALID_REQUEST");
      if (!CLUE_TOKEN_SHAPE.test(body.token)) return refuse(res, "INVALID_TOKEN");
      const at = now();
      // A forged, expired or rotated code, or a hunt not open, makes no member: the code is checked before anyone is made.
      const target = await hunts.checkScan(body.token, at);
      if (!target.ok) return refuse(res, target.code, target.retryAfterMs);
      const budget = options.newIdentities?.take(req.ip ?? "unknown", at);
      if (budget && !budget.allowed) return refuse(res, "RATE_LIMITED", budget.retryAfterMs);
      const issued = await store.createMember({ name: name.data, look: body.look ?? lookFor(randomUUID()), now: at });
      const result = await hunts.scan(body.token, { member: { id: issued.id, name: issued.name } }, at);
      const identity = { memberId: issued.id, secret: issued.secret, name: issued.name };
      // The member exists now whatever the scan came to (a team to join first, a clue out of order, or a code rotated
      // since the check): the refusal carries the identity too, so the browser keeps it rather than making another.
      if (!result.ok) return refuse(res, result.code, result.retryAfterMs, identity);
      const claimed: ClaimResponse = { ...result.value, identity };
      res.json(claimed);
    } catch (e) {
      next(e);
    }
  });

  router.post("/hunt/answer", async (req, res, next) => {
    try {
      const body = await readBody(req, res, AnswerRequest);
      const actor = body && (await member(res, body));
      if (!body || !actor) return;
      answer(res, await hunts.answer(body.huntId, body.clueId, body.answer, actor, now()));
    } catch (e) {
      next(e);
    }
  });

  router.post("/hunt/task", async (req, res, next) => {
    try {
      const body = await readBody(req, res, TaskDoneRequest);
      const actor = body && (await member(res, body));
      if (!body || !actor) return;
      answer(res, await hunts.taskDone(body.huntId, body.clueId, actor, now()));
    } catch (e) {
      next(e);
    }
  });

  router.post("/hunt/team", async (req, res, next) => {
    try {
      const body = await readBody(req, res, TeamRequest);
      const actor = body && (await member(res, body));
      if (!body || !actor) return;
      answer(res, await hunts.joinTeam(body.huntId, body.team, actor, now()));
    } catch (e) {
      next(e);
    }
  });

  router.post("/hunt/mine", async (req, res, next) => {
    try {
      const body = await readBody(req, res, MineRequest);
      const actor = body && (await member(res, body));
      if (!body || !actor) return;
      const event = SLUG_PATTERN.test(body.slug) ? await store.getEventBySlug(body.slug) : undefined;
      if (!event) return refuse(res, "EVENT_NOT_FOUND");
      const mine = await hunts.mine(event, actor.member.id);
      if (!mine) return refuse(res, "NO_HUNT");
      res.setHeader("Cache-Control", "no-store");
      res.json(mine);
    } catch (e) {
      next(e);
    }
  });

  router.get("/events/:slug/hunt", async (req, res, next) => {
    const slug = req.params.slug ?? "";
    if (!allowed(req, res)) return;
    try {
      const event = SLUG_PATTERN.test(slug) ? await store.getEventBySlug(slug) : undefined;
      if (!event) return refuse(res, "EVENT_NOT_FOUND");
      const view = await hunts.publicView(event);
      if (!view) return refuse(res, "NO_HUNT");
      res.setHeader("Cache-Control", "no-cache");
      res.json(view);
    } catch (e) {
      next(e);
    }
  });

  router.get("/redeem/staff", async (req, res, next) => {
    if (!allowed(req, res)) return;
    const staff = HuntToken.safeParse(req.query.staff);
    if (!staff.success) return refuse(res, "INVALID_STAFF_LINK");
    try {
      res.setHeader("Cache-Control", "no-store");
      answer(res, await hunts.staffInfo(staff.data));
    } catch (e) {
      next(e);
    }
  });

  router.post("/redeem", async (req, res, next) => {
    try {
      const body = await readBody(req, res, RedeemRequest);
      if (!body) return;
      res.setHeader("Cache-Control", "no-store");
      answer(res, await hunts.redeem(body.staff, body.code.trim(), now()));
    } catch (e) {
      next(e);
    }
  });

  return router;
}
