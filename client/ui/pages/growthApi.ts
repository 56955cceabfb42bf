import { z } from "zod";
import { AvatarLook } from "../../../shared/protocol/index.js";
import { BADGES, COLLECTIBLE_RULES, POINT_KINDS, TIERS, TREE_STAGES } from "../../../shared/rules/growth/types.js";

/*
 * The growth pages' reads (docs/growth.md "HTTP"), each answer checked by a schema before a page shows it: a page
 * never renders what it did not expect. Unknown extra fields are let through (the server may say more).
 */

const Tier = z.enum(TIERS);
const Count = z.number().int().nonnegative();
const Metric = z.object({ has: z.number(), needs: z.number() });

export const MemberProfile = z.object({
  id: z.string(),
  name: z.string(),
  look: AvatarLook.nullable().optional(),
  tier: z.object({
    tier: Tier,
    next: z
      .object({
        tier: Tier,
        metrics: z.object({ sessions: Metric, kinds: Metric, energyFrom: Metric, answered: Metric, huntsCompleted: Metric }),
      })
      .nullable(),
  }),
  points: z.object({ total: z.number(), byKind: z.partialRecord(z.enum(POINT_KINDS), z.number()) }),
  badges: z.array(
    z.object({
      badge: z.enum(BADGES),
      at: z.number(),
      sessionId: z.string(),
      eventSlug: z.string().nullable().optional(),
      eventTitle: z.string().nullable().optional(),
    }),
  ),
  collectibles: z.array(
    z.object({
      id: z.string(),
      rule: z.enum(COLLECTIBLE_RULES),
      title: z.string(),
      quote: z.string(),
      seed: z.string(),
      mintedAt: z.number(),
      eventTitle: z.string().optional(),
    }),
  ),
  sessions: z.array(
    z.object({ sessionId: z.string(), eventSlug: z.string(), eventTitle: z.string(), startedAt: z.number(), endedAt: z.number().nullable().optional() }),
  ),
});
export type MemberProfile = z.infer<typeof MemberProfile>;

export const CollectibleAnswer = z.object({ record: z.unknown(), signature: z.string(), publicKey: z.string() });
export type CollectibleAnswer = z.infer<typeof CollectibleAnswer>;

export const PastSession = z.object({
  sessionId: z.string(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  tree: z.object({
    growth: z.number(),
    goal: z.number(),
    progress: z.number(),
    stage: z.enum(TREE_STAGES),
    contributors: Count,
    reachedAt: z.number().nullable(),
  }),
  reward: z.object({ text: z.string(), url: z.string().nullable() }).nullable(),
});
export type PastSession = z.infer<typeof PastSession>;
export const PastSessions = z.array(PastSession);

export const SalonOpened = z.object({ slug: z.string(), hostLink: z.string() });
export type SalonOpened = z.infer<typeof SalonOpened>;

/** What a read came to. */
export type Loaded<T> = { kind: "loading" } | { kind: "ready"; value: T } | { kind: "notFound" } | { kind: "failed" };

/** GETs `path` and checks the answer with `schema`: 404 is notFound, anything else unexpected is failed. */
export async function getJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<Loaded<T>> {
  let response: Response;
  try {
    response = await fetch(path, { signal: signal ?? null, headers: { accept: "application/json" } });
  } catch {
    return { kind: "failed" };
  }
  if (response.status === 404) return { kind: "notFound" };
  if (!response.ok) return { kind: "failed" };
  try {
    const parsed = schema.safeParse(await response.json());
    return parsed.success ? { kind: "ready", value: parsed.data } : { kind: "failed" };
  } catch {
    return { kind: "failed" };
  }
}

/**
 * A link the page may follow: a path on Grove's own origin, or an http(s) URL. Anything else (javascript:, data:) is
 * null, so a stored reward link can never run script.
 */
export function safeLink(url: string | null | undefined): string | null {
  if (!url) return null;
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}
