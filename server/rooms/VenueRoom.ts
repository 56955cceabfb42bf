import { Protocol, Room, ServerError, type AuthContext, type Client, type ClientPrivate } from "@colyseus/core";
import { createRequire } from "node:module";
import { decode } from "@colyseus/schema";
import {
  JOIN_REFUSAL_CLOSE_CODE,
  JoinOptions,
  PROTOCOL_VERSION,
  SERVER_RESTARTING_CLOSE_CODE,
  SESSION_TAKEN_OVER_CLOSE_CODE,
  SLUG_PATTERN,
  CHAT_HISTORY_LINES,
  type ChatHistoryEvent,
  type ErrorCode,
  type IntentType,
  type WelcomeEvent,
} from "../../shared/protocol/index.js";
import type { AvatarLook } from "../../shared/protocol/look.js";
import type { HostLinkCheck, Role } from "../../shared/protocol/roles.js";
import type { InteractionEntry, LeaveReason, SessionCommandEntry } from "../../shared/log.js";
import { AnnouncementState, InstanceState, MemberState, VenueState } from "../../shared/state/VenueState.js";
import { spawnPoint, stepMovement, type Pose } from "../../shared/rules/movement.js";
import type { SessionState } from "../../shared/rules/session.js";
import { RECONNECT_GRACE_SECONDS, VENUE_TICK_MS } from "../../shared/rules/venue.js";
import type { Store } from "../store/index.js";
import type { JoinGuard } from "../joinGuard.js";
import type { LiveSession, InstanceCount } from "../session/LiveSession.js";
import type { SessionHub } from "../session/SessionHub.js";
import { declarations } from "./features/index.js";
import type { MemberRuntime, VenueContext } from "./features/feature.js";
import { MessageGate, describeType, intentHandler, isIntentType, refuse, type IntentPipeline } from "./intents.js";

/**
 * Payloads are decoded by msgpackr's pure-JavaScript build. The native string extractor Colyseus loads aborts
 * the whole process (a V8 fatal error, which no try/catch can stop) on a str32 header that promises more bytes
 * than the frame holds; the JavaScript decoder throws an ordinary error instead, which becomes a refusal.
 */
const { unpack } = createRequire(import.meta.url)("@colyseus/msgpackr/unpack-no-eval") as { unpack(data: Uint8Array): unknown };

export interface RoomServices {
  store: Store;
  now: () => number;
  random: () => number;
  log: (message: string, error?: unknown) => void;
  joinGuard: JoinGuard;
  sessions: SessionHub;
  /** Checks the token of a host link against the event it is used for. */
  hostTokens: { check(token: string, eventId: string): HostLinkCheck };
}

export interface AuthResult {
  memberId: string;
  secret: string;
  newIdentity: boolean;
  name: string;
  look: AvatarLook;
  role: Role;
  /** Set when the member came with a host link. */
  hostLink?: HostLinkCheck;
}

/** A seated member: what features see, plus the seat's own bookkeeping. */
interface SeatedMember extends MemberRuntime {
  presenceId: Promise<number>;
  /** While the member's connection is down: the pending reconnection, which a newer join may cancel. */
  reconnection?: ReturnType<Room["allowReconnection"]> | undefined;
}

/**
 * A seat reservation is a promise of a place that a WebSocket must claim; unclaimed ones count against the
 * instance's capacity until they expire, so they are kept short (Colyseus' default is 15 s).
 */
export const SEAT_RESERVATION_SECONDS = 6;

function refuseJoin(code: ErrorCode): never {
  throw new ServerError(JOIN_REFUSAL_CLOSE_CODE, code);
}

/** The address a matchmaking request came from, as the HTTP layer established it. */
function addressOf(context: AuthContext | undefined): string {
  const ip = (context as { ip?: unknown } | undefined)?.ip;
  return typeof ip === "string" && ip.length > 0 ? ip : "unknown";
}

/**
 * One instance of a live event's session. The room only wires things: each intent is declared by a feature
 * (server/rooms/features/) and runs validate → role → rate → rule → record → apply (intents.ts); session-wide
 * features go through the live session (server/session/), which every instance of the session shares.
 */
export class VenueRoom extends Room<VenueState> {
  static services: RoomServices;
  /** Where each member is seated in this process, so that a second connection takes the seat over. */
  private static readonly seats = new Map<string, { room: VenueRoom; sessionId: string }>();

  override maxClients = 200;
  override patchRate = VENUE_TICK_MS;
  private services!: RoomServices;
  private eventId = "";
  /** The live session, attached with the first member in, so refused joins never open sessions. */
  private live: Promise<LiveSession> | null = null;
  private runtime = new Map<string, SeatedMember>();
  /** Store writes are chained so they land in order and the room can wait for them before it leaves the session. */
  private writes: Promise<unknown> = Promise.resolve();
  private gate!: MessageGate;
  private readonly intents = new Map<IntentType, (client: Client, raw: unknown) => void>();
  /** Chat ids only need to be unique within the room: a short counter keeps every chat event small. */
  private idSeq = 0;
  /** This instance's number in its session, once attached (chat lines are logged under it). */
  private instanceNumber = 0;
  private restarting = false;

  /**
   * Runs over HTTP before any instance is chosen or created: a refused join costs no room, no session and no
   * member row. Returns who the member is and its role; the instance's onJoin seats it.
   */
  static override async onAuth(_token: string, options: unknown, context: AuthContext): Promise<AuthResult> {
    const raw = (typeof options === "object" && options !== null ? options : {}) as Record<string, unknown>;
    if (raw.protocolVersion !== PROTOCOL_VERSION) refuseJoin("PROTOCOL_MISMATCH");
    const parsed = JoinOptions.safeParse(options);
    if (!parsed.success) {
      const nameTooLong = parsed.error.issues.some((i) => i.path[0] === "name" && i.code === "too_big");
      refuseJoin(nameTooLong ? "NAME_TOO_LONG" : "INVALID_JOIN");
    }
    const { memberId, secret, name, look, eventSlug, hostToken } = parsed.data;
    const { store, now, joinGuard, hostTokens } = VenueRoom.services;
    const event = await store.getEventBySlug(eventSlug);
    if (!event) refuseJoin("EVENT_NOT_FOUND");
    // A host link that does not check out gives member rights and says why; it never refuses the join.
    const hostLink = hostToken === undefined ? undefined : hostTokens.check(hostToken, event.id);
    const role: Role = hostLink === "accepted" ? "host" : "member";
    const rights = { role, ...(hostLink ? { hostLink } : {}) };
    const known = memberId && secret ? await store.authenticateMember(memberId, secret) : undefined;
    if (known && secret) {
      if (!joinGuard.members.take(known.id, now()).allowed) refuseJoin("RATE_LIMITED");
      await store.updateMemberProfile(known.id, { name, look, now: now() });
      return { memberId: known.id, secret, newIdentity: false, name, look, ...rights };
    }
    // Missing or forged identity: issue a new one, never someone else's, and only so many per address.
    if (!joinGuard.newIdentities.take(addressOf(context), now()).allowed) refuseJoin("RATE_LIMITED");
    const issued = await store.createMember({ name, look, now: now() });
    return { memberId: issued.id, secret: issued.secret, newIdentity: true, name, look, ...rights };
  }

  override async onCreate(options: { eventSlug?: unknown }): Promise<void> {
    this.services = VenueRoom.services;
    this.gate = new MessageGate(this.services.now);
    this.setSeatReservationTime(SEAT_RESERVATION_SECONDS);
    const slug = typeof options.eventSlug === "string" && SLUG_PATTERN.test(options.eventSlug) ? options.eventSlug : undefined;
    const event = slug ? await this.services.store.getEventBySlug(slug) : undefined;
    if (!event) refuseJoin("EVENT_NOT_FOUND");
    this.eventId = event.id;
    this.maxClients = event.capacity;
    this.setState(new VenueState());
    this.state.eventSlug = event.slug;
    this.state.eventTitle = event.title;
    this.state.instanceId = this.roomId;
    await this.setMetadata({ eventSlug: event.slug, title: event.title, online: 0 });

    const pipeline: IntentPipeline = {
      memberOf: (client) => this.runtime.get(client.sessionId),
      contextFor: (client, member) => ({ ...this.context(client), client, member }),
      now: this.services.now,
      log: this.services.log,
    };
    for (const [type, declaration] of declarations()) this.intents.set(type, intentHandler(type, declaration, pipeline));
    this.setSimulationInterval((dt) => this.tick(dt), VENUE_TICK_MS);
  }

  /**
   * Every message a client sends comes through here first. Grove decodes the type itself and dispatches only
   * the intents it declared: Colyseus' own dispatch looks the type up on a plain object (so `toString` would
   * be "found" and called) and drops a member whose payload does not decode. Here any unknown type is
   * UNKNOWN_MESSAGE, an undecodable payload INVALID_MESSAGE, and nothing a client sends can throw out of the room.
   */
  protected override _onMessage(client: Client & ClientPrivate, buffer: Buffer): void {
    try {
      const code = buffer[0];
      if (code !== Protocol.ROOM_DATA && code !== Protocol.ROOM_DATA_BYTES) {
        super._onMessage(client, buffer);
        return;
      }
      if (!this.gate.admit(client)) return;
      const it = { offset: 1 };
      const type: unknown = decode.stringCheck(buffer, it) ? decode.string(buffer, it) : decode.number(buffer, it);
      const handler = code === Protocol.ROOM_DATA && isIntentType(type) ? this.intents.get(type) : undefined;
      if (!handler) {
        refuse(client, "UNKNOWN_MESSAGE", describeType(type));
        return;
      }
      let payload: unknown;
      try {
        payload = buffer.byteLength > it.offset ? unpack(buffer.subarray(it.offset, buffer.byteLength)) : undefined;
      } catch {
        refuse(client, "INVALID_MESSAGE", describeType(type));
        return;
      }
      handler(client, payload);
    } catch (e) {
      this.services.log("a client message could not be handled", e);
      refuse(client, "INVALID_MESSAGE");
    }
  }

  /** Errors Colyseus catches in lifecycle methods and timers: logged, and the room goes on. */
  override onUncaughtException(error: Error, methodName: string): void {
    this.services.log(`uncaught error in ${methodName}`, error);
  }

  override async onJoin(client: Client, _options: unknown, auth: AuthResult): Promise<void> {
    const { now, random, store, joinGuard } = this.services;
    joinGuard.reservations.consumed(client.sessionId);
    const live = await this.session();
    const previous = VenueRoom.seats.get(auth.memberId);
    VenueRoom.seats.set(auth.memberId, { room: this, sessionId: client.sessionId });
    // The same member from another tab or device: the newer connection takes the seat over. In this
    // instance it keeps the place and the presence record; in another instance the old seat is left.
    const inherited = previous?.room === this ? this.takeOver(previous.sessionId) : undefined;
    if (previous && previous.room !== this) previous.room.release(previous.sessionId);

    const joinedAt = now();
    const pose = inherited?.pose ?? spawnPoint(random(), [...this.runtime.values()].map((m) => m.pose));
    const state = new MemberState();
    state.memberId = auth.memberId;
    state.name = auth.name;
    state.color = auth.look.color;
    state.shape = auth.look.shape;
    state.accessory = auth.look.accessory;
    state.role = auth.role;
    state.setPose({ ...pose, moving: false });
    this.state.members.set(client.sessionId, state);

    let presenceId = inherited?.presenceId;
    if (!presenceId) {
      presenceId = store.recordJoin(live.id, auth.memberId, joinedAt);
      presenceId.catch((e: unknown) => this.services.log("recording a join failed", e));
      this.record(auth.memberId, joinedAt, { kind: "join", detail: {} });
    }
    this.runtime.set(client.sessionId, {
      memberId: auth.memberId,
      name: auth.name,
      role: auth.role,
      pose: { ...pose, moving: false },
      goal: { kind: "idle" },
      buckets: new Map(),
      presenceId,
    });
    this.publishOnline();
    const welcome: WelcomeEvent = {
      memberId: auth.memberId,
      secret: auth.secret,
      sessionId: client.sessionId,
      eventTitle: this.state.eventTitle,
      newIdentity: auth.newIdentity,
      role: auth.role,
      ...(auth.hostLink ? { hostLink: auth.hostLink } : {}),
      liveSessionId: live.id,
    };
    client.send("welcome", welcome);
    void this.sendChatHistory(client, live);
  }

  /**
   * The instance's latest chat lines, from the log, to a member that just joined. Every line broadcast before the
   * member was among the clients is in `this.writes` now; lines after reach it live too (the client keeps one of
   * each id). A store that fails costs the history, never the join.
   */
  private async sendChatHistory(client: Client, live: LiveSession): Promise<void> {
    try {
      await this.writes;
      const instance = live.numberOf(this.roomId);
      const lines = instance === undefined ? [] : await this.services.store.recentChat(live.id, instance, CHAT_HISTORY_LINES);
      client.send("chatHistory", { lines } satisfies ChatHistoryEvent);
    } catch (e) {
      this.services.log("reading the chat history failed", e);
    }
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const state = this.state.members.get(client.sessionId);
    const member = this.runtime.get(client.sessionId);
    if (!state || !member) return;
    member.goal = { kind: "idle" };
    if (!consented && !this.restarting) {
      state.online = false;
      state.moving = false;
      this.publishOnline();
      try {
        const reconnection = this.allowReconnection(client, RECONNECT_GRACE_SECONDS);
        member.reconnection = reconnection;
        await reconnection;
        member.reconnection = undefined;
        state.online = true;
        this.publishOnline();
        return;
      } catch {
        // The grace period ran out, the room is closing, or the member came back through another connection.
      }
    }
    // Taken over by a newer connection while away: that connection owns the member now.
    if (this.runtime.get(client.sessionId) !== member) return;
    this.removeMember(client.sessionId, member, this.restarting ? "restart" : undefined);
  }

  /**
   * A server going away (SIGTERM, a crash) tells pages to come back, not that the member chose to leave; the
   * session stays open for them (see onDispose).
   */
  override onBeforeShutdown(): void {
    this.restarting = true;
    void this.disconnect(SERVER_RESTARTING_CLOSE_CODE);
  }

  override async onDispose(): Promise<void> {
    for (const [memberId, seat] of VenueRoom.seats) if (seat.room === this) VenueRoom.seats.delete(memberId);
    if (!this.live) return;
    await this.writes;
    await this.services.sessions.detach(this.eventId, this.roomId, { restarting: this.restarting });
  }

  /** The live session of this event, attached on first use; this instance shows its state and head-counts. */
  private session(): Promise<LiveSession> {
    this.live ??= this.services.sessions
      .attach(this.eventId, this.roomId, {
        onSessionState: (state) => this.showSession(state),
        onHeadCounts: (instances) => this.showHeadCounts(instances),
      })
      .then(
        (live) => {
          this.state.session.id = live.id;
          this.instanceNumber = live.numberOf(this.roomId) ?? 0;
          this.showSession(live.current);
          return live;
        },
        (e: unknown) => {
          // The store could not be reached: this join fails, and the next one tries again.
          this.live = null;
          throw e;
        },
      );
    return this.live;
  }

  private showSession(session: SessionState): void {
    const shown = this.state.session.announcement;
    const wanted = session.announcement;
    if (!wanted) {
      if (shown) this.state.session.announcement = undefined;
      return;
    }
    if (shown?.id === wanted.id) return;
    const announcement = new AnnouncementState();
    announcement.id = wanted.id;
    announcement.text = wanted.text;
    announcement.postedByName = wanted.postedBy.name;
    announcement.postedAt = wanted.postedAt;
    this.state.session.announcement = announcement;
  }

  private showHeadCounts(instances: ReadonlyMap<string, InstanceCount>): void {
    const view = this.state.session;
    let total = 0;
    for (const [roomId, count] of instances) {
      total += count.online;
      const shown = view.instances.get(roomId) ?? new InstanceState();
      if (shown.number !== count.number) shown.number = count.number;
      if (shown.online !== count.online) shown.online = count.online;
      if (!view.instances.has(roomId)) view.instances.set(roomId, shown);
    }
    for (const roomId of [...view.instances.keys()]) if (!instances.has(roomId)) view.instances.delete(roomId);
    if (view.online !== total) view.online = total;
  }

  /** What a feature's handler may do, for one client. */
  private context(client: Client): VenueContext {
    return {
      now: this.services.now,
      broadcast: (type, payload) => this.broadcast(type, payload),
      record: (memberId, at, entry) => this.record(memberId, at, entry),
      command: async (member, entry) => {
        const at = this.services.now();
        const live = await this.session();
        // What this instance logged before (the sender's join, say) is in the log before the command.
        await this.writes;
        return live.command(entry, { memberId: member.memberId, at });
      },
      instance: () => this.instanceNumber,
      nextId: () => `${this.roomId}-${(this.idSeq += 1).toString(36)}`,
      refuse: (code, retryAfterMs) => refuse(client, code, undefined, retryAfterMs),
    };
  }

  /** Hands an older connection's place to a newer one in this room: the old avatar goes, its pose and presence stay. */
  private takeOver(sessionId: string): { pose: Pose; presenceId: Promise<number> } | undefined {
    const member = this.runtime.get(sessionId);
    if (!member) return undefined;
    this.runtime.delete(sessionId);
    this.state.members.delete(sessionId);
    this.gate.forget(sessionId);
    this.dismiss(sessionId, member);
    return { pose: member.pose, presenceId: member.presenceId };
  }

  /** The member is now seated in another instance: leave here, as a leave, and close the older connection. */
  private release(sessionId: string): void {
    const member = this.runtime.get(sessionId);
    if (!member) return;
    this.removeMember(sessionId, member, "takenOver");
    this.dismiss(sessionId, member);
  }

  private dismiss(sessionId: string, member: SeatedMember): void {
    member.reconnection?.reject(new Error("taken over"));
    const client = this.clients.getById(sessionId);
    if (client) {
      refuse(client, "SESSION_TAKEN_OVER");
      client.leave(SESSION_TAKEN_OVER_CLOSE_CODE);
    }
  }

  private removeMember(sessionId: string, member: SeatedMember, reason: LeaveReason | undefined): void {
    this.state.members.delete(sessionId);
    this.runtime.delete(sessionId);
    this.gate.forget(sessionId);
    const seat = VenueRoom.seats.get(member.memberId);
    if (seat?.room === this && seat.sessionId === sessionId) VenueRoom.seats.delete(member.memberId);
    this.publishOnline();
    const leftAt = this.services.now();
    this.record(member.memberId, leftAt, { kind: "leave", detail: reason ? { reason } : {} });
    this.writes = this.writes
      .then(async () => this.services.store.recordLeave(await member.presenceId, leftAt))
      .catch((e: unknown) => this.services.log("recording a leave failed", e));
  }

  /** Online means connected now: seat reservations and dropped members waiting to come back are not counted. */
  private publishOnline(): void {
    let online = 0;
    for (const member of this.state.members.values()) if (member.online) online += 1;
    void this.live
      ?.then((live) => live.reportOnline(this.roomId, online))
      .catch((e: unknown) => this.services.log("reporting the head-count failed", e));
    if ((this.metadata as { online?: number } | undefined)?.online === online) return;
    this.setMetadata({ online }).catch((e: unknown) => this.services.log("updating the listing failed", e));
  }

  private tick(dtMs: number): void {
    for (const [sessionId, member] of this.runtime) {
      if (member.goal.kind === "idle" && !member.pose.moving) continue;
      const next = stepMovement(member.pose, member.goal, dtMs);
      member.pose = next.pose;
      member.goal = next.goal;
      const state = this.state.members.get(sessionId);
      state?.setPose(next.pose);
    }
  }

  /** Appends a per-instance entry to the log, after the writes before it. */
  private record(memberId: string, at: number, entry: Exclude<InteractionEntry, SessionCommandEntry>): void {
    this.writes = this.writes
      .then(async () => this.services.store.appendInteraction({ ...entry, sessionId: (await this.session()).id, memberId, at }))
      .catch((e: unknown) => this.services.log(`recording a ${entry.kind} failed`, e));
  }
}
