import { z } from "zod";
import { ApiError, type ErrorCode } from "../../../../shared/protocol/index.js";
import type {
  CommunityResponse,
  EventSessionsResponse,
  HealthHistoryResponse,
  SessionMembersResponse,
  SessionStatsResponse,
  StatsSettingsRequest,
  StatsSettingsResponse,
  WebhookTestResponse,
} from "../../../../shared/protocol/stats.js";
import type { AdminFailure, AdminResult } from "../adminApi.js";

/**
 * The operator statistics calls (docs/statistics.md, "API"), with the operator token the admin page keeps
 * (adminApi.ts storedToken). Failures read as the admin page's do, so its messages (errors.<CODE>) apply.
 */

// The shapes the pages lean on before drawing: a body that is not one of these is the server's fault (INTERNAL),
// not a crash in a chart. The figures themselves were made by the server's own rules.
const ReportShape = z.object({ sessionId: z.string(), startedAt: z.number(), attendance: z.object({ members: z.number() }), hours: z.array(z.number()) });
const EventShape = z.object({ slug: z.string(), title: z.string() });
const SessionStatsShape = z.object({ event: EventShape, live: z.boolean(), report: ReportShape, health: z.array(z.object({ id: z.string() })) });
const SessionsShape = z.object({ event: EventShape, sessions: z.array(z.object({ sessionId: z.string(), startedAt: z.number() })) });
const MembersShape = z.object({ members: z.array(z.object({ memberId: z.string(), dwellMs: z.number() })) });
const CommunityShape = z.object({ scope: EventShape.nullable(), report: z.object({ sessions: z.array(z.object({ sessionId: z.string() })), hours: z.array(z.number()) }) });
const SettingsShape = z.object({ thresholds: z.record(z.string(), z.object({ when: z.string(), value: z.number(), notify: z.boolean() })), webhookUrl: z.string() });
const HealthShape = z.object({ event: EventShape, sessions: z.array(z.object({ sessionId: z.string() })), readings: z.array(z.object({ id: z.string() })), settings: SettingsShape });
const SettingsResponseShape = z.object({ settings: SettingsShape });
const WebhookTestShape = z.object({ delivered: z.boolean(), status: z.number().nullable() });

function retryAfter(response: Response): number | null {
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

async function call<T>(token: string, method: string, path: string, shape: z.ZodType, body?: unknown): Promise<AdminResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/api/admin/stats${path}`, {
      method,
      headers: { accept: "application/json", authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: "no-store",
    });
  } catch {
    return { ok: false, failure: { kind: "unreachable" } };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (response.ok) {
    // The shape check covers what the pages read first; the rest is the server's own type (shared/protocol/stats.ts).
    return shape.safeParse(json).success ? { ok: true, value: json as T } : { ok: false, failure: { kind: "refused", status: response.status, code: "INTERNAL", retryAfterSeconds: null } };
  }
  const refusal = ApiError.safeParse(json);
  const code: ErrorCode = refusal.success ? refusal.data.error : response.status === 401 ? "UNAUTHORIZED" : response.status === 429 ? "RATE_LIMITED" : "INTERNAL";
  const failure: AdminFailure = { kind: "refused", status: response.status, code, retryAfterSeconds: retryAfter(response) };
  return { ok: false, failure };
}

const eventPath = (slug: string) => `/events/${encodeURIComponent(slug)}`;
const sessionPath = (id: string) => `/sessions/${encodeURIComponent(id)}`;

export const loadEventSessions = (token: string, slug: string) => call<EventSessionsResponse>(token, "GET", `${eventPath(slug)}/sessions`, SessionsShape);
export const loadSessionStats = (token: string, id: string) => call<SessionStatsResponse>(token, "GET", sessionPath(id), SessionStatsShape);
export const loadSessionMembers = (token: string, id: string) => call<SessionMembersResponse>(token, "GET", `${sessionPath(id)}/members`, MembersShape);
/** The event's community (slug) or every event's (null). */
export const loadCommunity = (token: string, slug: string | null) =>
  call<CommunityResponse>(token, "GET", slug === null ? "/community" : `${eventPath(slug)}/community`, CommunityShape);
export const loadHealth = (token: string, slug: string) => call<HealthHistoryResponse>(token, "GET", `${eventPath(slug)}/health`, HealthShape);
export const saveStatsSettings = (token: string, slug: string, request: StatsSettingsRequest) =>
  call<StatsSettingsResponse>(token, "POST", `${eventPath(slug)}/settings`, SettingsResponseShape, request);
export const testWebhook = (token: string, slug: string) => call<WebhookTestResponse>(token, "POST", `${eventPath(slug)}/webhook-test`, WebhookTestShape);
