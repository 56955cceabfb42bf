import type { IntentType } from "../../../shared/protocol/index.js";
import { defineFeature, type IntentDeclarations } from "./feature.js";

// STUB — the server helper replaces this with the salon's features (docs/salon.md, "Server").
const SALON_INTENTS = [
  "raiseHand", "lowerHand", "inviteSpeaker", "returnSpeaker", "setSpeakerLimit", "openPoll", "vote", "answerPoll",
  "closePoll", "lockPoll", "showPollResults", "hideWord", "openDebate", "setDebatePhase", "takeStance", "askQuestion",
  "upvoteQuestion", "moderateQuestion", "setExpert", "openCheckIn", "closeCheckIn", "checkIn", "setScreen", "screenPlayback",
] as const satisfies readonly IntentType[];

const intents: IntentDeclarations = {};
for (const type of SALON_INTENTS) {
  (intents as Record<string, unknown>)[type] = {
    role: "member",
    rate: { bucket: "salon", limit: { capacity: 5, perSecond: 1 } },
    handle: (context: { refuse(code: "UNKNOWN_MESSAGE"): void }) => context.refuse("UNKNOWN_MESSAGE"),
  };
}
export const salon = defineFeature({ name: "salon", intents });
