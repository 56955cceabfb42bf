import type { ErrorCode } from "../../protocol/errors.js";
import type { CommandOf, FeatureOutcome } from "../announcements.js";
import { own } from "../salon/slice.js";
import type { StageState } from "../salon/types.js";
import { recordOffence } from "./autoMute.js";
import {
  FLAGS_KEPT,
  MODERATION_LOG_KEPT,
  WHISPERS_KEPT,
  type Flag,
  type FlagTag,
  type ModerationLogEntry,
  type ModerationState,
  type Mute,
  type WordListChange,
} from "./types.js";

// Moderation's rules (docs/moderation.md, "Rules"). Each takes the whole session state (mutes and removals also
// take the member off the stage) and returns `{ state, outcome }`: the very same state object when it declines, so
// a declined command changes nothing on any replica. Every applied host action appends one line to the log.

/** The parts of the session state moderation reads and writes. */
export interface Moderated {
  moderation: ModerationState;
  stage: StageState;
}
type Result<S> = { state: S; outcome: FeatureOutcome };
type Person = { memberId: string; name: string };

const declined = <S>(state: S, reason: ErrorCode): Result<S> => ({ state, outcome: { applied: false, reason } });

/** The record without `key` (built afresh, so no id, not even `__proto__`, reaches the prototype). */
function without<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  return Object.fromEntries(Object.entries(record).filter(([id]) => id !== key));
}

/** The member's raised hand lowered and their place on the stage given up; the same object when they had neither. */
function offStage(stage: StageState, memberId: string): StageState {
  const queued = stage.queue.some((hand) => hand.memberId === memberId);
  const speaking = stage.speakers.some((speaker) => speaker.memberId === memberId);
  if (!queued && !speaking) return stage;
  return {
    ...stage,
    queue: queued ? stage.queue.filter((hand) => hand.memberId !== memberId) : stage.queue,
    speakers: speaking ? stage.speakers.filter((speaker) => speaker.memberId !== memberId) : stage.speakers,
  };
}

/** Applies the command: the new moderation slice (and stage, when it changed), with one log line when given. */
function apply<S extends Moderated>(
  state: S,
  moderation: ModerationState,
  entry: Omit<ModerationLogEntry, "seq" | "at"> | null,
  command: { seq: number; at: number },
  stage: StageState = state.stage,
): Result<S> {
  const log = entry === null ? moderation.log : [...moderation.log, { seq: command.seq, at: command.at, ...entry }].slice(-MODERATION_LOG_KEPT);
  return { state: { ...state, moderation: { ...moderation, log }, stage }, outcome: { applied: true } };
}

const sender = (command: { memberId: string }, name: string): Person => ({ memberId: command.memberId, name });

// ── Reading the state ─────────────────────────────────────────────────────────

/** Whether the member is muted at `now`: a mute exists and is for the session or ends after `now`. */
export function isMuted(moderation: ModerationState, memberId: string, now: number): boolean {
  const mute = own(moderation.mutes, memberId);
  return mute !== undefined && (mute.until === null || now < mute.until);
}

/** How long the member's mute lasts from `now` (ms): null for a mute for the session, 0 when not muted. */
export function muteLeftMs(moderation: ModerationState, memberId: string, now: number): number | null {
  const mute = own(moderation.mutes, memberId);
  if (mute === undefined) return 0;
  return mute.until === null ? null : Math.max(0, mute.until - now);
}

/** Whether a host removed the member from the session (for good: nothing lifts it). */
export function isRemoved(moderation: ModerationState, memberId: string): boolean {
  return own(moderation.removed, memberId) !== undefined;
}

/**
 * A host's filter words as they are kept and compared: NFKC (full-width to half-width), lower-case, trimmed,
 * empties dropped, each once, sorted (so the same list, however typed, is the same list).
 */
export function normaliseWords(words: readonly string[]): string[] {
  const clean = new Set(words.map((word) => word.normalize("NFKC").toLowerCase().trim()).filter((word) => word !== ""));
  return [...clean].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

// ── Guards on the salon's rules ───────────────────────────────────────────────

/** A muted member cannot raise a hand: MUTED at the command's time, else null (the stage's rule decides). */
export function refuseHandRaised(moderation: ModerationState, command: CommandOf<"handRaised">): ErrorCode | null {
  return isMuted(moderation, command.memberId, command.at) ? "MUTED" : null;
}

/** A muted member cannot give energy (it is a reaction with a target): MUTED, else null. */
export function refuseEnergy(moderation: ModerationState, command: CommandOf<"energyGiven">): ErrorCode | null {
  return isMuted(moderation, command.memberId, command.at) ? "MUTED" : null;
}

/** A removed or muted member cannot be brought on stage: REMOVED (checked first), MUTED, else null. */
export function refuseSpeakerInvited(moderation: ModerationState, command: CommandOf<"speakerInvited">): ErrorCode | null {
  const { memberId } = command.detail;
  if (isRemoved(moderation, memberId)) return "REMOVED";
  return isMuted(moderation, memberId, command.at) ? "MUTED" : null;
}

// ── Members ───────────────────────────────────────────────────────────────────

/**
 * A host mutes a member, for `durationMs` or (null) for the session; a new mute replaces the one before. Their hand
 * goes down and they leave the stage. A host cannot mute themself (SELF_MODERATION).
 */
export function muteMember<S extends Moderated>(state: S, command: CommandOf<"memberMuted">): Result<S> {
  const { memberId, name, durationMs, note, byName } = command.detail;
  if (memberId === command.memberId) return declined(state, "SELF_MODERATION");
  const by = sender(command, byName);
  const mute: Mute = { memberId, name, at: command.at, until: durationMs === null ? null : command.at + durationMs, reason: "host", by, note };
  const moderation = { ...state.moderation, mutes: { ...state.moderation.mutes, [memberId]: mute } };
  const entry = { action: "mute", by, target: { memberId, name }, detail: { durationMs }, note } as const;
  return apply(state, moderation, entry, command, offStage(state.stage, memberId));
}

/**
 * A host lifts a member's mute (a host's or an automatic one). Not muted at the command's time: NOTHING_TO_CHANGE.
 * The member's offences are forgotten; the count of automatic mutes stays (the next one is no shorter).
 */
export function unmuteMember<S extends Moderated>(state: S, command: CommandOf<"memberUnmuted">): Result<S> {
  const { memberId, name, byName } = command.detail;
  if (!isMuted(state.moderation, memberId, command.at)) return declined(state, "NOTHING_TO_CHANGE");
  const strikes = own(state.moderation.strikes, memberId);
  const moderation: ModerationState = {
    ...state.moderation,
    mutes: without(state.moderation.mutes, memberId),
    strikes: strikes === undefined ? state.moderation.strikes : { ...state.moderation.strikes, [memberId]: { offences: [], autoMutes: strikes.autoMutes } },
  };
  return apply(state, moderation, { action: "unmute", by: sender(command, byName), target: { memberId, name }, detail: {}, note: "" }, command);
}

/**
 * A host removes a member from the session for good: their hand goes down, they leave the stage; lines of theirs
 * in the queue stay. Oneself: SELF_MODERATION; already removed: NOTHING_TO_CHANGE.
 */
export function removeMember<S extends Moderated>(state: S, command: CommandOf<"memberRemoved">): Result<S> {
  const { memberId, name, note, byName } = command.detail;
  if (memberId === command.memberId) return declined(state, "SELF_MODERATION");
  if (isRemoved(state.moderation, memberId)) return declined(state, "NOTHING_TO_CHANGE");
  const by = sender(command, byName);
  const moderation = { ...state.moderation, removed: { ...state.moderation.removed, [memberId]: { memberId, name, at: command.at, by, note } } };
  return apply(state, moderation, { action: "remove", by, target: { memberId, name }, detail: {}, note }, command, offStage(state.stage, memberId));
}

// ── The session ───────────────────────────────────────────────────────────────

/** A host locks the session (no new members may join) or unlocks it. Already so: NOTHING_TO_CHANGE. */
export function lockSession<S extends Moderated>(state: S, command: CommandOf<"sessionLocked">): Result<S> {
  const { locked, name } = command.detail;
  if (locked === state.moderation.locked) return declined(state, "NOTHING_TO_CHANGE");
  return apply(state, { ...state.moderation, locked }, { action: locked ? "lock" : "unlock", by: sender(command, name), target: null, detail: {}, note: "" }, command);
}

/** A host sets the least seconds between one member's chat lines (0: off). The same: NOTHING_TO_CHANGE. */
export function setSlowMode<S extends Moderated>(state: S, command: CommandOf<"slowModeSet">): Result<S> {
  const { seconds, name } = command.detail;
  if (seconds === state.moderation.slowModeSeconds) return declined(state, "NOTHING_TO_CHANGE");
  return apply(state, { ...state.moderation, slowModeSeconds: seconds }, { action: "slowMode", by: sender(command, name), target: null, detail: { seconds }, note: "" }, command);
}

/**
 * A host deletes a chat line for everyone (the room checked it is a line of this session). Already deleted:
 * NOTHING_TO_CHANGE. A line of it waiting in the queue is thereby handled, by the deleter.
 */
export function deleteLine<S extends Moderated>(state: S, command: CommandOf<"lineDeleted">): Result<S> {
  const { lineId, authorId, authorName, text, name } = command.detail;
  if (own(state.moderation.deleted, lineId) !== undefined) return declined(state, "NOTHING_TO_CHANGE");
  const by = sender(command, name);
  const flags = state.moderation.flags.map((flag) =>
    flag.source === "chat" && flag.refId === lineId && flag.status !== "handled"
      ? { ...flag, status: "handled" as const, handledAt: command.at, handledBy: by, firstResponseAt: flag.firstResponseAt ?? command.at }
      : flag,
  );
  const moderation = { ...state.moderation, deleted: { ...state.moderation.deleted, [lineId]: { lineId, authorId, authorName, text, at: command.at, by } }, flags };
  return apply(state, moderation, { action: "deleteLine", by, target: { memberId: authorId, name: authorName }, detail: { text }, note: "" }, command);
}

// ── Automatic mutes ───────────────────────────────────────────────────────────

/**
 * The server saw the sender trip the filter or the rate limit. While they are muted it does not count
 * (NOTHING_TO_CHANGE); otherwise it counts toward an automatic mute (`recordOffence`), and when that mutes them,
 * their hand goes down, they leave the stage and the log says so (by nobody). An offence alone leaves no log line.
 */
export function countOffence<S extends Moderated>(state: S, command: CommandOf<"offenceRecorded">): Result<S> {
  const { memberId, at } = command;
  const { kind, name } = command.detail;
  if (isMuted(state.moderation, memberId, at)) return declined(state, "NOTHING_TO_CHANGE");
  const { strikes, muteMs } = recordOffence(own(state.moderation.strikes, memberId), { at, kind });
  const counted = { ...state.moderation, strikes: { ...state.moderation.strikes, [memberId]: strikes } };
  if (muteMs === null) return apply(state, counted, null, command);
  const mute: Mute = { memberId, name, at, until: at + muteMs, reason: kind, by: null, note: "" };
  const moderation = { ...counted, mutes: { ...counted.mutes, [memberId]: mute } };
  const entry = { action: "autoMute", by: null, target: { memberId, name }, detail: { durationMs: muteMs, offence: kind }, note: "" } as const;
  return apply(state, moderation, entry, command, offStage(state.stage, memberId));
}

// ── The queue ─────────────────────────────────────────────────────────────────

const union = <T>(list: readonly T[], more: readonly T[]): T[] => [...new Set([...list, ...more])];

/** The flags with one added; past FLAGS_KEPT the oldest handled one goes (the oldest of all when none is handled). */
function withFlag(flags: readonly Flag[], flag: Flag): Flag[] {
  const next = [...flags, flag];
  if (next.length <= FLAGS_KEPT) return next;
  const handled = next.findIndex((f) => f.status === "handled");
  return next.filter((_, i) => i !== (handled === -1 ? 0 : handled));
}

function replaceFlag(flags: readonly Flag[], index: number, flag: Flag): Flag[] {
  return flags.map((f, i) => (i === index ? flag : f));
}

const flagIndex = (moderation: ModerationState, flagId: string): number => moderation.flags.findIndex((flag) => flag.id === flagId);

/**
 * The classifier tagged the sender's chat line or question: it joins the queue as flag `f<seq>`, open. A line
 * already queued (reported first, or flagged twice) gains the new tags and trigger words instead, and when there is
 * nothing new, NOTHING_TO_CHANGE. No log line: the queue shows it.
 */
export function flagLine<S extends Moderated>(state: S, command: CommandOf<"lineFlagged">): Result<S> {
  const { source, refId, name, text, tags, triggers } = command.detail;
  const { flags } = state.moderation;
  const index = flags.findIndex((flag) => flag.source === source && flag.refId === refId);
  const queued = flags[index];
  if (queued !== undefined) {
    const merged = { ...queued, tags: union<FlagTag>(queued.tags, tags), triggers: union(queued.triggers, triggers) };
    if (merged.tags.length === queued.tags.length && merged.triggers.length === queued.triggers.length) return declined(state, "NOTHING_TO_CHANGE");
    return apply(state, { ...state.moderation, flags: replaceFlag(flags, index, merged) }, null, command);
  }
  const flag: Flag = {
    id: `f${command.seq}`,
    source,
    refId,
    authorId: command.memberId,
    authorName: name,
    text,
    at: command.at,
    tags: union<FlagTag>([], tags),
    triggers: union([], triggers),
    reporters: [],
    status: "open",
    assignee: null,
    firstResponseAt: null,
    handledAt: null,
    handledBy: null,
  };
  return apply(state, { ...state.moderation, flags: withFlag(flags, flag) }, null, command);
}

/**
 * The sender reports a chat line, once: it joins the queue tagged `report` (a line already queued gains the tag
 * and the reporter, and a handled one opens again). Their own line: SELF_MODERATION; a deleted line:
 * UNKNOWN_LINE; reported by them before: ALREADY_REPORTED.
 */
export function reportLine<S extends Moderated>(state: S, command: CommandOf<"lineReported">): Result<S> {
  const { lineId, authorId, authorName, text, name } = command.detail;
  const reporter = command.memberId;
  if (authorId === reporter) return declined(state, "SELF_MODERATION");
  if (own(state.moderation.deleted, lineId) !== undefined) return declined(state, "UNKNOWN_LINE");
  const { flags } = state.moderation;
  const index = flags.findIndex((flag) => flag.source === "chat" && flag.refId === lineId);
  const queued = flags[index];
  if (queued?.reporters.includes(reporter)) return declined(state, "ALREADY_REPORTED");
  const next =
    queued === undefined
      ? withFlag(flags, {
          id: `f${command.seq}`,
          source: "chat",
          refId: lineId,
          authorId,
          authorName,
          text,
          at: command.at,
          tags: ["report"],
          triggers: [],
          reporters: [reporter],
          status: "open",
          assignee: null,
          firstResponseAt: null,
          handledAt: null,
          handledBy: null,
        })
      : replaceFlag(flags, index, {
          ...queued,
          tags: union<FlagTag>(queued.tags, ["report"]),
          reporters: [...queued.reporters, reporter],
          // A handled line reported again waits for a host again (its first response stays the first).
          ...(queued.status === "handled" ? { status: "open", handledAt: null, handledBy: null } : {}),
        });
  const entry = { action: "report", by: sender(command, name), target: { memberId: authorId, name: authorName }, detail: { text }, note: "" } as const;
  return apply(state, { ...state.moderation, flags: next }, entry, command);
}

/**
 * A host answers a member privately (whisper `w<seq>`; the member keeps the last WHISPERS_KEPT). Answering a queued
 * line (`flagId`) is that line's first response if it had none; an unknown flag: UNKNOWN_FLAG.
 */
export function sendWhisper<S extends Moderated>(state: S, command: CommandOf<"whisperSent">): Result<S> {
  const { memberId, name, fromName, text, flagId } = command.detail;
  const { flags, whispers } = state.moderation;
  const index = flagId === null ? -1 : flagIndex(state.moderation, flagId);
  const flag = flags[index];
  if (flagId !== null && flag === undefined) return declined(state, "UNKNOWN_FLAG");
  const whisper = { id: `w${command.seq}`, flagId, fromName, text, at: command.at };
  const moderation: ModerationState = {
    ...state.moderation,
    whispers: { ...whispers, [memberId]: [...(own(whispers, memberId) ?? []), whisper].slice(-WHISPERS_KEPT) },
    flags: flag === undefined || flag.firstResponseAt !== null ? flags : replaceFlag(flags, index, { ...flag, firstResponseAt: command.at }),
  };
  const detail = flagId === null ? { text } : { text, flagId };
  return apply(state, moderation, { action: "whisper", by: sender(command, fromName), target: { memberId, name }, detail, note: "" }, command);
}

/** A host marks a queued line handled (its first response if it had none). Unknown: UNKNOWN_FLAG; handled: NOTHING_TO_CHANGE. */
export function handleFlag<S extends Moderated>(state: S, command: CommandOf<"flagHandled">): Result<S> {
  const { flagId, name } = command.detail;
  const index = flagIndex(state.moderation, flagId);
  const flag = state.moderation.flags[index];
  if (flag === undefined) return declined(state, "UNKNOWN_FLAG");
  if (flag.status === "handled") return declined(state, "NOTHING_TO_CHANGE");
  const by = sender(command, name);
  const handled: Flag = { ...flag, status: "handled", handledAt: command.at, handledBy: by, firstResponseAt: flag.firstResponseAt ?? command.at };
  const entry = { action: "handled", by, target: { memberId: flag.authorId, name: flag.authorName }, detail: { flagId }, note: "" } as const;
  return apply(state, { ...state.moderation, flags: replaceFlag(state.moderation.flags, index, handled) }, entry, command);
}

/**
 * A host hands a queued line on to another host (its first response if it had none). Unknown: UNKNOWN_FLAG;
 * handled already, or already with that host: NOTHING_TO_CHANGE.
 */
export function handOnFlag<S extends Moderated>(state: S, command: CommandOf<"flagHandedOn">): Result<S> {
  const { flagId, hostId, hostName, name } = command.detail;
  const index = flagIndex(state.moderation, flagId);
  const flag = state.moderation.flags[index];
  if (flag === undefined) return declined(state, "UNKNOWN_FLAG");
  if (flag.status === "handled" || flag.assignee?.memberId === hostId) return declined(state, "NOTHING_TO_CHANGE");
  const handedOn: Flag = { ...flag, status: "handedOn", assignee: { memberId: hostId, name: hostName }, firstResponseAt: flag.firstResponseAt ?? command.at };
  const entry = { action: "handedOn", by: sender(command, name), target: { memberId: hostId, name: hostName }, detail: { flagId }, note: "" } as const;
  return apply(state, { ...state.moderation, flags: replaceFlag(state.moderation.flags, index, handedOn) }, entry, command);
}

// ── The word list ─────────────────────────────────────────────────────────────

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((word, i) => word === b[i]);

/**
 * A host sets the session's word list: their additions to the shipped words and the shipped words switched off
 * (both normalised, `normaliseWords`). The list as it stands: NOTHING_TO_CHANGE (from none set, any list is new).
 */
export function setWords<S extends Moderated>(state: S, command: CommandOf<"wordsSet">): Result<S> {
  const words: WordListChange = { add: normaliseWords(command.detail.add), remove: normaliseWords(command.detail.remove) };
  const now = state.moderation.words;
  if (now !== null && sameList(now.add, words.add) && sameList(now.remove, words.remove)) return declined(state, "NOTHING_TO_CHANGE");
  const entry = { action: "words", by: sender(command, command.detail.name), target: null, detail: { add: words.add, remove: words.remove }, note: "" } as const;
  return apply(state, { ...state.moderation, words }, entry, command);
}
