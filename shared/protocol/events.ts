import { z } from "zod";
import { ErrorCode } from "./errors.js";
import { REACTIONS } from "./intents.js";
import { HostLinkCheck, Role } from "./roles.js";
import type { SalonHostView, SalonMineView, SalonPublicView } from "../rules/salon/types.js";
import type { Celebration, GrowthMineView, GrowthPublicView } from "../rules/growth/types.js";
import { VoiceAnswerEvent, VoiceOfferEvent, VoiceStoppedEvent } from "./voice.js";
import type { HuntMineView, HuntPublicView } from "./hunt.js";
import type { ModerationHostView, ModerationMineView, ModerationPublicView } from "../rules/moderation/types.js";

/** Sent to a member right after it joins: who the server says it is. The browser keeps id + secret. */
export const WelcomeEvent = z.object({
  memberId: z.string(),
  secret: z.string(),
  sessionId: z.string(),
  eventTitle: z.string(),
  /** True when the identity the client offered was missing or did not check out and a new one was issued. */
  newIdentity: z.boolean(),
  /** What this connection may do: "host" only from a valid host link for this event. */
  role: Role,
  /** Present when the member came with a host link: whether it was accepted, or why it gives member rights only. */
  hostLink: HostLinkCheck.optional(),
  /** The live session (one run of the event, across instances and restarts) this member is part of. */
  liveSessionId: z.string(),
});
export type WelcomeEvent = z.infer<typeof WelcomeEvent>;

export const ChatEvent = z.object({
  id: z.string(),
  sessionId: z.string(),
  memberId: z.string(),
  name: z.string(),
  text: z.string(),
  at: z.number(),
  /** The sender was on the stage, or a Q&A expert: the line is highlighted for everyone. */
  badge: z.enum(["speaker", "expert"]).optional(),
});
export type ChatEvent = z.infer<typeof ChatEvent>;

/** How many of the instance's latest chat lines a member receives when it joins. */
export const CHAT_HISTORY_LINES = 50;

/** A chat line as the log remembers it: a `chat` event without the sender's connection (it may be long gone). */
export const ChatLine = ChatEvent.omit({ sessionId: true });
export type ChatLine = z.infer<typeof ChatLine>;

/**
 * Sent once to a member right after its welcome: the latest lines said in the instance it joined, oldest first,
 * read from the log (so they survive a restart). Each line's `id` is the one its live `chat` event carried.
 */
export const ChatHistoryEvent = z.object({ lines: z.array(ChatLine).max(CHAT_HISTORY_LINES) });
export type ChatHistoryEvent = z.infer<typeof ChatHistoryEvent>;

export const ReactionEvent = z.object({
  sessionId: z.string(),
  emoji: z.enum(REACTIONS),
  at: z.number(),
});
export type ReactionEvent = z.infer<typeof ReactionEvent>;

/** A refused intent. `key` is the i18n key the client shows; `intent` names what was refused. */
export const ErrorEvent = z.object({
  code: ErrorCode,
  key: z.string(),
  intent: z.string().optional(),
  retryAfterMs: z.number().optional(),
  /** Stage voice: the feed the refused intent named (a client listens to several at once). */
  feed: z.string().optional(),
});
export type ErrorEvent = z.infer<typeof ErrorEvent>;

/**
 * The salon's views (shared/rules/salon/view.ts builds them; docs/salon.md): `salon` to everyone whenever the salon
 * changes, `salonHost` to hosts, `salonMine` to one member when what is theirs changes. Built by the server from
 * session state, so they are typed, not parsed (the client trusts its server for these, as for the room state).
 */
export const SalonEvent = z.custom<SalonPublicView>((value) => typeof value === "object" && value !== null);
export const SalonHostEvent = z.custom<SalonHostView>((value) => typeof value === "object" && value !== null);
export const SalonMineEvent = z.custom<SalonMineView>((value) => typeof value === "object" && value !== null);

/**
 * Moderation's views (shared/rules/moderation/view.ts; docs/moderation.md), sent like the salon's: `moderation` to
 * everyone, `moderationHost` to hosts, `moderationMine` to one member when theirs changes.
 */
export const ModerationEvent = z.custom<ModerationPublicView>((value) => typeof value === "object" && value !== null);
export const ModerationHostEvent = z.custom<ModerationHostView>((value) => typeof value === "object" && value !== null);
export const ModerationMineEvent = z.custom<ModerationMineView>((value) => typeof value === "object" && value !== null);

/** To the sender only: their chat line went out with listed words masked (`words`: the list words it matched). */
export const ChatMaskedEvent = z.object({ id: z.string(), words: z.array(z.string()) });
export type ChatMaskedEvent = z.infer<typeof ChatMaskedEvent>;

/** Every server→client event, by message type. */
/** Growth (docs/growth.md): the tree and leaderboard to all, a member's standing to them, celebrations to whom they concern. */
export const GrowthEvent = z.custom<GrowthPublicView>((value) => typeof value === "object" && value !== null);
export const GrowthMineEvent = z.custom<GrowthMineView>((value) => typeof value === "object" && value !== null);
export const CelebrationEvent = z.custom<Celebration>((value) => typeof value === "object" && value !== null);

/** Hunts (docs/hunts.md): the event's hunt as everyone sees it (null: none), and the member's own progress. */
export const HuntEvent = z.custom<HuntPublicView | null>((value) => value === null || (typeof value === "object" && value !== null));
export const HuntMineEvent = z.custom<HuntMineView>((value) => typeof value === "object" && value !== null);

export const SERVER_EVENTS = {
  welcome: WelcomeEvent,
  chat: ChatEvent,
  chatHistory: ChatHistoryEvent,
  reaction: ReactionEvent,
  error: ErrorEvent,
  salon: SalonEvent,
  salonHost: SalonHostEvent,
  salonMine: SalonMineEvent,
  moderation: ModerationEvent,
  moderationHost: ModerationHostEvent,
  moderationMine: ModerationMineEvent,
  chatMasked: ChatMaskedEvent,
  growth: GrowthEvent,
  growthMine: GrowthMineEvent,
  celebration: CelebrationEvent,
  hunt: HuntEvent,
  huntMine: HuntMineEvent,
  voiceAnswer: VoiceAnswerEvent,
  voiceOffer: VoiceOfferEvent,
  voiceStopped: VoiceStoppedEvent,
} as const;
export type ServerEventType = keyof typeof SERVER_EVENTS;
export type ServerEventPayload<T extends ServerEventType> = z.infer<(typeof SERVER_EVENTS)[T]>;

export const ServerMessage = z.discriminatedUnion("type", [
  WelcomeEvent.extend({ type: z.literal("welcome") }),
  ChatEvent.extend({ type: z.literal("chat") }),
  ChatHistoryEvent.extend({ type: z.literal("chatHistory") }),
  ReactionEvent.extend({ type: z.literal("reaction") }),
  ErrorEvent.extend({ type: z.literal("error") }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
