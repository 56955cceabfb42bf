import { z } from "zod";
import { ANNOUNCEMENT_MAX_LENGTH, CHAT_MAX_LENGTH } from "./limits.js";
import { VENUE_HALF_SIZE } from "../rules/venue.js";

const unit = z.number().finite().min(-1).max(1);
const coordinate = z.number().finite().min(-VENUE_HALF_SIZE).max(VENUE_HALF_SIZE);

/** Keyboard / joystick intent: walk in this direction (a zero vector stops). The server integrates it. */
export const MoveIntent = z.object({ dx: unit, dz: unit }).strict();
export type MoveIntent = z.infer<typeof MoveIntent>;

/** Click-to-walk and "go to": walk toward this floor point. The server clamps it to the walkable area. */
export const WalkToIntent = z.object({ x: coordinate, z: coordinate }).strict();
export type WalkToIntent = z.infer<typeof WalkToIntent>;

export const ChatIntent = z.object({ text: z.string().max(CHAT_MAX_LENGTH) }).strict();
export type ChatIntent = z.infer<typeof ChatIntent>;

export const REACTIONS = ["👏", "❤️", "😂", "🎉", "👍", "🌱"] as const;
export const ReactIntent = z.object({ emoji: z.enum(REACTIONS) }).strict();
export type ReactIntent = z.infer<typeof ReactIntent>;

/** Host: show this line to every member of every instance of the session, until cleared or replaced. */
export const PostAnnouncementIntent = z.object({ text: z.string().max(ANNOUNCEMENT_MAX_LENGTH) }).strict();
export type PostAnnouncementIntent = z.infer<typeof PostAnnouncementIntent>;

/** Host: take the current announcement down. */
export const ClearAnnouncementIntent = z.object({}).strict();
export type ClearAnnouncementIntent = z.infer<typeof ClearAnnouncementIntent>;

/** Every client→server intent, by message type. The server registers a handler for each key and nothing else. */
export const CLIENT_INTENTS = {
  move: MoveIntent,
  walkTo: WalkToIntent,
  chat: ChatIntent,
  react: ReactIntent,
  postAnnouncement: PostAnnouncementIntent,
  clearAnnouncement: ClearAnnouncementIntent,
} as const;
export type IntentType = keyof typeof CLIENT_INTENTS;
export type IntentPayload<T extends IntentType> = z.infer<(typeof CLIENT_INTENTS)[T]>;

/** The same intents as one discriminated union, for tools and tests that carry the type inside the message. */
export const ClientMessage = z.discriminatedUnion("type", [
  MoveIntent.extend({ type: z.literal("move") }),
  WalkToIntent.extend({ type: z.literal("walkTo") }),
  ChatIntent.extend({ type: z.literal("chat") }),
  ReactIntent.extend({ type: z.literal("react") }),
  PostAnnouncementIntent.extend({ type: z.literal("postAnnouncement") }),
  ClearAnnouncementIntent.extend({ type: z.literal("clearAnnouncement") }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
