import { normaliseWords } from "../../../shared/rules/moderation/moderation.js";
import { FILTER_WORD_MAX_LENGTH, WHISPER_MAX_LENGTH } from "../../../shared/rules/moderation/types.js";
import type { ChatLine } from "../../store/index.js";
import { defineFeature, type IntentContext } from "./feature.js";
import { HOST_SALON, MEMBER_SALON, cleanLine, cleanText, submit } from "./salon.js";

/**
 * Moderation's intents (docs/moderation.md, "The room"): every one a host's, on the host bucket, but a member's
 * report of a chat line. The room checks what only it can (the member joined this session, the line is one of its
 * chat lines, text lengths) and takes names from the store or the line, never from the client; the rules decide
 * the rest (shared/rules/moderation/moderation.ts) before anything is logged.
 */

/** A member of this live session (joined it in any instance), under their name now; refused UNKNOWN_MEMBER otherwise. */
async function sessionMember(context: IntentContext, memberId: string): Promise<{ memberId: string; name: string } | undefined> {
  const session = await context.session();
  const found = await context.store.sessionMember(session.id, memberId);
  if (!found) context.refuse("UNKNOWN_MEMBER");
  return found;
}

/** A chat line of this session, as logged; refused UNKNOWN_LINE otherwise (and, with `notDeleted`, when a host deleted it). */
async function chatLine(context: IntentContext, lineId: string, notDeleted: boolean): Promise<ChatLine | undefined> {
  const session = await context.session();
  const line = notDeleted && Object.hasOwn(context.moderation().deleted, lineId) ? undefined : await context.store.chatLine(session.id, lineId);
  if (!line) context.refuse("UNKNOWN_LINE");
  return line;
}

/** A host's reason, cleaned like any line of text; "" when none (or nothing visible) was given. */
const cleanNote = (note: string): string => cleanLine(note) ?? "";

export const moderation = defineFeature({
  name: "moderation",
  intents: {
    muteMember: {
      ...HOST_SALON,
      async handle(context, { memberId, minutes, note }) {
        const target = await sessionMember(context, memberId);
        if (!target) return;
        const durationMs = minutes === null ? null : minutes * 60_000;
        return submit(context, { kind: "memberMuted", detail: { memberId, name: target.name, durationMs, note: cleanNote(note), byName: context.member.name } });
      },
    },
    unmuteMember: {
      ...HOST_SALON,
      async handle(context, { memberId }) {
        const target = await sessionMember(context, memberId);
        if (!target) return;
        return submit(context, { kind: "memberUnmuted", detail: { memberId, name: target.name, byName: context.member.name } });
      },
    },
    removeMember: {
      ...HOST_SALON,
      async handle(context, { memberId, note }) {
        const target = await sessionMember(context, memberId);
        if (!target) return;
        return submit(context, { kind: "memberRemoved", detail: { memberId, name: target.name, note: cleanNote(note), byName: context.member.name } });
      },
    },
    lockSession: {
      ...HOST_SALON,
      handle: (context, { locked }) => submit(context, { kind: "sessionLocked", detail: { locked, name: context.member.name } }),
    },
    setSlowMode: {
      ...HOST_SALON,
      handle: (context, { seconds }) => submit(context, { kind: "slowModeSet", detail: { seconds, name: context.member.name } }),
    },
    deleteLine: {
      ...HOST_SALON,
      async handle(context, { lineId }) {
        // A line deleted already is the rule's to decline (NOTHING_TO_CHANGE), as it is for a host who loses a race.
        const line = await chatLine(context, lineId, false);
        if (!line) return;
        const { authorId, authorName, text } = line;
        return submit(context, { kind: "lineDeleted", detail: { lineId, authorId, authorName, text, name: context.member.name } });
      },
    },
    reportLine: {
      ...MEMBER_SALON,
      async handle(context, { lineId }) {
        const line = await chatLine(context, lineId, true);
        if (!line) return;
        const { authorId, authorName, text } = line;
        return submit(context, { kind: "lineReported", detail: { lineId, authorId, authorName, text, name: context.member.name } });
      },
    },
    whisper: {
      ...HOST_SALON,
      async handle(context, { memberId, text, flagId }) {
        const clean = cleanText(text);
        if (clean === null) return context.refuse("EMPTY_MESSAGE");
        // Counted as the log counts it, after cleaning (the intent lets a little more through, for what cleaning drops).
        if (clean.length > WHISPER_MAX_LENGTH) return context.refuse("MESSAGE_TOO_LARGE");
        const target = await sessionMember(context, memberId);
        if (!target) return;
        return submit(context, { kind: "whisperSent", detail: { memberId, name: target.name, fromName: context.member.name, text: clean, flagId } });
      },
    },
    resolveFlag: {
      ...HOST_SALON,
      handle: (context, { flagId }) => submit(context, { kind: "flagHandled", detail: { flagId, name: context.member.name } }),
    },
    handOnFlag: {
      ...HOST_SALON,
      async handle(context, { flagId, hostId }) {
        const target = await sessionMember(context, hostId);
        if (!target) return;
        return submit(context, { kind: "flagHandedOn", detail: { flagId, hostId, hostName: target.name, name: context.member.name } });
      },
    },
    setWords: {
      ...HOST_SALON,
      async handle(context, { add, remove }) {
        const words = { add: normaliseWords(add), remove: normaliseWords(remove) };
        // NFKC may lengthen a word (a ligature, a squared sign): what is kept must still fit the log.
        if ([...words.add, ...words.remove].some((word) => word.length > FILTER_WORD_MAX_LENGTH)) return context.refuse("MESSAGE_TOO_LARGE");
        // The event keeps the list for its next session; written first, so a store that fails logs nothing.
        await context.store.setEventWords(context.eventId, words);
        return submit(context, { kind: "wordsSet", detail: { ...words, name: context.member.name } });
      },
    },
  },
});
