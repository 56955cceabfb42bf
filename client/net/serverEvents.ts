import { SERVER_EVENTS, type ServerEventPayload, type ServerEventType } from "../../shared/protocol/index.js";
import { Emitter } from "./emitter.js";

/** Every server event by type, with the payload its schema parses to. */
export type ServerEvents = { [T in ServerEventType]: ServerEventPayload<T> };

/** What the dispatcher needs of a room: colyseus.js' `Room.onMessage`, "*" included for types it does not know. */
export interface MessageSource {
  onMessage(type: "*", callback: (type: string | number, message: unknown) => void): unknown;
  onMessage(type: string, callback: (message: unknown) => void): unknown;
}

const EVENT_TYPES = Object.keys(SERVER_EVENTS) as ServerEventType[];

function isServerEventType(type: unknown): type is ServerEventType {
  return typeof type === "string" && Object.hasOwn(SERVER_EVENTS, type);
}

/**
 * The one way server events reach the page: for each type in SERVER_EVENTS it listens on the room, parses the
 * payload with that type's shared schema and hands the parsed value to the subscribers of that type. A payload
 * that does not parse, or a type the protocol does not name, is dropped and counted; nothing downstream sees it.
 */
export class ServerEventDispatcher {
  private readonly emitter = new Emitter<ServerEvents>();
  private readonly droppedByType = new Map<string, number>();

  /** Subscribes to one event type; the handler only ever sees payloads that passed the schema. */
  on<T extends ServerEventType>(type: T, handler: (payload: ServerEvents[T]) => void): () => void {
    return this.emitter.on(type, handler);
  }

  /** Registers the dispatcher on a (new) room: one `onMessage` per protocol type, and "*" for anything else. */
  attach(room: MessageSource): void {
    for (const type of EVENT_TYPES) room.onMessage(type, (message: unknown) => this.receive(type, message));
    room.onMessage("*", (type: string | number) => this.drop(String(type), "unknown type"));
  }

  /** Parses and dispatches one message as the room delivered it. False when it was dropped. */
  receive(type: string, message: unknown): boolean {
    if (!isServerEventType(type)) {
      this.drop(type, "unknown type");
      return false;
    }
    const parsed = SERVER_EVENTS[type].safeParse(message);
    if (!parsed.success) {
      this.drop(type, parsed.error.issues.map((issue) => `${issue.path.join(".") || "(payload)"}: ${issue.message}`).join("; "));
      return false;
    }
    this.emitter.emit(type, parsed.data as ServerEvents[typeof type]);
    return true;
  }

  /** How many events were dropped, of one type or of all. */
  dropped(type?: string): number {
    if (type !== undefined) return this.droppedByType.get(type) ?? 0;
    let total = 0;
    for (const count of this.droppedByType.values()) total += count;
    return total;
  }

  private drop(type: string, why: string): void {
    this.droppedByType.set(type, (this.droppedByType.get(type) ?? 0) + 1);
    // A newer server may send what this page cannot read yet; the page carries on without it.
    console.warn(`Grove: dropped a "${type}" event (${why})`);
  }
}
