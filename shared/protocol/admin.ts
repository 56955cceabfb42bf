import { z } from "zod";
import { ErrorCode } from "./errors.js";
import { SLUG_PATTERN } from "./limits.js";
import { hasVisibleContent, normaliseLine } from "../rules/visibleText.js";
import { normaliseWords } from "../rules/moderation/moderation.js";
import { FILTER_WORD_MAX_LENGTH, FILTER_WORDS_MAX } from "../rules/moderation/types.js";
import { REWARD_TEXT_MAX_LENGTH, REWARD_URL_MAX_LENGTH, TREE_GOAL_MAX, TREE_GOAL_MIN } from "../rules/growth/types.js";

/**
 * The operator API (`/api/admin/…`, `Authorization: Bearer <operator token>`). Every body in and out is one of
 * these; a refusal is `ApiError` with a status (see docs/protocol.md).
 */

/** Longest event title, in characters after normalising. */
export const EVENT_TITLE_MAX_LENGTH = 80;
/** Fewest and most members an event may hold, and what it holds when the operator does not say. */
export const EVENT_CAPACITY_MIN = 2;
export const EVENT_CAPACITY_MAX = 500;
export const EVENT_CAPACITY_DEFAULT = 200;

/** Longest event description, in characters after normalising. */
export const EVENT_DESCRIPTION_MAX_LENGTH = 500;

/** The query parameter of a host link: `/e/<slug>?host=<token>`. */
export const HOST_LINK_PARAM = "host";

/** An event title, normalised like a display name (one line, marks capped), 1..80 characters, and something visible. */
export const EventTitle = z
  .string()
  .transform(normaliseLine)
  .pipe(z.string().min(1).max(EVENT_TITLE_MAX_LENGTH).refine(hasVisibleContent, { message: "The title shows nothing." }));

/**
 * An event description as Grove keeps it: each line normalised like a title, at most one blank line between
 * paragraphs and none at either end; text that shows nothing becomes ''. Invariant: normalising twice equals once.
 */
export function normaliseDescription(text: string): string {
  const lines = text.split(/\r\n|[\r\n]/).map(normaliseLine);
  const kept = lines.filter((line, i) => line !== "" || (i > 0 && lines[i - 1] !== ""));
  const joined = kept.join("\n").trim();
  return hasVisibleContent(joined) ? joined : "";
}

/** An event description: normalised (see normaliseDescription), 0..500 characters; '' is no description. */
export const EventDescription = z.string().transform(normaliseDescription).pipe(z.string().max(EVENT_DESCRIPTION_MAX_LENGTH));

/** An event's capacity: a whole number of members, 2..500. */
export const EventCapacity = z.number().int().min(EVENT_CAPACITY_MIN).max(EVENT_CAPACITY_MAX);

/** The latest time JavaScript's Date can hold (UTC ms); a schedule time beyond it is no time at all. */
export const SCHEDULE_TIME_MAX_MS = 8_640_000_000_000_000;

/**
 * A time in an event's schedule: UTC milliseconds since the epoch (a non-negative integer), or an ISO 8601 date-time
 * with its offset (`2025-06-01T19:30:00+08:00`, `…Z`), read as that instant. Either way it becomes UTC ms.
 */
export const ScheduleTime = z.union([
  z.number().int().min(0).max(SCHEDULE_TIME_MAX_MS),
  z.iso
    .datetime({ offset: true })
    .transform((text) => Date.parse(text))
    .pipe(z.number().int().min(0).max(SCHEDULE_TIME_MAX_MS)),
]);

/** One of an event's word lists, kept as the moderation rules keep it (`normaliseWords`); every word still fits after. */
const FilterWordList = z
  .array(z.string().max(FILTER_WORD_MAX_LENGTH))
  .max(FILTER_WORDS_MAX)
  .transform(normaliseWords)
  .pipe(z.array(z.string().min(1).max(FILTER_WORD_MAX_LENGTH)));

/**
 * An event's keyword list (docs/moderation.md): words added to the filter's shipped list and shipped words switched
 * off. The event's next session starts with it; a live session takes it at once.
 */
export const EventWords = z.object({ add: FilterWordList, remove: FilterWordList }).strict();
export type EventWords = z.output<typeof EventWords>;

/** The tree's goal (docs/growth.md): a whole number of growth units, TREE_GOAL_MIN..TREE_GOAL_MAX. */
export const TreeGoal = z.number().int().min(TREE_GOAL_MIN).max(TREE_GOAL_MAX);

/** The reward's text, shown to all when the goal is reached: one line, normalised like a title, at most 200 characters ('' none). */
export const RewardText = z
  .string()
  .transform(normaliseLine)
  .pipe(z.string().max(REWARD_TEXT_MAX_LENGTH))
  .transform((text) => (hasVisibleContent(text) ? text : ""));

/** Whether `text` is a plain `http(s)://host/…` address, by the WHATWG parser, without a user name or password. */
function isWebAddress(text: string): boolean {
  // The parser forgives `https:host`, `https:///host` and more; only the plain shape is taken.
  const shape = /^https?:\/\/([^/?#\s]+)/i.exec(text);
  if (shape === null || shape[1]?.includes("@")) return false;
  try {
    const parsed = new URL(text);
    return (parsed.protocol === "https:" || parsed.protocol === "http:") && parsed.username === "" && parsed.password === "" && parsed.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * The reward's link: '' (none), or an http(s) address without credentials, at most 500 characters, kept as the
 * parser writes it (so what the page links to is what was checked).
 */
export const RewardUrl = z
  .string()
  .max(REWARD_URL_MAX_LENGTH)
  .transform((text) => text.trim())
  .refine((text) => text === "" || isWebAddress(text), { message: "The link is not an http(s) address." })
  .transform((text) => (text === "" ? "" : new URL(text).href))
  .pipe(z.string().max(REWARD_URL_MAX_LENGTH));

/** Growth's event fields, the same on create and edit. */
const growthFields = {
  treeGoal: TreeGoal,
  rewardText: RewardText,
  rewardUrl: RewardUrl,
  /** Whether evangelists may open salons of their own from the event's page. */
  memberSalons: z.boolean(),
};

/**
 * `POST /api/admin/events`. Unknown fields are refused, so a misspelt `capacity` is not silently the default.
 * `startsAt` / `endsAt` are optional (null or absent: none); when both are given the end comes after the start.
 */
export const CreateEventRequest = z
  .object({
    slug: z.string().regex(SLUG_PATTERN),
    title: EventTitle,
    description: EventDescription.default(""),
    capacity: EventCapacity.default(EVENT_CAPACITY_DEFAULT),
    startsAt: ScheduleTime.nullable().default(null),
    endsAt: ScheduleTime.nullable().default(null),
    treeGoal: growthFields.treeGoal.optional(),
    rewardText: growthFields.rewardText.optional(),
    rewardUrl: growthFields.rewardUrl.optional(),
    memberSalons: growthFields.memberSalons.optional(),
  })
  .strict()
  .refine((event) => event.startsAt === null || event.endsAt === null || event.endsAt > event.startsAt, {
    message: "The event ends before it starts.",
    path: ["endsAt"],
  });
export type CreateEventRequest = z.input<typeof CreateEventRequest>;
export type ParsedCreateEventRequest = z.output<typeof CreateEventRequest>;

/**
 * `PATCH /api/admin/events/<slug>`: any of the event's title, description, capacity, schedule (`null` clears a
 * time) and keyword list (both lists, replacing the stored ones); what is left out stays. The slug is not editable (an unknown field, `slug` included, is refused). The end
 * must come after the start once the patch is merged over the stored schedule: checked here when both are given,
 * by the store otherwise.
 */
export const UpdateEventRequest = z
  .object({
    title: EventTitle.optional(),
    description: EventDescription.optional(),
    capacity: EventCapacity.optional(),
    startsAt: ScheduleTime.nullable().optional(),
    endsAt: ScheduleTime.nullable().optional(),
    words: EventWords.optional(),
    treeGoal: growthFields.treeGoal.optional(),
    rewardText: growthFields.rewardText.optional(),
    rewardUrl: growthFields.rewardUrl.optional(),
    memberSalons: growthFields.memberSalons.optional(),
  })
  .strict()
  .refine((patch) => patch.startsAt == null || patch.endsAt == null || patch.endsAt > patch.startsAt, {
    message: "The event ends before it starts.",
    path: ["endsAt"],
  });
export type UpdateEventRequest = z.input<typeof UpdateEventRequest>;

/** An event as the operator sees it, schedule included: `online` counts connected members across its instances; `live` is online > 0. */
export const EventSummary = z.object({
  slug: z.string(),
  title: z.string(),
  /** '' when the event has none. */
  description: z.string(),
  capacity: z.number().int(),
  online: z.number().int().nonnegative(),
  live: z.boolean(),
  /** The event's schedule (UTC ms), null when it has none. */
  startsAt: z.number().int().nullable(),
  endsAt: z.number().int().nullable(),
  /** The keyword filter's changes to its shipped list (empty lists: the shipped list as it is). */
  words: z.object({ add: z.array(z.string()), remove: z.array(z.string()) }),
  /** Growth (docs/growth.md): the tree's goal, the reward ('' and null: none) and whether members may open salons. */
  treeGoal: z.number().int(),
  rewardText: z.string(),
  rewardUrl: z.string().nullable(),
  memberSalons: z.boolean(),
});
export type EventSummary = z.infer<typeof EventSummary>;

/** `PATCH /api/admin/events/<slug>` answers 200 with the event as it is now. */
export const UpdateEventResponse = z.object({ event: EventSummary });
export type UpdateEventResponse = z.infer<typeof UpdateEventResponse>;

/** `GET /api/admin/events`: every event, oldest first. */
export const ListEventsResponse = z.object({ events: z.array(EventSummary) });
export type ListEventsResponse = z.infer<typeof ListEventsResponse>;

/**
 * A fresh host link (`POST /api/admin/events/<slug>/host-link`). Links are paths on Grove's own origin; the host
 * link is bound to the event (its id, so a slug deleted and made again does not inherit it) and lasts until
 * `hostLinkExpiresAt` (UTC ms).
 */
export const HostLinkResponse = z.object({
  memberLink: z.string(),
  hostLink: z.string(),
  hostLinkExpiresAt: z.number().int(),
});
export type HostLinkResponse = z.infer<typeof HostLinkResponse>;

/** `POST /api/admin/events` answers 201 with the new event and both of its links. */
export const CreateEventResponse = HostLinkResponse.extend({ event: EventSummary });
export type CreateEventResponse = z.infer<typeof CreateEventResponse>;

/** Every refusal of the operator API: a status and a code, never a sentence. */
export const ApiError = z.object({ error: ErrorCode });
export type ApiError = z.infer<typeof ApiError>;

/** The member link of an event: a path on Grove's origin. */
export function memberLinkPath(slug: string): string {
  return `/e/${slug}`;
}

/** The host link of an event: its member link with the signed token (URL-safe base64, so it needs no escaping). */
export function hostLinkPath(slug: string, token: string): string {
  return `${memberLinkPath(slug)}?${HOST_LINK_PARAM}=${encodeURIComponent(token)}`;
}
