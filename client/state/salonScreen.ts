import { createStore, type StoreApi } from "zustand/vanilla";

/**
 * The stage screen's player on this page: the hidden <video> the 3D view draws, and whether the member chose to
 * hear it. Videos start muted (browsers let only a muted video play without a gesture); the HUD's sound button
 * unmutes it inside the member's click. The host's controls read the element's position from here.
 */
export interface ScreenPlayerSlice {
  /** The element while a video is set and the 3D view shows it; null otherwise. */
  video: HTMLVideoElement | null;
  /** The url the element plays (the screen's, as the view gave it). */
  url: string | null;
  /** The member turned the sound on. */
  sound: boolean;
  /** The video's length in seconds once known (null for a live stream or before its metadata). */
  duration: number | null;
}
export type ScreenPlayerStore = StoreApi<ScreenPlayerSlice>;

export function createScreenPlayerStore(): ScreenPlayerStore {
  return createStore<ScreenPlayerSlice>()(() => ({ video: null, url: null, sound: false, duration: null }));
}

/** Turns the sound on or off. Call it from the member's click: the element is unmuted within that gesture. */
export function chooseSound(store: ScreenPlayerStore, on: boolean): void {
  const { video } = store.getState();
  if (video) {
    video.muted = !on;
    // Unmuting may stop a video the browser let play only while muted; the click lets it play again.
    if (on && video.paused && video.dataset.shouldPlay === "true") void video.play().catch(() => undefined);
  }
  if (store.getState().sound !== on) store.setState({ sound: on });
}

/** Where the host's own player is (seconds), when it plays the screen's `url`; null otherwise. */
export function playerPosition(state: ScreenPlayerSlice, url: string): number | null {
  const video = state.video;
  if (!video || state.url !== url || video.readyState < 1 || !Number.isFinite(video.currentTime)) return null;
  return video.currentTime;
}
