import type { EnergyTarget } from "../../../shared/rules/growth/types.js";
import { defineFeature, type IntentContext } from "./feature.js";
import { mutedRefusal } from "./moderationChat.js";
import { HOST_SALON, MEMBER_SALON, submit } from "./salon.js";

/**
 * Growth's intents (docs/growth.md): they only ever ask. Energy names a contribution; the room finds its author
 * itself (the question in the session state, the chat line in the log, the speaker on the stage now), never from the
 * client, and the session's rule (shared/rules/growth/energy.ts) decides self-energy, twice, the allowance and mutes
 * before anything is logged. Points, badges, tiers, growth and collectibles are derived from the log elsewhere.
 */

/** A contribution energy can go to: its ref (docs/growth.md, "Contribution refs") and its author. */
interface Contribution {
  target: EnergyTarget;
  refId: string;
  toId: string;
  toName: string;
}

/**
 * The contribution an energy intent names, with its author as the session knows it; refused (and undefined) when
 * there is none: a question unknown or hidden by a host UNKNOWN_QUESTION, a chat line unknown or deleted
 * UNKNOWN_LINE, a member not on the stage now NOT_ON_STAGE.
 */
async function contributionOf(context: IntentContext, target: EnergyTarget, id: string): Promise<Contribution | undefined> {
  const session = await context.session();
  if (target === "question") {
    const question = session.current.qa.questions.find((q) => q.id === id);
    if (!question || question.hidden) return void context.refuse("UNKNOWN_QUESTION");
    return { target, refId: question.id, toId: question.authorId, toName: question.authorName };
  }
  if (target === "chat") {
    const line = Object.hasOwn(context.moderation().deleted, id) ? undefined : await context.store.chatLine(session.id, id);
    if (!line) return void context.refuse("UNKNOWN_LINE");
    return { target, refId: line.lineId, toId: line.authorId, toName: line.authorName };
  }
  const speaker = session.current.stage.speakers.find((s) => s.memberId === id);
  if (!speaker) return void context.refuse("NOT_ON_STAGE");
  // One turn on the stage is one contribution: a speaker who comes back up later starts a new one.
  return { target, refId: `turn:${speaker.memberId}:${speaker.since}`, toId: speaker.memberId, toName: speaker.name };
}

/** The artwork seed of a stored record (its signed canonical text); null when the text is not such a record. */
function seedOf(record: string): string | null {
  try {
    const parsed = JSON.parse(record) as { seed?: unknown } | null;
    return typeof parsed?.seed === "string" && /^[0-9a-f]{16}$/.test(parsed.seed) ? parsed.seed : null;
  } catch {
    return null;
  }
}

export const growth = defineFeature({
  name: "growth",
  intents: {
    giveEnergy: {
      ...MEMBER_SALON,
      async handle(context, { target, id }) {
        // The rule declines a muted giver too; refused here first, so the member hears how long is left.
        const muted = mutedRefusal(context, context.member, context.now());
        if (muted) return context.refuse(muted.code, muted.retryAfterMs);
        const contribution = await contributionOf(context, target, id);
        if (!contribution) return;
        return submit(context, { kind: "energyGiven", detail: { ...contribution, name: context.member.name } });
      },
    },
    setLeaderboardHidden: {
      ...MEMBER_SALON,
      async handle(context, { hidden }) {
        // The page sends the remembered choice again at every join: a choice already in force is no refusal.
        const outcome = await context.command(context.member, { kind: "leaderboardHidden", detail: { hidden, name: context.member.name } });
        if (!outcome.applied && outcome.reason !== "stale" && outcome.reason !== "NOTHING_TO_CHANGE") context.refuse(outcome.reason);
      },
    },
    markHelpful: {
      ...HOST_SALON,
      async handle(context, { lineId }) {
        // A deleted line helps nobody: it is gone for everyone, so it cannot be marked either.
        const session = await context.session();
        const line = Object.hasOwn(context.moderation().deleted, lineId) ? undefined : await context.store.chatLine(session.id, lineId);
        if (!line) return context.refuse("UNKNOWN_LINE");
        return submit(context, { kind: "lineMarkedHelpful", detail: { lineId, authorId: line.authorId, authorName: line.authorName, name: context.member.name } });
      },
    },
    showCollectible: {
      ...MEMBER_SALON,
      async handle(context, { id }) {
        if (id === null) return context.showTrophy("");
        // Only the owner's own, signed record counts: its seed alone draws the artwork over the avatar.
        const found = await context.store.getCollectible(id);
        const seed = found && found.memberId === context.member.memberId ? seedOf(found.record) : null;
        if (seed === null) return context.refuse("UNKNOWN_COLLECTIBLE");
        context.showTrophy(seed);
      },
    },
  },
});
