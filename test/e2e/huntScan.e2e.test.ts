import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import jsQR from "jsqr";
import QRCode from "qrcode";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { HuntAdminView, HuntInput } from "../../shared/protocol/hunt.js";
import { en } from "../../client/i18n/en.js";
import { zhCN } from "../../client/i18n/zh-CN.js";
import { IDENTITY_STORAGE_KEY } from "../../client/net/identity.js";
import { CHROMIUM, launchChromium, resultsDir } from "../helpers/browser.js";
import { startTestGrove, type TestGrove } from "../helpers/grove.js";
import { STEP_TIMEOUT_MS } from "../helpers/venuePages.js";

/** pngjs comes with qrcode (which draws the server's PNG); it has no types of its own, so the little used is typed here. */
const { PNG } = createRequire(import.meta.url)("pngjs") as { PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } } };

/** The built client (`npx vite build`); GROVE_CLIENT_DIR points elsewhere, e.g. at a build no one else rewrites meanwhile. */
const CLIENT_DIR = process.env.GROVE_CLIENT_DIR ?? "dist/client";
const OPERATOR_TOKEN = "the-operator-token-of-the-hunt-scan-e2e";
const PHONE = { width: 390, height: 844 };

/**
 * The hunt's phone pages end to end (docs/hunts.md, "Pages"): the operator saves a hunt with one blind-box clue in a
 * tea shop; the printed code's PNG is read with jsqr as a phone's camera would; a first-time visitor on a phone
 * (简体中文) opens it, picks a name, is shown the box's riddle task, answers it and wins the shop's voucher; the
 * shop's staff page redeems that voucher once and refuses it the second time, typed and through the scanner's
 * keyboard path. Screenshots under test-results/ (hunt-*.png).
 */
const CITY_HUNT: HuntInput = {
  title: "城南寻宝 City walk",
  order: "free",
  startsAt: null,
  endsAt: null,
  teams: [],
  clues: [
    {
      id: "teabox",
      name: "茶馆盲盒",
      hint: "柜台旁的小木盒",
      riddle: null,
      points: 5,
      where: { kind: "real", place: "老街茶馆", district: "徐汇区", address: "天平路 1 号" },
      blindBox: {
        tasks: [{ id: "sum", kind: "riddle", text: "柜台的人会告诉你答案吗？不会。", riddle: { question: "二加二等于几？", answers: ["四", "four", "4"] } }],
        reward: { points: 3, badge: true, voucher: { partnerId: "tea", text: "免费一壶茶 A free pot of tea", stock: 10 } },
      },
    },
  ],
  partners: [{ id: "tea", name: "老街茶馆 Old Street Tea" }],
};

let grove: TestGrove;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  grove = await startTestGrove({ clientDir: CLIENT_DIR, operatorToken: OPERATOR_TOKEN });
  browser = await launchChromium();
  await grove.store.createEvent({ slug: "city-walk", title: "城南漫步 City walk", capacity: 80, now: Date.now() });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await grove?.dispose();
});

async function phonePage(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, timezoneId: "Asia/Shanghai" });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  // A refusal the test provokes (a wrong answer, a voucher used twice, a forged link) is the server's answer, not a page error.
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of (400|401|403|404|409|410|429)\b/.test(message.text())) pageErrors.push(`console: ${message.text()}`);
  });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(resultsDir(), name), fullPage: true });
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/**
 * A camera that films `text`'s QR code: one Y4M frame (640×480, 4:2:0, the code centred on white) that Chromium's
 * fake capture device plays in a loop. Luma is the code's grey; chroma is neutral.
 */
async function cameraFilming(text: string, path: string): Promise<void> {
  const width = 640;
  const height = 480;
  const png = PNG.sync.read(await QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", margin: 4, width: 360 }));
  const luma = Buffer.alloc(width * height, 235);
  const left = Math.floor((width - png.width) / 2);
  const top = Math.floor((height - png.height) / 2);
  for (let y = 0; y < png.height; y += 1) {
    for (let x = 0; x < png.width; x += 1) luma[(top + y) * width + left + x] = png.data[(y * png.width + x) * 4] ?? 255;
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma]));
}

async function seriousA11y(page: Page): Promise<string[]> {
  // Colours read mid-animation (a card fading in) are blends that no one sees for long: let finite animations end.
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))));
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** An image in the page drawn onto a canvas and read back with jsqr, as the counter's scanner would read the screen. */
async function decodeImage(page: Page, testId: string): Promise<string | undefined> {
  const side = 400;
  const pixels = await page.getByTestId(testId).evaluate(async (img: HTMLImageElement, size) => {
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext("2d");
    if (!context) return [];
    context.fillStyle = "#fff";
    context.fillRect(0, 0, size, size);
    context.drawImage(img, 0, 0, size, size);
    return Array.from(context.getImageData(0, 0, size, size).data);
  }, side);
  return jsQR(Uint8ClampedArray.from(pixels), side, side)?.data;
}

describe("a blind box scanned with a phone, and its voucher at the counter", { timeout: 240_000 }, () => {
  let admin: HuntAdminView;
  let scanUrl = "";
  let voucherCode = "";

  it("the operator's printed code decodes to this Grove's scan address", async () => {
    const saved = await fetch(`${grove.url}/api/admin/events/city-walk/hunt`, {
      method: "PUT",
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(CITY_HUNT),
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    admin = (await saved.json()) as HuntAdminView;

    const image = await fetch(`${grove.url}/api/admin/events/city-walk/hunt/clues/teabox/qr.png`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toContain("image/png");
    const png = PNG.sync.read(Buffer.from(await image.arrayBuffer()));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? "";
    expect(decoded).toBe(`${grove.url}${admin.scanLinks.teabox}`);
    scanUrl = decoded;
  });

  it("a first-time visitor picks a name, is shown the box's task, answers it and wins the voucher (phone, 简体中文)", async () => {
    expect(scanUrl).not.toBe("");
    const page = await phonePage("zh-CN");
    await page.goto(scanUrl);
    await page.getByTestId("scan-name").waitFor();
    expect(await page.getByTestId("scan-name").locator("h1").textContent()).toBe(zhCN.huntPages.scan.newTitle);
    // Nothing was claimed yet, and the lobby's rule holds: an empty name is refused in words.
    await page.getByTestId("scan-claim").click();
    expect(await page.getByTestId("scan-name-error").textContent()).toBe(zhCN.lobby.nameRequired);
    expect(await page.getByTestId("scan-name-input").evaluate((input) => input === document.activeElement)).toBe(true);
    await shot(page, "hunt-scan-name-phone-zh.png");

    // By keyboard: the name, then Enter.
    await page.getByTestId("scan-name-input").fill("小林 Lin");
    await page.keyboard.press("Enter");
    const clue = page.getByTestId("scan-clue");
    await clue.waitFor();
    expect(await clue.getAttribute("data-outcome")).toBe("pending");
    expect(await page.getByTestId("scan-outcome").textContent()).toBe(zhCN.huntPages.scan.pending);
    expect(await page.getByTestId("scan-clue-name").textContent()).toContain("茶馆盲盒");
    expect(await page.getByTestId("scan-place").textContent()).toContain("老街茶馆 · 徐汇区 · 天平路 1 号");
    expect(await page.getByTestId("scan-task").getAttribute("data-kind")).toBe("riddle");
    expect(await page.getByTestId("scan-task-text").textContent()).toBe("柜台的人会告诉你答案吗？不会。");
    expect(await page.getByTestId("scan-riddle").textContent()).toBe("二加二等于几？");
    expect(await page.getByTestId("scan-venue").getAttribute("href")).toBe("/e/city-walk");
    // The page kept the new member, so the venue (and the next scan) knows them.
    const kept = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null") as { memberId?: string; secret?: string; name?: string } | null, IDENTITY_STORAGE_KEY);
    expect(kept?.memberId).toBeTruthy();
    expect(kept?.secret).toBeTruthy();
    expect(kept?.name).toBe("小林 Lin");
    expect(await fitsWidth(page)).toBe(true);
    expect(await seriousA11y(page)).toEqual([]);
    await shot(page, "hunt-scan-task-phone-zh.png");

    // A wrong answer is refused in words, and nothing is credited.
    await page.getByTestId("scan-answer-input").fill("五");
    await page.getByTestId("scan-answer").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="scan-answer-error"]')?.getAttribute("data-code") === "WRONG_ANSWER");
    expect(await page.getByTestId("scan-answer-error").textContent()).toBe(zhCN.errors.WRONG_ANSWER);
    expect(await clue.getAttribute("data-outcome")).toBe("pending");

    await page.getByTestId("scan-answer-input").fill(" 四 ");
    await page.getByTestId("scan-answer-input").press("Enter");
    await page.waitForFunction(() => document.querySelector('[data-testid="scan-clue"]')?.getAttribute("data-outcome") === "found");
    expect(await page.getByTestId("scan-outcome").textContent()).toBe(zhCN.huntPages.scan.found);
    expect(await page.getByTestId("scan-outcome").evaluate((h) => h === document.activeElement)).toBe(true);
    expect(Number(await page.getByTestId("scan-points").getAttribute("data-value"))).toBeGreaterThan(0);
    expect(await page.getByTestId("scan-badge").textContent()).toContain(zhCN.huntPages.scan.badge);
    const voucher = page.getByTestId("scan-voucher");
    expect(await voucher.textContent()).toContain("免费一壶茶 A free pot of tea");
    expect(await voucher.textContent()).toContain(zhCN.huntPages.voucher.show);
    voucherCode = (await page.getByTestId("scan-voucher-code").textContent()) ?? "";
    expect(voucherCode).toMatch(/^v1\./);
    // The QR drawn for the counter carries exactly the code.
    expect(await decodeImage(page, "scan-voucher-qr")).toBe(voucherCode);
    expect(await page.getByTestId("scan-progress").textContent()).toContain(zhCN.huntPages.scan.completed.replace("{rank}", "1"));
    expect(await fitsWidth(page)).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, "hunt-scan-found-phone-zh.png");

    // Scanning the same code again: known by the kept identity (no name asked), found already, the voucher still shown.
    await page.goto(scanUrl);
    await page.getByTestId("scan-clue").waitFor();
    expect(await page.getByTestId("scan-name").count()).toBe(0);
    expect(await page.getByTestId("scan-clue").getAttribute("data-outcome")).toBe("alreadyFound");
    expect(await page.getByTestId("scan-outcome").textContent()).toBe(zhCN.huntPages.scan.alreadyFound);
    expect(await page.getByTestId("scan-voucher-code").textContent()).toBe(voucherCode);

    // "Scan another code" follows only this site's codes: another site's look-alike is refused in words, ours opens.
    await page.getByTestId("scan-another").click();
    await page.getByTestId("qr-scanner-input").waitFor();
    await page.getByTestId("qr-scanner-input").fill(scanUrl.replace(grove.url, "https://grove.example.evil"));
    await page.getByTestId("qr-scanner-use").click();
    expect(await page.getByTestId("scan-not-a-clue").textContent()).toBe(zhCN.huntPages.scan.notAClue);
    expect(await page.getByTestId("scan-another").evaluate((button) => button === document.activeElement)).toBe(true);
    await page.getByTestId("scan-another").click();
    await page.getByTestId("qr-scanner-input").fill(scanUrl);
    await page.getByTestId("qr-scanner-input").press("Enter");
    await page.waitForURL(scanUrl);
    await page.getByTestId("scan-clue").waitFor();
    expect(await page.getByTestId("scan-clue").getAttribute("data-outcome")).toBe("alreadyFound");
  });

  it("a forged code says why, in words", async () => {
    const page = await phonePage("zh-CN");
    const forged = scanUrl.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    await page.goto(forged);
    // A first-time visitor still picks a name; the server then refuses the code.
    await page.getByTestId("scan-name-input").fill("Mallory");
    await page.getByTestId("scan-claim").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="scan-name-refusal"]') !== null);
    expect(await page.getByTestId("scan-name-refusal").textContent()).toBe(zhCN.errors.INVALID_TOKEN);
  });

  it("the shop's staff redeem the voucher once; the second time it is refused, also through the scanner's typed path", async () => {
    expect(voucherCode).not.toBe("");
    const staffLink = admin.staffLinks.tea ?? "";
    expect(staffLink).toContain("staff=");
    const page = await phonePage("en-US");
    await page.goto(`${grove.url}${staffLink}`);
    await page.getByTestId("redeem-staff").waitFor();
    // The staff token left the address bar at once (a customer can see the screen), and a reload still works.
    expect(page.url()).toBe(`${grove.url}/redeem`);
    expect(await page.getByTestId("redeem-staff").textContent()).toBe(`老街茶馆 Old Street Tea · ${CITY_HUNT.title}`);
    await page.reload();
    await page.getByTestId("redeem-staff").waitFor();

    await page.getByTestId("redeem-submit").click();
    expect(await page.getByTestId("redeem-code-error").textContent()).toBe(en.huntPages.redeem.codeRequired);
    await page.getByTestId("redeem-code").fill(voucherCode);
    await page.getByTestId("redeem-submit").click();
    const result = page.getByTestId("redeem-result");
    await result.waitFor();
    expect(await result.getAttribute("data-outcome")).toBe("ok");
    expect(await result.textContent()).toContain(en.huntPages.redeem.ok);
    expect(await page.getByTestId("redeem-for").textContent()).toBe("For: 免费一壶茶 A free pot of tea");
    expect(await page.getByTestId("redeem-next").evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    expect(await seriousA11y(page)).toEqual([]);
    await shot(page, "hunt-redeem-ok-phone-en.png");

    // The next customer shows the same code: the scanner opens, finds no camera it may use, and takes it typed.
    await page.keyboard.press("Enter");
    await page.getByTestId("redeem-code").waitFor();
    expect(await page.getByTestId("redeem-code").inputValue()).toBe("");
    await page.getByTestId("redeem-scan").click();
    await page.getByTestId("qr-scanner").waitFor();
    await page.waitForFunction(() => ["denied", "noCamera"].includes(document.querySelector('[data-testid="qr-scanner-status"]')?.getAttribute("data-state") ?? ""));
    const state = await page.getByTestId("qr-scanner-status").getAttribute("data-state");
    expect(await page.getByTestId("qr-scanner-status").textContent()).toBe(state === "denied" ? en.huntPages.scanner.denied : en.huntPages.scanner.noCamera);
    expect(await page.getByTestId("qr-scanner-input").evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.type(voucherCode);
    await shot(page, "hunt-redeem-scanner-phone-en.png");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector('[data-testid="redeem-result"]')?.getAttribute("data-outcome") === "ALREADY_REDEEMED");
    expect(await page.getByTestId("qr-scanner").count()).toBe(0);
    expect(await page.getByTestId("redeem-reason").textContent()).toBe(en.errors.ALREADY_REDEEMED);
    await shot(page, "hunt-redeem-again-phone-en.png");

    // Escape closes the scanner without a code.
    await page.getByTestId("redeem-next").click();
    await page.getByTestId("redeem-scan").click();
    await page.getByTestId("qr-scanner").waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("qr-scanner").waitFor({ state: "detached" });
  });

  it("the scanner reads a voucher's QR code from the camera (jsqr on the video's frames) and sends it", async () => {
    expect(voucherCode).not.toBe("");
    const dir = mkdtempSync(join(tmpdir(), "grove-camera-"));
    const video = join(dir, "voucher.y4m");
    await cameraFilming(voucherCode, video);
    const filming = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`],
    });
    try {
      const context = await filming.newContext({ locale: "en-US", viewport: PHONE });
      await context.grantPermissions(["camera"], { origin: grove.url });
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
      // Every stream the page opens is kept aside, to see that the scanner stops its tracks when it closes.
      await page.addInitScript(() => {
        const kept: MediaStream[] = [];
        (window as unknown as { groveStreams: MediaStream[] }).groveStreams = kept;
        const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = async (constraints) => {
          const stream = await open(constraints);
          kept.push(stream);
          return stream;
        };
      });
      await page.goto(`${grove.url}${admin.staffLinks.tea ?? ""}`);
      await page.getByTestId("redeem-staff").waitFor();
      await page.getByTestId("redeem-scan").click();
      await page.getByTestId("qr-scanner").waitFor();
      // The camera's code reaches the server untouched: this voucher was redeemed above, so the answer is the refusal.
      await page.waitForFunction(() => document.querySelector('[data-testid="redeem-result"]')?.getAttribute("data-outcome") === "ALREADY_REDEEMED");
      expect(await page.getByTestId("qr-scanner").count()).toBe(0);
      expect(await page.getByTestId("redeem-reason").textContent()).toBe(en.errors.ALREADY_REDEEMED);
      // The camera was let go: the one stream opened has no live track once the scanner closed.
      const tracks = await page.evaluate(() => (window as unknown as { groveStreams: MediaStream[] }).groveStreams.flatMap((stream) => stream.getTracks().map((track) => track.readyState)));
      expect(tracks).toEqual(["ended"]);
    } finally {
      await filming.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a forged staff link says so and offers no form", async () => {
    const page = await phonePage("zh-CN");
    await page.goto(`${grove.url}/redeem?staff=s1.forged.tea.1.AAAAAAAAAAAAAAAAAAAAAA`);
    await page.waitForFunction(() => document.querySelector('[data-testid="redeem-link-error"]')?.getAttribute("data-code") === "INVALID_STAFF_LINK");
    expect(await page.getByTestId("redeem-link-error").textContent()).toBe(zhCN.errors.INVALID_STAFF_LINK);
    expect(await page.getByTestId("redeem-code").count()).toBe(0);
    expect(page.url()).toBe(`${grove.url}/redeem`);
    expect(pageErrors).toEqual([]);
  });
});
