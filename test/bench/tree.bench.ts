/**
 * npm run bench:tree — what the collective growth tree costs to draw, stage by stage. A real Grove server serves
 * this checkout's client (built into a temporary folder); one headless Chromium page (1280×800, software WebGL) enters
 * the venue with the tree forced to a progress inside each stage (`?bench=1&treeProgress=`, honoured only with
 * bench=1), at low quality (and high with BENCH_TREE_HIGH=1). GrowthTree, under `?bench=1`, reads the renderer's own counters
 * (`renderer.info.render`) around every draw of its meshes, shadow passes included, and publishes the tree's draw calls
 * and triangles per frame (`data-tree-draw-calls`, `data-tree-triangles`): the tree is measured alone while standing
 * in the venue. Asserts nothing on time; prints a table and writes docs/benchmarks.md's "Growth tree" section.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { startGrove } from "../../server/app.js";
import { TREE_STAGES, type TreeStage } from "../../shared/rules/growth/types.js";
import { launchChromium } from "../helpers/browser.js";
import { GENEROUS_JOIN_LIMITS } from "../helpers/grove.js";
import { REPO_ROOT, machineLine, median, writeDocsSection } from "./benchKit.js";

const SLUG = "tree-bench";
/** A progress inside each stage (docs/growth.md: seed 0, sprout 0.05, sapling 0.15, branches 0.3, leaves 0.5, blossoms 0.75, fruit 1). */
const PROGRESS_AT: { readonly [S in TreeStage]: number } = { seed: 0, sprout: 0.1, sapling: 0.22, branches: 0.4, leaves: 0.62, blossoms: 0.9, fruit: 1 };
/** Low quality by default; BENCH_TREE_HIGH=1 adds high (sky, shadows, antialiasing: minutes a page in software WebGL). */
const QUALITIES = process.env.BENCH_TREE_HIGH === "1" ? (["low", "high"] as const) : (["low"] as const);
/** Frames sampled per stage, after the tree has settled (the fruit swells in over 1.6 s of frames). */
const SETTLE_FRAMES = 150;
const SAMPLE_FRAMES = 30;
const progress = (line: string) => process.stderr.write(`[bench:tree] ${line}\n`);

interface Sample {
  quality: "low" | "high";
  stage: TreeStage;
  progress: number;
  drawCalls: number;
  triangles: number;
  frameDrawCalls: number;
}

/** Reads the tree's counters on each of the next `n` frames. As source text: tsx's name-keeping helper (__name), which it adds to functions, does not exist in the page. */
async function frames(page: Page, n: number): Promise<Array<{ calls: number; triangles: number; frame: number }>> {
  return page.evaluate(`new Promise((done) => {
    const out = [];
    const wrapper = document.querySelector('[data-testid="venue-canvas"]');
    const read = (name) => Number(wrapper && wrapper.getAttribute(name));
    const tick = () => {
      out.push({ calls: read("data-tree-draw-calls"), triangles: read("data-tree-triangles"), frame: read("data-draw-calls") });
      if (out.length >= ${Math.max(1, Math.floor(n))}) done(out);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

async function measure(browser: Browser, url: string, quality: Sample["quality"], stage: TreeStage): Promise<Sample> {
  const p = PROGRESS_AT[stage];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(`${url}/e/${SLUG}?quality=${quality}&bench=1&treeProgress=${p}`);
    await page.getByTestId("lobby-name-input").fill("Gardener");
    await page.getByTestId("lobby-enter").click();
    await page.waitForFunction((s) => document.querySelector('[data-testid="venue-canvas"]')?.getAttribute("data-tree-stage") === s, stage);
    await frames(page, SETTLE_FRAMES);
    const sampled = await frames(page, SAMPLE_FRAMES);
    return {
      quality,
      stage,
      progress: p,
      drawCalls: median(sampled.map((f) => f.calls)),
      triangles: median(sampled.map((f) => f.triangles)),
      frameDrawCalls: median(sampled.map((f) => f.frame)),
    };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "grove-tree-bench-"));
  const clientDir = join(root, "client");
  progress("building this checkout's client");
  execFileSync("npx", ["vite", "build", "--outDir", clientDir, "--emptyOutDir", "--logLevel", "error"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const grove = await startGrove({ port: 0, host: "127.0.0.1", sqlitePath: join(root, "grove.sqlite"), quiet: true, clientDir, joinLimits: GENEROUS_JOIN_LIMITS });
  await grove.store.createEvent({ slug: SLUG, title: "Tree bench", capacity: 50, now: Date.now() });
  const browser = await launchChromium();
  const samples: Sample[] = [];
  try {
    for (const quality of QUALITIES) {
      for (const stage of TREE_STAGES) {
        const sample = await measure(browser, grove.url, quality, stage);
        progress(`${quality} ${stage}: ${sample.drawCalls} draw calls, ${Math.round(sample.triangles)} triangles`);
        samples.push(sample);
      }
    }
  } finally {
    await browser.close();
    await grove.stop();
    rmSync(root, { recursive: true, force: true });
  }

  const rows = samples.map(
    (s) => `| ${s.quality} | ${s.stage} | ${s.progress} | ${s.drawCalls} | ${Math.round(s.triangles).toLocaleString("en")} | ${s.frameDrawCalls} |`,
  );
  const table = [
    "| quality | stage | progress | tree draw calls | tree triangles | whole frame's draw calls |",
    "|---|---|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
  console.log(table);
  const grown = samples.filter((s) => s.stage === "fruit");
  const section = [
    "## Growth tree (npm run bench:tree)",
    "",
    `${machineLine()}. One headless Chromium page (1280×800, software WebGL) in the venue, the tree forced to a progress`,
    "inside each stage with the bench-only `?bench=1&treeProgress=`. The tree's own draw calls and triangles come from the",
    "renderer's counters (`renderer.info.render`), read around each draw of the tree's meshes (shadow passes included)",
    `and published under \`?bench=1\`; medians of ${SAMPLE_FRAMES} frames after ${SETTLE_FRAMES} frames of settling. The last column is the whole venue's frame.`,
    "",
    table,
    "",
    `- Grown (fruit): ${grown.map((s) => `${s.drawCalls} draw calls at ${s.quality} quality`).join(", ")}; the budget is 10. Wood is one merged`,
    "  geometry, leaves (with the young tree's buds), blossoms and fruit (with the seed) one instanced mesh each, plus the",
    "  soil ring and, once the goal is reached, the golden glow. At high quality (`BENCH_TREE_HIGH=1`) the wood, leaves and",
    "  fruit also draw into the sun's shadow map (one more call each; measured only when that run is asked for).",
  ].join("\n");
  writeDocsSection(section, "<!-- bench:tree -->", "<!-- /bench:tree -->");
}

await main();
process.exit(0);
