import type { VenueConnection } from "../../net/VenueConnection.js";

/** At most this many direction changes a second while a direction is held (the server allows 30). */
const MAX_SENDS_PER_SECOND = 10;
const MIN_INTERVAL_MS = 1000 / MAX_SENDS_PER_SECOND;

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * Turns a held direction (keys or the touch pad) into `move` intents: sent on change, throttled to 10/s, and a
 * stop is sent at once. The server keeps walking in the last direction, so nothing is repeated while held.
 */
export class MoveSender {
  private last = { dx: 0, dz: 0 };
  private pending: { dx: number; dz: number } | null = null;
  private lastSentAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly connection: VenueConnection) {}

  setDirection(dx: number, dz: number): void {
    const next = { dx: round(dx), dz: round(dz) };
    if (next.dx === 0 && next.dz === 0) {
      this.clearTimer();
      this.pending = null;
      if (this.last.dx !== 0 || this.last.dz !== 0) this.transmit(next);
      return;
    }
    if (!this.pending && next.dx === this.last.dx && next.dz === this.last.dz) return;
    const wait = this.lastSentAt + MIN_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      this.pending = null;
      this.transmit(next);
      return;
    }
    this.pending = next;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const pending = this.pending;
      this.pending = null;
      if (pending) this.transmit(pending);
    }, wait);
  }

  stop(): void {
    this.setDirection(0, 0);
  }

  dispose(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private transmit(direction: { dx: number; dz: number }): void {
    if (this.connection.send("move", direction)) {
      this.last = direction;
      this.lastSentAt = performance.now();
    }
  }
}
