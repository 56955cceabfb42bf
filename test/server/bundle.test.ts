import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/*
 * The lobby must open without three.js, r3f, drei or colyseus.js: they arrive while the member picks a look. This reads
 * the client build (`npm test` builds it first; alone: `npx vite build`) and follows what each page loads statically.
 */
const CLIENT_DIR = process.env.GROVE_CLIENT_DIR ?? "dist/client";
const MANIFEST = join(CLIENT_DIR, ".vite/manifest.json");

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

function readManifest(): Manifest {
  if (!existsSync(MANIFEST)) {
    throw new Error(`${MANIFEST} is missing: build the client first (\`npx vite build\`, or \`npm test\`, which builds it).`);
  }
  return JSON.parse(readFileSync(MANIFEST, "utf8")) as Manifest;
}

/** The chunk keys a page loads before it runs: `key` and everything it imports statically, transitively. */
function staticClosure(manifest: Manifest, key: string): string[] {
  const seen = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    const chunk = manifest[k];
    if (!chunk) throw new Error(`The manifest names ${k} but has no entry for it`);
    seen.add(k);
    for (const next of chunk.imports ?? []) visit(next);
  };
  visit(key);
  return [...seen];
}

/** The source files bundled into a chunk, from its (hidden) source map. */
function sourcesOf(manifest: Manifest, key: string): string[] {
  const map = join(CLIENT_DIR, `${manifest[key]?.file ?? ""}.map`);
  if (!existsSync(map)) throw new Error(`${map} is missing: the build writes hidden source maps (vite.config.ts)`);
  return (JSON.parse(readFileSync(map, "utf8")) as { sources: string[] }).sources;
}

const HEAVY = /node_modules\/(three|three-stdlib|@react-three|colyseus\.js|@colyseus)\//;

describe("the client bundle", () => {
  const manifest = readManifest();
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  const venueKey = Object.keys(manifest).find((key) => key.endsWith("ui/VenueScreen.tsx"));

  it("has one entry, which holds the lobby and imports the venue only dynamically", () => {
    expect(entries.map(([key]) => key)).toEqual(["index.html"]);
    const sources = staticClosure(manifest, "index.html").flatMap((key) => sourcesOf(manifest, key));
    expect(sources.some((s) => s.endsWith("client/ui/Lobby.tsx"))).toBe(true);
    expect(sources.some((s) => s.endsWith("client/ui/EventPage.tsx"))).toBe(true);
    expect(venueKey, "the venue module (client/ui/VenueScreen.tsx) has a chunk of its own").toBeDefined();
    expect(manifest["index.html"]?.dynamicImports).toContain(venueKey);
  });

  it("loads no three.js, r3f, drei or colyseus.js before the lobby shows", () => {
    const closure = staticClosure(manifest, "index.html");
    const files = closure.map((key) => manifest[key]?.file ?? key);
    expect(files.filter((file) => /\/(three|colyseus)-/.test(file))).toEqual([]);
    const heavy = closure.flatMap((key) => sourcesOf(manifest, key).filter((source) => HEAVY.test(source)));
    expect(heavy).toEqual([]);
  });

  it("brings the operator's page and its QR encoder only to /admin, by a dynamic import", () => {
    const adminKey = Object.keys(manifest).find((key) => key.endsWith("ui/admin/AdminPage.tsx"));
    expect(adminKey, "the admin page (client/ui/admin/AdminPage.tsx) has a chunk of its own").toBeDefined();
    const entrySources = staticClosure(manifest, "index.html").flatMap((key) => sourcesOf(manifest, key));
    expect(entrySources.filter((s) => /client\/ui\/admin\/(?!AdminRoute)|node_modules\/qrcode\//.test(s))).toEqual([]);
    const adminSources = staticClosure(manifest, adminKey ?? "").flatMap((key) => sourcesOf(manifest, key));
    expect(adminSources.some((s) => /node_modules\/qrcode\//.test(s))).toBe(true);
    expect(adminSources.filter((s) => HEAVY.test(s))).toEqual([]);
  });

  it("brings three.js and colyseus.js with the venue, in long-cached chunks of their own", () => {
    const closure = staticClosure(manifest, venueKey ?? "");
    const files = closure.map((key) => manifest[key]?.file ?? key);
    expect(files.some((file) => /\/three-[\w-]+\.js$/.test(file))).toBe(true);
    expect(files.some((file) => /\/colyseus-[\w-]+\.js$/.test(file))).toBe(true);
    const venueSources = sourcesOf(manifest, venueKey ?? "");
    expect(venueSources.some((s) => s.endsWith("client/scene/VenueCanvas.tsx"))).toBe(true);
    expect(venueSources.some((s) => s.endsWith("client/net/VenueConnection.ts"))).toBe(true);
  });
});
