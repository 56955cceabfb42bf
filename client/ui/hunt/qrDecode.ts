import jsQR from "jsqr";
import { SCAN_TOKEN_PATTERN } from "../../routes.js";

/**
 * The pure parts of reading hunt codes (docs/hunts.md, "Tokens"): a camera frame to its text, a scanned text to a
 * clue token of this site, and a voucher code as staff type or scan it. No DOM here, so node tests run them on QR
 * images made by the `qrcode` package; whether a code is genuine is the server's word alone.
 */

/** A frame's pixels as a canvas' ImageData has them (RGBA, row by row); a structural type so node can make one. */
export interface Frame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** The text of the QR code in a frame, or null when none can be read. Printed codes are dark on light, so no inversion pass. */
export function decodeFrame(frame: Frame): string | null {
  if (frame.width <= 0 || frame.height <= 0 || frame.data.length < frame.width * frame.height * 4) return null;
  const code = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "dontInvert" });
  return code && code.data !== "" ? code.data : null;
}

/** The first characters of a clue code (`c1.<huntId>.<clueId>.<version>.<exp36>.<mac>`): its format's version. */
const CLUE_TOKEN_PREFIX = "c1.";

/**
 * The clue token in a scanned or typed text, or null when it is not one of this site's codes: a `<origin>/scan/<token>`
 * URL of exactly `origin` (another site's look-alike is not followed), a site-relative `/scan/<token>`, or a bare
 * `c1.` token. The token must have the shape the route accepts, so nothing odd reaches an API body.
 */
export function scanTokenOf(text: string, origin: string): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (trimmed.startsWith(CLUE_TOKEN_PREFIX)) return SCAN_TOKEN_PATTERN.test(trimmed) ? trimmed : null;
  let url: URL;
  try {
    url = new URL(trimmed, origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  const match = /^\/scan\/([^/]+)\/?$/.exec(url.pathname);
  if (!match?.[1]) return null;
  let token: string;
  try {
    token = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  return SCAN_TOKEN_PATTERN.test(token) && token.startsWith(CLUE_TOKEN_PREFIX) ? token : null;
}

/**
 * A voucher code (`v1.<voucherId>.<mac>`: 12 base32 characters, then a base64url MAC) in a scanned or typed text,
 * or null. Staff may type it with stray spaces or a line break from a copy, so whitespace is dropped; the letters
 * are kept as written (the MAC is case-sensitive, and only the server knows which codes are real).
 */
export function voucherCodeOf(text: string): string | null {
  const compact = text.replace(/\s+/g, "");
  return /^v1\.[A-Za-z0-9]{12}\.[A-Za-z0-9_-]{8,64}$/.test(compact) ? compact : null;
}
