import type { FlagTag } from "./types.js";
import {
  CONTRAST,
  EN_INTENSIFIER_AFTER,
  EN_INTENSIFIER_BEFORE,
  EN_NEGATOR,
  EN_SELF_BEFORE,
  FIRST_PERSON,
  FRUSTRATION_MARKERS,
  HELP_CANCELS,
  HELP_CLAUSE_CANCELS,
  HELP_CUES,
  LAUGHTER,
  MOVED,
  PRAISE,
  NEGATIVE_CANCELS,
  NEGATIVE_CLAUSE_CANCELS,
  NEGATIVE_CUES,
  NEGATOR_OWN_VERB,
  QUESTION,
  REPEATED_FAILURE,
  RESOLVED,
  SARCASTIC_OPENER,
  SPEAKER_ADDRESS,
  THING,
  ZH_INTENSIFIER_AFTER,
  ZH_INTENSIFIER_BEFORE,
  ZH_NEGATION_BEFORE,
  ZH_SELF_BEFORE,
  type HelpStrength,
} from "./lexicon.js";

// The flagged-message classifier (docs/moderation-classifier.md): a lexicon and a few rules, in Chinese and English,
// offline and pure. It tags a chat line or a question as a help request, negative, both or neither, and names the
// words that made it so, for the hosts' queue.

/** The tags the classifier gives (members' reports add `report` elsewhere). */
export type ClassifiedTag = Extract<FlagTag, "help" | "negative">;

export interface Classification {
  /** `help` before `negative`; empty when the line needs no one. */
  tags: ClassifiedTag[];
  /** The words and phrases that made the tags, as they appear in the line, in the order they appear, each once. */
  triggers: string[];
}

/** Longer lines are classified by their start: chat lines and questions are far shorter. */
export const CLASSIFY_MAX_CHARS = 2000;

/** A negative line scores at least this: one strong cue, or two weak ones. */
const NEGATIVE_THRESHOLD = 2;

const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff\u00ad]/u;
const WHITESPACE = /^\s+$/u;
const QUOTES = /[\u2018\u2019\u02bc\u2032]/gu;
const DOUBLE_QUOTES = /[\u201c\u201d]/gu;
const LATIN_LETTER = /[a-z]/u;
const CJK = /[\u3400-\u9fff]/u;

/** The line as the lexicon reads it, and where each of its UTF-16 units came from in the original line. */
export interface NormalisedLine {
  text: string;
  /** For each unit of `text`, the original unit range [from, to) it came from. */
  from: number[];
  to: number[];
}

/**
 * NFKC and lower case per code point (full-width "ＨＥＬＰ" is "help"), curly apostrophes straight, zero-width
 * characters dropped, whitespace runs one space, and a run of three or more of one Latin letter cut to one
 * ("sooo annoying", "hellllp"). Keeps the map back to the original so triggers quote the member's own text.
 */
export function normaliseLine(raw: string): NormalisedLine {
  const units: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const point of raw) {
    const start = at;
    at += point.length;
    let mapped: string;
    const code = point.charCodeAt(0);
    if (code < 0x80) {
      // ASCII and the common ideographs are their own NFKC form: skip the costly call.
      mapped = code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : point;
    } else if (code >= 0x4e00 && code <= 0x9fff) {
      mapped = point;
    } else {
      if (ZERO_WIDTH.test(point)) continue;
      mapped = point.normalize("NFKC").toLowerCase().replace(QUOTES, "'").replace(DOUBLE_QUOTES, '"');
    }
    if (mapped === "`") mapped = "'";
    if (WHITESPACE.test(mapped)) mapped = " ";
    if (mapped === " " && units[units.length - 1] === " ") {
      to[to.length - 1] = at;
      continue;
    }
    for (let k = 0; k < mapped.length; k++) {
      units.push(mapped[k]!);
      from.push(start);
      to.push(at);
    }
  }
  // Runs of one Latin letter: three or more become one, spanning the whole run in the original.
  const outUnits: string[] = [];
  const outFrom: number[] = [];
  const outTo: number[] = [];
  for (let i = 0; i < units.length; ) {
    let j = i + 1;
    const unit = units[i]!;
    if (LATIN_LETTER.test(unit)) while (j < units.length && units[j] === unit) j++;
    const run = j - i;
    if (run >= 3) {
      outUnits.push(unit);
      outFrom.push(from[i]!);
      outTo.push(to[j - 1]!);
    } else {
      for (let k = i; k < j; k++) {
        outUnits.push(units[k]!);
        outFrom.push(from[k]!);
        outTo.push(to[k]!);
      }
    }
    i = j;
  }
  return { text: outUnits.join(""), from: outFrom, to: outTo };
}

interface Span {
  start: number;
  end: number;
}

/** Global copies of the lexicon's patterns, made once. */
const globalCache = new WeakMap<RegExp, RegExp>();
/** Characters outside the BMP (emoji): only patterns that name one need the slower unicode mode. */
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
function globalOf(re: RegExp): RegExp {
  let g = globalCache.get(re);
  if (!g) {
    g = new RegExp(re.source, ASTRAL.test(re.source) ? "gu" : "g");
    globalCache.set(re, g);
  }
  return g;
}

/**
 * Which lines a pattern can match: one without Chinese characters or emoji needs a Latin letter or digit in the line,
 * one with Chinese characters needs one in the line. Checked once per line, it halves the work on one-language lines.
 */
type Script = "latin" | "cjk" | "any";
const scriptCache = new WeakMap<RegExp, Script>();
function scriptOf(re: RegExp): Script {
  let script = scriptCache.get(re);
  if (!script) {
    script = ASTRAL.test(re.source) ? "any" : CJK.test(re.source) ? "cjk" : "latin";
    scriptCache.set(re, script);
  }
  return script;
}
const LATIN_OR_DIGIT = /[a-z0-9]/u;

function spansOf(re: RegExp, text: string): Span[] {
  const spans: Span[] = [];
  const g = globalOf(re);
  g.lastIndex = 0;
  for (let m = g.exec(text); m !== null; m = g.exec(text)) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const insideAny = (span: Span, areas: readonly Span[]) => areas.some((area) => overlaps(span, area));

const CLAUSE_BREAKS = new Set([".", ",", ";", "!", "?", ":", "。", "、", "；", "：", "\n"]);

/** The normalised line with, for every position, where its clause (between commas and full stops) starts and ends. */
interface Line {
  text: string;
  /** clauseStart[i]: the first unit of the clause holding position i (i ≤ text.length). */
  clauseStart: Int32Array;
  /** clauseEnd[i]: one past the last unit of the clause holding position i. */
  clauseEnd: Int32Array;
  /** The scripts in the line ("any" always): patterns of another script are not tried. */
  scripts: ReadonlySet<Script>;
}

function indexClauses(text: string): Line {
  const n = text.length;
  const clauseStart = new Int32Array(n + 1);
  const clauseEnd = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) clauseStart[i + 1] = CLAUSE_BREAKS.has(text[i]!) ? i + 1 : clauseStart[i]!;
  clauseEnd[n] = n;
  for (let i = n - 1; i >= 0; i--) clauseEnd[i] = CLAUSE_BREAKS.has(text[i]!) ? i : clauseEnd[i + 1]!;
  const scripts = new Set<Script>(["any"]);
  if (LATIN_OR_DIGIT.test(text)) scripts.add("latin");
  if (CJK.test(text)) scripts.add("cjk");
  return { text, clauseStart, clauseEnd, scripts };
}

/** The clause around a span. */
function clauseAround(line: Line, span: Span): string {
  return line.text.slice(line.clauseStart[span.start]!, line.clauseEnd[Math.max(span.start, span.end - 1)]!);
}

/** The clause before `at`, at most `max` units of it. */
function clauseBefore(line: Line, at: number, max: number): string {
  return line.text.slice(Math.max(line.clauseStart[at]!, at - max), at);
}

/** Spans of `re`, each stretched back to the start of its clause (or over its whole clause). */
function clauseSpans(line: Line, re: RegExp, whole: boolean): Span[] {
  return spansOf(re, line.text).map((span) => ({
    start: line.clauseStart[span.start]!,
    end: whole ? line.clauseEnd[Math.max(span.start, span.end - 1)]! : span.end,
  }));
}

function isChinese(text: string, span: Span): boolean {
  return CJK.test(text.slice(span.start, span.end));
}

/** "not bad", "I don't think it's a bad idea", "不难过", "一点也不无聊": a negator in the clause just before. */
function negated(line: Line, span: Span): boolean {
  if (isChinese(line.text, span)) return ZH_NEGATION_BEFORE.test(line.text.slice(Math.max(0, span.start - 6), span.start));
  const words = clauseBefore(line, span.start, 40).trim().split(" ").slice(-4);
  // "can't believe I lost it all", "can't wait to leave": the negator turns round its own verb, not the cue.
  return words.some((word, i) => EN_NEGATOR.test(word.replace(/^["(]+|["),]+$/gu, "")) && !NEGATOR_OWN_VERB.test(words[i + 1] ?? ""));
}

/** "好卡", "so slow", "尴尬死了", "anxiety through the roof". */
function intensified(line: Line, span: Span): boolean {
  const { text } = line;
  const after = text.slice(span.end, span.end + 25);
  if (isChinese(text, span)) {
    return ZH_INTENSIFIER_BEFORE.test(text.slice(Math.max(0, span.start - 3), span.start)) || ZH_INTENSIFIER_AFTER.test(after);
  }
  return EN_INTENSIFIER_BEFORE.test(text.slice(Math.max(0, span.start - 25), span.start)) || EN_INTENSIFIER_AFTER.test(after);
}

function saidOfSelf(line: Line, span: Span): boolean {
  if (isChinese(line.text, span)) return ZH_SELF_BEFORE.test(line.text.slice(Math.max(0, span.start - 6), span.start));
  return EN_SELF_BEFORE.test(clauseBefore(line, span.start, 40));
}

interface Scored extends Span {
  weight: number;
  problem: boolean;
}

function negativeHits(line: Line, laughing: boolean): Scored[] {
  const cancelled = [
    ...NEGATIVE_CANCELS.flatMap((re) => spansOf(re, line.text)),
    ...NEGATIVE_CLAUSE_CANCELS.flatMap((re) => clauseSpans(line, re, true)),
  ];
  const hits: Scored[] = [];
  for (const cue of NEGATIVE_CUES) {
    if (!line.scripts.has(scriptOf(cue.re))) continue;
    for (const span of spansOf(cue.re, line.text)) {
      if (insideAny(span, cancelled) || (cue.soft && laughing) || (!cue.fixed && negated(line, span))) continue;
      let weight: number = cue.weight;
      if (weight < NEGATIVE_THRESHOLD && intensified(line, span)) weight++;
      if (weight < NEGATIVE_THRESHOLD && cue.self && saidOfSelf(line, span)) weight++;
      hits.push({ start: span.start, end: span.end, weight, problem: cue.problem === true });
    }
  }
  // Overlapping cues ("又卡" and "卡") count once, the heavier.
  hits.sort((a, b) => a.start - b.start || b.weight - a.weight || b.end - a.end);
  const kept: Scored[] = [];
  for (const hit of hits) {
    const last = kept[kept.length - 1];
    if (!last || !overlaps(last, hit)) kept.push(hit);
    else if (hit.weight > last.weight) kept[kept.length - 1] = hit;
  }
  return kept;
}

function classifyNormalised(normalised: NormalisedLine): { help: Span[]; negative: Span[] } {
  const line = indexClauses(normalised.text);
  const { text } = line;
  const laughing = LAUGHTER.test(text) || MOVED.test(text);
  const toSpeaker = QUESTION.test(text) && SPEAKER_ADDRESS.test(text) && !FIRST_PERSON.test(text);

  const helpCancelled = [
    ...HELP_CANCELS.flatMap((re) => spansOf(re, text)),
    ...HELP_CLAUSE_CANCELS.flatMap((re) => clauseSpans(line, re, false)),
  ];
  const helpHits: Array<Span & { strength: HelpStrength }> = [];
  for (const cue of HELP_CUES) {
    if (!line.scripts.has(scriptOf(cue.re))) continue;
    if (cue.soft && laughing) continue;
    for (const span of spansOf(cue.re, text)) if (!insideAny(span, helpCancelled)) helpHits.push({ ...span, strength: cue.strength });
  }
  const resolved = RESOLVED.test(text);
  // Help that stands without the rest of the line: stuck, or a how-to not put to the speaker.
  const asks = resolved
    ? []
    : helpHits.filter(
        (hit) =>
          hit.strength === "strong" ||
          (hit.strength === "howTo" && !toSpeaker) ||
          (hit.strength === "howToThing" && !toSpeaker && THING.test(clauseAround(line, hit))),
      );

  let negHits = negativeHits(line, laughing);
  // "I thought it would be boring, but it's amazing": praise after the last contrast word outweighs what came before.
  const contrast = spansOf(CONTRAST, text).pop();
  if (contrast && PRAISE.test(text.slice(contrast.end)) && !negHits.some((hit) => hit.start >= contrast.end)) {
    negHits = negHits.filter((hit) => hit.start >= contrast.end);
  }
  const problem = asks.length > 0 || negHits.some((hit) => hit.problem);
  if (problem) {
    // Sarcasm: a cheerful word on its own beside a problem ("great, another lag spike", "真棒，又掉线了").
    for (const span of spansOf(SARCASTIC_OPENER, text)) negHits.push({ ...span, weight: 2, problem: false });
    // The problem back for the third time: frustration on its own beside it.
    const repeated = spansOf(REPEATED_FAILURE, text).find((s) => !insideAny(s, negHits));
    if (repeated) negHits.push({ ...repeated, weight: 2, problem: false });
    // Frustration with the problem: again, still, 还是, 好几次 (at most two, one fewer after a third time).
    let markers = repeated ? 1 : 0;
    for (const re of FRUSTRATION_MARKERS) {
      if (markers === 2) break;
      const span = spansOf(re, text).find((s) => !insideAny(s, negHits));
      if (span) {
        negHits.push({ ...span, weight: 1, problem: false });
        markers++;
      }
    }
  }
  let score = negHits.reduce((sum, hit) => sum + Math.min(hit.weight, NEGATIVE_THRESHOLD), 0);
  // A question to the speaker about a hard topic ("how do you handle angry customers?") is not the writer's mood.
  if (toSpeaker) score -= 1;
  const negative = score >= NEGATIVE_THRESHOLD ? negHits : [];

  // "Any tips?", "怎么回事": help only beside a problem or distress.
  const help = resolved
    ? []
    : [...asks, ...helpHits.filter((hit) => hit.strength === "withProblem" && (problem || negative.length > 0))];
  return { help, negative };
}

/** Overlapping spans ("又进不去" and "进不去") become one. */
function merged(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = out[out.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else out.push({ start: span.start, end: span.end });
  }
  return out;
}

function quote(raw: string, line: NormalisedLine, spans: readonly Span[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const span of merged(spans)) {
    const words = raw.slice(line.from[span.start]!, line.to[span.end - 1]!).trim();
    if (words !== "" && !seen.has(words)) {
      seen.add(words);
      out.push(words);
    }
  }
  return out;
}

/**
 * Tags one chat line or question: `help` when the writer is stuck or asks for support (with the event, the venue
 * or a personal problem; not a question to the speaker about the topic), `negative` when it carries frustration,
 * complaint, anger, distress or sadness (not polite disagreement, not strong words used as praise). Pure and
 * offline; never throws: anything but a string, or a line with no cue, gives no tags. Triggers are quoted from
 * the line as written.
 */
export function classify(text: string): Classification {
  try {
    if (typeof text !== "string" || text.length === 0) return { tags: [], triggers: [] };
    const raw = text.length > CLASSIFY_MAX_CHARS ? text.slice(0, CLASSIFY_MAX_CHARS) : text;
    const line = normaliseLine(raw);
    const { help, negative } = classifyNormalised(line);
    const tags: ClassifiedTag[] = [];
    if (help.length > 0) tags.push("help");
    if (negative.length > 0) tags.push("negative");
    return { tags, triggers: quote(raw, line, [...help, ...negative]) };
  } catch {
    return { tags: [], triggers: [] };
  }
}
