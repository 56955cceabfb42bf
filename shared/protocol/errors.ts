import { z } from "zod";

/** Stable refusal codes. The server sends only these; the client maps each to the i18n key `errors.<code>`. */
export const ErrorCode = z.enum([
  "INVALID_MESSAGE",
  "MESSAGE_TOO_LARGE",
  "RATE_LIMITED",
  "UNKNOWN_MESSAGE",
  "EMPTY_MESSAGE",
  "PROTOCOL_MISMATCH",
  "INVALID_JOIN",
  "NAME_TOO_LONG",
  "EVENT_NOT_FOUND",
  "INTERNAL",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The i18n key a client shows for a refusal code. */
export function errorKey(code: ErrorCode): `errors.${ErrorCode}` {
  return `errors.${code}`;
}

/**
 * WebSocket close / join-refusal codes for the refusals that happen before a member is in the room.
 * The join error's message is the `ErrorCode` itself so that the client can name the reason.
 */
export const JOIN_REFUSAL_CLOSE_CODE = 4400;
