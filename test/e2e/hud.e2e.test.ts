import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { resultsDir } from "../helpers/browser.js";
import { enterVenue, startVenuePages, type VenuePages } from "../helpers/venuePages.js";

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let venue: VenuePages;
let ada: Page;
let bo: Page;

beforeAll(async () => {
  venue = await startVenuePages();
});

afterAll(async () => {
  await venue?.close();
});

const enter = (name: string, viewport: { width: number; height: number }) =>
  enterVenue(venue.browser, venue.grove.url, name, { viewport, pageErrors: venue.pageErrors });

/** Keeps every text the arrivals region speaks, in order, on the page (`window.groveTold`). */
async function recordArrivals(page: Page): Promise<void> {
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid="arrivals-announcement"]');
    if (!region) throw new Error("no arrivals region");
    const told: string[] = [];
    (window as unknown as { groveTold: string[] }).groveTold = told;
    new MutationObserver(() => {
      if (region.textContent) told.push(region.textContent);
    }).observe(region, { childList: true, subtree: true, characterData: true });
  });
}

const told = (page: Page) => page.evaluate(() => (window as unknown as { groveTold: string[] }).groveTold);

/** How much of the viewport's width no side panel covers: the union of the panels' horizontal extents. */
function freeWidthShare(page: Page): Promise<{ share: number; panels: number }> {
  return page.evaluate(() => {
    const panels = [...document.querySelectorAll('[data-testid="member-list"], [data-testid="chat-panel"], [data-testid="chat-head"], [data-testid="host-console"]')]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0);
    const spans = panels.map((r) => [Math.max(0, r.left), Math.min(window.innerWidth, r.right)] as const).sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let end = 0;
    for (const [left, right] of spans) {
      const from = Math.max(left, end);
      if (right > from) covered += right - from;
      end = Math.max(end, right);
    }
    return { share: (window.innerWidth - covered) / window.innerWidth, panels: panels.length };
  });
}

const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName ?? null);

describe("the HUD at a glance and for everyone", { timeout: 600_000 }, () => {
  it("leaves a laptop three quarters of the venue's width, and folds a panel by keyboard, remembered for the tab", async () => {
    ada = await enter("Ada", LAPTOP);
    await ada.getByTestId("chat-input").waitFor();
    const { share, panels } = await freeWidthShare(ada);
    expect(panels).toBe(2);
    expect(share).toBeGreaterThanOrEqual(0.75);
    await ada.screenshot({ path: `${resultsDir()}/hud-laptop-en.png` });

    const toggle = ada.getByTestId("member-list-toggle");
    await toggle.focus();
    await ada.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await ada.getByTestId("member-item").first().waitFor({ state: "hidden" });
    await ada.keyboard.press("Space");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await ada.getByTestId("member-item").first().waitFor();

    // Folded, then the page reloaded and entered again: still folded.
    await ada.keyboard.press("Enter");
    await ada.reload();
    await ada.getByTestId("lobby-name-input").fill("Ada");
    await ada.getByTestId("lobby-enter").click();
    await ada.waitForFunction(() => document.querySelector('[data-testid="venue-hud"]')?.getAttribute("data-member-id"));
    expect(await ada.getByTestId("member-list-toggle").getAttribute("aria-expanded")).toBe("false");
    expect(await ada.getByTestId("member-item").first().isHidden()).toBe(true);
    await ada.screenshot({ path: `${resultsDir()}/hud-laptop-folded.png` });
    await ada.getByTestId("member-list-toggle").click();
    await ada.getByTestId("member-item").first().waitFor();
    await recordArrivals(ada);
  });

  it("takes Enter from the venue to the chat box, unfolding the chat when it was folded", async () => {
    await ada.getByTestId("venue-canvas").focus();
    await ada.keyboard.press("Enter");
    expect(await activeTestId(ada)).toBe("chat-input");

    // The chat's close button folds it to a heading that has focus; Enter from the venue unfolds it again.
    await ada.getByTestId("chat-panel").getByRole("button", { name: "Close" }).click();
    await ada.getByTestId("chat-head").waitFor();
    expect(await activeTestId(ada)).toBe("chat-head");
    expect(await ada.getByTestId("chat-head").getAttribute("aria-expanded")).toBe("false");
    await ada.getByTestId("venue-canvas").focus();
    await ada.keyboard.press("Enter");
    await ada.getByTestId("chat-input").waitFor();
    expect(await activeTestId(ada)).toBe("chat-input");
  });

  it("tells a screen reader politely who arrived, not who was there", async () => {
    bo = await enter("Bo", PHONE);
    await ada.waitForFunction(() => document.querySelector('[data-testid="arrivals-announcement"]')?.textContent === "Bo arrived");
    expect(await ada.getByTestId("arrivals-announcement").getAttribute("aria-live")).toBe("polite");
    expect(await told(ada)).toEqual(["Bo arrived"]);
    await recordArrivals(bo);
  });

  it("says what the touch pad does", async () => {
    expect(await bo.getByTestId("touch-pad").getAttribute("aria-label")).toBe("Walk: press and hold an arrow");
    expect(await bo.getByTestId("touch-pad").textContent()).toContain("Walk");
  });

  it("counts unread lines on a phone's chat button and clears them on opening", async () => {
    const chatToggle = bo.getByTestId("toggle-chat");
    expect(await chatToggle.getAttribute("data-unread")).toBe("0");
    for (const text of ["Hello from the laptop", "Anyone by the tree?"]) {
      await ada.getByTestId("chat-input").fill(text);
      await ada.getByTestId("chat-input").press("Enter");
    }
    await bo.waitForFunction(() => document.querySelector('[data-testid="toggle-chat"]')?.getAttribute("data-unread") === "2");
    expect(await bo.getByRole("button", { name: "Chat, 2 unread" }).count()).toBe(1);
    expect(await bo.getByTestId("chat-unread").textContent()).toBe("2");
    await bo.screenshot({ path: `${resultsDir()}/hud-phone-unread-en.png` });

    await chatToggle.click();
    await bo.getByTestId("chat-log").getByText("Anyone by the tree?").waitFor();
    expect(await chatToggle.getAttribute("data-unread")).toBe("0");
    expect(await bo.getByTestId("chat-unread").count()).toBe(0);
    await chatToggle.click();
    await bo.getByTestId("chat-panel").waitFor({ state: "detached" });
    expect(await chatToggle.getAttribute("data-unread")).toBe("0");
    expect(await chatToggle.getAttribute("aria-label")).toBeNull();
  });

  it("closes the members drawer on a phone after 'go to', with focus on the venue", async () => {
    await bo.getByTestId("toggle-members").click();
    await bo.getByTestId("member-goto").click();
    await bo.getByTestId("member-list").waitFor({ state: "detached" });
    expect(await activeTestId(bo)).toBe("venue-canvas");
    expect(await bo.getByTestId("toggle-members").getAttribute("aria-expanded")).toBe("false");
  });

  it("opens the chat drawer from the venue with Enter, and from the skip link, on a phone", async () => {
    await bo.getByTestId("venue-canvas").focus();
    await bo.keyboard.press("Enter");
    await bo.getByTestId("chat-input").waitFor();
    expect(await activeTestId(bo)).toBe("chat-input");
    await bo.getByTestId("toggle-chat").click();
    await bo.getByTestId("chat-panel").waitFor({ state: "detached" });

    const skip = bo.getByTestId("skip-to-chat");
    expect(await skip.getAttribute("href")).toBe("#hud-chat-toggle");
    await skip.focus();
    await bo.keyboard.press("Enter");
    await bo.getByTestId("chat-input").waitFor();
    expect(await activeTestId(bo)).toBe("chat-input");
    await bo.getByTestId("toggle-chat").click();
    await bo.getByTestId("chat-panel").waitFor({ state: "detached" });
    await bo.screenshot({ path: `${resultsDir()}/hud-phone-en.png` });
  });

  it("reads the same in Chinese", async () => {
    for (const page of [ada, bo]) await page.getByTestId("language-switch").selectOption("zh-CN");
    await ada.getByTestId("chat-input").fill("大家好");
    await ada.getByTestId("chat-input").press("Enter");
    await bo.getByRole("button", { name: "聊天 1 条未读" }).waitFor();
    expect(await bo.getByTestId("touch-pad").getAttribute("aria-label")).toBe("行走：按住方向键");
    await ada.getByTestId("venue-canvas").focus();
    await ada.screenshot({ path: `${resultsDir()}/hud-laptop-zh-CN.png` });
    await bo.screenshot({ path: `${resultsDir()}/hud-phone-zh-CN.png` });
    // Long after Bo entered: their own list on entering (Ada) was never told to them.
    expect(await told(bo)).toEqual([]);
    expect(venue.pageErrors).toEqual([]);
  });
});
