import { pollProblem } from "../../../shared/rules/salon/polls.js";
import { defineFeature } from "./feature.js";
import { HOST_SALON, MEMBER_SALON, cleanLine, submit } from "./salon.js";

/** Polls, quizzes and open-text polls (word clouds): the host runs them, members vote or answer. */
export const salonPolls = defineFeature({
  name: "salonPolls",
  intents: {
    openPoll: {
      ...HOST_SALON,
      handle(context, { kind, question, options, correct, durationSec, resultsShown }) {
        const cleanQuestion = cleanLine(question);
        if (cleanQuestion === null) return context.refuse("EMPTY_MESSAGE");
        const cleanOptions = options.map(cleanLine);
        // An option with nothing visible left is a poll that cannot run, not an empty message.
        if (cleanOptions.some((option) => option === null)) return context.refuse("INVALID_POLL");
        const detail = {
          kind,
          question: cleanQuestion,
          options: cleanOptions as string[],
          correct: correct === undefined ? [] : [correct],
          durationMs: durationSec === null ? null : durationSec * 1000,
          resultsShown,
        };
        if (pollProblem(detail) !== null) return context.refuse("INVALID_POLL");
        return submit(context, { kind: "pollOpened", detail });
      },
    },
    vote: {
      ...MEMBER_SALON,
      handle: (context, { pollId, options }) => submit(context, { kind: "pollVoted", detail: { pollId, options, name: context.member.name } }),
    },
    answerPoll: {
      ...MEMBER_SALON,
      handle(context, { pollId, text }) {
        const clean = cleanLine(text);
        if (clean === null) return context.refuse("EMPTY_MESSAGE");
        return submit(context, { kind: "pollAnswered", detail: { pollId, text: clean, name: context.member.name } });
      },
    },
    closePoll: {
      ...HOST_SALON,
      handle: (context, { pollId }) => submit(context, { kind: "pollClosed", detail: { pollId } }),
    },
    lockPoll: {
      ...HOST_SALON,
      handle: (context, { pollId, locked }) => submit(context, { kind: "pollLocked", detail: { pollId, locked } }),
    },
    showPollResults: {
      ...HOST_SALON,
      handle: (context, { pollId, shown }) => submit(context, { kind: "pollResultsShown", detail: { pollId, shown } }),
    },
    hideWord: {
      ...HOST_SALON,
      handle(context, { pollId, word, hidden }) {
        const clean = cleanLine(word);
        if (clean === null) return context.refuse("EMPTY_MESSAGE");
        return submit(context, { kind: "pollWordHidden", detail: { pollId, word: clean, hidden } });
      },
    },
  },
});
