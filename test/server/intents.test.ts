import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Client } from "@colyseus/core";
import { CLIENT_INTENTS } from "../../shared/protocol/index.js";
import { ANY_MESSAGE_RATE } from "../../shared/rules/rateLimit.js";
import { MessageGate, codeForParseError, describeType, intentHandler, isIntentType, refuse } from "../../server/rooms/intents.js";

function fakeClient() {
  const sent: Array<[string, unknown]> = [];
  return { client: { sessionId: "s", send: (type: string, message: unknown) => sent.push([type, message]) } as unknown as Client, sent };
}

describe("intentHandler", () => {
  it("contains a handler that throws: logged, the sender hears INTERNAL", () => {
    const logged: string[] = [];
    const { client, sent } = fakeClient();
    const handle = intentHandler("chat", () => {
      throw new Error("boom");
    }, (message) => logged.push(message));
    expect(() => handle(client, { text: "hi" })).not.toThrow();
    expect(sent).toEqual([["error", { code: "INTERNAL", key: "errors.INTERNAL", intent: "chat" }]]);
    expect(logged).toEqual(["the chat handler failed"]);
  });

  it("passes a parsed payload to the handler and refuses one that does not parse", () => {
    const seen: unknown[] = [];
    const { client, sent } = fakeClient();
    const handle = intentHandler("react", (_c, payload) => seen.push(payload), () => {});
    handle(client, { emoji: "🎉" });
    handle(client, { emoji: "🎉", extra: 1 });
    expect(seen).toEqual([{ emoji: "🎉" }]);
    expect(sent).toEqual([["error", { code: "INVALID_MESSAGE", key: "errors.INVALID_MESSAGE", intent: "react" }]]);
  });
});

describe("message types", () => {
  it("knows only the declared intents, never inherited names", () => {
    expect(["move", "walkTo", "chat", "react"].every(isIntentType)).toBe(true);
    expect(["toString", "__proto__", "constructor", "hasOwnProperty", "*", "", "Chat"].some(isIntentType)).toBe(false);
    expect([7, null, undefined, {}].some(isIntentType)).toBe(false);
  });

  it("describes any type without throwing", () => {
    const hostile = { toString: 1, valueOf: null };
    expect([describeType("x".repeat(50)), describeType(42), describeType(Number.NaN), describeType(hostile), describeType(undefined)]).toEqual(["x".repeat(32), "42", "number", "object", "undefined"]);
  });
});

describe("MessageGate", () => {
  it("admits a burst, refuses once a second while flooded, and refills with time", () => {
    let now = 0;
    const gate = new MessageGate(() => now);
    const { client, sent } = fakeClient();
    const admitted = Array.from({ length: ANY_MESSAGE_RATE.capacity + 5 }, () => gate.admit(client));
    expect(admitted.filter(Boolean)).toHaveLength(ANY_MESSAGE_RATE.capacity);
    expect(admitted.slice(ANY_MESSAGE_RATE.capacity)).toEqual([false, false, false, false, false]);
    expect(sent).toEqual([["error", { code: "RATE_LIMITED", key: "errors.RATE_LIMITED", intent: "any", retryAfterMs: 25 }]]);
    now = 999;
    expect(gate.admit(client)).toBe(true); // 999 ms refilled tokens: admitted again
    for (let i = 0; i < 60; i++) gate.admit(client);
    expect(sent).toHaveLength(1); // still within the second since the last refusal
    now = 1000;
    for (let i = 0; i < 3; i++) gate.admit(client);
    expect(sent).toHaveLength(2);
    // A forgotten connection starts again with a full budget.
    gate.forget("s");
    expect(Array.from({ length: ANY_MESSAGE_RATE.capacity }, () => gate.admit(client)).every(Boolean)).toBe(true);
  });
});

describe("parse refusals", () => {
  it("calls text or lists over their limit MESSAGE_TOO_LARGE and anything else INVALID_MESSAGE", () => {
    const codeOf = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
      const parsed = schema.safeParse(value);
      if (parsed.success) throw new Error("expected a failure");
      return codeForParseError(parsed.error as Parameters<typeof codeForParseError>[0]);
    };
    expect(codeOf(CLIENT_INTENTS.chat, { text: "x".repeat(501) })).toBe("MESSAGE_TOO_LARGE");
    expect(codeOf(CLIENT_INTENTS.chat, { text: 5 })).toBe("INVALID_MESSAGE");
    expect(codeOf(CLIENT_INTENTS.move, { dx: 2, dz: 0 })).toBe("INVALID_MESSAGE"); // a number too big is not oversized text
    expect(codeOf(CLIENT_INTENTS.chat, { text: "x".repeat(501), extra: 1 })).toBe("MESSAGE_TOO_LARGE");
  });

  it("calls only oversized text or lists MESSAGE_TOO_LARGE, not too-short ones or big numbers", () => {
    const failure = (schema: z.ZodType, value: unknown) => {
      const parsed = schema.safeParse(value);
      if (parsed.success) throw new Error("expected a failure");
      return codeForParseError(parsed.error);
    };
    expect(failure(z.array(z.number()).max(1), [1, 2])).toBe("MESSAGE_TOO_LARGE");
    expect(failure(z.set(z.number()).max(1), new Set([1, 2]))).toBe("MESSAGE_TOO_LARGE");
    expect(failure(z.string().min(3), "ab")).toBe("INVALID_MESSAGE");
    expect(failure(z.number().max(1), 2)).toBe("INVALID_MESSAGE");
  });

  it("sends retryAfterMs only when there is one", () => {
    const { client, sent } = fakeClient();
    refuse(client, "RATE_LIMITED", "chat", 250);
    refuse(client, "EMPTY_MESSAGE", "chat");
    expect(sent).toEqual([
      ["error", { code: "RATE_LIMITED", key: "errors.RATE_LIMITED", intent: "chat", retryAfterMs: 250 }],
      ["error", { code: "EMPTY_MESSAGE", key: "errors.EMPTY_MESSAGE", intent: "chat" }],
    ]);
  });
});
