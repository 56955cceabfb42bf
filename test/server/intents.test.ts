import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Client } from "@colyseus/core";
import { CLIENT_INTENTS } from "../../shared/protocol/index.js";
import { ANY_MESSAGE_RATE } from "../../shared/rules/rateLimit.js";
import { MessageGate, codeForParseError, describeType, intentHandler, isIntentType, refuse, type IntentPipeline } from "../../server/rooms/intents.js";
import type { IntentContext, MemberRuntime } from "../../server/rooms/features/feature.js";

function fakeClient() {
  const sent: Array<[string, unknown]> = [];
  return { client: { sessionId: "s", send: (type: string, message: unknown) => sent.push([type, message]) } as unknown as Client, sent };
}

function member(role: "member" | "host" = "member"): MemberRuntime {
  return { memberId: "m", name: "M", role, pose: { x: 0, z: 0, rot: 0, moving: false }, goal: { kind: "idle" }, buckets: new Map() };
}

function pipeline(who: MemberRuntime | undefined, logged: string[] = [], now = () => 1_000): IntentPipeline {
  return {
    memberOf: () => who,
    contextFor: (client, m) => ({ client, member: m } as unknown as IntentContext),
    now,
    log: (message) => logged.push(message),
  };
}

const rate = { bucket: "test", limit: { capacity: 2, perSecond: 1 } };

describe("intentHandler", () => {
  it("contains a handler that throws: logged, the sender hears INTERNAL", () => {
    const logged: string[] = [];
    const { client, sent } = fakeClient();
    const handle = intentHandler("chat", { role: "member", rate, handle: () => { throw new Error("boom"); } }, pipeline(member(), logged));
    expect(() => handle(client, { text: "hi" })).not.toThrow();
    expect(sent).toEqual([["error", { code: "INTERNAL", key: "errors.INTERNAL", intent: "chat" }]]);
    expect(logged).toEqual(["the chat handler failed"]);
  });

  it("contains a handler whose promise rejects the same way", async () => {
    const logged: string[] = [];
    const { client, sent } = fakeClient();
    const handle = intentHandler("clearAnnouncement", { role: "host", rate, handle: () => Promise.reject(new Error("store down")) }, pipeline(member("host"), logged));
    handle(client, {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toEqual([["error", { code: "INTERNAL", key: "errors.INTERNAL", intent: "clearAnnouncement" }]]);
    expect(logged).toEqual(["the clearAnnouncement handler failed"]);
  });

  it("passes a parsed payload to the handler and refuses one that does not parse", () => {
    const seen: unknown[] = [];
    const { client, sent } = fakeClient();
    const handle = intentHandler("react", { role: "member", rate, handle: (_c, payload) => void seen.push(payload) }, pipeline(member()));
    handle(client, { emoji: "🎉" });
    handle(client, { emoji: "🎉", extra: 1 });
    expect(seen).toEqual([{ emoji: "🎉" }]);
    expect(sent).toEqual([["error", { code: "INVALID_MESSAGE", key: "errors.INVALID_MESSAGE", intent: "react" }]]);
  });

  it("refuses an intent the sender's role may not send, before it spends a token or runs", () => {
    const seen: unknown[] = [];
    const { client, sent } = fakeClient();
    const who = member("member");
    const handle = intentHandler("postAnnouncement", { role: "host", rate, handle: (_c, payload) => void seen.push(payload) }, pipeline(who));
    handle(client, { text: "hello" });
    expect(seen).toEqual([]);
    expect(who.buckets.size).toBe(0);
    expect(sent).toEqual([["error", { code: "FORBIDDEN", key: "errors.FORBIDDEN", intent: "postAnnouncement" }]]);
    // A host may send it, and a host may send what members may.
    const host = member("host");
    intentHandler("postAnnouncement", { role: "host", rate, handle: (_c, payload) => void seen.push(payload) }, pipeline(host))(client, { text: "hello" });
    intentHandler("react", { role: "member", rate, handle: (_c, payload) => void seen.push(payload) }, pipeline(host))(client, { emoji: "👍" });
    expect(seen).toEqual([{ text: "hello" }, { emoji: "👍" }]);
  });

  it("draws on the declared bucket: past its capacity the sender hears RATE_LIMITED with the wait, on a frozen clock", () => {
    let calls = 0;
    const { client, sent } = fakeClient();
    const who = member();
    let now = 5_000;
    const handle = intentHandler("react", { role: "member", rate, handle: () => void (calls += 1) }, pipeline(who, [], () => now));
    handle(client, { emoji: "👍" });
    handle(client, { emoji: "👍" });
    handle(client, { emoji: "👍" });
    expect(calls).toBe(2);
    expect(sent).toEqual([["error", { code: "RATE_LIMITED", key: "errors.RATE_LIMITED", intent: "react", retryAfterMs: 1000 }]]);
    now += 1_000;
    handle(client, { emoji: "👍" });
    expect(calls).toBe(3);
  });

  it("does nothing for a client that is not seated (left, or taken over)", () => {
    const { client, sent } = fakeClient();
    let calls = 0;
    intentHandler("react", { role: "member", rate, handle: () => void (calls += 1) }, pipeline(undefined))(client, { emoji: "👍" });
    expect([calls, sent]).toEqual([0, []]);
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
