/**
 * Whether a key pressed with focus on `target` is meant for the venue: focus is on the page body or inside the 3D
 * view, never in a field, on a button or in a dialog. Walking keys and venue shortcuts (Enter to chat) share it.
 */
export function keysActOnVenue(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  if (target === document.body || target === document.documentElement) return true;
  return target.closest(".venue-canvas") !== null;
}

/** Puts focus back on the 3D view, where the walking keys act (after "go to", or leaving a drawer). */
export function focusVenue(): void {
  document.querySelector<HTMLElement>('[data-testid="venue-canvas"]')?.focus({ preventScroll: true });
}
