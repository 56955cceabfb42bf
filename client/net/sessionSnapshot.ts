/** One instance (room) of the live session and its head-count. */
export interface InstanceView {
  roomId: string;
  /** 1 for the session's first instance, 2 for the overflow after it, … */
  number: number;
  online: number;
}

/** The host's announcement as the page shows it; `postedAt` is UTC milliseconds. */
export interface AnnouncementView {
  id: string;
  text: string;
  postedByName: string;
  postedAt: number;
}

/** The session-wide part of the replicated state, as plain data for the session slice. */
export interface SessionSnapshot {
  /** The live session's id (the same in every instance and after a restart); "" from a server without one. */
  id: string;
  /** This room's id, to find it among `instances`. */
  instanceId: string;
  /** Members connected across every instance of the session. */
  online: number;
  /** Sorted by instance number. */
  instances: readonly InstanceView[];
  announcement: AnnouncementView | null;
}

/** The fields of `VenueState` this reads (the Colyseus classes satisfy it; tests may pass them or plain objects). */
export interface SessionStateSource {
  instanceId?: string;
  session?: {
    id: string;
    online: number;
    instances: { forEach(callback: (instance: { number: number; online: number }, roomId: string) => void): void };
    announcement?: { id: string; text: string; postedByName: string; postedAt: number } | undefined;
  };
}

export const EMPTY_SESSION: SessionSnapshot = { id: "", instanceId: "", online: 0, instances: [], announcement: null };

function sameInstances(a: readonly InstanceView[], b: readonly InstanceView[]): boolean {
  return a.length === b.length && a.every((x, i) => x.roomId === b[i]?.roomId && x.number === b[i]?.number && x.online === b[i]?.online);
}

function sameAnnouncement(a: AnnouncementView | null, b: AnnouncementView | null): boolean {
  if (a === null || b === null) return a === b;
  return a.id === b.id && a.text === b.text && a.postedByName === b.postedByName && a.postedAt === b.postedAt;
}

/**
 * The snapshot of `state`, sharing every part that did not change with `previous` (and returning `previous`
 * itself when nothing did), so a patch that only moved avatars costs the session slice nothing and a changed
 * head-count does not hand the announcement banner a new object.
 */
export function nextSessionSnapshot(previous: SessionSnapshot, state: SessionStateSource, fallbackInstanceId = ""): SessionSnapshot {
  const session = state.session;
  const instances: InstanceView[] = [];
  session?.instances.forEach((instance, roomId) => instances.push({ roomId, number: instance.number, online: instance.online }));
  instances.sort((a, b) => a.number - b.number || a.roomId.localeCompare(b.roomId));
  const source = session?.announcement;
  // An announcement without an id is the empty schema object a server may keep in place of "none".
  const announcement: AnnouncementView | null =
    source && source.id !== ""
      ? { id: source.id, text: source.text, postedByName: source.postedByName, postedAt: source.postedAt }
      : null;
  const next: SessionSnapshot = {
    id: session?.id ?? "",
    instanceId: state.instanceId || fallbackInstanceId,
    online: session?.online ?? 0,
    instances: sameInstances(previous.instances, instances) ? previous.instances : instances,
    announcement: sameAnnouncement(previous.announcement, announcement) ? previous.announcement : announcement,
  };
  const unchanged =
    next.id === previous.id &&
    next.instanceId === previous.instanceId &&
    next.online === previous.online &&
    next.instances === previous.instances &&
    next.announcement === previous.announcement;
  return unchanged ? previous : next;
}
