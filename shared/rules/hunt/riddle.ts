import type { Riddle } from "./types.js";

/**
 * Everything an answer may differ by without being a different answer: whitespace of any width (U+3000 too),
 * punctuation and symbols in any script (，。！？、·「」“”… as well as ASCII), and invisible format characters.
 */
const IGNORED = /[\s\p{P}\p{S}\p{Cc}\p{Cf}]/gu;

/**
 * The form riddle answers are compared in: NFKC (full-width letters and digits become half-width), lower case
 * (locale-independent: `toLowerCase`, never `toLocaleLowerCase`, so a Turkish server agrees with every other), and
 * with whitespace and punctuation removed. So "Ｔｈｅ  Oak!" and "the oak" agree, and "橡树。" and "橡 树".
 */
export function normaliseAnswer(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(IGNORED, "");
}

/** Whether `answer` is one of the riddle's answers once both are normalised; an answer that normalises to "" never is. */
export function checkAnswer(riddle: Riddle, answer: string): boolean {
  const given = normaliseAnswer(answer);
  if (given === "") return false;
  return riddle.answers.some((accepted) => normaliseAnswer(accepted) === given);
}
