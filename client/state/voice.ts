import { createStore, type StoreApi } from "zustand/vanilla";
import type { ErrorCode } from "../../shared/protocol/index.js";
import { MIC_IDLE, type MicState } from "../voice/plan.js";
import { EMPTY_VOICE, type VoiceSnapshot } from "../voice/snapshot.js";

/** Stage voice on this page (docs/voice.md): the session's voice as the room state says, and this member's choices. */
export interface VoiceSlice {
  /** `state.session.voice`: status, reason, ICE servers and the publishing feeds (with who is talking). */
  voice: VoiceSnapshot;
  /** Member ids of the feeds talking now; the same set while the same people talk. */
  talking: ReadonlySet<string>;
  /** The member chose to hear the stage (kept for the tab: a reload asks for one click again). */
  listening: boolean;
  /** Heard feeds wait for a click before the browser plays them. */
  playBlocked: boolean;
  /** 0..1, for every feed, kept in localStorage. */
  volume: number;
  muted: boolean;
  /** The volume slider works here (not on iOS, where only the mute does). */
  canSetVolume: boolean;
  mic: MicState;
  /** The member answered "text only" to the microphone prompt of this turn on the stage. */
  promptDismissed: boolean;
  /** The last refusal of a voice intent. */
  lastError: ErrorCode | null;
}
export type VoiceStore = StoreApi<VoiceSlice>;

export const VOLUME_STORAGE_KEY = "grove.voiceVolume.v1";
export const LISTENING_STORAGE_KEY = "grove.voiceListening.v1";
const DEFAULT_VOLUME = 0.8;

/** The stored volume, or the default when there is none or it is not a number in 0..1. */
export function loadVolume(storage: Pick<Storage, "getItem"> | null): number {
  try {
    const raw = storage?.getItem(VOLUME_STORAGE_KEY);
    const value = raw == null || raw.trim() === "" ? Number.NaN : Number(raw);
    return Number.isFinite(value) && value >= 0 && value <= 1 ? value : DEFAULT_VOLUME;
  } catch {
    return DEFAULT_VOLUME;
  }
}

/** Whether this tab chose to listen before (a reload keeps the choice; the browser still asks for a click). */
export function loadListening(storage: Pick<Storage, "getItem"> | null): boolean {
  try {
    return storage?.getItem(LISTENING_STORAGE_KEY) === "1";
  } catch {
    return false;
  }
}

function store(storage: Pick<Storage, "setItem" | "removeItem"> | null, key: string, value: string | null): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // Not kept (private mode): the choice holds for this page.
  }
}

const EMPTY_TALKING: ReadonlySet<string> = new Set();

export function createVoiceStore(options: { local?: Storage | null; session?: Storage | null } = {}): VoiceStore {
  return createStore<VoiceSlice>()(() => ({
    voice: EMPTY_VOICE,
    talking: EMPTY_TALKING,
    listening: false,
    playBlocked: false,
    volume: loadVolume(options.local ?? null),
    muted: false,
    canSetVolume: true,
    mic: MIC_IDLE,
    promptDismissed: false,
    lastError: null,
  }));
}

/** Takes a new voice snapshot; `talking` stays the same set object while the same members talk. */
export function applyVoiceSnapshot(voiceStore: VoiceStore, voice: VoiceSnapshot): void {
  const previous = voiceStore.getState();
  if (previous.voice === voice) return;
  const now = voice.feeds.filter((feed) => feed.talking).map((feed) => feed.memberId);
  const same = now.length === previous.talking.size && now.every((memberId) => previous.talking.has(memberId));
  voiceStore.setState({ voice, talking: same ? previous.talking : now.length === 0 ? EMPTY_TALKING : new Set(now) });
}

/** The volume for every feed, clamped to 0..1 and kept; moving it up from 0 unmutes. */
export function setVoiceVolume(voiceStore: VoiceStore, volume: number, local: Storage | null): void {
  const clamped = Number.isFinite(volume) ? Math.min(1, Math.max(0, volume)) : DEFAULT_VOLUME;
  store(local, VOLUME_STORAGE_KEY, String(clamped));
  voiceStore.setState((s) => ({ volume: clamped, muted: clamped > 0 && s.volume === 0 ? false : s.muted }));
}

export function setVoiceMuted(voiceStore: VoiceStore, muted: boolean): void {
  if (voiceStore.getState().muted !== muted) voiceStore.setState({ muted });
}

/** Keeps the member's choice to listen for this tab. */
export function rememberListening(session: Storage | null, listening: boolean): void {
  store(session, LISTENING_STORAGE_KEY, listening ? "1" : null);
}

/** Whether the microphone prompt shows: on the stage, voice ready, the microphone off and not declined this turn. */
export function showsMicPrompt(state: VoiceSlice, speaker: boolean): boolean {
  return speaker && state.voice.status === "ready" && state.mic.kind === "idle" && !state.promptDismissed;
}

/** Whether the stage audio bar shows: voice works, or someone is on the stage (then it says voice does not). */
export function showsAudioBar(state: VoiceSlice, speakers: number): boolean {
  return state.voice.status === "ready" || speakers > 0;
}
