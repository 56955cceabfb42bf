import type { SessionState } from "../session.js";
import { debateView } from "./debate.js";
import { isPollOpen, quizLeaderboard, quizPoints, tally } from "./polls.js";
import { sortQuestions } from "./qa.js";
import { own } from "./slice.js";
import {
  LEADERBOARD_SIZE,
  PAST_POLLS_SHOWN,
  WORD_CLOUD_SIZE,
  type CheckIn,
  type CheckInView,
  type HostQuestionView,
  type LeaderboardEntry,
  type Poll,
  type PollView,
  type QaState,
  type QuestionView,
  type SalonHostView,
  type SalonMineView,
  type SalonPublicView,
  type Side,
  type WordCount,
} from "./types.js";
import { wordCloud } from "./words.js";

// The state is immutable: the same object means the same derived value, so these caches are keyed by the objects
// themselves and let go of them with the state. Only what `now` cannot change is cached without it.
const tallies = new WeakMap<Poll, Readonly<Record<string, number>>>();
const clouds = new WeakMap<Poll, readonly WordCount[]>();
const pollViews = new WeakMap<Poll, Map<string, PollView>>();
const questionLists = new WeakMap<QaState, { visible: readonly QuestionView[]; hidden: number; all: readonly HostQuestionView[] }>();
const leaderboards = new WeakMap<readonly Poll[], { closedQuizzes: string; board: readonly LeaderboardEntry[] }>();

function cached<K, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  cache.set(key, value);
  return value;
}

/**
 * A poll as one viewer sees it at `now`. Members (not `forHost`) see no counts and no word cloud while the poll is
 * open and its results are not shown; nobody sees a quiz's correct answer before it closes.
 */
function pollView(poll: Poll, now: number, forHost: boolean): PollView {
  const open = isPollOpen(poll, now);
  const hidden = !forHost && open && !poll.resultsShown;
  const byViewer = cached(pollViews, poll, () => new Map<string, PollView>());
  const key = `${String(open)}:${String(hidden)}`;
  return cached(byViewer, key, (): PollView => {
    const counts = cached(tallies, poll, () => tally(poll));
    return {
      id: poll.id,
      kind: poll.kind,
      question: poll.question,
      options: poll.options.map((option) => ({ id: option.id, text: option.text, votes: hidden ? null : (own(counts, option.id) ?? 0) })),
      voters: Object.keys(poll.kind === "open" ? poll.answers : poll.ballots).length,
      open,
      openedAt: poll.openedAt,
      closesAt: poll.closesAt,
      locked: poll.locked,
      resultsShown: poll.resultsShown,
      correct: poll.kind === "quiz" && !open ? poll.correct : null,
      words: poll.kind !== "open" || hidden ? null : cached(clouds, poll, () => wordCloud(poll, WORD_CLOUD_SIZE)),
    };
  });
}

/** The Q&A lists: members' (visible questions, anonymous ones nameless), the hidden count, and the hosts' (all). */
function questionsOf(qa: QaState): { visible: readonly QuestionView[]; hidden: number; all: readonly HostQuestionView[] } {
  return cached(questionLists, qa, () => {
    const all = sortQuestions(
      qa.questions.map(
        (question): HostQuestionView => ({
          id: question.id,
          text: question.text,
          authorName: question.anonymous ? null : question.authorName,
          at: question.at,
          votes: question.upvoters.length,
          pinned: question.pinned,
          answered: question.answered,
          authorId: question.authorId,
          askedBy: question.authorName,
          anonymous: question.anonymous,
          hidden: question.hidden,
        }),
      ),
    );
    // Built field by field, so nothing of the host's (the asker's id, their real name) can ride along.
    const visible = all
      .filter((question) => !question.hidden)
      .map(({ id, text, authorName, at, votes, pinned, answered }): QuestionView => ({ id, text, authorName, at, votes, pinned, answered }));
    return { visible, hidden: all.length - visible.length, all };
  });
}

function leaderboardOf(polls: readonly Poll[], now: number): readonly LeaderboardEntry[] {
  // The board changes with `now` only when a quiz's time runs out: the set of closed quizzes is the cache's key.
  const closedQuizzes = polls
    .filter((poll) => poll.kind === "quiz" && !isPollOpen(poll, now))
    .map((poll) => poll.id)
    .join(",");
  const hit = leaderboards.get(polls);
  if (hit?.closedQuizzes === closedQuizzes) return hit.board;
  const board = quizLeaderboard(polls, now, LEADERBOARD_SIZE);
  leaderboards.set(polls, { closedQuizzes, board });
  return board;
}

function checkInView(checkIn: CheckIn): CheckInView {
  return { id: checkIn.id, prompt: checkIn.prompt, open: checkIn.closedAt === null, openedAt: checkIn.openedAt, count: Object.keys(checkIn.answers).length };
}

/**
 * What everyone in the instance sees (event `salon`): the stage, the latest poll and the earlier ones (newest
 * first), the quiz leaderboard, the current debate, the visible questions (hidden ones only counted, anonymous ones
 * nameless), the experts, the open (or last) check-in and the screen. Nothing in it is only a host's.
 */
export function publicView(state: SessionState, now: number): SalonPublicView {
  const latest = state.polls.at(-1);
  const debate = state.debates.at(-1);
  const checkIn = state.checkIns.at(-1);
  const questions = questionsOf(state.qa);
  return {
    serverNow: now,
    stage: {
      speakers: state.stage.speakers,
      queue: state.stage.queue.map(({ memberId, name }) => ({ memberId, name })),
      speakerLimit: state.stage.speakerLimit,
    },
    poll: latest === undefined ? null : pollView(latest, now, false),
    pastPolls: state.polls
      .slice(Math.max(0, state.polls.length - 1 - PAST_POLLS_SHOWN), -1)
      .reverse()
      .map((poll) => pollView(poll, now, false)),
    leaderboard: leaderboardOf(state.polls, now),
    debate: debate === undefined ? null : debateView(debate),
    questions: questions.visible,
    hiddenQuestions: questions.hidden,
    experts: Object.entries(state.qa.experts).map(([memberId, name]) => ({ memberId, name })),
    checkIn: checkIn === undefined ? null : checkInView(checkIn),
    screen: state.screen,
  };
}

/**
 * What only hosts see (event `salonHost`): the latest poll with every count and its hidden words, every question
 * with who asked it (hidden ones too, sorted like the public list), and the open (or last) check-in's answers,
 * newest first.
 */
export function hostView(state: SessionState, now: number): SalonHostView {
  const latest = state.polls.at(-1);
  const checkIn = state.checkIns.at(-1);
  return {
    poll: latest === undefined ? null : { ...pollView(latest, now, true), hiddenWords: latest.hiddenWords },
    questions: questionsOf(state.qa).all,
    checkInAnswers:
      checkIn === undefined
        ? []
        : Object.entries(checkIn.answers)
            .map(([memberId, answer]) => ({ ...answer, memberId }))
            .sort((a, b) => b.at - a.at || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0)),
  };
}

/**
 * What is one member's own (event `salonMine`): their hand and place in the queue, their votes and open answers,
 * the questions they asked and upvoted (hidden ones left out, as in the public list), their stances, check-ins
 * (with the streak each gave), their points over the closed quizzes, and whether they are an expert.
 */
/**
 * What is the same for every member's own view of one state at one time, worked out once per flush (a room builds
 * every member's view from the same state): quiz points and who upvoted or asked which visible question, by member.
 */
interface MineIndex {
  now: number;
  points: ReadonlyMap<string, number>;
  upvoted: ReadonlyMap<string, readonly string[]>;
  asked: ReadonlyMap<string, readonly string[]>;
}
const mineIndexes = new WeakMap<SessionState, MineIndex>();

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function mineIndex(state: SessionState, now: number): MineIndex {
  const hit = mineIndexes.get(state);
  if (hit?.now === now) return hit;
  const points = new Map<string, number>();
  for (const poll of state.polls) {
    if (poll.kind !== "quiz" || isPollOpen(poll, now)) continue;
    for (const memberId of Object.keys(poll.ballots)) {
      const ballot = own(poll.ballots, memberId);
      if (ballot !== undefined) points.set(memberId, (points.get(memberId) ?? 0) + quizPoints(poll, ballot));
    }
  }
  const upvoted = new Map<string, string[]>();
  const asked = new Map<string, string[]>();
  for (const question of state.qa.questions) {
    if (question.hidden) continue;
    for (const memberId of question.upvoters) push(upvoted, memberId, question.id);
    push(asked, question.authorId, question.id);
  }
  const index = { now, points, upvoted, asked };
  mineIndexes.set(state, index);
  return index;
}

/**
 * One member's own part. Votes and answers cover the polls the public view shows (the current one and the
 * PAST_POLLS_SHOWN before it), so the view stays small however long the session runs; debates and check-ins are
 * few and all listed.
 */
export function mineView(state: SessionState, memberId: string, now: number): SalonMineView {
  const queueIndex = state.stage.queue.findIndex((hand) => hand.memberId === memberId);
  const speaking = state.stage.speakers.some((speaker) => speaker.memberId === memberId);
  const index = mineIndex(state, now);

  const votes: Record<string, readonly string[]> = {};
  const answers: Record<string, string> = {};
  for (const poll of state.polls.slice(Math.max(0, state.polls.length - 1 - PAST_POLLS_SHOWN))) {
    const ballot = own(poll.ballots, memberId);
    if (ballot !== undefined) votes[poll.id] = ballot.options;
    const answer = own(poll.answers, memberId);
    if (answer !== undefined) answers[poll.id] = answer.text;
  }

  const stances: Record<string, { before: Side | null; after: Side | null }> = {};
  for (const debate of state.debates) {
    const before = own(debate.before, memberId) ?? null;
    const after = own(debate.after, memberId) ?? null;
    if (before !== null || after !== null) stances[debate.id] = { before, after };
  }
  const checkedIn: Record<string, number> = {};
  for (const checkIn of state.checkIns) {
    const answer = own(checkIn.answers, memberId);
    if (answer !== undefined) checkedIn[checkIn.id] = answer.streak;
  }

  return {
    hand: speaking ? "speaking" : queueIndex >= 0 ? "raised" : "none",
    queuePlace: speaking || queueIndex < 0 ? null : queueIndex + 1,
    votes,
    answers,
    upvoted: index.upvoted.get(memberId) ?? [],
    asked: index.asked.get(memberId) ?? [],
    stances,
    checkedIn,
    quizPoints: index.points.get(memberId) ?? 0,
    expert: own(state.qa.experts, memberId) !== undefined,
  };
}
