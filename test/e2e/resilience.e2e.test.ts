import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchMaker } from "@colyseus/core";
import type { Page } from "playwright-core";
import { startVenuePages, type VenuePages } from "../helpers/venuePages.js";

let venue: VenuePages;

beforeAll(async () => {
  // A pinned spawn turn: the first member stands at the spawn ring's right, the next across at its left, a third
  // behind them, so each label these tests wait for is in view (a random turn could put one behind a camera).
  venue = await startVenuePages({ random: () => 0 });
});

afterAll(async () => {
  await venue?.close();
});

const openMember = (name: string) => venue.openMember(name, { width: 1100, height: 760 });

async function identityOf(page: Page): Promise<{ sessionId: string; memberId: string }> {
  const hud = page.getByTestId("venue-hud");
  return { sessionId: (await hud.getAttribute("data-session-id")) ?? "", memberId: (await hud.getAttribute("data-member-id")) ?? "" };
}

/** Cuts the member's WebSocket on the server without a close handshake, as a dropped network would. */
async function dropSocketOf(sessionId: string): Promise<void> {
  for (const listing of await matchMaker.query({ name: "venue" })) {
    const client = matchMaker.getLocalRoomById(listing.roomId)?.clients.find((c) => c.sessionId === sessionId);
    if (!client) continue;
    // The ws transport keeps the raw `ws` socket as `ref`; terminate() destroys it with no close frame (code 1006).
    (client as unknown as { ref: { terminate(): void } }).ref.terminate();
    return;
  }
  throw new Error(`no connected client with session ${sessionId}`);
}

describe("staying together when things go wrong", { timeout: 180_000 }, () => {
  let ada: Page;
  let bo: Page;
  let adaIds: { sessionId: string; memberId: string };
  let boIds: { sessionId: string; memberId: string };

  it("two members join and see each other", async () => {
    ada = await openMember("Ada");
    bo = await openMember("Bo");
    adaIds = await identityOf(ada);
    boIds = await identityOf(bo);
    await ada.locator(`[data-testid="avatar-label"][data-session-id="${boIds.sessionId}"]`).waitFor();
    await bo.locator(`[data-testid="avatar-label"][data-session-id="${adaIds.sessionId}"]`).waitFor();
  });

  it("shows a reaction over the sender's avatar on the other member's screen", async () => {
    await bo.getByRole("button", { name: "React with celebration" }).click();
    // The reaction floats for about two seconds, so find it and measure it in one go.
    const seen = await ada.waitForFunction((sessionId) => {
      const reaction = document.querySelector(`[data-testid="avatar-reaction"][data-session-id="${sessionId}"]`);
      const label = document.querySelector(`[data-testid="avatar-label"][data-session-id="${sessionId}"]`);
      if (!reaction || !label) return null;
      const r = reaction.getBoundingClientRect();
      const l = label.getBoundingClientRect();
      return { emoji: reaction.textContent, centreX: r.left + r.width / 2, bottom: r.bottom, labelLeft: l.left, labelRight: l.right, labelTop: l.top };
    }, boIds.sessionId);
    const at = await seen.jsonValue();
    if (!at) throw new Error("no reaction seen");
    expect(at.emoji).toBe("🎉");
    expect(at.centreX).toBeGreaterThan(at.labelLeft - 30);
    expect(at.centreX).toBeLessThan(at.labelRight + 30);
    expect(at.bottom).toBeLessThanOrEqual(at.labelTop + 2);
  });

  it("keeps a chat message over 500 characters in the input and says it is too long", async () => {
    const input = ada.getByTestId("chat-input");
    const tooLong = `${"a".repeat(499)}bcd`;
    await input.fill(tooLong);
    await expect(ada.getByTestId("chat-count").textContent()).resolves.toBe("2 characters too many");
    await input.press("Enter");
    await expect(ada.getByTestId("chat-error").textContent()).resolves.toBe("Messages can be at most 500 characters.");
    expect(await input.inputValue()).toBe(tooLong);
    expect(await input.getAttribute("aria-invalid")).toBe("true");

    await input.press("Backspace");
    await input.press("Backspace");
    await ada.getByTestId("chat-error").waitFor({ state: "detached" });
    await input.press("Enter");
    await bo.getByTestId("chat-log").getByText(`${"a".repeat(499)}b`, { exact: true }).waitFor();
    expect(await input.inputValue()).toBe("");
  });

  it("sees a member drop offline and come back as the same member, with a banner and no lost dialog for them", async () => {
    // The network stays down (reconnect requests fail) until Bo has seen Ada go offline, so a fast reconnect
    // cannot hide the offline state between two patches.
    let outage = true;
    await ada.route("**/matchmake/reconnect/**", (route) => (outage ? route.abort("internetdisconnected") : route.continue()));
    const adaOnBo = (online: boolean) =>
      bo
        .getByTestId("member-list")
        .locator(`[data-testid="member-item"][data-member-id="${adaIds.memberId}"][data-session-id="${adaIds.sessionId}"][data-online="${online}"]`);

    await dropSocketOf(adaIds.sessionId);
    await ada.getByTestId("connection-banner").waitFor();
    expect(await ada.getByTestId("connection-banner").textContent()).toBe("Connection lost. Reconnecting…");
    await adaOnBo(false).waitFor();
    await bo.locator(`[data-testid="avatar-label"][data-session-id="${adaIds.sessionId}"][data-online="false"]`).waitFor();

    outage = false;
    await Promise.all([
      ada.locator('[data-testid="toast"][data-key="connection.reconnected"]').waitFor(),
      adaOnBo(true).waitFor(),
    ]);
    await ada.getByTestId("connection-banner").waitFor({ state: "detached" });
    expect(await identityOf(ada)).toEqual(adaIds);
    expect(await ada.getByTestId("venue-hud").getAttribute("data-status")).toBe("joined");
    expect(await ada.getByTestId("connection-lost").count()).toBe(0);
    await bo.locator(`[data-testid="avatar-label"][data-session-id="${adaIds.sessionId}"][data-online="true"]`).waitFor();

    expect(venue.pageErrors).toEqual([]);
  });
});
