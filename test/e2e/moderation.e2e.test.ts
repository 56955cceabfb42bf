import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Locator, Page } from "playwright-core";
import { en } from "../../client/i18n/en.js";
import { zhCN } from "../../client/i18n/zh-CN.js";
import { launchChromium, resultsDir } from "../helpers/browser.js";
import { freePort, startGroveProcess, type GroveProcess } from "../helpers/groveProcess.js";
import { enterVenue, STEP_TIMEOUT_MS, type EnterOptions } from "../helpers/venuePages.js";

/**
 * Moderation end to end (issue 11), with Grove as `npm start` runs it (its own process, the compiled server, the
 * built client, the shipped word lists found from dist/) and real Chromium pages. The event holds three a room, so
 * the host Hana, Ann (a laptop, English) and 波波 (a phone, Chinese) share the first instance and Cy overflows into a
 * second: the queue and private replies cross the instance boundary, chat stays in its room.
 *
 * Hana mutes Ann from the console with the keyboard (Ann sees why and a live countdown, and cannot write), then
 * unmutes her; Ann's dodged English and Chinese words reach the others as ***, and Ann is told which words; 波波
 * reports a line with the keyboard; help lines from both instances reach Hana's queue, Hana answers each privately
 * (nobody else sees a reply) and marks one handled; a line Hana deletes leaves every page and the history a reload
 * brings; Ann, removed, sees the polite page and is refused at the door. Screenshots: test-results/moderation-e2e-*.
 */
const SLUG = "moderation-pair";
const LAPTOP = { width: 1366, height: 768 };
const SMALL_LAPTOP = { width: 1100, height: 760 };
const PHONE = { width: 390, height: 844 };
/** Fixed operator token, so the test can make the event and ask for a host link over the operator API. */
const OPERATOR_TOKEN = "operator-token-for-the-moderation-e2e";
const SECRETS = { GROVE_ADMIN_TOKEN: OPERATOR_TOKEN, GROVE_SECRET: "signing-secret-for-the-moderation-e2e" };
/** Generous: software WebGL and four pages on a small, loaded CI machine. */
const POLL = { timeout: STEP_TIMEOUT_MS, interval: 200 };

const dir = mkdtempSync(join(tmpdir(), "grove-moderation-"));
let server: GroveProcess | null = null;
let browser: Browser;
let hostToken = "";
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync("dist/client/index.html")) throw new Error("The client is not built: run `npx vite build` first (npm test does).");
  const port = await freePort();
  [server, browser] = await Promise.all([startGroveProcess({ port, sqlitePath: join(dir, "grove.sqlite"), env: SECRETS }), launchChromium()]);
  // The event, made the way an operator makes one: three members a room.
  const response = await fetch(`${url()}/api/admin/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ slug: SLUG, title: "花园夜谈 · Garden evening", capacity: 3 }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const { hostLink } = (await response.json()) as { hostLink: string };
  hostToken = new URL(hostLink, url()).searchParams.get("host") ?? "";
  expect(hostToken).not.toBe("");
});

afterAll(async () => {
  await browser?.close();
  await server?.stop("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

function url(): string {
  if (!server) throw new Error("the server is down");
  return server.url;
}

function enter(name: string, options: EnterOptions = {}): Promise<Page> {
  return enterVenue(browser, url(), name, { pageErrors, slug: SLUG, ...options });
}

const memberIdOf = async (page: Page) => (await page.getByTestId("venue-hud").getAttribute("data-member-id")) ?? "";
const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** Presses Tab until `target` has the focus: it is reachable from where the focus is, within `most` presses. */
async function tabTo(page: Page, target: Locator, most = 30): Promise<number> {
  await target.waitFor();
  for (let presses = 0; presses <= most; presses++) {
    if (await isFocused(target)) return presses;
    await page.keyboard.press("Tab");
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`not reached by ${most} presses of Tab; the focus is on ${focused}`);
}

/** Writes a chat line with the keyboard (Enter sends), and waits until the page shows it (as `shown`, if masked). */
async function say(page: Page, text: string, shown = text): Promise<void> {
  await page.getByTestId("chat-input").fill(text);
  await page.getByTestId("chat-input").press("Enter");
  await page.getByTestId("chat-message").filter({ hasText: shown }).last().waitFor();
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

/** The client's own wording (the i18n catalogues), so a polished phrase does not break the test but a wrong key does. */
const M = en.moderation;
const Z = zhCN.moderation;
const fill = (template: string, vars: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, key: string) => String(vars[key] ?? `{${key}}`));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A template as a pattern, the whole text (or a part of it): `{slot}` matches `pattern`. */
const shape = (template: string, slot: string, pattern: string, whole = true) => {
  const source = escape(fill(template, { [slot]: "\u0000" })).replace("\u0000", pattern);
  return new RegExp(whole ? `^${source}$` : source);
};
const MUTE_LEFT = shape(M.notice.timeLeft, "time", "[45]:\\d\\d");

const shot = async (page: Page, name: string) => page.screenshot({ path: `${resultsDir()}/moderation-e2e-${name}.png` });
const chatText = async (page: Page) => (await page.getByTestId("chat-log").textContent()) ?? "";

describe("moderation in the browser, over two instances", { timeout: 600_000 }, () => {
  let host: Page;
  let ann: Page;
  let bo: Page;
  let cy: Page;
  let annId = "";
  let boId = "";
  let cyId = "";
  const annRow = () => host.locator(`[data-testid="moderation-member"][data-member-id="${annId}"]`);
  const flag = (page: Page, authorId: string, tag: string) => page.locator(`[data-testid="moderation-flag"][data-author-id="${authorId}"][data-tags~="${tag}"]`);

  it("seats the host, Ann and 波波 in one instance and Cy in a second, all in one session", async () => {
    host = await enter("Hana", { viewport: LAPTOP, query: `host=${encodeURIComponent(hostToken)}` });
    ann = await enter("Ann", { viewport: { width: 1280, height: 800 } });
    bo = await enter("波波", { viewport: PHONE, locale: "zh-CN" });
    cy = await enter("Cy", { viewport: SMALL_LAPTOP });
    [annId, boId, cyId] = await Promise.all([memberIdOf(ann), memberIdOf(bo), memberIdOf(cy)]);
    await host.locator('[data-testid="host-session-online"][data-count="4"]').waitFor();
    expect(await host.getByTestId("host-instance").count()).toBe(2);
    // The console's people are this room's: Ann and 波波, not Cy.
    await annRow().waitFor();
    await host.locator(`[data-testid="moderation-member"][data-member-id="${boId}"]`).waitFor();
    expect(await host.locator(`[data-testid="moderation-member"][data-member-id="${cyId}"]`).count()).toBe(0);
    // 波波's chat is a drawer on the phone: open, and kept open.
    await bo.getByTestId("toggle-chat").click();
    await bo.getByTestId("chat-input").waitFor();
  });

  it("the host mutes Ann from the console with the keyboard: Ann sees why, a live countdown, and cannot write", async () => {
    // From the "People here" heading, Tab reaches the mute button, named for whom it mutes.
    await host.getByTestId("host-moderation-members").locator("summary").focus();
    const mute = annRow().getByRole("button", { name: fill(M.host.members.muteLabel, { name: "Ann" }), exact: true });
    await tabTo(host, mute, 12);
    await host.keyboard.press("Enter");
    // The form opens with its first field focused: the length (five minutes unless changed), then the reason.
    const duration = annRow().getByRole("combobox", { name: M.host.members.duration, exact: true });
    await expect.poll(() => isFocused(duration), POLL).toBe(true);
    expect(await duration.inputValue()).toBe("5");
    await host.keyboard.press("Tab");
    const reason = annRow().getByRole("textbox", { name: M.host.members.reason, exact: true });
    expect(await isFocused(reason)).toBe(true);
    await host.keyboard.type("Please keep it kind");
    await host.keyboard.press("Enter");

    const notice = ann.locator('[data-testid="mute-notice"][data-reason="host"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(M.notice.mutedTitle);
    expect(await notice.textContent()).toContain(fill(M.notice.reasonHostNote, { note: "Please keep it kind" }));
    const timeLeft = ann.getByTestId("mute-time-left");
    const first = (await timeLeft.textContent()) ?? "";
    expect(first).toMatch(MUTE_LEFT);
    // The countdown runs on its own.
    await expect.poll(async () => (await timeLeft.textContent()) !== first, POLL).toBe(true);
    expect(await timeLeft.textContent()).toMatch(MUTE_LEFT);
    // The chat box is closed while the mute lasts, and says so.
    expect(await ann.getByTestId("chat-input").isDisabled()).toBe(true);
    expect(await ann.getByTestId("chat-send").isDisabled()).toBe(true);
    expect(await ann.getByTestId("chat-input").getAttribute("placeholder")).toBe(M.notice.inputMuted);
    // 波波 is not muted.
    expect(await bo.getByTestId("chat-input").isDisabled()).toBe(false);
    expect(await bo.getByTestId("mute-notice").count()).toBe(0);

    // The host sees it in the console and in the member list.
    await host.locator(`[data-testid="moderation-member"][data-member-id="${annId}"][data-muted="true"]`).waitFor();
    const state = (await annRow().getByTestId("moderation-member-muted").textContent()) ?? "";
    expect(state).toMatch(shape(M.host.members.muted, "time", "[45]:\\d\\d", false));
    expect(state).toContain("Please keep it kind");
    await host.locator(`[data-testid="member-item"][data-member-id="${annId}"][data-muted="true"]`).waitFor();
    await shot(ann, "muted-laptop-en");
  });

  it("the host unmutes Ann: the notice goes and Ann's line reaches the room", async () => {
    await host.getByTestId("host-moderation-members").locator("summary").focus();
    await tabTo(host, annRow().getByRole("button", { name: fill(M.host.members.unmuteLabel, { name: "Ann" }), exact: true }), 12);
    await host.keyboard.press("Enter");
    await ann.getByTestId("mute-notice").waitFor({ state: "detached" });
    await expect.poll(() => ann.getByTestId("chat-input").isDisabled(), POLL).toBe(false);
    await host.locator(`[data-testid="moderation-member"][data-member-id="${annId}"][data-muted="false"]`).waitFor();
    await say(ann, "Sorry, I'll keep it kind 🌿");
    for (const page of [host, bo]) await page.getByTestId("chat-message").filter({ hasText: "Sorry, I'll keep it kind" }).waitFor();
  });

  it("Ann's dodged English and Chinese words reach the others as ***, and Ann is told which words were hidden", async () => {
    await say(ann, "what a ｗａｎｋｅｒ, honestly", "what a ***, honestly");
    await say(ann, "你这个傻 逼", "你这个***");
    for (const page of [bo, host]) {
      await page.getByTestId("chat-message").filter({ hasText: "what a ***, honestly" }).waitFor();
      await page.getByTestId("chat-message").filter({ hasText: "你这个***" }).waitFor();
      const text = await chatText(page);
      for (const word of ["ｗａｎｋｅｒ", "wanker", "WANKER", "傻 逼", "傻逼"]) expect(text).not.toContain(word);
      // Only the sender is told which words.
      expect(await page.getByTestId("chat-masked").count()).toBe(0);
    }
    const english = ann.getByTestId("chat-message").filter({ hasText: "what a ***, honestly" }).getByTestId("chat-masked");
    expect(await english.getAttribute("data-words")).toBe("wanker");
    expect(await english.textContent()).toBe(fill(M.notice.masked, { words: "wanker" }));
    const chinese = ann.getByTestId("chat-message").filter({ hasText: "你这个***" }).getByTestId("chat-masked");
    expect(await chinese.getAttribute("data-words")).toBe("傻逼");
    expect(await chinese.textContent()).toBe(fill(M.notice.masked, { words: "傻逼" }));
    // Two masked lines after the unmute (which cleared Ann's strikes) are not yet an automatic mute.
    expect(await ann.getByTestId("mute-notice").count()).toBe(0);
    await shot(bo, "masked-phone-zh");
    await shot(ann, "masked-own-laptop-en");
  });

  it("波波 reports Ann's line with the keyboard, and it joins the host's queue", async () => {
    const line = bo.getByTestId("chat-message").filter({ hasText: "what a ***, honestly" });
    await bo.getByTestId("chat-log").focus();
    const actions = line.getByRole("button", { name: fill(Z.chat.actionsLabel, { name: "Ann" }), exact: true });
    await tabTo(bo, actions, 20);
    await bo.keyboard.press("Enter");
    const report = line.getByRole("button", { name: fill(Z.chat.reportLabel, { name: "Ann" }), exact: true });
    // The line's menu starts with its energy button (docs/growth.md); Report is the next stop.
    expect(await tabTo(bo, report, 4)).toBe(2);
    await bo.keyboard.press("Enter");
    await line.locator('[data-testid="chat-report"][data-reported="true"]').waitFor();
    // Escape folds the actions away and gives the focus back to their button.
    await bo.keyboard.press("Escape");
    await line.getByTestId("chat-line-menu").waitFor({ state: "detached" });
    expect(await isFocused(line.getByTestId("chat-line-actions"))).toBe(true);

    const reported = flag(host, annId, "report");
    await reported.waitFor();
    expect(await reported.getByTestId("moderation-flag-text").textContent()).toContain("what a ***, honestly");
    expect(await reported.textContent()).toContain(fill(M.host.queue.reporters_one, { count: 1 }));
  });

  it("help lines from both instances reach the host's queue with the help tag; the console passes axe", async () => {
    await say(bo, "求助：我这边听不到声音，怎么办？");
    await say(cy, "my audio doesn't work, can anyone help me?");
    const bos = flag(host, boId, "help");
    const cys = flag(host, cyId, "help");
    await bos.waitFor();
    await cys.waitFor();
    expect(await bos.getByTestId("moderation-flag-text").textContent()).toContain("求助：我这边听不到声音，怎么办？");
    expect(await cys.getByTestId("moderation-flag-text").textContent()).toContain("my audio doesn't work, can anyone help me?");
    expect(await cys.locator('[data-testid="moderation-tag"][data-tag="help"]').textContent()).toBe(M.host.queue.tags.help);
    expect(await bos.getByTestId("moderation-flag-waited").textContent()).toMatch(shape(M.host.queue.waited, "time", ".*\\d.*"));
    await host.locator('[data-testid="host-moderation-waiting"]').waitFor();
    expect(Number(await host.getByTestId("host-moderation-waiting").getAttribute("data-count"))).toBeGreaterThanOrEqual(3);
    await showInPanel(host, '[data-testid="host-moderation"]', ".host-console-body");
    await shot(host, "queue-laptop-en");

    // Every part of the moderation section open: axe finds nothing serious in it.
    for (const part of ["host-moderation-session", "host-moderation-words", "host-moderation-log"]) {
      await host.getByTestId(part).locator("summary").click();
    }
    await host.getByTestId("moderation-log").waitFor();
    const results = await new AxeBuilder({ page: host }).include('[data-testid="host-moderation"]').options({ rules: { "label-content-name-mismatch": { enabled: true } } }).analyze();
    expect(results.passes.length).toBeGreaterThan(5);
    for (const v of results.violations) console.log(`[axe host moderation] ${v.impact ?? "?"} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 4).join(" | ")}`);
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });

  it("the host replies privately with the keyboard: each reply reaches its member alone; a line is marked handled", async () => {
    const bos = flag(host, boId, "help");
    await host.getByTestId("host-moderation-queue").locator("summary").focus();
    await tabTo(host, bos.getByRole("button", { name: M.host.queue.reply, exact: true }), 30);
    await host.keyboard.press("Enter");
    const field = bos.getByRole("textbox", { name: fill(M.host.queue.replyLabel, { name: "波波" }), exact: true });
    await expect.poll(() => isFocused(field), POLL).toBe(true);
    const toBo = "Hi 波波, try the sound button at the bottom right — I'm here if it still fails.";
    await host.keyboard.type(toBo);
    await host.keyboard.press("Control+Enter");

    const whisper = bo.getByTestId("chat-whisper").filter({ hasText: "try the sound button" });
    await whisper.waitFor();
    expect(await whisper.getAttribute("data-live")).toBe("true");
    expect(await whisper.textContent()).toContain(fill(Z.chat.whisperFrom, { name: "Hana" }));
    expect(await whisper.textContent()).toContain(Z.chat.privateMark);
    expect(await whisper.textContent()).toContain(toBo);
    // The queue counts it answered; nobody else has the reply (the host has it in the moderation log, not the chat).
    await host.locator('[data-testid="moderation-response"][data-answered="1"]').waitFor();
    for (const page of [ann, cy, host]) expect(await page.getByTestId("chat-whisper").count()).toBe(0);
    for (const page of [ann, cy]) expect(await page.locator("body").textContent()).not.toContain("try the sound button");
    expect(await chatText(host)).not.toContain("try the sound button");
    await shot(bo, "whisper-phone-zh");

    // Across the instance boundary: Cy's reply reaches Cy alone.
    const cys = flag(host, cyId, "help");
    await cys.getByTestId("moderation-reply").click();
    await cys.getByTestId("moderation-reply-input").fill("Hi Cy, a reload usually brings the sound back.");
    await cys.getByTestId("moderation-reply-send").click();
    await cy.getByTestId("chat-whisper").filter({ hasText: "a reload usually brings the sound back" }).waitFor();
    expect(await cy.getByTestId("chat-whisper").textContent()).toContain(fill(M.chat.whisperFrom, { name: "Hana" }));
    expect(await cy.getByTestId("chat-whisper").count()).toBe(1);
    await shot(cy, "whisper-laptop-en");
    expect(await bo.getByTestId("chat-whisper").count()).toBe(1);
    for (const page of [ann, bo]) expect(await page.locator("body").textContent()).not.toContain("a reload usually brings");

    // 波波's line is handled: it leaves the waiting queue for the recently handled.
    await bos.getByTestId("moderation-handled-button").click();
    await host.locator(`[data-testid="moderation-handled"] [data-testid="moderation-flag"][data-author-id="${boId}"][data-status="handled"]`).waitFor({ state: "attached" });
    expect(await host.locator(`[data-testid="moderation-queue"] [data-testid="moderation-flag"][data-author-id="${boId}"]`).count()).toBe(0);
    await host.locator('[data-testid="moderation-response"][data-answered="2"]').waitFor();
    await cy.context().close();
  });

  it("the host deletes a line for everyone: it leaves every page, and the history a reload brings", async () => {
    const doomed = "Meet me behind the old oak after the talk";
    await say(ann, doomed);
    for (const page of [host, bo]) await page.getByTestId("chat-message").filter({ hasText: doomed }).waitFor();
    const line = host.getByTestId("chat-message").filter({ hasText: doomed });
    await line.getByTestId("chat-line-actions").click();
    await line.getByTestId("chat-delete").click();
    for (const page of [host, ann, bo]) await page.getByTestId("chat-message").filter({ hasText: doomed }).waitFor({ state: "detached" });
    // The others stay.
    await bo.getByTestId("chat-message").filter({ hasText: "Sorry, I'll keep it kind" }).waitFor();

    // 波波 reloads: the same member, back in the room; the history has Ann's earlier line, never the deleted one,
    // and 波波's private reply is still there.
    await bo.reload();
    await bo.getByTestId("lobby-enter").click();
    await bo.waitForFunction(() => document.querySelector('[data-testid="venue-hud"]')?.getAttribute("data-member-id"));
    expect(await memberIdOf(bo)).toBe(boId);
    await host.locator(`[data-testid="moderation-member"][data-member-id="${boId}"]`).waitFor();
    if ((await bo.getByTestId("toggle-chat").getAttribute("aria-expanded")) !== "true") await bo.getByTestId("toggle-chat").click();
    await bo.getByTestId("chat-message").filter({ hasText: "Sorry, I'll keep it kind" }).waitFor();
    await bo.getByTestId("chat-message").filter({ hasText: "你这个***" }).waitFor();
    expect(await bo.getByTestId("chat-message").filter({ hasText: doomed }).count()).toBe(0);
    expect(await chatText(bo)).not.toContain(doomed);
    const kept = bo.getByTestId("chat-whisper").filter({ hasText: "try the sound button" });
    await kept.waitFor();
    expect(await kept.getAttribute("data-live")).toBe("false");
  });

  it("the host removes Ann: Ann sees the polite page, and a reload is refused in the lobby", async () => {
    await annRow().getByRole("button", { name: fill(M.host.members.removeLabel, { name: "Ann" }), exact: true }).click();
    const dialog = host.getByTestId("moderation-remove-dialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(fill(M.host.removeDialog.title, { name: "Ann" }));
    await host.getByTestId("moderation-remove-note").fill("Insults after a warning");
    await host.getByTestId("moderation-remove-confirm").click();

    await ann.getByTestId("removed-page").waitFor();
    expect(await ann.getByRole("heading", { level: 1 }).textContent()).toBe(M.removed.title);
    await expect.poll(() => isFocused(ann.getByRole("heading", { level: 1 })), POLL).toBe(true);
    await shot(ann, "removed-laptop-en");
    await ann.setViewportSize(PHONE);
    await shot(ann, "removed-phone-en");
    await annRow().waitFor({ state: "detached" });
    await host.locator('[data-testid="moderation-log-entry"][data-action="remove"]').filter({ hasText: fill(M.log.remove, { by: "Hana", target: "Ann" }) }).filter({ hasText: fill(M.host.log.reason, { note: "Insults after a warning" }) }).waitFor();

    // No way back into this session: the lobby says why.
    await ann.reload();
    await ann.getByTestId("lobby-enter").click();
    const refusal = ann.locator('[data-testid="lobby-error"][data-code="REMOVED"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(en.errors.REMOVED);
    await shot(ann, "removed-lobby-phone-en");
  });

  it("looks right on a phone: the host's queue in the console drawer", async () => {
    await host.setViewportSize(PHONE);
    await host.getByTestId("toggle-host").click();
    await flag(host, cyId, "help").waitFor();
    await showInPanel(host, '[data-testid="host-moderation"]', ".host-console-body");
    await shot(host, "queue-phone-en");
    expect(pageErrors).toEqual([]);
  });
});
