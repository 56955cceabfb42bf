import { Room, ServerError, type Client } from "@colyseus/core";
import {
  JOIN_REFUSAL_CLOSE_CODE,
  JoinOptions,
  PROTOCOL_VERSION,
  SLUG_PATTERN,
  type ChatEvent,
  type ErrorCode,
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
import { MessageGate, onIntent, refuse } from "./intents.js";

export interface RoomServices {
  store: Store;
  now: () => number;
  random: () => number;
  log: (message: string, error?: unknown) => void;
}

interface AuthResult {
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
}

function refuseJoin(code: ErrorCode): never {
  throw new ServerError(JOIN_REFUSAL_CLOSE_CODE, code);
}

/**
 * One instance of a live event. Handlers stay thin: parse (onIntent), check rate, call a shared rule, write the
 * result into state, append the interaction.
 */
export class VenueRoom extends Room<VenueState> {
  static services: RoomServices;

  override maxClients = 200;
  override patchRate = VENUE_TICK_MS;
  private services!: RoomServices;
  private sessionRecordId = "";
  private runtime = new Map<string, MemberRuntime>();
  /** Store writes are chained so they land in order and the room can wait for them before it closes the session. */
  private writes: Promise<unknown> = Promise.resolve();
  private gate!: MessageGate;
  /** Chat ids only need to be unique within the room: a short counter keeps every chat event small. */
  private chatSeq = 0;

  override async onCreate(options: { eventSlug?: unknown }): Promise<void> {
    this.services = VenueRoom.services;
    this.gate = new MessageGate(this.services.now);
    const slug = typeof options.eventSlug === "string" && SLUG_PATTERN.test(options.eventSlug) ? options.eventSlug : undefined;
    const event = slug ? await this.services.store.getEventBySlug(slug) : undefined;
    if (!event) refuseJoin("EVENT_NOT_FOUND");
    this.maxClients = event.capacity;
    this.setState(new VenueState());
    this.state.eventSlug = event.slug;
    this.state.eventTitle = event.title;
    await this.setMetadata({ eventSlug: event.slug, title: event.title });
    this.sessionRecordId = (await this.services.store.openSession(event.id, this.services.now())).id;

    onIntent(this, this.gate, "move", (client, { dx, dz }) => {
      const member = this.runtimeFor(client, "move", MOVE_RATE);
      if (!member) return;
      member.goal = dx === 0 && dz === 0 ? { kind: "idle" } : { kind: "direction", dx, dz };
    });
    onIntent(this, this.gate, "walkTo", (client, target) => {
      const member = this.runtimeFor(client, "move", MOVE_RATE);
      if (!member) return;
      member.goal = { kind: "target", x: target.x, z: target.z };
    });
    onIntent(this, this.gate, "chat", (client, { text }) => {
      const member = this.runtimeFor(client, "chat", CHAT_RATE);
      if (!member) return;
      const clean = normaliseChat(text);
      if (clean === null) return refuse(client, "EMPTY_MESSAGE", "chat");
      const at = this.services.now();
      const event: ChatEvent = { id: `${this.roomId}-${(this.chatSeq += 1).toString(36)}`, sessionId: client.sessionId, memberId: member.memberId, name: member.name, text: clean, at };
      this.broadcast("chat", event);
      this.record({ memberId: member.memberId, kind: "chat", at, detail: { text: clean } });
    });
    onIntent(this, this.gate, "react", (client, { emoji }) => {
      const member = this.runtimeFor(client, "react", REACT_RATE);
      if (!member) return;
      const at = this.services.now();
      const event: ReactionEvent = { sessionId: client.sessionId, emoji, at };
      this.broadcast("reaction", event);
      this.record({ memberId: member.memberId, kind: "reaction", at, detail: { emoji } });
    });
    this.onMessage("*", (client, type) => {
      if (this.gate.admit(client)) refuse(client, "UNKNOWN_MESSAGE", String(type).slice(0, 32));
    });

    this.setSimulationInterval((dt) => this.tick(dt), VENUE_TICK_MS);
  }

  override async onAuth(_client: Client, options: unknown): Promise<AuthResult> {
    const raw = (options ?? {}) as Record<string, unknown>;
    if (raw.protocolVersion !== PROTOCOL_VERSION) refuseJoin("PROTOCOL_MISMATCH");
    const parsed = JoinOptions.safeParse(options);
    if (!parsed.success) {
      const nameTooLong = parsed.error.issues.some((i) => i.path[0] === "name" && i.code === "too_big");
      refuseJoin(nameTooLong ? "NAME_TOO_LONG" : "INVALID_JOIN");
    }
    const { memberId, secret, name, look } = parsed.data;
    const { store, now } = this.services;
    const known = memberId && secret ? await store.authenticateMember(memberId, secret) : undefined;
    if (known && secret) {
      await store.updateMemberProfile(known.id, { name, look, now: now() });
      return { memberId: known.id, secret, newIdentity: false, name, look };
    }
    // Missing or forged identity: issue a new one, never someone else's.
    const issued = await store.createMember({ name, look, now: now() });
    return { memberId: issued.id, secret: issued.secret, newIdentity: true, name, look };
  }

  override onJoin(client: Client, _options: unknown, auth: AuthResult): void {
    const { now, random, store } = this.services;
    const pose = spawnPoint(random(), [...this.runtime.values()].map((m) => m.pose));
    const state = new MemberState();
    state.memberId = auth.memberId;
    state.name = auth.name;
    state.color = auth.look.color;
    state.shape = auth.look.shape;
    state.accessory = auth.look.accessory;
    state.setPose(pose);
    this.state.members.set(client.sessionId, state);

    const joinedAt = now();
    const presenceId = store.recordJoin(this.sessionRecordId, auth.memberId, joinedAt);
    presenceId.catch((e: unknown) => this.services.log("recording a join failed", e));
    this.runtime.set(client.sessionId, {
      memberId: auth.memberId,
      name: auth.name,
      pose,
      goal: { kind: "idle" },
      buckets: { move: fullBucket(MOVE_RATE, joinedAt), chat: fullBucket(CHAT_RATE, joinedAt), react: fullBucket(REACT_RATE, joinedAt) },
      presenceId,
    });
    this.record({ memberId: auth.memberId, kind: "join", at: joinedAt });
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
      try {
        await this.allowReconnection(client, RECONNECT_GRACE_SECONDS);
        state.online = true;
        return;
      } catch {
        // The grace period ran out: the member has left.
      }
    }
    this.state.members.delete(client.sessionId);
    this.runtime.delete(client.sessionId);
    this.gate.forget(client.sessionId);
    const leftAt = this.services.now();
    this.record({ memberId: member.memberId, kind: "leave", at: leftAt });
    this.writes = this.writes
      .then(async () => this.services.store.recordLeave(await member.presenceId, leftAt))
      .catch((e: unknown) => this.services.log("recording a leave failed", e));
  }

  override async onDispose(): Promise<void> {
    if (!this.sessionRecordId) return;
    await this.writes;
    await this.services.store.closeSession(this.sessionRecordId, this.services.now());
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
    const entry = { ...input, sessionId: this.sessionRecordId };
    this.writes = this.writes
      .then(() => this.services.store.appendInteraction(entry))
      .catch((e: unknown) => this.services.log(`recording a ${input.kind} failed`, e));
  }
}
