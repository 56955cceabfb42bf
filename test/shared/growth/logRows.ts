import type { EnergyTarget, LogRow } from "../../../shared/rules/growth/types.js";

/**
 * A session's interactions log as the store gives it, written by hand for the growth tests: every helper appends a
 * row (rising ids; session commands get the next sequence number) and returns what the command named.
 */
export class LogBuilder {
  readonly rows: LogRow[] = [];
  private id = 0;
  private seq = 0;

  constructor(
    readonly sessionId = "s1",
    first: { id: number; seq: number } = { id: 0, seq: 0 },
  ) {
    this.id = first.id;
    this.seq = first.seq;
  }

  add(memberId: string, kind: string, detail: unknown, at: number, command: boolean): LogRow {
    const row: LogRow = { id: ++this.id, sessionId: this.sessionId, memberId, at, seq: command ? ++this.seq : null, kind, detail };
    this.rows.push(row);
    return row;
  }

  join(member: string, at: number): LogRow {
    return this.add(member, "join", {}, at, false);
  }
  leave(member: string, at: number): LogRow {
    return this.add(member, "leave", {}, at, false);
  }
  chat(member: string, lineId: string, at: number): LogRow {
    return this.add(member, "chat", { text: `line ${lineId}`, id: lineId, name: `${member} name` }, at, false);
  }
  react(member: string, at: number): LogRow {
    return this.add(member, "reaction", { emoji: "👏" }, at, false);
  }
  ask(member: string, at: number): string {
    return `q${this.add(member, "questionAsked", { text: "Why trees?", name: `${member} name`, anonymous: false }, at, true).seq}`;
  }
  upvote(member: string, questionId: string, at: number): LogRow {
    return this.add(member, "questionUpvoted", { questionId }, at, true);
  }
  moderate(host: string, questionId: string, action: "hide" | "unhide" | "answer" | "unanswer" | "pin", at: number): LogRow {
    return this.add(host, "questionModerated", { questionId, action }, at, true);
  }
  poll(host: string, kind: "single" | "multiple" | "quiz" | "open", at: number, correct = 1): string {
    const detail = {
      kind,
      question: "Which tree?",
      options: kind === "open" ? [] : ["Oak", "Pine", "Ginkgo"],
      correct: kind === "quiz" ? [correct] : [],
      durationMs: null,
      resultsShown: true,
    };
    return `p${this.add(host, "pollOpened", detail, at, true).seq}`;
  }
  vote(member: string, pollId: string, options: string[], at: number): LogRow {
    return this.add(member, "pollVoted", { pollId, options, name: `${member} name` }, at, true);
  }
  answer(member: string, pollId: string, at: number): LogRow {
    return this.add(member, "pollAnswered", { pollId, text: "rain", name: `${member} name` }, at, true);
  }
  debate(host: string, at: number): string {
    return `d${this.add(host, "debateOpened", { motion: "Trees first", sides: ["yes", "no"] }, at, true).seq}`;
  }
  phase(host: string, debateId: string, phase: "before" | "discussion" | "after" | "closed", at: number): LogRow {
    return this.add(host, "debatePhaseSet", { debateId, phase }, at, true);
  }
  stance(member: string, debateId: string, side: 0 | 1, at: number): LogRow {
    return this.add(member, "stanceTaken", { debateId, side, name: `${member} name` }, at, true);
  }
  invite(host: string, member: string, at: number): LogRow {
    return this.add(host, "speakerInvited", { memberId: member }, at, true);
  }
  openCheckIn(host: string, at: number): string {
    return `c${this.add(host, "checkInOpened", { prompt: "How are you?" }, at, true).seq}`;
  }
  checkIn(member: string, checkInId: string, at: number, streak = 1): LogRow {
    return this.add(member, "checkedIn", { checkInId, text: "fine", name: `${member} name`, streak }, at, true);
  }
  helpful(host: string, lineId: string, authorId: string, at: number): LogRow {
    return this.add(host, "lineMarkedHelpful", { lineId, authorId, authorName: `${authorId} name`, name: `${host} name` }, at, true);
  }
  deleteLine(host: string, lineId: string, authorId: string, at: number): LogRow {
    return this.add(host, "lineDeleted", { lineId, authorId, authorName: `${authorId} name`, text: "gone", name: `${host} name` }, at, true);
  }
  energy(member: string, target: EnergyTarget, refId: string, toId: string, at: number): LogRow {
    return this.add(member, "energyGiven", { target, refId, toId, toName: `${toId} name`, name: `${member} name` }, at, true);
  }
  goal(host: string, at: number): LogRow {
    return this.add(host, "goalReached", { growth: 300, goal: 300 }, at, true);
  }
  hideFromBoard(member: string, hidden: boolean, at: number): LogRow {
    return this.add(member, "leaderboardHidden", { hidden, name: `${member} name` }, at, true);
  }
  /** A clue credited to `member` (docs/hunts.md): not a session command, so no sequence number. */
  clue(member: string, clueId: string, at: number, options: { points?: number; huntId?: string; team?: string | null; badge?: boolean; channel?: "scene" | "scan" } = {}): LogRow {
    const { points = 10, huntId = "h1", team = null, badge = false, channel = "scene" } = options;
    return this.add(member, "clueFound", { huntId, clueId, name: `${member} name`, points, channel, team, blindBox: badge, badge }, at, false);
  }
  /** `member` (alone, or one of `team`) completed the hunt, the `rank`-th to do so. */
  completed(member: string, rank: number, at: number, options: { huntId?: string; team?: string | null } = {}): LogRow {
    const { huntId = "h1", team = null } = options;
    return this.add(member, "huntCompleted", { huntId, rank, durationMs: 60_000, team }, at, false);
  }
}

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
/** 2026-03-01T00:00:00Z: a UTC midnight to count days from. */
export const MIDNIGHT = Date.UTC(2026, 2, 1);
