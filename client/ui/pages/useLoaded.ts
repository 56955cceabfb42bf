import { useCallback, useEffect, useState } from "react";
import type { Loaded } from "./growthApi.js";

/** Runs `load` when `key` changes (and again on `retry`), dropping an answer that arrives after the page moved on. */
export function useLoaded<T>(key: string, load: (signal: AbortSignal) => Promise<Loaded<T>>): { loaded: Loaded<T>; retry: () => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ kind: "loading" });
    void load(controller.signal).then((result) => {
      if (!controller.signal.aborted) setLoaded(result);
    });
    return () => controller.abort();
    // `load` is the caller's closure over `key`: the key alone says when to fetch again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { loaded, retry };
}
