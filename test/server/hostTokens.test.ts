import { createHmac, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HOST_TOKEN_TTL_MS, HostTokens } from "../../server/auth/hostTokens.js";
import { HOST_TOKEN_MAX_LENGTH } from "../../shared/protocol/index.js";

const KEY = randomBytes(32);
const EVENT = "0b7c2a3e-6a51-4d1e-9a57-2f0c6f1d8e90";
const OTHER_EVENT = "5d1f4b7a-1c2e-4f3a-8b9c-0d1e2f3a4b5c";
const T0 = Date.UTC(2025, 4, 1, 18, 0);

function tokensAt(at: number, key: Buffer = KEY) {
  const clock = { at };
  return { tokens: new HostTokens(key, () => clock.at), clock };
}

/** A payload part as an attacker would write it. */
const encode = (payload: unknown) => Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");

describe("HostTokens", () => {
  it("accepts its own token for the event it was issued for", () => {
    const { tokens } = tokensAt(T0);
    const { token, expiresAt } = tokens.issue(EVENT);
    expect(expiresAt).toBe(T0 + HOST_TOKEN_TTL_MS);
    expect(tokens.check(token, EVENT)).toBe("accepted");
  });

  it("issues URL-safe tokens well under the join limit", () => {
    const { token } = tokensAt(T0).tokens.issue(EVENT);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(token.length).toBeLessThan(HOST_TOKEN_MAX_LENGTH / 2);
  });

  it("calls a token for another event otherEvent", () => {
    const { tokens } = tokensAt(T0);
    expect(tokens.check(tokens.issue(OTHER_EVENT).token, EVENT)).toBe("otherEvent");
  });

  it("expires a token at its expiry on a frozen clock, not a millisecond before", () => {
    const { tokens, clock } = tokensAt(T0);
    const { token } = tokens.issue(EVENT, 60_000);
    clock.at = T0 + 59_999;
    expect(tokens.check(token, EVENT)).toBe("accepted");
    clock.at = T0 + 60_000;
    expect(tokens.check(token, EVENT)).toBe("expired");
  });

  it("calls a token whose payload was altered invalid, whatever the change grants", () => {
    const { tokens } = tokensAt(T0);
    const [payload, signature] = tokens.issue(OTHER_EVENT).token.split(".") as [string, string];
    const decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    // Moved to this event, given ten more years, or both: the signature no longer fits.
    for (const change of [{ event: EVENT }, { exp: T0 + 10 * 365 * 86_400_000 }, { event: EVENT, exp: T0 + 1 }]) {
      expect(tokens.check(`${encode({ ...decoded, ...change })}.${signature}`, EVENT)).toBe("invalid");
    }
  });

  it("calls a token with an altered signature invalid", () => {
    const { tokens } = tokensAt(T0);
    const { token } = tokens.issue(EVENT);
    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(tokens.check(flipped, EVENT)).toBe("invalid");
    // The last character of 32 bytes in base64url carries 2 unused bits: another spelling of the same bytes is refused too.
    const last = token.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const respelt = token.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1]!;
    const signatureOf = (t: string) => Buffer.from(t.split(".")[1]!, "base64url");
    expect(signatureOf(respelt).equals(signatureOf(token))).toBe(true);
    expect(tokens.check(respelt, EVENT)).toBe("invalid");
  });

  it("calls a token signed with another key invalid", () => {
    const theirs = tokensAt(T0, randomBytes(32)).tokens.issue(EVENT).token;
    expect(tokensAt(T0).tokens.check(theirs, EVENT)).toBe("invalid");
  });

  it("calls a correctly signed token of another shape invalid", () => {
    // Forged with the key itself, the one way to reach the payload check: a role other than host, a missing
    // expiry, extra fields, a payload that is not JSON.
    const { tokens } = tokensAt(T0);
    const signed = (payloadPart: string) => `${payloadPart}.${createHmac("sha256", KEY).update(`grove-host-v1.${payloadPart}`).digest("base64url")}`;
    expect(tokens.check(signed(encode({ v: 1, role: "host", event: EVENT, exp: T0 + 60_000 })), EVENT)).toBe("accepted");
    for (const payload of [
      { v: 1, role: "operator", event: EVENT, exp: T0 + 60_000 },
      { v: 2, role: "host", event: EVENT, exp: T0 + 60_000 },
      { v: 1, role: "host", event: EVENT },
      { v: 1, role: "host", event: EVENT, exp: "never" },
      { v: 1, role: "host", event: EVENT, exp: T0 + 60_000, admin: true },
      [EVENT],
      null,
    ]) {
      expect(tokens.check(signed(encode(payload)), EVENT)).toBe("invalid");
    }
    expect(tokens.check(signed(Buffer.from("{not json").toString("base64url")), EVENT)).toBe("invalid");
  });

  it("refuses a key shorter than 32 bytes and a lifetime that is not a positive whole number", () => {
    expect(() => new HostTokens(randomBytes(16), Date.now)).toThrow();
    const { tokens } = tokensAt(T0);
    for (const ttl of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => tokens.issue(EVENT, ttl)).toThrow();
  });
});

describe("fuzzing HostTokens.check", () => {
  const { tokens } = tokensAt(T0);
  const valid = tokens.issue(EVENT).token;

  it("never accepts, and never throws on, arbitrary input", () => {
    const input = fc.oneof(
      fc.string({ unit: "binary", maxLength: 600 }),
      fc.stringMatching(/^[A-Za-z0-9_.-]{0,200}$/),
      fc.anything(),
    );
    fc.assert(
      fc.property(input, (token) => {
        expect(tokens.check(token as string, EVENT)).not.toBe("accepted");
      }),
      { numRuns: 2000 },
    );
  });

  it("never accepts a valid token with any change", () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), text: fc.constant("") }),
      fc.record({ kind: fc.constant("append" as const), at: fc.constant(0), text: fc.string({ minLength: 1, maxLength: 8 }) }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let token = valid;
        for (const { kind, at, text } of mutations) {
          const i = at % (token.length + 1);
          if (kind === "replace") token = token.slice(0, i) + text + token.slice(i + text.length);
          else if (kind === "insert") token = token.slice(0, i) + text + token.slice(i);
          else if (kind === "delete") token = token.slice(0, i) + token.slice(i + 1);
          else token += text;
        }
        fc.pre(token !== valid);
        expect(tokens.check(token, EVENT)).not.toBe("accepted");
      }),
      { numRuns: 3000 },
    );
  });
});

describe("HostTokens.check on what is not a token", () => {
  it("calls a valid token with a part added, taken away or misshapen invalid, and so anything too long or not text", () => {
    const { tokens } = tokensAt(T0);
    const { token } = tokens.issue(EVENT);
    const [payload, signature] = token.split(".") as [string, string];
    const malformed = [`${token}.`, `${token}.${signature}`, `${payload}.${payload}.${signature}`, payload, signature, "", "x".repeat(HOST_TOKEN_MAX_LENGTH + 1)];
    // Two parts, but a payload that is not base64url or a signature of the wrong length.
    malformed.push(`${payload}!.${signature}`, `${payload}.${signature.slice(1)}`, `${payload}.${signature}A`);
    for (const text of malformed) {
      expect(tokens.check(text, EVENT)).toBe("invalid");
    }
    for (const notText of [42, null, undefined, { token }, [token]]) expect(tokens.check(notText as unknown as string, EVENT)).toBe("invalid");
  });
});
