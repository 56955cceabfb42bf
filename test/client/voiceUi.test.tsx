import i18next from "i18next";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it, vi } from "vitest";
import { en } from "../../client/i18n/en.js";
import { zhCN } from "../../client/i18n/zh-CN.js";
import { Emitter } from "../../client/net/emitter.js";
import { ServerEventDispatcher } from "../../client/net/serverEvents.js";
import type { TransportSignals, VenueConnection } from "../../client/net/VenueConnection.js";
import { createStore, type StoreApi } from "zustand/vanilla";
import { createVenueStores, VenueContext, type Venue, type VenueStores } from "../../client/state/venue.js";
import { applyVoiceSnapshot } from "../../client/state/voice.js";
import { HostVoiceStatus, SpeakerAudioButton } from "../../client/ui/voice/HostVoice.js";
import { MicPrompt } from "../../client/ui/voice/MicPrompt.js";
import { StageAudioBar } from "../../client/ui/voice/StageAudioBar.js";
import { createVoiceRuntime, provideVoice, type VoiceRuntime } from "../../client/voice/runtime.js";
import type { VoiceSnapshot } from "../../client/voice/snapshot.js";
import type { VoiceOutput } from "../../client/voice/VoiceClient.js";
import type { SalonPublicView } from "../../shared/rules/salon/types.js";
import { memberView } from "../helpers/memberView.js";

type Language = "en" | "zh-CN";

const output: VoiceOutput = { canSetVolume: true, play: async () => true, stop: () => undefined, setLevel: () => undefined, unlock: () => undefined, resume: async () => true, dispose: () => undefined };

/** A venue on a stand-in transport, with its voice (no sound, no peers: these render only). */
function venueWith(setup: (venue: Venue, voice: VoiceRuntime) => void): Venue {
  const connection = { events: new ServerEventDispatcher(), signals: new Emitter<TransportSignals>(), voice: undefined, send: vi.fn(() => true) };
  const stores = createVenueStores();
  const venue = { connection: connection as unknown as VenueConnection, stores, dispose: () => undefined };
  stores.connection.setState({ status: "joined", memberId: "m-self", sessionId: "s-self" });
  stores.members.setState({
    members: [memberView({ sessionId: "s-self", memberId: "m-self", name: "Sam", isSelf: true }), memberView({ sessionId: "s-ada", memberId: "m-ada", name: "Ada", speaker: true })],
  });
  const voice = createVoiceRuntime({ ...venue, connection: { ...connection, voice: { status: "off", reason: null, ice: "[]", feeds: [] } } as unknown as VenueConnection }, { output, local: null, session: null });
  setup(venue, voice);
  // Rendering on the server reads each store's initial state (useSyncExternalStore's server snapshot): the page
  // as set up becomes the initial state of stores made from it.
  const seeded = <T,>(store: StoreApi<T>): StoreApi<T> => createStore<T>()(() => store.getState());
  const frozen = Object.fromEntries(Object.entries(stores).map(([key, store]) => [key, seeded(store as StoreApi<unknown>)])) as unknown as VenueStores;
  const page: Venue = { ...venue, stores: frozen };
  provideVoice(page, { ...voice, store: seeded(voice.store) });
  return page;
}

async function render(language: Language, venue: Venue, element: ReactElement): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    lng: language,
    resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
    interpolation: { escapeValue: false, prefix: "{", suffix: "}" },
    showSupportNotice: false,
  });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <VenueContext.Provider value={venue}>{element}</VenueContext.Provider>
    </I18nextProvider>,
  );
}

const ready = (feeds: { memberId: string; talking: boolean }[] = []): VoiceSnapshot => ({ status: "ready", reason: null, ice: "[]", feeds });
const salonWithSpeakers = (speakers: { memberId: string; name: string; audioMuted?: boolean }[]) =>
  ({ stage: { speakers: speakers.map((s) => ({ ...s, since: 0 })), queue: [], speakerLimit: 4 } }) as unknown as SalonPublicView;

describe("the stage audio bar", () => {
  it("offers one button to listen while voice is ready, in both languages", async () => {
    const venue = venueWith((_, voice) => applyVoiceSnapshot(voice.store, ready([{ memberId: "m-ada", talking: false }])));
    const html = await render("en", venue, <StageAudioBar />);
    expect(html).toContain('data-testid="voice-listen"');
    expect(html).toContain("Listen to the stage");
    expect(await render("zh-CN", venue, <StageAudioBar />)).toContain("收听台上");
  });

  it("while listening: a labelled volume, a mute toggle, and who is speaking", async () => {
    const venue = venueWith((_, voice) => {
      applyVoiceSnapshot(voice.store, ready([{ memberId: "m-ada", talking: true }]));
      voice.store.setState({ listening: true, volume: 0.4 });
    });
    const html = await render("en", venue, <StageAudioBar />);
    const volume = /<input id="([^"]+)"[^>]*type="range"[^>]*value="40"/.exec(html);
    expect(volume).not.toBeNull();
    expect(html).toContain(`<label for="${volume?.[1]}" class="visually-hidden">Stage volume</label>`);
    expect(html).toMatch(/aria-pressed="false"[^>]*aria-label="Mute the stage"/);
    expect(html).toContain("Speaking: Ada");
    expect(html).toContain('aria-live="polite"');
  });

  it("offers the mute alone where the page cannot set the volume (iOS)", async () => {
    const venue = venueWith((_, voice) => {
      applyVoiceSnapshot(voice.store, ready([{ memberId: "m-ada", talking: false }]));
      voice.store.setState({ listening: true, canSetVolume: false });
    });
    const html = await render("en", venue, <StageAudioBar />);
    expect(html).not.toContain('type="range"');
    expect(html).toContain('data-testid="voice-mute"');
  });

  it("says quietly that voice is off when someone is on the stage without it, and shows nothing otherwise", async () => {
    const onStage = venueWith((venue) => venue.stores.salon.setState({ public: salonWithSpeakers([{ memberId: "m-ada", name: "Ada" }]) }));
    expect(await render("en", onStage, <StageAudioBar />)).toContain("Stage voice is off right now");
    const empty = venueWith(() => undefined);
    expect(await render("en", empty, <StageAudioBar />)).toBe("");
  });
});

describe("the microphone prompt", () => {
  const onStage = (setup: (voice: VoiceRuntime) => void) =>
    venueWith((venue, voice) => {
      venue.stores.members.setState({ members: [memberView({ sessionId: "s-self", memberId: "m-self", name: "Sam", isSelf: true, speaker: true })] });
      applyVoiceSnapshot(voice.store, ready());
      setup(voice);
    });

  it("asks a member brought on stage, with two answers", async () => {
    const html = await render("en", onStage(() => undefined), <MicPrompt />);
    expect(html).toMatch(/role="dialog" aria-modal="true"/);
    expect(html).toContain("Turn on microphone");
    expect(html).toContain("Text only");
    expect(await render("zh-CN", onStage(() => undefined), <MicPrompt />)).toContain("打开麦克风");
  });

  it("explains a blocked microphone with a retry", async () => {
    const html = await render("en", onStage((voice) => voice.store.setState({ mic: { kind: "denied" } })), <MicPrompt />);
    expect(html).toContain('role="alert"');
    expect(html).toContain("allow it for this site");
    expect(html).toContain('data-testid="mic-retry"');
  });

  it("shows the live microphone with a way to turn it off", async () => {
    const html = await render("en", onStage((voice) => voice.store.setState({ mic: { kind: "live" } })), <MicPrompt />);
    expect(html).toContain('data-mic="live"');
    expect(html).toContain('data-testid="mic-turn-off"');
  });

  it("asks nobody who is not on the stage", async () => {
    const venue = venueWith((_, voice) => applyVoiceSnapshot(voice.store, ready()));
    expect(await render("en", venue, <MicPrompt />)).toBe("");
  });
});

describe("the host's voice controls", () => {
  it("say why voice is unavailable, in both languages", async () => {
    const venue = venueWith((_, voice) => applyVoiceSnapshot(voice.store, { status: "unavailable", reason: "notInstalled", ice: "[]", feeds: [] }));
    expect(await render("en", venue, <HostVoiceStatus />)).toContain("Unavailable: the Janus media server is not installed on this server.");
    expect(await render("zh-CN", venue, <HostVoiceStatus />)).toContain("不可用：本服务器未安装 Janus 媒体服务器。");
  });

  it("count the microphones on while voice is ready", async () => {
    const venue = venueWith((_, voice) => applyVoiceSnapshot(voice.store, ready([{ memberId: "m-ada", talking: false }])));
    expect(await render("en", venue, <HostVoiceStatus />)).toContain("1 microphone on");
  });

  it("offer to unmute a muted speaker, naming them", async () => {
    const venue = venueWith((_, voice) => applyVoiceSnapshot(voice.store, ready()));
    const html = await render("en", venue, <SpeakerAudioButton speaker={{ memberId: "m-ada", name: "Ada", since: 0, audioMuted: true }} />);
    expect(html).toContain('aria-label="Unmute audio: Ada"');
    expect(html).toContain("Unmute audio");
    const live = await render("en", venue, <SpeakerAudioButton speaker={{ memberId: "m-ada", name: "Ada", since: 0 }} />);
    expect(live).toContain("Mute audio");
  });
});
