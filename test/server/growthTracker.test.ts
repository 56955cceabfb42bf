import { afterEach, describe, expect, it } from "vitest";
import { GrowthTracker, GROWTH_OVERLAP_MS, GROWTH_ROWS_PER_READ, type GrowthUpdate } from "../../server/growth/GrowthTracker.js";
import { CLOSED_SESSION_SETTLE_MS, CLOSED_SESSIONS_CACHED, loadMemberHistory } from "../../server/growth/history.js";
import type { LiveSession } from "../../server/session/LiveSession.js";
import type { GroveEvent, MemberSessionRecord, Store } from "../../server/store/index.js";
import type { SessionCommandEntry } from "../../shared/log.js";
import { INITIAL_SESSION_STATE, type SessionState } from "../../shared/rules/session.js";
import type { LogRow, Tier } from "../../shared/rules/growth/types.js";
import { DAY, LogBuilder, MIDNIGHT } from "../shared/growth/logRows.js";

/**
 * The tracker against a store and a live session made by hand (the room tests run it for real): tier promotions
 * and badges celebrated once, never again for a member coming back, the goal said once, a failing store read retried,
 * and the log read on in batches.
 */

const EVENT = "event-1";
const LIVE = "live";

function event(treeGoal = 300): GroveEvent {
  return {
    id: EVENT,
    slug: "grow",
    title: "Grow",
    description: "",
    programme: "",
    capacity: 50,
    startsAt: null,
    endsAt: null,
    words: { add: [], remove: [] },
    treeGoal,
    rewardText: "Tea",
    rewardUrl: null,
    memberSalons: true,
    createdBy: null,
  };
}

/** A store holding logs by session, the member's past sessions, and a record of what the tracker wrote. */
class FakeStore {
  readonly logs = new Map<string, LogRow[]>();
  readonly past: MemberSessionRecord[] = [];
  readonly promotions: { memberId: string; tier: Tier; sessionId: string }[] = [];
  failReads = 0;
  reads = 0;
  /** Row ids not visible yet (inserted, not committed: PostgreSQL may commit a lower id after a higher one). */
  readonly uncommitted = new Set<number>();
  /** Where each read of the live log started. */
  readonly readsAfter: number[] = [];
  treeGoal = 300;

  async interactionRows(sessionId: string, afterId: number, limit: number): Promise<LogRow[]> {
    if (sessionId === LIVE) {
      this.reads += 1;
      this.readsAfter.push(afterId);
      if (this.failReads > 0) {
        this.failReads -= 1;
        throw new Error("the database is away");
      }
    }
    return (this.logs.get(sessionId) ?? []).filter((row) => row.id > afterId && !this.uncommitted.has(row.id)).slice(0, limit);
  }
  async memberSessions(): Promise<MemberSessionRecord[]> {
    return this.past;
  }
  async getSession(id: string) {
    return { id, eventId: EVENT, startedAt: LIVE_START, endedAt: null };
  }
  async getEventById(): Promise<GroveEvent> {
    return event(this.treeGoal);
  }
  async eventSessionIds(): Promise<string[]> {
    return [...this.past.map((p) => p.sessionId), LIVE];
  }
  async firstEvangelist() {
    return undefined;
  }
  async recordPromotion(input: { memberId: string; tier: Tier; sessionId: string }): Promise<boolean> {
    this.promotions.push({ memberId: input.memberId, tier: input.tier, sessionId: input.sessionId });
    return true;
  }
  async operatorMember() {
    return { id: "operator", name: "Operator" };
  }
}

/** A live session that keeps the commands submitted to it; the test sets its state. */
class FakeLive {
  readonly id = LIVE;
  current: SessionState = INITIAL_SESSION_STATE;
  readonly commands: { entry: SessionCommandEntry; memberId: string }[] = [];
  async command(entry: SessionCommandEntry, by: { memberId: string; at: number }) {
    this.commands.push({ entry, memberId: by.memberId });
    return { applied: true as const };
  }
}

const LIVE_START = MIDNIGHT + 2 * DAY;
let now = LIVE_START;
const trackers: GrowthTracker[] = [];

function setUp() {
  const store = new FakeStore();
  const live = new FakeLive();
  const logged: string[] = [];
  const tracker = new GrowthTracker(live as unknown as LiveSession, EVENT, { store: store as unknown as Store, now: () => now, log: (message) => logged.push(message) });
  trackers.push(tracker);
  const updates: GrowthUpdate[] = [];
  const log = new LogBuilder(LIVE, { id: 1000, seq: 0 });
  store.logs.set(LIVE, log.rows);
  return { store, live, tracker, updates, logged, log, listen: () => tracker.attach("room", { onGrowth: (update) => updates.push(update) }) };
}

/** Two past sessions where `member` chatted, reacted, asked and got energy from three others: one session short of co-creator. */
function twoPastSessions(store: FakeStore, member: string): void {
  for (const [i, sessionId] of ["past-1", "past-2"].entries()) {
    const start = MIDNIGHT + i * DAY;
    const log = new LogBuilder(sessionId);
    log.join(member, start);
    log.chat(member, `${sessionId}-line`, start + 1000);
    log.react(member, start + 2000);
    log.ask(member, start + 3000);
    for (const giver of ["g1", "g2", "g3"]) {
      log.join(giver, start + 100);
      log.energy(giver, "chat", `${sessionId}-line`, member, start + 4000);
    }
    store.logs.set(sessionId, log.rows);
    store.past.push({ sessionId, eventId: EVENT, eventSlug: "grow", eventTitle: "Grow", startedAt: start, endedAt: start + 3_600_000 });
  }
}

const celebrationsOf = (updates: GrowthUpdate[], memberId: string) => updates.flatMap((u) => u.celebrations.filter((c) => c.memberId === memberId).map((c) => c.celebration));

/** Ticks until the member's views are computed (their history loads beside the first tick). */
async function settle(tracker: GrowthTracker, memberId: string): Promise<void> {
  for (let i = 0; i < 20 && tracker.mineOf(memberId) === undefined; i += 1) {
    await tracker.tick();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

afterEach(() => {
  for (const tracker of trackers.splice(0)) tracker.stop();
  now = LIVE_START;
});

describe("tiers and badges, live", () => {
  it("celebrates a promotion that coming to the session brings, once, and records it", async () => {
    const { store, tracker, updates, log, listen } = setUp();
    twoPastSessions(store, "ann");
    listen();
    now = LIVE_START + 1000;
    log.join("ann", now);
    tracker.join("room", "ann", now);
    await settle(tracker, "ann");
    expect(celebrationsOf(updates, "ann")).toContainEqual({ kind: "tier", tier: "coCreator", at: now });
    expect(updates.at(-1)?.tiers.get("ann")).toBe("coCreator");
    expect(tracker.mineOf("ann")?.tier.tier).toBe("coCreator");
    await until(() => store.promotions.length > 0);
    expect(store.promotions).toEqual([{ memberId: "ann", tier: "coCreator", sessionId: LIVE }]);
    // More happens; nothing is said twice.
    now += 1000;
    log.chat("ann", "live-line", now);
    await tracker.tick();
    expect(celebrationsOf(updates, "ann").filter((c) => c.kind === "tier")).toHaveLength(1);
    expect(store.promotions).toHaveLength(1);
  });

  it("celebrates a badge earned in the session once, and nothing again for a member coming back to it", async () => {
    const { tracker, updates, log, listen } = setUp();
    listen();
    now = LIVE_START + 1000;
    log.join("bob", now);
    tracker.join("room", "bob", now);
    await settle(tracker, "bob");
    const atJoin = celebrationsOf(updates, "bob").length;
    now += 1000;
    log.ask("bob", now);
    await tracker.tick();
    const firsts = celebrationsOf(updates, "bob").filter((c) => c.kind === "badge" && c.badge === "firstQuestion");
    expect(firsts).toHaveLength(1);
    expect(celebrationsOf(updates, "bob").length).toBeGreaterThan(atJoin);

    // Bob reloads: he leaves, comes back (a new join row), and his history is loaded again.
    tracker.leave("room", "bob");
    now += 1000;
    log.leave("bob", now);
    now += 1000;
    log.join("bob", now);
    const before = celebrationsOf(updates, "bob").length;
    tracker.join("room", "bob", now);
    await settle(tracker, "bob");
    await tracker.tick();
    expect(celebrationsOf(updates, "bob").slice(before)).toEqual([]);
    expect(tracker.mineOf("bob")?.badges.map((b) => b.badge)).toContain("firstQuestion");
  });
});

describe("the goal", () => {
  it("is said once through the live session, by the operator, when the tree reaches it, and not once the state has it", async () => {
    const { store, live, tracker, log, listen } = setUp();
    store.treeGoal = 10;
    listen();
    now = LIVE_START + 1000;
    log.join("ann", now);
    log.join("bob", now);
    tracker.join("room", "ann", now);
    await settle(tracker, "ann");
    log.ask("ann", now + 10);
    await tracker.tick();
    expect(live.commands).toEqual([]);
    log.ask("bob", now + 20);
    await tracker.tick();
    await until(() => live.commands.length > 0);
    expect(live.commands).toEqual([{ entry: { kind: "goalReached", detail: { growth: 10, goal: 10 } }, memberId: "operator" }]);
    expect(tracker.current?.tree.growth).toBe(10);
    // Applied: the state says so, the reward shows, and nothing more is submitted.
    live.current = { ...live.current, growth: { ...live.current.growth, goalReachedAt: now, goalReached: { growth: 10, goal: 10 } } };
    now += 1000;
    log.chat("ann", "after", now);
    await tracker.tick();
    expect(live.commands).toHaveLength(1);
    expect(tracker.current?.reward).toEqual({ text: "Tea", url: null });
  });
});

describe("a store that fails", () => {
  it("costs a tick: logged, then the log is read again from where it was", async () => {
    const { store, tracker, updates, logged, log, listen } = setUp();
    listen();
    now = LIVE_START + 1000;
    log.join("ann", now);
    tracker.join("room", "ann", now);
    await settle(tracker, "ann");
    log.ask("ann", now + 10);
    store.failReads = 1;
    const seen = updates.length;
    await tracker.tick();
    expect(logged).toContain("tracking the session's growth failed");
    expect(updates.length).toBe(seen);
    await tracker.tick();
    expect(tracker.mineOf("ann")?.byKind.question).toBe(5);
  });

  it("reads a long log on in batches until a short one", async () => {
    const { store, tracker, log, listen } = setUp();
    now = LIVE_START + 1000;
    for (let i = 0; i < GROWTH_ROWS_PER_READ + 10; i += 1) log.react(`m${i % 50}`, now);
    listen();
    await until(() => tracker.current !== null);
    expect(store.reads).toBe(2);
    expect(tracker.current?.tree.contributors).toBe(50);
  });
});

describe("rows that commit out of id order", () => {
  it("folds a lower-id row that becomes visible after a higher one exactly once, and never a row twice", async () => {
    const { store, tracker, log, listen } = setUp();
    listen();
    now = LIVE_START + 1000;
    log.join("ann", now);
    log.join("bob", now);
    tracker.join("room", "ann", now);
    await settle(tracker, "ann");
    const first = log.react("ann", now + 10);
    const late = log.react("ann", now + 20);
    const after = log.react("ann", now + 30);
    // The middle insert commits last: a read sees the first and the third.
    store.uncommitted.add(late.id);
    now += 1000;
    await tracker.tick();
    expect(tracker.mineOf("ann")?.byKind.reaction).toBe(2);
    // A lower-id join and reaction of another member: joins and reactions are not deduped by the ledger.
    const lateJoin = log.join("cy", now);
    const lateReaction = log.react("cy", now + 1);
    log.react("bob", now + 2);
    store.uncommitted.add(lateJoin.id);
    store.uncommitted.add(lateReaction.id);
    now += 1000;
    await tracker.tick();
    expect(tracker.current?.tree.contributors).toBe(2);

    store.uncommitted.clear();
    now += 1000;
    await tracker.tick();
    expect(tracker.mineOf("ann")?.byKind.reaction).toBe(3);
    expect(tracker.current?.leaderboard.find((row) => row.memberId === "cy")?.points).toBe(1);
    expect(tracker.current?.tree.contributors).toBe(3);
    // Read again and again, over the overlap and past it: nothing counts twice.
    for (let i = 0; i < 3; i += 1) {
      now += GROWTH_OVERLAP_MS / 2;
      await tracker.tick();
    }
    expect(tracker.mineOf("ann")?.byKind.reaction).toBe(3);
    expect(tracker.current?.leaderboard.find((row) => row.memberId === "cy")?.points).toBe(1);
    expect(tracker.current?.tree.growth).toBe(5);
    expect(first.id < late.id && late.id < after.id).toBe(true);
  });

  it("reads again only the rows past the highest id seen an overlap ago", async () => {
    const { store, tracker, log, listen } = setUp();
    now = LIVE_START + 1000;
    log.join("ann", now);
    const early = log.react("ann", now);
    listen();
    await until(() => tracker.current !== null);
    expect(store.readsAfter).toEqual([0]);
    // Within the overlap the log is read from the start again; past it, from the row the first read ended at.
    now += GROWTH_OVERLAP_MS - 1;
    await tracker.tick();
    expect(store.readsAfter.at(-1)).toBe(0);
    now += 1;
    await tracker.tick();
    now += 1;
    await tracker.tick();
    expect(store.readsAfter.at(-1)).toBe(early.id);
    // The rows past it still count, once.
    log.react("ann", now);
    now += 1000;
    await tracker.tick();
    await tracker.tick();
    expect(tracker.current?.leaderboard.find((row) => row.memberId === "ann")?.points).toBe(2);
  });
});

/** A store of closed and open past sessions that counts the reads of each session's log. */
class HistoryStore {
  readonly logs = new Map<string, LogRow[]>();
  readonly sessions: MemberSessionRecord[] = [];
  readonly readsOf = new Map<string, number>();

  async interactionRows(sessionId: string, afterId: number, limit: number): Promise<LogRow[]> {
    this.readsOf.set(sessionId, (this.readsOf.get(sessionId) ?? 0) + 1);
    return (this.logs.get(sessionId) ?? []).filter((row) => row.id > afterId).slice(0, limit);
  }
  async memberSessions(memberId: string): Promise<MemberSessionRecord[]> {
    return this.sessions.filter((session) => (this.logs.get(session.sessionId) ?? []).some((row) => row.memberId === memberId));
  }

  /** A session of `members`, each joining and reacting; ended `endedAt` (null: still open). */
  add(sessionId: string, startedAt: number, endedAt: number | null, members: readonly string[]): void {
    const log = new LogBuilder(sessionId);
    for (const member of members) {
      log.join(member, startedAt);
      log.react(member, startedAt + 1000);
    }
    this.logs.set(sessionId, log.rows);
    this.sessions.push({ sessionId, eventId: EVENT, eventSlug: "grow", eventTitle: "Grow", startedAt, endedAt });
  }
}

describe("the history loader's cache of closed sessions", () => {
  const HOUR = 3_600_000;
  const at = MIDNIGHT + 10 * DAY;

  it("reads a closed session's log once across loads, for the same member and for others of that session", async () => {
    const store = new HistoryStore();
    store.add("closed-1", MIDNIGHT, MIDNIGHT + HOUR, ["ann", "bob"]);
    store.add("closed-2", MIDNIGHT + DAY, MIDNIGHT + DAY + HOUR, ["ann"]);
    const first = await loadMemberHistory(store, "ann", at);
    const again = await loadMemberHistory(store, "ann", at + 1000);
    const bob = await loadMemberHistory(store, "bob", at);
    expect(again).toEqual(first);
    expect(first.map((h) => h.sessionId)).toEqual(["closed-1", "closed-2"]);
    expect(bob.map((h) => h.tally.byKind.reaction)).toEqual([1]);
    expect(Object.fromEntries(store.readsOf)).toEqual({ "closed-1": 1, "closed-2": 1 });
    // The same figures as a fold with nothing cached.
    const fresh = new HistoryStore();
    fresh.add("closed-1", MIDNIGHT, MIDNIGHT + HOUR, ["ann", "bob"]);
    fresh.add("closed-2", MIDNIGHT + DAY, MIDNIGHT + DAY + HOUR, ["ann"]);
    expect(await loadMemberHistory(fresh, "ann", at + 1000)).toEqual(first);
  });

  it("reads an open session, and one that closed only just now, at every load", async () => {
    const store = new HistoryStore();
    store.add("open", MIDNIGHT, null, ["ann"]);
    store.add("just-closed", MIDNIGHT + DAY, at - 1000, ["ann"]);
    await loadMemberHistory(store, "ann", at);
    await loadMemberHistory(store, "ann", at);
    expect(Object.fromEntries(store.readsOf)).toEqual({ open: 2, "just-closed": 2 });
    // Settled: read once more, then kept.
    await loadMemberHistory(store, "ann", at + CLOSED_SESSION_SETTLE_MS);
    await loadMemberHistory(store, "ann", at + CLOSED_SESSION_SETTLE_MS);
    expect(Object.fromEntries(store.readsOf)).toEqual({ open: 4, "just-closed": 3 });
  });

  it("keeps the most recently used closed sessions, up to its bound", async () => {
    const store = new HistoryStore();
    store.add("a", MIDNIGHT - 2 * DAY, MIDNIGHT - 2 * DAY + HOUR, ["bob", "cy"]);
    store.add("b", MIDNIGHT - DAY, MIDNIGHT - DAY + HOUR, ["bob"]);
    for (let i = 0; i < CLOSED_SESSIONS_CACHED - 1; i += 1) store.add(`s${i}`, MIDNIGHT + i * HOUR, MIDNIGHT + i * HOUR + 1000, ["ann"]);
    await loadMemberHistory(store, "bob", at);
    // Cy's load uses "a" again, so "b" is now the least recently used; ann's sessions fill the cache past its bound.
    await loadMemberHistory(store, "cy", at);
    await loadMemberHistory(store, "ann", at);
    await loadMemberHistory(store, "bob", at);
    expect(store.readsOf.get("a")).toBe(1);
    expect(store.readsOf.get("b")).toBe(2);
  });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}


