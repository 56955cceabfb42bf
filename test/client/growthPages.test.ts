import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { routeOf } from "../../client/routes.js";
import { safeLink } from "../../client/ui/pages/growthApi.js";
import { fromBase64, keyFingerprint, verifyCollectible } from "../../client/ui/pages/verifyCollectible.js";
import { canonicalCollectible } from "../../shared/rules/growth/collectibles.js";
import { valuesOf, patchFrom } from "../../client/ui/admin/eventForm.js";
import type { EventSummary } from "../../shared/protocol/index.js";
import { DEFAULT_TREE_GOAL, REWARD_TEXT_MAX_LENGTH, REWARD_URL_MAX_LENGTH, TREE_GOAL_MAX, TREE_GOAL_MIN, type CollectibleRecord } from "../../shared/rules/growth/types.js";

describe("routes of the growth pages", () => {
  it("opens the explainer, a profile and a collectible, with or without a trailing slash", () => {
    expect(routeOf("/growth")).toEqual({ page: "growth" });
    expect(routeOf("/growth/")).toEqual({ page: "growth" });
    expect(routeOf("/m/0b7c6c1e-8a4f-4f7e-9d61-2f1a3c5d7e90")).toEqual({ page: "member", id: "0b7c6c1e-8a4f-4f7e-9d61-2f1a3c5d7e90" });
    expect(routeOf("/m/abc/")).toEqual({ page: "member", id: "abc" });
    expect(routeOf("/c/Ab3dE5fG7hJ9")).toEqual({ page: "collectible", id: "Ab3dE5fG7hJ9" });
    expect(routeOf("/c/Ab3%64")).toEqual({ page: "collectible", id: "Ab3d" });
  });

  it("keeps the routes it had", () => {
    expect(routeOf("/")).toEqual({ page: "home" });
    expect(routeOf("/admin")).toEqual({ page: "admin" });
    expect(routeOf("/e/demo")).toEqual({ page: "event", slug: "demo" });
    expect(routeOf("/e/Demo")).toEqual({ page: "notFound" });
  });

  it("turns away ids that are not ids: traversal, markup, bad escapes, too long, extra segments", () => {
    for (const path of [
      "/m/",
      "/c/",
      "/m/..",
      "/m/..%2F..%2Fadmin",
      "/c/%2e%2e",
      "/m/%3Cscript%3E",
      "/c/<img>",
      "/m/%E0%A4%A",
      "/m/a%00b",
      "/m/a b",
      `/c/${"a".repeat(65)}`,
      "/m/abc/def",
      "/growthy",
      "/growth/extra",
      "/x/abc",
      "/M/abc",
    ]) {
      expect(routeOf(path), path).toEqual({ page: "notFound" });
    }
    expect(routeOf(`/c/${"a".repeat(64)}`)).toEqual({ page: "collectible", id: "a".repeat(64) });
  });

  it("never routes a member or collectible id outside [A-Za-z0-9_-]", () => {
    fc.assert(
      fc.property(fc.constantFrom("m", "c"), fc.string({ maxLength: 80 }), (kind, raw) => {
        const route = routeOf(`/${kind}/${encodeURIComponent(raw)}`);
        if (route.page === "member" || route.page === "collectible") {
          expect(route.id).toBe(raw);
          expect(route.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
        } else {
          expect(route.page).toBe("notFound");
        }
      }),
    );
  });
});

function keyPair(): { privateKey: KeyObject; publicKey: string } {
  const pair = generateKeyPairSync("ed25519");
  // The raw 32 bytes are the last 32 of the SPKI DER, as docs/growth.md's API sends them.
  const spki = pair.publicKey.export({ format: "der", type: "spki" });
  return { privateKey: pair.privateKey, publicKey: Buffer.from(spki.subarray(spki.length - 32)).toString("base64") };
}

const record: CollectibleRecord = {
  v: 1,
  id: "Ab3dE5fG7hJ9",
  rule: "topQuestion",
  title: "Top question",
  quote: "Which seeds grow best in shade? 种子",
  memberId: "0b7c6c1e-8a4f-4f7e-9d61-2f1a3c5d7e90",
  ownerName: "Ada",
  sessionId: "s-1",
  eventSlug: "garden-talk",
  eventTitle: "Garden talk",
  mintedAt: 1_900_000_000_000,
  seed: "0123456789abcdef",
};

const signed = (key: KeyObject, value: CollectibleRecord) => sign(null, Buffer.from(canonicalCollectible(value), "utf8"), key).toString("base64");

describe("checking a collectible's signature in the browser", () => {
  const { privateKey, publicKey } = keyPair();
  const signature = signed(privateKey, record);

  it("verifies a record exactly as the server signed it", () => {
    expect(verifyCollectible(record, signature, publicKey)).toBe(true);
    // Key order does not matter: the canonical form sorts them.
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as unknown as CollectibleRecord;
    expect(verifyCollectible(reordered, signature, publicKey)).toBe(true);
  });

  it("fails a record with any field changed", () => {
    expect(verifyCollectible({ ...record, title: "Top question!" }, signature, publicKey)).toBe(false);
    expect(verifyCollectible({ ...record, ownerName: "Eve" }, signature, publicKey)).toBe(false);
    expect(verifyCollectible({ ...record, mintedAt: record.mintedAt + 1 }, signature, publicKey)).toBe(false);
    expect(verifyCollectible({ ...record, quote: "Which seeds grow best in shade? 种籽" }, signature, publicKey)).toBe(false);
  });

  it("fails a changed signature, another key's signature, and anything malformed", () => {
    const bytes = Buffer.from(signature, "base64");
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    expect(verifyCollectible(record, bytes.toString("base64"), publicKey)).toBe(false);
    const other = keyPair();
    expect(verifyCollectible(record, signed(other.privateKey, record), publicKey)).toBe(false);
    expect(verifyCollectible(record, signature, other.publicKey)).toBe(false);
    expect(verifyCollectible(record, "", publicKey)).toBe(false);
    expect(verifyCollectible(record, "not base64!", publicKey)).toBe(false);
    expect(verifyCollectible(record, signature, "AAAA")).toBe(false);
    expect(verifyCollectible(record, signature.slice(0, -4), publicKey)).toBe(false);
  });

  it("shows the key's fingerprint as four groups of hex, the same for the same key", () => {
    const print = keyFingerprint(publicKey);
    expect(print).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
    expect(keyFingerprint(publicKey)).toBe(print);
    expect(keyFingerprint(keyPair().publicKey)).not.toBe(print);
    expect(keyFingerprint("AAAA")).toBeNull();
  });

  it("reads base64 and refuses what is not", () => {
    expect(Array.from(fromBase64("AQID") ?? [])).toEqual([1, 2, 3]);
    expect(fromBase64("A")).toBeNull();
    expect(fromBase64("a-b_")).toBeNull();
  });
});

describe("links the pages follow", () => {
  it("keeps http(s) and Grove's own paths, and nothing that could run script", () => {
    expect(safeLink("https://example.org/gift?x=1")).toBe("https://example.org/gift?x=1");
    expect(safeLink("http://example.org/")).toBe("http://example.org/");
    expect(safeLink("/e/demo")).toBe("/e/demo");
    for (const bad of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>", "//evil.example/x", "vbscript:x", "", null, undefined, "not a url"]) {
      expect(safeLink(bad), String(bad)).toBeNull();
    }
  });
});

describe("the admin form's growth fields", () => {
  const event: EventSummary = {
    slug: "garden-talk",
    title: "Garden talk",
    description: "",
    capacity: 80,
    online: 0,
    live: false,
    startsAt: null,
    endsAt: null,
    words: { add: [], remove: [] },
    treeGoal: DEFAULT_TREE_GOAL,
    rewardText: "",
    rewardUrl: null,
    memberSalons: true,
  };
  const initial = valuesOf(event);

  it("starts from the event's goal, reward and salons setting", () => {
    expect(initial).toMatchObject({ treeGoal: String(DEFAULT_TREE_GOAL), rewardText: "", rewardUrl: "", memberSalons: true });
    expect(valuesOf({ ...event, rewardUrl: "https://example.org/", rewardText: "A tree planted", memberSalons: false })).toMatchObject({ rewardUrl: "https://example.org/", rewardText: "A tree planted", memberSalons: false });
  });

  it("sends only the growth fields that changed", () => {
    expect(patchFrom(initial, initial)).toEqual({ patch: {} });
    expect(patchFrom(initial, { ...initial, treeGoal: " 50 " })).toEqual({ patch: { treeGoal: 50 } });
    expect(patchFrom(initial, { ...initial, rewardText: "We plant a real tree", rewardUrl: "https://example.org/trees" })).toEqual({
      patch: { rewardText: "We plant a real tree", rewardUrl: "https://example.org/trees" },
    });
    expect(patchFrom(initial, { ...initial, memberSalons: false })).toEqual({ patch: { memberSalons: false } });
    const withLink = valuesOf({ ...event, rewardUrl: "https://example.org/" });
    expect(patchFrom(withLink, { ...withLink, rewardUrl: "" })).toEqual({ patch: { rewardUrl: "" } });
  });

  it("names a goal that is not a whole number in range, at both edges", () => {
    const goalError = { treeGoal: { admin: "invalidTreeGoal", params: { min: TREE_GOAL_MIN, max: TREE_GOAL_MAX } } };
    for (const goal of ["", "abc", "10.5", "-20", "1e3", String(TREE_GOAL_MIN - 1), String(TREE_GOAL_MAX + 1)]) {
      expect(patchFrom(initial, { ...initial, treeGoal: goal }), goal).toEqual({ errors: goalError });
    }
    expect(patchFrom(initial, { ...initial, treeGoal: String(TREE_GOAL_MIN) })).toEqual({ patch: { treeGoal: TREE_GOAL_MIN } });
    expect(patchFrom(initial, { ...initial, treeGoal: String(TREE_GOAL_MAX) })).toEqual({ patch: { treeGoal: TREE_GOAL_MAX } });
  });

  it("refuses a reward link that is not a plain web address, and a reward text that is too long", () => {
    const urlError = { rewardUrl: { admin: "invalidRewardUrl", params: { max: REWARD_URL_MAX_LENGTH } } };
    for (const url of ["javascript:alert(1)", "data:text/html,<b>hi</b>", "https://user:pass@example.org/", "example.org", "ftp://example.org/", `https://example.org/${"a".repeat(REWARD_URL_MAX_LENGTH)}`]) {
      expect(patchFrom(initial, { ...initial, rewardUrl: url }), url).toEqual({ errors: urlError });
    }
    expect(patchFrom(initial, { ...initial, rewardText: "x".repeat(REWARD_TEXT_MAX_LENGTH + 1) })).toEqual({
      errors: { rewardText: { admin: "invalidRewardText", params: { max: REWARD_TEXT_MAX_LENGTH } } },
    });
    expect(patchFrom(initial, { ...initial, rewardText: "x".repeat(REWARD_TEXT_MAX_LENGTH) })).toEqual({ patch: { rewardText: "x".repeat(REWARD_TEXT_MAX_LENGTH) } });
  });
});
