import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { STOP_WORDS, WORDS_MAX_CHARS, addLine, createWordTally, hotWords, lineSentiment, lineWords } from "../../../shared/rules/stats/words.js";

describe("lineWords", () => {
  it.each([
    ["今天的分享很精彩，我们收获很多！", ["今天", "分享", "精彩", "收获", "很多"]],
    ["这个讲座太无聊了，浪费时间", ["讲座", "无聊", "浪费", "时间"]],
    ["这个功能好用吗？", ["功能", "好用"]],
    ["Thanks for the great talk about TypeScript!", ["thanks", "great", "talk", "typescript"]],
    ["I love it but the sound is awful, so annoying", ["love", "sound", "awful", "annoying"]],
  ])("splits %j into its words", (line, words) => {
    expect(lineWords(line)).toEqual(words);
  });

  it("splits mixed Chinese and English, full-width letters made half-width and lower case", () => {
    // 哪个 is 哪 and 个, both function words.
    expect(lineWords("Ｒｅａｃｔ和Vue哪个适合新手？")).toEqual(["react", "vue", "适合", "新手"]);
  });

  it("drops stop words of both languages", () => {
    expect(lineWords("我们的 the and 什么 you 吗")).toEqual([]);
    expect(lineWords("The tree is on the stage")).toEqual(["tree", "stage"]);
  });

  it("drops a word the segmenter glued from function words", () => {
    expect(lineWords("我不喜欢这个环节")).toEqual(["喜欢", "环节"]);
  });

  it("drops numbers and single Latin letters but keeps words with digits and single CJK words", () => {
    expect(lineWords("a b c 1 2 3 3.5 1,000 666")).toEqual([]);
    expect(lineWords("b2b web3 x")).toEqual(["b2b", "web3"]);
    expect(lineWords("树")).toEqual(["树"]);
  });

  it("drops punctuation and emoji", () => {
    expect(lineWords("！！！。。。👍👍 ...")).toEqual([]);
  });

  it("counts a word once per line, in the order it first appears", () => {
    expect(lineWords("支持支持！Support SUPPORT support")).toEqual(["支持", "support"]);
  });

  it("reads a long line by its start", () => {
    const line = `${"讲座 ".repeat(WORDS_MAX_CHARS)}结尾`;
    expect(lineWords(line)).toEqual(["讲座"]);
  });

  it("keeps no stop word and no upper case, whatever the line", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (line) => {
        for (const word of lineWords(line)) {
          expect(STOP_WORDS.has(word)).toBe(false);
          expect(word).toBe(word.toLowerCase());
          expect(word).not.toMatch(/^\d+$/);
        }
      }),
    );
  });
});

describe("STOP_WORDS", () => {
  it("holds the common function words of both languages", () => {
    for (const word of ["的", "了", "是", "我们", "什么", "the", "a", "and", "you"]) expect(STOP_WORDS.has(word)).toBe(true);
    expect(STOP_WORDS.size).toBeGreaterThanOrEqual(100);
  });
});

describe("lineSentiment", () => {
  it.each(["今天的分享很精彩", "谢谢老师", "超喜欢这个树", "这个功能好用", "Thanks for the great talk", "awesome demo", "支持！"])(
    "scores praise positive: %j",
    (line) => {
      expect(lineSentiment(line)).toBe(1);
    },
  );

  it.each(["这个讲座太无聊了，浪费时间", "声音卡了，听不清楚，太烦了", "this is so boring and the audio keeps lagging"])(
    "scores a line the classifier tags negative -1: %j",
    (line) => {
      expect(lineSentiment(line)).toBe(-1);
    },
  );

  it("scores a line both negative and positive -1", () => {
    expect(lineSentiment("I love it but the sound is awful, so annoying")).toBe(-1);
  });

  it.each(["什么时候开始？", "Where is the stage?", "不精彩", "没收获", "别感谢我", "never amazing", "hardly useful"])("scores a neutral or negated line 0: %j", (line) => {
    expect(lineSentiment(line)).toBe(0);
  });

  it("reads full-width English", () => {
    expect(lineSentiment("ＧＲＥＡＴ")).toBe(1);
  });
});

describe("hot words", () => {
  it("counts words over lines, most frequent first, then by word", () => {
    const tally = createWordTally();
    addLine(tally, "精彩的讲座"); // 精彩 讲座, +1
    addLine(tally, "讲座太无聊了，浪费时间"); // 讲座 无聊 浪费 时间, -1
    addLine(tally, "讲座 讲座 时间"); // 讲座 时间, 0
    addLine(tally, "的了吗"); // no words
    expect(tally.lines).toBe(4);
    expect(hotWords(tally, 10)).toEqual([
      { word: "讲座", count: 3, sentiment: 0 },
      { word: "时间", count: 2, sentiment: -0.5 },
      { word: "无聊", count: 1, sentiment: -1 },
      { word: "浪费", count: 1, sentiment: -1 },
      { word: "精彩", count: 1, sentiment: 1 },
    ]);
  });

  it("stops at the limit and breaks ties by word", () => {
    const tally = createWordTally();
    addLine(tally, "zeta alpha");
    addLine(tally, "zeta beta");
    expect(hotWords(tally, 2)).toEqual([
      { word: "zeta", count: 2, sentiment: 0 },
      { word: "alpha", count: 1, sentiment: 0 },
    ]);
    expect(hotWords(tally, 0)).toEqual([]);
  });

  it("rounds the mean sentiment to two decimals", () => {
    const tally = createWordTally();
    addLine(tally, "great stage");
    addLine(tally, "stage door");
    addLine(tally, "stage left");
    expect(hotWords(tally, 1)).toEqual([{ word: "stage", count: 3, sentiment: 0.33 }]);
    addLine(tally, "awesome stage");
    addLine(tally, "awesome stage");
    addLine(tally, "stage");
    expect(hotWords(tally, 1)).toEqual([{ word: "stage", count: 6, sentiment: 0.5 }]);
  });

  it("returns each line's sentiment, with words or without", () => {
    const tally = createWordTally();
    expect(addLine(tally, "谢谢老师")).toBe(1);
    expect(addLine(tally, "这个讲座太无聊了，浪费时间")).toBe(-1);
    expect(addLine(tally, "什么时候开始？")).toBe(0);
    expect(addLine(tally, "谢谢老师")).toBe(1);
    const parts = ["烦死了", "气死我了", "的", "了", "666", "谢谢", "不", "喜欢", "the", "boring", "great", "！"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 6 }), (chosen) => {
        const line = chosen.join("");
        expect(addLine(tally, line)).toBe(lineSentiment(line));
      }),
    );
  });

  it("counts a repeated line every time", () => {
    const tally = createWordTally();
    for (let i = 0; i < 3; i++) addLine(tally, "谢谢老师");
    expect(hotWords(tally, 5)).toEqual([
      { word: "老师", count: 3, sentiment: 1 },
      { word: "谢谢", count: 3, sentiment: 1 },
    ]);
  });

  it("gives the same words as counting each line's lineWords, with any number of distinct lines", () => {
    const vocabulary = ["讲座", "精彩", "无聊", "tree", "great", "stage", "的", "the", "42"];
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...vocabulary), { maxLength: 5 }), { maxLength: 30 }), (lines) => {
        const tally = createWordTally();
        const counts = new Map<string, number>();
        for (const parts of lines) {
          const line = parts.join(" ");
          addLine(tally, line);
          for (const word of lineWords(line)) counts.set(word, (counts.get(word) ?? 0) + 1);
        }
        const hot = hotWords(tally, 100);
        expect(new Map(hot.map((h) => [h.word, h.count]))).toEqual(counts);
        for (let i = 1; i < hot.length; i++) {
          const [a, b] = [hot[i - 1]!, hot[i]!];
          expect(a.count > b.count || (a.count === b.count && a.word < b.word)).toBe(true);
        }
      }),
    );
  });

  it("stays right past the remembered lines", () => {
    const tally = createWordTally();
    for (let i = 0; i < 10_050; i++) addLine(tally, `line${i} stage`);
    addLine(tally, "line0 stage");
    const hot = hotWords(tally, 2);
    expect(hot).toEqual([
      { word: "stage", count: 10_051, sentiment: 0 },
      { word: "line0", count: 2, sentiment: 0 },
    ]);
  });
});
