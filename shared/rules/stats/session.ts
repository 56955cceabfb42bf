import { SESSION_COMMAND_KINDS } from "../../log.js";
import { earnBadges } from "../growth/badges.js";
import { createLedger, eachAward, foldRows, summarise } from "../growth/ledger.js";
import type { Badge, Ledger } from "../growth/types.js";
import { debateView } from "../salon/debate.js";
import type { Debate, Side } from "../salon/types.js";
import { concurrency, medianOf, meets, mergeStays, p90Of, seriesBuckets, totalLength, type Interval } from "./intervals.js";
import {
  DWELL_EDGES_MS,
  EARLY_LEAVE_MS,
  HOT_WORDS_SHOWN,
  INTERACTION_GROUPS,
  STATS_VERSION,
  type DebateFigure,
  type HuntFunnel,
  type HuntInput,
  type InteractionGroup,
  type LogRow,
  type MemberSessionRow,
  type PollFigure,
  type PresenceRow,
  type SessionContext,
  type SessionReport,
  type SessionRollup,
  type TimeSeries,
} from "./types.js";
import { addLine, createWordTally, hotWords, lineSentiment, type WordTally } from "./words.js";

export { medianOf, mergeStays, p90Of, seriesBuckets } from "./intervals.js";

// One session's figures (docs/statistics.md, "Definitions (one session)"). The log is folded once, row by row, into
// counters kept per minute (the series' bucket size is only known when the session's length is); presence and what
// the rows cannot say come in at the rollup, which reads the fold and never changes it, so a live session's fold
// goes on from the last row it read.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const GROUP_OF_KIND: Readonly<Record<string, InteractionGroup>> = {
  chat: "chat",
  reaction: "reactions",
  questionAsked: "questions",
  questionUpvoted: "questions",
  questionModerated: "questions",
  expertSet: "questions",
  pollOpened: "polls",
  pollVoted: "polls",
  pollAnswered: "polls",
  pollClosed: "polls",
  pollLocked: "polls",
  pollResultsShown: "polls",
  pollWordHidden: "polls",
  debateOpened: "debates",
  debatePhaseSet: "debates",
  stanceTaken: "debates",
  handRaised: "stage",
  handLowered: "stage",
  speakerInvited: "stage",
  speakerReturned: "stage",
  speakerLimitSet: "stage",
  speakerAudioSet: "stage",
  screenSet: "stage",
  screenCleared: "stage",
  screenPlayback: "stage",
  announcementPosted: "stage",
  announcementCleared: "stage",
  checkInOpened: "checkIns",
  checkInClosed: "checkIns",
  checkedIn: "checkIns",
  energyGiven: "energy",
  goalReached: "energy",
  leaderboardHidden: "energy",
  lineMarkedHelpful: "energy",
  clueFound: "hunt",
  huntCompleted: "hunt",
  memberMuted: "moderation",
  memberUnmuted: "moderation",
  memberRemoved: "moderation",
  sessionLocked: "moderation",
  slowModeSet: "moderation",
  lineDeleted: "moderation",
  offenceRecorded: "moderation",
  lineFlagged: "moderation",
  lineReported: "moderation",
  whisperSent: "moderation",
  flagHandled: "moderation",
  flagHandedOn: "moderation",
  wordsSet: "moderation",
};

/** Looked up once per row: a Map, not an object, so a kind named like a property of Object cannot match. */
const GROUP_OF = new Map<string, InteractionGroup>(Object.entries(GROUP_OF_KIND));
const COMMAND_KINDS: ReadonlySet<string> = new Set(SESSION_COMMAND_KINDS);

/** The chart group of a log kind: null for join and leave (presence, not interactions); a kind this code does not know is "other". */
export function interactionGroup(kind: string): InteractionGroup | null {
  if (kind === "join" || kind === "leave") return null;
  return GROUP_OF.get(kind) ?? "other";
}

interface QuestionState {
  askedAt: number;
  answered: boolean;
  firstAnswerAt: number | null;
}

interface PollState {
  pollId: string;
  question: string;
  kind: PollFigure["kind"];
  openedAt: number;
  closesAt: number | null;
  closedAt: number | null;
  voters: Set<string>;
}

interface FlagState {
  at: number;
  authorId: string;
  respondedAt: number | null;
}

/**
 * One session's log folded so far. Made by createSessionFold, extended by foldSessionRows (in place), read by
 * sessionRollup; its fields are the fold's own bookkeeping, not an interface to read figures from.
 */
export interface SessionFold {
  readonly sessionId: string;
  readonly startedAt: number;
  /** The highest row id folded: a live session's next read starts after it. */
  lastRowId: number;
  /** The growth ledger over the same rows: points, the tree, energy and badges are the ledger's. */
  readonly ledger: Ledger;
  readonly seqs: Set<number>;
  readonly chatIds: Set<string>;
  readonly byKind: Map<string, number>;
  /** Interactions per group per minute since the start (minute index → count). */
  readonly groupMinutes: Record<InteractionGroup, Map<number, number>>;
  readonly chatMinutes: Map<number, number>;
  readonly hours: number[];
  /** Interactions per member. */
  readonly interactions: Map<string, number>;
  chatLines: number;
  negativeLines: number;
  readonly chatters: Set<string>;
  readonly sentiments: Map<string, number>;
  readonly questions: Map<string, QuestionState>;
  readonly upvotes: Set<string>;
  readonly polls: Map<string, PollState>;
  /** Polls not yet closed by a host or a newer poll (one whose time ran out is still here: the newer poll's moment is past it). */
  readonly openPolls: Set<string>;
  readonly debates: Map<string, { id: string; motion: string; sides: [string, string]; phase: Debate["phase"]; openedAt: number; before: Record<string, Side>; after: Record<string, Side> }>;
  readonly checkIns: Set<string>;
  readonly checkedIn: Set<string>;
  flaggedRows: number;
  /** Queued lines, keyed `source \0 ref` as the moderation queue keys them; `flagIds` maps `f<seq>` to that key. */
  readonly flags: Map<string, FlagState>;
  readonly flagIds: Map<string, string>;
  /** Flags still waiting for a first response, by their line's author (a mute or removal of the author answers them). */
  readonly waitingByAuthor: Map<string, Set<string>>;
  readonly actions: Map<string, number>;
  readonly words: WordTally;
}

/** An empty fold for a session that started at `startedAt`. */
export function createSessionFold(sessionId: string, startedAt: number): SessionFold {
  const groupMinutes = {} as Record<InteractionGroup, Map<number, number>>;
  for (const group of INTERACTION_GROUPS) groupMinutes[group] = new Map();
  return {
    sessionId,
    startedAt,
    lastRowId: 0,
    ledger: createLedger(sessionId),
    seqs: new Set(),
    chatIds: new Set(),
    byKind: new Map(),
    groupMinutes,
    chatMinutes: new Map(),
    hours: new Array<number>(168).fill(0),
    interactions: new Map(),
    chatLines: 0,
    negativeLines: 0,
    chatters: new Set(),
    sentiments: new Map(),
    questions: new Map(),
    upvotes: new Set(),
    polls: new Map(),
    openPolls: new Set(),
    debates: new Map(),
    checkIns: new Set(),
    checkedIn: new Set(),
    flaggedRows: 0,
    flags: new Map(),
    flagIds: new Map(),
    waitingByAuthor: new Map(),
    actions: new Map(),
    words: createWordTally(),
  };
}

type Detail = Readonly<Record<string, unknown>>;

const text = (detail: Detail, key: string): string | null => {
  const value = detail[key];
  return typeof value === "string" ? value : null;
};

const increment = <K>(map: Map<K, number>, key: K, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

const pair = (a: string, b: string): string => `${a}\u0000${b}`;

/** Sentiments remembered per fold: chat repeats itself, and the classifier is the costly part of a line. */
const SENTIMENT_MEMO_MAX = 10_000;

function sentimentOf(fold: SessionFold, line: string): number {
  let sentiment = fold.sentiments.get(line);
  if (sentiment === undefined) {
    sentiment = lineSentiment(line);
    if (fold.sentiments.size >= SENTIMENT_MEMO_MAX) fold.sentiments.clear();
    fold.sentiments.set(line, sentiment);
  }
  return sentiment;
}

/** Hosts' acts on moderation, named as the moderation log names them (ModerationAction); the rest are not host acts. */
function hostAction(kind: string, detail: Detail): string | null {
  switch (kind) {
    case "memberMuted":
      return "mute";
    case "memberUnmuted":
      return "unmute";
    case "memberRemoved":
      return "remove";
    case "sessionLocked":
      return detail.locked === false ? "unlock" : "lock";
    case "slowModeSet":
      return "slowMode";
    case "lineDeleted":
      return "deleteLine";
    case "whisperSent":
      return "whisper";
    case "flagHandled":
      return "handled";
    case "flagHandedOn":
      return "handedOn";
    case "wordsSet":
      return "words";
    default:
      return null;
  }
}

/** The first response to a queued line (the moderation queue's firstResponseAt): later ones change nothing. */
function respond(fold: SessionFold, key: string | undefined, at: number): void {
  if (key === undefined) return;
  const flag = fold.flags.get(key);
  if (flag === undefined || flag.respondedAt !== null) return;
  flag.respondedAt = Math.max(at, flag.at);
  fold.waitingByAuthor.get(flag.authorId)?.delete(key);
}

function queue(fold: SessionFold, key: string, id: string, at: number, authorId: string): void {
  if (fold.flags.has(key)) return;
  fold.flags.set(key, { at, authorId, respondedAt: null });
  fold.flagIds.set(id, key);
  let waiting = fold.waitingByAuthor.get(authorId);
  if (waiting === undefined) fold.waitingByAuthor.set(authorId, (waiting = new Set()));
  waiting.add(key);
}

/** As polls.ts: a new poll closes every poll still open at its moment. */
function closeOpenPolls(fold: SessionFold, at: number): void {
  for (const pollId of fold.openPolls) {
    const poll = fold.polls.get(pollId)!;
    if (poll.closesAt === null || at < poll.closesAt) poll.closedAt = at;
  }
  fold.openPolls.clear();
}

/** The figures one interaction row (already counted) moves. */
function foldFigures(fold: SessionFold, row: LogRow, kind: string, detail: Detail): void {
  const by = row.memberId;
  const at = row.at;
  const seq = row.seq ?? 0;
  switch (kind) {
    case "chat": {
      const line = text(detail, "text");
      fold.chatLines += 1;
      fold.chatters.add(by);
      increment(fold.chatMinutes, Math.max(0, Math.floor((at - fold.startedAt) / MINUTE_MS)));
      if (line !== null) {
        addLine(fold.words, line);
        if (sentimentOf(fold, line) < 0) fold.negativeLines += 1;
      }
      return;
    }
    case "questionAsked": {
      fold.questions.set(`q${seq}`, { askedAt: at, answered: false, firstAnswerAt: null });
      const line = text(detail, "text");
      if (line !== null) addLine(fold.words, line);
      return;
    }
    case "questionUpvoted": {
      const questionId = text(detail, "questionId");
      if (questionId !== null && fold.questions.has(questionId)) fold.upvotes.add(pair(questionId, by));
      return;
    }
    case "questionModerated": {
      const question = fold.questions.get(text(detail, "questionId") ?? "");
      const action = detail.action;
      if (question === undefined || (action !== "answer" && action !== "unanswer")) return;
      question.answered = action === "answer";
      if (question.answered && question.firstAnswerAt === null) question.firstAnswerAt = at;
      return;
    }
    case "pollOpened": {
      closeOpenPolls(fold, at);
      const pollKind = detail.kind;
      const duration = detail.durationMs;
      const id = `p${seq}`;
      fold.polls.set(id, {
        pollId: id,
        question: text(detail, "question") ?? "",
        kind: pollKind === "multiple" || pollKind === "quiz" || pollKind === "open" ? pollKind : "single",
        openedAt: at,
        closesAt: typeof duration === "number" ? at + duration : null,
        closedAt: null,
        voters: new Set(),
      });
      fold.openPolls.add(id);
      return;
    }
    case "pollVoted":
    case "pollAnswered": {
      fold.polls.get(text(detail, "pollId") ?? "")?.voters.add(by);
      const line = kind === "pollAnswered" ? text(detail, "text") : null;
      if (line !== null) addLine(fold.words, line);
      return;
    }
    case "pollClosed": {
      const pollId = text(detail, "pollId") ?? "";
      const poll = fold.polls.get(pollId);
      if (poll !== undefined && poll.closedAt === null && (poll.closesAt === null || at < poll.closesAt)) poll.closedAt = at;
      fold.openPolls.delete(pollId);
      return;
    }
    case "debateOpened": {
      const sides = detail.sides;
      for (const debate of fold.debates.values()) debate.phase = "closed";
      const id = `d${seq}`;
      const named: [string, string] = Array.isArray(sides) ? [String(sides[0] ?? ""), String(sides[1] ?? "")] : ["", ""];
      fold.debates.set(id, { id, motion: text(detail, "motion") ?? "", sides: named, phase: "before", openedAt: at, before: {}, after: {} });
      return;
    }
    case "debatePhaseSet": {
      const debate = fold.debates.get(text(detail, "debateId") ?? "");
      const phase = detail.phase;
      if (debate === undefined || debate.phase === "closed") return;
      if (phase === "before" || phase === "discussion" || phase === "after" || phase === "closed") debate.phase = phase;
      return;
    }
    case "stanceTaken": {
      const debate = fold.debates.get(text(detail, "debateId") ?? "");
      const side = detail.side;
      if (debate === undefined || (side !== 0 && side !== 1)) return;
      if (debate.phase === "before") debate.before[by] = side;
      else if (debate.phase === "after") debate.after[by] = side;
      return;
    }
    case "checkInOpened":
      fold.checkIns.add(`c${seq}`);
      return;
    case "checkedIn":
      fold.checkedIn.add(by);
      return;
    case "lineFlagged": {
      fold.flaggedRows += 1;
      const ref = text(detail, "refId");
      if (ref !== null) queue(fold, pair(text(detail, "source") ?? "chat", ref), `f${seq}`, at, by);
      return;
    }
    case "lineReported": {
      fold.flaggedRows += 1;
      const lineId = text(detail, "lineId");
      if (lineId !== null) queue(fold, pair("chat", lineId), `f${seq}`, at, text(detail, "authorId") ?? "");
      return;
    }
    default:
      foldModeration(fold, kind, detail, at);
  }
}

/** Host acts: counted, and each answers the queued lines it responds to. */
function foldModeration(fold: SessionFold, kind: string, detail: Detail, at: number): void {
  const action = hostAction(kind, detail);
  if (action === null) return;
  increment(fold.actions, action);
  switch (kind) {
    case "whisperSent":
    case "flagHandled":
    case "flagHandedOn":
      respond(fold, fold.flagIds.get(text(detail, "flagId") ?? ""), at);
      return;
    case "lineDeleted":
      respond(fold, pair("chat", text(detail, "lineId") ?? ""), at);
      return;
    case "memberMuted":
    case "memberRemoved": {
      const waiting = fold.waitingByAuthor.get(text(detail, "memberId") ?? "");
      if (waiting !== undefined) for (const key of [...waiting]) respond(fold, key, at);
      return;
    }
    default:
      return;
  }
}

/**
 * Folds rows (in row-id order, in as many batches as they come) into the fold, in place, and returns it. Rows of
 * other sessions are skipped; so is a row without a member, time or object detail, a session command without its
 * sequence number or with one seen before, and a chat line whose id was seen before (a row heard twice counts once,
 * as in the ledger). A kind this code does not know counts as an interaction of group "other". Never throws on a row.
 */
export function foldSessionRows(fold: SessionFold, rows: Iterable<LogRow>): SessionFold {
  // The ledger folds the same rows (it skips other sessions' itself); an iterable can be read only once.
  const list = Array.isArray(rows) ? (rows as readonly LogRow[]) : [...rows];
  foldRows(fold.ledger, list);
  for (const row of list) {
    if (row.sessionId !== fold.sessionId) continue;
    if (Number.isFinite(row.id) && row.id > fold.lastRowId) fold.lastRowId = row.id;
    const { memberId, at, kind, detail } = row;
    if (typeof memberId !== "string" || memberId.length === 0 || !Number.isFinite(at) || typeof kind !== "string") continue;
    if (typeof detail !== "object" || detail === null || Array.isArray(detail)) continue;
    const group = interactionGroup(kind);
    if (group === null) continue;
    if (COMMAND_KINDS.has(kind)) {
      if (typeof row.seq !== "number" || !Number.isInteger(row.seq) || fold.seqs.has(row.seq)) continue;
      fold.seqs.add(row.seq);
    }
    const fields = detail as Detail;
    if (kind === "chat") {
      const id = text(fields, "id");
      if (id !== null) {
        if (fold.chatIds.has(id)) continue;
        fold.chatIds.add(id);
      }
    }
    increment(fold.byKind, kind);
    increment(fold.groupMinutes[group], Math.max(0, Math.floor((at - fold.startedAt) / MINUTE_MS)));
    const day = Math.floor(at / DAY_MS);
    // 1 January 1970 was a Thursday (weekday 4).
    const weekday = (((day + 4) % 7) + 7) % 7;
    fold.hours[weekday * 24 + Math.floor((at - day * DAY_MS) / HOUR_MS)]! += 1;
    increment(fold.interactions, memberId);
    foldFigures(fold, row, kind, fields);
  }
  return fold;
}

// ── The rollup ──────────────────────────────────────────────────────────────────────────────────────────────────

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Per-minute counts summed into the series' buckets. */
function seriesOf(minutes: ReadonlyMap<number, number>, start: number, bucketMs: number, count: number): TimeSeries {
  const values = new Array<number>(count).fill(0);
  const perBucket = bucketMs / MINUTE_MS;
  for (const [minute, value] of minutes) values[Math.min(count - 1, Math.floor(minute / perBucket))]! += value;
  return { start, bucketMs, values };
}

function dwellFigures(dwells: readonly number[]): SessionReport["dwell"] {
  const histogram: SessionReport["dwell"]["histogram"] = [...DWELL_EDGES_MS, null].map((upToMs) => ({ upToMs, members: 0 }));
  let sum = 0;
  let early = 0;
  for (const dwell of dwells) {
    sum += dwell;
    if (dwell < EARLY_LEAVE_MS) early += 1;
    let slot = DWELL_EDGES_MS.findIndex((edge) => dwell < edge);
    if (slot === -1) slot = DWELL_EDGES_MS.length;
    histogram[slot]!.members += 1;
  }
  return {
    meanMs: dwells.length > 0 ? sum / dwells.length : 0,
    medianMs: medianOf(dwells) ?? 0,
    p90Ms: p90Of(dwells) ?? 0,
    earlyLeavers: early,
    earlyLeaverShare: share(early, dwells.length),
    histogram,
  };
}

function pollFigures(fold: SessionFold, stays: ReadonlyMap<string, readonly Interval[]>, asOf: number): SessionReport["polls"] {
  const polls: PollFigure[] = [];
  for (const poll of fold.polls.values()) {
    const end = Math.min(poll.closedAt ?? asOf, poll.closesAt ?? asOf, asOf);
    let present = 0;
    for (const intervals of stays.values()) if (meets(intervals, poll.openedAt, Math.max(poll.openedAt, end))) present += 1;
    const voters = poll.voters.size;
    // A voter the presence table missed (a row lost to a crash) must not lift participation past everyone.
    polls.push({ pollId: poll.pollId, question: poll.question, kind: poll.kind, openedAt: poll.openedAt, voters, present, participation: present > 0 ? Math.min(1, voters / present) : null });
  }
  const participations = polls.flatMap((poll) => (poll.participation === null ? [] : [poll.participation]));
  return {
    polls,
    meanParticipation: participations.length > 0 ? participations.reduce((a, b) => a + b, 0) / participations.length : null,
    quizzes: polls.filter((poll) => poll.kind === "quiz").length,
  };
}

function debateFigures(fold: SessionFold): DebateFigure[] {
  return [...fold.debates.values()].map((debate) => {
    const view = debateView(debate);
    return { debateId: debate.id, motion: debate.motion, sides: debate.sides, before: [view.before[0], view.before[1]], after: [view.after[0], view.after[1]], swing: view.swing };
  });
}

function moderationFigures(fold: SessionFold, attendance: number): SessionReport["moderation"] {
  const responses: number[] = [];
  let unanswered = 0;
  for (const flag of fold.flags.values()) {
    if (flag.respondedAt === null) unanswered += 1;
    else responses.push(flag.respondedAt - flag.at);
  }
  const actions = Object.fromEntries(fold.actions);
  let actionsTotal = 0;
  for (const count of fold.actions.values()) actionsTotal += count;
  return {
    flagged: fold.flaggedRows,
    flaggedPer100Lines: fold.chatLines > 0 ? (fold.flaggedRows / fold.chatLines) * 100 : null,
    medianResponseMs: medianOf(responses),
    unanswered,
    actions,
    actionsTotal,
    actionsPer100Members: attendance > 0 ? (actionsTotal / attendance) * 100 : null,
  };
}

/** The tree's growth at each bucket's end: the ledger's awards summed up to it; the last bucket holds the growth at `asOf`. */
function treeSeries(ledger: Ledger, asOf: number, start: number, bucketMs: number, count: number): { growth: number; series: TimeSeries } {
  const values = new Array<number>(count).fill(0);
  let growth = 0;
  eachAward(ledger, asOf, (at, value) => {
    growth += value;
    // An award counts from the first bucket whose end (inclusive) it is not after.
    const from = Math.min(count - 1, Math.max(0, Math.ceil((at - start) / bucketMs) - 1));
    values[from]! += value;
  });
  for (let i = 1; i < count; i++) values[i]! += values[i - 1]!;
  return { growth, series: { start, bucketMs, values } };
}

function huntFunnel(hunt: HuntInput, completed: number): HuntFunnel {
  const claimers = new Set<string>();
  const revealed = new Map<string, number>();
  const found = new Map<string, number>();
  for (const claim of hunt.claims) {
    claimers.add(claim.claimer);
    increment(revealed, claim.clueId);
    if (claim.status === "found") increment(found, claim.clueId);
  }
  const clues = hunt.clues.map((clue) => ({ clueId: clue.id, name: clue.name, kind: clue.kind, place: clue.place, revealed: revealed.get(clue.id) ?? 0, found: found.get(clue.id) ?? 0 }));
  const places = new Map<string, { place: string; clues: number; found: number }>();
  for (const clue of clues) {
    if (clue.kind !== "real" || clue.place === null) continue;
    let place = places.get(clue.place);
    if (place === undefined) places.set(clue.place, (place = { place: clue.place, clues: 0, found: 0 }));
    place.clues += 1;
    place.found += clue.found;
  }
  return {
    huntId: hunt.huntId,
    started: claimers.size,
    completed,
    completionRate: share(completed, claimers.size),
    clues,
    places: [...places.values()],
    vouchersIssued: hunt.vouchers.length,
    vouchersRedeemed: hunt.vouchers.filter((voucher) => voucher.redeemedAt !== null).length,
  };
}

/**
 * Every figure of the session at `now` (its end once it ended), from the fold, the session's presence rows and the
 * context. Reads the fold and never changes it: a live session's fold goes on, and a rollup of part of the rows then
 * of the rest equals one of all of them.
 */
export function sessionRollup(fold: SessionFold, presence: readonly PresenceRow[], context: SessionContext, now: number): SessionRollup {
  const start = context.startedAt;
  const asOf = Math.max(start, context.endedAt ?? now);
  const { bucketMs, count } = seriesBuckets(start, asOf);
  const stays = mergeStays(presence, start, asOf);
  const attendance = stays.size;

  let returning = 0;
  const dwells: number[] = [];
  let dwellSum = 0;
  let interactedAttendees = 0;
  for (const [memberId, intervals] of stays) {
    if (context.returningMembers.has(memberId)) returning += 1;
    const dwell = totalLength(intervals);
    dwells.push(dwell);
    dwellSum += dwell;
    if (fold.interactions.has(memberId)) interactedAttendees += 1;
  }
  const crowd = concurrency(stays, start, bucketMs, count);

  let total = 0;
  for (const value of fold.byKind.values()) total += value;
  const byGroup = {} as Record<InteractionGroup, number>;
  const series = {} as Record<InteractionGroup, TimeSeries>;
  for (const group of INTERACTION_GROUPS) {
    series[group] = seriesOf(fold.groupMinutes[group], start, bucketMs, count);
    byGroup[group] = series[group].values.reduce((a, b) => a + b, 0);
  }

  const questions = [...fold.questions.values()];
  const answered = questions.filter((question) => question.answered);
  const answerTimes = answered.map((question) => Math.max(0, (question.firstAnswerAt ?? question.askedAt) - question.askedAt));

  const ledger = fold.ledger;
  const tree = treeSeries(ledger, asOf, start, bucketMs, count);
  let energyGiven = 0;
  for (const contribution of ledger.energy.values()) energyGiven += contribution.givers.length;
  const badges: Partial<Record<Badge, number>> = {};
  // Each summary carries the member's tally: the points of the member rows, priced once.
  const points = new Map<string, number>();
  for (const [memberId, summary] of summarise(ledger, asOf, { eventId: context.eventId, startedAt: start })) {
    points.set(memberId, summary.tally.points);
    for (const { badge } of earnBadges([summary], { now: asOf })) badges[badge] = (badges[badge] ?? 0) + 1;
  }

  const nameOf = (memberId: string): string => context.names.get(memberId) ?? (ledger.names.get(memberId) || memberId);
  const openAtEnd = new Set(context.endedAt === null ? presence.filter((row) => row.leftAt === null).map((row) => row.memberId) : []);
  const members: MemberSessionRow[] = [...stays].map(([memberId, intervals]) => ({
    memberId,
    name: nameOf(memberId),
    firstJoinedAt: intervals[0]![0],
    lastLeftAt: openAtEnd.has(memberId) ? null : intervals[intervals.length - 1]![1],
    dwellMs: totalLength(intervals),
    interactions: fold.interactions.get(memberId) ?? 0,
    points: points.get(memberId) ?? 0,
    returning: context.returningMembers.has(memberId),
  }));
  // In order of arrival, then id: the same rows in any order give the same table.
  members.sort((a, b) => a.firstJoinedAt - b.firstJoinedAt || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));

  const report: SessionReport = {
    version: STATS_VERSION,
    sessionId: context.sessionId,
    eventId: context.eventId,
    startedAt: start,
    endedAt: context.endedAt,
    asOf,
    durationMs: asOf - start,
    attendance: { members: attendance, newMembers: attendance - returning, returningMembers: returning },
    concurrency: { peak: crowd.peak, peakAt: crowd.peakAt, series: { start, bucketMs, values: crowd.values } },
    dwell: dwellFigures(dwells),
    interactions: {
      total,
      byKind: Object.fromEntries(fold.byKind),
      byGroup,
      series,
      interactingMembers: fold.interactions.size,
      interactedShare: share(interactedAttendees, attendance),
      perMemberMinute: dwellSum > 0 ? total / (dwellSum / MINUTE_MS) : null,
    },
    chat: { lines: fold.chatLines, chatters: fold.chatters.size, negativeLines: fold.negativeLines, series: seriesOf(fold.chatMinutes, start, bucketMs, count) },
    questions: {
      asked: questions.length,
      answered: answered.length,
      answerRate: share(answered.length, questions.length),
      medianAnswerMs: medianOf(answerTimes),
      upvotes: fold.upvotes.size,
    },
    polls: pollFigures(fold, stays, asOf),
    debates: debateFigures(fold),
    speakers: [...ledger.speakers].map(([memberId, invitedAt]) => ({ memberId, name: nameOf(memberId), invitedAt })),
    checkIns: { opened: fold.checkIns.size, checkedIn: fold.checkedIn.size, share: share(fold.checkedIn.size, attendance) },
    moderation: moderationFigures(fold, attendance),
    tree: { growth: tree.growth, goal: context.treeGoal, reachedAt: ledger.goalReachedAt, series: tree.series },
    hunt: context.hunt === null ? null : huntFunnel(context.hunt, ledger.hunts.get(context.hunt.huntId)?.size ?? 0),
    growth: {
      points: tree.growth,
      energyGiven,
      energyPerMember: share(energyGiven, attendance),
      badges,
      collectibles: context.collectibles,
      promotions: { ...context.promotions },
    },
    hotWords: hotWords(fold.words, HOT_WORDS_SHOWN),
    hours: [...fold.hours],
  };
  return { report, members };
}
