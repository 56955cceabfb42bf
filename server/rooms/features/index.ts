import type { IntentType } from "../../../shared/protocol/index.js";
import { CLIENT_INTENTS } from "../../../shared/protocol/index.js";
import { announcements } from "./announcements.js";
import { chat } from "./chat.js";
import type { Feature, IntentDeclaration } from "./feature.js";
import { growth } from "./growth.js";
import { hunts } from "./hunts.js";
import { moderation } from "./moderation.js";
import { movement } from "./movement.js";
import { reactions } from "./reactions.js";
import { salonCheckIn } from "./salonCheckIn.js";
import { salonPolls } from "./salonPolls.js";
import { salonStage } from "./salonStage.js";
import { salonTalk } from "./salonTalk.js";
import { voice } from "./voice.js";

/** Every feature of the venue. A new feature is a file beside these and a line here; the room does not change. */
export const FEATURES: readonly Feature[] = [movement, chat, reactions, announcements, salonStage, salonPolls, salonTalk, salonCheckIn, moderation, growth, hunts, voice];

/**
 * Every intent's declaration, by type. Throws at start-up if an intent of the protocol has no declaration or two:
 * a message type the room would not handle, or handle twice, is a bug to catch before anyone joins.
 */
export function declarations(features: readonly Feature[] = FEATURES): Map<IntentType, IntentDeclaration<IntentType>> {
  const byType = new Map<IntentType, IntentDeclaration<IntentType>>();
  for (const feature of features) {
    for (const [type, declaration] of Object.entries(feature.intents) as [IntentType, IntentDeclaration<IntentType>][]) {
      if (byType.has(type)) throw new Error(`intent ${type} is declared twice (again by ${feature.name})`);
      byType.set(type, declaration);
    }
  }
  const missing = (Object.keys(CLIENT_INTENTS) as IntentType[]).filter((type) => !byType.has(type));
  if (missing.length > 0) throw new Error(`intents without a declaration: ${missing.join(", ")}`);
  return byType;
}
