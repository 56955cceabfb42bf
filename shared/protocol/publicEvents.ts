import { z } from "zod";

/**
 * `GET /api/events`: the events anyone may see on `/`. An event appears once however many instances it has;
 * `online` counts the members connected across all of them (its live session's head-count), `live` is online > 0.
 * `startsAt` / `endsAt` are the event's schedule (ms since the epoch), null when it has none.
 */
export const PublicEvent = z.object({
  slug: z.string(),
  title: z.string(),
  /** The operator's words about the event (set on /admin); empty when there are none. */
  description: z.string(),
  live: z.boolean(),
  online: z.number().int().min(0),
  startsAt: z.number().int().nullable(),
  endsAt: z.number().int().nullable(),
});
export type PublicEvent = z.infer<typeof PublicEvent>;

export const PublicEventsResponse = z.object({ events: z.array(PublicEvent) });
export type PublicEventsResponse = z.infer<typeof PublicEventsResponse>;

/** `GET /api/events/:slug`: one event, the same shape as in the list; an unknown slug answers 404 `{ error: "NOT_FOUND" }`. */
export const PublicEventResponse = z.object({ event: PublicEvent });
export type PublicEventResponse = z.infer<typeof PublicEventResponse>;
