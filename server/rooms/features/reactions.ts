import { REACT_RATE } from "../../../shared/rules/rateLimit.js";
import { defineFeature } from "./feature.js";
import { mutedRefusal } from "./moderationChat.js";

/** Reactions float over the sender's avatar in its instance and are logged (growth counts them later); a muted member's are refused. */
export const reactions = defineFeature({
  name: "reactions",
  intents: {
    react: {
      role: "member",
      rate: { bucket: "react", limit: REACT_RATE },
      handle(context, { emoji }) {
        const at = context.now();
        const muted = mutedRefusal(context, context.member, at);
        if (muted) return context.refuse(muted.code, muted.retryAfterMs);
        context.broadcast("reaction", { sessionId: context.client.sessionId, emoji, at });
        context.record(context.member.memberId, at, { kind: "reaction", detail: { emoji } });
      },
    },
  },
});
