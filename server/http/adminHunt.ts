import express, { type Request, type Response, type Router } from "express";
import QRCode from "qrcode";
import { SLUG_PATTERN, type ErrorCode } from "../../shared/protocol/index.js";
import { HuntInput } from "../../shared/protocol/hunt.js";
import { HUNT_ID_PATTERN } from "../../shared/rules/hunt/types.js";
import type { HuntResult, Hunts } from "../hunt/service.js";
import type { GroveEvent, Store } from "../store/index.js";
import { readJsonBody } from "./matchmake.js";
import { refuseOversizedBody } from "./security.js";
import { huntStatus } from "./hunt.js";

/**
 * The operator's hunt routes (docs/hunts.md, "HTTP"), mounted inside the operator API (server/http/admin.ts), so
 * its operator token and its budget of wrong tokens guard every one: read, save, rotate a clue's code or a
 * partner's staff link, and a real clue's code as a PNG.
 */

/**
 * A whole hunt, as the editor saves it: up to 60 clues, each with a riddle and a blind box of up to 12 tasks. A
 * large hunt of Chinese text is some tens of KiB; 256 KiB holds any the editor makes, and nothing is read past it.
 */
export const HUNT_DEFINITION_LIMIT_BYTES = 256 * 1024;
/** The one request the app lets past its 4 KiB limit on declared bodies (server/http/routes.ts). */
export const HUNT_DEFINITION_PATH = /^\/api\/admin\/events\/[^/]+\/hunt\/?$/;
/** Pixels per QR module in the PNG: a 2 cm print still scans, and the image stays small. */
const QR_SCALE = 8;

export interface AdminHuntOptions {
  store: Store;
  hunts: Hunts;
  now: () => number;
}

function refuse(res: Response, code: ErrorCode): void {
  res.status(huntStatus(code)).json({ error: code });
}

function answer<T>(res: Response, result: HuntResult<T>): void {
  if (!result.ok) return refuse(res, result.code);
  res.json(result.value);
}

export function adminHuntRouter(options: AdminHuntOptions): Router {
  const { store, hunts, now } = options;
  const router = express.Router();

  /** The event a route's slug names; undefined (and 404 answered) when there is none. */
  const eventOf = async (req: Request, res: Response): Promise<GroveEvent | undefined> => {
    const slug = req.params.slug ?? "";
    const event = SLUG_PATTERN.test(slug) ? await store.getEventBySlug(slug) : undefined;
    if (!event) refuse(res, "EVENT_NOT_FOUND");
    return event;
  };

  router.get("/events/:slug/hunt", async (req, res, next) => {
    try {
      const event = await eventOf(req, res);
      if (!event) return;
      const view = await hunts.adminView(event);
      if (!view) return refuse(res, "NO_HUNT");
      res.json(view);
    } catch (e) {
      next(e);
    }
  });

  router.put("/events/:slug/hunt", async (req, res, next) => {
    try {
      const read = await readJsonBody(req, HUNT_DEFINITION_LIMIT_BYTES);
      if (read === "too large") return refuseOversizedBody(req, res, { error: "BODY_TOO_LARGE" });
      const event = await eventOf(req, res);
      if (!event) return;
      const input = HuntInput.safeParse(read.value);
      if (!input.success) return refuse(res, "INVALID_REQUEST");
      answer(res, await hunts.save(event, input.data, now()));
    } catch (e) {
      next(e);
    }
  });

  router.post("/events/:slug/hunt/clues/:clueId/rotate", async (req, res, next) => {
    try {
      const event = await eventOf(req, res);
      if (!event) return;
      const clueId = req.params.clueId ?? "";
      if (!HUNT_ID_PATTERN.test(clueId)) return refuse(res, "UNKNOWN_CLUE");
      answer(res, await hunts.rotateClue(event, clueId));
    } catch (e) {
      next(e);
    }
  });

  router.post("/events/:slug/hunt/partners/:partnerId/rotate", async (req, res, next) => {
    try {
      const event = await eventOf(req, res);
      if (!event) return;
      const partnerId = req.params.partnerId ?? "";
      // An unknown partner is no clue: the service says which (WRONG_PARTNER, INVALID_REQUEST…) for ids that parse.
      if (!HUNT_ID_PATTERN.test(partnerId)) return refuse(res, "INVALID_REQUEST");
      answer(res, await hunts.rotatePartner(event, partnerId));
    } catch (e) {
      next(e);
    }
  });

  router.get("/events/:slug/hunt/clues/:clueId/qr.png", async (req, res, next) => {
    try {
      const event = await eventOf(req, res);
      if (!event) return;
      const clueId = req.params.clueId ?? "";
      const path = HUNT_ID_PATTERN.test(clueId) ? await hunts.scanPath(event, clueId) : null;
      if (path === null) return refuse(res, "UNKNOWN_CLUE");
      // The absolute address the printed code opens: behind a proxy ("trust proxy") its scheme and host are the public ones.
      const png = await QRCode.toBuffer(`${req.protocol}://${req.get("host") ?? "localhost"}${path}`, { type: "png", errorCorrectionLevel: "M", margin: 4, scale: QR_SCALE });
      res.setHeader("Content-Disposition", `inline; filename="${event.slug}-${clueId}.png"`);
      res.type("png").send(png);
    } catch (e) {
      next(e);
    }
  });

  return router;
}
