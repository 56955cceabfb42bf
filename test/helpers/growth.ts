import type { Client } from "colyseus.js";
import type { ChatEvent, ChatHistoryEvent, ErrorEvent, JoinOptions, WelcomeEvent } from "../../shared/protocol/index.js";
import type { Celebration, GrowthMineView, GrowthPublicView } from "../../shared/rules/growth/types.js";
import type { SalonHostView, SalonMineView, SalonPublicView } from "../../shared/rules/salon/types.js";
import type { VenueState } from "../../shared/state/VenueState.js";
import { joinOptions, nextMessage, until, waitForState } from "./grove.js";
import type { Seat } from "./salon.js";

/**
 * One member in a growth test: a salon seat (so the salon helpers' `act` and `expectRefused` work on it) that also
 * keeps growth's views as they stand (`growth` to everyone, `growthMine` to the member) and every celebration, in
 * order. Every handler is registered before the welcome arrives, so nothing sent on the join is missed.
 */
export interface GrowthSeat extends Seat {
  growth: GrowthPublicView | undefined;
  growthMine: GrowthMineView | undefined;
  growthCounts: { public: number; mine: number };
  celebrations: Celebration[];
}

export async function takeGrowthSeat(client: Client, overrides: Partial<JoinOptions> = {}): Promise<GrowthSeat> {
  const room = await client.joinOrCreate<VenueState>("venue", joinOptions(overrides));
  const seat: GrowthSeat = {
    room,
    welcome: undefined as unknown as WelcomeEvent,
    memberId: "",
    arrivals: [],
    salon: undefined,
    host: undefined,
    mine: undefined,
    counts: { salon: 0, host: 0, mine: 0 },
    errors: [],
    chats: [],
    history: undefined,
    growth: undefined,
    growthMine: undefined,
    growthCounts: { public: 0, mine: 0 },
    celebrations: [],
  };
  const welcome = nextMessage<WelcomeEvent>(room, "welcome");
  const arrive = (type: string) => seat.arrivals.push(type);
  room.onMessage("welcome", () => void arrive("welcome"));
  room.onMessage("chatHistory", (history: ChatHistoryEvent) => {
    arrive("chatHistory");
    seat.history = history;
  });
  room.onMessage("salon", (view: SalonPublicView) => {
    arrive("salon");
    seat.salon = view;
    seat.counts.salon += 1;
  });
  room.onMessage("salonHost", (view: SalonHostView) => {
    arrive("salonHost");
    seat.host = view;
    seat.counts.host += 1;
  });
  room.onMessage("salonMine", (view: SalonMineView) => {
    arrive("salonMine");
    seat.mine = view;
    seat.counts.mine += 1;
  });
  room.onMessage("growth", (view: GrowthPublicView) => {
    arrive("growth");
    seat.growth = view;
    seat.growthCounts.public += 1;
  });
  room.onMessage("growthMine", (view: GrowthMineView) => {
    arrive("growthMine");
    seat.growthMine = view;
    seat.growthCounts.mine += 1;
  });
  room.onMessage("celebration", (celebration: Celebration) => {
    arrive("celebration");
    seat.celebrations.push(celebration);
  });
  // Views this suite does not look at are still registered, so the client does not warn about them.
  for (const type of ["moderation", "moderationHost", "moderationMine", "chatMasked", "reaction"]) room.onMessage(type, () => {});
  room.onMessage("error", (error: ErrorEvent) => void seat.errors.push(error));
  room.onMessage("chat", (line: ChatEvent) => void seat.chats.push(line));
  seat.welcome = await welcome;
  seat.memberId = seat.welcome.memberId;
  await waitForState(room, (s) => s.members.has(room.sessionId));
  await until(() => seat.mine !== undefined && seat.salon !== undefined, "the salon views after the welcome");
  return seat;
}

/** Waits until the member's growth view (the tree and leaderboard) satisfies `check`. */
export async function untilGrowth(seat: GrowthSeat, check: (view: GrowthPublicView) => boolean, what = "the growth view", timeoutMs = 8000): Promise<GrowthPublicView> {
  await until(() => seat.growth !== undefined && check(seat.growth), what, timeoutMs);
  return seat.growth!;
}

/** Waits until the member's own growth view satisfies `check`. */
export async function untilGrowthMine(seat: GrowthSeat, check: (view: GrowthMineView) => boolean, what = "the member's own growth view", timeoutMs = 8000): Promise<GrowthMineView> {
  await until(() => seat.growthMine !== undefined && check(seat.growthMine), what, timeoutMs);
  return seat.growthMine!;
}
