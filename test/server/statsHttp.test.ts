import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CommunityResponse,
  EventSessionsResponse,
  HealthHistoryResponse,
  SessionMembersResponse,
  SessionStatsResponse,
  StatsSettingsResponse,
} from "../../shared/protocol/stats.js";
import { HEALTH_INDICATORS } from "../../shared/rules/stats/types.js";
import { startTestGrove, TestClock, type TestGrove } from "../helpers/grove.js";
import { rawRequest } from "../helpers/http.js";
import { isStatsPagePath } from "../../server/http/routes.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";

const LOOK = { color: "#e4572e", shape: "tall", accessory: "hat" } as const;
const MINUTE = 60_000;

/**
 * The operator's statistics routes against a real Grove (docs/statistics.md, "API"): every route behind the operator
 * token, each answering its shape; hostile slugs, session ids and bodies refused with a 4xx and a code, never a 500.
 * Each call speaks from an address of its own (X-Forwarded-For behind `trust proxy`), so the budget of wrong tokens
 * of one address never refuses another test's call.
 */
describe.each(databaseTargets("grove_stats_http_test"))("the statistics over HTTP on %s", (_dialect, database) => {
  let grove: TestGrove;
  let isolated: DatabaseTarget | undefined;
  let clientDir = "";
  let address = 0;
  let sessionId = "";
  let liveId = "";
  const clock = new TestClock();
  const from = () => `10.14.${Math.floor(++address / 250)}.${address % 250}`;

  const call = async <T = unknown>(method: string, path: string, options: { body?: unknown; token?: string | null; raw?: string } = {}) => {
    const headers: Record<string, string> = { "x-forwarded-for": from() };
    if (options.token !== null) headers.authorization = `Bearer ${options.token ?? grove.operatorToken}`;
    const text = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (text !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${grove.url}${path}`, { method, headers, ...(text !== undefined ? { body: text } : {}) });
    const type = response.headers.get("content-type") ?? "";
    const body = type.includes("json") ? ((await response.json()) as T & { error?: string }) : (undefined as unknown as T & { error?: string });
    return { status: response.status, body };
  };

  beforeAll(async () => {
    clientDir = mkdtempSync(join(tmpdir(), "grove-stats-client-"));
    mkdirSync(join(clientDir, "assets"));
    writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>Grove</title>");
    isolated = await database();
    grove = await startTestGrove({ clientDir, trustProxy: true, now: clock.now, ...(isolated.url ? { databaseUrl: isolated.url } : {}) });
    const event = await grove.store.createEvent({ slug: "garden", title: "Garden", capacity: 50, now: 0 });
    const ann = await grove.store.createMember({ name: "Ann", look: LOOK, now: 0 });
    const bo = await grove.store.createMember({ name: "Bo", look: LOOK, now: 0 });
    const start = clock.now();
    sessionId = (await grove.store.openOrResumeSession(event!.id, start)).id;
    await grove.store.recordJoin(sessionId, ann.id, start);
    await grove.store.recordJoin(sessionId, bo.id, start + MINUTE);
    await grove.store.appendInteraction({ sessionId, memberId: ann.id, at: start + 2 * MINUTE, kind: "chat", detail: { text: "hello", id: "l1", name: "Ann", instance: 1 } });
    await grove.store.closeSession(sessionId, start + 10 * MINUTE);
    await grove.store.settled();
    const other = await grove.store.createEvent({ slug: "tea", title: "Tea", capacity: 50, now: 0 });
    liveId = (await grove.store.openOrResumeSession(other!.id, start + 20 * MINUTE)).id;
    await grove.store.recordJoin(liveId, ann.id, start + 20 * MINUTE);
  });

  afterAll(async () => {
    await grove?.dispose();
    await isolated?.cleanup();
    rmSync(clientDir, { recursive: true, force: true });
  });

  const routes = (): [string, string][] => [
    ["GET", "/api/admin/stats/events/garden/sessions"],
    ["GET", `/api/admin/stats/sessions/${sessionId}`],
    ["GET", `/api/admin/stats/sessions/${sessionId}/members`],
    ["GET", "/api/admin/stats/events/garden/community"],
    ["GET", "/api/admin/stats/community"],
    ["GET", "/api/admin/stats/events/garden/health"],
    ["POST", "/api/admin/stats/events/garden/settings"],
    ["POST", "/api/admin/stats/events/garden/webhook-test"],
  ];

  it("refuses every route without the operator token, or with a wrong one", async () => {
    for (const [method, path] of routes()) {
      const body = method === "POST" ? { webhookUrl: "https://attacker.example/hook" } : undefined;
      const missing = await call(method, path, { token: null, ...(body ? { body } : {}) });
      const wrong = await call(method, path, { token: `${grove.operatorToken}x`, ...(body ? { body } : {}) });
      expect([path, missing.status, missing.body.error, wrong.status, wrong.body.error]).toEqual([path, 401, "UNAUTHORIZED", 401, "UNAUTHORIZED"]);
    }
    expect((await call<StatsSettingsResponse>("POST", "/api/admin/stats/events/garden/settings", { body: {} })).body.settings.webhookUrl).toBe("");
  });

  it("lists the event's sessions", async () => {
    const { status, body } = await call<EventSessionsResponse>("GET", "/api/admin/stats/events/garden/sessions");
    expect(status).toBe(200);
    expect(body.event).toEqual({ slug: "garden", title: "Garden" });
    expect(body.sessions).toHaveLength(1);
    expect(body.sessions[0]).toMatchObject({ sessionId, live: false, members: 2, peak: 2, interactions: 1 });
  });

  it("answers a session's figures, health and members; a live one as live", async () => {
    const { status, body } = await call<SessionStatsResponse>("GET", `/api/admin/stats/sessions/${sessionId}`);
    expect(status).toBe(200);
    expect(body.live).toBe(false);
    expect(body.report.attendance.members).toBe(2);
    expect(body.report.chat.lines).toBe(1);
    expect(body.health.map((reading) => reading.id)).toEqual([...HEALTH_INDICATORS]);
    const members = await call<SessionMembersResponse>("GET", `/api/admin/stats/sessions/${sessionId}/members`);
    expect(members.status).toBe(200);
    expect(members.body.members.map((member) => member.name).sort()).toEqual(["Ann", "Bo"]);
    const live = await call<SessionStatsResponse>("GET", `/api/admin/stats/sessions/${liveId}`);
    expect([live.status, live.body.live, live.body.event.slug]).toEqual([200, true, "tea"]);
  });

  it("answers the event's and the community's report, and the event's health", async () => {
    const event = await call<CommunityResponse>("GET", "/api/admin/stats/events/garden/community");
    expect([event.status, event.body.scope]).toEqual([200, { slug: "garden", title: "Garden" }]);
    expect(event.body.report.sessions).toHaveLength(1);
    const all = await call<CommunityResponse>("GET", "/api/admin/stats/community");
    expect([all.status, all.body.scope, all.body.report.sessions.length]).toEqual([200, null, 2]);
    const health = await call<HealthHistoryResponse>("GET", "/api/admin/stats/events/garden/health");
    expect(health.status).toBe(200);
    expect(health.body.sessions.map((session) => session.sessionId)).toEqual([sessionId]);
    expect(health.body.readings).toHaveLength(HEALTH_INDICATORS.length);
    expect(health.body.settings.thresholds.speakers).toBeDefined();
  });

  it("saves settings and refuses a test alert without a webhook", async () => {
    const saved = await call<StatsSettingsResponse>("POST", "/api/admin/stats/events/garden/settings", {
      body: { thresholds: { speakers: { when: "below", value: 2, notify: true } }, webhookUrl: "" },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.thresholds.speakers).toEqual({ when: "below", value: 2, notify: true });
    const test = await call("POST", "/api/admin/stats/events/garden/webhook-test");
    expect([test.status, test.body.error]).toEqual([409, "NO_WEBHOOK"]);
    const unreachable = await call<StatsSettingsResponse>("POST", "/api/admin/stats/events/garden/settings", { body: { webhookUrl: "http://127.0.0.1:1/hook" } });
    expect(unreachable.status).toBe(200);
    const tried = await call("POST", "/api/admin/stats/events/garden/webhook-test");
    expect([tried.status, tried.body]).toEqual([200, { delivered: false, status: null }]);
  });

  it("refuses hostile slugs with 404 EVENT_NOT_FOUND", async () => {
    const slugs = ["nowhere", "__proto__", "constructor", "%00", "a%00b", "x".repeat(10_000), "..%2F..%2Fetc", "Garden", "gar den"];
    for (const slug of slugs) {
      for (const suffix of ["sessions", "community", "health"]) {
        const answer = await call("GET", `/api/admin/stats/events/${slug}/${suffix}`);
        expect([slug.slice(0, 20), suffix, answer.status, answer.body?.error]).toEqual([slug.slice(0, 20), suffix, 404, "EVENT_NOT_FOUND"]);
      }
      for (const suffix of ["settings", "webhook-test"]) {
        const answer = await call("POST", `/api/admin/stats/events/${slug}/${suffix}`, { body: {} });
        expect([slug.slice(0, 20), suffix, answer.status, answer.body?.error]).toEqual([slug.slice(0, 20), suffix, 404, "EVENT_NOT_FOUND"]);
      }
    }
    // "%2E%2E" is "..": the address resolves to another path, which no route serves.
    const dots = await call("GET", "/api/admin/stats/events/%2E%2E/sessions");
    expect([dots.status, dots.body?.error]).toEqual([404, "NOT_FOUND"]);
  });

  it("refuses hostile session ids with 404 UNKNOWN_SESSION", async () => {
    const ids = ["no-such-session", "__proto__", "constructor", "%00", "a%00b", "x".repeat(10_000), "..%2F..%2Fetc", "%2E%2E%2Fx", "a.b", "%E4%BD%A0"];
    for (const id of ids) {
      for (const suffix of ["", "/members"]) {
        const answer = await call("GET", `/api/admin/stats/sessions/${id}${suffix}`);
        expect([id.slice(0, 20), suffix, answer.status, answer.body?.error]).toEqual([id.slice(0, 20), suffix, 404, "UNKNOWN_SESSION"]);
      }
    }
    // A raw "../" in the path (no client normalising it) never reaches another route with the token's rights.
    const raw = await rawRequest(grove.url, { path: "/api/admin/stats/sessions/../../events", headers: { authorization: `Bearer ${grove.operatorToken}`, "x-forwarded-for": from() } });
    expect(raw.status).toBeGreaterThanOrEqual(400);
    expect(raw.status).toBeLessThan(500);
  });

  it("refuses hostile settings bodies with a 4xx and a code, and keeps the settings", async () => {
    const before = (await call<StatsSettingsResponse>("POST", "/api/admin/stats/events/garden/settings", { body: {} })).body.settings;
    const path = "/api/admin/stats/events/garden/settings";
    const cases: [string, { body?: unknown; raw?: string }, number, string][] = [
      ["oversized", { raw: JSON.stringify({ webhookUrl: `https://example.org/${"a".repeat(8_000)}` }) }, 413, "BODY_TOO_LARGE"],
      ["not JSON", { raw: "{thresholds:" }, 400, "INVALID_REQUEST"],
      ["an array", { body: [] }, 400, "INVALID_REQUEST"],
      ["null", { body: null }, 400, "INVALID_REQUEST"],
      ["an unknown key", { body: { admin: true } }, 400, "INVALID_REQUEST"],
      ["__proto__", { raw: '{"__proto__":{"polluted":true}}' }, 400, "INVALID_REQUEST"],
      ["an unknown indicator", { body: { thresholds: { happiness: { when: "below", value: 1, notify: true } } } }, 400, "INVALID_REQUEST"],
      ["a threshold of the wrong shape", { body: { thresholds: { speakers: { when: "sometimes", value: 1, notify: true } } } }, 400, "INVALID_REQUEST"],
      ["a threshold as text", { body: { thresholds: { speakers: { when: "below", value: "1", notify: true } } } }, 400, "INVALID_REQUEST"],
      ["a huge threshold", { raw: '{"thresholds":{"speakers":{"when":"below","value":1e308,"notify":true}}}' }, 400, "INVALID_REQUEST"],
      ["thresholds as a list", { body: { thresholds: [1, 2] } }, 400, "INVALID_REQUEST"],
      ["a javascript: webhook", { body: { webhookUrl: "javascript:alert(1)" } }, 400, "INVALID_WEBHOOK"],
      ["credentials in the webhook", { body: { webhookUrl: "https://user:secret@example.org/hook" } }, 400, "INVALID_WEBHOOK"],
      ["a user name in the webhook", { body: { webhookUrl: "https://user@example.org/hook" } }, 400, "INVALID_WEBHOOK"],
      ["a file: webhook", { body: { webhookUrl: "file:///etc/passwd" } }, 400, "INVALID_WEBHOOK"],
      ["a webhook with a NUL", { body: { webhookUrl: "https://example.org/\u0000" } }, 400, "INVALID_WEBHOOK"],
      ["a webhook that is not a URL", { body: { webhookUrl: "not a url" } }, 400, "INVALID_WEBHOOK"],
      ["a too long webhook", { body: { webhookUrl: `https://example.org/${"a".repeat(600)}` } }, 400, "INVALID_WEBHOOK"],
      ["a webhook that is a number", { body: { webhookUrl: 42 } }, 400, "INVALID_REQUEST"],
    ];
    for (const [what, request, status, code] of cases) {
      const answer = await call("POST", path, request);
      expect([what, answer.status, answer.body?.error]).toEqual([what, status, code]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const after = (await call<StatsSettingsResponse>("POST", path, { body: {} })).body.settings;
    expect(after).toEqual(before);
  });
});

describe("the statistics pages' paths", () => {
  it("serves the community, an event, a session and a compare page, and nothing else under /admin/stats", () => {
    for (const path of ["/admin/stats", "/admin/stats/", "/admin/stats/demo", "/admin/stats/demo/session/abc-123", "/admin/stats/demo/compare/a1/b_2/", "/admin/stats/%64emo"]) {
      expect(isStatsPagePath(path), path).toBe(true);
    }
    for (const path of [
      "/admin/stats/Not A Slug",
      "/admin/stats/demo/session",
      "/admin/stats/demo/session/a/b",
      "/admin/stats/demo/compare/a",
      "/admin/stats/demo/other/a",
      "/admin/stats/demo/session/..%2F..",
      "/admin/stats/%E0%A4%A",
      `/admin/stats/demo/session/${"x".repeat(65)}`,
    ]) {
      expect(isStatsPagePath(path), path).toBe(false);
    }
  });
});
