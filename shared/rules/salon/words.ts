import type { Poll, WordCount } from "./types.js";

// Word clouds (docs/salon.md, "Polls"): an open-text poll's answers split into words and counted per answer.

/** Chinese has no spaces between words: the "zh" word segmenter splits it by dictionary, and other scripts by spaces and punctuation. */
const SEGMENTER = new Intl.Segmenter("zh", { granularity: "word" });
/** Ties in the cloud are ordered the way a Chinese reader expects (pinyin order), then by code unit so the order is total. */
const COLLATOR = new Intl.Collator("zh");

/** Words too common to say anything about an answer, in both languages (compared after normalising). */
const STOP_WORDS: ReadonlySet<string> = new Set([
  ..."的 了 是 在 和 也 就 都 而 及 与 着 或 一个 我 你 他 她 它 我们".split(" "),
  ..."the a an and or of to in on is are be it this that for with as at by i you we".split(" "),
]);

/** A single Latin letter or digit ("x", "é", "3"): noise in a cloud. A single Chinese character is a word and stays. */
const SINGLE_LATIN = /^[\p{Script=Latin}\p{Nd}]$/u;

/**
 * The words of one answer, as a word cloud counts them: Chinese split into words by `Intl.Segmenter` ("zh"),
 * English (and other space-separated scripts) by words, lower-cased (NFKC), only word-like segments, stop words
 * and single Latin letters left out, each word once per answer (in the order they first appear).
 */
export function wordsOf(text: string): string[] {
  const words = new Set<string>();
  for (const segment of SEGMENTER.segment(text.normalize("NFKC").toLowerCase())) {
    const word = segment.segment;
    if (segment.isWordLike !== true || STOP_WORDS.has(word) || SINGLE_LATIN.test(word)) continue;
    words.add(word);
  }
  return [...words];
}

/**
 * Most frequent first; equal counts by word in Chinese collation order, then by code unit (a total order: the
 * collation finds some different words equal). Words in one cloud are distinct, so the last step never sees a tie.
 */
function byCountThenWord(a: WordCount, b: WordCount): number {
  return b.count - a.count || COLLATOR.compare(a.word, b.word) || (a.word < b.word ? -1 : 1);
}

/**
 * The cloud of an open-text poll: for each word, how many answers hold it (hidden words left out), most frequent
 * first (ties: by word, `localeCompare` "zh"), at most `size` words.
 */
export function wordCloud(poll: Poll, size: number): WordCount[] {
  const hidden = new Set(poll.hiddenWords);
  const counts = new Map<string, number>();
  for (const answer of Object.values(poll.answers)) {
    for (const word of wordsOf(answer.text)) {
      if (!hidden.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts].map(([word, count]) => ({ word, count })).sort(byCountThenWord).slice(0, Math.max(0, size));
}
