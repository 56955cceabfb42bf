import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { resultsDir } from "../helpers/browser.js";
import { enterVenue, startVenuePages, type VenuePages } from "../helpers/venuePages.js";

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let venue: VenuePages;

beforeAll(async () => {
  venue = await startVenuePages();
});

afterAll(async () => {
  await venue?.close();
});

/** axe-core's serious and critical findings on the page as it is, printed. */
async function seriousFindings(page: Page, what: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).options({ rules: { "label-content-name-mismatch": { enabled: true } } }).analyze();
  expect(results.passes.length).toBeGreaterThan(10);
  const found = results.violations.map((v) => `${v.impact ?? "?"} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 4).join(" | ")}`);
  for (const f of found) console.log(`[axe ${what}] ${f}`);
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

/** Keeps the text of every celebration card the page shows, in `window.celebrated` (the cards hide by themselves). */
async function recordCelebrations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { celebrated: string[] }).celebrated = seen;
    new MutationObserver(() => {
      for (const card of document.querySelectorAll('[data-testid="celebration"]')) {
        const text = card.textContent ?? "";
        if (!seen.includes(text)) seen.push(text);
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

const memberIdOf = async (page: Page) => (await page.getByTestId("venue-hud").getAttribute("data-member-id")) ?? "";

async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("chat-send").click();
  await page.getByTestId("chat-message").filter({ hasText: text }).last().waitFor();
}

describe("growth in the browser", { timeout: 600_000 }, () => {
  it("a question gets energy by keyboard, the tree figure and its spoken value follow, the leaderboard shows both and one opts out", async () => {
    const ada = await enterVenue(venue.browser, venue.grove.url, "Ada", { viewport: LAPTOP, pageErrors: venue.pageErrors, prepare: recordCelebrations });
    const bo = await enterVenue(venue.browser, venue.grove.url, "Bo", { viewport: PHONE, pageErrors: venue.pageErrors });
    const adaId = await memberIdOf(ada);
    const boId = await memberIdOf(bo);

    // The figure is there from the start, with the member's energy once their own view arrives.
    await ada.locator('[data-testid="growth-hud"][data-energy="5"]').waitFor();
    await bo.locator('[data-testid="growth-hud"][data-energy="5"]').waitFor();

    // Ada asks; Bo says hello in the chat (both earn points).
    await ada.getByTestId("salon-ask-input").fill("Where do the saplings come from?");
    await ada.getByTestId("salon-ask").click();
    // Her first question earns a badge: a small card says so (it hides by itself; the recorder keeps what it said).
    await ada.waitForFunction(() => (window as unknown as { celebrated?: string[] }).celebrated?.some((text) => text.includes("Badge earned: Curious mind")));
    if (await ada.getByTestId("celebration").isVisible()) await ada.screenshot({ path: `${resultsDir()}/growth-celebration-laptop.png` });
    const adasQuestion = ada.getByTestId("salon-question").filter({ hasText: "Where do the saplings" });
    await adasQuestion.waitFor();
    expect(await adasQuestion.getByTestId("energy-button").getAttribute("data-block")).toBe("own");
    await bo.getByTestId("toggle-chat").click();
    await say(bo, "Hello everyone, lovely tree!");
    await bo.getByTestId("toggle-chat").click();

    // Bo gives the question energy with the keyboard alone: focus the ⚡, press Enter.
    await bo.getByTestId("toggle-salon").click();
    const question = bo.getByTestId("salon-question").filter({ hasText: "Where do the saplings" });
    const bolt = question.getByTestId("energy-button");
    await bolt.waitFor();
    expect(await bolt.getAttribute("aria-label")).toBe("Give energy to Ada");
    await bolt.focus();
    await bo.keyboard.press("Enter");
    await question.locator('[data-testid="energy-button"][data-block="given"][aria-pressed="true"]').waitFor();
    await bo.locator('[data-testid="growth-hud"][data-energy="4"]').waitFor();
    // A second press sends nothing and keeps saying why.
    await bo.keyboard.press("Enter");
    expect(await bolt.getAttribute("aria-label")).toContain("You already gave this energy");
    await bo.screenshot({ path: `${resultsDir()}/growth-energy-phone.png` });

    // Ada's figure grows, and says so: stage, percent and her share in the progress bar's value text.
    await ada.waitForFunction(() => Number(document.querySelector('[data-testid="growth-hud"]')?.getAttribute("data-percent")) > 0);
    await ada.waitForFunction(() => Number(document.querySelector('[data-testid="growth-hud"]')?.getAttribute("data-share")) > 0);
    const progress = ada.getByTestId("growth-progress");
    expect(await progress.getAttribute("role")).toBe("progressbar");
    expect(await progress.getAttribute("aria-valuetext")).toMatch(/^\S.*, \d+% of the goal; your share \d+%$/);
    expect(Number(await progress.getAttribute("aria-valuenow"))).toBeGreaterThan(0);

    // The leaderboard shows both, Ada first (question and energy beat one chat line), with the links.
    await ada.getByTestId("growth-toggle").click();
    const panel = ada.getByTestId("growth-panel");
    await panel.waitFor();
    await panel.locator(`[data-testid="leaderboard-row"][data-member-id="${boId}"]`).waitFor();
    const rows = panel.getByTestId("leaderboard-row");
    expect(await rows.nth(0).getAttribute("data-member-id")).toBe(adaId);
    expect(await panel.getByTestId("growth-how").getAttribute("href")).toBe("/growth");
    expect(await panel.getByTestId("growth-profile").getAttribute("href")).toBe(`/m/${adaId}`);
    await ada.screenshot({ path: `${resultsDir()}/growth-hud-laptop.png` });
    expect(await seriousFindings(ada, "growth laptop")).toEqual([]);

    // Bo opts out on the phone: the choice is remembered on the device, and Ada's leaderboard loses Bo.
    await bo.getByTestId("toggle-salon").click();
    await bo.screenshot({ path: `${resultsDir()}/growth-hud-phone-closed.png` });
    await bo.getByTestId("growth-toggle").click();
    await bo.getByTestId("growth-panel").waitFor();
    await bo.screenshot({ path: `${resultsDir()}/growth-hud-phone.png` });
    expect(await seriousFindings(bo, "growth phone")).toEqual([]);
    await bo.getByTestId("growth-hide-me").check();
    await panel.locator(`[data-testid="leaderboard-row"][data-member-id="${boId}"]`).waitFor({ state: "detached" });
    expect(await bo.evaluate(() => localStorage.getItem("grove.leaderboardHidden.v1"))).toBe("1");
    await bo.locator('[data-testid="growth-hide-me"]:checked').waitFor();
    await panel.locator(`[data-testid="leaderboard-row"][data-member-id="${adaId}"]`).waitFor();

    // Escape closes the panel and gives focus back to its button.
    await ada.getByTestId("growth-close").focus();
    await ada.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    expect(await ada.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("growth-toggle");

    expect(venue.pageErrors).toEqual([]);
  });
});
