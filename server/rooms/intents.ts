import type { Client } from "@colyseus/core";
import type { z } from "zod";
import { CLIENT_INTENTS, errorKey, roleAllows, type ErrorCode, type ErrorEvent, type IntentPayload, type IntentType } from "../../shared/protocol/index.js";
import { ANY_MESSAGE_RATE, fullBucket, takeToken, type Bucket } from "../../shared/rules/rateLimit.js";
import type { IntentContext, IntentDeclaration, MemberRuntime } from "./features/feature.js";
import { countRefusal } from "../metrics.js";

/** Sends a refusal to one client. The room's state is never touched on this path. */
export function refuse(client: Client, code: ErrorCode, intent?: string, retryAfterMs?: number, feed?: string): void {
  const event: ErrorEvent = { code, key: errorKey(code), ...(intent ? { intent } : {}), ...(retryAfterMs ? { retryAfterMs } : {}), ...(feed !== undefined ? { feed } : {}) };
  client.send("error", event);
  countRefusal(code);
}

const SIZED_ORIGINS = new Set(["string", "array", "set", "file"]);

/** Maps a failed parse to a refusal code: text or lists over their size limit are MESSAGE_TOO_LARGE. */
export function codeForParseError(error: z.ZodError): ErrorCode {
  const oversized = error.issues.some((issue) => issue.code === "too_big" && SIZED_ORIGINS.has(issue.origin));
  return oversized ? "MESSAGE_TOO_LARGE" : "INVALID_MESSAGE";
}

/**
 * True only for the message types Grove handles. The type comes off the wire (a string or a number) and is
 * checked against the intents' own keys, never looked up on a plain object: `toString`, `__proto__` or
 * `constructor` are unknown types like any other.
 */
export function isIntentType(type: unknown): type is IntentType {
  return typeof type === "string" && Object.prototype.hasOwnProperty.call(CLIENT_INTENTS, type);
}

/** A short printable name for whatever a client sent as a message type, for refusals and logs. Never throws. */
export function describeType(type: unknown): string {
  if (typeof type === "string") return type.slice(0, 32);
  if (typeof type === "number") return Number.isFinite(type) ? String(type) : "number";
  return typeof type;
}

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

/** What the pipeline needs from the room: the member behind a client and a handler's view of the room. */
export interface IntentPipeline {
  memberOf(client: Client): MemberRuntime | undefined;
  contextFor(client: Client, member: MemberRuntime): IntentContext;
  now(): number;
  log(message: string, error?: unknown): void;
  /** Told of every message the rate limit refused (moderation counts a flood of chat or reactions as an offence). */
  rateLimited?(client: Client, member: MemberRuntime, type: IntentType): void;
}

/**
 * Wraps one declared intent in the steps every intent takes, in this order: parse the payload with its shared
 * schema (a bad one is refused, never dropped silently: Colyseus' own `validate` hook would disconnect the client,
 * and a bad message must not cost a member its seat), the role (FORBIDDEN), the rate bucket (RATE_LIMITED), then
 * the feature's handler. A handler that throws or rejects is contained: logged, the sender hears INTERNAL, the
 * room goes on. A refusal changes nothing.
 */
export function intentHandler<T extends IntentType>(
  type: T,
  declaration: IntentDeclaration<T>,
  pipeline: IntentPipeline,
): (client: Client, raw: unknown) => void {
  const schema = CLIENT_INTENTS[type];
  const { bucket, limit } = declaration.rate;
  return (client, raw) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return refuse(client, codeForParseError(parsed.error), type);
    const member = pipeline.memberOf(client);
    if (!member) return;
    // A voice intent's refusal names its feed: the client listens to several at once and must know which one failed.
    const named: unknown = (parsed.data as { feed?: unknown }).feed;
    const feed = typeof named === "string" ? named : undefined;
    if (!roleAllows(member.role, declaration.role)) return refuse(client, "FORBIDDEN", type, undefined, feed);
    const now = pipeline.now();
    const taken = takeToken(member.buckets.get(bucket) ?? fullBucket(limit, now), limit, now);
    member.buckets.set(bucket, taken.bucket);
    if (!taken.allowed) {
      try {
        pipeline.rateLimited?.(client, member, type);
      } catch (e) {
        pipeline.log(`reporting a refused ${type} failed`, e);
      }
      return refuse(client, "RATE_LIMITED", type, taken.retryAfterMs, feed);
    }
    const fail = (e: unknown) => {
      pipeline.log(`the ${type} handler failed`, e);
      refuse(client, "INTERNAL", type, undefined, feed);
    };
    try {
      // A handler's refusal names the intent too, as the pipeline's own do (the client shows it where it was sent).
      const context: IntentContext = { ...pipeline.contextFor(client, member), refuse: (code, retryAfterMs) => refuse(client, code, type, retryAfterMs, feed) };
      const result = declaration.handle(context, parsed.data as IntentPayload<T>);
      if (result instanceof Promise) result.catch(fail);
    } catch (e) {
      fail(e);
    }
  };
}
