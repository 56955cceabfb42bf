import { createHmac, randomBytes, randomInt } from "node:crypto";
import Janode, { type Connection, type Session } from "janode";
import VideoRoomPlugin, { type VideoRoomHandle } from "janode/plugins/videoroom";
import type { ErrorCode, IceServer, VoiceStatus, VoiceStopReason, VoiceUnavailableReason } from "../../shared/protocol/index.js";
import type { SessionState } from "../../shared/rules/session.js";
import { isAudioOnlySdp, listenersToDrop, publishersToStop } from "../../shared/rules/voice.js";
import type { VoiceConfig } from "./config.js";
import { JanusProcess, type JanusPlugin } from "./janusProcess.js";

// Stage voice (docs/voice.md): one Janus VideoRoom per live session, made and destroyed by this service. Members
// never reach Janus's API: the room relays their SDP here after checking the stage, and this service talks to Janus
// over its loopback WebSocket API with the API secret. Each speaker is one publisher; each listener has one
// subscriber handle per speaker (VideoRoom forwards the speaker's Opus packets as they are: no mixing, no
// transcoding). The views it pushes to the session's instances say whether voice works and whose microphone is live.

/** What each instance of a session shows (the room state's `session.voice`). */
export interface VoiceView {
  status: VoiceStatus;
  reason: VoiceUnavailableReason | "";
  ice: readonly IceServer[];
  feeds: readonly { memberId: string; talking: boolean }[];
}

/** An instance of a session watching its voice: its view, and a speaker's publishing that ended (to tell them). */
export interface VoiceWatcher {
  view(view: VoiceView): void;
  stopped(memberId: string, reason: VoiceStopReason): void;
  /** `listener`'s subscription to `feed` ended (the speaker stopped): their client closes that connection. */
  feedEnded?(listener: string, feed: string, reason: VoiceStopReason): void;
}

export type VoiceResult = { sdp: string } | { refused: ErrorCode };

/** The voice the rooms use (absent: a server without it, as in most tests). */
export interface Voice {
  view(sessionId: string): VoiceView;
  watch(sessionId: string, key: string, watcher: VoiceWatcher): () => void;
  /** Publishes `memberId`'s microphone (their offer): Janus's answer, or why not. The caller checked the stage. */
  publish(sessionId: string, memberId: string, offer: string): Promise<VoiceResult>;
  /** Ends `memberId`'s publishing; tells them why (null: they chose to, nothing to tell). */
  unpublish(sessionId: string, memberId: string, reason: VoiceStopReason | null): Promise<void>;
  /** Subscribes `memberId` to `feed` (a speaker's member id): Janus's offer for them to answer, or why not. */
  listen(sessionId: string, memberId: string, feed: string): Promise<VoiceResult>;
  /** The listener's answer to the offer for `feed`: media flows once Janus has it. */
  answer(sessionId: string, memberId: string, feed: string, sdp: string): Promise<ErrorCode | null>;
  unlisten(sessionId: string, memberId: string, feed?: string): Promise<void>;
  /** Stops whoever lost the right to publish or listen as the session now stands (cheap when nothing did). */
  enforce(sessionId: string, session: SessionState, now: number): void;
  /** The member left the session: their microphone and subscriptions end. */
  memberLeft(sessionId: string, memberId: string): void;
  /** The session closed: its Janus room is destroyed. */
  sessionClosed(sessionId: string): Promise<void>;
  stop(): Promise<void>;
}

interface Publisher {
  feed: number;
  handle: VideoRoomHandle;
  /** WebRTC is up: listeners may subscribe. */
  up: boolean;
  talking: boolean;
}

interface Subscription {
  handle: VideoRoomHandle;
  feed: string;
}

interface SessionVoice {
  room: number;
  secret: string;
  pin: string;
  /** The Janus room, made on first use (null until then, or after Janus went away). */
  created: Promise<void> | null;
  publishers: Map<string, Publisher>;
  /** Keyed by listener member id, then feed (speaker member id). */
  subscriptions: Map<string, Map<string, Subscription>>;
  watchers: Map<string, VoiceWatcher>;
  /** The session state last enforced (each instance reports every change; one pass per state is enough). */
  enforced: SessionState | null;
  /** Set when the session closed: an operation still in flight detaches what it made instead of keeping it. */
  closed: boolean;
  /** Counts each member's leaves: an operation started before a leave does not keep what it made after it. */
  leaves: Map<string, number>;
}

export interface VoiceServiceOptions {
  config: VoiceConfig;
  log(message: string, error?: unknown): void;
  /** Plugins Grove's own Janus loads (the bench adds AudioBridge). */
  plugins?: readonly JanusPlugin[];
  /** How long to wait between attempts to reach Janus (ms). */
  retryMs?: number;
  /** The clock for TURN credentials' expiry. */
  now?: () => number;
}

/** When TURN credentials made at `now` (ms) expire, in Unix seconds: `ttlSeconds` after the next whole hour. */
export function turnExpiry(now: number, ttlSeconds: number): number {
  return Math.ceil(now / 3_600_000) * 3600 + ttlSeconds;
}

const secret = (): string => randomBytes(18).toString("base64url");
// Janode's own console lines (a late keep-alive ack, a closed socket) are noise here: failures reach Grove's log.
Janode.Logger.setLevel("none");
const unavailableReason = (config: VoiceConfig): VoiceUnavailableReason => (config.mode === "off" ? "disabled" : config.mode === "missing" ? "notInstalled" : "unreachable");

/** Runs `task` after every task queued before it under the same key (a member's publish, a listener's feed). */
class KeyedQueue {
  private tails = new Map<string, Promise<unknown>>();
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

export class VoiceService implements Voice {
  private readonly sessions = new Map<string, SessionVoice>();
  private readonly queue = new KeyedQueue();
  private process: JanusProcess | null = null;
  private connection: Connection | null = null;
  private janus: Session | null = null;
  private status: VoiceStatus;
  private reason: VoiceUnavailableReason | "";
  private stopped = false;
  private connecting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | undefined;
  private renew: NodeJS.Timeout | undefined;

  constructor(private readonly options: VoiceServiceOptions) {
    const { config } = options;
    this.status = config.mode === "off" ? "off" : "unavailable";
    this.reason = unavailableReason(config);
  }

  /** Starts Grove's own Janus (spawn) and connects; resolves once voice is ready or known to be unavailable. */
  async start(): Promise<void> {
    const { config } = this.options;
    // Expiring TURN credentials are renewed in every session's view each hour (before the old ones run out).
    if (config.turnRest) {
      this.renew = setInterval(() => {
        for (const sessionId of this.sessions.keys()) this.notify(sessionId);
      }, 3_600_000);
      this.renew.unref();
    }
    if (config.mode === "off" || config.mode === "missing") return;
    if (config.mode === "spawn") {
      this.process = new JanusProcess({
        config,
        log: this.options.log,
        ...(this.options.plugins ? { plugins: this.options.plugins } : {}),
        onState: (up) => {
          if (up) this.connectSoon(0);
          else this.lost("unreachable");
        },
      });
      try {
        await this.process.start();
      } catch (e) {
        this.options.log("Janus did not start; voice is unavailable until it does", e);
        return;
      }
    }
    await this.connect();
  }

  /** Grove's own Janus process, when it started one (benches read its CPU time). */
  get janusProcess(): JanusProcess | null {
    return this.process;
  }

  private url(): string {
    return this.process ? this.process.url : (this.options.config.url ?? "");
  }

  private connectSoon(delayMs = this.options.retryMs ?? 2000): void {
    if (this.stopped || this.retry !== undefined || this.connecting) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, delayMs);
    this.retry.unref();
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      try {
        const connection = await Janode.connect({ address: { url: this.url(), apisecret: this.options.config.apiSecret }, retry_time_secs: 1, max_retries: 1 });
        const janus = await connection.create(15);
        if (this.stopped) {
          await connection.close().catch(() => undefined);
          return;
        }
        this.connection = connection;
        this.janus = janus;
        const drop = () => {
          if (this.connection !== connection) return;
          this.lost("unreachable");
          // Grove's own Janus also says when it is back (onState); trying meanwhile costs a refused connection.
          this.connectSoon();
        };
        connection.once(Janode.EVENT.CONNECTION_CLOSED, drop);
        connection.once(Janode.EVENT.CONNECTION_ERROR, drop);
        janus.once(Janode.EVENT.SESSION_DESTROYED, drop);
        this.setStatus("ready", "");
      } catch (e) {
        this.options.log(`Janus at ${this.url()} does not answer; voice is unavailable until it does`, e);
        this.setStatus("unavailable", "unreachable");
        this.connectSoon();
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  /** Janus went away: every publisher and subscription is gone with it, and every session's room must be made again. */
  private lost(reason: VoiceUnavailableReason): void {
    const connection = this.connection;
    this.connection = null;
    this.janus = null;
    this.handles.clear();
    void connection?.close().catch(() => undefined);
    for (const voice of this.sessions.values()) {
      for (const memberId of voice.publishers.keys()) this.tellStopped(voice, memberId, "unavailable");
      voice.publishers.clear();
      voice.subscriptions.clear();
      voice.created = null;
    }
    this.setStatus("unavailable", reason);
  }

  private setStatus(status: VoiceStatus, reason: VoiceUnavailableReason | ""): void {
    if (this.status === status && this.reason === reason) return;
    this.status = status;
    this.reason = reason;
    for (const sessionId of this.sessions.keys()) this.notify(sessionId);
  }

  private voiceOf(sessionId: string): SessionVoice {
    let voice = this.sessions.get(sessionId);
    if (!voice) {
      voice = {
        room: randomInt(1, 2 ** 47),
        secret: secret(),
        pin: secret(),
        created: null,
        publishers: new Map(),
        subscriptions: new Map(),
        watchers: new Map(),
        enforced: null,
        closed: false,
        leaves: new Map(),
      };
      this.sessions.set(sessionId, voice);
    }
    return voice;
  }

  view(sessionId: string): VoiceView {
    const voice = this.sessions.get(sessionId);
    const feeds = voice ? [...voice.publishers].filter(([, publisher]) => publisher.up).map(([memberId, publisher]) => ({ memberId, talking: publisher.talking })) : [];
    return { status: this.status, reason: this.reason, ice: this.iceServers(), feeds };
  }

  /**
   * The ICE servers browsers get: the configured ones, and with coturn's shared-secret auth a TURN credential that
   * expires (coturn's REST scheme: user "<expiry>:grove", password base64(HMAC-SHA1(secret, user))). The expiry is
   * on the hour, so the view changes once an hour, not on every call.
   */
  private iceServers(): readonly IceServer[] {
    const { iceServers, turnRest } = this.options.config;
    if (!turnRest) return iceServers;
    const expiry = turnExpiry(this.now(), turnRest.ttlSeconds);
    const username = `${expiry}:grove`;
    const credential = createHmac("sha1", turnRest.secret).update(username).digest("base64");
    return [...iceServers, { urls: turnRest.urls, username, credential }];
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private notify(sessionId: string): void {
    const voice = this.sessions.get(sessionId);
    if (!voice) return;
    const view = this.view(sessionId);
    for (const watcher of voice.watchers.values()) {
      try {
        watcher.view(view);
      } catch (e) {
        this.options.log("showing the voice view failed", e);
      }
    }
  }

  private tellStopped(voice: SessionVoice, memberId: string, reason: VoiceStopReason): void {
    for (const watcher of voice.watchers.values()) {
      try {
        watcher.stopped(memberId, reason);
      } catch (e) {
        this.options.log("telling a speaker their microphone stopped failed", e);
      }
    }
  }

  watch(sessionId: string, key: string, watcher: VoiceWatcher): () => void {
    const voice = this.voiceOf(sessionId);
    voice.watchers.set(key, watcher);
    watcher.view(this.view(sessionId));
    return () => {
      if (voice.watchers.get(key) === watcher) voice.watchers.delete(key);
    };
  }

  /** Janus handles this service holds now (a leak shows here: tests check it returns to 0). */
  private readonly handles = new Set<VideoRoomHandle>();

  get handleCount(): number {
    return this.handles.size;
  }

  private async attach(): Promise<VideoRoomHandle> {
    const janus = this.janus;
    if (!janus) throw new Error("Janus is not connected");
    const handle = await janus.attach(VideoRoomPlugin);
    this.handles.add(handle);
    handle.once(Janode.EVENT.HANDLE_DETACHED, () => this.handles.delete(handle));
    return handle;
  }

  /** Lets a handle go; never throws (a handle Janus already dropped is gone either way). */
  private async detach(handle: VideoRoomHandle): Promise<void> {
    this.handles.delete(handle);
    await handle.detach().catch(() => undefined);
  }

  /** Whether what an operation made for `memberId` may stay: the session is open and they have not left since. */
  private stillWanted(voice: SessionVoice, memberId: string, leaves: number): boolean {
    return !voice.closed && (voice.leaves.get(memberId) ?? 0) === leaves;
  }

  /** Makes the session's Janus room once (again after Janus came back): private, pinned, with talking events. */
  private ensureRoom(voice: SessionVoice): Promise<void> {
    voice.created ??= (async () => {
      const handle = await this.attach();
      try {
        // The raw request (janode's create() has no opus_fec): in-band FEC lets a lossy phone link recover lost frames.
        const reply = (await handle.message({
          request: "create",
          room: voice.room,
          is_private: true,
          secret: voice.secret,
          pin: voice.pin,
          admin_key: this.options.config.adminKey,
          publishers: 8,
          audiocodec: "opus",
          opus_fec: true,
          bitrate: this.options.config.bitrate,
          audiolevel_ext: true,
          audiolevel_event: true,
          audio_level_average: 40,
          audio_active_packets: 25,
          notify_joining: false,
        })) as { plugindata?: { data?: { videoroom?: string; error?: string } } };
        const data = reply.plugindata?.data;
        if (data?.videoroom !== "created") throw new Error(`Janus did not make the room: ${data?.error ?? "no reason given"}`);
      } finally {
        await this.detach(handle);
      }
    })().catch((e: unknown) => {
      voice.created = null;
      throw e;
    });
    return voice.created;
  }

  publish(sessionId: string, memberId: string, offer: string): Promise<VoiceResult> {
    if (this.status !== "ready") return Promise.resolve({ refused: "VOICE_UNAVAILABLE" });
    if (!isAudioOnlySdp(offer)) return Promise.resolve({ refused: "INVALID_SDP" });
    // Only a session an instance watches has voice (a publish for a closed one finds nothing and makes nothing).
    const voice = this.sessions.get(sessionId);
    if (!voice || voice.closed) return Promise.resolve({ refused: "VOICE_UNAVAILABLE" });
    const leaves = voice.leaves.get(memberId) ?? 0;
    return this.queue.run(`p\n${sessionId}\n${memberId}`, async (): Promise<VoiceResult> => {
      if (!this.stillWanted(voice, memberId, leaves)) return { refused: "VOICE_UNAVAILABLE" };
      let handle: VideoRoomHandle;
      try {
        await this.ensureRoom(voice);
        // The same member publishing again (a reconnect, another tab) replaces their earlier microphone.
        await this.dropPublisher(voice, sessionId, memberId, null, "replaced");
        handle = await this.attach();
      } catch (e) {
        this.options.log("Janus could not take a speaker's microphone", e);
        return { refused: "VOICE_UNAVAILABLE" };
      }
      const publisher: Publisher = { feed: randomInt(1, 2 ** 47), handle, up: false, talking: false };
      try {
        const joined = await handle.joinConfigurePublisher({
          room: voice.room,
          pin: voice.pin,
          feed: publisher.feed,
          audio: true,
          video: false,
          data: false,
          bitrate: this.options.config.bitrate,
          jsep: { type: "offer", sdp: offer },
        });
        if (!joined.jsep?.sdp) throw new Error("Janus answered without an SDP");
        // The member left, or the session closed, while Janus answered: nothing of it stays.
        if (!this.stillWanted(voice, memberId, leaves) || this.janus === null) {
          await this.detach(handle);
          return { refused: "VOICE_UNAVAILABLE" };
        }
        voice.publishers.set(memberId, publisher);
        this.watchPublisher(voice, sessionId, memberId, publisher);
        return { sdp: joined.jsep.sdp };
      } catch (e) {
        this.options.log("Janus refused a speaker's offer", e);
        await this.detach(handle);
        return { refused: "INVALID_SDP" };
      }
    });
  }

  private watchPublisher(voice: SessionVoice, sessionId: string, memberId: string, publisher: Publisher): void {
    const { handle } = publisher;
    const current = () => voice.publishers.get(memberId) === publisher;
    handle.on(Janode.EVENT.HANDLE_WEBRTCUP, () => {
      if (!current() || publisher.up) return;
      publisher.up = true;
      this.notify(sessionId);
    });
    // Janus tells every publisher of the room who is talking; the feed names whom.
    handle.on(VideoRoomPlugin.EVENT.VIDEOROOM_TALKING, (data: { feed?: number; talking?: boolean }) => {
      for (const speaker of voice.publishers.values()) {
        if (speaker.feed !== data.feed || speaker.talking === (data.talking === true)) continue;
        speaker.talking = data.talking === true;
        this.notify(sessionId);
      }
    });
    const gone = () => {
      if (!current()) return;
      void this.queue.run(`p\n${sessionId}\n${memberId}`, () => this.dropPublisher(voice, sessionId, memberId, null, "stage"));
    };
    handle.once(Janode.EVENT.HANDLE_HANGUP, gone);
    handle.once(Janode.EVENT.HANDLE_ICE_FAILED, gone);
    handle.once(Janode.EVENT.HANDLE_DETACHED, gone);
  }

  /**
   * Ends `memberId`'s publishing and every subscription to it. The speaker is told why unless `reason` is null (they
   * chose to, or a new publish replaces it); each listener is told their feed ended (`feedReason`).
   */
  private async dropPublisher(voice: SessionVoice, sessionId: string, memberId: string, reason: VoiceStopReason | null, feedReason: VoiceStopReason = reason ?? "stage"): Promise<void> {
    const publisher = voice.publishers.get(memberId);
    if (!publisher) return;
    voice.publishers.delete(memberId);
    const detaching: Promise<void>[] = [this.detach(publisher.handle)];
    const listeners: string[] = [];
    for (const [listener, feeds] of voice.subscriptions) {
      const subscription = feeds.get(memberId);
      if (!subscription) continue;
      feeds.delete(memberId);
      if (feeds.size === 0) voice.subscriptions.delete(listener);
      listeners.push(listener);
      detaching.push(this.detach(subscription.handle));
    }
    if (publisher.up) this.notify(sessionId);
    if (reason !== null) this.tellStopped(voice, memberId, reason);
    for (const listener of listeners) {
      for (const watcher of voice.watchers.values()) {
        try {
          watcher.feedEnded?.(listener, memberId, feedReason);
        } catch (e) {
          this.options.log("telling a listener a feed ended failed", e);
        }
      }
    }
    await Promise.all(detaching);
  }

  unpublish(sessionId: string, memberId: string, reason: VoiceStopReason | null): Promise<void> {
    const voice = this.sessions.get(sessionId);
    if (!voice) return Promise.resolve();
    // Queued behind a publish still in flight, so a stop sent meanwhile stops what that publish makes.
    return this.queue.run(`p\n${sessionId}\n${memberId}`, () => this.dropPublisher(voice, sessionId, memberId, reason));
  }

  listen(sessionId: string, memberId: string, feed: string): Promise<VoiceResult> {
    if (this.status !== "ready") return Promise.resolve({ refused: "VOICE_UNAVAILABLE" });
    const voice = this.sessions.get(sessionId);
    if (feed === memberId || !voice?.publishers.get(feed)?.up) return Promise.resolve({ refused: "UNKNOWN_FEED" });
    const leaves = voice.leaves.get(memberId) ?? 0;
    return this.queue.run(`s\n${sessionId}\n${memberId}\n${feed}`, async (): Promise<VoiceResult> => {
      const publisher = voice.publishers.get(feed);
      if (!publisher?.up) return { refused: "UNKNOWN_FEED" };
      if (!this.stillWanted(voice, memberId, leaves)) return { refused: "VOICE_UNAVAILABLE" };
      await this.dropSubscription(voice, memberId, feed);
      let handle: VideoRoomHandle;
      try {
        handle = await this.attach();
      } catch (e) {
        this.options.log("Janus could not take a listener", e);
        return { refused: "VOICE_UNAVAILABLE" };
      }
      try {
        const joined = await handle.joinSubscriber({ room: voice.room, pin: voice.pin, feed: publisher.feed, audio: true, video: false, data: false });
        if (!joined.jsep?.sdp) throw new Error("Janus offered no SDP");
        // The speaker may have gone, or the listener left, while Janus answered: then this subscription goes too.
        if (voice.publishers.get(feed) !== publisher) {
          await this.detach(handle);
          return { refused: "UNKNOWN_FEED" };
        }
        if (!this.stillWanted(voice, memberId, leaves) || this.janus === null) {
          await this.detach(handle);
          return { refused: "VOICE_UNAVAILABLE" };
        }
        let feeds = voice.subscriptions.get(memberId);
        if (!feeds) voice.subscriptions.set(memberId, (feeds = new Map()));
        const subscription: Subscription = { handle, feed };
        feeds.set(feed, subscription);
        // The listener's connection failed or hung up: the handle goes (they listen again on their own).
        const hungUp = () => {
          if (voice.subscriptions.get(memberId)?.get(feed) !== subscription) return;
          void this.queue.run(`s\n${sessionId}\n${memberId}\n${feed}`, () => this.dropSubscription(voice, memberId, feed));
        };
        handle.once(Janode.EVENT.HANDLE_HANGUP, hungUp);
        handle.once(Janode.EVENT.HANDLE_ICE_FAILED, hungUp);
        handle.once(Janode.EVENT.HANDLE_DETACHED, hungUp);
        return { sdp: joined.jsep.sdp };
      } catch (e) {
        await this.detach(handle);
        if (voice.publishers.get(feed) !== publisher) return { refused: "UNKNOWN_FEED" };
        this.options.log("subscribing a listener failed", e);
        return { refused: "VOICE_UNAVAILABLE" };
      }
    });
  }

  answer(sessionId: string, memberId: string, feed: string, sdp: string): Promise<ErrorCode | null> {
    if (this.status !== "ready") return Promise.resolve("VOICE_UNAVAILABLE");
    if (!isAudioOnlySdp(sdp)) return Promise.resolve("INVALID_SDP");
    const voice = this.sessions.get(sessionId);
    return this.queue.run(`s\n${sessionId}\n${memberId}\n${feed}`, async () => {
      const subscription = voice?.subscriptions.get(memberId)?.get(feed);
      if (!subscription) return "UNKNOWN_FEED";
      try {
        await subscription.handle.start({ jsep: { type: "answer", sdp } });
        return null;
      } catch (e) {
        this.options.log("Janus refused a listener's answer", e);
        return "INVALID_SDP";
      }
    });
  }

  private async dropSubscription(voice: SessionVoice, memberId: string, feed: string): Promise<void> {
    const feeds = voice.subscriptions.get(memberId);
    const subscription = feeds?.get(feed);
    if (!feeds || !subscription) return;
    feeds.delete(feed);
    if (feeds.size === 0) voice.subscriptions.delete(memberId);
    await this.detach(subscription.handle);
  }

  async unlisten(sessionId: string, memberId: string, feed?: string): Promise<void> {
    const voice = this.sessions.get(sessionId);
    if (!voice) return;
    // Queued behind listens in flight: one to every feed live now (and any subscribed), or the one named.
    const chosen = feed !== undefined ? [feed] : [...new Set([...voice.publishers.keys(), ...(voice.subscriptions.get(memberId)?.keys() ?? [])])];
    await Promise.all(chosen.map((one) => this.queue.run(`s\n${sessionId}\n${memberId}\n${one}`, () => this.dropSubscription(voice, memberId, one))));
  }

  enforce(sessionId: string, session: SessionState, now: number): void {
    const voice = this.sessions.get(sessionId);
    if (!voice || voice.enforced === session) return;
    voice.enforced = session;
    for (const { memberId, reason } of publishersToStop(session, voice.publishers.keys(), now)) {
      void this.unpublish(sessionId, memberId, reason).catch((e: unknown) => this.options.log("stopping a speaker's microphone failed", e));
    }
    for (const memberId of listenersToDrop(session, voice.subscriptions.keys())) {
      void this.unlisten(sessionId, memberId).catch((e: unknown) => this.options.log("dropping a removed listener failed", e));
    }
  }

  memberLeft(sessionId: string, memberId: string): void {
    const voice = this.sessions.get(sessionId);
    if (!voice) return;
    // Whatever a publish or listen still in flight makes for them is let go when it lands.
    voice.leaves.set(memberId, (voice.leaves.get(memberId) ?? 0) + 1);
    void this.unpublish(sessionId, memberId, "stage").catch((e: unknown) => this.options.log("stopping a leaving speaker failed", e));
    void this.unlisten(sessionId, memberId).catch((e: unknown) => this.options.log("dropping a leaving listener failed", e));
  }

  async sessionClosed(sessionId: string): Promise<void> {
    const voice = this.sessions.get(sessionId);
    if (!voice) return;
    voice.closed = true;
    this.sessions.delete(sessionId);
    const handles = [...voice.publishers.values()].map((publisher) => publisher.handle);
    for (const feeds of voice.subscriptions.values()) for (const subscription of feeds.values()) handles.push(subscription.handle);
    voice.publishers.clear();
    voice.subscriptions.clear();
    await Promise.all(handles.map((handle) => this.detach(handle)));
    if (voice.created === null || !this.janus) return;
    try {
      await voice.created;
      const handle = await this.attach();
      await handle.destroy({ room: voice.room, secret: voice.secret }).finally(() => this.detach(handle));
    } catch (e) {
      this.options.log("destroying a session's Janus room failed", e);
    }
  }

  /** The rooms Janus holds now, by number (asked of Janus itself: tests check rooms are made and destroyed). */
  async janusRooms(): Promise<number[]> {
    const handle = await this.attach();
    try {
      const reply = await handle.list({ admin_key: this.options.config.adminKey });
      return reply.list.map((room) => room.room);
    } finally {
      await this.detach(handle);
    }
  }

  /** The session's Janus room number (tests check rooms are made and destroyed). */
  roomOf(sessionId: string): number | null {
    return this.sessions.get(sessionId)?.room ?? null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.renew);
    const connection = this.connection;
    this.connection = null;
    this.janus = null;
    await connection?.close().catch(() => undefined);
    await this.process?.stop();
  }
}

/** Voice as configured: a service that may be `off` or `missing` (then it only ever says so). */
export function createVoiceService(options: VoiceServiceOptions): VoiceService {
  return new VoiceService(options);
}
