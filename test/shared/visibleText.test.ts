import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DisplayName } from "../../shared/protocol/index.js";
import { normaliseChat } from "../../shared/rules/chat.js";
import { MAX_COMBINING_MARKS, capCombiningMarks, hasVisibleContent, normaliseLine } from "../../shared/rules/visibleText.js";

const ACUTE = "\u0301";
const ZWJ = "\u200d";

const EMOJI = ["❤️", "👍🏽", "👨‍👩‍👧", "🏳️‍🌈", "👁️‍🗨️", "#️⃣", "🇨🇳", "🧑🏿‍🦰", "❤️‍🔥", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"];
const REAL_NAMES = ["Nguyễn", "Nguye\u0302\u0303n", "Trần Thị Hồng", "小明", "王小红", "欧阳娜娜", "김민수", "สมชาย", "क्षत्रिय", "Zoë", "José"];

/** Pieces that exercise the rule: letters, marks, emoji parts, whitespace and the blank and zero-width characters. */
const PIECES = [
  "a", "é", "中", "ค", "क", "👍", "🏽", " ", "\n", "\t",
  ACUTE, "\u0302", "\u0303", "\u0e48", "\u094d", "\u20e3", "\ufe0f", "\ufe00",
  ZWJ, "\u200b", "\u2060", "\u3164", "\u115f", "\u1160", "\uffa0", "\u2800", "\u180e",
];
const mixedText = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 60, size: "large" }).map((parts) => parts.join(""));
const anyText = fc.oneof(mixedText, fc.string({ unit: "binary", maxLength: 40 }));
const maxMarks = fc.integer({ min: 0, max: 5 });

const withoutMarks = (s: string) => s.replace(/\p{M}/gu, "");
/** More than `max` marks with nothing that takes room between them: what the cap must never leave behind. */
const overfullRun = (max: number) => new RegExp(`\\p{M}(?:[\\p{Cf}\\p{Default_Ignorable_Code_Point}]*\\p{M}){${max}}`, "u");

describe("capCombiningMarks", () => {
  it("cuts a Zalgo stack to three marks", () => {
    expect(capCombiningMarks(`a${ACUTE.repeat(23)}`)).toBe(`a${ACUTE.repeat(3)}`);
    expect(capCombiningMarks(`Z${"\u0336\u0317\u0353\u0345".repeat(6)}algo`)).toBe("Z\u0336\u0317\u0353algo");
  });

  it("keeps three marks on one character and cuts the fourth", () => {
    const three = `ก\u0e31\u0e49\u0e4c`;
    expect(capCombiningMarks(three)).toBe(three);
    expect(capCombiningMarks(`${three}\u0e48`)).toBe(three);
  });

  it("leaves Vietnamese, Chinese and other real names unchanged", () => {
    for (const name of REAL_NAMES) expect(capCombiningMarks(name)).toBe(name);
  });

  it("leaves emoji with variation selectors, skin tones, joiners, keycaps and tags unchanged", () => {
    for (const emoji of EMOJI) expect(capCombiningMarks(emoji)).toBe(emoji);
    expect(capCombiningMarks(EMOJI.join(""))).toBe(EMOJI.join(""));
  });

  it("does not let a zero-width joiner or filler restart the count", () => {
    expect(capCombiningMarks(`a${ACUTE.repeat(3)}${ZWJ}${ACUTE.repeat(3)}`)).toBe(`a${ACUTE.repeat(3)}${ZWJ}`);
    expect(capCombiningMarks(`a${ACUTE.repeat(3)}\u3164${ACUTE.repeat(3)}b${ACUTE}`)).toBe(`a${ACUTE.repeat(3)}\u3164b${ACUTE}`);
  });

  it("counts marks on each character separately, spaces included", () => {
    expect(capCombiningMarks(`${ACUTE.repeat(5)}a${ACUTE.repeat(5)} ${ACUTE.repeat(5)}`, 2)).toBe(
      `${ACUTE.repeat(2)}a${ACUTE.repeat(2)} ${ACUTE.repeat(2)}`,
    );
    expect(capCombiningMarks(`e\u0302\u0303`, 0)).toBe("e");
  });

  it("never leaves more than max marks on one character", () => {
    fc.assert(fc.property(anyText, maxMarks, (text, max) => !overfullRun(max).test(capCombiningMarks(text, max))));
  });

  it("only removes combining marks", () => {
    fc.assert(
      fc.property(anyText, maxMarks, (text, max) => {
        const capped = capCombiningMarks(text, max);
        expect(withoutMarks(capped)).toBe(withoutMarks(text));
        expect(capped.length).toBeLessThanOrEqual(text.length);
      }),
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(anyText, maxMarks, (text, max) => {
        const once = capCombiningMarks(text, max);
        expect(capCombiningMarks(once, max)).toBe(once);
      }),
    );
  });

  it("leaves text that respects the limit unchanged", () => {
    const cluster = fc
      .tuple(fc.constantFrom("a", "中", "ค", "👍", " "), fc.array(fc.constantFrom(ACUTE, "\u0e48", "\ufe0f", "\u20e3"), { maxLength: MAX_COMBINING_MARKS }))
      .map(([base, marks]) => base + marks.join(""));
    fc.assert(
      fc.property(fc.array(cluster, { maxLength: 20 }), (clusters) => {
        const text = clusters.join("");
        expect(capCombiningMarks(text)).toBe(text);
      }),
    );
  });

  it("never changes whether the text shows anything", () => {
    fc.assert(fc.property(anyText, maxMarks, (text, max) => hasVisibleContent(capCombiningMarks(text, max)) === hasVisibleContent(text)));
  });
});

describe("hasVisibleContent", () => {
  it("sees letters, digits, punctuation and emoji", () => {
    for (const text of ["a", "0", ".", "小明", "❤️", "👍🏽", "ㄱ", ...REAL_NAMES, ...EMOJI]) expect(hasVisibleContent(text)).toBe(true);
  });

  it("does not see joiners, fillers, blanks, lone marks or whitespace", () => {
    const blanks = [
      "", " \t\n", ZWJ.repeat(5), "\u200b\u200c\u200e\u200f", "\u3164\u3164", "\u115f\u1160", "\uffa0", "\u2800\u2800",
      "\u180e", "\u2060\u2061\u2062\u2063\u2064", "\ufe0f", ACUTE.repeat(4), "\u00ad", "\u034f", "\u3000\u00a0", "\u{e0041}",
    ];
    for (const text of blanks) expect(hasVisibleContent(text), JSON.stringify(text)).toBe(false);
  });

  it("does not change when invisible characters are added", () => {
    const invisible = fc.array(fc.constantFrom(ZWJ, "\u3164", "\u2800", " ", ACUTE, "\ufe0f", "\u2063"), { maxLength: 6 }).map((a) => a.join(""));
    fc.assert(
      fc.property(anyText, invisible, fc.nat(), (text, extra, at) => {
        const i = at % (text.length + 1);
        return hasVisibleContent(text.slice(0, i) + extra + text.slice(i)) === hasVisibleContent(text);
      }),
    );
  });
});

describe("DisplayName and chat share the rule", () => {
  it("refuses a name of zero-width joiners, Hangul fillers or braille blanks", () => {
    for (const name of [ZWJ.repeat(3), "\u3164\u3164\u3164", "\u115f", "\u2800 \u2800", `${ZWJ}\u3164${ACUTE}`]) {
      const parsed = DisplayName.safeParse(name);
      expect(parsed.success, JSON.stringify(name)).toBe(false);
      // Not too_big: the server answers INVALID_JOIN, not NAME_TOO_LONG.
      expect(parsed.error?.issues.some((i) => i.code === "too_big")).toBe(false);
    }
  });

  it("caps marks in a name before measuring it", () => {
    expect(DisplayName.parse(`a${ACUTE.repeat(23)}`)).toBe(`a${ACUTE.repeat(3)}`);
    expect(DisplayName.parse(`Ada${ZWJ}${ACUTE.repeat(30)}`)).toBe(`Ada${ZWJ}${ACUTE.repeat(3)}`);
  });

  it("keeps real names and emoji names as typed", () => {
    for (const name of [...REAL_NAMES, "👨‍👩‍👧", "Ada ❤️", "Bo 👍🏽"]) expect(DisplayName.parse(name)).toBe(name);
  });

  it("caps marks in chat and refuses a line that shows nothing", () => {
    expect(normaliseChat(`hi${ACUTE.repeat(40)} there`)).toBe(`hi${ACUTE.repeat(3)} there`);
    expect(normaliseChat(`${ZWJ}${ZWJ}\n\u3164`)).toBeNull();
    expect(normaliseChat("\u2800\u2800\u2800")).toBeNull();
    expect(normaliseChat("Nguyễn 👨‍👩‍👧 ❤️")).toBe("Nguyễn 👨‍👩‍👧 ❤️");
  });
});

describe("normaliseLine", () => {
  it("keeps one line: controls and format characters out (the emoji joiner stays), whitespace collapsed, marks capped", () => {
    expect(normaliseLine(`  Spring\u200b  salon \u2028 👨‍👩‍👧  `)).toBe("Spring salon 👨‍👩‍👧");
    expect(normaliseLine(`Zoe${ACUTE.repeat(9)}`)).toBe(`Zoe${ACUTE.repeat(MAX_COMBINING_MARKS)}`);
  });

  it("is idempotent", () => {
    fc.assert(fc.property(anyText, (text) => normaliseLine(normaliseLine(text)) === normaliseLine(text)));
  });
});
