import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOIN_REFUSAL_CLOSE_CODE, PROTOCOL_VERSION } from "../../shared/protocol/index.js";
import { startTestGrove, type TestGrove } from "../helpers/grove.js";
import { rawRequest } from "../helpers/http.js";

/** The plain HTTP routes: health, the page and its files, and what an unknown path gets. */
let grove: TestGrove;
let clientDir: string;
const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

beforeAll(async () => {
  // A stand-in for the built client: a page, a hashed bundle as vite names them, and a file without a hash.
  clientDir = mkdtempSync(join(tmpdir(), "grove-client-"));
  mkdirSync(join(clientDir, "assets"));
  writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>Grove</title>");
  writeFileSync(join(clientDir, "assets", "index-AbCd12_-.js"), "export {}");
  writeFileSync(join(clientDir, "assets", "logo.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  writeFileSync(join(clientDir, "assets", "index-AbCd12_-.json"), "{}");
  writeFileSync(join(clientDir, "assets", "index-AbCd12_-.js.map"), "{\"version\":3}");
  grove = await startTestGrove({ clientDir });
});
afterAll(async () => {
  await grove.dispose();
  rmSync(clientDir, { recursive: true, force: true });
});

describe("/healthz", () => {
  it("answers 200 with the version while the database answers", async () => {
    const answer = await rawRequest(grove.url, { path: "/healthz" });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, version, protocolVersion: PROTOCOL_VERSION, database: { ok: true, dialect: "sqlite" } });
  });

  it("answers 503 once the database is down, and the event list fails with INTERNAL", async () => {
    const broken = await startTestGrove();
    try {
      await broken.store.close();
      const health = await rawRequest(broken.url, { path: "/healthz" });
      expect(health.status).toBe(503);
      expect(JSON.parse(health.body)).toEqual({ ok: false, version, protocolVersion: PROTOCOL_VERSION, database: { ok: false, dialect: "sqlite" } });
      const events = await rawRequest(broken.url, { path: "/api/events" });
      expect([events.status, JSON.parse(events.body)]).toEqual([500, { error: "INTERNAL" }]);
    } finally {
      await broken.dispose().catch(() => undefined);
    }
  });
});

describe("the page", () => {
  for (const path of ["/", "/e/demo"]) {
    it(`serves ${path} with Cache-Control: no-cache, so a deploy reaches every visitor`, async () => {
      const answer = await rawRequest(grove.url, { path });
      expect(answer.status).toBe(200);
      expect(answer.headers["content-type"]).toMatch(/^text\/html/);
      expect(answer.headers["cache-control"]).toBe("no-cache");
      expect(answer.body).toContain("<title>Grove</title>");
    });
  }

  it("marks hashed bundles immutable for a year and other files fresh for an hour", async () => {
    const bundle = await rawRequest(grove.url, { path: "/assets/index-AbCd12_-.js" });
    expect([bundle.status, bundle.headers["cache-control"]]).toEqual([200, "public, max-age=31536000, immutable"]);
    for (const path of ["/assets/logo.svg", "/assets/index-AbCd12_-.json"]) {
      const file = await rawRequest(grove.url, { path });
      expect([file.status, file.headers["cache-control"]]).toEqual([200, "public, max-age=3600"]);
    }
  });

  it("answers a source map with a JSON 404 even when the build has one", async () => {
    const answer = await rawRequest(grove.url, { path: "/assets/index-AbCd12_-.js.map" });
    expect([answer.status, JSON.parse(answer.body)]).toEqual([404, { error: "NOT_FOUND" }]);
  });

  it("says how to build the client when it is missing, as plain text with 503", async () => {
    const unbuilt = await startTestGrove({ clientDir: join(clientDir, "no-such-build") });
    try {
      const answer = await rawRequest(unbuilt.url, { path: "/e/demo" });
      expect(answer.status).toBe(503);
      expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
      expect(answer.body).toContain("npm run build");
    } finally {
      await unbuilt.dispose();
    }
  });
});

describe("request bodies", () => {
  it("reads a body of up to 4 KB outside matchmaking and refuses a larger one unread", async () => {
    const post = (bytes: number) => rawRequest(grove.url, { method: "POST", path: "/api/no-such-route", headers: { "content-type": "application/json", "content-length": bytes }, body: " ".repeat(bytes) });
    expect((await post(4096)).status).toBe(404);
    const over = await post(4097);
    expect([over.status, JSON.parse(over.body)]).toEqual([413, { error: "BODY_TOO_LARGE" }]);
  });

  it("leaves a join body to matchmaking, whose refusal carries the join-refusal code", async () => {
    const answer = await rawRequest(grove.url, { method: "POST", path: "/matchmake/joinOrCreate/venue", headers: { "content-type": "application/json", "content-length": 5000 }, body: " ".repeat(5000) });
    expect([answer.status, JSON.parse(answer.body)]).toEqual([413, { code: JOIN_REFUSAL_CLOSE_CODE, error: "BODY_TOO_LARGE" }]);
  });
});

describe("unknown paths", () => {
  for (const [method, path] of [["GET", "/api/no-such-route"], ["POST", "/api/no-such-route"], ["GET", "/api/events/demo"], ["DELETE", "/api/events"]] as const) {
    it(`answers ${method} ${path} with a JSON 404, never the page`, async () => {
      const answer = await rawRequest(grove.url, { method, path });
      expect(answer.status).toBe(404);
      expect(answer.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body)).toEqual({ error: "NOT_FOUND" });
    });
  }

  it("answers a path outside the API and the page with a JSON 404 too", async () => {
    const answer = await rawRequest(grove.url, { path: "/e/demo/extra" });
    expect([answer.status, JSON.parse(answer.body)]).toEqual([404, { error: "NOT_FOUND" }]);
  });

  it("answers a path that does not decode with 400 BAD_REQUEST", async () => {
    const answer = await rawRequest(grove.url, { path: "/e/%ff" });
    expect([answer.status, JSON.parse(answer.body)]).toEqual([400, { error: "BAD_REQUEST" }]);
  });
});
