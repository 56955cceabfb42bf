/**
 * The keyword filter: finds the words of a list in a chat line however they are dressed up, and masks them.
 *
 * Both the list and the text go through one normalisation, character by character: NFKC (full-width and
 * half-width forms, ligatures, circled and mathematical letters), lower case, accents dropped, a few Cyrillic
 * and Greek look-alikes read as Latin, traditional Chinese read as simplified (opencc-js). What is left of a
 * line is its *skeleton*: its letters, digits and Chinese characters, each remembering the span of the original
 * text it came from and what stood between it and the one before (nothing, punctuation, a space or a clause
 * mark; characters that draw nothing, such as U+200B or a soft hyphen, count as nothing). Runs of one letter
 * collapse to one (`fuuuck` reads `fuck`), and each list word remembers its own runs, so `ass` still needs two
 * s's. One Aho–Corasick automaton (modern-ahocorasick) over the collapsed skeleton finds every candidate, and
 * each candidate is then checked against the original:
 *
 * - a word that starts or ends with a Latin letter must not touch another letter of the same word there
 *   (`Scunthorpe`, `class`, `Dickens` are not masked; `Shit!` and `我fuck` are);
 * - inside a match, punctuation may stand between letters (`f.u.c.k`, `fu-ck`), a space only next to a letter
 *   standing alone (`f u c k`, so `an us` is not `anus`); between Chinese characters spaces and symbols may
 *   (`傻 逼`, `傻*逼`), clause marks may not (`太傻，逼得我` is two clauses); `***` is never crossed, so a
 *   masked line filtered again stays as it is;
 * - an exception (a whole word or phrase, `操作`, `体操`, `cum laude`) found around a match cancels it.
 *
 * A match is replaced by {@link MASK} over its whole original span, dodge characters included; everything
 * outside the matches is kept exactly. Pure: no clocks, no I/O; the word lists come in as arguments.
 */
import AhoCorasick from "modern-ahocorasick";
import { Converter } from "opencc-js/t2cn";

/** What a matched span is replaced with. */
export const MASK = "***";

/**
 * What stands between two skeleton characters; a gap of several characters takes the strongest. Kept as plain
 * numbers: the skeleton holds one per character.
 */
const GAP_NONE = 0; // adjacent, or only characters that draw nothing between them
const GAP_PUNCT = 1; // punctuation or symbols: `f.u.c.k`, `傻*逼`
const GAP_SPACE = 2; // whitespace
const GAP_CLAUSE = 3; // a comma, a Chinese full stop, a colon, semicolon, question or exclamation mark
const GAP_BARRIER = 4; // three or more asterisks in a row: a mask; no match crosses it
/** How a code point without letters counts in a gap: a gap kind, or one of these. */
const INVISIBLE_CHAR = -1;
const STAR_CHAR = 5;

/** Flags of a skeleton character: one of these three. */
const CJK = 1;
/** A letter of a script written with spaces between words: the neighbour that makes `Scunthorpe` one word. */
const WORD_LETTER = 2;
const DIGIT = 4;

/** One code point, folded: its skeleton characters and their flags, or the kind of gap it makes. */
interface Folded {
  letters: string[];
  flags: number[];
  /** A GAP_* kind, INVISIBLE_CHAR or STAR_CHAR (only for code points without letters). */
  kind: number;
}

const LETTER = /^[\p{L}\p{N}]$/u;
const NUMBER = /^\p{N}$/u;
/** Scripts written without spaces between words: no word boundary to check, exceptions instead. */
const NO_SPACES_SCRIPT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;
const HAN = /^\p{Script=Han}$/u;
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{M}\p{Default_Ignorable_Code_Point}]$/u;
const SPACE = /^[\s\p{Z}]$/u;
/**
 * Marks that end a clause, after NFKC (，→ ,). Not the ASCII full stop: between letters it is the commonest
 * dodge (`fu.ck`, `傻.逼`), and a sentence's full stop comes with a space after it.
 */
const CLAUSE_MARKS = new Set([",", "、", "。", "!", "?", ";", ":"]);

/**
 * Look-alikes that NFKC leaves alone, read as the Latin letter they imitate (`fuсk` with a Cyrillic с). Only
 * letters that look the same in lower case; a Russian word keeps its other letters, so it never reads as English.
 */
const LOOK_ALIKES: Record<string, string> = {
  а: "a", е: "e", о: "o", р: "p", с: "c", у: "y", х: "x", і: "i", ј: "j", ѕ: "s", ԁ: "d", ԛ: "q", ԝ: "w", ӏ: "l", к: "k",
  α: "a", ο: "o", ρ: "p", ι: "i", κ: "k", χ: "x", ν: "v", υ: "u",
};

/** Variant characters opencc keeps (they are correct traditional Chinese) that insults use for the common one. */
const HAN_VARIANTS: Record<string, string> = { 妳: "你" };

let simplify: ((text: string) => string) | undefined;

/**
 * Traditional → simplified for one character, built on first use (the dictionaries take a few milliseconds to
 * load): Hong Kong forms first (衞 → 卫), then Taiwan's (著 → 着).
 */
function toSimplified(ch: string): string {
  if (!simplify) {
    const fromHongKong = Converter({ from: "hk", to: "cn" });
    const fromTaiwan = Converter({ from: "tw", to: "cn" });
    simplify = (text) => fromTaiwan(fromHongKong(text));
  }
  const out = simplify(ch);
  return HAN_VARIANTS[out] ?? out;
}

function foldUncached(cp: number): Folded {
  const ch = String.fromCodePoint(cp);
  const letters: string[] = [];
  const flags: number[] = [];
  const nfkc = ch.normalize("NFKC");
  const plain = nfkc.toLowerCase().normalize("NFD");
  for (const c of plain) {
    if (!LETTER.test(c)) continue;
    if (HAN.test(c)) {
      for (const s of toSimplified(c)) {
        letters.push(s);
        flags.push(CJK);
      }
      continue;
    }
    const latin = LOOK_ALIKES[c] ?? c;
    letters.push(latin);
    flags.push(NO_SPACES_SCRIPT.test(latin) ? CJK : NUMBER.test(latin) ? DIGIT : WORD_LETTER);
  }
  let kind = GAP_PUNCT;
  if (INVISIBLE.test(ch) && !SPACE.test(ch)) kind = INVISIBLE_CHAR;
  else if (SPACE.test(ch)) kind = GAP_SPACE;
  else if (CLAUSE_MARKS.has(nfkc)) kind = GAP_CLAUSE;
  else if (nfkc === "*") kind = STAR_CHAR;
  return { letters, flags, kind };
}

const ASCII: Folded[] = Array.from({ length: 128 }, (_, cp) => foldUncached(cp));
/** Folded non-ASCII code points. Bounded: hostile text could name every code point there is. */
const foldCache = new Map<number, Folded>();
const FOLD_CACHE_LIMIT = 50_000;

function fold(cp: number): Folded {
  if (cp < 128) return ASCII[cp]!;
  let folded = foldCache.get(cp);
  if (!folded) {
    folded = foldUncached(cp);
    if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(cp, folded);
  }
  return folded;
}

/** A text's skeleton: its letters, where each came from, what stood before it, and the collapsed runs. */
interface Skeleton {
  /** Skeleton characters, one a code point. */
  chars: string[];
  flags: number[];
  /** UTF-16 span in the original text (a code point that expands, like `ﬁ`, gives each letter the same span). */
  starts: number[];
  ends: number[];
  /** The gap before each character (GAP_NONE for the first). */
  gaps: number[];
  /** Length of the word each character belongs to (see wordBreak). */
  tokenLengths: number[];
  /** Collapsed runs: first and last skeleton index of each. */
  runFirst: number[];
  runLast: number[];
  /** The character each run repeats. */
  runChars: string[];
}

/**
 * Whether a word ends between skeleton characters k - 1 and k: at a gap, around each Chinese character, and
 * where letters meet digits. A mask never changes the words beside it: a Latin match only stands where its
 * neighbours are of another kind or behind a gap.
 */
function wordBreak(flags: readonly number[], gaps: readonly number[], k: number): boolean {
  return gaps[k] !== GAP_NONE || ((flags[k - 1]! | flags[k]!) & CJK) !== 0 || flags[k - 1] !== flags[k];
}

function skeletonOf(text: string): Skeleton {
  const chars: string[] = [];
  const flags: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const gaps: number[] = [];
  let gap = GAP_NONE;
  let stars = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const folded = fold(cp);
    if (folded.letters.length > 0) {
      for (let j = 0; j < folded.letters.length; j++) {
        chars.push(folded.letters[j]!);
        flags.push(folded.flags[j]!);
        starts.push(i);
        ends.push(i + width);
        gaps.push(chars.length === 1 ? GAP_NONE : j === 0 ? gap : GAP_NONE);
      }
      gap = GAP_NONE;
      stars = 0;
    } else if (folded.kind === INVISIBLE_CHAR) {
      // A mark or zero-width character after a letter goes with it, so a mask takes it too.
      if (gap === GAP_NONE && ends.length > 0) ends[ends.length - 1] = i + width;
    } else {
      stars = folded.kind === STAR_CHAR ? stars + 1 : 0;
      const kind = stars >= 3 ? GAP_BARRIER : folded.kind === STAR_CHAR ? GAP_PUNCT : folded.kind;
      if (kind > gap) gap = kind;
    }
    i += width;
  }
  const n = chars.length;
  const tokenLengths = new Array<number>(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && !wordBreak(flags, gaps, end)) end++;
    for (let k = start; k < end; k++) tokenLengths[k] = end - start;
    start = end;
  }
  const runFirst: number[] = [];
  const runLast: number[] = [];
  const runChars: string[] = [];
  for (let k = 0; k < n; k++) {
    if (k > 0 && chars[k] === chars[k - 1] && gaps[k] !== GAP_BARRIER) {
      runLast[runLast.length - 1] = k;
      continue;
    }
    runFirst.push(k);
    runLast.push(k);
    runChars.push(chars[k]!);
  }
  return { chars, flags, starts, ends, gaps, tokenLengths, runFirst, runLast, runChars };
}

/** What a pattern of the automaton stands for. */
interface Entry {
  /** Index into the filter's words (or exceptions). */
  index: number;
  exception: boolean;
  /** How many of each collapsed letter the word has (`ass`: [1, 2]). */
  runs: number[];
  /**
   * What may not touch the word's first / last character with no gap between: a letter of a spaced script when
   * that character is one, a digit when it is a digit (so `fuck123` is masked), nothing when it is Chinese.
   */
  sameWordLeft: number;
  sameWordRight: number;
  /** The word itself has spaces (`blow job`): spaces inside a match are fine anywhere. */
  spaced: boolean;
}

const COMPILED: unique symbol = Symbol("compiled");
/** Codes are written with the printable ASCII characters `!` to `~`. */
const CODE_FIRST = 0x21;
const CODE_DIGITS = 94;

/**
 * The automaton and the code it reads. Each character of the list's words gets a code of `width` printable ASCII
 * characters (every other character one shared code), and the automaton reads a line's runs in that code: the
 * same matches, but modern-ahocorasick walks ASCII text directly instead of segmenting it into graphemes with
 * Intl.Segmenter, which made Chinese lines about four times slower. A hit that does not start on a code boundary
 * is a false one and is skipped.
 */
interface Compiled {
  matcher: AhoCorasick<Entry> | undefined;
  codes: Map<string, string>;
  other: string;
  width: number;
}

/** A word list built into a matcher by {@link buildFilter}. */
export interface WordFilter {
  /** The list's words as given (trimmed), one per normalised form, in list order: what `words` reports. */
  readonly words: readonly string[];
  /** The exceptions, likewise. */
  readonly exceptions: readonly string[];
  readonly [COMPILED]: Compiled;
}

/** What {@link filterText} found. */
export interface FilterResult {
  /** The text with every match replaced by {@link MASK}; identical to the input outside the matches. */
  text: string;
  /** Whether anything was replaced. */
  masked: boolean;
  /** The listed words that matched, as the list spells them, once each, in order of first match. */
  words: string[];
}

/** One match in the original text: UTF-16 offsets, `end` exclusive, and the list word it is. */
export interface FilterMatch {
  start: number;
  end: number;
  word: string;
}

/**
 * The normalised form a word is matched by: two words with the same key match the same texts. Empty when the
 * word has no letter, digit or Chinese character (such a word can never match and is left out of a filter).
 */
export function matchKey(word: string): string {
  return skeletonOf(word).chars.join("");
}

interface Pattern {
  runChars: string[];
  entry: Entry;
}

function sameWordAs(flags: number): number {
  return flags & (WORD_LETTER | DIGIT);
}

function patternOf(word: string, index: number, exception: boolean): Pattern | undefined {
  const s = skeletonOf(word);
  const n = s.chars.length;
  if (n === 0) return undefined;
  return {
    runChars: s.runChars,
    entry: {
      index,
      exception,
      runs: s.runFirst.map((first, run) => s.runLast[run]! - first + 1),
      sameWordLeft: sameWordAs(s.flags[0]!),
      sameWordRight: sameWordAs(s.flags[n - 1]!),
      spaced: s.gaps.some((gap) => gap === GAP_SPACE || gap === GAP_CLAUSE),
    },
  };
}

/** Trimmed, non-empty words that have a skeleton, one per key, first spelling kept. */
function distinctWords(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of words) {
    if (typeof raw !== "string") continue;
    const word = raw.trim();
    const key = matchKey(word);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(word);
  }
  return out;
}

/**
 * Builds a filter from a word list and, optionally, exceptions: whole words or phrases that cancel any match they
 * contain (`操作` and `体操` for the listed `操`). Words may be given in any form (traditional or simplified,
 * full-width, any case); words without a letter, digit or Chinese character are left out, and two words that
 * normalise alike count once. Never throws.
 */
export function buildFilter(words: readonly string[], exceptions: readonly string[] = []): WordFilter {
  const listed = distinctWords(words);
  const excepted = distinctWords(exceptions);
  const patterns: Pattern[] = [];
  listed.forEach((word, index) => {
    const pattern = patternOf(word, index, false);
    if (pattern) patterns.push(pattern);
  });
  // Exceptions only matter where a listed word can match.
  if (patterns.length > 0) {
    excepted.forEach((word, index) => {
      const pattern = patternOf(word, index, true);
      if (pattern) patterns.push(pattern);
    });
  }
  const alphabet = [...new Set(patterns.flatMap((p) => p.runChars))];
  let width = 1;
  while (CODE_DIGITS ** width <= alphabet.length) width++;
  const code = (n: number) => {
    let out = "";
    for (let i = 0; i < width; i++, n = Math.floor(n / CODE_DIGITS)) out = String.fromCharCode(CODE_FIRST + (n % CODE_DIGITS)) + out;
    return out;
  };
  const codes = new Map(alphabet.map((ch, i) => [ch, code(i)]));
  const encoded = patterns.map((p) => ({ pattern: p.runChars.map((ch) => codes.get(ch)!).join(""), data: p.entry }));
  const matcher = patterns.length > 0 ? new AhoCorasick<Entry>(encoded) : undefined;
  return { words: listed, exceptions: excepted, [COMPILED]: { matcher, codes, other: code(alphabet.length), width } };
}

/**
 * The skeleton spans [first, last] a candidate really covers in `s`: none when the original says no, one for a
 * word of several runs, and for a word of one run (`操`, `xxx`) one per piece of the run between gaps that may
 * not be crossed (`操，操` holds two).
 */
function place(s: Skeleton, entry: Entry, firstRun: number, lastRun: number): Array<[number, number]> {
  const { runs } = entry;
  const count = lastRun - firstRun + 1;
  if (runs.length !== count) return [];
  for (let j = 1; j < count - 1; j++) {
    if (s.runLast[firstRun + j]! - s.runFirst[firstRun + j]! + 1 < runs[j]!) return [];
  }
  const gapOk = (k: number): boolean => {
    const gap = s.gaps[k]!;
    if (gap === GAP_NONE || gap === GAP_PUNCT) return true;
    if (gap === GAP_BARRIER) return false;
    if (((s.flags[k - 1]! | s.flags[k]!) & CJK) !== 0) return gap === GAP_SPACE;
    return entry.spaced || s.tokenLengths[k - 1] === 1 || s.tokenLengths[k] === 1;
  };
  const leftOk = (k: number): boolean =>
    k === 0 || s.gaps[k] !== GAP_NONE || (s.flags[k - 1]! & entry.sameWordLeft) === 0;
  const rightOk = (k: number): boolean =>
    k === s.chars.length - 1 || s.gaps[k + 1] !== GAP_NONE || (s.flags[k + 1]! & entry.sameWordRight) === 0;

  const headFirst = s.runFirst[firstRun]!;
  const headLast = s.runLast[firstRun]!;
  const tailFirst = s.runFirst[lastRun]!;
  const tailLast = s.runLast[lastRun]!;

  if (count === 1) {
    // One run holds the whole word (`xxx`). Split the run where a gap may not be crossed; in each piece that has
    // room, take the earliest start and the latest end that sit on boundaries.
    const need = runs[0]!;
    const spans: Array<[number, number]> = [];
    for (let from = headFirst; from <= headLast; ) {
      let to = from;
      while (to < headLast && gapOk(to + 1)) to++;
      let first = -1;
      let last = -1;
      for (let k = from; k <= to; k++) {
        if (first < 0 && leftOk(k)) first = k;
        if (rightOk(k)) last = k;
      }
      if (first >= 0 && last - first + 1 >= need) spans.push([first, last]);
      from = to + 1;
    }
    return spans;
  }

  // Middle: every gap from the end of the head run to the start of the tail run.
  for (let k = headLast + 1; k <= tailFirst; k++) if (!gapOk(k)) return [];
  // Head: the earliest start that leaves enough letters, crosses no bad gap and sits on a boundary, so a repeated
  // first letter is masked with the rest (`傻傻逼`), but `as sex` starts at `sex`.
  let first = -1;
  for (let k = headLast; k >= headFirst; k--) {
    if (k < headLast && !gapOk(k + 1)) break;
    if (headLast - k + 1 >= runs[0]! && leftOk(k)) first = k;
  }
  if (first < 0) return [];
  // Tail: the latest end, likewise.
  let last = -1;
  for (let k = tailFirst; k <= tailLast; k++) {
    if (k > tailFirst && !gapOk(k)) break;
    if (k - tailFirst + 1 >= runs[count - 1]! && rightOk(k)) last = k;
  }
  return last < 0 ? [] : [[first, last]];
}

interface Found {
  first: number;
  last: number;
  index: number;
}

function findInSkeleton(filter: WordFilter, s: Skeleton): Found[] {
  const { matcher, codes, other, width } = filter[COMPILED];
  if (!matcher || s.runChars.length === 0) return [];
  let encoded = "";
  for (const ch of s.runChars) encoded += codes.get(ch) ?? other;
  const found: Found[] = [];
  const allowed: Found[] = [];
  for (const hit of matcher.iterate(encoded)) {
    if (hit.start % width !== 0) continue;
    const entry = hit.data!;
    const firstRun = hit.start / width;
    const lastRun = hit.end / width - 1;
    for (const [first, last] of place(s, entry, firstRun, lastRun)) {
      (entry.exception ? allowed : found).push({ first, last, index: entry.index });
    }
  }
  found.sort((a, b) => a.first - b.first || a.last - b.last);
  if (allowed.length === 0) return found;
  // A match is cancelled when an exception starting at or before it reaches at least as far: sweep both by start,
  // keeping the furthest end of the exceptions started so far.
  allowed.sort((a, b) => a.first - b.first);
  const kept: Found[] = [];
  let next = 0;
  let reach = -1;
  for (const m of found) {
    while (next < allowed.length && allowed[next]!.first <= m.first) reach = Math.max(reach, allowed[next++]!.last);
    if (reach < m.last) kept.push(m);
  }
  return kept;
}

/**
 * Every match of the filter's words in `text`, in the original's UTF-16 offsets, sorted by start. Overlapping
 * matches are all listed. Never throws.
 */
export function findMatches(filter: WordFilter, text: string): FilterMatch[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const s = skeletonOf(text);
  return findInSkeleton(filter, s).map((m) => ({ start: s.starts[m.first]!, end: s.ends[m.last]!, word: filter.words[m.index]! }));
}

/**
 * Masks every listed word in `text`: each match's whole original span (letters and whatever dodges stood between
 * them) becomes {@link MASK}, overlapping matches one mask together. Invariants: the text outside the matches is
 * kept exactly; a text without matches comes back unchanged with `masked` false; filtering the result again
 * masks nothing more. Never throws.
 */
export function filterText(filter: WordFilter, text: string): FilterResult {
  const matches = findMatches(filter, text);
  if (matches.length === 0) return { text: typeof text === "string" ? text : "", masked: false, words: [] };
  const words: string[] = [];
  for (const m of matches) if (!words.includes(m.word)) words.push(m.word);
  let out = "";
  let from = 0;
  let start = matches[0]!.start;
  let end = matches[0]!.end;
  for (const m of matches) {
    if (m.start < end) {
      end = Math.max(end, m.end);
      continue;
    }
    out += text.slice(from, start) + MASK;
    from = end;
    start = m.start;
    end = m.end;
  }
  out += text.slice(from, start) + MASK + text.slice(end);
  return { text: out, masked: true, words };
}

/**
 * An event's list: the shipped defaults and the host's additions, less the host's removals. Words compare by
 * their normalised form ({@link matchKey}), so removing `FUCK` removes `fuck` and a traditional spelling removes
 * the simplified one; a removal wins over an addition. Each word is kept once, trimmed, as first spelled;
 * defaults first, then additions, in order; words that can never match (no letter, digit or Chinese character)
 * are dropped.
 */
export function effectiveWords(defaults: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
  const removed = new Set(remove.filter((word) => typeof word === "string").map((word) => matchKey(word)));
  return distinctWords([...defaults, ...add]).filter((word) => !removed.has(matchKey(word)));
}
