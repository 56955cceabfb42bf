/**
 * `npm run bench:load`: how long a newcomer on a slow phone waits, and how many bytes they pull.
 *
 * Headless Chromium (playwright-core, software WebGL) with a phone's viewport (390×844), the network throttled over
 * CDP (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency) and the CPU slowed 4×, opens an event's link and measures:
 *  - lobby usable: navigation start → the lobby's `[data-testid=lobby-enter]` button present and enabled;
 *  - venue first frame: the bench types a name and presses Enter as soon as the lobby is usable; navigation start →
 *    `[data-testid=venue-canvas][data-first-frame]` (a build without that mark: its canvas plus two animation frames);
 *  - bytes moved (CDP `Network.loadingFinished` encodedDataLength) before Enter (the lobby) and after it (the venue);
 * for a first visit (a fresh browser context) and a repeat visit (the same context, HTTP cache warm), several runs
 * each, medians reported. The same run measures this checkout and the commit before issue 9 (`bea9a87`, checked out
 * with `git worktree`, node_modules linked), each built with `vite build` into a temporary folder and served by its
 * own server (a child process on a free port, with a temporary SQLite folder). Prints a table and writes it into
 * docs/benchmarks.md between the bench:load markers.
 *
 * Settings: BENCH_RUNS (3), BENCH_BASELINE_REF (bea9a87; empty for none), BENCH_WRITE=0 (print only), BENCH_NOTE.
 */
import { execFileSync, execSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, CDPSession } from "playwright-core";
import type { startGrove as StartGrove } from "../../server/app.js";
import { launchChromium } from "../helpers/browser.js";
import { REPO_ROOT, fmt, forkTs, machineLine, median, nextMessage, ratio, stopChild, writeDocsSection } from "./benchKit.js";

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) ? value : fallback;
}

const SETTINGS = {
  runs: Math.max(1, envNumber("BENCH_RUNS", 3)),
  baselineRef: process.env.BENCH_BASELINE_REF ?? "bea9a87",
  writeDocs: process.env.BENCH_WRITE !== "0",
  note: process.env.BENCH_NOTE ?? "",
};
/** The throttling: a slow 3G-class phone link and a CPU four times slower than this machine's. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) };
const CPU_SLOWDOWN = 4;
const VIEWPORT = { width: 390, height: 844 };
const TARGETS = { lobbyMs: 3000, venueFirstMs: 8000, venueRepeatMs: 2000 };
/** How long one visit may take before it counts as failed (the old build over this link takes tens of seconds). */
const VISIT_TIMEOUT_MS = 120_000;
const START_MARKER = "<!-- bench:load:start -->";
const END_MARKER = "<!-- bench:load:end -->";
const SLUG = "demo";

function progress(message: string): void {
  process.stderr.write(`[bench:load ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// The server, in a child process of its own (this same file with BENCH_LOAD_SERVER set) ----------------------

interface ServerConfig { appPath: string; clientDir: string; dataDir: string }
type FromServer = { type: "ready"; url: string } | { type: "stopped" };

async function serve(config: ServerConfig): Promise<void> {
  const { startGrove } = (await import(pathToFileURL(config.appPath).href)) as { startGrove: typeof StartGrove };
  const generous = { capacity: 10_000, perSecond: 1000 };
  const grove = await startGrove({
    port: 0,
    host: "127.0.0.1",
    sqlitePath: join(config.dataDir, "grove.sqlite"),
    dataDir: config.dataDir,
    clientDir: config.clientDir,
    quiet: true,
    joinLimits: { perAddress: generous, newIdentitiesPerAddress: generous, perMember: generous, pendingPerAddress: 10_000 },
  });
  process.on("message", (message: { type?: string }) => {
    if (message.type !== "stop") return;
    void grove.stop().finally(() => {
      process.send?.({ type: "stopped" } satisfies FromServer);
      process.exit(0);
    });
  });
  process.send?.({ type: "ready", url: grove.url } satisfies FromServer);
}

// Builds ------------------------------------------------------------------------------------------------

interface Version {
  label: string;
  /** The commit measured, with "+ changes" when the checkout has uncommitted edits. */
  commit: string;
  root: string;
  clientDir: string;
  /** Whether the build marks the venue's first drawn frame (`data-first-frame`); else canvas + two frames. */
  marksFirstFrame: boolean;
  remove(): void;
}

function git(args: string[], cwd = REPO_ROOT): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function viteBuild(root: string, outDir: string): void {
  execFileSync(join(REPO_ROOT, "node_modules/.bin/vite"), ["build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}

function marksFirstFrame(clientDir: string): boolean {
  const assets = join(clientDir, "assets");
  return readdirSync(assets).some((file) => file.endsWith(".js") && readFileSync(join(assets, file), "utf8").includes("data-first-frame"));
}

function buildCurrent(work: string): Version {
  const clientDir = join(work, "current-client");
  progress("building this checkout's client");
  viteBuild(REPO_ROOT, clientDir);
  const dirty = git(["status", "--porcelain", "--untracked-files=no"]) !== "";
  return { label: "now", commit: `${git(["rev-parse", "--short", "HEAD"])}${dirty ? " + uncommitted changes" : ""}`, root: REPO_ROOT, clientDir, marksFirstFrame: marksFirstFrame(clientDir), remove() {} };
}

/** The baseline commit in a detached worktree (or `git archive` when git refuses one), node_modules linked, built. */
function buildBaseline(ref: string, work: string): Version {
  const commit = git(["rev-parse", "--verify", `${ref}^{commit}`]);
  const root = join(work, "baseline");
  let remove: () => void;
  try {
    git(["worktree", "add", "--detach", root, commit]);
    remove = () => {
      rmSync(join(root, "node_modules"), { force: true });
      git(["worktree", "remove", "--force", root]);
    };
  } catch (e) {
    progress(`git worktree failed (${String((e as { stderr?: string }).stderr ?? (e as Error).message).trim()}); extracting ${ref} with git archive`);
    rmSync(root, { recursive: true, force: true });
    execSync(`mkdir -p ${JSON.stringify(root)} && git archive ${commit} | tar -x -C ${JSON.stringify(root)}`, { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] });
    remove = () => rmSync(root, { recursive: true, force: true });
  }
  symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), "dir");
  const clientDir = join(work, "baseline-client");
  progress(`building ${ref}'s client`);
  viteBuild(root, clientDir);
  return { label: `before (${ref})`, commit: commit.slice(0, 7), root, clientDir, marksFirstFrame: marksFirstFrame(clientDir), remove };
}

async function startServer(version: Version, work: string): Promise<{ child: ChildProcess; url: string }> {
  const dataDir = mkdtempSync(join(work, "data-"));
  const config: ServerConfig = { appPath: join(version.root, "server/app.ts"), clientDir: version.clientDir, dataDir };
  // A checkout's server compiles with its own tsconfig (decorators): tsx takes it from the working directory.
  const child = forkTs("load.bench.ts", { env: { BENCH_LOAD_SERVER: JSON.stringify(config) }, cwd: version.root });
  const ready = await nextMessage<FromServer, "ready">(child, "ready", 120_000);
  return { child, url: ready.url };
}

// Visits ------------------------------------------------------------------------------------------------

interface Visit {
  lobbyMs: number;
  venueMs: number;
  /** When Enter was pressed, and when the venue's canvas appeared (the member joined): where the venue's time goes. */
  enterMs: number;
  canvasMs: number;
  lobbyBytes: number;
  venueBytes: number;
  largest: Array<[string, number]>;
}

/**
 * Runs in the page before its own scripts: notes (performance.now(), from navigation start) when the lobby's button
 * is there and enabled, when the venue marks its first frame, and two animation frames after its canvas appears.
 */
const PAGE_MARKS = `(() => {
  const marks = {};
  Object.defineProperty(window, "__groveLoad", { value: marks });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && marks.lobby !== undefined && marks.enter === undefined) marks.enter = performance.now();
  }, true);
  const check = () => {
    const now = performance.now();
    if (marks.lobby === undefined) {
      const button = document.querySelector("[data-testid=lobby-enter]");
      if (button && !button.disabled) marks.lobby = now;
    }
    if (marks.firstFrame === undefined && document.querySelector("[data-testid=venue-canvas][data-first-frame]")) marks.firstFrame = now;
    if (marks.canvas === undefined && document.querySelector("[data-testid=venue-canvas] canvas")) {
      marks.canvas = now;
      requestAnimationFrame(() => requestAnimationFrame(() => { marks.canvasFrames = performance.now(); }));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface Marks { lobby?: number; enter?: number; canvas?: number; firstFrame?: number; canvasFrames?: number }

async function throttle(cdp: CDPSession): Promise<void> {
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
}

/** One visit to the event's link in `context`: lobby, Enter, venue; its page is closed after. */
async function visit(context: BrowserContext, url: string, version: Version, shot: string): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const bytes = { lobby: 0, venue: 0 };
  let phase: keyof typeof bytes = "lobby";
  const urls = new Map<string, string>();
  const sizes = new Map<string, number>();
  cdp.on("Network.responseReceived", (event: { requestId: string; response: { url: string } }) => urls.set(event.requestId, event.response.url));
  cdp.on("Network.loadingFinished", (event: { requestId: string; encodedDataLength: number }) => {
    bytes[phase] += event.encodedDataLength;
    const path = new URL(urls.get(event.requestId) ?? "about:blank").pathname;
    sizes.set(path, (sizes.get(path) ?? 0) + event.encodedDataLength);
  });
  const largest = (): Array<[string, number]> => [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 6);
  try {
    await throttle(cdp);
    await page.goto(`${url}/e/${SLUG}`, { waitUntil: "commit", timeout: VISIT_TIMEOUT_MS });
    await page.waitForFunction(() => (window as unknown as { __groveLoad: Marks }).__groveLoad.lobby !== undefined, undefined, { timeout: VISIT_TIMEOUT_MS, polling: 50 });
    phase = "venue";
    const name = page.locator("[data-testid=lobby-name-input]");
    await name.fill("Bench");
    await name.press("Enter");
    const mark = version.marksFirstFrame ? "firstFrame" : "canvasFrames";
    await page.waitForFunction((key) => (window as unknown as { __groveLoad: Record<string, number> }).__groveLoad[key] !== undefined, mark, { timeout: VISIT_TIMEOUT_MS, polling: 50 });
    const marks = await page.evaluate(() => (window as unknown as { __groveLoad: Marks }).__groveLoad);
    // Let the last responses of the venue's first frame report their sizes.
    await page.waitForTimeout(300);
    return { lobbyMs: marks.lobby ?? Number.NaN, venueMs: marks[mark] ?? Number.NaN, enterMs: marks.enter ?? Number.NaN, canvasMs: marks.canvas ?? Number.NaN, lobbyBytes: bytes.lobby, venueBytes: bytes.venue, largest: largest() };
  } catch (e) {
    progress(`${version.label}: visit failed (${(e as Error).message.split("\n")[0]}); screenshot ${shot}`);
    await page.screenshot({ path: shot }).catch(() => undefined);
    return { lobbyMs: Number.NaN, venueMs: Number.NaN, enterMs: Number.NaN, canvasMs: Number.NaN, lobbyBytes: Number.NaN, venueBytes: Number.NaN, largest: largest() };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close().catch(() => undefined);
  }
}

interface Result { version: Version; first: Visit[]; repeat: Visit[] }

async function measure(browser: Browser, url: string, run: number, result: Result): Promise<void> {
  const { version } = result;
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: "en-US" });
  await context.addInitScript(PAGE_MARKS);
  try {
    const tag = version.label.replace(/\W+/g, "-").replace(/^-|-$/g, "");
    const first = await visit(context, url, version, join("test-results", `bench-load-${tag}-${run}-first.png`));
    const repeat = await visit(context, url, version, join("test-results", `bench-load-${tag}-${run}-repeat.png`));
    result.first.push(first);
    result.repeat.push(repeat);
    progress(`${version.label} run ${run + 1}: first ${fmt(first.lobbyMs / 1000)} s / ${fmt(first.venueMs / 1000)} s, repeat ${fmt(repeat.lobbyMs / 1000)} s / ${fmt(repeat.venueMs / 1000)} s`);
  } finally {
    await context.close();
  }
}

// Report ------------------------------------------------------------------------------------------------

const seconds = (ms: number) => (Number.isFinite(ms) ? `${fmt(ms / 1000, 2)} s` : "failed");
const kilobytes = (b: number) => (Number.isFinite(b) ? `${fmt(b / 1024, 0)} KB` : "failed");
/** The median of the runs that finished, with how many did not when some failed. */
function med(visits: Visit[], key: "lobbyMs" | "venueMs" | "lobbyBytes" | "venueBytes"): number {
  return median(visits.map((v) => v[key]).filter(Number.isFinite));
}
/** From the member's Enter to the venue's first frame: what the member waits for once they chose to go in. */
function afterEnter(visits: Visit[]): number {
  return median(visits.map((v) => v.venueMs - v.enterMs).filter(Number.isFinite));
}
/** Medians of the venue's stages after the lobby: typing and Enter, Enter → canvas (the join), canvas → first frame. */
function stages(visits: Visit[]): string {
  const part = (f: (v: Visit) => number) => seconds(median(visits.map(f).filter(Number.isFinite)));
  return `Enter ${part((v) => v.enterMs - v.lobbyMs)} after the lobby, the canvas ${part((v) => v.canvasMs - v.enterMs)} after Enter (the venue's code and the join), its first frame ${part((v) => v.venueMs - v.canvasMs)} after that`;
}
function failures(visits: Visit[]): string {
  const failed = visits.filter((v) => !Number.isFinite(v.venueMs)).length;
  return failed ? ` (${failed} of ${visits.length} failed)` : "";
}

function report(results: Result[], how: string): string {
  const [before, now] = results.length === 2 ? results : [undefined, results[0]!];
  const rows: Array<[string, (r: Result) => number, (n: number) => string, number | undefined]> = [
    ["Lobby usable, first visit", (r) => med(r.first, "lobbyMs"), seconds, TARGETS.lobbyMs],
    ["Lobby usable, repeat visit", (r) => med(r.repeat, "lobbyMs"), seconds, TARGETS.lobbyMs],
    ["Venue first frame, first visit", (r) => med(r.first, "venueMs"), seconds, TARGETS.venueFirstMs],
    ["Venue first frame, repeat visit", (r) => med(r.repeat, "venueMs"), seconds, TARGETS.venueRepeatMs],
    ["Venue first frame after Enter, first visit", (r) => afterEnter(r.first), seconds, undefined],
    ["Venue first frame after Enter, repeat visit", (r) => afterEnter(r.repeat), seconds, TARGETS.venueRepeatMs],
    ["Bytes for the lobby, first visit", (r) => med(r.first, "lobbyBytes"), kilobytes, undefined],
    ["Bytes for the venue, first visit", (r) => med(r.first, "venueBytes"), kilobytes, undefined],
    ["Bytes for the lobby, repeat visit", (r) => med(r.repeat, "lobbyBytes"), kilobytes, undefined],
    ["Bytes for the venue, repeat visit", (r) => med(r.repeat, "venueBytes"), kilobytes, undefined],
  ];
  const header = before
    ? `| | ${before.version.label} | now | now ÷ before | target | met |\n|---|---|---|---|---|---|`
    : "| | now | target | met |\n|---|---|---|---|";
  const lines = rows.map(([name, value, show, target]) => {
    const n = value(now!);
    const goal = target === undefined ? "" : `≤ ${fmt(target / 1000, 0)} s`;
    const met = target === undefined ? "" : Number.isFinite(n) ? (n <= target ? "yes" : "no") : "failed";
    return before
      ? `| ${name} | ${show(value(before))} | ${show(n)} | ${ratio(n, value(before))} | ${goal} | ${met} |`
      : `| ${name} | ${show(n)} | ${goal} | ${met} |`;
  });
  const [one, five] = loadavg();
  const describe = (r: Result) =>
    `${r.version.label}: ${r.version.commit}, venue measured ${r.version.marksFirstFrame ? "to `data-first-frame`" : "to its canvas plus two animation frames (the build has no first-frame mark)"}${failures([...r.first, ...r.repeat])}`;
  return [
    "## Load (npm run bench:load)",
    "",
    `${now!.version.marksFirstFrame ? "" : "**The venue of this build has no first-frame mark: its figure is the canvas plus two frames.** "}` +
      `Medians of ${SETTINGS.runs} runs per version, each a first visit in a fresh browser context and a repeat visit in the same context (HTTP cache warm) to \`/e/${SLUG}\`. ` +
      `Headless Chromium (playwright-core, software WebGL), a phone's viewport (${VIEWPORT.width}×${VIEWPORT.height}, device scale factor 1, touch), network throttled over CDP to ${NETWORK.downloadThroughput * 8 / 1e6} Mbit/s down, ${NETWORK.uploadThroughput * 8 / 1e3} kbit/s up, ${NETWORK.latency} ms latency, CPU slowed ${CPU_SLOWDOWN}×. ` +
      "Lobby usable: navigation start → the lobby's Enter button present and enabled. Venue first frame: the bench types a name and presses Enter as soon as the lobby is usable; navigation start → the venue's first drawn frame (that includes the lobby and the bench's typing); after Enter: the member's Enter → the first frame. " +
      "Bytes: `encodedDataLength` of every response (CDP `Network.loadingFinished`) before Enter (the lobby) and after it (the venue), headers included, the WebSocket not counted.",
    "",
    header,
    ...lines,
    "",
    `- ${results.map(describe).join("; ")}.`,
    `- Where the venue's time goes (medians): ${results.map((r) => `${r.version.label}: first visit ${stages(r.first)}; repeat visit ${stages(r.repeat)}`).join(". ")}.`,
    `- Largest transfers of a first visit (the last run's): ${results.map((r) => `${r.version.label}: ${(r.first.at(-1)?.largest ?? []).map(([path, size]) => `\`${path}\` ${kilobytes(size)}`).join(", ")}`).join("; ")}.`,
    `- Builds: \`vite build\` of each into a temporary folder; ${how}. Each version has its own server (a child process on a free port, its own temporary SQLite folder); the runs alternate which version goes first.`,
    `- Machine: ${machineLine()}; load average ${fmt(one!, 2)} (1 min), ${fmt(five!, 2)} (5 min) at the end of the run.${SETTINGS.note ? ` ${SETTINGS.note}` : ""}`,
    `- Command: \`npm run bench:load\` (BENCH_RUNS=${SETTINGS.runs}${SETTINGS.baselineRef ? `, BENCH_BASELINE_REF=${SETTINGS.baselineRef}` : ", no baseline"}).`,
  ].join("\n");
}

// Main --------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), "grove-bench-load-"));
  const versions: Version[] = [];
  const servers: ChildProcess[] = [];
  let browser: Browser | undefined;
  try {
    if (SETTINGS.baselineRef) versions.push(buildBaseline(SETTINGS.baselineRef, work));
    versions.push(buildCurrent(work));
    const urls: string[] = [];
    for (const version of versions) {
      const { child, url } = await startServer(version, work);
      servers.push(child);
      urls.push(url);
      progress(`${version.label} (${version.commit}) serves ${url}; first-frame mark: ${version.marksFirstFrame ? "yes" : "no"}`);
    }
    if (!existsSync("test-results")) execFileSync("mkdir", ["-p", "test-results"]);
    browser = await launchChromium();
    const results: Result[] = versions.map((version) => ({ version, first: [], repeat: [] }));
    for (let run = 0; run < SETTINGS.runs; run += 1) {
      const order = run % 2 === 0 ? results.map((_, i) => i) : results.map((_, i) => i).reverse();
      for (const i of order) await measure(browser, urls[i]!, run, results[i]!);
    }
    const how = SETTINGS.baselineRef ? `the baseline from a detached \`git worktree\` in the temporary folder, node_modules linked from this checkout` : "no baseline";
    const section = report(results, how);
    process.stdout.write(`\n${section}\n\n`);
    if (SETTINGS.writeDocs) {
      writeDocsSection(section, START_MARKER, END_MARKER);
      progress("wrote docs/benchmarks.md");
    }
    progress(`done in ${fmt((Date.now() - started) / 1000, 0)} s`);
  } finally {
    await browser?.close().catch(() => undefined);
    for (const child of servers) await stopChild(child, { type: "stop" }, "stopped");
    for (const version of versions) {
      try {
        version.remove();
      } catch (e) {
        progress(`could not remove ${version.root}: ${(e as Error).message}`);
      }
    }
    rmSync(work, { recursive: true, force: true });
  }
}

const serverConfig = process.env.BENCH_LOAD_SERVER;
if (serverConfig) {
  await serve(JSON.parse(serverConfig) as ServerConfig);
} else {
  await main();
}
