import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultExceptions, defaultWords } from "../../../server/moderation/words.js";
import { MASK, buildFilter, effectiveWords, filterText, findMatches, matchKey, type WordFilter } from "../../../shared/rules/moderation/filter.js";

const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"];

/** The shipped lists, as an event without changes filters. */
const shipped = buildFilter(defaultWords(), defaultExceptions());
const small = buildFilter(["fuck", "shit", "ass", "cunt", "sex", "傻逼", "操", "操你妈", "贱人", "鸡巴", "blow job"], ["操作", "体操", "操场"]);

function expectMasked(filter: WordFilter, text: string, masked: string, words?: string[]): void {
  const result = filterText(filter, text);
  expect(result.text).toBe(masked);
  expect(result.masked).toBe(true);
  if (words) expect(result.words).toEqual(words);
}

function expectUntouched(filter: WordFilter, text: string): void {
  expect(filterText(filter, text)).toEqual({ text, masked: false, words: [] });
}

/** ASCII letters and digits as their full-width forms (Ａ for A). */
const fullWidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe("filterText: English dodges", () => {
  it("masks a listed word in any case", () => {
    expectMasked(small, "fuck", MASK, ["fuck"]);
    expectMasked(small, "FUCK this", `${MASK} this`);
    expectMasked(small, "Oh ShIt!", `Oh ${MASK}!`, ["shit"]);
  });

  it("masks full-width, circled and mathematical letters (NFKC)", () => {
    expectMasked(small, fullWidth("FUCK you"), `${MASK}${fullWidth(" you")}`);
    expectMasked(small, "ⓕⓤⓒⓚ", MASK);
    expectMasked(small, "𝐟𝐮𝐜𝐤 off", `${MASK} off`);
  });

  it("masks letters with spaces or punctuation between them, the dodges with them", () => {
    expectMasked(small, "f u c k", MASK);
    expectMasked(small, "f.u.c.k you", `${MASK} you`);
    expectMasked(small, "well f-u-c-k it", `well ${MASK} it`);
    expectMasked(small, "s_h_i_t!", `${MASK}!`);
    expectMasked(small, "fu.ck", MASK);
    expectMasked(small, "f  .  u  c k", MASK);
  });

  it("masks letters with zero-width characters between them", () => {
    for (const zw of ZERO_WIDTH) expectMasked(small, `say fu${zw}c${zw}k now`, `say ${MASK} now`, ["fuck"]);
  });

  it("masks repeated letters, and a word's own double letter needs two", () => {
    expectMasked(small, "fuuuuuck", MASK);
    expectMasked(small, "shiiiiit", MASK);
    expectMasked(small, "ffffuck", MASK);
    expectMasked(small, "what an asssss", `what an ${MASK}`, ["ass"]);
    expectMasked(small, "a s s", MASK);
    expectUntouched(small, "as");
    expectUntouched(small, "as you like");
  });

  it("masks accented letters and Cyrillic look-alikes", () => {
    expectMasked(small, "fück", MASK);
    expectMasked(small, "fu\u0301ck", MASK);
    expectMasked(small, "fuсk", MASK); // Cyrillic с
    expectMasked(small, "ѕhit", MASK); // Cyrillic ѕ
  });

  it("keeps every character outside a match as it was", () => {
    expectMasked(small, "  Well,\tF.U.C.K this — 真的 😡 ", `  Well,\t${MASK} this — 真的 😡 `);
    expectMasked(small, "我fuck你", `我${MASK}你`);
  });

  it("masks a listed word next to Chinese characters and digits", () => {
    expectMasked(small, "这什么shit啊", `这什么${MASK}啊`);
    expectMasked(small, "fuck123", `${MASK}123`);
  });

  it("masks a listed phrase with or without its space", () => {
    expectMasked(small, "blow job", MASK, ["blow job"]);
    expectMasked(small, "blowjob", MASK, ["blow job"]);
    expectMasked(small, "blow-job", MASK);
  });

  it("does not join two words into a listed one", () => {
    const filter = buildFilter(["anus"]);
    expectUntouched(filter, "an us company");
    expectMasked(filter, "a n u s", MASK);
    expectMasked(filter, "an.us", MASK);
  });

  it("masks each of several matches and lists each word once, in order of first match", () => {
    expectMasked(small, "shit, fuck and SHIT", `${MASK}, ${MASK} and ${MASK}`, ["shit", "fuck"]);
  });

  it("never crosses a mask, so filtering a masked line again changes nothing", () => {
    expectUntouched(small, `a.${MASK}.ss`);
    const once = filterText(small, "a. 傻逼 .ss and f u c k 傻逼ass");
    expect(filterText(small, once.text).text).toBe(once.text);
  });
});

describe("filterText: Chinese dodges", () => {
  it("masks a listed word in Chinese text", () => {
    expectMasked(small, "你这个傻逼", `你这个${MASK}`, ["傻逼"]);
  });

  it("masks the traditional form of a listed simplified word", () => {
    expectMasked(small, "你這個賤人", `你這個${MASK}`, ["贱人"]);
    expectMasked(small, "操你媽", MASK, ["操", "操你妈"]);
    expectMasked(small, "雞巴", MASK, ["鸡巴"]);
    expectMasked(shipped, "幹你娘", MASK, ["干你娘"]);
  });

  it("masks a simplified text with a list written in traditional characters", () => {
    const traditional = buildFilter(["賤人"]);
    expectMasked(traditional, "贱人", MASK, ["賤人"]);
  });

  it("masks characters with spaces, symbols or zero-width characters between them", () => {
    expectMasked(small, "傻 逼", MASK);
    expectMasked(small, "傻*逼", MASK);
    expectMasked(small, "傻.逼!", `${MASK}!`);
    expectMasked(small, "傻😡逼", MASK);
    for (const zw of ZERO_WIDTH) expectMasked(small, `你傻${zw}逼`, `你${MASK}`);
  });

  it("masks repeated characters", () => {
    expectMasked(small, "傻逼逼逼", MASK);
    expectMasked(small, "傻傻逼", MASK);
    expectMasked(small, "傻 傻 逼", MASK);
  });

  it("masks a pinyin abbreviation in full-width letters", () => {
    expectMasked(shipped, "你是ＳＢ吗", `你是${MASK}吗`, ["sb"]);
  });

  it("does not join characters across a comma or full stop", () => {
    expectUntouched(small, "你太傻，逼得我没办法");
    expectUntouched(small, "太傻。逼他也没用");
  });
});

describe("filterText: words that must not be masked", () => {
  it("leaves English words that contain a listed word alone (the real list)", () => {
    const words = [
      "Scunthorpe", "scunthorpe united", "assassin", "class", "classic", "grass", "bass", "passage", "assess", "cocktail",
      "peacock", "Hancock", "cockpit", "Dickens", "Dickinson", "Sussex", "Essex", "Middlesex", "analysis", "analyst",
      "therapist", "specialist", "title", "Titanic", "butter", "button", "document", "cumulative", "circumstance",
      "shitake", "Matsushita", "sextant", "arsenal", "hello", "glass", "embarrass", "pussycat", "bassist", "sushi",
    ];
    for (const word of words) expectUntouched(shipped, word);
    expectUntouched(shipped, words.join(" "));
  });

  it("leaves a listed word inside a longer word alone even with dodge characters around it", () => {
    expectUntouched(shipped, "scun\u200bthorpe");
    expectUntouched(shipped, "CLASS");
    expectUntouched(shipped, fullWidth("assassin"));
  });

  it("leaves Chinese words that contain a listed character alone", () => {
    for (const text of ["我来操作一下", "体操比赛", "在操场上跑步", "曹操", "节操碎了一地", "别操心了", "操纵杆", "艺术体操", "做早操"]) {
      expectUntouched(shipped, text);
    }
    for (const text of ["生日你妈妈送了什么", "你妈逼你学琴吗", "智障人士", "印度支那", "杂种优势", "强奸民意", "这是狗屎运"]) {
      expectUntouched(shipped, text);
    }
  });

  it("still masks the listed character where no exception covers it", () => {
    expectMasked(shipped, "我操", `我${MASK}`, ["操"]);
    expectMasked(shipped, "操！", `${MASK}！`);
    expectMasked(shipped, "操作个屁，我操", `操作个屁，我${MASK}`);
    expectMasked(shipped, "你是智障吧", `你是${MASK}吧`);
  });

  it("cancels a match only where an exception covers all of it", () => {
    const filter = buildFilter(["操你妈"], ["体操"]);
    expectMasked(filter, "体操你妈", `体${MASK}`);
    expectUntouched(buildFilter(["操"], ["操作"]), "操 作");
    expectMasked(buildFilter(["操"], ["操作"]), "操作操", `操作${MASK}`);
  });

  it("leaves English phrases of the exceptions alone", () => {
    expectUntouched(shipped, "She graduated magna cum laude");
    expectUntouched(shipped, "tit for tat");
    expectMasked(shipped, "the cum", `the ${MASK}`);
  });
});

describe("findMatches", () => {
  it("gives each match's span in the original text and its list word", () => {
    expect(findMatches(small, "oh f.u.c.k, 傻 逼")).toEqual([
      { start: 3, end: 10, word: "fuck" },
      { start: 12, end: 15, word: "傻逼" },
    ]);
  });

  it("takes a mark or zero-width character after the last letter into the span", () => {
    expect(findMatches(small, "fuck\u200b!")).toEqual([{ start: 0, end: 5, word: "fuck" }]);
  });

  it("counts UTF-16 offsets past characters outside the BMP", () => {
    expect(findMatches(small, "😀𝐟uck")).toEqual([{ start: 2, end: 7, word: "fuck" }]);
  });
});

describe("buildFilter", () => {
  it("keeps one spelling per normalised word, the first", () => {
    const filter = buildFilter([" Fuck ", "FUCK", "ｆｕｃｋ", "賤人", "贱人", "", "  ", "***", "!!"]);
    expect(filter.words).toEqual(["Fuck", "賤人"]);
    expectMasked(filter, "fuck", MASK, ["Fuck"]);
  });

  it("matches a list of many different characters only where whole characters match", () => {
    // 95 different characters take two-character codes in the automaton (the first word's in its order, then
    // the second's): the end of one character's code and the start of the next must not read as a third.
    const chars = Array.from({ length: 400 }, (_, i) => String.fromCodePoint(0x4e00 + i)).filter((ch) => matchKey(ch) === ch).slice(0, 95);
    expect(chars).toHaveLength(95);
    const filter = buildFilter([chars.slice(0, 94).join(""), chars[94]!]);
    expectUntouched(filter, chars[1]! + chars[0]!);
    expectMasked(filter, chars[1]! + chars[94]! + chars[0]!, chars[1]! + MASK + chars[0]!, [chars[94]!]);
  });

  it("matches nothing with an empty list", () => {
    expectUntouched(buildFilter([]), "fuck 傻逼");
    expectUntouched(buildFilter([], ["操作"]), "操作");
  });
});

describe("matchKey", () => {
  it("reads case, widths, marks, dodges and traditional characters alike", () => {
    expect(matchKey("F.u\u200bCK")).toBe("fuck");
    expect(matchKey("ｆüｃｋ")).toBe("fuck");
    expect(matchKey("幹你娘")).toBe("干你娘");
    expect(matchKey("!!!")).toBe("");
  });
});

describe("effectiveWords", () => {
  it("adds the host's words to the defaults and takes out the removed ones", () => {
    expect(effectiveWords(["fuck", "shit", "傻逼"], ["jerk"], ["shit"])).toEqual(["fuck", "傻逼", "jerk"]);
  });

  it("removes by the normalised form: case, width and traditional characters", () => {
    expect(effectiveWords(["fuck", "贱人", "shit"], [], ["ＦＵＣＫ", "賤人"])).toEqual(["shit"]);
  });

  it("lets a removal win over an addition", () => {
    expect(effectiveWords(["fuck"], ["jerk"], ["jerk"])).toEqual(["fuck"]);
  });

  it("keeps each word once, trimmed and as first spelled, and drops words that can never match", () => {
    expect(effectiveWords(["Fuck", " shit "], ["FUCK", "", "***", "shit", "jerk"], [])).toEqual(["Fuck", "shit", "jerk"]);
  });
});

describe("hostile input", () => {
  it("never throws on lone surrogates, controls, RTL text, emoji sequences and long lines", () => {
    const texts = [
      "\ud800", "\udc00fuck\ud800", "fu\ud800ck", "\u0000\u0001fuck\u007f", "\u202efuck\u202c", "مرحبا fuck שלום",
      "👨‍👩‍👧 fuck 🏳️‍🌈", "🇨🇳🇺🇸", "a\u0301".repeat(2000), "x".repeat(10_000), "fuck ".repeat(2_000), "操作".repeat(5_000),
      "f u ".repeat(2_500), "xx ".repeat(3_400), "傻".repeat(10_000),
    ];
    for (const text of texts) {
      const result = filterText(shipped, text);
      expect(typeof result.text).toBe("string");
    }
    expect(filterText(shipped, "fuck ".repeat(2_000)).text).toBe(`${MASK} `.repeat(2_000));
    expect(filterText(shipped, "x".repeat(10_000)).text).toBe(MASK);
    expect(filterText(shipped, "操作".repeat(5_000)).masked).toBe(false);
  });

  it("filters a 10 KB line of dodges, every repeat masked and the innocent words kept", () => {
    const line = "f.u.c.k 傻 逼 scunthorpe 操作 ".repeat(400).slice(0, 10_000);
    const result = filterText(shipped, line);
    expect(result.words).toEqual(["fuck", "傻逼"]);
    expect(result.text.split("scunthorpe 操作").length - 1).toBe(line.split("scunthorpe 操作").length - 1);
    expect(result.text).not.toMatch(/f\.u\.c\.k|傻 逼/);
  });
});

describe("the shipped lists", () => {
  it("mask every listed word written on its own", () => {
    for (const word of shipped.words) expect(filterText(shipped, word).text, word).toBe(MASK);
  });

  it("mask every listed word behind dodges: case, full width and zero-width characters", () => {
    fc.assert(
      fc.property(fc.constantFrom(...shipped.words), fc.constantFrom(...ZERO_WIDTH), fc.boolean(), (word, zw, wide) => {
        const dodged = [...(wide ? fullWidth(word.toUpperCase()) : word.toUpperCase())].join(zw);
        expect(filterText(shipped, `hey ${dodged} !`).text).toBe(`hey ${MASK} !`);
      }),
    );
  });

  it("hold exceptions that each cover a listed word and keep it from being masked", () => {
    const without = buildFilter(shipped.words);
    for (const exception of shipped.exceptions) {
      expect(filterText(without, exception).masked, exception).toBe(true);
      expect(filterText(shipped, exception).masked, exception).toBe(false);
    }
  });
});

describe("properties", () => {
  /** Pieces of chat: listed words, their dodges, words that hold listed ones, separators, marks and emoji. */
  const PIECES = [
    "fuck", "f.u.c.k", "f u c k", "FUUUCK", "ass", "a s s", "as", "class", "assassin", "Scunthorpe", "shit", "sh1t",
    "傻逼", "傻 逼", "傻", "逼", "操", "操作", "体操", "作", "你", "妈", "好", "。", "，", " ", "  ", ".", "-", "*", "***",
    "\u200b", "\u00ad", "\u0301", "😡", "👨‍👩‍👧", "ｆ", "Ｕ", "x", "s", "a", "k", "é", "\ud800",
  ];
  const chat = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join(""));
  const anyText = fc.oneof(chat, fc.string({ unit: "binary", maxLength: 60 }));

  it("never throws, and keeps every character outside the masked spans", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const matches = findMatches(shipped, text);
        const result = filterText(shipped, text);
        let rebuilt = "";
        let from = 0;
        for (const m of matches) {
          // A match that starts inside the previous one shares its mask.
          if (m.start >= from) rebuilt += text.slice(from, m.start) + MASK;
          from = Math.max(from, m.end);
        }
        rebuilt += text.slice(from);
        expect(result.text).toBe(rebuilt);
        expect(result.masked).toBe(matches.length > 0);
        expect(result.masked).toBe(result.text !== text);
        for (const word of result.words) expect(shipped.words).toContain(word);
      }),
    );
  });

  it("leaves a text unchanged when it holds no listed word", () => {
    // Listed words made of q, z and w only; the text has none of those letters.
    const filter = buildFilter(["qzq", "zwz", "wqw", "qq"]);
    const text = fc.string({ unit: "binary", maxLength: 80 }).map((s) => s.replace(/[qzwQZWｑｚｗＱＺＷ]/g, ""));
    fc.assert(fc.property(text, (s) => {
      expect(filterText(filter, s)).toEqual({ text: s, masked: false, words: [] });
    }));
  });

  it("leaves sentences of innocent words unchanged (the real lists)", () => {
    const english = ["class", "assassin", "cocktail", "Scunthorpe", "Dickens", "Sussex", "analysis", "grass", "passage", "therapist",
      "title", "button", "document", "specialist", "hello", "the", "and", "an", "us", "as", "is", "it", "to"];
    const chinese = ["操作", "体操", "操场", "曹操", "节操", "今天", "天气", "不错", "我们", "一起", "去", "玩", "吧", "大家", "好"];
    const separator = fc.constantFrom(" ", ", ", ". ", "，", "。", "！", "\n");
    const sentence = fc.array(fc.tuple(fc.constantFrom(...english, ...chinese), separator), { maxLength: 20 })
      .map((parts) => parts.map(([word, sep]) => word + sep).join(""));
    fc.assert(fc.property(sentence, (s) => {
      expect(filterText(shipped, s).text).toBe(s);
    }));
  });

  it("changes nothing when filtering its own output again", () => {
    fc.assert(
      fc.property(chat, (text) => {
        const once = filterText(shipped, text).text;
        expect(filterText(shipped, once).text).toBe(once);
      }),
    );
  });
});
