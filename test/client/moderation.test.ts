import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { REMOVED_CLOSE_CODE, SESSION_TAKEN_OVER_CLOSE_CODE, type ChatEvent, type WelcomeEvent } from "../../shared/protocol/index.js";
import type { ModerationHostView, ModerationMineView, ModerationPublicView, Whisper } from "../../shared/rules/moderation/types.js";
import { VenueConnection, closeAction } from "../../client/net/VenueConnection.js";
import { createVenueStores, feedVenueStores, type VenueStores } from "../../client/state/venue.js";
import type { LoggedLine } from "../../client/state/chat.js";
import { MASKED_KEPT, chatLogItems, isReported, markReportSent, mergeWhispers, type LoggedWhisper } from "../../client/state/moderation.js";

const NOW = 1_700_000_000_000;

const publicView = (overrides: Partial<ModerationPublicView> = {}): ModerationPublicView => ({ locked: false, slowModeSeconds: 0, deleted: [], ...overrides });
const hostView = (overrides: Partial<ModerationHostView> = {}): ModerationHostView => ({
  mutes: [],
  removed: [],
  log: [],
  queue: [],
  waiting: 0,
  words: null,
  response: { flagged: 0, answered: 0, medianMs: null },
  ...overrides,
});
const mineView = (overrides: Partial<ModerationMineView> = {}): ModerationMineView => ({ muted: null, reported: [], whispers: [], ...overrides });
const whisper = (id: string, at: number, text = `Reply ${id}`): Whisper => ({ id, flagId: null, fromName: "小李", text, at });
const welcome = (role: WelcomeEvent["role"], memberId = "m-ada"): WelcomeEvent => ({
  memberId,
  secret: "secret",
  sessionId: "s-ada",
  eventTitle: "Demo",
  newIdentity: false,
  role,
  liveSessionId: "live-1",
});
const chat = (id: string, memberId: string, at = NOW): ChatEvent => ({ id, sessionId: `s-${memberId}`, memberId, name: memberId, text: `line ${id}`, at });
const logged = (id: string, at: number, live = true): LoggedLine => ({ id, memberId: "m-bo", name: "Bo", text: `line ${id}`, at, live });

let connection: VenueConnection;
let stores: VenueStores;
let unfeed: () => void;
const state = () => stores.moderation.getState();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  connection = new VenueConnection("http://127.0.0.1:9");
  stores = createVenueStores();
  unfeed = feedVenueStores(stores, connection);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  unfeed();
  connection.dispose();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("the moderation slice", () => {
  it("takes the three views and drops ones that lost their parts, keeping the last good one", () => {
    const view = publicView({ locked: true });
    connection.events.receive("moderation", view);
    connection.events.receive("moderation", { locked: "yes", slowModeSeconds: 0, deleted: [] });
    connection.events.receive("moderation", { locked: false, slowModeSeconds: 0, deleted: [7] });
    expect(state().public).toBe(view);

    const host = hostView();
    connection.events.receive("moderationHost", host);
    connection.events.receive("moderationHost", { ...hostView(), queue: null });
    connection.events.receive("moderationHost", { ...hostView(), response: { flagged: 1, answered: 0, medianMs: "soon" } });
    connection.events.receive("moderationHost", { ...hostView(), words: { add: ["a"], remove: "b" } });
    expect(state().host).toBe(host);

    const mine = mineView({ muted: { until: null, reason: "host", note: "" } });
    connection.events.receive("moderationMine", mine);
    connection.events.receive("moderationMine", { ...mineView(), muted: { until: null, reason: "bored", note: "" } });
    connection.events.receive("moderationMine", { ...mineView(), whispers: [{ id: "w1", text: 3 }] });
    connection.events.receive("moderationMine", { ...mineView(), reported: "c1" });
    expect(state().mine).toBe(mine);
  });

  it("keeps the deleted ids as a set, the same set while they do not change", () => {
    connection.events.receive("moderation", publicView({ deleted: ["c1", "c2"] }));
    const first = state().deleted;
    expect([...first].sort()).toEqual(["c1", "c2"]);
    connection.events.receive("moderation", publicView({ deleted: ["c2", "c1"], locked: true }));
    expect(state().deleted).toBe(first);
    connection.events.receive("moderation", publicView({ deleted: ["c1", "c2", "c3"] }));
    expect(state().deleted.has("c3")).toBe(true);
    expect(state().deleted).not.toBe(first);
  });

  it("forgets what only hosts see once this connection is welcomed as a member", () => {
    connection.events.receive("welcome", welcome("host"));
    connection.events.receive("moderationHost", hostView());
    connection.events.receive("welcome", welcome("host"));
    expect(state().host).not.toBeNull();
    connection.events.receive("welcome", welcome("member"));
    expect(state().host).toBeNull();
  });

  it("marks the whispers there on entering as history, and later ones as live, counting those", () => {
    connection.events.receive("moderationMine", mineView({ whispers: [whisper("w1", NOW - 5_000)] }));
    expect(state().whispers.map((w) => [w.id, w.live])).toEqual([["w1", false]]);
    expect(state().whisperCount).toBe(0);
    const held = state().whispers[0];
    connection.events.receive("moderationMine", mineView({ whispers: [whisper("w1", NOW - 5_000), whisper("w2", NOW)] }));
    expect(state().whispers.map((w) => [w.id, w.live])).toEqual([
      ["w1", false],
      ["w2", true],
    ]);
    expect(state().whispers[0]).toBe(held);
    expect(state().whisperCount).toBe(1);
    // The same view again (after a reconnection) brings nothing new.
    connection.events.receive("moderationMine", mineView({ whispers: [whisper("w1", NOW - 5_000), whisper("w2", NOW)] }));
    expect(state().whisperCount).toBe(1);
  });

  it("remembers this member's masked lines by id, the newest MASKED_KEPT of them", () => {
    connection.events.receive("chatMasked", { id: "c1", words: ["darn"] });
    expect(state().masked).toEqual({ c1: ["darn"] });
    for (let i = 2; i <= MASKED_KEPT + 5; i += 1) connection.events.receive("chatMasked", { id: `c${i}`, words: ["x"] });
    expect(Object.keys(state().masked)).toHaveLength(MASKED_KEPT);
    expect(Object.hasOwn(state().masked, "c1")).toBe(false);
    expect(state().masked[`c${MASKED_KEPT + 5}`]).toEqual(["x"]);
  });

  it("starts slow mode's wait from this member's own line, not from others' lines, and never for a host", () => {
    connection.events.receive("welcome", welcome("member"));
    connection.events.receive("moderation", publicView({ slowModeSeconds: 10 }));
    connection.events.receive("chat", chat("c1", "m-bo"));
    expect(state().slowUntil).toBeNull();
    vi.setSystemTime(NOW + 500);
    connection.events.receive("chat", chat("c2", "m-ada"));
    expect(state().slowUntil).toBe(NOW + 10_500);
    // Slow mode switched off: no wait left.
    connection.events.receive("moderation", publicView({ slowModeSeconds: 0 }));
    expect(state().slowUntil).toBeNull();

    connection.events.receive("welcome", welcome("host"));
    connection.events.receive("moderation", publicView({ slowModeSeconds: 10 }));
    connection.events.receive("chat", chat("c3", "m-ada"));
    expect(state().slowUntil).toBeNull();
  });

  it("takes the wait the server names when it refuses a line for slow mode", () => {
    connection.events.receive("welcome", welcome("member"));
    connection.events.receive("moderation", publicView({ slowModeSeconds: 30 }));
    connection.events.receive("error", { code: "SLOW_MODE", key: "errors.SLOW_MODE", intent: "chat", retryAfterMs: 12_000 });
    expect(state().slowUntil).toBe(NOW + 12_000);
    connection.events.receive("error", { code: "SLOW_MODE", key: "errors.SLOW_MODE", intent: "react", retryAfterMs: 60_000 });
    expect(state().slowUntil).toBe(NOW + 12_000);
  });

  it("shows a report as made at once, until the server lists it; a refused report may be made again", () => {
    markReportSent(stores.moderation, "c1");
    expect(isReported(state(), "c1")).toBe(true);
    expect(isReported(state(), "c2")).toBe(false);
    connection.events.receive("moderationMine", mineView({ reported: ["c1"] }));
    expect(state().reportsSent).toEqual([]);
    expect(isReported(state(), "c1")).toBe(true);

    markReportSent(stores.moderation, "c2");
    connection.events.receive("error", { code: "ALREADY_REPORTED", key: "errors.ALREADY_REPORTED", intent: "reportLine" });
    expect(isReported(state(), "c2")).toBe(true);
    connection.events.receive("error", { code: "RATE_LIMITED", key: "errors.RATE_LIMITED", intent: "reportLine" });
    expect(isReported(state(), "c2")).toBe(false);
  });

  it("takes a deleted line's speech bubble down at once", () => {
    connection.events.receive("chat", chat("c1", "m-bo"));
    connection.events.receive("chat", chat("c2", "m-cy"));
    expect(Object.keys(stores.chat.getState().bubbles).sort()).toEqual(["s-m-bo", "s-m-cy"]);
    connection.events.receive("moderation", publicView({ deleted: ["c1"] }));
    expect(Object.keys(stores.chat.getState().bubbles)).toEqual(["s-m-cy"]);
  });

  it("a moderation view notifies the moderation slice alone (and the chat's only when a bubble goes)", () => {
    const counts = { connection: 0, members: 0, chat: 0, reactions: 0, notices: 0, session: 0, salon: 0, moderation: 0, growth: 0, hunt: 0, screenPlayer: 0 };
    for (const name of Object.keys(counts) as (keyof VenueStores)[]) stores[name].subscribe(() => (counts[name] += 1));
    connection.events.receive("moderation", publicView({ deleted: ["gone"] }));
    connection.events.receive("moderationMine", mineView());
    connection.events.receive("moderationHost", hostView());
    expect(counts).toEqual({ connection: 0, members: 0, chat: 0, reactions: 0, notices: 0, session: 0, salon: 0, moderation: 3, growth: 0, hunt: 0, screenPlayer: 0 });
  });
});

describe("whispers as the page holds them", () => {
  const loggedWhisper = (id: string, at: number, live: boolean): LoggedWhisper => ({ ...whisper(id, at), live });

  it("returns the same list when nothing changed", () => {
    const known = [loggedWhisper("w1", NOW, true)];
    expect(mergeWhispers(known, [whisper("w1", NOW)], false)).toBe(known);
  });

  it("drops whispers the view no longer has (only the newest are kept)", () => {
    const known = [loggedWhisper("w1", NOW, false), loggedWhisper("w2", NOW + 1, true)];
    expect(mergeWhispers(known, [whisper("w2", NOW + 1)], false).map((w) => w.id)).toEqual(["w2"]);
  });
});

describe("the chat log as shown", () => {
  it("leaves out deleted lines and places whispers among the lines by time, after a line of the same millisecond", () => {
    const lines = [logged("c1", NOW, false), logged("c2", NOW + 10), logged("c3", NOW + 20)];
    const whispers: LoggedWhisper[] = [
      { ...whisper("w1", NOW - 1), live: false },
      { ...whisper("w2", NOW + 10), live: true },
      { ...whisper("w3", NOW + 99), live: true },
    ];
    const items = chatLogItems(lines, new Set(["c3"]), whispers);
    expect(items.map((item) => item.key)).toEqual(["whisper:w1", "line:c1", "line:c2", "whisper:w2", "whisper:w3"]);
    expect(items.map((item) => item.live)).toEqual([false, false, true, true, true]);
  });

  it("is the lines alone when there are no whispers or deletions", () => {
    const lines = [logged("c1", NOW), logged("c2", NOW + 1)];
    expect(chatLogItems(lines, new Set(), []).map((item) => (item.kind === "line" ? item.line : null))).toEqual(lines);
  });
});

describe("a connection a host closed", () => {
  it("never comes back on its own after the removal close code; a leave the member chose still just leaves", () => {
    expect(closeAction(REMOVED_CLOSE_CODE, false)).toBe("removed");
    expect(closeAction(REMOVED_CLOSE_CODE, true)).toBe("left");
    expect(closeAction(SESSION_TAKEN_OVER_CLOSE_CODE, false)).toBe("takenOver");
  });

  it("shows the removed page's status, and does not try to reconnect", () => {
    const room = { reconnectionToken: "token" };
    // The room closing as colyseus.js reports it: the transport's own handler, on the room it holds.
    const transport = connection as unknown as { room: unknown; onLeave(room: unknown, code: number): void };
    transport.room = room;
    const statuses: string[] = [];
    connection.signals.on("status", ({ status }) => statuses.push(status));
    transport.onLeave(room, REMOVED_CLOSE_CODE);
    expect(connection.status).toBe("removed");
    expect(statuses).toEqual(["removed"]);
    expect(stores.connection.getState().status).toBe("removed");
  });
});

