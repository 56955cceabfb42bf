import { Client, getStateCallbacks } from "colyseus.js";
import type { Room } from "colyseus.js";
import type { MemberState, VenueState } from "../../shared/state/VenueState.js";
import {
  CLIENT_INTENTS,
  DisplayName,
  ErrorCode,
  SERVER_EVENTS,
  type ChatEvent,
  type IntentPayload,
  type IntentType,
  type JoinOptions,
  type REACTIONS,
} from "../../shared/protocol/index.js";
import { dequantiseHeading, dequantisePosition } from "../../shared/rules/quantise.js";
import { RECONNECT_GRACE_SECONDS } from "../../shared/rules/venue.js";
import { createStore, type Store } from "./store.js";
import { SnapshotBuffer } from "./SnapshotBuffer.js";
import { saveIdentity } from "./identity.js";

export type ConnectionStatus = "idle" | "joining" | "joined" | "reconnecting" | "lost" | "refused" | "left";
export type Reaction = (typeof REACTIONS)[number];

/** The slow-changing facts about a member that the UI lists. Positions live in `tracks`, read by ref. */
export interface MemberView {
  sessionId: string;
  memberId: string;
  name: string;
  color: string;
  shape: string;
  accessory: string;
  online: boolean;
  isSelf: boolean;
}

export interface Bubble {
  id: string;
  text: string;
  at: number;
}

export interface FloatingReaction {
  id: string;
  sessionId: string;
  emoji: Reaction;
}

/** A refusal or status line for the UI to show politely; `key` is always an i18n key. */
export interface Notice {
  id: string;
  key: `errors.${ErrorCode}` | "connection.reconnected";
  intent?: string | undefined;
  retryAfterMs?: number | undefined;
}

export interface VenueView {
  status: ConnectionStatus;
  /** Why the join was refused; null with status "refused" means the server could not be reached. */
  refusal: ErrorCode | null;
  eventTitle: string;
  sessionId: string;
  memberId: string;
  members: MemberView[];
  chat: ChatEvent[];
  bubbles: Readonly<Record<string, Bubble>>;
  reactions: FloatingReaction[];
  notices: Notice[];
  /** The last refusal of a chat message, shown inside the chat panel. */
  chatError: Notice | null;
}

/** Per-member motion state. The scene samples `buffer` every frame; nothing here triggers a React render. */
export interface MemberTrack {
  buffer: SnapshotBuffer;
}

const CHAT_HISTORY = 100;
const BUBBLE_MS = 5000;
const REACTION_MS = 2600;
const NOTICE_MS = 5000;
const RECONNECT_WINDOW_MS = RECONNECT_GRACE_SECONDS * 1000;
const RECONNECT_ATTEMPT_TIMEOUT_MS = 5000;
/** WebSocket close codes of a leave the member (or the server, on purpose) asked for. */
const NORMAL_CLOSE_CODES = new Set([1000, 4000]);

export const INITIAL_VIEW: VenueView = {
  status: "idle",
  refusal: null,
  eventTitle: "",
  sessionId: "",
  memberId: "",
  members: [],
  chat: [],
  bubbles: {},
  reactions: [],
  notices: [],
  chatError: null,
};

let nextLocalId = 1;
function localId(prefix: string): string {
  return `${prefix}-${nextLocalId++}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A refused join carries the ErrorCode as its message; anything else (network, 5xx) is not a refusal. */
function refusalOf(error: unknown): ErrorCode | null {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const parsed = ErrorCode.safeParse(message.trim());
  return parsed.success ? parsed.data : null;
}

/**
 * The one place that speaks to the Colyseus room: join, typed intents, validated events, reconnection.
 * Framework-free; React reads `view` through `useStore` and the scene reads `tracks` by ref.
 */
export class VenueConnection {
  readonly view: Store<VenueView> = createStore<VenueView>(INITIAL_VIEW);
  readonly tracks = new Map<string, MemberTrack>();

  private readonly client: Client;
  private room: Room<VenueState> | null = null;
  private lastJoin: JoinOptions | null = null;
  private disposed = false;
  private leaving = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly members = new Map<string, MemberView>();

  constructor(endpoint: string = window.location.origin) {
    this.client = new Client(endpoint);
  }

  async join(options: JoinOptions): Promise<void> {
    if (this.disposed) return;
    this.lastJoin = options;
    this.leaving = false;
    this.patch({ status: "joining", refusal: null });
    try {
      const room = await this.client.joinOrCreate<VenueState>("venue", options);
      if (this.disposed) {
        void room.leave(true);
        return;
      }
      this.attach(room);
      this.patch({ status: "joined", sessionId: room.sessionId });
    } catch (error) {
      if (this.disposed) return;
      this.patch({ status: "refused", refusal: refusalOf(error) });
    }
  }

  /** Joins again with the last options (after "connection lost"). */
  async rejoin(): Promise<void> {
    if (this.lastJoin) await this.join(this.lastJoin);
  }

  /** Sends an intent after checking it against the shared schema, so a bug here never reaches the server. */
  send<T extends IntentType>(type: T, payload: IntentPayload<T>): boolean {
    const room = this.room;
    if (!room || this.view.get().status !== "joined") return false;
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

  dismissNotice(id: string): void {
    this.view.set((v) => ({ ...v, notices: v.notices.filter((n) => n.id !== id) }));
  }

  clearChatError(): void {
    if (this.view.get().chatError) this.patch({ chatError: null });
  }

  /** Leaves on purpose (consented), so the server frees the seat at once. */
  async leave(): Promise<void> {
    this.leaving = true;
    const room = this.room;
    this.room = null;
    if (room) {
      try {
        await room.leave(true);
      } catch {
        // Already closed.
      }
    }
    this.patch({ status: "left" });
  }

  dispose(): void {
    if (this.disposed) return;
    void this.leave();
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private patch(partial: Partial<VenueView>): void {
    this.view.set((v) => ({ ...v, ...partial }));
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

    $(room.state).listen("eventTitle", (title) => this.patch({ eventTitle: title }));
    $(room.state).members.onAdd((member, sessionId) => {
      stale.delete(sessionId);
      this.addMember(room, member, sessionId);
      $(member).onChange(() => this.updateMember(room, member, sessionId));
    });
    $(room.state).members.onRemove((_member, sessionId) => this.removeMember(sessionId));
    room.onStateChange.once(() => {
      for (const sessionId of stale) this.removeMember(sessionId);
      stale.clear();
    });

    room.onMessage("welcome", (message: unknown) => this.onWelcome(message));
    room.onMessage("chat", (message: unknown) => this.onChat(message));
    room.onMessage("reaction", (message: unknown) => this.onReaction(message));
    room.onMessage("error", (message: unknown) => this.onError(message));
    room.onLeave((code) => this.onLeave(room, code));
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
      isSelf: sessionId === selfSessionId,
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
    if (
      !before ||
      before.name !== after.name ||
      before.online !== after.online ||
      before.color !== after.color ||
      before.shape !== after.shape ||
      before.accessory !== after.accessory ||
      before.memberId !== after.memberId
    ) {
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
    this.patch({ members });
  }

  private onWelcome(message: unknown): void {
    const parsed = SERVER_EVENTS.welcome.safeParse(message);
    if (!parsed.success) return;
    const welcome = parsed.data;
    this.patch({ memberId: welcome.memberId, eventTitle: welcome.eventTitle || this.view.get().eventTitle });
    const join = this.lastJoin;
    if (join) {
      const name = DisplayName.safeParse(join.name);
      saveIdentity({
        memberId: welcome.memberId,
        secret: welcome.secret,
        name: name.success ? name.data : join.name,
        look: join.look,
      });
      this.lastJoin = { ...join, memberId: welcome.memberId, secret: welcome.secret };
    }
  }

  private onChat(message: unknown): void {
    const parsed = SERVER_EVENTS.chat.safeParse(message);
    if (!parsed.success) return;
    const line = parsed.data;
    const bubble: Bubble = { id: line.id, text: line.text, at: line.at };
    this.view.set((v) => ({
      ...v,
      chat: [...v.chat, line].slice(-CHAT_HISTORY),
      bubbles: { ...v.bubbles, [line.sessionId]: bubble },
    }));
    this.later(BUBBLE_MS, () => {
      this.view.set((v) => {
        if (v.bubbles[line.sessionId]?.id !== line.id) return v;
        const bubbles = { ...v.bubbles };
        delete bubbles[line.sessionId];
        return { ...v, bubbles };
      });
    });
  }

  private onReaction(message: unknown): void {
    const parsed = SERVER_EVENTS.reaction.safeParse(message);
    if (!parsed.success) return;
    const reaction: FloatingReaction = { id: localId("reaction"), sessionId: parsed.data.sessionId, emoji: parsed.data.emoji };
    this.view.set((v) => ({ ...v, reactions: [...v.reactions, reaction].slice(-40) }));
    this.later(REACTION_MS, () =>
      this.view.set((v) => ({ ...v, reactions: v.reactions.filter((r) => r.id !== reaction.id) })),
    );
  }

  private onError(message: unknown): void {
    const parsed = SERVER_EVENTS.error.safeParse(message);
    if (!parsed.success) return;
    const notice: Notice = {
      id: localId("notice"),
      key: `errors.${parsed.data.code}`,
      intent: parsed.data.intent,
      retryAfterMs: parsed.data.retryAfterMs,
    };
    if (notice.intent === "chat") {
      this.patch({ chatError: notice });
      return;
    }
    this.pushNotice(notice);
  }

  private pushNotice(notice: Notice): void {
    // The same refusal repeated (a held key hitting a rate limit) shows once.
    if (this.view.get().notices.some((n) => n.key === notice.key)) return;
    this.view.set((v) => ({ ...v, notices: [...v.notices, notice].slice(-4) }));
    this.later(NOTICE_MS, () => this.dismissNotice(notice.id));
  }

  private onLeave(room: Room<VenueState>, code: number): void {
    if (this.room !== room) return;
    this.room = null;
    if (this.leaving || this.disposed) return;
    if (NORMAL_CLOSE_CODES.has(code)) {
      this.patch({ status: "left" });
      return;
    }
    void this.reconnect(room.reconnectionToken);
  }

  private async reconnect(token: string): Promise<void> {
    this.patch({ status: "reconnecting" });
    const deadline = performance.now() + RECONNECT_WINDOW_MS;
    let delay = 500;
    while (!this.disposed && !this.leaving && performance.now() < deadline) {
      try {
        const room = await withTimeout(this.client.reconnect<VenueState>(token), RECONNECT_ATTEMPT_TIMEOUT_MS);
        if (this.disposed || this.leaving) {
          void room.leave(true);
          return;
        }
        this.attach(room);
        this.patch({ status: "joined", sessionId: room.sessionId });
        this.pushNotice({ id: localId("notice"), key: "connection.reconnected" });
        return;
      } catch {
        await sleep(Math.max(0, Math.min(delay, deadline - performance.now())));
        delay = Math.min(delay * 2, 4000);
      }
    }
    if (!this.disposed && !this.leaving) this.patch({ status: "lost" });
  }
}
