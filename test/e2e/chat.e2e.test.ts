import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import type { Browser, Page } from "playwright-core";
import type { ChatEvent } from "../../shared/protocol/index.js";
import { launchChromium, resultsDir } from "../helpers/browser.js";
import { joinVenue, startTestGrove, type TestGrove, type VenueRoom } from "../helpers/grove.js";
import { STEP_TIMEOUT_MS, enterVenue } from "../helpers/venuePages.js";

/**
 * The chat log in Chromium: it follows the newest line (a long one too) while the reader is at the end, holds
 * still while they read older lines and counts what arrives below, shows the instance's history after a reload,
 * and Esc from the chat box puts the keyboard back on the venue, where the arrow keys walk.
 */
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let grove: TestGrove;
let browser: Browser;
let ada: Page;
const pageErrors: string[] = [];
const bots: VenueRoom[] = [];
/** The server's clock runs a second ahead for every bot line, so no speaker ever runs out of chat budget. */
let ahead = 0;
let botTurn = 0;
const said: string[] = [];

/** A bot says `text` and it is back from the server (so it is in every page's way and in the log). */
async function botSays(text: string): Promise<void> {
  ahead += 1000;
  const bot = bots[botTurn++ % bots.length]!;
  const echo = new Promise<void>((resolve) => {
    const off = bot.onMessage("chat", (line: ChatEvent) => {
      if (line.sessionId !== bot.sessionId || line.text !== text) return;
      off();
      resolve();
    });
  });
  bot.send("chat", { text });
  await echo;
  said.push(text);
}

interface LogScroll {
  top: number;
  /** Pixels between the view's end and the log's end. */
  gap: number;
}

function logScroll(page: Page): Promise<LogScroll> {
  return page.getByTestId("chat-log").evaluate((el) => ({ top: el.scrollTop, gap: el.scrollHeight - el.scrollTop - el.clientHeight }));
}

async function atBottom(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="chat-log"]');
    return el !== null && el.scrollHeight - el.scrollTop - el.clientHeight <= 2;
  });
}

async function scrollLogToTop(page: Page): Promise<void> {
  await page.getByTestId("chat-log").evaluate((el) => {
    el.scrollTop = 0;
    el.dispatchEvent(new Event("scroll"));
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="chat-log"]')?.scrollTop === 0);
}

beforeAll(async () => {
  if (!existsSync("dist/client/index.html")) throw new Error("The client is not built: run `npx vite build` first.");
  grove = await startTestGrove({ clientDir: "dist/client", now: () => Date.now() + ahead });
  browser = await launchChromium();
  for (const name of ["Bo", "Cy", "Dee", "Eli"]) bots.push((await joinVenue(new Client(grove.url), { name })).room);
});

afterAll(async () => {
  for (const bot of bots) await bot.leave();
  await browser?.close();
  await grove?.dispose();
});

describe("the chat log", { timeout: 180_000 }, () => {
  it("shows what was said before a member came in, as history outside the live region", async () => {
    for (let i = 1; i <= 3; i++) await botSays(`before Ada came ${i}`);
    ada = await enterVenue(browser, grove.url, "Ada", { viewport: LAPTOP, pageErrors });
    const history = ada.getByTestId("chat-history").getByTestId("chat-message");
    await ada.waitForFunction(() => document.querySelectorAll('[data-testid="chat-history"] [data-testid="chat-message"]').length === 3);
    expect(await history.locator(".chat-text").allTextContents()).toEqual(said);
    expect(await ada.locator('[role="log"] [data-testid="chat-message"]').count()).toBe(0);
    expect(await history.first().locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("stays at the newest line, even after a very long one", async () => {
    for (let i = 1; i <= 12; i++) await botSays(`filler line ${i}`);
    await ada.getByTestId("chat-log").getByText("filler line 12").waitFor();
    await atBottom(ada);
    const long = `${"a long line that wraps over and over ".repeat(13)}end`;
    await botSays(long);
    await ada.getByTestId("chat-log").getByText(long).waitFor();
    await atBottom(ada);
    expect((await logScroll(ada)).top).toBeGreaterThan(0);
    expect(await ada.getByTestId("chat-new-messages").count()).toBe(0);
  });

  it("holds still while the member reads older lines, counts the new ones, and goes down on the button", async () => {
    await scrollLogToTop(ada);
    for (let i = 1; i <= 3; i++) await botSays(`while Ada reads ${i}`);
    await ada.getByTestId("chat-log").getByText("while Ada reads 3").waitFor();
    const button = ada.getByRole("button", { name: /New messages.*\(3\)/ });
    await button.waitFor();
    expect(await ada.getByTestId("chat-new-messages").getAttribute("data-count")).toBe("3");
    expect((await logScroll(ada)).top).toBe(0);
    await ada.screenshot({ path: `${resultsDir()}/chat-new-messages-laptop-en.png` });
    await button.click();
    await atBottom(ada);
    await ada.getByTestId("chat-new-messages").waitFor({ state: "detached" });
  });

  it("clears the count when the member scrolls down to the end", async () => {
    await scrollLogToTop(ada);
    await botSays("one more");
    await ada.getByTestId("chat-new-messages").waitFor();
    await ada.getByTestId("chat-log").evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await ada.getByTestId("chat-new-messages").waitFor({ state: "detached" });
  });

  it("goes to the bottom when the member sends a line, wherever they were reading", async () => {
    await scrollLogToTop(ada);
    await ada.getByTestId("chat-input").fill("Ada says hi");
    await ada.getByTestId("chat-input").press("Enter");
    await ada.getByTestId("chat-log").getByText("Ada says hi").waitFor();
    await atBottom(ada);
    said.push("Ada says hi");
  });

  it("Esc in the chat box puts the keyboard back on the venue, where an arrow key walks", async () => {
    const adaId = (await ada.getByTestId("venue-hud").getAttribute("data-member-id")) ?? "";
    const label = ada.locator(`[data-testid="avatar-label"][data-member-id="${adaId}"]`);
    await label.waitFor({ state: "attached" });
    const before = { x: await label.getAttribute("data-x"), z: await label.getAttribute("data-z") };
    await ada.getByTestId("chat-input").focus();
    await ada.getByTestId("chat-input").press("Escape");
    expect(await ada.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("venue-canvas");
    await ada.keyboard.down("ArrowUp");
    await ada.waitForFunction(
      ({ id, x, z }) => {
        const el = document.querySelector(`[data-testid="avatar-label"][data-member-id="${id}"]`);
        return el !== null && (el.getAttribute("data-x") !== x || el.getAttribute("data-z") !== z);
      },
      { id: adaId, ...before },
      { timeout: STEP_TIMEOUT_MS },
    );
    await ada.keyboard.up("ArrowUp");
  });

  it("shows the same lines, in order, after a reload", async () => {
    await ada.reload();
    await ada.getByTestId("lobby-enter").click();
    await ada.waitForFunction((count) => document.querySelectorAll('[data-testid="chat-history"] [data-testid="chat-message"]').length === count, said.length);
    expect(await ada.getByTestId("chat-history").locator(".chat-text").allTextContents()).toEqual(said);
    expect(await ada.getByTestId("chat-history").locator(".chat-line.is-self .chat-text").allTextContents()).toEqual(["Ada says hi"]);
    await atBottom(ada);
    expect(pageErrors).toEqual([]);
  });
});

describe("the chat log on a laptop and a phone, in English and Chinese", { timeout: 180_000 }, () => {
  for (const [shape, viewport] of [["laptop", LAPTOP], ["phone", PHONE]] as const) {
    for (const locale of ["en", "zh-CN"] as const) {
      it(`shows history and the new-messages button (${shape}, ${locale})`, async () => {
        const page = await enterVenue(browser, grove.url, locale === "en" ? "Fay" : "小芳", { viewport, pageErrors, locale: locale === "en" ? "en-US" : "zh-CN" });
        if (shape === "phone") await page.getByTestId("toggle-chat").click();
        await page.getByTestId("chat-history").getByText("Ada says hi").waitFor();
        await atBottom(page);
        await scrollLogToTop(page);
        await botSays(locale === "en" ? "Welcome, everyone" : "欢迎大家");
        await botSays(locale === "en" ? "The talk starts soon" : "讲座马上开始");
        const button = page.getByTestId("chat-new-messages");
        await page.waitForFunction(() => document.querySelector('[data-testid="chat-new-messages"]')?.getAttribute("data-count") === "2");
        expect(await button.textContent()).toBe(locale === "en" ? "New messages ↓ (2)" : "新消息 ↓（2）");
        await page.screenshot({ path: `${resultsDir()}/chat-history-${shape}-${locale}.png` });
        await page.context().close();
      });
    }
  }
});
