import { normaliseChat } from "../../../shared/rules/chat.js";
import { CHAT_RATE } from "../../../shared/rules/rateLimit.js";
import { defineFeature } from "./feature.js";

/**
 * Chat stays per instance: a line reaches the members standing in the same instance, and the log, from which a
 * member joining the instance later gets the latest CHAT_HISTORY_LINES (VenueRoom sends them after the welcome).
 */
export const chat = defineFeature({
  name: "chat",
  intents: {
    chat: {
      role: "member",
      rate: { bucket: "chat", limit: CHAT_RATE },
      handle(context, { text }) {
        const clean = normaliseChat(text);
        if (clean === null) return context.refuse("EMPTY_MESSAGE");
        const { member, client } = context;
        const at = context.now();
        const id = context.nextId();
        // A speaker's or an expert's line carries the mark, live and in the log (so in the history too).
        const badge = member.badge ? { badge: member.badge } : {};
        context.broadcast("chat", { id, sessionId: client.sessionId, memberId: member.memberId, name: member.name, text: clean, at, ...badge });
        // The id, name and instance make the line history: the same line, under the same id, for those who join later.
        const instance = context.instance();
        context.record(member.memberId, at, { kind: "chat", detail: { text: clean, id, name: member.name, ...(instance > 0 ? { instance } : {}), ...badge } });
      },
    },
  },
});
