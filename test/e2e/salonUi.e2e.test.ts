import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { resultsDir } from "../helpers/browser.js";
import { enterVenue, startVenuePages, type VenuePages } from "../helpers/venuePages.js";

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let venue: VenuePages;
let host: Page;
let member: Page;

beforeAll(async () => {
  venue = await startVenuePages();
});

afterAll(async () => {
  await venue?.close();
});

async function hostToken(): Promise<string> {
  const link = new URL(await venue.grove.hostLink("demo"));
  return link.searchParams.get("host") ?? "";
}

/** axe-core's serious and critical findings on the page as it is (the experimental visible-label rule included), printed. */
async function seriousFindings(page: Page, what: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).options({ rules: { "label-content-name-mismatch": { enabled: true } } }).analyze();
  expect(results.passes.length).toBeGreaterThan(10);
  const found = results.violations.map((v) => `${v.impact ?? "?"} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 4).join(" | ")}`);
  for (const f of found) console.log(`[axe ${what}] ${f}`);
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

describe("the salon in the browser", { timeout: 600_000 }, () => {
  it("a host opens a poll from the console; a member on a phone (zh-CN) votes, raises a hand and asks; the host sees it all", async () => {
    host = await enterVenue(venue.browser, venue.grove.url, "Hana", { viewport: LAPTOP, pageErrors: venue.pageErrors, query: `host=${encodeURIComponent(await hostToken())}` });
    member = await enterVenue(venue.browser, venue.grove.url, "小明", { viewport: PHONE, pageErrors: venue.pageErrors, locale: "zh-CN" });

    // The host composes a poll with the keyboard-reachable form in the console.
    await host.getByTestId("host-salon-poll").waitFor();
    await host.getByTestId("host-poll-question").fill("Which tree should we plant next?");
    const options = host.getByTestId("host-poll-option-input");
    await options.nth(0).fill("Ginkgo");
    await options.nth(1).fill("Cherry");
    await host.getByTestId("host-poll-add-option").click();
    await options.nth(2).fill("Oak");
    await host.getByTestId("host-poll-open").click();
    await host.getByTestId("host-poll-current").waitFor();
    const pollId = await host.getByTestId("host-poll-current").getAttribute("data-poll-id");
    expect(pollId).toMatch(/^p\d+$/);

    // The member opens the salon drawer: the poll is there, in Chinese, and the vote goes with the form.
    await member.getByTestId("toggle-salon").click();
    const poll = member.getByTestId("salon-poll");
    await poll.waitFor();
    expect(await poll.getAttribute("data-poll-id")).toBe(pollId);
    expect(await member.getByTestId("salon-stage").locator("h3").textContent()).toBe("舞台");
    await member.getByTestId("salon-option").filter({ hasText: "Cherry" }).click();
    await member.getByTestId("salon-vote").click();
    await member.getByTestId("salon-your-vote").waitFor();
    await member.locator('[data-testid="salon-option"][data-option-id="o1"] [data-testid="salon-option-result"][data-votes="1"]').waitFor();

    // A hand goes up (aria-pressed) with its place in the queue; a question goes in.
    const hand = member.getByTestId("salon-hand");
    await hand.click();
    await member.locator('[data-testid="salon-hand"][aria-pressed="true"]').waitFor();
    expect(await member.getByTestId("salon-queue-place").textContent()).toContain("第 1 位");
    await member.getByTestId("salon-ask-input").fill("树苗从哪里来？");
    await member.getByTestId("salon-ask").click();
    await member.getByTestId("salon-question").filter({ hasText: "树苗从哪里来？" }).waitFor();
    expect(await member.getByTestId("salon-ask-input").inputValue()).toBe("");

    // The host sees the vote counted, the hand in the queue and who asked.
    await host.locator('[data-testid="host-poll-result"][data-option-id="o1"][data-votes="1"]').waitFor();
    await host.getByTestId("host-queued").filter({ hasText: "小明" }).waitFor();
    await host.getByTestId("host-salon-qa").locator("summary").click();
    await host.getByTestId("host-question-asker").filter({ hasText: "小明" }).waitFor();

    // The drawer's own scroll shows the poll from its top (scrollIntoView would scroll the page too).
    await member.evaluate(() => {
      const poll = document.querySelector('[data-testid="salon-poll"]');
      const body = poll?.closest(".salon-body");
      if (poll && body) body.scrollTop += poll.getBoundingClientRect().top - body.getBoundingClientRect().top - 8;
    });
    await member.screenshot({ path: `${resultsDir()}/salon-member-phone-zh.png` });
    await host.screenshot({ path: `${resultsDir()}/salon-host-laptop-en.png` });

    // With a poll, results, a hand and a question on screen: nothing serious for axe, on either side.
    expect(await seriousFindings(member, "member phone zh-CN")).toEqual([]);
    await host.getByTestId("host-salon-debate").locator("summary").click();
    await host.getByTestId("host-salon-checkin").locator("summary").click();
    await host.getByTestId("host-salon-screen").locator("summary").click();
    expect(await seriousFindings(host, "host laptop en")).toEqual([]);

    // Brought on stage: the member is told, politely, and the hand becomes "on the stage".
    await host.getByTestId("host-invite").click();
    await member.getByTestId("salon-on-stage").waitFor();
    await member.getByTestId("salon-announcement").filter({ hasText: "主持人请你上台了" }).waitFor({ state: "attached" });
    await host.locator('[data-testid="member-item"][data-speaker="true"]').waitFor();

    expect(venue.pageErrors).toEqual([]);
  });
});
