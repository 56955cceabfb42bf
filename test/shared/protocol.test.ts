import { describe, expect, it } from "vitest";
import { ChatIntent, ClientMessage, JoinOptions, MoveIntent, PROTOCOL_VERSION, ReactIntent, ServerMessage, WalkToIntent, errorKey } from "../../shared/protocol/index.js";
import { normaliseChat } from "../../shared/rules/chat.js";

const look = { color: "#e4572e", shape: "round", accessory: "none" };

describe("JoinOptions", () => {
  it("trims names and accepts Chinese names up to 24 characters", () => {
    const parsed = JoinOptions.parse({ protocolVersion: PROTOCOL_VERSION, eventSlug: "demo", name: "  小明\u200b ", look });
    expect(parsed.name).toBe("小明");
    expect(JoinOptions.safeParse({ protocolVersion: 1, eventSlug: "demo", name: "名".repeat(24), look }).success).toBe(true);
  });

  it("refuses names over 24 characters, blank names, bad slugs and unknown looks", () => {
    const base = { protocolVersion: 1, eventSlug: "demo", name: "Ada", look };
    expect(JoinOptions.safeParse({ ...base, name: "名".repeat(25) }).success).toBe(false);
    expect(JoinOptions.safeParse({ ...base, name: " \t " }).success).toBe(false);
    expect(JoinOptions.safeParse({ ...base, name: "\u200d\u200d\u200d" }).success).toBe(false);
    expect(JoinOptions.safeParse({ ...base, name: "\u3164\u3164" }).success).toBe(false);
    expect(JoinOptions.safeParse({ ...base, eventSlug: "../etc" }).success).toBe(false);
    expect(JoinOptions.safeParse({ ...base, look: { ...look, shape: "dragon" } }).success).toBe(false);
    expect(JoinOptions.safeParse({ ...base, look: { ...look, extra: 1 } }).success).toBe(false);
    expect(JoinOptions.safeParse({ ...base, memberId: "x".repeat(65) }).success).toBe(false);
  });
});

describe("intents", () => {
  it("accepts directions in [-1, 1] and refuses anything else", () => {
    expect(MoveIntent.safeParse({ dx: -1, dz: 1 }).success).toBe(true);
    for (const bad of [{ dx: 1.01, dz: 0 }, { dx: Number.NaN, dz: 0 }, { dx: Infinity, dz: 0 }, { dx: "1", dz: 0 }, { dx: 0 }, null, []]) {
      expect(MoveIntent.safeParse(bad).success).toBe(false);
    }
  });

  it("keeps walk targets on the floor", () => {
    expect(WalkToIntent.safeParse({ x: 20, z: -20 }).success).toBe(true);
    expect(WalkToIntent.safeParse({ x: 20.5, z: 0 }).success).toBe(false);
  });

  it("caps chat at 500 characters and reactions at the offered set", () => {
    expect(ChatIntent.safeParse({ text: "a".repeat(500) }).success).toBe(true);
    expect(ChatIntent.safeParse({ text: "a".repeat(501) }).success).toBe(false);
    expect(ReactIntent.safeParse({ emoji: "🎉" }).success).toBe(true);
    expect(ReactIntent.safeParse({ emoji: "🔥🔥" }).success).toBe(false);
  });

  it("discriminates the union by type", () => {
    expect(ClientMessage.parse({ type: "chat", text: "hi" })).toEqual({ type: "chat", text: "hi" });
    expect(ClientMessage.safeParse({ type: "chat", dx: 1, dz: 0 }).success).toBe(false);
    expect(ServerMessage.safeParse({ type: "error", code: "RATE_LIMITED", key: errorKey("RATE_LIMITED") }).success).toBe(true);
    expect(ServerMessage.safeParse({ type: "error", code: "SOMETHING_ELSE", key: "x" }).success).toBe(false);
  });
});

describe("normaliseChat", () => {
  it("turns Windows and old Mac line ends into one newline each", () => {
    expect(normaliseChat("one\r\ntwo\rthree")).toBe("one\ntwo\nthree");
  });

  it("cuts stacked combining marks to three per character", () => {
    expect(normaliseChat(`o${"\u0308".repeat(12)}k`)).toBe(`o${"\u0308".repeat(3)}k`);
  });

  it("trims, drops control characters and collapses blank lines", () => {
    expect(normaliseChat("  hi\u0000 there \n\n\n\nbye  ")).toBe("hi there \n\nbye");
  });

  it("keeps emoji joiners and refuses what is left empty", () => {
    expect(normaliseChat("👩\u200d💻")).toBe("👩\u200d💻");
    expect(normaliseChat(" \u200b\u0007 ")).toBeNull();
    expect(normaliseChat("\u200d\u200d")).toBeNull();
  });
});
