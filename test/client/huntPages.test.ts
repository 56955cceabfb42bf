import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { huntPagesEn, huntPagesZh } from "../../client/i18n/huntPages.js";
import { ClaimAnswer, credentialsOf, identityAfterScan, readAnswer, RedeemAnswer, scanBody, StaffAnswer } from "../../client/ui/pages/huntPagesApi.js";
import { forgetStaffToken, STAFF_TOKEN_MAX_LENGTH, takeStaffToken } from "../../client/ui/pages/staffToken.js";
import { ScanRequest, type ClaimResponse } from "../../shared/protocol/hunt.js";
import type { AvatarLook } from "../../shared/protocol/index.js";

const LOOK: AvatarLook = { color: "#2e86ab", shape: "round", accessory: "leaf" };

function claim(overrides: Partial<ClaimResponse> = {}): ClaimResponse {
  return {
    eventSlug: "demo",
    eventTitle: "Demo",
    clue: { id: "k1", name: "Old bookshop", hint: "", points: 10, riddleQuestion: null, where: { kind: "real", place: "Bookshop", district: "South", address: "" }, blindBox: true },
    outcome: "pending",
    task: { id: "t1", kind: "salon", text: "Ask the speaker a question.", riddleQuestion: null },
    reward: { points: 0, badge: false, voucher: null },
    mine: { huntId: "h1", team: null, found: [], pending: [{ clueId: "k1", riddleQuestion: null, task: null }], next: null, completed: null, vouchers: [] },
    ...overrides,
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

describe("readAnswer", () => {
  it("passes on a claim answer it can show, with a new member's identity and a voucher", async () => {
    const value = claim({
      identity: { memberId: "m1", secret: "s".repeat(32), name: "小林" },
      outcome: "found",
      reward: { points: 15, badge: true, voucher: { code: "v1.ABCDEFGHJKMN.AAECAwQFBgcICQoLDA0ODw", partnerName: "Books", text: "A free coffee", clueName: "Old bookshop", issuedAt: 1, redeemedAt: null } },
    });
    expect(await readAnswer(json(200, value), ClaimAnswer)).toEqual({ kind: "ok", value });
  });

  it("turns down an answer that is not what the page expects", async () => {
    const broken = { ...claim(), outcome: "maybe" };
    expect(await readAnswer(json(200, broken), ClaimAnswer)).toEqual({ kind: "failed" });
    expect(await readAnswer(json(200, { partnerName: "Books" }), StaffAnswer)).toEqual({ kind: "failed" });
    expect(await readAnswer(new Response("<html>", { status: 200 }), RedeemAnswer)).toEqual({ kind: "failed" });
  });

  it("reads a refusal's code and its wait", async () => {
    expect(await readAnswer(json(409, { error: "ALREADY_REDEEMED" }), RedeemAnswer)).toEqual({ kind: "refused", code: "ALREADY_REDEEMED" });
    expect(await readAnswer(json(400, { error: "INVALID_TOKEN" }), ClaimAnswer)).toEqual({ kind: "refused", code: "INVALID_TOKEN" });
    expect(await readAnswer(json(429, { error: "RATE_LIMITED", retryAfterMs: 4200 }), ClaimAnswer)).toEqual({ kind: "refused", code: "RATE_LIMITED", retryAfterMs: 4200 });
  });

  it("keeps the identity a refused first scan made, so the page can save it", async () => {
    const identity = { memberId: "m1", secret: "s1", name: "Late Lee" };
    expect(await readAnswer(json(400, { error: "TOKEN_ROTATED", identity }), ClaimAnswer)).toEqual({ kind: "refused", code: "TOKEN_ROTATED", identity });
    // A half identity is no identity: the refusal is still read, without it.
    expect(await readAnswer(json(400, { error: "NEEDS_TEAM", identity: { memberId: "", secret: "s", name: "x" } }), ClaimAnswer)).toEqual({ kind: "refused", code: "NEEDS_TEAM" });
  });

  it("falls back on the status when a refusal has no code it knows, else calls it failed", async () => {
    expect(await readAnswer(new Response("Too Many Requests", { status: 429 }), ClaimAnswer)).toEqual({ kind: "refused", code: "RATE_LIMITED" });
    expect(await readAnswer(json(413, { error: "SOMETHING_NEW" }), ClaimAnswer)).toEqual({ kind: "refused", code: "BODY_TOO_LARGE" });
    expect(await readAnswer(new Response("Bad Gateway", { status: 502 }), ClaimAnswer)).toEqual({ kind: "failed" });
    expect(await readAnswer(json(500, { error: "NOT_A_CODE" }), ClaimAnswer)).toEqual({ kind: "failed" });
  });
});

describe("the scan's body", () => {
  it("sends a known member's credentials and nothing of a name", () => {
    const body = scanBody("c1.t", { memberId: "m1", secret: "s1", name: "Ann", look: LOOK }, { name: "Other", look: LOOK });
    expect(body).toEqual({ token: "c1.t", memberId: "m1", secret: "s1" });
    expect(ScanRequest.safeParse(body).success).toBe(true);
  });

  it("sends a newcomer's chosen name and look, and asks for a name when there is none", () => {
    expect(scanBody("c1.t", null, null)).toBeNull();
    expect(scanBody("c1.t", { name: "Ann", seed: "x" }, null)).toBeNull();
    const body = scanBody("c1.t", { name: "", seed: "x" }, { name: "小林", look: LOOK });
    expect(body).toEqual({ token: "c1.t", name: "小林", look: LOOK });
    expect(ScanRequest.safeParse(body).success).toBe(true);
  });

  it("counts a half-kept identity as none", () => {
    expect(credentialsOf({ memberId: "m1", name: "Ann" })).toBeNull();
    expect(credentialsOf({ secret: "s1", name: "Ann" })).toBeNull();
    expect(credentialsOf({ memberId: "", secret: "s1", name: "Ann" })).toBeNull();
    expect(credentialsOf({ memberId: "m1", secret: "s1", name: "Ann" })).toEqual({ memberId: "m1", secret: "s1" });
  });

  it("keeps the new member's identity with the look chosen and the seed already kept", () => {
    const made = { memberId: "m9", secret: "s9", name: "小林" };
    expect(identityAfterScan({ name: "", seed: "seed-1" }, made, LOOK)).toEqual({ name: "小林", memberId: "m9", secret: "s9", seed: "seed-1", look: LOOK });
    expect(identityAfterScan(null, made, undefined)).toEqual({ name: "小林", memberId: "m9", secret: "s9" });
    // A stale identity the server did not know is replaced, not merged: the new id and secret win.
    expect(identityAfterScan({ memberId: "old", secret: "old", name: "Ann", seed: "s" }, made, undefined)).toMatchObject({ memberId: "m9", secret: "s9", name: "小林" });
  });
});

describe("takeStaffToken", () => {
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

  it("takes the token out of the address bar and keeps it for this tab's reloads", () => {
    const first = page("https://grove.example/redeem?lang=zh-CN&staff=s1.h.p.1.mac#top");
    expect(takeStaffToken(first.location, first.history)).toBe("s1.h.p.1.mac");
    expect(first.replaced).toEqual(["/redeem?lang=zh-CN#top"]);
    const reload = page("https://grove.example/redeem");
    expect(takeStaffToken(reload.location, reload.history)).toBe("s1.h.p.1.mac");
    expect(reload.replaced).toEqual([]);
  });

  it("a newer link replaces the kept one; a forgotten one is not offered again", () => {
    takeStaffToken(page("https://grove.example/redeem?staff=old").location, page("https://grove.example/").history);
    const next = page("https://grove.example/redeem?staff=new");
    expect(takeStaffToken(next.location, next.history)).toBe("new");
    forgetStaffToken();
    const reload = page("https://grove.example/redeem");
    expect(takeStaffToken(reload.location, reload.history)).toBeUndefined();
  });

  it("clears an empty or over-long token from the address without keeping it", () => {
    for (const token of ["", "   ", "x".repeat(STAFF_TOKEN_MAX_LENGTH + 1)]) {
      kept.clear();
      const { location, history, replaced } = page(`https://grove.example/redeem?staff=${token}`);
      expect(takeStaffToken(location, history)).toBeUndefined();
      expect(replaced).toEqual(["/redeem"]);
      expect(kept.size).toBe(0);
    }
  });

  it("still serves the page when storage is blocked", () => {
    vi.stubGlobal("sessionStorage", {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("blocked");
      },
      removeItem: () => {
        throw new Error("blocked");
      },
    });
    const { location, history } = page("https://grove.example/redeem?staff=abc");
    expect(takeStaffToken(location, history)).toBe("abc");
    expect(() => forgetStaffToken()).not.toThrow();
    const reload = page("https://grove.example/redeem");
    expect(takeStaffToken(reload.location, reload.history)).toBeUndefined();
  });
});

describe("the hunt pages' messages", () => {
  type Tree = { [key: string]: string | Tree };
  function leaves(tree: Tree, prefix = ""): Map<string, string> {
    const out = new Map<string, string>();
    for (const [key, value] of Object.entries(tree)) {
      if (typeof value === "string") out.set(`${prefix}${key}`, value);
      else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
    }
    return out;
  }
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("has the same keys and placeholders in English and Chinese, and no English left in the Chinese", () => {
    const en = leaves(huntPagesEn);
    const zh = leaves(huntPagesZh);
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of en) {
      const other = zh.get(key) ?? "";
      expect(placeholders(other), key).toEqual(placeholders(text));
      // An empty text is on purpose in both (a task kind with nothing more to say).
      expect(other === "", key).toBe(text === "");
      if (text !== "") expect(other === text && /[a-z]{3}/.test(text), `${key} is untranslated`).toBe(false);
    }
  });
});
