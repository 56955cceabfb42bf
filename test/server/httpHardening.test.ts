import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinOptions, startTestGrove, type TestGrove } from "../helpers/grove.js";
import { rawRequest } from "../helpers/http.js";

let grove: TestGrove;
let clientDir: string;
beforeAll(async () => {
  // A stand-in for the built client: what is served, and what is not, is the server's decision.
  clientDir = mkdtempSync(join(tmpdir(), "grove-client-"));
  mkdirSync(join(clientDir, "assets"));
  writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>Grove</title><script type=module src=/assets/app.js></script>");
  writeFileSync(join(clientDir, "assets", "app.js"), "console.log(1)");
  writeFileSync(join(clientDir, "assets", "app.js.map"), "{\"version\":3,\"sources\":[\"/work/secret.ts\"]}");
  grove = await startTestGrove({ clientDir });
});
afterAll(async () => {
  await grove.dispose();
  rmSync(clientDir, { recursive: true, force: true });
});

describe("request bodies", () => {
  it("refuses a matchmaking body that declares 600 MB with 413 before reading it", async () => {
    const answer = await rawRequest(grove.url, {
      method: "POST",
      path: "/matchmake/joinOrCreate/venue",
      headers: { "content-type": "application/json", "content-length": 600 * 1024 * 1024 },
      stream: { chunk: Buffer.alloc(64 * 1024, 0x20), count: 9600 },
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "BODY_TOO_LARGE" });
    // Answered long before the body could have been read: at most a few socket buffers went out.
    expect(answer.bytesSent).toBeLessThan(32 * 1024 * 1024);
  });

  it("refuses a chunked body without a length once it passes 4 KB", async () => {
    const answer = await rawRequest(grove.url, {
      method: "POST",
      path: "/matchmake/joinOrCreate/venue",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      stream: { chunk: Buffer.alloc(1024, 0x20), count: 100_000 },
    });
    expect(answer.status).toBe(413);
    expect(answer.bytesSent).toBeLessThan(100_000 * 1024);
  });

  it("refuses a large body on any other route without reading it", async () => {
    const answer = await rawRequest(grove.url, { method: "POST", path: "/api/events", headers: { "content-length": 10 * 1024 * 1024 } });
    expect(answer.status).toBe(413);
  });

  it("still accepts a normal join body", async () => {
    const answer = await rawRequest(grove.url, { method: "POST", path: "/matchmake/joinOrCreate/venue", headers: { "content-type": "application/json" }, body: JSON.stringify(joinOptions()) });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ sessionId: expect.any(String), room: { name: "venue" } });
  });

  it("refuses a body that is not a JSON object with a code", async () => {
    for (const body of ["not json", "[1,2]", "\"x\""]) {
      const answer = await rawRequest(grove.url, { method: "POST", path: "/matchmake/joinOrCreate/venue", headers: { "content-type": "application/json" }, body });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ error: "INVALID_JOIN" });
    }
  });
});

describe("matchmaking methods", () => {
  for (const method of ["create", "join", "joinById", "toString", "__proto__"]) {
    it(`closes ${method}: only the server opens instances`, async () => {
      const before = (await grove.store.db.selectFrom("sessions").select("id").execute()).length;
      const answer = await rawRequest(grove.url, { method: "POST", path: `/matchmake/${method}/venue`, headers: { "content-type": "application/json" }, body: JSON.stringify(joinOptions()) });
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body)).toMatchObject({ error: "UNKNOWN_MESSAGE" });
      expect((await grove.store.db.selectFrom("sessions").select("id").execute()).length).toBe(before);
    });
  }

  it("refuses a client's create call through colyseus.js", async () => {
    await expect(grove.client.create("venue", joinOptions())).rejects.toThrow("UNKNOWN_MESSAGE");
  });
});

describe("origins", () => {
  const join = (origin: string) => rawRequest(grove.url, { method: "POST", path: "/matchmake/joinOrCreate/venue", headers: { "content-type": "application/json", origin }, body: JSON.stringify(joinOptions()) });

  it("refuses a join from another site and reflects nothing", async () => {
    const answer = await join("https://evil.example");
    expect(answer.status).toBe(403);
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
    const preflight = await rawRequest(grove.url, { method: "OPTIONS", path: "/matchmake/joinOrCreate/venue", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("allows the server's own origin", async () => {
    const answer = await join(grove.url);
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBe(grove.url);
  });

  it("allows an origin the operator listed, and only that one", async () => {
    const listed = await startTestGrove({ allowedOrigins: ["https://community.example"] });
    try {
      const ok = await rawRequest(listed.url, { method: "POST", path: "/matchmake/joinOrCreate/venue", headers: { "content-type": "application/json", origin: "https://community.example" }, body: JSON.stringify(joinOptions()) });
      expect([ok.status, ok.headers["access-control-allow-origin"]]).toEqual([200, "https://community.example"]);
      const other = await rawRequest(listed.url, { method: "POST", path: "/matchmake/joinOrCreate/venue", headers: { "content-type": "application/json", origin: "https://community.example.evil" }, body: JSON.stringify(joinOptions()) });
      expect(other.status).toBe(403);
    } finally {
      await listed.dispose();
    }
  });
});

describe("errors and leaks", () => {
  it("answers a path that does not decode with a code, never a stack or a server path", async () => {
    for (const path of ["/e/%ff%fe", "/e/%E0%A4%A", "/%c0%ae%c0%ae/etc/passwd"]) {
      const answer = await rawRequest(grove.url, { path });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body).not.toMatch(/\bat\s|node_modules|\/work\/|URIError|Error:/);
      expect(JSON.parse(answer.body)).toHaveProperty("error");
    }
  });

  it("answers a failure inside matchmaking (the database is gone) with INTERNAL, not a stack or a seat refusal", async () => {
    const broken = await startTestGrove();
    try {
      await broken.store.close();
      const answer = await rawRequest(broken.url, { method: "POST", path: "/matchmake/joinOrCreate/venue", headers: { "content-type": "application/json" }, body: JSON.stringify(joinOptions()) });
      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.body)).toEqual({ code: 4400, error: "INTERNAL" });
      const health = await rawRequest(broken.url, { path: "/healthz" });
      expect(health.status).toBe(503);
      expect(health.body).not.toMatch(/driver|destroy|Error/i);
    } finally {
      await broken.dispose().catch(() => undefined);
    }
  });

  it("does not serve source maps unless configured to", async () => {
    expect((await rawRequest(grove.url, { path: "/assets/app.js" })).status).toBe(200);
    const map = await rawRequest(grove.url, { path: "/assets/app.js.map" });
    expect(map.status).toBe(404);
    expect(map.body).not.toContain("secret.ts");
    const open = await startTestGrove({ clientDir, serveSourceMaps: true });
    try {
      expect((await rawRequest(open.url, { path: "/assets/app.js.map" })).status).toBe(200);
    } finally {
      await open.dispose();
    }
  });
});

describe("security headers", () => {
  function directives(csp: string | string[] | undefined): Map<string, string[]> {
    const text = Array.isArray(csp) ? csp.join(";") : (csp ?? "");
    return new Map(text.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
  }

  for (const path of ["/", "/e/demo", "/api/events", "/healthz", "/assets/app.js", "/no/such/page"]) {
    it(`sends a strict CSP and the usual headers on ${path}`, async () => {
      const answer = await rawRequest(grove.url, { path });
      const csp = directives(answer.headers["content-security-policy"]);
      expect(csp.get("script-src")).toEqual(["'self'"]);
      expect(csp.get("default-src")).toEqual(["'self'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'self'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(answer.headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(answer.headers["x-powered-by"]).toBeUndefined();
    });
  }

  it("lets an operator allow embedding by named sites", async () => {
    const embedded = await startTestGrove({ clientDir, frameAncestors: ["'self'", "https://community.example"] });
    try {
      const answer = await rawRequest(embedded.url, { path: "/e/demo" });
      expect(directives(answer.headers["content-security-policy"]).get("frame-ancestors")).toEqual(["'self'", "https://community.example"]);
      expect(answer.headers["x-frame-options"]).toBeUndefined();
    } finally {
      await embedded.dispose();
    }
  });
});
