import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jsQR from "jsqr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClaimResponse, HuntAdminView, HuntInput, HuntMineView, HuntPublicView, RedeemResponse, StaffLinkView } from "../../shared/protocol/hunt.js";
import { SCAN_RATE } from "../../shared/rules/hunt/types.js";
import { HUNT_BODY_LIMIT_BYTES } from "../../server/http/hunt.js";
import { startTestGrove, TestClock, type TestGrove } from "../helpers/grove.js";
import { rawRequest } from "../helpers/http.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";

/**
 * pngjs comes with qrcode (which draws the PNG); it has no types of its own, so the little of it used is typed here
 * (as VenueRoom loads msgpackr's decoder).
 */
const { PNG } = createRequire(import.meta.url)("pngjs") as { PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } } };

const LOOK = { color: "#e4572e", shape: "tall", accessory: "hat" } as const;

/**
 * The hunt's HTTP routes against a real Grove (docs/hunts.md, "HTTP"): the operator's editor behind its token, scans
 * by a first-time visitor and a known member, forged, altered and rotated codes, a blind box's riddle task and its
 * voucher redeemed once at the right counter, teams, hostile bodies, the per-address budget, and the printed code's
 * PNG decoding back to its scan address. Each call speaks from an address of its own (X-Forwarded-For behind
 * `trust proxy`) unless a test is about one address's budget.
 */

/** A free-order hunt: a plain real clue, a blind box (one riddle task, a voucher from the tea shop) and a scene clue. */
const GARDEN_HUNT: HuntInput = {
  title: "Garden hunt 花园寻宝",
  order: "free",
  startsAt: null,
  endsAt: null,
  teams: [],
  clues: [
    { id: "gate", name: "The gate", hint: "Where the garden opens", riddle: null, points: 5, where: { kind: "real", place: "North gate", district: "Xuhui", address: "" }, blindBox: null },
    {
      id: "box",
      name: "Tea box",
      hint: "At the counter",
      riddle: null,
      points: 4,
      where: { kind: "real", place: "Tea shop", district: "Xuhui", address: "1 Tea Road" },
      blindBox: {
        tasks: [{ id: "sum", kind: "riddle", text: "", riddle: { question: "Two and two?", answers: ["four", "四"] } }],
        reward: { points: 3, badge: true, voucher: { partnerId: "tea", text: "A free pot of tea", stock: 5 } },
      },
    },
    { id: "lamp", name: "The lamp", hint: "In the venue", riddle: null, points: 2, where: { kind: "scene", x: 9, z: 10 }, blindBox: null },
  ],
  partners: [
    { id: "tea", name: "Tea shop" },
    { id: "cake", name: "Cake shop" },
  ],
};

const TEAM_HUNT: HuntInput = {
  ...GARDEN_HUNT,
  title: "Team hunt",
  teams: ["Red", "Blue"],
  clues: [GARDEN_HUNT.clues[0]!],
  partners: [],
};

describe.each(databaseTargets("grove_hunt_http_test"))("the hunt over HTTP on %s", (_dialect, database) => {
  let grove: TestGrove;
  let isolated: DatabaseTarget | undefined;
  let clientDir = "";
  let address = 0;
  const clock = new TestClock();
  const from = () => `10.13.${Math.floor(++address / 250)}.${address % 250}`;
  let admin: HuntAdminView;

  const call = async <T = unknown>(method: string, path: string, options: { body?: unknown; token?: string | null; headers?: Record<string, string>; raw?: string } = {}) => {
    const headers: Record<string, string> = { "x-forwarded-for": from(), ...(options.headers ?? {}) };
    if (options.token !== null && path.startsWith("/api/admin")) headers.authorization = `Bearer ${options.token ?? grove.operatorToken}`;
    const text = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (text !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${grove.url}${path}`, { method, headers, ...(text !== undefined ? { body: text } : {}) });
    const type = response.headers.get("content-type") ?? "";
    const body = type.includes("json") ? ((await response.json()) as T & { error?: string; retryAfterMs?: number }) : (undefined as unknown as T & { error?: string; retryAfterMs?: number });
    return { status: response.status, headers: response.headers, body };
  };
  const post = <T = unknown>(path: string, body: unknown, headers: Record<string, string> = {}) => call<T>("POST", path, { body, headers });
  const tokenOf = (link: string) => link.slice("/scan/".length);
  const staffOf = (link: string) => new URL(link, "http://x").searchParams.get("staff") ?? "";
  const newcomer = async (token: string, name: string) => {
    const scanned = await post<ClaimResponse>("/api/hunt/scan", { token, name, look: LOOK });
    expect(scanned.status, JSON.stringify(scanned.body)).toBe(200);
    const identity = scanned.body.identity!;
    return { scanned: scanned.body, credentials: { memberId: identity.memberId, secret: identity.secret } };
  };

  beforeAll(async () => {
    clientDir = mkdtempSync(join(tmpdir(), "grove-hunt-client-"));
    mkdirSync(join(clientDir, "assets"));
    writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>Grove</title>");
    isolated = await database();
    grove = await startTestGrove({ clientDir, trustProxy: true, now: clock.now, ...(isolated.url ? { databaseUrl: isolated.url } : {}) });
    for (const slug of ["garden", "teams", "bare"]) await grove.store.createEvent({ slug, title: `Event ${slug}`, capacity: 50, now: 0 });
    const saved = await call<HuntAdminView>("PUT", "/api/admin/events/garden/hunt", { body: GARDEN_HUNT });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    admin = saved.body;
    expect((await call("PUT", "/api/admin/events/teams/hunt", { body: TEAM_HUNT })).status).toBe(200);
  });

  afterAll(async () => {
    await grove?.dispose();
    await isolated?.cleanup();
    rmSync(clientDir, { recursive: true, force: true });
  });

  describe("the operator's routes", () => {
    const routes: [string, string][] = [
      ["GET", "/api/admin/events/garden/hunt"],
      ["PUT", "/api/admin/events/garden/hunt"],
      ["POST", "/api/admin/events/garden/hunt/clues/gate/rotate"],
      ["POST", "/api/admin/events/garden/hunt/partners/tea/rotate"],
      ["GET", "/api/admin/events/garden/hunt/clues/gate/qr.png"],
    ];

    it.each(routes)("%s %s refuses a missing or wrong operator token with 401 and changes nothing", async (method, path) => {
      const body = method === "PUT" ? { ...GARDEN_HUNT, title: "Hijacked" } : undefined;
      const missing = await call(method, path, { token: null, ...(body ? { body } : {}) });
      const wrong = await call(method, path, { token: `${grove.operatorToken}x`, ...(body ? { body } : {}) });
      expect([missing.status, missing.body.error, wrong.status, wrong.body.error]).toEqual([401, "UNAUTHORIZED", 401, "UNAUTHORIZED"]);
      const now = await call<HuntAdminView>("GET", "/api/admin/events/garden/hunt");
      expect(now.body.hunt.title).toBe(GARDEN_HUNT.title);
      expect(now.body.scanLinks).toEqual(admin.scanLinks);
      expect(now.body.staffLinks).toEqual(admin.staffLinks);
    });

    it("reads the hunt with a scan link per real clue and a staff link per partner; an event without one is NO_HUNT, a slug naming none 404", async () => {
      expect(Object.keys(admin.scanLinks).sort()).toEqual(["box", "gate"]);
      for (const link of Object.values(admin.scanLinks)) expect(link).toMatch(/^\/scan\/c1\./);
      expect(Object.keys(admin.staffLinks).sort()).toEqual(["cake", "tea"]);
      for (const link of Object.values(admin.staffLinks)) expect(link).toMatch(/^\/redeem\?staff=s1\./);
      expect(admin.hunt).not.toHaveProperty("seed");
      const bare = await call("GET", "/api/admin/events/bare/hunt");
      expect([bare.status, bare.body.error]).toEqual([404, "NO_HUNT"]);
      const nowhere = await call("GET", "/api/admin/events/nowhere/hunt");
      expect([nowhere.status, nowhere.body.error]).toEqual([404, "EVENT_NOT_FOUND"]);
    });

    it("refuses a hunt that cannot run (400 INVALID_REQUEST) and keeps the one it had", async () => {
      const scene = GARDEN_HUNT.clues[2]!;
      const hostile: unknown[] = [
        { ...GARDEN_HUNT, clues: [] },
        { ...GARDEN_HUNT, order: "backwards" },
        { ...GARDEN_HUNT, clues: [GARDEN_HUNT.clues[0], GARDEN_HUNT.clues[0]] },
        { ...GARDEN_HUNT, clues: [{ ...scene, where: { kind: "scene", x: 0, z: -18 } }] },
        { ...GARDEN_HUNT, startsAt: 2_000_000_000_000, endsAt: 1_000_000_000_000 },
        { ...GARDEN_HUNT, partners: [] },
        { ...GARDEN_HUNT, extra: true },
        "not a hunt",
      ];
      for (const body of hostile) {
        const refused = await call("PUT", "/api/admin/events/garden/hunt", { body });
        expect([refused.status, refused.body.error], JSON.stringify(body).slice(0, 120)).toEqual([400, "INVALID_REQUEST"]);
      }
      const malformed = await call("PUT", "/api/admin/events/garden/hunt", { raw: "{\"title\": " });
      expect([malformed.status, malformed.body.error]).toEqual([400, "INVALID_REQUEST"]);
      const kept = await call<HuntAdminView>("GET", "/api/admin/events/garden/hunt");
      expect(kept.body.hunt.clues.map((c) => c.id)).toEqual(["gate", "box", "lamp"]);
    });

    it("reads a large hunt definition past the app's 4 KiB limit, and refuses one past its own limit unread", async () => {
      const gate = GARDEN_HUNT.clues[0]!;
      const hints = { ...GARDEN_HUNT, clues: Array.from({ length: 12 }, (_, i) => ({ ...gate, id: `c${i}`, hint: "长".repeat(300) })), partners: [] };
      expect(Buffer.byteLength(JSON.stringify(hints))).toBeGreaterThan(8 * 1024);
      const big = await call<HuntAdminView>("PUT", "/api/admin/events/bare/hunt", { body: hints });
      expect(big.status, JSON.stringify(big.body)).toBe(200);
      const huge = await rawRequest(grove.url, {
        method: "PUT",
        path: "/api/admin/events/bare/hunt",
        headers: { authorization: `Bearer ${grove.operatorToken}`, "content-type": "application/json", "x-forwarded-for": from(), "content-length": 1024 * 1024 },
      });
      expect(huge.status).toBe(413);
    });

    it("draws a real clue's code as a PNG that decodes to its absolute scan address; a scene or unknown clue has none", async () => {
      const response = await fetch(`${grove.url}/api/admin/events/garden/hunt/clues/gate/qr.png`, { headers: { authorization: `Bearer ${grove.operatorToken}`, "x-forwarded-for": from() } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^image\/png/);
      const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      const current = await call<HuntAdminView>("GET", "/api/admin/events/garden/hunt");
      expect(decoded?.data).toBe(`${grove.url}${current.body.scanLinks.gate}`);
      for (const clue of ["lamp", "nope", "bad%20id"]) {
        const refused = await call("GET", `/api/admin/events/garden/hunt/clues/${clue}/qr.png`);
        expect([refused.status, refused.body.error], clue).toEqual([404, "UNKNOWN_CLUE"]);
      }
    });
  });

  describe("scanning", () => {
    it("makes a first-time scanner a member, credits the clue and hands back the identity; scanning again is alreadyFound", async () => {
      const { scanned, credentials } = await newcomer(tokenOf(admin.scanLinks.gate!), "  Scanner   Sue ");
      expect(scanned.identity?.name).toBe("Scanner Sue");
      expect(scanned).toMatchObject({ eventSlug: "garden", outcome: "found", clue: { id: "gate", points: 5 } });
      expect(scanned.mine.found).toEqual(["gate"]);
      expect(await grove.store.authenticateMember(credentials.memberId, credentials.secret)).toMatchObject({ name: "Scanner Sue", look: LOOK });
      const again = await post<ClaimResponse>("/api/hunt/scan", { token: tokenOf(admin.scanLinks.gate!), ...credentials });
      expect(again.status).toBe(200);
      expect(again.body.outcome).toBe("alreadyFound");
      expect(again.body.identity).toBeUndefined();
      expect(again.body.reward).toEqual({ points: 0, badge: false, voucher: null });
      const mine = await post<HuntMineView>("/api/hunt/mine", { slug: "garden", ...credentials });
      expect([mine.status, mine.body.found]).toEqual([200, ["gate"]]);
    });

    it("credits one of two racing scans of the same code by the same member; the other is alreadyFound", async () => {
      const racer = await grove.store.createMember({ name: "Racer", look: LOOK, now: 0 });
      const body = { token: tokenOf(admin.scanLinks.gate!), memberId: racer.id, secret: racer.secret };
      const answers = await Promise.all([post<ClaimResponse>("/api/hunt/scan", body), post<ClaimResponse>("/api/hunt/scan", body), post<ClaimResponse>("/api/hunt/scan", body)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers.map((a) => a.body.outcome).sort()).toEqual(["alreadyFound", "alreadyFound", "found"]);
      expect(answers.filter((a) => a.body.reward.points > 0)).toHaveLength(1);
    });

    it("gives a newcomer without a look one all the same", async () => {
      const scanned = await post<ClaimResponse>("/api/hunt/scan", { token: tokenOf(admin.scanLinks.gate!), name: "Lookless" });
      expect(scanned.status).toBe(200);
      const member = await grove.store.authenticateMember(scanned.body.identity!.memberId, scanned.body.identity!.secret);
      expect(member?.look).toEqual(expect.objectContaining({ color: expect.any(String), shape: expect.any(String), accessory: expect.any(String) }));
    });

    it("refuses forged, altered and unreadable codes with INVALID_TOKEN, crediting nothing", async () => {
      const { credentials } = await newcomer(tokenOf(admin.scanLinks.box!), "Forger");
      const token = tokenOf(admin.scanLinks.gate!);
      const parts = token.split(".");
      const mac = parts.at(-1)!;
      const flipped = `${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`;
      const forged = [
        [...parts.slice(0, -1), flipped].join("."),
        [parts[0], parts[1], "box", ...parts.slice(3)].join("."),
        [parts[0], parts[1], parts[2], "99", ...parts.slice(4)].join("."),
        "c1.nothing.here.1.0.AAAAAAAAAAAAAAAAAAAAAA",
        "garbage",
        "c1....",
      ];
      for (const bad of forged) {
        const refused = await post("/api/hunt/scan", { token: bad, ...credentials });
        expect([refused.status, refused.body.error], bad).toEqual([400, "INVALID_TOKEN"]);
        const stranger = await post<ClaimResponse>("/api/hunt/scan", { token: bad, name: "Stranger" });
        expect([stranger.status, stranger.body.error, stranger.body.identity], bad).toEqual([400, "INVALID_TOKEN", undefined]);
      }
      const mine = await post<HuntMineView>("/api/hunt/mine", { slug: "garden", ...credentials });
      expect(mine.body.found).toEqual([]);
    });

    it("refuses a code printed before a rotation with TOKEN_ROTATED; the new print works", async () => {
      const old = tokenOf(admin.scanLinks.gate!);
      const rotated = await call<HuntAdminView>("POST", "/api/admin/events/garden/hunt/clues/gate/rotate");
      expect(rotated.status).toBe(200);
      const fresh = tokenOf(rotated.body.scanLinks.gate!);
      expect(fresh).not.toBe(old);
      const refused = await post<ClaimResponse>("/api/hunt/scan", { token: old, name: "Late Lee" });
      // The code is checked before anyone is made: no member, so no identity to keep.
      expect([refused.status, refused.body.error, refused.body.identity]).toEqual([400, "TOKEN_ROTATED", undefined]);
      const { scanned } = await newcomer(fresh, "Fresh Fay");
      expect(scanned.outcome).toBe("found");
      admin = rotated.body;
      const unknown = await call("POST", "/api/admin/events/garden/hunt/clues/nope/rotate");
      expect([unknown.status, unknown.body.error]).toEqual([404, "UNKNOWN_CLUE"]);
    });

    it("refuses hostile bodies: malformed JSON, extra or missing fields, forged credentials, a foreign origin, an oversized body", async () => {
      const token = tokenOf(admin.scanLinks.gate!);
      const malformed = await call("POST", "/api/hunt/scan", { raw: "{\"token\":" });
      expect([malformed.status, malformed.body.error]).toEqual([400, "INVALID_REQUEST"]);
      for (const body of [{}, { token }, { token, name: "" }, { token, name: "x".repeat(200) }, { token, name: "Ok", admin: true }, { token, memberId: "m" }, [token]]) {
        const refused = await post("/api/hunt/scan", body);
        expect([refused.status, refused.body.error], JSON.stringify(body)).toEqual([400, "INVALID_REQUEST"]);
      }
      // A NUL in a newcomer's name is cleaned away as the lobby cleans names (PostgreSQL would refuse it).
      const nulName = await post<ClaimResponse>("/api/hunt/scan", { token, name: "Nul\u0000Name" });
      expect([nulName.status, nulName.body.identity?.name]).toEqual([200, "NulName"]);
      const blank = await post("/api/hunt/scan", { token, name: "\u200b\u200b" });
      expect([blank.status, blank.body.error]).toEqual([400, "INVALID_REQUEST"]);
      const forged = await post("/api/hunt/scan", { token, memberId: "00000000-0000-4000-8000-000000000000", secret: "guess" });
      expect([forged.status, forged.body.error]).toEqual([401, "UNAUTHORIZED"]);
      // A NUL in the credentials (PostgreSQL's text refuses it) is a wrong identity, not a server error.
      for (const [path, body] of [["/api/hunt/scan", { token }], ["/api/hunt/mine", { slug: "garden" }], ["/api/hunt/task", { huntId: admin.hunt.id, clueId: "box" }]] as const) {
        for (const credentials of [{ memberId: "m\u0000", secret: "s" }, { memberId: "m", secret: "s\u0000" }]) {
          const nul = await post(path, { ...body, ...credentials });
          expect([nul.status, nul.body.error], path).toEqual([401, "UNAUTHORIZED"]);
        }
      }
      const foreign = await post("/api/hunt/scan", { token, name: "Evil" }, { origin: "https://evil.example" });
      expect([foreign.status, foreign.body.error]).toEqual([403, "FORBIDDEN"]);
      const declared = await rawRequest(grove.url, { method: "POST", path: "/api/hunt/scan", headers: { "content-type": "application/json", "x-forwarded-for": from(), "content-length": HUNT_BODY_LIMIT_BYTES + 1 } });
      expect(declared.status).toBe(413);
      const chunked = await rawRequest(grove.url, {
        method: "POST",
        path: "/api/redeem",
        headers: { "content-type": "application/json", "x-forwarded-for": from(), "transfer-encoding": "chunked" },
        stream: { chunk: Buffer.alloc(1024, 32), count: 8 },
      });
      expect([chunked.status, JSON.parse(chunked.body)]).toEqual([413, { error: "BODY_TOO_LARGE" }]);
    });
  });

  describe("a blind box and its voucher", () => {
    it("opens the box with its task, refuses a wrong answer, credits the right one with the voucher, and redeems it once at the right counter", async () => {
      const huntId = admin.hunt.id;
      const { scanned, credentials } = await newcomer(tokenOf(admin.scanLinks.box!), "Boxer");
      expect(scanned.outcome).toBe("pending");
      expect(scanned.task).toMatchObject({ id: "sum", kind: "riddle", riddleQuestion: "Two and two?" });
      expect(JSON.stringify(scanned)).not.toContain("四");
      expect(scanned.mine.pending).toEqual([expect.objectContaining({ clueId: "box" })]);

      const wrong = await post("/api/hunt/answer", { huntId, clueId: "box", answer: "five", ...credentials });
      expect([wrong.status, wrong.body.error]).toEqual([400, "WRONG_ANSWER"]);
      const right = await post<ClaimResponse>("/api/hunt/answer", { huntId, clueId: "box", answer: " 四 ", ...credentials });
      expect(right.status, JSON.stringify(right.body)).toBe(200);
      expect(right.body.outcome).toBe("found");
      expect(right.body.reward).toMatchObject({ points: 7, badge: true, voucher: { partnerName: "Tea shop", text: "A free pot of tea", redeemedAt: null } });
      const code = right.body.reward.voucher!.code;
      const twice = await post("/api/hunt/answer", { huntId, clueId: "box", answer: "four", ...credentials });
      expect(twice.status).not.toBe(200);

      const tea = staffOf(admin.staffLinks.tea!);
      const cake = staffOf(admin.staffLinks.cake!);
      const info = await call<StaffLinkView>("GET", `/api/redeem/staff?staff=${encodeURIComponent(tea)}`);
      expect(info.body).toEqual({ partnerName: "Tea shop", huntTitle: GARDEN_HUNT.title, eventTitle: "Event garden" });
      for (const bad of [`${tea}x`, "s1.a.b.1.AAAA", ""]) {
        const refused = await call("GET", `/api/redeem/staff?staff=${encodeURIComponent(bad)}`);
        expect([refused.status, refused.body.error], bad).toEqual([403, "INVALID_STAFF_LINK"]);
      }
      const refused = await call("GET", "/api/redeem/staff");
      expect([refused.status, refused.body.error]).toEqual([403, "INVALID_STAFF_LINK"]);

      const elsewhere = await post("/api/redeem", { staff: cake, code });
      expect([elsewhere.status, elsewhere.body.error]).toEqual([403, "WRONG_PARTNER"]);
      const forgedCode = await post("/api/redeem", { staff: tea, code: `${code.slice(0, -2)}${code.endsWith("AA") ? "BB" : "AA"}` });
      expect([forgedCode.status, forgedCode.body.error]).toEqual([400, "INVALID_VOUCHER"]);
      const forgedStaff = await post("/api/redeem", { staff: `${tea}x`, code });
      expect([forgedStaff.status, forgedStaff.body.error]).toEqual([403, "INVALID_STAFF_LINK"]);

      const [first, second] = await Promise.all([post<RedeemResponse>("/api/redeem", { staff: tea, code }), post<RedeemResponse>("/api/redeem", { staff: tea, code })]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      expect([first, second].find((r) => r.status === 409)?.body.error).toBe("ALREADY_REDEEMED");
      expect([first, second].find((r) => r.status === 200)?.body.voucher.redeemedAt).toEqual(expect.any(Number));
      const third = await post("/api/redeem", { staff: tea, code });
      expect([third.status, third.body.error]).toEqual([409, "ALREADY_REDEEMED"]);

      // A rotated staff link stops working; the new one reads the partner.
      const rotated = await call<HuntAdminView>("POST", "/api/admin/events/garden/hunt/partners/tea/rotate");
      expect(rotated.status).toBe(200);
      const old = await call("GET", `/api/redeem/staff?staff=${encodeURIComponent(tea)}`);
      expect([old.status, old.body.error]).toEqual([403, "INVALID_STAFF_LINK"]);
      const fresh = await call<StaffLinkView>("GET", `/api/redeem/staff?staff=${encodeURIComponent(staffOf(rotated.body.staffLinks.tea!))}`);
      expect(fresh.body.partnerName).toBe("Tea shop");
      admin = rotated.body;
    });

    it("refuses a task done before it is, an unknown clue and an unknown hunt", async () => {
      const { credentials } = await newcomer(tokenOf(admin.scanLinks.box!), "Tasker");
      // The box's task is a riddle: only its answer opens it, never "I did it".
      const task = await post("/api/hunt/task", { huntId: admin.hunt.id, clueId: "box", ...credentials });
      expect([task.status, task.body.error]).toEqual([400, "TASK_NOT_DONE"]);
      const unknown = await post("/api/hunt/answer", { huntId: admin.hunt.id, clueId: "nope", answer: "four", ...credentials });
      expect([unknown.status, unknown.body.error]).toEqual([404, "UNKNOWN_CLUE"]);
      const noHunt = await post("/api/hunt/task", { huntId: "nohunt", clueId: "box", ...credentials });
      expect([noHunt.status, noHunt.body.error]).toEqual([404, "NO_HUNT"]);
      const unsigned = await post("/api/hunt/task", { huntId: admin.hunt.id, clueId: "box", memberId: credentials.memberId, secret: "wrong" });
      expect([unsigned.status, unsigned.body.error]).toEqual([401, "UNAUTHORIZED"]);
    });
  });

  describe("teams, progress and the public view", () => {
    it("joins a team, refuses one the hunt has not, and refuses a switch once the team has hunted", async () => {
      const teams = await call<HuntAdminView>("GET", "/api/admin/events/teams/hunt");
      const huntId = teams.body.hunt.id;
      const joiner = await grove.store.createMember({ name: "Teamer", look: LOOK, now: 0 });
      const credentials = { memberId: joiner.id, secret: joiner.secret };
      const before = await post("/api/hunt/scan", { token: tokenOf(teams.body.scanLinks.gate!), ...credentials });
      expect([before.status, before.body.error]).toEqual([400, "NEEDS_TEAM"]);
      // A first-time scanner of a team hunt is made a member and refused NEEDS_TEAM: the identity comes back with the
      // refusal, so the browser keeps it and joins a team with it.
      const stranger = await post<ClaimResponse>("/api/hunt/scan", { token: tokenOf(teams.body.scanLinks.gate!), name: "Team Newbie" });
      expect([stranger.status, stranger.body.error]).toEqual([400, "NEEDS_TEAM"]);
      const made = stranger.body.identity!;
      const joined = await post<HuntMineView>("/api/hunt/team", { huntId, team: "Blue", memberId: made.memberId, secret: made.secret });
      expect([joined.status, joined.body.team]).toEqual([200, "Blue"]);
      const green = await post("/api/hunt/team", { huntId, team: "Green", ...credentials });
      expect([green.status, green.body.error]).toEqual([400, "UNKNOWN_TEAM"]);
      const red = await post<HuntMineView>("/api/hunt/team", { huntId, team: "Red", ...credentials });
      expect([red.status, red.body.team]).toEqual([200, "Red"]);
      const scanned = await post<ClaimResponse>("/api/hunt/scan", { token: tokenOf(teams.body.scanLinks.gate!), ...credentials });
      expect(scanned.body.outcome).toBe("found");
      const blue = await post("/api/hunt/team", { huntId, team: "Blue", ...credentials });
      expect([blue.status, blue.body.error]).toEqual([403, "TEAM_LOCKED"]);
    });

    it("shows the public view without answers or tokens; an event without a hunt is NO_HUNT", async () => {
      const view = await call<HuntPublicView>("GET", "/api/events/garden/hunt");
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ id: admin.hunt.id, title: GARDEN_HUNT.title, order: "free" });
      expect(view.body.clues.map((c) => c.id)).toEqual(["gate", "box", "lamp"]);
      const text = JSON.stringify(view.body);
      for (const secret of ["four", "四", "c1.", "tokenVersion", "seed"]) expect(text).not.toContain(secret);
      expect(view.body.leaderboard.length).toBeGreaterThan(0);
      const bare = await call("GET", "/api/events/demo/hunt");
      expect([bare.status, bare.body.error]).toEqual([404, "NO_HUNT"]);
      const nowhere = await call("GET", "/api/events/nowhere/hunt");
      expect([nowhere.status, nowhere.body.error]).toEqual([404, "EVENT_NOT_FOUND"]);
      const member = await grove.store.createMember({ name: "Nobody", look: LOOK, now: 0 });
      const mine = await post("/api/hunt/mine", { slug: "demo", memberId: member.id, secret: member.secret });
      expect([mine.status, mine.body.error]).toEqual([404, "NO_HUNT"]);
    });
  });

  it("answers odd paths and queries with a refusal, never a 500: bad escapes, prototype words, arrays and objects in the query", async () => {
    const cases: [string, string, number][] = [
      ["GET", "/api/events/%E0%A4%A/hunt", 400],
      ["GET", "/api/events/__proto__/hunt", 404],
      ["GET", "/api/events/constructor/hunt", 404],
      ["GET", "/api/redeem/staff?staff=a&staff=b", 403],
      ["GET", "/api/redeem/staff?staff[__proto__]=x", 403],
      ["GET", "/api/redeem/staff", 403],
      ["GET", "/api/admin/events/garden/hunt/clues/%E0%A4%A/qr.png", 400],
      ["GET", "/api/admin/events/garden/hunt/clues/__proto__/qr.png", 404],
      ["GET", "/api/admin/events/garden/hunt/clues/constructor/qr.png", 404],
      ["POST", "/api/admin/events/garden/hunt/clues/__proto__/rotate", 404],
      ["POST", "/api/admin/events/garden/hunt/partners/constructor/rotate", 400],
      ["GET", "/api/admin/events/__proto__/hunt", 404],
    ];
    for (const [method, path, status] of cases) expect((await call(method, path)).status, `${method} ${path}`).toBe(status);
  });

  it("spends one address's budget at SCAN_RATE.capacity and refuses the next call with 429 and retryAfterMs", async () => {
    clock.freeze();
    try {
      const headers = { "x-forwarded-for": "10.99.0.1" };
      const token = tokenOf(admin.scanLinks.gate!);
      for (let i = 0; i < SCAN_RATE.capacity; i += 1) {
        const taken = await call("POST", "/api/hunt/scan", { body: { token: "garbage", name: "Spammer" }, headers });
        expect(taken.status, `call ${i + 1}`).toBe(400);
      }
      const refused = await call("POST", "/api/hunt/scan", { body: { token, name: "Spammer" }, headers });
      expect([refused.status, refused.body.error]).toEqual([429, "RATE_LIMITED"]);
      expect(refused.body.retryAfterMs).toBeGreaterThan(0);
      expect(refused.headers.get("retry-after")).toBe("1");
      for (const path of ["/api/events/garden/hunt", `/api/redeem/staff?staff=x`]) expect((await call("GET", path, { headers })).status, path).toBe(429);
      // Another address is not affected; the budget refills with time.
      expect((await call("GET", "/api/events/garden/hunt")).status).toBe(200);
      clock.advance(1_000);
      expect((await call("GET", "/api/events/garden/hunt", { headers })).status).toBe(200);
    } finally {
      clock.release();
    }
  });

  it("serves the hunt's pages: any /scan code (the page says what is wrong), /redeem, and the operator's editor and sheet", async () => {
    for (const path of ["/scan/c1.x.y.1.0.abc", "/scan/garbage", "/redeem", "/redeem?staff=whatever", "/admin/hunt/garden", "/admin/hunt/garden/sheet"]) {
      const response = await fetch(`${grove.url}${path}`, { headers: { accept: "text/html", "x-forwarded-for": from() } });
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain("<title>Grove</title>");
    }
    const bad = await fetch(`${grove.url}/admin/hunt/Not%20A%20Slug`, { headers: { accept: "text/html", "x-forwarded-for": from() } });
    expect(bad.status).toBe(404);
  });
});
