import { describe, expect, it } from "vitest";
import {
  HEALTH_ALERT_NAMES,
  HEALTH_DEFINITIONS,
  forecastNext,
  formatHealthValue,
  healthAlert,
  healthReadings,
  indicatorValue,
  indicatorValues,
  isBreached,
  mergeThresholds,
  trendOf,
} from "../../../shared/rules/stats/health.js";
import { HEALTH_INDICATORS, type HealthIndicatorId, type HealthThreshold, type IndicatorReading, type SessionReport } from "../../../shared/rules/stats/types.js";
import { FIXTURE_START, reportFixture, type ReportOverrides } from "./reportFixture.js";

const MINUTE = 60_000;

/** The fixture's indicators, computed by hand from the figures listed in reportFixture.ts. */
const FIXTURE_VALUES: Record<HealthIndicatorId, number> = {
  interactionRate: 0.6, // 600 interactions / (40 members × 25 min)
  interactedShare: 0.6, // 24 of 40
  questionAnswerRate: 0.75, // 6 of 8
  questionAnswerTime: 3, // 180 000 ms
  newMemberShare: 0.25, // 10 of 40
  returningMemberShare: 0.75, // 30 of 40
  averageDwell: 25, // 1 500 000 ms
  earlyLeaverShare: 0.15, // 6 of 40
  pollParticipation: 0.6, // (0.5 + 0.7) / 2
  huntCompletionRate: 0.25, // 5 of 20
  treeGoalReached: 1, // reached at 19:45
  flaggedRate: 2, // 4 flags per 200 lines
  flagResponseTime: 1.5, // 90 000 ms
  moderationPer100: 15, // 6 acts per 40 members
  energyPerMember: 2, // 80 / 40
  tierPromotions: 15, // (4 + 2) × 100 / 40
  chatPerMember: 5, // 200 lines / 40
  peakShare: 0.75, // 30 of 40
  checkInShare: 0.8, // 32 of 40
  negativeShare: 0.05, // 10 of 200 lines
  speakers: 2,
};

function reading(readings: readonly IndicatorReading[], id: HealthIndicatorId): IndicatorReading {
  const found = readings.find((r) => r.id === id);
  if (found === undefined) throw new Error(`no reading for ${id}`);
  return found;
}

describe("indicatorValue", () => {
  it("reads each of the 21 indicators from a session's report", () => {
    const report = reportFixture();
    for (const id of HEALTH_INDICATORS) expect([id, indicatorValue(id, report)]).toEqual([id, FIXTURE_VALUES[id]]);
    expect(indicatorValues(report)).toEqual(FIXTURE_VALUES);
  });

  it("has no health for a session nobody attended", () => {
    const empty = reportFixture({ attendance: { members: 0, newMembers: 0, returningMembers: 0 }, speakers: [] });
    expect(Object.values(indicatorValues(empty)).every((value) => value === null)).toBe(true);
  });

  it("is null where the figure is undefined: no questions, polls, hunt, chat or check-in", () => {
    const report = reportFixture({
      questions: { asked: 0, answered: 0, answerRate: null, medianAnswerMs: null },
      polls: { polls: [], meanParticipation: null },
      hunt: null,
      chat: { lines: 0, chatters: 0, negativeLines: 0 },
      checkIns: { opened: 0, checkedIn: 0, share: 0 },
      moderation: { flagged: 0, flaggedPer100Lines: null, medianResponseMs: null },
      growth: { energyPerMember: null },
      interactions: { perMemberMinute: null, interactedShare: null },
      dwell: { earlyLeaverShare: null },
    });
    const values = indicatorValues(report);
    for (const id of [
      "questionAnswerRate",
      "questionAnswerTime",
      "pollParticipation",
      "huntCompletionRate",
      "negativeShare",
      "checkInShare",
      "flaggedRate",
      "flagResponseTime",
      "energyPerMember",
      "interactionRate",
      "interactedShare",
      "earlyLeaverShare",
    ] as const)
      expect([id, values[id]]).toEqual([id, null]);
    // No chat is zero lines per member, not unknown.
    expect(values.chatPerMember).toBe(0);
    expect(values.speakers).toBe(2);
  });

  it("reads a check-in's share only when one was opened", () => {
    expect(indicatorValue("checkInShare", reportFixture({ checkIns: { opened: 2, checkedIn: 0, share: 0 } }))).toBe(0);
    expect(indicatorValue("checkInShare", reportFixture({ checkIns: { opened: 1, share: null } }))).toBeNull();
  });

  it("reads a hunt nobody started as no completion rate", () => {
    const report = reportFixture();
    report.hunt = { ...report.hunt!, started: 0, completed: 0, completionRate: null };
    expect(indicatorValue("huntCompletionRate", report)).toBeNull();
  });

  it("reads a stored figure that is not a finite number as no value", () => {
    const report = reportFixture({ interactions: { perMemberMinute: Number.NaN }, dwell: { meanMs: Number.POSITIVE_INFINITY } });
    expect(indicatorValue("interactionRate", report)).toBeNull();
    expect(indicatorValue("averageDwell", report)).toBeNull();
  });

  it("counts a tree that missed its goal as 0", () => {
    expect(indicatorValue("treeGoalReached", reportFixture({ tree: { growth: 300, reachedAt: null } }))).toBe(0);
  });

  it("sums every tier's first promotions per 100 members", () => {
    expect(indicatorValue("tierPromotions", reportFixture({ growth: { promotions: {} } }))).toBe(0);
    expect(indicatorValue("tierPromotions", reportFixture({ growth: { promotions: { evangelist: 1 } } }))).toBe(2.5);
    expect(indicatorValue("tierPromotions", reportFixture({ attendance: { members: 8 }, growth: { promotions: { explorer: 1, coCreator: 1, evangelist: 1 } } }))).toBe(37.5);
  });

  it("converts durations to minutes", () => {
    const report = reportFixture({ dwell: { meanMs: 90 * MINUTE + 30_000 }, questions: { medianAnswerMs: 45_000 }, moderation: { medianResponseMs: 12 * MINUTE } });
    expect(indicatorValue("averageDwell", report)).toBe(90.5);
    expect(indicatorValue("questionAnswerTime", report)).toBe(0.75);
    expect(indicatorValue("flagResponseTime", report)).toBe(12);
  });
});

describe("forecastNext", () => {
  it("smooths oldest first with α = 0.5: 10, 20, 40 → 10, 15, 27.5", () => {
    expect(forecastNext([10, 20, 40])).toBe(27.5);
  });

  it("takes the smoothing factor as an argument", () => {
    // 8 → 0.25·16 + 0.75·8 = 10 → 0.25·4 + 0.75·10 = 8.5
    expect(forecastNext([8, 16, 4], 0.25)).toBe(8.5);
    expect(forecastNext([8, 16, 4], 1)).toBe(4);
  });

  it("skips the sessions without a value", () => {
    expect(forecastNext([null, 10, null, 20])).toBe(15);
    expect(forecastNext([7])).toBe(7);
  });

  it("is null with no value", () => {
    expect(forecastNext([])).toBeNull();
    expect(forecastNext([null, null])).toBeNull();
  });
});

describe("trendOf", () => {
  it("is flat within 5% of the previous mean, up or down past it", () => {
    expect(trendOf(105, 100)).toBe("flat");
    expect(trendOf(95, 100)).toBe("flat");
    expect(trendOf(105.5, 100)).toBe("up");
    expect(trendOf(94.5, 100)).toBe("down");
    // The tolerance is of the mean's magnitude, also for a negative mean.
    expect(trendOf(-104, -100)).toBe("flat");
    expect(trendOf(-110, -100)).toBe("down");
  });

  it("is flat at zero only for the same value (up to rounding)", () => {
    expect(trendOf(0, 0)).toBe("flat");
    expect(trendOf(1e-12, 0)).toBe("flat");
    expect(trendOf(0.001, 0)).toBe("up");
    expect(trendOf(-0.001, 0)).toBe("down");
  });

  it("is null without a value or a previous mean", () => {
    expect(trendOf(null, 1)).toBeNull();
    expect(trendOf(1, null)).toBeNull();
  });
});

describe("isBreached", () => {
  const below: HealthThreshold = { when: "below", value: 0.3, notify: false };
  const above: HealthThreshold = { when: "above", value: 0.4, notify: false };

  it("is past a 'below' threshold strictly under it, and an 'above' one strictly over it", () => {
    expect([0.29, 0.3, 0.31].map((v) => isBreached(v, below))).toEqual([true, false, false]);
    expect([0.39, 0.4, 0.41].map((v) => isBreached(v, above))).toEqual([false, false, true]);
  });

  it("never breaches with no value", () => {
    expect(isBreached(null, below)).toBe(false);
    expect(isBreached(null, { when: "above", value: -1, notify: true })).toBe(false);
  });
});

describe("HEALTH_DEFINITIONS", () => {
  it("sets each default threshold on the unhealthy side: below for higher-is-better, above for lower-is-better, none notifying", () => {
    for (const id of HEALTH_INDICATORS) {
      const { better, threshold } = HEALTH_DEFINITIONS[id];
      expect([id, threshold.when, threshold.notify]).toEqual([id, better === "higher" ? "below" : "above", false]);
    }
  });

  it("lets an ordinary good session cross no default threshold", () => {
    expect(healthReadings(reportFixture(), [], {}).filter((r) => r.breached).map((r) => r.id)).toEqual([]);
  });

  it("flags a poor session on the indicators the brief names", () => {
    const poor = reportFixture({
      interactions: { interactedShare: 0.2 },
      dwell: { earlyLeaverShare: 0.5 },
      questions: { answerRate: 0.4, medianAnswerMs: 11 * MINUTE },
      moderation: { medianResponseMs: 15 * MINUTE },
      tree: { reachedAt: null },
    });
    expect(healthReadings(poor, [], {}).filter((r) => r.breached).map((r) => r.id)).toEqual([
      "interactedShare",
      "questionAnswerRate",
      "questionAnswerTime",
      "earlyLeaverShare",
      "treeGoalReached",
      "flagResponseTime",
    ]);
  });
});

describe("healthReadings", () => {
  const withShare = (interactedShare: number | null, extra: ReportOverrides = {}): SessionReport =>
    reportFixture({ ...extra, interactions: { interactedShare } });

  it("gives one reading per indicator, in the list's order, with the definition's unit and direction", () => {
    const readings = healthReadings(reportFixture(), [], {});
    expect(readings.map((r) => r.id)).toEqual([...HEALTH_INDICATORS]);
    expect(reading(readings, "questionAnswerTime")).toMatchObject({ unit: "minutes", better: "lower", value: 3 });
    expect(reading(readings, "interactionRate")).toMatchObject({ unit: "perMemberMinute", better: "higher", value: 0.6 });
  });

  it("compares with the mean of the last five earlier sessions only", () => {
    const previous = [0.9, 0.5, 0.5, 0.4, 0.6, 0.5].map((share) => withShare(share));
    const r = reading(healthReadings(withShare(0.6), previous, {}), "interactedShare");
    expect(r.previousMean).toBeCloseTo(0.5, 12);
    expect(r.delta).toBeCloseTo(0.1, 12);
    expect(r.trend).toBe("up");
  });

  it("averages only the earlier sessions that have a value", () => {
    const previous = [withShare(null), withShare(0.4), withShare(null)];
    const r = reading(healthReadings(withShare(0.3), previous, {}), "interactedShare");
    expect(r.previousMean).toBe(0.4);
    expect(r.delta).toBeCloseTo(-0.1, 12);
    expect(r.trend).toBe("down");
  });

  it("calls a change within 5% of the previous mean flat", () => {
    const previous = [withShare(0.5), withShare(0.5)];
    expect(reading(healthReadings(withShare(0.52), previous, {}), "interactedShare").trend).toBe("flat");
    expect(reading(healthReadings(withShare(0.48), previous, {}), "interactedShare").trend).toBe("flat");
  });

  it("has no mean, delta or trend without earlier values, and forecasts the value itself", () => {
    const r = reading(healthReadings(withShare(0.45), [], {}), "interactedShare");
    expect(r).toMatchObject({ value: 0.45, previousMean: null, delta: null, trend: null, forecast: 0.45 });
    const none = reading(healthReadings(withShare(null), [withShare(null)], {}), "interactedShare");
    expect(none).toMatchObject({ value: null, previousMean: null, delta: null, trend: null, forecast: null, breached: false });
  });

  it("has a mean but no delta when this session has no value", () => {
    const r = reading(healthReadings(withShare(null), [withShare(0.4)], {}), "interactedShare");
    expect(r).toMatchObject({ value: null, previousMean: 0.4, delta: null, trend: null, forecast: 0.4 });
  });

  it("forecasts over every earlier session and this one, oldest first", () => {
    // 0.2 → 0.5·0.4 + 0.5·0.2 = 0.3 → 0.5·0.6 + 0.5·0.3 = 0.45; the first of seven sessions still counts.
    const previous = [0.2, 0.4].map((share) => withShare(share));
    expect(reading(healthReadings(withShare(0.6), previous, {}), "interactedShare").forecast).toBeCloseTo(0.45, 12);
    const seven = [80, 0, 0, 0, 0, 0].map((share) => withShare(share));
    // 80 halved five times is 2.5, then 0.5·0 + 0.5·2.5 = 1.25.
    expect(reading(healthReadings(withShare(0), seven, {}), "interactedShare").forecast).toBe(1.25);
  });

  it("applies the operator's threshold in both directions, the default for the rest", () => {
    const thresholds = {
      interactedShare: { when: "below", value: 0.7, notify: true },
      speakers: { when: "above", value: 1, notify: false },
    } satisfies Partial<Record<HealthIndicatorId, HealthThreshold>>;
    const readings = healthReadings(reportFixture(), [], thresholds);
    expect(reading(readings, "interactedShare")).toMatchObject({ value: 0.6, breached: true, threshold: thresholds.interactedShare });
    expect(reading(readings, "speakers")).toMatchObject({ value: 2, breached: true, threshold: thresholds.speakers });
    expect(reading(readings, "earlyLeaverShare").threshold).toEqual({ when: "above", value: 0.4, notify: false });
    expect(reading(readings, "earlyLeaverShare").breached).toBe(false);
  });

  it("breaches a default on each side: under a 'below', over an 'above'", () => {
    const readings = healthReadings(reportFixture({ interactions: { interactedShare: 0.29 }, chat: { lines: 200, negativeLines: 41 } }), [], {});
    expect(reading(readings, "interactedShare").breached).toBe(true);
    expect(reading(readings, "negativeShare").breached).toBe(true);
    const edge = healthReadings(reportFixture({ interactions: { interactedShare: 0.3 }, chat: { lines: 200, negativeLines: 40 } }), [], {});
    expect(reading(edge, "interactedShare").breached).toBe(false);
    expect(reading(edge, "negativeShare").breached).toBe(false);
  });

  it("never breaches an indicator without a value", () => {
    const readings = healthReadings(reportFixture({ hunt: null }), [], { huntCompletionRate: { when: "below", value: 2, notify: true } });
    expect(reading(readings, "huntCompletionRate")).toMatchObject({ value: null, breached: false });
  });

  it("copies the thresholds it reports, so changing a reading changes no default", () => {
    const readings = healthReadings(reportFixture(), [], {});
    reading(readings, "speakers").threshold.value = 99;
    expect(HEALTH_DEFINITIONS.speakers.threshold.value).toBe(1);
  });
});

describe("mergeThresholds", () => {
  const defaults = (): Record<HealthIndicatorId, HealthThreshold> =>
    Object.fromEntries(HEALTH_INDICATORS.map((id) => [id, HEALTH_DEFINITIONS[id].threshold])) as Record<HealthIndicatorId, HealthThreshold>;

  it("is the defaults when nothing usable is saved", () => {
    for (const saved of [undefined, null, "", "not json", "[1,2]", 42, true, [], [{ when: "below", value: 1, notify: true }]]) expect(mergeThresholds(saved)).toEqual(defaults());
  });

  it("overlays each valid saved entry, from the object or its JSON text", () => {
    const saved = { interactedShare: { when: "above", value: 0.9, notify: true }, speakers: { when: "below", value: 3, notify: false } };
    const expected = { ...defaults(), ...saved };
    expect(mergeThresholds(saved)).toEqual(expected);
    expect(mergeThresholds(JSON.stringify(saved))).toEqual(expected);
  });

  it("keeps only the threshold's three fields of an entry with more", () => {
    expect(mergeThresholds({ speakers: { when: "below", value: 2, notify: true, colour: "red" } }).speakers).toEqual({ when: "below", value: 2, notify: true });
  });

  it("ignores junk entries, unknown ids and __proto__, and pollutes nothing", () => {
    const junk = JSON.parse(
      '{"__proto__": {"interactedShare": {"when": "above", "value": 1, "notify": true}, "polluted": true}, "happiness": {"when": "below", "value": 1, "notify": true}, "speakers": "3", "peakShare": null, "chatPerMember": [1]}',
    ) as unknown;
    const merged = mergeThresholds(junk);
    expect(merged).toEqual(defaults());
    expect(Object.keys(merged).sort()).toEqual([...HEALTH_INDICATORS].sort());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });

  it("ignores an entry with a bad field", () => {
    const bad: unknown[] = [
      { when: "sideways", value: 1, notify: true },
      { value: 1, notify: true },
      { when: "below", value: Number.NaN, notify: true },
      { when: "below", value: Number.POSITIVE_INFINITY, notify: true },
      { when: "below", value: "1", notify: true },
      { when: "below", value: 1_000_001, notify: true },
      { when: "below", value: -1_000_001, notify: true },
      { when: "below", value: 1, notify: "yes" },
      { when: "below", value: 1 },
      ["below", 1, true],
    ];
    for (const entry of bad) expect(mergeThresholds({ speakers: entry }).speakers).toEqual(HEALTH_DEFINITIONS.speakers.threshold);
    expect(mergeThresholds({ speakers: { when: "above", value: -1_000_000, notify: false } }).speakers).toEqual({ when: "above", value: -1_000_000, notify: false });
  });

  it("ignores an inherited entry", () => {
    const saved = Object.create({ speakers: { when: "above", value: 5, notify: true } }) as unknown;
    expect(mergeThresholds(saved).speakers).toEqual(HEALTH_DEFINITIONS.speakers.threshold);
  });

  it("returns fresh objects: changing one leaves the defaults alone", () => {
    const merged = mergeThresholds(null);
    merged.speakers.value = 50;
    expect(HEALTH_DEFINITIONS.speakers.threshold.value).toBe(1);
    expect(mergeThresholds(null).speakers.value).toBe(1);
  });
});

describe("healthAlert", () => {
  const event = { slug: "spring-tea", title: "春日茶会 Spring tea" };
  const session = { id: "s1", startedAt: FIXTURE_START, endedAt: FIXTURE_START + 60 * MINUTE };
  const url = "https://grove.example.org/admin/stats/spring-tea/session/s1";

  it("names each breached indicator that notifies, in zh-CN then English", () => {
    const readings = healthReadings(reportFixture(), [], {
      interactedShare: { when: "below", value: 0.7, notify: true },
      questionAnswerTime: { when: "above", value: 2, notify: true },
      earlyLeaverShare: { when: "above", value: 0.1, notify: false },
    });
    expect(healthAlert(readings, event, session, url)).toEqual({
      type: "grove.health",
      event,
      session,
      breached: [
        { id: "interactedShare", value: 0.6, threshold: { when: "below", value: 0.7, notify: true } },
        { id: "questionAnswerTime", value: 3, threshold: { when: "above", value: 2, notify: true } },
      ],
      text:
        "Grove 社区健康提醒：活动「春日茶会 Spring tea」2026-11-30 19:00 UTC 开始的场次有 2 项指标越过阈值：参与互动的人占比 60%（阈值：低于 70%）；提问等待回答时长 3 分钟（阈值：高于 2 分钟）。\n" +
        "Grove health alert: 2 indicators past their thresholds in the session of “春日茶会 Spring tea” that started 2026-11-30 19:00 UTC: Members who interacted: 60% (threshold: below 70%); Time to answer a question: 3 min (threshold: above 2 min).\n" +
        url,
      url,
    });
  });

  it("writes every indicator in its unit, in both languages", () => {
    // Every fixture value is above -1, so each indicator is past this threshold.
    const everything = Object.fromEntries(HEALTH_INDICATORS.map((id) => [id, { when: "above", value: -1, notify: true }])) as Record<HealthIndicatorId, HealthThreshold>;
    const [zh, en] = healthAlert(healthReadings(reportFixture(), [], everything), event, session, url)?.text.split("\n") ?? [];
    expect(zh).toBe(
      "Grove 社区健康提醒：活动「春日茶会 Spring tea」2026-11-30 19:00 UTC 开始的场次有 21 项指标越过阈值：" +
        [
          "互动频率 0.6（阈值：高于 -1）",
          "参与互动的人占比 60%（阈值：高于 -100%）",
          "提问回答率 75%（阈值：高于 -100%）",
          "提问等待回答时长 3 分钟（阈值：高于 -1 分钟）",
          "新朋友占比 25%（阈值：高于 -100%）",
          "老朋友回访占比 75%（阈值：高于 -100%）",
          "平均停留时长 25 分钟（阈值：高于 -1 分钟）",
          "提前离开占比 15%（阈值：高于 -100%）",
          "投票参与率 60%（阈值：高于 -100%）",
          "寻宝完成率 25%（阈值：高于 -100%）",
          "社区树达成目标 是（阈值：高于 -1）",
          "被标记消息比例 2（阈值：高于 -1）",
          "标记处理用时 1.5 分钟（阈值：高于 -1 分钟）",
          "每百人管理操作 15（阈值：高于 -1）",
          "人均赠送能量 2（阈值：高于 -1）",
          "每百人晋级 15（阈值：高于 -1）",
          "人均聊天条数 5（阈值：高于 -1）",
          "同时在场峰值占比 75%（阈值：高于 -100%）",
          "签到率 80%（阈值：高于 -100%）",
          "负面消息占比 5%（阈值：高于 -100%）",
          "上台发言人数 2（阈值：高于 -1）",
        ].join("；") +
        "。",
    );
    expect(en).toBe(
      "Grove health alert: 21 indicators past their thresholds in the session of “春日茶会 Spring tea” that started 2026-11-30 19:00 UTC: " +
        [
          "Interaction rate: 0.6 (threshold: above -1)",
          "Members who interacted: 60% (threshold: above -100%)",
          "Question answer rate: 75% (threshold: above -100%)",
          "Time to answer a question: 3 min (threshold: above -1 min)",
          "New-member share: 25% (threshold: above -100%)",
          "Returning-member share: 75% (threshold: above -100%)",
          "Average dwell: 25 min (threshold: above -1 min)",
          "Early-leaver share: 15% (threshold: above -100%)",
          "Poll participation: 60% (threshold: above -100%)",
          "Hunt completion rate: 25% (threshold: above -100%)",
          "Tree goal reached: yes (threshold: above -1)",
          "Flagged-message rate: 2 (threshold: above -1)",
          "Flag response time: 1.5 min (threshold: above -1 min)",
          "Moderation actions per 100 members: 15 (threshold: above -1)",
          "Energy given per member: 2 (threshold: above -1)",
          "Tier promotions per 100 members: 15 (threshold: above -1)",
          "Chat lines per member: 5 (threshold: above -1)",
          "Peak share: 75% (threshold: above -100%)",
          "Check-in share: 80% (threshold: above -100%)",
          "Negative-line share: 5% (threshold: above -100%)",
          "Speakers: 2 (threshold: above -1)",
        ].join("; ") +
        ".",
    );
  });

  it("writes one indicator in the singular, and a flag as yes / no", () => {
    const readings = healthReadings(reportFixture({ tree: { reachedAt: null } }), [], { treeGoalReached: { when: "below", value: 1, notify: true } });
    const alert = healthAlert(readings, event, session, url);
    expect(alert?.text.split("\n")).toEqual([
      "Grove 社区健康提醒：活动「春日茶会 Spring tea」2026-11-30 19:00 UTC 开始的场次有 1 项指标越过阈值：社区树达成目标 否（阈值：低于 1）。",
      "Grove health alert: 1 indicator past its threshold in the session of “春日茶会 Spring tea” that started 2026-11-30 19:00 UTC: Tree goal reached: no (threshold: below 1).",
      url,
    ]);
  });

  it("is null when nothing that notifies is breached", () => {
    expect(healthAlert(healthReadings(reportFixture(), [], {}), event, session, url)).toBeNull();
    const quiet = healthReadings(reportFixture(), [], { interactedShare: { when: "below", value: 0.7, notify: false } });
    expect(reading(quiet, "interactedShare").breached).toBe(true);
    expect(healthAlert(quiet, event, session, url)).toBeNull();
    const notBreached = healthReadings(reportFixture(), [], { interactedShare: { when: "below", value: 0.5, notify: true } });
    expect(healthAlert(notBreached, event, session, url)).toBeNull();
  });

  it("leaves out a reading marked breached without a value", () => {
    const odd: IndicatorReading = { ...reading(healthReadings(reportFixture(), [], {}), "speakers"), value: null, breached: true, threshold: { when: "below", value: 1, notify: true } };
    expect(healthAlert([odd], event, session, url)).toBeNull();
  });

  it("has a name in both languages for every indicator", () => {
    for (const id of HEALTH_INDICATORS) expect([id, HEALTH_ALERT_NAMES[id].zh.trim() !== "", HEALTH_ALERT_NAMES[id].en.trim() !== ""]).toEqual([id, true, true]);
  });
});

describe("formatHealthValue", () => {
  it("writes shares as percentages with at most one decimal", () => {
    expect(formatHealthValue("share", 0.155, "en")).toBe("15.5%");
    expect(formatHealthValue("share", 1 / 3, "zh")).toBe("33.3%");
    expect(formatHealthValue("share", 0, "en")).toBe("0%");
  });

  it("writes minutes with their unit, other figures with at most two decimals", () => {
    expect(formatHealthValue("minutes", 12.25, "en")).toBe("12.3 min");
    expect(formatHealthValue("minutes", 3, "zh")).toBe("3 分钟");
    expect(formatHealthValue("perMemberMinute", 0.1 + 0.2, "en")).toBe("0.3");
    expect(formatHealthValue("per100", 12.346, "zh")).toBe("12.35");
    expect(formatHealthValue("count", 4, "en")).toBe("4");
  });

  it("writes a flag as yes or no", () => {
    expect([formatHealthValue("flag", 1, "en"), formatHealthValue("flag", 0, "en"), formatHealthValue("flag", 1, "zh"), formatHealthValue("flag", 0, "zh")]).toEqual(["yes", "no", "是", "否"]);
  });
});
