import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOST_LINK_PARAM } from "../../shared/protocol/index.js";
import { parseCollectibleRecord } from "../../shared/rules/growth/collectibles.js";
import { DEFAULT_TREE_GOAL, REWARD_TEXT_MAX_LENGTH, TREE_GOAL_MAX, TREE_GOAL_MIN } from "../../shared/rules/growth/types.js";
import { GROWTH_READ_LIMIT, SALON_BODY_LIMIT_BYTES, SALON_LIMIT, salonSlug } from "../../server/http/growth.js";
import { publicKeyRaw, verifyCollectible } from "../../server/growth/signing.js";
import { OPERATOR_MEMBER_ID } from "../../server/store/index.js";
import { startTestGrove, TestClock, type TestGrove } from "../helpers/grove.js";
import { rawRequest } from "../helpers/http.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";
import { LOOK, makeEvangelist, pastSession, questionWithUpvotes, shortName } from "../helpers/growthLog.js";

const DAY = 86_400_000;
const UNKNOWN_MEMBER = "00000000-0000-4000-8000-000000000000";

/**
 * Growth's HTTP routes against a real Grove: a profile, a collectible with its signature, an event's past trees, an
 * evangelist opening a salon (and everyone else refused with their code), the pages, and /admin's growth fields.
 * Each test speaks from an address of its own (X-Forwarded-For behind `trust proxy`), so the per-address budgets
 * apply to the test that is about them alone.
 */
describe.each(databaseTargets("grove_growth_http_test"))("growth over HTTP on %s", (_dialect, database) => {
  let grove: TestGrove;
  let isolated: DatabaseTarget | undefined;
  let clientDir = "";
  let address = 0;
  // Real time, stopped by the tests of the per-address budgets (they never wait on the wall clock).
  const clock = new TestClock();
  const from = () => `10.0.${Math.floor(++address / 250)}.${address % 250}`;

  // The scene: Ann's question drew three upvotes in a past session of "garden" (goal 10, reached, with a reward).
  let ann = { id: "", secret: "" };
  let eva = { id: "", secret: "" };
  let gardenSession = "";

  beforeAll(async () => {
    isolated = await database();
    clientDir = mkdtempSync(join(tmpdir(), "grove-growth-client-"));
    mkdirSync(join(clientDir, "assets"));
    writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>Grove</title>");
    grove = await startTestGrove({ clientDir, trustProxy: true, now: clock.now, ...(isolated.url ? { databaseUrl: isolated.url } : {}) });
    const { store } = grove;
    const made = await Promise.all(["Ann", "Bo", "Cy", "Dee", "Eva", "Host", ...Array.from({ length: 10 }, (_, i) => `Giver ${i}`)].map((name) => store.createMember({ name, look: LOOK, now: 0 })));
    const [a, b, c, d, e, host, ...givers] = made;
    ann = { id: a!.id, secret: a!.secret };
    eva = { id: e!.id, secret: e!.secret };
    const garden = await store.createEvent({ slug: "garden", title: "Garden 花园", capacity: 50, now: 0, treeGoal: 10, rewardText: "Tea for all", rewardUrl: "https://example.org/tea" });
    const t0 = Date.now() - 20 * DAY;
    gardenSession = await pastSession(store, garden!.id, t0, t0 + 30 * 60_000, [a!.id, b!.id, c!.id, d!.id, host!.id], (log) => {
      questionWithUpvotes(a!.id, [b!.id, c!.id, d!.id], t0 + 1_000)(log);
      log.chat(b!.id, "hello", t0 + 2_000);
      log.goal(host!.id, t0 + 3_000);
    });
    // Another event's past session (never reaching its goal) and Eva's six sessions in a third.
    const quiet = await store.createEvent({ slug: "quiet", title: "Quiet", capacity: 50, now: 0 });
    await pastSession(store, quiet!.id, t0, t0 + 60_000, [b!.id], (log) => log.chat(b!.id, "alone", t0 + 10));
    const home = await store.createEvent({ slug: "eva-home", title: "Eva's home", capacity: 50, now: 0 });
    await makeEvangelist(store, home!.id, e!.id, host!.id, givers.map((giver) => giver.id), t0);
    await store.createEvent({ slug: "closed-doors", title: "Closed doors", capacity: 50, now: 0, memberSalons: false });
    // Closing a session mints its collectibles in the background: wait for that work.
    await store.settled();
  });

  afterAll(async () => {
    await grove?.dispose();
    await isolated?.cleanup();
    rmSync(clientDir, { recursive: true, force: true });
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${grove.url}${path}`, { headers: { "x-forwarded-for": from(), ...headers } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  };
  const openSalon = async (slug: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${grove.url}/api/events/${slug}/salons`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": from(), ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  describe("GET /api/members/:id", () => {
    it("answers a member's profile: name, look, tier and progress, points by kind, badges where and when, collectibles, sessions", async () => {
      const { status, body } = await get(`/api/members/${ann.id}`);
      expect(status).toBe(200);
      const profile = body as {
        id: string;
        name: string;
        look: unknown;
        tier: { tier: string; next: { tier: string; metrics: Record<string, { has: number; needs: number }> } | null };
        points: { total: number; byKind: Record<string, number> };
        badges: { badge: string; sessionId: string; eventSlug: string | null; eventTitle: string | null; at: number }[];
        collectibles: { id: string; rule: string; quote: string; seed: string }[];
        sessions: { sessionId: string; eventSlug: string; eventTitle: string }[];
      };
      expect(profile).toMatchObject({ id: ann.id, name: "Ann", look: LOOK });
      expect(profile.tier.tier).toBe("explorer");
      expect(profile.tier.next?.tier).toBe("coCreator");
      expect(profile.tier.next?.metrics.sessions).toEqual({ has: 1, needs: 3 });
      expect(profile.points.byKind.question).toBeGreaterThan(0);
      expect(profile.points.byKind.upvoteReceived).toBeGreaterThan(0);
      expect(profile.points.total).toBe(Object.values(profile.points.byKind).reduce((sum, value) => sum + value, 0));
      const badges = Object.fromEntries(profile.badges.map((badge) => [badge.badge, badge]));
      for (const badge of ["firstQuestion", "topQuestion", "gardener"]) {
        expect(badges[badge]).toMatchObject({ sessionId: gardenSession, eventSlug: "garden", eventTitle: "Garden 花园" });
      }
      expect(profile.collectibles).toHaveLength(1);
      expect(profile.collectibles[0]).toMatchObject({ rule: "topQuestion", quote: "Why trees?" });
      expect(profile.sessions).toEqual([expect.objectContaining({ sessionId: gardenSession, eventSlug: "garden", eventTitle: "Garden 花园" })]);
    });

    it("answers an evangelist's tier with no next tier", async () => {
      const { body } = await get(`/api/members/${eva.id}`);
      expect((body as { tier: unknown }).tier).toEqual({ tier: "evangelist", next: null });
    });

    it("answers 404 NOT_FOUND for an unknown member, the operator's stand-in and ids of any other shape", async () => {
      await grove.store.operatorMember(0);
      for (const id of [UNKNOWN_MEMBER, OPERATOR_MEMBER_ID, "abc", ann.id.toUpperCase(), `${ann.id}x`, "%2e%2e", "1".repeat(300)]) {
        const { status, body } = await get(`/api/members/${id}`);
        expect([id, status, body]).toEqual([id, 404, { error: "NOT_FOUND" }]);
      }
    });

    it("refuses an address that reads profiles without pause with 429 RATE_LIMITED and Retry-After", async () => {
      const headers = { "x-forwarded-for": "10.9.9.9" };
      clock.freeze();
      try {
        const statuses: number[] = [];
        for (let i = 0; i < GROWTH_READ_LIMIT.capacity; i += 1) statuses.push((await fetch(`${grove.url}/api/members/${UNKNOWN_MEMBER}`, { headers })).status);
        expect(new Set(statuses)).toEqual(new Set([404]));
        const refused = await get(`/api/members/${UNKNOWN_MEMBER}`, headers);
        expect([refused.status, refused.body]).toEqual([429, { error: "RATE_LIMITED" }]);
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
        // Another address is not held back; and the budget refills with time.
        expect((await get(`/api/members/${UNKNOWN_MEMBER}`)).status).toBe(404);
        clock.advance(1_000);
        expect((await get(`/api/members/${UNKNOWN_MEMBER}`, headers)).status).toBe(404);
      } finally {
        clock.release();
      }
    });
  });

  describe("GET /api/collectibles/:id", () => {
    it("answers the record, its signature and Grove's public key, and the signature verifies", async () => {
      const [stored] = await grove.store.memberCollectibles(ann.id);
      const { status, body } = await get(`/api/collectibles/${stored!.id}`);
      expect(status).toBe(200);
      const answer = body as { record: unknown; signature: string; publicKey: string };
      expect(answer.publicKey).toBe(publicKeyRaw(grove.collectibleKey));
      const record = parseCollectibleRecord(answer.record);
      expect(record).toMatchObject({ id: stored!.id, rule: "topQuestion", memberId: ann.id, ownerName: shortName(ann.id), sessionId: gardenSession, eventSlug: "garden" });
      expect(verifyCollectible(answer.publicKey, record!, answer.signature)).toBe(true);
      expect(verifyCollectible(answer.publicKey, { ...record!, ownerName: "Mallory" }, answer.signature)).toBe(false);
    });

    it("answers 404 NOT_FOUND for an unknown id and for ids of any other shape", async () => {
      for (const id of ["AAAAAAAAAAAA", "short", "AAAAAAAAAAAAA", "AAAAAAAAAAA-", "%00"]) {
        const { status, body } = await get(`/api/collectibles/${id}`);
        expect([id, status, body]).toEqual([id, 404, { error: "NOT_FOUND" }]);
      }
    });
  });

  describe("GET /api/events/:slug/sessions", () => {
    it("answers each past session with its tree and, once its goal was reached, the reward", async () => {
      const { status, body } = await get("/api/events/garden/sessions");
      expect(status).toBe(200);
      const sessions = body as { sessionId: string; startedAt: number; endedAt: number | null; tree: { growth: number; goal: number; progress: number; stage: string; contributors: number; reachedAt: number | null }; reward: unknown }[];
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ sessionId: gardenSession, reward: { text: "Tea for all", url: "https://example.org/tea" } });
      expect(sessions[0]!.tree).toMatchObject({ goal: 10, progress: 1, stage: "fruit" });
      expect(sessions[0]!.tree.growth).toBeGreaterThan(0);
      expect(sessions[0]!.tree.contributors).toBeGreaterThanOrEqual(2);
      expect(sessions[0]!.tree.reachedAt).not.toBeNull();

      const quiet = (await get("/api/events/quiet/sessions")).body as { tree: { goal: number; reachedAt: number | null; progress: number }; reward: unknown }[];
      expect(quiet).toHaveLength(1);
      expect(quiet[0]!.tree).toMatchObject({ goal: DEFAULT_TREE_GOAL, reachedAt: null });
      expect(quiet[0]!.tree.progress).toBeLessThan(1);
      expect(quiet[0]!.reward).toBeNull();
    });

    it("leaves out a session still open, and answers an event without past sessions with an empty list", async () => {
      const fresh = await grove.store.createEvent({ slug: "fresh", title: "Fresh", capacity: 50, now: 0 });
      const { id } = await grove.store.openOrResumeSession(fresh!.id, Date.now());
      expect(await get("/api/events/fresh/sessions")).toMatchObject({ status: 200, body: [] });
      await grove.store.closeSession(id, Date.now());
      expect(((await get("/api/events/fresh/sessions")).body as { sessionId: string }[]).map((session) => session.sessionId)).toEqual([id]);
    });

    it("answers 404 EVENT_NOT_FOUND for an unknown event or a slug of another shape", async () => {
      for (const slug of ["no-such-event", "UPPER", "-dash", "a".repeat(49)]) {
        expect(await get(`/api/events/${slug}/sessions`)).toMatchObject({ status: 404, body: { error: "EVENT_NOT_FOUND" } });
      }
    });
  });

  describe("POST /api/events/:slug/salons", () => {
    it("opens an evangelist's salon: 201 with a new event's slug and a host link for it, the event made by them", async () => {
      const { status, body } = await openSalon("garden", { memberId: eva.id, secret: eva.secret, title: "  Eva's   Reading Circle  " });
      expect(status).toBe(201);
      expect(Object.keys(body).sort()).toEqual(["hostLink", "slug"]);
      const slug = body.slug as string;
      expect(slug).toMatch(/^eva-s-reading-circle-[a-z0-9]{6}$/);
      const event = await grove.store.getEventBySlug(slug);
      expect(event).toMatchObject({ title: "Eva's Reading Circle", createdBy: eva.id, memberSalons: true, treeGoal: DEFAULT_TREE_GOAL });
      const link = new URL(body.hostLink as string, "http://grove.test");
      expect(link.pathname).toBe(`/e/${slug}`);
      expect(grove.hostTokens.check(link.searchParams.get(HOST_LINK_PARAM) ?? "", event!.id)).toBe("accepted");
      // A title with no Latin letters still makes a slug; two salons of one title get two events.
      const chinese = await openSalon("garden", { memberId: eva.id, secret: eva.secret, title: "读书会" });
      expect(chinese.status).toBe(201);
      expect(chinese.body.slug).toMatch(/^salon-[a-z0-9]{6}$/);
      const twice = await openSalon("garden", { memberId: eva.id, secret: eva.secret, title: "Eva's Reading Circle" });
      expect(twice.status).toBe(201);
      expect(twice.body.slug).not.toBe(slug);
    });

    it("refuses a member who is not an evangelist with 403 NOT_EVANGELIST, and makes no event", async () => {
      const before = (await grove.store.listEvents()).length;
      expect(await openSalon("garden", { memberId: ann.id, secret: ann.secret, title: "Ann's salon" })).toEqual({ status: 403, body: { error: "NOT_EVANGELIST" } });
      expect((await grove.store.listEvents()).length).toBe(before);
    });

    it("refuses everyone with 403 MEMBER_SALONS_OFF where the operator turned members' salons off", async () => {
      expect(await openSalon("closed-doors", { memberId: eva.id, secret: eva.secret, title: "Eva's salon" })).toEqual({ status: 403, body: { error: "MEMBER_SALONS_OFF" } });
    });

    it("refuses a wrong secret or an unknown member with 401 UNAUTHORIZED, before saying anything of tiers or the event's setting", async () => {
      for (const credentials of [
        { memberId: eva.id, secret: ann.secret },
        { memberId: eva.id, secret: `${eva.secret}x` },
        { memberId: UNKNOWN_MEMBER, secret: eva.secret },
      ]) {
        expect(await openSalon("garden", { ...credentials, title: "Salon" })).toEqual({ status: 401, body: { error: "UNAUTHORIZED" } });
        expect(await openSalon("closed-doors", { ...credentials, title: "Salon" })).toEqual({ status: 401, body: { error: "UNAUTHORIZED" } });
      }
    });

    it("refuses a body that is not the request with 400 INVALID_REQUEST, and an unknown event with 404 EVENT_NOT_FOUND", async () => {
      const good = { memberId: eva.id, secret: eva.secret, title: "Salon" };
      for (const body of [
        "not json",
        "null",
        "[]",
        {},
        { ...good, title: "" },
        { ...good, title: "   " },
        { ...good, title: "x".repeat(81) },
        { ...good, title: 42 },
        { memberId: eva.id, title: "Salon" },
        { ...good, memberId: "" },
        { ...good, extra: true },
      ]) {
        expect([body, await openSalon("garden", body)]).toEqual([body, { status: 400, body: { error: "INVALID_REQUEST" } }]);
      }
      for (const slug of ["no-such-event", "UPPER"]) expect(await openSalon(slug, good)).toEqual({ status: 404, body: { error: "EVENT_NOT_FOUND" } });
    });

    it("refuses a body over its limit with 413 BODY_TOO_LARGE, declared or not", async () => {
      const big = JSON.stringify({ memberId: eva.id, secret: eva.secret, title: "x".repeat(SALON_BODY_LIMIT_BYTES) });
      expect(await openSalon("garden", big)).toEqual({ status: 413, body: { error: "BODY_TOO_LARGE" } });
      const chunked = await rawRequest(grove.url, {
        method: "POST",
        path: "/api/events/garden/salons",
        headers: { "content-type": "application/json", "transfer-encoding": "chunked", "x-forwarded-for": from() },
        stream: { chunk: Buffer.alloc(1024, 0x20), count: 8 },
      });
      expect([chunked.status, JSON.parse(chunked.body)]).toEqual([413, { error: "BODY_TOO_LARGE" }]);
    });

    it("refuses another site's page with 403 FORBIDDEN", async () => {
      expect(await openSalon("garden", { memberId: eva.id, secret: eva.secret, title: "Salon" }, { origin: "https://evil.example" })).toEqual({ status: 403, body: { error: "FORBIDDEN" } });
    });

    it("allows an address a few tries, then 429 RATE_LIMITED", async () => {
      const headers = { "x-forwarded-for": "10.8.8.8" };
      clock.freeze();
      try {
        const statuses: number[] = [];
        for (let i = 0; i <= SALON_LIMIT.capacity; i += 1) statuses.push((await openSalon("garden", { memberId: ann.id, secret: ann.secret, title: "Salon" }, headers)).status);
        expect(statuses).toEqual([...Array.from({ length: SALON_LIMIT.capacity }, () => 403), 429]);
        clock.advance(60_000);
        expect((await openSalon("garden", { memberId: ann.id, secret: ann.secret, title: "Salon" }, headers)).status).toBe(403);
      } finally {
        clock.release();
      }
    });
  });

  describe("the pages", () => {
    const page = (path: string) => rawRequest(grove.url, { path, headers: { accept: "text/html", "x-forwarded-for": from() } });

    it("serves /growth, a member's /m/<id> and a collectible's /c/<id> as the page", async () => {
      const [stored] = await grove.store.memberCollectibles(ann.id);
      for (const path of ["/growth", `/m/${ann.id}`, `/c/${stored!.id}`]) {
        const answer = await page(path);
        expect([path, answer.status]).toEqual([path, 200]);
        expect(answer.headers["content-type"]).toMatch(/^text\/html/);
        expect(answer.body).toContain("<title>Grove</title>");
      }
    });

    it("serves the page with 404 for a member or collectible that does not exist", async () => {
      for (const path of [`/m/${UNKNOWN_MEMBER}`, "/m/nobody", `/m/${OPERATOR_MEMBER_ID}`, "/c/AAAAAAAAAAAA", "/c/x"]) {
        const answer = await page(path);
        expect([path, answer.status]).toEqual([path, 404]);
        expect(answer.body).toContain("<title>Grove</title>");
      }
    });
  });

  describe("/admin's growth fields", () => {
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${grove.url}/api/admin${path}`, {
        method,
        headers: { authorization: `Bearer ${grove.operatorToken}`, "content-type": "application/json", "x-forwarded-for": from() },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    it("creates and edits an event's tree goal, reward and member salons, and lists them", async () => {
      const created = await admin("POST", "/events", { slug: "grown", title: "Grown", treeGoal: 50, rewardText: "  A  shared   lunch ", rewardUrl: "https://example.org/lunch", memberSalons: false });
      expect(created.status).toBe(201);
      expect(((await created.json()) as { event: unknown }).event).toMatchObject({ treeGoal: 50, rewardText: "A shared lunch", rewardUrl: "https://example.org/lunch", memberSalons: false });
      const patched = await admin("PATCH", "/events/grown", { treeGoal: TREE_GOAL_MAX, rewardUrl: "", memberSalons: true });
      expect(patched.status).toBe(200);
      expect(((await patched.json()) as { event: unknown }).event).toMatchObject({ treeGoal: TREE_GOAL_MAX, rewardText: "A shared lunch", rewardUrl: null, memberSalons: true });
      const listed = (await (await admin("GET", "/events")).json()) as { events: { slug: string }[] };
      expect(listed.events.find((event) => event.slug === "garden")).toMatchObject({ treeGoal: 10, rewardText: "Tea for all", rewardUrl: "https://example.org/tea", memberSalons: true });
      // A past tree is drawn toward the goal as it is now.
      expect(await admin("PATCH", "/events/garden", { treeGoal: TREE_GOAL_MIN })).toHaveProperty("status", 200);
      expect(((await get("/api/events/garden/sessions")).body as { tree: { goal: number } }[])[0]!.tree.goal).toBe(TREE_GOAL_MIN);
    });

    it("refuses a goal out of range or not whole, a reward too long, and a link that is not a plain http(s) address", async () => {
      for (const patch of [
        { treeGoal: TREE_GOAL_MIN - 1 },
        { treeGoal: TREE_GOAL_MAX + 1 },
        { treeGoal: 12.5 },
        { treeGoal: "300" },
        { rewardText: "x".repeat(REWARD_TEXT_MAX_LENGTH + 1) },
        { rewardUrl: "javascript:alert(1)" },
        { rewardUrl: "https://user:pass@example.org/" },
        { rewardUrl: "https://user@example.org/" },
        { rewardUrl: "ftp://example.org/" },
        { rewardUrl: "https:example.org" },
        { rewardUrl: "/relative" },
        { rewardUrl: `https://example.org/${"x".repeat(500)}` },
        { memberSalons: "yes" },
      ]) {
        const response = await admin("PATCH", "/events/garden", patch);
        expect([patch, response.status, await response.json()]).toEqual([patch, 400, { error: "INVALID_REQUEST" }]);
      }
      expect(await grove.store.getEventBySlug("garden")).toMatchObject({ rewardText: "Tea for all", rewardUrl: "https://example.org/tea" });
    });
  });
});

describe("salonSlug", () => {
  it("keeps Latin letters and digits of the title, drops accents, and adds a random suffix", () => {
    expect(salonSlug("Café Philo 2")).toMatch(/^cafe-philo-2-[a-z0-9]{6}$/);
    expect(salonSlug("读书会")).toMatch(/^salon-[a-z0-9]{6}$/);
    expect(salonSlug("x".repeat(80))).toMatch(/^x{40}-[a-z0-9]{6}$/);
    expect(salonSlug("a b")).not.toBe(salonSlug("a b"));
  });
});
