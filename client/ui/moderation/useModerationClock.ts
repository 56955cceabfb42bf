import { useEffect, useReducer, useState } from "react";
import { useModeration, useSalon } from "../../state/hooks.js";

/** Re-renders once when this page's clock passes `deadline` (ms); whether it has not yet. */
export function useBefore(deadline: number | null): boolean {
  const [, wake] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (deadline === null) return;
    const left = deadline - Date.now();
    if (left <= 0) return;
    // A little after, so the render that follows sees the deadline passed.
    const timer = setTimeout(wake, left + 20);
    return () => clearTimeout(timer);
  }, [deadline]);
  return deadline !== null && Date.now() < deadline;
}

/** This page's clock, re-rendering every second while `ticking` (a countdown on screen). */
export function useTick(ticking: boolean): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return Date.now();
}

/**
 * Whether this member is muted now, by their own view and the server's clock (a timed mute ends by itself: the
 * view is not sent again for that), re-rendering once when it ends. Only this boolean: countdowns tick elsewhere.
 */
export function useMutedNow(): boolean {
  const muted = useModeration((s) => s.mine?.muted ?? null);
  const offset = useSalon((s) => s.clockOffsetMs);
  const before = useBefore(muted?.until == null ? null : muted.until - offset);
  return muted !== null && (muted.until === null || before);
}

/** Whether slow mode still holds this member's next line back (never for hosts: the slice keeps no wait for them). */
export function useSlowWaiting(): boolean {
  return useBefore(useModeration((s) => s.slowUntil));
}
