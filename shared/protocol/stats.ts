import { z } from "zod";
import {
  HEALTH_INDICATORS,
  type CommunityReport,
  type HealthIndicatorId,
  type HealthThreshold,
  type IndicatorReading,
  type MemberSessionRow,
  type SessionReport,
} from "../rules/stats/types.js";

/**
 * The operator statistics API (docs/statistics.md, "API"): every route is under `/api/admin/stats`, behind the
 * operator token like the rest of the operator API. Requests are checked with these schemas; responses have these shapes.
 */

export const WEBHOOK_URL_MAX_LENGTH = 500;
/** A session id as the store makes them (UUIDs), checked before any query. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** The live view polls a running session this often. */
export const LIVE_REFRESH_MS = 5_000;

export const HealthThresholdSchema = z
  .object({
    when: z.enum(["below", "above"]),
    value: z.number().finite().min(-1_000_000).max(1_000_000),
    notify: z.boolean(),
  })
  .strict();

/** Whitespace or a control character (U+0000–U+001F, U+007F): never part of an address the operator meant. */
const hasSpaceOrControl = (value: string): boolean => [...value].some((char) => /\s/.test(char) || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

/** http(s), no user name or password, at most 500 characters; "" switches the webhook off. */
export const WebhookUrl = z
  .string()
  .max(WEBHOOK_URL_MAX_LENGTH)
  .refine((value) => {
    if (value === "") return true;
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.username === "" && url.password === "" && !hasSpaceOrControl(value);
    } catch {
      return false;
    }
  });

/** POST /api/admin/stats/events/:slug/settings: thresholds to change (the rest keep theirs) and the webhook address. */
export const StatsSettingsRequest = z
  .object({
    thresholds: z.partialRecord(z.enum(HEALTH_INDICATORS), HealthThresholdSchema).optional(),
    webhookUrl: WebhookUrl.optional(),
  })
  .strict();
export type StatsSettingsRequest = z.infer<typeof StatsSettingsRequest>;

export interface StatsSettings {
  thresholds: Record<HealthIndicatorId, HealthThreshold>;
  webhookUrl: string;
}

export interface EventRef {
  slug: string;
  title: string;
}

export interface SessionListItem {
  sessionId: string;
  startedAt: number;
  endedAt: number | null;
  live: boolean;
  members: number;
  peak: number;
  interactions: number;
  /** Indicators past their thresholds in this session. */
  breached: number;
}

/** GET /api/admin/stats/events/:slug/sessions — newest first. */
export interface EventSessionsResponse {
  event: EventRef;
  sessions: SessionListItem[];
}

/** GET /api/admin/stats/sessions/:id — every figure of the session, and its health against the event's earlier sessions. */
export interface SessionStatsResponse {
  event: EventRef;
  live: boolean;
  report: SessionReport;
  health: IndicatorReading[];
}

/** GET /api/admin/stats/sessions/:id/members — one row per member (the table behind attendance and dwell). */
export interface SessionMembersResponse {
  members: MemberSessionRow[];
}

/** GET /api/admin/stats/events/:slug/community (the event's sessions) and GET /api/admin/stats/community (every event's). */
export interface CommunityResponse {
  scope: EventRef | null;
  report: CommunityReport;
}

/** GET /api/admin/stats/events/:slug/health — each indicator per session (oldest first), the newest session's readings, the settings. */
export interface HealthHistoryResponse {
  event: EventRef;
  sessions: { sessionId: string; startedAt: number; values: Record<HealthIndicatorId, number | null> }[];
  readings: IndicatorReading[];
  settings: StatsSettings;
}

/** POST /api/admin/stats/events/:slug/settings answers with the settings as saved. */
export interface StatsSettingsResponse {
  settings: StatsSettings;
}

/** POST /api/admin/stats/events/:slug/webhook-test: a sample alert sent to the webhook now. */
export interface WebhookTestResponse {
  delivered: boolean;
  /** The webhook's HTTP status, null when it could not be reached. */
  status: number | null;
}
