import { z } from "zod";
import { ANNOUNCEMENT_MAX_LENGTH, CHAT_MAX_LENGTH, NAME_MAX_LENGTH } from "./protocol/limits.js";
import { REACTIONS } from "./protocol/intents.js";

/**
 * The interactions log, typed: every kind of interaction and the detail it carries, one discriminated union.
 * The store validates an entry before it writes it and parses every row it reads, so statistics, points and
 * badges (pure functions over these rows) never meet a shape they do not know. Each feature adds its kinds here.
 */

/** Why a member's presence ended, when it was not simply their choice. */
export const LeaveReason = z.enum([
  /** The same member joined from another instance; this seat was given up. */
  "takenOver",
  /** The process died with the member inside and nobody resumed the session in time. */
  "abandoned",
  /** The server stopped or restarted with the member inside. */
  "restart",
]);
export type LeaveReason = z.infer<typeof LeaveReason>;

const Empty = z.object({}).strict();

export const JoinEntry = z.object({ kind: z.literal("join"), detail: Empty });
export const LeaveEntry = z.object({ kind: z.literal("leave"), detail: z.object({ reason: LeaveReason.optional() }).strict() });
/**
 * A chat line. `id` is the id the line went out with (so history and live copies are one line), `name` the
 * sender's name at the time and `instance` the number of the instance it was said in (history is per instance).
 * Rows logged before these fields existed have only `text`; they stay readable.
 */
export const ChatEntry = z.object({
  kind: z.literal("chat"),
  detail: z
    .object({
      text: z.string().min(1).max(CHAT_MAX_LENGTH),
      id: z.string().min(1).max(64).optional(),
      name: z.string().max(NAME_MAX_LENGTH).optional(),
      instance: z.number().int().positive().optional(),
    })
    .strict(),
});
export const ReactionEntry = z.object({ kind: z.literal("reaction"), detail: z.object({ emoji: z.enum(REACTIONS) }).strict() });
/** Session command: a host put up an announcement (`name` is the host's name at the time). */
export const AnnouncementPostedEntry = z.object({
  kind: z.literal("announcementPosted"),
  detail: z.object({ text: z.string().min(1).max(ANNOUNCEMENT_MAX_LENGTH), name: z.string().max(NAME_MAX_LENGTH) }).strict(),
});
/** Session command: a host took the announcement down. */
export const AnnouncementClearedEntry = z.object({ kind: z.literal("announcementCleared"), detail: Empty });

export const InteractionEntry = z.discriminatedUnion("kind", [
  JoinEntry,
  LeaveEntry,
  ChatEntry,
  ReactionEntry,
  AnnouncementPostedEntry,
  AnnouncementClearedEntry,
]);
export type InteractionEntry = z.infer<typeof InteractionEntry>;
export type InteractionKind = InteractionEntry["kind"];

/**
 * The kinds that are session commands: they change session-wide state, carry the session's sequence number, and
 * are replayed through `applySessionCommand` to rebuild a session after a restart. The others are per instance.
 */
export const SESSION_COMMAND_KINDS = ["announcementPosted", "announcementCleared"] as const satisfies readonly InteractionKind[];
export type SessionCommandKind = (typeof SESSION_COMMAND_KINDS)[number];
export type SessionCommandEntry = Extract<InteractionEntry, { kind: SessionCommandKind }>;

export function isSessionCommandKind(kind: string): kind is SessionCommandKind {
  return (SESSION_COMMAND_KINDS as readonly string[]).includes(kind);
}
