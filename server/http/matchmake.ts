import express, { type Request, type Response, type Router } from "express";
import { ErrorCode as ColyseusErrorCode, matchMaker } from "@colyseus/core";
import { ErrorCode, JOIN_REFUSAL_CLOSE_CODE, MATCHMAKE_REFUSED } from "../../shared/protocol/index.js";
import type { JoinGuard } from "../joinGuard.js";
import { SEAT_RESERVATION_SECONDS } from "../rooms/VenueRoom.js";
import { isAllowedOrigin, refuseOversizedBody } from "./security.js";
import { countRefusal } from "../metrics.js";

/** Join options are a few hundred bytes; anything near this is not a join. */
export const MATCHMAKE_BODY_LIMIT_BYTES = 4 * 1024;
/** The only matchmaking calls a page makes. `create`, `join` and `joinById` stay closed: the server decides when an instance opens. */
export const MATCHMAKE_METHODS = ["joinOrCreate", "reconnect"] as const;
const ROOM_NAMES = new Set(["venue"]);
/** The matchmaker's answers that mean "no such seat" (rather than a failure of Grove's): the page joins afresh. */
const SEAT_REFUSALS = new Set<number>([
  ColyseusErrorCode.MATCHMAKE_INVALID_CRITERIA,
  ColyseusErrorCode.MATCHMAKE_INVALID_ROOM_ID,
  ColyseusErrorCode.MATCHMAKE_EXPIRED,
]);
/** `reconnect` names a room id (Colyseus' nanoid) instead of a room type. */
const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface MatchmakeOptions {
  guard: JoinGuard;
  now: () => number;
  allowedOrigins: readonly string[];
  log: (message: string, error?: unknown) => void;
}

/**
 * Reads a JSON body of at most `limit` bytes. A larger declared length is refused before a byte is read, and a
 * body without a length stops being read at the limit. (body-parser would read, and discard, the whole of an
 * oversized body before answering: 600 MB of it keep a connection busy for seconds.)
 */
export function readJsonBody(req: Request, limit: number): Promise<{ value: unknown } | "too large"> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.resolve("too large");
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: { value: unknown } | "too large") => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onEnd);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        return finish("too large");
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      try {
        finish({ value: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown });
      } catch {
        finish({ value: undefined });
      }
    };
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", onEnd);
  });
}

function refusal(res: Response, status: number, code: ErrorCode, retryAfterMs?: number): void {
  // Every join refused, at this door or at the room's (onAuth), is counted once, here (GET /metrics).
  countRefusal(code);
  if (retryAfterMs) res.setHeader("Retry-After", String(Math.ceil(retryAfterMs / 1000)));
  // colyseus.js reads `error` as the reason; Grove's client maps it to an i18n key.
  res.status(status).json({ code: JOIN_REFUSAL_CLOSE_CODE, error: code });
}

/**
 * Grove's own matchmaking endpoint, in place of the one Colyseus attaches to the HTTP server (which reads
 * bodies of any size, reflects any Origin with credentials and exposes `create`). In order: the origin, the
 * address's budget, the body's size (refused from its Content-Length before a byte is read), the method, then
 * Colyseus' matchmaker.
 */
export function matchmakeRouter({ guard, now, allowedOrigins, log }: MatchmakeOptions): Router {
  const router = express.Router();
  const exposed: readonly string[] = MATCHMAKE_METHODS;
  matchMaker.controller.exposedMethods = [...MATCHMAKE_METHODS];

  router.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (!isAllowedOrigin(origin, req, allowedOrigins)) return refusal(res, 403, "INVALID_JOIN");
      res.setHeader("Access-Control-Allow-Origin", origin);
      res.setHeader("Access-Control-Allow-Credentials", "true");
      res.setHeader("Vary", "Origin");
    }
    if (req.method === "OPTIONS") {
      res.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
      res.setHeader("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization");
      res.setHeader("Access-Control-Max-Age", "600");
      res.status(204).end();
      return;
    }
    if (req.method !== "POST") return refusal(res, 405, "INVALID_JOIN");
    next();
  });

  router.post("/:method/:roomName", (req, res, next) => {
    const address = req.ip ?? "unknown";
    const at = now();
    const taken = guard.addresses.take(address, at);
    if (!taken.allowed) return refusal(res, 429, "RATE_LIMITED", taken.retryAfterMs);
    if (req.params.method === "joinOrCreate" && guard.reservations.pending(address, at) >= guard.limits.pendingPerAddress) {
      return refusal(res, 429, "RATE_LIMITED", 1000);
    }
    next();
  }, async (req, res) => {
    const method = req.params.method ?? "";
    const roomName = req.params.roomName ?? "";
    const knownTarget = method === "reconnect" ? ROOM_ID_PATTERN.test(roomName) : ROOM_NAMES.has(roomName);
    if (!exposed.includes(method) || !knownTarget) return refusal(res, 404, "UNKNOWN_MESSAGE");
    const read = await readJsonBody(req, MATCHMAKE_BODY_LIMIT_BYTES);
    if (read === "too large") return refuseOversizedBody(req, res, { code: JOIN_REFUSAL_CLOSE_CODE, error: "BODY_TOO_LARGE" });
    const body = read.value;
    if (typeof body !== "object" || body === null || Array.isArray(body)) return refusal(res, 400, "INVALID_JOIN");
    const address = req.ip ?? "unknown";
    try {
      const context = { token: undefined, headers: req.headers, ip: address, req };
      const reservation = await matchMaker.controller.invokeMethod(method, roomName, body, context);
      if (method === "joinOrCreate") guard.reservations.reserve(address, reservation.sessionId, now() + SEAT_RESERVATION_SECONDS * 1000);
      res.json(reservation);
    } catch (e) {
      // Grove's own refusals carry their ErrorCode as the message (VenueRoom.onAuth).
      const grove = ErrorCode.safeParse(e instanceof Error ? e.message : undefined);
      if (grove.success) return refusal(res, grove.data === "RATE_LIMITED" ? 429 : 400, grove.data);
      // Colyseus' own refusals (a spent reconnection token, a gone or full room) keep their code, never a stack.
      const colyseusCode = (e as { code?: unknown }).code;
      if (typeof colyseusCode === "number" && SEAT_REFUSALS.has(colyseusCode)) {
        res.status(400).json({ code: colyseusCode, error: MATCHMAKE_REFUSED });
        return;
      }
      log("matchmaking failed", e);
      refusal(res, 500, "INTERNAL");
    }
  });

  return router;
}
