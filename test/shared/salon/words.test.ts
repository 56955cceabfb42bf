import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { wordCloud, wordsOf } from "../../../shared/rules/salon/words.js";
import { WORD_CLOUD_SIZE, type OpenAnswer, type Poll } from "../../../shared/rules/salon/types.js";

function openText(texts: readonly string[], hiddenWords: readonly string[] = []): Poll {
  const answers: Record<string, OpenAnswer> = {};
  for (const [i, text] of texts.entries()) answers[`m${i}`] = { text, at: 1_000 + i, name: `Member ${i}` };
  return {
    id: "p1",
    kind: "open",
    question: "One word for AI in education?",
    options: [],
    correct: [],
    openedAt: 1_000,
    closesAt: null,
    closedAt: null,
    locked: false,
    resultsShown: true,
    ballots: {},
    answers,
    hiddenWords,
  };
}

describe("wordsOf", () => {
  it("splits Chinese into words", () => {
    expect(wordsOf("人工智能改变教育")).toEqual(["人工", "智能", "改变", "教育"]);
  });

  it("splits English by words, lower-cased", () => {
    expect(wordsOf("AI will change education")).toEqual(["ai", "will", "change", "education"]);
  });

  it("splits a mixed answer and drops punctuation and spaces", () => {
    expect(wordsOf("AI改变教育！")).toEqual(["ai", "改变", "教育"]);
    expect(wordsOf("你好，世界！ Hello, world...")).toEqual(["你好", "世界", "hello", "world"]);
    expect(wordsOf(" ，。!? ")).toEqual([]);
    expect(wordsOf("")).toEqual([]);
  });

  it("normalises full-width letters and digits (NFKC) before lower-casing", () => {
    expect(wordsOf("ＡＩ ２０２４")).toEqual(["ai", "2024"]);
  });

  it("leaves out every stop word, in both languages", () => {
    const chinese = "的 了 是 在 和 也 就 都 而 及 与 着 或 一个 我 你 他 她 它 我们";
    const english = "the a an and or of to in on is are be it this that for with as at by i you we";
    expect(wordsOf(chinese)).toEqual([]);
    expect(wordsOf(english)).toEqual([]);
    expect(wordsOf(english.toUpperCase())).toEqual([]);
    expect(wordsOf("我们的未来")).toEqual(["未来"]);
    expect(wordsOf("The future is ours")).toEqual(["future", "ours"]);
  });

  it("keeps words that only contain a stop word", () => {
    expect(wordsOf("theory island bean")).toEqual(["theory", "island", "bean"]);
  });

  it("leaves out single Latin letters and digits but keeps a single Chinese character and longer numbers", () => {
    expect(wordsOf("x 3 Z 42 ab")).toEqual(["42", "ab"]);
    expect(wordsOf("2024年")).toEqual(["2024", "年"]);
    expect(wordsOf("é ü ç")).toEqual([]);
    expect(wordsOf("я 𝟗 ٣")).toEqual(["я"]);
  });

  it("counts each word once per answer, in the order they first appear", () => {
    expect(wordsOf("AI ai Ai learning AI")).toEqual(["ai", "learning"]);
    expect(wordsOf("教育教育 education")).toEqual(["教育", "education"]);
  });
});

describe("wordCloud", () => {
  it("counts, for each word, the answers that hold it, most frequent first", () => {
    const poll = openText(["人工智能改变教育", "AI will change education", "AI改变教育", "AI AI AI"]);
    expect(wordCloud(poll, WORD_CLOUD_SIZE)).toEqual([
      { word: "ai", count: 3 },
      { word: "改变", count: 2 },
      { word: "教育", count: 2 },
      { word: "人工", count: 1 },
      { word: "智能", count: 1 },
      { word: "change", count: 1 },
      { word: "education", count: 1 },
      { word: "will", count: 1 },
    ]);
  });

  it("orders equal counts by Chinese collation (pinyin for Chinese, which comes before Latin)", () => {
    // Code-unit order would give "apple", "张开", "李子"; pinyin gives 李子 (li) before 张开 (zhang).
    expect(wordCloud(openText(["张开", "apple", "李子"]), 10).map((w) => w.word)).toEqual(["李子", "张开", "apple"]);
  });

  it("orders words the collation finds equal by code unit, so the order is total", () => {
    // A soft hyphen is ignored by the collation but makes a different word.
    expect(wordCloud(openText(["a\u00adb", "ab"]), 10).map((w) => w.word)).toEqual(["ab", "a\u00adb"]);
    expect(wordCloud(openText(["ab", "a\u00adb"]), 10).map((w) => w.word)).toEqual(["ab", "a\u00adb"]);
    expect(wordCloud(openText(["a\u00adc", "ac", "a\u00adb", "ab"]), 10).map((w) => w.word)).toEqual(["ab", "a\u00adb", "ac", "a\u00adc"]);
  });

  it("leaves hidden words out, and counts the rest as before", () => {
    const poll = openText(["AI改变教育", "AI will change education"], ["ai", "will"]);
    expect(wordCloud(poll, 10)).toEqual([
      { word: "改变", count: 1 },
      { word: "教育", count: 1 },
      { word: "change", count: 1 },
      { word: "education", count: 1 },
    ]);
  });

  it("keeps at most `size` words, the most frequent", () => {
    const poll = openText(["tea coffee water", "tea coffee", "tea"]);
    expect(wordCloud(poll, 2)).toEqual([
      { word: "tea", count: 3 },
      { word: "coffee", count: 2 },
    ]);
    expect(wordCloud(poll, 3)).toHaveLength(3);
    expect(wordCloud(poll, 0)).toEqual([]);
  });

  it("is empty without answers", () => {
    expect(wordCloud(openText([]), 10)).toEqual([]);
  });
});

describe("word clouds (properties)", () => {
  it("never counts a word more often than there are answers, nor shows a hidden word, and sorts by count", () => {
    const text = fc.array(fc.constantFrom("人工智能", "改变", "教育", "AI", "will", "change", "the", "我们", "x", "，", " "), { maxLength: 8 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 12 }), fc.subarray(["ai", "教育", "change"]), fc.integer({ min: 0, max: 12 }), (texts, hidden, size) => {
        const cloud = wordCloud(openText(texts, hidden), size);
        expect(cloud.length).toBeLessThanOrEqual(size);
        for (const { word, count } of cloud) {
          expect(hidden).not.toContain(word);
          expect(count).toBe(texts.filter((t) => wordsOf(t).includes(word)).length);
          expect(count).toBeGreaterThan(0);
        }
        for (let i = 1; i < cloud.length; i++) expect((cloud[i - 1] as { count: number }).count).toBeGreaterThanOrEqual((cloud[i] as { count: number }).count);
      }),
    );
  });
});
