import { describe, expect, it } from "vitest";
import { JoinGuard, KeyedLimiter, ReservationLedger } from "../../server/joinGuard.js";

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

  it("forgets an address with its last reservation", () => {
    const ledger = new ReservationLedger();
    ledger.reserve("a", "s1", 6000);
    ledger.reserve("b", "s2", 6000);
    expect(ledger.addresses).toBe(2);
    ledger.consumed("s1");
    expect(ledger.addresses).toBe(1);
    expect(ledger.pending("b", 6000)).toBe(0);
    expect(ledger.addresses).toBe(0);
    ledger.consumed("s1");
    expect(ledger.addresses).toBe(0);
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

  it("says how long a key must wait without spending a token", () => {
    const limiter = new KeyedLimiter({ capacity: 2, perSecond: 1 / 5 });
    expect(limiter.retryAfterMs("a", 0)).toBe(0);
    limiter.take("a", 0);
    limiter.take("a", 0);
    expect(limiter.retryAfterMs("a", 0)).toBe(5000);
    expect(limiter.retryAfterMs("a", 1000)).toBe(4000);
    expect(limiter.retryAfterMs("a", 5000)).toBe(0);
    // Asking spent nothing: the refilled token is still there to take.
    expect(limiter.take("a", 5000).allowed).toBe(true);
    expect(limiter.retryAfterMs("b", 0)).toBe(0);
  });

  it("grows freely below its key limit, and sweeps only for a new key at the limit", () => {
    const limiter = new KeyedLimiter(limit, 4);
    for (const key of ["a", "b", "c", "d"]) limiter.take(key, 0);
    expect(limiter.size).toBe(4);
    limiter.take("a", 0); // a known key: no sweep, even at the limit
    expect(limiter.size).toBe(4);
    limiter.take("e", 0); // a new key: b, c, d spent one token each and go; a spent both and stays
    expect(limiter.size).toBe(2);
    expect(limiter.take("a", 0).allowed).toBe(false);
  });

  it("forgets keys that have refilled, and keeps a key still in debt", () => {
    const limiter = new KeyedLimiter({ capacity: 3, perSecond: 1 }, 3);
    limiter.take("debtor", 0);
    limiter.take("debtor", 0);
    limiter.take("debtor", 0);
    limiter.take("x", 0);
    limiter.take("x", 0);
    limiter.take("y", 0);
    limiter.take("y", 0);
    // At 1 s: debtor holds 1 token (kept), x and y hold 2 = capacity - 1 (forgotten).
    limiter.take("z", 1000);
    expect(limiter.size).toBe(2);
    expect([limiter.take("debtor", 1000).allowed, limiter.take("debtor", 1000).allowed]).toEqual([true, false]);
  });

  it("drops the oldest half when every key is mid-burst, so a spray of addresses costs bounded memory", () => {
    const burst = { capacity: 3, perSecond: 0.001 };
    const limiter = new KeyedLimiter(burst, 10);
    for (let i = 0; i < 10; i++) {
      limiter.take(`k${i}`, 0);
      limiter.take(`k${i}`, 0);
    }
    limiter.take("new", 0);
    expect(limiter.size).toBe(6);
    // k0..k4 were forgotten (a fresh budget of 3), k5..k9 kept their single token.
    expect([limiter.take("k0", 0).allowed, limiter.take("k0", 0).allowed, limiter.take("k0", 0).allowed]).toEqual([true, true, true]);
    expect([limiter.take("k9", 0).allowed, limiter.take("k9", 0).allowed]).toEqual([true, false]);
    for (let i = 0; i < 50_000; i++) limiter.take(`spray${i}`, 0);
    expect(limiter.size).toBeLessThanOrEqual(10);
  });
});

describe("JoinGuard's default budgets", () => {
  /** How many takes a fresh budget allows at once, and after how long the next one is allowed. */
  function profile(limiter: KeyedLimiter): { burst: number; nextAfterMs: number } {
    let burst = 0;
    while (limiter.take("k", 0).allowed) burst += 1;
    let ms = 0;
    while (!limiter.take("k", ms).allowed) ms += 100;
    return { burst, nextAfterMs: ms };
  }

  it("lets hundreds behind one address in at once, then about four a second", () => {
    expect(profile(new JoinGuard().addresses)).toEqual({ burst: 240, nextAfterMs: 300 });
  });

  it("issues 120 new identities per address at once, then one every 2 s", () => {
    expect(profile(new JoinGuard().newIdentities)).toEqual({ burst: 120, nextAfterMs: 2000 });
  });

  it("lets a member rejoin 10 times at once, then once every 5 s", () => {
    expect(profile(new JoinGuard().members)).toEqual({ burst: 10, nextAfterMs: 5000 });
  });
});
