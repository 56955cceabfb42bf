import { VENUE_TICK_MS } from "../../shared/rules/venue.js";

/** One authoritative pose as received, stamped with the local receive time (ms, performance.now()). */
export interface PoseSnapshot {
  t: number;
  x: number;
  z: number;
  rot: number;
  moving: boolean;
}

export interface SampledPose {
  x: number;
  z: number;
  rot: number;
  moving: boolean;
}

/** How far behind the newest patch avatars are drawn, so there are (almost) always two patches to blend. */
export const INTERPOLATION_DELAY_MS = 100;
const CAPACITY = 12;
const QUIET_GAP_MS = VENUE_TICK_MS * 3;

function lerpAngle(a: number, b: number, f: number): number {
  let d = (b - a) % (Math.PI * 2);
  if (d > Math.PI) d -= Math.PI * 2;
  if (d < -Math.PI) d += Math.PI * 2;
  return a + d * f;
}

/**
 * A short history of a member's poses. `sample` blends the two snapshots around the render time and holds the
 * newest one when the render time is past it (no extrapolation, so avatars never overshoot a wall).
 */
export class SnapshotBuffer {
  private readonly items: PoseSnapshot[] = [];

  push(snapshot: PoseSnapshot): void {
    const last = this.items[this.items.length - 1];
    if (last && snapshot.t < last.t) snapshot = { ...snapshot, t: last.t };
    // After a quiet spell, hold the old pose until one tick before the new one, so the avatar walks from it
    // at walking pace instead of sliding over the whole quiet interval.
    if (last && snapshot.t - last.t > QUIET_GAP_MS) this.items.push({ ...last, t: snapshot.t - VENUE_TICK_MS });
    this.items.push(snapshot);
    if (this.items.length > CAPACITY) this.items.shift();
  }

  latest(): PoseSnapshot | undefined {
    return this.items[this.items.length - 1];
  }

  clear(): void {
    this.items.length = 0;
  }

  sample(renderTime: number, out: SampledPose): boolean {
    const items = this.items;
    const newest = items[items.length - 1];
    if (!newest) return false;
    const oldest = items[0] as PoseSnapshot;
    if (renderTime >= newest.t || items.length === 1) {
      out.x = newest.x;
      out.z = newest.z;
      out.rot = newest.rot;
      out.moving = newest.moving;
      return true;
    }
    if (renderTime <= oldest.t) {
      out.x = oldest.x;
      out.z = oldest.z;
      out.rot = oldest.rot;
      out.moving = oldest.moving;
      return true;
    }
    for (let i = items.length - 1; i > 0; i--) {
      const a = items[i - 1] as PoseSnapshot;
      const b = items[i] as PoseSnapshot;
      if (renderTime >= a.t) {
        const span = b.t - a.t;
        const f = span > 0 ? (renderTime - a.t) / span : 1;
        out.x = a.x + (b.x - a.x) * f;
        out.z = a.z + (b.z - a.z) * f;
        out.rot = lerpAngle(a.rot, b.rot, f);
        out.moving = f < 0.5 ? a.moving : b.moving;
        return true;
      }
    }
    return false;
  }
}
