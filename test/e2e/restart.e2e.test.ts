import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { SERVER_RESTARTING_CLOSE_CODE } from "../../shared/protocol/index.js";
import { IDENTITY_STORAGE_KEY } from "../../client/net/identity.js";
import { launchChromium, resultsDir } from "../helpers/browser.js";
import { freePort, startGroveProcess, type GroveProcess } from "../helpers/groveProcess.js";
import { enterVenue } from "../helpers/venuePages.js";

// Grove runs as its own process here, as `npm start` runs it, so the test can crash it (SIGKILL) or stop it
// (SIGTERM) and start it again on the same port and SQLite file, the way a deploy or a crash would.
const dir = mkdtempSync(join(tmpdir(), "grove-restart-"));
const sqlitePath = join(dir, "grove.sqlite");
let port = 0;
let server: GroveProcess | null = null;
/** Fixed operator token and signing key, so the test can ask for a host link and the link outlives the restart. */
const OPERATOR_TOKEN = "operator-token-for-the-restart-e2e";
const SECRETS = { GROVE_ADMIN_TOKEN: OPERATOR_TOKEN, GROVE_SECRET: "signing-secret-for-the-restart-e2e" };
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync("dist/client/index.html")) throw new Error("The client is not built: run `npm run build` first (npm test does).");
  port = await freePort();
  [server, browser] = await Promise.all([startGroveProcess({ port, sqlitePath, env: SECRETS }), launchChromium()]);
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

/** Records the close code of every WebSocket the page opens, so the test can tell which close path it took. */
async function recordCloseCodes(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const codes: number[] = [];
    (window as unknown as { groveCloseCodes: number[] }).groveCloseCodes = codes;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols);
        this.addEventListener("close", (event) => codes.push(event.code));
      }
    };
  });
}

const closeCodes = (page: Page) => page.evaluate(() => (window as unknown as { groveCloseCodes: number[] }).groveCloseCodes);

const enter = (name: string, prepare: (context: BrowserContext) => Promise<void> = recordCloseCodes, query?: string) =>
  enterVenue(browser, url(), name, { viewport: { width: 1100, height: 760 }, pageErrors, prepare, ...(query ? { query } : {}) });

/** A host link's token for the demo, from the operator API. */
async function hostToken(): Promise<string> {
  const response = await fetch(`${url()}/api/admin/events/demo/host-link`, { method: "POST", headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  const { hostLink } = (await response.json()) as { hostLink: string };
  return new URL(hostLink, url()).searchParams.get("host") ?? "";
}

/** The announcement a page shows: its id and text, or null. */
const shownAnnouncement = async (page: Page) => {
  const banner = page.getByTestId("announcement-banner");
  if ((await banner.count()) === 0) return null;
  return { id: await banner.getAttribute("data-announcement-id"), text: await page.getByTestId("announcement-text").textContent() };
};

async function hud(page: Page): Promise<{ sessionId: string; memberId: string; status: string }> {
  const el = page.getByTestId("venue-hud");
  return {
    sessionId: (await el.getAttribute("data-session-id")) ?? "",
    memberId: (await el.getAttribute("data-member-id")) ?? "",
    status: (await el.getAttribute("data-status")) ?? "",
  };
}

function statusIs(page: Page, status: string, timeout?: number): Promise<unknown> {
  return page.waitForFunction(
    (wanted) => document.querySelector('[data-testid="venue-hud"]')?.getAttribute("data-status") === wanted,
    status,
    timeout === undefined ? {} : { timeout },
  );
}

const onlineItem = (page: Page, memberId: string) =>
  page.getByTestId("member-list").locator(`[data-testid="member-item"][data-member-id="${memberId}"][data-online="true"]`);

/**
 * Both pages back in the venue on their own: joined, the same members as before, each seeing the other, and
 * each told so (`reconnected`, the toast's waits begun before the server came back: it only shows for 5 s).
 */
async function expectBackTogether(pages: Array<{ page: Page; memberId: string }>, reconnected: Promise<unknown>): Promise<void> {
  await reconnected;
  for (const { page, memberId } of pages) {
    await statusIs(page, "joined");
    expect((await hud(page)).memberId).toBe(memberId);
    expect(await page.getByTestId("connection-lost").count()).toBe(0);
  }
  for (const { page } of pages) {
    for (const other of pages) await onlineItem(page, other.memberId).waitFor();
    await page.locator(`[data-testid="member-count"][data-count="${pages.length}"]`).waitFor();
  }
}

describe("staying in the venue while the server restarts", { timeout: 240_000 }, () => {
  let ada: Page;
  let bo: Page;
  let adaId = "";
  let boId = "";

  /**
   * Stops the server; while it is down both pages say they are reconnecting (never "left" or "lost"). Starts it
   * again and hands back the wait for both pages' "reconnected" toasts.
   */
  async function restartWhileWatching(signal: NodeJS.Signals, screenshot?: string): Promise<{ reconnected: Promise<unknown> }> {
    await server?.stop(signal);
    server = null;
    for (const page of [ada, bo]) {
      await statusIs(page, "reconnecting");
      await page.getByTestId("connection-banner").waitFor();
    }
    if (screenshot) await ada.screenshot({ path: join(resultsDir(), screenshot) });
    const reconnected = Promise.all([ada, bo].map((page) => page.locator('[data-testid="toast"][data-key="connection.reconnected"]').waitFor()));
    // Awaited by the caller; this keeps a failure before then from being reported as unhandled.
    reconnected.catch(() => undefined);
    server = await startGroveProcess({ port, sqlitePath, env: SECRETS });
    return { reconnected };
  }

  it("two members come back on their own after the server crashes and starts again, and still see the host's announcement", async () => {
    [ada, bo] = await Promise.all([enter("Ada"), enter("Bo")]);
    adaId = (await hud(ada)).memberId;
    boId = (await hud(bo)).memberId;
    await onlineItem(ada, boId).waitFor();
    await onlineItem(bo, adaId).waitFor();

    // A host posts an announcement from the host console; both members' pages show it.
    const host = await enter("Hana", recordCloseCodes, `host=${encodeURIComponent(await hostToken())}`);
    await host.getByTestId("host-console").waitFor();
    await host.getByTestId("host-announcement-input").fill("Back in five minutes · 五分钟后回来");
    await host.getByTestId("host-post").click();
    for (const page of [ada, bo]) await page.getByTestId("announcement-text").getByText("Back in five minutes · 五分钟后回来").waitFor();
    const before = await shownAnnouncement(ada);
    expect(await shownAnnouncement(bo)).toEqual(before);
    await host.context().close();
    await ada.locator('[data-testid="member-count"][data-count="2"]').waitFor();

    const { reconnected } = await restartWhileWatching("SIGKILL", "restart-reconnecting.png");
    await expectBackTogether(
      [
        { page: ada, memberId: adaId },
        { page: bo, memberId: boId },
      ],
      reconnected,
    );
    expect((await closeCodes(ada)).at(-1)).toBe(1006);
    // The session came back with its state: the same announcement, rebuilt from the log by the new process.
    for (const page of [ada, bo]) {
      await page.getByTestId("announcement-banner").waitFor();
      expect(await shownAnnouncement(page)).toEqual(before);
    }
    await ada.screenshot({ path: join(resultsDir(), "restart-announcement-kept.png") });
    expect(pageErrors).toEqual([]);
  });

  it("comes back the same way after a clean shutdown, which closes with 'server restarting'", async () => {
    const { reconnected } = await restartWhileWatching("SIGTERM");
    await expectBackTogether(
      [
        { page: ada, memberId: adaId },
        { page: bo, memberId: boId },
      ],
      reconnected,
    );
    // Checked last so that a server still closing with Colyseus' 4000 fails here, not before the restart.
    for (const page of [ada, bo]) expect((await closeCodes(page)).at(-1)).toBe(SERVER_RESTARTING_CLOSE_CODE);
    expect(pageErrors).toEqual([]);
  });

  it("a second tab of the same member takes the seat; the first says so, and can take it back", async () => {
    const identity = await ada.evaluate((key) => localStorage.getItem(key), IDENTITY_STORAGE_KEY);
    expect(identity).toContain(adaId);
    const adaAgain = await enter("Ada", async (context) => {
      await recordCloseCodes(context);
      await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [IDENTITY_STORAGE_KEY, identity ?? ""] as const);
    });
    expect((await hud(adaAgain)).memberId).toBe(adaId);

    const dialog = ada.getByTestId("taken-over-dialog");
    await dialog.waitFor({ timeout: 20_000 });
    expect(await dialog.getAttribute("role")).toBe("alertdialog");
    expect(await ada.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("take-back-button");
    expect((await hud(ada)).status).toBe("takenOver");
    // The dialog says it once: no toast repeats it.
    expect(await ada.locator('[data-testid="toast"][data-key="errors.SESSION_TAKEN_OVER"]').count()).toBe(0);
    await ada.screenshot({ path: join(resultsDir(), "taken-over-dialog.png") });
    // Only one Ada is in the venue, and the first page does not quietly take the seat back.
    await bo.locator(`[data-testid="member-count"][data-count="2"]`).waitFor();
    await onlineItem(bo, adaId).waitFor();

    await ada.getByTestId("take-back-button").click();
    await statusIs(ada, "joined");
    await adaAgain.getByTestId("taken-over-dialog").waitFor({ timeout: 20_000 });
    expect((await hud(ada)).memberId).toBe(adaId);
    await bo.locator(`[data-testid="member-count"][data-count="2"]`).waitFor();
    expect(await ada.getByTestId("taken-over-dialog").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
