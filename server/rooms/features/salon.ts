import { normaliseChat } from "../../../shared/rules/chat.js";
import { HOST_RATE, SALON_RATE } from "../../../shared/rules/rateLimit.js";
import { hasVisibleContent, normaliseLine } from "../../../shared/rules/visibleText.js";
import type { SessionCommandEntry } from "../../../shared/log.js";
import type { IntentContext } from "./feature.js";

/** Member intents of the salon (hand, votes, questions, upvotes, stances, check-ins) draw on one bucket… */
export const MEMBER_SALON = { role: "member", rate: { bucket: "salon", limit: SALON_RATE } } as const;
/** …and a host's salon controls on another, so a busy host never runs out of votes, nor a voter of controls. */
export const HOST_SALON = { role: "host", rate: { bucket: "host", limit: HOST_RATE } } as const;

/**
 * Submits a salon command and answers the sender with the rule's refusal when it is declined, here before it was
 * logged or on every replica after it lost a race. `stale` (the session closed under it) is not the sender's doing
 * and is not refused.
 */
export async function submit(context: IntentContext, entry: SessionCommandEntry): Promise<void> {
  const outcome = await context.command(context.member, entry);
  if (!outcome.applied && outcome.reason !== "stale") context.refuse(outcome.reason);
}

/** One line of a member's or host's text (a poll's question, an answer, a motion…), normalised; null when nothing visible is left. */
export function cleanLine(text: string): string | null {
  const clean = normaliseLine(text);
  return hasVisibleContent(clean) ? clean : null;
}

/** Text that may run over lines (a question), cleaned as chat is; null when nothing visible is left. */
export function cleanText(text: string): string | null {
  return normaliseChat(text);
}
