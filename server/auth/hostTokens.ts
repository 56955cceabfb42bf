import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { HOST_TOKEN_MAX_LENGTH, type HostLinkCheck } from "../../shared/protocol/index.js";

/**
 * How long a host link lasts: a week. Long enough to send with the invitation days before the event and to
 * cover a weekend-long one; short enough that a link forwarded by mistake, or left in a chat history, stops
 * granting host rights on its own. A fresh one is one call to the operator API away.
 */
export const HOST_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Signatures cover this prefix too, so a signature made with the same key for another purpose never passes here. */
const SIGNING_CONTEXT = "grove-host-v1.";
/** HMAC-SHA256 is 32 bytes: 43 characters of unpadded base64url. */
const SIGNATURE_LENGTH = 43;
const MIN_KEY_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const HostTokenPayload = z
  .object({
    v: z.literal(1),
    role: z.literal("host"),
    event: z.string().min(1).max(128),
    exp: z.number().int().nonnegative(),
  })
  .strict();
type HostTokenPayload = z.infer<typeof HostTokenPayload>;

/**
 * Signs and checks host tokens: `base64url(payload JSON).base64url(HMAC-SHA256(key, "grove-host-v1." + payload part))`,
 * the payload `{ v: 1, role: "host", event: <event id>, exp: <UTC ms> }`. A token is bound to the event's id, not
 * its slug, so an event deleted and made again under the same slug does not inherit its links.
 */
export class HostTokens {
  constructor(private readonly key: Buffer, private readonly now: () => number) {
    if (key.length < MIN_KEY_BYTES) throw new Error(`a host token key needs at least ${MIN_KEY_BYTES} bytes`);
  }

  /** A token granting host rights in `eventId` until now + `ttlMs`. */
  issue(eventId: string, ttlMs: number = HOST_TOKEN_TTL_MS): { token: string; expiresAt: number } {
    if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) throw new Error("a host token's lifetime must be a positive whole number of ms");
    const expiresAt = this.now() + ttlMs;
    const payload: HostTokenPayload = HostTokenPayload.parse({ v: 1, role: "host", event: eventId, exp: expiresAt });
    const payloadPart = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
    return { token: `${payloadPart}.${this.sign(payloadPart)}`, expiresAt };
  }

  /**
   * What `token` grants in `eventId`: "accepted" only for an unaltered token of this key, for this event, not yet
   * expired. Anything else, of any type, is "invalid", "expired" or "otherEvent"; this never throws.
   * A token for another event reads "otherEvent" even when it has expired too: no fresh link of it would help here.
   */
  check(token: string, eventId: string): HostLinkCheck {
    try {
      if (typeof token !== "string" || token.length > HOST_TOKEN_MAX_LENGTH) return "invalid";
      const parts = token.split(".");
      if (parts.length !== 2) return "invalid";
      const [payloadPart = "", signaturePart = ""] = parts;
      if (!BASE64URL.test(payloadPart) || signaturePart.length !== SIGNATURE_LENGTH) return "invalid";
      // Compared as the canonical text, so a signature spelt another way (different unused bits) is no signature.
      const expected = Buffer.from(this.sign(payloadPart), "latin1");
      const given = Buffer.from(signaturePart, "latin1");
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
      const payload = HostTokenPayload.safeParse(JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8")));
      if (!payload.success) return "invalid";
      if (payload.data.event !== eventId) return "otherEvent";
      if (payload.data.exp <= this.now()) return "expired";
      return "accepted";
    } catch {
      return "invalid";
    }
  }

  private sign(payloadPart: string): string {
    return createHmac("sha256", this.key).update(SIGNING_CONTEXT + payloadPart).digest("base64url");
  }
}
