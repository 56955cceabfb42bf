import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MediaStreamTrack as NodeTrack, RTCPeerConnection as NodePeer, RtpHeader, RtpPacket } from "werift";
import { spawnedJanusConfig } from "../../server/voice/config.js";
import { VenueConnection } from "../../client/net/VenueConnection.js";
import { createVenueStores, feedVenueStores, type VenueStores } from "../../client/state/venue.js";
import { createVoiceRuntime, type VoiceRuntime } from "../../client/voice/runtime.js";
import { VoiceClient, type VoiceOutput, type VoicePeer } from "../../client/voice/VoiceClient.js";
import { joinOptions, startTestGrove, until, type TestGrove, type VenueRoom } from "../helpers/grove.js";
import { memoryStorage } from "../helpers/memoryStorage.js";

// The page's voice (VoiceClient, its runtime, the slices and VenueConnection) against a real Grove server and the
// real Janus it starts. The browser's WebRTC is werift here (a WebRTC stack in Node: real ICE, DTLS and SRTP), behind
// the same few methods VoiceClient uses of RTCPeerConnection; Chromium runs the browser's own in test/e2e.

const janus = spawnedJanusConfig({ mediaPorts: [31000, 31999] });
if (!janus) throw new Error("These tests need Janus: apt-get install janus (npm test installs it when run as root).");

type Unsubscribe = { unSubscribe(): void };

/** werift behind the RTCPeerConnection methods VoiceClient uses (events as addEventListener, as in a browser). */
function nodePeer(config: RTCConfiguration): VoicePeer {
  const pc = new NodePeer({});
  void config;
  const subscriptions = new Map<unknown, Unsubscribe>();
  const on = (type: string, listener: (event: never) => void): Unsubscribe => {
    const call = listener as (event?: unknown) => void;
    if (type === "track") return pc.onTrack.subscribe((track) => call({ track, streams: [] }));
    if (type === "icegatheringstatechange") return pc.iceGatheringStateChange.subscribe(() => call());
    return pc.connectionStateChange.subscribe(() => call());
  };
  const peer = {
    get localDescription() {
      return pc.localDescription ? { sdp: pc.localDescription.sdp } : null;
    },
    get iceGatheringState() {
      return pc.iceGatheringState;
    },
    get connectionState() {
      return pc.connectionState;
    },
    addTransceiver(track: MediaStreamTrack, init: RTCRtpTransceiverInit) {
      pc.addTransceiver(track as unknown as NodeTrack, { direction: init.direction === "sendonly" ? "sendonly" : "recvonly" });
      // werift has no RTCRtpSender.setParameters: the client then keeps the SDP's bitrate, as an older browser would.
      return { sender: { getParameters: () => ({ encodings: [] }) as unknown as RTCRtpSendParameters, setParameters: async () => undefined } };
    },
    createOffer: async () => ({ type: "offer" as const, sdp: (await pc.createOffer()).sdp }),
    createAnswer: async () => ({ type: "answer" as const, sdp: (await pc.createAnswer()).sdp }),
    setLocalDescription: async (description: RTCSessionDescriptionInit) => void (await pc.setLocalDescription({ type: description.type as "offer" | "answer", sdp: description.sdp ?? "" })),
    setRemoteDescription: async (description: RTCSessionDescriptionInit) => void (await pc.setRemoteDescription({ type: description.type as "offer" | "answer", sdp: description.sdp ?? "" })),
    addEventListener(type: string, listener: (event: never) => void) {
      subscriptions.set(listener, on(type, listener));
    },
    removeEventListener(_type: string, listener: unknown) {
      subscriptions.get(listener)?.unSubscribe();
      subscriptions.delete(listener);
    },
    close() {
      void pc.close();
    },
  };
  return peer as VoicePeer;
}

/** A microphone: one Opus silence frame every 20 ms on a werift track, stopped like a browser track. */
function nodeMicrophone(): MediaStream {
  const track = new NodeTrack({ kind: "audio" });
  let sequence = 0;
  let timestamp = 0;
  const timer = setInterval(() => {
    const header = new RtpHeader({ payloadType: 111, sequenceNumber: sequence++ & 0xffff, timestamp: (timestamp += 960) >>> 0, ssrc: 4242, marker: false });
    track.writeRtp(new RtpPacket(header, Buffer.from([0xf8, 0xff, 0xfe])));
  }, 20);
  const audio = Object.assign(track, { stop: () => clearInterval(timer) });
  microphones.push(audio);
  return { getAudioTracks: () => [audio], getTracks: () => [audio] } as unknown as MediaStream;
}

/** Where heard feeds "play": counts the audio bytes that arrive for each. */
class CountingOutput implements VoiceOutput {
  readonly canSetVolume = true;
  readonly bytes = new Map<string, number>();
  async play(feed: string, track: MediaStreamTrack): Promise<boolean> {
    this.bytes.set(feed, 0);
    (track as unknown as NodeTrack).onReceiveRtp.subscribe((packet) => {
      if (this.bytes.has(feed)) this.bytes.set(feed, (this.bytes.get(feed) ?? 0) + packet.payload.length);
    });
    return true;
  }
  stop(feed: string): void {
    this.bytes.delete(feed);
  }
  setLevel(): void {}
  unlock(): void {}
  async resume(): Promise<boolean> {
    return true;
  }
  dispose(): void {}
}

interface Page {
  connection: VenueConnection;
  stores: VenueStores;
  voice: VoiceRuntime;
  output: CountingOutput;
  memberId: string;
  dispose(): void;
}

const microphones: { stop(): void }[] = [];
const pages: Page[] = [];
let grove: TestGrove;
let host: VenueRoom;


/** A member's page: the transport, the slices and the voice, as the venue screen makes them. */
async function openPage(name: string): Promise<Page> {
  const connection = new VenueConnection(grove.url);
  const stores = createVenueStores();
  const unfeed = feedVenueStores(stores, connection);
  const output = new CountingOutput();
  const voice = createVoiceRuntime(
    { connection, stores },
    {
      output,
      local: null,
      session: null,
      makeClient: (deps) => new VoiceClient({ ...deps, createPeerConnection: nodePeer, getUserMedia: async () => nodeMicrophone() }),
    },
  );
  await connection.join(joinOptions({ name }));
  await until(() => stores.connection.getState().memberId !== "" && voice.store.getState().voice.status === "ready", `${name} in, with voice`, 10_000);
  const page: Page = {
    connection,
    stores,
    voice,
    output,
    memberId: stores.connection.getState().memberId,
    dispose() {
      voice.dispose();
      unfeed();
      connection.dispose();
    },
  };
  pages.push(page);
  return page;
}

async function bringOnStage(page: Page): Promise<void> {
  page.connection.send("raiseHand", {});
  await until(() => page.stores.salon.getState().mine?.hand === "raised", "the hand up", 5000);
  host.send("inviteSpeaker", { memberId: page.memberId });
  await until(() => page.stores.members.getState().members.find((m) => m.isSelf)?.speaker === true, "on the stage", 5000);
}

const heard = (listener: Page, speaker: Page) => (listener.output.bytes.get(speaker.memberId) ?? 0) > 300;

/** Drops the page's socket as a network would (no leave): the page reconnects by itself. */
function dropSocket(page: Page): void {
  (page.connection as unknown as { room: VenueRoom }).room.connection.close();
}

beforeAll(async () => {
  globalThis.localStorage = memoryStorage();
  globalThis.sessionStorage = memoryStorage();
  grove = await startTestGrove({ voice: janus });
  const token = new URL(await grove.hostLink("demo")).searchParams.get("host") ?? "";
  host = await grove.client.joinOrCreate("venue", joinOptions({ name: "Hana", hostToken: token }));
  // The host is a bare room: it reads none of the views the server sends it.
  host.onMessage("*", () => undefined);
}, 30_000);

afterEach(() => {
  for (const page of pages.splice(0)) page.dispose();
  for (const microphone of microphones.splice(0)) microphone.stop();
});

afterAll(async () => {
  await host?.leave().catch(() => undefined);
  await grove?.dispose();
});

describe("stage voice on the page, against Grove and Janus", { timeout: 120_000 }, () => {
  it("a speaker's microphone reaches a listener; a host's mute stops it and the speaker is told", async () => {
    const speaker = await openPage("Sam");
    const listener = await openPage("Leo");
    await bringOnStage(speaker);
    speaker.voice.turnOnMic();
    await until(() => speaker.voice.store.getState().mic.kind === "live", "the microphone live", 15_000);
    await until(() => listener.voice.store.getState().voice.feeds.some((f) => f.memberId === speaker.memberId), "the feed listed", 5000);
    listener.voice.listen();
    await until(() => heard(listener, speaker), "the listener hearing the speaker", 15_000);
    expect([...listener.voice.client.peers().keys()]).toEqual([speaker.memberId]);

    host.send("muteSpeakerAudio", { memberId: speaker.memberId, muted: true });
    await until(() => speaker.voice.store.getState().mic.kind === "hostMuted", "the speaker told of the mute", 10_000);
    expect(speaker.voice.client.publisherPeer()).toBeNull();
    await until(() => listener.voice.client.peers().size === 0, "the listener's connection closed", 10_000);

    host.send("muteSpeakerAudio", { memberId: speaker.memberId, muted: false });
    await until(() => speaker.voice.store.getState().mic.kind === "idle", "the speaker asked again", 10_000);
    speaker.voice.turnOnMic();
    await until(() => heard(listener, speaker), "the listener hearing the speaker again", 15_000);

    host.send("returnSpeaker", { memberId: speaker.memberId });
    await until(() => speaker.voice.client.publisherPeer() === null && listener.voice.client.peers().size === 0, "everything closed after the stage", 10_000);
    expect(speaker.voice.store.getState().mic).toEqual({ kind: "idle" });
  });

  it("after dropped connections, the speaker publishes again and the listener hears again", async () => {
    const speaker = await openPage("Sol");
    const listener = await openPage("Lin");
    await bringOnStage(speaker);
    speaker.voice.turnOnMic();
    await until(() => listener.voice.store.getState().voice.feeds.some((f) => f.memberId === speaker.memberId), "the feed listed", 15_000);
    listener.voice.listen();
    await until(() => heard(listener, speaker), "the listener hearing the speaker", 15_000);
    const before = { publisher: speaker.voice.client.publisherPeer(), listening: listener.voice.client.peers().get(speaker.memberId) };

    dropSocket(listener);
    dropSocket(speaker);
    await until(() => speaker.voice.client.publisherPeer() !== before.publisher && speaker.voice.store.getState().mic.kind === "live", "the speaker live again", 30_000);
    await until(() => {
      const pc = listener.voice.client.peers().get(speaker.memberId);
      return pc != null && pc !== before.listening;
    }, "a new listening connection", 30_000);
    listener.output.bytes.set(speaker.memberId, 0);
    await until(() => heard(listener, speaker), "the listener hearing the speaker after the reconnect", 15_000);
  });
});
