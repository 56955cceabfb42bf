import { describe, expect, it, vi } from "vitest";
import type { IntentPayload } from "../../shared/protocol/index.js";
import { UNKNOWN_FEED_RETRY_MS, VoiceClient, type VoiceInputs, type VoiceIntent, type VoiceOutput, type VoicePeer, type VoiceSender } from "../../client/voice/VoiceClient.js";
import type { VoiceSnapshot } from "../../client/voice/snapshot.js";

// A real browser WebRTC stack is not available under vitest: these stand-ins do what RTCPeerConnection and
// getUserMedia do on the paths VoiceClient takes. The real path runs in Chromium (the lead's e2e test).

type Listener = (event: never) => void;

let peerCount = 0;

/** An RTCPeerConnection stand-in: makes SDP bodies it can be recognised by, gathers ICE a tick after setLocalDescription. */
class FakePeer implements VoicePeer {
  readonly id = ++peerCount;
  localDescription: { sdp: string } | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  iceGatheringState = "new";
  connectionState = "new";
  closed = false;
  readonly transceivers: { track: MediaStreamTrack; init: RTCRtpTransceiverInit }[] = [];
  readonly sender: VoiceSender & { set: RTCRtpSendParameters[] } = {
    set: [],
    getParameters: () => ({ encodings: [{}], transactionId: "t", codecs: [], headerExtensions: [], rtcp: {} }) as RTCRtpSendParameters,
    setParameters: async (parameters) => void this.sender.set.push(parameters),
  };
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(readonly config: RTCConfiguration) {}

  addTransceiver(track: MediaStreamTrack, init: RTCRtpTransceiverInit) {
    this.transceivers.push({ track, init });
    return { sender: this.sender };
  }
  async createOffer(): Promise<RTCSessionDescriptionInit> {
    return { type: "offer", sdp: `v=0\r\no=- offer-${this.id}\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\na=sendonly\r\n` };
  }
  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    return { type: "answer", sdp: `v=0\r\no=- answer-${this.id}\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=recvonly\r\n` };
  }
  async setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.localDescription = { sdp: `${description.sdp ?? ""}a=candidate:${this.id}\r\n` };
    this.iceGatheringState = "gathering";
    setTimeout(() => {
      this.iceGatheringState = "complete";
      this.emit("icegatheringstatechange");
    }, 0);
  }
  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescription = description;
  }
  addEventListener(type: string, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }
  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }
  emit(type: string, event?: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (event: unknown) => void)(event);
  }
  close(): void {
    this.closed = true;
  }
}

class FakeOutput implements VoiceOutput {
  readonly canSetVolume = true;
  readonly playing = new Set<string>();
  blocked = false;
  unlocked = 0;
  async play(feed: string): Promise<boolean> {
    this.playing.add(feed);
    return !this.blocked;
  }
  stop(feed: string): void {
    this.playing.delete(feed);
  }
  setLevel(): void {}
  unlock(): void {
    this.unlocked += 1;
  }
  async resume(): Promise<boolean> {
    return !this.blocked;
  }
  dispose(): void {}
}

const track = () => ({ kind: "audio", stop: vi.fn() }) as unknown as MediaStreamTrack & { stop: ReturnType<typeof vi.fn> };

function setup(options: { media?: () => Promise<MediaStream> } = {}) {
  const sent: { type: VoiceIntent; payload: unknown }[] = [];
  const peers: FakePeer[] = [];
  const output = new FakeOutput();
  const micTrack = track();
  const media = vi.fn(options.media ?? (async () => ({ getAudioTracks: () => [micTrack], getTracks: () => [micTrack] }) as unknown as MediaStream));
  const client = new VoiceClient({
    send: <T extends VoiceIntent>(type: T, payload: IntentPayload<T>) => {
      sent.push({ type, payload });
      return true;
    },
    onChange: () => undefined,
    output,
    createPeerConnection: (config) => {
      const peer = new FakePeer(config);
      peers.push(peer);
      return peer;
    },
    getUserMedia: media,
  });
  const sentOf = (type: VoiceIntent) => sent.filter((message) => message.type === type).map((message) => message.payload);
  return { client, sent, sentOf, peers, output, media, micTrack };
}

const voice = (feeds: string[], overrides: Partial<VoiceSnapshot> = {}): VoiceSnapshot => ({
  status: "ready",
  reason: null,
  ice: JSON.stringify([{ urls: "stun:stun.example.org" }]),
  feeds: feeds.map((memberId) => ({ memberId, talking: false })),
  ...overrides,
});
const inputs = (overrides: Partial<VoiceInputs> = {}): VoiceInputs => ({
  voice: voice([]),
  selfMemberId: "m-self",
  speaker: false,
  audioMuted: false,
  connected: true,
  ...overrides,
});
const offerSdp = (n: number) => `v=0\r\no=- janus-${n}\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\na=sendonly\r\n`;

describe("VoiceClient: publishing", () => {
  it("sends the gathered offer of an audio-only, send-only connection and applies the answer", async () => {
    const { client, sentOf, peers, media } = setup();
    client.update(inputs({ speaker: true }));
    client.startMic();
    await vi.waitFor(() => expect(sentOf("voicePublish")).toHaveLength(1));
    expect(media).toHaveBeenCalledWith({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true }, video: false });
    const pc = peers[0]!;
    expect(pc.config.iceServers).toEqual([{ urls: "stun:stun.example.org" }]);
    expect(pc.transceivers.map((t) => t.init.direction)).toEqual(["sendonly"]);
    // The SDP sent is the local description after gathering (it carries the candidate), not the bare offer.
    expect(sentOf("voicePublish")[0]).toEqual({ sdp: pc.localDescription?.sdp });
    expect(pc.localDescription?.sdp).toContain(`a=candidate:${pc.id}`);
    expect(client.mic).toEqual({ kind: "asking" });

    await client.onAnswer(offerSdp(1).replace("a=sendonly", "a=recvonly"));
    expect(pc.remoteDescription?.type).toBe("answer");
    expect(pc.remoteDescription?.sdp).toContain("maxaveragebitrate=32000;useinbandfec=1;usedtx=1");
    expect(client.mic).toEqual({ kind: "live" });
  });

  it("keeps a member whose browser refused the microphone on text, sending nothing", async () => {
    const denied = Object.assign(new Error("denied"), { name: "NotAllowedError" });
    const { client, sentOf, peers } = setup({ media: () => Promise.reject(denied) });
    client.update(inputs({ speaker: true }));
    client.startMic();
    await vi.waitFor(() => expect(client.mic).toEqual({ kind: "denied" }));
    expect(sentOf("voicePublish")).toEqual([]);
    expect(peers).toEqual([]);
    // A later change of state does not ask again by itself: only the retry does.
    client.update(inputs({ speaker: true, voice: voice(["m-ada"]) }));
    expect(client.mic).toEqual({ kind: "denied" });
  });

  it("stops the microphone and tells the server when the member turns it off", async () => {
    const { client, sentOf, peers, micTrack } = setup();
    client.update(inputs({ speaker: true }));
    client.startMic();
    await vi.waitFor(() => expect(sentOf("voicePublish")).toHaveLength(1));
    await client.onAnswer(offerSdp(1));
    client.stopMic();
    expect(sentOf("voiceUnpublish")).toEqual([{}]);
    expect(peers[0]?.closed).toBe(true);
    expect(micTrack.stop).toHaveBeenCalled();
    expect(client.mic).toEqual({ kind: "idle" });
  });

  it("shows a host's mute, and asks again once the host lifts it", async () => {
    const { client, sentOf } = setup();
    client.update(inputs({ speaker: true }));
    client.startMic();
    await vi.waitFor(() => expect(sentOf("voicePublish")).toHaveLength(1));
    client.onStopped({ reason: "hostMuted" });
    client.update(inputs({ speaker: true, audioMuted: true }));
    expect(client.mic).toEqual({ kind: "hostMuted" });
    client.update(inputs({ speaker: true, audioMuted: false }));
    expect(client.mic).toEqual({ kind: "idle" });
    expect(sentOf("voicePublish")).toHaveLength(1);
  });

  it("closes the microphone without an unpublish when the member leaves the stage", async () => {
    const { client, sentOf, peers } = setup();
    client.update(inputs({ speaker: true }));
    client.startMic();
    await vi.waitFor(() => expect(sentOf("voicePublish")).toHaveLength(1));
    client.update(inputs({ speaker: false }));
    expect(peers[0]?.closed).toBe(true);
    expect(sentOf("voiceUnpublish")).toEqual([]);
    expect(client.mic).toEqual({ kind: "idle" });
  });
});

describe("VoiceClient: listening", () => {
  it("asks for one connection per feed, never for the member's own", () => {
    const { client, sentOf, output } = setup();
    client.update(inputs({ voice: voice(["m-ada", "m-self", "m-bo"]) }));
    expect(sentOf("voiceListen")).toEqual([]);
    client.startListening();
    expect(output.unlocked).toBe(1);
    expect(sentOf("voiceListen")).toEqual([{ feed: "m-ada" }, { feed: "m-bo" }]);
    client.update(inputs({ voice: voice(["m-ada", "m-self", "m-bo"]) }));
    expect(sentOf("voiceListen")).toHaveLength(2);
  });

  it("answers an offer with a gathered answer and plays the feed's track", async () => {
    const { client, sentOf, peers, output } = setup();
    client.update(inputs({ voice: voice(["m-ada"]) }));
    client.startListening();
    await client.onOffer("m-ada", offerSdp(1));
    const pc = peers[0]!;
    expect(pc.remoteDescription).toEqual({ type: "offer", sdp: offerSdp(1) });
    expect(sentOf("voiceAnswer")).toEqual([{ feed: "m-ada", sdp: pc.localDescription?.sdp }]);
    pc.emit("track", { track: track(), streams: [] });
    await vi.waitFor(() => expect(output.playing.has("m-ada")).toBe(true));
    expect(client.peers().get("m-ada")).toBe(pc);
  });

  it("closes a feed's connection and its sound when the feed leaves the state", async () => {
    const { client, peers, output } = setup();
    client.update(inputs({ voice: voice(["m-ada", "m-bo"]) }));
    client.startListening();
    await client.onOffer("m-ada", offerSdp(1));
    peers[0]!.emit("track", { track: track(), streams: [] });
    await vi.waitFor(() => expect(output.playing.has("m-ada")).toBe(true));
    client.update(inputs({ voice: voice(["m-bo"]) }));
    expect(peers[0]?.closed).toBe(true);
    expect(output.playing.has("m-ada")).toBe(false);
    expect([...client.peers().keys()]).toEqual(["m-bo"]);
  });

  it("closes a feed the server says ended, and does not ask for it again while it is still listed", async () => {
    const { client, sentOf, peers } = setup();
    client.update(inputs({ voice: voice(["m-ada"]) }));
    client.startListening();
    await client.onOffer("m-ada", offerSdp(1));
    client.onStopped({ reason: "stage", feed: "m-ada" });
    expect(peers[0]?.closed).toBe(true);
    client.update(inputs({ voice: voice(["m-ada"]) }));
    expect(sentOf("voiceListen")).toHaveLength(1);
    // Once gone from the state and back (a new turn), it is heard again.
    client.update(inputs({ voice: voice([]) }));
    client.update(inputs({ voice: voice(["m-ada"]) }));
    expect(sentOf("voiceListen")).toHaveLength(2);
  });

  it("replaces the connection of a feed when a second offer for it arrives", async () => {
    const { client, sentOf, peers } = setup();
    client.update(inputs({ voice: voice(["m-ada"]) }));
    client.startListening();
    const first = client.onOffer("m-ada", offerSdp(1));
    const second = client.onOffer("m-ada", offerSdp(2));
    await Promise.all([first, second]);
    expect(peers).toHaveLength(2);
    expect(peers[0]?.closed).toBe(true);
    expect(peers[1]?.closed).toBe(false);
    expect(client.peers().get("m-ada")).toBe(peers[1]);
    // Only the live connection answers: the first was abandoned mid-way.
    expect(sentOf("voiceAnswer")).toEqual([{ feed: "m-ada", sdp: peers[1]?.localDescription?.sdp }]);
  });

  it("ignores an offer for a feed it did not ask for", async () => {
    const { client, peers } = setup();
    client.update(inputs({ voice: voice(["m-ada"]) }));
    await client.onOffer("m-ada", offerSdp(1));
    expect(peers).toEqual([]);
  });

  it("drops the feed a refused listen was for (the oldest unanswered one)", () => {
    const { client, sentOf } = setup();
    client.update(inputs({ voice: voice(["m-ada", "m-bo"]) }));
    client.startListening();
    client.onRefusal({ code: "UNKNOWN_FEED", key: "errors.UNKNOWN_FEED", intent: "voiceListen" });
    expect([...client.peers().keys()]).toEqual(["m-bo"]);
    client.update(inputs({ voice: voice(["m-ada", "m-bo"]) }));
    expect(sentOf("voiceListen")).toHaveLength(2);
  });

  it("drops the feed the server names in a refusal, whatever order refusals arrive in", () => {
    const { client } = setup();
    client.update(inputs({ voice: voice(["m-ada", "m-bo", "m-cy"]) }));
    client.startListening();
    client.onRefusal({ code: "UNKNOWN_FEED", key: "errors.UNKNOWN_FEED", intent: "voiceListen", feed: "m-cy" });
    expect([...client.peers().keys()]).toEqual(["m-ada", "m-bo"]);
    client.onRefusal({ code: "UNKNOWN_FEED", key: "errors.UNKNOWN_FEED", intent: "voiceListen", feed: "m-ada" });
    expect([...client.peers().keys()]).toEqual(["m-bo"]);
  });

  it("asks again for a listed feed refused as unknown (its speaker is reconnecting), a second later and a few times only", () => {
    vi.useFakeTimers();
    try {
      const { client, sentOf } = setup();
      client.update(inputs({ voice: voice(["m-ada"]) }));
      client.startListening();
      expect(sentOf("voiceListen")).toHaveLength(1);
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        client.onRefusal({ code: "UNKNOWN_FEED", key: "errors.UNKNOWN_FEED", intent: "voiceListen", feed: "m-ada" });
        // Nothing asks again at once, not even a change of state.
        client.update(inputs({ voice: voice(["m-ada"]) }));
        expect(sentOf("voiceListen")).toHaveLength(attempt);
        vi.advanceTimersByTime(UNKNOWN_FEED_RETRY_MS);
        expect(sentOf("voiceListen")).toHaveLength(attempt === 3 ? 3 : attempt + 1);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("says so when the browser blocks playback, and clears it after the member's click", async () => {
    const { client, peers, output } = setup();
    output.blocked = true;
    client.update(inputs({ voice: voice(["m-ada"]) }));
    client.startListening();
    await client.onOffer("m-ada", offerSdp(1));
    peers[0]!.emit("track", { track: track(), streams: [] });
    await vi.waitFor(() => expect(client.playBlocked).toBe(true));
    output.blocked = false;
    await client.resumePlayback();
    expect(client.playBlocked).toBe(false);
  });

  it("stops every connection and tells the server when the member stops listening", async () => {
    const { client, sentOf, peers } = setup();
    client.update(inputs({ voice: voice(["m-ada"]) }));
    client.startListening();
    await client.onOffer("m-ada", offerSdp(1));
    client.stopListening();
    expect(peers[0]?.closed).toBe(true);
    expect(sentOf("voiceUnlisten")).toEqual([{}]);
    expect(client.peers().size).toBe(0);
  });
});

describe("VoiceClient: reconnecting", () => {
  it("closes the old connections and listens again to the current feeds", async () => {
    const { client, sentOf, peers } = setup();
    client.update(inputs({ voice: voice(["m-ada"]) }));
    client.startListening();
    await client.onOffer("m-ada", offerSdp(1));
    client.update(inputs({ voice: voice(["m-ada", "m-bo"]), connected: false }));
    client.update(inputs({ voice: voice(["m-ada", "m-bo"]), connected: true }));
    const before = sentOf("voiceListen").length;
    client.onReconnected();
    expect(peers[0]?.closed).toBe(true);
    expect(sentOf("voiceListen").slice(before)).toEqual([{ feed: "m-ada" }, { feed: "m-bo" }]);
  });

  it("publishes again a member who was live and is still on the stage", async () => {
    const { client, sentOf, peers } = setup();
    client.update(inputs({ speaker: true }));
    client.startMic();
    await vi.waitFor(() => expect(sentOf("voicePublish")).toHaveLength(1));
    await client.onAnswer(offerSdp(1));
    client.onReconnected();
    expect(peers[0]?.closed).toBe(true);
    await vi.waitFor(() => expect(sentOf("voicePublish")).toHaveLength(2));
    expect(sentOf("voicePublish")[1]).toEqual({ sdp: peers[1]?.localDescription?.sdp });
  });

  it("does not publish again a member who turned the microphone off", async () => {
    const { client, sentOf, media } = setup();
    client.update(inputs({ speaker: true }));
    client.startMic();
    await vi.waitFor(() => expect(sentOf("voicePublish")).toHaveLength(1));
    client.stopMic();
    client.onReconnected();
    expect(media).toHaveBeenCalledTimes(1);
    expect(client.mic).toEqual({ kind: "idle" });
  });
});
