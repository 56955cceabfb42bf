/**
 * A salon's log for the salon bench: a deterministic script of session commands in the mix a busy salon produces
 * (a poll every ~200 commands, mostly votes and changed votes by ~500 members, open-text answers in Chinese and
 * English, questions and upvotes, debate stances, check-ins, a little stage and screen work), written so that the
 * rules apply nearly every command (the bench counts the ones they decline). `sessionLog.ts` writes it.
 */
import type { SessionCommandEntry } from "../../shared/log.js";
import type { Store } from "../../server/store/index.js";

/** Commands per poll: each block opens a poll, then members vote (or answer) while other things happen. */
export const POLL_EVERY = 200;
const DEBATE_EVERY = 2000;
const CHECK_IN_EVERY = 5000;
const SCREEN_EVERY = 1000;
const SPEAKER_LIMIT = 3;

/** mulberry32: a small seeded generator, so that every run (and both databases) log the same script. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ["小林", "阿明", "Mei", "Alex", "王芳", "Sam", "李娜", "Jordan", "晓雨", "Priya", "陈杰", "Noah", "Lin", "Ana"];
/** A member's display name (at most NAME_MAX_LENGTH characters): half Chinese, half English. */
export function memberName(index: number): string {
  return `${GIVEN[index % GIVEN.length]} ${index}`;
}

const TALKS = ["城市花园 Urban gardens", "开源社区 Open source", "AI 与教育 AI in class", "咖啡文化 Coffee culture", "远程工作 Remote work", "播客入门 Podcasting", "数据可视化 Dataviz", "慢旅行 Slow travel"];
const VOCABULARY_ZH = ["社区", "开源", "学习", "分享", "创新", "城市", "花园", "音乐", "阅读", "咖啡", "旅行", "设计", "数据", "未来", "合作", "温暖", "有趣", "灵感"];
const VOCABULARY_EN = ["community", "open source", "learning", "sharing", "garden", "music", "reading", "coffee", "travel", "design", "data", "future", "teamwork", "climate", "kindness", "inspiring"];
/** Words a host hides from a cloud (whole words in either language, so the rule's normalising keeps them apart). */
const HIDEABLE = ["coffee", "music", "data", "garden", "travel", "future"];
const QUESTIONS = [
  "How do you keep a community garden going through the winter?",
  "开源项目怎样吸引第一批贡献者？",
  "What would you do differently if you started again?",
  "远程团队如何保持信任和沟通？",
  "Which tools do you use for your dataviz work?",
  "有没有适合初学者的阅读清单？",
  "How do you measure whether a meetup went well?",
  "城市里还能做哪些小规模的绿化？",
];
const CHECK_IN_TEXTS = ["", "今天学到了很多", "Great talk, thanks!", "第一次来，很开心", "Here from Shanghai", "打卡 ✅", "Back again this week"];

interface PollTrack {
  id: string;
  kind: "single" | "multiple" | "quiz" | "open";
  optionCount: number;
  /** Member → their ballot (sorted option ids joined) or open answer. */
  ballots: Map<string, string>;
  voters: string[];
  locked: boolean;
  resultsShown: boolean;
  closed: boolean;
  hidden: Set<string>;
}

interface QuestionTrack {
  id: string;
  upvoters: Set<string>;
  pinned: boolean;
  answered: boolean;
  hidden: boolean;
}

export interface SalonScriptCommand {
  entry: SessionCommandEntry;
  memberId: string;
}

export interface SalonScript {
  /** The command logged at `seq` (call with 1, 2, 3, … in order: the script follows the state it builds). */
  next(seq: number): SalonScriptCommand;
  /** Commands scripted so far, by kind. */
  readonly counts: Record<string, number>;
  /** Polls opened so far (and how many of them were open-text). */
  readonly polls: { opened: number; open: number };
}

/**
 * A salon of `memberIds.length` members and one host. Every command is written to apply against the state the
 * earlier ones built (a vote changes to different options, an upvote comes from someone who has not upvoted…), so
 * a replay takes the same paths a live salon does.
 */
export function salonScript(input: { memberIds: readonly string[]; hostId: string; seed?: number }): SalonScript {
  const random = seeded(input.seed ?? 20_251_130);
  const members = input.memberIds;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const nameOf = new Map(members.map((id, i) => [id, memberName(i)]));
  const counts: Record<string, number> = {};
  const polls = { opened: 0, open: 0 };
  let poll: PollTrack | undefined;
  let debate: { id: string; phase: "before" | "discussion" | "after" | "closed"; before: Map<string, 0 | 1>; after: Map<string, 0 | 1> } | undefined;
  let checkIn: { id: string; open: boolean; done: Set<string> } | undefined;
  const questions: QuestionTrack[] = [];
  const queue: string[] = [];
  const speakers: string[] = [];
  const experts = new Set<string>();
  let screen: { url: string; playing: boolean; position: number } | undefined;
  let screens = 0;

  const host = (entry: SessionCommandEntry): SalonScriptCommand => ({ entry, memberId: input.hostId });
  const by = (memberId: string, entry: SessionCommandEntry): SalonScriptCommand => ({ entry, memberId });
  /** A member for whom `taken` is false, after a few tries; undefined when the tries run out. */
  const freeMember = (taken: (id: string) => boolean): string | undefined => {
    for (let tries = 0; tries < 12; tries++) {
      const id = pick(members);
      if (!taken(id)) return id;
    }
    return undefined;
  };
  const openAnswer = (): string => {
    const zh = random() < 0.5;
    const words = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(zh ? VOCABULARY_ZH : VOCABULARY_EN));
    return zh ? `${words.join("、")}` : words.join(" and ");
  };

  function openPoll(seq: number): SalonScriptCommand {
    const kinds = ["single", "multiple", "quiz", "open"] as const;
    const kind = kinds[polls.opened % kinds.length]!;
    const talk = TALKS[polls.opened % TALKS.length]!;
    polls.opened += 1;
    if (kind === "open") polls.open += 1;
    const optionCount = kind === "open" ? 0 : kind === "multiple" ? 6 : 4;
    const options = Array.from({ length: optionCount }, (_, i) => `${TALKS[(polls.opened + i) % TALKS.length]} #${i + 1}`);
    const correct = kind === "quiz" ? [Math.floor(random() * optionCount)] : [];
    const resultsShown = kind !== "quiz";
    poll = { id: `p${seq}`, kind, optionCount, ballots: new Map(), voters: [], locked: false, resultsShown, closed: false, hidden: new Set() };
    const question = kind === "open" ? `一个词形容「${talk}」? One word for this talk?` : kind === "quiz" ? `小测验 Quiz: ${talk} — which is right?` : `下一场听哪个？Which talk next? (${talk})`;
    // A quiz runs on a time limit longer than its block, so every vote in the block is in time.
    return host({ kind: "pollOpened", detail: { kind, question, options, correct, durationMs: kind === "quiz" ? 600_000 : null, resultsShown } });
  }

  /** A ballot (sorted option ids) other than `current`. */
  function ballotFor(track: PollTrack, current: string | undefined): string[] {
    for (;;) {
      const chosen = new Set<number>([Math.floor(random() * track.optionCount)]);
      if (track.kind === "multiple") for (let extra = Math.floor(random() * 3); extra > 0; extra--) chosen.add(Math.floor(random() * track.optionCount));
      const options = [...chosen].sort((a, b) => a - b).map((i) => `o${i}`);
      if (options.join(",") !== current) return options;
    }
  }

  function vote(): SalonScriptCommand | undefined {
    if (!poll || poll.closed) return undefined;
    const track = poll;
    // Mostly first votes; one in five changes an earlier one (not once the poll is locked).
    const change = track.voters.length > 0 && !track.locked && random() < 0.2;
    const memberId = change ? pick(track.voters) : freeMember((id) => track.ballots.has(id));
    if (memberId === undefined) return undefined;
    const current = track.ballots.get(memberId);
    if (current === undefined) track.voters.push(memberId);
    const name = nameOf.get(memberId)!;
    if (track.kind === "open") {
      let text = openAnswer();
      while (text === current) text = openAnswer();
      track.ballots.set(memberId, text);
      return by(memberId, { kind: "pollAnswered", detail: { pollId: track.id, text, name } });
    }
    const options = ballotFor(track, current);
    track.ballots.set(memberId, options.join(","));
    return by(memberId, { kind: "pollVoted", detail: { pollId: track.id, options, name } });
  }

  function stance(): SalonScriptCommand | undefined {
    if (!debate || (debate.phase !== "before" && debate.phase !== "after")) return undefined;
    const stances = debate.phase === "before" ? debate.before : debate.after;
    const memberId = pick(members);
    const current = stances.get(memberId);
    const side: 0 | 1 = current === undefined ? (random() < 0.55 ? 0 : 1) : current === 0 ? 1 : 0;
    stances.set(memberId, side);
    return by(memberId, { kind: "stanceTaken", detail: { debateId: debate.id, side, name: nameOf.get(memberId)! } });
  }

  function checkedIn(): SalonScriptCommand | undefined {
    if (!checkIn?.open) return undefined;
    const track = checkIn;
    const memberId = freeMember((id) => track.done.has(id));
    if (memberId === undefined) return undefined;
    track.done.add(memberId);
    return by(memberId, { kind: "checkedIn", detail: { checkInId: track.id, text: pick(CHECK_IN_TEXTS), name: nameOf.get(memberId)!, streak: 1 + Math.floor(random() * 5) } });
  }

  function ask(seq: number): SalonScriptCommand {
    const memberId = pick(members);
    questions.push({ id: `q${seq}`, upvoters: new Set(), pinned: false, answered: false, hidden: false });
    return by(memberId, { kind: "questionAsked", detail: { text: pick(QUESTIONS), name: nameOf.get(memberId)!, anonymous: random() < 0.2 } });
  }

  function upvote(): SalonScriptCommand | undefined {
    // Members upvote what is on screen: the latest questions.
    const visible = questions.slice(-30).filter((q) => !q.hidden);
    if (visible.length === 0) return undefined;
    const question = pick(visible);
    const memberId = freeMember((id) => question.upvoters.has(id));
    if (memberId === undefined) return undefined;
    question.upvoters.add(memberId);
    return by(memberId, { kind: "questionUpvoted", detail: { questionId: question.id } });
  }

  function stage(): SalonScriptCommand | undefined {
    const r = random();
    if (r < 0.5) {
      const memberId = freeMember((id) => queue.includes(id) || speakers.includes(id));
      if (memberId === undefined) return undefined;
      queue.push(memberId);
      return by(memberId, { kind: "handRaised", detail: { name: nameOf.get(memberId)! } });
    }
    if (r < 0.65 && queue.length > 0) {
      const memberId = queue.splice(Math.floor(random() * queue.length), 1)[0]!;
      return by(memberId, { kind: "handLowered", detail: { memberId } });
    }
    if (r < 0.85 && queue.length > 0 && speakers.length < SPEAKER_LIMIT) {
      const memberId = queue.shift()!;
      speakers.push(memberId);
      return host({ kind: "speakerInvited", detail: { memberId } });
    }
    if (speakers.length > 0) {
      const memberId = speakers.shift()!;
      return host({ kind: "speakerReturned", detail: { memberId } });
    }
    return undefined;
  }

  function moderate(seq: number): SalonScriptCommand | undefined {
    const r = random();
    const slot = (seq - 1) % POLL_EVERY;
    if (r < 0.2 && poll && !poll.closed) {
      poll.resultsShown = !poll.resultsShown;
      return host({ kind: "pollResultsShown", detail: { pollId: poll.id, shown: poll.resultsShown } });
    }
    if (r < 0.3 && poll && !poll.closed && !poll.locked && slot > 150) {
      poll.locked = true;
      return host({ kind: "pollLocked", detail: { pollId: poll.id, locked: true } });
    }
    if (r < 0.45 && poll?.kind === "open") {
      const word = pick(HIDEABLE);
      const hidden = !poll.hidden.has(word);
      if (hidden) poll.hidden.add(word);
      else poll.hidden.delete(word);
      return host({ kind: "pollWordHidden", detail: { pollId: poll.id, word, hidden } });
    }
    if (r < 0.85 && questions.length > 0) {
      const question = pick(questions.slice(-30));
      let action: "pin" | "unpin" | "answer" | "unanswer" | "hide" | "unhide";
      if (question.hidden) action = "unhide";
      else if (question.pinned) action = random() < 0.5 ? "unpin" : question.answered ? "unanswer" : "answer";
      else if (!question.answered) action = random() < 0.5 ? "pin" : random() < 0.8 ? "answer" : "hide";
      else action = random() < 0.7 ? "unanswer" : "hide";
      if (action === "pin" || action === "unpin") question.pinned = action === "pin";
      if (action === "answer" || action === "unanswer") question.answered = action === "answer";
      if (action === "hide" || action === "unhide") question.hidden = action === "hide";
      return host({ kind: "questionModerated", detail: { questionId: question.id, action } });
    }
    const memberId = pick(members);
    const expert = !experts.has(memberId);
    if (expert) experts.add(memberId);
    else experts.delete(memberId);
    return host({ kind: "expertSet", detail: { memberId, name: nameOf.get(memberId)!, expert } });
  }

  /** The host's scheduled work at `seq`: debates, check-ins and the screen run on their own clocks. */
  function scheduled(seq: number): SalonScriptCommand | undefined {
    const slot = (seq - 1) % POLL_EVERY;
    if (slot === 0) return openPoll(seq);
    if (slot === POLL_EVERY - 1 && poll && !poll.closed && random() < 0.5) {
      poll.closed = true;
      return host({ kind: "pollClosed", detail: { pollId: poll.id } });
    }
    const inDebate = seq % DEBATE_EVERY;
    if (inDebate === 50) {
      debate = { id: `d${seq}`, phase: "before", before: new Map(), after: new Map() };
      return host({ kind: "debateOpened", detail: { motion: `${pick(TALKS)}: 利大于弊 Does more good than harm`, sides: ["赞成 For", "反对 Against"] } });
    }
    const phase = ({ 650: "discussion", 950: "after", 1650: "closed" } as const)[inDebate as 650 | 950 | 1650];
    if (debate && phase) {
      debate.phase = phase;
      return host({ kind: "debatePhaseSet", detail: { debateId: debate.id, phase } });
    }
    if (seq % CHECK_IN_EVERY === 120) {
      checkIn = { id: `c${seq}`, open: true, done: new Set() };
      return host({ kind: "checkInOpened", detail: { prompt: "今天从哪里来？Where are you joining from today?" } });
    }
    if (seq % CHECK_IN_EVERY === 3120 && checkIn?.open) {
      checkIn.open = false;
      return host({ kind: "checkInClosed", detail: { checkInId: checkIn.id } });
    }
    if (seq % SCREEN_EVERY === 333 || seq % SCREEN_EVERY === 666 || seq % SCREEN_EVERY === 999) {
      if (!screen) {
        screens += 1;
        screen = { url: `https://media.example.org/talks/session-${screens}/index.m3u8`, playing: false, position: 0 };
        return host({ kind: "screenSet", detail: { url: screen.url } });
      }
      if (!screen.playing || random() < 0.7) {
        screen.playing = !screen.playing;
        screen.position = Math.round((screen.position + 30 + random() * 120) * 10) / 10;
        return host({ kind: "screenPlayback", detail: { playing: screen.playing, position: screen.position } });
      }
      screen = undefined;
      return host({ kind: "screenCleared", detail: {} });
    }
    return undefined;
  }

  function next(seq: number): SalonScriptCommand {
    let command = scheduled(seq);
    if (!command) {
      const r = random();
      if (r < 0.66) command = vote();
      else if (r < 0.73) command = stance();
      else if (r < 0.78) command = checkedIn();
      else if (r < 0.81) command = ask(seq);
      else if (r < 0.9) command = upvote();
      else if (r < 0.93) command = stage();
      else if (r < 0.96) command = moderate(seq);
      // Whatever found nothing to do (no debate running, no check-in open…) is a vote instead, as in a salon.
      command ??= vote() ?? ask(seq);
    }
    counts[command.entry.kind] = (counts[command.entry.kind] ?? 0) + 1;
    return command;
  }

  return { next, counts, polls };
}

/** Creates the salon's members in the store (the log's rows refer to them). */
export async function createSalonMembers(store: Store, count: number, now: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await store.createMember({ name: memberName(i), look: { color: "#2e86ab", shape: "round", accessory: "none" }, now })).id);
  return ids;
}

/** Deletes the members `createSalonMembers` made in a shared database (PostgreSQL), after their session's rows. */
export async function removeSalonMembers(store: Store, ids: readonly string[]): Promise<void> {
  for (let from = 0; from < ids.length; from += 500) await store.db.deleteFrom("members").where("id", "in", ids.slice(from, from + 500)).execute();
}
