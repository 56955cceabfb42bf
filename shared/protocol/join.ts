import { z } from "zod";
import { AvatarLook } from "./look.js";
import { NAME_MAX_LENGTH, SLUG_PATTERN, TOKEN_MAX_LENGTH } from "./limits.js";

/** A display name: trimmed, 1..24 characters, no control characters. */
export const DisplayName = z
  .string()
  .transform((s) => s.replace(/[\p{Cc}\p{Cf}]/gu, (ch) => (ch === "\u200d" ? ch : "")).replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1).max(NAME_MAX_LENGTH));

/**
 * Options a client sends with `joinOrCreate("venue", …)`. The identity (id + secret) is optional: a missing or
 * forged one gets a new identity, never someone else's.
 */
export const JoinOptions = z.object({
  protocolVersion: z.number().int(),
  eventSlug: z.string().regex(SLUG_PATTERN),
  memberId: z.string().max(TOKEN_MAX_LENGTH).optional(),
  secret: z.string().max(TOKEN_MAX_LENGTH).optional(),
  name: DisplayName,
  look: AvatarLook,
});
export type JoinOptions = z.input<typeof JoinOptions>;
export type ParsedJoinOptions = z.output<typeof JoinOptions>;
