import { useSyncExternalStore } from "react";

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (listener) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", listener);
      return () => list.removeEventListener("change", listener);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

export function useReducedMotion(): boolean {
  return useMediaQuery("(prefers-reduced-motion: reduce)");
}

/** Narrow screens get drawers instead of side panels. */
export function useNarrowScreen(): boolean {
  return useMediaQuery("(max-width: 720px)");
}

/** Touch devices and narrow screens get the on-screen movement pad. */
export function useTouchControls(): boolean {
  const coarse = useMediaQuery("(pointer: coarse)");
  const narrow = useNarrowScreen();
  return coarse || narrow;
}
