import type { IncomingMessage } from "node:http";
import helmet from "helmet";
import type { Request, RequestHandler, Response } from "express";

export interface SecurityOptions {
  /** Who may frame the venue (CSP frame-ancestors); "'self'" by default. Operators who embed Grove list their sites. */
  frameAncestors: readonly string[];
}

/**
 * The headers every answer carries (helmet): a Content-Security-Policy with no inline or eval'd script, framing
 * only by `frameAncestors`, nosniff, a strict referrer policy. Styles may be inline: React and drei set element
 * styles, which is not script.
 */
export function securityHeaders({ frameAncestors }: SecurityOptions): RequestHandler {
  const onlySelf = frameAncestors.length === 1 && frameAncestors[0] === "'self'";
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        // The room's WebSocket is same-origin; 'self' covers ws(s) of the page's own host.
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "media-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": [...frameAncestors],
      },
    },
    // frame-ancestors says who may frame; the older header can only say "same origin", so it goes when operators embed.
    xFrameOptions: onlySelf ? { action: "sameorigin" } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    // Grove is often served over plain HTTP on a venue's network; HSTS belongs to the TLS proxy in front of it.
    strictTransportSecurity: false,
  });
}

/**
 * Whether a cross-origin caller may use the matchmaking API: the server's own origin (as the request names
 * its host), or one the operator listed. Anything else is refused, not merely left without CORS headers.
 */
export function isAllowedOrigin(origin: string, req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  if (allowedOrigins.includes(origin)) return true;
  const host = req.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Answers 413 and hangs up once the answer is out, so the rest of an oversized body is neither buffered nor
 * read and thrown away (Node would otherwise drain it to keep the connection alive).
 */
export function refuseOversizedBody(req: Request, res: Response, body: object): void {
  res.setHeader("Connection", "close");
  res.once("finish", () => req.socket.destroy());
  res.status(413).json(body);
}
