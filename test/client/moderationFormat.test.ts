import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.js";
import { zhCN } from "../../client/i18n/zh-CN.js";
import {
  describeDuration,
  describeLogEntry,
  describeMuteReason,
  describeSpan,
  formatTimeLeft,
  muteInForce,
  mutesInForce,
  parseWordList,
  queueParts,
  sameWords,
  wordListProblem,
  LOG_TEXT_MAX,
} from "../../client/state/moderationFormat.js";
import { FILTER_WORD_MAX_LENGTH, FILTER_WORDS_MAX, type Flag, type ModerationLogEntry, type Mute } from "../../shared/rules/moderation/types.js";

const NOW = 1_700_000_000_000;
const MIN = 60_000;
const HOUR = 60 * MIN;

let tEn: TFunction;
let tZh: TFunction;

// The page's own messages and interpolation, without a browser: what the member and the host read.
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
    lng: "en",
    fallbackLng: "en",
    supportedLngs: ["en", "zh-CN"],
    interpolation: { escapeValue: false, prefix: "{", suffix: "}" },
    showSupportNotice: false,
  });
  tEn = i18n.getFixedT("en");
  tZh = i18n.getFixedT("zh-CN");
});

const ada = { memberId: "m-ada", name: "Ada" };
const bo = { memberId: "m-bo", name: "小明" };
const entry = (overrides: Partial<ModerationLogEntry>): ModerationLogEntry => ({ seq: 1, at: NOW, action: "mute", by: ada, target: bo, detail: {}, note: "", ...overrides });

describe("lengths and waits in words", () => {
  it("words a mute's length in its largest whole unit, in both languages", () => {
    expect(describeDuration(MIN, tEn)).toBe("1 minute");
    expect(describeDuration(5 * MIN, tEn)).toBe("5 minutes");
    expect(describeDuration(HOUR, tEn)).toBe("1 hour");
    expect(describeDuration(90 * MIN, tEn)).toBe("90 minutes");
    expect(describeDuration(24 * HOUR, tEn)).toBe("24 hours");
    expect(describeDuration(30_000, tEn)).toBe("30 seconds");
    expect(describeDuration(30 * MIN, tZh)).toBe("30 分钟");
    expect(describeDuration(HOUR, tZh)).toBe("1 小时");
  });

  it("words a wait as short as reads well, never below zero", () => {
    expect(describeSpan(0, tEn)).toBe("0 s");
    expect(describeSpan(59_999, tEn)).toBe("59 s");
    expect(describeSpan(61_000, tEn)).toBe("1 min 1 s");
    expect(describeSpan(2 * MIN, tEn)).toBe("2 min");
    expect(describeSpan(12 * MIN + 5_000, tEn)).toBe("12 min");
    expect(describeSpan(HOUR + 5 * MIN, tEn)).toBe("1 h 5 min");
    expect(describeSpan(2 * HOUR, tEn)).toBe("2 h");
    expect(describeSpan(-5_000, tEn)).toBe("0 s");
    expect(describeSpan(Number.NaN, tEn)).toBe("0 s");
    expect(describeSpan(61_000, tZh)).toBe("1 分 1 秒");
    expect(tZh("moderation.host.queue.waited", { time: describeSpan(2 * MIN, tZh) })).toBe("已等待 2 分钟");
    expect(tEn("moderation.host.queue.waited", { time: describeSpan(2 * MIN, tEn) })).toBe("waiting 2 min");
  });

  it("counts down as m:ss, or h:mm:ss from an hour, rounding up so 0:00 shows only at the end", () => {
    expect(formatTimeLeft(0)).toBe("0:00");
    expect(formatTimeLeft(1)).toBe("0:01");
    expect(formatTimeLeft(59_001)).toBe("1:00");
    expect(formatTimeLeft(4 * MIN + 32_000)).toBe("4:32");
    expect(formatTimeLeft(HOUR)).toBe("1:00:00");
    expect(formatTimeLeft(HOUR + MIN + 1_000)).toBe("1:01:01");
    expect(formatTimeLeft(-3_000)).toBe("0:00");
  });
});

describe("mutes in force", () => {
  const mute = (memberId: string, until: number | null): Mute => ({ memberId, name: memberId, at: NOW - MIN, until, reason: "host", by: ada, note: "" });

  it("a member's own mute holds until its end by the server's clock, or for the session", () => {
    expect(muteInForce(null, NOW)).toBe(false);
    expect(muteInForce({ until: NOW + 1, reason: "host", note: "" }, NOW)).toBe(true);
    expect(muteInForce({ until: NOW, reason: "host", note: "" }, NOW)).toBe(false);
    expect(muteInForce({ until: null, reason: "filter", note: "" }, NOW + 10 * HOUR)).toBe(true);
  });

  it("the host's list drops the mutes that ran out since the view was built", () => {
    const mutes = [mute("a", NOW + MIN), mute("b", NOW - 1), mute("c", null)];
    expect(mutesInForce(mutes, NOW).map((m) => m.memberId)).toEqual(["a", "c"]);
  });

  it("tells the member why: the host's reason when given, or what the automatic mute counted", () => {
    expect(describeMuteReason({ until: null, reason: "host", note: "  Please keep it kind " }, tEn)).toContain("“Please keep it kind”");
    expect(describeMuteReason({ until: null, reason: "host", note: "" }, tEn)).toBe(tEn("moderation.notice.reasonHost"));
    expect(describeMuteReason({ until: NOW, reason: "filter", note: "" }, tEn)).toMatch(/automatically.*filters/);
    expect(describeMuteReason({ until: NOW, reason: "rate", note: "" }, tZh)).toBe("你被自动禁言了：短时间内发送的消息太多、太快。");
  });
});

describe("the moderation log in words", () => {
  it("words each action in English", () => {
    expect(describeLogEntry(entry({ action: "mute", detail: { durationMs: 5 * MIN } }), tEn)).toBe("Ada muted 小明 for 5 minutes.");
    expect(describeLogEntry(entry({ action: "mute", detail: { durationMs: null } }), tEn)).toBe("Ada muted 小明 for the rest of the session.");
    expect(describeLogEntry(entry({ action: "unmute" }), tEn)).toBe("Ada unmuted 小明.");
    expect(describeLogEntry(entry({ action: "autoMute", by: null, detail: { durationMs: MIN, offence: "filter" } }), tEn)).toBe(
      "小明 was muted automatically for 1 minute: filtered words, again and again.",
    );
    expect(describeLogEntry(entry({ action: "autoMute", by: null, detail: { durationMs: 30 * MIN, offence: "rate" } }), tEn)).toBe(
      "小明 was muted automatically for 30 minutes: too many messages too fast.",
    );
    expect(describeLogEntry(entry({ action: "remove" }), tEn)).toBe("Ada removed 小明 from the session.");
    expect(describeLogEntry(entry({ action: "lock", target: null }), tEn)).toBe("Ada locked the session.");
    expect(describeLogEntry(entry({ action: "unlock", target: null }), tEn)).toBe("Ada unlocked the session.");
    expect(describeLogEntry(entry({ action: "slowMode", target: null, detail: { seconds: 10 } }), tEn)).toBe("Ada turned on slow mode: 10 seconds between messages.");
    expect(describeLogEntry(entry({ action: "slowMode", target: null, detail: { seconds: 0 } }), tEn)).toBe("Ada turned slow mode off.");
    expect(describeLogEntry(entry({ action: "deleteLine", detail: { text: "buy now" } }), tEn)).toBe("Ada deleted a message by 小明: “buy now”");
    expect(describeLogEntry(entry({ action: "words", target: null, detail: { add: ["spam", "scam"], remove: [] } }), tEn)).toBe(
      "Ada changed the word list. Hidden: spam, scam. Allowed: none.",
    );
    expect(describeLogEntry(entry({ action: "report", by: bo, target: ada, detail: { text: "hi" } }), tEn)).toBe("小明 reported a message by Ada: “hi”");
    expect(describeLogEntry(entry({ action: "whisper", detail: { text: "Are you OK?", flagId: "f3" } }), tEn)).toBe("Ada replied privately to 小明: “Are you OK?”");
    expect(describeLogEntry(entry({ action: "handled", target: null, detail: { flagId: "f3" } }), tEn)).toBe("Ada marked a queued message handled.");
    expect(describeLogEntry(entry({ action: "handled", detail: { flagId: "f3" } }), tEn)).toBe("Ada marked 小明's message handled.");
    expect(describeLogEntry(entry({ action: "handedOn", target: { memberId: "m-cy", name: "Cy" } }), tEn)).toBe("Ada handed a queued message on to Cy.");
  });

  it("words each action in natural Chinese", () => {
    expect(describeLogEntry(entry({ action: "mute", detail: { durationMs: 5 * MIN } }), tZh)).toBe("Ada将小明禁言 5 分钟。");
    expect(describeLogEntry(entry({ action: "mute", detail: { durationMs: null } }), tZh)).toBe("Ada将小明禁言至本场结束。");
    expect(describeLogEntry(entry({ action: "autoMute", by: null, detail: { durationMs: 5 * MIN, offence: "filter" } }), tZh)).toBe("小明因多次使用屏蔽词被自动禁言 5 分钟。");
    expect(describeLogEntry(entry({ action: "remove" }), tZh)).toBe("Ada将小明移出了本场。");
    expect(describeLogEntry(entry({ action: "slowMode", target: null, detail: { seconds: 30 } }), tZh)).toBe("Ada开启了慢速模式：每条消息间隔 30 秒。");
    expect(describeLogEntry(entry({ action: "words", target: null, detail: { add: ["傻瓜", "笨蛋"], remove: ["damn"] } }), tZh)).toBe(
      "Ada修改了屏蔽词。屏蔽：傻瓜、笨蛋；放行：damn。",
    );
    expect(describeLogEntry(entry({ action: "whisper", detail: { text: "你还好吗？" } }), tZh)).toBe("Ada私信回复了小明：“你还好吗？”");
  });

  it("reads a missing name as someone, and cuts a long line in the log", () => {
    expect(describeLogEntry(entry({ action: "unmute", by: null, target: null }), tEn)).toBe("someone unmuted someone.");
    const long = "a".repeat(LOG_TEXT_MAX + 50);
    const worded = describeLogEntry(entry({ action: "deleteLine", detail: { text: long } }), tEn);
    expect(worded).toContain(`${"a".repeat(LOG_TEXT_MAX - 1)}…”`);
    expect(worded).not.toContain("a".repeat(LOG_TEXT_MAX));
  });
});

describe("the word list as typed", () => {
  it("takes one word or phrase a line (commas too), trimmed, NFKC, lower-case, each once", () => {
    const parsed = parseWordList(" Spam \n\nＳＣＡＭ, free money\r\n傻瓜，笨蛋、spam\n");
    expect(parsed.words).toEqual(["spam", "scam", "free money", "傻瓜", "笨蛋"]);
    expect(parsed.tooLong).toEqual([]);
    expect(parsed.tooMany).toBe(false);
    expect(parseWordList("   \n ").words).toEqual([]);
  });

  it("names the words that are too long and says when there are too many", () => {
    const long = "x".repeat(FILTER_WORD_MAX_LENGTH + 1);
    const parsed = parseWordList(`ok\n${long}`);
    expect(parsed.words).toEqual(["ok"]);
    expect(parsed.tooLong).toEqual([long]);
    expect(wordListProblem(parsed, tEn)).toBe(`Longer than ${FILTER_WORD_MAX_LENGTH} characters: ${long}`);
    expect(parseWordList("x".repeat(FILTER_WORD_MAX_LENGTH)).tooLong).toEqual([]);

    const many = parseWordList(Array.from({ length: FILTER_WORDS_MAX + 1 }, (_, i) => `w${i}`).join("\n"));
    expect(many.tooMany).toBe(true);
    expect(wordListProblem(many, tZh)).toBe(`每个列表最多 ${FILTER_WORDS_MAX} 个词。`);
    expect(wordListProblem(parseWordList("fine"), tEn)).toBeNull();
  });

  it("compares lists as sets", () => {
    expect(sameWords(["a", "b"], ["b", "a"])).toBe(true);
    expect(sameWords(["a", "b"], ["a"])).toBe(false);
    expect(sameWords(["a", "b"], ["a", "c"])).toBe(false);
  });
});

describe("the queue as the console splits it", () => {
  const flag = (id: string, status: Flag["status"]): Flag => ({
    id,
    source: "chat",
    refId: `c-${id}`,
    authorId: "m-bo",
    authorName: "小明",
    text: "help?",
    at: NOW,
    tags: ["help"],
    triggers: [],
    reporters: [],
    status,
    assignee: null,
    firstResponseAt: null,
    handledAt: null,
    handledBy: null,
  });

  it("lines handed on still wait; handled ones go below, each keeping the server's order", () => {
    const { waiting, handled } = queueParts([flag("f1", "open"), flag("f2", "handedOn"), flag("f4", "handled"), flag("f3", "handled")]);
    expect(waiting.map((f) => f.id)).toEqual(["f1", "f2"]);
    expect(handled.map((f) => f.id)).toEqual(["f4", "f3"]);
  });
});
