import { z } from "zod";
import { AvatarLook } from "./look.js";
import { HOST_TOKEN_MAX_LENGTH, NAME_MAX_LENGTH, SLUG_PATTERN, TOKEN_MAX_LENGTH } from "./limits.js";
import { hasVisibleContent, normaliseLine } from "../rules/visibleText.js";

/**
 * A display name: no control or format characters (the joiner inside emoji stays), whitespace collapsed and
 * trimmed, at most MAX_COMBINING_MARKS marks on a character, 1..24 characters, and something that draws: a name
 * of zero-width joiners or Hangul fillers is refused like a blank one.
 */
export const DisplayName = z
  .string()
  .transform(normaliseLine)
  .pipe(z.string().min(1).max(NAME_MAX_LENGTH).refine(hasVisibleContent, { message: "The name shows nothing." }));

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
  /** The `host` parameter of a host link. A token that does not check out gives member rights, never a refusal. */
  hostToken: z.string().max(HOST_TOKEN_MAX_LENGTH).optional(),
});
export type JoinOptions = z.input<typeof JoinOptions>;
export type ParsedJoinOptions = z.output<typeof JoinOptions>;
