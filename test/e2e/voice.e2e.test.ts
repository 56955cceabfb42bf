import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import { Client } from "colyseus.js";
import type { Browser, Page } from "playwright-core";
import { spawnedJanusConfig } from "../../server/voice/config.js";
import { FAKE_MEDIA_ARGS, launchChromium, resultsDir } from "../helpers/browser.js";
import { startTestGrove, until, type TestGrove } from "../helpers/grove.js";
import { expectRefused, takeSeat } from "../helpers/salon.js";
import { enterVenue } from "../helpers/venuePages.js";

// Stage voice in Chromium (docs/voice.md): a real Grove with its own Janus, pages with a fake microphone (a beep).
// The host brings a member on stage; two listeners in two instances hear them (WebRTC getStats: inbound audio bytes
// and level rise); the speaker is sent back and the listeners' audio stops; a member not on stage is refused.

const janus = spawnedJanusConfig();
if (!janus) throw new Error("This test needs Janus: apt-get install janus (npm test installs it when run as root).");

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let grove: TestGrove;
let browser: Browser;
const pageErrors: string[] = [];
const dir = mkdtempSync(join(tmpdir(), "grove-voice-e2e-"));

/**
 * A "voice" for the fake microphone: 30 s of a 220 Hz tone whose loudness rises and falls like speech, as 48 kHz
 * mono 16-bit WAV (Chromium's own fake source beeps only briefly, too little for Janus to call it talking).
 */
function voiceWav(path: string): void {
  const rate = 48_000;
  const samples = rate * 30;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i += 1) {
    const t = i / rate;
    const envelope = 0.35 + 0.15 * Math.sin(2 * Math.PI * 3 * t);
    data.writeInt16LE(Math.round(32767 * envelope * Math.sin(2 * Math.PI * 220 * t)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
}

beforeAll(async () => {
  grove = await startTestGrove({ clientDir: "dist/client", sqlitePath: join(dir, "grove.sqlite"), voice: janus });
  // Two members an instance, so four pages fill two instances of one session.
  await grove.store.ensureEvent({ slug: "stage", title: "Stage night", capacity: 2, now: Date.now() });
  const wav = join(dir, "voice.wav");
  voiceWav(wav);
  browser = await launchChromium([...FAKE_MEDIA_ARGS, `--use-file-for-fake-audio-capture=${wav}`]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await grove?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function hostQuery(): Promise<string> {
  const event = await grove.store.getEventBySlug("stage");
  return `host=${encodeURIComponent(grove.hostTokens.issue(event!.id).token)}`;
}

/** Inbound audio on every voice connection of the page: bytes received and the latest audio level (0..1). */
async function inbound(page: Page): Promise<{ feeds: number; bytes: number; level: number }> {
  return page.evaluate(async () => {
    const hook = window.__groveVoice;
    let bytes = 0;
    let level = 0;
    let feeds = 0;
    for (const peer of hook?.peers().values() ?? []) {
      if (!peer) continue;
      feeds += 1;
      const stats = await (peer as unknown as RTCPeerConnection).getStats();
      stats.forEach((report: { type: string; kind?: string; bytesReceived?: number; audioLevel?: number }) => {
        if (report.type !== "inbound-rtp" || report.kind !== "audio") return;
        bytes += report.bytesReceived ?? 0;
        level = Math.max(level, report.audioLevel ?? 0);
      });
    }
    return { feeds, bytes, level };
  });
}

/** Waits until the page's inbound audio grows past `bytes` with a level above zero. */
async function hears(page: Page, what: string): Promise<{ bytes: number; level: number }> {
  let last = { feeds: 0, bytes: 0, level: 0 };
  const first = await inbound(page);
  await until(async () => {
    last = await inbound(page);
    return last.feeds === 1 && last.bytes > first.bytes + 2_000 && last.level > 0;
  }, what, 30_000);
  return last;
}

describe("stage voice in the browser", { timeout: 300_000 }, () => {
  it("brings a member on stage, is heard in two instances, stops when they are sent back, and refuses a member not on stage", async () => {
    const query = `voiceTest=1&${await hostQuery()}`;
    // Instance 1: the host and a listener; instance 2: the speaker and a listener on a phone, in Chinese.
    const host = await enterVenue(browser, grove.url, "Hana", { slug: "stage", viewport: LAPTOP, pageErrors, query });
    const one = await enterVenue(browser, grove.url, "Lin", { slug: "stage", viewport: LAPTOP, pageErrors, query: "voiceTest=1" });
    const speaker = await enterVenue(browser, grove.url, "Sam", { slug: "stage", viewport: LAPTOP, pageErrors, query: "voiceTest=1" });
    const two = await enterVenue(browser, grove.url, "小红", { slug: "stage", viewport: PHONE, pageErrors, query: "voiceTest=1", locale: "zh-CN" });
    // Each instance lists its own members: the host's has Lin, the speaker's has 小红.
    const listed = (page: Page) => page.locator('[data-testid="member-item"]').allInnerTexts();
    await until(async () => (await listed(host)).length === 2 && (await listed(speaker)).length === 2, "two members in each instance", 15_000);
    expect((await listed(host)).join(" ")).toContain("Lin");
    expect((await listed(speaker)).join(" ")).toContain("小红");

    // Voice is ready; the listeners press "Listen" once (the gesture browsers need).
    await host.locator('[data-testid="host-voice"][data-status="ready"]').waitFor();
    await two.getByTestId("voice-listen").waitFor();
    await two.screenshot({ path: `${resultsDir()}/voice-listen-button-phone-zh.png` });
    for (const listener of [one, two]) {
      await listener.getByTestId("voice-listen").click();
      await listener.locator('[data-testid="voice-bar"][data-listening="true"]').waitFor();
    }

    // The speaker raises a hand; the host brings them up; they are asked for the microphone and say yes.
    await speaker.getByTestId("salon-hand").click();
    await host.getByTestId("host-invite").click();
    await speaker.getByTestId("mic-prompt").waitFor();
    await speaker.screenshot({ path: `${resultsDir()}/voice-mic-prompt-desktop.png` });
    await speaker.getByTestId("mic-turn-on").click();
    await speaker.locator('[data-testid="mic-status"][data-mic="live"]').waitFor();

    // Both listeners hear them: inbound audio bytes and level rise, in both instances.
    const heardOne = await hears(one, "the listener in instance 1 to hear the speaker");
    const heardTwo = await hears(two, "the listener in instance 2 to hear the speaker");
    expect(heardOne.level).toBeGreaterThan(0);
    expect(heardTwo.level).toBeGreaterThan(0);
    // Janus hears the beep: the speaker is marked speaking in their instance's member list (for screen readers
    // too), and every listener's bar names who is speaking, whichever instance they are in.
    await speaker.locator('[data-testid="member-item"][data-talking="true"]').filter({ hasText: "Sam" }).waitFor({ state: "attached" });
    await one.locator('[data-testid="voice-speaking-now"][data-count="1"]').filter({ hasText: "Sam" }).waitFor({ state: "attached" });
    await one.screenshot({ path: `${resultsDir()}/voice-listener-desktop.png` });
    await two.screenshot({ path: `${resultsDir()}/voice-listener-phone-zh.png` });
    await speaker.screenshot({ path: `${resultsDir()}/voice-speaker-desktop.png` });
    await host.screenshot({ path: `${resultsDir()}/voice-host-desktop.png` });

    // Nothing serious for axe with the voice controls on screen.
    for (const [page, what] of [[two, "listener phone"], [speaker, "speaker"]] as const) {
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
      expect(serious, what).toEqual([]);
    }

    // A member who is not on stage tries to publish: refused, and the speaker is still heard.
    const intruder = await takeSeat(new Client(grove.url), { eventSlug: "stage", name: "Mallory" });
    await expectRefused(intruder, "voicePublish", { sdp: "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" }, "NOT_ON_STAGE");
    await hears(one, "the speaker still heard after the refused publish");
    await intruder.room.leave();

    // The host sends the speaker back: the audio stops for both listeners at once.
    await host.getByTestId("host-send-back").first().click();
    await speaker.locator('[data-testid="mic-status"]:not([data-mic="live"])').first().waitFor({ state: "attached" }).catch(() => undefined);
    for (const listener of [one, two]) {
      await until(async () => (await inbound(listener)).feeds === 0, "the listener's connection to close", 15_000);
    }
    expect(pageErrors).toEqual([]);
  });
});
