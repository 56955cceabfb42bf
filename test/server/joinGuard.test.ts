import { describe, expect, it } from "vitest";
import { KeyedLimiter, ReservationLedger } from "../../server/joinGuard.js";

describe("ReservationLedger", () => {
  it("counts an address's unused reservations until they are used or expire", () => {
    const ledger = new ReservationLedger();
    ledger.reserve("a", "s1", 6000);
    ledger.reserve("a", "s2", 7000);
    ledger.reserve("b", "s3", 6000);
    expect([ledger.pending("a", 0), ledger.pending("b", 0)]).toEqual([2, 1]);
    ledger.consumed("s1");
    expect(ledger.pending("a", 0)).toBe(1);
    expect(ledger.pending("a", 6999)).toBe(1);
    expect(ledger.pending("a", 7000)).toBe(0);
    expect(ledger.pending("b", 5999)).toBe(1);
    ledger.consumed("unknown");
    expect(ledger.pending("nobody", 0)).toBe(0);
  });
});

describe("KeyedLimiter", () => {
  const limit = { capacity: 2, perSecond: 1 };

  it("keeps a budget per key", () => {
    const limiter = new KeyedLimiter(limit);
    expect([limiter.take("a", 0).allowed, limiter.take("a", 0).allowed, limiter.take("a", 0).allowed]).toEqual([true, true, false]);
    expect(limiter.take("b", 0).allowed).toBe(true);
    expect(limiter.take("a", 0).retryAfterMs).toBe(1000);
    expect(limiter.take("a", 1000).allowed).toBe(true);
  });

  it("forgets idle keys instead of growing without bound under a spray of addresses", () => {
    const limiter = new KeyedLimiter(limit);
    for (let i = 0; i < 25_000; i++) limiter.take(`ip:${i}`, i * 10);
    expect(limiter.size).toBeLessThanOrEqual(10_000);
    // A key that spent its budget is remembered across sweeps while fresh addresses come and go.
    limiter.take("busy", 300_000);
    limiter.take("busy", 300_000);
    for (let i = 0; i < 12_000; i++) limiter.take(`late:${i}`, 300_000 + 1);
    expect(limiter.take("busy", 300_001).allowed).toBe(false);
  });
});
