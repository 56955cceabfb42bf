import { classify } from "../moderation/classify.js";
import type { HotWord } from "./types.js";

// Hot words (docs/statistics.md): chat lines, questions and open answers split into words with Intl.Segmenter, stop
// words dropped, each word counted once per line, with the mean sentiment of the lines it appeared in. Pure and cheap:
// the bench feeds 300,000 lines through one tally.

/**
 * Words too common to say anything about a session, in Chinese and English (compared after NFKC and lower case).
 * Single CJK characters listed here are function words; other single characters (书, 树) are kept.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // Chinese: particles, pronouns, copulas, conjunctions and fillers.
  "的", "了", "是", "我", "你", "他", "她", "它", "在", "和", "就", "都", "也", "很", "这", "那", "吗", "呢", "吧",
  "啊", "有", "不", "没", "个", "着", "过", "地", "得", "把", "被", "给", "让", "对", "从", "到", "与", "及", "又",
  "再", "才", "只", "还", "要", "会", "能", "说", "去", "来", "上", "下", "中", "里", "为", "以", "等", "之", "其",
  "呀", "哦", "嗯", "哈", "啦", "嘛", "么", "哪", "谁", "而", "或", "但", "一个", "我们", "你们", "他们", "她们",
  "它们", "大家", "什么", "怎么", "这个", "那个", "这些", "那些", "这样", "那样", "这里", "那里", "可以", "就是",
  "但是", "因为", "所以", "如果", "还是", "或者", "而且", "然后", "自己", "没有", "一下", "一些", "哈哈", "已经",
  "现在", "还有", "觉得", "知道", "非常", "真的", "比较", "一点", "太", "更", "第", "最", "别", "这种", "那种", "有点",
  // English: articles, pronouns, auxiliaries, prepositions and conjunctions.
  "the", "a", "an", "is", "are", "was", "were", "be", "been", "am", "to", "of", "and", "or", "but", "in", "on", "at",
  "for", "with", "by", "from", "as", "it", "its", "it's", "this", "that", "these", "those", "i", "i'm", "me", "my",
  "you", "your", "we", "our", "us", "they", "them", "their", "he", "she", "his", "her", "him", "not", "no", "yes",
  "do", "does", "did", "don't", "have", "has", "had", "will", "would", "can", "could", "should", "so", "if", "then",
  "than", "there", "here", "what", "which", "who", "how", "when", "where", "why", "just", "also", "very", "too",
  "all", "any", "some", "more", "about", "up", "out", "into", "over", "again", "only", "ok", "okay", "oh", "never",
]);

/**
 * Words that make a line positive. The English ones are matched as whole words; the Chinese ones also as
 * substrings, because the segmenter may glue them to a neighbour ("好用的" or "超喜欢").
 */
const POSITIVE_EN: ReadonlySet<string> = new Set([
  "love", "loved", "great", "thanks", "thank", "thx", "awesome", "helpful", "amazing", "nice", "cool",
  "excellent", "wonderful", "fantastic", "brilliant", "useful", "interesting", "enjoyed", "enjoy", "fun", "inspiring",
  "insightful", "perfect", "wow", "bravo", "congrats",
]);
const POSITIVE_ZH: readonly string[] = [
  "喜欢", "精彩", "感谢", "谢谢", "棒", "赞", "好用", "有趣", "开心", "支持", "厉害", "收获", "受益", "干货", "牛",
  "优秀", "清楚", "有用", "学到", "期待", "感动", "好听", "好看", "漂亮", "佩服",
];
/** A positive word right after one of these does not count ("不喜欢", "not helpful"). */
const NEGATORS_ZH = "不没别";
const NEGATORS_EN: ReadonlySet<string> = new Set(["not", "no", "never", "don't", "didn't", "doesn't", "isn't", "wasn't", "hardly"]);

/** Longer lines are read by their start: chat lines and answers are far shorter, and the bench must stay cheap. */
export const WORDS_MAX_CHARS = 2000;

const SEGMENTER = new Intl.Segmenter("zh", { granularity: "word" });
const NUMBER = /^\p{N}[\p{N}.,:/%]*$/u;
const SINGLE_LATIN = /^[a-z]$/;
const NON_ASCII = /[^ -~\t\n\r]/;
const CJK = /[\u3400-\u9fff]/;

function normalise(text: string): string {
  const start = text.length > WORDS_MAX_CHARS ? text.slice(0, WORDS_MAX_CHARS) : text;
  // NFKC turns full-width "ＡＩ" into "AI"; ASCII lines (most English chat) are their own NFKC form.
  return (NON_ASCII.test(start) ? start.normalize("NFKC") : start).toLowerCase();
}

/** Every word-like segment of an already normalised line, in order, before stop words are dropped. */
function segments(normalised: string): string[] {
  const out: string[] = [];
  for (const part of SEGMENTER.segment(normalised)) if (part.isWordLike) out.push(part.segment);
  return out;
}

/** The segmenter sometimes glues function words together ("我不喜欢" gives "我不"): a word made only of them is dropped too. */
function onlyFunctionCharacters(word: string): boolean {
  if (!CJK.test(word)) return false;
  for (const character of word) if (!STOP_WORDS.has(character)) return false;
  return true;
}

function keep(word: string): boolean {
  return !STOP_WORDS.has(word) && !NUMBER.test(word) && !SINGLE_LATIN.test(word) && !onlyFunctionCharacters(word);
}

function wordsOf(all: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const word of all) if (keep(word)) seen.add(word);
  return [...seen];
}

/**
 * The line's words: NFKC (full-width to half-width), lower case, split by Intl.Segmenter ("zh" splits Chinese by
 * dictionary and English at spaces), without stop words, numbers and single Latin letters; each word once, in the
 * order it first appears.
 */
export function lineWords(text: string): string[] {
  return wordsOf(segments(normalise(text)));
}

function positive(normalised: string, all: readonly string[]): boolean {
  for (let i = 0; i < all.length; i++) {
    if (POSITIVE_EN.has(all[i]!) && !NEGATORS_EN.has(all[i - 1] ?? "")) return true;
  }
  if (!CJK.test(normalised)) return false;
  for (const word of POSITIVE_ZH) {
    for (let at = normalised.indexOf(word); at >= 0; at = normalised.indexOf(word, at + 1)) {
      if (at === 0 || !NEGATORS_ZH.includes(normalised[at - 1]!)) return true;
    }
  }
  return false;
}

function sentimentOf(text: string, normalised: string, all: readonly string[]): -1 | 0 | 1 {
  if (classify(text).tags.includes("negative")) return -1;
  return positive(normalised, all) ? 1 : 0;
}

/**
 * -1 when the moderation classifier tags the line negative (whatever else it says), 1 when it holds a positive word
 * not right after a negator, else 0.
 */
export function lineSentiment(text: string): -1 | 0 | 1 {
  const normalised = normalise(text);
  return sentimentOf(text, normalised, segments(normalised));
}

interface WordEntry {
  count: number;
  sentimentSum: number;
}

interface ReadLine {
  words: readonly string[];
  sentiment: -1 | 0 | 1;
}

/** Lines remembered per tally: chat repeats itself ("666", "谢谢老师"), and a repeat then costs one lookup. */
const MEMO_MAX = 10_000;

/** Words counted over many lines (mutable, owned by one fold). */
export interface WordTally {
  readonly words: Map<string, WordEntry>;
  /** The words and sentiment of recent distinct lines; cleared whole when full, so it stays bounded. */
  readonly memo: Map<string, ReadLine>;
  lines: number;
}

export function createWordTally(): WordTally {
  return { words: new Map(), memo: new Map(), lines: 0 };
}

function readLine(text: string): ReadLine {
  const normalised = normalise(text);
  const all = segments(normalised);
  const words = wordsOf(all);
  return { words, sentiment: sentimentOf(text, normalised, all) };
}

/**
 * Counts each of the line's words once, with the line's sentiment, and returns that sentiment (`lineSentiment` of
 * the line), so a fold that also counts negative lines classifies each line once.
 */
export function addLine(tally: WordTally, text: string): -1 | 0 | 1 {
  tally.lines++;
  let read = tally.memo.get(text);
  if (!read) {
    read = readLine(text);
    if (tally.memo.size >= MEMO_MAX) tally.memo.clear();
    tally.memo.set(text, read);
  }
  const { words, sentiment } = read;
  for (const word of words) {
    const entry = tally.words.get(word);
    if (entry) {
      entry.count++;
      entry.sentimentSum += sentiment;
    } else {
      tally.words.set(word, { count: 1, sentimentSum: sentiment });
    }
  }
  return sentiment;
}

/** The `limit` most frequent words, count descending then word ascending (code unit order, so the same on every machine). */
export function hotWords(tally: WordTally, limit: number): HotWord[] {
  if (limit <= 0) return [];
  const entries = [...tally.words];
  entries.sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0));
  return entries.slice(0, limit).map(([word, { count, sentimentSum }]) => ({
    word,
    count,
    // `+ 0` turns -0 into 0, so a JSON round trip and a deep equal agree.
    sentiment: Math.round((sentimentSum / count) * 100) / 100 + 0,
  }));
}
