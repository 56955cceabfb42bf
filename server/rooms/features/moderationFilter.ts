import { buildFilter, effectiveWords, type WordFilter } from "../../../shared/rules/moderation/filter.js";
import type { WordListChange } from "../../../shared/rules/moderation/types.js";
import { defaultExceptions, defaultWords } from "../../moderation/words.js";

/** Filters kept built in this process, by word list: the instances of one session (and sessions alike) share one. */
const KEPT = 8;
const built = new Map<string, WordFilter>();

/**
 * The keyword filter for an event's word list: the shipped defaults with the hosts' additions, less the defaults they
 * switched off, and the shipped exceptions. Built once per list and kept (the most recently used few), so a line is
 * only ever matched, never the automaton rebuilt.
 */
export function wordFilterFor(change: WordListChange): WordFilter {
  const key = JSON.stringify([change.add, change.remove]);
  const known = built.get(key);
  if (known) {
    built.delete(key);
    built.set(key, known);
    return known;
  }
  const filter = buildFilter(effectiveWords(defaultWords(), change.add, change.remove), defaultExceptions());
  built.set(key, filter);
  for (const oldest of built.keys()) {
    if (built.size <= KEPT) break;
    built.delete(oldest);
  }
  return filter;
}

/**
 * One instance's filter: rebuilt (or found) only when the list it follows changes — the session's own list once a
 * host set one, else the event record's as it was when the instance attached.
 */
export class InstanceFilter {
  private source: WordListChange | null = null;
  private filter: WordFilter | null = null;

  constructor(private eventWords: WordListChange) {}

  /** The event record's list, read again (at attach): used while the session has none of its own. */
  setEventWords(words: WordListChange): void {
    this.eventWords = words;
  }

  current(sessionWords: WordListChange | null): WordFilter {
    const source = sessionWords ?? this.eventWords;
    if (this.filter === null || this.source !== source) {
      this.filter = wordFilterFor(source);
      this.source = source;
    }
    return this.filter;
  }
}
