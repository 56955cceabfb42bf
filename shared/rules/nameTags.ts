/**
 * Two members may take the same name. Where names collide, each of them gets a short tag taken from its member
 * id, shown beside the name ("Ada · 3f2a") so that labels and lists can tell them apart.
 */

/** Shortest tag shown; grown one character at a time only where two ids share the prefix. */
export const NAME_TAG_MIN_LENGTH = 4;

export interface NamedMember {
  /** What the caller looks tags up by, unique per entry (a session id). */
  key: string;
  memberId: string;
  name: string;
}

/**
 * The form two names are compared in: NFKC (so full-width "ＡＤＡ" is "ADA"), case-folded, invisible format and
 * default-ignorable characters removed (a trailing zero-width joiner does not make a name different) and
 * whitespace collapsed. Names with equal keys look alike to a reader.
 */
export function nameCollisionKey(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, "")
    .toUpperCase()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Letters and digits of a member id, lower-cased: a UUID gives its hex digits. */
function tagSource(memberId: string): string {
  const alnum = memberId.toLowerCase().replace(/[^a-z0-9]/g, "");
  return alnum.length > 0 ? alnum : fallbackSource(memberId);
}

/** An id with no ASCII letter or digit still needs a tag: FNV-1a of its code units, in base 36. */
function fallbackSource(memberId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < memberId.length; i++) {
    h ^= memberId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** The shortest prefix of `source`, at least NAME_TAG_MIN_LENGTH long, that no other source starts with. */
function shortestUniquePrefix(source: string, others: readonly string[]): string {
  for (let length = NAME_TAG_MIN_LENGTH; length < source.length; length++) {
    const prefix = source.slice(0, length);
    if (!others.some((other) => other.startsWith(prefix))) return prefix;
  }
  return source;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The items by `keyOf`, each group in input order. */
function groupBy<T>(items: ReadonlyArray<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Tags for the members whose names collide (equal `nameCollisionKey`), keyed by `key`; members with a name of
 * their own get no entry.
 *
 * Invariants: pure and deterministic, the same for any order of `members`; within a group of colliding names the
 * tags are pairwise different; a tag is the member id's letters and digits, lower-cased, cut to the shortest
 * prefix of at least NAME_TAG_MIN_LENGTH characters that tells it from the rest of its group. Entries whose ids
 * reduce to the same letters (the same member twice) are told apart by "-2", "-3"… in the order of their keys.
 */
export function disambiguators(members: ReadonlyArray<NamedMember>): Map<string, string> {
  const tags = new Map<string, string>();
  for (const group of groupBy(members, (m) => nameCollisionKey(m.name)).values()) {
    if (group.length < 2) continue;
    const bySource = groupBy(group, (m) => tagSource(m.memberId));
    const sources = [...bySource.keys()];
    for (const [source, same] of bySource) {
      const tag = shortestUniquePrefix(source, sources.filter((other) => other !== source));
      const ordered = [...same].sort((a, b) => compareStrings(a.key, b.key));
      ordered.forEach((member, i) => tags.set(member.key, i === 0 ? tag : `${tag}-${i + 1}`));
    }
  }
  return tags;
}
