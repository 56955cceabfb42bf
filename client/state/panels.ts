import { useSyncExternalStore } from "react";

/** The HUD's collapsible panels on wider screens (phones have drawers instead). */
export type PanelName = "members" | "chat" | "host" | "salon";

/** Which panels this tab has collapsed: remembered for the tab (sessionStorage), so a reload keeps the choice. */
export const PANELS_STORAGE_KEY = "grove.panels.v1";

type Collapsed = Readonly<Partial<Record<PanelName, boolean>>>;

const PANEL_NAMES: readonly PanelName[] = ["members", "chat", "host", "salon"];

function read(): Collapsed {
  try {
    const raw: unknown = JSON.parse(sessionStorage.getItem(PANELS_STORAGE_KEY) ?? "{}");
    if (typeof raw !== "object" || raw === null) return {};
    const stored = raw as Record<string, unknown>;
    // Anything else in storage (an older shape, a hand edit) reads as "not collapsed".
    return Object.fromEntries(PANEL_NAMES.filter((name) => stored[name] === true).map((name) => [name, true]));
  } catch {
    return {};
  }
}

let collapsed: Collapsed | null = null;
const listeners = new Set<() => void>();

function snapshot(): Collapsed {
  collapsed ??= read();
  return collapsed;
}

export function setPanelOpen(panel: PanelName, open: boolean): void {
  const current = snapshot();
  if ((current[panel] === true) === !open) return;
  collapsed = { ...current, [panel]: !open };
  try {
    sessionStorage.setItem(PANELS_STORAGE_KEY, JSON.stringify(collapsed));
  } catch {
    // Storage may be full or blocked: the choice then holds until the page goes.
  }
  for (const listener of listeners) listener();
}

/** Whether `panel` is open (every panel is, until this tab collapses it) and a way to change it. */
export function usePanelOpen(panel: PanelName): [boolean, (open: boolean) => void] {
  const open = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot()[panel] !== true,
    () => true,
  );
  return [open, (next: boolean) => setPanelOpen(panel, next)];
}
