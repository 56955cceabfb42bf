import type { Presence } from "@colyseus/core";
import type { SessionCommandEntry } from "../../shared/log.js";
import {
  INITIAL_SESSION_STATE,
  applySessionCommand,
  checkSessionCommand,
  type SessionCommand,
  type SessionOutcome,
  type SessionState,
} from "../../shared/rules/session.js";
import type { Store } from "../store/index.js";

/** What an instance hears from its session: the state after each applied command, and the head-counts. */
export interface SessionListener {
  onSessionState(state: SessionState): void;
  onHeadCounts(instances: ReadonlyMap<string, InstanceCount>): void;
}

export interface InstanceCount {
  /** 1 for the session's first instance, 2 for the next, …: the lowest number free when it attached. */
  number: number;
  online: number;
}

export interface SessionDeps {
  store: Store;
  presence: Presence;
  now: () => number;
  log: (message: string, error?: unknown) => void;
  /** How long a gap in the command order may last before the replica reads the log to fill it. */
  gapTimeoutMs: number;
}

/** What travels on a session's channel. A `skip` fills the place of a command that could not be logged. */
type ChannelMessage = { seq: number; command: SessionCommand } | { seq: number; skip: true } | { counts: true };

/**
 * This process' replica of one live session. Commands are ordered by a per-session sequence number taken from
 * presence (`incr`), logged, then published on the session's channel; every replica (one per process, shared by
 * the instances in it) applies them in sequence order through the pure reducer, waiting for any it has not heard
 * yet. A command is in the log before any replica applies it, so replaying the log rebuilds the same state.
 */
export class LiveSession {
  private state: SessionState = INITIAL_SESSION_STATE;
  private readonly listeners = new Map<string, SessionListener>();
  /** Commands heard ahead of their turn, by sequence number; null marks a skipped number. */
  private readonly early = new Map<number, SessionCommand | null>();
  private gapTimer: NodeJS.Timeout | undefined;
  private counts = new Map<string, InstanceCount>();
  /** This replica's own commands, logged and not yet applied here: each resolves with its outcome when applied. */
  private readonly pending = new Map<number, (outcome: SessionOutcome) => void>();
  private readonly onChannel = (message: ChannelMessage) => this.hear(message);
  private closed = false;

  private constructor(
    readonly id: string,
    private readonly deps: SessionDeps,
  ) {}

  private get channel(): string {
    return `grove:session:${this.id}`;
  }
  private get seqKey(): string {
    return `grove:session:${this.id}:seq`;
  }
  private get countsKey(): string {
    return `grove:session:${this.id}:instances`;
  }

  /**
   * Opens this process' replica: listens on the channel first (so nothing published meanwhile is lost), then
   * rebuilds the state from the log, then makes sure the sequence counter is past everything logged (after a
   * restart the counter in local presence starts again from nothing).
   */
  static async open(id: string, deps: SessionDeps): Promise<LiveSession> {
    const session = new LiveSession(id, deps);
    await deps.presence.subscribe(session.channel, session.onChannel);
    await session.catchUp();
    const logged = await deps.store.lastSessionSeq(id);
    const counter = Number((await deps.presence.get(session.seqKey)) ?? 0);
    if (counter < logged) await deps.presence.set(session.seqKey, String(logged));
    await session.refreshCounts();
    return session;
  }

  get current(): SessionState {
    return this.state;
  }

  get instanceCount(): number {
    return this.listeners.size;
  }

  async attach(roomId: string, listener: SessionListener): Promise<void> {
    this.listeners.set(roomId, listener);
    const taken = new Set([...this.counts.values()].map((c) => c.number));
    let number = 1;
    while (taken.has(number)) number += 1;
    await this.writeCount(roomId, { number, online: 0 });
  }

  /** The number an attached instance was given (its chat history is kept under it); undefined when not attached. */
  numberOf(roomId: string): number | undefined {
    return this.counts.get(roomId)?.number;
  }

  async reportOnline(roomId: string, online: number): Promise<void> {
    const known = this.counts.get(roomId);
    if (!known || known.online === online) return;
    await this.writeCount(roomId, { ...known, online });
  }

  /** Removes an instance. Returns how many instances the session still has anywhere. */
  async detach(roomId: string): Promise<number> {
    this.listeners.delete(roomId);
    await this.deps.presence.hdel(this.countsKey, roomId);
    this.deps.presence.publish(this.channel, { counts: true } satisfies ChannelMessage);
    return this.deps.presence.hlen(this.countsKey);
  }

  /** Stops listening; with `forget`, also drops the session's keys from presence (it has ended). */
  close(forget: boolean): void {
    this.closed = true;
    clearTimeout(this.gapTimer);
    for (const resolve of this.pending.values()) resolve({ applied: false, reason: "stale" });
    this.pending.clear();
    this.deps.presence.unsubscribe(this.channel, this.onChannel);
    if (forget) {
      this.deps.presence.del(this.seqKey);
      this.deps.presence.del(this.countsKey);
    }
  }

  /**
   * Submits a command: checked against this replica first (a command the rules would decline is refused before it
   * is logged), then given the next sequence number, logged, and published. Resolves once this replica has applied
   * it, with the outcome of applying it in its turn: a command that lost a race to one sent before it (a vote
   * against a close from another instance) comes back declined, as every replica declines it. `stale` when the
   * replica closed first, or had to pass over the command's number.
   */
  async command(entry: SessionCommandEntry, by: { memberId: string; at: number }): Promise<SessionOutcome> {
    return (await this.submit(entry, by)).outcome;
  }

  /**
   * `command`, also saying which sequence number the command took (null when it was refused before it was logged):
   * what the command made is named after it (a question `q<seq>`), so the sender can refer to it.
   */
  async submit(entry: SessionCommandEntry, by: { memberId: string; at: number }): Promise<{ outcome: SessionOutcome; seq: number | null }> {
    if (this.closed) return { outcome: { applied: false, reason: "stale" }, seq: null };
    const check = checkSessionCommand(this.state, { ...entry, ...by });
    if (!check.applied) return { outcome: check, seq: null };
    const seq = await this.deps.presence.incr(this.seqKey);
    const command = { ...entry, ...by, seq } as SessionCommand;
    const applied = new Promise<SessionOutcome>((resolve) => this.pending.set(seq, resolve));
    try {
      await this.deps.store.appendInteraction({ ...entry, sessionId: this.id, memberId: by.memberId, at: by.at, seq });
    } catch (e) {
      // The number is taken; tell every replica to pass over it rather than wait for it.
      this.pending.delete(seq);
      this.deps.presence.publish(this.channel, { seq, skip: true } satisfies ChannelMessage);
      throw e;
    }
    this.deps.presence.publish(this.channel, { seq, command } satisfies ChannelMessage);
    // Should the message be lost on its way back here, the gap timer reads the command from the log.
    if (this.pending.has(seq)) this.armGapTimer();
    return { outcome: await applied, seq };
  }

  private hear(message: ChannelMessage): void {
    if (this.closed) return;
    if ("counts" in message) {
      void this.refreshCounts().catch((e: unknown) => this.deps.log("reading head-counts failed", e));
      return;
    }
    if (message.seq <= this.state.seq) return;
    this.early.set(message.seq, "skip" in message ? null : message.command);
    this.drain();
  }

  /**
   * Applies every command whose turn has come, then tells the instances and this replica's waiting senders; if some
   * are still waiting on a missing one (or a sender on its own), starts the gap timer.
   */
  private drain(): void {
    let progressed = false;
    const settled: Array<[(outcome: SessionOutcome) => void, SessionOutcome]> = [];
    for (let next = this.state.seq + 1; this.early.has(next); next = this.state.seq + 1) {
      const command = this.early.get(next);
      this.early.delete(next);
      let outcome: SessionOutcome = { applied: false, reason: "stale" };
      if (command) ({ state: this.state, outcome } = applySessionCommand(this.state, command));
      else this.state = { ...this.state, seq: next };
      progressed = true;
      const resolve = this.pending.get(next);
      if (resolve) {
        this.pending.delete(next);
        settled.push([resolve, outcome]);
      }
    }
    if (progressed) for (const listener of this.listeners.values()) listener.onSessionState(this.state);
    for (const [resolve, outcome] of settled) resolve(outcome);
    // The wait for a missing number starts again from the last progress (not from the last message heard).
    if (progressed || (this.early.size === 0 && this.pending.size === 0)) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
    }
    this.armGapTimer();
  }

  /** Starts the gap timer when something waits (a command heard early, or a sender's own) and none runs. */
  private armGapTimer(): void {
    if (this.gapTimer !== undefined || this.closed) return;
    if (this.early.size === 0 && this.pending.size === 0) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      void this.fillGap();
    }, this.deps.gapTimeoutMs);
    this.gapTimer.unref();
  }

  /**
   * A number has been missing for a while (a message lost, or a process that died between taking a number and
   * logging it): whatever the log holds is applied; a number the log does not have by now is passed over.
   */
  private async fillGap(): Promise<void> {
    try {
      await this.catchUp();
      const waiting = Math.min(...this.early.keys());
      if (Number.isFinite(waiting) && waiting > this.state.seq + 1) {
        for (let seq = this.state.seq + 1; seq < waiting; seq += 1) this.early.set(seq, null);
      }
      this.drain();
    } catch (e) {
      this.deps.log("catching up a session failed", e);
      // Whatever still waits is tried again after another gap.
      this.armGapTimer();
    }
  }

  /** Applies the logged commands this replica has not applied yet. */
  private async catchUp(): Promise<void> {
    const commands = await this.deps.store.listSessionCommands(this.id, this.state.seq);
    for (const command of commands) if (!this.early.has(command.seq)) this.early.set(command.seq, command);
    if (commands.length > 0) this.drain();
  }

  private async writeCount(roomId: string, count: InstanceCount): Promise<void> {
    this.counts.set(roomId, count);
    await this.deps.presence.hset(this.countsKey, roomId, JSON.stringify(count));
    this.deps.presence.publish(this.channel, { counts: true } satisfies ChannelMessage);
  }

  private async refreshCounts(): Promise<void> {
    const all = (await this.deps.presence.hgetall(this.countsKey)) as Record<string, string> | null;
    const counts = new Map<string, InstanceCount>();
    for (const [roomId, text] of Object.entries(all ?? {})) {
      try {
        const parsed = JSON.parse(text) as Partial<InstanceCount>;
        if (typeof parsed.number === "number" && typeof parsed.online === "number") counts.set(roomId, { number: parsed.number, online: parsed.online });
      } catch {
        // A value that is not ours is ignored.
      }
    }
    this.counts = counts;
    for (const listener of this.listeners.values()) listener.onHeadCounts(counts);
  }
}
