import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { resultsDir } from "../helpers/browser.js";
import { enterVenue, startVenuePages, type VenuePages } from "../helpers/venuePages.js";

let venue: VenuePages;

beforeAll(async () => {
  venue = await startVenuePages();
});

afterAll(async () => {
  await venue?.close();
});

interface TreeFrame {
  stage: string | null;
  treeDrawCalls: number;
  treeTriangles: number;
}

/**
 * Enters the demo venue with the tree forced to `progress` (the bench-only `?bench=1&treeProgress=`), waits until it
 * shows `stage` and has been drawn a while (the fruit swells in over 1.6 s), and reads the tree's own renderer counts.
 */
async function treeAt(progress: number, stage: string): Promise<{ page: Page; frame: TreeFrame }> {
  const page = await enterVenue(venue.browser, venue.grove.url, `Gardener ${stage}`, { query: `bench=1&treeProgress=${progress}`, pageErrors: venue.pageErrors });
  await page.waitForFunction((s) => document.querySelector('[data-testid="venue-canvas"]')?.getAttribute("data-tree-stage") === s, stage);
  // Frames drawn, not time: wait until the canvas has drawn 90 more frames (fruit ripening runs on the frame clock).
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        let left = 90;
        const tick = () => (--left <= 0 ? done() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
  );
  const frame = await page.evaluate(() => {
    const wrapper = document.querySelector('[data-testid="venue-canvas"]');
    return {
      stage: wrapper?.getAttribute("data-tree-stage") ?? null,
      treeDrawCalls: Number(wrapper?.getAttribute("data-tree-draw-calls")),
      treeTriangles: Number(wrapper?.getAttribute("data-tree-triangles")),
    };
  });
  return { page, frame };
}

const seen: Record<string, TreeFrame> = {};

/** Shows the tree at `progress`, saves test-results/growth-tree-<stage>.png and keeps the tree's counts. */
async function picture(progress: number, stage: string): Promise<TreeFrame> {
  const { page, frame } = await treeAt(progress, stage);
  await page.getByTestId("venue-canvas").screenshot({ path: `${resultsDir()}/growth-tree-${stage}.png` });
  await page.context().close();
  seen[stage] = frame;
  return frame;
}

// One page at a time, each its own test: software WebGL on a busy two-core machine takes a while per page.
describe("the collective growth tree in the venue", { timeout: 300_000 }, () => {
  it("shows a sapling", async () => {
    const sapling = await picture(0.22, "sapling");
    expect(sapling.treeDrawCalls).toBeGreaterThan(0);
  });

  it("shows blossoms on a leafy crown, more of the tree than the sapling", async () => {
    const blossoms = await picture(0.9, "blossoms");
    expect(blossoms.treeTriangles).toBeGreaterThan(seen.sapling!.treeTriangles);
  });

  it("shows golden fruit once the goal is reached, the grown tree in at most 10 draw calls", async () => {
    const fruit = await picture(1, "fruit");
    // The counts come from the renderer's own info, read around each draw of the tree's meshes.
    expect(fruit.treeDrawCalls).toBeGreaterThan(0);
    expect(fruit.treeDrawCalls).toBeLessThanOrEqual(10);
    expect(fruit.treeTriangles).toBeGreaterThan(seen.blossoms!.treeTriangles);
    expect(venue.pageErrors).toEqual([]);
  });
});
