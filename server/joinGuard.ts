import { fullBucket, takeToken, tokensAt, type Bucket, type RateLimit } from "../shared/rules/rateLimit.js";

/** How often one address or one member may ask for a seat, and how many unused seats an address may hold. */
export interface JoinLimits {
  /** Matchmaking requests (joins, reconnections) per address. A venue's Wi-Fi puts many members behind one address. */
  perAddress: RateLimit;
  /** New identities (member rows) per address: a script cannot grow the members table without bound. */
  newIdentitiesPerAddress: RateLimit;
  /** Joins per authenticated member: a page stuck in a reload loop, or two tabs fighting over a seat. */
  perMember: RateLimit;
  /** Seat reservations an address may hold at once before any of them is used by a WebSocket. */
  pendingPerAddress: number;
}

/**
 * Generous for people: a venue's Wi-Fi or a mobile carrier's NAT puts hundreds of members behind one address,
 * and a restart brings them all back at once. Tight for scripts: the members table grows by at most one row
 * every 2 s per address once the burst is spent, and an address holds at most 10 of an instance's seats
 * without using them.
 */
export const DEFAULT_JOIN_LIMITS: JoinLimits = {
  perAddress: { capacity: 240, perSecond: 4 },
  newIdentitiesPerAddress: { capacity: 120, perSecond: 1 / 2 },
  perMember: { capacity: 10, perSecond: 1 / 5 },
  pendingPerAddress: 10,
};

/** Above this many remembered keys, idle ones are forgotten, so sprayed addresses cost bounded memory. */
const MAX_REMEMBERED_KEYS = 10_000;

/** Token buckets by key (an address, a member id) under one limit, on the shared rate rule. */
export class KeyedLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly limit: RateLimit, private readonly maxKeys: number = MAX_REMEMBERED_KEYS) {}

  take(key: string, now: number): { allowed: boolean; retryAfterMs: number } {
    if (this.buckets.size >= this.maxKeys && !this.buckets.has(key)) this.sweep(now);
    const taken = takeToken(this.buckets.get(key) ?? fullBucket(this.limit, now), this.limit, now);
    this.buckets.set(key, taken.bucket);
    return { allowed: taken.allowed, retryAfterMs: taken.retryAfterMs };
  }

  /** How long until `key` may take a token (0: now), without taking one: for refusing before the work it would pay for. */
  retryAfterMs(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const probe = takeToken(bucket, this.limit, now);
    return probe.allowed ? 0 : probe.retryAfterMs;
  }

  get size(): number {
    return this.buckets.size;
  }

  /**
   * Forgets the keys that have spent at most one token (after refilling): forgetting them hands back almost
   * nothing, while a key that is mid-burst keeps its debt. Only if everyone is mid-burst do the oldest go.
   */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (tokensAt(bucket, this.limit, now) >= this.limit.capacity - 1) this.buckets.delete(key);
    }
    if (this.buckets.size < this.maxKeys) return;
    const oldest = [...this.buckets.keys()].slice(0, Math.ceil(this.buckets.size / 2));
    for (const key of oldest) this.buckets.delete(key);
  }
}

/**
 * Seat reservations handed out over HTTP and not yet used by a WebSocket, by address. A reservation counts
 * against its instance's capacity until it is used or expires, so one address may hold only a few at once.
 */
export class ReservationLedger {
  private readonly bySession = new Map<string, { address: string; expiresAt: number }>();
  private readonly byAddress = new Map<string, Set<string>>();

  reserve(address: string, sessionId: string, expiresAt: number): void {
    this.bySession.set(sessionId, { address, expiresAt });
    const set = this.byAddress.get(address) ?? new Set<string>();
    set.add(sessionId);
    this.byAddress.set(address, set);
  }

  /** The WebSocket arrived (or the seat was given up): the reservation no longer counts. */
  consumed(sessionId: string): void {
    const entry = this.bySession.get(sessionId);
    if (!entry) return;
    this.bySession.delete(sessionId);
    const set = this.byAddress.get(entry.address);
    if (!set) return;
    set.delete(sessionId);
    if (set.size === 0) this.byAddress.delete(entry.address);
  }

  /** How many addresses hold a reservation now (each is forgotten with its last one). */
  get addresses(): number {
    return this.byAddress.size;
  }

  pending(address: string, now: number): number {
    const set = this.byAddress.get(address);
    if (!set) return 0;
    for (const sessionId of [...set]) {
      const entry = this.bySession.get(sessionId);
      if (!entry || entry.expiresAt <= now) this.consumed(sessionId);
    }
    return this.byAddress.get(address)?.size ?? 0;
  }
}

/** What the rooms and the HTTP layer share to keep joins in bounds. */
export class JoinGuard {
  readonly addresses: KeyedLimiter;
  readonly newIdentities: KeyedLimiter;
  readonly members: KeyedLimiter;
  readonly reservations = new ReservationLedger();
  constructor(readonly limits: JoinLimits = DEFAULT_JOIN_LIMITS) {
    this.addresses = new KeyedLimiter(limits.perAddress);
    this.newIdentities = new KeyedLimiter(limits.newIdentitiesPerAddress);
    this.members = new KeyedLimiter(limits.perMember);
  }
}
