import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { HostTokens } from "../../server/auth/hostTokens.js";
import { MIN_CONFIGURED_SECRET_LENGTH, SECRETS_FILE, loadSecrets } from "../../server/auth/secrets.js";
import { startTestGrove } from "../helpers/grove.js";

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "grove-secrets-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const EVENT = "event-id";
/** Whether a host token made with one key passes a check with the other: the behaviour a key is for. */
const sameKey = (a: Buffer, b: Buffer) => new HostTokens(b, Date.now).check(new HostTokens(a, Date.now).issue(EVENT).token, EVENT) === "accepted";

describe("loadSecrets", () => {
  it("makes the operator token and key once, readable by the owner only, and reads them back after", () => {
    const dataDir = join(freshDir(), "data");
    const first = loadSecrets({ dataDir, env: {} });
    expect(first.createdOperatorToken).toBe(true);
    expect(first.operatorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.signingKey.length).toBe(32);
    expect(first.file).toBe(join(dataDir, SECRETS_FILE));
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual([SECRETS_FILE]);

    const again = loadSecrets({ dataDir, env: {} });
    expect(again.createdOperatorToken).toBe(false);
    expect(again.operatorToken).toBe(first.operatorToken);
    expect(sameKey(first.signingKey, again.signingKey)).toBe(true);
  });

  it("gives every data folder its own token and key", () => {
    const a = loadSecrets({ dataDir: freshDir(), env: {} });
    const b = loadSecrets({ dataDir: freshDir(), env: {} });
    expect(a.operatorToken).not.toBe(b.operatorToken);
    expect(sameKey(a.signingKey, b.signingKey)).toBe(false);
  });

  it("lets GROVE_ADMIN_TOKEN replace the stored token, and then never calls the token new", () => {
    const dataDir = freshDir();
    const stored = loadSecrets({ dataDir, env: {} });
    const token = "an-operator-token-from-the-vault";
    const configured = loadSecrets({ dataDir, env: { GROVE_ADMIN_TOKEN: token } });
    expect([configured.operatorToken, configured.createdOperatorToken]).toEqual([token, false]);
    expect(sameKey(stored.signingKey, configured.signingKey)).toBe(true);
    expect(loadSecrets({ dataDir: freshDir(), env: { GROVE_ADMIN_TOKEN: token } }).createdOperatorToken).toBe(false);
  });

  it("lets GROVE_SECRET replace the stored key, the same secret giving the same key anywhere", () => {
    const secret = "a long shared secret for two instances";
    const a = loadSecrets({ dataDir: freshDir(), env: { GROVE_SECRET: secret } });
    const b = loadSecrets({ dataDir: freshDir(), env: { GROVE_SECRET: secret } });
    const other = loadSecrets({ dataDir: freshDir(), env: { GROVE_SECRET: `${secret}!` } });
    expect(sameKey(a.signingKey, b.signingKey)).toBe(true);
    expect(sameKey(a.signingKey, other.signingKey)).toBe(false);
    expect(a.operatorToken).not.toBe(b.operatorToken);
  });

  it("neither reads nor makes the file when both are configured", () => {
    const dataDir = join(freshDir(), "data");
    const secrets = loadSecrets({ dataDir, env: { GROVE_ADMIN_TOKEN: "an-operator-token-from-the-vault", GROVE_SECRET: "a long shared secret" } });
    expect(secrets.createdOperatorToken).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("refuses configured values short enough to guess", () => {
    expect(() => loadSecrets({ dataDir: freshDir(), env: { GROVE_ADMIN_TOKEN: "hunter2" } })).toThrow(/GROVE_ADMIN_TOKEN/);
    expect(() => loadSecrets({ dataDir: freshDir(), env: { GROVE_SECRET: "short" } })).toThrow(/GROVE_SECRET/);
    expect(() => loadSecrets({ dataDir: freshDir(), env: { GROVE_ADMIN_TOKEN: "a token with spaces in it" } })).toThrow(/GROVE_ADMIN_TOKEN/);
  });

  it("trims configured values, and takes one of exactly the shortest length allowed", () => {
    const token = "t".repeat(MIN_CONFIGURED_SECRET_LENGTH);
    const secret = "s".repeat(MIN_CONFIGURED_SECRET_LENGTH);
    const padded = loadSecrets({ dataDir: freshDir(), env: { GROVE_ADMIN_TOKEN: `  ${token}\n`, GROVE_SECRET: ` ${secret} ` } });
    expect(padded.operatorToken).toBe(token);
    expect(sameKey(padded.signingKey, loadSecrets({ dataDir: freshDir(), env: { GROVE_ADMIN_TOKEN: token, GROVE_SECRET: secret } }).signingKey)).toBe(true);
    expect(() => loadSecrets({ dataDir: freshDir(), env: { GROVE_SECRET: secret.slice(1) } })).toThrow(/GROVE_SECRET/);
  });

  it("refuses a corrupt file and leaves it as it was, saying why it does not make a new key", () => {
    for (const text of ["{not json", "{}", JSON.stringify({ version: 1, operatorToken: "x", signingKey: "y" }), ""]) {
      const dataDir = freshDir();
      const file = join(dataDir, SECRETS_FILE);
      writeFileSync(file, text);
      expect(() => loadSecrets({ dataDir, env: {} })).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*host link`, "s"));
      expect(readFileSync(file, "utf8")).toBe(text);
    }
  });
});

describe("secrets across restarts", () => {
  it("keeps a host link valid after a restart on the same data folder", async () => {
    const dir = freshDir();
    const sqlitePath = join(dir, "grove.sqlite");
    const first = await startTestGrove({ sqlitePath });
    const link = new URL(await first.hostLink("demo"));
    const eventId = (await first.store.getEventBySlug("demo"))!.id;
    expect(first.createdOperatorToken).toBe(true);
    expect(first.secretsFile).toBe(join(dir, SECRETS_FILE));
    await first.dispose();

    const second = await startTestGrove({ sqlitePath });
    try {
      expect(second.createdOperatorToken).toBe(false);
      expect(second.operatorToken).toBe(first.operatorToken);
      expect(second.hostTokens.check(link.searchParams.get("host")!, eventId)).toBe("accepted");
    } finally {
      await second.dispose();
    }
  });

  it("refuses to start on a corrupt secrets file", async () => {
    const dir = freshDir();
    writeFileSync(join(dir, SECRETS_FILE), "{not json");
    await expect(startTestGrove({ sqlitePath: join(dir, "grove.sqlite") })).rejects.toThrow(/not a valid Grove secrets file/);
    expect(existsSync(join(dir, "grove.sqlite"))).toBe(false);
  });
});
