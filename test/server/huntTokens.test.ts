import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  CLUE_CODE_GRACE_MS,
  HUNT_KEY_FILE,
  clueCodeExpiry,
  loadOrCreateHuntKey,
  newVoucherId,
  signClueToken,
  signStaffToken,
  signVoucherCode,
  verifyClueToken,
  verifyStaffToken,
  verifyVoucherCode,
} from "../../server/hunt/tokens.js";

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "grove-hunt-tokens-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const key = loadOrCreateHuntKey(freshDir());
const otherKey = loadOrCreateHuntKey(freshDir());

/** Every hostile thing we could think of as a code: none may throw, each must be refused. */
const HOSTILE: unknown[] = [
  "",
  ".",
  "....",
  "c1",
  "c1.....",
  "c1.h.c.1.0.",
  "x".repeat(10_000),
  "c1.h1.c1.1.0.".padEnd(400, "A"),
  "c1.h 1.c1.1.0.AAAAAAAAAAAAAAAAAAAAAA",
  "c1.h1.c1.01.0.AAAAAAAAAAAAAAAAAAAAAA",
  "c1.h1.c1.-1.0.AAAAAAAAAAAAAAAAAAAAAA",
  "c1.h1.c1.1.ZZ.AAAAAAAAAAAAAAAAAAAAAA",
  "c1.h1.c1.1e3.0.AAAAAAAAAAAAAAAAAAAAAA",
  "s1.h1.p1.1.AAAAAAAAAAAAAAAAAAAAAA",
  "v1.ABCDEFGHIJKL.AAAAAAAAAAAAAAAAAAAAAA",
  "c1.__proto__.constructor.1.0.AAAAAAAAAAAAAAAAAAAAAA",
  "c1.h1.c1.1.0.AAAAAAAAAAAAAAAAAAAAAA==",
  "\u0000\uffff\ud800",
  "雨.雨.雨.雨.雨.雨",
  null,
  undefined,
  42,
  {},
  ["c1"],
];

describe("the hunt's key file", () => {
  it("is made on first use, mode 0600, and the same key is read back after", () => {
    const dir = freshDir();
    const first = loadOrCreateHuntKey(dir);
    expect(first.length).toBe(32);
    const file = join(dir, HUNT_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, "utf8");
    const second = loadOrCreateHuntKey(dir);
    expect(second.equals(first)).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(text);
    // A code signed before a restart still verifies after it.
    const token = signClueToken(first, { huntId: "h1", clueId: "c1", version: 1, expiresAt: null });
    expect(verifyClueToken(second, token, 0).ok).toBe(true);
  });

  it("refuses a file that is not a key instead of replacing it", () => {
    const dir = freshDir();
    const file = join(dir, HUNT_KEY_FILE);
    writeFileSync(file, "not a key\n");
    expect(() => loadOrCreateHuntKey(dir)).toThrow(/not a hunt key/);
    expect(readFileSync(file, "utf8")).toBe("not a key\n");
  });

  it("differs between data folders", () => {
    expect(key.equals(otherKey)).toBe(false);
  });
});

describe("clue codes", () => {
  const token = signClueToken(key, { huntId: "h1", clueId: "c-2", version: 3, expiresAt: 5_000_000 });

  it("verify with their hunt, clue and version before their expiry", () => {
    expect(token.startsWith("c1.h1.c-2.3.")).toBe(true);
    expect(verifyClueToken(key, token, 5_000_000)).toEqual({ ok: true, huntId: "h1", clueId: "c-2", version: 3 });
  });

  it("expire after their expiry, and never without one", () => {
    expect(verifyClueToken(key, token, 5_000_001)).toEqual({ ok: false, code: "TOKEN_EXPIRED" });
    const forever = signClueToken(key, { huntId: "h1", clueId: "c1", version: 1, expiresAt: null });
    expect(forever.split(".")[4]).toBe("0");
    expect(verifyClueToken(key, forever, Number.MAX_SAFE_INTEGER).ok).toBe(true);
    expect(clueCodeExpiry(null)).toBeNull();
    expect(clueCodeExpiry(1000)).toBe(1000 + CLUE_CODE_GRACE_MS);
  });

  it("are refused as INVALID_TOKEN when any part is changed, or signed with another key", () => {
    const parts = token.split(".");
    const changed = [
      ["c2", ...parts.slice(1)],
      [parts[0], "h2", ...parts.slice(2)],
      [...parts.slice(0, 2), "c-3", ...parts.slice(3)],
      [...parts.slice(0, 3), "4", ...parts.slice(4)],
      // A later expiry, so the refusal cannot be the expiry's.
      [...parts.slice(0, 4), "zzzzzz", parts[5]],
      [...parts.slice(0, 5), parts[5]!.slice(0, -1) + (parts[5]!.endsWith("A") ? "B" : "A")],
    ];
    for (const tampered of changed) expect(verifyClueToken(key, tampered.join("."), 0)).toEqual({ ok: false, code: "INVALID_TOKEN" });
    expect(verifyClueToken(otherKey, token, 0)).toEqual({ ok: false, code: "INVALID_TOKEN" });
  });

  it("carry their version, so a reprint after rotation differs and the old one names the old version", () => {
    const v1 = signClueToken(key, { huntId: "h1", clueId: "c1", version: 1, expiresAt: null });
    const v2 = signClueToken(key, { huntId: "h1", clueId: "c1", version: 2, expiresAt: null });
    expect(v1).not.toBe(v2);
    const old = verifyClueToken(key, v1, 0);
    expect(old.ok && old.version).toBe(1);
  });

  it("refuse hostile input without throwing", () => {
    for (const input of HOSTILE) expect(verifyClueToken(key, input, 0)).toEqual({ ok: false, code: "INVALID_TOKEN" });
  });
});

describe("staff links", () => {
  const token = signStaffToken(key, { huntId: "h1", partnerId: "tea", version: 2 });

  it("verify with their hunt, partner and version", () => {
    expect(verifyStaffToken(key, token)).toEqual({ ok: true, huntId: "h1", partnerId: "tea", version: 2 });
  });

  it("are refused when any part is changed, or when it is a clue code or voucher", () => {
    const parts = token.split(".");
    for (const tampered of [
      ["s2", ...parts.slice(1)],
      [parts[0], "h2", ...parts.slice(2)],
      [...parts.slice(0, 2), "cafe", ...parts.slice(3)],
      [...parts.slice(0, 3), "3", parts[4]],
      [...parts.slice(0, 4), parts[4]!.split("").reverse().join("")],
    ]) {
      expect(verifyStaffToken(key, tampered.join("."))).toEqual({ ok: false, code: "INVALID_STAFF_LINK" });
    }
    expect(verifyStaffToken(key, signClueToken(key, { huntId: "h1", clueId: "tea", version: 2, expiresAt: null }))).toEqual({ ok: false, code: "INVALID_STAFF_LINK" });
    expect(verifyStaffToken(otherKey, token)).toEqual({ ok: false, code: "INVALID_STAFF_LINK" });
    for (const input of HOSTILE) expect(verifyStaffToken(key, input)).toEqual({ ok: false, code: "INVALID_STAFF_LINK" });
  });
});

describe("vouchers", () => {
  it("have 12 base32 characters of id, different each time", () => {
    const ids = new Set(Array.from({ length: 200 }, newVoucherId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Z2-7]{12}$/);
  });

  it("verify to their id (spaces around a typed code ignored) and refuse any change", () => {
    const id = newVoucherId();
    const code = signVoucherCode(key, id);
    expect(verifyVoucherCode(key, code)).toEqual({ ok: true, voucherId: id });
    expect(verifyVoucherCode(key, `  ${code}\n`)).toEqual({ ok: true, voucherId: id });
    const [tag, , macText] = code.split(".");
    const otherId = id.startsWith("A") ? `B${id.slice(1)}` : `A${id.slice(1)}`;
    expect(verifyVoucherCode(key, `${tag}.${otherId}.${macText}`)).toEqual({ ok: false, code: "INVALID_VOUCHER" });
    expect(verifyVoucherCode(key, `v2.${id}.${macText}`)).toEqual({ ok: false, code: "INVALID_VOUCHER" });
    const flipped = macText!.slice(0, -1) + (macText!.endsWith("A") ? "B" : "A");
    expect(verifyVoucherCode(key, `${tag}.${id}.${flipped}`)).toEqual({ ok: false, code: "INVALID_VOUCHER" });
    expect(verifyVoucherCode(otherKey, code)).toEqual({ ok: false, code: "INVALID_VOUCHER" });
    for (const input of HOSTILE) expect(verifyVoucherCode(key, input)).toEqual({ ok: false, code: "INVALID_VOUCHER" });
  });
});
