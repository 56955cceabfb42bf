import type { SessionCommandEntry } from "../log.js";
import type { ErrorCode } from "../protocol/errors.js";
import { normaliseChat } from "./chat.js";

/** The announcement a session shows: one at a time; a new post replaces the old. */
export interface Announcement {
  /** Derived from the command's sequence number, so every replica (and every replay) names it alike. */
  id: string;
  text: string;
  postedBy: { memberId: string; name: string };
  postedAt: number;
}

export interface AnnouncementsState {
  announcement: Announcement | null;
}

/** What a feature's command handler sees: the entry plus where it sits in the session's order and who sent it. */
export type CommandOf<K extends SessionCommandEntry["kind"]> = Extract<SessionCommandEntry, { kind: K }> & { seq: number; at: number; memberId: string };

/** A feature rule's verdict: applied, or declined with the refusal code its sender hears (nothing changed). */
export type FeatureOutcome = { applied: true } | { applied: false; reason: ErrorCode };

/**
 * Cleans a host's text the way chat is cleaned (controls out, marks capped, ends trimmed). Null when nothing
 * visible is left: such a post is refused before it reaches the log.
 */
export function normaliseAnnouncement(text: string): string | null {
  const clean = normaliseChat(text);
  return clean === null ? null : clean.replace(/\s*\n\s*/g, " ");
}

/** Posting replaces whatever was shown. The text was normalised before it was logged; it is never empty here. */
export function postAnnouncement<S extends AnnouncementsState>(state: S, command: CommandOf<"announcementPosted">): { state: S; outcome: FeatureOutcome } {
  const announcement: Announcement = {
    id: `a${command.seq}`,
    text: command.detail.text,
    postedBy: { memberId: command.memberId, name: command.detail.name },
    postedAt: command.at,
  };
  return { state: { ...state, announcement }, outcome: { applied: true } };
}

/** Clearing takes the announcement down; with none shown there is nothing to change. */
export function clearAnnouncement<S extends AnnouncementsState>(state: S, _command: CommandOf<"announcementCleared">): { state: S; outcome: FeatureOutcome } {
  if (state.announcement === null) return { state, outcome: { applied: false, reason: "NOTHING_TO_CHANGE" } };
  return { state: { ...state, announcement: null }, outcome: { applied: true } };
}
