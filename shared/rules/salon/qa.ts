import type { QaState, Question, QuestionAction } from "./types.js";
import { applied, declined, own, type CommandOf, type SliceResult } from "./slice.js";

/**
 * A member asks a question (the room normalised the text and refused an empty or too long one). It is named
 * `q<seq>` after the command, so every replica and every replay names it alike; it starts with no upvotes.
 */
export function askQuestion(qa: QaState, command: CommandOf<"questionAsked">): SliceResult<QaState> {
  const question: Question = {
    id: `q${command.seq}`,
    text: command.detail.text,
    authorId: command.memberId,
    authorName: command.detail.name,
    anonymous: command.detail.anonymous,
    at: command.at,
    upvoters: [],
    pinned: false,
    answered: false,
    hidden: false,
  };
  return applied({ ...qa, questions: [...qa.questions, question] });
}

/**
 * The sender upvotes a question, once. A hidden question is unknown to members (UNKNOWN_QUESTION), so an upvote
 * cannot reveal that it exists; a second upvote from the same member is ALREADY_UPVOTED. Their own question counts.
 */
export function upvoteQuestion(qa: QaState, command: CommandOf<"questionUpvoted">): SliceResult<QaState> {
  const index = qa.questions.findIndex((question) => question.id === command.detail.questionId);
  const question = qa.questions[index];
  if (question === undefined || question.hidden) return declined(qa, "UNKNOWN_QUESTION");
  if (question.upvoters.includes(command.memberId)) return declined(qa, "ALREADY_UPVOTED");
  return applied(replaceQuestion(qa, index, { ...question, upvoters: [...question.upvoters, command.memberId] }));
}

/** Which flag each moderation action sets, and to what. */
const MODERATION: Record<QuestionAction, { flag: "pinned" | "answered" | "hidden"; value: boolean }> = {
  pin: { flag: "pinned", value: true },
  unpin: { flag: "pinned", value: false },
  answer: { flag: "answered", value: true },
  unanswer: { flag: "answered", value: false },
  hide: { flag: "hidden", value: true },
  unhide: { flag: "hidden", value: false },
};

/** A host pins, answers or hides a question (or undoes it). Hidden questions are known here (to unhide them). */
export function moderateQuestion(qa: QaState, command: CommandOf<"questionModerated">): SliceResult<QaState> {
  const index = qa.questions.findIndex((question) => question.id === command.detail.questionId);
  const question = qa.questions[index];
  if (question === undefined) return declined(qa, "UNKNOWN_QUESTION");
  const { flag, value } = MODERATION[command.detail.action];
  if (question[flag] === value) return declined(qa, "NOTHING_TO_CHANGE");
  return applied(replaceQuestion(qa, index, { ...question, [flag]: value }));
}

/**
 * A host marks a member as the session's expert (or no longer). The room checked the member exists. Marking an
 * expert again under a new name renames them; anything that changes nothing is NOTHING_TO_CHANGE.
 */
export function setExpert(qa: QaState, command: CommandOf<"expertSet">): SliceResult<QaState> {
  const { memberId, name, expert } = command.detail;
  const current = own(qa.experts, memberId);
  if (expert) {
    if (current === name) return declined(qa, "NOTHING_TO_CHANGE");
    return applied({ ...qa, experts: { ...qa.experts, [memberId]: name } });
  }
  if (current === undefined) return declined(qa, "NOTHING_TO_CHANGE");
  // fromEntries defines own properties, so no id (not even `__proto__`) can reach the prototype.
  return applied({ ...qa, experts: Object.fromEntries(Object.entries(qa.experts).filter(([id]) => id !== memberId)) });
}

/** Pinned first; then unanswered before answered; then most upvotes; then newest first; then id. A new array. */
export function sortQuestions<Q extends Pick<Question, "id" | "pinned" | "answered" | "at"> & { votes: number }>(questions: readonly Q[]): Q[] {
  return [...questions].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      Number(a.answered) - Number(b.answered) ||
      b.votes - a.votes ||
      b.at - a.at ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function replaceQuestion(qa: QaState, index: number, question: Question): QaState {
  return { ...qa, questions: qa.questions.map((q, i) => (i === index ? question : q)) };
}
