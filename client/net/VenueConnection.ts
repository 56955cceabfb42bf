import { Client, ErrorCode as MatchMakeCode, getStateCallbacks } from "colyseus.js";
import type { Room } from "colyseus.js";
import type { MemberState, VenueState } from "../../shared/state/VenueState.js";
import {
  CLIENT_INTENTS,
  DisplayName,
  ErrorCode,
  MATCHMAKE_REFUSED,
  REMOVED_CLOSE_CODE,
  SESSION_TAKEN_OVER_CLOSE_CODE,
  type IntentPayload,
  type IntentType,
  type JoinOptions,
  type WelcomeEvent,
} from "../../shared/protocol/index.js";
import { dequantiseHeading, dequantisePosition } from "../../shared/rules/quantise.js";
import { RECONNECT_GRACE_SECONDS } from "../../shared/rules/venue.js";
import { TIERS, type Tier } from "../../shared/rules/growth/types.js";
import { Emitter } from "./emitter.js";
import { ServerEventDispatcher } from "./serverEvents.js";
import { EMPTY_SESSION, nextSessionSnapshot, type SessionSnapshot } from "./sessionSnapshot.js";
import { EMPTY_VOICE, nextVoiceSnapshot, type VoiceSnapshot } from "../voice/snapshot.js";
import { SnapshotBuffer } from "./SnapshotBuffer.js";
import { saveIdentity } from "./identity.js";
import { forgetHostToken } from "./hostToken.js";

export type ConnectionStatus = "idle" | "joining" | "joined" | "reconnecting" | "takenOver" | "lost" | "refused" | "left" | "removed";

/** Where the connection stands; the connection slice mirrors it. */
export interface ConnectionState {
  status: ConnectionStatus;
  /** Why the join was refused; null with status "refused" means the server could not be reached. */
  refusal: ErrorCode | null;
  /** This connection's Colyseus session id ("" before the first join). */
  sessionId: string;
}

/** The slow-changing facts about a member that the UI lists. Positions live in `tracks`, read by ref. */
export interface MemberView {
  sessionId: string;
  memberId: string;
  name: string;
  color: string;
  shape: string;
  accessory: string;
  online: boolean;
  /** "host" for a member who joined with a valid host link; anything else the server sends reads as "member". */
  role: "member" | "host";
  isSelf: boolean;
  /** Salon: the member's hand is up (in the speaker queue). */
  hand: boolean;
  /** Salon: the member is on the stage. */
  speaker: boolean;
  /** Salon: the host marked the member as a Q&A expert. */
  expert: boolean;
  /** Growth: the member's tier (docs/growth.md, "Tiers"); anything the page does not know reads as "explorer". */
  tier: Tier;
  /** Growth: the artwork seed of the collectible the member shows over their avatar ("" for none). */
  trophy: string;
}

/** Per-member motion state. The scene samples `buffer` every frame; nothing here triggers a React render. */
export interface MemberTrack {
  buffer: SnapshotBuffer;
}

/**
 * What the transport tells the slices besides server events: its own state and plain views of the replicated
 * state, each emitted only when it changed.
 */
export interface TransportSignals {
  status: ConnectionState;
  /** Sorted: yourself first, then by name. A new array only when something the list shows changed. */
  members: readonly MemberView[];
  session: SessionSnapshot;
  eventTitle: string;
  /** Stage voice (`state.session.voice`, docs/voice.md). */
  voice: VoiceSnapshot;
  /** A dropped connection came back (into the held seat or by joining again). */
  reconnected: null;
}

/** How long the server holds a dropped member's seat; past it only a fresh join can bring them back. */
const RECONNECT_WINDOW_MS = RECONNECT_GRACE_SECONDS * 1000;
/** How long a dropped page keeps trying (a restart, a long network outage) before it asks the member. */
export const RECOVERY_WINDOW_MS = 5 * 60_000;
const ATTEMPT_TIMEOUT_MS = 10_000;
const RETRY_FIRST_DELAY_MS = 500;
const RETRY_MAX_DELAY_MS = 10_000;
/**
 * The server answered that the seat is gone (the room went with a restart, or the token expired): join again.
 * Colyseus' own endpoint answers with the matchmaker's code; Grove's answers HTTP 400 "MATCHMAKE_REFUSED".
 */
const SEAT_GONE_CODES: ReadonlySet<number> = new Set([MatchMakeCode.MATCHMAKE_INVALID_ROOM_ID, MatchMakeCode.MATCHMAKE_EXPIRED]);
const SEAT_GONE_MESSAGE = MATCHMAKE_REFUSED;
/** Join refusals that a server which is starting up or busy may answer; every other refusal is final. */
const TRANSIENT_REFUSALS: ReadonlySet<ErrorCode> = new Set(["INTERNAL", "RATE_LIMITED"]);

export type CloseAction = "left" | "takenOver" | "removed" | "reconnect";

/**
 * What a closed connection means for the page. Only a leave the member chose returns to the lobby; a seat taken
 * by the same member elsewhere is never taken back on its own (two tabs would steal it from each other for ever);
 * a member a host removed never comes back on its own (docs/moderation.md); every other close (a restarting server,
 * Colyseus' 4000 from an older server, a dropped network) comes back.
 */
export function closeAction(code: number, leaving: boolean): CloseAction {
  if (leaving) return "left";
  if (code === SESSION_TAKEN_OVER_CLOSE_CODE) return "takenOver";
  if (code === REMOVED_CLOSE_CODE) return "removed";
  return "reconnect";
}

/**
 * The wait before retry number `attempt` (0 first): doubles from RETRY_FIRST_DELAY_MS up to RETRY_MAX_DELAY_MS,
 * and `random` (in [0, 1)) picks a point in its upper half, so pages dropped by one restart do not return in step.
 */
export function retryDelay(attempt: number, random: number): number {
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
  return ceiling / 2 + (ceiling / 2) * random;
}

/** Gives up on a room attempt after `ms`; a room that still arrives later is left at once, so it holds no seat. */
function roomWithin(promise: Promise<Room<VenueState>>, ms: number): Promise<Room<VenueState>> {
  return new Promise((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new Error("timeout"));
    }, ms);
    promise.then(
      (room) => {
        clearTimeout(timer);
        if (late) void room.leave(true);
        else resolve(room);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Whether a failed `reconnect` means the held seat no longer exists (rather than that the server is unreachable). */
export function seatIsGone(error: unknown): boolean {
  if (error instanceof Error && error.message === SEAT_GONE_MESSAGE) return true;
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
  return typeof code === "number" && SEAT_GONE_CODES.has(code);
}

/** A refused join carries the ErrorCode as its message; anything else (network, 5xx) is not a refusal. */
function refusalOf(error: unknown): ErrorCode | null {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const parsed = ErrorCode.safeParse(message.trim());
  return parsed.success ? parsed.data : null;
}

/**
 * The one place that speaks to the Colyseus room: join, typed intents, reconnection, and the transport for
 * everything that comes back. Server events go through `events` (each parsed by its shared schema); state changes
 * go out as `signals`. Framework-free: the slices in client/state subscribe to both; the scene reads `tracks` by ref.
 */
export class VenueConnection {
  readonly events = new ServerEventDispatcher();
  readonly signals = new Emitter<TransportSignals>();
  readonly tracks = new Map<string, MemberTrack>();

  private readonly client: Client;
  private room: Room<VenueState> | null = null;
  private lastJoin: JoinOptions | null = null;
  private disposed = false;
  private leaving = false;
  /** Bumped by every join, leave and recovery, so that an older recovery loop stops at its next step. */
  private generation = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly members = new Map<string, MemberView>();
  private current: ConnectionState = { status: "idle", refusal: null, sessionId: "" };
  private session: SessionSnapshot = EMPTY_SESSION;
  private eventTitle = "";
  private voiceSnapshot: VoiceSnapshot = EMPTY_VOICE;

  constructor(endpoint: string = window.location.origin) {
    this.client = new Client(endpoint);
    this.events.on("welcome", (welcome) => this.onWelcome(welcome));
  }

  get status(): ConnectionStatus {
    return this.current.status;
  }

  /** This connection's session id, read by the scene every frame (never React state). */
  get sessionId(): string {
    return this.current.sessionId;
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Stage voice as the room state last said (for a voice runtime made after the first state). */
  get voice(): VoiceSnapshot {
    return this.voiceSnapshot;
  }

  async join(options: JoinOptions): Promise<void> {
    if (this.disposed) return;
    this.lastJoin = options;
    this.leaving = false;
    this.generation += 1;
    this.setState({ status: "joining", refusal: null });
    try {
      const room = await this.client.joinOrCreate<VenueState>("venue", options);
      if (this.disposed) {
        void room.leave(true);
        return;
      }
      this.attach(room);
      this.setState({ status: "joined", sessionId: room.sessionId });
    } catch (error) {
      if (this.disposed) return;
      this.setState({ status: "refused", refusal: refusalOf(error) });
    }
  }

  /** Joins again with the last options (after "connection lost"). */
  async rejoin(): Promise<void> {
    if (this.lastJoin) await this.join(this.lastJoin);
  }

  /** Comes back to this page after the same member joined elsewhere; the server then closes the other one. */
  async takeBack(): Promise<void> {
    if (this.current.status !== "takenOver") return;
    await this.recover(null);
  }

  /** Sends an intent after checking it against the shared schema, so a bug here never reaches the server. */
  send<T extends IntentType>(type: T, payload: IntentPayload<T>): boolean {
    const room = this.room;
    if (!room || this.current.status !== "joined") return false;
    const parsed = CLIENT_INTENTS[type].safeParse(payload);
    if (!parsed.success) return false;
    room.send(type, parsed.data);
    return true;
  }

  /** The newest authoritative position of a member, in metres. */
  positionOf(sessionId: string): { x: number; z: number } | null {
    const latest = this.tracks.get(sessionId)?.buffer.latest();
    return latest ? { x: latest.x, z: latest.z } : null;
  }

  /** Leaves on purpose (consented), so the server frees the seat at once. */
  async leave(): Promise<void> {
    this.leaving = true;
    this.generation += 1;
    const room = this.room;
    this.room = null;
    if (room) {
      try {
        await room.leave(true);
      } catch {
        // Already closed.
      }
    }
    this.setState({ status: "left" });
  }

  dispose(): void {
    if (this.disposed) return;
    void this.leave();
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private setState(partial: Partial<ConnectionState>): void {
    const next = { ...this.current, ...partial };
    if (next.status === this.current.status && next.refusal === this.current.refusal && next.sessionId === this.current.sessionId) return;
    this.current = next;
    this.signals.emit("status", next);
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private attach(room: Room<VenueState>): void {
    this.room = room;
    const $ = getStateCallbacks(room);
    const stale = new Set(this.tracks.keys());

    $(room.state).members.onAdd((member, sessionId) => {
      stale.delete(sessionId);
      this.addMember(room, member, sessionId);
      $(member).onChange(() => this.updateMember(room, member, sessionId));
    });
    $(room.state).members.onRemove((_member, sessionId) => this.removeMember(sessionId));
    // One handler, no `onStateChange.once`: colyseus.js removes a `once` handler by moving the last handler into
    // its slot in the middle of the same forEach, so a handler registered after it missed the first state (and
    // the session view, often complete in that state, stayed empty until some later patch).
    let first = true;
    room.onStateChange((state) => {
      if (first) {
        first = false;
        for (const sessionId of stale) this.removeMember(sessionId);
        stale.clear();
      }
      // The title and the session view are a handful of fields: compared after each patch, emitted when changed.
      this.publishState(room, state);
    });

    this.events.attach(room);
    room.onLeave((code) => this.onLeave(room, code));
  }

  private publishState(room: Room<VenueState>, state: VenueState): void {
    if (this.room !== room) return;
    if (typeof state.eventTitle === "string" && state.eventTitle !== this.eventTitle) {
      this.eventTitle = state.eventTitle;
      this.signals.emit("eventTitle", state.eventTitle);
    }
    const session = nextSessionSnapshot(this.session, state, room.roomId);
    if (session !== this.session) {
      this.session = session;
      this.signals.emit("session", session);
    }
    const voice = nextVoiceSnapshot(this.voiceSnapshot, state);
    if (voice !== this.voiceSnapshot) {
      this.voiceSnapshot = voice;
      this.signals.emit("voice", voice);
    }
  }

  private viewOf(member: MemberState, sessionId: string, selfSessionId: string): MemberView {
    return {
      sessionId,
      memberId: member.memberId,
      name: member.name,
      color: member.color,
      shape: member.shape,
      accessory: member.accessory,
      online: member.online,
      role: member.role === "host" ? "host" : "member",
      isSelf: sessionId === selfSessionId,
      hand: member.hand === true,
      speaker: member.speaker === true,
      expert: member.expert === true,
      tier: isTier(member.tier) ? member.tier : "explorer",
      // A seed is 16 hex characters (CollectibleRecord.seed); anything else shows nothing.
      trophy: /^[0-9a-f]{16}$/.test(member.trophy) ? member.trophy : "",
    };
  }

  private pushPose(member: MemberState, sessionId: string): void {
    let track = this.tracks.get(sessionId);
    if (!track) {
      track = { buffer: new SnapshotBuffer() };
      this.tracks.set(sessionId, track);
    }
    track.buffer.push({
      t: performance.now(),
      x: dequantisePosition(member.x),
      z: dequantisePosition(member.z),
      rot: dequantiseHeading(member.rot),
      moving: member.moving,
    });
  }

  private addMember(room: Room<VenueState>, member: MemberState, sessionId: string): void {
    this.pushPose(member, sessionId);
    this.members.set(sessionId, this.viewOf(member, sessionId, room.sessionId));
    this.publishMembers();
  }

  private updateMember(room: Room<VenueState>, member: MemberState, sessionId: string): void {
    this.pushPose(member, sessionId);
    const before = this.members.get(sessionId);
    const after = this.viewOf(member, sessionId, room.sessionId);
    // Most patches only move the avatar; the member list re-renders only when something it shows changed.
    if (!before || !sameMemberView(before, after)) {
      this.members.set(sessionId, after);
      this.publishMembers();
    }
  }

  private removeMember(sessionId: string): void {
    this.tracks.delete(sessionId);
    if (this.members.delete(sessionId)) this.publishMembers();
  }

  private publishMembers(): void {
    const members = [...this.members.values()].sort((a, b) => {
      if (a.isSelf !== b.isSelf) return a.isSelf ? -1 : 1;
      return a.name.localeCompare(b.name);
    });
    this.signals.emit("members", members);
  }

  private onWelcome(welcome: WelcomeEvent): void {
    const join = this.lastJoin;
    if (!join) return;
    const name = DisplayName.safeParse(join.name);
    saveIdentity({
      memberId: welcome.memberId,
      secret: welcome.secret,
      name: name.success ? name.data : join.name,
      look: join.look,
    });
    let next: JoinOptions = { ...join, memberId: welcome.memberId, secret: welcome.secret };
    // A host link the server turned down is not offered again, on a reconnect or after a reload.
    if (join.hostToken !== undefined && welcome.hostLink !== undefined && welcome.hostLink !== "accepted") {
      const { hostToken: _refused, ...rest } = next;
      next = rest;
      forgetHostToken(join.eventSlug);
    }
    this.lastJoin = next;
  }

  private onLeave(room: Room<VenueState>, code: number): void {
    if (this.room !== room) return;
    this.room = null;
    if (this.disposed) return;
    const action = closeAction(code, this.leaving);
    if (action === "left") return;
    if (action === "takenOver" || action === "removed") {
      this.generation += 1;
      this.setState({ status: action });
      return;
    }
    void this.recover(room.reconnectionToken);
  }

  /** Resolves after `ms`, unless the connection is disposed first (then never: its loop just stops). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(ms, resolve));
  }

  /**
   * Brings a dropped member back: first into the held seat with `token`, then, once the server says the seat is
   * gone (it restarted) or the grace period is over, by joining again as the same member (lastJoin carries the
   * identity). Retries with backoff for RECOVERY_WINDOW_MS; a final join refusal ends it as join() would.
   */
  private async recover(token: string | null): Promise<void> {
    const generation = (this.generation += 1);
    const current = () => generation === this.generation && !this.disposed && !this.leaving;
    this.setState({ status: "reconnecting" });
    const started = performance.now();
    let seatToken = token;
    let failures = 0;
    while (current() && performance.now() - started < RECOVERY_WINDOW_MS) {
      if (seatToken && performance.now() - started > RECONNECT_WINDOW_MS) seatToken = null;
      const join = this.lastJoin;
      const request = seatToken
        ? this.client.reconnect<VenueState>(seatToken)
        : join
          ? this.client.joinOrCreate<VenueState>("venue", join)
          : null;
      if (!request) break;
      try {
        const room = await roomWithin(request, ATTEMPT_TIMEOUT_MS);
        if (!current()) {
          void room.leave(true);
          return;
        }
        this.attach(room);
        this.setState({ status: "joined", sessionId: room.sessionId });
        this.signals.emit("reconnected", null);
        return;
      } catch (error) {
        if (!current()) return;
        if (seatToken && seatIsGone(error)) {
          seatToken = null;
          continue;
        }
        const refusal = seatToken ? null : refusalOf(error);
        if (refusal && !TRANSIENT_REFUSALS.has(refusal)) {
          this.setState({ status: "refused", refusal });
          return;
        }
        await this.pause(retryDelay(failures, Math.random()));
        failures += 1;
      }
    }
    if (current()) this.setState({ status: "lost" });
  }
}

const isTier = (value: unknown): value is Tier => typeof value === "string" && (TIERS as readonly string[]).includes(value);

/** Whether two views of a member show the same (a patch that only moved the avatar changes none of this). */
export function sameMemberView(a: MemberView, b: MemberView): boolean {
  return (
    a.name === b.name &&
    a.online === b.online &&
    a.color === b.color &&
    a.shape === b.shape &&
    a.accessory === b.accessory &&
    a.memberId === b.memberId &&
    a.role === b.role &&
    a.isSelf === b.isSelf &&
    a.hand === b.hand &&
    a.speaker === b.speaker &&
    a.expert === b.expert &&
    a.tier === b.tier &&
    a.trophy === b.trophy
  );
}
