import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HOST_TOKEN_MAX_LENGTH } from "../../shared/protocol/index.js";
import { forgetHostToken, takeHostToken } from "../../client/net/hostToken.js";

const kept = new Map<string, string>();
beforeEach(() => {
  kept.clear();
  vi.stubGlobal("sessionStorage", {
    getItem: (key: string) => kept.get(key) ?? null,
    setItem: (key: string, value: string) => void kept.set(key, value),
    removeItem: (key: string) => void kept.delete(key),
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function page(href: string) {
  const replaced: string[] = [];
  const location = { href } as Location;
  const history = { state: null, replaceState: (_state: unknown, _unused: string, url: string) => void replaced.push(url) } as unknown as History;
  return { location, history, replaced };
}

describe("takeHostToken", () => {
  it("takes the token out of the address bar, keeping the rest of the address", () => {
    const { location, history, replaced } = page("https://grove.example/e/demo?quality=low&host=tok.en-1#here");
    expect(takeHostToken("demo", location, history)).toBe("tok.en-1");
    expect(replaced).toEqual(["/e/demo?quality=low#here"]);
  });

  it("keeps the token for this tab and event, so a reload or a reconnect offers it again", () => {
    const first = page("https://grove.example/e/demo?host=abc");
    takeHostToken("demo", first.location, first.history);
    const reload = page("https://grove.example/e/demo");
    expect(takeHostToken("demo", reload.location, reload.history)).toBe("abc");
    expect(reload.replaced).toEqual([]);
    expect(takeHostToken("other-event", reload.location, reload.history)).toBeUndefined();
  });

  it("offers nothing once the token is forgotten (the server turned it down)", () => {
    const first = page("https://grove.example/e/demo?host=abc");
    takeHostToken("demo", first.location, first.history);
    forgetHostToken("demo");
    const reload = page("https://grove.example/e/demo");
    expect(takeHostToken("demo", reload.location, reload.history)).toBeUndefined();
  });

  it("clears an empty or over-long token from the address without offering it", () => {
    for (const token of ["", "x".repeat(HOST_TOKEN_MAX_LENGTH + 1)]) {
      const { location, history, replaced } = page(`https://grove.example/e/demo?host=${token}`);
      expect(takeHostToken("demo", location, history)).toBeUndefined();
      expect(replaced).toEqual(["/e/demo"]);
    }
  });
});
