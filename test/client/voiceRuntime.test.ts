import { describe, expect, it, vi } from "vitest";
import type { IntentPayload, IntentType } from "../../shared/protocol/index.js";
import { Emitter } from "../../client/net/emitter.js";
import { ServerEventDispatcher } from "../../client/net/serverEvents.js";
import type { TransportSignals, VenueConnection } from "../../client/net/VenueConnection.js";
import { createVenueStores } from "../../client/state/venue.js";
import { LISTENING_STORAGE_KEY } from "../../client/state/voice.js";
import { createVoiceRuntime } from "../../client/voice/runtime.js";
import { EMPTY_VOICE, type VoiceSnapshot } from "../../client/voice/snapshot.js";
import { VoiceClient, type VoiceOutput, type VoicePeer } from "../../client/voice/VoiceClient.js";
import { memberView } from "../helpers/memberView.js";
import { memoryStorage } from "../helpers/memoryStorage.js";

// The runtime between the transport, the slices and VoiceClient, on a stand-in transport (events and signals as
// VenueConnection has them) and stand-in peers (no WebRTC under vitest).

const silentOutput = (): VoiceOutput => ({
  canSetVolume: true,
  play: async () => true,
  stop: () => undefined,
  setLevel: vi.fn(),
  unlock: () => undefined,
  resume: async () => true,
  dispose: () => undefined,
});

const peer = (): VoicePeer =>
  ({
    localDescription: { sdp: "v=0\r\n" },
    iceGatheringState: "complete",
    connectionState: "new",
    addTransceiver: () => ({ sender: { getParameters: () => ({ encodings: [] }), setParameters: async () => undefined } }),
    createOffer: async () => ({ type: "offer", sdp: "v=0\r\n" }),
    createAnswer: async () => ({ type: "answer", sdp: "v=0\r\n" }),
    setLocalDescription: async () => undefined,
    setRemoteDescription: async () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    close: vi.fn(),
  }) as unknown as VoicePeer;


const micTrack = { kind: "audio", stop: () => undefined };
const micStream = { getAudioTracks: () => [micTrack], getTracks: () => [micTrack] } as unknown as MediaStream;

const ready = (...feeds: string[]): VoiceSnapshot => ({ status: "ready", reason: null, ice: "[]", feeds: feeds.map((memberId) => ({ memberId, talking: false })) });

function setup(session: Storage = memoryStorage()) {
  const sent: { type: IntentType; payload: unknown }[] = [];
  const events = new ServerEventDispatcher();
  const signals = new Emitter<TransportSignals>();
  const connection = {
    events,
    signals,
    voice: EMPTY_VOICE,
    send: <T extends IntentType>(type: T, payload: IntentPayload<T>) => {
      sent.push({ type, payload });
      return true;
    },
  } as unknown as VenueConnection;
  const stores = createVenueStores();
  stores.connection.setState({ status: "joined", memberId: "m-self", sessionId: "s-self" });
  stores.members.setState({ members: [memberView({ sessionId: "s-self", memberId: "m-self", isSelf: true })] });
  const runtime = createVoiceRuntime(
    { connection, stores },
    {
      output: silentOutput(),
      local: null,
      session,
      makeClient: (deps) => new VoiceClient({ ...deps, createPeerConnection: peer, getUserMedia: async () => micStream }),
    },
  );
  const sentOf = (type: IntentType) => sent.filter((message) => message.type === type).map((message) => message.payload);
  return { runtime, events, signals, stores, sentOf, session };
}

describe("the voice runtime", () => {
  it("mirrors the room's voice into the slice", () => {
    const { runtime, signals } = setup();
    signals.emit("voice", { ...ready("m-ada"), feeds: [{ memberId: "m-ada", talking: true }] });
    expect(runtime.store.getState().voice.status).toBe("ready");
    expect([...runtime.store.getState().talking]).toEqual(["m-ada"]);
  });

  it("listens to the feeds on the member's click, and remembers the choice for the tab", () => {
    const { runtime, signals, sentOf, session } = setup();
    signals.emit("voice", ready("m-ada", "m-self"));
    runtime.listen();
    expect(sentOf("voiceListen")).toEqual([{ feed: "m-ada" }]);
    expect(runtime.store.getState().listening).toBe(true);
    expect(session.getItem(LISTENING_STORAGE_KEY)).toBe("1");
  });

  it("listens again at once after a reload in a tab that chose to listen", () => {
    const { runtime } = setup(memoryStorage({ [LISTENING_STORAGE_KEY]: "1" }));
    expect(runtime.store.getState().listening).toBe(true);
  });

  it("listens again after the room connection comes back", () => {
    const { runtime, signals, sentOf } = setup();
    signals.emit("voice", ready("m-ada"));
    runtime.listen();
    signals.emit("reconnected", null);
    expect(sentOf("voiceListen")).toEqual([{ feed: "m-ada" }, { feed: "m-ada" }]);
  });

  it("shows a host's refusal of the microphone on the slice", async () => {
    const { runtime, events, signals, stores, sentOf } = setup();
    signals.emit("voice", ready());
    stores.members.setState({ members: [memberView({ sessionId: "s-self", memberId: "m-self", isSelf: true, speaker: true })] });
    runtime.turnOnMic();
    await vi.waitFor(() => expect(sentOf("voicePublish")).toHaveLength(1));
    events.receive("error", { code: "AUDIO_MUTED", key: "errors.AUDIO_MUTED", intent: "voicePublish" });
    expect(runtime.store.getState().lastError).toBe("AUDIO_MUTED");
    expect(runtime.store.getState().mic).toEqual({ kind: "hostMuted" });
  });

  it("leaves refusals of other intents alone", () => {
    const { runtime, events } = setup();
    events.receive("error", { code: "RATE_LIMITED", key: "errors.RATE_LIMITED", intent: "chat" });
    expect(runtime.store.getState().lastError).toBeNull();
  });

  it("asks about the microphone again on a new turn on the stage", () => {
    const { runtime, stores } = setup();
    const self = (speaker: boolean) => stores.members.setState({ members: [memberView({ sessionId: "s-self", memberId: "m-self", isSelf: true, speaker })] });
    self(true);
    runtime.textOnly();
    expect(runtime.store.getState().promptDismissed).toBe(true);
    self(false);
    self(true);
    expect(runtime.store.getState().promptDismissed).toBe(false);
  });

  it("sends the host's mute of a speaker's audio", () => {
    const { runtime, sentOf } = setup();
    expect(runtime.muteSpeakerAudio("m-ada", true)).toBe(true);
    expect(sentOf("muteSpeakerAudio")).toEqual([{ memberId: "m-ada", muted: true }]);
  });
});
