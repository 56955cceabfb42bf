import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SERVER_EVENTS, type ChatEvent, type WelcomeEvent } from "../../shared/protocol/index.js";
import { ServerEventDispatcher, type MessageSource } from "../../client/net/serverEvents.js";
import { VenueConnection } from "../../client/net/VenueConnection.js";
import { createVenueStores, feedVenueStores, type VenueStores } from "../../client/state/venue.js";

/** A stand-in for colyseus.js' Room: it keeps what the dispatcher registers, and delivers messages through it. */
class FakeRoom implements MessageSource {
  readonly handlers = new Map<string, (...args: never[]) => void>();
  onMessage(type: string, callback: (...args: never[]) => void): () => void {
    this.handlers.set(type, callback);
    return () => this.handlers.delete(type);
  }
  /** Delivers as colyseus.js does: the type's own handler, else "*" with the type first. */
  deliver(type: string, message: unknown): void {
    const own = this.handlers.get(type) as ((message: unknown) => void) | undefined;
    if (own) return own(message);
    (this.handlers.get("*") as ((type: string, message: unknown) => void) | undefined)?.(type, message);
  }
}

const chatLine: ChatEvent = { id: "c1", sessionId: "s-ada", memberId: "m-ada", name: "Ada", text: "hello", at: 1_700_000_000_000 };
const welcome: WelcomeEvent = {
  memberId: "m-ada",
  secret: "secret",
  sessionId: "s-ada",
  eventTitle: "Demo",
  newIdentity: false,
  role: "member",
  liveSessionId: "live-1",
};

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
});

describe("ServerEventDispatcher", () => {
  it("listens on the room for every event type the protocol names, and for anything else", () => {
    const room = new FakeRoom();
    new ServerEventDispatcher().attach(room);
    expect([...room.handlers.keys()].sort()).toEqual([...Object.keys(SERVER_EVENTS), "*"].sort());
  });

  it("hands a valid event, parsed, to the subscribers of its type only", () => {
    const room = new FakeRoom();
    const dispatcher = new ServerEventDispatcher();
    dispatcher.attach(room);
    const chats: ChatEvent[] = [];
    const reactions = vi.fn();
    dispatcher.on("chat", (line) => chats.push(line));
    dispatcher.on("reaction", reactions);
    room.deliver("chat", { ...chatLine, extra: "a newer server's field" });
    expect(chats).toEqual([chatLine]);
    expect(reactions).not.toHaveBeenCalled();
    expect(dispatcher.dropped()).toBe(0);
  });

  it("drops a malformed payload of every type without throwing, and counts it", () => {
    const room = new FakeRoom();
    const dispatcher = new ServerEventDispatcher();
    dispatcher.attach(room);
    const seen = vi.fn();
    for (const type of Object.keys(SERVER_EVENTS) as (keyof typeof SERVER_EVENTS)[]) dispatcher.on(type, seen);
    const malformed: Array<[string, unknown]> = [
      ["chat", { ...chatLine, text: 42 }],
      ["chat", null],
      ["welcome", { ...welcome, role: "king" }],
      ["welcome", "welcome"],
      ["reaction", { sessionId: "s", emoji: "💩", at: 1 }],
      ["error", { code: "NOT_A_CODE", key: "errors.NOT_A_CODE" }],
      ["error", undefined],
    ];
    for (const [type, payload] of malformed) expect(() => room.deliver(type, payload)).not.toThrow();
    expect(seen).not.toHaveBeenCalled();
    expect(dispatcher.dropped()).toBe(malformed.length);
    expect(dispatcher.dropped("chat")).toBe(2);
    expect(warn).toHaveBeenCalledTimes(malformed.length);
  });

  it("drops a type the protocol does not name, own properties of plain objects included", () => {
    const room = new FakeRoom();
    const dispatcher = new ServerEventDispatcher();
    dispatcher.attach(room);
    expect(() => room.deliver("somethingNew", { a: 1 })).not.toThrow();
    expect(dispatcher.receive("toString", {})).toBe(false);
    expect(dispatcher.receive("__proto__", {})).toBe(false);
    expect(dispatcher.dropped("somethingNew")).toBe(1);
    expect(dispatcher.dropped()).toBe(3);
  });

  it("still reaches the other subscribers when one of them throws", () => {
    const rethrown: unknown[] = [];
    const microtask = vi.spyOn(globalThis, "queueMicrotask").mockImplementation((task) => {
      try {
        task();
      } catch (error) {
        rethrown.push(error);
      }
    });
    try {
      const dispatcher = new ServerEventDispatcher();
      const after = vi.fn();
      dispatcher.on("chat", () => {
        throw new Error("a broken slice");
      });
      dispatcher.on("chat", after);
      expect(dispatcher.receive("chat", chatLine)).toBe(true);
      expect(after).toHaveBeenCalledWith(chatLine);
      expect(rethrown).toEqual([new Error("a broken slice")]);
    } finally {
      microtask.mockRestore();
    }
  });

  it("unsubscribes", () => {
    const dispatcher = new ServerEventDispatcher();
    const seen = vi.fn();
    const off = dispatcher.on("chat", seen);
    off();
    dispatcher.receive("chat", chatLine);
    expect(seen).not.toHaveBeenCalled();
  });
});

describe("the transport feeding the slices", () => {
  let connection: VenueConnection;
  let stores: VenueStores;
  let room: FakeRoom;
  let unfeed: () => void;

  beforeEach(() => {
    connection = new VenueConnection("http://127.0.0.1:9");
    stores = createVenueStores();
    unfeed = feedVenueStores(stores, connection);
    room = new FakeRoom();
    connection.events.attach(room);
  });
  afterEach(() => {
    unfeed();
    connection.dispose();
  });

  it("puts a chat line from the room into the chat slice", () => {
    room.deliver("chat", chatLine);
    const { sessionId: _connection, ...logged } = chatLine;
    expect(stores.chat.getState().lines).toEqual([{ ...logged, live: true }]);
    expect(stores.chat.getState().bubbles["s-ada"]).toEqual({ id: "c1", text: "hello", at: chatLine.at });
  });

  it("leaves every slice as it was when the room sends a malformed event", () => {
    const before = Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, store.getState()]));
    room.deliver("chat", { ...chatLine, at: "yesterday" });
    room.deliver("welcome", { ...welcome, liveSessionId: undefined });
    room.deliver("error", { code: "FORBIDDEN" });
    const after = Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, store.getState()]));
    expect(after).toEqual(before);
    for (const name of Object.keys(stores)) expect(after[name]).toBe(before[name]);
    expect(connection.events.dropped()).toBe(3);
  });

  it("tells the connection and session slices who the server says we are", () => {
    room.deliver("welcome", { ...welcome, role: "host", hostLink: "accepted" });
    expect(stores.connection.getState()).toMatchObject({ memberId: "m-ada", eventTitle: "Demo" });
    expect(stores.session.getState()).toMatchObject({ role: "host", hostLinkProblem: null, liveSessionId: "live-1" });
  });
});
