import { describe, expect, it } from "vitest";
import type { Client } from "@colyseus/core";
import { describeType, intentHandler, isIntentType } from "../../server/rooms/intents.js";

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
