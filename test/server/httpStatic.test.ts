import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGrove, type TestGrove } from "../helpers/grove.js";

/**
 * The built client's files over HTTP: the brotli or gzip copy the build wrote beside each text file when the browser
 * accepts it, the file itself otherwise, with the headers a cache needs to keep them apart.
 */
let grove: TestGrove;
let clientDir: string;

const BUNDLE = "/assets/index-AbCd12_-.js";
const STYLES = "/assets/index-XyZ98_-a.css";
const UNCOMPRESSED = "/assets/tiny-Qq11Ww22.js";

/** A stand-in for `vite build` output: files with .br and .gz copies beside them, as vite-plugin-compression2 writes them. */
function writeWithCopies(path: string, text: string): void {
  const bytes = Buffer.from(text);
  writeFileSync(join(clientDir, path), bytes);
  writeFileSync(join(clientDir, `${path}.br`), brotliCompressSync(bytes));
  writeFileSync(join(clientDir, `${path}.gz`), gzipSync(bytes));
}

const original = (path: string) => readFileSync(join(clientDir, path));

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

/** One exchange with the raw bytes of the body: nothing here decodes what the server sent. */
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(grove.url);
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

function decode(answer: Answer): Buffer {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(answer.body);
  if (encoding === "gzip") return gunzipSync(answer.body);
  expect(encoding).toBeUndefined();
  return answer.body;
}

beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), "grove-static-"));
  mkdirSync(join(clientDir, "assets"));
  writeWithCopies("/index.html", `<!doctype html><html lang="en"><title>Grove</title><body>${"<p>春季沙龙 · Spring salon</p>".repeat(40)}</body></html>`);
  writeWithCopies(BUNDLE, `export const lines = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `line ${i} 树`))};\n`);
  writeWithCopies(STYLES, `.grove{color:#2e7d32}\n`.repeat(100));
  // Below the build's threshold: no copies, so nothing to vary on.
  writeFileSync(join(clientDir, UNCOMPRESSED.slice(1)), "export {}");
  writeFileSync(join(clientDir, "assets", "index-AbCd12_-.js.map"), "{\"version\":3}");
  // What Vite copies from the repository's assets/ folder: a stage-screen video and a page that is not one.
  mkdirSync(join(clientDir, "video"));
  writeFileSync(join(clientDir, "video", "intro.webm"), Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251)));
  writeFileSync(join(clientDir, "video", "notes.txt"), "not a video");
  grove = await startTestGrove({ clientDir });
});
afterAll(async () => {
  await grove.dispose();
  rmSync(clientDir, { recursive: true, force: true });
});

describe("choosing an encoding", () => {
  const cases: Array<[string | undefined, "br" | "gzip" | undefined]> = [
    ["gzip, deflate, br, zstd", "br"],
    ["br", "br"],
    ["gzip;q=1.0, br;q=0.5", "br"],
    ["*", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["deflate", undefined],
    ["identity", undefined],
    ["", undefined],
    [undefined, undefined],
  ];
  for (const [accept, expected] of cases) {
    it(`answers Accept-Encoding ${accept === undefined ? "(none)" : JSON.stringify(accept)} with ${expected ?? "the file itself"}`, async () => {
      const answer = await get(BUNDLE, accept === undefined ? {} : { "accept-encoding": accept });
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"]).toBe(expected);
      expect(answer.headers.vary).toBe("Accept-Encoding");
      expect(answer.headers["content-type"]).toMatch(/^(application|text)\/javascript; charset=utf-8$/i);
      expect(Number(answer.headers["content-length"])).toBe(answer.body.length);
      expect(decode(answer).equals(original(BUNDLE))).toBe(true);
      if (expected) expect(answer.body.length).toBeLessThan(original(BUNDLE).length);
    });
  }

  it("sends the bytes of the copy the build wrote, labelled as the file it encodes", async () => {
    for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]] as const) {
      const answer = await get(STYLES, { "accept-encoding": encoding });
      expect(answer.body.equals(original(STYLES + suffix))).toBe(true);
      expect(answer.headers["content-type"]).toBe("text/css; charset=utf-8");
      expect(decode(answer).toString()).toBe(original(STYLES).toString());
    }
  });

  it("gives each encoding its own validator, so a cache never answers one with another", async () => {
    const tags = await Promise.all(["br", "gzip", "identity"].map(async (encoding) => (await get(BUNDLE, { "accept-encoding": encoding })).headers.etag));
    expect(new Set(tags).size).toBe(3);
  });

  it("never labels an answer brotli when the copy vanished under a running server", async () => {
    writeWithCopies("/assets/gone-Zz99Yy88.js", "export const gone = true;\n".repeat(50));
    const rebuilt = await startTestGrove({ clientDir });
    try {
      rmSync(join(clientDir, "assets", "gone-Zz99Yy88.js.br"));
      const answer = await fetch(`${rebuilt.url}/assets/gone-Zz99Yy88.js`, { headers: { "accept-encoding": "br" } });
      expect(answer.headers.get("content-encoding")).toBeNull();
      expect([answer.status, await answer.json()]).toEqual([404, { error: "NOT_FOUND" }]);
    } finally {
      await rebuilt.dispose();
    }
  });

  it("serves a file without copies as it is, with nothing to vary on", async () => {
    const answer = await get(UNCOMPRESSED, { "accept-encoding": "br, gzip" });
    expect(answer.status).toBe(200);
    expect([answer.headers["content-encoding"], answer.headers.vary]).toEqual([undefined, undefined]);
    expect(answer.body.toString()).toBe("export {}");
  });
});

describe("cache headers under every encoding", () => {
  for (const encoding of ["br", "gzip", "identity"]) {
    it(`keeps hashed bundles immutable for a year (${encoding})`, async () => {
      for (const path of [BUNDLE, STYLES]) {
        const answer = await get(path, { "accept-encoding": encoding });
        expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      }
    });

    it(`serves the page on /, /e/demo and /admin compressed when accepted, never cached unchecked (${encoding})`, async () => {
      for (const path of ["/", "/e/demo", "/e/demo?host=abc", "/admin", "/admin/"]) {
        const answer = await get(path, { "accept-encoding": encoding, accept: "text/html" });
        expect(answer.status).toBe(200);
        expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
        expect(answer.headers["cache-control"]).toBe("no-cache");
        expect(answer.headers.vary).toBe("Accept-Encoding");
        expect(answer.headers["content-encoding"]).toBe(encoding === "identity" ? undefined : encoding);
        expect(decode(answer).equals(original("/index.html"))).toBe(true);
      }
    });

    it(`sends the not-found page compressed too, with 404 (${encoding})`, async () => {
      for (const path of ["/no-such-page", "/admin/events", "/administrator"]) {
        const answer = await get(path, { "accept-encoding": encoding, accept: "text/html" });
        expect(answer.status, path).toBe(404);
        expect([answer.headers["cache-control"], answer.headers["content-encoding"]]).toEqual(["no-cache", encoding === "identity" ? undefined : encoding]);
        expect(decode(answer).equals(original("/index.html"))).toBe(true);
      }
    });
  }
});

describe("conditional, partial and HEAD requests", () => {
  it("answers a revalidation of the page with 304 while it is unchanged", async () => {
    const first = await get("/e/demo", { "accept-encoding": "br" });
    const again = await get("/e/demo", { "accept-encoding": "br", "if-none-match": String(first.headers.etag) });
    expect([again.status, again.body.length]).toEqual([304, 0]);
  });

  it("sends a range of the file itself, and of the encoded copy when one is chosen", async () => {
    const plain = await get(BUNDLE, { range: "bytes=0-9" });
    expect(plain.status).toBe(206);
    expect(plain.body.equals(original(BUNDLE).subarray(0, 10))).toBe(true);
    expect(plain.headers["content-range"]).toBe(`bytes 0-9/${original(BUNDLE).length}`);
    const encoded = await get(BUNDLE, { range: "bytes=5-", "accept-encoding": "br" });
    expect(encoded.status).toBe(206);
    expect(encoded.headers["content-encoding"]).toBe("br");
    expect(encoded.body.equals(original(`${BUNDLE}.br`).subarray(5))).toBe(true);
  });

  it("answers HEAD with a GET's headers and no body", async () => {
    for (const encoding of ["br", "identity"]) {
      const head = await get(BUNDLE, { "accept-encoding": encoding }, "HEAD");
      const full = await get(BUNDLE, { "accept-encoding": encoding });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const header of ["content-length", "content-encoding", "content-type", "etag", "vary", "cache-control"]) expect(head.headers[header]).toEqual(full.headers[header]);
    }
  });
});

describe("source maps", () => {
  it("stays a JSON 404 unless the operator asks for maps, then is served", async () => {
    const refused = await get("/assets/index-AbCd12_-.js.map", { "accept-encoding": "br", accept: "text/html" });
    expect([refused.status, JSON.parse(refused.body.toString())]).toEqual([404, { error: "NOT_FOUND" }]);
    const withMaps = await startTestGrove({ clientDir, serveSourceMaps: true });
    try {
      const served = await fetch(`${withMaps.url}/assets/index-AbCd12_-.js.map`);
      expect([served.status, await served.text()]).toEqual([200, "{\"version\":3}"]);
    } finally {
      await withMaps.dispose();
    }
  });
});

describe("stage-screen videos under /assets/", () => {
  it("serves a video of the assets folder at /assets/<its path>, as video, with byte ranges for seeking", async () => {
    const whole = await get("/assets/video/intro.webm");
    expect(whole.status).toBe(200);
    expect(whole.headers["content-type"]).toBe("video/webm");
    expect(whole.body.equals(original("/video/intro.webm"))).toBe(true);
    const part = await get("/assets/video/intro.webm", { range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(part.headers["content-range"]).toBe("bytes 100-199/4096");
    expect(part.body.equals(original("/video/intro.webm").subarray(100, 200))).toBe(true);
  });

  it("serves nothing but media there, and nothing from outside the client", async () => {
    expect((await get("/assets/video/notes.txt", { accept: "application/json" })).status).toBe(404);
    expect((await get("/assets/index.html", { accept: "application/json" })).status).toBe(404);
    expect((await get("/assets/../video/intro.webm", { accept: "application/json" })).body.equals(original("/video/intro.webm"))).toBe(true);
    expect((await get("/assets/%2e%2e/%2e%2e/package.webm", { accept: "application/json" })).status).toBe(404);
    expect((await get("/assets/video/missing.webm", { accept: "application/json" })).status).toBe(404);
  });
});
