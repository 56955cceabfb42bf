import type {
  CommunityResponse,
  EventRef,
  EventSessionsResponse,
  HealthHistoryResponse,
  SessionListItem,
  SessionMembersResponse,
  SessionStatsResponse,
  StatsSettings,
  StatsSettingsRequest,
  WebhookTestResponse,
} from "../../shared/protocol/stats.js";
import { communityReport } from "../../shared/rules/stats/community.js";
import { HEALTH_DEFINITIONS, healthAlert, healthReadings, indicatorValues, mergeThresholds } from "../../shared/rules/stats/health.js";
import { createSessionFold, foldSessionRows, sessionRollup, type SessionFold } from "../../shared/rules/stats/session.js";
import {
  HEALTH_INDICATORS,
  STATS_VERSION,
  type HealthAlert,
  type HealthIndicatorId,
  type HealthThreshold,
  type IndicatorReading,
  type SessionContext,
  type SessionReport,
  type SessionRollup,
  type SessionSummary,
} from "../../shared/rules/stats/types.js";
import type { GroveEvent, SessionRecord, SessionWithRollup, Store, StoredRollup } from "../store/index.js";
import type { Stats, StatsOptions } from "./service.js";

export interface StatsServiceOptions extends StatsOptions {
  store: Store;
  now: () => number;
  log: (message: string, error?: unknown) => void;
}

/** Log rows read per query while folding: a million-row session is folded in bounded memory, one range scan at a time. */
export const STATS_FOLD_BATCH = 5_000;
/** How long the default poster waits for the webhook. */
export const WEBHOOK_TIMEOUT_MS = 5_000;


/** The default poster: one JSON POST, redirects not followed (a 3xx is an answer, not a delivery), 5 s at most. */
async function fetchJson(url: string, body: unknown): Promise<{ status: number } | { error: string }> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    // The answer's body is of no use; cancelling it frees the connection.
    await response.body?.cancel().catch(() => {});
    return { status: response.status };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

const delivered = (result: { status: number } | { error: string }): result is { status: number } => "status" in result && result.status >= 200 && result.status < 300;

/** A stored rollup made by this version of the rules, or null (none, an older version, or a shape that is not one: made again). */
function currentRollup(stored: StoredRollup | null | undefined): SessionRollup | null {
  if (!stored || stored.version !== STATS_VERSION) return null;
  const { report, members } = stored;
  if (typeof report !== "object" || report === null || !Array.isArray(members)) return null;
  // The service alone writes rollups, so one of the current version has the current shape.
  return { report: report as SessionReport, members: members as SessionRollup["members"] };
}

const eventRef = (event: GroveEvent): EventRef => ({ slug: event.slug, title: event.title });

/**
 * The statistics service (docs/statistics.md): the pure rules of shared/rules/stats over the store. An ended session's
 * figures are its stored rollup (made once, again when the rules' version changes); a live session's are folded
 * forward from the last row read, with presence read afresh each call. Concurrent calls for one session share one
 * computation, so a page polled by several operators folds each row once.
 */
export function createStatsService(options: StatsServiceOptions): Stats {
  const { store, now, log } = options;
  const postJson = options.postJson ?? fetchJson;
  /** Live sessions' folds; each knows the last row it read (lastRowId), so the next call reads only the rows after it. */
  const live = new Map<string, SessionFold>();
  const computing = new Map<string, Promise<SessionRollup>>();

  async function foldForward(fold: SessionFold): Promise<void> {
    for (;;) {
      const rows = await store.interactionRows(fold.sessionId, fold.lastRowId, STATS_FOLD_BATCH);
      if (rows.length === 0) return;
      foldSessionRows(fold, rows);
      // The fold skips rows it cannot read but still moves past them; the last id read is where the next batch starts.
      fold.lastRowId = Math.max(fold.lastRowId, rows[rows.length - 1]!.id);
      if (rows.length < STATS_FOLD_BATCH) return;
    }
  }

  async function contextOf(session: SessionRecord, event: GroveEvent, asOf: number): Promise<SessionContext> {
    const [returningMembers, names, growth, hunt] = await Promise.all([
      store.returningMembers(session.id),
      store.sessionMemberNames(session.id),
      store.sessionGrowthCounts(session.id),
      store.sessionHunt(event.id, session.id, session.startedAt, session.endedAt ?? asOf),
    ]);
    return {
      sessionId: session.id,
      eventId: event.id,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      returningMembers,
      treeGoal: event.treeGoal,
      names,
      collectibles: growth.collectibles,
      promotions: growth.promotions,
      hunt,
    };
  }

  async function computeRollup(session: SessionRecord, event: GroveEvent): Promise<SessionRollup> {
    if (session.endedAt !== null) {
      live.delete(session.id);
      const stored = currentRollup(await store.getRollup(session.id));
      if (stored) return stored;
      const fold = createSessionFold(session.id, session.startedAt);
      await foldForward(fold);
      const presence = await store.listPresence(session.id);
      const rollup = sessionRollup(fold, presence, await contextOf(session, event, session.endedAt), session.endedAt);
      await store.putRollup(session.id, { version: STATS_VERSION, report: rollup.report, members: rollup.members }, now());
      return rollup;
    }
    const fold = live.get(session.id) ?? createSessionFold(session.id, session.startedAt);
    live.set(session.id, fold);
    await foldForward(fold);
    const asOf = now();
    const presence = await store.listPresence(session.id);
    return sessionRollup(fold, presence, await contextOf(session, event, asOf), asOf);
  }

  /** The session's rollup; one computation per session at a time, shared by every caller that asks meanwhile. */
  function rollupOf(session: SessionRecord, event: GroveEvent): Promise<SessionRollup> {
    const running = computing.get(session.id);
    if (running) return running;
    const work = computeRollup(session, event).finally(() => computing.delete(session.id));
    computing.set(session.id, work);
    return work;
  }

  /** A listed session's rollup: the stored one when current (no extra read), else made now. */
  async function listedRollup(row: SessionWithRollup, event: GroveEvent): Promise<SessionRollup> {
    const stored = row.session.endedAt === null ? null : currentRollup(row.rollup);
    return stored ?? rollupOf(row.session, event);
  }

  async function settingsOf(event: GroveEvent): Promise<StatsSettings> {
    const stored = await store.getStatsSettings(event.id);
    return { thresholds: mergeThresholds(stored?.thresholds ?? null), webhookUrl: stored?.webhookUrl ?? "" };
  }

  /** The event's sessions, oldest first, each with its report (stored or made now); stored member rows are not read (callers use the reports only). */
  async function eventReports(event: GroveEvent, which: (session: SessionRecord) => boolean = () => true): Promise<{ session: SessionRecord; rollup: SessionRollup }[]> {
    const rows = (await store.sessionsWithRollups(event.id, false)).filter((row) => which(row.session));
    const reports: { session: SessionRecord; rollup: SessionRollup }[] = [];
    // One at a time: a first view of an event whose rollups are all missing must not fold every session at once.
    for (const row of rows) reports.push({ session: row.session, rollup: await listedRollup(row, event) });
    return reports;
  }

  /** Readings of the session at `index` of its event's sessions (oldest first) against the ones before it. */
  function readingsAt(reports: readonly SessionReport[], index: number, thresholds: Record<HealthIndicatorId, HealthThreshold>): IndicatorReading[] {
    return healthReadings(reports[index]!, reports.slice(0, index), thresholds);
  }

  async function sessionAndEvent(sessionId: string): Promise<{ session: SessionRecord; event: GroveEvent } | undefined> {
    const session = await store.getSession(sessionId);
    if (!session) return undefined;
    const event = await store.getEventById(session.eventId);
    return event && { session, event };
  }

  const sessionUrl = (event: GroveEvent, sessionId: string): string => `${publicOrigin()}/admin/stats/${encodeURIComponent(event.slug)}/session/${encodeURIComponent(sessionId)}`;
  const publicOrigin = (): string => options.publicUrl().replace(/\/+$/, "");

  /** Health of one session against the event's earlier ones (their rollups made where missing). */
  async function sessionHealth(session: SessionRecord, event: GroveEvent, report: SessionReport): Promise<IndicatorReading[]> {
    // Only the sessions before this one are read (and made where missing): the session's own figures are in hand.
    const earlier = await eventReports(event, (other) => other.startedAt < session.startedAt || (other.startedAt === session.startedAt && other.id < session.id));
    const settings = await settingsOf(event);
    return healthReadings(report, earlier.map((entry) => entry.rollup.report), settings.thresholds);
  }

  return {
    async eventSessions(slug) {
      const event = await store.getEventBySlug(slug);
      if (!event) return undefined;
      const [reports, settings] = await Promise.all([eventReports(event), settingsOf(event)]);
      const plain = reports.map((entry) => entry.rollup.report);
      const sessions: SessionListItem[] = reports.map(({ session, rollup }, index) => ({
        sessionId: session.id,
        startedAt: session.startedAt,
        endedAt: session.endedAt,
        live: session.endedAt === null,
        members: rollup.report.attendance.members,
        peak: rollup.report.concurrency.peak,
        interactions: rollup.report.interactions.total,
        breached: readingsAt(plain, index, settings.thresholds).filter((reading) => reading.breached).length,
      }));
      const body: EventSessionsResponse = { event: eventRef(event), sessions: sessions.reverse() };
      return body;
    },

    async session(sessionId) {
      const found = await sessionAndEvent(sessionId);
      if (!found) return undefined;
      const { session, event } = found;
      const rollup = await rollupOf(session, event);
      const body: SessionStatsResponse = { event: eventRef(event), live: session.endedAt === null, report: rollup.report, health: await sessionHealth(session, event, rollup.report) };
      return body;
    },

    async sessionMembers(sessionId) {
      const found = await sessionAndEvent(sessionId);
      if (!found) return undefined;
      const body: SessionMembersResponse = { members: (await rollupOf(found.session, found.event)).members };
      return body;
    },

    async community(slug) {
      const event = slug === null ? null : await store.getEventBySlug(slug);
      if (event === undefined) return undefined;
      const rows = await store.sessionsWithRollups(event?.id ?? null);
      const events = new Map<string, GroveEvent | undefined>(event ? [[event.id, event]] : []);
      const summaries: SessionSummary[] = [];
      for (const row of rows) {
        if (!events.has(row.session.eventId)) events.set(row.session.eventId, await store.getEventById(row.session.eventId));
        const owner = events.get(row.session.eventId);
        if (!owner) continue;
        const rollup = await listedRollup(row, owner);
        summaries.push({
          sessionId: row.session.id,
          eventId: row.session.eventId,
          eventSlug: row.eventSlug,
          eventTitle: row.eventTitle,
          startedAt: row.session.startedAt,
          endedAt: row.session.endedAt,
          report: rollup.report,
          members: rollup.members,
        });
      }
      const promotions = await store.tierPromotions(event?.id ?? null);
      const body: CommunityResponse = { scope: event ? eventRef(event) : null, report: communityReport(summaries, promotions, now()) };
      return body;
    },

    async health(slug) {
      const event = await store.getEventBySlug(slug);
      if (!event) return undefined;
      const [reports, settings] = await Promise.all([eventReports(event), settingsOf(event)]);
      const plain = reports.map((entry) => entry.rollup.report);
      const body: HealthHistoryResponse = {
        event: eventRef(event),
        sessions: reports.map(({ session, rollup }) => ({ sessionId: session.id, startedAt: session.startedAt, values: indicatorValues(rollup.report) })),
        readings: plain.length === 0 ? [] : readingsAt(plain, plain.length - 1, settings.thresholds),
        settings,
      };
      return body;
    },

    async settings(slug) {
      const event = await store.getEventBySlug(slug);
      return event && settingsOf(event);
    },

    async saveSettings(slug, change: StatsSettingsRequest) {
      const event = await store.getEventBySlug(slug);
      if (!event) return undefined;
      const current = await settingsOf(event);
      const thresholds = { ...current.thresholds };
      for (const id of HEALTH_INDICATORS) {
        const given = change.thresholds?.[id];
        if (given) thresholds[id] = { when: given.when, value: given.value, notify: given.notify };
      }
      // Only thresholds that differ from the defaults are kept, so a default changed in a later release reaches the rest.
      const kept: Partial<Record<HealthIndicatorId, HealthThreshold>> = {};
      for (const id of HEALTH_INDICATORS) {
        const preset = HEALTH_DEFINITIONS[id].threshold;
        const mine = thresholds[id];
        if (mine.when !== preset.when || mine.value !== preset.value || mine.notify !== preset.notify) kept[id] = mine;
      }
      const webhookUrl = change.webhookUrl ?? current.webhookUrl;
      await store.putStatsSettings(event.id, { thresholds: kept, webhookUrl });
      return { thresholds: mergeThresholds(kept), webhookUrl };
    },

    async testWebhook(slug): Promise<WebhookTestResponse | "noWebhook" | undefined> {
      const event = await store.getEventBySlug(slug);
      if (!event) return undefined;
      const { webhookUrl } = await settingsOf(event);
      if (webhookUrl === "") return "noWebhook";
      const at = now();
      // The alert's own shape with nothing breached, so a bot set up with the test handles real alerts too.
      const sample: HealthAlert = {
        type: "grove.health",
        event: eventRef(event),
        session: { id: "test", startedAt: at, endedAt: at },
        breached: [],
        text: `Grove 社区健康提醒测试：活动「${event.title}」的 Webhook 已接通。\nGrove health alert test: the webhook of “${event.title}” works.\n${publicOrigin()}/admin/stats/${encodeURIComponent(event.slug)}`,
        url: `${publicOrigin()}/admin/stats/${encodeURIComponent(event.slug)}`,
      };
      const result = await postJson(webhookUrl, sample);
      if (!("status" in result)) log(`the test alert to the webhook of ${event.slug} failed: ${result.error}`);
      return { delivered: delivered(result), status: "status" in result ? result.status : null };
    },

    async sessionClosed(sessionId) {
      try {
        const found = await sessionAndEvent(sessionId);
        if (!found) return;
        const { session, event } = found;
        // A live view being folded as the session closed must not stand in for the ended session's stored rollup.
        await computing.get(sessionId)?.catch(() => {});
        live.delete(sessionId);
        const rollup = await rollupOf(session, event);
        const { webhookUrl } = await settingsOf(event);
        if (webhookUrl === "") return;
        const readings = await sessionHealth(session, event, rollup.report);
        const candidates = readings.filter((reading) => reading.breached && reading.threshold.notify && reading.value !== null);
        const claimed: IndicatorReading[] = [];
        // Once per (session, indicator), whichever process or call gets there first: the store's key decides.
        for (const reading of candidates) if (await store.claimHealthAlert(sessionId, reading.id, now())) claimed.push(reading);
        const alert = healthAlert(claimed, eventRef(event), { id: session.id, startedAt: session.startedAt, endedAt: session.endedAt }, sessionUrl(event, session.id));
        if (!alert) return;
        const result = await postJson(webhookUrl, alert);
        if (!delivered(result)) log(`the health alert of session ${sessionId} was not delivered: ${"status" in result ? `HTTP ${result.status}` : result.error}`);
      } catch (e) {
        log(`the statistics of closed session ${sessionId} failed`, e);
      }
    },
  };
}
