import type { TFunction } from "i18next";
import {
  FILTER_WORD_MAX_LENGTH,
  FILTER_WORDS_MAX,
  type Flag,
  type ModerationLogEntry,
  type ModerationMineView,
  type Mute,
} from "../../shared/rules/moderation/types.js";

// Moderation as the page words and counts it: pure functions of their arguments (`t` is i18next's, `now` is passed),
// so the wording is tested in both languages without a browser.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The mute lengths a host picks from, in minutes; null: for the rest of the session. */
export const MUTE_CHOICES: readonly (number | null)[] = [1, 5, 30, 60, null];
/** Slow mode's choices, in seconds; 0: off. */
export const SLOW_MODE_CHOICES: readonly number[] = [0, 5, 10, 30, 60];

/** A length the host chose (a mute's), in its largest whole unit: "30 minutes", "1 hour", "90 minutes". */
export function describeDuration(ms: number, t: TFunction): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole >= HOUR && whole % HOUR === 0) return t("moderation.duration.hours", { count: whole / HOUR });
  if (whole >= MINUTE) return t("moderation.duration.minutes", { count: Math.round(whole / MINUTE) });
  return t("moderation.duration.seconds", { count: Math.round(whole / SECOND) });
}

/**
 * A span that passed (how long a line has waited, the median first response), as short as reads well: seconds under
 * a minute, minutes and seconds under ten minutes, minutes under an hour, then hours and minutes. Never negative.
 */
export function describeSpan(ms: number, t: TFunction): string {
  const total = Math.max(0, Math.floor(Number.isFinite(ms) ? ms / SECOND : 0));
  if (total < 60) return t("moderation.span.seconds", { count: total });
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes < 10 && seconds > 0) return t("moderation.span.minutesSeconds", { minutes, seconds });
  if (minutes < 60) return t("moderation.span.minutes", { count: minutes });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest > 0 ? t("moderation.span.hoursMinutes", { hours, minutes: rest }) : t("moderation.span.hours", { count: hours });
}

/** A countdown: m:ss, or h:mm:ss from an hour up, rounded up to the second (so 0:00 shows only once it is over). */
export function formatTimeLeft(ms: number): string {
  const total = Math.max(0, Math.ceil((Number.isFinite(ms) ? ms : 0) / SECOND));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** A member's own mute as their view has it: still in force at `serverNow` (a timed one ends by itself). */
export function muteInForce(muted: ModerationMineView["muted"], serverNow: number): boolean {
  return muted !== null && (muted.until === null || serverNow < muted.until);
}

/** The host view's mutes still in force at `serverNow` (the view lists those in force when it was built). */
export function mutesInForce(mutes: readonly Mute[], serverNow: number): readonly Mute[] {
  return mutes.filter((mute) => mute.until === null || serverNow < mute.until);
}

/** Why a member is muted, in words for them: a host's reason when given, or what the automatic mute counted. */
export function describeMuteReason(muted: NonNullable<ModerationMineView["muted"]>, t: TFunction): string {
  if (muted.reason === "filter") return t("moderation.notice.reasonFilter");
  if (muted.reason === "rate") return t("moderation.notice.reasonRate");
  return muted.note.trim() ? t("moderation.notice.reasonHostNote", { note: muted.note.trim() }) : t("moderation.notice.reasonHost");
}

/** The queue split as the console shows it: lines still waiting for a host (oldest first), then the handled ones. */
export function queueParts(queue: readonly Flag[]): { waiting: readonly Flag[]; handled: readonly Flag[] } {
  return { waiting: queue.filter((flag) => flag.status !== "handled"), handled: queue.filter((flag) => flag.status === "handled") };
}

const quoted = (text: string | undefined, t: TFunction): string => t("moderation.log.quote", { text: clip(text ?? "") });

/** Long lines in the log are cut to this many characters (the log is a list, the whole line is in the queue). */
export const LOG_TEXT_MAX = 120;

function clip(text: string): string {
  const chars = [...text];
  return chars.length > LOG_TEXT_MAX ? `${chars.slice(0, LOG_TEXT_MAX - 1).join("")}…` : text;
}

/**
 * One moderation log entry as a sentence: who did what, to whom (the reason and the time are shown beside it).
 * Names are the ones the entry carries; a missing one reads as "someone".
 */
export function describeLogEntry(entry: ModerationLogEntry, t: TFunction): string {
  const someone = t("moderation.log.someone");
  const by = entry.by?.name ?? someone;
  const target = entry.target?.name ?? someone;
  const { detail } = entry;
  switch (entry.action) {
    case "mute":
      return detail.durationMs == null
        ? t("moderation.log.muteSession", { by, target })
        : t("moderation.log.mute", { by, target, duration: describeDuration(detail.durationMs, t) });
    case "unmute":
      return t("moderation.log.unmute", { by, target });
    case "autoMute": {
      const duration = detail.durationMs == null ? t("moderation.log.forSession") : describeDuration(detail.durationMs, t);
      return detail.offence === "rate" ? t("moderation.log.autoMuteRate", { target, duration }) : t("moderation.log.autoMuteFilter", { target, duration });
    }
    case "remove":
      return t("moderation.log.remove", { by, target });
    case "lock":
      return t("moderation.log.lock", { by });
    case "unlock":
      return t("moderation.log.unlock", { by });
    case "slowMode":
      return detail.seconds ? t("moderation.log.slowMode", { by, count: detail.seconds }) : t("moderation.log.slowModeOff", { by });
    case "deleteLine":
      return t("moderation.log.deleteLine", { by, target, text: quoted(detail.text, t) });
    case "words":
      return t("moderation.log.words", {
        by,
        added: (detail.add ?? []).length > 0 ? (detail.add ?? []).join(t("moderation.log.listSeparator")) : t("moderation.log.noWords"),
        removed: (detail.remove ?? []).length > 0 ? (detail.remove ?? []).join(t("moderation.log.listSeparator")) : t("moderation.log.noWords"),
      });
    case "report":
      return t("moderation.log.report", { by, target, text: quoted(detail.text, t) });
    case "whisper":
      return t("moderation.log.whisper", { by, target, text: quoted(detail.text, t) });
    case "handled":
      return entry.target ? t("moderation.log.handledOf", { by, target }) : t("moderation.log.handled", { by });
    case "handedOn":
      return t("moderation.log.handedOn", { by, target });
  }
}

/** A word list typed one word a line, as the server will take it, or why it cannot go. */
export interface WordListInput {
  /** Trimmed, NFKC, lower-cased, without empties or repeats, in the order typed (the server sorts). */
  words: readonly string[];
  /** Words longer than FILTER_WORD_MAX_LENGTH, as typed. */
  tooLong: readonly string[];
  /** More than FILTER_WORDS_MAX words. */
  tooMany: boolean;
}

/** Reads a textarea of words, one a line (a Chinese or English comma between words also separates them). */
export function parseWordList(text: string): WordListInput {
  const seen = new Set<string>();
  const words: string[] = [];
  const tooLong: string[] = [];
  for (const raw of text.split(/[\r\n,，、]+/)) {
    const word = raw.normalize("NFKC").trim().toLowerCase();
    if (word === "" || seen.has(word)) continue;
    seen.add(word);
    if (word.length > FILTER_WORD_MAX_LENGTH) tooLong.push(raw.trim());
    else words.push(word);
  }
  return { words, tooLong, tooMany: words.length > FILTER_WORDS_MAX };
}

/** Why a typed list cannot go, in words; null when it can. */
export function wordListProblem(input: WordListInput, t: TFunction): string | null {
  if (input.tooLong.length > 0) return t("moderation.host.words.tooLong", { max: FILTER_WORD_MAX_LENGTH, words: input.tooLong.join(t("moderation.log.listSeparator")) });
  if (input.tooMany) return t("moderation.host.words.tooMany", { max: FILTER_WORDS_MAX });
  return null;
}

/** A word list for its textarea: one word a line. */
export function wordListText(words: readonly string[] | undefined): string {
  return (words ?? []).join("\n");
}

/** Whether two word lists hold the same words (in any order). */
export function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((word) => set.has(word));
}
