import { useEffect, useState } from "react";
import { useSalon } from "../../state/hooks.js";
import { serverTime } from "../../state/salonClock.js";

/**
 * The server's clock as this page reckons it when the component renders, re-rendering it every second while
 * `ticking` (a countdown on screen).
 */
export function useServerNow(ticking: boolean): number {
  const offset = useSalon((s) => s.clockOffsetMs);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return serverTime(Date.now(), offset);
}
