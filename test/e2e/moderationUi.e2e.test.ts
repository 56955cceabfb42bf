import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { launchChromium, resultsDir } from "../helpers/browser.js";
import { startTestGrove, type TestGrove } from "../helpers/grove.js";
import { enterVenue } from "../helpers/venuePages.js";

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
/** The built client (`npm run build`); GROVE_CLIENT_DIR points elsewhere (a build of one's own working tree). */
const CLIENT_DIR = process.env.GROVE_CLIENT_DIR ?? "dist/client";
const OPERATOR_TOKEN = "the-operator-token-of-the-moderation-e2e";

let grove: TestGrove;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(`${CLIENT_DIR}/index.html`)) throw new Error(`The client is not built in ${CLIENT_DIR}: run \`npm run build\` first (npm test does).`);
  grove = await startTestGrove({ clientDir: CLIENT_DIR, operatorToken: OPERATOR_TOKEN });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await grove?.dispose();
});

async function hostQuery(): Promise<string> {
  const link = new URL(await grove.hostLink("demo"));
  return `host=${encodeURIComponent(link.searchParams.get("host") ?? "")}`;
}

const memberIdOf = async (page: Page) => (await page.getByTestId("venue-hud").getAttribute("data-member-id")) ?? "";

/** axe-core's serious and critical findings on the page as it is, printed. */
async function seriousFindings(page: Page, what: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).options({ rules: { "label-content-name-mismatch": { enabled: true } } }).analyze();
  const found = results.violations.map((v) => `${v.impact ?? "?"} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 4).join(" | ")}`);
  for (const f of found) console.log(`[axe ${what}] ${f}`);
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

/** Scrolls a scrolling panel (not the page) so that `selector` shows at its top. */
async function showInPanel(page: Page, selector: string, panel: string): Promise<void> {
  await page.evaluate(
    ([target, container]) => {
      const el = document.querySelector(target as string);
      const body = el?.closest(container as string);
      if (el && body) body.scrollTop += el.getBoundingClientRect().top - body.getBoundingClientRect().top - 8;
    },
    [selector, panel],
  );
}

async function say(page: Page, text: string): Promise<void> {
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("chat-send").click();
  await page.getByTestId("chat-message").filter({ hasText: text.slice(0, 4) }).last().waitFor();
}

describe("moderation in the browser", { timeout: 900_000 }, () => {
  it("hosts see flagged lines, reply privately, mute and remove; members see their masked line, the reply, the mute and the removed page", async () => {
    const query = await hostQuery();
    // Two hosts (a laptop in English, a phone in Chinese) and two members (the same, the other way round).
    const hana = await enterVenue(browser, grove.url, "Hana", { viewport: LAPTOP, pageErrors, query });
    const li = await enterVenue(browser, grove.url, "小李", { viewport: PHONE, pageErrors, query, locale: "zh-CN" });
    const ming = await enterVenue(browser, grove.url, "小明", { viewport: PHONE, pageErrors, locale: "zh-CN" });
    const bo = await enterVenue(browser, grove.url, "Bo", { viewport: LAPTOP, pageErrors });
    const mingId = await memberIdOf(ming);
    const boId = await memberIdOf(bo);

    // Lines that ask for help go to the hosts' queue; a listed word is masked, and its sender is told which.
    await ming.getByTestId("toggle-chat").click();
    await say(ming, "求助！我这边听不到声音");
    await say(ming, "这个问题真是白痴");
    await say(bo, "my audio doesn't work, can anyone help?");
    await say(bo, "this lag is shit");
    await ming.getByTestId("chat-masked").waitFor();
    await bo.getByTestId("chat-masked").waitFor();
    expect(await bo.getByTestId("chat-masked").textContent()).toBe("Some words were hidden: shit");
    expect(await ming.getByTestId("chat-masked").textContent()).toContain("部分词语已被隐藏");
    await bo.getByTestId("chat-message").filter({ hasText: "这个问题真是***" }).waitFor();
    await ming.screenshot({ path: `${resultsDir()}/moderation-masked-phone-zh.png` });
    await bo.screenshot({ path: `${resultsDir()}/moderation-masked-laptop-en.png` });

    // Bo reports 小明's masked line: the report is made once, and the line joins the queue tagged "reported".
    const mingsLine = bo.getByTestId("chat-message").filter({ hasText: "这个问题真是***" });
    await mingsLine.getByTestId("chat-line-actions").click();
    await mingsLine.getByTestId("chat-report").click();
    await bo.locator('[data-testid="chat-report"][data-reported="true"]').waitFor();
    // Escape closes the line's actions, and focus goes back to its ⋯.
    await bo.keyboard.press("Escape");
    expect(await bo.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("chat-line-actions");

    // The hosts' queue: tags, the text, the author and how long it has waited.
    const mingsHelp = hana.locator(`[data-testid="moderation-flag"][data-author-id="${mingId}"][data-tags~="help"]`);
    await mingsHelp.waitFor();
    await hana.locator(`[data-testid="moderation-flag"][data-author-id="${mingId}"][data-tags~="report"]`).waitFor();
    const bosHelp = hana.locator(`[data-testid="moderation-flag"][data-author-id="${boId}"][data-tags~="help"]`);
    await bosHelp.waitFor();
    expect(await mingsHelp.getByTestId("moderation-flag-waited").textContent()).toMatch(/^waiting \d+ (s|min)/);
    await showInPanel(hana, '[data-testid="host-moderation"]', ".host-console-body");
    await hana.screenshot({ path: `${resultsDir()}/moderation-host-laptop-en.png` });
    await li.getByTestId("toggle-host").click();
    await li.locator(`[data-testid="moderation-flag"][data-author-id="${boId}"]`).first().waitFor();
    await showInPanel(li, '[data-testid="host-moderation"]', ".host-console-body");
    await li.screenshot({ path: `${resultsDir()}/moderation-host-phone-zh.png` });
    expect(await seriousFindings(hana, "host laptop en")).toEqual([]);

    // Hana hands Bo's line on to 小李, who answers it privately; Hana answers 小明's herself.
    await bosHelp.getByTestId("moderation-hand-on-open").click();
    await bosHelp.getByTestId("moderation-hand-on").click();
    await li.locator(`[data-testid="moderation-flag"][data-author-id="${boId}"][data-status="handedOn"]`).waitFor();
    await mingsHelp.getByTestId("moderation-reply").click();
    await mingsHelp.getByTestId("moderation-reply-input").fill("Hi 小明, try the sound button at the bottom — I'll stay around if it still fails.");
    await mingsHelp.getByTestId("moderation-reply-send").click();
    const liBos = li.locator(`[data-testid="moderation-flag"][data-author-id="${boId}"][data-tags~="help"]`);
    await liBos.getByTestId("moderation-reply").click();
    await liBos.getByTestId("moderation-reply-input").fill("Hi Bo, a reload usually brings the sound back. Tell me here if not!");
    await liBos.getByTestId("moderation-reply-send").click();

    // Each reply reaches its member alone, marked private from the host.
    await ming.getByTestId("chat-whisper").filter({ hasText: "try the sound button" }).waitFor();
    await bo.getByTestId("chat-whisper").filter({ hasText: "a reload usually" }).waitFor();
    expect(await ming.getByTestId("chat-whisper").count()).toBe(1);
    expect(await bo.getByTestId("chat-whisper").count()).toBe(1);
    expect(await ming.getByTestId("chat-whisper").textContent()).toContain("主持人Hana的私信");
    expect(await bo.getByTestId("chat-whisper").textContent()).toContain("Private from host 小李");
    expect(await hana.getByTestId("chat-whisper").count()).toBe(0);
    // Bo scrolled up to report: the reply waits below, behind "new messages".
    await bo.getByTestId("chat-new-messages").click();
    await ming.screenshot({ path: `${resultsDir()}/moderation-whisper-phone-zh.png` });
    await bo.screenshot({ path: `${resultsDir()}/moderation-whisper-laptop-en.png` });

    // Mutes: 小明 for 5 minutes with a reason (by Hana), Bo for the session (by 小李, on the phone).
    const mingRow = hana.locator(`[data-testid="moderation-member"][data-member-id="${mingId}"]`);
    await mingRow.getByTestId("moderation-mute").click();
    await mingRow.getByTestId("moderation-mute-duration").selectOption("5");
    await mingRow.getByTestId("moderation-mute-note").fill("请友善发言 🙏");
    await mingRow.getByTestId("moderation-mute-confirm").click();
    await ming.locator('[data-testid="mute-notice"][data-reason="host"]').waitFor();
    expect(await ming.getByTestId("chat-input").isDisabled()).toBe(true);
    expect(await ming.getByTestId("mute-time-left").textContent()).toMatch(/^还剩 [45]:\d\d$/);
    const boRow = li.locator(`[data-testid="moderation-member"][data-member-id="${boId}"]`);
    await boRow.getByTestId("moderation-mute").click();
    await boRow.getByTestId("moderation-mute-duration").selectOption("session");
    await boRow.getByTestId("moderation-mute-confirm").click();
    await bo.getByTestId("mute-notice").waitFor();
    expect(await bo.getByTestId("mute-time-left").textContent()).toBe("For the rest of this session.");
    await hana.locator(`[data-testid="member-item"][data-member-id="${mingId}"][data-muted="true"]`).waitFor();
    await li.locator(`[data-testid="moderation-member"][data-member-id="${boId}"][data-muted="true"]`).waitFor();
    await showInPanel(li, '[data-testid="host-moderation-members"]', ".host-console-body");
    await li.screenshot({ path: `${resultsDir()}/moderation-members-phone-zh.png` });
    await ming.screenshot({ path: `${resultsDir()}/moderation-muted-phone-zh.png` });
    await bo.screenshot({ path: `${resultsDir()}/moderation-muted-laptop-en.png` });
    expect(await seriousFindings(bo, "member muted laptop en")).toEqual([]);

    // The log says who did what to whom, and why.
    await hana.getByTestId("host-moderation-log").locator("summary").click();
    await hana.locator('[data-testid="moderation-log-entry"][data-action="mute"]').filter({ hasText: "Hana muted 小明 for 5 minutes." }).waitFor();
    await showInPanel(hana, '[data-testid="host-moderation-log"]', ".host-console-body");
    await hana.screenshot({ path: `${resultsDir()}/moderation-log-laptop-en.png` });

    // Removal, after a confirmation: a polite page, and no coming back on its own.
    await mingRow.getByTestId("moderation-remove").click();
    await hana.getByTestId("moderation-remove-note").fill("Repeated insults");
    await hana.screenshot({ path: `${resultsDir()}/moderation-remove-dialog-laptop-en.png` });
    await hana.getByTestId("moderation-remove-confirm").click();
    await ming.getByTestId("removed-page").waitFor();
    await li.locator(`[data-testid="moderation-member"][data-member-id="${boId}"]`).getByTestId("moderation-remove").click();
    await li.getByTestId("moderation-remove-confirm").click();
    await bo.getByTestId("removed-page").waitFor();
    await ming.screenshot({ path: `${resultsDir()}/moderation-removed-phone-zh.png` });
    await bo.screenshot({ path: `${resultsDir()}/moderation-removed-laptop-en.png` });
    expect(await seriousFindings(ming, "removed phone zh")).toEqual([]);
    // Joining again is refused, and the lobby says why.
    await ming.goto(`${grove.url}/e/demo?quality=low`);
    await ming.getByTestId("lobby-enter").click();
    await ming.locator('[data-testid="lobby-error"][data-code="REMOVED"]').waitFor();

    expect(pageErrors).toEqual([]);
  });

  it("an operator edits the event's word list on /admin; the live session masks the new words at once", async () => {
    const context = await browser.newContext({ viewport: LAPTOP, locale: "en-US" });
    const admin = await context.newPage();
    admin.on("pageerror", (e) => pageErrors.push(`admin: ${e.message}`));
    await admin.goto(`${grove.url}/admin`);
    await admin.getByTestId("admin-token").fill(OPERATOR_TOKEN);
    await admin.getByTestId("admin-sign-in-submit").click();
    const demo = admin.locator('[data-testid="admin-event"][data-slug="demo"]');
    await demo.getByTestId("admin-edit").click();
    await demo.getByTestId("admin-edit-form-words-add").fill("Scam\nfree money\n");
    await demo.getByTestId("admin-edit-form-words-remove").fill("x".repeat(41));
    await demo.getByTestId("admin-edit-form-submit").click();
    // A word too long for the list is refused on its field, before anything is sent.
    await demo.getByTestId("admin-edit-form-wordsRemove-error").waitFor();
    await demo.getByTestId("admin-edit-form-words").scrollIntoViewIfNeeded();
    await admin.screenshot({ path: `${resultsDir()}/moderation-admin-words-laptop-en.png`, fullPage: true });
    await demo.getByTestId("admin-edit-form-words-remove").fill("");
    await demo.getByTestId("admin-edit-form-submit").click();
    await demo.locator('[data-testid="admin-event-words"][data-added="2"][data-allowed="0"]').waitFor();

    // A member in the session: the operator's words are masked now.
    const cy = await enterVenue(browser, grove.url, "Cy", { viewport: LAPTOP, pageErrors });
    await cy.getByTestId("chat-input").fill("this is a scam, trust me");
    await cy.getByTestId("chat-send").click();
    await cy.getByTestId("chat-message").filter({ hasText: "this is a ***, trust me" }).waitFor();
    expect(await cy.getByTestId("chat-masked").last().textContent()).toBe("Some words were hidden: scam");

    // The same form on a phone, in Chinese, shows the saved list one word a line.
    const phone = await browser.newContext({ viewport: PHONE, locale: "zh-CN" });
    const zh = await phone.newPage();
    await zh.goto(`${grove.url}/admin`);
    await zh.getByTestId("admin-token").fill(OPERATOR_TOKEN);
    await zh.getByTestId("admin-sign-in-submit").click();
    const zhDemo = zh.locator('[data-testid="admin-event"][data-slug="demo"]');
    await zhDemo.getByTestId("admin-edit").click();
    expect(await zhDemo.getByTestId("admin-edit-form-words-add").inputValue()).toBe("free money\nscam");
    await zhDemo.getByTestId("admin-edit-form-words").scrollIntoViewIfNeeded();
    await zh.screenshot({ path: `${resultsDir()}/moderation-admin-words-phone-zh.png` });
    await context.close();
    await phone.close();
    expect(pageErrors).toEqual([]);
  });
});
