import { COLLECTIBLE_MINIMUMS } from "./collectibles.js";
import { BADGES, ENERGY_PER_SESSION, type Badge, type EarnedBadge, type MemberSessionSummary } from "./types.js";

/**
 * Each badge's rarity and, where its condition has a number, that number (the explainer shows it; earnBadges reads it
 * from here, so the page and the rule cannot disagree). The conditions, one per badge, over a member's session
 * summaries (MemberSessionSummary) in time order:
 * - firstSteps: attended a session (any summary).
 * - firstQuestion: asked ≥ threshold questions in one session.
 * - topQuestion: the session's most-upvoted question was theirs (≥ threshold distinct upvoters).
 * - stageSpeaker: was brought onto the stage.
 * - quizChampion: most correct quiz answers of the session (≥ threshold).
 * - debateSwing: took both sides of one debate.
 * - voter: ≥ threshold votes, counted across sessions (earned in the session that reaches it).
 * - regular: attended threshold distinct sessions (earned in the last of them).
 * - fiveSessionStreak: attended threshold sessions of one event in a row, by the event's own list of sessions (see
 *   BadgeContext.eventSessions): a session of the event the member missed breaks the run.
 * - checkInStreak: a check-in streak of ≥ threshold.
 * - helper: ≥ threshold of their chat lines marked helpful or questions marked answered, in one session.
 * - spark: one contribution of theirs got energy from ≥ threshold distinct members.
 * - energiser: gave all their energy (threshold = ENERGY_PER_SESSION) in one session.
 * - gardener / headGardener: contributed to a tree that reached its goal / among its top three contributors.
 * - firstEvangelist: the first member of an event to become an evangelist (BadgeContext.firstEvangelistAt).
 * - huntFinisher: completed ≥ threshold hunts in one session. fastestHunter: first to complete a hunt (rank 1; with
 *   teams, every member of the first team).
 * - cityExplorer: found a clue (a city blind box) whose reward carries the badge.
 */
export const BADGE_RULES: { readonly [B in Badge]: { readonly rare: boolean; readonly threshold?: number } } = {
  firstSteps: { rare: false },
  firstQuestion: { rare: false, threshold: 1 },
  topQuestion: { rare: true, threshold: COLLECTIBLE_MINIMUMS.topQuestion },
  stageSpeaker: { rare: false },
  quizChampion: { rare: true, threshold: COLLECTIBLE_MINIMUMS.quizChampion },
  debateSwing: { rare: false },
  voter: { rare: false, threshold: 10 },
  regular: { rare: false, threshold: 3 },
  fiveSessionStreak: { rare: true, threshold: 5 },
  checkInStreak: { rare: false, threshold: 3 },
  helper: { rare: false, threshold: 1 },
  spark: { rare: true, threshold: 5 },
  energiser: { rare: false, threshold: ENERGY_PER_SESSION },
  gardener: { rare: false },
  headGardener: { rare: true },
  firstEvangelist: { rare: true },
  huntFinisher: { rare: false, threshold: 1 },
  fastestHunter: { rare: true },
  cityExplorer: { rare: false },
};

/** What earnBadges needs beyond the member's summaries. */
export interface BadgeContext {
  /** Summaries of sessions that started after this moment are not counted (a history loaded ahead of a replay). */
  now?: number;
  /** When and where the member became the first evangelist of an event, if they did (from the promotions record). */
  firstEvangelistAt?: { at: number; sessionId: string } | null;
  /**
   * For the five-session streak: each event's sessions (ids) in time order, as far as they have started. Without an
   * event's list the streak cannot be told from the member's summaries alone (a missed session leaves no summary), so
   * no streak is earned for that event.
   */
  eventSessions?: Readonly<Record<string, readonly string[]>>;
}

const threshold = (badge: Badge): number => BADGE_RULES[badge].threshold ?? 1;

/** The member's sessions, each once (the first summary seen), in time order (start, then id). */
function ordered(history: readonly MemberSessionSummary[], now: number | undefined): MemberSessionSummary[] {
  const seen = new Set<string>();
  return history
    .filter((summary) => (now === undefined || summary.startedAt <= now) && !seen.has(summary.sessionId) && (seen.add(summary.sessionId), true))
    .sort((a, b) => a.startedAt - b.startedAt || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
}

/** The sessions that complete a run of `threshold("fiveSessionStreak")` attended sessions of one event. */
function streakEnds(history: readonly MemberSessionSummary[], eventSessions: BadgeContext["eventSessions"]): Set<string> {
  const ends = new Set<string>();
  for (const [eventId, sessions] of Object.entries(eventSessions ?? {})) {
    const attended = new Set(history.filter((summary) => summary.eventId === eventId).map((summary) => summary.sessionId));
    let run = 0;
    for (const sessionId of sessions) {
      run = attended.has(sessionId) ? run + 1 : 0;
      if (run >= threshold("fiveSessionStreak")) ends.add(sessionId);
    }
  }
  return ends;
}

/** Totals across the sessions up to and including the one being looked at. */
interface Running {
  sessions: number;
  votes: number;
}

/** Whether `badge`'s condition holds at `summary` (firstEvangelist comes from the context, never from a summary). */
function holds(badge: Badge, summary: MemberSessionSummary, running: Running, streaks: ReadonlySet<string>): boolean {
  switch (badge) {
    case "firstSteps":
      return true;
    case "firstQuestion":
      return summary.asked >= threshold(badge);
    case "topQuestion":
      return summary.topQuestion;
    case "stageSpeaker":
      return summary.spoke;
    case "quizChampion":
      return summary.quizChampion;
    case "debateSwing":
      return summary.swung;
    case "voter":
      return running.votes >= threshold(badge);
    case "regular":
      return running.sessions >= threshold(badge);
    case "fiveSessionStreak":
      return streaks.has(summary.sessionId);
    case "checkInStreak":
      return summary.checkInStreak >= threshold(badge);
    case "helper":
      return summary.answered >= threshold(badge);
    case "spark":
      return summary.bestEnergy >= threshold(badge);
    case "energiser":
      return summary.energyGiven >= threshold(badge);
    case "gardener":
      return summary.gardener;
    case "headGardener":
      return summary.headGardener;
    case "firstEvangelist":
      return false;
    case "huntFinisher":
      return summary.huntsCompleted >= threshold(badge);
    case "fastestHunter":
      return summary.fastestHunter;
    case "cityExplorer":
      return summary.cityExplorer;
  }
}

/**
 * The badges a member holds: each badge once, at the first session (in time order) where its condition held, with
 * that session's start as `at` (stable however long the session runs) and its id; firstEvangelist at the moment the
 * context gives. Any order of `history`, or a session in it twice, gives the same badges. Sorted by `at`, then in
 * BADGES order.
 */
export function earnBadges(history: readonly MemberSessionSummary[], context: BadgeContext = {}): EarnedBadge[] {
  const sessions = ordered(history, context.now);
  const streaks = streakEnds(sessions, context.eventSessions);
  const earned = new Map<Badge, EarnedBadge>();
  const running: Running = { sessions: 0, votes: 0 };
  for (const summary of sessions) {
    running.sessions += 1;
    running.votes += summary.votes;
    for (const badge of BADGES) {
      if (!earned.has(badge) && holds(badge, summary, running, streaks)) earned.set(badge, { badge, at: summary.startedAt, sessionId: summary.sessionId });
    }
  }
  const first = context.firstEvangelistAt;
  if (first) earned.set("firstEvangelist", { badge: "firstEvangelist", at: first.at, sessionId: first.sessionId });
  return [...earned.values()].sort((a, b) => a.at - b.at || BADGES.indexOf(a.badge) - BADGES.indexOf(b.badge));
}
