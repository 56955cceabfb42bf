import { z } from "zod";

/**
 * `GET /api/events`: the events anyone may see on `/`. An event appears once however many instances it has;
 * `online` counts the members connected across all of them (its live session's head-count), `live` is online > 0.
 */
export const PublicEvent = z.object({
  slug: z.string(),
  title: z.string(),
  live: z.boolean(),
  online: z.number().int().min(0),
});
export type PublicEvent = z.infer<typeof PublicEvent>;

export const PublicEventsResponse = z.object({ events: z.array(PublicEvent) });
export type PublicEventsResponse = z.infer<typeof PublicEventsResponse>;
