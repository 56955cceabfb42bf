import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocalPresence, type Presence } from "@colyseus/core";
import { Store } from "../../server/store/index.js";
import { SessionHub } from "../../server/session/SessionHub.js";
import type { InstanceCount, SessionListener } from "../../server/session/LiveSession.js";
import type { SessionState } from "../../shared/rules/session.js";
import { until } from "../helpers/grove.js";

/**
 * The session hub of one process and its replicas, on an in-memory database and Colyseus' local presence: how the
 * instances of an event share a session, what they are told, and what a session leaves behind. The presence here
 * remembers every key written to it, and can hold its messages back or lose them.
 */
class WatchedPresence extends LocalPresence {
  readonly written = new Set<string>();
  held: Array<() => void> = [];
  holding = false;
  dropping = false;
  override async incr(key: string): Promise<number> {
    this.written.add(key);
    return super.incr(key);
  }
  override async set(key: string, value: string): Promise<void> {
    this.written.add(key);
    return super.set(key, value);
  }
  override async hset(key: string, field: string, value: string): Promise<boolean> {
    this.written.add(key);
    return super.hset(key, field, value);
  }
  override publish(topic: string, data: unknown): this {
    if (this.dropping) return this;
    if (this.holding) this.held.push(() => super.publish(topic, data));
    else super.publish(topic, data);
    return this;
  }
  async stillThere(): Promise<string[]> {
    const there: string[] = [];
    for (const key of this.written) if (await this.exists(key)) there.push(key);
    return there;
  }
}

function recorder(): SessionListener & { states: SessionState[]; counts: Array<Record<string, InstanceCount>> } {
  const states: SessionState[] = [];
  const counts: Array<Record<string, InstanceCount>> = [];
  return { states, counts, onSessionState: (s) => void states.push(s), onHeadCounts: (c) => void counts.push(Object.fromEntries(c)) };
}

let store: Store;
let presence: WatchedPresence;
let now = 1_000_000;
let eventId = "";
let host = "";

function hub(options: { gapTimeoutMs?: number; resumeWindowMs?: number } = {}): SessionHub {
  return new SessionHub({ store, presence: presence as Presence, now: () => now, log: () => {}, ...options });
}

const post = (text: string) => ({ kind: "announcementPosted" as const, detail: { text, name: "Host" } });
const by = (memberId = host) => ({ memberId, at: now });

beforeEach(async () => {
  store = await Store.open({ sqlitePath: ":memory:" });
  presence = new WatchedPresence();
  eventId = (await store.ensureEvent({ slug: "hub", title: "Hub", now: 0 })).id;
  host = (await store.createMember({ name: "Host", look: { color: "#e4572e", shape: "round", accessory: "none" }, now: 0 })).id;
});

afterEach(async () => {
  vi.useRealTimers();
  await store.close();
});

describe("the instances of an event in one process", () => {
  it("share one replica, which stays open while any of them is attached and ends the session with the last", async () => {
    const sessions = hub();
    const [one, two] = [recorder(), recorder()];
    const first = await sessions.attach(eventId, "room-1", one);
    const second = await sessions.attach(eventId, "room-2", two);
    expect(second).toBe(first);

    await sessions.detach(eventId, "room-1", { restarting: false });
    expect((await store.getSession(first.id))?.endedAt).toBeNull();
    await first.command(post("still here"), by());
    await until(() => two.states.at(-1)?.announcement?.text === "still here", "the remaining instance to hear the command");
    expect(one.states).toEqual([]);

    now += 5_000;
    await sessions.detach(eventId, "room-2", { restarting: false });
    expect((await store.getSession(first.id))?.endedAt).toBe(now);
  });

  it("number instances from 1, give a new one the lowest free number, and tell each of them every head-count", async () => {
    const sessions = hub();
    const [one, two, three] = [recorder(), recorder(), recorder()];
    const session = await sessions.attach(eventId, "room-1", one);
    await sessions.attach(eventId, "room-2", two);
    await sessions.detach(eventId, "room-1", { restarting: false });
    await sessions.attach(eventId, "room-3", three);
    await session.reportOnline("room-2", 4);
    const expected = { "room-2": { number: 2, online: 4 }, "room-3": { number: 1, online: 0 } };
    await until(() => JSON.stringify(three.counts.at(-1)) === JSON.stringify(expected), "the head-counts to reach room 3");
    expect(two.counts.at(-1)).toEqual(expected);

    // The same count again costs nobody anything; a count for an instance that is not attached changes nothing.
    const heard = three.counts.length;
    await session.reportOnline("room-2", 4);
    await session.reportOnline("room-9", 7);
    await session.reportOnline("room-3", 1);
    await until(() => three.counts.at(-1)?.["room-3"]?.online === 1, "room 3's own count");
    expect(three.counts.length).toBe(heard + 1);
    expect(three.counts.at(-1)).toEqual({ ...expected, "room-3": { number: 1, online: 1 } });
  });

  it("can leave an event that has no session here without harm", async () => {
    await expect(hub().detach(eventId, "room-1", { restarting: false })).resolves.toBeUndefined();
  });
});

describe("two events in one presence", () => {
  it("keep their commands, numbers and head-counts apart", async () => {
    const sessions = hub();
    const other = (await store.ensureEvent({ slug: "other", title: "Other", now: 0 })).id;
    const [here, there] = [recorder(), recorder()];
    const a = await sessions.attach(eventId, "room-a", here);
    const b = await sessions.attach(other, "room-b", there);
    await a.command(post("for a"), by());
    await b.command(post("for b"), by());
    await until(() => a.current.seq === 1 && b.current.seq === 1, "each replica to apply its own command");
    expect([a.current.announcement?.text, b.current.announcement?.text]).toEqual(["for a", "for b"]);
    expect((await store.listSessionCommands(a.id)).map((c) => c.seq)).toEqual([1]);
    expect((await store.listSessionCommands(b.id)).map((c) => c.seq)).toEqual([1]);
    expect(Object.keys(here.counts.at(-1) ?? {})).toEqual(["room-a"]);
    expect(Object.keys(there.counts.at(-1) ?? {})).toEqual(["room-b"]);
  });
});

describe("commands", () => {
  it("refuses a command the rules decline before it takes a number or reaches the log", async () => {
    const session = await hub().attach(eventId, "room-1", recorder());
    expect(await session.command({ kind: "announcementCleared", detail: {} }, by())).toEqual({ applied: false, reason: "NOTHING_TO_CHANGE" });
    expect(await store.listSessionCommands(session.id)).toEqual([]);
    expect(await session.command(post("first"), by())).toEqual({ applied: true });
    expect((await store.listSessionCommands(session.id)).map((c) => c.seq)).toEqual([1]);
  });

  it("tells its instances each new state once, and nothing while a command waits for the one before it", async () => {
    const listener = recorder();
    const session = await hub().attach(eventId, "room-1", listener);
    presence.holding = true;
    // Each command resolves once applied here, so they are not awaited while their messages are held.
    const sent = [session.command(post("one"), by()), session.command(post("two"), by())];
    await until(() => presence.held.length === 2, "both commands to be logged and published");
    presence.holding = false;
    const [first, second] = presence.held.splice(0);
    second?.();
    expect(listener.states).toEqual([]);
    first?.();
    expect(listener.states).toMatchObject([{ seq: 2, announcement: { text: "two" } }]);
    expect(await Promise.all(sent)).toEqual([{ applied: true }, { applied: true }]);
  });

  it("never hands out again a number that a failed command made the replicas pass over, even in a process opened later", async () => {
    const first = hub();
    const a = await first.attach(eventId, "room-a", recorder());
    await a.command(post("logged"), by());
    // An unknown member cannot be logged: number 2 is taken, and the replicas are told to pass over it.
    await expect(a.command(post("lost"), by("nobody"))).rejects.toThrow();
    await until(() => a.current.seq === 2, "the replica to pass over number 2");

    // A second process opens the session from the log, which stops at number 1; it passes over 2 once its gap times out.
    const b = await hub({ gapTimeoutMs: 20 }).attach(eventId, "room-b", recorder());
    expect(b).not.toBe(a);
    await b.command(post("after"), by());
    await until(() => a.current.announcement?.text === "after" && b.current.announcement?.text === "after", "both replicas to apply it");
    expect((await store.listSessionCommands(a.id)).map((c) => c.seq)).toEqual([1, 3]);
  });

  it("passes over a number that was never logged, once its gap has lasted the gap timeout", async () => {
    const listener = recorder();
    const session = await hub({ gapTimeoutMs: 20 }).attach(eventId, "room-1", listener);
    // The failed command's "pass over it" message is lost too: number 1 is simply missing.
    presence.dropping = true;
    await expect(session.command(post("lost"), by("nobody"))).rejects.toThrow();
    presence.dropping = false;
    // The command resolves once applied, which waits for the gap before it to be passed over: well within the
    // default two seconds, as the hub's own gap timeout is the one that counts.
    const started = Date.now();
    expect(await session.command(post("found"), by())).toEqual({ applied: true });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(session.current.seq).toBe(2);
    expect(session.current.announcement?.text).toBe("found");
    // Told once, with both numbers behind it: nothing while number 2 waited.
    expect(listener.states).toHaveLength(1);
  });
});

describe("gaps", () => {
  it("fills each of two gaps in turn, applying every logged command between them", async () => {
    const listener = recorder();
    const session = await hub({ gapTimeoutMs: 20 }).attach(eventId, "room-1", listener);
    // Numbers 1 and 3 are taken and never logged, and their messages are lost; 2 and 4 are logged and heard.
    for (const [text, lost] of [["one", true], ["two", false], ["three", true], ["four", false]] as const) {
      presence.dropping = lost;
      const sent = session.command(post(text), by(lost ? "nobody" : host));
      await (lost ? expect(sent).rejects.toThrow() : sent);
    }
    presence.dropping = false;
    await until(() => session.current.seq === 4, "both gaps to be passed over", 1_500);
    expect(listener.states.map((s) => [s.seq, s.announcement?.text])).toEqual([[2, "two"], [4, "four"]]);
  });
});

describe("what a session leaves in presence", () => {
  it("nothing once it has ended; on a restart, its number and head-counts stay for whoever resumes it", async () => {
    const sessions = hub();
    const session = await sessions.attach(eventId, "room-1", recorder());
    await session.command(post("hello"), by());
    await sessions.detach(eventId, "room-1", { restarting: true });
    expect(await presence.stillThere()).not.toEqual([]);

    const resumed = await sessions.attach(eventId, "room-2", recorder());
    expect(resumed.id).toBe(session.id);
    await sessions.detach(eventId, "room-2", { restarting: false });
    expect(await presence.stillThere()).toEqual([]);
  });
});

describe("sweeping", () => {
  it("closes, every minute once started, a session a restart left that nobody came back to; and stops when told", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const sessions = hub({ resumeWindowMs: 60_000 });
    const left = await sessions.attach(eventId, "room-1", recorder());
    await sessions.detach(eventId, "room-1", { restarting: true });
    now += 61_000;
    sessions.startSweeping();
    vi.advanceTimersByTime(60_000);
    await until(async () => (await store.getSession(left.id))?.endedAt !== null, "the sweep to close the session");

    // Stopped, it leaves no timer behind to sweep again.
    expect(vi.getTimerCount()).toBe(1);
    sessions.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
