/**
 * How the statistics pages write figures, in the viewer's language (Intl, so zh-CN and en read naturally without
 * hand-made units) and time zone. Pure: the language and the time zone offset are arguments, so tests pin both.
 */

export interface Format {
  language: string;
  count: (n: number | null) => string;
  /** A share 0..1 as a percentage, one decimal at most. */
  share: (x: number | null) => string;
  /** A rate such as interactions per member-minute: two decimals at most. */
  rate: (x: number | null) => string;
  /** A length of time: seconds under a minute, minutes (and seconds under ten) under an hour, hours and minutes above. */
  duration: (ms: number | null) => string;
  /** A clock time (hours and minutes). */
  clock: (ms: number) => string;
  /** A short date (month and day), for chart axes. */
  day: (ms: number) => string;
  /** A date with its time. */
  dateTime: (ms: number) => string;
  /** A short date and time ("11/30, 20:03") for axis labels and column heads, where the long form is clipped. */
  stamp: (ms: number) => string;
  /** A difference of two shares, in percentage points, without its sign. */
  points: (x: number) => string;
  /** A number with its sign (a difference). */
  signed: (n: number | null, kind?: "count" | "share" | "rate") => string;
}

const DASH = "—";

export function makeFormat(language: string, timeZone?: string): Format {
  const lang = language === "zh-CN" ? "zh-CN" : "en";
  const zone = timeZone === undefined ? {} : { timeZone };
  const integer = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const unit = (u: "hour" | "minute" | "second") => new Intl.NumberFormat(lang, { style: "unit", unit: u, unitDisplay: "short", maximumFractionDigits: 0 });
  const hours = unit("hour");
  const minutes = unit("minute");
  const seconds = unit("second");
  // Chinese writes the parts together ("1小时5分钟"); English puts a space between them.
  const join = (a: string, b: string) => (lang === "zh-CN" ? `${a}${b}` : `${a} ${b}`);
  const clock = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", ...zone });
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", ...zone });
  const day = new Intl.DateTimeFormat(lang, { month: "short", day: "numeric", ...zone });
  const stamp = new Intl.DateTimeFormat(lang, { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23", ...zone });
  const share = (x: number | null) => (x === null || !Number.isFinite(x) ? DASH : percent.format(x));
  const rate = (x: number | null) => (x === null || !Number.isFinite(x) ? DASH : decimal.format(x));
  const pointsFormat = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  // "Percentage points": the unit operators read a change of a share in (45% → 60% is 15 points, not 33%).
  const points = (x: number) => `${pointsFormat.format(Math.abs(x) * 100)}${lang === "zh-CN" ? " 个百分点" : " pts"}`;
  const count = (n: number | null) => (n === null || !Number.isFinite(n) ? DASH : integer.format(n));
  return {
    language: lang,
    count,
    share,
    rate,
    duration: (ms) => {
      if (ms === null || !Number.isFinite(ms)) return DASH;
      const total = Math.round(Math.max(0, ms) / 1000);
      if (total < 60) return seconds.format(total);
      if (total < 3600) {
        const m = Math.floor(total / 60);
        const s = total % 60;
        return m < 10 && s > 0 ? join(minutes.format(m), seconds.format(s)) : minutes.format(Math.round(total / 60));
      }
      const totalMinutes = Math.round(total / 60);
      const h = Math.floor(totalMinutes / 60);
      const m = totalMinutes % 60;
      return m === 0 ? hours.format(h) : join(hours.format(h), minutes.format(m));
    },
    clock: (ms) => clock.format(ms),
    dateTime: (ms) => dateTime.format(ms),
    stamp: (ms) => stamp.format(ms),
    day: (ms) => day.format(ms),
    points,
    signed: (n, kind = "count") => {
      if (n === null || !Number.isFinite(n)) return DASH;
      const body = kind === "share" ? points(n) : kind === "rate" ? decimal.format(Math.abs(n)) : integer.format(Math.abs(n));
      return n > 0 ? `+${body}` : n < 0 ? `−${body}` : body;
    },
  };
}

/**
 * The 168 hour cells (UTC weekday·24 + hour, docs/statistics.md "Hours") moved into the viewer's time zone.
 * `offsetMinutes` is `new Date().getTimezoneOffset()`: UTC minus local, so Beijing is −480 and a cell at UTC 02:00
 * Monday lands at 10:00 Monday. Zones off the whole hour round to the nearest hour (India's +5:30 moves by 6).
 */
export function shiftHours(hours: readonly number[], offsetMinutes: number): number[] {
  const shift = Math.round(-offsetMinutes / 60);
  const out = new Array<number>(168).fill(0);
  for (let i = 0; i < 168; i++) out[(((i + shift) % 168) + 168) % 168] = hours[i] ?? 0;
  return out;
}

/** Weekday names, Sunday first (the report's index 0), in the language. */
export function weekdayNames(language: string): string[] {
  const names = new Intl.DateTimeFormat(language === "zh-CN" ? "zh-CN" : "en", { weekday: "short", timeZone: "UTC" });
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, d) => names.format(Date.UTC(2023, 0, 1 + d)));
}

/** The moment each bucket of a series starts. */
export function bucketTimes(series: { start: number; bucketMs: number; values: readonly number[] }): number[] {
  return series.values.map((_, i) => series.start + i * series.bucketMs);
}

/** A file name for an export: `<slug>-<table>-<date>.<ext>`, the date as YYYY-MM-DD in the viewer's zone. */
export function exportFileName(slug: string, table: string, now: Date, extension: "csv" | "json"): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, "-");
  return `${safe(slug)}-${safe(table)}-${date}.${extension}`;
}
