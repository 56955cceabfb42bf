import { energyLeft } from "../../shared/rules/growth/energy.js";
import { createLedger, foldRows, leaderboard, sessionTree, summarise } from "../../shared/rules/growth/ledger.js";
import { earnBadges, type BadgeContext } from "../../shared/rules/growth/badges.js";
import { tierFor, tierMetrics, tierProgress } from "../../shared/rules/growth/tiers.js";
import {
  TIERS,
  type Badge,
  type Celebration,
  type GrowthMineView,
  type GrowthPublicView,
  type Ledger,
  type MemberSessionSummary,
  type Tier,
} from "../../shared/rules/growth/types.js";
import type { LiveSession } from "../session/LiveSession.js";
import type { GroveEvent, SessionRecord, Store } from "../store/index.js";
import { loadMemberHistory } from "./history.js";

/** The tracker folds new log rows and sends what changed at most this often. */
export const GROWTH_TICK_MS = 1000;
/** Rows read from the log at a time; a tick reads on until a read comes back short. */
export const GROWTH_ROWS_PER_READ = 5000;
/**
 * How long an insert may take to commit after a later one is visible. Each tick reads again the rows past the highest
 * id seen this long ago, so a row that committed late, out of id order, is still folded (once).
 */
export const GROWTH_OVERLAP_MS = 10_000;
/** The event's goal and reward are read again this often (an operator may change them on /admin meanwhile). */
const EVENT_REFRESH_TICKS = 5;

/** What one tick hands each attached instance: the public view when it changed, every present member's own. */
export interface GrowthUpdate {
  /** The new public view; null when it did not change. */
  public: GrowthPublicView | null;
  /** Each present member's view (the room sends it to whom it changed for). */
  mine: ReadonlyMap<string, GrowthMineView>;
  /** Each present member's live tier (the room mirrors it on the avatar). */
  tiers: ReadonlyMap<string, Tier>;
  /** Badge and tier celebrations, each for one member, once. */
  celebrations: readonly { memberId: string; celebration: Celebration }[];
}

export interface GrowthListener {
  onGrowth(update: GrowthUpdate): void;
}

export interface GrowthTrackerDeps {
  store: Store;
  now: () => number;
  log: (message: string, error?: unknown) => void;
}

/** A member present in this process: their past sessions (loaded once at their join) and what they held then. */
interface TrackedMember {
  rooms: Set<string>;
  /** Null while the history loads (or after a failed load, until the next tick tries again). */
  history: MemberSessionSummary[] | null;
  /** What the badges need beyond the summaries: each event's sessions (streaks) and a first-evangelist record. */
  badgeContext: Pick<BadgeContext, "eventSessions" | "firstEvangelistAt">;
  loading: boolean;
  /**
   * When the member's join was logged. A member whose first row in this session is this join is new to it: what they
   * held at the join is what their history alone gives (this session's first badge, or a promotion by coming, is
   * theirs to celebrate). One coming back (a reload, another instance, a restart) held this session's part already,
   * and hears nothing twice.
   */
  joinedAt: number;
  /** Badges and tiers held at the join (computed once the history is in): only ones newly held after it are celebrated. */
  held: { badges: Set<Badge>; tiers: Set<Tier> } | null;
  tier: Tier;
}

const tierRank = (tier: Tier): number => TIERS.indexOf(tier);

/**
 * The live growth of one session in this process (docs/growth.md): every instance in the process shares it, so the
 * log is folded once per process. Every GROWTH_TICK_MS while an instance is attached it reads the rows logged since
 * the last read, folds them with the shared rules (ledger.ts), and when anything changed computes the tree, the
 * leaderboard and each present member's own view, hands them to the instances, and submits `goalReached` when the
 * tree reached the event's goal (the rule keeps the first, so every process may race to say so). All the figures
 * come from the log; a store that fails is logged and read again at the next tick, never stopping a room.
 */
export class GrowthTracker {
  private readonly ledger: Ledger;
  private readonly listeners = new Map<string, GrowthListener>();
  private readonly members = new Map<string, TrackedMember>();
  /** Tiers of members seen in this process, kept after they leave (the leaderboard shows them). */
  private readonly knownTiers = new Map<string, Tier>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private ticks = 0;
  private event: GroveEvent | undefined;
  private record: SessionRecord | undefined;
  /** What the last computation saw: more rows, another session state, another minute, members come or gone. */
  private dirty = true;
  private seenGrowth: unknown = null;
  private seenMinute = -1;
  private publicText = "";
  private lastPublic: GrowthPublicView | null = null;
  private readonly lastMine = new Map<string, GrowthMineView>();
  private goalSubmitting = false;
  /** Every row with an id at or below this is folded or never coming; reads start after it. */
  private lowWatermark = 0;
  /** The highest row id read so far. */
  private highestRead = 0;
  /** Ids folded above the low watermark (a re-read skips them). */
  private readonly folded = new Set<number>();
  /** The highest id read as of each moment, oldest first, not yet older than GROWTH_OVERLAP_MS. */
  private readonly readMarks: { at: number; id: number }[] = [];
  private stopped = false;

  constructor(
    private readonly live: LiveSession,
    private readonly eventId: string,
    private readonly deps: GrowthTrackerDeps,
  ) {
    this.ledger = createLedger(live.id);
  }

  get sessionId(): string {
    return this.live.id;
  }

  /** The public view as last computed (a member who just joined gets it at once); null before the first tick. */
  get current(): GrowthPublicView | null {
    return this.lastPublic;
  }

  /** A member's own view as last computed, if any. */
  mineOf(memberId: string): GrowthMineView | undefined {
    return this.lastMine.get(memberId);
  }

  /** The event's reward as it stands (text and optional link), or null when it has none. */
  reward(): { text: string; url: string | null } | null {
    const event = this.event;
    if (!event || (event.rewardText === "" && event.rewardUrl === null)) return null;
    return { text: event.rewardText, url: event.rewardUrl };
  }

  /** An instance starts hearing the session's growth; the ticks run while any instance is attached. */
  attach(roomId: string, listener: GrowthListener): void {
    this.listeners.set(roomId, listener);
    if (this.timer === undefined && !this.stopped) {
      this.timer = setInterval(() => void this.tick(), GROWTH_TICK_MS);
      this.timer.unref();
      void this.tick();
    }
  }

  detach(roomId: string): void {
    this.listeners.delete(roomId);
    for (const [memberId, member] of this.members) {
      member.rooms.delete(roomId);
      if (member.rooms.size === 0) this.forget(memberId);
    }
    if (this.listeners.size === 0) this.pause();
  }

  /** A member sat down in an instance: their history is loaded once, and their views computed from the next tick. */
  join(roomId: string, memberId: string, joinedAt: number): void {
    const known = this.members.get(memberId);
    if (known) {
      known.rooms.add(roomId);
    } else {
      this.members.set(memberId, { rooms: new Set([roomId]), history: null, badgeContext: {}, loading: false, joinedAt, held: null, tier: this.knownTiers.get(memberId) ?? "explorer" });
      void this.loadHistory(memberId);
    }
    this.dirty = true;
  }

  leave(roomId: string, memberId: string): void {
    const member = this.members.get(memberId);
    if (!member) return;
    member.rooms.delete(roomId);
    if (member.rooms.size === 0) this.forget(memberId);
  }

  /** The tier shown for a member now (explorer until their history is in). */
  tierOf(memberId: string): Tier {
    return this.members.get(memberId)?.tier ?? this.knownTiers.get(memberId) ?? "explorer";
  }

  stop(): void {
    this.stopped = true;
    this.pause();
    this.listeners.clear();
  }

  private pause(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private forget(memberId: string): void {
    this.members.delete(memberId);
    this.lastMine.delete(memberId);
    this.dirty = true;
  }

  private async loadHistory(memberId: string): Promise<void> {
    const member = this.members.get(memberId);
    if (!member || member.loading || member.history !== null) return;
    member.loading = true;
    try {
      const history = await loadMemberHistory(this.deps.store, memberId, this.deps.now(), { excludeSessionId: this.live.id });
      member.badgeContext = await this.badgeContextFor(memberId, [...new Set([this.eventId, ...history.map((h) => h.eventId)])]);
      member.history = history;
      this.dirty = true;
    } catch (e) {
      this.deps.log("loading a member's growth history failed", e);
    } finally {
      member.loading = false;
    }
  }

  /** Each event's sessions in order, and the member's first-evangelist record among those events, if any. */
  private async badgeContextFor(memberId: string, eventIds: readonly string[]): Promise<TrackedMember["badgeContext"]> {
    const eventSessions: Record<string, readonly string[]> = {};
    let firstEvangelistAt: { at: number; sessionId: string } | null = null;
    for (const eventId of eventIds) {
      eventSessions[eventId] = await this.deps.store.eventSessionIds(eventId);
      const first = await this.deps.store.firstEvangelist(eventId);
      if (first?.memberId === memberId && (firstEvangelistAt === null || first.at < firstEvangelistAt.at)) firstEvangelistAt = { at: first.at, sessionId: first.sessionId };
    }
    return { eventSessions, firstEvangelistAt };
  }

  /**
   * A member rose to a tier: kept once (the profile and the first-evangelist badge read it). Becoming the event's
   * first evangelist is a badge too, so their badge context is read again and the views computed at the next tick.
   */
  private async promoted(memberId: string, tier: Tier, at: number): Promise<void> {
    try {
      const recorded = await this.deps.store.recordPromotion({ memberId, tier, eventId: this.eventId, sessionId: this.live.id, at });
      const member = this.members.get(memberId);
      if (!recorded || tier !== "evangelist" || !member) return;
      member.badgeContext = await this.badgeContextFor(memberId, Object.keys(member.badgeContext.eventSessions ?? { [this.eventId]: [] }));
      this.dirty = true;
    } catch (e) {
      this.deps.log("recording a tier promotion failed", e);
    }
  }

  /** One tick: read on, fold, and when something changed compute and hand out the views. Never throws. */
  async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      await this.refreshEvent();
      await this.readOn();
      // A history that failed to load is tried again.
      for (const [memberId, member] of this.members) if (member.history === null && !member.loading) void this.loadHistory(memberId);
      const now = this.deps.now();
      const minute = Math.floor(now / 60_000);
      const growthState = this.live.current.growth;
      // Presence earns by the minute: a new minute may change the figures with no new row.
      if (minute !== this.seenMinute || growthState !== this.seenGrowth) this.dirty = true;
      if (!this.dirty || !this.event || !this.record) return;
      this.dirty = false;
      this.seenMinute = minute;
      this.seenGrowth = growthState;
      this.compute(now, this.event, this.record);
    } catch (e) {
      this.dirty = true;
      this.deps.log("tracking the session's growth failed", e);
    } finally {
      this.ticking = false;
    }
  }

  private async refreshEvent(): Promise<void> {
    this.ticks += 1;
    if (this.record === undefined) this.record = await this.deps.store.getSession(this.live.id);
    if (this.event !== undefined && this.ticks % EVENT_REFRESH_TICKS !== 0) return;
    const event = await this.deps.store.getEventById(this.eventId);
    if (event && (event.treeGoal !== this.event?.treeGoal || event.rewardText !== this.event.rewardText || event.rewardUrl !== this.event.rewardUrl)) this.dirty = true;
    if (event) this.event = event;
  }

  /**
   * Folds every row logged since the last read, a batch at a time. On PostgreSQL two inserts may commit out of id
   * order, so a row with a lower id can become visible after a higher one was read: each read starts again from the
   * low watermark (the highest id seen GROWTH_OVERLAP_MS ago, by when every insert that took a lower id has
   * committed or failed) and folds only the rows whose id it has not folded yet. The ledger dedupes session commands
   * and chat lines itself, but not joins, leaves or reactions, so the dedupe by row id is what keeps each row once.
   */
  private async readOn(): Promise<void> {
    let after = this.lowWatermark;
    let highest = this.highestRead;
    for (;;) {
      const rows = await this.deps.store.interactionRows(this.live.id, after, GROWTH_ROWS_PER_READ);
      const fresh = rows.filter((row) => row.id > this.lowWatermark && !this.folded.has(row.id));
      if (fresh.length > 0) {
        foldRows(this.ledger, fresh);
        for (const row of fresh) this.folded.add(row.id);
        this.dirty = true;
      }
      if (rows.length > 0) {
        after = rows[rows.length - 1]!.id;
        highest = Math.max(highest, after);
      }
      if (rows.length < GROWTH_ROWS_PER_READ) break;
    }
    this.highestRead = highest;
    this.advanceWatermark(this.deps.now());
  }

  /**
   * Notes the highest id read now, and raises the low watermark to the highest id read at least GROWTH_OVERLAP_MS
   * ago: ids at or below it are never read again, so they leave the folded set.
   */
  private advanceWatermark(now: number): void {
    const last = this.readMarks.at(-1);
    if (last === undefined || last.id < this.highestRead) this.readMarks.push({ at: now, id: this.highestRead });
    let low = this.lowWatermark;
    while (this.readMarks.length > 0 && this.readMarks[0]!.at <= now - GROWTH_OVERLAP_MS) low = Math.max(low, this.readMarks.shift()!.id);
    if (low === this.lowWatermark) return;
    this.lowWatermark = low;
    for (const id of this.folded) if (id <= low) this.folded.delete(id);
  }

  private compute(now: number, event: GroveEvent, record: SessionRecord): void {
    const session = this.live.current.growth;
    const summaries = summarise(this.ledger, now, { eventId: event.id, startedAt: record.startedAt });
    const tree = sessionTree(this.ledger, now, event.treeGoal);
    const celebrations: { memberId: string; celebration: Celebration }[] = [];
    const tiers = new Map<string, Tier>();
    const mine = new Map<string, GrowthMineView>();

    // Each present member's standing: this session's summary on top of their history (loaded at the join).
    for (const [memberId, member] of this.members) {
      const summary = summaries.get(memberId);
      // Computed once the history is in and the member's join is folded (the same tick, or the next).
      if (member.history === null || summary === undefined) continue;
      const all = [...member.history, summary];
      const tier = tierFor(all, now);
      const badges = earnBadges(all, { ...member.badgeContext, now });
      if (member.held === null) {
        const before = summary.tally.firstAt >= member.joinedAt ? member.history : all;
        const heldTier = tierFor(before, now);
        member.held = { badges: new Set(earnBadges(before, { ...member.badgeContext, now }).map((b) => b.badge)), tiers: new Set([heldTier]) };
        member.tier = heldTier;
      }
      for (const earned of badges) {
        if (member.held.badges.has(earned.badge)) continue;
        member.held.badges.add(earned.badge);
        celebrations.push({ memberId, celebration: { kind: "badge", badge: earned.badge, at: earned.at } });
      }
      if (tierRank(tier) > tierRank(member.tier) && !member.held.tiers.has(tier)) {
        member.held.tiers.add(tier);
        celebrations.push({ memberId, celebration: { kind: "tier", tier, at: now } });
        void this.promoted(memberId, tier, now);
      }
      member.tier = tier;
      this.knownTiers.set(memberId, tier);
      tiers.set(memberId, tier);
      const given = session.given[memberId] ?? [];
      mine.set(memberId, {
        points: summary.tally.points,
        byKind: summary.tally.byKind,
        share: tree.growth > 0 ? summary.tally.growth / tree.growth : 0,
        energyLeft: energyLeft(session, memberId),
        energised: [...given],
        energyFrom: summary.tally.energyFrom.length,
        tier: tierProgress(tier, tierMetrics(all, now)),
        badges,
        hidden: session.hidden.includes(memberId),
      });
    }

    // The tree and the leaderboard, for everyone (the reward once the goal is reached, in the log or the state).
    const reached = tree.reachedAt !== null || session.goalReachedAt !== null;
    const view: GrowthPublicView = {
      tree,
      reward: reached ? this.reward() : null,
      leaderboard: leaderboard(this.ledger, now, session.hidden, (memberId) => this.knownTiers.get(memberId) ?? "explorer"),
    };
    const text = JSON.stringify(view);
    const changed = text !== this.publicText;
    this.publicText = text;
    this.lastPublic = view;
    for (const [memberId, view] of mine) this.lastMine.set(memberId, view);
    const update: GrowthUpdate = { public: changed ? view : null, mine, tiers, celebrations };
    for (const listener of this.listeners.values()) {
      try {
        listener.onGrowth(update);
      } catch (e) {
        this.deps.log("handing growth to an instance failed", e);
      }
    }
    if (tree.growth >= event.treeGoal && !reached) void this.reachGoal(tree.growth, event.treeGoal);
  }

  /** The tree reached the goal: said once from this process (the session's rule keeps the first from any). */
  private async reachGoal(growth: number, goal: number): Promise<void> {
    if (this.goalSubmitting) return;
    this.goalSubmitting = true;
    try {
      const operator = await this.deps.store.operatorMember(this.deps.now());
      await this.live.command({ kind: "goalReached", detail: { growth: Math.floor(growth), goal } }, { memberId: operator.id, at: this.deps.now() });
    } catch (e) {
      this.deps.log("logging the reached goal failed", e);
    } finally {
      this.goalSubmitting = false;
    }
  }
}
