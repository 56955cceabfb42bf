import { POLL_MAX_OPTIONS, POLL_MIN_OPTIONS, QUIZ_DEFAULT_WINDOW_MS, type Ballot, type LeaderboardEntry, type Poll } from "./types.js";
import { applied, declined, own, type CommandOf, type SliceResult } from "./slice.js";
import { wordsOf } from "./words.js";

// Polls, quizzes and open-text polls (docs/salon.md, "Polls"). Updates copy the polls array and the one poll they
// change; a vote or an answer copies that poll's one record of ballots (or answers), so replaying a long log of votes
// stays linear in the votes.

type Polls = readonly Poll[];

/**
 * Checks a poll as the host wrote it, after the server normalised its texts: returns INVALID_POLL's reason or null.
 * Every poll: a question, and no empty option. single/multiple/quiz: 2..8 options, no two alike
 * (case-insensitively); quiz: exactly one correct index within the options; single/multiple: no correct;
 * open: no options, no correct.
 */
export function pollProblem(detail: CommandOf<"pollOpened">["detail"]): string | null {
  const { kind, question, options, correct } = detail;
  if (question.length === 0) return "the question is empty";
  if (kind === "open") {
    if (options.length > 0) return "an open-text poll has no options";
    return correct.length > 0 ? "an open-text poll has no correct answer" : null;
  }
  if (options.length < POLL_MIN_OPTIONS || options.length > POLL_MAX_OPTIONS) return `a poll has ${POLL_MIN_OPTIONS} to ${POLL_MAX_OPTIONS} options`;
  if (options.some((option) => option.length === 0)) return "an option is empty";
  if (new Set(options.map((option) => option.toLowerCase())).size < options.length) return "two options are alike";
  if (kind !== "quiz") return correct.length > 0 ? "only a quiz has a correct answer" : null;
  if (correct.length !== 1) return "a quiz has exactly one correct answer";
  const [index] = correct as [number];
  return Number.isInteger(index) && index >= 0 && index < options.length ? null : "the correct answer is not one of the options";
}

/** The polls with one of them replaced (the others kept as they are). */
function replacing(polls: Polls, poll: Poll, next: Poll): Polls {
  return polls.map((each) => (each === poll ? next : each));
}

const findPoll = (polls: Polls, pollId: string): Poll | undefined => polls.find((poll) => poll.id === pollId);

/** Open at `now`: not closed by the host and before its time limit. */
export function isPollOpen(poll: Poll, now: number): boolean {
  return poll.closedAt === null && (poll.closesAt === null || now < poll.closesAt);
}

/**
 * Opens a poll (id `p<seq>`, options `o0`…, a quiz's correct option `o<index>`), closing any poll still open at
 * command.at (closedAt = command.at; one whose time ran out keeps closedAt null). A poll `pollProblem` refuses is
 * declined with INVALID_POLL here too, so no logged command can build a broken poll.
 */
export function openPoll(polls: Polls, command: CommandOf<"pollOpened">): SliceResult<Polls> {
  const { detail, at } = command;
  if (pollProblem(detail) !== null) return declined(polls, "INVALID_POLL");
  const poll: Poll = {
    id: `p${command.seq}`,
    kind: detail.kind,
    question: detail.question,
    options: detail.options.map((text, i) => ({ id: `o${i}`, text })),
    // pollProblem lets a correct answer through for a quiz only.
    correct: detail.correct.map((index) => `o${index}`),
    openedAt: at,
    closesAt: detail.durationMs === null ? null : at + detail.durationMs,
    closedAt: null,
    locked: false,
    resultsShown: detail.resultsShown,
    ballots: {},
    answers: {},
    hiddenWords: [],
  };
  const closed = polls.map((each) => (isPollOpen(each, at) ? { ...each, closedAt: at } : each));
  return applied([...closed, poll]);
}

/**
 * A vote. Refusals in this order: UNKNOWN_POLL; an open-text poll: UNKNOWN_OPTION; not open at command.at:
 * POLL_CLOSED; an option not in the poll, or one repeated: UNKNOWN_OPTION; no option, or more than one for a
 * single-choice poll or a quiz: INVALID_MESSAGE; a change while locked: VOTE_LOCKED; the same options as the
 * member's ballot (in any order): NOTHING_TO_CHANGE. Otherwise the member's ballot becomes {options, at, name}.
 */
export function votePoll(polls: Polls, command: CommandOf<"pollVoted">): SliceResult<Polls> {
  const { pollId, options, name } = command.detail;
  const poll = findPoll(polls, pollId);
  if (poll === undefined) return declined(polls, "UNKNOWN_POLL");
  if (poll.kind === "open") return declined(polls, "UNKNOWN_OPTION");
  if (!isPollOpen(poll, command.at)) return declined(polls, "POLL_CLOSED");
  const chosen = new Set(options);
  if (chosen.size < options.length || options.some((id) => !poll.options.some((option) => option.id === id))) return declined(polls, "UNKNOWN_OPTION");
  if (options.length === 0 || (poll.kind !== "multiple" && options.length > 1)) return declined(polls, "INVALID_MESSAGE");
  const current = own(poll.ballots, command.memberId);
  if (current !== undefined) {
    if (poll.locked) return declined(polls, "VOTE_LOCKED");
    if (current.options.length === chosen.size && current.options.every((id) => chosen.has(id))) return declined(polls, "NOTHING_TO_CHANGE");
  }
  const ballot: Ballot = { options: [...options], at: command.at, name };
  return applied(replacing(polls, poll, { ...poll, ballots: { ...poll.ballots, [command.memberId]: ballot } }));
}

/**
 * An answer to an open-text poll. Refusals in this order: UNKNOWN_POLL; not an open-text poll: UNKNOWN_OPTION;
 * not open at command.at: POLL_CLOSED; a change while locked: VOTE_LOCKED; the same text: NOTHING_TO_CHANGE.
 */
export function answerPoll(polls: Polls, command: CommandOf<"pollAnswered">): SliceResult<Polls> {
  const { pollId, text, name } = command.detail;
  const poll = findPoll(polls, pollId);
  if (poll === undefined) return declined(polls, "UNKNOWN_POLL");
  if (poll.kind !== "open") return declined(polls, "UNKNOWN_OPTION");
  if (!isPollOpen(poll, command.at)) return declined(polls, "POLL_CLOSED");
  const current = own(poll.answers, command.memberId);
  if (current !== undefined) {
    if (poll.locked) return declined(polls, "VOTE_LOCKED");
    if (current.text === text) return declined(polls, "NOTHING_TO_CHANGE");
  }
  return applied(replacing(polls, poll, { ...poll, answers: { ...poll.answers, [command.memberId]: { text, at: command.at, name } } }));
}

/** The host closes a poll (closedAt = command.at). UNKNOWN_POLL; already closed, by the host or its time limit: NOTHING_TO_CHANGE. */
export function closePoll(polls: Polls, command: CommandOf<"pollClosed">): SliceResult<Polls> {
  const poll = findPoll(polls, command.detail.pollId);
  if (poll === undefined) return declined(polls, "UNKNOWN_POLL");
  if (!isPollOpen(poll, command.at)) return declined(polls, "NOTHING_TO_CHANGE");
  return applied(replacing(polls, poll, { ...poll, closedAt: command.at }));
}

/** Locks (or unlocks) changing votes; a first vote is still taken. UNKNOWN_POLL; the same value: NOTHING_TO_CHANGE. */
export function lockPoll(polls: Polls, command: CommandOf<"pollLocked">): SliceResult<Polls> {
  const { pollId, locked } = command.detail;
  const poll = findPoll(polls, pollId);
  if (poll === undefined) return declined(polls, "UNKNOWN_POLL");
  if (poll.locked === locked) return declined(polls, "NOTHING_TO_CHANGE");
  return applied(replacing(polls, poll, { ...poll, locked }));
}

/** Shows (or hides) the counts to members while the poll runs. UNKNOWN_POLL; the same value: NOTHING_TO_CHANGE. */
export function showPollResults(polls: Polls, command: CommandOf<"pollResultsShown">): SliceResult<Polls> {
  const { pollId, shown } = command.detail;
  const poll = findPoll(polls, pollId);
  if (poll === undefined) return declined(polls, "UNKNOWN_POLL");
  if (poll.resultsShown === shown) return declined(polls, "NOTHING_TO_CHANGE");
  return applied(replacing(polls, poll, { ...poll, resultsShown: shown }));
}

/**
 * Hides (or shows again) a word of an open-text poll's cloud, normalised as `wordsOf` gives it (a stop word, which
 * the cloud never shows anyway, lower-cased). UNKNOWN_POLL; not an open-text poll: UNKNOWN_OPTION; already in
 * that state: NOTHING_TO_CHANGE.
 */
export function hidePollWord(polls: Polls, command: CommandOf<"pollWordHidden">): SliceResult<Polls> {
  const { pollId, hidden } = command.detail;
  const poll = findPoll(polls, pollId);
  if (poll === undefined) return declined(polls, "UNKNOWN_POLL");
  if (poll.kind !== "open") return declined(polls, "UNKNOWN_OPTION");
  const word = wordsOf(command.detail.word)[0] ?? command.detail.word.toLowerCase();
  if (poll.hiddenWords.includes(word) === hidden) return declined(polls, "NOTHING_TO_CHANGE");
  const hiddenWords = hidden ? [...poll.hiddenWords, word] : poll.hiddenWords.filter((each) => each !== word);
  return applied(replacing(polls, poll, { ...poll, hiddenWords }));
}

/** Votes per option id (every option present, 0 when none): each option counts the ballots that hold it. */
export function tally(poll: Poll): Readonly<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const option of poll.options) counts[option.id] = 0;
  for (const ballot of Object.values(poll.ballots)) {
    for (const id of ballot.options) if (Object.hasOwn(counts, id)) counts[id] = (counts[id] as number) + 1;
  }
  return counts;
}

/** Whether a ballot chose a quiz's correct answer (and nothing else). */
const isCorrect = (poll: Poll, ballot: Ballot): boolean => ballot.options.length === 1 && poll.correct.includes(ballot.options[0] as string);

/**
 * Quiz points of one ballot: 0 when wrong; correct: 500 + round(500 × (1 − elapsed / window)), the share kept
 * within 0..1, where elapsed = ballot.at − openedAt and window = closesAt − openedAt (QUIZ_DEFAULT_WINDOW_MS without
 * a limit). So 1000 for an instant answer, 500 at the window's end or later.
 */
export function quizPoints(poll: Poll, ballot: Ballot): number {
  if (!isCorrect(poll, ballot)) return 0;
  const window = poll.closesAt === null ? QUIZ_DEFAULT_WINDOW_MS : poll.closesAt - poll.openedAt;
  const share = Math.min(1, Math.max(0, 1 - (ballot.at - poll.openedAt) / window));
  return 500 + Math.round(500 * share);
}

interface Standing {
  memberId: string;
  name: string;
  points: number;
  /** When the member's name was last given (their latest ballot). */
  namedAt: number;
  /** Their latest correct answer: of two members with the same points, the one who got there first ranks higher. */
  reachedAt: number;
}

const NAME_ORDER = new Intl.Collator("zh");

/** Member ids are distinct, so the last step never sees a tie. */
function byStanding(a: Standing, b: Standing): number {
  return b.points - a.points || a.reachedAt - b.reachedAt || NAME_ORDER.compare(a.name, b.name) || (a.memberId < b.memberId ? -1 : 1);
}

/**
 * Points over the quizzes not open at `now` (a quiz's points count once it is closed), by member, named by their
 * latest ballot. Best first; ties: the earlier latest correct answer first, then name, then member id. Members
 * without a point are left out. At most `size` entries.
 */
export function quizLeaderboard(polls: Polls, now: number, size: number): LeaderboardEntry[] {
  const standings = new Map<string, Standing>();
  for (const poll of polls) {
    if (poll.kind !== "quiz" || isPollOpen(poll, now)) continue;
    for (const [memberId, ballot] of Object.entries(poll.ballots)) {
      const points = quizPoints(poll, ballot);
      const standing = standings.get(memberId) ?? { memberId, name: ballot.name, points: 0, namedAt: ballot.at, reachedAt: -Infinity };
      if (ballot.at >= standing.namedAt) {
        standing.name = ballot.name;
        standing.namedAt = ballot.at;
      }
      if (points > 0) {
        standing.points += points;
        standing.reachedAt = Math.max(standing.reachedAt, ballot.at);
      }
      standings.set(memberId, standing);
    }
  }
  return [...standings.values()]
    .filter((standing) => standing.points > 0)
    .sort(byStanding)
    .slice(0, Math.max(0, size))
    .map(({ memberId, name, points }) => ({ memberId, name, points }));
}
