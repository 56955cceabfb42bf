import { useEffect, useRef } from "react";
import { keysActOnVenue } from "./focus.js";
import { SHORTCUT_BINDINGS, type VenueShortcut } from "./keyBindings.js";

/**
 * Runs the handler bound to a venue shortcut when its key is pressed while focus is on the venue (the 3D view or
 * the page body). Keys pressed in a field, on a button or while composing text (an IME) are left alone.
 */
export function useVenueShortcuts(handlers: Readonly<Record<VenueShortcut, () => void>>, enabled: boolean): void {
  // The latest handlers, read by ref: the listener is added once, not on every render.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = SHORTCUT_BINDINGS[event.code] ?? SHORTCUT_BINDINGS[event.key];
      if (!shortcut || event.repeat || event.isComposing || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
      if (event.defaultPrevented || !keysActOnVenue(event.target)) return;
      event.preventDefault();
      latest.current[shortcut]();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
