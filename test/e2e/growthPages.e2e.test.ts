import { createHash } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { adminEn } from "../../client/i18n/admin.js";
import { growthPagesEn, growthPagesZh } from "../../client/i18n/growthPages.js";
import { canonicalCollectible, collectibleSeed } from "../../shared/rules/growth/collectibles.js";
import { POINT_ORDER, POINTS } from "../../shared/rules/growth/points.js";
import { TIER_BARS } from "../../shared/rules/growth/tiers.js";
import { ENERGY_PER_SESSION, TREE_GOAL_MAX, TREE_GOAL_MIN, type CollectibleRecord } from "../../shared/rules/growth/types.js";
import { publicKeyRaw, signCollectible } from "../../server/growth/signing.js";
import { launchChromium, resultsDir } from "../helpers/browser.js";
import { joinVenue, startTestGrove, until, type TestGrove, type VenueRoom } from "../helpers/grove.js";
import type { ChatEvent, WelcomeEvent } from "../../shared/protocol/index.js";
import { STEP_TIMEOUT_MS } from "../helpers/venuePages.js";

/** The built client (`npx vite build`); GROVE_CLIENT_DIR points elsewhere, e.g. at a build no one else rewrites meanwhile. */
const CLIENT_DIR = process.env.GROVE_CLIENT_DIR ?? "dist/client";
const OPERATOR_TOKEN = "the-operator-token-of-the-growth-pages-e2e";
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let grove: TestGrove;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
/** Ada's member id and the session she chatted in, made once by `adaInteracted`. */
let ada: { memberId: string; sessionId: string } | null = null;
/** Ada's collectible, minted once by `mintForAda`. */
let minted: CollectibleRecord | null = null;

beforeAll(async () => {
  grove = await startTestGrove({ clientDir: CLIENT_DIR, operatorToken: OPERATOR_TOKEN });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await grove?.dispose();
});

async function newPage(locale: "en-US" | "zh-CN", viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport, timezoneId: "Asia/Shanghai" });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  // An unknown member's 404 is the server's answer the test asked for, not a page error.
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 404\b/.test(message.text())) pageErrors.push(`console: ${message.text()}`);
  });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(resultsDir(), `growth-pages-${name}.png`), fullPage: true });
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function seriousAxe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** Sends a chat line and waits for its echo: the line is in the room's log by then or soon after. */
function say(room: VenueRoom, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no echo of "${text}"`)), 5000);
    const off = room.onMessage("chat", (line: ChatEvent) => {
      if (line.text !== text) return;
      clearTimeout(timer);
      off();
      resolve();
    });
    room.send("chat", { text });
  });
}

/** Ada and Bo join the demo event; Ada says three lines; both leave, so the session closes. */
async function adaInteracted(): Promise<{ memberId: string; sessionId: string }> {
  if (ada) return ada;
  const first = await joinVenue(grove.client, { name: "Ada" });
  const second = await joinVenue(grove.client, { name: "Bo" });
  for (const text of ["Hello garden!", "Which seeds grow best in shade?", "Thanks, all"]) await say(first.room, text);
  const sessionId = (first.welcome as unknown as WelcomeEvent).liveSessionId;
  await until(async () => (await grove.store.listInteractions(sessionId)).filter((i) => i.kind === "chat").length === 3, "Ada's lines to be logged", 10_000);
  await first.room.leave();
  await second.room.leave();
  const event = await grove.store.getEventBySlug("demo");
  await until(async () => (await grove.store.listSessions(event?.id ?? "")).every((s) => s.endedAt !== null), "the session to close", 20_000);
  ada = { memberId: first.welcome.memberId, sessionId };
  return ada;
}

/** A collectible for Ada, minted as the server mints one: the canonical record, signed with the server's own key. */
async function mintForAda(): Promise<CollectibleRecord> {
  if (minted) return minted;
  const { memberId, sessionId } = await adaInteracted();
  const event = await grove.store.getEventBySlug("demo");
  if (!event) throw new Error("no demo event");
  const id = "Gr0veTest001";
  const record: CollectibleRecord = {
    v: 1,
    id,
    rule: "topQuestion",
    title: "Top question",
    quote: "Which seeds grow best in shade?",
    memberId,
    ownerName: "Ada",
    sessionId,
    eventSlug: event.slug,
    eventTitle: event.title,
    mintedAt: Date.now(),
    seed: collectibleSeed(`${id}${sessionId}topQuestion`),
  };
  await grove.store.insertCollectible({
    id,
    memberId,
    sessionId,
    eventId: event.id,
    rule: record.rule,
    record: canonicalCollectible(record),
    signature: signCollectible(grove.collectibleKey, record),
    mintedAt: record.mintedAt,
  });
  minted = record;
  return record;
}

describe("the growth pages", { timeout: 240_000 }, () => {
  it("explains growth with the rules' own numbers (laptop, English; phone, 简体中文)", async () => {
    const page = await newPage("en-US", LAPTOP);
    const answer = await page.goto(`${grove.url}/growth`);
    expect(answer?.status()).toBe(200);
    await page.getByTestId("growth-explainer").waitFor();
    expect(await page.title()).toBe(`${growthPagesEn.explainer.documentTitle} · Grove`);

    // Every row of the points table, read off the page, is the table the ledger counts with.
    const rows = await page.locator('[data-testid="growth-points-table"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        kind: tr.getAttribute("data-kind"),
        name: tr.querySelector("th")?.textContent,
        points: Number(tr.querySelector('[data-field="points"]')?.textContent),
        fullFor: Number(tr.querySelector('[data-field="fullFor"]')?.textContent),
        perSession: Number(tr.querySelector('[data-field="perSession"]')?.textContent),
        perDay: Number(tr.querySelector('[data-field="perDay"]')?.textContent),
      })),
    );
    expect(rows).toEqual(POINT_ORDER.map((kind) => ({ kind, name: growthPagesEn.kinds[kind], ...POINTS[kind] })));

    // The tier bars, both of them, for both tiers.
    for (const tier of ["coCreator", "evangelist"] as const) {
      for (const bar of ["promote", "keep"] as const) {
        const shown = await page.locator(`[data-testid="growth-tiers-table"] [data-field="${tier}.${bar}"]`).evaluateAll((tds) =>
          tds.map((td) => [td.closest("tr")?.getAttribute("data-metric"), Number(td.textContent)] as const),
        );
        expect(shown.length).toBeGreaterThan(0);
        for (const [metric, value] of shown) expect(value, `${tier}.${bar}.${metric}`).toBe(TIER_BARS[tier][bar][metric as keyof (typeof TIER_BARS)[typeof tier][typeof bar]]);
      }
    }
    expect(await page.getByTestId("growth-energy-allowance").textContent()).toContain(String(ENERGY_PER_SESSION));
    expect(await page.locator('[data-testid="growth-badges"] li').count()).toBeGreaterThanOrEqual(14);
    expect(await seriousAxe(page)).toEqual([]);
    await shot(page, "explainer-laptop");

    const phone = await newPage("zh-CN", PHONE);
    await phone.goto(`${grove.url}/growth`);
    await phone.getByTestId("growth-explainer").waitFor();
    expect(await phone.locator("h1").textContent()).toBe(growthPagesZh.explainer.title);
    expect(await phone.locator('[data-kind="chat"] th').textContent()).toBe(growthPagesZh.kinds.chat);
    expect(await fitsWidth(phone)).toBe(true);
    await shot(phone, "explainer-phone");
  });

  it("shows a member's profile after they took part, and Grove's not-found page for nobody", async () => {
    const { memberId } = await adaInteracted();
    await mintForAda();
    const page = await newPage("en-US", LAPTOP);
    const answer = await page.goto(`${grove.url}/m/${memberId}`);
    expect(answer?.status()).toBe(200);
    await page.getByTestId("profile-name").waitFor();
    expect(await page.getByTestId("profile-name").textContent()).toBe("Ada");
    expect(await page.getByTestId("profile-tier").getAttribute("data-tier")).toBe("explorer");
    expect(await page.locator('[data-testid="profile-points"] [data-kind="chat"] td').textContent()).toBe(String(3 * POINTS.chat.points));
    expect(Number(await page.getByTestId("profile-total").getAttribute("data-value"))).toBeGreaterThanOrEqual(3 * POINTS.chat.points);
    expect(await page.locator('[data-testid="profile-badges"] [data-badge="firstSteps"]').textContent()).toContain(growthPagesEn.badges.firstSteps.name);
    expect(await page.locator('[data-testid="profile-sessions"] li').count()).toBe(1);
    // The progress to co-creator: every bar the next tier needs, with what Ada has.
    const sessions = page.locator('[data-testid="profile-progress"] [data-metric="sessions"]');
    expect(await sessions.getAttribute("data-has")).toBe("1");
    expect(await sessions.getAttribute("data-needs")).toBe(String(TIER_BARS.coCreator.promote.sessions));
    // The collectible's artwork is an image (never markup in the page), linking to its own page.
    const tile = page.locator('[data-testid="profile-collectibles"] a');
    expect(await tile.getAttribute("href")).toBe("/c/Gr0veTest001");
    expect(await tile.locator("img").getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
    expect(await page.locator("main svg script").count()).toBe(0);
    expect(await seriousAxe(page)).toEqual([]);
    await shot(page, "profile-laptop");

    const phone = await newPage("zh-CN", PHONE);
    await phone.goto(`${grove.url}/m/${memberId}`);
    await phone.getByTestId("profile-name").waitFor();
    expect(await phone.getByTestId("profile-tier").textContent()).toContain(growthPagesZh.tiers.explorer);
    expect(await fitsWidth(phone)).toBe(true);
    await shot(phone, "profile-phone");

    const nobody = await newPage("en-US", LAPTOP);
    await nobody.goto(`${grove.url}/m/00000000-0000-4000-8000-000000000000`);
    await nobody.getByTestId("not-found").waitFor();
    await nobody.goto(`${grove.url}/m/%3Cscript%3E`);
    await nobody.getByTestId("not-found").waitFor();
  });

  it("verifies a collectible in the browser, and shows a tampered one failing", async () => {
    const record = await mintForAda();
    const page = await newPage("en-US", LAPTOP);
    const answer = await page.goto(`${grove.url}/c/${record.id}`);
    expect(answer?.status()).toBe(200);
    const verify = page.getByTestId("collectible-verify");
    await verify.waitFor();
    expect(await verify.getAttribute("data-state")).toBe("verified");
    expect(await verify.textContent()).toContain(growthPagesEn.collectible.verified);
    expect(await page.getByTestId("collectible-title").textContent()).toBe(growthPagesEn.collectibleRules.topQuestion.replace("{quote}", record.quote));
    expect(await page.getByTestId("collectible-owner").getAttribute("href")).toBe(`/m/${record.memberId}`);
    const raw = Buffer.from(publicKeyRaw(grove.collectibleKey), "base64");
    const expected = createHash("sha256").update(raw).digest("hex").slice(0, 16).match(/.{4}/g)?.join(" ");
    expect(await page.getByTestId("collectible-fingerprint").textContent()).toBe(expected);
    expect(await seriousAxe(page)).toEqual([]);
    await shot(page, "collectible-laptop");

    const phone = await newPage("zh-CN", PHONE);
    await phone.goto(`${grove.url}/c/${record.id}`);
    await phone.getByTestId("collectible-verify").waitFor();
    expect(await phone.getByTestId("collectible-verify").textContent()).toContain(growthPagesZh.collectible.verified);
    expect(await fitsWidth(phone)).toBe(true);
    await shot(phone, "collectible-phone");

    // Someone with the database changes the owner: the signature no longer holds, and the page says so in red.
    const tampered = canonicalCollectible({ ...record, ownerName: "Eve" });
    await grove.store.db.updateTable("collectibles").set({ record: tampered }).where("id", "=", record.id).execute();
    await page.reload();
    await verify.waitFor();
    expect(await verify.getAttribute("data-state")).toBe("failed");
    expect(await verify.textContent()).toContain(growthPagesEn.collectible.failed);
    expect(await page.getByTestId("collectible-owner").textContent()).toBe("Eve");
    const colour = await verify.evaluate((el) => getComputedStyle(el).borderColor);
    expect(colour).toBe("rgb(179, 38, 30)");
    await shot(page, "collectible-tampered-laptop");

    // A record that is not even a record fails the same way.
    await grove.store.db.updateTable("collectibles").set({ record: "{not json" }).where("id", "=", record.id).execute();
    await page.reload();
    await verify.waitFor();
    expect(await verify.getAttribute("data-state")).toBe("failed");
  });

  it("shows the event's past session as a small tree in the lobby", async () => {
    await adaInteracted();
    const page = await newPage("en-US", LAPTOP);
    await page.goto(`${grove.url}/e/demo`);
    const trees = page.getByTestId("past-trees");
    await trees.waitFor();
    const figure = trees.locator("li").first();
    expect(await figure.getAttribute("data-stage")).toMatch(/^(seed|sprout|sapling|branches|leaves|blossoms|fruit)$/);
    expect(Number(await figure.getAttribute("data-percent"))).toBeGreaterThan(0);
    await shot(page, "event-past-trees-laptop");
  });

  it("lets the operator set the tree's goal and reward on /admin, and refuses a goal out of range", async () => {
    const page = await newPage("en-US", LAPTOP);
    await page.goto(`${grove.url}/admin`);
    await page.getByTestId("admin-token").fill(OPERATOR_TOKEN);
    await page.getByTestId("admin-sign-in-submit").click();
    const card = page.locator('[data-testid="admin-event"][data-slug="demo"]');
    await card.getByTestId("admin-edit").click();
    const form = card.getByTestId("admin-edit-form");
    await form.getByTestId("admin-edit-form-growth").waitFor();
    expect(await form.getByTestId("admin-edit-form-tree-goal").inputValue()).toBe(String((await grove.store.getEventBySlug("demo"))?.treeGoal));

    await form.getByTestId("admin-edit-form-tree-goal").fill("5");
    await form.getByTestId("admin-edit-form-submit").click();
    expect(await form.getByTestId("admin-edit-form-treeGoal-error").textContent()).toBe(
      adminEn.invalidTreeGoal.replace("{min}", String(TREE_GOAL_MIN)).replace("{max}", String(TREE_GOAL_MAX)),
    );

    await form.getByTestId("admin-edit-form-tree-goal").fill("50");
    await form.getByTestId("admin-edit-form-reward-text").fill("We plant a real tree together");
    await form.getByTestId("admin-edit-form-reward-url").fill("https://example.org/trees");
    await form.getByTestId("admin-edit-form-member-salons").uncheck();
    await shot(page, "admin-laptop");
    await form.getByTestId("admin-edit-form-submit").click();
    await until(async () => (await grove.store.getEventBySlug("demo"))?.treeGoal === 50, "the goal to be saved", 10_000);
    const saved = await grove.store.getEventBySlug("demo");
    expect(saved).toMatchObject({ treeGoal: 50, rewardText: "We plant a real tree together", rewardUrl: "https://example.org/trees", memberSalons: false });
  });

  it("had no page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
