import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { AvatarLook, DEFAULT_LOOK } from "../../shared/protocol/look.js";
import { lookFor } from "../../shared/rules/look.js";
import { launchChromium, resultsDir } from "../helpers/browser.js";
import { joinVenue, startTestGrove, type TestGrove } from "../helpers/grove.js";
import { STATUS_REFRESH_MS } from "../../client/ui/EventStatusLine.js";
import { enterVenue, STEP_TIMEOUT_MS } from "../helpers/venuePages.js";

/** The built client (`npx vite build`); GROVE_CLIENT_DIR points elsewhere, e.g. at a build no one else rewrites meanwhile. */
const CLIENT_DIR = process.env.GROVE_CLIENT_DIR ?? "dist/client";
const IDENTITY_KEY = "grove.identity.v1";
const HOUR = 3_600_000;
/** The venue's own code and the libraries only it uses: the lobby must show without any of them. */
const VENUE_CODE = /\/assets\/(three|colyseus|VenueScreen)-[\w-]+\.js$/;
const THREE_CHUNK = /\/assets\/three-[\w-]+\.js$/;

let grove: TestGrove;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  grove = await startTestGrove({ clientDir: CLIENT_DIR });
  browser = await launchChromium();
  const now = Date.now();
  await grove.store.createEvent({ slug: "quiet-corner", title: "Quiet Corner", capacity: 50, now });
  await grove.store.createEvent({ slug: "filling-up", title: "Filling Up", capacity: 50, now });
  await grove.store.createEvent({ slug: "first-steps", title: "First Steps", capacity: 50, now });
  await grove.store.createEvent({ slug: "later-on", title: "Later On", capacity: 50, startsAt: now + 2 * HOUR, endsAt: now + 4 * HOUR, now });
  await grove.store.createEvent({ slug: "last-week", title: "Last Week", capacity: 50, startsAt: now - 8 * 24 * HOUR, endsAt: now - 7 * 24 * HOUR, now });
});

afterAll(async () => {
  await browser?.close();
  await grove?.dispose();
});

interface PageOptions {
  locale?: string;
  viewport?: { width: number; height: number };
  /** A stored identity put in place before the page's own script runs. */
  identity?: Record<string, unknown>;
}

async function newPage({ locale = "en-US", viewport = { width: 1366, height: 768 }, identity }: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale, viewport });
  contexts.push(context);
  if (identity) {
    await context.addInitScript(
      ({ key, value }) => {
        if (!sessionStorage.getItem("identity-seeded")) {
          localStorage.setItem(key, value);
          sessionStorage.setItem("identity-seeded", "1");
        }
      },
      { key: IDENTITY_KEY, value: JSON.stringify(identity) },
    );
  }
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  return page;
}

/** The look the lobby has selected, read from its radios. */
async function selectedLook(page: Page): Promise<unknown> {
  await page.getByTestId("lobby-enter").waitFor();
  return page.evaluate(() => ({
    color: document.querySelector<HTMLInputElement>('input[name="colour"]:checked')?.value,
    shape: document.querySelector<HTMLInputElement>('input[name="shape"]:checked')?.value,
    accessory: document.querySelector<HTMLInputElement>('input[name="accessory"]:checked')?.value,
  }));
}

async function storedIdentity(page: Page): Promise<{ seed?: string; look?: unknown; memberId?: string }> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}") as { seed?: string }, IDENTITY_KEY);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(resultsDir(), name) });

describe("the lobby opens before the venue's code", { timeout: 180_000 }, () => {
  it("is usable while three.js and colyseus.js are held back, and has asked for them before Enter", async () => {
    const page = await newPage();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const venueRequests: string[] = [];
    page.on("request", (request) => {
      if (VENUE_CODE.test(new URL(request.url()).pathname)) venueRequests.push(new URL(request.url()).pathname);
    });
    await page.route(VENUE_CODE, async (route) => {
      await held;
      await route.continue();
    });
    // When the lobby's Enter button first exists, in the page's own clock.
    await page.addInitScript(() => {
      new MutationObserver((_records, observer) => {
        if (!document.querySelector('[data-testid="lobby-enter"]')) return;
        (window as unknown as { lobbyShownAt: number }).lobbyShownAt = performance.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    const threeAsked = page.waitForRequest((request) => THREE_CHUNK.test(new URL(request.url()).pathname));

    await page.goto(`${grove.url}/e/first-steps?quality=low`);
    const enter = page.getByTestId("lobby-enter");
    await enter.waitFor();
    // Nothing of the venue's code has arrived (it is held), yet the form works.
    expect(await enter.isEnabled()).toBe(true);
    await page.getByTestId("lobby-shape-boxy").check({ force: true });
    expect(await page.getByTestId("lobby-preview").getAttribute("data-shape")).toBe("boxy");
    // And the three chunk has been asked for while the member is still in the lobby.
    await threeAsked;
    expect(venueRequests.some((path) => THREE_CHUNK.test(path))).toBe(true);
    expect(await page.getByTestId("lobby").isVisible()).toBe(true);

    // Enter while it is still downloading: "joining…", then in as soon as it arrives.
    const seedBefore = (await storedIdentity(page)).seed;
    await page.getByTestId("lobby-name-input").fill("Early Bird");
    await enter.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="lobby-enter"]')?.getAttribute("aria-busy") === "true");
    expect(await enter.textContent()).toBe("Joining…");
    expect(await enter.isDisabled()).toBe(true);
    release();
    await page.waitForFunction(() => document.querySelector('[data-testid="venue-hud"]')?.getAttribute("data-member-id"));
    // The three chunk was asked for only after the lobby was on screen: it is no part of what the lobby loads.
    const timing = await page.evaluate(() => ({
      lobby: (window as unknown as { lobbyShownAt?: number }).lobbyShownAt ?? Number.POSITIVE_INFINITY,
      three: performance.getEntriesByType("resource").find((entry) => /\/assets\/three-[\w-]+\.js$/.test(new URL(entry.name).pathname))?.startTime ?? -1,
    }));
    expect(timing.three).toBeGreaterThan(timing.lobby);
    // The welcome stored the member and the boxy look, and kept the seed the first look came from.
    const after = await storedIdentity(page);
    expect(after.memberId).toBeTruthy();
    expect(after.seed).toBe(seedBefore);
    expect((after.look as { shape?: string } | undefined)?.shape).toBe("boxy");
  });

  it("says so, with a reload, when the venue's code cannot be downloaded", async () => {
    const page = await newPage();
    await page.route(/\/assets\/VenueScreen-[\w-]+\.js$/, (route) => route.abort("failed"));
    await page.goto(`${grove.url}/e/first-steps`);
    const failed = page.getByTestId("page-load-failed");
    await failed.waitFor();
    expect(await failed.getByRole("button").textContent()).toBe("Reload");
  });
});

describe("a newcomer's first look comes from their identity", { timeout: 120_000 }, () => {
  it("gives each fresh browser a valid look, the one its stored seed picks", async () => {
    for (const _ of [1, 2]) {
      const page = await newPage();
      await page.goto(`${grove.url}/e/quiet-corner`);
      const look = await selectedLook(page);
      expect(AvatarLook.safeParse(look).success).toBe(true);
      const { seed } = await storedIdentity(page);
      expect(seed).toMatch(/^[0-9a-f-]{32,36}$/);
      expect(look).toEqual(lookFor(seed ?? ""));
      expect(await page.getByTestId("lobby-preview").getAttribute("data-color")).toBe(lookFor(seed ?? "").color);
    }
  });

  it("shows exactly lookFor(seed) for a stored seed, and a stored look over it", async () => {
    const sameAsDefault = (look: AvatarLook) => JSON.stringify(look) === JSON.stringify(DEFAULT_LOOK);
    const seed = ["grove-e2e-seed-a", "grove-e2e-seed-b", "grove-e2e-seed-c"].find((s) => !sameAsDefault(lookFor(s))) ?? "";
    const seeded = await newPage({ identity: { name: "", seed } });
    await seeded.goto(`${grove.url}/e/quiet-corner`);
    expect(await selectedLook(seeded)).toEqual(lookFor(seed));

    const chosen = { ...lookFor(seed), shape: lookFor(seed).shape === "tall" ? "round" : "tall" };
    const returning = await newPage({ identity: { name: "Mei", seed, look: chosen } });
    await returning.goto(`${grove.url}/e/quiet-corner`);
    expect(await selectedLook(returning)).toEqual(chosen);
    expect(await returning.getByTestId("lobby-name-input").inputValue()).toBe("Mei");
  });
});

describe("the lobby says where you are", { timeout: 180_000 }, () => {
  it("shows the event's state in words", async () => {
    const quiet = await newPage();
    await quiet.goto(`${grove.url}/e/quiet-corner`);
    const status = quiet.getByTestId("lobby-status");
    await status.waitFor();
    expect(await status.getAttribute("data-status")).toBe("open");
    expect(await status.textContent()).toBe("Open now · be the first inside");
    expect(await quiet.locator("h1").textContent()).toBe("Join Quiet Corner");

    const later = await newPage({ locale: "zh-CN" });
    await later.goto(`${grove.url}/e/later-on`);
    await later.getByTestId("lobby-status").waitFor();
    expect(await later.getByTestId("lobby-status").getAttribute("data-status")).toBe("upcoming");
    expect(await later.getByTestId("lobby-status").textContent()).toContain("开始 · 现在就可以先进去看看");

    const ended = await newPage();
    await ended.goto(`${grove.url}/e/last-week`);
    await ended.getByTestId("lobby-status").waitFor();
    expect(await ended.getByTestId("lobby-status").getAttribute("data-status")).toBe("ended");
    expect(await ended.getByTestId("lobby-status").textContent()).toMatch(/^Ended .+ at .+ · you can still look around$/);
  });

  it("follows the event while the lobby is open: the head-count and the clock, every 30 s", async () => {
    const page = await newPage();
    await page.clock.install();
    await page.goto(`${grove.url}/e/filling-up`);
    const status = page.getByTestId("lobby-status");
    await status.and(page.locator('[data-status="open"]')).waitFor();
    const bo = await joinVenue(grove.client, { eventSlug: "filling-up", name: "Bo" });
    try {
      await page.clock.runFor(STATUS_REFRESH_MS);
      await status.and(page.locator('[data-status="live"]')).waitFor();
      expect(await status.textContent()).toBe("Open now · 1 inside");
    } finally {
      await bo.room.leave();
    }

    const later = await newPage();
    await later.clock.install();
    await later.goto(`${grove.url}/e/later-on`);
    const soon = later.getByTestId("lobby-status");
    await soon.and(later.locator('[data-status="upcoming"]')).waitFor();
    // Two hours pass with the lobby open: the next tick says it is open.
    await later.clock.fastForward(2 * HOUR + STATUS_REFRESH_MS);
    await soon.and(later.locator('[data-status="open"]')).waitFor();
    expect(await soon.textContent()).toBe("Open now · be the first inside");
  });

  it("counts who is inside a live event, in both languages, on a laptop and a phone", async () => {
    await enterVenue(browser, grove.url, "Ada", { query: "" });
    for (const [locale, words] of [["en-US", "Open now · 1 inside"], ["zh-CN", "正在进行 · 1 人在场"]] as const) {
      for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
        const page = await newPage({ locale, viewport });
        await page.goto(`${grove.url}/e/demo`);
        const status = page.getByTestId("lobby-status");
        await status.waitFor();
        expect(await status.getAttribute("data-status")).toBe("live");
        expect(await status.textContent()).toBe(words);
        // The whole form, Enter included, fits the first screen.
        const enter = await page.getByTestId("lobby-enter").boundingBox();
        expect((enter?.y ?? Infinity) + (enter?.height ?? 0)).toBeLessThanOrEqual(viewport.height);
        await shot(page, `lobby-${locale === "zh-CN" ? "zh" : "en"}-${viewport.width}x${viewport.height}.png`);
      }
    }
    const home = await newPage();
    await home.goto(grove.url);
    const demo = home.locator('[data-testid="event-link"][data-slug="demo"] [data-testid="event-status"]');
    await demo.waitFor();
    expect(await demo.textContent()).toBe("Open now · 1 inside");
    await shot(home, "home-en-1366x768.png");
  });
});

describe("somewhere that isn't there", { timeout: 120_000 }, () => {
  it("says an unknown event doesn't exist, instead of the form, with a way to the events", async () => {
    for (const [locale, title] of [["en-US", "This event doesn't exist"], ["zh-CN", "这个活动不存在"]] as const) {
      const page = await newPage({ locale, viewport: { width: 390, height: 844 } });
      await page.goto(`${grove.url}/e/no-such-event`);
      const screen = page.getByTestId("event-not-found");
      await screen.waitFor();
      expect(await screen.locator("h1").textContent()).toBe(title);
      expect(await page.getByTestId("lobby").count()).toBe(0);
      await shot(page, `event-not-found-${locale === "zh-CN" ? "zh" : "en"}-390x844.png`);
      await page.getByTestId("not-found-home").click();
      await page.getByTestId("event-list").waitFor();
      expect(new URL(page.url()).pathname).toBe("/");
    }
  });

  it("shows Grove's own not-found page for other paths and impossible slugs, with a 404", async () => {
    for (const path of ["/nope", "/e/UPPER!", "/e/demo/extra"]) {
      const page = await newPage();
      const response = await page.goto(`${grove.url}${path}`);
      expect(response?.status()).toBe(404);
      const screen = page.getByTestId("not-found");
      await screen.waitFor();
      expect(await screen.locator("h1").textContent()).toBe("We can't find that page");
      expect(await screen.getByRole("link").getAttribute("href")).toBe("/");
      await page.getByTestId("language-switch").selectOption("zh-CN");
      await page.waitForFunction(() => document.querySelector('[data-testid="not-found"] h1')?.textContent === "找不到这个页面");
      if (path === "/nope") await shot(page, "not-found-zh-1366x768.png");
    }
  });
});
