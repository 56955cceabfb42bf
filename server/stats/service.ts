import type {
  CommunityResponse,
  EventSessionsResponse,
  HealthHistoryResponse,
  SessionMembersResponse,
  SessionStatsResponse,
  StatsSettings,
  StatsSettingsRequest,
  WebhookTestResponse,
} from "../../shared/protocol/stats.js";

/**
 * The statistics service's face (docs/statistics.md): what the operator routes and the session-close hook call. One
 * implementation (StatsService.ts) over the store and the pure rules in shared/rules/stats. `undefined`: no such event
 * or session. Nothing here throws on bad input; the routes check ids and bodies before calling.
 */
export interface Stats {
  eventSessions(slug: string): Promise<EventSessionsResponse | undefined>;
  /** Every figure of one session: the stored rollup of an ended session (made if missing or of an older version), the incrementally folded figures of a live one. */
  session(sessionId: string): Promise<SessionStatsResponse | undefined>;
  sessionMembers(sessionId: string): Promise<SessionMembersResponse | undefined>;
  /** Across the event's sessions, or (slug null) every session of the community. */
  community(slug: string | null): Promise<CommunityResponse | undefined>;
  health(slug: string): Promise<HealthHistoryResponse | undefined>;
  settings(slug: string): Promise<StatsSettings | undefined>;
  saveSettings(slug: string, change: StatsSettingsRequest): Promise<StatsSettings | undefined>;
  testWebhook(slug: string): Promise<WebhookTestResponse | "noWebhook" | undefined>;
  /** A session closed: make its rollup and send its health alerts (once per session and indicator). Never throws. */
  sessionClosed(sessionId: string): Promise<void>;
  /**
   * Makes the missing rollups of ended sessions (none yet, or of an older rules version), oldest first, one at a time,
   * until done or `stopping()` says so: run in the background at start, so no operator waits for a big session's first
   * fold. Answers how many it made. Never throws; a session that fails is logged and skipped.
   */
  catchUp(stopping: () => boolean): Promise<number>;
}

/** Where the alert's link points (the public origin, e.g. https://grove.example.org); the webhook poster. */
export interface StatsOptions {
  publicUrl: () => string;
  /** Posts the alert; tests pass a real local HTTP server's URL, never a stub of this. Default: global fetch with a 5 s timeout, redirects not followed. */
  postJson?: (url: string, body: unknown) => Promise<{ status: number } | { error: string }>;
}
