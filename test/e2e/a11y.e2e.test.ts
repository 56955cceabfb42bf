import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { resultsDir } from "../helpers/browser.js";
import { enterVenue, startVenuePages, STEP_TIMEOUT_MS, type VenuePages } from "../helpers/venuePages.js";

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const SCREENS = [
  { name: "laptop", viewport: LAPTOP },
  { name: "phone", viewport: PHONE },
] as const;
const LANGUAGES = [
  { name: "en", locale: "en-US" },
  { name: "zh-CN", locale: "zh-CN" },
] as const;

let venue: VenuePages;

beforeAll(async () => {
  venue = await startVenuePages();
});

afterAll(async () => {
  await venue?.close();
});

interface Finding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page as it is; prints every finding, returns the serious and critical ones. */
async function scan(page: Page, what: string): Promise<Finding[]> {
  // Every rule axe runs by default, and one it calls experimental: a visible label the accessible name must contain
  // (voice control users say what they see).
  const results = await new AxeBuilder({ page }).options({ rules: { "label-content-name-mismatch": { enabled: true } } }).analyze();
  // A scan that checked nothing would pass: the page's landmarks, names and contrast must have been looked at.
  expect(results.passes.length).toBeGreaterThan(10);
  const findings: Finding[] = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
  for (const f of findings) console.log(`[axe ${what}] ${f.impact ?? "?"} ${f.id}: ${f.help} — ${f.targets.slice(0, 4).join(" | ")}`);
  return findings.filter((f) => f.impact === "serious" || f.impact === "critical");
}

describe("axe-core finds no serious or critical issue", { timeout: 300_000 }, () => {
  for (const screen of SCREENS) {
    for (const language of LANGUAGES) {
      const what = `${screen.name} ${language.name}`;

      it(`in the lobby (${what})`, async () => {
        const context = await venue.browser.newContext({ viewport: screen.viewport, locale: language.locale });
        const page = await context.newPage();
        page.setDefaultTimeout(STEP_TIMEOUT_MS);
        await page.goto(`${venue.grove.url}/e/demo?quality=low`);
        await page.getByTestId("lobby-enter").waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.locale === "zh-CN" ? "zh-CN" : "en");
        expect(await scan(page, `lobby ${what}`)).toEqual([]);
        await context.close();
      });

      it(`in the venue (${what})`, async () => {
        const page = await enterVenue(venue.browser, venue.grove.url, language.name === "en" ? "Ada" : "小明", {
          viewport: screen.viewport,
          locale: language.locale,
          pageErrors: venue.pageErrors,
        });
        // Someone else in the list, so the member list's buttons are scanned too.
        const other = await enterVenue(venue.browser, venue.grove.url, language.name === "en" ? "Bo" : "波波", { viewport: LAPTOP, locale: language.locale });
        await page.locator('[data-testid="online-count"][data-count="2"]').waitFor();
        await page.getByTestId("venue-canvas").locator("canvas").waitFor();
        await page.screenshot({ path: `${resultsDir()}/a11y-venue-${screen.name}-${language.name}.png` });
        const serious = await scan(page, `venue ${what}`);
        // On a phone the drawers hold the panels: scan each one open as well.
        if (screen.name === "phone") {
          for (const drawer of ["toggle-chat", "toggle-members"]) {
            await page.getByTestId(drawer).click();
            serious.push(...(await scan(page, `venue ${what} ${drawer}`)));
            await page.getByTestId(drawer).click();
          }
        }
        expect(serious).toEqual([]);
        expect(venue.pageErrors).toEqual([]);
        await other.context().close();
        await page.context().close();
      });
    }
  }
});
