import { hashes, verify } from "@noble/ed25519";
import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { canonicalCollectible } from "../../../shared/rules/growth/collectibles.js";
import type { CollectibleRecord } from "../../../shared/rules/growth/types.js";

// A synchronous SHA-512 of its own: noble's default reaches for crypto.subtle, which a plain-http LAN page lacks.
hashes.sha512 = sha512;

/** Base64 (standard, padded or not) as bytes; null when it is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return null;
  try {
    const binary = atob(text);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * Whether `signature` (base64, 64 bytes) is Grove's Ed25519 signature, by `publicKey` (base64 of the raw 32 bytes),
 * over the canonical form of `record` as UTF-8: exactly what the server signed. Anything malformed is simply false:
 * a page never trusts a record it could not check.
 */
export function verifyCollectible(record: CollectibleRecord, signature: string, publicKey: string): boolean {
  const sig = fromBase64(signature);
  const key = fromBase64(publicKey);
  if (!sig || sig.length !== 64 || !key || key.length !== 32) return false;
  let message: Uint8Array;
  try {
    message = new TextEncoder().encode(canonicalCollectible(record));
  } catch {
    return false;
  }
  try {
    return verify(sig, message, key);
  } catch {
    return false;
  }
}

/** The public key's fingerprint a person can compare by eye: the first 8 bytes of its SHA-256, in groups of four hex digits. */
export function keyFingerprint(publicKey: string): string | null {
  const key = fromBase64(publicKey);
  if (!key || key.length !== 32) return null;
  const hex = Array.from(sha256(key).slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
  return hex.match(/.{4}/g)?.join(" ") ?? null;
}
