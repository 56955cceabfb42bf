import { describe, expect, it } from "vitest";
import {
  applyVoiceSnapshot,
  createVoiceStore,
  loadListening,
  loadVolume,
  rememberListening,
  setVoiceMuted,
  setVoiceVolume,
  showsAudioBar,
  showsMicPrompt,
  VOLUME_STORAGE_KEY,
} from "../../client/state/voice.js";
import type { VoiceSnapshot } from "../../client/voice/snapshot.js";
import { memoryStorage } from "../helpers/memoryStorage.js";


const snapshot = (talking: string[], silent: string[] = []): VoiceSnapshot => ({
  status: "ready",
  reason: null,
  ice: "[]",
  feeds: [...talking.map((memberId) => ({ memberId, talking: true })), ...silent.map((memberId) => ({ memberId, talking: false }))],
});

describe("the voice slice", () => {
  it("starts from the stored volume, and the default when the stored one is not a number in 0..1", () => {
    expect(createVoiceStore({ local: memoryStorage({ [VOLUME_STORAGE_KEY]: "0.35" }) }).getState().volume).toBe(0.35);
    expect(loadVolume(memoryStorage({ [VOLUME_STORAGE_KEY]: "7" }))).toBe(0.8);
    expect(loadVolume(memoryStorage({ [VOLUME_STORAGE_KEY]: "loud" }))).toBe(0.8);
    expect(loadVolume(null)).toBe(0.8);
  });

  it("keeps a new volume, clamped to 0..1", () => {
    const local = memoryStorage();
    const store = createVoiceStore({ local });
    setVoiceVolume(store, 1.7, local);
    expect(store.getState().volume).toBe(1);
    expect(local.getItem(VOLUME_STORAGE_KEY)).toBe("1");
    setVoiceVolume(store, 0.25, local);
    expect(loadVolume(local)).toBe(0.25);
  });

  it("unmutes when the volume moves up from zero", () => {
    const store = createVoiceStore();
    setVoiceVolume(store, 0, null);
    setVoiceMuted(store, true);
    setVoiceVolume(store, 0.5, null);
    expect(store.getState().muted).toBe(false);
  });

  it("keeps the same talking set while the same members talk, and a new one when that changes", () => {
    const store = createVoiceStore();
    applyVoiceSnapshot(store, snapshot(["m-ada"], ["m-bo"]));
    const first = store.getState().talking;
    expect([...first]).toEqual(["m-ada"]);
    applyVoiceSnapshot(store, { ...snapshot(["m-ada"], ["m-bo"]), ice: "[{\"urls\":\"stun:x\"}]" });
    expect(store.getState().talking).toBe(first);
    applyVoiceSnapshot(store, snapshot(["m-bo"], ["m-ada"]));
    expect([...store.getState().talking]).toEqual(["m-bo"]);
  });

  it("remembers the choice to listen for the tab, and forgets it", () => {
    const session = memoryStorage();
    rememberListening(session, true);
    expect(loadListening(session)).toBe(true);
    rememberListening(session, false);
    expect(loadListening(session)).toBe(false);
  });

  it("asks a speaker about the microphone only while voice is ready, the microphone is off and they did not decline", () => {
    const store = createVoiceStore();
    applyVoiceSnapshot(store, snapshot([]));
    expect(showsMicPrompt(store.getState(), true)).toBe(true);
    expect(showsMicPrompt(store.getState(), false)).toBe(false);
    store.setState({ promptDismissed: true });
    expect(showsMicPrompt(store.getState(), true)).toBe(false);
    store.setState({ promptDismissed: false, mic: { kind: "live" } });
    expect(showsMicPrompt(store.getState(), true)).toBe(false);
    applyVoiceSnapshot(store, { ...snapshot([]), status: "unavailable", reason: "notInstalled" });
    store.setState({ mic: { kind: "idle" } });
    expect(showsMicPrompt(store.getState(), true)).toBe(false);
  });

  it("shows the audio bar when voice is ready, or when someone is on the stage without it", () => {
    const store = createVoiceStore();
    expect(showsAudioBar(store.getState(), 0)).toBe(false);
    expect(showsAudioBar(store.getState(), 1)).toBe(true);
    applyVoiceSnapshot(store, snapshot([]));
    expect(showsAudioBar(store.getState(), 0)).toBe(true);
  });
});
