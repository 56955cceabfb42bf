/**
 * Moderation's session-wide state and the views built from it (docs/moderation.md). It is one slice of
 * `SessionState` (`moderation`), reduced by the pure rules beside this file from the session's ordered commands,
 * so every instance of a session mutes, removes, locks, hides deleted lines and queues flagged lines alike, and a
 * restart rebuilds it from the log. Records keyed by member id hold server-issued ids only; read with `Object.hasOwn`.
 */

/** Why a member is muted: a host did it, or the automatic mute after repeated filter hits or rate-limit refusals. */
export type MuteReason = "host" | "filter" | "rate";

export interface Mute {
  memberId: string;
  name: string;
  at: number;
  /** When the mute ends by itself; null: for the rest of the session (until a host lifts it). */
  until: number | null;
  reason: MuteReason;
  /** The host who muted (null for an automatic mute). */
  by: { memberId: string; name: string } | null;
  /** The host's reason, in their words ("" when none was given). */
  note: string;
}

export interface Removal {
  memberId: string;
  name: string;
  at: number;
  by: { memberId: string; name: string };
  note: string;
}

/** A chat line a host deleted for everyone: who deleted it and what it said (the log keeps who deleted what). */
export interface DeletedLine {
  lineId: string;
  authorId: string;
  authorName: string;
  text: string;
  at: number;
  by: { memberId: string; name: string };
}

/** One offence toward an automatic mute: a line that tripped the filter, or a message refused by the rate limit. */
export interface Offence {
  at: number;
  kind: "filter" | "rate";
}

export interface Strikes {
  /** Offences within the window (older ones are dropped as new ones come). */
  offences: readonly Offence[];
  /** How many automatic mutes the member has had this session: the next one lasts longer (AUTO_MUTE.stepsMs). */
  autoMutes: number;
}

/** `help`: the writer is stuck or asks for support; `negative`: frustration, complaint, distress; `report`: members reported it. */
export type FlagTag = "help" | "negative" | "report";
/** `open`: waiting for a host; `handedOn`: passed to a named host, still waiting; `handled`: done. */
export type FlagStatus = "open" | "handedOn" | "handled";

/** A line in the hosts' queue: flagged by the classifier, or reported by members (one entry per line). */
export interface Flag {
  /** `f<seq>` of the command that first queued the line. */
  id: string;
  source: "chat" | "question";
  /** The chat line's id, or the question's id. */
  refId: string;
  authorId: string;
  authorName: string;
  text: string;
  /** When the line was first queued (the wait is counted from here). */
  at: number;
  tags: readonly FlagTag[];
  /** The words that made the classifier flag it, as they appear in the text. */
  triggers: readonly string[];
  /** Members who reported it, each at most once. */
  reporters: readonly string[];
  status: FlagStatus;
  /** The host it was handed on to. */
  assignee: { memberId: string; name: string } | null;
  /** The first host response (a private reply, marked handled, or handed on); null while none. */
  firstResponseAt: number | null;
  handledAt: number | null;
  handledBy: { memberId: string; name: string } | null;
}

/** A private reply from a host: only its recipient (and hosts, in the log) sees it. */
export interface Whisper {
  /** `w<seq>`. */
  id: string;
  /** The queued line it answers, if any. */
  flagId: string | null;
  fromName: string;
  text: string;
  at: number;
}

export type ModerationAction =
  | "mute"
  | "unmute"
  | "autoMute"
  | "remove"
  | "lock"
  | "unlock"
  | "slowMode"
  | "deleteLine"
  | "words"
  | "report"
  | "whisper"
  | "handled"
  | "handedOn";

/** One line of the hosts' moderation log: who did what, to whom, when, and why. */
export interface ModerationLogEntry {
  /** The command's sequence number (unique, in order). */
  seq: number;
  at: number;
  action: ModerationAction;
  /** Who acted: a host, a reporting member, or null for the automatic mute. */
  by: { memberId: string; name: string } | null;
  /** On whom (the muted, removed, whispered-to member; the deleted or reported line's author). */
  target: { memberId: string; name: string } | null;
  /**
   * What, in data the client words itself: a mute's duration in ms (null: the session), slow mode's seconds, the
   * deleted or reported line's text, the words added / removed, the flag's id.
   */
  detail: {
    durationMs?: number | null;
    seconds?: number;
    text?: string;
    add?: readonly string[];
    remove?: readonly string[];
    flagId?: string;
    offence?: "filter" | "rate";
  };
  /** Why, in the host's words ("" when none was given). */
  note: string;
}

/** A host's additions to the filter's shipped word list, and the shipped words they switched off. */
export interface WordListChange {
  add: readonly string[];
  remove: readonly string[];
}

export interface ModerationState {
  /** By member id; an expired mute stays until replaced (see `isMuted`). */
  mutes: Readonly<Record<string, Mute>>;
  removed: Readonly<Record<string, Removal>>;
  /** Locked: no new member may join the session (members already in it, and hosts, may). */
  locked: boolean;
  /** The least number of seconds between one member's chat lines; 0: off. */
  slowModeSeconds: number;
  /** By line id. */
  deleted: Readonly<Record<string, DeletedLine>>;
  strikes: Readonly<Record<string, Strikes>>;
  /** Oldest first. */
  flags: readonly Flag[];
  /** By recipient member id, oldest first, the last WHISPERS_KEPT each. */
  whispers: Readonly<Record<string, readonly Whisper[]>>;
  /** Oldest first, the last MODERATION_LOG_KEPT. */
  log: readonly ModerationLogEntry[];
  /** The event's word list as the hosts set it this session; null: as the event record has it. */
  words: WordListChange | null;
}

export const INITIAL_MODERATION_STATE: ModerationState = {
  mutes: {},
  removed: {},
  locked: false,
  slowModeSeconds: 0,
  deleted: {},
  strikes: {},
  flags: [],
  whispers: {},
  log: [],
  words: null,
};

export const WHISPERS_KEPT = 20;
export const MODERATION_LOG_KEPT = 500;
/** Flags kept in state (the oldest handled ones go first past this). */
export const FLAGS_KEPT = 500;
export const SLOW_MODE_MAX_SECONDS = 600;
/** A host's mute: 1 minute to 24 hours, or the session (null). */
export const MUTE_MIN_MS = 60_000;
export const MUTE_MAX_MS = 86_400_000;
export const WHISPER_MAX_LENGTH = 500;
export const MODERATION_NOTE_MAX_LENGTH = 200;
/** A word of the filter's list, and how many a host may add or switch off. */
export const FILTER_WORD_MAX_LENGTH = 40;
export const FILTER_WORDS_MAX = 1000;

// ── Views (view.ts builds them; the server sends them as `moderation`, `moderationHost`, `moderationMine`) ──

/** To everyone. */
export interface ModerationPublicView {
  locked: boolean;
  slowModeSeconds: number;
  /** Ids of chat lines deleted for everyone (the client hides them). */
  deleted: readonly string[];
}

/** To hosts only. */
export interface ModerationHostView {
  /** Mutes in force now, newest first. */
  mutes: readonly Mute[];
  removed: readonly Removal[];
  /** Newest first, the last 100. */
  log: readonly ModerationLogEntry[];
  /**
   * Waiting lines first (oldest first: the longest wait on top; at most WAITING_SHOWN of them, so the view a host gets
   * on every change stays small however long the queue grows), then the last 20 handled, newest first.
   */
  queue: readonly Flag[];
  /** How many lines are waiting in all (more than the queue shows when it is longer than WAITING_SHOWN). */
  waiting: number;
  words: WordListChange | null;
  /** Time to first response, over the flags that had one: how many, and the median in ms (null when none). */
  response: { flagged: number; answered: number; medianMs: number | null };
}

/** To one member: their own mute, the lines they reported, the private replies they got. */
export interface ModerationMineView {
  muted: { until: number | null; reason: MuteReason; note: string } | null;
  reported: readonly string[];
  whispers: readonly Whisper[];
}
