import { describe, expect, it } from "vitest";
import { CHAT_RATE, MOVE_RATE, fullBucket, takeToken, type Bucket, type RateLimit } from "../../shared/rules/rateLimit.js";

function run(limit: RateLimit, times: number[]): boolean[] {
  let bucket: Bucket = fullBucket(limit, times[0] ?? 0);
  return times.map((t) => {
    const r = takeToken(bucket, limit, t);
    bucket = r.bucket;
    return r.allowed;
  });
}

describe("takeToken", () => {
  it("allows a burst of three chats, then one a second", () => {
    expect(run(CHAT_RATE, [0, 10, 20, 30])).toEqual([true, true, true, false]);
    expect(run(CHAT_RATE, [0, 10, 20, 1020, 1030, 2030])).toEqual([true, true, true, true, false, true]);
  });

  it("allows thirty moves a second sustained and refuses the thirty-first within the same instant", () => {
    const steady = Array.from({ length: 120 }, (_, i) => Math.round((i * 1000) / 30));
    expect(run(MOVE_RATE, steady).every(Boolean)).toBe(true);
    const flood = Array.from({ length: 31 }, () => 0);
    expect(run(MOVE_RATE, flood).filter((ok) => !ok)).toHaveLength(1);
  });

  it("says when the next token will be back", () => {
    const empty: Bucket = { tokens: 0, updatedAt: 0 };
    const r = takeToken(empty, CHAT_RATE, 250);
    expect(r.allowed).toBe(false);
    expect(r.retryAfterMs).toBe(750);
  });

  it("does not let a clock that goes backwards mint tokens", () => {
    const r = takeToken({ tokens: 0, updatedAt: 5000 }, CHAT_RATE, 1000);
    expect(r.allowed).toBe(false);
    expect(r.bucket.updatedAt).toBe(5000);
  });
});
