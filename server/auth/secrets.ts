import { createHash, randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/** The file under the data folder that keeps the operator token and the signing key between restarts. */
export const SECRETS_FILE = "grove-secrets.json";
/** Operator tokens and secrets given in the environment must be at least this long: a short one can be guessed. */
export const MIN_CONFIGURED_SECRET_LENGTH = 16;

export interface Secrets {
  /** What `Authorization: Bearer …` must carry on the operator API. */
  operatorToken: string;
  /** The HMAC key of host tokens (32 bytes). */
  signingKey: Buffer;
  /** True only when this start made the operator token (first start, GROVE_ADMIN_TOKEN unset): print it once. */
  createdOperatorToken: boolean;
  /** Where they are kept. */
  file: string;
}

export interface SecretsEnv {
  /** Replaces the stored operator token. */
  GROVE_ADMIN_TOKEN?: string | undefined;
  /** Replaces the stored signing key; any string, used through SHA-256. */
  GROVE_SECRET?: string | undefined;
}

/** 32 random bytes, base64url: 43 characters. */
const RandomValue = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const StoredSecrets = z.object({ version: z.literal(1), operatorToken: RandomValue, signingKey: RandomValue }).strict();
type StoredSecrets = z.infer<typeof StoredSecrets>;
/** An operator token travels in an HTTP header: printable ASCII without spaces. */
const CONFIGURED_TOKEN = /^[\x21-\x7e]+$/;

function configured(name: keyof SecretsEnv, env: SecretsEnv): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (value.length < MIN_CONFIGURED_SECRET_LENGTH) throw new Error(`${name} must be at least ${MIN_CONFIGURED_SECRET_LENGTH} characters long`);
  if (name === "GROVE_ADMIN_TOKEN" && !CONFIGURED_TOKEN.test(value)) throw new Error(`${name} may hold only printable ASCII characters without spaces (it travels in an HTTP header)`);
  return value;
}

/**
 * Reads the stored secrets, or makes them (mode 0600) if there are none. The file is written beside and then
 * linked into place, so a crash never leaves half a file and two processes starting at once agree on one.
 * A file that does not parse is refused, never replaced: a new key would silently invalidate every host link
 * handed out.
 */
function readOrCreate(file: string, dataDir: string): { stored: StoredSecrets; created: boolean } {
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const fresh: StoredSecrets = { version: 1, operatorToken: randomBytes(32).toString("base64url"), signingKey: randomBytes(32).toString("base64url") };
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    const fd = openSync(temporary, "wx", 0o600);
    try {
      writeSync(fd, `${JSON.stringify(fresh, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temporary, file);
      return { stored: fresh, created: true };
    } catch (e) {
      // Another process made it first: theirs is the one.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    } finally {
      unlinkSync(temporary);
    }
  }
  const stored = parseStored(readFileSync(file, "utf8"));
  if (!stored) {
    throw new Error(
      `${file} is not a valid Grove secrets file. Grove will not replace it on its own: a new signing key would invalidate ` +
        "every host link handed out, and a new operator token every script that uses the operator API. Restore it from a " +
        "backup, or delete it to start with a new token and key (and hand out new host links).",
    );
  }
  return { stored, created: false };
}

function parseStored(text: string): StoredSecrets | undefined {
  try {
    const parsed = StoredSecrets.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** GROVE_SECRET, any text, becomes a 32-byte key. */
function keyFrom(secret: string): Buffer {
  return createHash("sha256").update(secret, "utf8").digest();
}

/**
 * The operator token and the host-link signing key: `GROVE_ADMIN_TOKEN` and `GROVE_SECRET` when set, else those
 * stored in `<dataDir>/grove-secrets.json` (made on first start). With both set, the file is neither read nor made.
 */
export function loadSecrets({ dataDir, env }: { dataDir: string; env: SecretsEnv }): Secrets {
  const file = join(dataDir, SECRETS_FILE);
  const operatorToken = configured("GROVE_ADMIN_TOKEN", env);
  const secret = configured("GROVE_SECRET", env);
  if (operatorToken !== undefined && secret !== undefined) return { operatorToken, signingKey: keyFrom(secret), createdOperatorToken: false, file };
  const { stored, created } = readOrCreate(file, dataDir);
  return {
    operatorToken: operatorToken ?? stored.operatorToken,
    signingKey: secret !== undefined ? keyFrom(secret) : Buffer.from(stored.signingKey, "base64url"),
    createdOperatorToken: operatorToken === undefined && created,
    file,
  };
}
