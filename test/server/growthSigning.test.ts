import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { COLLECTIBLE_KEY_FILE, loadOrCreateCollectibleKey, publicKeyRaw, signCollectible, verifyCollectible } from "../../server/growth/signing.js";
import { COLLECTIBLE_ID_PATTERN, newCollectibleId } from "../../server/growth/mint.js";
import { canonicalCollectible } from "../../shared/rules/growth/collectibles.js";
import type { CollectibleRecord } from "../../shared/rules/growth/types.js";
import { verifyCollectible as browserVerify } from "../../client/ui/pages/verifyCollectible.js";
import { startTestGrove } from "../helpers/grove.js";
import { LOOK, questionWithUpvotes, writeLog } from "../helpers/growthLog.js";

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "grove-collectible-key-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const RECORD: CollectibleRecord = {
  v: 1,
  id: "Ab3dEf6hIj9k",
  rule: "topQuestion",
  title: "Question of the session",
  quote: "为什么树会长这么高？ Why do trees grow so tall?",
  memberId: "0b6f7c1e-5a8e-4f7a-9d0e-3c2b1a0f9e8d",
  ownerName: "Ann 安",
  sessionId: "5f0c9a4e-1d2b-4c3a-8e7f-6a5b4c3d2e1f",
  eventSlug: "spring-salon",
  eventTitle: "Spring salon · 春季沙龙",
  mintedAt: 1_767_225_600_000,
  seed: "0123456789abcdef",
};

describe("the collectible signing key", () => {
  it("is made once, as a PKCS8 PEM readable by the owner only, and read back the same after", () => {
    const dataDir = join(freshDir(), "data");
    const first = loadOrCreateCollectibleKey(dataDir);
    const file = join(dataDir, COLLECTIBLE_KEY_FILE);
    expect(readdirSync(dataDir)).toEqual([COLLECTIBLE_KEY_FILE]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    expect(first.asymmetricKeyType).toBe("ed25519");

    const again = loadOrCreateCollectibleKey(dataDir);
    expect(publicKeyRaw(again)).toBe(publicKeyRaw(first));
    // What the first key signed, the key read back verifies (and signs alike: Ed25519 is deterministic).
    expect(verifyCollectible(publicKeyRaw(again), RECORD, signCollectible(first, RECORD))).toBe(true);
    expect(signCollectible(again, RECORD)).toBe(signCollectible(first, RECORD));
  });

  it("gives every data folder its own key", () => {
    expect(publicKeyRaw(loadOrCreateCollectibleKey(freshDir()))).not.toBe(publicKeyRaw(loadOrCreateCollectibleKey(freshDir())));
  });

  it("refuses a key file that is not an Ed25519 private key, and leaves it as it was", () => {
    for (const content of ["not a key", generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "pem", type: "pkcs8" }).toString()]) {
      const dataDir = freshDir();
      const file = join(dataDir, COLLECTIBLE_KEY_FILE);
      writeFileSync(file, content);
      expect(() => loadOrCreateCollectibleKey(dataDir)).toThrow(/not an Ed25519 private key/);
      expect(readFileSync(file, "utf8")).toBe(content);
    }
  });

  it("is made by Grove's first start, and the same key signs after a restart", async () => {
    const dataDir = freshDir();
    const first = await startTestGrove({ dataDir });
    const key = publicKeyRaw(first.collectibleKey);
    await first.dispose();
    expect(existsSync(join(dataDir, COLLECTIBLE_KEY_FILE))).toBe(true);
    const second = await startTestGrove({ dataDir });
    try {
      expect(publicKeyRaw(second.collectibleKey)).toBe(key);
    } finally {
      await second.dispose();
    }
  });
});

describe("minting at a restart", () => {
  it("mints, with the kept key, the collectibles of a session a stopped process left open once the restart closes it", async () => {
    const dataDir = freshDir();
    const sqlitePath = join(dataDir, "grove.sqlite");
    const first = await startTestGrove({ dataDir, sqlitePath });
    const { store } = first;
    const [ann, bo, cy, dee] = await Promise.all(["Ann", "Bo", "Cy", "Dee"].map((name) => store.createMember({ name, look: LOOK, now: 0 }).then((member) => member.id)));
    const event = await store.createEvent({ slug: "left-open", title: "Left open", capacity: 50, now: 0 });
    const { id: session } = await store.openOrResumeSession(event!.id, 1_000);
    for (const member of [ann!, bo!, cy!, dee!]) await store.recordJoin(session, member, 1_000);
    await writeLog(store, session, questionWithUpvotes(ann!, [bo!, cy!, dee!], 1_100));
    const key = publicKeyRaw(first.collectibleKey);
    await first.dispose();

    // Long after: the session is abandoned, closed at its last activity, and minted.
    const second = await startTestGrove({ dataDir, sqlitePath, resumeWindowMs: 0 });
    try {
      await second.store.settled();
      expect((await second.store.getSession(session))?.endedAt).not.toBeNull();
      const minted = await second.store.sessionCollectibles(session);
      expect(minted.map((collectible) => [collectible.rule, collectible.memberId])).toEqual([["topQuestion", ann]]);
      const record = JSON.parse(minted[0]!.record) as CollectibleRecord;
      expect(verifyCollectible(key, record, minted[0]!.signature)).toBe(true);
    } finally {
      await second.dispose();
    }
  });
});

describe("signing and verifying a collectible", () => {
  const { privateKey } = generateKeyPairSync("ed25519");
  const publicKey = publicKeyRaw(privateKey);
  const signature = signCollectible(privateKey, RECORD);

  it("signs the canonical record: 64 bytes of base64 under a 32-byte raw public key, verified here and by the browser's code", () => {
    expect(Buffer.from(publicKey, "base64")).toHaveLength(32);
    expect(Buffer.from(signature, "base64")).toHaveLength(64);
    expect(verifyCollectible(publicKey, RECORD, signature)).toBe(true);
    expect(browserVerify(RECORD, signature, publicKey)).toBe(true);
    // The same record with its keys in another order is the same record.
    const reordered = Object.fromEntries(Object.entries(RECORD).reverse()) as unknown as CollectibleRecord;
    expect(canonicalCollectible(reordered)).toBe(canonicalCollectible(RECORD));
    expect(verifyCollectible(publicKey, reordered, signature)).toBe(true);
  });

  it("fails a tampered record: a changed title, owner, time or seed, or one changed character anywhere", () => {
    const tampered: CollectibleRecord[] = [
      { ...RECORD, title: "Quiz champion" },
      { ...RECORD, ownerName: "Bo" },
      { ...RECORD, memberId: "0b6f7c1e-5a8e-4f7a-9d0e-3c2b1a0f9e8e" },
      { ...RECORD, mintedAt: RECORD.mintedAt + 1 },
      { ...RECORD, seed: "0123456789abcdee" },
      { ...RECORD, quote: RECORD.quote.replace("高", "矮") },
      { ...RECORD, quote: `${RECORD.quote} ` },
    ];
    for (const record of tampered) {
      expect(verifyCollectible(publicKey, record, signature)).toBe(false);
      expect(browserVerify(record, signature, publicKey)).toBe(false);
    }
  });

  it("fails a changed byte of the signature, a signature from another key, and malformed keys or signatures, without throwing", () => {
    const bytes = Buffer.from(signature, "base64");
    for (const index of [0, 31, 63]) {
      const flipped = Buffer.from(bytes);
      flipped[index] = flipped[index]! ^ 0x01;
      expect(verifyCollectible(publicKey, RECORD, flipped.toString("base64"))).toBe(false);
    }
    const other = generateKeyPairSync("ed25519").privateKey;
    const forged = signCollectible(other, RECORD);
    expect(verifyCollectible(publicKey, RECORD, forged)).toBe(false);
    expect(browserVerify(RECORD, forged, publicKey)).toBe(false);
    // The forger's own key verifies it: which key is Grove's is what the page must know.
    expect(verifyCollectible(publicKeyRaw(other), RECORD, forged)).toBe(true);
    for (const [key, sig] of [
      ["", signature],
      [publicKey, ""],
      [publicKey.slice(0, -4), signature],
      [publicKey, signature.slice(0, -4)],
      ["not base64!", signature],
      [publicKey, `${signature}AAAA`],
      [Buffer.alloc(32).toString("base64"), signature],
    ] as const) {
      expect(verifyCollectible(key, RECORD, sig)).toBe(false);
    }
  });
});

describe("collectible ids", () => {
  it("are 12 base62 characters, and not repeated", () => {
    const ids = Array.from({ length: 2_000 }, () => newCollectibleId());
    for (const id of ids) expect(id).toMatch(COLLECTIBLE_ID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
