import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CLASSIFY_MAX_CHARS, classify, type Classification } from "../../../shared/rules/moderation/classify.js";
import { HELDOUT_FILE, LANGS, TAGS, TUNING_FILES, evaluate, readFixtures, scoreTable, type LabelledLine } from "../../fixtures/moderation/metrics.js";

const tagsOf = (text: string) => classify(text).tags;

describe("classify: help requests", () => {
  it.each([
    "求助！我这边听不到声音",
    "怎么进不去啊",
    "找不到入口，有人知道在哪吗",
    "请问怎么举手？",
    "二维码扫不出来",
    "有人能帮我一下吗",
    "my audio doesn't work, can anyone help?",
    "I can't hear the speaker at all",
    "how do I unmute myself?",
    "I'm stuck at clue 3, any hints?",
    "the QR code won't scan on my phone",
  ])("tags a member who is stuck: %s", (text) => {
    expect(tagsOf(text)).toEqual(["help"]);
  });

  it("tells a question to the speaker from a member who is stuck", () => {
    expect(tagsOf("老师怎么看AI对设计行业的影响？")).toEqual([]);
    expect(tagsOf("老师，遇到瓶颈期的时候您一般怎么调整心态？")).toEqual([]);
    expect(tagsOf("how do you see the future of remote work?")).toEqual([]);
    expect(tagsOf("how do you find good first issues in big projects?")).toEqual([]);
    // A generic "you" about the venue is a how-to.
    expect(tagsOf("how do you turn the music down in here?")).toEqual(["help"]);
    expect(tagsOf("怎么把背景音乐关掉")).toEqual(["help"]);
  });

  it("needs a thing of the venue beside an everyday verb", () => {
    expect(tagsOf("how do I find a mentor in this field?")).toEqual([]);
    expect(tagsOf("where can I find the replay?")).toEqual(["help"]);
    expect(tagsOf("老师，怎么才能找到第一份工作？")).toEqual([]);
    expect(tagsOf("这个怎么玩")).toEqual(["help"]);
  });

  it("leaves out a problem that is already solved", () => {
    expect(tagsOf("I was stuck on clue 2 but figured it out 😄")).toEqual([]);
    expect(tagsOf("my audio works now, thanks!")).toEqual([]);
    expect(tagsOf("我刚才也卡住了，后来刷新就好了")).toEqual([]);
    expect(tagsOf("声音正常了，谢谢")).toEqual([]);
  });

  it("leaves out advice to others", () => {
    expect(tagsOf("if anyone's stuck, the hints are in the pinned message")).toEqual([]);
    expect(tagsOf("有卡住的朋友可以看置顶消息")).toEqual([]);
    expect(tagsOf("第三题卡住的可以问我")).toEqual([]);
    expect(tagsOf("the help desk is at the back of the hall")).toEqual([]);
    expect(tagsOf("帮助中心在右上角")).toEqual([]);
  });

  it("asks for advice as help only beside a problem", () => {
    expect(tagsOf("any advice for someone starting out in UX?")).toEqual([]);
    expect(tagsOf("I'm stressed about my exams, any advice?")).toEqual(["help", "negative"]);
  });

  it("does not read can't-phrases of praise as inability", () => {
    expect(tagsOf("can't wait for part two")).toEqual([]);
    expect(tagsOf("I can't stop laughing at the cat on camera")).toEqual([]);
    expect(tagsOf("I can't hear you say that enough, great point")).toEqual([]);
  });
});

describe("classify: negative lines", () => {
  it.each(["好烦啊", "讲得好无聊", "今天心情很差", "this talk is so boring", "the audio quality is terrible today", "I feel so alone at these things"])(
    "tags frustration and distress: %s",
    (text) => {
      expect(tagsOf(text)).toEqual(["negative"]);
    },
  );

  it("turns a cue round after a negator", () => {
    expect(tagsOf("不错不错")).toEqual([]);
    expect(tagsOf("not bad at all!")).toEqual([]);
    expect(tagsOf("I don't think it's a bad idea")).toEqual([]);
    expect(tagsOf("一点也不无聊")).toEqual([]);
    expect(tagsOf("别难过，下次一定能赢")).toEqual([]);
    expect(tagsOf("今天一点都不卡，好流畅")).toEqual([]);
    // A negated good word is negative.
    expect(tagsOf("not happy with how the poll was run")).toEqual(["negative"]);
    expect(tagsOf("不开心")).toEqual(["negative"]);
    expect(tagsOf("一点都不好玩")).toEqual(["negative"]);
  });

  it("counts a weak cue only with an intensifier", () => {
    expect(tagsOf("slow mode is on")).toEqual([]);
    expect(tagsOf("this is so slow")).toEqual(["negative"]);
    expect(tagsOf("卡片收集齐了！")).toEqual([]);
    expect(tagsOf("画质好糊")).toEqual(["negative"]);
    expect(tagsOf("尴尬死了")).toEqual(["negative"]);
  });

  it("reads sarcasm: a cheerful word beside a problem", () => {
    expect(tagsOf("great, another lag spike")).toEqual(["negative"]);
    expect(tagsOf("oh perfect, the stream died right at the best part")).toEqual(["negative"]);
    expect(tagsOf("真棒，又掉线了")).toEqual(["negative"]);
    expect(tagsOf("呵呵，说好的准时开始呢")).toEqual(["negative"]);
    expect(tagsOf("真是服了，又开始放广告")).toEqual(["negative"]);
    // The same words without a problem are praise.
    expect(tagsOf("great, the slides are up now")).toEqual([]);
    expect(tagsOf("真棒！")).toEqual([]);
  });

  it("takes a joke word back when the line laughs", () => {
    expect(tagsOf("我吐了，这个题目谁出的")).toEqual(["negative"]);
    expect(tagsOf("服了你了哈哈哈")).toEqual([]);
    expect(tagsOf("lol I'm crying, this is hilarious")).toEqual([]);
  });

  it("reads angry emoji alone and sad ones with company", () => {
    expect(tagsOf("😡😡")).toEqual(["negative"]);
    expect(tagsOf("my question got skipped again 🙄")).toEqual(["negative"]);
    expect(tagsOf("😭")).toEqual([]);
    expect(tagsOf("just lost all my hunt progress 😭")).toEqual(["negative"]);
  });

  it("does not flag strong words used as praise", () => {
    for (const text of ["this is sick!", "insanely good talk", "笑死我了", "强到离谱", "感动哭了", "好哭，太感人了", "救命，这也太好笑了", "holy crap that demo was amazing"]) {
      expect(tagsOf(text), text).toEqual([]);
    }
  });

  it("lets praise after a contrast word win", () => {
    expect(tagsOf("not gonna lie, I thought this would be boring but it's amazing")).toEqual([]);
    expect(tagsOf("本来以为会很无聊，结果超精彩")).toEqual([]);
    expect(tagsOf("the talk was great but the audio is terrible")).toEqual(["negative"]);
  });

  it("does not take a hard topic put to the speaker as the writer's mood", () => {
    expect(tagsOf("how do you handle angry customers in support?")).toEqual([]);
    expect(tagsOf("老师对年轻人焦虑这个问题怎么看？")).toEqual([]);
    expect(tagsOf("I'm getting really anxious, I can't find my group")).toEqual(["help", "negative"]);
  });

  it("counts frustration markers only beside a problem", () => {
    expect(tagsOf("seriously, why can't I join?? third time trying")).toEqual(["help", "negative"]);
    expect(tagsOf("tried refreshing, still can't see the stage video")).toEqual(["help"]);
    expect(tagsOf("seriously?? that was the best answer tonight")).toEqual([]);
  });
});

describe("classify: cue families added for unseen wording", () => {
  it.each([
    "is a mod around? someone keeps sending me weird messages",
    "who do I contact about my ticket?",
    "the page says \"something went wrong\" when I press join",
    "my screen is just a grey box",
    "I've tried two browsers and it still won't load",
    "can I still change my answer? I picked the wrong one",
    "is there a replay I can watch tomorrow?",
    "where do I go for the workshop?",
    "管理员在吗 有人刷广告",
    "找谁可以改名字",
    "我这边一直转圈 进不去",
    "显示网络异常 请重试",
    "头像传不上去",
    "舞台是灰的 什么都没有",
    "用什么浏览器比较好 我这个老闪退",
    "投错了 还能改吗",
  ])("tags a member who is stuck or asks the staff: %s", (text) => {
    expect(tagsOf(text)).toContain("help");
  });

  it("takes a joke help word back when the line laughs", () => {
    expect(tagsOf("haha I'm stuck in a corner, dancing it is")).toEqual([]);
    expect(tagsOf("help, this speaker is way too funny 😂")).toEqual([]);
    expect(tagsOf("我被角落卡住了哈哈")).toEqual([]);
    // Without the laughter they are help.
    expect(tagsOf("I'm stuck in a corner")).toEqual(["help"]);
  });

  it("leaves out advice, a wh-question to the speaker and the speaker talked about", () => {
    expect(tagsOf("for anyone stuck on clue 2: look up")).toEqual([]);
    expect(tagsOf("try clearing the cache, that usually helps with the black screen")).toEqual([]);
    expect(tagsOf("How would you handle moderation in an anonymous community?")).toEqual([]);
    expect(tagsOf("卡在第二条线索的朋友 抬头看看")).toEqual([]);
    // "只想听嘉宾讲" talks about the speaker: the line still asks the venue for something.
    expect(tagsOf("背景音乐能单独关掉吗 只想听嘉宾讲")).toEqual(["help"]);
    expect(tagsOf("能再展开讲讲为什么不用积分制吗")).toEqual([]);
  });

  it.each([
    "oh sure, let's spend another ten minutes on mic checks",
    "so glad I waited 30 minutes for this",
    "what's even the point of this poll",
    "ok I give up, this hunt is impossible",
    "I'm so bored I'm nodding off",
    "zzz",
    "the moderator is being so condescending",
    "pretty sure nobody actually reads the chat",
    "谢谢你们什么都不管",
    "这就是你们说的大型活动？",
    "讲了一个小时 干货一点没有",
    "算了 不等了 退了",
    "离谱 抽奖全是工作人员中的",
    "绝了 刚开场就掉线",
    "新地图丑死了",
  ])("tags disappointment, boredom, giving up, sarcasm and rhetorical questions: %s", (text) => {
    expect(tagsOf(text)).toContain("negative");
  });

  it("reads the same words as praise or laughter", () => {
    for (const text of ["离谱 这也太好看了吧", "绝了绝了 舞台设计牛逼", "无语凝噎 太感动了", "I hate how good this is", "ugh I love this community so much", "破防了 最后那个故事好暖", "笑死 我的小人又掉水里了哈哈"]) {
      expect(tagsOf(text), text).toEqual([]);
    }
  });

  it("counts a problem back for the third time as frustration", () => {
    expect(tagsOf("kicked from the room for the 5th time, someone pls look into it")).toEqual(["help", "negative"]);
    expect(tagsOf("kicked from the room, someone pls look into it")).toEqual(["help"]);
  });

  it("does not let can't-believe turn round the cue after it", () => {
    expect(tagsOf("can't believe I lost all my hunt progress again")).toEqual(["negative"]);
    expect(tagsOf("I can't believe how good this demo is")).toEqual([]);
  });
});

describe("classify: triggers and input", () => {
  it("names the triggers as the member wrote them", () => {
    expect(classify("ＨＥＬＰ me, I can’t hear").triggers).toEqual(["ＨＥＬＰ me", "can’t hear"]);
    expect(classify("this is sooooo annoying").triggers).toEqual(["annoying"]);
    expect(classify("hellllp me").triggers).toEqual(["hellllp me"]);
    expect(classify("求\u200b助，我听不到").triggers).toEqual(["求\u200b助", "听不到"]);
    expect(classify("又进不去了，烦死了")).toEqual({ tags: ["help", "negative"], triggers: ["又进不去", "烦"] });
  });

  it("gives no tags to lines without a cue", () => {
    for (const text of ["", "   ", "大家好", "hi everyone!", "👏👏👏", "+1"]) expect(classify(text), text).toEqual({ tags: [], triggers: [] });
  });

  it("reads only the start of a line longer than CLASSIFY_MAX_CHARS", () => {
    expect(tagsOf(`${"x ".repeat(CLASSIFY_MAX_CHARS / 2)}help me`)).toEqual([]);
    expect(tagsOf(`help me ${"x ".repeat(CLASSIFY_MAX_CHARS)}`)).toEqual(["help"]);
  });

  it("never throws, and every trigger is a piece of the line", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme", maxLength: 80 }), fc.string({ unit: "binary", maxLength: 80 }), fc.constantFrom("求助 help me", "又卡了😡", "\ud800help")), (text) => {
        const result: Classification = classify(text);
        expect(result.tags.every((tag) => tag === "help" || tag === "negative")).toBe(true);
        expect(new Set(result.tags).size).toBe(result.tags.length);
        for (const trigger of result.triggers) expect(text).toContain(trigger);
        expect(result.tags.length === 0).toBe(result.triggers.length === 0);
      }),
      { numRuns: 300 },
    );
    expect(classify(undefined as unknown as string)).toEqual({ tags: [], triggers: [] });
    expect(classify(42 as unknown as string)).toEqual({ tags: [], triggers: [] });
  });

  it("reads long and repetitive lines as it reads short ones: the cue once, not once per repeat (speed is bench:filter's)", () => {
    const hostile = ["a".repeat(CLASSIFY_MAX_CHARS), "怎么".repeat(1000), "how do i ".repeat(250), "不".repeat(2000)];
    for (const text of hostile) expect(classify(text), text.slice(0, 20)).toEqual({ tags: [], triggers: [] });
    expect(classify("又卡了 so slow ".repeat(150))).toEqual({ tags: ["negative"], triggers: ["又卡", "slow"] });
  });
});

describe("evaluate", () => {
  it("counts precision and recall per language and tag", () => {
    const rows: LabelledLine[] = [
      { text: "a", lang: "en", tags: ["help"] },
      { text: "b", lang: "en", tags: ["help"] },
      { text: "c", lang: "en", tags: [] },
      { text: "d", lang: "zh", tags: ["negative"] },
    ];
    // Says help to a and c, negative to nothing.
    const fake = (text: string): Classification => ({ tags: text === "a" || text === "c" ? ["help"] : [], triggers: [] });
    const { scores, exact, mistakes } = evaluate(rows, fake);
    const enHelp = scores.find((s) => s.lang === "en" && s.tag === "help")!;
    expect(enHelp).toMatchObject({ lines: 3, labelled: 2, predicted: 2, truePositives: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    const zhNegative = scores.find((s) => s.lang === "zh" && s.tag === "negative")!;
    expect(zhNegative).toMatchObject({ labelled: 1, predicted: 0, truePositives: 0, recall: 0 });
    expect(zhNegative.precision).toBeNaN();
    expect(exact).toBe(1);
    expect(mistakes.map((m) => `${m.line.text}:${m.tag}:${m.kind}`).sort()).toEqual(["b:help:missed", "c:help:false", "d:negative:missed"]);
  });
});

describe(`classify on the tuning data (${TUNING_FILES.join(", ")})`, () => {
  const rows = readFixtures(TUNING_FILES);

  it("holds at least 340 lines, with 30 or more of each tag in each language", () => {
    expect(rows.length).toBeGreaterThanOrEqual(340);
    for (const lang of LANGS) {
      const inLang = rows.filter((row) => row.lang === lang);
      expect(inLang.length).toBeGreaterThan(rows.length / 3);
      for (const tag of TAGS) expect(inLang.filter((row) => row.tags.includes(tag)).length, `${lang} ${tag}`).toBeGreaterThanOrEqual(30);
    }
  });

  it("reaches precision 0.85 and recall 0.75 for each tag in each language", () => {
    const { scores } = evaluate(rows, classify);
    expect(scores).toHaveLength(4);
    for (const score of scores) {
      expect(score.precision, `${score.lang} ${score.tag} precision`).toBeGreaterThanOrEqual(0.85);
      expect(score.recall, `${score.lang} ${score.tag} recall`).toBeGreaterThanOrEqual(0.75);
    }
  });
});

describe(`the held-out set (${HELDOUT_FILE}) is reported, not asserted`, () => {
  // Written by an annotator who never saw the rules, and never tuned on: its figures are measured and reported
  // (npm run eval:classifier, docs/moderation-classifier.md), but the targets are asserted on tuning data only.
  const heldOut = readFixtures([HELDOUT_FILE]);

  it("is a separate labelled set in both languages, sharing no line but the shortest with the tuning data", () => {
    const tuning = new Set(readFixtures(TUNING_FILES).map((row) => row.text));
    expect(heldOut.length).toBeGreaterThanOrEqual(300);
    for (const lang of LANGS) {
      for (const tag of TAGS) expect(heldOut.filter((row) => row.lang === lang && row.tags.includes(tag)).length, `${lang} ${tag}`).toBeGreaterThanOrEqual(30);
    }
    // Two annotators can both write "voted B"; a longer line in both sets would mean one was copied from the other.
    expect(heldOut.filter((row) => row.text.length > 12 && tuning.has(row.text)).map((row) => row.text)).toEqual([]);
  });

  it("gives precision and recall for each tag and language, and a table of them", () => {
    const { scores, total, exact } = evaluate(heldOut, classify);
    expect(total).toBe(heldOut.length);
    expect(exact).toBeGreaterThan(0);
    expect(scores.map((s) => `${s.lang} ${s.tag}`)).toEqual(["zh help", "zh negative", "en help", "en negative"]);
    for (const score of scores) {
      expect(score.labelled, `${score.lang} ${score.tag}`).toBeGreaterThan(0);
      expect(score.recall).toBeGreaterThanOrEqual(0);
      expect(score.recall).toBeLessThanOrEqual(1);
      // Something is flagged in each, so precision is a number too.
      expect(score.predicted).toBeGreaterThan(0);
      expect(score.precision).toBeGreaterThanOrEqual(0);
      expect(score.precision).toBeLessThanOrEqual(1);
    }
    expect(scoreTable(scores).split("\n")).toHaveLength(2 + 4);
  });
});
