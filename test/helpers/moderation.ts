import type { Client } from "colyseus.js";
import type { ChatEvent, ChatHistoryEvent, ChatMaskedEvent, ErrorEvent, JoinOptions, WelcomeEvent } from "../../shared/protocol/index.js";
import type { ModerationHostView, ModerationMineView, ModerationPublicView } from "../../shared/rules/moderation/types.js";
import type { SalonHostView, SalonMineView, SalonPublicView } from "../../shared/rules/salon/types.js";
import type { VenueState } from "../../shared/state/VenueState.js";
import { joinOptions, nextMessage, until, waitForState } from "./grove.js";
import type { Seat } from "./salon.js";

/**
 * One member in a moderation test: a salon seat (so the salon helpers' `act` and `expectRefused` work on it) that
 * also keeps moderation's three views as they stand, the masked-line notices, reactions and how its connection closed.
 * Every handler is registered before the welcome arrives, so nothing sent on the join is missed.
 */
export interface ModerationSeat extends Seat {
  moderation: ModerationPublicView | undefined;
  moderationHost: ModerationHostView | undefined;
  moderationMine: ModerationMineView | undefined;
  moderationCounts: { public: number; host: number; mine: number };
  masked: ChatMaskedEvent[];
  reactions: number;
  /** The WebSocket close code, once the server closed the connection (or the member left). */
  closedWith: number | undefined;
}

export async function takeModerationSeat(client: Client, overrides: Partial<JoinOptions> = {}): Promise<ModerationSeat> {
  const room = await client.joinOrCreate<VenueState>("venue", joinOptions(overrides));
  const seat: ModerationSeat = {
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
    moderation: undefined,
    moderationHost: undefined,
    moderationMine: undefined,
    moderationCounts: { public: 0, host: 0, mine: 0 },
    masked: [],
    reactions: 0,
    closedWith: undefined,
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
  room.onMessage("moderation", (view: ModerationPublicView) => {
    arrive("moderation");
    seat.moderation = view;
    seat.moderationCounts.public += 1;
  });
  room.onMessage("moderationHost", (view: ModerationHostView) => {
    arrive("moderationHost");
    seat.moderationHost = view;
    seat.moderationCounts.host += 1;
  });
  room.onMessage("moderationMine", (view: ModerationMineView) => {
    arrive("moderationMine");
    seat.moderationMine = view;
    seat.moderationCounts.mine += 1;
  });
  room.onMessage("chatMasked", (notice: ChatMaskedEvent) => void seat.masked.push(notice));
  room.onMessage("error", (error: ErrorEvent) => void seat.errors.push(error));
  room.onMessage("chat", (line: ChatEvent) => void seat.chats.push(line));
  room.onMessage("reaction", () => void (seat.reactions += 1));
  room.onLeave((code) => void (seat.closedWith = code));
  seat.welcome = await welcome;
  seat.memberId = seat.welcome.memberId;
  await waitForState(room, (s) => s.members.has(room.sessionId));
  await until(() => seat.mine !== undefined && seat.moderationMine !== undefined && seat.moderation !== undefined, "the views after the welcome");
  return seat;
}

export async function untilModeration(seat: ModerationSeat, check: (view: ModerationPublicView) => boolean, what = "the moderation view"): Promise<ModerationPublicView> {
  await until(() => seat.moderation !== undefined && check(seat.moderation), what);
  return seat.moderation!;
}

export async function untilModerationHost(seat: ModerationSeat, check: (view: ModerationHostView) => boolean, what = "the host's moderation view"): Promise<ModerationHostView> {
  await until(() => seat.moderationHost !== undefined && check(seat.moderationHost), what);
  return seat.moderationHost!;
}

export async function untilModerationMine(seat: ModerationSeat, check: (view: ModerationMineView) => boolean, what = "the member's own moderation view"): Promise<ModerationMineView> {
  await until(() => seat.moderationMine !== undefined && check(seat.moderationMine), what);
  return seat.moderationMine!;
}
