import type { ErrorCode } from "../../../shared/protocol/index.js";
import { AUTO_MUTE } from "../../../shared/rules/moderation/autoMute.js";
import { classify } from "../../../shared/rules/moderation/classify.js";
import { filterText, type FilterResult } from "../../../shared/rules/moderation/filter.js";
import { isMuted, muteLeftMs } from "../../../shared/rules/moderation/moderation.js";
import type { IntentContext, MemberRuntime, VenueContext } from "./feature.js";

/**
 * Moderation's part in what members say and do (docs/moderation.md, "The room"): a muted member's chat, reactions
 * and hand are refused with the time left, slow mode spaces one member's lines, the keyword filter masks lines and
 * questions, a masked line counts toward an automatic mute, and the classifier puts lines that need a person in the
 * hosts' queue. Chat and reactions are per instance, so the room refuses them itself, reading the replica's state.
 */

export interface Refusal {
  code: ErrorCode;
  /** How long until it would be taken; undefined when that is not known (a mute for the session). */
  retryAfterMs?: number | undefined;
}

/** MUTED, with the time the mute has left (none for a mute for the session); null when the member is not muted. */
export function mutedRefusal(context: VenueContext, member: MemberRuntime, at: number): Refusal | null {
  const moderation = context.moderation();
  if (!isMuted(moderation, member.memberId, at)) return null;
  const left = muteLeftMs(moderation, member.memberId, at);
  return { code: "MUTED", retryAfterMs: left === null ? undefined : Math.max(1, left) };
}

/**
 * Whether a chat line may go out now: MUTED first, then SLOW_MODE with the wait left (per member, counted from their
 * last line that went out; hosts are not slowed); null when it may.
 */
export function chatRefusal(context: VenueContext, member: MemberRuntime, at: number): Refusal | null {
  const muted = mutedRefusal(context, member, at);
  if (muted) return muted;
  const seconds = context.moderation().slowModeSeconds;
  if (seconds === 0 || member.role === "host" || member.lastChatAt === undefined) return null;
  const wait = member.lastChatAt + seconds * 1000 - at;
  return wait > 0 ? { code: "SLOW_MODE", retryAfterMs: wait } : null;
}

/**
 * The text with the event's listed words masked (`***`), no longer than `maxLength` (a mask may be longer than the
 * word it hides, and the log keeps lines to their limit).
 */
export function maskText(context: VenueContext, text: string, maxLength: number): FilterResult {
  const result = filterText(context.wordFilter(), text);
  return result.text.length > maxLength ? { ...result, text: result.text.slice(0, maxLength) } : result;
}

/** Room for the classifier's trigger words in a logged flag. */
const TRIGGERS_KEPT = 10;
const TRIGGER_MAX_LENGTH = 40;

/**
 * What follows a line that went out, logged in its author's name: an offence toward an automatic mute when the filter
 * masked it (`offence`; never for a host's line), then, when the classifier tags what they wrote, the line in the
 * hosts' queue (`shown`: the text as everyone saw it). Never rejects: the line is out, and a failure here is logged,
 * not told to the sender.
 */
export async function followLine(
  context: IntentContext,
  line: { source: "chat" | "question"; refId: string; text: string; shown: string; offence: boolean },
): Promise<void> {
  const { member } = context;
  try {
    if (line.offence && member.role !== "host") await context.command(member, { kind: "offenceRecorded", detail: { kind: "filter", name: member.name } });
    const { tags, triggers } = classify(line.text);
    if (tags.length === 0) return;
    const kept = triggers.slice(0, TRIGGERS_KEPT).map((trigger) => trigger.slice(0, TRIGGER_MAX_LENGTH));
    await context.command(member, { kind: "lineFlagged", detail: { source: line.source, refId: line.refId, name: member.name, text: line.shown, tags: [...tags], triggers: kept } });
  } catch (e) {
    context.log(`following up a ${line.source} line failed`, e);
  }
}

/**
 * Which members' refused chat or reactions count as an offence now: at most one per member every
 * AUTO_MUTE.windowMs / AUTO_MUTE.offences, so a flood that goes on counts toward a mute and a burst counts once.
 */
export class RateOffences {
  static readonly SPACING_MS = AUTO_MUTE.windowMs / AUTO_MUTE.offences;
  private readonly last = new Map<string, number>();

  /** True when this refusal counts (and starts the member's spacing again). */
  take(memberId: string, now: number): boolean {
    const last = this.last.get(memberId);
    if (last !== undefined && now - last < RateOffences.SPACING_MS) return false;
    this.last.set(memberId, now);
    // Entries older than the spacing count for nothing: dropped now and then, so the map holds active flooders only.
    if (this.last.size > 1000) for (const [id, at] of this.last) if (now - at >= RateOffences.SPACING_MS) this.last.delete(id);
    return true;
  }
}
