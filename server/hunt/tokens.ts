import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createSecretFileOnce } from "../auth/secretFile.js";
import { HUNT_ID_PATTERN } from "../../shared/rules/hunt/types.js";

/**
 * The hunt's signed codes (docs/hunts.md, "Tokens"): printed clue codes, partner staff links and members' vouchers,
 * each HMAC-SHA256 with one 32-byte key kept in `<dataDir>/hunt-hmac.key`, its MAC base64url and truncated to 16
 * bytes. Verifying never throws: whatever string (or anything else) comes in, a refusal code comes out.
 *
 * - clue code: `c1.<huntId>.<clueId>.<version>.<exp36>.<mac>` (`exp36`: expiry, base-36 ms; `0` none)
 * - staff link: `s1.<huntId>.<partnerId>.<version>.<mac>`
 * - voucher: `v1.<voucherId>.<mac>` (12 random base32 characters)
 *
 * The MAC covers everything before it, its format tag included, so no code of one kind passes as another.
 */
export const HUNT_KEY_FILE = "hunt-hmac.key";
const KEY_BYTES = 32;
const MAC_BYTES = 16;
/** 16 bytes of base64url without padding. */
const MAC_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** A version as signed: a positive decimal without leading zeros, well inside a safe integer. */
const VERSION_PATTERN = /^[1-9][0-9]{0,8}$/;
/** An expiry: `0` (none) or base-36 ms without leading zeros (11 digits reach far past year 9999). */
const EXPIRY_PATTERN = /^(0|[1-9a-z][0-9a-z]{0,10})$/;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const VOUCHER_ID_LENGTH = 12;
const VOUCHER_ID_PATTERN = /^[A-Z2-7]{12}$/;
/** No code Grove makes is longer; a longer input is refused before any work. */
const TOKEN_MAX = 300;
/** How long a printed clue code outlives the hunt's end (a late scan says "expired", not "forged"). */
export const CLUE_CODE_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/** The hunt's HMAC key: 32 bytes. */
export type HuntKey = Buffer;

/** The key file as stored: the 32 bytes as base64url (43 characters) and a newline. */
const STORED_KEY = /^([A-Za-z0-9_-]{43})\s*$/;

/**
 * The hunt key from `<dataDir>/hunt-hmac.key`, made (mode 0600) on first use: written beside and linked into place,
 * so a crash never leaves half a file and two processes starting at once agree on one. A file that is not a key is
 * refused, never replaced: a new key would void every printed clue code, staff link and voucher.
 */
export function loadOrCreateHuntKey(dataDir: string): HuntKey {
  const file = join(dataDir, HUNT_KEY_FILE);
  if (!existsSync(file)) createSecretFileOnce(file, `${randomBytes(KEY_BYTES).toString("base64url")}\n`);
  const match = STORED_KEY.exec(readFileSync(file, "utf8"));
  const key = match ? Buffer.from(match[1]!, "base64url") : undefined;
  if (!key || key.length !== KEY_BYTES) {
    throw new Error(
      `${file} is not a hunt key (32 bytes, base64url). Grove will not replace it on its own: a new key would void every printed ` +
        "clue code, staff link and voucher. Restore it from a backup, or delete it to start with a new key (and print the codes again).",
    );
  }
  return key;
}

function mac(key: HuntKey, body: string): string {
  return createHmac("sha256", key).update(body, "utf8").digest().subarray(0, MAC_BYTES).toString("base64url");
}

/** Whether `given` is the MAC of `body`, compared in constant time (the lengths are fixed by MAC_PATTERN first). */
function macMatches(key: HuntKey, body: string, given: string): boolean {
  if (!MAC_PATTERN.test(given)) return false;
  const expected = Buffer.from(mac(key, body), "utf8");
  const actual = Buffer.from(given, "utf8");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The code's dot-separated parts and the body its MAC covers, when it is a string of the expected shape; else undefined. */
function split(token: unknown, tag: string, parts: number): { fields: string[]; body: string; mac: string } | undefined {
  if (typeof token !== "string" || token.length === 0 || token.length > TOKEN_MAX) return undefined;
  const fields = token.split(".");
  if (fields.length !== parts || fields[0] !== tag) return undefined;
  const last = fields.length - 1;
  return { fields, body: fields.slice(0, last).join("."), mac: fields[last]! };
}

function isHuntId(text: string | undefined): text is string {
  return text !== undefined && HUNT_ID_PATTERN.test(text);
}

// ── Clue codes ──

/** When a hunt's printed codes stop working: its end plus CLUE_CODE_GRACE_MS; null for a hunt without an end. */
export function clueCodeExpiry(endsAt: number | null): number | null {
  return endsAt === null ? null : endsAt + CLUE_CODE_GRACE_MS;
}

export function signClueToken(key: HuntKey, input: { huntId: string; clueId: string; version: number; expiresAt: number | null }): string {
  const exp36 = input.expiresAt === null ? "0" : Math.max(1, Math.floor(input.expiresAt)).toString(36);
  const body = `c1.${input.huntId}.${input.clueId}.${input.version}.${exp36}`;
  return `${body}.${mac(key, body)}`;
}

export type ClueTokenCheck = { ok: true; huntId: string; clueId: string; version: number } | { ok: false; code: "INVALID_TOKEN" | "TOKEN_EXPIRED" };

/**
 * A clue code's hunt, clue and version when it is well formed, its MAC right and it has not expired; INVALID_TOKEN
 * or TOKEN_EXPIRED otherwise. Whether the version is the clue's current one (TOKEN_ROTATED) is the caller's check:
 * only the stored hunt knows it.
 */
export function verifyClueToken(key: HuntKey, token: unknown, now: number): ClueTokenCheck {
  const parts = split(token, "c1", 6);
  if (!parts) return { ok: false, code: "INVALID_TOKEN" };
  const [, huntId, clueId, version, exp36] = parts.fields;
  if (!isHuntId(huntId) || !isHuntId(clueId) || !VERSION_PATTERN.test(version ?? "") || !EXPIRY_PATTERN.test(exp36 ?? "")) return { ok: false, code: "INVALID_TOKEN" };
  if (!macMatches(key, parts.body, parts.mac)) return { ok: false, code: "INVALID_TOKEN" };
  const expiresAt = parseInt(exp36!, 36);
  if (expiresAt !== 0 && now > expiresAt) return { ok: false, code: "TOKEN_EXPIRED" };
  return { ok: true, huntId, clueId, version: Number(version) };
}

// ── Staff links ──

export function signStaffToken(key: HuntKey, input: { huntId: string; partnerId: string; version: number }): string {
  const body = `s1.${input.huntId}.${input.partnerId}.${input.version}`;
  return `${body}.${mac(key, body)}`;
}

export type StaffTokenCheck = { ok: true; huntId: string; partnerId: string; version: number } | { ok: false; code: "INVALID_STAFF_LINK" };

/** A staff link's hunt, partner and version when it is well formed and its MAC right; whether the version is current is the caller's check. */
export function verifyStaffToken(key: HuntKey, token: unknown): StaffTokenCheck {
  const parts = split(token, "s1", 5);
  if (!parts) return { ok: false, code: "INVALID_STAFF_LINK" };
  const [, huntId, partnerId, version] = parts.fields;
  if (!isHuntId(huntId) || !isHuntId(partnerId) || !VERSION_PATTERN.test(version ?? "")) return { ok: false, code: "INVALID_STAFF_LINK" };
  if (!macMatches(key, parts.body, parts.mac)) return { ok: false, code: "INVALID_STAFF_LINK" };
  return { ok: true, huntId, partnerId, version: Number(version) };
}

// ── Vouchers ──

/** 12 random base32 characters (60 bits): a voucher's id. */
export function newVoucherId(): string {
  let id = "";
  for (let i = 0; i < VOUCHER_ID_LENGTH; i += 1) id += BASE32[randomInt(BASE32.length)];
  return id;
}

export function signVoucherCode(key: HuntKey, voucherId: string): string {
  const body = `v1.${voucherId}`;
  return `${body}.${mac(key, body)}`;
}

export type VoucherCodeCheck = { ok: true; voucherId: string } | { ok: false; code: "INVALID_VOUCHER" };

/** A voucher code's id when it is well formed and its MAC right (surrounding spaces, as typed at a counter, are ignored). */
export function verifyVoucherCode(key: HuntKey, code: unknown): VoucherCodeCheck {
  const parts = split(typeof code === "string" ? code.trim() : code, "v1", 3);
  if (!parts) return { ok: false, code: "INVALID_VOUCHER" };
  const voucherId = parts.fields[1]!;
  if (!VOUCHER_ID_PATTERN.test(voucherId) || !macMatches(key, parts.body, parts.mac)) return { ok: false, code: "INVALID_VOUCHER" };
  return { ok: true, voucherId };
}
