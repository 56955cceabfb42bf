import i18next, { type TFunction } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import type { ReactElement } from "react";
import { describe, expect, it, vi } from "vitest";
import { en } from "../../client/i18n/en.js";
import { statsHealthEn, statsHealthZh } from "../../client/i18n/statsHealth.js";
import { zhCN } from "../../client/i18n/zh-CN.js";
import { perMinute } from "../../client/ui/admin/stats/ComparePage.js";
import { exportText } from "../../client/ui/admin/stats/exporting.js";
import { figureDifference, headlineFigures } from "../../client/ui/admin/stats/figures.js";
import { exportFileName, makeFormat, shiftHours, weekdayNames } from "../../client/ui/admin/stats/format.js";
import { overlayOption } from "../../client/ui/admin/stats/options.js";
import { HealthPanel } from "../../client/ui/admin/stats/HealthPanel.js";
import { Headline, SessionCharts } from "../../client/ui/admin/stats/SessionPage.js";
import { dwellTable, funnelTable, hotWordsTable, hoursTable, membersTable, moderationTable, type StatTable } from "../../client/ui/admin/stats/tables.js";
import type { IndicatorReading, MemberSessionRow } from "../../shared/rules/stats/types.js";
import { reportFixture } from "../shared/stats/reportFixture.js";

// The page frame's language switch loads the app's i18n, which reads the browser's language and sets <html lang> as
// it loads: a bare stand-in for both, before any import runs (this suite runs in node, without a DOM).
vi.hoisted(() => {
  const stand = (name: string, value: unknown): void => void Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  stand("navigator", { language: "en", languages: ["en"] });
  stand("document", { documentElement: { lang: "" } });
});

type Language = "en" | "zh-CN";

async function i18nFor(language: Language) {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    lng: language,
    resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
    interpolation: { escapeValue: false, prefix: "{", suffix: "}" },
    showSupportNotice: false,
  });
  return i18n;
}

async function render(language: Language, element: ReactElement): Promise<string> {
  const i18n = await i18nFor(language);
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
}

async function tFor(language: Language): Promise<TFunction> {
  return (await i18nFor(language)).t;
}

/** The text of the element carrying data-stat="<path>". */
const statText = (html: string, path: string): string | undefined => new RegExp(`data-stat="${path.replace(".", "\\.")}"[^>]*>([^<]*)<`).exec(html)?.[1];

describe("figures in both languages", () => {
  const en = makeFormat("en", "UTC");
  const zh = makeFormat("zh-CN", "UTC");

  it("writes counts, shares and rates", () => {
    expect(en.count(12345)).toBe("12,345");
    expect(zh.count(12345)).toBe("12,345");
    expect(en.share(0.4231)).toBe("42.3%");
    expect(zh.share(0.25)).toBe("25%");
    expect(en.share(null)).toBe("—");
    expect(en.rate(0.6)).toBe("0.6");
    // 2026-11-30 20:03 UTC: the short stamp of axis labels and compare column heads.
    expect(en.stamp(Date.UTC(2026, 10, 30, 20, 3))).toBe("11/30, 20:03");
    expect(zh.stamp(Date.UTC(2026, 10, 30, 20, 3))).toBe("11/30 20:03");
    expect(en.rate(1 / 3)).toBe("0.33");
    expect(zh.count(Number.NaN)).toBe("—");
  });

  it("writes lengths of time as a person would say them", () => {
    expect(en.duration(45_000)).toBe("45 sec");
    expect(zh.duration(45_000)).toBe("45秒");
    expect(en.duration(90_000)).toBe("1 min 30 sec");
    expect(zh.duration(90_000)).toBe("1分钟30秒");
    expect(en.duration(20 * 60_000)).toBe("20 min");
    expect(zh.duration(20 * 60_000)).toBe("20分钟");
    expect(en.duration(65 * 60_000)).toBe("1 hr 5 min");
    expect(zh.duration(65 * 60_000)).toBe("1小时5分钟");
    expect(en.duration(2 * 3_600_000)).toBe("2 hr");
    expect(en.duration(null)).toBe("—");
  });

  it("signs differences, shares in percentage points", () => {
    expect(en.signed(3)).toBe("+3");
    expect(en.signed(-2)).toBe("−2");
    expect(en.signed(0)).toBe("0");
    expect(en.signed(-0.05, "share")).toBe("−5 pts");
    expect(zh.signed(0.125, "share")).toBe("+12.5 个百分点");
  });

  it("names weekdays Sunday first", () => {
    expect(weekdayNames("en")).toEqual(["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]);
    expect(weekdayNames("zh-CN")[1]).toBe("周一");
  });
});

describe("the hours heatmap in the viewer's time zone", () => {
  const at = (day: number, hour: number) => day * 24 + hour;
  const oneCell = (index: number) => Array.from({ length: 168 }, (_, i) => (i === index ? 7 : 0));

  it("moves Beijing (getTimezoneOffset −480) eight hours later", () => {
    const local = shiftHours(oneCell(at(1, 2)), -480);
    expect(local[at(1, 10)]).toBe(7);
    expect(local.reduce((a, b) => a + b, 0)).toBe(7);
  });

  it("wraps Saturday night into Sunday morning, and New York (300) back into Sunday evening", () => {
    expect(shiftHours(oneCell(at(6, 20)), -480)[at(0, 4)]).toBe(7);
    expect(shiftHours(oneCell(at(1, 2)), 300)[at(0, 21)]).toBe(7);
  });

  it("rounds a half-hour zone (India, −330) to six hours", () => {
    expect(shiftHours(oneCell(at(3, 0)), -330)[at(3, 6)]).toBe(7);
  });

  it("builds the table by local weekday and hour", async () => {
    const t = await tFor("zh-CN");
    // The fixture's interactions are Monday 19:00 UTC: Tuesday 03:00 in Beijing.
    const table = hoursTable("hours", reportFixture().hours, -480, t, makeFormat("zh-CN", "UTC"));
    expect(table.rows).toHaveLength(7);
    expect(table.columns).toHaveLength(25);
    expect(table.rows[2]?.shown[0]).toBe("周二");
    expect(table.rows[2]?.raw[1 + 3]).toBe(600);
    expect(table.rows[1]?.raw.slice(1).every((v) => v === 0)).toBe(true);
  });
});

describe("tables built from a report", () => {
  it("labels the dwell histogram by its upper bounds, the last open-ended", async () => {
    const table = dwellTable(reportFixture(), await tFor("en"), makeFormat("en"));
    expect(table.rows.map((r) => r.shown[0])).toEqual(["1 min", "5 min", "15 min", "30 min", "1 hr", "2 hr", "More than 2 hr"]);
    expect(table.rows.map((r) => r.raw[1])).toEqual([2, 4, 8, 12, 14, 0, 0]);
  });

  it("lists the hunt funnel from starters through each clue to finishers, and none without a hunt", async () => {
    const t = await tFor("zh-CN");
    const table = funnelTable(reportFixture(), t, makeFormat("zh-CN"));
    expect(table?.rows.map((r) => r.raw)).toEqual([
      ["开始寻宝", 20],
      ["Lantern", 12],
      ["完成寻宝", 5],
    ]);
    expect(funnelTable(reportFixture({ hunt: null }), t, makeFormat("zh-CN"))).toBeNull();
  });

  it("names the host acts, most frequent first, an unknown one as it is", async () => {
    const report = reportFixture({ moderation: { actions: { mute: 2, handled: 4, futureAct: 1 } } });
    const table = moderationTable(report, await tFor("zh-CN"), makeFormat("zh-CN"));
    expect(table.rows.map((r) => r.shown)).toEqual([
      ["标记已处理", "4"],
      ["禁言", "2"],
      ["futureAct", "1"],
    ]);
    expect(table.rows.map((r) => r.raw[0])).toEqual(["handled", "mute", "futureAct"]);
  });

  it("says each hot word's mood", async () => {
    const report = reportFixture({ hotWords: [{ word: "好", count: 3, sentiment: 0.6 }, { word: "meh", count: 2, sentiment: 0 }, { word: "糟", count: 1, sentiment: -0.5 }] });
    const table = hotWordsTable(report, await tFor("en"), makeFormat("en"));
    expect(table.rows.map((r) => r.shown[2])).toEqual(["Positive (0.6)", "Neutral (0)", "Negative (-0.5)"]);
  });

  it("sorts the members by stay, interactions or points, ties by name", async () => {
    const t = await tFor("en");
    const f = makeFormat("en");
    const member = (name: string, minutes: number, interactions: number, points: number): MemberSessionRow => ({
      memberId: name,
      name,
      firstJoinedAt: 0,
      lastLeftAt: null,
      dwellMs: minutes * 60_000,
      interactions,
      points,
      returning: false,
    });
    const members = [member("Ada", 10, 5, 30), member("Bo", 30, 2, 10), member("Cy", 20, 9, 10)];
    const names = (table: StatTable) => table.rows.map((r) => r.raw[0]);
    expect(names(membersTable(members, "dwell", t, f))).toEqual(["Bo", "Cy", "Ada"]);
    expect(names(membersTable(members, "interactions", t, f))).toEqual(["Cy", "Ada", "Bo"]);
    expect(names(membersTable(members, "points", t, f))).toEqual(["Ada", "Bo", "Cy"]);
    expect(membersTable(members, "dwell", t, f).rows[0]?.shown[2]).toBe("30 min");
  });
});

describe("exports", () => {
  const table: StatTable = {
    name: "hotWords",
    caption: "Hot words",
    columns: ["Word", "Count"],
    rows: [
      { raw: ["茶", 12], shown: ["茶", "12"] },
      { raw: ["=cmd", 1], shown: ["=cmd", "1"] },
    ],
  };

  it("writes CSV with a BOM, the headers and the raw values, a formula-looking cell neutralised", () => {
    const csv = exportText(table, "csv");
    expect(csv.startsWith("\ufeffWord,Count\r\n")).toBe(true);
    expect(csv).toContain("茶,12\r\n");
    expect(csv).not.toContain("\r\n=cmd");
  });

  it("writes JSON records keyed by the headers", () => {
    expect(JSON.parse(exportText(table, "json"))).toEqual([
      { Word: "茶", Count: 12 },
      { Word: "=cmd", Count: 1 },
    ]);
  });

  it("names the file <slug>-<table>-<date>", () => {
    expect(exportFileName("spring-salon", "members", new Date(2026, 10, 30, 23, 5), "csv")).toBe("spring-salon-members-2026-11-30.csv");
    expect(exportFileName("spring-salon", "rfm-atRisk", new Date(2026, 0, 2), "json")).toBe("spring-salon-rfm-atRisk-2026-01-02.json");
  });
});

describe("the session page's headline figures", () => {
  it("puts each figure, formatted, in its data-stat element (English)", async () => {
    const html = await render("en", <Headline report={reportFixture()} f={makeFormat("en", "UTC")} />);
    expect(statText(html, "attendance.members")).toBe("40");
    expect(statText(html, "attendance.newMembers")).toBe("10");
    expect(statText(html, "concurrency.peak")).toBe("30");
    expect(statText(html, "dwell.medianMs")).toBe("20 min");
    expect(statText(html, "interactions.total")).toBe("600");
    expect(statText(html, "interactions.perMemberMinute")).toBe("0.6");
    expect(statText(html, "interactions.interactedShare")).toBe("60%");
    expect(statText(html, "questions.answered")).toBe("6");
    expect(statText(html, "questions.medianAnswerMs")).toBe("3 min");
    expect(statText(html, "polls.meanParticipation")).toBe("60%");
    expect(statText(html, "moderation.flagged")).toBe("4");
    expect(statText(html, "moderation.medianResponseMs")).toBe("1 min 30 sec");
    expect(statText(html, "tree.reachedAt")).toBe("19:45");
    expect(statText(html, "hunt.completed")).toBe("5");
    expect(statText(html, "hunt.completionRate")).toBe("25%");
    expect(html).toContain("6 of 8");
  });

  it("says them in Chinese, the tree not reached and no hunt figures without a hunt", async () => {
    const report = reportFixture({ hunt: null, tree: { reachedAt: null } });
    const html = await render("zh-CN", <Headline report={report} f={makeFormat("zh-CN", "UTC")} />);
    expect(statText(html, "dwell.medianMs")).toBe("20分钟");
    expect(statText(html, "moderation.medianResponseMs")).toBe("1分钟30秒");
    expect(statText(html, "tree.reachedAt")).toBe("未达成");
    expect(html).not.toContain('data-stat="hunt.');
    expect(html).toContain("8 个中的 6 个");
  });

  it("gives the compare page differences in each figure's kind", async () => {
    const t = await tFor("en");
    const f = makeFormat("en");
    const a = headlineFigures(reportFixture(), f, t);
    const b = headlineFigures(reportFixture({ attendance: { members: 52 }, dwell: { medianMs: 15 * 60_000 }, interactions: { interactedShare: 0.45 } }), f, t);
    const diff = (stat: string) => {
      const x = a.find((z) => z.stat === stat);
      const y = b.find((z) => z.stat === stat);
      return x && y ? figureDifference(x, y, f) : undefined;
    };
    expect(diff("attendance.members")).toBe("+12");
    expect(diff("dwell.medianMs")).toBe("−5 min");
    expect(diff("interactions.interactedShare")).toBe("−15 pts");
    expect(diff("tree.reachedAt")).toBe("—");
  });

  it("lines two sessions up minute by minute", () => {
    expect(perMinute({ start: 0, bucketMs: 120_000, values: [4, 6] })).toEqual([4, 4, 6, 6]);
    expect(perMinute({ start: 0, bucketMs: 60_000, values: [1, 2, 3] })).toEqual([1, 2, 3]);
  });

  it("keeps a session of a few seconds as one minute, drawn with a visible dot", () => {
    // One 10-second bucket: 10 s rounds to 0 minutes, which drew nothing at all.
    expect(perMinute({ start: 0, bucketMs: 10_000, values: [3] })).toEqual([3]);
    expect(perMinute({ start: 0, bucketMs: 10_000, values: [] })).toEqual([]);
    const option = overlayOption({ name: "A", values: [3] }, { name: "B", values: Array.from({ length: 40 }, () => 1) }, []) as { series: { showSymbol: boolean }[] };
    expect(option.series.map((s) => s.showSymbol)).toEqual([true, false]);
  });
});

describe("the health panel", () => {
  const reading = (id: IndicatorReading["id"], breached: boolean, value: number): IndicatorReading => ({
    id,
    unit: "share",
    better: "higher",
    value,
    previousMean: 0.5,
    delta: value - 0.5,
    trend: value > 0.5 ? "up" : "down",
    forecast: 0.45,
    threshold: { when: "below", value: 0.3, notify: true },
    breached,
  });

  it.each([
    ["en", statsHealthEn, "Down 30 pts from the previous sessions", "Alert below 30%"],
    ["zh-CN", statsHealthZh, "比之前几场下降 30 个百分点", "低于 30% 时提醒"],
  ] as const)("shows each reading, the breached one first with its action (%s)", async (language, strings, trendWords, thresholdWords) => {
    const html = await render(language, <HealthPanel readings={[reading("interactedShare", false, 0.6), reading("pollParticipation", true, 0.2)]} />);
    expect(html.indexOf('data-indicator="pollParticipation"')).toBeLessThan(html.indexOf('data-indicator="interactedShare"'));
    expect(html).toMatch(/data-indicator="pollParticipation" data-breached="true"/);
    expect(html).toMatch(/data-indicator="interactedShare" data-breached="false"/);
    expect(html).toContain(strings.pollParticipation.name);
    // React escapes the apostrophe in "session's".
    expect(html).toContain(strings.pollParticipation.definition.replaceAll("'", "&#x27;"));
    expect(html).toContain(strings.pollParticipation.action);
    expect(html).not.toContain(strings.interactedShare.action);
    expect(html).toContain(trendWords);
    expect(html).toContain(thresholdWords);
  });
});

describe("the session page's charts", () => {
  it("draws every chart with its table in the page, captioned", async () => {
    const html = await render("en", <SessionCharts report={reportFixture()} slug="spring-salon" f={makeFormat("en", "UTC")} />);
    for (const name of ["concurrency", "interactions", "dwell", "hotWords", "tree", "hours", "funnel"]) {
      expect(html, name).toContain(`data-chart="${name}"`);
      expect(html, name).toContain(`data-chart-table="${name}"`);
    }
    expect(html).toContain("<caption>Members inside over time</caption>");
    expect(html).toContain("Show as table");
    expect(html.match(/data-export="csv"/g)?.length).toBeGreaterThanOrEqual(12);
  });
});
