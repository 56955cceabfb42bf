/** A token bucket: `capacity` tokens, refilled at `perSecond`. Plain data so that rules stay pure. */
export interface Bucket { tokens: number; updatedAt: number }
export interface RateLimit { capacity: number; perSecond: number }

/** Moves: up to 30 a second sustained, with a little slack for jittery timers. */
export const MOVE_RATE: RateLimit = { capacity: 30, perSecond: 30 };
/** Chat: one a second sustained, a burst of three. */
export const CHAT_RATE: RateLimit = { capacity: 3, perSecond: 1 };
/** Reactions: two a second sustained, a burst of five. */
export const REACT_RATE: RateLimit = { capacity: 5, perSecond: 2 };

/** Every message of any kind, valid or not: a ceiling above the sum of the per-intent limits. */
export const ANY_MESSAGE_RATE: RateLimit = { capacity: 60, perSecond: 40 };

export function fullBucket(limit: RateLimit, now: number): Bucket {
  return { tokens: limit.capacity, updatedAt: now };
}

/** The tokens a bucket holds at time `now` (never more than its capacity; time never runs backwards). */
export function tokensAt(bucket: Bucket, limit: RateLimit, now: number): number {
  const elapsed = Math.max(0, now - bucket.updatedAt);
  return Math.min(limit.capacity, bucket.tokens + (elapsed * limit.perSecond) / 1000);
}

/**
 * Takes one token at time `now`. Returns the new bucket and whether the action is allowed; a refused action
 * leaves the bucket's tokens as they were (refilled), and `retryAfterMs` says when one token will be back.
 */
export function takeToken(
  bucket: Bucket,
  limit: RateLimit,
  now: number,
): { allowed: boolean; bucket: Bucket; retryAfterMs: number } {
  const refilled = tokensAt(bucket, limit, now);
  const updatedAt = Math.max(now, bucket.updatedAt);
  if (refilled >= 1) {
    return { allowed: true, bucket: { tokens: refilled - 1, updatedAt }, retryAfterMs: 0 };
  }
  return {
    allowed: false,
    bucket: { tokens: refilled, updatedAt },
    retryAfterMs: Math.ceil(((1 - refilled) * 1000) / limit.perSecond),
  };
}

/** Host announcements: a burst of three, then one every five seconds (a banner that flickers helps nobody). */
export const ANNOUNCE_RATE: RateLimit = { capacity: 3, perSecond: 0.2 };

/** A member's salon actions (hand, votes, questions, upvotes, stances, check-ins): a burst of ten, then two a second. */
export const SALON_RATE: RateLimit = { capacity: 10, perSecond: 2 };
/** A host's salon controls: a burst of ten, then two a second. */
export const HOST_RATE: RateLimit = { capacity: 10, perSecond: 2 };
