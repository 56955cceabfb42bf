import { VOICE_STATUSES, VOICE_UNAVAILABLE_REASONS, type VoiceStatus, type VoiceUnavailableReason } from "../../shared/protocol/index.js";

/** One publishing speaker as the page shows them: the speaking ring while `talking`. */
export interface VoiceFeedView {
  memberId: string;
  talking: boolean;
}

/** `state.session.voice` as plain data (docs/voice.md): the same in every instance of the session. */
export interface VoiceSnapshot {
  status: VoiceStatus;
  /** Why voice is unavailable; null when ready (or a reason this page does not know). */
  reason: VoiceUnavailableReason | null;
  /** The ICE servers, as the JSON the server sent (client/voice/plan.ts `iceServersOf` reads it). */
  ice: string;
  /** Sorted by member id. */
  feeds: readonly VoiceFeedView[];
}

/** Before the first state, and from a server without voice: off, so nothing about voice shows. */
export const EMPTY_VOICE: VoiceSnapshot = { status: "off", reason: null, ice: "[]", feeds: [] };

/** The fields of `VenueState` this reads (the Colyseus classes satisfy it; tests pass plain objects). */
export interface VoiceStateSource {
  session?: {
    voice?:
      | {
          status: string;
          reason: string;
          ice: string;
          feeds: { forEach(callback: (feed: { memberId: string; talking: boolean }, memberId: string) => void): void };
        }
      | undefined;
  };
}

const isStatus = (value: string): value is VoiceStatus => (VOICE_STATUSES as readonly string[]).includes(value);
const isReason = (value: string): value is VoiceUnavailableReason => (VOICE_UNAVAILABLE_REASONS as readonly string[]).includes(value);

function sameFeeds(a: readonly VoiceFeedView[], b: readonly VoiceFeedView[]): boolean {
  return a.length === b.length && a.every((feed, i) => feed.memberId === b[i]?.memberId && feed.talking === b[i]?.talking);
}

/**
 * The voice snapshot of `state`, returning `previous` itself when nothing changed (most patches move avatars), and
 * keeping `previous.feeds` while the feeds are the same, so the speaking rings re-render only when someone starts
 * or stops talking.
 */
export function nextVoiceSnapshot(previous: VoiceSnapshot, state: VoiceStateSource): VoiceSnapshot {
  const voice = state.session?.voice;
  if (!voice) return sameFeeds(previous.feeds, []) && previous.status === "off" && previous.reason === null ? previous : EMPTY_VOICE;
  const feeds: VoiceFeedView[] = [];
  voice.feeds.forEach((feed, memberId) => feeds.push({ memberId: feed.memberId || memberId, talking: feed.talking === true }));
  feeds.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const status = isStatus(voice.status) ? voice.status : "unavailable";
  const reason = status === "ready" ? null : isReason(voice.reason) ? voice.reason : null;
  const next: VoiceSnapshot = {
    status,
    reason,
    ice: voice.ice,
    feeds: sameFeeds(previous.feeds, feeds) ? previous.feeds : feeds,
  };
  const unchanged = next.status === previous.status && next.reason === previous.reason && next.ice === previous.ice && next.feeds === previous.feeds;
  return unchanged ? previous : next;
}
