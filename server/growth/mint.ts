import { randomBytes, type KeyObject } from "node:crypto";
import { chatLine } from "../../shared/rules/growth/ledger.js";
import { COLLECTIBLE_TITLES, canonicalCollectible, collectibleSeed, outstandingContributions, parseCollectibleRecord } from "../../shared/rules/growth/collectibles.js";
import type { CollectibleRecord } from "../../shared/rules/growth/types.js";
import type { StoredCollectible, Store } from "../store/index.js";
import { foldSession } from "./history.js";
import { signCollectible } from "./signing.js";

/**
 * Minting (docs/growth.md, "Collectibles"): when a session closes, its log is folded once more and each rule's
 * standout (outstandingContributions) becomes a signed CollectibleRecord, kept once per (session, rule).
 *
 * The record's `title` is the rule's English name (COLLECTIBLE_TITLES.en): a signed record cannot follow the reader's
 * language, so the pages show the title in the reader's language from the record's `rule` and keep `title` as the
 * signed, language-neutral fallback.
 */

const ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const COLLECTIBLE_ID_LENGTH = 12;
/** What `/c/<id>` and `/api/collectibles/<id>` accept: the ids minted here (12 characters of ID_ALPHABET). */
export const COLLECTIBLE_ID_PATTERN = /^[0-9A-Za-z]{12}$/;

/** A fresh collectible id: 12 characters of base62, uniform (bytes at or above 248 are drawn again). */
export function newCollectibleId(): string {
  let id = "";
  while (id.length < COLLECTIBLE_ID_LENGTH) {
    for (const byte of randomBytes(COLLECTIBLE_ID_LENGTH)) {
      if (byte < 248 && id.length < COLLECTIBLE_ID_LENGTH) id += ID_ALPHABET[byte % 62];
    }
  }
  return id;
}

/** At most `max` characters (code points, so a surrogate pair is never cut in half): what the record's schema allows. */
function clip(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join("");
}

/** A stored record, parsed and checked; null for one that does not parse (a hand edit): never a throw. */
export function storedRecord(collectible: StoredCollectible): CollectibleRecord | null {
  try {
    return parseCollectibleRecord(JSON.parse(collectible.record));
  } catch {
    return null;
  }
}

/**
 * Mints the session's collectibles: one per rule whose standout the session's log holds, signed with `key`, minted at
 * `now`. Idempotent: a rule the session has a collectible for already keeps it (a second close, a restart settling a
 * session, two processes racing all end with one per rule). Returns the session's collectibles, new and old; none
 * for an unknown session.
 */
export async function mintSession(store: Store, key: KeyObject, sessionId: string, now: number): Promise<StoredCollectible[]> {
  const session = await store.getSession(sessionId);
  if (!session) return [];
  const event = await store.getEventById(session.eventId);
  if (!event) return [];
  const existing = await store.sessionCollectibles(sessionId);
  const minted = new Set(existing.map((collectible) => collectible.rule));
  const ledger = await foldSession(store, sessionId);
  const quotes = { get: (refId: string) => chatLine(ledger, refId)?.text };
  const result = [...existing];
  for (const pick of outstandingContributions(ledger, quotes)) {
    if (minted.has(pick.rule)) continue;
    const id = newCollectibleId();
    const record: CollectibleRecord = {
      v: 1,
      id,
      rule: pick.rule,
      title: COLLECTIBLE_TITLES[pick.rule].en,
      quote: clip(pick.quote, 2000),
      memberId: pick.memberId,
      ownerName: clip(pick.memberName, 100),
      sessionId,
      eventSlug: event.slug,
      eventTitle: clip(event.title, 200),
      mintedAt: now,
      seed: collectibleSeed(id + sessionId + pick.rule),
    };
    const stored = await store.insertCollectible({
      id,
      memberId: pick.memberId,
      sessionId,
      eventId: event.id,
      rule: pick.rule,
      record: canonicalCollectible(record),
      signature: signCollectible(key, record),
      mintedAt: now,
    });
    result.push(stored.collectible);
  }
  return result;
}
