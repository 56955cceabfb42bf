import { own } from "../salon/slice.js";
import { isMuted } from "./moderation.js";
import type { Flag, ModerationHostView, ModerationMineView, ModerationPublicView, ModerationState } from "./types.js";

// The moderation slice as each audience sees it (docs/moderation.md, "Views"): everyone, hosts, one member. Each
// view is built field by field from the state, so nothing meant for hosts (or for another member) rides along.

/** How many deleted line ids everyone is sent (the newest), log lines hosts see, and handled flags they keep in view. */
export const DELETED_SHOWN = 500;
export const LOG_SHOWN = 100;
export const HANDLED_SHOWN = 20;
/** The waiting lines a host's view carries (the longest waits): hosts work from the top, and the view stays small. */
export const WAITING_SHOWN = 50;

/** Anything holding the moderation slice (the whole `SessionState` included). */
type WithModeration = { moderation: ModerationState };

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// The state is immutable, so what depends on one object alone is worked out once per object.
const deletedIds = new WeakMap<ModerationState["deleted"], readonly string[]>();
const reportedBy = new WeakMap<readonly Flag[], ReadonlyMap<string, readonly string[]>>();

/** Everyone's view: whether the session is locked, slow mode, and the ids of the last DELETED_SHOWN deleted lines (oldest first). */
export function moderationPublicView({ moderation }: WithModeration): ModerationPublicView {
  let deleted = deletedIds.get(moderation.deleted);
  if (deleted === undefined) {
    deleted = Object.values(moderation.deleted)
      .sort((a, b) => a.at - b.at || byId(a.lineId, b.lineId))
      .slice(-DELETED_SHOWN)
      .map((line) => line.lineId);
    deletedIds.set(moderation.deleted, deleted);
  }
  return { locked: moderation.locked, slowModeSeconds: moderation.slowModeSeconds, deleted };
}

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The hosts' view at `now`: the mutes in force (newest first; an expired one is left out), removals (newest first),
 * the last LOG_SHOWN log lines (newest first), the queue (the WAITING_SHOWN lines waiting longest, open or handed on, the longest wait first;
 * then the last HANDLED_SHOWN handled, the latest handled first), the word list, and the time to first response
 * over the flags that had one (a negative span, from clocks that disagree, counts as 0).
 */
export function moderationHostView({ moderation }: WithModeration, now: number): ModerationHostView {
  const newestFirst = <T extends { at: number; memberId: string }>(a: T, b: T) => b.at - a.at || byId(a.memberId, b.memberId);
  const waiting = moderation.flags.filter((flag) => flag.status !== "handled").sort((a, b) => a.at - b.at);
  const handled = moderation.flags
    .filter((flag) => flag.status === "handled")
    .reverse()
    .sort((a, b) => (b.handledAt ?? b.at) - (a.handledAt ?? a.at))
    .slice(0, HANDLED_SHOWN);
  const answered = moderation.flags.flatMap((flag) => (flag.firstResponseAt === null ? [] : [Math.max(0, flag.firstResponseAt - flag.at)]));
  return {
    mutes: Object.values(moderation.mutes)
      .filter((mute) => isMuted(moderation, mute.memberId, now))
      .sort(newestFirst),
    removed: Object.values(moderation.removed).sort(newestFirst),
    log: moderation.log.slice(-LOG_SHOWN).reverse(),
    queue: [...waiting.slice(0, WAITING_SHOWN), ...handled],
    waiting: waiting.length,
    words: moderation.words,
    response: { flagged: moderation.flags.length, answered: answered.length, medianMs: median(answered) },
  };
}

/** Member id → the ids of the chat lines they reported, in the queue's order. */
function reportsOf(flags: readonly Flag[]): ReadonlyMap<string, readonly string[]> {
  let index = reportedBy.get(flags);
  if (index === undefined) {
    const map = new Map<string, string[]>();
    for (const flag of flags) {
      if (flag.source !== "chat") continue;
      for (const memberId of flag.reporters) {
        const list = map.get(memberId);
        if (list) list.push(flag.refId);
        else map.set(memberId, [flag.refId]);
      }
    }
    index = map;
    reportedBy.set(flags, index);
  }
  return index;
}

/** One member's own view at `now`: their mute if in force (why, until when, the host's note), the lines they reported, the private replies they got. */
export function moderationMineView({ moderation }: WithModeration, memberId: string, now: number): ModerationMineView {
  const mute = own(moderation.mutes, memberId);
  return {
    muted: mute !== undefined && isMuted(moderation, memberId, now) ? { until: mute.until, reason: mute.reason, note: mute.note } : null,
    reported: reportsOf(moderation.flags).get(memberId) ?? [],
    whispers: own(moderation.whispers, memberId) ?? [],
  };
}
