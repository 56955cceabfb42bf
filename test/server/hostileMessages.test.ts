import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { Client } from "colyseus.js";
import { CLIENT_INTENTS, type ChatEvent, type ErrorEvent, type ReactionEvent } from "../../shared/protocol/index.js";
import { isIntentType } from "../../server/rooms/intents.js";
import { collect, joinVenue, nextMessage, startTestGrove, TestClock, until, waitForState, type TestGrove } from "../helpers/grove.js";

// Regression: on the old main, a message whose type named an Object.prototype property made Colyseus call
// that property as a handler, and the TypeError stopped the whole process.
const PROTOTYPE_NAMES = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "__lookupGetter__"];
/** Colyseus' own table keys: "*" passes the payload where the type should be, "__no_message_handler" is its fallback. */
const INTERNAL_NAMES = ["*", "__no_message_handler", ""];
const ROOM_DATA = 13;
const ROOM_DATA_BYTES = 17;
const LEAVE_ROOM = 12;

let grove: TestGrove;
const clock = new TestClock();
beforeAll(async () => {
  grove = await startTestGrove({ now: clock.now });
});
afterEach(() => clock.release());
afterAll(async () => {
  await grove.dispose();
});

async function pair() {
  const a = await joinVenue(grove.client, { name: "Sender" });
  const b = await joinVenue(new Client(grove.url), { name: "Bystander" });
  await waitForState(b.room, (s) => s.members.has(a.room.sessionId));
  return { a, b };
}

/** The member is still seated and served: its chat reaches the bystander, who heard nothing else. */
async function assertUnharmed(a: Awaited<ReturnType<typeof pair>>["a"], b: Awaited<ReturnType<typeof pair>>["b"], heard: { chats: ChatEvent[]; reactions: ReactionEvent[] }, before: { x: number; z: number }) {
  const health = await fetch(`${grove.url}/healthz`);
  expect(health.status).toBe(200);
  const echo = nextMessage<ChatEvent>(b.room, "chat");
  a.room.send("chat", { text: "still here" });
  expect((await echo).text).toBe("still here");
  expect(heard.chats.map((c) => c.text)).toEqual(["still here"]);
  expect(heard.reactions).toEqual([]);
  const self = b.room.state.members.get(a.room.sessionId);
  expect([self?.x, self?.z, self?.online]).toEqual([before.x, before.z, true]);
}

describe("message types that name built-in properties", () => {
  for (const type of [...PROTOTYPE_NAMES, ...INTERNAL_NAMES]) {
    it(`answers the type ${JSON.stringify(type)} with UNKNOWN_MESSAGE and keeps the room running`, async () => {
      const { a, b } = await pair();
      const heard = { chats: collect<ChatEvent>(b.room, "chat"), reactions: collect<ReactionEvent>(b.room, "reaction") };
      const before = { x: a.room.state.members.get(a.room.sessionId)!.x, z: a.room.state.members.get(a.room.sessionId)!.z };
      const refusal = nextMessage<ErrorEvent>(a.room, "error");
      a.room.send(type, { x: 1 });
      expect(await refusal).toMatchObject({ code: "UNKNOWN_MESSAGE", key: "errors.UNKNOWN_MESSAGE" });
      await assertUnharmed(a, b, heard, before);
      await a.room.leave();
      await b.room.leave();
    });
  }

  it("refuses a catch-all message whose payload poses as a type that cannot be printed", async () => {
    const { a, b } = await pair();
    const heard = { chats: collect<ChatEvent>(b.room, "chat"), reactions: collect<ReactionEvent>(b.room, "reaction") };
    const self = a.room.state.members.get(a.room.sessionId)!;
    const refusal = nextMessage<ErrorEvent>(a.room, "error");
    a.room.send("*", { toString: 1, valueOf: null, [Symbol.toPrimitive]: 3 });
    expect((await refusal).code).toBe("UNKNOWN_MESSAGE");
    await assertUnharmed(a, b, heard, { x: self.x, z: self.z });
    await a.room.leave();
    await b.room.leave();
  });

  it("refuses numeric types and raw-bytes messages, even under a known name", async () => {
    const { a } = await pair();
    const errors = collect<ErrorEvent>(a.room, "error");
    a.room.send(7, { text: "hi" });
    a.room.sendBytes("chat", new Uint8Array([1, 2, 3]));
    await until(() => errors.length === 2, "two refusals");
    expect(errors.map((e) => e.code)).toEqual(["UNKNOWN_MESSAGE", "UNKNOWN_MESSAGE"]);
    await a.room.leave();
  });

  it("refuses a known type whose payload is not valid msgpack, without dropping the member", async () => {
    const { a, b } = await pair();
    const heard = { chats: collect<ChatEvent>(b.room, "chat"), reactions: collect<ReactionEvent>(b.room, "reaction") };
    const self = a.room.state.members.get(a.room.sessionId)!;
    const refusal = nextMessage<ErrorEvent>(a.room, "error");
    // ROOM_DATA, the string "chat" (fixstr of 4), then a str32 header that promises 4 GB and delivers two bytes.
    a.room.connection.send(new Uint8Array([ROOM_DATA, 0xa4, 0x63, 0x68, 0x61, 0x74, 0xdb, 0xff, 0xff, 0xff, 0xff, 0x41, 0x42]));
    expect(await refusal).toMatchObject({ code: "INVALID_MESSAGE" });
    await assertUnharmed(a, b, heard, { x: self.x, z: self.z });
    await a.room.leave();
    await b.room.leave();
  });
});

describe("fuzzing a real room", () => {
  const messageType = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(...PROTOTYPE_NAMES, ...INTERNAL_NAMES, ...Object.keys(CLIENT_INTENTS)),
    fc.integer({ min: -(2 ** 31), max: 2 ** 32 }),
  );
  const payload = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: false }), fc.constant(undefined));

  it("stays up for arbitrary types and payloads: the sender keeps its seat and hears one refusal each, the others hear nothing", async () => {
    const { a, b } = await pair();
    const heard = { chats: collect<ChatEvent>(b.room, "chat"), reactions: collect<ReactionEvent>(b.room, "reaction") };
    const self = a.room.state.members.get(a.room.sessionId)!;
    const before = { x: self.x, z: self.z };
    clock.freeze();
    await fc.assert(
      fc.asyncProperty(messageType, payload, async (type, body) => {
        fc.pre(!(isIntentType(type) && CLIENT_INTENTS[type].safeParse(body).success));
        clock.advance(1000); // the flood gate refills; every message here gets its own answer
        const refusal = nextMessage<ErrorEvent>(a.room, "error", 3000);
        a.room.send(type, body);
        const error = await refusal;
        expect(["UNKNOWN_MESSAGE", "INVALID_MESSAGE", "MESSAGE_TOO_LARGE", "EMPTY_MESSAGE"]).toContain(error.code);
        expect(a.room.state.members.has(a.room.sessionId)).toBe(true);
      }),
      { numRuns: 150 },
    );
    clock.release();
    await assertUnharmed(a, b, heard, before);
    await a.room.leave();
    await b.room.leave();
  });

  it("stays up for arbitrary raw frames: data frames are refused, the rest ignored, and nobody is dropped", async () => {
    const { a, b } = await pair();
    const heard = { chats: collect<ChatEvent>(b.room, "chat"), reactions: collect<ReactionEvent>(b.room, "reaction") };
    const self = a.room.state.members.get(a.room.sessionId)!;
    const before = { x: self.x, z: self.z };
    const frame = fc.tuple(
      fc.oneof(fc.constantFrom(ROOM_DATA, ROOM_DATA_BYTES), fc.integer({ min: 0, max: 255 }).filter((c) => c !== LEAVE_ROOM)),
      fc.uint8Array({ maxLength: 64 }),
    );
    clock.freeze();
    await fc.assert(
      fc.asyncProperty(frame, async ([code, rest]) => {
        clock.advance(1000);
        const errors = collect<ErrorEvent>(a.room, "error");
        a.room.connection.send(new Uint8Array([code, ...rest]));
        // A data frame is answered (refused, or at worst accepted as a valid intent); anything else is ignored.
        if (code === ROOM_DATA || code === ROOM_DATA_BYTES) await until(() => errors.length > 0 || heard.chats.length > 0 || heard.reactions.length > 0, "an answer", 3000).catch(() => undefined);
        expect(a.room.state.members.has(a.room.sessionId)).toBe(true);
      }),
      { numRuns: 150 },
    );
    clock.release();
    const health = await fetch(`${grove.url}/healthz`);
    expect(health.status).toBe(200);
    const echo = nextMessage<ChatEvent>(b.room, "chat");
    a.room.send("chat", { text: "after the noise" });
    expect((await echo).text).toBe("after the noise");
    expect(b.room.state.members.get(a.room.sessionId)?.online).toBe(true);
    void before;
    await a.room.leave();
    await b.room.leave();
  });
});
