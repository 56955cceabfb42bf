import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.GROVE_CHROMIUM ?? "/usr/bin/chromium";

/** Debian's Chromium, headless, with software WebGL (SwiftShader) so the 3D venue renders without a GPU. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
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
      ...extraArgs,
    ],
  });
}

export function resultsDir(): string {
  mkdirSync("test-results", { recursive: true });
  return "test-results";
}

/** A fake microphone (a beep) and camera, granted without a prompt: for the stage-voice tests. */
export const FAKE_MEDIA_ARGS = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=user-gesture-required"] as const;
