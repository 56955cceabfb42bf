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
import type { GroveEvent, SessionIndexEntry, SessionRecord, Store, StoredRollup } from "../store/index.js";
import type { Stats, StatsOptions } from "./service.js";

export interface StatsServiceOptions extends StatsOptions {
  store: Store;
  now: () => number;
  log: (message: string, error?: unknown) => void;
  /** A live view younger than this is served as it is (LIVE_VIEW_MAX_AGE_MS); tests pass 0. */
  liveMaxAgeMs?: number;
  /** Serve an older live view while the next is made in the background (default); false waits for the fresh one. */
  liveInBackground?: boolean;
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
function currentRollup(stored: StoredRollup | null | undefined): { rollup: SessionRollup; computedAt: number } | null {
  if (!stored || stored.version !== STATS_VERSION) return null;
  const { report, members } = stored;
  if (typeof report !== "object" || report === null || !Array.isArray(members)) return null;
  // The service alone writes rollups, so one of the current version has the current shape.
  return { rollup: { report: report as SessionReport, members: members as SessionRollup["members"] }, computedAt: stored.computedAt };
}

const eventRef = (event: GroveEvent): EventRef => ({ slug: event.slug, title: event.title });

/** Parsed reports of ended sessions kept in the process: they never change once made (a new rules version makes new ones). */
export const ENDED_REPORTS_CACHED = 1_000;
/** Member rows of ended sessions kept, counted in rows (a 5,000-member session's are about a megabyte of JSON to parse). */
export const ENDED_MEMBER_ROWS_CACHED = 200_000;
/**
 * A live session's figures are served as made at most this long ago; an older view is served once more while a new one
 * is made in the background (a million-row session takes seconds to roll up; the page polls every 5 s), so a poll never
 * waits for the fold. Tests pass 0 and `liveInBackground: false` to see every row at once.
 */
export const LIVE_VIEW_MAX_AGE_MS = 4_000;
/** A live view older than this is not served stale: the caller waits for a fresh one (an operator back after a while). */
export const LIVE_VIEW_STALE_MAX_MS = 60_000;
/** The community report of ended sessions is reused this long (recency and returning windows move with the day, not the second). */
export const COMMUNITY_REUSE_MS = 60_000;

/** Least recently used entries go first once the total weight passes the limit. */
class WeightedCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private total = 0;
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }
  set(key: string, value: V, weight = 1): void {
    this.delete(key);
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.limit || oldest === key) break;
      this.entries.delete(oldest);
      this.total -= entry.weight;
    }
  }
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }
}

/**
 * The statistics service (docs/statistics.md): the pure rules of shared/rules/stats over the store. An ended session's
 * figures are its stored rollup (made once, again when the rules' version changes), parsed once per process; a live
 * session's are folded forward from the last row read, with presence read afresh. Concurrent calls for one session
 * share one computation, so a page polled by several operators folds each row once.
 */
export function createStatsService(options: StatsServiceOptions): Stats {
  const { store, now, log } = options;
  const postJson = options.postJson ?? fetchJson;
  const liveMaxAgeMs = options.liveMaxAgeMs ?? LIVE_VIEW_MAX_AGE_MS;
  const liveInBackground = options.liveInBackground ?? true;
  /** Live sessions' folds; each knows the last row it read (lastRowId), so the next call reads only the rows after it. */
  const live = new Map<string, SessionFold>();
  /** The last figures made of each live session, and when. */
  const liveViews = new Map<string, { at: number; rollup: SessionRollup }>();
  const computing = new Map<string, Promise<SessionRollup>>();
  const endedReports = new WeightedCache<{ computedAt: number; report: SessionReport }>(ENDED_REPORTS_CACHED);
  const endedMembers = new WeightedCache<{ computedAt: number; members: SessionRollup["members"] }>(ENDED_MEMBER_ROWS_CACHED);
  let communityMemo: { key: string; at: number; body: CommunityResponse } | null = null;

  function remember(sessionId: string, computedAt: number, rollup: SessionRollup): void {
    endedReports.set(sessionId, { computedAt, report: rollup.report });
    endedMembers.set(sessionId, { computedAt, members: rollup.members }, Math.max(1, rollup.members.length));
  }

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
      liveViews.delete(session.id);
      const stored = currentRollup(await store.getRollup(session.id));
      if (stored) {
        remember(session.id, stored.computedAt, stored.rollup);
        return stored.rollup;
      }
      const fold = createSessionFold(session.id, session.startedAt);
      await foldForward(fold);
      const presence = await store.listPresence(session.id);
      const rollup = sessionRollup(fold, presence, await contextOf(session, event, session.endedAt), session.endedAt);
      const computedAt = now();
      await store.putRollup(session.id, { version: STATS_VERSION, report: rollup.report, members: rollup.members }, computedAt);
      remember(session.id, computedAt, rollup);
      return rollup;
    }
    const fold = live.get(session.id) ?? createSessionFold(session.id, session.startedAt);
    live.set(session.id, fold);
    await foldForward(fold);
    const asOf = now();
    const presence = await store.listPresence(session.id);
    const rollup = sessionRollup(fold, presence, await contextOf(session, event, asOf), asOf);
    liveViews.set(session.id, { at: asOf, rollup });
    return rollup;
  }

  /** The session's rollup made now; one computation per session at a time, shared by every caller that asks meanwhile. */
  function rollupOf(session: SessionRecord, event: GroveEvent): Promise<SessionRollup> {
    const running = computing.get(session.id);
    if (running) return running;
    const work = computeRollup(session, event).finally(() => computing.delete(session.id));
    computing.set(session.id, work);
    return work;
  }

  /** Every figure of a session, members included: an ended one's from the process's copy or the store, a live one's per the live view's age. */
  async function viewOf(session: SessionRecord, event: GroveEvent): Promise<SessionRollup> {
    if (session.endedAt !== null) {
      const report = endedReports.get(session.id);
      const members = endedMembers.get(session.id);
      if (report && members && report.computedAt === members.computedAt) {
        // Still the stored one? (One small read: a rollup made again, by a new version or another process, replaces it.)
        const stamp = await store.rollupStamp(session.id);
        if (stamp && stamp.version === STATS_VERSION && stamp.computedAt === report.computedAt) return { report: report.report, members: members.members };
      }
      return rollupOf(session, event);
    }
    const view = liveViews.get(session.id);
    const age = view ? now() - view.at : Number.POSITIVE_INFINITY;
    if (view && age < liveMaxAgeMs) return view.rollup;
    if (view && liveInBackground && age < LIVE_VIEW_STALE_MAX_MS) {
      // Served as it is while the next view is made; a failure is logged and the next poll tries again.
      if (!computing.has(session.id)) rollupOf(session, event).catch((e: unknown) => log(`the live statistics of session ${session.id} failed`, e));
      return view.rollup;
    }
    return rollupOf(session, event);
  }

  /** A listed session's report: an ended one's parsed once per process (only its report column is read), a live one's view. */
  async function reportOf(entry: SessionIndexEntry, event: GroveEvent): Promise<SessionReport> {
    const { session } = entry;
    if (session.endedAt === null) return (await viewOf(session, event)).report;
    if (entry.rollupVersion === STATS_VERSION && entry.computedAt !== null) {
      const held = endedReports.get(session.id);
      if (held && held.computedAt === entry.computedAt) return held.report;
      const stored = currentRollup(await store.getRollupReport(session.id));
      if (stored) {
        endedReports.set(session.id, { computedAt: stored.computedAt, report: stored.rollup.report });
        return stored.rollup.report;
      }
    }
    return (await rollupOf(session, event)).report;
  }

  async function settingsOf(event: GroveEvent): Promise<StatsSettings> {
    const stored = await store.getStatsSettings(event.id);
    return { thresholds: mergeThresholds(stored?.thresholds ?? null), webhookUrl: stored?.webhookUrl ?? "" };
  }

  /** The event's sessions, oldest first, each with its report (held, stored or made now); member rows are not read. */
  async function eventReports(event: GroveEvent, which: (session: SessionRecord) => boolean = () => true): Promise<{ session: SessionRecord; report: SessionReport }[]> {
    const entries = (await store.sessionsIndex(event.id)).filter((entry) => which(entry.session));
    const reports: { session: SessionRecord; report: SessionReport }[] = [];
    // One at a time: a first view of an event whose rollups are all missing must not fold every session at once.
    for (const entry of entries) reports.push({ session: entry.session, report: await reportOf(entry, event) });
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
    return healthReadings(report, earlier.map((entry) => entry.report), settings.thresholds);
  }

  return {
    async eventSessions(slug) {
      const event = await store.getEventBySlug(slug);
      if (!event) return undefined;
      const [reports, settings] = await Promise.all([eventReports(event), settingsOf(event)]);
      const plain = reports.map((entry) => entry.report);
      const sessions: SessionListItem[] = reports.map(({ session, report }, index) => ({
        sessionId: session.id,
        startedAt: session.startedAt,
        endedAt: session.endedAt,
        live: session.endedAt === null,
        members: report.attendance.members,
        peak: report.concurrency.peak,
        interactions: report.interactions.total,
        breached: readingsAt(plain, index, settings.thresholds).filter((reading) => reading.breached).length,
      }));
      const body: EventSessionsResponse = { event: eventRef(event), sessions: sessions.reverse() };
      return body;
    },

    async session(sessionId) {
      const found = await sessionAndEvent(sessionId);
      if (!found) return undefined;
      const { session, event } = found;
      // An ended session's page needs its report only: a big session's member rows are not parsed for it.
      const stamp = session.endedAt === null ? null : await store.rollupStamp(session.id);
      const entry: SessionIndexEntry = { session, eventSlug: event.slug, eventTitle: event.title, rollupVersion: stamp?.version ?? null, computedAt: stamp?.computedAt ?? null };
      const report = await reportOf(entry, event);
      const body: SessionStatsResponse = { event: eventRef(event), live: session.endedAt === null, report, health: await sessionHealth(session, event, report) };
      return body;
    },

    async sessionMembers(sessionId) {
      const found = await sessionAndEvent(sessionId);
      if (!found) return undefined;
      const body: SessionMembersResponse = { members: (await viewOf(found.session, found.event)).members };
      return body;
    },

    async community(slug) {
      const event = slug === null ? null : await store.getEventBySlug(slug);
      if (event === undefined) return undefined;
      const entries = await store.sessionsIndex(event?.id ?? null);
      const at = now();
      // Ended sessions' rollups never change: the same set of them (and their versions) gives the same report for a minute.
      const key = JSON.stringify([event?.id ?? null, entries.map((entry) => [entry.session.id, entry.session.endedAt, entry.computedAt])]);
      const allEnded = entries.every((entry) => entry.session.endedAt !== null && entry.rollupVersion === STATS_VERSION);
      if (allEnded && communityMemo && communityMemo.key === key && at - communityMemo.at < COMMUNITY_REUSE_MS) return communityMemo.body;
      const events = new Map<string, GroveEvent | undefined>(event ? [[event.id, event]] : []);
      const summaries: SessionSummary[] = [];
      for (const entry of entries) {
        const { session } = entry;
        if (!events.has(session.eventId)) events.set(session.eventId, await store.getEventById(session.eventId));
        const owner = events.get(session.eventId);
        if (!owner) continue;
        const rollup = await viewOf(session, owner);
        summaries.push({
          sessionId: session.id,
          eventId: session.eventId,
          eventSlug: entry.eventSlug,
          eventTitle: entry.eventTitle,
          startedAt: session.startedAt,
          endedAt: session.endedAt,
          report: rollup.report,
          members: rollup.members,
        });
      }
      const promotions = await store.tierPromotions(event?.id ?? null);
      const body: CommunityResponse = { scope: event ? eventRef(event) : null, report: communityReport(summaries, promotions, at) };
      // Made from rollups that were all stored already (a rollup made during this call changes the key next time).
      if (allEnded) communityMemo = { key, at, body };
      return body;
    },

    async health(slug) {
      const event = await store.getEventBySlug(slug);
      if (!event) return undefined;
      const [reports, settings] = await Promise.all([eventReports(event), settingsOf(event)]);
      const plain = reports.map((entry) => entry.report);
      const body: HealthHistoryResponse = {
        event: eventRef(event),
        sessions: reports.map(({ session, report }) => ({ sessionId: session.id, startedAt: session.startedAt, values: indicatorValues(report) })),
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

    async catchUp(stopping) {
      let made = 0;
      try {
        const entries = await store.sessionsIndex(null);
        for (const entry of entries) {
          if (stopping()) break;
          if (entry.session.endedAt === null || entry.rollupVersion === STATS_VERSION) continue;
          try {
            const event = await store.getEventById(entry.session.eventId);
            if (!event) continue;
            await rollupOf(entry.session, event);
            made += 1;
          } catch (e) {
            log(`the statistics of session ${entry.session.id} could not be rolled up`, e);
          }
        }
      } catch (e) {
        log("catching up on the statistics' rollups failed", e);
      }
      return made;
    },

    async sessionClosed(sessionId) {
      try {
        const found = await sessionAndEvent(sessionId);
        if (!found) return;
        const { session, event } = found;
        // A live view being folded as the session closed must not stand in for the ended session's stored rollup.
        await computing.get(sessionId)?.catch(() => {});
        live.delete(sessionId);
        liveViews.delete(sessionId);
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
