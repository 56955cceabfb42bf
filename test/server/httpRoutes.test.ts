import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_EVENT } from "../../server/app.js";
import { JOIN_REFUSAL_CLOSE_CODE, PROTOCOL_VERSION, PublicEventResponse, PublicEventsResponse } from "../../shared/protocol/index.js";
import { joinVenue, startTestGrove, until, type TestGrove } from "../helpers/grove.js";
import { rawRequest } from "../helpers/http.js";

/** The plain HTTP routes: health, the page and its files, one event's public endpoint, and what an unknown path gets. */
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

describe("one event's public endpoint", () => {
  it("answers GET /api/events/<slug> with the event as the list shows it", async () => {
    const answer = await rawRequest(grove.url, { path: "/api/events/demo" });
    expect(answer.status).toBe(200);
    const { event } = PublicEventResponse.parse(JSON.parse(answer.body));
    expect(event).toEqual({ slug: "demo", title: DEMO_EVENT.title, description: "", live: false, online: 0, startsAt: null, endsAt: null });
    const list = PublicEventsResponse.parse(JSON.parse((await rawRequest(grove.url, { path: "/api/events" })).body));
    expect(list.events.find((e) => e.slug === "demo")).toEqual(event);
  });

  it("carries the description the operator gave the event, for the list and the lobby", async () => {
    await grove.store.createEvent({ slug: "described", title: "Described", description: "Tea, talk and a tree to plant.\n带一个问题来。", capacity: 20, now: Date.now() });
    const { event } = PublicEventResponse.parse(JSON.parse((await rawRequest(grove.url, { path: "/api/events/described" })).body));
    expect(event.description).toBe("Tea, talk and a tree to plant.\n带一个问题来。");
    const list = PublicEventsResponse.parse(JSON.parse((await rawRequest(grove.url, { path: "/api/events" })).body));
    expect(list.events.find((e) => e.slug === "described")?.description).toBe(event.description);
  });

  it("counts the members inside the event's venue", async () => {
    // A server of its own: rooms use the services of the server started last (the broken one above closed its store).
    const live = await startTestGrove({ clientDir });
    try {
      const { room } = await joinVenue(live.client, { eventSlug: "demo" });
      let event: unknown;
      await until(async () => {
        ({ event } = PublicEventResponse.parse(JSON.parse((await rawRequest(live.url, { path: "/api/events/demo" })).body)));
        return (event as { online: number }).online === 1;
      }, "the head-count to reach 1");
      expect(event).toMatchObject({ live: true, online: 1 });
      await room.leave();
    } finally {
      await live.dispose();
    }
  });

  for (const slug of ["no-such-event", "Demo", "-demo", "a".repeat(49), "%2e%2e", "demo%00", "%E6%BC%94"]) {
    it(`answers /api/events/${slug.slice(0, 20)} with a JSON 404`, async () => {
      const answer = await rawRequest(grove.url, { path: `/api/events/${slug}`, headers: { accept: "text/html" } });
      expect(answer.status).toBe(404);
      expect(answer.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body)).toEqual({ error: "NOT_FOUND" });
    });
  }
});

describe("the not-found page", () => {
  const browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  for (const path of ["/no-such-page", "/e/demo/extra", "/assets/missing.js", "/assets", "/favicon.ico", "/e/no-such-event", "/e/Not_A_Slug", "/e/" + "a".repeat(49), "/e/%E6%BC%94"]) {
    it(`answers a browser's GET ${path.slice(0, 24)} with 404 and the page, not to be cached`, async () => {
      const answer = await rawRequest(grove.url, { path, headers: { accept: browserAccept } });
      expect(answer.status).toBe(404);
      expect(answer.headers["content-type"]).toMatch(/^text\/html/);
      expect(answer.headers["cache-control"]).toBe("no-cache");
      expect(answer.body).toContain("<title>Grove</title>");
    });
  }

  it("answers an unknown event's link with the page and 404 whatever the request accepts", async () => {
    const answer = await rawRequest(grove.url, { path: "/e/no-such-event" });
    expect([answer.status, answer.headers["content-type"]]).toEqual([404, expect.stringMatching(/^text\/html/)]);
  });

  it("sends the not-found page whole: no validators, no partial or conditional answer", async () => {
    const first = await rawRequest(grove.url, { path: "/no-such-page", headers: { accept: "text/html" } });
    expect([first.headers.etag, first.headers["last-modified"]]).toEqual([undefined, undefined]);
    const conditional = await rawRequest(grove.url, {
      path: "/no-such-page",
      headers: { accept: "text/html", range: "bytes=0-3", "if-none-match": "*", "if-modified-since": new Date(Date.now() + 86_400_000).toUTCString(), "if-match": "\"nope\"" },
    });
    expect(conditional.status).toBe(404);
    expect(conditional.body).toBe(first.body);
  });

  it("answers HEAD for an unknown page with 404 and no body", async () => {
    const answer = await rawRequest(grove.url, { method: "HEAD", path: "/no-such-page", headers: { accept: "text/html" } });
    expect([answer.status, answer.body]).toEqual([404, ""]);
  });

  for (const path of ["/api/no-such-route", "/api", "/matchmake/nothing", "/healthz/extra"]) {
    it(`keeps ${path} JSON even for a browser`, async () => {
      const answer = await rawRequest(grove.url, { path, headers: { accept: browserAccept } });
      // Matchmaking refuses a GET with 405; the rest name nothing.
      expect(answer.status).toBe(path.startsWith("/matchmake") ? 405 : 404);
      expect(answer.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body)).toEqual(expect.objectContaining({ error: expect.any(String) }));
    });
  }

  for (const accept of [undefined, "*/*", "application/json", "application/json, text/html;q=0.5", "image/avif,image/webp,*/*"]) {
    it(`answers an unknown path with JSON to Accept: ${accept ?? "(none)"}`, async () => {
      const answer = await rawRequest(grove.url, { path: "/no-such-page", ...(accept ? { headers: { accept } } : {}) });
      expect([answer.status, answer.headers["content-type"]]).toEqual([404, expect.stringMatching(/^application\/json/)]);
      expect(JSON.parse(answer.body)).toEqual({ error: "NOT_FOUND" });
    });
  }

  it("answers 404 JSON, not the page, for a missing page while the client is not built", async () => {
    const unbuilt = await startTestGrove({ clientDir: join(clientDir, "no-such-build") });
    try {
      const answer = await rawRequest(unbuilt.url, { path: "/no-such-page", headers: { accept: browserAccept } });
      expect([answer.status, JSON.parse(answer.body)]).toEqual([404, { error: "NOT_FOUND" }]);
    } finally {
      await unbuilt.dispose();
    }
  });
});

describe("unknown paths", () => {
  for (const [method, path] of [["GET", "/api/no-such-route"], ["POST", "/api/no-such-route"], ["GET", "/api/events/demo/extra"], ["DELETE", "/api/events"], ["POST", "/no-such-page"]] as const) {
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

  for (const path of ["/e/%ff", "/assets/%ff.js", "/%E0%A4%A"]) {
    it(`answers ${path}, which does not decode, with 400 BAD_REQUEST, even to a browser`, async () => {
      const answer = await rawRequest(grove.url, { path, headers: { accept: "text/html" } });
      expect([answer.status, JSON.parse(answer.body)]).toEqual([400, { error: "BAD_REQUEST" }]);
    });
  }
});
