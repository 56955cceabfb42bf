import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import type { Page } from "playwright-core";
import { resultsDir } from "../helpers/browser.js";
import { BODY_COLOURS, BODY_SHAPES } from "../../shared/protocol/look.js";
import { dequantisePosition } from "../../shared/rules/quantise.js";
import { joinVenue, waitForState, type VenueRoom } from "../helpers/grove.js";
import { STEP_TIMEOUT_MS, startVenuePages, type VenuePages } from "../helpers/venuePages.js";

let venue: VenuePages;
const bots: VenueRoom[] = [];
const CROWD = 29;
const NAMES = ["Ada", "波波", "Grace", "林小雨", "Linus", "Margaret", "Tim", "Ken", "周杰", "Barbara", "Alan", "Hedy", "🌱 Mo"];

beforeAll(async () => {
  venue = await startVenuePages();
});

afterAll(async () => {
  await Promise.all(bots.map((room) => room.leave().catch(() => undefined)));
  await venue?.close();
});

interface Rect {
  id: string;
  self: boolean;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Labels a reader can see: slot not hidden, opacity above 0.05, inside the viewport. Measured in one frame. */
function visibleLabels(page: Page): Promise<Rect[]> {
  return page.evaluate(
    () =>
      new Promise<Rect[]>((resolve) =>
        requestAnimationFrame(() => {
          const rects: Rect[] = [];
          for (const label of document.querySelectorAll<HTMLElement>('[data-testid="avatar-label"]')) {
            const slot = label.closest<HTMLElement>(".label-slot");
            const style = slot ? getComputedStyle(slot) : null;
            if (!style || style.visibility === "hidden" || Number(style.opacity) <= 0.05) continue;
            const r = label.getBoundingClientRect();
            if (r.width === 0 || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
            rects.push({ id: label.dataset.sessionId ?? "", self: label.dataset.self === "true", left: r.left, top: r.top, right: r.right, bottom: r.bottom });
          }
          resolve(rects);
        }),
      ),
  );
}

function overlapping(rects: Rect[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i]!;
      const b = rects[j]!;
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) pairs.push([a.id, b.id]);
    }
  return pairs;
}

async function ownPosition(page: Page): Promise<{ x: number; z: number }> {
  const label = page.locator('[data-testid="avatar-label"][data-self="true"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="avatar-label"][data-self="true"]')?.hasAttribute("data-x"));
  return { x: Number(await label.getAttribute("data-x")), z: Number(await label.getAttribute("data-z")) };
}

/** Waits until the page shows `count` members and none of the labels it has is walking. */
async function settled(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      document.querySelector('[data-testid="online-count"]')?.getAttribute("data-count") === String(n) &&
      document.querySelectorAll('[data-testid="avatar-label"]').length >= 8 &&
      document.querySelectorAll('[data-testid="avatar-label"][data-moving="true"]').length === 0,
    count,
    { timeout: STEP_TIMEOUT_MS },
  );
}

describe("name labels in a packed crowd", { timeout: 240_000 }, () => {
  let page: Page;

  it("thirty members on one spot: the labels shown never overlap and the own label is among them (laptop)", async () => {
    page = await venue.openMember("Me", { width: 1366, height: 768 });
    await page.locator('[data-testid="venue-canvas"][data-first-frame="true"]').waitFor({ state: "attached" });
    const me = await ownPosition(page);
    const spot = { x: me.x, z: me.z - 4 };
    const targets = Array.from({ length: CROWD }, (_, i) => ({ x: spot.x + ((i % 6) - 2.5) * 0.45, z: spot.z + (Math.floor(i / 6) - 2) * 0.45 }));
    for (let i = 0; i < CROWD; i++) {
      const { room } = await joinVenue(new Client(venue.grove.url), {
        name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${i}` : ""}`,
        look: { color: BODY_COLOURS[i % BODY_COLOURS.length]!, shape: BODY_SHAPES[i % BODY_SHAPES.length]!, accessory: i % 4 === 0 ? "hat" : "none" },
      });
      // The client's own messages (chat history …) are none of this test's business.
      room.onMessage("*", () => undefined);
      bots.push(room);
      room.send("walkTo", targets[i]!);
    }
    // Every bot stands within a step of its place, as the server has it.
    await waitForState(
      bots[0]!,
      (s) =>
        bots.every((room, i) => {
          const m = s.members.get(room.sessionId);
          return m !== undefined && !m.moving && Math.hypot(dequantisePosition(m.x) - targets[i]!.x, dequantisePosition(m.z) - targets[i]!.z) < 1;
        }),
      STEP_TIMEOUT_MS,
    );
    await settled(page, CROWD + 1);
    await page.screenshot({ path: `${resultsDir()}/labels-crowd-1366x768.png` });
    const rects = await visibleLabels(page);
    expect(rects.some((r) => r.self)).toBe(true);
    expect(rects.length).toBeGreaterThanOrEqual(8);
    expect(overlapping(rects)).toEqual([]);
  });

  it("still keeps them apart on a phone held upright", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => {
      const canvas = document.querySelector('[data-testid="venue-canvas"] canvas');
      return canvas !== null && canvas.getBoundingClientRect().width <= 390;
    });
    await settled(page, CROWD + 1);
    const rects = await visibleLabels(page);
    expect(rects.some((r) => r.self)).toBe(true);
    expect(rects.length).toBeGreaterThanOrEqual(4);
    expect(overlapping(rects)).toEqual([]);
    await page.screenshot({ path: `${resultsDir()}/labels-crowd-390x844.png` });
  });

  it("makes the tree see-through while it stands between the camera and the member, and solid again after", async () => {
    const canvas = page.locator('[data-testid="venue-canvas"]');
    await canvas.focus();
    // Line up with the tree (x = 0; its crown is nearly 4 m wide), then walk toward the stage until the tree is
    // between the camera and us. Software WebGL draws few frames a second here, so the band is wide.
    const { x } = await ownPosition(page);
    if (Math.abs(x) > 1.2) {
      const key = x > 0 ? "ArrowLeft" : "ArrowRight";
      await page.keyboard.down(key);
      await page.waitForFunction(
        () => Math.abs(Number(document.querySelector('[data-testid="avatar-label"][data-self="true"]')?.getAttribute("data-x"))) < 1.2,
        undefined,
        { timeout: STEP_TIMEOUT_MS, polling: "raf" },
      );
      await page.keyboard.up(key);
    }
    await page.keyboard.down("ArrowUp");
    await page
      // Faded, and well under the crown: on a loaded machine the fade can begin a few centimetres before z = -3.
      .waitForFunction(
        () =>
          (document.querySelector('[data-testid="venue-canvas"]')?.getAttribute("data-faded") ?? "").split(" ").includes("tree") &&
          Number(document.querySelector('[data-testid="avatar-label"][data-self="true"]')?.getAttribute("data-z")) < -3.3,
        undefined,
        { timeout: STEP_TIMEOUT_MS, polling: "raf" },
      )
      .catch(async (e: unknown) => {
        await page.screenshot({ path: `${resultsDir()}/labels-behind-tree-failed.png` });
        throw e;
      });
    await page.keyboard.up("ArrowUp");
    await page.waitForFunction(() => document.querySelector('[data-testid="avatar-label"][data-self="true"]')?.getAttribute("data-moving") === "false");
    // Standing still behind the tree, it stays see-through.
    expect(await canvas.getAttribute("data-faded")).toContain("tree");
    // Under the growth tree's crown or beyond it: the crown (centred at z = -6) spreads about 2.5 m toward the camera.
    expect(Number(await page.locator('[data-testid="avatar-label"][data-self="true"]').getAttribute("data-z"))).toBeLessThan(-3);
    const own = await visibleLabels(page);
    expect(own.some((r) => r.self)).toBe(true);
    await page.screenshot({ path: `${resultsDir()}/labels-behind-tree-390x844.png` });
    // Back toward the crowd: the tree no longer hides us and turns solid again.
    await page.keyboard.down("ArrowDown");
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="avatar-label"][data-self="true"]')?.getAttribute("data-z")) > 0, undefined, {
      timeout: STEP_TIMEOUT_MS,
    });
    await page.keyboard.up("ArrowDown");
    await page.waitForFunction(() => !(document.querySelector('[data-testid="venue-canvas"]')?.getAttribute("data-faded") ?? "").includes("tree"));
  });

  it("raised no page errors", () => {
    expect(venue.pageErrors).toEqual([]);
  });
});
