import type { ErrorEvent, IntentPayload, VoiceStatus, VoiceStoppedEvent } from "../../shared/protocol/index.js";
import { feedsToHear, iceServersOf, micAfterMediaError, micAfterRefusal, micAfterStop, MIC_IDLE, planFeeds, shouldPublish, tuneOpus, VOICE_MAX_BITRATE, type MicState } from "./plan.js";
import { EMPTY_VOICE, type VoiceSnapshot } from "./snapshot.js";

// Stage voice in the browser (docs/voice.md): one RTCPeerConnection to publish this member's microphone, one per
// speaker heard. Every offer and answer goes through the Grove room (`send`); ICE is gathered fully before an SDP
// leaves (no trickle). No React here: the slice mirrors what this says through `onChange`.

/** The intents this sends. */
export type VoiceIntent = "voicePublish" | "voiceUnpublish" | "voiceListen" | "voiceAnswer" | "voiceUnlisten";
export type VoiceSend = <T extends VoiceIntent>(type: T, payload: IntentPayload<T>) => boolean;

/** The parts of RTCPeerConnection this uses (a real one satisfies it; the tests pass a stand-in). */
export interface VoicePeer {
  readonly localDescription: { sdp: string } | null;
  readonly iceGatheringState: string;
  readonly connectionState: string;
  addTransceiver(track: MediaStreamTrack, init: RTCRtpTransceiverInit): { sender: VoiceSender };
  createOffer(): Promise<RTCSessionDescriptionInit>;
  createAnswer(): Promise<RTCSessionDescriptionInit>;
  setLocalDescription(description: RTCSessionDescriptionInit): Promise<void>;
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>;
  addEventListener(type: "track", listener: (event: { track: MediaStreamTrack; streams: readonly MediaStream[] }) => void): void;
  addEventListener(type: "icegatheringstatechange" | "connectionstatechange", listener: () => void): void;
  removeEventListener(type: "icegatheringstatechange" | "connectionstatechange", listener: () => void): void;
  close(): void;
}
export interface VoiceSender {
  getParameters(): RTCRtpSendParameters;
  setParameters(parameters: RTCRtpSendParameters): Promise<void>;
}

/** Where heard feeds play: client/voice/AudioOutput.ts in the browser. */
export interface VoiceOutput {
  /** The page can set the volume (iOS fixes a media element's volume at 1: there only the mute works). */
  readonly canSetVolume: boolean;
  /** Plays a feed's track; resolves false when the browser blocked playback (no click on the page yet). */
  play(feed: string, track: MediaStreamTrack, streams: readonly MediaStream[]): Promise<boolean>;
  stop(feed: string): void;
  setLevel(volume: number, muted: boolean): void;
  /** Called within a click: lets later playback start without another one (Safari asks this). */
  unlock(): void;
  /** Called within a click after playback was blocked: plays every feed; false when still blocked. */
  resume(): Promise<boolean>;
  dispose(): void;
}

/** What the page tells the client on every change of the room state or slices it depends on. */
export interface VoiceInputs {
  voice: VoiceSnapshot;
  selfMemberId: string;
  /** This member is on the stage; null while unknown (their own entry has not arrived, a reconnect). */
  speaker: boolean | null;
  /** A host muted this member's audio (the salon's stage view). */
  audioMuted: boolean;
  /** The room connection is joined (intents can go out). */
  connected: boolean;
}

export interface VoiceClientOptions {
  send: VoiceSend;
  onChange: () => void;
  output: VoiceOutput;
  createPeerConnection?: (config: RTCConfiguration) => VoicePeer;
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  /** How long to wait for ICE gathering before sending what there is. */
  gatherCapMs?: number;
}

/** Speech: the browser's echo cancellation, noise suppression and level, no video. */
export const MIC_CONSTRAINTS: MediaStreamConstraints = {
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  video: false,
};
const GATHER_CAP_MS = 3000;
/** A listening connection that fails is asked for again this many times before the page gives up on that feed. */
const LISTEN_RETRIES = 2;
const RATE_LIMIT_PAUSE_MS = 2000;
/**
 * A feed refused as unknown while the state still lists it (its speaker is publishing again and Janus has not
 * brought the new connection up yet): asked for again after this long, up to LISTEN_RETRIES times.
 */
export const UNKNOWN_FEED_RETRY_MS = 1000;

interface Publisher {
  pc: VoicePeer;
  stream: MediaStream;
  sender: VoiceSender | null;
  /** The offer went out: the server knows of this publisher. */
  sent: boolean;
  answered: boolean;
}

interface Listener {
  /** Null while the listen is asked and no offer came yet. */
  pc: VoicePeer | null;
  answered: boolean;
}

const errorName = (error: unknown): string =>
  typeof error === "object" && error !== null && "name" in error && typeof error.name === "string" ? error.name : "";

/** Resolves once `pc` gathered its candidates, or after `capMs` (then the SDP carries what was found). */
function gathered(pc: VoicePeer, capMs: number): Promise<void> {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener("icegatheringstatechange", check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === "complete") done();
    };
    const timer = setTimeout(done, capMs);
    pc.addEventListener("icegatheringstatechange", check);
  });
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

export class VoiceClient {
  private readonly send: VoiceSend;
  private readonly onChange: () => void;
  private readonly output: VoiceOutput;
  private readonly createPeerConnection: (config: RTCConfiguration) => VoicePeer;
  private readonly getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  private readonly gatherCapMs: number;

  private input: VoiceInputs = { voice: EMPTY_VOICE, selfMemberId: "", speaker: null, audioMuted: false, connected: false };
  private micState: MicState = MIC_IDLE;
  /** The member asked for the microphone (and has not turned it off since). */
  private micWanted = false;
  private publisher: Publisher | null = null;
  /** Bumped whenever publishing is stopped, so an attempt in flight stops at its next step. */
  private publishGeneration = 0;

  private listeningWanted = false;
  private blocked = false;
  private readonly listeners = new Map<string, Listener>();
  /** Listens sent and not yet answered (offer or refusal), oldest first: a refusal names the intent, not the feed. */
  private pendingListens: string[] = [];
  /** Answers sent whose connection has not come up, oldest first (for a refused `voiceAnswer`). */
  private pendingAnswers: string[] = [];
  /** Feeds the server refused or ended, not asked for again until they leave the state. */
  private readonly refused = new Set<string>();
  private readonly retries = new Map<string, number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private disposed = false;

  constructor(options: VoiceClientOptions) {
    this.send = options.send;
    this.onChange = options.onChange;
    this.output = options.output;
    this.createPeerConnection = options.createPeerConnection ?? ((config) => new RTCPeerConnection(config) as unknown as VoicePeer);
    this.getUserMedia = options.getUserMedia ?? ((constraints) => navigator.mediaDevices.getUserMedia(constraints));
    this.gatherCapMs = options.gatherCapMs ?? GATHER_CAP_MS;
  }

  get mic(): MicState {
    return this.micState;
  }

  get listening(): boolean {
    return this.listeningWanted;
  }

  /** Heard feeds are connected but the browser would not play them without a click. */
  get playBlocked(): boolean {
    return this.blocked;
  }

  /** The connection of each feed heard (null while its offer has not come). For tests' `getStats`. */
  peers(): Map<string, VoicePeer | null> {
    return new Map([...this.listeners].map(([feed, listener]) => [feed, listener.pc]));
  }

  /** The publishing connection, if any. For tests' `getStats`. */
  publisherPeer(): VoicePeer | null {
    return this.publisher?.pc ?? null;
  }

  /** The room state or the page's slices changed: opens and closes connections to match. */
  update(input: VoiceInputs): void {
    const before = this.input;
    this.input = input;
    for (const feed of this.refused) if (!input.voice.feeds.some((f) => f.memberId === feed)) this.refused.delete(feed);
    // A host lifted their mute: the member chooses again (the prompt shows), nothing restarts by itself.
    if (before.audioMuted && !input.audioMuted && this.micState.kind === "hostMuted") {
      this.micWanted = false;
      this.setMic(MIC_IDLE);
    }
    this.reconcile();
  }

  /** The member turned the microphone on (or tries again after a refusal). */
  startMic(): void {
    this.micWanted = true;
    if (this.micState.kind !== "live" && this.micState.kind !== "asking") this.setMic(MIC_IDLE);
    this.reconcile();
  }

  /** The member turned the microphone off: the server stops their feed. */
  stopMic(): void {
    this.micWanted = false;
    this.closePublisher(true);
    this.setMic(MIC_IDLE);
  }

  /** Within the member's click: hear the stage. */
  startListening(): void {
    this.output.unlock();
    if (!this.listeningWanted) {
      this.listeningWanted = true;
      this.onChange();
    }
    this.reconcile();
  }

  /** Stop hearing the stage (every connection closes; the server forgets this listener). */
  stopListening(): void {
    if (!this.listeningWanted) return;
    this.listeningWanted = false;
    const had = this.listeners.size > 0;
    for (const feed of [...this.listeners.keys()]) this.closeFeed(feed);
    this.pendingListens = [];
    this.pendingAnswers = [];
    if (had && this.input.connected) this.send("voiceUnlisten", {});
    this.setBlocked(false);
    this.onChange();
  }

  /** Within the member's click, after playback was blocked. */
  async resumePlayback(): Promise<void> {
    const ok = await this.output.resume();
    this.setBlocked(!ok);
  }

  setLevel(volume: number, muted: boolean): void {
    this.output.setLevel(volume, muted);
  }

  /** `voiceAnswer` from the server: the media server's answer to this member's offer. */
  async onAnswer(sdp: string): Promise<void> {
    const publisher = this.publisher;
    if (!publisher || !publisher.sent || publisher.answered) return;
    publisher.answered = true;
    const generation = this.publishGeneration;
    try {
      await publisher.pc.setRemoteDescription({ type: "answer", sdp: tuneOpus(sdp) });
    } catch {
      if (generation !== this.publishGeneration) return;
      this.closePublisher(true);
      this.setMic({ kind: "error", code: "INVALID_SDP" });
      return;
    }
    if (generation !== this.publishGeneration) return;
    this.setMic({ kind: "live" });
    void this.capBitrate(publisher);
  }

  /** `voiceOffer` from the server: the media server's offer for `feed`. A second offer replaces the first. */
  async onOffer(feed: string, sdp: string): Promise<void> {
    const previous = this.listeners.get(feed);
    if (!previous) return;
    this.forgetPending(this.pendingListens, feed);
    if (previous.pc) this.closePeer(feed, previous);
    const pc = this.createPeerConnection({ iceServers: iceServersOf(this.input.voice.ice) });
    const listener: Listener = { pc, answered: false };
    this.listeners.set(feed, listener);
    this.onChange();
    const current = () => this.listeners.get(feed) === listener && !this.disposed;
    pc.addEventListener("track", (event) => {
      if (!current()) return;
      void this.output.play(feed, event.track, event.streams).then((played) => {
        if (current() && !played) this.setBlocked(true);
      });
    });
    pc.addEventListener("connectionstatechange", () => {
      if (!current()) return;
      if (pc.connectionState === "connected") {
        this.forgetPending(this.pendingAnswers, feed);
        this.retries.delete(feed);
      } else if (pc.connectionState === "failed") this.retryFeed(feed);
    });
    try {
      await pc.setRemoteDescription({ type: "offer", sdp });
      if (!current()) return;
      const answer = await pc.createAnswer();
      if (!current()) return;
      await pc.setLocalDescription(answer);
      await gathered(pc, this.gatherCapMs);
      if (!current()) return;
      const local = pc.localDescription?.sdp;
      if (!local || !this.send("voiceAnswer", { feed, sdp: local })) throw new Error("not sent");
      listener.answered = true;
      this.pendingAnswers.push(feed);
    } catch {
      if (!current()) return;
      this.closeFeed(feed);
      this.refused.add(feed);
      this.onChange();
    }
  }

  /** `voiceStopped` from the server: this member's publishing ended, or (with `feed`) a feed heard ended. */
  onStopped(event: VoiceStoppedEvent): void {
    if (event.feed !== undefined) {
      if (!this.listeners.has(event.feed)) return;
      this.closeFeed(event.feed);
      // A feed replaced by its speaker's new publisher is heard again at once; any other waits to leave the state.
      if (event.reason !== "replaced") this.refused.add(event.feed);
      this.onChange();
      this.reconcile();
      return;
    }
    this.closePublisher(false);
    const next = micAfterStop(event.reason);
    if (next.kind !== "stopped" || next.reason !== "unavailable") this.micWanted = false;
    // Off the stage, there is nothing to say about the microphone: it is simply off.
    this.setMic(event.reason === "stage" ? MIC_IDLE : next);
  }

  /** A refusal from the server: only those of the voice intents concern this. */
  onRefusal(error: ErrorEvent): void {
    if (error.intent === "voicePublish") {
      if (!this.publisher && this.micState.kind !== "asking") return;
      this.closePublisher(false);
      this.setMic(micAfterRefusal(error.code));
      return;
    }
    const queue = error.intent === "voiceListen" ? this.pendingListens : error.intent === "voiceAnswer" ? this.pendingAnswers : null;
    if (!queue) return;
    // The server names the feed its refusal is about; an older server did not, and then the oldest pending one is meant.
    const named = error.feed !== undefined ? queue.indexOf(error.feed) : 0;
    const feed = named >= 0 ? queue.splice(named, 1)[0] : error.feed;
    if (feed === undefined || !this.listeners.has(feed)) return;
    this.closeFeed(feed);
    if (error.code === "RATE_LIMITED") this.later(error.retryAfterMs ?? RATE_LIMIT_PAUSE_MS, () => this.reconcile());
    else if (error.code === "UNKNOWN_FEED" && this.retry(feed)) {
      // Held back until the retry, so no other change of state asks again at once.
      this.refused.add(feed);
      this.later(UNKNOWN_FEED_RETRY_MS, () => {
        this.refused.delete(feed);
        this.reconcile();
      });
    } else this.refused.add(feed);
    this.onChange();
  }

  /** The room connection came back: the old connections belonged to the old seat. Listen and publish again. */
  onReconnected(): void {
    this.dropConnections();
    this.reconcile();
  }

  /** The page left the venue (left, removed, taken over): everything stops, the member's choices are kept. */
  suspend(): void {
    this.dropConnections();
  }

  dispose(): void {
    this.dropConnections();
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.output.dispose();
  }

  private dropConnections(): void {
    for (const feed of [...this.listeners.keys()]) this.closeFeed(feed);
    this.pendingListens = [];
    this.pendingAnswers = [];
    this.refused.clear();
    this.retries.clear();
    const wasPublishing = this.publisher !== null;
    this.closePublisher(false);
    if (wasPublishing || this.micState.kind === "asking" || this.micState.kind === "live") this.setMic(MIC_IDLE);
    this.onChange();
  }

  private reconcile(): void {
    if (this.disposed) return;
    const { voice, speaker, connected } = this.input;
    if (!connected) return;
    this.reconcilePublishing(voice.status, speaker);
    this.reconcileListening();
  }

  private reconcilePublishing(status: VoiceStatus, speaker: boolean | null): void {
    if (speaker === false && (this.micWanted || this.publisher)) {
      // Off the stage: the server stops the feed itself; an unpublish now would only be refused.
      this.micWanted = false;
      this.closePublisher(false);
      this.setMic(MIC_IDLE);
      return;
    }
    if (status !== "ready" && this.publisher) {
      this.closePublisher(false);
      this.setMic({ kind: "stopped", reason: "unavailable" });
      return;
    }
    if (status === "ready" && this.micWanted && this.micState.kind === "stopped" && this.micState.reason === "unavailable") this.setMic(MIC_IDLE);
    if (
      shouldPublish({
        wanted: this.micWanted,
        speaker: speaker === true,
        status,
        audioMuted: this.input.audioMuted,
        mic: this.micState,
        publishing: this.publisher !== null || this.micState.kind === "asking",
      })
    )
      void this.publish();
  }

  private reconcileListening(): void {
    const wanted = feedsToHear({
      status: this.input.voice.status,
      listening: this.listeningWanted,
      feeds: this.input.voice.feeds,
      selfMemberId: this.input.selfMemberId,
      refused: this.refused,
    });
    const plan = planFeeds(this.listeners.keys(), wanted);
    for (const feed of plan.close) this.closeFeed(feed);
    for (const feed of plan.open) {
      if (!this.send("voiceListen", { feed })) continue;
      this.listeners.set(feed, { pc: null, answered: false });
      this.pendingListens.push(feed);
    }
    if (plan.open.length > 0 || plan.close.length > 0) this.onChange();
  }

  private async publish(): Promise<void> {
    const generation = (this.publishGeneration += 1);
    const current = () => generation === this.publishGeneration && !this.disposed;
    this.setMic({ kind: "asking" });
    let stream: MediaStream;
    try {
      stream = await this.getUserMedia(MIC_CONSTRAINTS);
    } catch (error) {
      if (!current()) return;
      this.setMic(micAfterMediaError(errorName(error)));
      return;
    }
    if (!current()) {
      stopStream(stream);
      return;
    }
    const track = stream.getAudioTracks()[0];
    if (!track) {
      stopStream(stream);
      this.setMic({ kind: "error", code: "noMicrophone" });
      return;
    }
    let publisher: Publisher;
    try {
      const pc = this.createPeerConnection({ iceServers: iceServersOf(this.input.voice.ice) });
      publisher = { pc, stream, sender: null, sent: false, answered: false };
      this.publisher = publisher;
      pc.addEventListener("connectionstatechange", () => {
        if (this.publisher !== publisher || pc.connectionState !== "failed") return;
        this.closePublisher(true);
        this.setMic({ kind: "error", code: "connectionFailed" });
      });
      publisher.sender = pc.addTransceiver(track, { direction: "sendonly", streams: [stream] }).sender;
      const offer = await pc.createOffer();
      if (!current()) return;
      await pc.setLocalDescription(offer);
      await gathered(pc, this.gatherCapMs);
      if (!current()) return;
      const sdp = pc.localDescription?.sdp;
      if (!sdp) throw new Error("no offer");
      if (!this.send("voicePublish", { sdp })) {
        this.closePublisher(false);
        this.setMic({ kind: "error", code: "offline" });
        return;
      }
      publisher.sent = true;
    } catch {
      if (!current()) return;
      this.closePublisher(false);
      this.setMic({ kind: "error", code: "unsupported" });
    }
  }

  /** Caps the sender's bitrate too (the answer's Opus line asks the same); a browser without it keeps the SDP's. */
  private async capBitrate(publisher: Publisher): Promise<void> {
    const sender = publisher.sender;
    if (!sender) return;
    try {
      const parameters = sender.getParameters();
      if (!parameters.encodings || parameters.encodings.length === 0) return;
      for (const encoding of parameters.encodings) encoding.maxBitrate = VOICE_MAX_BITRATE;
      await sender.setParameters(parameters);
    } catch {
      // Not every browser allows it; the SDP's maxaveragebitrate still applies.
    }
  }

  private closePublisher(unpublish: boolean): void {
    this.publishGeneration += 1;
    const publisher = this.publisher;
    if (!publisher) return;
    this.publisher = null;
    stopStream(publisher.stream);
    publisher.pc.close();
    if (unpublish && publisher.sent && this.input.connected) this.send("voiceUnpublish", {});
  }

  private closePeer(feed: string, listener: Listener): void {
    listener.pc?.close();
    this.output.stop(feed);
  }

  private closeFeed(feed: string): void {
    const listener = this.listeners.get(feed);
    if (!listener) return;
    this.listeners.delete(feed);
    this.closePeer(feed, listener);
    this.forgetPending(this.pendingListens, feed);
    this.forgetPending(this.pendingAnswers, feed);
  }

  /** Counts one more try for `feed`; false once it had its LISTEN_RETRIES (a connection that comes up resets it). */
  private retry(feed: string): boolean {
    const tries = (this.retries.get(feed) ?? 0) + 1;
    this.retries.set(feed, tries);
    return tries <= LISTEN_RETRIES;
  }

  private retryFeed(feed: string): void {
    const again = this.retry(feed);
    this.closeFeed(feed);
    if (!again) this.refused.add(feed);
    this.onChange();
    this.reconcile();
  }

  private forgetPending(queue: string[], feed: string): void {
    const index = queue.indexOf(feed);
    if (index !== -1) queue.splice(index, 1);
  }

  private setMic(next: MicState): void {
    const now = this.micState;
    if (now.kind === next.kind && JSON.stringify(now) === JSON.stringify(next)) return;
    this.micState = next;
    this.onChange();
  }

  private setBlocked(blocked: boolean): void {
    if (this.blocked === blocked) return;
    this.blocked = blocked;
    this.onChange();
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.disposed) fn();
    }, ms);
    this.timers.add(timer);
  }
}
