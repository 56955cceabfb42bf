import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type Room } from "colyseus.js";
import { startGrove, type Grove, type GroveOptions } from "../../server/app.js";
import type { JoinLimits } from "../../server/joinGuard.js";
import { PROTOCOL_VERSION, type AvatarLook, type JoinOptions } from "../../shared/protocol/index.js";
import type { VenueState } from "../../shared/state/VenueState.js";

/** Suites that join dozens of times from 127.0.0.1 use these; the join-limit tests run with the defaults. */
export const GENEROUS_JOIN_LIMITS: JoinLimits = {
  perAddress: { capacity: 10_000, perSecond: 1000 },
  newIdentitiesPerAddress: { capacity: 10_000, perSecond: 1000 },
  perMember: { capacity: 10_000, perSecond: 1000 },
  pendingPerAddress: 10_000,
};

export interface TestGrove extends Grove {
  client: Client;
  dispose(): Promise<void>;
}

/** A real Grove server on a free port with a throwaway SQLite file (or DATABASE_URL when a test asks for it). */
export async function startTestGrove(options: GroveOptions = {}): Promise<TestGrove> {
  const dir = mkdtempSync(join(tmpdir(), "grove-test-"));
  const grove = await startGrove({ port: 0, sqlitePath: join(dir, "grove.sqlite"), quiet: true, joinLimits: GENEROUS_JOIN_LIMITS, ...options });
  return {
    ...grove,
    client: new Client(grove.url),
    async dispose() {
      await grove.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const TEST_LOOK: AvatarLook = { color: "#e4572e", shape: "tall", accessory: "hat" };

export function joinOptions(overrides: Partial<JoinOptions> = {}): JoinOptions {
  return { protocolVersion: PROTOCOL_VERSION, eventSlug: "demo", name: "Ada", look: TEST_LOOK, ...overrides };
}

export type VenueRoom = Room<VenueState>;

/** Resolves with the next message of `type` the room receives; rejects after `timeoutMs`. */
export function nextMessage<T = unknown>(room: Room, type: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${type}" message within ${timeoutMs} ms`)), timeoutMs);
    const off = room.onMessage(type, (message: T) => {
      clearTimeout(timer);
      off();
      resolve(message);
    });
  });
}

/** Waits for a state patch after which `predicate` holds (checked at once, then on every patch). */
export function waitForState<S>(room: Room<S>, predicate: (state: S) => boolean, timeoutMs = 5000): Promise<S> {
  return new Promise((resolve, reject) => {
    if (room.state && predicate(room.state)) return resolve(room.state);
    const timer = setTimeout(() => {
      room.onStateChange.remove(check);
      reject(new Error(`state condition not met within ${timeoutMs} ms`));
    }, timeoutMs);
    const check = (state: S) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      room.onStateChange.remove(check);
      resolve(state);
    };
    room.onStateChange(check);
  });
}

/** Collects every message of `type` until read. */
export function collect<T = unknown>(room: Room, type: string): T[] {
  const seen: T[] = [];
  room.onMessage(type, (message: T) => seen.push(message));
  return seen;
}

/** Joins and waits for the welcome event, which arrives after the member is in the state. */
export async function joinVenue(client: Client, overrides: Partial<JoinOptions> = {}) {
  const room = await client.joinOrCreate<VenueState>("venue", joinOptions(overrides));
  const welcome = await nextMessage<{ memberId: string; secret: string; sessionId: string; newIdentity: boolean }>(room, "welcome");
  await waitForState(room, (s) => s.members?.has(room.sessionId) ?? false);
  return { room, welcome };
}

/** Joins and leaves at once: "joined", or the reason the join was refused (its ErrorCode). */
export async function joinOutcome(client: Client, options: Record<string, unknown>): Promise<string> {
  try {
    const room = await client.joinOrCreate("venue", options);
    await room.leave();
    return "joined";
  } catch (e) {
    return (e as Error).message;
  }
}

/** Polls `check` until it returns true (for effects outside the room state, such as store writes). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The room's clock for tests: real time by default; `freeze()` stops it and `advance(ms)` moves it, so rules
 * that depend on time (rate limits) are tested without sleeping.
 */
export class TestClock {
  private frozenAt: number | null = null;
  readonly now = (): number => this.frozenAt ?? Date.now();
  freeze(): void {
    this.frozenAt = Date.now();
  }
  advance(ms: number): void {
    if (this.frozenAt === null) throw new Error("freeze the clock before advancing it");
    this.frozenAt += ms;
  }
  release(): void {
    this.frozenAt = null;
  }
}
