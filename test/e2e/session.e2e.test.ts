import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { resultsDir } from "../helpers/browser.js";
import { enterVenue, startVenuePages, type EnterOptions, type VenuePages } from "../helpers/venuePages.js";

let venue: VenuePages;

beforeAll(async () => {
  // A pinned spawn turn: the first member stands at the spawn ring's right, the next across at its left, a third
  // behind them, so each label these tests wait for is in view (a random turn could put one behind a camera).
  venue = await startVenuePages({ random: () => 0 });
});

afterAll(async () => {
  await venue?.close();
});

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const SMALL_LAPTOP = { width: 1024, height: 700 };

function enter(name: string, options: EnterOptions = {}): Promise<Page> {
  return enterVenue(venue.browser, venue.grove.url, name, { pageErrors: venue.pageErrors, ...options });
}

/** The `host` parameter of a fresh host link for the demo event, as the server issues it. */
async function hostToken(): Promise<string> {
  const link = new URL(await venue.grove.hostLink("demo"));
  const token = link.searchParams.get("host");
  if (!token) throw new Error(`no host token in ${link.href}`);
  return token;
}

const banner = (page: Page) => page.getByTestId("announcement-banner");
const memberIdOf = async (page: Page) => (await page.getByTestId("venue-hud").getAttribute("data-member-id")) ?? "";
const onlineCount = (page: Page) => page.getByTestId("online-count").getAttribute("data-count");

describe("a live session with a host", { timeout: 420_000 }, () => {
  let host: Page;
  let bo: Page;
  let cy: Page;
  let hostId: string;

  it("a host link opens the host console and leaves no token in the address bar", async () => {
    host = await enter("Hana", { viewport: LAPTOP, query: `host=${encodeURIComponent(await hostToken())}` });
    expect(new URL(host.url()).searchParams.has("host")).toBe(false);
    expect(new URL(host.url()).searchParams.get("quality")).toBe("low");
    await host.getByTestId("host-console").waitFor();
    expect(await host.getByTestId("host-link-notice").count()).toBe(0);
    // The session view often arrives complete in the first state, with no patch after it: it must show from that one.
    await host.locator('[data-testid="host-session-online"][data-count="1"]').waitFor();
    await host.locator('[data-testid="host-instance"][data-here="true"]').waitFor();
    hostId = await memberIdOf(host);
  });

  it("members see the host tagged in the list and over the avatar, and the head-count of the whole session", async () => {
    [bo, cy] = await Promise.all([enter("波波", { viewport: PHONE, locale: "zh-CN" }), enter("Cy", { viewport: SMALL_LAPTOP })]);
    for (const page of [bo, cy]) expect(await page.getByTestId("host-console").count()).toBe(0);
    const hostInList = cy.locator(`[data-testid="member-item"][data-member-id="${hostId}"]`);
    await hostInList.getByTestId("host-tag").waitFor();
    expect(await hostInList.getAttribute("data-role")).toBe("host");
    expect(await hostInList.getByRole("button").getAttribute("aria-label")).toBe("Go to Hana, host");
    await cy.locator(`[data-testid="avatar-label"][data-member-id="${hostId}"] [data-testid="host-tag"]`).waitFor();
    await bo.locator(`[data-testid="avatar-label"][data-member-id="${hostId}"] [data-testid="host-tag"]`).waitFor({ state: "attached" });
    expect(await cy.locator('[data-testid="member-item"][data-role="host"]').count()).toBe(1);
    await host.getByTestId("chat-input").fill("Welcome, everyone!");
    await host.getByTestId("chat-input").press("Enter");
    await cy.getByTestId("chat-message").filter({ hasText: "Welcome, everyone!" }).getByTestId("host-tag").waitFor();

    for (const page of [host, bo, cy]) await page.waitForFunction(() => document.querySelector('[data-testid="online-count"]')?.getAttribute("data-count") === "3");
    expect(await host.getByTestId("host-session-online").getAttribute("data-count")).toBe("3");
    const instances = host.getByTestId("host-instance");
    expect(await instances.count()).toBe(1);
    expect(await instances.first().getAttribute("data-here")).toBe("true");
    expect(await instances.first().textContent()).toContain("Room 1: 3 people");
  });

  it("the host posts an announcement and every member sees it at once, read out to screen readers", async () => {
    const text = "Doors close at nine — cake in the garden 🎂";
    await host.getByTestId("host-announcement-input").fill(text);
    await host.getByTestId("host-post").click();
    for (const page of [host, bo, cy]) await banner(page).getByTestId("announcement-text").filter({ hasText: text }).waitFor();
    await cy.getByRole("region", { name: "Announcement" }).getByText(text).waitFor();
    await cy.getByTestId("announcement-live").filter({ hasText: `Announcement from Hana: ${text}` }).waitFor();
    await bo.getByRole("region", { name: "公告" }).getByText(text).waitFor();
    expect(await banner(cy).getByTestId("announcement-byline").textContent()).toMatch(/^Hana · \d{2}:\d{2}/);
    // The field empties once the session shows what was posted.
    await host.waitForFunction(() => (document.querySelector('[data-testid="host-announcement-input"]') as HTMLTextAreaElement | null)?.value === "");
    await host.getByTestId("host-current").getByText(text).waitFor();
  });

  it("looks right: the host console and banner on a laptop in English, the banner and host tag on a phone in Chinese", async () => {
    const dir = resultsDir();
    await host.screenshot({ path: `${dir}/session-host-laptop-en.png` });
    await bo.getByTestId("toggle-members").click();
    await bo.getByTestId("member-list").getByTestId("host-tag").waitFor();
    await bo.screenshot({ path: `${dir}/session-member-phone-zh.png` });
    await bo.getByTestId("toggle-members").click();
  });

  it("a member dismisses the banner, and the next announcement shows again", async () => {
    await banner(cy).getByRole("button", { name: "Dismiss announcement" }).click();
    await banner(cy).waitFor({ state: "detached" });
    expect(await banner(bo).count()).toBe(1);
    const next = "Quiz starts in five minutes";
    await host.getByTestId("host-announcement-input").fill(next);
    await host.getByTestId("host-announcement-input").press("Control+Enter");
    await banner(cy).getByText(next).waitFor();
    await banner(bo).getByText(next).waitFor();
    // Four pages rendering WebGL in software share two cores here: Bo's part is done.
    await bo.context().close();
  });

  it("a late joiner sees the announcement on arrival; a forged host link says it gives member rights only", async () => {
    const forged = await enter("Dee", { viewport: SMALL_LAPTOP, query: "host=not-a-real-token.signature" });
    expect(new URL(forged.url()).searchParams.has("host")).toBe(false);
    await banner(forged).getByText("Quiz starts in five minutes").waitFor();
    const notice = forged.getByTestId("host-link-notice");
    await notice.waitFor();
    expect(await notice.getAttribute("data-check")).toBe("invalid");
    expect(await notice.getAttribute("role")).toBe("alert");
    expect(await notice.textContent()).toContain("you are here as a member");
    await forged.screenshot({ path: `${resultsDir()}/session-forged-link.png` });
    expect(await forged.getByTestId("host-console").count()).toBe(0);
    const deeId = await memberIdOf(forged);
    expect(await cy.locator(`[data-testid="member-item"][data-member-id="${deeId}"]`).getAttribute("data-role")).toBe("member");
    // The refused token is not kept: a reload joins as a plain member with nothing to explain.
    await forged.reload();
    await forged.getByTestId("lobby-enter").click();
    await forged.waitForFunction(() => document.querySelector('[data-testid="venue-hud"]')?.getAttribute("data-member-id"));
    await banner(forged).waitFor();
    expect(await forged.getByTestId("host-link-notice").count()).toBe(0);
    await forged.getByTestId("leave-button").click();
    await forged.context().close();
  });

  it("the host takes it down everywhere", async () => {
    await host.getByTestId("host-clear").click();
    for (const page of [host, cy]) await banner(page).waitFor({ state: "detached" });
    await host.getByTestId("host-current").getByText("No announcement is showing.").waitFor();
  });

  it("posting faster than the session allows is refused politely, as a toast", async () => {
    await host.getByTestId("host-announcement-input").fill("Back in five");
    // Five posts in one go, as a held shortcut would send them: past the burst the server refuses the rest.
    await host.evaluate(() => {
      const post = document.querySelector<HTMLButtonElement>('[data-testid="host-post"]');
      for (let i = 0; i < 5; i++) post?.click();
    });
    const toast = host.locator('[data-testid="toast"][data-key="errors.RATE_LIMITED"]');
    await toast.getByText("You are doing that a little too fast. Please wait a moment.").waitFor();
    expect(await toast.count()).toBe(1);
    await banner(cy).getByText("Back in five").waitFor();
  });

  it("the host stays host after a reload (the token is kept for this tab)", async () => {
    await host.reload();
    expect(new URL(host.url()).searchParams.has("host")).toBe(false);
    await host.getByTestId("lobby-enter").click();
    await host.getByTestId("host-console").waitFor();
    expect(await memberIdOf(host)).toBe(hostId);
    await cy.locator(`[data-testid="member-item"][data-member-id="${hostId}"][data-role="host"]`).waitFor();
    // Bo and Dee have gone: the host and Cy are left.
    await cy.waitForFunction(() => document.querySelector('[data-testid="online-count"]')?.getAttribute("data-count") === "2");
    expect(await onlineCount(host)).toBe("2");
  });

  it("raised no page errors", () => {
    expect(venue.pageErrors).toEqual([]);
  });
});
