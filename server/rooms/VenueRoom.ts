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
  type ChatEvent,
  type ErrorCode,
  type IntentType,
  type ReactionEvent,
  type WelcomeEvent,
} from "../../shared/protocol/index.js";
import type { AvatarLook } from "../../shared/protocol/look.js";
import { MemberState, VenueState } from "../../shared/state/VenueState.js";
import { normaliseChat } from "../../shared/rules/chat.js";
import { spawnPoint, stepMovement, type MoveGoal, type Pose } from "../../shared/rules/movement.js";
import { CHAT_RATE, MOVE_RATE, REACT_RATE, fullBucket, takeToken, type Bucket, type RateLimit } from "../../shared/rules/rateLimit.js";
import { RECONNECT_GRACE_SECONDS, VENUE_TICK_MS } from "../../shared/rules/venue.js";
import type { InteractionInput, Store } from "../store/index.js";
import type { JoinGuard } from "../joinGuard.js";
import { MessageGate, describeType, intentHandler, isIntentType, refuse, type IntentHandler } from "./intents.js";

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
}

export interface AuthResult {
  memberId: string;
  secret: string;
  newIdentity: boolean;
  name: string;
  look: AvatarLook;
}

/** What the room keeps per connected member beside the replicated state: exact pose, goal, rate buckets. */
interface MemberRuntime {
  memberId: string;
  name: string;
  pose: Pose;
  goal: MoveGoal;
  buckets: Record<"move" | "chat" | "react", Bucket>;
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
 * One instance of a live event. Handlers stay thin: parse (intentHandler), check rate, call a shared rule, write the
 * result into state, append the interaction.
 */
export class VenueRoom extends Room<VenueState> {
  static services: RoomServices;
  /** Where each member is seated in this process, so that a second connection takes the seat over. */
  private static readonly seats = new Map<string, { room: VenueRoom; sessionId: string }>();

  override maxClients = 200;
  override patchRate = VENUE_TICK_MS;
  private services!: RoomServices;
  private eventId = "";
  /** The session record opens with the first member in, so refused joins never leave empty sessions behind. */
  private sessionRecord: Promise<string> | null = null;
  private runtime = new Map<string, MemberRuntime>();
  /** Store writes are chained so they land in order and the room can wait for them before it closes the session. */
  private writes: Promise<unknown> = Promise.resolve();
  private gate!: MessageGate;
  private readonly intents = new Map<IntentType, (client: Client, raw: unknown) => void>();
  /** Chat ids only need to be unique within the room: a short counter keeps every chat event small. */
  private chatSeq = 0;

  /**
   * Runs over HTTP before any instance is chosen or created: a refused join costs no room, no session and no
   * member row. Returns who the member is; the instance's onJoin seats it.
   */
  static override async onAuth(_token: string, options: unknown, context: AuthContext): Promise<AuthResult> {
    const raw = (typeof options === "object" && options !== null ? options : {}) as Record<string, unknown>;
    if (raw.protocolVersion !== PROTOCOL_VERSION) refuseJoin("PROTOCOL_MISMATCH");
    const parsed = JoinOptions.safeParse(options);
    if (!parsed.success) {
      const nameTooLong = parsed.error.issues.some((i) => i.path[0] === "name" && i.code === "too_big");
      refuseJoin(nameTooLong ? "NAME_TOO_LONG" : "INVALID_JOIN");
    }
    const { memberId, secret, name, look, eventSlug } = parsed.data;
    const { store, now, joinGuard } = VenueRoom.services;
    if (!(await store.getEventBySlug(eventSlug))) refuseJoin("EVENT_NOT_FOUND");
    const known = memberId && secret ? await store.authenticateMember(memberId, secret) : undefined;
    if (known && secret) {
      if (!joinGuard.members.take(known.id, now()).allowed) refuseJoin("RATE_LIMITED");
      await store.updateMemberProfile(known.id, { name, look, now: now() });
      return { memberId: known.id, secret, newIdentity: false, name, look };
    }
    // Missing or forged identity: issue a new one, never someone else's, and only so many per address.
    if (!joinGuard.newIdentities.take(addressOf(context), now()).allowed) refuseJoin("RATE_LIMITED");
    const issued = await store.createMember({ name, look, now: now() });
    return { memberId: issued.id, secret: issued.secret, newIdentity: true, name, look };
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
    await this.setMetadata({ eventSlug: event.slug, title: event.title, online: 0 });

    this.intent("move", (client, { dx, dz }) => {
      const member = this.runtimeFor(client, "move", MOVE_RATE);
      if (!member) return;
      member.goal = dx === 0 && dz === 0 ? { kind: "idle" } : { kind: "direction", dx, dz };
    });
    this.intent("walkTo", (client, target) => {
      const member = this.runtimeFor(client, "move", MOVE_RATE);
      if (!member) return;
      member.goal = { kind: "target", x: target.x, z: target.z };
    });
    this.intent("chat", (client, { text }) => {
      const member = this.runtimeFor(client, "chat", CHAT_RATE);
      if (!member) return;
      const clean = normaliseChat(text);
      if (clean === null) return refuse(client, "EMPTY_MESSAGE", "chat");
      const at = this.services.now();
      const event: ChatEvent = { id: `${this.roomId}-${(this.chatSeq += 1).toString(36)}`, sessionId: client.sessionId, memberId: member.memberId, name: member.name, text: clean, at };
      this.broadcast("chat", event);
      this.record({ memberId: member.memberId, kind: "chat", at, detail: { text: clean } });
    });
    this.intent("react", (client, { emoji }) => {
      const member = this.runtimeFor(client, "react", REACT_RATE);
      if (!member) return;
      const at = this.services.now();
      const event: ReactionEvent = { sessionId: client.sessionId, emoji, at };
      this.broadcast("reaction", event);
      this.record({ memberId: member.memberId, kind: "reaction", at, detail: { emoji } });
    });

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

  override onJoin(client: Client, _options: unknown, auth: AuthResult): void {
    const { now, random, store, joinGuard } = this.services;
    joinGuard.reservations.consumed(client.sessionId);
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
    state.setPose({ ...pose, moving: false });
    this.state.members.set(client.sessionId, state);

    let presenceId = inherited?.presenceId;
    if (!presenceId) {
      presenceId = this.session().then((sessionId) => store.recordJoin(sessionId, auth.memberId, joinedAt));
      presenceId.catch((e: unknown) => this.services.log("recording a join failed", e));
      this.record({ memberId: auth.memberId, kind: "join", at: joinedAt });
    }
    this.runtime.set(client.sessionId, {
      memberId: auth.memberId,
      name: auth.name,
      pose: { ...pose, moving: false },
      goal: { kind: "idle" },
      buckets: { move: fullBucket(MOVE_RATE, joinedAt), chat: fullBucket(CHAT_RATE, joinedAt), react: fullBucket(REACT_RATE, joinedAt) },
      presenceId,
    });
    this.publishOnline();
    const welcome: WelcomeEvent = {
      memberId: auth.memberId,
      secret: auth.secret,
      sessionId: client.sessionId,
      eventTitle: this.state.eventTitle,
      newIdentity: auth.newIdentity,
    };
    client.send("welcome", welcome);
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const state = this.state.members.get(client.sessionId);
    const member = this.runtime.get(client.sessionId);
    if (!state || !member) return;
    member.goal = { kind: "idle" };
    if (!consented) {
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
    this.removeMember(client.sessionId, member, "left");
  }

  /** A server going away (SIGTERM, a crash) tells pages to come back, not that the member chose to leave. */
  override onBeforeShutdown(): void {
    void this.disconnect(SERVER_RESTARTING_CLOSE_CODE);
  }

  override async onDispose(): Promise<void> {
    for (const [memberId, seat] of VenueRoom.seats) if (seat.room === this) VenueRoom.seats.delete(memberId);
    if (!this.sessionRecord) return;
    await this.writes;
    await this.services.store.closeSession(await this.sessionRecord, this.services.now());
  }

  /** The session record of this instance, opened on first use. */
  private session(): Promise<string> {
    this.sessionRecord ??= this.services.store.openSession(this.eventId, this.services.now()).then((s) => s.id);
    return this.sessionRecord;
  }

  /** Declares one intent: the only message types this room dispatches are the ones declared here. */
  private intent<T extends IntentType>(type: T, handler: IntentHandler<T>): void {
    this.intents.set(type, intentHandler(type, handler, this.services.log));
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

  private dismiss(sessionId: string, member: MemberRuntime): void {
    member.reconnection?.reject(new Error("taken over"));
    const client = this.clients.getById(sessionId);
    if (client) {
      refuse(client, "SESSION_TAKEN_OVER");
      client.leave(SESSION_TAKEN_OVER_CLOSE_CODE);
    }
  }

  private removeMember(sessionId: string, member: MemberRuntime, reason: "left" | "takenOver"): void {
    this.state.members.delete(sessionId);
    this.runtime.delete(sessionId);
    this.gate.forget(sessionId);
    const seat = VenueRoom.seats.get(member.memberId);
    if (seat?.room === this && seat.sessionId === sessionId) VenueRoom.seats.delete(member.memberId);
    this.publishOnline();
    const leftAt = this.services.now();
    this.record({ memberId: member.memberId, kind: "leave", at: leftAt, ...(reason === "takenOver" ? { detail: { reason } } : {}) });
    this.writes = this.writes
      .then(async () => this.services.store.recordLeave(await member.presenceId, leftAt))
      .catch((e: unknown) => this.services.log("recording a leave failed", e));
  }

  /** Online means connected now: seat reservations and dropped members waiting to come back are not counted. */
  private publishOnline(): void {
    let online = 0;
    for (const member of this.state.members.values()) if (member.online) online += 1;
    if ((this.metadata as { online?: number } | undefined)?.online === online) return;
    this.setMetadata({ online }).catch((e: unknown) => this.services.log("updating the listing failed", e));
  }

  /** The member behind a client, if it may act now; otherwise the client has been told why not. */
  private runtimeFor(client: Client, bucket: keyof MemberRuntime["buckets"], limit: RateLimit): MemberRuntime | undefined {
    const member = this.runtime.get(client.sessionId);
    if (!member) return undefined;
    const taken = takeToken(member.buckets[bucket], limit, this.services.now());
    member.buckets[bucket] = taken.bucket;
    if (!taken.allowed) {
      refuse(client, "RATE_LIMITED", bucket, taken.retryAfterMs);
      return undefined;
    }
    return member;
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

  private record(input: Omit<InteractionInput, "sessionId">): void {
    this.writes = this.writes
      .then(async () => this.services.store.appendInteraction({ ...input, sessionId: await this.session() }))
      .catch((e: unknown) => this.services.log(`recording a ${input.kind} failed`, e));
  }
}
