import { randomBytes, type KeyObject } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import { EVENT_CAPACITY_DEFAULT, EventTitle, SLUG_PATTERN, hostLinkPath, type ErrorCode } from "../../shared/protocol/index.js";
import type { RateLimit } from "../../shared/rules/rateLimit.js";
import { sessionTree } from "../../shared/rules/growth/ledger.js";
import { tierFor } from "../../shared/rules/growth/tiers.js";
import { treeView } from "../../shared/rules/growth/tree.js";
import type { TreeView } from "../../shared/rules/growth/types.js";
import type { HostTokens } from "../auth/hostTokens.js";
import { foldSession, loadMemberHistory } from "../growth/history.js";
import { COLLECTIBLE_ID_PATTERN } from "../growth/mint.js";
import { MEMBER_ID_PATTERN, memberProfile } from "../growth/profile.js";
import { publicKeyRaw } from "../growth/signing.js";
import { KeyedLimiter } from "../joinGuard.js";
import type { GroveEvent, Store } from "../store/index.js";
import { readJsonBody } from "./matchmake.js";
import { isAllowedOrigin, refuseOversizedBody } from "./security.js";

/**
 * Growth's HTTP routes (docs/growth.md, "HTTP"), mounted under /api: a member's profile, a collectible with its
 * signature and the public key, an event's past sessions with their trees, and an evangelist opening a salon of their
 * own. Refusals are `{error: <code>}`; nothing here ever answers a stack.
 */

/** `{memberId, secret, title}`: an id, a 32-character secret and an 80-character title fit well inside 2 KB. */
export const SALON_BODY_LIMIT_BYTES = 2 * 1024;
/** Salons opened (or tried) per address: a few in a row, then one a minute. Opening one writes an event row. */
export const SALON_LIMIT: RateLimit = { capacity: 5, perSecond: 1 / 60 };
/**
 * Profile and past-session reads per address: each folds logs, so a script must not make the server fold all day;
 * a person clicking about never meets it.
 */
export const GROWTH_READ_LIMIT: RateLimit = { capacity: 60, perSecond: 2 };
/** How many of an event's past sessions `GET /api/events/:slug/sessions` answers (the newest). */
export const PAST_SESSIONS_SHOWN = 20;
/** Closed sessions' trees kept folded (a closed session's log no longer changes). */
const PAST_TREE_CACHE = 1_000;

export interface GrowthRouterOptions {
  store: Store;
  hostTokens: HostTokens;
  collectibleKey: KeyObject;
  now: () => number;
  /** Other origins allowed to call Grove's mutating endpoints (the server's own origin always is). */
  allowedOrigins?: readonly string[];
  salonLimit?: RateLimit;
  readLimit?: RateLimit;
  log?: (message: string, error?: unknown) => void;
}

export interface PastSessionView {
  sessionId: string;
  startedAt: number;
  endedAt: number | null;
  tree: TreeView;
  reward: { text: string; url: string | null } | null;
}

const SalonRequest = z
  .object({
    memberId: z.string().min(1).max(100),
    secret: z.string().min(1).max(200),
    title: EventTitle,
  })
  .strict();

function refuse(res: Response, status: number, error: ErrorCode | "NOT_FOUND", retryAfterMs?: number): void {
  if (retryAfterMs !== undefined && retryAfterMs > 0) res.setHeader("Retry-After", String(Math.ceil(retryAfterMs / 1000)));
  res.status(status).json({ error });
}

/** The event's reward, when it has one. */
export function rewardOf(event: GroveEvent): { text: string; url: string | null } | null {
  return event.rewardText === "" && event.rewardUrl === null ? null : { text: event.rewardText, url: event.rewardUrl };
}

/**
 * A slug for a member's salon from its title: Latin letters and digits kept (accents dropped), everything else a
 * dash, at most 40 characters, then a random suffix so two salons of one title never collide ("salon-…" when the
 * title has no Latin letters, as a Chinese one has not).
 */
export function salonSlug(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  const suffix = randomBytes(4).readUInt32BE(0).toString(36).padStart(6, "0").slice(-6);
  return `${base || "salon"}-${suffix}`;
}

export function growthRouter(options: GrowthRouterOptions): Router {
  const { store, hostTokens, now } = options;
  const salons = new KeyedLimiter(options.salonLimit ?? SALON_LIMIT);
  const reads = new KeyedLimiter(options.readLimit ?? GROWTH_READ_LIMIT);
  const publicKey = publicKeyRaw(options.collectibleKey);
  const pastTrees = new Map<string, { growth: number; contributors: number; reachedAt: number | null }>();
  const router = express.Router();

  /** Takes a read token for the address; false (and 429 answered) when its budget is spent. */
  const readAllowed = (req: Request, res: Response): boolean => {
    const taken = reads.take(req.ip ?? "unknown", now());
    if (!taken.allowed) refuse(res, 429, "RATE_LIMITED", taken.retryAfterMs);
    return taken.allowed;
  };

  router.get("/members/:id", async (req, res, next) => {
    const id = req.params.id ?? "";
    if (!MEMBER_ID_PATTERN.test(id)) return refuse(res, 404, "NOT_FOUND");
    if (!readAllowed(req, res)) return;
    try {
      const profile = await memberProfile(store, id, now());
      if (!profile) return refuse(res, 404, "NOT_FOUND");
      res.setHeader("Cache-Control", "no-cache");
      res.json(profile);
    } catch (e) {
      next(e);
    }
  });

  router.get("/collectibles/:id", async (req, res, next) => {
    const id = req.params.id ?? "";
    if (!COLLECTIBLE_ID_PATTERN.test(id)) return refuse(res, 404, "NOT_FOUND");
    try {
      const stored = await store.getCollectible(id);
      if (!stored) return refuse(res, 404, "NOT_FOUND");
      let record: unknown;
      try {
        record = JSON.parse(stored.record);
      } catch {
        // A record that no longer parses (a hand edit) goes out as it is: the page shows it failing verification.
        record = stored.record;
      }
      res.json({ record, signature: stored.signature, publicKey });
    } catch (e) {
      next(e);
    }
  });

  router.get("/events/:slug/sessions", async (req, res, next) => {
    const slug = req.params.slug ?? "";
    try {
      const event = SLUG_PATTERN.test(slug) ? await store.getEventBySlug(slug) : undefined;
      if (!event) return refuse(res, 404, "EVENT_NOT_FOUND");
      if (!readAllowed(req, res)) return;
      const past = (await store.listSessions(event.id)).filter((session) => session.endedAt !== null).slice(-PAST_SESSIONS_SHOWN).reverse();
      const reward = rewardOf(event);
      const body: PastSessionView[] = [];
      for (const session of past) {
        const endedAt = session.endedAt ?? now();
        let folded = pastTrees.get(session.id);
        if (folded === undefined) {
          const tree = sessionTree(await foldSession(store, session.id), endedAt, event.treeGoal);
          folded = { growth: tree.growth, contributors: tree.contributors, reachedAt: tree.reachedAt };
          if (pastTrees.size >= PAST_TREE_CACHE) pastTrees.delete(pastTrees.keys().next().value ?? "");
          pastTrees.set(session.id, folded);
        }
        // The goal is the event's now (an operator may have changed it); the growth is what the session grew.
        const view = treeView(folded.growth, event.treeGoal, folded.contributors, folded.reachedAt);
        body.push({ sessionId: session.id, startedAt: session.startedAt, endedAt: session.endedAt, tree: view, reward: view.reachedAt !== null ? reward : null });
      }
      res.json(body);
    } catch (e) {
      next(e);
    }
  });

  router.post("/events/:slug/salons", async (req, res, next) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !isAllowedOrigin(origin, req, options.allowedOrigins ?? [])) return refuse(res, 403, "FORBIDDEN");
    const taken = salons.take(req.ip ?? "unknown", now());
    if (!taken.allowed) return refuse(res, 429, "RATE_LIMITED", taken.retryAfterMs);
    const read = await readJsonBody(req, SALON_BODY_LIMIT_BYTES);
    if (read === "too large") return refuseOversizedBody(req, res, { error: "BODY_TOO_LARGE" });
    const slug = req.params.slug ?? "";
    try {
      const event = SLUG_PATTERN.test(slug) ? await store.getEventBySlug(slug) : undefined;
      if (!event) return refuse(res, 404, "EVENT_NOT_FOUND");
      const request = SalonRequest.safeParse(read.value);
      if (!request.success) return refuse(res, 400, "INVALID_REQUEST");
      const { memberId, secret, title } = request.data;
      const member = await store.authenticateMember(memberId, secret);
      if (!member) return refuse(res, 401, "UNAUTHORIZED");
      if (!event.memberSalons) return refuse(res, 403, "MEMBER_SALONS_OFF");
      const at = now();
      const tier = tierFor(await loadMemberHistory(store, member.id, at), at);
      if (tier !== "evangelist") return refuse(res, 403, "NOT_EVANGELIST");
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const created = await store.createEvent({ slug: salonSlug(title), title, capacity: EVENT_CAPACITY_DEFAULT, now: at, createdBy: member.id });
        if (!created) continue;
        const { token } = hostTokens.issue(created.id);
        res.status(201).json({ slug: created.slug, hostLink: hostLinkPath(created.slug, token) });
        return;
      }
      throw new Error("no free slug for a member's salon after 5 tries");
    } catch (e) {
      next(e);
    }
  });

  return router;
}
