import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { LocalPresence, type Presence } from "@colyseus/core";
import { Store } from "../../server/store/index.js";
import { SessionHub } from "../../server/session/SessionHub.js";
import type { SessionListener } from "../../server/session/LiveSession.js";
import { INITIAL_SESSION_STATE, replaySession, type SessionState } from "../../shared/rules/session.js";
import { until } from "../helpers/grove.js";

/**
 * Two processes' replicas of one session, as Redis presence would connect them: one presence (the channel and the
 * sequence counter), one database, a hub each. The channel here can hold messages back and deliver them out of
 * order, or lose them, to show that the order replicas agree on is the sequence, not the arrival.
 */
class UnrulyPresence extends LocalPresence {
  held: Array<() => void> = [];
  holding = false;
  dropping = false;
  override publish(topic: string, data: unknown): this {
    if (this.dropping) return this;
    if (this.holding) this.held.push(() => super.publish(topic, data));
    else super.publish(topic, data);
    return this;
  }
  release(order: (n: number) => number[]): void {
    const held = this.held.splice(0);
    for (const i of order(held.length)) held[i]?.();
  }
}

let store: Store;
let presence: UnrulyPresence;
let eventId = "";
let host = "";

function recorder(): SessionListener & { states: SessionState[] } {
  const states: SessionState[] = [];
  return { states, onSessionState: (s) => void states.push(s), onHeadCounts: () => {} };
}

function hub(): SessionHub {
  return new SessionHub({ store, presence: presence as Presence, now: Date.now, log: () => {}, gapTimeoutMs: 50 });
}

beforeEach(async () => {
  store = await Store.open({ sqlitePath: ":memory:" });
  presence = new UnrulyPresence();
  eventId = (await store.ensureEvent({ slug: "replicas", title: "Replicas", now: 0 })).id;
  host = (await store.createMember({ name: "Host", look: { color: "#e4572e", shape: "round", accessory: "none" }, now: 0 })).id;
});

afterEach(async () => {
  await store.close();
});

describe("replicas of one session in two processes", () => {
  it("apply commands sent from both in one order, whatever order the channel delivers them in", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.boolean(), fc.string({ minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 12 }), fc.infiniteStream(fc.nat()), async (sends, randomness) => {
        const [a, b] = [hub(), hub()];
        const [inA, inB] = [recorder(), recorder()];
        const sessionA = await a.attach(eventId, "room-a", inA);
        const sessionB = await b.attach(eventId, "room-b", inB);
        presence.holding = true;
        // A command resolves once its own replica applied it: held on the channel, they are all logged but wait.
        const outcomes = Promise.all(
          sends.map(([fromA, text], i) =>
            (fromA ? sessionA : sessionB).command({ kind: "announcementPosted", detail: { text, name: "Host" } }, { memberId: host, at: 1000 + i }),
          ),
        );
        await until(async () => (await store.listSessionCommands(sessionA.id)).length === sends.length, "every command to be logged", 2000);
        presence.holding = false;
        const stream = randomness[Symbol.iterator]();
        presence.release((n) => {
          const order = [...Array(n).keys()];
          for (let i = n - 1; i > 0; i -= 1) {
            const j = stream.next().value % (i + 1);
            [order[i], order[j]] = [order[j]!, order[i]!];
          }
          return order;
        });
        const logged = replaySession(await store.listSessionCommands(sessionA.id));
        expect(await outcomes).toEqual(sends.map(() => ({ applied: true })));
        await until(() => sessionA.current.seq === logged.seq && sessionB.current.seq === logged.seq, "both replicas to catch up", 2000);
        expect(sessionA.current).toEqual(logged);
        expect(sessionB.current).toEqual(logged);
        // Each replica told its instance only states in sequence order.
        for (const seen of [inA.states, inB.states]) expect(seen.map((s) => s.seq)).toEqual([...seen.map((s) => s.seq)].sort((x, y) => x - y));
        await a.detach(eventId, "room-a", { restarting: false });
        await b.detach(eventId, "room-b", { restarting: false });
      }),
      { numRuns: 25 },
    );
  });

  it("fills a gap from the log when a command's message is lost", async () => {
    const [a, b] = [hub(), hub()];
    const sessionA = await a.attach(eventId, "room-a", recorder());
    const sessionB = await b.attach(eventId, "room-b", recorder());
    presence.dropping = true;
    await sessionA.command({ kind: "announcementPosted", detail: { text: "lost on the wire", name: "Host" } }, { memberId: host, at: 1 });
    presence.dropping = false;
    await sessionA.command({ kind: "announcementPosted", detail: { text: "heard", name: "Host" } }, { memberId: host, at: 2 });
    // Both replicas heard only number 2; they wait, then read number 1 from the log and apply both in order.
    await until(() => sessionA.current.seq === 2 && sessionB.current.seq === 2, "the gap to be filled", 2000);
    expect(sessionB.current.announcement?.text).toBe("heard");
    expect(sessionB.current).toEqual(sessionA.current);
  });

  it("answers each sender with the outcome of applying its command in turn: of two racing clears, the second is declined on both", async () => {
    const [a, b] = [hub(), hub()];
    const sessionA = await a.attach(eventId, "room-a", recorder());
    const sessionB = await b.attach(eventId, "room-b", recorder());
    expect(await sessionA.command({ kind: "announcementPosted", detail: { text: "up", name: "Host" } }, { memberId: host, at: 1 })).toEqual({ applied: true });
    await until(() => sessionB.current.seq === 1, "B to hear the post");
    // Both replicas see an announcement, so both clears pass their own check and are logged; the channel holds them.
    presence.holding = true;
    const fromA = sessionA.command({ kind: "announcementCleared", detail: {} }, { memberId: host, at: 2 });
    const fromB = sessionB.command({ kind: "announcementCleared", detail: {} }, { memberId: host, at: 3 });
    await until(async () => (await store.listSessionCommands(sessionA.id)).length === 3, "both clears to be logged");
    presence.holding = false;
    presence.release((n) => [...Array(n).keys()].reverse());
    const outcomes = await Promise.all([fromA, fromB]);
    // The one numbered second (told apart by its time: A's at 2, B's at 3) is the one declined, to its sender.
    const second = (await store.listSessionCommands(sessionA.id))[2]!;
    const [first, last] = second.at === 3 ? outcomes : [outcomes[1], outcomes[0]];
    expect(first).toEqual({ applied: true });
    expect(last).toEqual({ applied: false, reason: "NOTHING_TO_CHANGE" });
    expect(sessionA.current).toEqual(sessionB.current);
    expect(sessionA.current).toMatchObject({ seq: 3, announcement: null });
  });

  it("answers a sender whose command's message was lost from the log, after the gap timeout", async () => {
    const session = await hub().attach(eventId, "room-a", recorder());
    presence.dropping = true;
    const outcome = await session.command({ kind: "announcementPosted", detail: { text: "lost", name: "Host" } }, { memberId: host, at: 1 });
    presence.dropping = false;
    expect(outcome).toEqual({ applied: true });
    expect(session.current.announcement?.text).toBe("lost");
  });

  it("answers a waiting sender with stale when its replica closes, and a closed replica takes no more commands", async () => {
    const a = hub();
    const session = await a.attach(eventId, "room-a", recorder());
    presence.holding = true;
    const waiting = session.command({ kind: "announcementPosted", detail: { text: "late", name: "Host" } }, { memberId: host, at: 1 });
    await until(async () => (await store.listSessionCommands(session.id)).length === 1, "the command to be logged");
    await a.detach(eventId, "room-a", { restarting: true });
    expect(await waiting).toEqual({ applied: false, reason: "stale" });
    expect(await session.command({ kind: "announcementPosted", detail: { text: "after", name: "Host" } }, { memberId: host, at: 2 })).toEqual({ applied: false, reason: "stale" });
    expect(await store.listSessionCommands(session.id)).toHaveLength(1);
  });

  it("passes over a number whose command could not be logged, and the replicas go on", async () => {
    const a = hub();
    const session = await a.attach(eventId, "room-a", recorder());
    await expect(session.command({ kind: "announcementPosted", detail: { text: "x", name: "Host" } }, { memberId: "nobody", at: 1 })).rejects.toThrow();
    await session.command({ kind: "announcementPosted", detail: { text: "after", name: "Host" } }, { memberId: host, at: 2 });
    await until(() => session.current.seq === 2, "the replica to pass the failed number");
    expect(session.current.announcement).toMatchObject({ id: "a2", text: "after" });
    expect((await store.listSessionCommands(session.id)).map((c) => c.seq)).toEqual([2]);
  });

  it("rebuilds a session from its log in a process that opens it later, and numbers the next command after the log", async () => {
    const first = hub();
    const session = await first.attach(eventId, "room-a", recorder());
    for (let i = 0; i < 5; i += 1) await session.command({ kind: "announcementPosted", detail: { text: `n${i}`, name: "Host" } }, { memberId: host, at: i });
    await first.detach(eventId, "room-a", { restarting: true });
    // A restarted process: its presence starts empty, the log is all it has.
    presence = new UnrulyPresence();
    const second = hub();
    const resumed = await second.attach(eventId, "room-b", recorder());
    expect(resumed.id).toBe(session.id);
    expect(resumed.current).toEqual({ ...INITIAL_SESSION_STATE, seq: 5, announcement: expect.objectContaining({ id: "a5", text: "n4" }) });
    await resumed.command({ kind: "announcementCleared", detail: {} }, { memberId: host, at: 9 });
    expect((await store.listSessionCommands(session.id)).map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(resumed.current).toEqual({ ...INITIAL_SESSION_STATE, seq: 6, announcement: null });
  });

  it("closes the session when the last instance anywhere leaves, but not on a restart", async () => {
    const [a, b] = [hub(), hub()];
    const session = await a.attach(eventId, "room-a", recorder());
    await b.attach(eventId, "room-b", recorder());
    await a.detach(eventId, "room-a", { restarting: false });
    expect((await store.getSession(session.id))?.endedAt).toBeNull();
    await b.detach(eventId, "room-b", { restarting: true });
    expect((await store.getSession(session.id))?.endedAt).toBeNull();
    const c = hub();
    await c.attach(eventId, "room-c", recorder());
    await c.detach(eventId, "room-c", { restarting: false });
    expect((await store.getSession(session.id))?.endedAt).not.toBeNull();
  });

  it("sweeps a session a restart left open once nobody has come back within the resume window, never a live one", async () => {
    let now = 100_000;
    const sweeping = new SessionHub({ store, presence: presence as Presence, now: () => now, log: () => {}, resumeWindowMs: 60_000 });
    const left = await sweeping.attach(eventId, "room-a", recorder());
    await sweeping.detach(eventId, "room-a", { restarting: true });
    const other = (await store.ensureEvent({ slug: "still-live", title: "Live", now: 0 })).id;
    const live = await sweeping.attach(other, "room-b", recorder());
    now += 60_000;
    expect(await sweeping.sweep()).toBe(0);
    now += 1;
    expect(await sweeping.sweep()).toBe(1);
    expect((await store.getSession(left.id))?.endedAt).toBe(100_000);
    expect((await store.getSession(live.id))?.endedAt).toBeNull();
  });

  it("counts heads per instance across processes, numbering instances from 1", async () => {
    const [a, b] = [hub(), hub()];
    let seenByA = new Map<string, { number: number; online: number }>();
    const session = await a.attach(eventId, "room-a", { onSessionState: () => {}, onHeadCounts: (c) => void (seenByA = new Map(c)) });
    const other = await b.attach(eventId, "room-b", recorder());
    await session.reportOnline("room-a", 3);
    await other.reportOnline("room-b", 2);
    await until(() => seenByA.get("room-b")?.online === 2 && seenByA.get("room-a")?.online === 3, "head-counts");
    expect(Object.fromEntries(seenByA)).toEqual({ "room-a": { number: 1, online: 3 }, "room-b": { number: 2, online: 2 } });
    await b.detach(eventId, "room-b", { restarting: false });
    await until(() => !seenByA.has("room-b"), "room-b to go");
  });
});
