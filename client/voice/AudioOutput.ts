import type { VoiceOutput } from "./VoiceClient.js";

/** As many elements as the stage can have speakers, unlocked together by the "Listen" click. */
const POOL_SIZE = 8;

const blockedError = (error: unknown): boolean => typeof error === "object" && error !== null && "name" in error && error.name === "NotAllowedError";

/**
 * Plays heard feeds through plain <audio> elements in one hidden container outside React, so no re-render tears
 * them down and they keep playing while the member walks. One volume and one mute apply to all of them. The
 * elements are made (and started) within the "Listen" click, so later feeds can play without another click on
 * browsers that ask for one per element (Safari).
 */
export class AudioOutput implements VoiceOutput {
  private readonly container: HTMLDivElement;
  private readonly free: HTMLAudioElement[] = [];
  private readonly playing = new Map<string, HTMLAudioElement>();
  private volume = 1;
  private muted = false;
  readonly canSetVolume: boolean;

  constructor(doc: Document = document) {
    const probe = doc.createElement("audio");
    probe.volume = 0.5;
    this.canSetVolume = probe.volume === 0.5;
    this.container = doc.createElement("div");
    this.container.hidden = true;
    this.container.dataset.testid = "voice-audio";
    doc.body.append(this.container);
  }

  unlock(): void {
    while (this.free.length + this.playing.size < POOL_SIZE) {
      const element = this.make();
      // Started empty within the click: the browser then lets this element play later.
      element.srcObject = new MediaStream();
      void element.play().catch(() => undefined);
      this.free.push(element);
    }
  }

  async play(feed: string, track: MediaStreamTrack, streams: readonly MediaStream[]): Promise<boolean> {
    this.stop(feed);
    const element = this.free.pop() ?? this.make();
    element.srcObject = streams[0] ?? new MediaStream([track]);
    element.dataset.feed = feed;
    this.apply(element);
    this.playing.set(feed, element);
    try {
      await element.play();
      return true;
    } catch (error) {
      return !blockedError(error);
    }
  }

  stop(feed: string): void {
    const element = this.playing.get(feed);
    if (!element) return;
    this.playing.delete(feed);
    element.pause();
    element.srcObject = null;
    delete element.dataset.feed;
    this.free.push(element);
  }

  setLevel(volume: number, muted: boolean): void {
    this.volume = Math.min(1, Math.max(0, volume));
    this.muted = muted;
    for (const element of this.playing.values()) this.apply(element);
  }

  async resume(): Promise<boolean> {
    this.unlock();
    const results = await Promise.all(
      [...this.playing.values()].map((element) =>
        element.play().then(
          () => true,
          (error: unknown) => !blockedError(error),
        ),
      ),
    );
    return results.every(Boolean);
  }

  dispose(): void {
    for (const feed of [...this.playing.keys()]) this.stop(feed);
    this.free.length = 0;
    this.container.remove();
  }

  private make(): HTMLAudioElement {
    const element = this.container.ownerDocument.createElement("audio");
    element.autoplay = true;
    element.setAttribute("playsinline", "");
    this.apply(element);
    this.container.append(element);
    return element;
  }

  private apply(element: HTMLAudioElement): void {
    element.volume = this.volume;
    element.muted = this.muted;
  }
}
