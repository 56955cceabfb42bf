import type { ErrorEvent } from "../../shared/protocol/index.js";
import type { Venue } from "../state/venue.js";
import {
  applyVoiceSnapshot,
  createVoiceStore,
  loadListening,
  rememberListening,
  setVoiceMuted,
  setVoiceVolume,
  type VoiceStore,
} from "../state/voice.js";
import { AudioOutput } from "./AudioOutput.js";
import { VoiceClient, type VoiceInputs, type VoiceOutput, type VoicePeer } from "./VoiceClient.js";

/** A page's stage voice: the slice the UI reads, the client that owns the connections, and what the UI may ask. */
export interface VoiceRuntime {
  store: VoiceStore;
  client: VoiceClient;
  /** Within a click: hear the stage. */
  listen(): void;
  stopListening(): void;
  /** Within a click, after the browser blocked playback. */
  resume(): void;
  setVolume(volume: number): void;
  setMuted(muted: boolean): void;
  /** The microphone prompt's "Turn on", the retry, and the "Turn on microphone" button. */
  turnOnMic(): void;
  /** The microphone prompt's "Text only". */
  textOnly(): void;
  /** The speaker turns their microphone off. */
  turnOffMic(): void;
  /** Host: mute or unmute a speaker's audio for everyone. */
  muteSpeakerAudio(memberId: string, muted: boolean): boolean;
  dispose(): void;
}

/** The hook end-to-end tests read (`?voiceTest=1`): each connection, for `getStats`. */
export interface VoiceTestHook {
  peers(): Map<string, VoicePeer | null>;
  publisher(): VoicePeer | null;
}
declare global {
  interface Window {
    __groveVoice?: VoiceTestHook;
  }
}

const storageOf = (which: "localStorage" | "sessionStorage"): Storage | null => {
  try {
    return typeof window === "undefined" ? null : window[which];
  } catch {
    return null;
  }
};

const VOICE_INTENTS: ReadonlySet<string> = new Set(["voicePublish", "voiceUnpublish", "voiceListen", "voiceAnswer", "voiceUnlisten", "muteSpeakerAudio"]);

/** Makes a venue's voice and feeds it from the venue's transport and slices. `output` and `client` options are for tests. */
export function createVoiceRuntime(
  venue: Pick<Venue, "connection" | "stores">,
  options: { output?: VoiceOutput; makeClient?: (deps: ConstructorParameters<typeof VoiceClient>[0]) => VoiceClient; local?: Storage | null; session?: Storage | null } = {},
): VoiceRuntime {
  const { connection, stores } = venue;
  const local = options.local !== undefined ? options.local : storageOf("localStorage");
  const session = options.session !== undefined ? options.session : storageOf("sessionStorage");
  const store = createVoiceStore({ local });
  applyVoiceSnapshot(store, connection.voice);
  const output = options.output ?? new AudioOutput();
  if (!output.canSetVolume) store.setState({ canSetVolume: false });
  const mirror = () => {
    const s = store.getState();
    const mic = client.mic;
    if (s.mic !== mic || s.listening !== client.listening || s.playBlocked !== client.playBlocked)
      store.setState({ mic, listening: client.listening, playBlocked: client.playBlocked });
  };
  const deps = { send: connection.send.bind(connection), onChange: () => mirror(), output };
  const client = options.makeClient ? options.makeClient(deps) : new VoiceClient(deps);
  client.setLevel(store.getState().volume, store.getState().muted);

  let lastSpeaker: boolean | null = null;
  const inputs = (): VoiceInputs => {
    const selfMemberId = stores.connection.getState().memberId;
    const self = stores.members.getState().members.find((member) => member.isSelf);
    const speaker = self ? self.speaker : null;
    const onStage = stores.salon.getState().public?.stage.speakers.find((s) => s.memberId === selfMemberId);
    return {
      voice: store.getState().voice,
      selfMemberId,
      speaker,
      audioMuted: onStage?.audioMuted === true,
      connected: stores.connection.getState().status === "joined",
    };
  };
  const push = () => {
    const next = inputs();
    // A new turn on the stage asks about the microphone again.
    if (next.speaker !== null && next.speaker !== lastSpeaker) {
      if (next.speaker && store.getState().promptDismissed) store.setState({ promptDismissed: false });
      lastSpeaker = next.speaker;
    }
    client.update(next);
  };

  const offs = [
    connection.signals.on("voice", (voice) => {
      applyVoiceSnapshot(store, voice);
      push();
    }),
    connection.signals.on("reconnected", () => client.onReconnected()),
    connection.signals.on("status", ({ status }) => {
      if (status === "left" || status === "removed" || status === "takenOver" || status === "lost") client.suspend();
    }),
    connection.events.on("voiceAnswer", ({ sdp }) => void client.onAnswer(sdp)),
    connection.events.on("voiceOffer", ({ feed, sdp }) => void client.onOffer(feed, sdp)),
    connection.events.on("voiceStopped", (event) => client.onStopped(event)),
    connection.events.on("error", (error: ErrorEvent) => {
      if (error.intent === undefined || !VOICE_INTENTS.has(error.intent)) return;
      store.setState({ lastError: error.code });
      client.onRefusal(error);
    }),
    stores.members.subscribe(push),
    stores.connection.subscribe(push),
    stores.salon.subscribe((s, previous) => {
      if (s.public !== previous.public) push();
    }),
  ];
  push();

  if (typeof window !== "undefined" && new URLSearchParams(window.location.search).has("voiceTest")) {
    window.__groveVoice = { peers: () => client.peers(), publisher: () => client.publisherPeer() };
  }

  const runtime: VoiceRuntime = {
    store,
    client,
    listen() {
      rememberListening(session, true);
      client.startListening();
    },
    stopListening() {
      rememberListening(session, false);
      client.stopListening();
    },
    resume() {
      void client.resumePlayback();
    },
    setVolume(volume) {
      setVoiceVolume(store, volume, local);
      client.setLevel(store.getState().volume, store.getState().muted);
    },
    setMuted(muted) {
      setVoiceMuted(store, muted);
      client.setLevel(store.getState().volume, muted);
    },
    turnOnMic() {
      store.setState({ promptDismissed: false, lastError: null });
      client.startMic();
    },
    textOnly() {
      store.setState({ promptDismissed: true });
      client.stopMic();
    },
    turnOffMic() {
      store.setState({ promptDismissed: true });
      client.stopMic();
    },
    muteSpeakerAudio(memberId, muted) {
      return connection.send("muteSpeakerAudio", { memberId, muted });
    },
    dispose() {
      for (const off of offs) off();
      client.dispose();
    },
  };
  // Chosen earlier in this tab: listen again (the browser may still want a click; the bar then offers one).
  if (loadListening(session)) client.startListening();
  return runtime;
}

const runtimes = new WeakMap<object, VoiceRuntime>();

/** The voice of `venue`, made on first use and kept as long as the venue (its connection) lives. */
export function voiceOf(venue: Venue): VoiceRuntime {
  let runtime = runtimes.get(venue.connection);
  if (!runtime) {
    runtime = createVoiceRuntime(venue);
    runtimes.set(venue.connection, runtime);
  }
  return runtime;
}

/** Gives `venue` this voice instead of one made on first use (a test's, with stand-in sound and connections). */
export function provideVoice(venue: Pick<Venue, "connection">, runtime: VoiceRuntime): void {
  runtimes.set(venue.connection, runtime);
}
