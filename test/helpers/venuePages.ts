import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser.js";
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

export async function startVenuePages(): Promise<VenuePages> {
  if (!existsSync(`${CLIENT_DIR}/index.html`)) throw new Error("The client is not built: run `npm run build` first (npm test does).");
  const grove = await startTestGrove({ clientDir: CLIENT_DIR });
  const browser = await launchChromium();
  const pageErrors: string[] = [];
  return {
    grove,
    browser,
    pageErrors,
    async openMember(name, viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport, locale: "en-US" });
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      page.on("pageerror", (e) => pageErrors.push(`${name}: ${e.message}`));
      await page.goto(`${grove.url}/e/demo?quality=low`);
      await page.getByTestId("lobby-name-input").fill(name);
      await page.getByTestId("lobby-enter").click();
      await page.waitForFunction(() => document.querySelector('[data-testid="venue-hud"]')?.getAttribute("data-member-id"));
      return page;
    },
    async close() {
      await browser.close();
      await grove.dispose();
    },
  };
}
