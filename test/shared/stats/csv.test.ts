import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { csvCell, plainDecimal, toCsv, toJson } from "../../../shared/rules/stats/csv.js";

/** A small RFC 4180 reader, written here from the RFC (not from csv.ts): fields, quoted fields with "" escapes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (c === '"' || c === "\r" || c === "\n") {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error("unterminated quote");
  if (field !== "" || record.length > 0) throw new Error("last record without CRLF");
  return records;
}

const COLUMNS = [
  { key: "name", header: "Name" },
  { key: "sessions", header: "Sessions" },
];

describe("toCsv", () => {
  it("starts with a UTF-8 BOM and ends every record with CRLF", () => {
    expect(toCsv(COLUMNS, [{ name: "Ann", sessions: 3 }])).toBe("\ufeffName,Sessions\r\nAnn,3\r\n");
  });

  it("writes only the header for no rows", () => {
    expect(toCsv(COLUMNS, [])).toBe("\ufeffName,Sessions\r\n");
  });

  it("takes the columns' keys in the columns' order and ignores other keys", () => {
    const csv = toCsv(
      [
        { key: "b", header: "B" },
        { key: "a", header: "A" },
      ],
      [{ a: 1, b: 2, c: 3 }],
    );
    expect(csv).toBe("\ufeffB,A\r\n2,1\r\n");
  });

  it("leaves null, undefined and missing values empty", () => {
    expect(toCsv(COLUMNS, [{ name: null, sessions: undefined }, {}])).toBe("\ufeffName,Sessions\r\n,\r\n,\r\n");
  });

  it("keeps Chinese text as it is", () => {
    const csv = toCsv(COLUMNS, [{ name: "小明（主持人）", sessions: 12 }]);
    expect(csv).toBe("\ufeffName,Sessions\r\n小明（主持人）,12\r\n");
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it("quotes cells with a comma, a quote, CR or LF and doubles the quotes", () => {
    const csv = toCsv([{ key: "v", header: "say \"hi\"" }], [{ v: "a,b" }, { v: 'he said "ok"' }, { v: "two\nlines" }, { v: "x\ry" }]);
    expect(csv).toBe('\ufeff"say ""hi"""\r\n"a,b"\r\n"he said ""ok"""\r\n"two\nlines"\r\n"x\ry"\r\n');
  });

  it("reads back through an RFC 4180 reader", () => {
    const rows = [
      { name: '王 "小" 五, 上海', sessions: 1.5 },
      { name: "line\r\nbreak", sessions: -2 },
    ];
    expect(parseCsv(toCsv(COLUMNS, rows).slice(1))).toEqual([
      ["Name", "Sessions"],
      ['王 "小" 五, 上海', "1.5"],
      ["line\r\nbreak", "-2"],
    ]);
  });
});

describe("csvCell: formulas", () => {
  it.each([
    ["=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""],
    ["=1+1", "'=1+1"],
    ["+86 138", "'+86 138"],
    ["-cmd", "'-cmd"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "\"'\rx\""],
    ["-", "'-"],
    ["-1e5", "'-1e5"],
    ["- 3", "'- 3"],
  ])("neutralises %j", (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it("leaves plain negative numbers alone, as numbers and as text", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(-0.25)).toBe("-0.25");
    expect(csvCell("-42")).toBe("-42");
    expect(csvCell("-4.5")).toBe("-4.5");
  });

  it("leaves a formula character inside a cell alone", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(" =1")).toBe(" =1");
  });

  it("neutralises headers too", () => {
    expect(toCsv([{ key: "k", header: "=x" }], [])).toBe("\ufeff'=x\r\n");
  });
});

describe("csvCell: values", () => {
  it("writes numbers as plain decimals", () => {
    expect(csvCell(0)).toBe("0");
    expect(csvCell(-0)).toBe("0");
    expect(csvCell(0.1)).toBe("0.1");
    expect(csvCell(1e21)).toBe("1000000000000000000000");
    expect(csvCell(1.5e-7)).toBe("0.00000015");
    expect(csvCell(-2.5e-7)).toBe("-0.00000025");
    expect(csvCell(1.23e22)).toBe("12300000000000000000000");
  });

  it("leaves non-finite numbers empty", () => {
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe("");
  });

  it("writes booleans, dates and objects", () => {
    expect(csvCell(true)).toBe("true");
    expect(csvCell(false)).toBe("false");
    expect(csvCell(new Date(Date.UTC(2026, 10, 30, 8, 0, 0)))).toBe("2026-11-30T08:00:00.000Z");
    expect(csvCell({ a: 1, b: [2] })).toBe('"{""a"":1,""b"":[2]}"');
  });

  it("keeps a number's value through plainDecimal", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = plainDecimal(value);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
      }),
    );
  });
});

describe("toCsv: round trip", () => {
  it("gives back any strings, with formula-looking ones prefixed by a quote", () => {
    const cell = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("=", "+", "-", "@", "\t", "\r", '"', ",", "\r\n", "-12"));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { maxLength: 6 }), (pairs) => {
        const rows = pairs.map(([a, b]) => ({ a, b }));
        const parsed = parseCsv(toCsv([{ key: "a", header: "a" }, { key: "b", header: "b" }], rows).slice(1));
        const expected = (text: string) => (/^[=+\-@\t\r]/.test(text) && !/^-\d+(\.\d+)?$/.test(text) ? `'${text}` : text);
        expect(parsed).toEqual([["a", "b"], ...pairs.map(([a, b]) => [expected(a), expected(b)])]);
      }),
    );
  });
});

describe("toJson", () => {
  it("writes pretty JSON with the rows' keys in order and a final newline", () => {
    expect(toJson([{ b: 1, a: "小" }])).toBe('[\n  {\n    "b": 1,\n    "a": "小"\n  }\n]\n');
  });

  it("writes undefined and non-finite numbers as null", () => {
    expect(JSON.parse(toJson([{ a: undefined, b: Number.NaN, c: -0, d: null }]))).toEqual([{ a: null, b: null, c: 0, d: null }]);
    expect(toJson([{ c: -0 }])).toContain('"c": 0');
  });

  it("gives the same text for the same rows", () => {
    const rows = [{ id: "m1", score: 0.5 }];
    expect(toJson(rows)).toBe(toJson(structuredClone(rows)));
  });
});
