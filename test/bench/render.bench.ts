/**
 * npm run bench:render — what a crowd costs the page that draws it. A real Grove server serves the built client;
 * one headless Chromium page (1366×768, software WebGL) enters an event, and 10, then 50, then 200 bot members
 * (colyseus.js clients in this process) walk onto a grid in front of it and stand still. For each crowd the page
 * counts, over a few seconds: requestAnimationFrame intervals (median, p95), WebGL draw calls and triangles per
 * frame (counted by wrapping the context's draw methods, the same way for both builds; the current build's own
 * `?bench=1` counters are read as a cross-check) and the elements the name labels take in the DOM.
 *
 * Two builds are measured in one run: this checkout's client and, as the baseline, the client of
 * BENCH_BASELINE_REF (default 925e721, the last commit with a drei <Html> label per avatar), built in a detached
 * git worktree. Both are served by this checkout's server. Prints a table and writes docs/benchmarks.md's Render
 * section. BENCH_SECONDS sets the measuring window (default 4).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type Room } from "colyseus.js";
import type { Page } from "playwright-core";
import { startGrove, type Grove } from "../../server/app.js";
import { PROTOCOL_VERSION } from "../../shared/protocol/index.js";
import { BODY_COLOURS, BODY_SHAPES } from "../../shared/protocol/look.js";
import { launchChromium } from "../helpers/browser.js";
import { GENEROUS_JOIN_LIMITS } from "../helpers/grove.js";
import { REPO_ROOT, fmt, machineLine, median, percentile, sleep, writeDocsSection } from "./benchKit.js";

const CROWDS = [10, 50, 200] as const;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const BASELINE_REF = process.env.BENCH_BASELINE_REF ?? "925e721";
const SLUG = "render-bench";
const progress = (line: string) => process.stderr.write(`[bench:render] ${line}\n`);

interface Sample {
  build: string;
  crowd: number;
  frameMedianMs: number;
  frameP95Ms: number;
  drawCalls: number;
  triangles: number;
  ownDrawCalls: number | null;
  labelElements: number;
  labelsShown: number;
}

function viteBuild(cwd: string, outDir: string): void {
  execFileSync("npx", ["vite", "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"], { cwd, stdio: ["ignore", "ignore", "inherit"] });
}

/** Wraps the WebGL draw calls before the page's scripts run: a frame's draws and triangles, reset by rAF. */
function instrumentWebGl(): void {
  const counters = { draws: 0, triangles: 0, frames: [] as { draws: number; triangles: number; at: number }[], recording: false };
  (window as unknown as { __render: typeof counters }).__render = counters;
  const TRIANGLES = 4;
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype] as unknown as Array<Record<string, unknown>>) {
    for (const name of ["drawArrays", "drawElements", "drawArraysInstanced", "drawElementsInstanced"]) {
      const original = proto[name] as ((...args: unknown[]) => void) | undefined;
      if (!original) continue;
      proto[name] = function (this: unknown, ...args: unknown[]) {
        counters.draws++;
        const mode = args[0] as number;
        const count = (name.startsWith("drawArrays") ? args[2] : args[1]) as number;
        const instances = name.endsWith("Instanced") ? (args[name.startsWith("drawArrays") ? 3 : 4] as number) : 1;
        if (mode === TRIANGLES) counters.triangles += (count / 3) * instances;
        return original.apply(this, args);
      };
    }
  }
  const tick = (at: number) => {
    if (counters.recording) counters.frames.push({ draws: counters.draws, triangles: counters.triangles, at });
    counters.draws = 0;
    counters.triangles = 0;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function measure(page: Page, seconds: number): Promise<Omit<Sample, "build" | "crowd">> {
  await page.evaluate(() => {
    const r = (window as unknown as { __render: { recording: boolean; frames: unknown[] } }).__render;
    r.frames = [];
    r.recording = true;
  });
  await sleep(seconds * 1000);
  const raw = await page.evaluate(() => {
    const r = (window as unknown as { __render: { recording: boolean; frames: { draws: number; triangles: number; at: number }[] } }).__render;
    r.recording = false;
    const wrapper = document.querySelector('[data-testid="venue-canvas"]');
    // This build: the one label layer. The baseline: each drei <Html> root (its wrapper and what is in it).
    const layer = document.querySelector(".label-layer");
    const tags = [...document.querySelectorAll(".avatar-tag")];
    const labelElements = layer
      ? layer.querySelectorAll("*").length + 1
      : tags.reduce((sum, tag) => sum + tag.querySelectorAll("*").length + 1 + (tag.parentElement && tag.parentElement.parentElement ? 2 : 0), 0);
    const shown = [...document.querySelectorAll<HTMLElement>('[data-testid="avatar-label"]')].filter((l) => {
      const slot = l.closest<HTMLElement>(".label-slot");
      return !slot || slot.style.visibility !== "hidden";
    }).length;
    return {
      frames: r.frames,
      ownDrawCalls: wrapper?.getAttribute("data-draw-calls") ?? null,
      labelElements,
      shown,
    };
  });
  const frames = raw.frames.slice(1);
  const intervals = frames.slice(1).map((f, i) => f.at - frames[i]!.at);
  const drawing = frames.filter((f) => f.draws > 0);
  return {
    frameMedianMs: median(intervals),
    frameP95Ms: percentile(intervals, 95),
    drawCalls: median(drawing.map((f) => f.draws)),
    triangles: median(drawing.map((f) => f.triangles)),
    ownDrawCalls: raw.ownDrawCalls === null ? null : Number(raw.ownDrawCalls),
    labelElements: raw.labelElements,
    labelsShown: raw.shown,
  };
}

async function runBuild(build: string, clientDir: string): Promise<Sample[]> {
  const dir = mkdtempSync(join(tmpdir(), "grove-render-bench-"));
  const grove: Grove = await startGrove({ port: 0, host: "127.0.0.1", sqlitePath: join(dir, "grove.sqlite"), quiet: true, clientDir, joinLimits: GENEROUS_JOIN_LIMITS });
  await grove.store.createEvent({ slug: SLUG, title: "Render bench", capacity: 400, now: Date.now() });
  const browser = await launchChromium();
  const bots: Room[] = [];
  const samples: Sample[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "en-US" });
    // As source text: tsx's name-keeping helper (__name) does not exist in the page.
    await context.addInitScript({ content: `var __name = (f) => f; (${instrumentWebGl.toString()})();` });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(`${grove.url}/e/${SLUG}?quality=low&bench=1`);
    await page.getByTestId("lobby-name-input").fill("Watcher");
    await page.getByTestId("lobby-enter").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="venue-hud"]')?.getAttribute("data-member-id"));
    for (const crowd of CROWDS) {
      while (bots.length < crowd) {
        const i = bots.length;
        const room = await new Client(grove.url).joinOrCreate("venue", {
          protocolVersion: PROTOCOL_VERSION,
          eventSlug: SLUG,
          name: `Guest ${i}`,
          look: { color: BODY_COLOURS[i % BODY_COLOURS.length]!, shape: BODY_SHAPES[i % BODY_SHAPES.length]!, accessory: "none" },
        });
        room.onMessage("*", () => undefined);
        // A grid of 20 × 10 places, 0.8 m apart, between the watcher and the tree.
        room.send("walkTo", { x: ((i % 20) - 9.5) * 0.8, z: 2.5 - Math.floor(i / 20) * 0.8 });
        bots.push(room);
      }
      await page.waitForFunction((n) => document.querySelector('[data-testid="online-count"]')?.getAttribute("data-count") === String(n + 1), crowd);
      // Everyone has walked to their place (a grid row is at most 12 m from the spawn ring: 3 s at 4 m/s).
      await sleep(4000);
      const sample = { build, crowd, ...(await measure(page, SECONDS)) };
      progress(`${build} ${crowd}: frame ${fmt(sample.frameMedianMs)} ms median, ${sample.drawCalls} draws, ${sample.labelElements} label elements`);
      samples.push(sample);
    }
  } finally {
    await Promise.all(bots.map((room) => room.leave().catch(() => undefined)));
    await browser.close();
    await grove.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return samples;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "grove-render-builds-"));
  const currentDir = join(root, "current");
  progress("building this checkout's client");
  viteBuild(REPO_ROOT, currentDir);
  const commit = execFileSync("git", ["rev-parse", "--short", `${BASELINE_REF}^{commit}`], { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  const worktree = join(root, "baseline");
  const baselineDir = join(root, "baseline-client");
  let baseline = true;
  try {
    progress(`building the baseline client (${commit}) in a git worktree`);
    execFileSync("git", ["worktree", "add", "--detach", worktree, commit], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] });
    symlinkSync(join(REPO_ROOT, "node_modules"), join(worktree, "node_modules"), "dir");
    viteBuild(worktree, baselineDir);
  } catch (e) {
    progress(`no baseline: ${(e as Error).message}`);
    baseline = false;
  }
  const samples = [...(await runBuild("this build", currentDir))];
  if (baseline && existsSync(join(baselineDir, "index.html"))) samples.push(...(await runBuild(`baseline ${commit}`, baselineDir)));
  if (existsSync(worktree)) {
    rmSync(join(worktree, "node_modules"), { force: true });
    execFileSync("git", ["worktree", "remove", "--force", worktree], { cwd: REPO_ROOT, stdio: "ignore" });
  }
  rmSync(root, { recursive: true, force: true });

  const rows = samples.map(
    (s) =>
      `| ${s.build} | ${s.crowd} | ${fmt(s.frameMedianMs)} | ${fmt(s.frameP95Ms)} | ${s.drawCalls}${s.ownDrawCalls === null ? "" : ` (${s.ownDrawCalls})`} | ${Math.round(s.triangles).toLocaleString("en")} | ${s.labelElements} | ${s.labelsShown} |`,
  );
  const table = [
    "| build | bots | frame median (ms) | frame p95 (ms) | draw calls (renderer's own) | triangles | label DOM elements | labels shown |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
  console.log(table);
  const section = [
    "## Render (npm run bench:render)",
    "",
    `${machineLine()}. One headless Chromium page (1366×768, software WebGL, quality low) in an event with 10, 50 and 200 bot`,
    "members standing on a grid in front of it; " + `${SECONDS} s per crowd. Draw calls and triangles are counted per frame by wrapping the WebGL`,
    "draw methods (the same for both builds; in brackets the renderer's own count from `?bench=1`, last frame). Label DOM",
    "elements: this build's one label layer (a pool of 32 slots), against the baseline's drei `<Html>` roots, one per avatar",
    `(each root's elements plus its two wrappers). Baseline: ${baseline ? `the client of ${commit} built in a git worktree, served by this server` : "not built in this run"}.`,
    "",
    table,
    "",
    `- Load average at the end of the run: ${loadavg().map((l) => l.toFixed(2)).join(", ")} (1, 5, 15 min). Frame times are software WebGL on this`,
    "  machine: compare the builds within one run, not with a GPU. Draw calls grow by about six per avatar (its body parts are",
    "  separate meshes) in both builds; the label layer stays at its pool's size while the baseline adds a DOM root per avatar.",
  ].join("\n");
  writeDocsSection(section, "<!-- bench:render -->", "<!-- /bench:render -->");
}

await main();
process.exit(0);
