import type { Client, Room } from "@colyseus/core";
import type { z } from "zod";
import { CLIENT_INTENTS, errorKey, type ErrorCode, type ErrorEvent, type IntentPayload, type IntentType } from "../../shared/protocol/index.js";
import { ANY_MESSAGE_RATE, fullBucket, takeToken, type Bucket } from "../../shared/rules/rateLimit.js";

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
 * The first gate every message passes, valid or not: a flood of any kind (garbage included) is cut off before
 * parsing, and the flooder hears about it at most once a second so refusals cannot be used to amplify traffic.
 */
export class MessageGate {
  private buckets = new Map<string, { bucket: Bucket; lastRefusalAt: number }>();
  constructor(private readonly now: () => number) {}

  admit(client: Client): boolean {
    const now = this.now();
    const entry = this.buckets.get(client.sessionId) ?? { bucket: fullBucket(ANY_MESSAGE_RATE, now), lastRefusalAt: -Infinity };
    const taken = takeToken(entry.bucket, ANY_MESSAGE_RATE, now);
    entry.bucket = taken.bucket;
    this.buckets.set(client.sessionId, entry);
    if (taken.allowed) return true;
    if (now - entry.lastRefusalAt >= 1000) {
      entry.lastRefusalAt = now;
      refuse(client, "RATE_LIMITED", "any", taken.retryAfterMs);
    }
    return false;
  }

  forget(sessionId: string): void {
    this.buckets.delete(sessionId);
  }
}

/**
 * Registers one intent handler: the payload is parsed with its shared zod schema first, and a payload that
 * fails is answered with a refusal instead of reaching the handler. (Colyseus' own `validate` hook would
 * disconnect the client; a bad message must not cost a member its seat.)
 */
export function onIntent<T extends IntentType>(room: Room, gate: MessageGate, type: T, handler: IntentHandler<T>): void {
  const schema = CLIENT_INTENTS[type];
  room.onMessage(type, (client: Client, raw: unknown) => {
    if (!gate.admit(client)) return;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      refuse(client, codeForParseError(parsed.error), type);
      return;
    }
    handler(client, parsed.data as IntentPayload<T>);
  });
}
