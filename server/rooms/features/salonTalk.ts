import { QUESTION_MAX_LENGTH } from "../../../shared/rules/salon/types.js";
import { defineFeature } from "./feature.js";
import { followLine, maskText } from "./moderationChat.js";
import { HOST_SALON, MEMBER_SALON, cleanLine, cleanText, submit } from "./salon.js";

/** Debates (stances before and after, and the swing) and Q&A (questions, upvotes, moderation, experts). */
export const salonTalk = defineFeature({
  name: "salonTalk",
  intents: {
    openDebate: {
      ...HOST_SALON,
      handle(context, { motion, sides }) {
        const cleanMotion = cleanLine(motion);
        const first = cleanLine(sides[0]);
        const second = cleanLine(sides[1]);
        if (cleanMotion === null || first === null || second === null) return context.refuse("EMPTY_MESSAGE");
        return submit(context, { kind: "debateOpened", detail: { motion: cleanMotion, sides: [first, second] } });
      },
    },
    setDebatePhase: {
      ...HOST_SALON,
      handle: (context, { debateId, phase }) => submit(context, { kind: "debatePhaseSet", detail: { debateId, phase } }),
    },
    takeStance: {
      ...MEMBER_SALON,
      handle: (context, { debateId, side }) => submit(context, { kind: "stanceTaken", detail: { debateId, side, name: context.member.name } }),
    },
    askQuestion: {
      ...MEMBER_SALON,
      async handle(context, { text, anonymous }) {
        const clean = cleanText(text);
        if (clean === null) return context.refuse("EMPTY_MESSAGE");
        // Counted as the log counts it (UTF-16 units), so a question the room takes always fits the log.
        if (clean.length > QUESTION_MAX_LENGTH) return context.refuse("QUESTION_TOO_LONG");
        // The filter masks a question as it does chat; the classifier may queue it for the hosts, under its id q<seq>.
        const filtered = maskText(context, clean, QUESTION_MAX_LENGTH);
        const outcome = await context.command(context.member, { kind: "questionAsked", detail: { text: filtered.text, name: context.member.name, anonymous } });
        if (!outcome.applied) return outcome.reason === "stale" ? undefined : context.refuse(outcome.reason);
        if (outcome.seq !== undefined) await followLine(context, { source: "question", refId: `q${outcome.seq}`, text: clean, shown: filtered.text, offence: false });
      },
    },
    upvoteQuestion: {
      ...MEMBER_SALON,
      handle: (context, { questionId }) => submit(context, { kind: "questionUpvoted", detail: { questionId } }),
    },
    moderateQuestion: {
      ...HOST_SALON,
      handle: (context, { questionId, action }) => submit(context, { kind: "questionModerated", detail: { questionId, action } }),
    },
    setExpert: {
      ...HOST_SALON,
      async handle(context, { memberId, expert }) {
        // Only someone who joined this live session (in any instance) can be marked; the name is theirs now.
        const session = await context.session();
        const member = await context.store.sessionMember(session.id, memberId);
        if (!member) return context.refuse("UNKNOWN_MEMBER");
        return submit(context, { kind: "expertSet", detail: { memberId, name: member.name, expert } });
      },
    },
  },
});
