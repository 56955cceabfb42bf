import type { Poll, WordCount } from "./types.js";

// STUB — to be implemented by the rules helper (docs/salon.md, "Word clouds").

/**
 * The words of one answer, as a word cloud counts them: Chinese split into words by `Intl.Segmenter` ("zh"),
 * English (and other space-separated scripts) by words, lower-cased (NFKC), only word-like segments, stop words
 * and single Latin letters left out, each word once per answer.
 */
export function wordsOf(text: string): string[] {
  throw new Error(`not implemented ${text}`);
}
/** The cloud of an open-text poll: counts over every answer, hidden words left out, most frequent first (ties: a→z), at most `size`. */
export function wordCloud(poll: Poll, size: number): WordCount[] {
  throw new Error(`not implemented ${poll.id} ${size}`);
}
