// CSV and JSON export of the statistics tables (docs/statistics.md). The CSV opens cleanly in Excel and WPS: UTF-8
// with a BOM (or Chinese turns to mojibake), CRLF line ends and RFC 4180 quoting, and a cell that a spreadsheet would
// run as a formula is neutralised, because member names and chat words are typed by anyone.

export interface CsvColumn {
  key: string;
  header: string;
}

const BOM = "\ufeff";
const CRLF = "\r\n";
/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"), tab and CR included. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NEGATIVE = /^-\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A number as plain decimal digits: never exponent notation ("1e+21", "1e-7"), which a spreadsheet may misread. */
export function plainDecimal(value: number): string {
  if (!Number.isFinite(value)) return "";
  if (Object.is(value, -0)) return "0";
  const text = String(Math.abs(value));
  const sign = value < 0 ? "-" : "";
  const e = text.indexOf("e");
  if (e < 0) return sign + text;
  const mantissa = text.slice(0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf(".");
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return plainDecimal(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  return JSON.stringify(value) ?? "";
}

/** One cell as written: formula-looking text prefixed with a single quote (not a plain negative number), then quoted if needed. */
export function csvCell(value: unknown): string {
  let text = cellText(value);
  if (FORMULA_START.test(text) && !PLAIN_NEGATIVE.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The rows as CSV: a BOM, the headers, then one record per row with the columns' keys in order; every record ends
 * with CRLF. Missing, null and undefined values are empty cells; numbers are plain decimals; objects are JSON.
 */
export function toCsv(columns: readonly CsvColumn[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map((column) => csvCell(column.header)).join(",")];
  for (const row of rows) lines.push(columns.map((column) => csvCell(row[column.key])).join(","));
  return BOM + lines.join(CRLF) + CRLF;
}

function jsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "number" && Object.is(value, -0)) return 0;
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * The rows as pretty JSON (two spaces, a final newline): keys in the rows' own order, undefined as null, non-finite
 * numbers as null (JSON has none), so the same rows always give the same text.
 */
export function toJson(rows: readonly Record<string, unknown>[]): string {
  return `${JSON.stringify(rows, (_key, value: unknown) => jsonValue(value), 2)}\n`;
}
