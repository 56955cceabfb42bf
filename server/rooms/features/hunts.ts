import type { Client } from "@colyseus/core";
import type { RateLimit } from "../../../shared/rules/rateLimit.js";
import type { Hunts } from "../../hunt/service.js";
import type { GroveEvent, Store } from "../../store/index.js";
import { defineFeature, type IntentContext } from "./feature.js";

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

/**
 * At most one `hunt` view a second per instance. Each find changes the leaderboard, and the view is read from the
 * store and sent to everyone here: sent per find, 200 members finding clues at once cost 200 sends and a leaderboard
 * read per find (bench:hunt measured it as the bottleneck). The finder's own progress (`huntMine`) still goes at once;
 * the scene hides a found clue from that.
 */
export const HUNT_VIEW_INTERVAL_MS = 1000;
/** Instances (room ids) with a view due, and when it goes. */
const viewsDue = new Map<string, NodeJS.Timeout>();

function sendViewSoon(context: IntentContext, service: Hunts, event: GroveEvent): void {
  if (viewsDue.has(context.roomId)) return;
  const timer = setTimeout(() => {
    viewsDue.delete(context.roomId);
    service.publicView(event).then(
      (view) => context.broadcast("hunt", view),
      (error: unknown) => context.log("sending the hunt view after finds failed", error),
    );
  }, HUNT_VIEW_INTERVAL_MS);
  timer.unref();
  viewsDue.set(context.roomId, timer);
}

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
        // A find changes the leaderboard: everyone here sees it within a second (one view for a burst of finds).
        if (result.value.outcome === "found") sendViewSoon(context, service, event);
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
