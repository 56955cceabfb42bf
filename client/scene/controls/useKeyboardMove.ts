import { useEffect } from "react";
import { keysActOnVenue as movementKeysApply } from "./focus.js";
import { KEY_BINDINGS, directionOf, type MoveAction } from "./keyBindings.js";
import type { MoveSender } from "./MoveSender.js";

export function useKeyboardMove(sender: MoveSender | null, enabled: boolean): void {
  useEffect(() => {
    if (!enabled || !sender) return;
    const held = new Set<MoveAction>();
    const update = () => {
      const { dx, dz } = directionOf(held);
      sender.setDirection(dx, dz);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const action = KEY_BINDINGS[event.code];
      if (!action || event.ctrlKey || event.metaKey || event.altKey) return;
      if (!movementKeysApply(event.target)) return;
      event.preventDefault();
      if (held.has(action)) return;
      held.add(action);
      update();
    };
    const onKeyUp = (event: KeyboardEvent) => {
      const action = KEY_BINDINGS[event.code];
      if (!action || !held.delete(action)) return;
      update();
    };
    const releaseAll = () => {
      if (held.size === 0) return;
      held.clear();
      update();
    };
    const onFocusIn = (event: FocusEvent) => {
      if (!movementKeysApply(event.target)) releaseAll();
    };
    const onVisibility = () => {
      if (document.hidden) releaseAll();
    };
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("keyup", onKeyUp);
    window.addEventListener("blur", releaseAll);
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("keyup", onKeyUp);
      window.removeEventListener("blur", releaseAll);
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("visibilitychange", onVisibility);
      releaseAll();
    };
  }, [sender, enabled]);
}
