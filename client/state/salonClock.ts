import { screenPosition } from "../../shared/rules/salon/screen.js";
import type { PollView, Screen } from "../../shared/rules/salon/types.js";

// The salon's clock on this page: countdowns and the stage screen's position follow the server's clock, which the
// page learns from each view's `serverNow`. Pure functions of their arguments (the page passes Date.now()).

/** How many recent offsets the estimate is taken over. */
export const CLOCK_SAMPLES = 8;
/** The stage screen is moved to the host's position when it is further off than this (seconds). */
export const SCREEN_SYNC_TOLERANCE_S = 1;

/**
 * Adds one measurement of the server's clock minus this page's (`serverNow` of a view minus when it arrived here)
 * to the recent ones, keeping the newest `keep`. A non-finite measurement is left out.
 */
export function addClockSample(samples: readonly number[], serverNow: number, receivedAt: number, keep = CLOCK_SAMPLES): readonly number[] {
  const sample = serverNow - receivedAt;
  if (!Number.isFinite(sample)) return samples;
  return [...samples, sample].slice(-Math.max(1, keep));
}

/**
 * The offset to add to this page's clock to read the server's: the largest recent measurement, because a view
 * is only ever late (it travelled after `serverNow` was read), never early. 0 before any.
 */
export function clockOffset(samples: readonly number[]): number {
  return samples.length === 0 ? 0 : Math.max(...samples);
}

/** The server's clock now, as this page reckons it. */
export function serverTime(localNow: number, offsetMs: number): number {
  return localNow + offsetMs;
}

/** Milliseconds until `closesAt` by the server's clock (never below 0); null when there is no time limit. */
export function remainingMs(closesAt: number | null, serverNow: number): number | null {
  return closesAt === null ? null : Math.max(0, closesAt - serverNow);
}

/** A countdown as m:ss, rounded up to the second, so "0:00" shows only once the time is over. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}

/** Whether a poll takes votes at `serverNow`: open in its last view and its time not over since. */
export function pollAcceptsVotes(poll: PollView, serverNow: number): boolean {
  return poll.open && (poll.closesAt === null || serverNow < poll.closesAt);
}

/** Where the screen's video should be (seconds) at this page's `localNow`, by the server's clock. */
export function screenPositionAt(screen: Screen, localNow: number, offsetMs: number): number {
  return screenPosition(screen, serverTime(localNow, offsetMs));
}

/** What the video element must do to follow the host: seek (to `to` seconds) when off by more than the tolerance, play or pause. */
export interface ScreenCorrection {
  seekTo: number | null;
  play: boolean;
}

/** The correction for a video at `currentTime` (paused or not) against the screen at this page's `localNow`. */
export function screenCorrection(screen: Screen, currentTime: number, localNow: number, offsetMs: number, tolerance = SCREEN_SYNC_TOLERANCE_S): ScreenCorrection {
  const target = screenPositionAt(screen, localNow, offsetMs);
  const off = !Number.isFinite(currentTime) || Math.abs(currentTime - target) > tolerance;
  return { seekTo: off ? target : null, play: screen.playing };
}

/** A share of `total` in whole percent (0 when nobody voted), for bars and their labels. */
export function percentOf(count: number, total: number): number {
  return total > 0 ? Math.round((100 * count) / total) : 0;
}

/** Seconds as m:ss or h:mm:ss, for the host's position readout. */
export function formatPosition(seconds: number): string {
  const total = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}
