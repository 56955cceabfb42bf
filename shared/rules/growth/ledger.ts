import { InteractionEntry, isSessionCommandKind } from "../../log.js";
import { awardFor, POINTS } from "./points.js";
import { treeView } from "./tree.js";
import {
  ENERGY_PER_SESSION,
  LEADERBOARD_SHOWN,
  OUTSTANDING_ENERGY,
  POINT_KINDS,
  type EnergyTarget,
  type LeaderboardRow,
  type Ledger,
  type LogRow,
  type MemberSessionSummary,
  type MemberSessionTally,
  type PointKind,
  type PointRule,
  type PointsByKind,
  type Tier,
  type TreeView,
} from "./types.js";

// One session's interactions log folded into points, energy and the facts badges and collectibles read
// (docs/growth.md, "Points" and "What earns what"). The fold keeps every award with its time and the content it
// came from, and prices them only when asked (tallies): a host who deletes a line or hides a question takes its
// award back, and unhiding restores it in its old place, without refolding the log.

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * One award before pricing: when, the content it stands on (`q:<question>` / `l:<line>`; null: none) and, for an
 * award that carries its own full value (a clue found: the row's `points`), that value; else the rule's `points`.
 */
interface Award {
  at: number;
  gate: string | null;
  full?: number;
}

interface MemberState {
  firstAt: number;
  lastAt: number;
  awards: Map<PointKind, Award[]>;
  /** Whether the member is in now, and since when. */
  open: boolean;
  openSince: number;
  /** Closed stretches of presence, [from, to], in order and not overlapping. */
  stretches: Array<[number, number]>;
}

/** What the ledger keeps besides its public fields: only ledger.ts reads it. */
interface Internals {
  seqs: Set<number>;
  /** Chat lines by id: author, time, text (collectibles quote a line). */
  lines: Map<string, { authorId: string; at: number; text: string }>;
  /** Gates shut now: lines a host deleted (`l:`), questions a host hid (`q:`). */
  shut: Set<string>;
  members: Map<string, MemberState>;
  polls: Map<string, { kind: "single" | "multiple" | "quiz" | "open"; correct: string | null }>;
  /** `poll \0 member` pairs that have voted or answered. */
  voted: Set<string>;
  debates: Map<string, "before" | "discussion" | "after" | "closed">;
  /** `debate \0 phase \0 member` triples already awarded. */
  stanced: Set<string>;
  /** `checkIn \0 member` pairs already awarded. */
  checkedIn: Set<string>;
  /** Contribution refs each giver gave energy to (applied gifts), for the allowance. */
  given: Map<string, string[]>;
  /** When each member reached their current count of correct quiz answers (the champion's tie-break). */
  quizAt: Map<string, number>;
  /** Members off the leaderboard now (leaderboardHidden rows). */
  hidden: Set<string>;
  /** `hunt \0 clue \0 claimer` triples already credited: the hunt's claims table's own unique key. */
  clues: Set<string>;
  /** Members with a clueFound row whose blind box's reward carries the cityExplorer badge. */
  cityExplorers: Set<string>;
}

/*
 * The public Ledger is a plain shape other rules read (and tests build by hand); the fold's own bookkeeping hangs off
 * it here rather than on the object, so the public type stays as the contract says and a hand-built ledger still folds.
 */
const INTERNALS = new WeakMap<Ledger, Internals>();

function internalsOf(ledger: Ledger): Internals {
  let internals = INTERNALS.get(ledger);
  if (internals === undefined) {
    internals = {
      seqs: new Set(),
      lines: new Map(),
      shut: new Set(),
      members: new Map(),
      polls: new Map(),
      voted: new Set(),
      debates: new Map(),
      stanced: new Set(),
      checkedIn: new Set(),
      given: new Map(),
      quizAt: new Map(),
      hidden: new Set(),
      clues: new Set(),
      cityExplorers: new Set(),
    };
    INTERNALS.set(ledger, internals);
  }
  return internals;
}

/** An empty ledger for one session. */
export function createLedger(sessionId: string): Ledger {
  const ledger: Ledger = {
    sessionId,
    lastRowId: 0,
    questions: new Map(),
    energy: new Map(),
    quizCorrect: new Map(),
    stances: new Map(),
    speakers: new Map(),
    helpful: new Map(),
    checkInStreak: new Map(),
    names: new Map(),
    goalReachedAt: null,
    hunts: new Map(),
  };
  internalsOf(ledger);
  return ledger;
}

const pair = (a: string, b: string): string => `${a}\u0000${b}`;

function member(internals: Internals, memberId: string, at: number): MemberState {
  let state = internals.members.get(memberId);
  if (state === undefined) {
    state = { firstAt: at, lastAt: at, awards: new Map(), open: false, openSince: at, stretches: [] };
    internals.members.set(memberId, state);
  } else {
    if (at < state.firstAt) state.firstAt = at;
    if (at > state.lastAt) state.lastAt = at;
  }
  return state;
}

function award(internals: Internals, memberId: string, kind: PointKind, at: number, gate: string | null): void {
  const state = member(internals, memberId, at);
  const list = state.awards.get(kind);
  if (list === undefined) state.awards.set(kind, [{ at, gate }]);
  else list.push({ at, gate });
}

/**
 * An award worth its own full value (a clue found), kept in order of time, the larger first at one moment: which of
 * two awards diminishes depends on their order, and rows written at the same moment may be folded in either order,
 * so this order (not the log's) decides and every fold of the same rows prices them alike.
 */
function awardValued(internals: Internals, memberId: string, kind: PointKind, at: number, full: number): void {
  const state = member(internals, memberId, at);
  let list = state.awards.get(kind);
  if (list === undefined) state.awards.set(kind, (list = []));
  let i = list.length;
  while (i > 0 && (list[i - 1]!.at > at || (list[i - 1]!.at === at && (list[i - 1]!.full ?? 0) < full))) i -= 1;
  list.splice(i, 0, { at, gate: null, full });
}

function rename(ledger: Ledger, memberId: string, name: string | undefined): void {
  if (name !== undefined && name.length > 0) ledger.names.set(memberId, name);
}

/** The gate an energy award stands on: the question or line it went to (a speaker's turn cannot be taken back). */
function energyGate(target: EnergyTarget, refId: string): string | null {
  return target === "question" ? `q:${refId}` : target === "chat" ? `l:${refId}` : null;
}

/**
 * Whether energy may go to this contribution, as energy.ts decides it (never to oneself, once per giver and
 * contribution, ENERGY_PER_SESSION a session), and whether the row names the contribution's real author: a row
 * written by hand awards nothing the room would have refused.
 */
function energyAllowed(ledger: Ledger, internals: Internals, giver: string, detail: { target: EnergyTarget; refId: string; toId: string }): boolean {
  const { target, refId, toId } = detail;
  if (giver === toId) return false;
  const given = internals.given.get(giver);
  if (given !== undefined && (given.includes(refId) || given.length >= ENERGY_PER_SESSION)) return false;
  if (target === "question") return ledger.questions.get(refId)?.authorId === toId;
  // A chat line's row may be written after the energy's (instances write chat on their own); when it is known it must agree.
  if (target === "chat") return (internals.lines.get(refId)?.authorId ?? toId) === toId;
  return refId.startsWith(`turn:${toId}:`);
}

/** Folds one row that belongs to the ledger's session and parsed. */
function foldEntry(ledger: Ledger, internals: Internals, row: LogRow, entry: InteractionEntry): void {
  const by = row.memberId;
  const at = row.at;
  const seq = row.seq;
  const sender = member(internals, by, at);
  switch (entry.kind) {
    case "join":
      // A join while in (a seat taken over in another instance, or a row heard twice) changes nothing, nor does one
      // from before the last stay ended (a replayed row): stays never overlap, so no minute counts twice.
      if (sender.open || at < (sender.stretches.at(-1)?.[1] ?? at)) return;
      sender.open = true;
      sender.openSince = at;
      return;
    case "leave":
      // A seat taken over lives on in the instance that took it (its join came first); a leave from before the
      // current stay began is a replayed row. Neither ends the stay.
      if (!sender.open || at < sender.openSince || entry.detail.reason === "takenOver") return;
      sender.open = false;
      sender.stretches.push([sender.openSince, at]);
      return;
    case "chat": {
      const { id, text, name } = entry.detail;
      rename(ledger, by, name);
      if (id === undefined) {
        award(internals, by, "chat", at, null);
        return;
      }
      if (internals.lines.has(id)) return;
      internals.lines.set(id, { authorId: by, at, text });
      award(internals, by, "chat", at, `l:${id}`);
      return;
    }
    case "reaction":
      award(internals, by, "reaction", at, null);
      return;
    case "questionAsked": {
      const id = `q${seq}`;
      rename(ledger, by, entry.detail.name);
      ledger.questions.set(id, { authorId: by, authorName: entry.detail.name, text: entry.detail.text, at, upvoters: new Set(), hidden: false, answered: false });
      award(internals, by, "question", at, `q:${id}`);
      return;
    }
    case "questionUpvoted": {
      const id = entry.detail.questionId;
      const question = ledger.questions.get(id);
      // Members cannot upvote a hidden question (the room says UNKNOWN_QUESTION), nor gain from their own.
      if (question === undefined || question.hidden || question.authorId === by || question.upvoters.has(by)) return;
      question.upvoters.add(by);
      award(internals, question.authorId, "upvoteReceived", at, `q:${id}`);
      return;
    }
    case "questionModerated": {
      const { questionId, action } = entry.detail;
      const question = ledger.questions.get(questionId);
      if (question === undefined) return;
      if (action === "hide" || action === "unhide") {
        question.hidden = action === "hide";
        if (question.hidden) internals.shut.add(`q:${questionId}`);
        else internals.shut.delete(`q:${questionId}`);
      } else if (action === "answer" || action === "unanswer") question.answered = action === "answer";
      return;
    }
    case "pollOpened": {
      const { kind, correct } = entry.detail;
      // Named as polls.ts names them: the poll `p<seq>`, its options `o<index>`.
      const first = correct[0];
      internals.polls.set(`p${seq}`, { kind, correct: kind === "quiz" && first !== undefined ? `o${first}` : null });
      return;
    }
    case "pollVoted": {
      const { pollId, options, name } = entry.detail;
      rename(ledger, by, name);
      const poll = internals.polls.get(pollId);
      const key = pair(pollId, by);
      if (poll === undefined || poll.kind === "open" || internals.voted.has(key)) return;
      internals.voted.add(key);
      award(internals, by, "pollVote", at, null);
      if (poll.kind === "quiz" && options.length === 1 && options[0] === poll.correct) {
        award(internals, by, "quizCorrect", at, null);
        ledger.quizCorrect.set(by, (ledger.quizCorrect.get(by) ?? 0) + 1);
        internals.quizAt.set(by, at);
      }
      return;
    }
    case "pollAnswered": {
      const { pollId, name } = entry.detail;
      rename(ledger, by, name);
      const key = pair(pollId, by);
      if (internals.polls.get(pollId)?.kind !== "open" || internals.voted.has(key)) return;
      internals.voted.add(key);
      award(internals, by, "pollVote", at, null);
      return;
    }
    case "debateOpened":
      // As debate.ts: a new debate `d<seq>` closes any still running.
      for (const id of internals.debates.keys()) internals.debates.set(id, "closed");
      internals.debates.set(`d${seq}`, "before");
      return;
    case "debatePhaseSet": {
      const { debateId, phase } = entry.detail;
      const current = internals.debates.get(debateId);
      if (current !== undefined && current !== "closed") internals.debates.set(debateId, phase);
      return;
    }
    case "stanceTaken": {
      const { debateId, side, name } = entry.detail;
      rename(ledger, by, name);
      const phase = internals.debates.get(debateId);
      if (phase !== "before" && phase !== "after") return;
      let sides = ledger.stances.get(debateId);
      if (sides === undefined) ledger.stances.set(debateId, (sides = new Map()));
      const taken = sides.get(by);
      if (taken === undefined) sides.set(by, [side]);
      else if (taken[taken.length - 1] !== side) taken.push(side);
      const key = pair(pair(debateId, phase), by);
      if (internals.stanced.has(key)) return;
      internals.stanced.add(key);
      award(internals, by, "stance", at, null);
      return;
    }
    case "speakerInvited": {
      const speaker = entry.detail.memberId;
      if (!ledger.speakers.has(speaker)) ledger.speakers.set(speaker, at);
      award(internals, speaker, "speaking", at, null);
      return;
    }
    case "checkedIn": {
      const { checkInId, name, streak } = entry.detail;
      rename(ledger, by, name);
      const key = pair(checkInId, by);
      if (internals.checkedIn.has(key)) return;
      internals.checkedIn.add(key);
      ledger.checkInStreak.set(by, Math.max(streak, ledger.checkInStreak.get(by) ?? 0));
      award(internals, by, "checkIn", at, null);
      return;
    }
    case "lineMarkedHelpful": {
      const { lineId, authorId, authorName } = entry.detail;
      rename(ledger, authorId, authorName);
      // A host's own line marked helpful by themselves is interacting with oneself: nothing.
      if (ledger.helpful.has(lineId) || authorId === by) return;
      ledger.helpful.set(lineId, authorId);
      award(internals, authorId, "helpful", at, `l:${lineId}`);
      return;
    }
    case "lineDeleted":
      rename(ledger, entry.detail.authorId, entry.detail.authorName);
      internals.shut.add(`l:${entry.detail.lineId}`);
      return;
    case "energyGiven": {
      const { target, refId, toId, toName, name } = entry.detail;
      rename(ledger, by, name);
      if (!energyAllowed(ledger, internals, by, entry.detail)) return;
      rename(ledger, toId, toName);
      const given = internals.given.get(by);
      if (given === undefined) internals.given.set(by, [refId]);
      else given.push(refId);
      const contribution = ledger.energy.get(refId);
      if (contribution === undefined) ledger.energy.set(refId, { target, toId, toName, givers: [by], at });
      else contribution.givers.push(by);
      award(internals, toId, "energyReceived", at, energyGate(target, refId));
      return;
    }
    case "goalReached":
      if (ledger.goalReachedAt === null) ledger.goalReachedAt = at;
      return;
    case "leaderboardHidden":
      rename(ledger, by, entry.detail.name);
      if (entry.detail.hidden) internals.hidden.add(by);
      else internals.hidden.delete(by);
      return;
    case "handRaised":
      rename(ledger, by, entry.detail.name);
      return;
    case "clueFound": {
      const { huntId, clueId, name, points, team, badge } = entry.detail;
      rename(ledger, by, name);
      // The badge goes with the claim, whichever copy of its row is folded first.
      if (badge) internals.cityExplorers.add(by);
      // Once per clue and claimer, as the claims table keys it (a team's clue counts once, for its finder).
      const key = pair(pair(huntId, clueId), team === null ? `member:${by}` : `team:${team}`);
      if (internals.clues.has(key)) return;
      internals.clues.add(key);
      awardValued(internals, by, "clueFound", at, points);
      return;
    }
    case "huntCompleted": {
      const { huntId, rank, team } = entry.detail;
      let finishers = ledger.hunts.get(huntId);
      if (finishers === undefined) ledger.hunts.set(huntId, (finishers = new Map()));
      const known = finishers.get(by);
      if (known !== undefined) {
        // A copy of the row (or a second one for the same hunt) awards nothing; keeping the best of both makes the
        // result the same in whichever order they come.
        known.rank = Math.min(known.rank, rank);
        known.at = Math.min(known.at, at);
        return;
      }
      finishers.set(by, { rank, at, team });
      award(internals, by, "huntCompleted", at, null);
      return;
    }
    default:
      return;
  }
}

/**
 * Folds rows into the ledger, in place, and returns it. Rows of other sessions are skipped; so is a row whose entry
 * does not parse as shared/log.ts types it (edited by hand), a session command without its sequence number, and a
 * sequence number or chat line id seen before (a replayed or duplicated row counts once). Never throws on a row.
 */
export function foldRows(ledger: Ledger, rows: Iterable<LogRow>): Ledger {
  const internals = internalsOf(ledger);
  for (const row of rows) {
    if (row.sessionId !== ledger.sessionId) continue;
    if (Number.isFinite(row.id) && row.id > ledger.lastRowId) ledger.lastRowId = row.id;
    if (typeof row.memberId !== "string" || row.memberId.length === 0 || !Number.isFinite(row.at)) continue;
    const parsed = InteractionEntry.safeParse({ kind: row.kind, detail: row.detail });
    if (!parsed.success) continue;
    if (isSessionCommandKind(parsed.data.kind)) {
      if (typeof row.seq !== "number" || !Number.isInteger(row.seq) || internals.seqs.has(row.seq)) continue;
      internals.seqs.add(row.seq);
    }
    foldEntry(ledger, internals, row, parsed.data);
  }
  return ledger;
}

// ── Pricing ─────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Prices one kind's awards in order: the n-th standing award (n from 0, taken-back ones skipped) is worth
 * awardFor(rule, n), clipped so the kind stops at perSession. `each` hears every award that earned something.
 */
function priceKind(rule: PointRule, awards: readonly Award[], shut: ReadonlySet<string>, each?: (at: number, value: number) => void): { points: number; count: number } {
  let points = 0;
  let count = 0;
  for (const { at, gate, full } of awards) {
    if (gate !== null && shut.has(gate)) continue;
    const value = Math.min(awardFor(rule, count, full), rule.perSession - points);
    count += 1;
    if (value > 0) {
      points += value;
      each?.(at, value);
    }
  }
  return { points, count };
}

/** The member's stretches of presence to `now` (an open one runs to `now`). */
function stretchesTo(state: MemberState, now: number): Array<[number, number]> {
  return state.open ? [...state.stretches, [state.openSince, Math.max(state.openSince, now)]] : state.stretches;
}

/** Presence: one award per whole minute present, the k-th at the moment its minute was complete. */
function pricePresence(state: MemberState, now: number, each?: (at: number, value: number) => void): { points: number; count: number } {
  const rule = POINTS.presence;
  const stretches = stretchesTo(state, now);
  const total = stretches.reduce((sum, [from, to]) => sum + (to - from), 0);
  const minutes = Math.floor(total / MINUTE_MS);
  let points = 0;
  let before = 0;
  let stretch = 0;
  for (let n = 0; n < minutes && points < rule.perSession; n++) {
    const value = Math.min(awardFor(rule, n), rule.perSession - points);
    if (value === 0) break;
    points += value;
    if (each) {
      const done = (n + 1) * MINUTE_MS;
      while (before + (stretches[stretch]![1] - stretches[stretch]![0]) < done) {
        before += stretches[stretch]![1] - stretches[stretch]![0];
        stretch += 1;
      }
      each(stretches[stretch]![0] + (done - before), value);
    }
  }
  return { points, count: minutes };
}

function tallyOf(ledger: Ledger, internals: Internals, memberId: string, state: MemberState, now: number, from: ReadonlyMap<string, Set<string>>): MemberSessionTally {
  const byKind: PointsByKind = {};
  const counts: PointsByKind = {};
  let points = 0;
  for (const kind of POINT_KINDS) {
    const priced = kind === "presence" ? pricePresence(state, now) : priceKind(POINTS[kind], state.awards.get(kind) ?? [], internals.shut);
    if (priced.points > 0) byKind[kind] = priced.points;
    if (priced.count > 0) counts[kind] = priced.count;
    points += priced.points;
  }
  return {
    memberId,
    name: ledger.names.get(memberId) ?? "",
    points,
    byKind,
    counts,
    growth: points,
    energyFrom: [...(from.get(memberId) ?? [])],
    firstAt: state.firstAt,
    lastAt: state.lastAt,
  };
}

/** Whether a host took the contribution away (a deleted line, a hidden question): its energy then counts for nothing. */
function removed(internals: Internals, target: EnergyTarget, refId: string): boolean {
  const gate = energyGate(target, refId);
  return gate !== null && internals.shut.has(gate);
}

/** Each author's distinct energy givers, in order, over contributions not taken away (one pass for all members). */
function energyFrom(ledger: Ledger, internals: Internals): Map<string, Set<string>> {
  const from = new Map<string, Set<string>>();
  for (const [refId, contribution] of ledger.energy) {
    if (removed(internals, contribution.target, refId)) continue;
    let givers = from.get(contribution.toId);
    if (givers === undefined) from.set(contribution.toId, (givers = new Set()));
    for (const giver of contribution.givers) givers.add(giver);
  }
  return from;
}

/** Every member's standing in the session at `now` (presence counted to `now` for members still in), in order of first appearance. */
export function tallies(ledger: Ledger, now: number): MemberSessionTally[] {
  const internals = internalsOf(ledger);
  const from = energyFrom(ledger, internals);
  return [...internals.members].map(([memberId, state]) => tallyOf(ledger, internals, memberId, state, now, from));
}

/** The tree's growth: every member's session points (already capped, so one spammer moves it little). */
export function treeGrowth(ledger: Ledger, now: number): number {
  return tallies(ledger, now).reduce((sum, tally) => sum + tally.growth, 0);
}

/**
 * Every award that earns points at `now`, priced as tallies() prices them (taken-back ones skipped): `each(at, value)`,
 * presence at the moment each minute was complete. The values sum to treeGrowth(ledger, now); pricing is in order,
 * so those before a moment sum to the growth the tree had then, less what hosts later took back (the stats' tree series).
 */
export function eachAward(ledger: Ledger, now: number, each: (at: number, value: number) => void): void {
  const internals = internalsOf(ledger);
  for (const state of internals.members.values()) {
    for (const kind of POINT_KINDS) {
      if (kind === "presence") pricePresence(state, now, each);
      else priceKind(POINTS[kind], state.awards.get(kind) ?? [], internals.shut, each);
    }
  }
}

/** The session's tree toward `goal`: growth, contributors (members who grew it) and the goal's moment from the log. */
export function sessionTree(ledger: Ledger, now: number, goal: number): TreeView {
  const all = tallies(ledger, now);
  const growth = all.reduce((sum, tally) => sum + tally.growth, 0);
  return treeView(growth, goal, all.filter((tally) => tally.growth > 0).length, ledger.goalReachedAt);
}

/** Points first; the same points: who took part first, then by id, so every instance ranks alike. */
function byStanding(a: MemberSessionTally, b: MemberSessionTally): number {
  return b.points - a.points || a.firstAt - b.firstAt || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);
}

/** The session's leaderboard: members with points, without those who opted out, best first, `limit` rows. */
export function leaderboard(ledger: Ledger, now: number, hidden: readonly string[], tierOf: (memberId: string) => Tier, limit = LEADERBOARD_SHOWN): LeaderboardRow[] {
  const off = new Set(hidden);
  return tallies(ledger, now)
    .filter((tally) => tally.points > 0 && !off.has(tally.memberId))
    .sort(byStanding)
    .slice(0, Math.max(0, limit))
    .map((tally) => ({ memberId: tally.memberId, name: tally.name, points: tally.points, tier: tierOf(tally.memberId) }));
}

/** Members who opted out of the leaderboard, as the log's leaderboardHidden rows leave it. */
export function hiddenMembers(ledger: Ledger): string[] {
  return [...internalsOf(ledger).hidden];
}

/** Whether a contribution (a question, a chat line) was taken away by a host: deleted, or hidden now. */
export function contributionRemoved(ledger: Ledger, target: EnergyTarget, refId: string): boolean {
  return removed(internalsOf(ledger), target, refId);
}

/** A chat line the ledger saw, by id (collectibles quote it); undefined for one never seen. */
export function chatLine(ledger: Ledger, lineId: string): { authorId: string; at: number; text: string } | undefined {
  return internalsOf(ledger).lines.get(lineId);
}

/** The session's question with the most distinct upvoters (≥ 3), not hidden; ties: the earliest asked. */
function topQuestionAuthor(ledger: Ledger): string | null {
  let best: { authorId: string; votes: number } | null = null;
  for (const question of ledger.questions.values()) {
    const votes = question.upvoters.size;
    if (question.hidden || votes < 3) continue;
    if (best === null || votes > best.votes) best = { authorId: question.authorId, votes };
  }
  return best?.authorId ?? null;
}

/** The member with the most correct quiz answers (≥ 2); ties: who reached that count first. */
function quizChampionOf(ledger: Ledger, internals: Internals): string | null {
  let best: { memberId: string; correct: number; at: number } | null = null;
  for (const [memberId, correct] of ledger.quizCorrect) {
    const at = internals.quizAt.get(memberId) ?? 0;
    if (correct < 2) continue;
    if (best === null || correct > best.correct || (correct === best.correct && at < best.at)) best = { memberId, correct, at };
  }
  return best?.memberId ?? null;
}

/**
 * Each member's facts in this session (what badges and tiers are computed from): the tally at `now`, and what the
 * member asked, said, voted, answered, received, and the hunts they completed (first or not) and clues they found.
 */
export function summarise(ledger: Ledger, now: number, context: { eventId: string; startedAt: number }): Map<string, MemberSessionSummary> {
  const internals = internalsOf(ledger);
  const all = tallies(ledger, now);
  const topAuthor = topQuestionAuthor(ledger);
  const champion = quizChampionOf(ledger, internals);
  const headGardeners = new Set(
    all
      .filter((tally) => tally.growth > 0)
      .sort(byStanding)
      .slice(0, 3)
      .map((tally) => tally.memberId),
  );
  // Each fact gathered per member in one pass over its collection (not one pass per member: 5,000 members × the
  // session's questions and gifts took seconds).
  const asks = new Map<string, { asked: number; answered: number }>();
  const credit = (id: string): { asked: number; answered: number } => {
    let counts = asks.get(id);
    if (counts === undefined) asks.set(id, (counts = { asked: 0, answered: 0 }));
    return counts;
  };
  for (const question of ledger.questions.values()) {
    if (question.hidden) continue;
    const counts = credit(question.authorId);
    counts.asked += 1;
    if (question.answered) counts.answered += 1;
  }
  for (const [lineId, authorId] of ledger.helpful) if (!internals.shut.has(`l:${lineId}`)) credit(authorId).answered += 1;
  const best = new Map<string, number>();
  for (const [refId, contribution] of ledger.energy) {
    if (!removed(internals, contribution.target, refId)) best.set(contribution.toId, Math.max(best.get(contribution.toId) ?? 0, contribution.givers.length));
  }
  const swingers = new Set<string>();
  for (const sides of ledger.stances.values()) for (const [memberId, taken] of sides) if (new Set(taken).size > 1) swingers.add(memberId);
  const summaries = new Map<string, MemberSessionSummary>();
  for (const tally of all) {
    const id = tally.memberId;
    const { asked, answered } = asks.get(id) ?? { asked: 0, answered: 0 };
    const bestEnergy = best.get(id) ?? 0;
    const swung = swingers.has(id);
    const reached = ledger.goalReachedAt !== null && tally.growth > 0;
    let huntsCompleted = 0;
    let fastestHunter = false;
    for (const finishers of ledger.hunts.values()) {
      const finish = finishers.get(id);
      if (finish === undefined) continue;
      huntsCompleted += 1;
      if (finish.rank === 1) fastestHunter = true;
    }
    summaries.set(id, {
      sessionId: ledger.sessionId,
      eventId: context.eventId,
      startedAt: context.startedAt,
      tally,
      asked,
      topQuestion: topAuthor === id,
      spoke: ledger.speakers.has(id),
      quizCorrect: ledger.quizCorrect.get(id) ?? 0,
      quizChampion: champion === id,
      swung,
      votes: tally.counts.pollVote ?? 0,
      checkInStreak: ledger.checkInStreak.get(id) ?? 0,
      answered,
      energyGiven: internals.given.get(id)?.length ?? 0,
      bestEnergy,
      gardener: reached,
      headGardener: reached && headGardeners.has(id),
      huntsCompleted,
      fastestHunter,
      cityExplorer: internals.cityExplorers.has(id),
    });
  }
  return summaries;
}

/** Whether a contribution stands out by energy: OUTSTANDING_ENERGY distinct givers or more, and not taken away. */
export function isOutstanding(ledger: Ledger, refId: string): boolean {
  const contribution = ledger.energy.get(refId);
  return contribution !== undefined && contribution.givers.length >= OUTSTANDING_ENERGY && !contributionRemoved(ledger, contribution.target, refId);
}

// ── Across sessions ─────────────────────────────────────────────────────────────────────────────────────────────

/** The UTC day (days since the epoch) a moment falls in: per-day caps reset at UTC midnight. */
export const utcDay = (at: number): number => Math.floor(at / DAY_MS);

/**
 * One member's points per UTC day across many sessions' rows (grouped by sessionId; each session folded on its
 * own): each session's awards priced as in that session (diminishing returns, perSession), then, in time order,
 * each kind clipped at perDay within its UTC day, so a session crossing midnight counts toward both days.
 */
export function memberDailyPoints(rows: Iterable<LogRow>, memberId: string, now: number): { days: Map<number, PointsByKind>; sessions: number } {
  const ledgers = new Map<string, Ledger>();
  const one: LogRow[] = [];
  for (const row of rows) {
    let ledger = ledgers.get(row.sessionId);
    if (ledger === undefined) ledgers.set(row.sessionId, (ledger = createLedger(row.sessionId)));
    one[0] = row;
    foldRows(ledger, one);
  }
  const earned: Array<{ kind: PointKind; at: number; value: number }> = [];
  let sessions = 0;
  for (const ledger of ledgers.values()) {
    const internals = internalsOf(ledger);
    const state = internals.members.get(memberId);
    if (state === undefined) continue;
    sessions += 1;
    for (const kind of POINT_KINDS) {
      const each = (at: number, value: number): void => void earned.push({ kind, at, value });
      if (kind === "presence") pricePresence(state, now, each);
      else priceKind(POINTS[kind], state.awards.get(kind) ?? [], internals.shut, each);
    }
  }
  // A stable sort: awards at the same moment keep their sessions' order.
  earned.sort((a, b) => a.at - b.at);
  const days = new Map<number, PointsByKind>();
  for (const { kind, at, value } of earned) {
    const day = utcDay(at);
    let byKind = days.get(day);
    if (byKind === undefined) days.set(day, (byKind = {}));
    const so = byKind[kind] ?? 0;
    const add = Math.min(value, POINTS[kind].perDay - so);
    if (add > 0) byKind[kind] = so + add;
  }
  return { days, sessions };
}

/** One member's points across many sessions' rows, per kind, with both caps applied, and how many sessions they took part in. */
export function memberTotals(rows: Iterable<LogRow>, memberId: string, now: number): { points: number; byKind: PointsByKind; sessions: number } {
  const { days, sessions } = memberDailyPoints(rows, memberId, now);
  const byKind: PointsByKind = {};
  let points = 0;
  for (const day of days.values()) {
    for (const kind of POINT_KINDS) {
      const value = day[kind];
      if (value === undefined) continue;
      byKind[kind] = (byKind[kind] ?? 0) + value;
      points += value;
    }
  }
  return { points, byKind, sessions };
}
