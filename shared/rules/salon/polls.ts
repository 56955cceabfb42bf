import type { Ballot, LeaderboardEntry, Poll } from "./types.js";
import type { CommandOf, SliceResult } from "./slice.js";

// STUB — to be implemented by the rules helper (docs/salon.md, "Polls, quizzes, word clouds").

type Polls = readonly Poll[];

/**
 * Checks a poll as the host wrote it, after the server normalised its texts: returns INVALID_POLL's reason or null.
 * single/multiple/quiz: 2..8 options, no two alike (case-insensitively); quiz: exactly one correct index within the
 * options; single/multiple: no correct; open: no options, no correct.
 */
export function pollProblem(detail: CommandOf<"pollOpened">["detail"]): string | null {
  throw new Error(`not implemented ${detail.kind}`);
}
/** Opens a poll (id `p<seq>`), closing any poll still open (closedAt = command.at). */
export function openPoll(polls: Polls, command: CommandOf<"pollOpened">): SliceResult<Polls> {
  throw new Error(`not implemented ${polls.length} ${command.kind}`);
}
/** A vote (not for open-text polls: UNKNOWN_OPTION… see docs/salon.md for every refusal and its order). */
export function votePoll(polls: Polls, command: CommandOf<"pollVoted">): SliceResult<Polls> {
  throw new Error(`not implemented ${polls.length} ${command.kind}`);
}
export function answerPoll(polls: Polls, command: CommandOf<"pollAnswered">): SliceResult<Polls> {
  throw new Error(`not implemented ${polls.length} ${command.kind}`);
}
export function closePoll(polls: Polls, command: CommandOf<"pollClosed">): SliceResult<Polls> {
  throw new Error(`not implemented ${polls.length} ${command.kind}`);
}
export function lockPoll(polls: Polls, command: CommandOf<"pollLocked">): SliceResult<Polls> {
  throw new Error(`not implemented ${polls.length} ${command.kind}`);
}
export function showPollResults(polls: Polls, command: CommandOf<"pollResultsShown">): SliceResult<Polls> {
  throw new Error(`not implemented ${polls.length} ${command.kind}`);
}
export function hidePollWord(polls: Polls, command: CommandOf<"pollWordHidden">): SliceResult<Polls> {
  throw new Error(`not implemented ${polls.length} ${command.kind}`);
}
/** Open at `now`: not closed by the host and before its time limit. */
export function isPollOpen(poll: Poll, now: number): boolean {
  throw new Error(`not implemented ${poll.id} ${now}`);
}
/** Votes per option id (every option present, 0 when none) — always sums to the ballots' chosen options. */
export function tally(poll: Poll): Readonly<Record<string, number>> {
  throw new Error(`not implemented ${poll.id}`);
}
/** Quiz points of one ballot: 0 when wrong; correct: 500 + up to 500 more the sooner it was cast (docs/salon.md). */
export function quizPoints(poll: Poll, ballot: Ballot): number {
  throw new Error(`not implemented ${poll.id} ${ballot.at}`);
}
/** Points over the quizzes closed at `now`, best first (ties: who reached it first, then name), at most `size`. */
export function quizLeaderboard(polls: Polls, now: number, size: number): LeaderboardEntry[] {
  throw new Error(`not implemented ${polls.length} ${now} ${size}`);
}
