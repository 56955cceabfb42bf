import type { PresenceRow, SessionContext } from "../../../shared/rules/stats/types.js";
import { LogBuilder, MINUTE } from "../growth/logRows.js";

/**
 * Hand-written sessions for the statistics tests: the growth tests' LogBuilder (rising row ids, session commands
 * numbered) with the moderation and salon rows the figures read, presence rows, and a context with defaults.
 */
export { MINUTE };
export const HOUR = 60 * MINUTE;
/** 30 Nov 2026 23:30 UTC, a Monday: a session of more than half an hour crosses midnight into Tuesday. */
export const LATE = Date.UTC(2026, 10, 30, 23, 30);

export class StatsLog extends LogBuilder {
  say(member: string, lineId: string, text: string, at: number): void {
    this.add(member, "chat", { text, id: lineId, name: `${member} name` }, at, false);
  }
  askText(member: string, text: string, at: number): string {
    return `q${this.add(member, "questionAsked", { text, name: `${member} name`, anonymous: false }, at, true).seq}`;
  }
  timedPoll(host: string, kind: "single" | "open" | "quiz", durationMs: number | null, at: number): string {
    const detail = { kind, question: `Poll at ${at}`, options: kind === "open" ? [] : ["Oak", "Pine"], correct: kind === "quiz" ? [0] : [], durationMs, resultsShown: true };
    return `p${this.add(host, "pollOpened", detail, at, true).seq}`;
  }
  answerText(member: string, pollId: string, text: string, at: number): void {
    this.add(member, "pollAnswered", { pollId, text, name: `${member} name` }, at, true);
  }
  closePoll(host: string, pollId: string, at: number): void {
    this.add(host, "pollClosed", { pollId }, at, true);
  }
  /** The classifier flagged `member`'s own line: the flag is `f<seq>`. */
  flag(member: string, lineId: string, at: number): string {
    const detail = { source: "chat", refId: lineId, name: `${member} name`, text: "help", tags: ["help"], triggers: [] };
    return `f${this.add(member, "lineFlagged", detail, at, true).seq}`;
  }
  report(reporter: string, lineId: string, authorId: string, at: number): string {
    const detail = { lineId, authorId, authorName: `${authorId} name`, text: "bad", name: `${reporter} name` };
    return `f${this.add(reporter, "lineReported", detail, at, true).seq}`;
  }
  whisper(host: string, member: string, flagId: string | null, at: number): void {
    this.add(host, "whisperSent", { memberId: member, name: `${member} name`, fromName: `${host} name`, text: "hi", flagId }, at, true);
  }
  handled(host: string, flagId: string, at: number): void {
    this.add(host, "flagHandled", { flagId, name: `${host} name` }, at, true);
  }
  handOn(host: string, flagId: string, at: number): void {
    this.add(host, "flagHandedOn", { flagId, hostId: "h2", hostName: "h2 name", name: `${host} name` }, at, true);
  }
  mute(host: string, member: string, at: number): void {
    this.add(host, "memberMuted", { memberId: member, name: `${member} name`, durationMs: null, note: "", byName: `${host} name` }, at, true);
  }
  unmute(host: string, member: string, at: number): void {
    this.add(host, "memberUnmuted", { memberId: member, name: `${member} name`, byName: `${host} name` }, at, true);
  }
  remove(host: string, member: string, at: number): void {
    this.add(host, "memberRemoved", { memberId: member, name: `${member} name`, note: "", byName: `${host} name` }, at, true);
  }
  lock(host: string, locked: boolean, at: number): void {
    this.add(host, "sessionLocked", { locked, name: `${host} name` }, at, true);
  }
  slowMode(host: string, seconds: number, at: number): void {
    this.add(host, "slowModeSet", { seconds, name: `${host} name` }, at, true);
  }
  offence(member: string, at: number): void {
    this.add(member, "offenceRecorded", { kind: "rate", name: `${member} name` }, at, true);
  }
}

export const stay = (memberId: string, joinedAt: number, leftAt: number | null): PresenceRow => ({ memberId, joinedAt, leftAt });

/** A context for session `s1` of event `e1`: nobody returning, goal 100, no hunt, unless overridden. */
export function contextFor(startedAt: number, endedAt: number | null, overrides: Partial<SessionContext> = {}): SessionContext {
  return {
    sessionId: "s1",
    eventId: "e1",
    startedAt,
    endedAt,
    returningMembers: new Set(),
    treeGoal: 100,
    names: new Map(),
    collectibles: 0,
    promotions: {},
    hunt: null,
    ...overrides,
  };
}
