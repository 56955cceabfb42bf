/**
 * The statistics bench's data (`npm run bench:stats`): one event whose last session is a big one (5,000 members,
 * 1,000,000 log rows over two hours) and, before it, smaller sessions spread over 200 days whose members come back
 * from one pool, so the cross-session figures (returning, cohorts, RFM) have something to find. Every log detail is
 * built in the log's own shapes and parsed with its schema before it is written, as `appendInteraction` does; the
 * rows go in through server/store/benchSeed.ts, thousands a statement.
 */
import { InteractionEntry, SESSION_COMMAND_KINDS } from "../../shared/log.js";
import { REACTIONS } from "../../shared/protocol/intents.js";
import { seedInteractions, seedMembers, seedPresence, seedSessions, type SeedInteraction, type SeedPresence, type SeedSession } from "../../server/store/benchSeed.js";
import type { Store } from "../../server/store/index.js";
import { seeded } from "./benchKit.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const COMMAND_KINDS: ReadonlySet<string> = new Set(SESSION_COMMAND_KINDS);

// Chat text: a few hundred lines from templates (zh and en) with topics, so hot words and sentiment meet real text.
const ZH_TEMPLATES = [
  "我觉得{t}这个话题特别有意思",
  "请问{t}有没有推荐的入门资料？",
  "刚才讲的{t}太精彩了 👏",
  "{t}在我们公司也遇到过类似的问题",
  "同意楼上，{t}确实需要更多讨论",
  "有人一起线下交流{t}吗",
  "听不太清楚，能再讲一遍{t}吗",
  "第一次来，{t}这部分收获很大",
  "{t}的例子举得很好，谢谢分享",
  "感觉{t}有点难，需要慢慢消化",
  "我们团队正在尝试{t}，效果还不错",
  "{t}和去年比变化好大",
  "大家好，我从上海来，对{t}很感兴趣",
  "能分享一下{t}的幻灯片吗？",
  "{t}这块我有不同意见",
];
const EN_TEMPLATES = [
  "Really enjoying the part about {t}",
  "Does anyone have a good reading list on {t}?",
  "Great point on {t}, thanks!",
  "We tried {t} at work last year and it was hard",
  "Could you repeat the bit about {t}? The audio cut out",
  "First time here, {t} is new to me",
  "I disagree a little on {t}, happy to discuss",
  "Is there a recording of the {t} talk?",
  "The example about {t} was so clear",
  "Anyone in Shanghai working on {t}? Let's meet",
  "I think {t} matters more than people admit",
  "Slides on {t} please!",
];
const ZH_TOPICS = ["城市花园", "社区治理", "开源项目", "气候变化", "远程办公", "人工智能", "咖啡文化", "阅读习惯", "志愿服务", "垃圾分类", "亲子教育", "独立设计"];
const EN_TOPICS = ["community gardens", "open source", "climate action", "remote work", "machine learning", "local history", "urban cycling", "zero waste", "mentoring", "design systems", "public libraries"];
const CHAT_LINES: readonly string[] = [
  ...ZH_TEMPLATES.flatMap((template) => ZH_TOPICS.map((topic) => template.replace("{t}", topic))),
  ...EN_TEMPLATES.flatMap((template) => EN_TOPICS.map((topic) => template.replace("{t}", topic))),
  "哈哈哈", "太棒了！", "+1", "谢谢老师", "👍👍", "lol", "so good", "agreed", "同意", "加油",
];
const QUESTIONS = [
  "如何在小区里发起一个共享花园？",
  "开源项目怎么找到第一批贡献者？",
  "远程团队如何保持凝聚力？",
  "How do you keep volunteers coming back?",
  "What would you do differently if you started again?",
  "有哪些适合初学者的工具？",
  "How do you measure a community's health?",
  "活动经费一般从哪里来？",
];
const POLL_QUESTIONS = ["今天的内容对你有帮助吗？", "Which topic next month?", "你是第几次参加？", "Quiz: which year did the first community garden open here?", "用一个词形容今天"];
const TRIGGERS = ["help", "救命", "stupid", "无聊"];

/** Weighted log kinds of one session's main stream (joins and leaves come from presence). */
const MIX: ReadonlyArray<readonly [string, number]> = [
  ["chat", 0.46],
  ["reaction", 0.3],
  ["pollVoted", 0.1],
  ["questionUpvoted", 0.035],
  ["energyGiven", 0.025],
  ["stanceTaken", 0.02],
  ["pollAnswered", 0.01],
  ["questionAsked", 0.008],
  ["checkedIn", 0.006],
  ["handRaised", 0.004],
  ["clueFound", 0.004],
  ["lineFlagged", 0.002],
  ["lineReported", 0.001],
  ["offenceRecorded", 0.001],
];
const MIX_TOTAL = MIX.reduce((sum, [, w]) => sum + w, 0);

export interface SessionPlan {
  sessionId: string;
  startedAt: number;
  durationMs: number;
  /** Member ids present in this session; the first two are its hosts. */
  members: readonly string[];
  /** Log rows to write, joins and leaves included. */
  rows: number;
  seed: number;
}

interface Stay { memberId: string; joinedAt: number; leftAt: number }

/** Each member's stays: most arrive in the first third, some leave early, about one in three reconnects once. */
export function planPresence(plan: SessionPlan): Stay[] {
  const random = seeded(plan.seed);
  const end = plan.startedAt + plan.durationMs;
  const stays: Stay[] = [];
  for (const memberId of plan.members) {
    const early = random() < 0.7;
    let joinedAt = plan.startedAt + Math.floor((early ? random() * random() * 0.35 : random() * 0.9) * plan.durationMs);
    const leaver = random() < 0.12;
    let leftAt = leaver ? joinedAt + Math.floor(MINUTE + random() * 3 * MINUTE) : random() < 0.6 ? end : joinedAt + Math.floor(random() * (end - joinedAt));
    leftAt = Math.min(end, Math.max(joinedAt + 30_000, leftAt));
    if (!leaver && random() < 0.35 && leftAt - joinedAt > 10 * MINUTE) {
      // A reconnect: the connection drops for 10 s to 3 min, and the member comes back.
      const drop = joinedAt + Math.floor(random() * (leftAt - joinedAt - 5 * MINUTE));
      const back = drop + 10_000 + Math.floor(random() * 170_000);
      stays.push({ memberId, joinedAt, leftAt: drop });
      joinedAt = back;
    }
    stays.push({ memberId, joinedAt, leftAt });
  }
  return stays.sort((a, b) => a.joinedAt - b.joinedAt);
}

export function presenceRows(sessionId: string, stays: readonly Stay[]): SeedPresence[] {
  return stays.map((s) => ({ sessionId, memberId: s.memberId, joinedAt: s.joinedAt, leftAt: s.leftAt }));
}

/** Bench ids look like the UUIDs Grove issues (routes may check their shape); the last group carries the number. */
export const benchId = (space: number, i: number) => `00000000-0000-4000-8${space.toString(16).padStart(3, "0")}-${i.toString(16).padStart(12, "0")}`;
const nameOf = (memberId: string) => `成员 ${Number.parseInt(memberId.slice(memberId.lastIndexOf("-") + 1), 16)}`;

/**
 * One session's log in time order: the presence's joins and leaves merged with `plan.rows` minus their count of
 * interactions in the MIX, each by a member inside at that moment; hosts open a poll every ten minutes (single,
 * multiple, quiz, open in turn), a check-in, one debate in the middle (stances before and after), invite speakers,
 * mark questions answered and handle flags. Every detail is parsed with the log's schema.
 */
export function* sessionLog(plan: SessionPlan, stays: readonly Stay[]): Generator<SeedInteraction> {
  const random = seeded(plan.seed * 7919 + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const [host, cohost] = [plan.members[0]!, plan.members[1] ?? plan.members[0]!];
  const byMember = new Map<string, Stay[]>();
  for (const stay of stays) byMember.set(stay.memberId, [...(byMember.get(stay.memberId) ?? []), stay]);
  const inside = (memberId: string, at: number) => (byMember.get(memberId) ?? []).some((s) => s.joinedAt <= at && at < s.leftAt);
  const someoneInside = (at: number): string => {
    for (let tries = 0; tries < 20; tries++) {
      const m = pick(plan.members);
      if (inside(m, at)) return m;
    }
    return host;
  };
  const edges = stays.flatMap((s) => [
    { at: s.joinedAt, memberId: s.memberId, kind: "join" as const },
    { at: s.leftAt, memberId: s.memberId, kind: "leave" as const },
  ]).sort((a, b) => a.at - b.at);
  const mainRows = Math.max(0, plan.rows - edges.length);
  let seq = 0;
  let line = 0;
  const recentLines: Array<{ id: string; memberId: string; text: string }> = [];
  const questions: Array<{ id: string; memberId: string; answered: boolean }> = [];
  const flags: string[] = [];
  let poll: { id: string; kind: "single" | "multiple" | "quiz" | "open"; options: number } | undefined;
  let polls = 0;
  let debate: { id: string; phase: "before" | "discussion" | "after" | "closed" } | undefined;
  let checkIn: string | undefined;
  const speakers: string[] = [];
  const end = plan.startedAt + plan.durationMs;
  let nextPollAt = plan.startedAt + 5 * MINUTE;
  const debateAt = plan.startedAt + plan.durationMs * 0.45;

  function row(memberId: string, at: number, entry: unknown): SeedInteraction {
    const parsed = InteractionEntry.parse(entry);
    const command = COMMAND_KINDS.has(parsed.kind);
    const lineId = parsed.kind === "chat" ? (parsed.detail.id ?? null) : null;
    return { sessionId: plan.sessionId, memberId, kind: parsed.kind, at, detail: JSON.stringify(parsed.detail), seq: command ? ++seq : null, lineId };
  }
  /** Host acts due at `at`: the poll schedule, the debate's phases, answers, flags handled, speakers. */
  function* hostActs(at: number): Generator<SeedInteraction> {
    if (at >= nextPollAt && at < end - 5 * MINUTE) {
      nextPollAt += 10 * MINUTE;
      if (poll) yield row(host, at, { kind: "pollClosed", detail: { pollId: poll.id } });
      const kind = (["single", "multiple", "quiz", "open"] as const)[polls++ % 4]!;
      const options = kind === "open" ? [] : ["是 Yes", "否 No", "还不确定 Not sure", "下次再说 Later"].slice(0, kind === "single" ? 2 : 4);
      const opened = row(host, at, {
        kind: "pollOpened",
        detail: { kind, question: POLL_QUESTIONS[polls % POLL_QUESTIONS.length]!, options, correct: kind === "quiz" ? [1] : [], durationMs: null, resultsShown: kind !== "quiz" },
      });
      poll = { id: `p${opened.seq}`, kind, options: options.length };
      yield opened;
      if (polls === 2) {
        const prompt = row(cohost, at + 1, { kind: "checkInOpened", detail: { prompt: "今天你想带走什么？ What do you hope to take away?" } });
        checkIn = `c${prompt.seq}`;
        yield prompt;
      }
    }
    if (!debate && at >= debateAt) {
      const opened = row(host, at, { kind: "debateOpened", detail: { motion: "社区活动应该全部线上化 Community events should all go online", sides: ["支持 For", "反对 Against"] } });
      debate = { id: `d${opened.seq}`, phase: "before" };
      yield opened;
    } else if (debate?.phase === "before" && at >= debateAt + 8 * MINUTE) {
      debate.phase = "discussion";
      yield row(host, at, { kind: "debatePhaseSet", detail: { debateId: debate.id, phase: "discussion" } });
    } else if (debate?.phase === "discussion" && at >= debateAt + 20 * MINUTE) {
      debate.phase = "after";
      yield row(host, at, { kind: "debatePhaseSet", detail: { debateId: debate.id, phase: "after" } });
    } else if (debate?.phase === "after" && at >= debateAt + 28 * MINUTE) {
      debate.phase = "closed";
      yield row(host, at, { kind: "debatePhaseSet", detail: { debateId: debate.id, phase: "closed" } });
    }
    const r = random();
    if (r < 0.004) {
      const open = questions.filter((q) => !q.answered);
      if (open.length > 0) {
        const question = open[Math.floor(random() * open.length)]!;
        question.answered = true;
        yield row(cohost, at, { kind: "questionModerated", detail: { questionId: question.id, action: "answer" } });
      }
    } else if (r < 0.006 && flags.length > 0) {
      yield row(cohost, at, { kind: "flagHandled", detail: { flagId: flags.shift()!, name: nameOf(cohost) } });
    } else if (r < 0.0065) {
      const speaker = someoneInside(at);
      if (speakers.length >= 3) yield row(host, at, { kind: "speakerReturned", detail: { memberId: speakers.shift()! } });
      speakers.push(speaker);
      yield row(host, at, { kind: "speakerInvited", detail: { memberId: speaker } });
    } else if (r < 0.0068 && recentLines.length > 0) {
      const target = recentLines[recentLines.length - 1]!;
      yield row(cohost, at, { kind: "memberMuted", detail: { memberId: target.memberId, name: nameOf(target.memberId), durationMs: 5 * MINUTE, note: "刷屏 spam", byName: nameOf(cohost) } });
      yield row(cohost, at, { kind: "lineDeleted", detail: { lineId: target.id, authorId: target.memberId, authorName: nameOf(target.memberId), text: target.text, name: nameOf(cohost) } });
    } else if (r < 0.007 && flags.length > 0 && recentLines.length > 0) {
      const target = recentLines[0]!;
      yield row(cohost, at, { kind: "whisperSent", detail: { memberId: target.memberId, name: nameOf(target.memberId), fromName: nameOf(cohost), text: "请注意用语，谢谢 Please keep it kind", flagId: flags[0]! } });
    }
  }
  /** One member interaction of `kind` at `at` by a member inside. */
  function member(kind: string, at: number): SeedInteraction | undefined {
    const m = someoneInside(at);
    const name = nameOf(m);
    switch (kind) {
      case "chat": {
        const text = pick(CHAT_LINES);
        const id = `${plan.sessionId.slice(-4)}-l${++line}`;
        recentLines.push({ id, memberId: m, text });
        if (recentLines.length > 50) recentLines.shift();
        return row(m, at, { kind: "chat", detail: { text, id, name, instance: 1 + (line % 25), ...(speakers.includes(m) ? { badge: "speaker" } : {}) } });
      }
      case "reaction":
        return row(m, at, { kind: "reaction", detail: { emoji: pick(REACTIONS) } });
      case "pollVoted":
        if (!poll || poll.kind === "open") return member("reaction", at);
        return row(m, at, {
          kind: "pollVoted",
          detail: { pollId: poll.id, options: poll.kind === "multiple" ? ["o0", `o${1 + Math.floor(random() * (poll.options - 1))}`] : [`o${Math.floor(random() * poll.options)}`], name },
        });
      case "pollAnswered":
        if (!poll || poll.kind !== "open") return member("chat", at);
        return row(m, at, { kind: "pollAnswered", detail: { pollId: poll.id, text: pick(["收获满满", "inspiring", "温暖", "useful", "有点长", "期待下次"]), name } });
      case "questionAsked": {
        const asked = row(m, at, { kind: "questionAsked", detail: { text: pick(QUESTIONS), name, anonymous: random() < 0.2 } });
        questions.push({ id: `q${asked.seq}`, memberId: m, answered: false });
        return asked;
      }
      case "questionUpvoted":
        if (questions.length === 0) return member("chat", at);
        return row(m, at, { kind: "questionUpvoted", detail: { questionId: questions[Math.floor(random() * questions.length)]!.id } });
      case "energyGiven": {
        const question = questions.length > 0 && random() < 0.4 ? questions[Math.floor(random() * questions.length)] : undefined;
        const target = question ? { target: "question", refId: question.id, toId: question.memberId } : recentLines.length > 0 ? { target: "chat", refId: recentLines[Math.floor(random() * recentLines.length)]!.id, toId: recentLines[0]!.memberId } : undefined;
        if (!target || target.toId === m) return member("reaction", at);
        return row(m, at, { kind: "energyGiven", detail: { ...target, toName: nameOf(target.toId), name } });
      }
      case "stanceTaken":
        if (!debate || (debate.phase !== "before" && debate.phase !== "after")) return member("chat", at);
        return row(m, at, { kind: "stanceTaken", detail: { debateId: debate.id, side: random() < (debate.phase === "before" ? 0.55 : 0.45) ? 0 : 1, name } });
      case "checkedIn":
        if (!checkIn) return member("reaction", at);
        return row(m, at, { kind: "checkedIn", detail: { checkInId: checkIn, text: pick(["新朋友", "new ideas", "灵感", "a reading list", ""]), name, streak: 1 + Math.floor(random() * 5) } });
      case "handRaised":
        return row(m, at, { kind: "handRaised", detail: { name } });
      case "clueFound":
        return row(m, at, { kind: "clueFound", detail: { huntId: "bench-hunt", clueId: `s${Math.floor(random() * 10)}`, name, points: 5, channel: "scene", team: null, blindBox: false, badge: false } });
      case "lineFlagged": {
        const target = recentLines[recentLines.length - 1];
        if (!target) return member("chat", at);
        const flagged = row(target.memberId, at, { kind: "lineFlagged", detail: { source: "chat", refId: target.id, name: nameOf(target.memberId), text: target.text, tags: ["negative"], triggers: [pick(TRIGGERS)] } });
        flags.push(`f${flagged.seq}`);
        return flagged;
      }
      case "lineReported": {
        const target = recentLines[0];
        if (!target || target.memberId === m) return member("chat", at);
        const reported = row(m, at, { kind: "lineReported", detail: { lineId: target.id, authorId: target.memberId, authorName: nameOf(target.memberId), text: target.text, name } });
        flags.push(`f${reported.seq}`);
        return reported;
      }
      case "offenceRecorded":
        return row(m, at, { kind: "offenceRecorded", detail: { kind: random() < 0.5 ? "filter" : "rate", name } });
      default:
        return undefined;
    }
  }

  let edge = 0;
  const step = plan.durationMs / Math.max(1, mainRows);
  let written = 0;
  for (let i = 0; i < mainRows; i++) {
    const at = plan.startedAt + Math.floor(i * step);
    while (edge < edges.length && edges[edge]!.at <= at) {
      const e = edges[edge++]!;
      yield row(e.memberId, e.at, e.kind === "join" ? { kind: "join", detail: {} } : { kind: "leave", detail: {} });
    }
    for (const act of hostActs(at)) {
      yield act;
      written++;
    }
    if (written > 0) {
      // Host acts take the place of member rows, so the total stays as planned.
      written--;
      continue;
    }
    let r = random() * MIX_TOTAL;
    let kind = MIX[0]![0];
    for (const [k, w] of MIX) {
      r -= w;
      if (r < 0) {
        kind = k;
        break;
      }
    }
    const made = member(kind, at);
    if (made) yield made;
  }
  while (edge < edges.length) {
    const e = edges[edge++]!;
    yield row(e.memberId, e.at, e.kind === "join" ? { kind: "join", detail: {} } : { kind: "leave", detail: {} });
  }
}

export interface SeededEvent {
  bigSessionId: string;
  sessionIds: string[];
  members: number;
  rows: number;
  bigRows: number;
  /** The big session's start and end. */
  startedAt: number;
  endedAt: number;
  seconds: { members: number; sessions: number; presence: number; interactions: number };
}

export interface SeedSettings {
  eventId: string;
  /** Members of the big session, and of the pool the smaller sessions draw from. */
  bigMembers: number;
  poolMembers: number;
  bigRows: number;
  smallSessions: number;
  /** The big session ends at this time (its start two hours earlier). */
  endAt: number;
  progress: (message: string) => void;
}

/** Writes the members, the sessions (the smaller ones over 200 days, then the big one), presence and logs. */
export async function seedEvent(store: Store, settings: SeedSettings): Promise<SeededEvent> {
  const random = seeded(14);
  const memberId = (i: number) => benchId(1, i);
  const bigStart = settings.endAt - 120 * MINUTE;
  const firstDay = bigStart - 200 * DAY;
  const t0 = performance.now();
  await seedMembers(store, (function* () {
    for (let i = 0; i < Math.max(settings.poolMembers, settings.bigMembers); i++) yield { id: memberId(i), name: nameOf(memberId(i)), createdAt: firstDay - DAY };
  })());
  const t1 = performance.now();
  const plans: SessionPlan[] = [];
  // A core of regulars comes back often; the rest of the pool now and then: returning rates and cohorts are not flat.
  const core = Math.max(2, Math.floor(settings.poolMembers * 0.08));
  for (let k = 0; k < settings.smallSessions; k++) {
    const size = 50 + Math.floor(random() * 251);
    const chosen = new Set<string>([memberId(0), memberId(1)]);
    while (chosen.size < size) chosen.add(memberId(random() < 0.4 ? Math.floor(random() * core) : Math.floor(random() * settings.poolMembers)));
    const startedAt = firstDay + Math.floor((k / Math.max(1, settings.smallSessions)) * 199 * DAY) + 19 * 60 * MINUTE + Math.floor(random() * 60) * MINUTE;
    plans.push({ sessionId: benchId(2, k), startedAt, durationMs: (60 + Math.floor(random() * 61)) * MINUTE, members: [...chosen], rows: 2000 + Math.floor(random() * 8001), seed: 100 + k });
  }
  const big: SessionPlan = {
    sessionId: benchId(2, 999),
    startedAt: bigStart,
    durationMs: 120 * MINUTE,
    members: Array.from({ length: settings.bigMembers }, (_, i) => memberId(i)),
    rows: settings.bigRows,
    seed: 7,
  };
  plans.push(big);
  const sessions: SeedSession[] = plans.map((p) => ({ id: p.sessionId, eventId: settings.eventId, startedAt: p.startedAt, endedAt: p.startedAt + p.durationMs }));
  await seedSessions(store, sessions);
  const t2 = performance.now();
  const stays = plans.map((p) => planPresence(p));
  await seedPresence(store, plans.flatMap((p, i) => presenceRows(p.sessionId, stays[i]!)));
  const t3 = performance.now();
  let rows = 0;
  let bigRows = 0;
  for (const [i, plan] of plans.entries()) {
    const written = await seedInteractions(store, sessionLog(plan, stays[i]!));
    rows += written;
    if (plan === big) bigRows = written;
    if (plan === big || i % 20 === 19) settings.progress(`seeded ${i + 1} of ${plans.length} sessions, ${rows} log rows, ${((performance.now() - t3) / 1000).toFixed(1)} s`);
  }
  const t4 = performance.now();
  return {
    bigSessionId: big.sessionId,
    sessionIds: plans.map((p) => p.sessionId),
    members: Math.max(settings.poolMembers, settings.bigMembers),
    rows,
    bigRows,
    startedAt: big.startedAt,
    endedAt: big.startedAt + big.durationMs,
    seconds: { members: (t1 - t0) / 1000, sessions: (t2 - t1) / 1000, presence: (t3 - t2) / 1000, interactions: (t4 - t3) / 1000 },
  };
}

/**
 * `count` more rows for a live session, after `afterAt` and `afterSeq`: the same member mix (chat and reactions
 * mostly, votes on a new poll), one millisecond apart. For the bench's live path.
 */
export function* liveRows(sessionId: string, members: readonly string[], count: number, afterAt: number, afterSeq: number, seed: number): Generator<SeedInteraction> {
  const random = seeded(seed);
  let seq = afterSeq;
  const host = members[0]!;
  const poll = InteractionEntry.parse({ kind: "pollOpened", detail: { kind: "single", question: "现在继续吗？ Go on?", options: ["好 Yes", "休息 Break"], correct: [], durationMs: null, resultsShown: true } });
  const pollSeq = ++seq;
  yield { sessionId, memberId: host, kind: poll.kind, at: afterAt + 1, detail: JSON.stringify(poll.detail), seq: pollSeq, lineId: null };
  for (let i = 1; i < count; i++) {
    const m = members[Math.floor(random() * members.length)]!;
    const at = afterAt + 1 + i;
    const r = random();
    const entry = InteractionEntry.parse(
      r < 0.55
        ? { kind: "chat", detail: { text: CHAT_LINES[Math.floor(random() * CHAT_LINES.length)]!, id: `${sessionId.slice(-4)}-live-${seed}-${i}`, name: nameOf(m), instance: 1 + (i % 25) } }
        : r < 0.85
          ? { kind: "reaction", detail: { emoji: REACTIONS[Math.floor(random() * REACTIONS.length)]! } }
          : { kind: "pollVoted", detail: { pollId: `p${pollSeq}`, options: [random() < 0.6 ? "o0" : "o1"], name: nameOf(m) } },
    );
    const command = COMMAND_KINDS.has(entry.kind);
    yield { sessionId, memberId: m, kind: entry.kind, at, detail: JSON.stringify(entry.detail), seq: command ? ++seq : null, lineId: entry.kind === "chat" ? (entry.detail.id ?? null) : null };
  }
}
