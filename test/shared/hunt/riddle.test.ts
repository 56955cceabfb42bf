import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkAnswer, normaliseAnswer } from "../../../shared/rules/hunt/riddle.js";

describe("normaliseAnswer", () => {
  it.each([
    ["Ｔｈｅ  Oak!", "theoak"],
    ["the oak", "theoak"],
    ["  THE\tOAK\n", "theoak"],
    ["ＡＢＣ１２３", "abc123"],
    ["it's-a  well.", "itsawell"],
    ["橡树。", "橡树"],
    ["橡 树", "橡树"],
    ["橡\u3000树", "橡树"],
    ["「橡树」！", "橡树"],
    ["“橡树”，对吗？", "橡树对吗"],
    ["橡·树…", "橡树"],
    ["橡树、银杏", "橡树银杏"],
    ["（橡树）", "橡树"],
    ["a\u200bb", "ab"],
    ["Ⅻ", "xii"],
    ["Straße", "straße"],
    ["Café", "café"],
    ["$100 + 5%", "1005"],
  ])("%j becomes %j", (text, expected) => {
    expect(normaliseAnswer(text)).toBe(expected);
  });

  it("composes a decomposed accent, so both spellings agree", () => {
    expect(normaliseAnswer("Cafe\u0301")).toBe(normaliseAnswer("Café"));
  });

  it("lower-cases capitals", () => {
    expect(normaliseAnswer("ISTANBUL")).toBe("istanbul");
  });

  it("is idempotent and never leaves whitespace", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const once = normaliseAnswer(text);
        expect(normaliseAnswer(once)).toBe(once);
        expect(/\s/u.test(once)).toBe(false);
      }),
    );
  });

  it("reduces text of only spaces and punctuation to nothing", () => {
    expect(normaliseAnswer(" 。，！?!  \u3000…")).toBe("");
  });
});

describe("checkAnswer", () => {
  const oak = { question: "Which tree?", answers: ["The Oak", "橡树"] };

  it("accepts each answer whatever its case, width, spacing and punctuation", () => {
    for (const answer of ["the oak", "THE OAK", "Ｔｈｅ  Oak!", "theoak", "橡树", "橡 树", "橡树。", "「橡树」"]) {
      expect(checkAnswer(oak, answer)).toBe(true);
    }
  });

  it("normalises the accepted answers too", () => {
    expect(checkAnswer({ question: "?", answers: ["  ＧＩＮＫＧＯ！ "] }, "ginkgo")).toBe(true);
  });

  it("refuses a different answer, a part of one, or one with more in it", () => {
    for (const answer of ["elm", "the", "oak", "the oak tree", "橡", "橡树林"]) expect(checkAnswer(oak, answer)).toBe(false);
  });

  it("refuses an answer that normalises to nothing, even when an accepted answer does too", () => {
    expect(checkAnswer(oak, "")).toBe(false);
    expect(checkAnswer(oak, "  !!  ")).toBe(false);
    expect(checkAnswer({ question: "?", answers: ["…", "oak"] }, "。")).toBe(false);
  });
});
