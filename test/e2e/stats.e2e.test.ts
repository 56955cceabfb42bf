import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { statsEn } from "../../client/i18n/stats.js";
import { HOST_LINK_PARAM } from "../../shared/protocol/admin.js";
import type { ClaimResponse, HuntAdminView } from "../../shared/protocol/hunt.js";
import { LIVE_REFRESH_MS, type EventSessionsResponse, type SessionStatsResponse, type StatsSettingsResponse } from "../../shared/protocol/stats.js";
import { classify } from "../../shared/rules/moderation/classify.js";
import type { SessionReport } from "../../shared/rules/stats/types.js";
import { launchChromium, resultsDir } from "../helpers/browser.js";
import { startTestGrove, until, type TestGrove } from "../helpers/grove.js";
import { isolatedPostgres, type DatabaseTarget } from "../helpers/postgres.js";
import { joinBot, leave, operatorCall, say, send, STATS_HUNT, walkTo, type Bot } from "../helpers/statsSession.js";

/**
 * Operator statistics end to end (issue 14): a scripted session of bots on a real server (PostgreSQL when
 * DATABASE_URL is set, as in CI; SQLite otherwise), its figures computed by hand below and read back from the API
 * while it runs and after it closes, then from the operator's pages in Chromium.
 *
 * The script. An earlier session: Ann and Bo come and go (so both return later). The session under test: the host
 * Hana and Ann, Bo, Cy, Dee, Eve, Fay join (7 inside at once); Eve leaves without a word; Dee leaves and comes back
 * with the same identity. Chat: Ann, Bo, Cy, Dee and Fay write one line each (Fay's asks for help, so the classifier
 * queues it: lineFlagged); Bo reports Cy's line (lineReported) and Hana marks it handled; Hana mutes Dee. Questions:
 * Cy and Fay ask, Ann and Bo upvote Cy's, Hana answers it. A poll: Hana opens it, Ann, Bo and Cy vote, Hana closes
 * it. Energy: Ann gives Cy's question energy, Bo gives Cy's line energy. The hunt (a scene clue and a real one): Dee
 * walks to the lamp and claims it, then scans the gate's code (all found: completed); Cy scans the gate only.
 */
const CLIENT_DIR = process.env.GROVE_CLIENT_DIR ?? "dist/client";
const OPERATOR_TOKEN = "the-operator-token-of-the-stats-e2e";
const SLUG = "stats-garden";
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The lines, chosen so that only Fay's is flagged by the classifier (checked below, before they are sent). */
const LINES = {
  ann: "The garden looks lovely tonight 今晚的花园很美",
  bo: "我喜欢这个花园 the garden music is great",
  cy: "花园里的灯笼真漂亮",
  dee: "Lanterns in the garden, lovely",
  fay: "谁能帮帮我，我听不到声音",
  gil: "Thanks everyone 谢谢大家 garden",
};
const QUESTIONS = { cy: "What music is playing now?", fay: "Which lantern was your favourite?" };

/**
 * The figures by hand, while live (before Gil): members Hana, Ann, Bo, Cy, Dee, Eve, Fay = 7, of whom Ann and Bo
 * were in the earlier session (returning 2, new 5); all 7 were inside before Eve left (peak 7). Interacting: everyone
 * but Eve (6). Chat: 5 lines by 5 chatters. "garden" is in Ann's, Bo's and Dee's lines (3); 花园 in Ann's, Bo's and
 * Cy's (3). Questions: 2 asked, 1 answered, 2 upvotes. The poll: 3 voters of the 6 inside while it was open (Eve had
 * left, Dee was back): participation 0.5. Moderation: 1 flagged by the classifier + 1 report = 2 flagged in 5 lines
 * (40 per 100); the report was answered (handled), Fay's line was not (1 unanswered); host acts: handled + mute = 2.
 * Energy given: 2. The hunt: Dee and Cy claimed (started 2), Dee has both clues (completed 1, rate 0.5); the lamp was
 * found once, the gate twice.
 */
const LIVE = {
  attendance: { members: 7, newMembers: 5, returningMembers: 2 },
  peak: 7,
  interactingMembers: 6,
  chat: { lines: 5, chatters: 5 },
  questions: { asked: 2, answered: 1, answerRate: 0.5, upvotes: 2 },
  poll: { voters: 3, present: 6, participation: 0.5 },
  moderation: { flagged: 2, flaggedPer100Lines: 40, unanswered: 1, actionsTotal: 2 },
  energyGiven: 2,
  hunt: { started: 2, completed: 1, completionRate: 0.5, found: { lamp: 1, gate: 2 } },
};
/**
 * After Gil joins (new) and writes one line with "garden", and everyone leaves: 8 members (6 new), 6 lines by 6
 * chatters, "garden" 4 times; 7 interacting; peak still 7 (Eve had left before Gil came); flagged per 100 lines 2/6.
 * Everyone stayed under 5 minutes: 8 early leavers.
 */
const FINAL = {
  attendance: { members: 8, newMembers: 6, returningMembers: 2 },
  interactingMembers: 7,
  chat: { lines: 6, chatters: 6 },
  earlyLeavers: 8,
};
/** Thresholds set for the event, so that one reading is past its threshold (answer rate 0.5 < 0.9) and one is not (6/7 ≥ 0.5). */
const THRESHOLDS = {
  questionAnswerRate: { when: "below", value: 0.9, notify: false },
  interactedShare: { when: "below", value: 0.5, notify: false },
} as const;

let grove: TestGrove;
let database: DatabaseTarget | undefined;
let browser: Browser | undefined;
let hostToken = "";
let gateToken = "";
let earlierSessionId = "";
let sessionId = "";
const bots: Record<string, Bot> = {};
const pageErrors: string[] = [];

beforeAll(async () => {
  const databaseUrl = process.env.DATABASE_URL;
  database = databaseUrl ? await isolatedPostgres(databaseUrl, "grove_stats_e2e") : undefined;
  grove = await startTestGrove({ clientDir: CLIENT_DIR, operatorToken: OPERATOR_TOKEN, random: () => 0, ...(database?.url ? { databaseUrl: database.url } : {}) });
  await grove.store.createEvent({ slug: SLUG, title: "花园夜谈 · Garden evening", capacity: 50, now: Date.now() });
  const saved = await operatorCall<HuntAdminView>(grove.url, OPERATOR_TOKEN, "PUT", `/api/admin/events/${SLUG}/hunt`, STATS_HUNT);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  gateToken = saved.body.scanLinks.gate!.slice("/scan/".length);
  hostToken = new URL(await grove.hostLink(SLUG)).searchParams.get(HOST_LINK_PARAM) ?? "";
  expect(hostToken).not.toBe("");
});

afterAll(async () => {
  // Only those still connected: leave() on a closed connection waits for a close that never comes.
  for (const bot of Object.values(bots)) if (bot.closedWith === undefined) await bot.room.leave(true).catch(() => {});
  await browser?.close();
  await grove?.dispose();
  await database?.cleanup();
});

const stats = (id: string) => operatorCall<SessionStatsResponse>(grove.url, OPERATOR_TOKEN, "GET", `/api/admin/stats/sessions/${id}`);
const report = async (id: string): Promise<SessionReport> => {
  const answer = await stats(id);
  expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
  return answer.body.report;
};
/** A check that holds once `bot` heard another message of `type` than it had by now. */
const heardMore = (bot: Bot, type: string) => {
  const before = bot.heard[type] ?? 0;
  return () => (bot.heard[type] ?? 0) > before;
};
/** Every element with data-stat in `wanted`, as its text. */
async function statTexts(page: Page, wanted = ["attendance.members", "attendance.newMembers", "attendance.returningMembers", "concurrency.peak", "questions.answered", "moderation.flagged", "hunt.completed"]) {
  const texts: Record<string, string | null> = {};
  for (const stat of wanted) texts[stat] = (await page.locator(`[data-stat="${stat}"]`).first().textContent())?.trim() ?? null;
  return texts;
}

async function openPage(viewport: { width: number; height: number }, locale: string): Promise<Page> {
  browser ??= await launchChromium();
  const context = await browser.newContext({ viewport, locale, acceptDownloads: true });
  const page = await context.newPage();
  // Generous: a small, shared CI machine draws a page of SVG charts slowly.
  page.setDefaultTimeout(60_000);
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // A failed request is reported below with its address.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) pageErrors.push(`console: ${message.text()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) pageErrors.push(`${response.status()}: ${response.url()}`);
  });
  return page;
}

/** Opens a statistics page, signing in with the operator token the way an operator does when the page asks for it. */
async function open(page: Page, path: string, ready: string): Promise<void> {
  await page.goto(`${grove.url}${path}`);
  const token = page.getByTestId("stats-token");
  await page.locator(`${ready}, [data-testid="stats-token"]`).first().waitFor();
  if (await token.isVisible()) {
    await token.fill(OPERATOR_TOKEN);
    await token.press("Enter");
  }
  await page.locator(ready).first().waitFor();
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const findings = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(findings.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
}

const closed = async (id: string) => ((await grove.store.getSession(id))?.endedAt ?? null) !== null;
const wordCount = (r: SessionReport, word: string) => r.hotWords.find((w) => w.word.toLowerCase() === word)?.count;

async function scan(bot: Bot): Promise<ClaimResponse> {
  const response = await fetch(`${grove.url}/api/hunt/scan`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: gateToken, memberId: bot.memberId, secret: bot.secret }),
  });
  const body = (await response.json()) as ClaimResponse;
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
}

describe("operator statistics of a scripted session", { timeout: 240_000 }, () => {
  it("an earlier session: Ann and Bo come and go, and it closes when the last leaves", async () => {
    bots.ann = await joinBot(grove.url, SLUG, "Ann");
    bots.bo = await joinBot(grove.url, SLUG, "Bo");
    earlierSessionId = bots.ann.welcome.liveSessionId;
    await say(bots.ann, "hello 你好", bots.bo);
    await leave(bots.ann);
    await leave(bots.bo);
    await until(() => closed(earlierSessionId), "the earlier session to close");
    const earlier = await report(earlierSessionId);
    expect(earlier.attendance).toEqual({ members: 2, newMembers: 2, returningMembers: 0 });
    expect(earlier.endedAt).not.toBeNull();
  });

  it("the session under test: joins, a leave, a reconnect, chat, questions, a poll, moderation, energy and the hunt", async () => {
    for (const text of [LINES.ann, LINES.bo, LINES.cy, LINES.dee, LINES.gil, QUESTIONS.cy, QUESTIONS.fay]) expect(classify(text).tags, text).toEqual([]);
    expect(classify(LINES.fay).tags).toEqual(["help"]);

    const hana = (bots.hana = await joinBot(grove.url, SLUG, "Hana", { hostToken }));
    expect(hana.welcome.role).toBe("host");
    sessionId = hana.welcome.liveSessionId;
    expect(sessionId).not.toBe(earlierSessionId);
    const [ann0, bo0] = [bots.ann!, bots.bo!];
    const ann = (bots.ann = await joinBot(grove.url, SLUG, "Ann", { memberId: ann0.memberId, secret: ann0.secret }));
    const bo = (bots.bo = await joinBot(grove.url, SLUG, "Bo", { memberId: bo0.memberId, secret: bo0.secret }));
    expect([ann.memberId, bo.memberId]).toEqual([ann0.memberId, bo0.memberId]);
    const cy = (bots.cy = await joinBot(grove.url, SLUG, "Cy"));
    let dee = (bots.dee = await joinBot(grove.url, SLUG, "Dee"));
    const eve = (bots.eve = await joinBot(grove.url, SLUG, "Eve"));
    const fay = (bots.fay = await joinBot(grove.url, SLUG, "Fay"));
    for (const bot of [ann, bo, cy, dee, eve, fay]) expect(bot.welcome.liveSessionId).toBe(sessionId);

    // Eve leaves without a word; Dee leaves and comes back as herself.
    await leave(eve);
    await say(dee, LINES.dee, hana);
    await leave(dee);
    dee = bots.dee = await joinBot(grove.url, SLUG, "Dee", { memberId: dee.memberId, secret: dee.secret });
    expect(dee.welcome.newIdentity).toBe(false);

    // Chat; Fay's line is queued for the hosts by the classifier.
    await say(ann, LINES.ann, hana);
    const boLine = await say(bo, LINES.bo, hana);
    const cyLine = await say(cy, LINES.cy, hana);
    await say(fay, LINES.fay, hana);
    await until(() => hana.moderationHost?.queue.some((f) => f.authorId === fay.memberId) ?? false, "Fay's line in the hosts' queue");
    expect(boLine).not.toBe(cyLine);

    // Bo reports Cy's line; Hana marks it handled; Hana mutes Dee for 5 minutes.
    await send(bo, "reportLine", { lineId: cyLine }, () => hana.moderationHost?.queue.some((f) => f.refId === cyLine) ?? false);
    const flag = hana.moderationHost!.queue.find((f) => f.refId === cyLine)!;
    await send(hana, "resolveFlag", { flagId: flag.id }, () => hana.moderationHost?.queue.some((f) => f.id === flag.id && f.handledAt !== null) ?? false);
    await send(hana, "muteMember", { memberId: dee.memberId, minutes: 5, note: "" }, () => hana.moderationHost?.mutes.some((m) => m.memberId === dee.memberId) ?? false);

    // Questions: Cy and Fay ask; Ann and Bo upvote Cy's; Hana answers it.
    await send(cy, "askQuestion", { text: QUESTIONS.cy, anonymous: false }, () => hana.host?.questions.some((q) => q.text === QUESTIONS.cy) ?? false);
    await send(fay, "askQuestion", { text: QUESTIONS.fay, anonymous: false }, () => hana.host?.questions.some((q) => q.text === QUESTIONS.fay) ?? false);
    const question = hana.host!.questions.find((q) => q.text === QUESTIONS.cy)!;
    await send(ann, "upvoteQuestion", { questionId: question.id }, () => hana.host?.questions.some((q) => q.id === question.id && q.votes === 1) ?? false);
    await send(bo, "upvoteQuestion", { questionId: question.id }, () => hana.host?.questions.some((q) => q.id === question.id && q.votes === 2) ?? false);
    await send(hana, "moderateQuestion", { questionId: question.id, action: "answer" }, () => hana.host?.questions.some((q) => q.id === question.id && q.answered) ?? false);

    // The poll: Hana opens it, Ann, Bo and Cy vote, Hana closes it.
    await send(hana, "openPoll", { kind: "single", question: "Tea or coffee? 茶还是咖啡？", options: ["Tea 茶", "Coffee 咖啡"], durationSec: null, resultsShown: true }, () => hana.salon?.poll?.open === true);
    const poll = hana.salon!.poll!;
    for (const [voter, count] of [[ann, 1], [bo, 2], [cy, 3]] as const) {
      await send(voter, "vote", { pollId: poll.id, options: [poll.options[count % 2]!.id] }, () => hana.host?.poll?.voters === count);
    }
    await send(hana, "closePoll", { pollId: poll.id }, () => hana.salon?.poll?.open !== true);

    // Energy: Ann to Cy's question, Bo to Cy's line (taken when the figures below count them; a refusal fails here).
    await send(ann, "giveEnergy", { target: "question", id: question.id }, heardMore(ann, "growthMine"));
    await send(bo, "giveEnergy", { target: "chat", id: cyLine }, heardMore(bo, "growthMine"));

    // The hunt: Dee claims the lamp in the venue and scans the gate (done); Cy scans the gate.
    await walkTo(dee, 9, 10);
    await send(dee, "claimClue", { clueId: "lamp", answer: null }, heardMore(dee, "huntMine"));
    expect((await scan(dee)).outcome).toBe("found");
    expect((await scan(cy)).outcome).toBe("found");

    const settings = await operatorCall<StatsSettingsResponse>(grove.url, OPERATOR_TOKEN, "POST", `/api/admin/stats/events/${SLUG}/settings`, { thresholds: THRESHOLDS });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    expect(settings.body.settings.thresholds.questionAnswerRate).toEqual(THRESHOLDS.questionAnswerRate);
  });

  it("GET /api/admin/stats/sessions/:id gives the hand-computed figures while the session is live", async () => {
    // Energy and hunt rows are written after the intents' answers: wait until the last of them is folded in.
    await expect.poll(async () => (await report(sessionId)).hunt?.completed, { timeout: 10_000 }).toBe(LIVE.hunt.completed);
    await expect.poll(async () => (await report(sessionId)).growth.energyGiven, { timeout: 10_000 }).toBe(LIVE.energyGiven);
    const answer = await stats(sessionId);
    expect(answer.body.live).toBe(true);
    expect(answer.body.event).toEqual({ slug: SLUG, title: "花园夜谈 · Garden evening" });
    const r = answer.body.report;
    expect(r.sessionId).toBe(sessionId);
    expect(r.endedAt).toBeNull();
    expect(r.attendance).toEqual(LIVE.attendance);
    expect(r.concurrency.peak).toBe(LIVE.peak);
    expect(r.interactions.interactingMembers).toBe(LIVE.interactingMembers);
    expect(r.interactions.interactedShare).toBeCloseTo(6 / 7, 6);
    expect(r.chat).toMatchObject(LIVE.chat);
    expect(r.interactions.byGroup.chat).toBe(LIVE.chat.lines);
    expect(wordCount(r, "garden")).toBe(3);
    expect(wordCount(r, "花园")).toBe(3);
    expect(r.questions).toMatchObject(LIVE.questions);
    expect(r.polls.polls).toHaveLength(1);
    expect(r.polls.polls[0]).toMatchObject({ kind: "single", ...LIVE.poll });
    expect(r.polls.meanParticipation).toBe(LIVE.poll.participation);
    expect(r.moderation).toMatchObject(LIVE.moderation);
    expect(r.growth.energyGiven).toBe(LIVE.energyGiven);
    expect(r.hunt).toMatchObject({ started: LIVE.hunt.started, completed: LIVE.hunt.completed, completionRate: LIVE.hunt.completionRate, vouchersIssued: 0 });
    expect(Object.fromEntries(r.hunt!.clues.map((c) => [c.clueId, c.found]))).toEqual(LIVE.hunt.found);
    const reading = (id: string) => answer.body.health.find((h) => h.id === id);
    expect(reading("questionAnswerRate")).toMatchObject({ value: 0.5, breached: true });
    expect(reading("interactedShare")).toMatchObject({ breached: false });
    expect(reading("interactedShare")?.value).toBeCloseTo(6 / 7, 6);
  });

  it("the session page shows the same figures live, charts with their tables, a CSV export, and refreshes when a new member writes", async () => {
    const page = await openPage(DESKTOP, "en-US");
    await open(page, `/admin/stats/${SLUG}/session/${sessionId}`, '[data-stat="attendance.members"]');
    await page.locator("[data-live]").waitFor();
    expect(await statTexts(page)).toEqual({
      "attendance.members": "7",
      "attendance.newMembers": "5",
      "attendance.returningMembers": "2",
      "concurrency.peak": "7",
      "questions.answered": "1",
      "moderation.flagged": "2",
      "hunt.completed": "1",
    });
    const health = page.locator('[data-testid="stats-health"]');
    expect(await health.locator('[data-indicator="questionAnswerRate"]').getAttribute("data-breached")).toBe("true");
    expect(await health.locator('[data-indicator="interactedShare"]').getAttribute("data-breached")).toBe("false");
    for (const chart of ["concurrency", "interactions", "dwell", "hotWords", "tree", "hours", "funnel"]) {
      await page.locator(`[data-chart="${chart}"] svg`).first().waitFor();
      expect(await page.locator(`[data-chart-table="${chart}"]`).count(), chart).toBe(1);
    }
    // The funnel's table: started, each clue found, completed.
    const funnelRows = await page.locator('[data-chart-table="funnel"] tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));
    expect(funnelRows).toEqual([
      [statsEn.stages.started, "2"],
      ["The lamp", "1"],
      ["The gate", "2"],
      [statsEn.stages.completed, "1"],
    ]);

    // The polls table as CSV: UTF-8 with a BOM, a header and the poll's row (3 voters of 6 present).
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-table="polls"] [data-export="csv"]').click()]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString("utf8").split(/\r?\n/).filter((line) => line !== "");
    expect(csv).toHaveLength(2);
    expect(csv[0]).toBe([statsEn.columns.question, statsEn.columns.kind, statsEn.columns.time, statsEn.columns.voters, statsEn.columns.present, statsEn.columns.participation].join(","));
    expect(csv[1]).toMatch(/^Tea or coffee\? 茶还是咖啡？,single,\d+,3,6,0\.5$/);

    await expectNoSeriousViolations(page);
    await page.screenshot({ path: join(resultsDir(), "stats-session-desktop.png"), fullPage: true });

    // Gil, new, comes in and writes: the page's next refresh counts him and his line.
    const gil = (bots.gil = await joinBot(grove.url, SLUG, "Gil"));
    await say(gil, LINES.gil, bots.hana!);
    await page.locator('[data-stat="attendance.members"]').filter({ hasText: /^8$/ }).waitFor({ timeout: LIVE_REFRESH_MS * 3 });
    expect(await page.locator('[data-stat="attendance.newMembers"]').textContent()).toBe("6");

    // A phone in Chinese: the same figures, one column, nothing wider than the screen.
    const phone = await openPage(PHONE, "zh-CN");
    await open(phone, `/admin/stats/${SLUG}/session/${sessionId}`, '[data-stat="attendance.members"]');
    await phone.locator('[data-chart="concurrency"] svg').first().waitFor();
    expect(await phone.locator('[data-stat="attendance.members"]').textContent()).toBe("8");
    expect(await phone.locator("h1").first().textContent()).not.toBe("");
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(resultsDir(), "stats-session-phone-zh.png"), fullPage: true });
    expect(pageErrors.join("\n")).toBe("");
  });
});

describe("operator statistics after the session closes", { timeout: 240_000 }, () => {
  it("everyone leaves, the session closes and its stored figures are final", async () => {
    for (const name of ["gil", "ann", "bo", "cy", "dee", "fay", "hana"]) await leave(bots[name]!);
    await until(() => closed(sessionId), "the session to close when its last member leaves", 10_000);

    const answer = await stats(sessionId);
    expect(answer.body.live).toBe(false);
    const r = answer.body.report;
    expect(r.endedAt).not.toBeNull();
    expect(r.asOf).toBe(r.endedAt);
    expect(r.attendance).toEqual(FINAL.attendance);
    expect(r.concurrency.peak).toBe(LIVE.peak);
    expect(r.chat).toMatchObject(FINAL.chat);
    expect(r.interactions.interactingMembers).toBe(FINAL.interactingMembers);
    expect(wordCount(r, "garden")).toBe(4);
    expect(r.questions).toMatchObject(LIVE.questions);
    expect(r.polls.polls[0]).toMatchObject(LIVE.poll);
    expect(r.moderation).toMatchObject({ flagged: 2, unanswered: 1, actionsTotal: 2 });
    expect(r.moderation.flaggedPer100Lines).toBeCloseTo(200 / 6, 6);
    expect(r.dwell.earlyLeavers).toBe(FINAL.earlyLeavers);
    expect(r.hunt).toMatchObject({ started: 2, completed: 1 });

    const list = await operatorCall<EventSessionsResponse>(grove.url, OPERATOR_TOKEN, "GET", `/api/admin/stats/events/${SLUG}/sessions`);
    expect(list.status).toBe(200);
    expect(list.body.sessions.map((s) => [s.sessionId, s.live, s.members])).toEqual([
      [sessionId, false, 8],
      [earlierSessionId, false, 2],
    ]);
    // The members route agrees with the report: Dee's two stays are one row.
    const members = await operatorCall<{ members: { memberId: string; returning: boolean }[] }>(grove.url, OPERATOR_TOKEN, "GET", `/api/admin/stats/sessions/${sessionId}/members`);
    expect(members.body.members).toHaveLength(8);
    expect(members.body.members.filter((m) => m.returning).map((m) => m.memberId).sort()).toEqual([bots.ann!.memberId, bots.bo!.memberId].sort());
  });

  it("the event page lists both sessions with their health readings, the breached one marked; the compare page draws both", async () => {
    const page = await openPage(DESKTOP, "en-US");
    await open(page, `/admin/stats/${SLUG}`, `[data-testid="stats-sessions"] a[href$="/session/${sessionId}"]`);
    expect(await page.locator(`[data-testid="stats-sessions"] a[href$="/session/${earlierSessionId}"]`).count()).toBe(1);
    await expect.poll(() => page.locator("[data-indicator]").count()).toBeGreaterThan(0);
    const history = page.locator('[data-testid="stats-health-history"]');
    expect(await history.locator('[data-indicator="questionAnswerRate"]').getAttribute("data-breached")).toBe("true");
    expect(await history.locator('[data-indicator="interactedShare"]').getAttribute("data-breached")).toBe("false");
    await expectNoSeriousViolations(page);
    await page.screenshot({ path: join(resultsDir(), "stats-event-desktop.png"), fullPage: true });

    await open(page, `/admin/stats/${SLUG}/compare/${earlierSessionId}/${sessionId}`, '[data-chart="compareConcurrency"] svg');
    expect(await page.locator('[data-chart="compareInteractions"] svg').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-chart-table="compareConcurrency"]').count()).toBe(1);
    await page.screenshot({ path: join(resultsDir(), "stats-compare-desktop.png"), fullPage: true });
    expect(pageErrors.join("\n")).toBe("");
  });
});
