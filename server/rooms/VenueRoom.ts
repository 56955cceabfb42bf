import { Protocol, Room, ServerError, type AuthContext, type Client, type ClientPrivate } from "@colyseus/core";
import { createRequire } from "node:module";
import { decode } from "@colyseus/schema";
import {
  JOIN_REFUSAL_CLOSE_CODE,
  JoinOptions,
  PROTOCOL_VERSION,
  REMOVED_CLOSE_CODE,
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
import { belowStage, isOnStage, routeTo, spawnPoint, stageSpot, stepMovement, type Area, type MoveGoal, type Pose, type Position } from "../../shared/rules/movement.js";
import type { SessionState } from "../../shared/rules/session.js";
import { MAX_SPEAKER_LIMIT, type SalonState } from "../../shared/rules/salon/types.js";
import { hostView, mineView, publicView } from "../../shared/rules/salon/view.js";
import { isRemoved } from "../../shared/rules/moderation/moderation.js";
import { INITIAL_MODERATION_STATE, type ModerationState } from "../../shared/rules/moderation/types.js";
import { RECONNECT_GRACE_SECONDS, VENUE_TICK_MS } from "../../shared/rules/venue.js";
import type { Store } from "../store/index.js";
import type { JoinGuard } from "../joinGuard.js";
import type { LiveSession, InstanceCount } from "../session/LiveSession.js";
import type { SessionHub } from "../session/SessionHub.js";
import type { GrowthTracker, GrowthUpdate } from "../growth/GrowthTracker.js";
import type { Hunts } from "../hunt/service.js";
import type { Voice, VoiceView } from "../voice/VoiceService.js";
import { VoiceFeedState } from "../../shared/state/VenueState.js";
import { declarations } from "./features/index.js";
import { sendHunt } from "./features/hunts.js";
import type { MemberRuntime, VenueContext } from "./features/feature.js";
import { RateOffences } from "./features/moderationChat.js";
import { InstanceFilter } from "./features/moderationFilter.js";
import { ModerationViews } from "./features/moderationViews.js";
import { MessageGate, describeType, intentHandler, isIntentType, refuse, type IntentPipeline } from "./intents.js";
import type { MetricsSink } from "../metrics.js";

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
  /** Hunts (docs/hunts.md); absent: the event has no hunt as far as the room knows. */
  hunts?: Hunts | undefined;
  /** Stage voice (docs/voice.md); absent: the server runs without it (the room state says voice is off). */
  voice?: Voice | undefined;
  /** GET /metrics: told of every client message (server/metrics.ts). */
  metrics?: Pick<MetricsSink, "message"> | undefined;
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

/** A walk the room set off (to the stage and back): the points left, the goal now walked to, the heading to end with. */
interface StageWalk {
  points: Position[];
  goal: MoveGoal;
  face: number;
  /** Sent back to the floor: the member keeps walking down until off the stage, whatever they ask meanwhile. */
  leaving: boolean;
}

/** A seated member: what features see, plus the seat's own bookkeeping. */
interface SeatedMember extends MemberRuntime {
  presenceId: Promise<number>;
  /** While the member's connection is down: the pending reconnection, which a newer join may cancel. */
  reconnection?: ReturnType<Room["allowReconnection"]> | undefined;
  /** Where the member may walk: the floor, or (as a speaker, and on the way down) the stage too. */
  area: Area;
  walk?: StageWalk | undefined;
  /** The stage spot (0..MAX_SPEAKER_LIMIT − 1) the member took as a speaker in this instance. */
  stageSlot?: number | undefined;
}

/**
 * The salon's views go out at most this often: changes within one interval (a burst of votes) are sent together,
 * each view computed once per send, whatever the number of members.
 */
export const SALON_FLUSH_MS = 50;
/** Speaker spots in the order they are taken: from the middle of the stage outward. */
const STAGE_SLOT_ORDER = Array.from({ length: MAX_SPEAKER_LIMIT }, (_, i) => MAX_SPEAKER_LIMIT / 2 - 1 + (i % 2 === 0 ? -i / 2 : (i + 1) / 2));
/** A speaker on the stage faces the audience (+z); one back on the floor faces the stage. */
const FACING_AUDIENCE = 0;
const FACING_STAGE = Math.PI;

const SALON_SLICES = ["stage", "polls", "debates", "qa", "checkIns", "screen"] as const satisfies readonly (keyof SalonState)[];

/** Who has a hand up and who is on the stage, as sets: looked up once per member of a full room. */
function salonMarks(session: SessionState): { queued: ReadonlySet<string>; speaking: ReadonlySet<string> } {
  return { queued: new Set(session.stage.queue.map((h) => h.memberId)), speaking: new Set(session.stage.speakers.map((s) => s.memberId)) };
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
  /** The same, once attached: the salon's sends read its state without waiting. */
  private attached: LiveSession | null = null;
  /** Stops watching the session's voice (set once attached). */
  private unwatchVoice: (() => void) | undefined;
  /** The salon's next send, when one is due; the session state it last sent; when; what each client's own view was. */
  private salonFlush: NodeJS.Timeout | undefined;
  private salonForced = false;
  private salonSent: SessionState | null = null;
  private salonSentAt = -Infinity;
  private readonly mineSent = new Map<string, string>();
  /** A send when the current poll's time runs out (its countdown ends in every view then). */
  private pollTimer: NodeJS.Timeout | undefined;
  /** The stage and experts as last mirrored onto the members' state. */
  private mirrored: { stage: SalonState["stage"]; experts: SalonState["qa"]["experts"] } | null = null;
  /** Moderation's views, sent with the salon's flush (forced again when a mute ends). */
  private readonly moderationViews = new ModerationViews(() => this.scheduleSalonFlush(false, true));
  private moderationForced = false;
  /** The keyword filter for chat and questions: the session's word list, or the event record's. */
  private filter = new InstanceFilter({ add: [], remove: [] });
  /** Chat and reactions the rate limit refused, counted as offences at most so often per member. */
  private readonly rateOffences = new RateOffences();
  /** The removals this instance last acted on: a local member newly among them is sent away. */
  private removedSeen: ModerationState["removed"] | null = null;
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
  /** Growth (docs/growth.md): the session's tracker in this process, each client's own view as last sent, and the goal's moment as last seen (undefined before the first state). */
  private growth: GrowthTracker | undefined;
  private readonly growthMineSent = new Map<string, string>();
  private goalSeen: number | null | undefined;

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
      await VenueRoom.checkStanding(event.id, known.id, role);
      await store.updateMemberProfile(known.id, { name, look, now: now() });
      return { memberId: known.id, secret, newIdentity: false, name, look, ...rights };
    }
    // Missing or forged identity: issue a new one, never someone else's, and only so many per address.
    if (!joinGuard.newIdentities.take(addressOf(context), now()).allowed) refuseJoin("RATE_LIMITED");
    // A new identity has never joined the session: a locked one refuses it (before a member row is made for it).
    await VenueRoom.checkStanding(event.id, undefined, role);
    const issued = await store.createMember({ name, look, now: now() });
    return { memberId: issued.id, secret: issued.secret, newIdentity: true, name, look, ...rights };
  }

  /**
   * Moderation at the door (docs/moderation.md): a member a host removed from the event's open session is refused
   * REMOVED; while it is locked, one who has not joined it before is refused LOCKED (hosts always pass). Read from the
   * session's log, where every instance writes a command before any applies it, so a removal or a lock made in any
   * instance, in any process, before a restart or after, holds here.
   */
  private static async checkStanding(eventId: string, memberId: string | undefined, role: Role): Promise<void> {
    const standing = await VenueRoom.services.store.joinStanding(eventId, memberId);
    if (standing.removed) refuseJoin("REMOVED");
    if (standing.locked && !standing.joinedBefore && role !== "host") refuseJoin("LOCKED");
  }

  override async onCreate(options: { eventSlug?: unknown }): Promise<void> {
    this.services = VenueRoom.services;
    this.gate = new MessageGate(this.services.now);
    this.setSeatReservationTime(SEAT_RESERVATION_SECONDS);
    const slug = typeof options.eventSlug === "string" && SLUG_PATTERN.test(options.eventSlug) ? options.eventSlug : undefined;
    const event = slug ? await this.services.store.getEventBySlug(slug) : undefined;
    if (!event) refuseJoin("EVENT_NOT_FOUND");
    this.eventId = event.id;
    this.filter = new InstanceFilter(event.words);
    this.maxClients = event.capacity;
    this.setState(new VenueState());
    this.state.eventSlug = event.slug;
    this.state.eventTitle = event.title;
    this.state.instanceId = this.roomId;
    await this.setMetadata({ eventSlug: event.slug, title: event.title, online: 0 });

    const pipeline: IntentPipeline = {
      memberOf: (client) => this.runtime.get(client.sessionId),
      contextFor: (client, member) => ({
        ...this.context(client),
        client,
        member,
        showTrophy: (seed) => this.showTrophy(client.sessionId, seed),
        seated: () => this.runtime.get(client.sessionId) === member,
      }),
      now: this.services.now,
      log: this.services.log,
      rateLimited: (client, member, type) => this.countRateOffence(client, member, type),
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
      // Counted by declared intent only: a type a client made up never becomes a label value.
      this.services.metrics?.message(handler && isIntentType(type) ? type : undefined);
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
    // Removed between the door and the seat (another instance's host was quicker): sent away before sitting down.
    if (isRemoved(live.current.moderation, auth.memberId)) {
      refuse(client, "REMOVED");
      client.leave(REMOVED_CLOSE_CODE);
      return;
    }
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
    state.trophy = inherited?.trophy ?? "";
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
      area: "floor",
    });
    this.mirrorMember(client.sessionId, live.current);
    this.growth?.join(this.roomId, auth.memberId, joinedAt);
    state.tier = this.growth?.tierOf(auth.memberId) ?? "explorer";
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
      // Lines a host deleted for everyone are not history: checked against the state as each row is read, so a
      // deletion made meanwhile counts too (one made later reaches the member in the public view).
      const deleted = (lineId: string) => Object.hasOwn(live.current.moderation.deleted, lineId);
      const lines = instance === undefined ? [] : await this.services.store.recentChat(live.id, instance, CHAT_HISTORY_LINES, deleted);
      client.send("chatHistory", { lines } satisfies ChatHistoryEvent);
    } catch (e) {
      this.services.log("reading the chat history failed", e);
    }
    // Then the salon and moderation as they stand: everyone's views, a host's, and the member's own.
    this.sendSalon(client);
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
        const back = await reconnection;
        member.reconnection = undefined;
        state.online = true;
        this.publishOnline();
        // What changed in the salon while the member was away reached nobody on this connection.
        this.sendSalon(back);
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
    clearTimeout(this.salonFlush);
    clearTimeout(this.pollTimer);
    this.moderationViews.stop();
    this.unwatchVoice?.();
    this.salonFlush = undefined;
    this.pollTimer = undefined;
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
          this.attached = live;
          this.state.session.id = live.id;
          this.instanceNumber = live.numberOf(this.roomId) ?? 0;
          this.attachGrowth();
          this.attachVoice(live.id);
          this.showSession(live.current);
          // The event record's word list as it is now (an operator may have changed it since the room was made).
          this.services.store
            .eventWords(this.eventId)
            .then((words) => words && this.filter.setEventWords(words))
            .catch((e: unknown) => this.services.log("reading the event's word list failed", e));
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

  /**
   * Shows a new session state: the announcement in the room state, the salon's marks on local members (hand,
   * speaker, expert) with speakers walking up and down, and the salon's views sent soon after. Runs inside the
   * session's apply loop, so nothing here may throw.
   */
  private showSession(session: SessionState): void {
    try {
      this.showAnnouncement(session);
      this.expelRemoved(session.moderation);
      this.mirrorSalon(session);
      if (this.attached) this.services.voice?.enforce(this.attached.id, session, this.services.now());
      this.celebrateGoal(session);
      this.scheduleSalonFlush();
    } catch (e) {
      this.services.log("showing the session state failed", e);
    }
  }

  private showAnnouncement(session: SessionState): void {
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
        const { outcome, seq } = await live.submit(entry, { memberId: member.memberId, at });
        return seq === null ? outcome : { ...outcome, seq };
      },
      session: async () => {
        const live = await this.session();
        return { id: live.id, current: live.current };
      },
      store: this.services.store,
      eventId: this.eventId,
      hunts: this.services.hunts,
      voice: this.services.voice,
      moderation: () => this.attached?.current.moderation ?? INITIAL_MODERATION_STATE,
      wordFilter: () => this.filter.current(this.attached?.current.moderation.words ?? null),
      log: this.services.log,
      instance: () => this.instanceNumber,
      roomId: this.roomId,
      nextId: () => `${this.roomId}-${(this.idSeq += 1).toString(36)}`,
      refuse: (code, retryAfterMs) => refuse(client, code, undefined, retryAfterMs),
    };
  }

  /** Hands an older connection's place to a newer one in this room: the old avatar goes, its pose and presence stay. */
  private takeOver(sessionId: string): { pose: Pose; presenceId: Promise<number>; trophy: string } | undefined {
    const member = this.runtime.get(sessionId);
    if (!member) return undefined;
    // The collectible the member shows stays over the avatar, as its place does.
    const trophy = this.state.members.get(sessionId)?.trophy ?? "";
    this.runtime.delete(sessionId);
    this.state.members.delete(sessionId);
    this.mineSent.delete(sessionId);
    this.growthMineSent.delete(sessionId);
    this.moderationViews.forget(sessionId);
    this.gate.forget(sessionId);
    this.dismiss(sessionId, member);
    return { pose: member.pose, presenceId: member.presenceId, trophy };
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
    this.mineSent.delete(sessionId);
    this.growthMineSent.delete(sessionId);
    this.growth?.leave(this.roomId, member.memberId);
    this.moderationViews.forget(sessionId);
    this.gate.forget(sessionId);
    const seat = VenueRoom.seats.get(member.memberId);
    if (seat?.room === this && seat.sessionId === sessionId) VenueRoom.seats.delete(member.memberId);
    this.publishOnline();
    const leftAt = this.services.now();
    this.record(member.memberId, leftAt, { kind: "leave", detail: reason ? { reason } : {} });
    this.writes = this.writes
      .then(async () => this.services.store.recordLeave(await member.presenceId, leftAt))
      .catch((e: unknown) => this.services.log("recording a leave failed", e));
    // A member who left for good gives up their place: a raised hand goes down, a speaker leaves the stage. One
    // who moved to another instance (takenOver) or whom a restart sent away keeps it.
    if (reason === undefined) void this.leaveStage(member.memberId, leftAt);
    // Their microphone and what they listened to end with them (a member who moved to another instance keeps both).
    if (reason !== "takenOver" && this.attached) this.services.voice?.memberLeft(this.attached.id, member.memberId);
  }

  private async leaveStage(memberId: string, at: number): Promise<void> {
    try {
      const live = await this.session();
      const { queue, speakers } = live.current.stage;
      await this.writes;
      if (queue.some((hand) => hand.memberId === memberId)) await live.command({ kind: "handLowered", detail: { memberId } }, { memberId, at });
      if (speakers.some((speaker) => speaker.memberId === memberId)) await live.command({ kind: "speakerReturned", detail: { memberId } }, { memberId, at });
    } catch (e) {
      this.services.log("taking a leaving member off the stage failed", e);
    }
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
      const walk = member.walk;
      if (walk && member.goal !== walk.goal) {
        // The member asked to walk somewhere: a speaker may (the walk up ends); one sent down walks on down first.
        if (walk.leaving) member.goal = walk.goal;
        else member.walk = undefined;
      }
      if (member.goal.kind === "idle" && !member.pose.moving) continue;
      const walking = member.walk;
      const next = stepMovement(member.pose, member.goal, dtMs, member.area);
      member.pose = next.pose;
      member.goal = next.goal;
      if (walking && next.goal.kind === "idle") this.nextLeg(member, walking);
      // Off the stage and no longer a speaker: the floor's rules again.
      if (member.area === "stage" && !member.walk?.leaving && member.stageSlot === undefined && !isOnStage(member.pose)) member.area = "floor";
      const state = this.state.members.get(sessionId);
      state?.setPose(member.pose);
    }
  }

  /** A walk's point reached: on to the next one, or, at the end, turn to face the way the walk says. */
  private nextLeg(member: SeatedMember, walk: StageWalk): void {
    const point = walk.points.shift();
    if (point) {
      walk.goal = { kind: "target", ...point };
      member.goal = walk.goal;
      return;
    }
    member.walk = undefined;
    member.pose = { ...member.pose, rot: walk.face };
  }

  /** Sets a member walking to `to` along a route around landmarks; `leaving`: down from the stage, not to be cut short. */
  private walkMember(member: SeatedMember, to: Position, face: number, leaving: boolean): void {
    const [first, ...rest] = routeTo(member.pose, to);
    const goal: MoveGoal = { kind: "target", ...(first ?? to) };
    member.area = "stage";
    member.walk = { points: rest, goal, face, leaving };
    member.goal = goal;
  }

  /**
   * Watches the session's voice: its view goes into the room state (the same in every instance), and a speaker
   * whose microphone stopped hears why (voiceStopped), in whichever instance they are.
   */
  private attachVoice(sessionId: string): void {
    const voice = this.services.voice;
    if (!voice) {
      this.state.session.voice.status = "off";
      this.state.session.voice.reason = "disabled";
      return;
    }
    this.unwatchVoice = voice.watch(sessionId, this.roomId, {
      view: (view) => this.showVoice(view),
      stopped: (memberId, reason) => {
        for (const client of this.clients) {
          if (this.runtime.get(client.sessionId)?.memberId === memberId) client.send("voiceStopped", { reason });
        }
      },
      feedEnded: (listener, feed, reason) => {
        for (const client of this.clients) {
          if (this.runtime.get(client.sessionId)?.memberId === listener) client.send("voiceStopped", { reason, feed });
        }
      },
    });
  }

  /** The voice view in the room state, each field touched only when it changed. */
  private showVoice(view: VoiceView): void {
    const shown = this.state.session.voice;
    if (shown.status !== view.status) shown.status = view.status;
    if (shown.reason !== view.reason) shown.reason = view.reason;
    const ice = JSON.stringify(view.ice);
    if (shown.ice !== ice) shown.ice = ice;
    const live = new Set<string>();
    for (const { memberId, talking } of view.feeds) {
      live.add(memberId);
      let feed = shown.feeds.get(memberId);
      if (!feed) {
        feed = new VoiceFeedState();
        feed.memberId = memberId;
        shown.feeds.set(memberId, feed);
      }
      if (feed.talking !== talking) feed.talking = talking;
    }
    for (const memberId of [...shown.feeds.keys()]) if (!live.has(memberId)) shown.feeds.delete(memberId);
  }

  /** Mirrors the salon's stage and experts onto every local member, when either changed. */
  private mirrorSalon(session: SessionState): void {
    const experts = session.qa.experts;
    if (this.mirrored?.stage === session.stage && this.mirrored.experts === experts) return;
    this.mirrored = { stage: session.stage, experts };
    const marks = salonMarks(session);
    for (const sessionId of this.runtime.keys()) this.mirrorMember(sessionId, session, marks);
  }

  /**
   * One member's salon marks from the session state, each field touched only when it changes (an unchanged member
   * costs no patch). A member who became a speaker walks to a free stage spot; one who stopped walks back down.
   */
  private mirrorMember(sessionId: string, session: SessionState, marks = salonMarks(session)): void {
    const member = this.runtime.get(sessionId);
    const state = this.state.members.get(sessionId);
    if (!member || !state) return;
    const { memberId } = member;
    const hand = marks.queued.has(memberId);
    const speaker = marks.speaking.has(memberId);
    const expert = Object.hasOwn(session.qa.experts, memberId);
    if (state.hand !== hand) state.hand = hand;
    if (state.expert !== expert) state.expert = expert;
    member.badge = speaker ? "speaker" : expert ? "expert" : undefined;
    if (speaker && member.stageSlot === undefined) {
      const taken = new Set([...this.runtime.values()].map((m) => m.stageSlot));
      member.stageSlot = STAGE_SLOT_ORDER.find((slot) => !taken.has(slot)) ?? 0;
      this.walkMember(member, stageSpot(member.stageSlot, MAX_SPEAKER_LIMIT), FACING_AUDIENCE, false);
    } else if (!speaker && member.stageSlot !== undefined) {
      member.stageSlot = undefined;
      if (isOnStage(member.pose)) this.walkMember(member, belowStage(member.pose), FACING_STAGE, true);
      else if (member.walk) {
        // Sent back before reaching the stage: stop where they are, on the floor.
        member.walk = undefined;
        member.goal = { kind: "idle" };
      }
    }
    if (state.speaker !== speaker) state.speaker = speaker;
  }

  /**
   * Every local member a host removed from the session is sent away, once: told REMOVED, their connection closed with
   * REMOVED_CLOSE_CODE (the page does not come back on its own), a pending reconnection refused. Their leave is for
   * good (the rule already took them off the stage).
   */
  private expelRemoved(moderation: ModerationState): void {
    if (this.removedSeen === moderation.removed) return;
    this.removedSeen = moderation.removed;
    for (const [sessionId, member] of [...this.runtime]) {
      if (!isRemoved(moderation, member.memberId)) continue;
      this.removeMember(sessionId, member, undefined);
      member.reconnection?.reject(new Error("removed"));
      const client = this.clients.getById(sessionId);
      if (client) {
        refuse(client, "REMOVED");
        client.leave(REMOVED_CLOSE_CODE);
      }
    }
  }

  /**
   * A chat line or reaction the rate limit refused: an offence toward an automatic mute, at most so often per member.
   * Hosts are never muted automatically (as their masked lines are no offence).
   */
  private countRateOffence(client: Client, member: MemberRuntime, type: IntentType): void {
    if (type !== "chat" && type !== "react") return;
    if (member.role === "host") return;
    if (!this.rateOffences.take(member.memberId, this.services.now())) return;
    this.context(client)
      .command(member, { kind: "offenceRecorded", detail: { kind: "rate", name: member.name } })
      .catch((e: unknown) => this.services.log("recording a rate offence failed", e));
  }

  /**
   * Sends the salon's and moderation's views soon: at once after a quiet spell, else at the end of the current
   * interval. `force` sends the salon's even if unchanged (a poll's time ran out), `forceModeration` moderation's (a
   * mute ended).
   */
  private scheduleSalonFlush(force = false, forceModeration = false): void {
    this.salonForced ||= force;
    this.moderationForced ||= forceModeration;
    if (this.salonFlush !== undefined) return;
    const wait = Math.min(SALON_FLUSH_MS, Math.max(0, this.salonSentAt + SALON_FLUSH_MS - performance.now()));
    this.salonFlush = setTimeout(() => this.flushSalon(), wait);
  }

  /**
   * Sends the salon as it stands, when it changed since the last send (or its clock did: a poll's time ran out):
   * `salon` to everyone (encoded once), `salonHost` to hosts, and `salonMine` to each member whose own view differs
   * from what they last got. Each shared view is built once per send. Moderation's views go out the same way when
   * the moderation slice changed (or a mute ended), each only to whom it changed for (ModerationViews).
   */
  private flushSalon(): void {
    this.salonFlush = undefined;
    const live = this.attached;
    if (!live) return;
    try {
      const session = live.current;
      const previous = this.salonSent;
      const salonChanged = this.salonForced || previous === null || SALON_SLICES.some((slice) => previous[slice] !== session[slice]);
      const moderationChanged = this.moderationForced || previous === null || previous.moderation !== session.moderation;
      this.salonForced = false;
      this.moderationForced = false;
      if (!salonChanged && !moderationChanged) return;
      this.salonSent = session;
      this.salonSentAt = performance.now();
      const now = this.services.now();
      if (moderationChanged) this.flushModeration(session, now);
      if (!salonChanged) return;
      this.broadcast("salon", publicView(session, now));
      let forHosts: ReturnType<typeof hostView> | undefined;
      for (const client of this.clients) {
        const member = this.runtime.get(client.sessionId);
        if (!member) continue;
        if (member.role === "host") client.send("salonHost", (forHosts ??= hostView(session, now)));
        const mine = mineView(session, member.memberId, now);
        const text = JSON.stringify(mine);
        if (this.mineSent.get(client.sessionId) === text) continue;
        this.mineSent.set(client.sessionId, text);
        client.send("salonMine", mine);
      }
      this.watchPollClock(session, now);
    } catch (e) {
      this.services.log("sending the salon failed", e);
    }
  }

  private flushModeration(session: SessionState, now: number): void {
    const recipients = [];
    for (const client of this.clients) {
      const member = this.runtime.get(client.sessionId);
      if (member) recipients.push({ client, memberId: member.memberId, role: member.role });
    }
    this.moderationViews.flush(session, now, recipients, (view) => this.broadcast("moderation", view));
  }

  /**
   * Sends the views again when the current poll's time limit passes, so every countdown ends with it closed. Set
   * again at every send, from the clock then (a clock that jumped is followed).
   */
  private watchPollClock(session: SessionState, now: number): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    const poll = session.polls.at(-1);
    const closesAt = poll && poll.closedAt === null ? poll.closesAt : null;
    if (closesAt === null || closesAt <= now) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      this.scheduleSalonFlush(true);
    }, closesAt - now + 1);
  }

  /** The salon's three views and moderation's to one client (after its welcome, or back from a dropped connection). */
  private sendSalon(client: Client): void {
    const live = this.attached;
    const member = this.runtime.get(client.sessionId);
    if (!live || !member) return;
    try {
      const session = live.current;
      const now = this.services.now();
      client.send("salon", publicView(session, now));
      if (member.role === "host") client.send("salonHost", hostView(session, now));
      const mine = mineView(session, member.memberId, now);
      this.mineSent.set(client.sessionId, JSON.stringify(mine));
      client.send("salonMine", mine);
      this.moderationViews.sendTo({ client, memberId: member.memberId, role: member.role }, session, now);
    } catch (e) {
      this.services.log("sending the salon to a member failed", e);
    }
    this.sendGrowth(client);
    void sendHunt(client, this.services, this.eventId, member.memberId);
  }

  // ── Growth (docs/growth.md): the tracker folds the log; the room only sends what it hands over. ──

  private attachGrowth(): void {
    this.growth = this.services.sessions.growth(this.eventId);
    this.growth?.attach(this.roomId, { onGrowth: (update) => this.showGrowth(update) });
  }

  /** The tree and leaderboard to everyone when they changed; each member's own view when theirs did; tiers; celebrations. */
  private showGrowth(update: GrowthUpdate): void {
    if (update.public) this.broadcast("growth", update.public);
    for (const client of this.clients) {
      const member = this.runtime.get(client.sessionId);
      if (!member) continue;
      const tier = update.tiers.get(member.memberId);
      const state = this.state.members.get(client.sessionId);
      if (tier !== undefined && state && state.tier !== tier) state.tier = tier;
      const mine = update.mine.get(member.memberId);
      if (mine) this.sendGrowthMine(client, mine);
      for (const { memberId, celebration } of update.celebrations) if (memberId === member.memberId) client.send("celebration", celebration);
    }
  }

  private sendGrowthMine(client: Client, mine: NonNullable<ReturnType<GrowthTracker["mineOf"]>>): void {
    const text = JSON.stringify(mine);
    if (this.growthMineSent.get(client.sessionId) === text) return;
    this.growthMineSent.set(client.sessionId, text);
    client.send("growthMine", mine);
  }

  /** Growth as it stands to one client (after its welcome, or back from a dropped connection). */
  private sendGrowth(client: Client): void {
    const member = this.runtime.get(client.sessionId);
    const growth = this.growth;
    if (!member || !growth) return;
    if (growth.current) client.send("growth", growth.current);
    this.growthMineSent.delete(client.sessionId);
    const mine = growth.mineOf(member.memberId);
    if (mine) this.sendGrowthMine(client, mine);
  }

  /**
   * The goal reached (the session's `goalReachedAt` went from null to a time): a celebration to everyone in this
   * instance. Every instance does it for its own members, so everyone present hears it once; an instance that
   * attached after the goal was reached has nothing to celebrate.
   */
  private celebrateGoal(session: SessionState): void {
    const reachedAt = session.growth.goalReachedAt;
    const before = this.goalSeen;
    this.goalSeen = reachedAt;
    if (before !== null || reachedAt === null) return;
    this.broadcast("celebration", { kind: "goal", at: reachedAt, reward: this.growth?.reward() ?? null });
  }

  private showTrophy(sessionId: string, seed: string): void {
    const state = this.state.members.get(sessionId);
    if (state && state.trophy !== seed) state.trophy = seed;
  }

  /** Appends a per-instance entry to the log, after the writes before it. */
  private record(memberId: string, at: number, entry: Exclude<InteractionEntry, SessionCommandEntry>): void {
    this.writes = this.writes
      .then(async () => this.services.store.appendInteraction({ ...entry, sessionId: (await this.session()).id, memberId, at }))
      .catch((e: unknown) => this.services.log(`recording a ${entry.kind} failed`, e));
  }
}
