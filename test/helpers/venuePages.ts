import { existsSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "./browser.js";
import type { GroveOptions } from "../../server/app.js";
import { startTestGrove, type TestGrove } from "./grove.js";

const CLIENT_DIR = "dist/client";
/** Software WebGL on a small CI machine is slow: generous limits, and still no sleeps. */
export const STEP_TIMEOUT_MS = 60_000;

/** A real server serving the built client, a headless Chromium, and a way to walk members into /e/demo. */
export interface VenuePages {
  grove: TestGrove;
  browser: Browser;
  /** Uncaught errors of every page opened, as "name: message". */
  pageErrors: string[];
  /** Opens a fresh browser context (its own storage), enters the lobby as `name` and waits to be in the venue. */
  openMember(name: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export interface EnterOptions {
  viewport?: { width: number; height: number };
  /** Where uncaught page errors and CSP violations go, as "name: message". */
  pageErrors?: string[];
  /** Runs in the new context before the page opens (seed storage, instrument the page). */
  prepare?: (context: BrowserContext) => Promise<void>;
  /** The browser's language (default en-US): the page picks its own from it. */
  locale?: string;
  /** Added to the address after `quality=low`, e.g. `host=<token>` for a host link. */
  query?: string;
  /** The event to enter (default `demo`). */
  slug?: string;
}

/** Opens a fresh browser context (its own storage) on `url`/e/<slug> (demo by default), enters the lobby as `name`, waits to be in. */
export async function enterVenue(browser: Browser, url: string, name: string, options: EnterOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: options.locale ?? "en-US" });
  await options.prepare?.(context);
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const pageErrors = options.pageErrors;
  if (pageErrors) {
    page.on("pageerror", (e) => pageErrors.push(`${name}: ${e.message}`));
    // The server's Content-Security-Policy must not block anything the client needs: a violation is an error.
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) pageErrors.push(`${name}: ${message.text()}`);
    });
  }
  await page.goto(`${url}/e/${options.slug ?? "demo"}?quality=low${options.query ? `&${options.query}` : ""}`);
  await page.getByTestId("lobby-name-input").fill(name);
  await page.getByTestId("lobby-enter").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="venue-hud"]')?.getAttribute("data-member-id"));
  return page;
}

export async function startVenuePages(options: GroveOptions = {}): Promise<VenuePages> {
  if (!existsSync(`${CLIENT_DIR}/index.html`)) throw new Error("The client is not built: run `npm run build` first (npm test does).");
  const grove = await startTestGrove({ clientDir: CLIENT_DIR, ...options });
  const browser = await launchChromium();
  const pageErrors: string[] = [];
  return {
    grove,
    browser,
    pageErrors,
    openMember(name, viewport) {
      return enterVenue(browser, grove.url, name, { viewport, pageErrors });
    },
    async close() {
      await browser.close();
      await grove.dispose();
    },
  };
}
