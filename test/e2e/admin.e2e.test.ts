import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import jsQR from "jsqr";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { HOST_LINK_PARAM } from "../../shared/protocol/index.js";
import { adminEn, adminZh } from "../../client/i18n/admin.js";
import { en } from "../../client/i18n/en.js";
import { launchChromium, resultsDir } from "../helpers/browser.js";
import { startTestGrove, type TestGrove } from "../helpers/grove.js";
import { STEP_TIMEOUT_MS } from "../helpers/venuePages.js";

/** The built client (`npx vite build`); GROVE_CLIENT_DIR points elsewhere, e.g. at a build no one else rewrites meanwhile. */
const CLIENT_DIR = process.env.GROVE_CLIENT_DIR ?? "dist/client";
const OPERATOR_TOKEN = "the-operator-token-of-the-admin-e2e";
const TOKEN_KEY = "grove.adminToken.v1";
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let grove: TestGrove;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Uncaught errors and console errors (a CSP refusal among them) of every page, as "what: message". */
const pageErrors: string[] = [];

beforeAll(async () => {
  grove = await startTestGrove({ clientDir: CLIENT_DIR, operatorToken: OPERATOR_TOKEN });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await grove?.dispose();
});

async function newPage(options: { locale: string; viewport: { width: number; height: number }; timezoneId: string; clipboard?: boolean }): Promise<Page> {
  const context = await browser.newContext({ locale: options.locale, viewport: options.viewport, timezoneId: options.timezoneId });
  contexts.push(context);
  if (options.clipboard !== false) await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: grove.url });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  // A refusal the test provoked (a wrong token, a taken slug, a spent budget) is the server's answer, not a page error.
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of (401|409|429)\b/.test(message.text())) pageErrors.push(`console: ${message.text()}`);
  });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(resultsDir(), name), fullPage: true });
const card = (page: Page, slug: string) => page.locator(`[data-testid="admin-event"][data-slug="${slug}"]`);
const statusText = (page: Page) => page.getByTestId("admin-status").textContent();

async function signIn(page: Page, token: string): Promise<void> {
  await page.getByTestId("admin-token").fill(token);
  await page.getByTestId("admin-sign-in-submit").click();
}

/** The QR code of a card, drawn onto a canvas in the page and read back with jsQR. */
async function decodeQr(page: Page, slug: string): Promise<string | undefined> {
  const size = 360;
  await card(page, slug).getByTestId("admin-qr-image").waitFor();
  const pixels = await card(page, slug)
    .getByTestId("admin-qr-image")
    .evaluate(async (img: HTMLImageElement, side) => {
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = side;
      canvas.height = side;
      const context = canvas.getContext("2d");
      if (!context) return [];
      context.fillStyle = "#fff";
      context.fillRect(0, 0, side, side);
      context.drawImage(img, 0, 0, side, side);
      return Array.from(context.getImageData(0, 0, side, side).data);
    }, size);
  return jsQR(Uint8ClampedArray.from(pixels), size, size)?.data;
}

/** The event the first test makes through the page, made here when a test runs alone (a no-op when it exists). */
async function gardenTalk(): Promise<void> {
  const made = { slug: "garden-talk", title: "Garden talk, moved indoors", description: "Bring a cutting.\n\nTea in the greenhouse.", capacity: 80 };
  await grove.store.createEvent({ ...made, startsAt: Date.UTC(2030, 4, 1, 23, 30), endsAt: Date.UTC(2030, 4, 2, 1, 0), now: Date.now() });
}

/** True when nothing on the page is wider than the screen (no sideways scrolling on a phone). */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("the operator's page", { timeout: 240_000 }, () => {
  it("signs in, creates and edits an event, and hands out its links and QR code (laptop, English)", async () => {
    const page = await newPage({ locale: "en-US", viewport: LAPTOP, timezoneId: "America/New_York" });
    const answer = await page.goto(`${grove.url}/admin`);
    expect(answer?.status()).toBe(200);
    await page.getByTestId("admin-sign-in").waitFor();
    expect(await page.title()).toBe(`${adminEn.title} · Grove`);

    // An empty token is caught here; a wrong one is the server's UNAUTHORIZED, and nothing is kept.
    await page.getByTestId("admin-sign-in-submit").click();
    expect(await page.getByTestId("admin-sign-in-error").textContent()).toBe(adminEn.tokenRequired);
    await signIn(page, "not-the-token");
    const error = page.getByTestId("admin-sign-in-error");
    await page.waitForFunction(() => document.querySelector('[data-testid="admin-sign-in-error"]')?.getAttribute("data-code") === "UNAUTHORIZED");
    expect(await error.textContent()).toBe(en.errors.UNAUTHORIZED);
    expect(await page.getByTestId("admin-token").getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).toBeNull();

    await signIn(page, OPERATOR_TOKEN);
    await page.getByTestId("admin-events").waitFor();
    expect(await page.getByTestId("admin-page").getAttribute("data-view")).toBe("signedIn");
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).toBe(OPERATOR_TOKEN);
    expect(await card(page, "demo").count()).toBe(1);

    // The form refuses what the server would, in words, before sending anything.
    await page.getByTestId("admin-new-event").click();
    const form = page.getByTestId("admin-create-form");
    await form.waitFor();
    await page.getByTestId("admin-create-form-slug").fill("Garden Talk");
    await page.getByTestId("admin-create-form-title").fill("Garden talk");
    await page.getByTestId("admin-create-form-starts").fill("2030-05-01T19:30");
    await page.getByTestId("admin-create-form-ends").fill("2030-05-01T18:00");
    await page.getByTestId("admin-create-form-submit").click();
    expect(await page.getByTestId("admin-create-form-slug-error").textContent()).toBe(adminEn.invalidSlug);
    expect(await page.getByTestId("admin-create-form-endsAt-error").textContent()).toBe(adminEn.endsBeforeStart);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("admin-create-form-slug");
    // A slug that is taken is the server's word, said on the field.
    await page.getByTestId("admin-create-form-slug").fill("demo");
    await page.getByTestId("admin-create-form-ends").fill("2030-05-01T21:00");
    await page.getByTestId("admin-create-form-submit").click();
    await page.getByTestId("admin-create-form-slug-error").filter({ hasText: en.errors.SLUG_TAKEN }).waitFor();

    await page.getByTestId("admin-create-form-slug").fill("garden-talk");
    await page.getByTestId("admin-create-form-description").fill("Bring a cutting.\n\nTea in the greenhouse.");
    await page.getByTestId("admin-create-form-capacity").fill("80");
    await page.getByTestId("admin-create-form-submit").click();
    const garden = card(page, "garden-talk");
    await garden.waitFor();
    await page.getByTestId("admin-status").filter({ hasText: "“Garden talk” is created." }).waitFor();
    const stored = await grove.store.getEventBySlug("garden-talk");
    // 19:30 in New York on 1 May 2030 (EDT, UTC−4) is 23:30 UTC.
    expect(stored).toMatchObject({ title: "Garden talk", description: "Bring a cutting.\n\nTea in the greenhouse.", capacity: 80, startsAt: Date.UTC(2030, 4, 1, 23, 30), endsAt: Date.UTC(2030, 4, 2, 1, 0) });
    // One day, so the date is said once (ICU puts thin or no-break spaces around the dash and before PM).
    expect(await garden.getByTestId("admin-event-schedule").textContent()).toMatch(/^May 1, 2030, 7:30\s*–\s*9:00\sPM$/);
    expect(await garden.getByTestId("admin-event-capacity").textContent()).toBe("80 per room");
    // Focus lands on the new event, so the keyboard is where its links are.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("admin-event-garden-talk");

    // Its host link came with it: a warning, an expiry, and a token the server accepts for this event only.
    const hostLinkField = garden.getByTestId("admin-host-link-field");
    const firstHostLink = await hostLinkField.inputValue();
    expect(firstHostLink.startsWith(`${grove.url}/e/garden-talk?${HOST_LINK_PARAM}=`)).toBe(true);
    expect(grove.hostTokens.check(new URL(firstHostLink).searchParams.get(HOST_LINK_PARAM) ?? "", stored!.id)).toBe("accepted");
    expect(await garden.getByTestId("admin-host-link").textContent()).toContain(adminEn.hostLinkWarning);
    expect(await garden.getByTestId("admin-host-link-expiry").textContent()).toMatch(/^Valid until .+\d{4}.+\.$/);

    // Edit the title: only the title changes.
    await garden.getByTestId("admin-edit").click();
    const editForm = garden.getByTestId("admin-edit-form");
    await editForm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("admin-edit-form-title");
    await editForm.getByTestId("admin-edit-form-title").fill("Garden talk, moved indoors");
    await editForm.getByTestId("admin-edit-form-submit").click();
    await garden.getByTestId("admin-event-title").filter({ hasText: "Garden talk, moved indoors" }).waitFor();
    await page.getByTestId("admin-status").filter({ hasText: "Changes to “Garden talk, moved indoors” are saved." }).waitFor();
    expect(await editForm.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("admin-edit");
    expect(await grove.store.getEventBySlug("garden-talk")).toMatchObject({ title: "Garden talk, moved indoors", description: "Bring a cutting.\n\nTea in the greenhouse.", capacity: 80, startsAt: Date.UTC(2030, 4, 1, 23, 30) });

    // The QR code reads back as the member link, on this origin.
    const memberLink = `${grove.url}/e/garden-talk`;
    expect(await decodeQr(page, "garden-talk")).toBe(memberLink);
    expect(await garden.getByTestId("admin-qr-image").getAttribute("alt")).toBe(`QR code of the member link for Garden talk, moved indoors: ${memberLink}`);
    expect(await garden.getByTestId("admin-qr-svg").getAttribute("download")).toBe("garden-talk-qr.svg");
    expect(await garden.getByTestId("admin-qr-png").getAttribute("href")).toMatch(/^data:image\/png;base64,/);

    // Copying puts the links on the clipboard and says so in the live region.
    await garden.getByTestId("admin-member-link-copy").click();
    await page.getByTestId("admin-status").filter({ hasText: adminEn.memberLinkCopied }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(memberLink);
    await garden.getByTestId("admin-host-link-copy").click();
    await page.getByTestId("admin-status").filter({ hasText: adminEn.hostLinkCopied }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(firstHostLink);

    // A fresh host link for another event, from its card.
    const demo = card(page, "demo");
    await demo.getByTestId("admin-new-host-link").click();
    await demo.getByTestId("admin-host-link").waitFor();
    const demoLink = await demo.getByTestId("admin-host-link-field").inputValue();
    const demoEvent = await grove.store.getEventBySlug("demo");
    expect(grove.hostTokens.check(new URL(demoLink).searchParams.get(HOST_LINK_PARAM) ?? "", demoEvent!.id)).toBe("accepted");
    expect(await statusText(page)).toBe("A new host link for “Grove 演示沙龙 · Demo salon” is ready.");

    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, "admin-laptop-en.png");

    // A reload keeps the tab signed in; signing out forgets the token.
    await page.reload();
    await page.getByTestId("admin-events").waitFor();
    await page.getByTestId("admin-sign-out").click();
    await page.getByTestId("admin-sign-in").waitFor();
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).toBeNull();
    expect(await statusText(page)).toBe(adminEn.signedOut);
    expect(pageErrors).toEqual([]);
  });

  it("works on a phone in Chinese, by keyboard, with no sideways scrolling and no serious axe finding", async () => {
    await gardenTalk();
    const page = await newPage({ locale: "zh-CN", viewport: PHONE, timezoneId: "Asia/Shanghai" });
    await page.goto(`${grove.url}/admin`);
    await page.getByTestId("admin-sign-in").waitFor();
    expect(await page.locator("h1").textContent()).toBe(adminZh.title);
    // The token field has focus: type and press Enter.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("admin-token");
    await page.keyboard.type(OPERATOR_TOKEN);
    await page.keyboard.press("Enter");
    await page.getByTestId("admin-events").waitFor();
    const garden = card(page, "garden-talk");
    await garden.waitFor();
    expect(await garden.getByTestId("admin-event-capacity").textContent()).toBe("每个房间 80 人");
    // 23:30 UTC is 07:30 the next morning in Shanghai.
    expect(await garden.getByTestId("admin-event-schedule").textContent()).toMatch(/^2030\/5\/2\s07:30\s*–\s*09:00$/);
    expect(await decodeQr(page, "garden-talk")).toBe(`${grove.url}/e/garden-talk`);

    // Keyboard to the edit button of the first event: focus is visible on it, and Esc closes its form.
    const edit = card(page, "demo").getByTestId("admin-edit");
    await edit.focus();
    expect(await edit.evaluate((el) => getComputedStyle(el).outlineStyle !== "none" && el.matches(":focus-visible"))).toBe(true);
    await page.keyboard.press("Enter");
    await card(page, "demo").getByTestId("admin-edit-form").waitFor();
    await page.keyboard.press("Escape");
    expect(await card(page, "demo").getByTestId("admin-edit-form").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("admin-edit");

    await garden.getByTestId("admin-new-host-link").click();
    await garden.getByTestId("admin-host-link").waitFor();
    expect(await garden.getByTestId("admin-host-link").textContent()).toContain(adminZh.hostLinkWarning);
    expect(await fitsWidth(page)).toBe(true);

    const results = await new AxeBuilder({ page }).analyze();
    expect(results.passes.length).toBeGreaterThan(10);
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
    expect(serious).toEqual([]);

    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, "admin-phone-zh.png");
    expect(pageErrors).toEqual([]);
  });

  it("selects the link to copy by hand where the clipboard is refused", async () => {
    await gardenTalk();
    const page = await newPage({ locale: "en-US", viewport: LAPTOP, timezoneId: "UTC", clipboard: false });
    await page.addInitScript(() => {
      Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("denied")) }, configurable: true });
    });
    await page.goto(`${grove.url}/admin`);
    await signIn(page, OPERATOR_TOKEN);
    const garden = card(page, "garden-talk");
    await garden.waitFor();
    await garden.getByTestId("admin-member-link-copy").click();
    await page.getByTestId("admin-status").filter({ hasText: adminEn.copySelected }).waitFor();
    const selection = await page.evaluate(() => {
      const field = document.activeElement as HTMLInputElement | null;
      return { testId: field?.getAttribute("data-testid"), selected: field ? field.value.slice(field.selectionStart ?? 0, field.selectionEnd ?? 0) : "" };
    });
    expect(selection).toEqual({ testId: "admin-member-link-field", selected: `${grove.url}/e/garden-talk` });
  });
});

describe("a rate-limited operator", { timeout: 120_000 }, () => {
  let limited: TestGrove;
  beforeAll(async () => {
    limited = await startTestGrove({ clientDir: CLIENT_DIR, operatorToken: OPERATOR_TOKEN });
  });
  afterAll(async () => {
    await limited?.dispose();
  });

  it("is told how long to wait once the wrong tokens are spent", async () => {
    const page = await newPage({ locale: "en-US", viewport: LAPTOP, timezoneId: "UTC" });
    await page.goto(`${limited.url}/admin`);
    // The budget is the address's: spend it from the page's own, 20 wrong tokens.
    const statuses = await page.evaluate(async () => {
      const answers: number[] = [];
      for (let i = 0; i < 20; i++) answers.push((await fetch("/api/admin/events", { headers: { authorization: `Bearer guess-${i}` } })).status);
      return answers;
    });
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 401));
    await signIn(page, OPERATOR_TOKEN);
    await page.getByTestId("admin-sign-in-error").waitFor();
    expect(await page.getByTestId("admin-sign-in-error").getAttribute("data-code")).toBe("rateLimited");
    // The budget refills one try every 5 s, so the wait is what is left of those 5 s.
    expect(await page.getByTestId("admin-sign-in-error").textContent()).toMatch(/^Too many wrong tokens from this address\. Try again in [1-5] s\.$/);
    expect(await page.getByTestId("admin-page").getAttribute("data-view")).toBe("signIn");
  });
});
