/**
 * What a piece of user text looks like once drawn: how many combining marks may pile up on one character, and
 * whether anything is drawn at all. Display names and chat lines both go through these, so a name and a message
 * are held to the same rule.
 */

/**
 * Most combining marks kept on one base character. Vietnamese stacks two (ễ = e + ◌̂ + ◌̃), Thai and several Indic
 * clusters reach three (a consonant with a vowel sign, a tone mark and a nukta or virama), and emoji need at most
 * two (a variation selector and the keycap ◌⃣). Anything beyond three is decoration that climbs over the lines
 * above and below ("Zalgo" text), so it is cut.
 */
export const MAX_COMBINING_MARKS = 3;

const COMBINING_MARK = /^\p{M}$/u;

/**
 * Characters that draw nothing and take no room, so marks after them still land on the character before: format
 * characters (the zero-width joiner inside emoji, bidi marks) and the default-ignorable code points (Hangul
 * fillers, U+2060 word joiner and the invisible operators, variation selectors…).
 */
const ZERO_WIDTH = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;

/**
 * Characters that draw nothing. Besides whitespace, controls, format characters, combining marks and the
 * default-ignorable code points (which include U+115F/U+1160/U+3164/U+FFA0 Hangul fillers, U+180E, U+2060–U+2064
 * and every variation selector), a few assigned "letters" and symbols are blank in every common font: U+2800
 * braille pattern blank and U+1D159 musical null notehead.
 */
const INVISIBLE = /^[\s\p{Z}\p{Cc}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}\u2800\u{1D159}]$/u;

/**
 * Keeps at most `max` combining marks (Unicode category M) on each base character and drops the rest.
 *
 * A run is the marks after one base character, counted through zero-width characters so that a zero-width
 * joiner cannot restart the count; marks at the very start form a run of their own.
 *
 * Invariants: only combining marks are removed and the rest keep their order; no run longer than `max` is left;
 * text with no run longer than `max` is returned unchanged (every emoji sequence has runs of at most 2); capping
 * twice equals capping once.
 */
export function capCombiningMarks(text: string, max: number = MAX_COMBINING_MARKS): string {
  let out = "";
  let run = 0;
  for (const ch of text) {
    if (COMBINING_MARK.test(ch)) {
      run += 1;
      if (run <= max) out += ch;
    } else {
      if (!ZERO_WIDTH.test(ch)) run = 0;
      out += ch;
    }
  }
  return out;
}

/**
 * True iff at least one character of `text` draws something: whitespace, controls, format characters (zero-width
 * joiner and space, bidi marks), combining marks, variation selectors and the blank letters (Hangul fillers,
 * braille blank, invisible operators) do not count. A name made only of these would show as nothing.
 *
 * Invariant: depends only on the characters that draw, so removing or adding any of the ignored ones, combining
 * marks included, never changes the answer.
 */
export function hasVisibleContent(text: string): boolean {
  for (const ch of text) {
    if (!INVISIBLE.test(ch)) return true;
  }
  return false;
}

/**
 * One line of user text as Grove keeps it (display names, event titles): control and format characters dropped
 * (the zero-width joiner inside emoji stays), whitespace runs collapsed to one space, trimmed, combining marks
 * capped. Invariant: normalising twice equals normalising once.
 */
export function normaliseLine(text: string): string {
  return capCombiningMarks(text.replace(/[\p{Cc}\p{Cf}]/gu, (ch) => (ch === "\u200d" ? ch : "")).replace(/\s+/g, " ").trim());
}
