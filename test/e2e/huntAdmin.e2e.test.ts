import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import jsQR from "jsqr";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { HuntAdminView } from "../../shared/protocol/hunt.js";
import { huntAdminEn, huntAdminZh } from "../../client/i18n/huntAdmin.js";
import { launchChromium, resultsDir } from "../helpers/browser.js";
import { startTestGrove, type TestGrove } from "../helpers/grove.js";
import { STEP_TIMEOUT_MS } from "../helpers/venuePages.js";

/** The built client (`npx vite build`); GROVE_CLIENT_DIR points elsewhere, e.g. at a build no one else rewrites meanwhile. */
const CLIENT_DIR = process.env.GROVE_CLIENT_DIR ?? "dist/client";
const OPERATOR_TOKEN = "the-operator-token-of-the-hunt-admin-e2e";
const LAPTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
/** The venue map's viewBox: the floor's half size (20 m) and a 1 m margin around it. */
const MAP_HALF = 21;

let grove: TestGrove;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];

beforeAll(async () => {
  grove = await startTestGrove({ clientDir: CLIENT_DIR, operatorToken: OPERATOR_TOKEN });
  browser = await launchChromium();
  context = await browser.newContext({ locale: "en-US", viewport: LAPTOP, timezoneId: "Asia/Shanghai" });
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await grove?.dispose();
});

async function newPage(on: BrowserContext = context): Promise<Page> {
  const page = await on.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  // A wrong token tried on purpose, or an event with no hunt yet, is the server's answer, not a page error.
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of (401|404)\b/.test(message.text())) pageErrors.push(`console: ${message.text()}`);
  });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(resultsDir(), name), fullPage: true });

async function huntOf(slug: string): Promise<HuntAdminView> {
  const response = await fetch(`${grove.url}/api/admin/events/${slug}/hunt`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as HuntAdminView;
}

/** Clicks the venue map where the floor point (x, z) is drawn. */
async function clickMap(page: Page, x: number, z: number): Promise<void> {
  await page.getByTestId("hunt-map-svg").scrollIntoViewIfNeeded();
  const box = await page.getByTestId("hunt-map-svg").boundingBox();
  if (!box) throw new Error("the map is not shown");
  await page.mouse.click(box.x + ((x + MAP_HALF) / (2 * MAP_HALF)) * box.width, box.y + ((z + MAP_HALF) / (2 * MAP_HALF)) * box.height);
}

/** Reads a QR image on the page back with jsQR, drawn onto a canvas at its own size. */
async function decodeQr(page: Page, testId: string): Promise<string | undefined> {
  const image = page.getByTestId(testId).first();
  await image.waitFor();
  const { side, pixels } = await image.evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext("2d");
    if (!ctx) return { side: 0, pixels: [] as number[] };
    ctx.drawImage(img, 0, 0);
    return { side: canvas.width, pixels: Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data) };
  });
  return jsQR(Uint8ClampedArray.from(pixels), side, side)?.data;
}

describe("the operator's hunt editor and print sheet", { timeout: 240_000 }, () => {
  it("builds a hunt with a venue clue placed on the map and a blind box, saves it, reloads it and prints its code", async () => {
    const page = await newPage();
    // Signed in on /admin, the operator follows the event's hunt link; the tab's token signs the editor in.
    await page.goto(`${grove.url}/admin`);
    await page.getByTestId("admin-token").fill(OPERATOR_TOKEN);
    await page.getByTestId("admin-sign-in-submit").click();
    await page.locator('[data-testid="admin-event"][data-slug="demo"]').getByTestId("admin-hunt-link").click();
    await page.waitForURL(`${grove.url}/admin/hunt/demo`);
    await page.getByTestId("hunt-new").waitFor();
    expect(await page.getByTestId("hunt-editor").getAttribute("data-view")).toBe("ready");

    // A hunt without a title or a clue is refused on its fields before anything is sent.
    await page.getByTestId("hunt-save").click();
    expect(await page.getByTestId("hunt-title-error").textContent()).toBe(huntAdminEn.invalidText.replace("{max}", "80"));
    expect(await page.getByTestId("hunt-clues-error").textContent()).toBe(huntAdminEn.needsClue);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("hunt-title");

    await page.getByTestId("hunt-title").fill("Lanterns and blind boxes");
    await page.getByTestId("hunt-order").selectOption("ordered");

    // A venue clue, placed by a click on the map, then nudged half a metre east with the arrow key.
    await page.getByTestId("hunt-add-scene-clue").click();
    const scene = page.getByTestId("hunt-clue").nth(0);
    await scene.getByTestId("hunt-clue-name").fill("Lantern by the fountain");
    await clickMap(page, -8, 10);
    const marker = page.getByTestId("hunt-map-marker");
    await page.waitForFunction(() => {
      const m = document.querySelector('[data-testid="hunt-map-marker"]');
      return m !== null && Math.abs(Number(m.getAttribute("data-x")) + 8) < 0.3 && Math.abs(Number(m.getAttribute("data-z")) - 10) < 0.3;
    });
    const placedX = Number(await marker.getAttribute("data-x"));
    const placedZ = Number(await marker.getAttribute("data-z"));
    await page.getByTestId("hunt-map-svg").focus();
    await page.keyboard.press("ArrowRight");
    expect(Number(await marker.getAttribute("data-x"))).toBeCloseTo(placedX + 0.5, 5);
    expect(await page.getByTestId("hunt-map-x").inputValue()).toBe((Math.round((placedX + 0.5) * 10) / 10).toFixed(1));
    // A click on the stage lands the clue on the floor in front of it, never on the stage.
    await clickMap(page, 0, -17);
    expect(Number(await marker.getAttribute("data-z"))).toBeGreaterThan(-13);
    // The x / z fields are the keyboard's way too: typed values are placed when the field is left.
    await page.getByTestId("hunt-map-x").fill(String(placedX + 0.5));
    await page.getByTestId("hunt-map-z").fill(String(placedZ));
    await page.getByTestId("hunt-map-z").press("Enter");
    expect(Number(await marker.getAttribute("data-z"))).toBeCloseTo(placedZ, 5);

    // A partner, and a real clue that is a blind box with that partner's voucher.
    await page.getByTestId("hunt-add-partner").click();
    await page.getByTestId("hunt-partner-name").fill("Leaf café");
    await page.getByTestId("hunt-add-real-clue").click();
    const real = page.getByTestId("hunt-clue").nth(1);
    await real.getByTestId("hunt-clue-name").fill("Café window");
    await real.getByTestId("hunt-clue-place").fill("Leaf café");
    await real.getByTestId("hunt-clue-district").fill("Xuhui, Shanghai");
    await real.getByTestId("hunt-clue-address").fill("12 Wukang Rd");
    await real.getByTestId("hunt-clue-blindBox").check();
    await real.getByTestId("hunt-add-task").click();
    await real.getByTestId("hunt-task-text").fill("Find the code at the bakery next door");
    await real.getByTestId("hunt-clue-hasVoucher").check();
    await real.getByTestId("hunt-clue-voucherPartner").selectOption({ label: "Leaf café" });
    await real.getByTestId("hunt-clue-voucherText").fill("A free pot of tea");
    await real.getByTestId("hunt-clue-voucherStock").fill("20");

    await page.getByTestId("hunt-save").click();
    await page.waitForFunction((saved) => document.querySelector('[data-testid="hunt-status"]')?.textContent === saved, huntAdminEn.saved);
    // Saved, the real clue shows its scan link and the partner its staff link.
    const scanLink = await real.getByTestId("hunt-scan-link-field").inputValue();
    expect(scanLink).toMatch(new RegExp(`^${grove.url}/scan/c1\\.`));
    expect(await page.getByTestId("hunt-staff-link-field").inputValue()).toMatch(new RegExp(`^${grove.url}/redeem\\?staff=s1\\.`));

    const saved = await huntOf("demo");
    expect(saved.hunt.title).toBe("Lanterns and blind boxes");
    expect(saved.hunt.order).toBe("ordered");
    const [savedScene, savedReal] = saved.hunt.clues;
    expect(savedScene?.where).toEqual({ kind: "scene", x: placedX + 0.5, z: placedZ });
    expect(savedReal?.where).toEqual({ kind: "real", place: "Leaf café", district: "Xuhui, Shanghai", address: "12 Wukang Rd" });
    expect(savedReal?.blindBox?.tasks.map((t) => [t.kind, t.text])).toEqual([["findNext", "Find the code at the bakery next door"]]);
    expect(savedReal?.blindBox?.reward.voucher).toEqual({ partnerId: saved.hunt.partners[0]?.id, text: "A free pot of tea", stock: 20 });

    // A reload shows the hunt as saved.
    await page.reload();
    await page.getByTestId("hunt-form").waitFor();
    expect(await page.getByTestId("hunt-title").inputValue()).toBe("Lanterns and blind boxes");
    expect(await page.getByTestId("hunt-clue").count()).toBe(2);
    expect(await page.getByTestId("hunt-clue").nth(1).getByTestId("hunt-clue-voucherText").inputValue()).toBe("A free pot of tea");
    expect(Number(await page.getByTestId("hunt-map-marker").getAttribute("data-x"))).toBeCloseTo(placedX + 0.5, 5);
    expect(await page.getByTestId("hunt-clue-counts").count()).toBe(2);
    await page.getByTestId("hunt-map-svg").focus();
    await shot(page, "hunt-editor-laptop.png");

    // The sheet: one page per real clue, whose QR code reads back as the clue's scan link.
    await page.getByTestId("hunt-open-sheet").click();
    await page.waitForURL(`${grove.url}/admin/hunt/demo/sheet`);
    await page.getByTestId("hunt-sheet-qr").waitFor();
    expect(await page.getByTestId("hunt-sheet-card").count()).toBe(1);
    expect(await decodeQr(page, "hunt-sheet-qr")).toBe(scanLink);
    const card = page.getByTestId("hunt-sheet-card");
    expect(await card.textContent()).toContain(huntAdminEn.scanInstruction);
    expect(await card.textContent()).toContain("Xuhui, Shanghai · 12 Wukang Rd");
    await shot(page, "hunt-sheet.png");
    // In print, the toolbar is gone and each clue is its own page.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("hunt-print").isVisible()).toBe(false);
    // (The page break comes after every card but the last, so one clue prints one page, not one and a blank.)
    expect(await card.evaluate((el) => [getComputedStyle(el).breakInside, getComputedStyle(el).breakAfter])).toEqual(["avoid", "auto"]);
    await shot(page, "hunt-sheet-print.png");
    await page.emulateMedia({ media: "screen" });

    // The server's PNG of the same code downloads with the operator token.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("hunt-download-png").click()]);
    expect(download.suggestedFilename()).toBe(`demo-${savedReal?.id}.png`);

    // Rotating the code (confirmed) gives the clue a new link; the old one is no longer the one shown.
    await page.goto(`${grove.url}/admin/hunt/demo`);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByTestId("hunt-rotate-code").click();
    await page.waitForFunction((old) => {
      const field = document.querySelector<HTMLInputElement>('[data-testid="hunt-scan-link-field"]');
      return field !== null && field.value !== old && field.value.includes("/scan/c1.");
    }, scanLink);
    expect((await huntOf("demo")).hunt.clues[1]?.tokenVersion).toBe((savedReal?.tokenVersion ?? 0) + 1);
    // Likewise a partner's staff link.
    const staffLink = await page.getByTestId("hunt-staff-link-field").inputValue();
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByTestId("hunt-rotate-link").click();
    await page.waitForFunction((old) => {
      const field = document.querySelector<HTMLInputElement>('[data-testid="hunt-staff-link-field"]');
      return field !== null && field.value !== old && field.value.includes("/redeem?staff=s1.");
    }, staffLink);
    expect(await page.getByTestId("hunt-status").textContent()).toBe(huntAdminEn.linkRotated.replace("{name}", "Leaf café"));
    await page.getByTestId("hunt-clues").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir(), "hunt-editor-laptop-clues.png") });
    expect(pageErrors).toEqual([]);
  });

  it("asks a new tab for the operator token, and reads in Chinese on a phone without sideways scrolling", async () => {
    const phone = await browser.newContext({ locale: "zh-CN", viewport: PHONE, timezoneId: "Asia/Shanghai", isMobile: true, hasTouch: true });
    try {
      const page = await newPage(phone);
      await page.goto(`${grove.url}/admin/hunt/demo`);
      await page.getByTestId("hunt-sign-in").waitFor();
      await page.getByTestId("hunt-token").fill("not-the-token");
      await page.getByTestId("hunt-sign-in-submit").click();
      await page.getByTestId("hunt-sign-in").locator('[role="alert"]').waitFor();
      expect(await page.getByTestId("hunt-token").getAttribute("aria-invalid")).toBe("true");
      await page.getByTestId("hunt-token").fill(OPERATOR_TOKEN);
      await page.getByTestId("hunt-sign-in-submit").click();
      await page.getByTestId("hunt-form").waitFor();
      // The hunt the first test saved (or, run alone, a new one): either way the editor speaks Chinese.
      expect(await page.getByTestId("hunt-save").textContent()).toBe(huntAdminZh.save);
      if ((await page.getByTestId("hunt-clue").count()) === 0) await page.getByTestId("hunt-add-scene-clue").click();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
      expect(serious).toEqual([]);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(resultsDir(), "hunt-editor-phone-zh.png") });
      expect(pageErrors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
