import type { Client } from "@colyseus/core";
import type { ErrorCode, IntentPayload, IntentType, Role, ServerEventPayload, ServerEventType } from "../../../shared/protocol/index.js";
import type { InteractionEntry, SessionCommandEntry } from "../../../shared/log.js";
import type { MoveGoal, Pose } from "../../../shared/rules/movement.js";
import type { Bucket, RateLimit } from "../../../shared/rules/rateLimit.js";
import type { SessionOutcome, SessionState } from "../../../shared/rules/session.js";
import type { WordFilter } from "../../../shared/rules/moderation/filter.js";
import type { ModerationState } from "../../../shared/rules/moderation/types.js";
import type { Store } from "../../store/index.js";
import type { Hunts } from "../../hunt/service.js";
import type { Voice } from "../../voice/VoiceService.js";

/** What the room keeps per connected member beside the replicated state. */
export interface MemberRuntime {
  memberId: string;
  name: string;
  role: Role;
  pose: Pose;
  goal: MoveGoal;
  /** Rate buckets by name, made full on first use. */
  buckets: Map<string, Bucket>;
  /** The salon's mark on the member's chat lines while they are on the stage or a Q&A expert ("speaker" wins). */
  badge?: "speaker" | "expert" | undefined;
  /** When the member's last chat line went out (slow mode counts from it). */
  lastChatAt?: number | undefined;
}

/** A command's outcome, and the sequence number it took when it was logged (what it made is named after it). */
export type CommandOutcome = SessionOutcome & { seq?: number | undefined };

/** The room as a feature sees it: the few things a handler may do. */
export interface VenueContext {
  now(): number;
  /** A per-instance event to everyone in this instance. */
  broadcast<T extends ServerEventType>(type: T, payload: ServerEventPayload<T>): void;
  /** Appends a per-instance entry (chat, reaction…) to the log, in order, without waiting for it. */
  record(memberId: string, at: number, entry: Exclude<InteractionEntry, SessionCommandEntry>): void;
  /**
   * Submits a session-wide command: logged, then applied by every instance of the session. Resolves with the
   * outcome of applying it in its turn (declined with the rule's code when it lost a race; `stale` if the session
   * closed meanwhile).
   */
  command(member: MemberRuntime, entry: SessionCommandEntry): Promise<CommandOutcome>;
  /** The live session this instance belongs to: its record id and its state as this replica has it now. */
  session(): Promise<{ id: string; current: SessionState }>;
  /** The store, for reads a handler needs before it logs a command (every query is a Store method). */
  store: Store;
  /** The event's record id (its word list is kept there). */
  eventId: string;
  /** Hunts (docs/hunts.md): the process's hunt service; absent where the room runs without one. */
  hunts?: Hunts | undefined;
  /** Stage voice (docs/voice.md): the process's voice service; absent where the room runs without one. */
  voice?: Voice | undefined;
  /** The session's moderation as this replica has it now (nothing moderated before the instance attached). */
  moderation(): ModerationState;
  /** The keyword filter for the session's word list as it stands now, built once per change of the list. */
  wordFilter(): WordFilter;
  /** Logs a failure the sender need not hear about (a follow-up command after their line already went out). */
  log(message: string, error?: unknown): void;
  /** This instance's number in its session (1, 2, …); 0 while it is not known. Chat history is kept per number. */
  instance(): number;
  /** This instance's room id: a key for work a feature batches per instance (the hunt's view after finds). */
  roomId: string;
  /** A short id unique within this instance (chat lines). */
  nextId(): string;
  refuse(code: ErrorCode, retryAfterMs?: number): void;
}

export interface IntentContext extends VenueContext {
  client: Client;
  member: MemberRuntime;
  /** Growth: shows the sender's collectible over their avatar in this instance (its artwork seed; "" puts it away). */
  showTrophy(seed: string): void;
  /** Whether the sender is still seated here (an async handler's member may have left while it waited). */
  seated(): boolean;
}

/** One intent's declaration: who may send it, the rate bucket it draws on, and what it does. */
export interface IntentDeclaration<T extends IntentType> {
  role: Role;
  rate: { bucket: string; limit: RateLimit };
  /** Runs after the payload parsed, the role was allowed and a token was taken. May be async; a throw is INTERNAL. */
  handle(context: IntentContext, payload: IntentPayload<T>): void | Promise<void>;
}

export type IntentDeclarations = { [K in IntentType]?: IntentDeclaration<K> };

export interface Feature {
  name: string;
  intents: IntentDeclarations;
}

/** Declares a feature; the type keeps each handler's payload tied to its intent's schema. */
export function defineFeature(feature: Feature): Feature {
  return feature;
}
