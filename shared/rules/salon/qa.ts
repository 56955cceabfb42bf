import type { QaState, Question } from "./types.js";
import type { CommandOf, SliceResult } from "./slice.js";

// STUB — to be implemented by the rules helper (docs/salon.md, "Q&A").

export function askQuestion(qa: QaState, command: CommandOf<"questionAsked">): SliceResult<QaState> {
  throw new Error(`not implemented ${qa.questions.length} ${command.kind}`);
}
export function upvoteQuestion(qa: QaState, command: CommandOf<"questionUpvoted">): SliceResult<QaState> {
  throw new Error(`not implemented ${qa.questions.length} ${command.kind}`);
}
export function moderateQuestion(qa: QaState, command: CommandOf<"questionModerated">): SliceResult<QaState> {
  throw new Error(`not implemented ${qa.questions.length} ${command.kind}`);
}
export function setExpert(qa: QaState, command: CommandOf<"expertSet">): SliceResult<QaState> {
  throw new Error(`not implemented ${qa.questions.length} ${command.kind}`);
}
/** Pinned first; then unanswered before answered; then most upvotes; then newest first; then id. */
export function sortQuestions<Q extends Pick<Question, "id" | "pinned" | "answered" | "at"> & { votes: number }>(questions: readonly Q[]): Q[] {
  throw new Error(`not implemented ${questions.length}`);
}
