import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import type { ChatEvent, ErrorEvent, ReactionEvent } from "../../shared/protocol/index.js";
import { collect, joinVenue, nextMessage, startTestGrove, TestClock, until, waitForState, type TestGrove } from "../helpers/grove.js";

/**
 * Rate limits of the room's intents, on a frozen clock: with time stopped a budget cannot refill, so exactly its
 * burst passes; advancing the clock refills it by the sustained rate. Every intent draws on its own budget, except
 * the two ways of walking, which share one.
 */
let grove: TestGrove;
const clock = new TestClock();
beforeAll(async () => {
  grove = await startTestGrove({ now: clock.now, random: () => 0.25 });
});
afterEach(() => clock.release());
afterAll(async () => {
  await grove.dispose();
});

/** Sends a chat line and waits for its echo: everything the member sent before it has been handled by then. */
async function settled(room: Awaited<ReturnType<typeof joinVenue>>["room"], text: string): Promise<void> {
  const echo = nextMessage<ChatEvent>(room, "chat");
  room.send("chat", { text });
  expect((await echo).text).toBe(text);
}

describe("reactions", () => {
  it("lets five through at once, refuses the sixth with the wait, and allows one more each half second", async () => {
    const { room } = await joinVenue(grove.client, { name: "Clapper" });
    const reactions = collect<ReactionEvent>(room, "reaction");
    const errors = collect<ErrorEvent>(room, "error");
    clock.freeze();
    for (let i = 0; i < 6; i++) room.send("react", { emoji: "👏" });
    await until(() => reactions.length + errors.length === 6, "six answers");
    expect(reactions).toHaveLength(5);
    expect(errors).toEqual([{ code: "RATE_LIMITED", key: "errors.RATE_LIMITED", intent: "react", retryAfterMs: 500 }]);

    clock.advance(500);
    room.send("react", { emoji: "🎉" });
    room.send("react", { emoji: "🎉" });
    await until(() => reactions.length + errors.length === 8, "two more answers");
    expect(reactions.map((r) => r.emoji).slice(5)).toEqual(["🎉"]);
    expect(errors[1]).toMatchObject({ code: "RATE_LIMITED", intent: "react" });

    // Reactions spent their budget alone: the member can still talk.
    await settled(room, "still talking");
    await room.leave();
  });
});

describe("walking", () => {
  it("takes thirty walkTo at once and refuses the next; the refused one changes nothing, and moves share the budget", async () => {
    const { room } = await joinVenue(new Client(grove.url), { name: "Walker" });
    const errors = collect<ErrorEvent>(room, "error");
    clock.freeze();
    // Thirty targets a few centimetres apart beside the spawn point (x 0, z 8), then one far away that must be refused.
    for (let i = 1; i <= 30; i++) room.send("walkTo", { x: i / 100, z: 8 });
    room.send("walkTo", { x: -10, z: 8 });
    await settled(room, "sent");
    expect(errors).toEqual([{ code: "RATE_LIMITED", key: "errors.RATE_LIMITED", intent: "walkTo", retryAfterMs: 34 }]);
    // A move draws on the same budget: refused too, and it does not stop the walk.
    room.send("move", { dx: 0, dz: 0 });
    await settled(room, "moved?");
    expect(errors.map((e) => e.intent)).toEqual(["walkTo", "move"]);
    // The member walks to the last accepted point, x 0.3.
    await waitForState(room, (s) => s.members.get(room.sessionId)?.moving === false && s.members.get(room.sessionId)?.x === 30);
    expect(room.state.members.get(room.sessionId)?.z).toBe(800);

    // Reacting never shared the walking budget; a second later walking is allowed again.
    const reaction = nextMessage<ReactionEvent>(room, "reaction");
    room.send("react", { emoji: "🌱" });
    expect((await reaction).emoji).toBe("🌱");
    clock.advance(1_000);
    room.send("walkTo", { x: 0, z: 8.5 });
    await waitForState(room, (s) => s.members.get(room.sessionId)?.moving === false && s.members.get(room.sessionId)?.z === 850);
    expect(errors).toHaveLength(2);
    await room.leave();
  });
});

describe("announcements", () => {
  it("lets a host post three at once, then one every five seconds; clearing draws on the same budget", async () => {
    const eventId = (await grove.store.ensureEvent({ slug: "rates", title: "Rates", now: Date.now() })).id;
    const { room } = await joinVenue(new Client(grove.url), { eventSlug: "rates", name: "Host", hostToken: grove.hostTokens.issue(eventId).token });
    const errors = collect<ErrorEvent>(room, "error");
    clock.freeze();
    for (const text of ["one", "two", "three", "four"]) room.send("postAnnouncement", { text });
    await until(() => errors.length === 1, "the fourth post refused");
    expect(errors[0]).toEqual({ code: "RATE_LIMITED", key: "errors.RATE_LIMITED", intent: "postAnnouncement", retryAfterMs: 5_000 });
    await waitForState(room, (s) => s.session.announcement?.text === "three");
    room.send("clearAnnouncement", {});
    await until(() => errors.length === 2, "the clear refused");
    expect(errors[1]).toMatchObject({ code: "RATE_LIMITED", intent: "clearAnnouncement" });

    clock.advance(5_000);
    room.send("clearAnnouncement", {});
    await waitForState(room, (s) => s.session.announcement === undefined);
    expect(errors).toHaveLength(2);
    await room.leave();
  });
});
