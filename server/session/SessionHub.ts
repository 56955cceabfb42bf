import type { WordListChange } from "../../shared/rules/moderation/types.js";
import { LiveSession, type SessionDeps, type SessionListener } from "./LiveSession.js";
import { GrowthTracker } from "../growth/GrowthTracker.js";

/** Ten minutes: long enough for a restart or a redeploy, short enough that tomorrow's run is a new session. */
export const DEFAULT_RESUME_WINDOW_MS = 10 * 60_000;
/** A missing command number is waited for this long before the log is read to fill the gap. */
export const DEFAULT_GAP_TIMEOUT_MS = 2_000;
const SWEEP_INTERVAL_MS = 60_000;

export interface SessionHubOptions extends Omit<SessionDeps, "gapTimeoutMs"> {
  gapTimeoutMs?: number;
  resumeWindowMs?: number;
}

/**
 * The live sessions this process holds, one per event: every instance (room) of an event attaches to the same
 * one. Attaching and detaching run one at a time per event, so a room closing the session cannot race a room
 * joining it.
 */
export class SessionHub {
  private readonly sessions = new Map<string, LiveSession>();
  /** Growth: one tracker beside each live session, so the session's log is folded once per process. */
  private readonly trackers = new Map<string, GrowthTracker>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly deps: SessionDeps;
  readonly resumeWindowMs: number;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(options: SessionHubOptions) {
    const { gapTimeoutMs, resumeWindowMs, ...deps } = options;
    this.deps = { ...deps, gapTimeoutMs: gapTimeoutMs ?? DEFAULT_GAP_TIMEOUT_MS };
    this.resumeWindowMs = resumeWindowMs ?? DEFAULT_RESUME_WINDOW_MS;
  }

  /** Joins a room to its event's live session, resuming the open one or opening a new one. */
  attach(eventId: string, roomId: string, listener: SessionListener): Promise<LiveSession> {
    return this.serial(eventId, async () => {
      let session = this.sessions.get(eventId);
      if (!session) {
        const record = await this.deps.store.openOrResumeSession(eventId, this.deps.now());
        session = await LiveSession.open(record.id, this.deps);
        this.sessions.set(eventId, session);
        this.trackers.set(eventId, new GrowthTracker(session, eventId, this.deps));
      }
      await session.attach(roomId, listener);
      return session;
    });
  }

  /** How many live sessions this process holds (GET /metrics). */
  get liveCount(): number {
    return this.sessions.size;
  }

  /** Growth: the tracker of the event's live session held here (undefined when none is). */
  growth(eventId: string): GrowthTracker | undefined {
    return this.trackers.get(eventId);
  }

  /**
   * The operator changed the event's word list on /admin: the live session held here, if any, logs it (`wordsSet`,
   * sent by the operator's stand-in member), so every instance filters with it at once. A failure is logged, not
   * thrown: the event record already has the list, and the next session starts with it.
   */
  async operatorWordsSet(eventId: string, words: WordListChange): Promise<void> {
    const session = this.sessions.get(eventId);
    if (!session) return;
    try {
      const operator = await this.deps.store.operatorMember(this.deps.now());
      await session.command({ kind: "wordsSet", detail: { add: [...words.add], remove: [...words.remove], name: operator.name } }, { memberId: operator.id, at: this.deps.now() });
    } catch (e) {
      this.deps.log("passing the operator's word list to the live session failed", e);
    }
  }

  /**
   * Leaves a room's session. When the last instance anywhere leaves and the server is not restarting, the session
   * ends now; on a restart it stays open for the members coming back (see Store.settleSessionsAfterRestart).
   */
  detach(eventId: string, roomId: string, options: { restarting: boolean }): Promise<void> {
    return this.serial(eventId, async () => {
      const session = this.sessions.get(eventId);
      if (!session) return;
      this.trackers.get(eventId)?.detach(roomId);
      const remaining = await session.detach(roomId);
      if (session.instanceCount > 0) return;
      this.sessions.delete(eventId);
      this.trackers.get(eventId)?.stop();
      this.trackers.delete(eventId);
      const ends = remaining === 0 && !options.restarting;
      session.close(ends);
      if (ends) await this.deps.store.closeSession(session.id, this.deps.now());
    });
  }

  /**
   * Closes open sessions that no instance holds and nothing has happened in for the resume window: those a
   * restart left behind that nobody came back to. Runs every minute until `stop()`.
   */
  startSweeping(): void {
    this.sweeper = setInterval(() => void this.sweep().catch((e: unknown) => this.deps.log("closing idle sessions failed", e)), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async sweep(): Promise<number> {
    const live = new Set([...this.sessions.values()].map((s) => s.id));
    return this.deps.store.closeIdleSessions(this.deps.now(), this.resumeWindowMs, live);
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  private serial<T>(eventId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(eventId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch(() => undefined);
    this.queues.set(eventId, settled);
    void settled.then(() => {
      if (this.queues.get(eventId) === settled) this.queues.delete(eventId);
    });
    return run;
  }
}
