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
  // Members appear anywhere on a ring around the spawn; a click on the floor just ahead walks this one a few metres
  // toward the tree, so each picture frames the whole crown alike (the follow camera looks down at about 34°).
  await page.getByTestId("venue-canvas").click({ position: { x: 640, y: 300 } });
  // Frames drawn, not time: wait until the canvas has drawn 120 more frames (fruit ripening runs on the frame clock).
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        let left = 120;
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

describe("the collective growth tree in the venue", { timeout: 240_000 }, () => {
  it("grows from a sapling through blossoms to fruit, and the grown tree draws in at most 10 calls", async () => {
    const dir = resultsDir();
    const seen: Record<string, TreeFrame> = {};
    for (const [progress, stage] of [
      [0.22, "sapling"],
      [0.9, "blossoms"],
      [1, "fruit"],
    ] as const) {
      const { page, frame } = await treeAt(progress, stage);
      await page.getByTestId("venue-canvas").screenshot({ path: `${dir}/growth-tree-${stage}.png` });
      seen[stage] = frame;
      await page.context().close();
    }
    // The counts come from the renderer's own info, read around each draw of the tree's meshes.
    const fruit = seen.fruit!;
    expect(fruit.treeDrawCalls).toBeGreaterThan(0);
    expect(fruit.treeDrawCalls).toBeLessThanOrEqual(10);
    // More of the tree shows as it grows: blossoms over a sapling, fruit over blossoms.
    expect(seen.blossoms!.treeTriangles).toBeGreaterThan(seen.sapling!.treeTriangles);
    expect(fruit.treeTriangles).toBeGreaterThan(seen.blossoms!.treeTriangles);
    expect(venue.pageErrors).toEqual([]);
  });

});
