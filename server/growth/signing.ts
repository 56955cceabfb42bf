import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createSecretFileOnce } from "../auth/secretFile.js";
import { canonicalCollectible } from "../../shared/rules/growth/collectibles.js";
import type { CollectibleRecord } from "../../shared/rules/growth/types.js";

/**
 * Collectibles are signed with Ed25519 (docs/growth.md): the server signs `canonicalCollectible(record)` as UTF-8 with
 * the key kept in `<dataDir>/collectibles-ed25519.pem`, and `/c/<id>` verifies in the browser with the raw public
 * key. The key is made on the first start and never replaced on its own: a new key would make every collectible
 * handed out fail verification.
 */
export const COLLECTIBLE_KEY_FILE = "collectibles-ed25519.pem";

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const RAW_PUBLIC_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A new private key as a PKCS8 PEM file (mode 0600, never half written; two processes starting at once agree on one). */
function writeNewKey(file: string): void {
  const { privateKey } = generateKeyPairSync("ed25519");
  createSecretFileOnce(file, privateKey.export({ format: "pem", type: "pkcs8" }).toString());
}

/**
 * The collectible signing key from `<dataDir>/collectibles-ed25519.pem`, made (mode 0600) when there is none. A file
 * that is not an Ed25519 private key is refused, never replaced.
 */
export function loadOrCreateCollectibleKey(dataDir: string): KeyObject {
  const file = join(dataDir, COLLECTIBLE_KEY_FILE);
  if (!existsSync(file)) writeNewKey(file);
  let key: KeyObject | undefined;
  try {
    key = createPrivateKey(readFileSync(file, "utf8"));
  } catch {
    key = undefined;
  }
  if (key === undefined || key.asymmetricKeyType !== "ed25519") {
    throw new Error(
      `${file} is not an Ed25519 private key (PKCS8 PEM). Grove will not replace it on its own: a new key would make every ` +
        "collectible handed out fail verification. Restore it from a backup, or delete it to start with a new key.",
    );
  }
  return key;
}

/** The signature of the record's canonical form, base64 (64 bytes). */
export function signCollectible(key: KeyObject, record: CollectibleRecord): string {
  return sign(null, Buffer.from(canonicalCollectible(record), "utf8"), key).toString("base64");
}

/** The raw 32-byte public key, base64: what the browser verifies with (@noble/ed25519 takes it as it is). */
export function publicKeyRaw(key: KeyObject): string {
  const der = createPublicKey(key).export({ format: "der", type: "spki" });
  return der.subarray(der.length - RAW_PUBLIC_KEY_BYTES).toString("base64");
}

/** Base64 that decodes to exactly `bytes` bytes, else undefined (so a malformed input never reaches the verifier). */
function decodeExactly(text: string, bytes: number): Buffer | undefined {
  if (typeof text !== "string" || !BASE64.test(text)) return undefined;
  const buffer = Buffer.from(text, "base64");
  return buffer.length === bytes ? buffer : undefined;
}

/** Whether `signature` (base64) is the Ed25519 signature of the record's canonical form under the raw public key (base64). Never throws. */
export function verifyCollectible(publicKey: string, record: CollectibleRecord, signature: string): boolean {
  const raw = decodeExactly(publicKey, RAW_PUBLIC_KEY_BYTES);
  const signatureBytes = decodeExactly(signature, SIGNATURE_BYTES);
  if (raw === undefined || signatureBytes === undefined) return false;
  try {
    const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: "der", type: "spki" });
    return verify(null, Buffer.from(canonicalCollectible(record), "utf8"), key, signatureBytes);
  } catch {
    return false;
  }
}
