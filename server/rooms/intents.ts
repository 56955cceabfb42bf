import type { Client, Room } from "@colyseus/core";
import type { z } from "zod";
import { CLIENT_INTENTS, errorKey, type ErrorCode, type ErrorEvent, type IntentPayload, type IntentType } from "../../shared/protocol/index.js";

/** Sends a refusal to one client. The room's state is never touched on this path. */
export function refuse(client: Client, code: ErrorCode, intent?: string, retryAfterMs?: number): void {
  const event: ErrorEvent = { code, key: errorKey(code), ...(intent ? { intent } : {}), ...(retryAfterMs ? { retryAfterMs } : {}) };
  client.send("error", event);
}

const SIZED_ORIGINS = new Set(["string", "array", "set", "file"]);

/** Maps a failed parse to a refusal code: text or lists over their size limit are MESSAGE_TOO_LARGE. */
export function codeForParseError(error: z.ZodError): ErrorCode {
  const oversized = error.issues.some((issue) => issue.code === "too_big" && SIZED_ORIGINS.has(issue.origin));
  return oversized ? "MESSAGE_TOO_LARGE" : "INVALID_MESSAGE";
}

export type IntentHandler<T extends IntentType> = (client: Client, payload: IntentPayload<T>) => void;

/**
 * Registers one intent handler: the payload is parsed with its shared zod schema first, and a payload that
 * fails is answered with a refusal instead of reaching the handler. (Colyseus' own `validate` hook would
 * disconnect the client; a bad message must not cost a member its seat.)
 */
export function onIntent<T extends IntentType>(room: Room, type: T, handler: IntentHandler<T>): void {
  const schema = CLIENT_INTENTS[type];
  room.onMessage(type, (client: Client, raw: unknown) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      refuse(client, codeForParseError(parsed.error), type);
      return;
    }
    handler(client, parsed.data as IntentPayload<T>);
  });
}
