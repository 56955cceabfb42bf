import { memberView } from "../helpers/memberView.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatEvent, ErrorEvent, WelcomeEvent } from "../../shared/protocol/index.js";
import { VenueConnection, type MemberView } from "../../client/net/VenueConnection.js";
import { EMPTY_SESSION, type SessionSnapshot } from "../../client/net/sessionSnapshot.js";
import { createVenueStores, feedVenueStores, type VenueStores } from "../../client/state/venue.js";
import { clearChatError } from "../../client/state/chat.js";
import { dismissNotice } from "../../client/state/notices.js";
import {
  DISMISSED_STORAGE_KEY,
  canHost,
  createSessionStore,
  dismissAnnouncement,
  dismissHostLinkProblem,
  visibleAnnouncement,
} from "../../client/state/session.js";
import { inVenue } from "../../client/state/connection.js";

const line = (id: string, sessionId = "s-ada", text = "hello"): ChatEvent => ({ id, sessionId, memberId: `m-${sessionId}`, name: "Ada", text, at: 1_700_000_000_000 });
const welcome = (overrides: Partial<WelcomeEvent> = {}): WelcomeEvent => ({
  memberId: "m-ada",
  secret: "secret",
  sessionId: "s-ada",
  eventTitle: "Demo",
  newIdentity: false,
  role: "member",
  liveSessionId: "live-1",
  ...overrides,
});
const refusal = (overrides: Partial<ErrorEvent>): ErrorEvent => ({ code: "RATE_LIMITED", key: "errors.RATE_LIMITED", ...overrides });
const member = (sessionId: string, overrides: Partial<MemberView> = {}): MemberView => memberView({ sessionId, ...overrides });
const announcement = (id: string, text = "Doors close at nine") => ({ id, text, postedByName: "Host Ada", postedAt: 1_700_000_000_000 });
const session = (overrides: Partial<SessionSnapshot> = {}): SessionSnapshot => ({ ...EMPTY_SESSION, id: "live-1", instanceId: "r1", ...overrides });

let connection: VenueConnection;
let stores: VenueStores;
let unfeed: () => void;

beforeEach(() => {
  connection = new VenueConnection("http://127.0.0.1:9");
  stores = createVenueStores();
  unfeed = feedVenueStores(stores, connection);
});
afterEach(() => {
  unfeed();
  connection.dispose();
  vi.useRealTimers();
});

/** Counts the notifications each slice sends its subscribers (what makes a subscribed component check its selector). */
function countNotifications(): Record<keyof VenueStores, number> {
  const counts = { connection: 0, members: 0, chat: 0, reactions: 0, notices: 0, session: 0, salon: 0, moderation: 0, growth: 0, hunt: 0, screenPlayer: 0 };
  for (const name of Object.keys(counts) as (keyof VenueStores)[]) stores[name].subscribe(() => (counts[name] += 1));
  return counts;
}

describe("one slice per feature", () => {
  it("a chat line notifies the chat slice alone: not the members (list and scene), session, connection, reactions or notices", () => {
    connection.signals.emit("members", [member("s-ada"), member("s-bo")]);
    connection.signals.emit("session", session({ online: 2, announcement: announcement("a1") }));
    const counts = countNotifications();
    connection.events.receive("chat", line("c1"));
    connection.events.receive("chat", line("c2", "s-bo"));
    expect(counts).toEqual({ connection: 0, members: 0, chat: 2, reactions: 0, notices: 0, session: 0, salon: 0, moderation: 0, growth: 0, hunt: 0, screenPlayer: 0 });
  });

  it("a chat line from one member leaves every other avatar's bubble selector where it was", () => {
    connection.events.receive("chat", line("c1", "s-bo"));
    const boBubble = (state = stores.chat.getState()) => state.bubbles["s-bo"];
    const before = boBubble();
    connection.events.receive("chat", line("c2", "s-ada"));
    expect(boBubble()).toBe(before);
    expect(stores.chat.getState().bubbles["s-ada"]?.id).toBe("c2");
  });

  it("a head-count change notifies the session slice alone, and hands the banner the same announcement", () => {
    connection.signals.emit("session", session({ online: 2, announcement: announcement("a1") }));
    const shown = visibleAnnouncement(stores.session.getState());
    const counts = countNotifications();
    const previous = stores.session.getState();
    connection.signals.emit("session", { ...session({ online: 3 }), announcement: previous.announcement });
    expect(counts).toEqual({ connection: 0, members: 0, chat: 0, reactions: 0, notices: 0, session: 1, salon: 0, moderation: 0, growth: 0, hunt: 0, screenPlayer: 0 });
    expect(visibleAnnouncement(stores.session.getState())).toBe(shown);
    expect(stores.session.getState().online).toBe(3);
  });

  it("a member list change does not touch chat or session", () => {
    const counts = countNotifications();
    connection.signals.emit("members", [member("s-ada")]);
    expect(counts).toEqual({ connection: 0, members: 1, chat: 0, reactions: 0, notices: 0, session: 0, salon: 0, moderation: 0, growth: 0, hunt: 0, screenPlayer: 0 });
  });
});

describe("connection slice", () => {
  it("follows the transport's status and takes the member id and title from the welcome", () => {
    connection.signals.emit("status", { status: "joined", refusal: null, sessionId: "s-ada" });
    connection.events.receive("welcome", welcome());
    expect(stores.connection.getState()).toEqual({ status: "joined", refusal: null, sessionId: "s-ada", memberId: "m-ada", eventTitle: "Demo" });
    expect(inVenue(stores.connection.getState())).toBe(true);
    connection.signals.emit("eventTitle", "Renamed");
    expect(stores.connection.getState().eventTitle).toBe("Renamed");
  });

  it("shows the lobby while joining, refused or left", () => {
    for (const status of ["idle", "joining", "refused", "left"] as const) {
      connection.signals.emit("status", { status, refusal: null, sessionId: "" });
      expect(inVenue(stores.connection.getState())).toBe(false);
    }
  });
});

describe("chat slice", () => {
  it("keeps the newest hundred lines", () => {
    for (let i = 0; i < 105; i++) connection.events.receive("chat", line(`c${i}`));
    const lines = stores.chat.getState().lines;
    expect(lines).toHaveLength(100);
    expect(lines[0]?.id).toBe("c5");
  });

  it("takes a bubble down after five seconds unless a newer line replaced it", () => {
    vi.useFakeTimers();
    connection.events.receive("chat", line("c1"));
    vi.advanceTimersByTime(3000);
    connection.events.receive("chat", line("c2"));
    vi.advanceTimersByTime(2500);
    expect(stores.chat.getState().bubbles["s-ada"]?.id).toBe("c2");
    vi.advanceTimersByTime(3000);
    expect(stores.chat.getState().bubbles["s-ada"]).toBeUndefined();
  });

  it("puts the history before live lines, by time, and counts only live lines as arrivals", () => {
    const at = 1_700_000_000_000;
    connection.events.receive("chat", { ...line("live-1", "s-bo"), at: at + 3000 });
    const history = [
      { id: "h1", memberId: "m-old", name: "Old", text: "first", at: at + 1000 },
      { id: "h2", memberId: "m-old", name: "Old", text: "second", at: at + 2000 },
    ];
    connection.events.receive("chatHistory", { lines: history });
    const state = stores.chat.getState();
    expect(state.lines.map((l) => [l.id, l.live])).toEqual([["h1", false], ["h2", false], ["live-1", true]]);
    expect(state.lines[0]).toEqual({ ...history[0], live: false });
    expect(state.liveCount).toBe(1);
  });

  it("shows a line that arrives live and in the history once, under its id", () => {
    connection.events.receive("chat", line("r1-a", "s-bo", "said while joining"));
    connection.events.receive("chatHistory", { lines: [{ id: "r1-9", memberId: "m-x", name: "X", text: "older", at: 1 }, { id: "r1-a", memberId: "m-s-bo", name: "Ada", text: "said while joining", at: 1_700_000_000_000 }] });
    connection.events.receive("chatHistory", { lines: [{ id: "r1-9", memberId: "m-x", name: "X", text: "older", at: 1 }] });
    connection.events.receive("chat", line("r1-9", "s-x", "older"));
    expect(stores.chat.getState().lines.map((l) => l.id)).toEqual(["r1-9", "r1-a"]);
    expect(stores.chat.getState().liveCount).toBe(1);
  });

  it("keeps the newest hundred when the history meets a full log", () => {
    for (let i = 0; i < 100; i++) connection.events.receive("chat", { ...line(`c${i}`), at: 2_000 + i });
    connection.events.receive("chatHistory", { lines: [{ id: "old", memberId: "m", name: "M", text: "old", at: 1_000 }, { id: "late", memberId: "m", name: "M", text: "late", at: 5_000 }] });
    const ids = stores.chat.getState().lines.map((l) => l.id);
    expect(ids).toHaveLength(100);
    expect(ids[0]).toBe("c1");
    expect(ids.at(-1)).toBe("late");
    expect(ids).not.toContain("old");
  });

  it("drops a history event that does not parse, leaving the log as it was", () => {
    connection.events.receive("chat", line("c1"));
    const before = stores.chat.getState();
    connection.events.receive("chatHistory", { lines: [{ id: "h1", memberId: "m", name: "M", text: "x", at: "noon" }] });
    connection.events.receive("chatHistory", { lines: Array.from({ length: 51 }, (_, i) => ({ id: `h${i}`, memberId: "m", name: "M", text: "x", at: i })) });
    expect(stores.chat.getState()).toBe(before);
  });

  it("shows a refused chat line in the panel, not as a toast", () => {
    connection.events.receive("error", refusal({ code: "EMPTY_MESSAGE", key: "errors.EMPTY_MESSAGE", intent: "chat" }));
    expect(stores.chat.getState().error?.key).toBe("errors.EMPTY_MESSAGE");
    expect(stores.notices.getState().notices).toEqual([]);
    clearChatError(stores.chat);
    expect(stores.chat.getState().error).toBeNull();
  });
});

describe("notices slice", () => {
  it("shows a host's refused intent as a toast by its error key", () => {
    connection.events.receive("error", refusal({ code: "FORBIDDEN", key: "errors.FORBIDDEN", intent: "postAnnouncement" }));
    connection.events.receive("error", refusal({ code: "NOTHING_TO_CHANGE", key: "errors.NOTHING_TO_CHANGE", intent: "clearAnnouncement" }));
    expect(stores.notices.getState().notices.map((n) => [n.key, n.intent])).toEqual([
      ["errors.FORBIDDEN", "postAnnouncement"],
      ["errors.NOTHING_TO_CHANGE", "clearAnnouncement"],
    ]);
  });

  it("shows a repeated refusal once, and lets it go after five seconds or when dismissed", () => {
    vi.useFakeTimers();
    connection.events.receive("error", refusal({ intent: "postAnnouncement", retryAfterMs: 4000 }));
    connection.events.receive("error", refusal({ intent: "postAnnouncement", retryAfterMs: 3000 }));
    expect(stores.notices.getState().notices).toHaveLength(1);
    vi.advanceTimersByTime(5000);
    expect(stores.notices.getState().notices).toEqual([]);
    connection.events.receive("error", refusal({ code: "FORBIDDEN", key: "errors.FORBIDDEN" }));
    dismissNotice(stores.notices, stores.notices.getState().notices[0]?.id ?? "");
    expect(stores.notices.getState().notices).toEqual([]);
  });

  it("says nothing of a taken-over seat (its dialog does) and says when a dropped connection is back", () => {
    connection.events.receive("error", refusal({ code: "SESSION_TAKEN_OVER", key: "errors.SESSION_TAKEN_OVER" }));
    expect(stores.notices.getState().notices).toEqual([]);
    connection.signals.emit("reconnected", null);
    expect(stores.notices.getState().notices.map((n) => n.key)).toEqual(["connection.reconnected"]);
  });
});

describe("voice refusals", () => {
  it("keeps the voice intents the client sends on its own out of the toasts (the voice UI shows them), but not a host's mute", () => {
    for (const intent of ["voicePublish", "voiceUnpublish", "voiceListen", "voiceAnswer", "voiceUnlisten"]) {
      connection.events.receive("error", refusal({ code: "UNKNOWN_FEED", key: "errors.UNKNOWN_FEED", intent }));
    }
    expect(stores.notices.getState().notices).toEqual([]);
    connection.events.receive("error", refusal({ code: "NOT_ON_STAGE", key: "errors.NOT_ON_STAGE", intent: "muteSpeakerAudio" }));
    expect(stores.notices.getState().notices.map((n) => [n.key, n.intent])).toEqual([["errors.NOT_ON_STAGE", "muteSpeakerAudio"]]);
  });
});

describe("reactions slice", () => {
  it("floats a reaction for a little over two seconds", () => {
    vi.useFakeTimers();
    connection.events.receive("reaction", { sessionId: "s-bo", emoji: "🎉", at: 1 });
    expect(stores.reactions.getState().floating.map((r) => [r.sessionId, r.emoji])).toEqual([["s-bo", "🎉"]]);
    vi.advanceTimersByTime(2600);
    expect(stores.reactions.getState().floating).toEqual([]);
  });
});

describe("session slice", () => {
  it("takes the head-counts of every instance from the session view", () => {
    const instances = [
      { roomId: "r1", number: 1, online: 12 },
      { roomId: "r2", number: 2, online: 3 },
    ];
    connection.signals.emit("session", session({ online: 15, instances }));
    expect(stores.session.getState()).toMatchObject({ online: 15, instances, instanceId: "r1", liveSessionId: "live-1" });
  });

  it("opens the host console for a host only, by the shared role rule", () => {
    connection.events.receive("welcome", welcome({ role: "host", hostLink: "accepted" }));
    expect(canHost(stores.session.getState())).toBe(true);
    connection.events.receive("welcome", welcome({ role: "member" }));
    expect(canHost(stores.session.getState())).toBe(false);
  });

  it("says why a host link gave member rights only, keeps saying it across a reconnect, until dismissed", () => {
    connection.events.receive("welcome", welcome({ hostLink: "expired" }));
    expect(stores.session.getState()).toMatchObject({ role: "member", hostLinkProblem: "expired" });
    connection.events.receive("welcome", welcome());
    expect(stores.session.getState().hostLinkProblem).toBe("expired");
    dismissHostLinkProblem(stores.session);
    expect(stores.session.getState().hostLinkProblem).toBeNull();
    connection.events.receive("welcome", welcome({ hostLink: "otherEvent" }));
    expect(stores.session.getState().hostLinkProblem).toBe("otherEvent");
    connection.events.receive("welcome", welcome({ role: "host", hostLink: "accepted" }));
    expect(stores.session.getState().hostLinkProblem).toBeNull();
  });

  describe("announcements", () => {
    const kept = new Map<string, string>();
    beforeEach(() => {
      kept.clear();
      vi.stubGlobal("localStorage", {
        getItem: (key: string) => kept.get(key) ?? null,
        setItem: (key: string, value: string) => void kept.set(key, value),
        removeItem: (key: string) => void kept.delete(key),
      });
    });
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it("shows the announcement a late joiner finds in the first state", () => {
      connection.signals.emit("session", session({ announcement: announcement("a1") }));
      expect(visibleAnnouncement(stores.session.getState())?.text).toBe("Doors close at nine");
    });

    it("hides a dismissed announcement, shows the next one, and remembers the dismissal across a reload", () => {
      connection.signals.emit("session", session({ announcement: announcement("a1") }));
      dismissAnnouncement(stores.session);
      expect(visibleAnnouncement(stores.session.getState())).toBeNull();
      expect(JSON.parse(kept.get(DISMISSED_STORAGE_KEY) ?? "[]")).toEqual(["live-1/a1"]);

      const reloaded = createSessionStore();
      reloaded.setState({ liveSessionId: "live-1", announcement: announcement("a1") });
      expect(visibleAnnouncement(reloaded.getState())).toBeNull();

      connection.signals.emit("session", session({ announcement: announcement("a2", "Cake in the garden") }));
      expect(visibleAnnouncement(stores.session.getState())?.text).toBe("Cake in the garden");
    });

    it("does not let a dismissal in one live session hide the same announcement id in the next", () => {
      connection.signals.emit("session", session({ announcement: announcement("a1") }));
      dismissAnnouncement(stores.session);
      connection.signals.emit("session", session({ id: "live-2", announcement: announcement("a1", "A new run") }));
      expect(visibleAnnouncement(stores.session.getState())?.text).toBe("A new run");
    });

    it("takes a cleared announcement down", () => {
      connection.signals.emit("session", session({ announcement: announcement("a1") }));
      connection.signals.emit("session", session({ announcement: null }));
      expect(visibleAnnouncement(stores.session.getState())).toBeNull();
    });
  });
});
