import { SERIES_MAX_BUCKETS, type PresenceRow } from "./types.js";

// Time arithmetic the session figures share (docs/statistics.md, "Definitions (one session)"): merged stays, the
// series' buckets, and the order statistics every median and p90 is read with.

const MINUTE_MS = 60_000;

/** A half-open stretch of time [from, to). */
export type Interval = readonly [number, number];

/**
 * Each member's presence rows clipped to [from, to] and merged: overlapping or touching stays (two instances at once,
 * a takeover, a reconnect) count once. A row still open (`leftAt` null) runs to `to`; a row wholly outside the window,
 * or one that ends before it begins (edited by hand), adds nothing. Intervals come sorted by start, never overlapping;
 * a member appears only with at least one stay in the window (a stay of no length, joined and left at once, counts).
 */
export function mergeStays(presence: readonly PresenceRow[], from: number, to: number): Map<string, Interval[]> {
  const raw = new Map<string, Array<[number, number]>>();
  for (const row of presence) {
    const end = row.leftAt ?? to;
    if (!(end >= row.joinedAt) || row.joinedAt > to || end < from) continue;
    const stay: [number, number] = [Math.max(from, row.joinedAt), Math.min(to, end)];
    const list = raw.get(row.memberId);
    if (list === undefined) raw.set(row.memberId, [stay]);
    else list.push(stay);
  }
  const merged = new Map<string, Interval[]>();
  for (const [memberId, stays] of raw) {
    stays.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out: Array<[number, number]> = [];
    for (const stay of stays) {
      const last = out[out.length - 1];
      if (last !== undefined && stay[0] <= last[1]) last[1] = Math.max(last[1], stay[1]);
      else out.push([stay[0], stay[1]]);
    }
    merged.set(memberId, out);
  }
  return merged;
}

/** The total length of merged intervals. */
export function totalLength(intervals: readonly Interval[]): number {
  let sum = 0;
  for (const [from, to] of intervals) sum += to - from;
  return sum;
}

/** Whether a member with these stays was inside at some moment of [from, to] (a stay counts on [start, end); one of no length, at its instant). */
export function meets(intervals: readonly Interval[], from: number, to: number): boolean {
  for (const [a, b] of intervals) if (a <= to && (b > from || (a === b && a >= from))) return true;
  return false;
}

/**
 * The series' buckets for [start, end]: whole minutes, at least one, as few minutes as keep the count within
 * SERIES_MAX_BUCKETS; at least one bucket (an empty session still draws a point).
 */
export function seriesBuckets(start: number, end: number): { bucketMs: number; count: number } {
  const duration = Math.max(0, end - start);
  const minutes = Math.max(1, Math.ceil(duration / (SERIES_MAX_BUCKETS * MINUTE_MS)));
  const bucketMs = minutes * MINUTE_MS;
  return { bucketMs, count: Math.max(1, Math.ceil(duration / bucketMs)) };
}

/** The bucket a moment falls in, clamped into [0, count): a row stamped a little before the start or after the end still counts. */
export function bucketOf(at: number, start: number, bucketMs: number, count: number): number {
  const index = Math.floor((at - start) / bucketMs);
  return index < 0 ? 0 : index >= count ? count - 1 : index;
}

/** The median: the middle value, or the mean of the two middle ones; null for none. Does not reorder `values`. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The 90th percentile by nearest rank (the value at rank ⌈0.9·n⌉); null for none. Does not reorder `values`. */
export function p90Of(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1]!;
}

/**
 * Distinct members inside at each moment, from merged stays (each member's intervals never overlap, so a member
 * counts once): the peak, the first moment it was reached, and each bucket's maximum. A stay counts on [from, to):
 * one member leaving as another arrives is one inside, not two.
 */
export function concurrency(stays: ReadonlyMap<string, readonly Interval[]>, start: number, bucketMs: number, count: number): { peak: number; peakAt: number | null; values: number[] } {
  const events: Array<[number, number]> = [];
  for (const intervals of stays.values()) for (const [from, to] of intervals) if (to > from) events.push([from, 1], [to, -1]);
  // Leaves before arrivals at one moment.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const values = new Array<number>(count).fill(0);
  let level = 0;
  let peak = 0;
  let peakAt: number | null = null;
  for (let i = 0; i < events.length; ) {
    const at = events[i]![0];
    while (i < events.length && events[i]![0] === at) level += events[i++]![1];
    if (level > peak) {
      peak = level;
      peakAt = at;
    }
    // The level holds on [at, next); every bucket it touches sees it.
    const next = i < events.length ? events[i]![0] : at;
    const first = bucketOf(at, start, bucketMs, count);
    const last = bucketOf(Math.max(at, next - 1), start, bucketMs, count);
    for (let b = first; b <= last; b++) if (level > values[b]!) values[b] = level;
  }
  return { peak, peakAt, values };
}
