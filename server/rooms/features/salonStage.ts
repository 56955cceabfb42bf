import { defineFeature } from "./feature.js";
import { mutedRefusal } from "./moderationChat.js";
import { HOST_SALON, MEMBER_SALON, submit } from "./salon.js";

/** The stage: members raise and lower hands; the host brings them up, sends them back and sets how many fit. */
export const salonStage = defineFeature({
  name: "salonStage",
  intents: {
    raiseHand: {
      ...MEMBER_SALON,
      handle(context) {
        // The rule declines a muted member's hand too; refused here first, the member hears how long is left.
        const muted = mutedRefusal(context, context.member, context.now());
        if (muted) return context.refuse(muted.code, muted.retryAfterMs);
        return submit(context, { kind: "handRaised", detail: { name: context.member.name } });
      },
    },
    lowerHand: {
      ...MEMBER_SALON,
      handle(context, { memberId }) {
        const own = context.member.memberId;
        // A member lowers only their own hand; a host lowers anyone's.
        if (memberId !== undefined && memberId !== own && context.member.role !== "host") return context.refuse("FORBIDDEN");
        return submit(context, { kind: "handLowered", detail: { memberId: memberId ?? own } });
      },
    },
    inviteSpeaker: {
      ...HOST_SALON,
      handle: (context, { memberId }) => submit(context, { kind: "speakerInvited", detail: { memberId } }),
    },
    returnSpeaker: {
      ...HOST_SALON,
      handle: (context, { memberId }) => submit(context, { kind: "speakerReturned", detail: { memberId } }),
    },
    setSpeakerLimit: {
      ...HOST_SALON,
      handle: (context, { limit }) => submit(context, { kind: "speakerLimitSet", detail: { limit } }),
    },
  },
});
