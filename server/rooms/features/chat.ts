import { normaliseChat } from "../../../shared/rules/chat.js";
import { CHAT_MAX_LENGTH } from "../../../shared/protocol/index.js";
import { CHAT_RATE } from "../../../shared/rules/rateLimit.js";
import { defineFeature } from "./feature.js";
import { chatRefusal, followLine, maskText } from "./moderationChat.js";

/**
 * Chat stays per instance: a line reaches the members standing in the same instance, and the log, from which a
 * member joining the instance later gets the latest CHAT_HISTORY_LINES (VenueRoom sends them after the welcome).
 * Moderation comes first (docs/moderation.md): a muted member is refused, slow mode spaces lines, the filter masks
 * listed words (the sender hears which); after the line is out, a masked line counts toward an automatic mute and
 * the classifier may queue it for the hosts.
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
        const refusal = chatRefusal(context, member, at);
        if (refusal) return context.refuse(refusal.code, refusal.retryAfterMs);
        const id = context.nextId();
        const filtered = maskText(context, clean, CHAT_MAX_LENGTH);
        member.lastChatAt = at;
        // A speaker's or an expert's line carries the mark, live and in the log (so in the history too).
        const badge = member.badge ? { badge: member.badge } : {};
        context.broadcast("chat", { id, sessionId: client.sessionId, memberId: member.memberId, name: member.name, text: filtered.text, at, ...badge });
        if (filtered.masked) client.send("chatMasked", { id, words: filtered.words });
        // The id, name and instance make the line history: the same line, under the same id, for those who join later.
        const instance = context.instance();
        context.record(member.memberId, at, { kind: "chat", detail: { text: filtered.text, id, name: member.name, ...(instance > 0 ? { instance } : {}), ...badge } });
        return followLine(context, { source: "chat", refId: id, text: clean, shown: filtered.text, offence: filtered.masked });
      },
    },
  },
});
