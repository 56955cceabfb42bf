import type { HuntLeaderboardRow, HuntMineView, HuntPublicView } from "../../../shared/protocol/hunt.js";
import type { HuntFigures, HuntOutcome } from "../../state/hunt.js";

/*
 * What the hunt panel and its live region say, as i18n keys and values (pure, so the tests read them without a DOM):
 * durations, what a claim's outcome announces, which leaderboard row is the member's (or their team's).
 */

/** A message: an i18n key under `hunt.` and its values. */
export interface Said<K extends string = string> {
  key: K;
  values: Record<string, string | number>;
}
type DurationKey = "hunt.duration.minutes" | "hunt.duration.hours";
type AnnounceKey = "hunt.announce.found" | "hunt.announce.pending" | "hunt.announce.alreadyFound" | "hunt.announce.complete";

/** A completion time as "12 min 5 s", or "1 h 20 min" past the hour. */
export function durationOf(ms: number): Said<DurationKey> {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? { key: "hunt.duration.hours", values: { hours, minutes } } : { key: "hunt.duration.minutes", values: { minutes, seconds } };
}

/**
 * What the live region says of a claim's outcome: "Found: <name>, 3 of 5", or that it is open with something left,
 * or already found; the last find of the hunt says the hunt is done. Refusals are the toasts' (null here).
 */
export function announcementOf(outcome: HuntOutcome | null, figures: HuntFigures): Said<AnnounceKey> | null {
  if (outcome === null || outcome.kind === "refused") return null;
  if (outcome.kind === "found") {
    if (figures.total > 0 && figures.found === figures.total) return { key: "hunt.announce.complete", values: {} };
    return { key: "hunt.announce.found", values: { name: outcome.clueName, found: figures.found, total: figures.total } };
  }
  if (outcome.kind === "pending") return { key: "hunt.announce.pending", values: { name: outcome.clueName } };
  return { key: "hunt.announce.alreadyFound", values: { name: outcome.clueName } };
}

/** Whether a leaderboard row is this member's own (or, in a team hunt, their team's). */
export function isOwnRow(row: HuntLeaderboardRow, memberId: string, mine: HuntMineView | null): boolean {
  if (row.team) return mine?.team != null && row.name === mine.team;
  return memberId !== "" && row.memberId === memberId;
}

/** The teams a member may still choose: only while the hunt has teams and the member has none. */
export function teamChoice(view: HuntPublicView | null, mine: HuntMineView | null): string[] {
  if (view === null || view.teams.length === 0) return [];
  if (mine?.team != null) return [];
  return view.teams;
}

/** A clue's status for the list: found, next (in an ordered or random hunt), or still to find. */
export function clueStatus(clueId: string, mine: HuntMineView | null): "found" | "next" | "open" {
  if (mine?.found.includes(clueId)) return "found";
  if (mine?.next === clueId) return "next";
  return "open";
}
