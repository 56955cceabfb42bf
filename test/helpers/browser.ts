import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.GROVE_CHROMIUM ?? "/usr/bin/chromium";

/** Debian's Chromium, headless, with software WebGL (SwiftShader) so the 3D venue renders without a GPU. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: run \`node scripts/ensure-test-deps.mjs\` (npm test does) or set GROVE_CHROMIUM.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
    ],
  });
}

export function resultsDir(): string {
  mkdirSync("test-results", { recursive: true });
  return "test-results";
}
