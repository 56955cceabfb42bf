import type { Client } from "@colyseus/core";
import type { RateLimit } from "../../../shared/rules/rateLimit.js";
import type { Hunts } from "../../hunt/service.js";
import type { Store } from "../../store/index.js";
import { defineFeature } from "./feature.js";

/**
 * Hunts in the venue (docs/hunts.md, "The room"): a member claims a scene clue their avatar stands within reach of.
 * The room hands the service the pose it keeps for the member (moved only by its own tick), never a position the
 * client names; reach, order, the window, the answer and the riddle's guessing rate are the service's to check.
 */

/**
 * Claims per member: a burst of five, then one every two seconds. The service's RIDDLE_RATE bounds guessing on top;
 * this bounds the store reads a flood of claims (of unknown ids, say) would cost.
 */
export const CLAIM_RATE: RateLimit = { capacity: 5, perSecond: 0.5 };

export const hunts = defineFeature({
  name: "hunts",
  intents: {
    claimClue: {
      role: "member",
      rate: { bucket: "hunt", limit: CLAIM_RATE },
      async handle(context, { clueId, answer }) {
        const service = context.hunts;
        const event = service ? await context.store.getEventById(context.eventId) : undefined;
        if (!service || !event) return context.refuse("NO_HUNT");
        const { member } = context;
        const at = { x: member.pose.x, z: member.pose.z };
        const result = await service.claimScene(event, { member: { id: member.memberId, name: member.name } }, clueId, answer, at, context.now());
        if (!result.ok) return context.refuse(result.code, result.retryAfterMs);
        context.client.send("huntMine", result.value.mine);
        // A find changes the clues left in the scene and the leaderboard: everyone here sees it at once.
        if (result.value.outcome === "found") {
          const view = await service.publicView(event);
          context.broadcast("hunt", view);
        }
      },
    },
  },
});

/**
 * The hunt as everyone sees it and the member's own progress, to one client after its welcome (or back from a
 * dropped connection). A store that fails costs the views, never the join: the page asks again over HTTP.
 */
export async function sendHunt(client: Client, services: { store: Store; hunts?: Hunts | undefined; log: (message: string, error?: unknown) => void }, eventId: string, memberId: string): Promise<void> {
  const service = services.hunts;
  if (!service) return;
  try {
    const event = await services.store.getEventById(eventId);
    if (!event) return;
    const view = await service.publicView(event);
    client.send("hunt", view);
    if (view === null) return;
    const mine = await service.mine(event, memberId);
    if (mine) client.send("huntMine", mine);
  } catch (e) {
    services.log("sending the hunt to a member failed", e);
  }
}
