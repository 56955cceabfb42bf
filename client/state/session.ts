import { createStore, type StoreApi } from "zustand/vanilla";
import { roleAllows, type HostLinkCheck, type Role } from "../../shared/protocol/index.js";
import type { AnnouncementView, InstanceView } from "../net/sessionSnapshot.js";
import { all, type Feeder } from "./feed.js";

export type HostLinkProblem = Exclude<HostLinkCheck, "accepted">;

/** The live session this page is part of: your role, the head-counts across instances, the host's announcement. */
export interface SessionSlice {
  /** What the server said this connection may do (welcome.role). */
  role: Role;
  /** Why the host link this page came with gives member rights only; null when there is nothing to say. */
  hostLinkProblem: HostLinkProblem | null;
  liveSessionId: string;
  /** This room's id among `instances`. */
  instanceId: string;
  /** Members connected across every instance of the session. */
  online: number;
  /** Sorted by instance number. */
  instances: readonly InstanceView[];
  announcement: AnnouncementView | null;
  /** Announcements this browser dismissed, as `dismissalKey` values (newest last). */
  dismissed: readonly string[];
}
export type SessionStore = StoreApi<SessionSlice>;

export const DISMISSED_STORAGE_KEY = "grove.dismissedAnnouncements.v1";
/** Enough to outlast any one session's announcements a member might dismiss; older ones are forgotten. */
const DISMISSED_KEPT = 50;

function loadDismissed(): string[] {
  try {
    const raw = localStorage.getItem(DISMISSED_STORAGE_KEY);
    const parsed: unknown = raw === null ? [] : JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string").slice(-DISMISSED_KEPT) : [];
  } catch {
    return [];
  }
}

function saveDismissed(keys: readonly string[]): void {
  try {
    localStorage.setItem(DISMISSED_STORAGE_KEY, JSON.stringify(keys));
  } catch {
    // Not kept: a reload shows the announcement again, which is the safe side.
  }
}

/** Announcement ids count up within a live session, so a dismissal names both. */
export function dismissalKey(liveSessionId: string, announcementId: string): string {
  return `${liveSessionId}/${announcementId}`;
}

export function createSessionStore(): SessionStore {
  return createStore<SessionSlice>()(() => ({
    role: "member",
    hostLinkProblem: null,
    liveSessionId: "",
    instanceId: "",
    online: 0,
    instances: [],
    announcement: null,
    dismissed: loadDismissed(),
  }));
}

/** The announcement to show: the current one unless this browser dismissed it. The same object while unchanged. */
export function visibleAnnouncement(state: SessionSlice): AnnouncementView | null {
  const announcement = state.announcement;
  if (!announcement) return null;
  return state.dismissed.includes(dismissalKey(state.liveSessionId, announcement.id)) ? null : announcement;
}

/** Whether this page may run the session (the host console), by the shared rule the server checks. */
export function canHost(state: SessionSlice): boolean {
  return roleAllows(state.role, "host");
}

export function dismissAnnouncement(store: SessionStore): void {
  const state = store.getState();
  if (!state.announcement) return;
  const key = dismissalKey(state.liveSessionId, state.announcement.id);
  if (state.dismissed.includes(key)) return;
  const dismissed = [...state.dismissed, key].slice(-DISMISSED_KEPT);
  saveDismissed(dismissed);
  store.setState({ dismissed });
}

export function dismissHostLinkProblem(store: SessionStore): void {
  if (store.getState().hostLinkProblem !== null) store.setState({ hostLinkProblem: null });
}

export const feedSession: Feeder<SessionStore> = (store, transport) =>
  all([
    transport.events.on("welcome", (welcome) =>
      store.setState((previous) => ({
        role: welcome.role,
        liveSessionId: welcome.liveSessionId || previous.liveSessionId,
        // A welcome without a check (a reconnect that no longer offers the refused link) keeps the notice up.
        hostLinkProblem: welcome.hostLink === undefined ? previous.hostLinkProblem : welcome.hostLink === "accepted" ? null : welcome.hostLink,
      })),
    ),
    transport.signals.on("session", (session) =>
      store.setState((previous) => ({
        liveSessionId: session.id || previous.liveSessionId,
        instanceId: session.instanceId,
        online: session.online,
        instances: session.instances,
        announcement: session.announcement,
      })),
    ),
  ]);
