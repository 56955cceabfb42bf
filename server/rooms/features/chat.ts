import { normaliseChat } from "../../../shared/rules/chat.js";
import { CHAT_RATE } from "../../../shared/rules/rateLimit.js";
import { defineFeature } from "./feature.js";

/** Chat stays per instance: a line reaches the members standing in the same instance, and the log. */
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
        context.broadcast("chat", { id: context.nextId(), sessionId: client.sessionId, memberId: member.memberId, name: member.name, text: clean, at });
        context.record(member.memberId, at, { kind: "chat", detail: { text: clean } });
      },
    },
  },
});
