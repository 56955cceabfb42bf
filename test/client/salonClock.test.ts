import { describe, expect, it } from "vitest";
import type { PollView, Screen } from "../../shared/rules/salon/types.js";
import {
  CLOCK_SAMPLES,
  addClockSample,
  clockOffset,
  formatCountdown,
  formatPosition,
  percentOf,
  pollAcceptsVotes,
  remainingMs,
  screenCorrection,
  screenPositionAt,
  serverTime,
} from "../../client/state/salonClock.js";

const poll = (overrides: Partial<PollView> = {}): PollView => ({
  id: "p1",
  kind: "single",
  question: "Tea or coffee?",
  options: [],
  voters: 0,
  open: true,
  openedAt: 1_000,
  closesAt: null,
  locked: false,
  resultsShown: true,
  correct: null,
  words: null,
  ...overrides,
});
const screen = (overrides: Partial<Screen> = {}): Screen => ({ url: "/assets/talk.mp4", setAt: 0, playing: true, position: 10, at: 1_000, ...overrides });

describe("the server's clock on this page", () => {
  it("measures the offset as the view's serverNow minus when it arrived, keeping the newest samples", () => {
    let samples: readonly number[] = [];
    for (let i = 0; i < CLOCK_SAMPLES + 3; i++) samples = addClockSample(samples, 10_000 + i, 9_000);
    expect(samples).toHaveLength(CLOCK_SAMPLES);
    expect(samples[0]).toBe(1_003);
    expect(samples.at(-1)).toBe(1_000 + CLOCK_SAMPLES + 2);
  });

  it("leaves out a measurement that is not a number", () => {
    const samples = addClockSample([5], Number.NaN, 1);
    expect(samples).toEqual([5]);
  });

  it("takes the largest recent offset: a view that travelled long only ever reads late", () => {
    expect(clockOffset([200, 1_500, 900])).toBe(1_500);
    expect(clockOffset([-300, -100])).toBe(-100);
    expect(clockOffset([])).toBe(0);
  });

  it("reads the server's time by adding the offset", () => {
    expect(serverTime(10_000, 2_500)).toBe(12_500);
    expect(serverTime(10_000, -2_500)).toBe(7_500);
  });
});

describe("countdowns", () => {
  it("counts down to closesAt and never below zero; no limit, no countdown", () => {
    expect(remainingMs(5_000, 3_500)).toBe(1_500);
    expect(remainingMs(5_000, 9_000)).toBe(0);
    expect(remainingMs(null, 9_000)).toBeNull();
  });

  it("writes m:ss rounded up, so 0:00 shows only once the time is over", () => {
    expect(formatCountdown(61_000)).toBe("1:01");
    expect(formatCountdown(59_001)).toBe("1:00");
    expect(formatCountdown(9_500)).toBe("0:10");
    expect(formatCountdown(1)).toBe("0:01");
    expect(formatCountdown(0)).toBe("0:00");
    expect(formatCountdown(-5)).toBe("0:00");
  });

  it("takes votes while the view says open and the time limit has not passed by the server's clock", () => {
    expect(pollAcceptsVotes(poll({ closesAt: 5_000 }), 4_999)).toBe(true);
    expect(pollAcceptsVotes(poll({ closesAt: 5_000 }), 5_000)).toBe(false);
    expect(pollAcceptsVotes(poll({ closesAt: null }), 99_999)).toBe(true);
    expect(pollAcceptsVotes(poll({ open: false }), 0)).toBe(false);
  });
});

describe("the stage screen's position", () => {
  it("advances a playing video with the server's clock, corrected by the offset", () => {
    // Local 2 000 + offset 500 = server 2 500, 1.5 s after the playback command at 1 000.
    expect(screenPositionAt(screen(), 2_000, 500)).toBeCloseTo(11.5, 6);
    expect(screenPositionAt(screen(), 2_000, -500)).toBeCloseTo(10.5, 6);
  });

  it("keeps a paused video where the host left it", () => {
    expect(screenPositionAt(screen({ playing: false }), 50_000, 0)).toBe(10);
  });

  it("seeks only when the video is more than a second off, and plays or pauses as the host did", () => {
    expect(screenCorrection(screen(), 11.4, 2_000, 0)).toEqual({ seekTo: null, play: true });
    expect(screenCorrection(screen(), 9.2, 2_000, 0)).toEqual({ seekTo: 11, play: true });
    expect(screenCorrection(screen({ playing: false }), 30, 2_000, 0)).toEqual({ seekTo: 10, play: false });
    expect(screenCorrection(screen({ playing: false }), Number.NaN, 2_000, 0).seekTo).toBe(10);
  });

  it("writes a position as m:ss, or h:mm:ss past an hour", () => {
    expect(formatPosition(65)).toBe("1:05");
    expect(formatPosition(3_725.9)).toBe("1:02:05");
    expect(formatPosition(Number.POSITIVE_INFINITY)).toBe("0:00");
  });
});

describe("shares", () => {
  it("rounds to whole percent of those who voted, 0 when nobody did", () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(3, 3)).toBe(100);
    expect(percentOf(0, 0)).toBe(0);
  });
});
