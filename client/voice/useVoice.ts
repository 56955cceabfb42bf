import { useStore } from "zustand";
import type { VoiceSlice } from "../state/voice.js";
import { useVenue } from "../state/venue.js";
import { voiceOf, type VoiceRuntime } from "./runtime.js";

/** The venue's stage voice: its actions (turn the microphone on, listen, volume …). */
export function useVoiceRuntime(): VoiceRuntime {
  return voiceOf(useVenue());
}

/** Subscribes to the voice slice; the selector returns stored values (or primitives), like every slice hook. */
export function useVoice<S>(selector: (state: VoiceSlice) => S): S {
  return useStore(useVoiceRuntime().store, selector);
}
