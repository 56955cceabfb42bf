import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import type { HuntInput } from "../../shared/protocol/hunt.js";
import { en } from "../../client/i18n/en.js";
import { launchChromium, resultsDir } from "../helpers/browser.js";
import { startTestGrove, type TestGrove } from "../helpers/grove.js";
import { enterVenue } from "../helpers/venuePages.js";

/** The built client (`npx vite build`); GROVE_CLIENT_DIR points elsewhere, e.g. at a build no one else rewrites meanwhile. */
const CLIENT_DIR = process.env.GROVE_CLIENT_DIR ?? "dist/client";
const OPERATOR_TOKEN = "the-operator-token-of-the-hunt-venue-e2e";
const LAPTOP = { width: 1366, height: 768 };
/** A little over the panel's reach poll (300 ms), so a stopped avatar's reach is on screen before the next press. */
const REACH_SETTLE_MS = 400;

/*
 * With the spawn ring's turn pinned to 0 (random: () => 0) the first member stands at (4, 4), facing the stage; the
 * clue lies 5 m to their right, out of reach (CLUE_REACH_M is 2.5) until they walk toward it.
 */
const GARDEN_HUNT: HuntInput = {
  title: "Garden hunt",
  order: "ordered",
  startsAt: null,
  endsAt: null,
  teams: [],
  clues: [
    { id: "lantern", name: "Paper lantern", hint: "East of where you arrive", riddle: null, points: 10, where: { kind: "scene", x: 9, z: 4 }, blindBox: null },
    { id: "well", name: "Old well", hint: "Ask the tea shop", riddle: null, points: 5, where: { kind: "real", place: "Tea shop", district: "Old town", address: "" }, blindBox: null },
  ],
  partners: [],
};

let grove: TestGrove;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  grove = await startTestGrove({ clientDir: CLIENT_DIR, operatorToken: OPERATOR_TOKEN, random: () => 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await grove?.dispose();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(resultsDir(), name) });
const hud = (page: Page, attribute: string) => page.getByTestId("hunt-hud").getAttribute(attribute);

describe("a hunt in the venue", { timeout: 300_000 }, () => {
  it("a member walks to the glowing clue by keyboard and claims it from the panel; the find is said and counted", async () => {
    const saved = await fetch(`${grove.url}/api/admin/events/demo/hunt`, {
      method: "PUT",
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(GARDEN_HUNT),
    });
    expect(saved.status, await saved.clone().text()).toBe(200);

    const ada = await enterVenue(browser, grove.url, "Ada", { viewport: LAPTOP, pageErrors });
    await ada.getByTestId("hunt-hud").waitFor();
    expect(await hud(ada, "data-total")).toBe("2");
    expect(await hud(ada, "data-found")).toBe("0");

    // The panel opens from the keyboard: focus its button, Enter; its heading takes the focus.
    await ada.getByTestId("hunt-toggle").focus();
    await ada.keyboard.press("Enter");
    const panel = ada.getByTestId("hunt-panel");
    await panel.waitFor();
    expect(await panel.locator("h3").evaluate((h) => h === document.activeElement)).toBe(true);
    expect(await ada.getByTestId("hunt-progress").getAttribute("aria-valuetext")).toBe("0 of 2 clues found");
    expect(await ada.getByTestId("hunt-next").textContent()).toBe("Next clue: Paper lantern");
    expect(await ada.getByTestId("hunt-reach-none").textContent()).toBe(en.hunt.reach.none);
    const clues = ada.getByTestId("hunt-clue");
    expect(await clues.count()).toBe(2);
    expect(await clues.nth(0).getAttribute("data-status")).toBe("next");
    expect(await clues.nth(1).textContent()).toContain("At Tea shop · Old town");
    await shot(ada, "hunt-venue-panel-laptop.png");

    // Walk east with the arrow key until the panel offers the clue (a hint from the page; the server measures again).
    // The 3D view takes the walking keys (the panel's heading had the focus).
    await ada.getByTestId("venue-canvas").focus();
    // Short presses, so a slow machine's round trips cannot carry the avatar past the clue.
    const claim = ada.getByTestId("hunt-claim");
    for (let step = 0; step < 40 && (await claim.count()) === 0; step++) {
      await ada.keyboard.down("ArrowRight");
      await ada.waitForTimeout(200);
      await ada.keyboard.up("ArrowRight");
      await ada.waitForFunction(() => document.querySelector('[data-testid="avatar-label"][data-self="true"]')?.getAttribute("data-moving") === "false");
      await ada.waitForTimeout(REACH_SETTLE_MS);
    }
    await claim.waitFor();
    expect(await claim.textContent()).toContain("Claim Paper lantern");
    await shot(ada, "hunt-venue-in-reach-laptop.png");
    const findings = (await new AxeBuilder({ page: ada }).include('[data-testid="hunt-hud"]').analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(findings.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);

    // Claimed by keyboard: focus the button, Enter.
    await claim.focus();
    await ada.keyboard.press("Enter");
    await ada.locator('[data-testid="hunt-hud"][data-found="1"]').waitFor();
    await ada.waitForFunction(() => document.querySelector('[data-testid="hunt-announcer"]')?.textContent === "Found: Paper lantern, 1 of 2");
    expect(await ada.getByTestId("hunt-progress").getAttribute("aria-valuetext")).toBe("1 of 2 clues found");
    expect(await clues.nth(0).getAttribute("data-status")).toBe("found");
    expect(await clues.nth(1).getAttribute("data-status")).toBe("next");
    // Found clues are gone from the reach list (and from the scene).
    await ada.getByTestId("hunt-reach-none").waitFor();
    await ada.getByTestId("hunt-leaderboard").waitFor();
    expect(await ada.getByTestId("hunt-board-row").first().textContent()).toContain("Ada");
    await shot(ada, "hunt-venue-found-laptop.png");

    // Escape closes the panel and gives the focus back to its button.
    await ada.getByTestId("hunt-close").focus();
    await ada.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    expect(await ada.getByTestId("hunt-toggle").evaluate((b) => b === document.activeElement)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
