import {
  CreateEventRequest,
  EVENT_CAPACITY_DEFAULT,
  EVENT_CAPACITY_MAX,
  EVENT_CAPACITY_MIN,
  EVENT_DESCRIPTION_MAX_LENGTH,
  EVENT_TITLE_MAX_LENGTH,
  UpdateEventRequest,
  type ErrorCode,
  type EventSummary,
} from "../../../shared/protocol/index.js";
import type { adminEn } from "../../i18n/admin.js";
import { FILTER_WORD_MAX_LENGTH, FILTER_WORDS_MAX } from "../../../shared/rules/moderation/types.js";
import { REWARD_TEXT_MAX_LENGTH, REWARD_URL_MAX_LENGTH, TREE_GOAL_MAX, TREE_GOAL_MIN } from "../../../shared/rules/growth/types.js";
import { parseWordList, sameWords, wordListText, type WordListInput } from "../../state/moderationFormat.js";

/** A message the page shows: one of its own keys (with placeholders), or a refusal code's. */
export type AdminKey = keyof typeof adminEn;
export type Message = { admin: AdminKey; params?: Record<string, string | number> } | { error: ErrorCode };

/** What the event form holds: the inputs' own strings, times as `<input type="datetime-local">` writes them. */
export interface EventFormValues {
  slug: string;
  title: string;
  description: string;
  capacity: string;
  startsAt: string;
  endsAt: string;
  /**
   * The keyword filter's list (docs/moderation.md), one word a line: words added to the shipped list, and shipped
   * words switched off. Only an edit has them (a new event starts with the shipped list).
   */
  wordsAdd?: string;
  wordsRemove?: string;
  /**
   * Growth (docs/growth.md): the tree's goal, the reward shown when it is reached (text and an optional link) and
   * whether evangelists may open salons of their own. Only an edit has them (a new event starts with the defaults).
   */
  treeGoal?: string;
  rewardText?: string;
  rewardUrl?: string;
  memberSalons?: boolean;
}
export type EventField = keyof EventFormValues;
export type FieldErrors = Partial<Record<EventField, Message>>;

export const NEW_EVENT_VALUES: EventFormValues = { slug: "", title: "", description: "", capacity: String(EVENT_CAPACITY_DEFAULT), startsAt: "", endsAt: "" };

const pad = (n: number) => String(n).padStart(2, "0");

/** UTC ms as a `datetime-local` value in the viewer's time zone, to the minute; '' for none. */
export function toLocalInput(ms: number | null): string {
  if (ms === null) return "";
  const d = new Date(ms);
  if (Number.isNaN(d.getTime()) || d.getFullYear() > 9999) return "";
  return `${String(d.getFullYear()).padStart(4, "0")}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * A `datetime-local` value (the viewer's time zone) as UTC ms; null when empty, "invalid" when it is no time (30
 * February is not 2 March). A time the clocks skip (a spring-forward gap) reads as the moment after the gap.
 */
export function fromLocalInput(value: string): number | null | "invalid" {
  const text = value.trim();
  if (text === "") return null;
  const parts = LOCAL_DATE_TIME.exec(text);
  if (!parts) return "invalid";
  const [year, month, day, hour, minute] = parts.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = Number(parts[6] ?? 0);
  const milli = Math.round(Number(`0.${parts[7] ?? 0}`) * 1000);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return "invalid";
  const date = new Date(2000, 0, 1, hour, minute, second, milli);
  date.setFullYear(year, month - 1, day);
  if (date.getMonth() !== month - 1 || date.getDate() !== day) return "invalid";
  const ms = date.getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : "invalid";
}

export function valuesOf(event: EventSummary): EventFormValues {
  return {
    slug: event.slug,
    title: event.title,
    description: event.description,
    capacity: String(event.capacity),
    startsAt: toLocalInput(event.startsAt),
    endsAt: toLocalInput(event.endsAt),
    wordsAdd: wordListText(event.words.add),
    wordsRemove: wordListText(event.words.remove),
    treeGoal: String(event.treeGoal),
    rewardText: event.rewardText,
    rewardUrl: event.rewardUrl ?? "",
    memberSalons: event.memberSalons,
  };
}

const FIELD_MESSAGES: Record<EventField, Message> = {
  slug: { admin: "invalidSlug" },
  title: { admin: "invalidTitle", params: { max: EVENT_TITLE_MAX_LENGTH } },
  description: { admin: "invalidDescription", params: { max: EVENT_DESCRIPTION_MAX_LENGTH } },
  capacity: { admin: "invalidCapacity", params: { min: EVENT_CAPACITY_MIN, max: EVENT_CAPACITY_MAX } },
  startsAt: { admin: "invalidTime" },
  endsAt: { admin: "invalidTime" },
  wordsAdd: { admin: "invalidWordsMany", params: { max: FILTER_WORDS_MAX } },
  wordsRemove: { admin: "invalidWordsMany", params: { max: FILTER_WORDS_MAX } },
  treeGoal: { admin: "invalidTreeGoal", params: { min: TREE_GOAL_MIN, max: TREE_GOAL_MAX } },
  rewardText: { admin: "invalidRewardText", params: { max: REWARD_TEXT_MAX_LENGTH } },
  rewardUrl: { admin: "invalidRewardUrl", params: { max: REWARD_URL_MAX_LENGTH } },
  // A checkbox holds no wrong value; the entry keeps the table total.
  memberSalons: { admin: "formHasErrors" },
};

function isField(key: PropertyKey | undefined): key is EventField {
  return typeof key === "string" && key in FIELD_MESSAGES;
}

/** The growth fields the form holds, as the operator API takes them (absent when the form has none). */
interface GrowthFields {
  treeGoal?: number;
  rewardText?: string;
  rewardUrl?: string;
  memberSalons?: boolean;
}

/** A whole number typed in a field (spaces around allowed), else NaN so the schema names the field. */
const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** The form's fields as the operator API takes them, or the fields that cannot be (times first, then the schema). */
function fieldsOf(values: EventFormValues): {
  fields: { title: string; description: string; capacity: number; startsAt: number | null; endsAt: number | null } & GrowthFields;
  errors: FieldErrors;
} {
  const startsAt = fromLocalInput(values.startsAt);
  const endsAt = fromLocalInput(values.endsAt);
  const errors: FieldErrors = {};
  if (startsAt === "invalid") errors.startsAt = FIELD_MESSAGES.startsAt;
  if (endsAt === "invalid") errors.endsAt = FIELD_MESSAGES.endsAt;
  const growth: GrowthFields = {};
  if (values.treeGoal !== undefined) growth.treeGoal = wholeNumber(values.treeGoal);
  if (values.rewardText !== undefined) growth.rewardText = values.rewardText;
  if (values.rewardUrl !== undefined) growth.rewardUrl = values.rewardUrl;
  if (values.memberSalons !== undefined) growth.memberSalons = values.memberSalons;
  return {
    fields: { title: values.title, description: values.description, capacity: wholeNumber(values.capacity), startsAt: startsAt === "invalid" ? null : startsAt, endsAt: endsAt === "invalid" ? null : endsAt, ...growth },
    errors,
  };
}

/** Each schema issue on the field it names; a schedule that ends before it starts is said so on the end. */
function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; code: string }[], errors: FieldErrors): FieldErrors {
  for (const issue of issues) {
    const field = issue.path[0];
    if (!isField(field) || errors[field]) continue;
    errors[field] = field === "endsAt" && issue.code === "custom" ? { admin: "endsBeforeStart" } : FIELD_MESSAGES[field];
  }
  return errors;
}

/** The create request the form describes, checked by the same schema the server uses. */
export function createRequestFrom(values: EventFormValues): { request: CreateEventRequest } | { errors: FieldErrors } {
  const { fields, errors } = fieldsOf(values);
  const request: CreateEventRequest = { slug: values.slug.trim(), ...fields };
  const parsed = CreateEventRequest.safeParse(request);
  if (parsed.success && Object.keys(errors).length === 0) return { request };
  return { errors: issuesToErrors(parsed.success ? [] : parsed.error.issues, errors) };
}

/**
 * The edit the form describes: only the fields that differ from what it started with, so an edit does not undo
 * another operator's change to a field this one left alone. The whole form is checked, so a schedule is checked as
 * it will be once merged.
 */
export function patchFrom(initial: EventFormValues, values: EventFormValues): { patch: UpdateEventRequest } | { errors: FieldErrors } {
  const { fields, errors } = fieldsOf(values);
  const parsed = UpdateEventRequest.safeParse(fields);
  if (!parsed.success || Object.keys(errors).length > 0) return { errors: issuesToErrors(parsed.success ? [] : parsed.error.issues, errors) };
  const patch: UpdateEventRequest = {};
  if (values.title !== initial.title) patch.title = fields.title;
  if (values.description !== initial.description) patch.description = fields.description;
  if (values.capacity !== initial.capacity) patch.capacity = fields.capacity;
  if (values.startsAt !== initial.startsAt) patch.startsAt = fields.startsAt;
  if (values.endsAt !== initial.endsAt) patch.endsAt = fields.endsAt;
  if (values.treeGoal !== initial.treeGoal && fields.treeGoal !== undefined) patch.treeGoal = fields.treeGoal;
  if (values.rewardText !== initial.rewardText && fields.rewardText !== undefined) patch.rewardText = fields.rewardText;
  if (values.rewardUrl !== initial.rewardUrl && fields.rewardUrl !== undefined) patch.rewardUrl = fields.rewardUrl;
  if (values.memberSalons !== initial.memberSalons && fields.memberSalons !== undefined) patch.memberSalons = fields.memberSalons;
  const words = wordsOf(initial, values);
  if ("errors" in words) return { errors: words.errors };
  if (words.words) patch.words = words.words;
  return { patch };
}

/** Why one typed word list cannot go, as the form says it; null when it can. */
function wordsProblem(input: WordListInput): Message | null {
  if (input.tooLong.length > 0) return { admin: "invalidWordsLong", params: { max: FILTER_WORD_MAX_LENGTH, words: input.tooLong.join(", ") } };
  if (input.tooMany) return { admin: "invalidWordsMany", params: { max: FILTER_WORDS_MAX } };
  return null;
}

/**
 * The word list an edit sends: both lists (the API replaces both), and only when either differs from what the form
 * started with as a set of words (retyping the same words in another order, or another case, changes nothing).
 */
function wordsOf(initial: EventFormValues, values: EventFormValues): { words: { add: string[]; remove: string[] } | null } | { errors: FieldErrors } {
  if (values.wordsAdd === undefined && values.wordsRemove === undefined) return { words: null };
  const add = parseWordList(values.wordsAdd ?? "");
  const remove = parseWordList(values.wordsRemove ?? "");
  const errors: FieldErrors = {};
  const addProblem = wordsProblem(add);
  const removeProblem = wordsProblem(remove);
  if (addProblem) errors.wordsAdd = addProblem;
  if (removeProblem) errors.wordsRemove = removeProblem;
  if (addProblem || removeProblem) return { errors };
  const before = { add: parseWordList(initial.wordsAdd ?? "").words, remove: parseWordList(initial.wordsRemove ?? "").words };
  if (sameWords(add.words, before.add) && sameWords(remove.words, before.remove)) return { words: null };
  return { words: { add: [...add.words], remove: [...remove.words] } };
}
