import { expect } from "vitest";
import type { Client } from "colyseus.js";
import type { ChatEvent, ChatHistoryEvent, ErrorCode, ErrorEvent, IntentPayload, IntentType, JoinOptions, WelcomeEvent } from "../../shared/protocol/index.js";
import type { SalonHostView, SalonMineView, SalonPublicView } from "../../shared/rules/salon/types.js";
import type { VenueState } from "../../shared/state/VenueState.js";
import { joinOptions, nextMessage, until, waitForState, type VenueRoom } from "./grove.js";

/**
 * One member in a salon test: the room, and everything the server sent it since the join, in order of arrival
 * (the salon's three views as they stand, every refusal, chat).
 */
export interface Seat {
  room: VenueRoom;
  welcome: WelcomeEvent;
  memberId: string;
  /** Message types in the order they arrived (welcome, chatHistory, salon…). */
  arrivals: string[];
  salon: SalonPublicView | undefined;
  host: SalonHostView | undefined;
  mine: SalonMineView | undefined;
  /** How many of each view arrived. */
  counts: { salon: number; host: number; mine: number };
  errors: ErrorEvent[];
  chats: ChatEvent[];
  history: ChatHistoryEvent | undefined;
}

/** Joins and waits for the welcome and the first salon views (which follow the welcome and the chat history). */
export async function takeSeat(client: Client, overrides: Partial<JoinOptions> = {}): Promise<Seat> {
  const room = await client.joinOrCreate<VenueState>("venue", joinOptions(overrides));
  const seat: Seat = {
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
  };
  const welcome = nextMessage<WelcomeEvent>(room, "welcome");
  room.onMessage("welcome", () => void seat.arrivals.push("welcome"));
  room.onMessage("chatHistory", (history: ChatHistoryEvent) => {
    seat.arrivals.push("chatHistory");
    seat.history = history;
  });
  room.onMessage("salon", (view: SalonPublicView) => {
    seat.arrivals.push("salon");
    seat.salon = view;
    seat.counts.salon += 1;
  });
  room.onMessage("salonHost", (view: SalonHostView) => {
    seat.arrivals.push("salonHost");
    seat.host = view;
    seat.counts.host += 1;
  });
  room.onMessage("salonMine", (view: SalonMineView) => {
    seat.arrivals.push("salonMine");
    seat.mine = view;
    seat.counts.mine += 1;
  });
  room.onMessage("error", (error: ErrorEvent) => void seat.errors.push(error));
  room.onMessage("chat", (line: ChatEvent) => void seat.chats.push(line));
  room.onMessage("reaction", () => {});
  seat.welcome = await welcome;
  seat.memberId = seat.welcome.memberId;
  await waitForState(room, (s) => s.members.has(room.sessionId));
  await until(() => seat.mine !== undefined && seat.salon !== undefined, "the salon views after the welcome");
  return seat;
}

/** Sends an intent and waits for its refusal: the code, with the intent named. */
export async function expectRefused<T extends IntentType>(seat: Seat, type: T, payload: IntentPayload<T> | Record<string, unknown>, code: ErrorCode): Promise<void> {
  const before = seat.errors.length;
  seat.room.send(type, payload);
  await until(() => seat.errors.length > before, `a refusal of ${type}`);
  expect(seat.errors[before], `${type} ${JSON.stringify(payload)}`).toMatchObject({ code, intent: type });
}

/** Waits until the member's public view satisfies `check`. */
export async function untilSalon(seat: Seat, check: (view: SalonPublicView) => boolean, what = "the salon view"): Promise<SalonPublicView> {
  await until(() => seat.salon !== undefined && check(seat.salon), what);
  return seat.salon!;
}

export async function untilMine(seat: Seat, check: (view: SalonMineView) => boolean, what = "the member's own view"): Promise<SalonMineView> {
  await until(() => seat.mine !== undefined && check(seat.mine), what);
  return seat.mine!;
}

export async function untilHost(seat: Seat, check: (view: SalonHostView) => boolean, what = "the host's view"): Promise<SalonHostView> {
  await until(() => seat.host !== undefined && check(seat.host), what);
  return seat.host!;
}

/** Sends an intent that must be taken, and waits until the view it changes shows it; no refusal meanwhile. */
export async function act<T extends IntentType>(seat: Seat, type: T, payload: IntentPayload<T> | Record<string, unknown>, done: () => boolean, what: string = type): Promise<void> {
  const before = seat.errors.length;
  seat.room.send(type, payload);
  await until(() => done() || seat.errors.length > before, what);
  expect(seat.errors.slice(before), `${type} was refused`).toEqual([]);
}
