import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { IntentPayload, IntentType, WelcomeEvent } from "../../shared/protocol/index.js";
import type { Celebration, GrowthMineView, GrowthPublicView, TreeView } from "../../shared/rules/growth/types.js";
import { VenueConnection, sameMemberView } from "../../client/net/VenueConnection.js";
import {
  CELEBRATIONS_KEPT,
  dismissCelebration,
  energyBlock,
  energyLeftNow,
  energyRef,
  giveEnergy,
  isCelebration,
  isGrowthMineView,
  isGrowthPublicView,
  markHelpful,
  rememberedLeaderboardHidden,
  setLeaderboardHidden,
  syncLeaderboardChoice,
  type IntentSender,
} from "../../client/state/growth.js";
import { createVenueStores, feedVenueStores, type VenueStores } from "../../client/state/venue.js";
import { growthAnnouncement, percentOf, sharePercent } from "../../client/ui/growth/growthFormat.js";
import { growthEn, growthZh } from "../../client/i18n/growth.js";
import { memberView } from "../helpers/memberView.js";

const tree = (overrides: Partial<TreeView> = {}): TreeView => ({ growth: 120, goal: 300, progress: 0.58, stage: "leaves", contributors: 2, reachedAt: null, ...overrides });
const publicView = (overrides: Partial<GrowthPublicView> = {}): GrowthPublicView => ({
  tree: tree(),
  reward: null,
  leaderboard: [
    { memberId: "m-ada", name: "Ada", points: 40, tier: "coCreator" },
    { memberId: "m-bo", name: "Bo", points: 12, tier: "explorer" },
  ],
  ...overrides,
});
const mineView = (overrides: Partial<GrowthMineView> = {}): GrowthMineView => ({
  points: 40,
  byKind: { chat: 10, question: 30 },
  share: 0.33,
  energyLeft: 5,
  energised: [],
  energyFrom: 0,
  tier: { tier: "explorer", next: null },
  badges: [{ badge: "firstQuestion", at: 1, sessionId: "live-1" }],
  hidden: false,
  ...overrides,
});
const welcome = (memberId = "m-ada"): WelcomeEvent => ({
  memberId,
  secret: "secret",
  sessionId: "s-ada",
  eventTitle: "Demo",
  newIdentity: false,
  role: "member",
  liveSessionId: "live-1",
});

/** A sender that records what it sent (and can refuse, like a closed connection). */
class Recorder implements IntentSender {
  sent: { type: IntentType; payload: unknown }[] = [];
  open = true;
  send<T extends IntentType>(type: T, payload: IntentPayload<T>): boolean {
    if (!this.open) return false;
    this.sent.push({ type, payload });
    return true;
  }
}

let connection: VenueConnection;
let stores: VenueStores;
let unfeed: () => void;
const state = () => stores.growth.getState();

beforeEach(() => {
  connection = new VenueConnection("http://127.0.0.1:9");
  stores = createVenueStores();
  unfeed = feedVenueStores(stores, connection);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  unfeed();
  connection.dispose();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("the growth slice", () => {
  it("takes the two views and drops ones that lost their parts, keeping the last good one", () => {
    const view = publicView();
    connection.events.receive("growth", view);
    connection.events.receive("growth", { ...publicView(), tree: { ...tree(), stage: "jungle" } });
    connection.events.receive("growth", { ...publicView(), tree: { ...tree(), progress: "half" } });
    connection.events.receive("growth", { ...publicView(), leaderboard: [{ memberId: "m-cy", name: "Cy", points: 3, tier: "guru" }] });
    connection.events.receive("growth", { ...publicView(), reward: { text: 5, url: null } });
    connection.events.receive("growth", { tree: tree(), reward: null });
    expect(state().public).toBe(view);

    const mine = mineView();
    connection.events.receive("growthMine", mine);
    connection.events.receive("growthMine", { ...mineView(), energised: [1] });
    connection.events.receive("growthMine", { ...mineView(), tier: { tier: "boss", next: null } });
    connection.events.receive("growthMine", { ...mineView(), badges: [{ badge: "unknown", at: 1, sessionId: "s" }] });
    connection.events.receive("growthMine", { ...mineView(), share: Number.NaN });
    connection.events.receive("growthMine", { ...mineView(), hidden: "no" });
    expect(state().mine).toBe(mine);
  });

  it("accepts a reached tree with its reward, and the guards agree with the shapes", () => {
    const reached = publicView({ tree: tree({ progress: 1, stage: "fruit", reachedAt: 5 }), reward: { text: "Free tea", url: "https://example.org/tea" } });
    expect(isGrowthPublicView(reached)).toBe(true);
    expect(isGrowthPublicView(null)).toBe(false);
    expect(isGrowthMineView(mineView({ tier: { tier: "explorer", next: { tier: "coCreator", metrics: {} as never } } }))).toBe(true);
    expect(isGrowthMineView([])).toBe(false);
    connection.events.receive("growth", reached);
    expect(state().public?.reward?.text).toBe("Free tea");
  });

  it("a growth view notifies the growth slice alone", () => {
    const counts: Record<string, number> = {};
    for (const name of Object.keys(stores) as (keyof VenueStores)[]) {
      counts[name] = 0;
      stores[name].subscribe(() => (counts[name] = (counts[name] ?? 0) + 1));
    }
    connection.events.receive("growth", publicView());
    connection.events.receive("growthMine", mineView());
    // Every other slice (whatever slices the venue has now, the hunt's among them) heard nothing.
    expect(counts).toEqual({ ...Object.fromEntries(Object.keys(stores).map((name) => [name, 0])), growth: 2 });
  });
});

describe("celebrations", () => {
  const badge = (at: number): Celebration => ({ kind: "badge", badge: "firstQuestion", at });

  it("queues them in order, shows the same moment once, and drops malformed ones", () => {
    connection.events.receive("celebration", badge(1));
    connection.events.receive("celebration", { kind: "tier", tier: "coCreator", at: 2 });
    connection.events.receive("celebration", badge(1));
    connection.events.receive("celebration", { kind: "badge", badge: "notABadge", at: 3 });
    connection.events.receive("celebration", { kind: "party", at: 3 });
    connection.events.receive("celebration", { kind: "goal", at: 4, reward: { text: "Tea", url: null } });
    expect(state().celebrations.map((c) => c.celebration.kind)).toEqual(["badge", "tier", "goal"]);
    expect(new Set(state().celebrations.map((c) => c.key)).size).toBe(3);
  });

  it("keeps the newest CELEBRATIONS_KEPT, and dismissing one shows the next", () => {
    for (let at = 1; at <= CELEBRATIONS_KEPT + 2; at++) connection.events.receive("celebration", badge(at));
    expect(state().celebrations.map((c) => c.celebration.at)).toEqual([3, 4, 5, 6, 7]);
    const first = state().celebrations[0];
    if (!first) throw new Error("no celebration");
    dismissCelebration(stores.growth, first.key);
    expect(state().celebrations[0]?.celebration.at).toBe(4);
    const before = state().celebrations;
    dismissCelebration(stores.growth, first.key);
    expect(state().celebrations).toBe(before);
  });

  it("tells celebrations apart by shape", () => {
    expect(isCelebration({ kind: "goal", at: 1, reward: null })).toBe(true);
    expect(isCelebration({ kind: "goal", at: 1, reward: { text: "x", url: 3 } })).toBe(false);
    expect(isCelebration({ kind: "tier", tier: "evangelist", at: "now" })).toBe(false);
  });
});

describe("energy", () => {
  it("names a speaker's turn by member and start, a question or line by its id", () => {
    expect(energyRef("speaker", "m-bo", 1234)).toBe("turn:m-bo:1234");
    expect(energyRef("question", "q7")).toBe("q7");
    expect(energyRef("chat", "c-1")).toBe("c-1");
  });

  it("says why a button is off: own, already given, none left, or waiting for the first view", () => {
    expect(energyBlock(state(), "q1", false)).toBe("unknown");
    connection.events.receive("growthMine", mineView({ energyLeft: 1, energised: ["q1"] }));
    expect(energyBlock(state(), "q2", true)).toBe("own");
    expect(energyBlock(state(), "q1", false)).toBe("given");
    expect(energyBlock(state(), "q2", false)).toBeNull();
    connection.events.receive("growthMine", mineView({ energyLeft: 0, energised: ["q1"] }));
    expect(energyBlock(state(), "q2", false)).toBe("none");
  });

  it("shows a gift at once, until the server's view lists it", () => {
    const sender = new Recorder();
    connection.events.receive("growthMine", mineView({ energyLeft: 2 }));
    expect(giveEnergy(stores.growth, sender, "question", "q1", "q1")).toBe(true);
    expect(sender.sent).toEqual([{ type: "giveEnergy", payload: { target: "question", id: "q1" } }]);
    expect(energyBlock(state(), "q1", false)).toBe("given");
    expect(energyLeftNow(state())).toBe(1);
    expect(energyBlock(state(), "q2", false)).toBeNull();
    giveEnergy(stores.growth, sender, "speaker", "m-bo", "turn:m-bo:9");
    expect(energyBlock(state(), "q3", false)).toBe("none");

    connection.events.receive("growthMine", mineView({ energyLeft: 1, energised: ["q1"] }));
    expect(state().energySent).toEqual(["turn:m-bo:9"]);
    expect(energyLeftNow(state())).toBe(0);
  });

  it("frees the button when the server refuses the gift, and does not claim one that did not go out", () => {
    const sender = new Recorder();
    connection.events.receive("growthMine", mineView());
    giveEnergy(stores.growth, sender, "chat", "c-1", "c-1");
    connection.events.receive("error", { code: "SELF_ENERGY", key: "errors.SELF_ENERGY", intent: "giveEnergy" });
    expect(state().energySent).toEqual([]);
    expect(energyBlock(state(), "c-1", false)).toBeNull();

    sender.open = false;
    expect(giveEnergy(stores.growth, sender, "chat", "c-2", "c-2")).toBe(false);
    expect(state().energySent).toEqual([]);
  });

  it("knows who this page is from the welcome", () => {
    connection.events.receive("welcome", welcome("m-zed"));
    expect(state().selfMemberId).toBe("m-zed");
  });

  it("a host marks a line helpful once", () => {
    const sender = new Recorder();
    expect(markHelpful(stores.growth, sender, "c-9")).toBe(true);
    expect(markHelpful(stores.growth, sender, "c-9")).toBe(false);
    expect(sender.sent).toEqual([{ type: "markHelpful", payload: { lineId: "c-9" } }]);
    expect(state().helpfulSent).toEqual(["c-9"]);
  });
});

describe("the leaderboard choice", () => {
  const kept = new Map<string, string>();
  beforeEach(() => {
    kept.clear();
    vi.stubGlobal("localStorage", {
      getItem: (key: string) => kept.get(key) ?? null,
      setItem: (key: string, value: string) => void kept.set(key, value),
      removeItem: (key: string) => void kept.delete(key),
    });
  });

  it("is remembered on the device and sent", () => {
    const sender = new Recorder();
    expect(rememberedLeaderboardHidden()).toBeNull();
    setLeaderboardHidden(sender, true);
    expect(rememberedLeaderboardHidden()).toBe(true);
    setLeaderboardHidden(sender, false);
    expect(rememberedLeaderboardHidden()).toBe(false);
    expect(sender.sent.map((s) => s.payload)).toEqual([{ hidden: true }, { hidden: false }]);
  });

  it("is sent again after each join, once, only when the server holds otherwise", () => {
    const sender = new Recorder();
    const off = syncLeaderboardChoice(connection.events, sender);
    setLeaderboardHidden(new Recorder(), true);
    // A view before any welcome (nothing joined yet) is not a join.
    connection.events.receive("growthMine", mineView({ hidden: false }));
    expect(sender.sent).toEqual([]);
    connection.events.receive("welcome", welcome());
    connection.events.receive("growthMine", mineView({ hidden: false }));
    connection.events.receive("growthMine", mineView({ hidden: false }));
    expect(sender.sent).toEqual([{ type: "setLeaderboardHidden", payload: { hidden: true } }]);
    // A reconnect whose session already holds the choice sends nothing.
    connection.events.receive("welcome", welcome());
    connection.events.receive("growthMine", mineView({ hidden: true }));
    expect(sender.sent).toHaveLength(1);
    off();
  });

  it("sends nothing when the device never chose, or its storage is blocked", () => {
    const sender = new Recorder();
    const off = syncLeaderboardChoice(connection.events, sender);
    connection.events.receive("welcome", welcome());
    connection.events.receive("growthMine", mineView({ hidden: true }));
    vi.stubGlobal("localStorage", {
      getItem: () => {
        throw new Error("blocked");
      },
    });
    expect(rememberedLeaderboardHidden()).toBeNull();
    connection.events.receive("welcome", welcome());
    connection.events.receive("growthMine", mineView({ hidden: false }));
    expect(sender.sent).toEqual([]);
    off();
  });
});

describe("the figure", () => {
  it("says whole percent, never 100 before the goal is reached", () => {
    expect(percentOf(0.764, false)).toBe(76);
    expect(percentOf(0.999, false)).toBe(99);
    expect(percentOf(1, true)).toBe(100);
    expect(percentOf(-1, false)).toBe(0);
    expect(sharePercent(0.123)).toBe(12);
    expect(sharePercent(2)).toBe(100);
  });

  it("announces a new stage, or each further tenth, and not the first view", () => {
    expect(growthAnnouncement(null, { stage: "leaves", percent: 58 })).toBeNull();
    expect(growthAnnouncement({ stage: "leaves", percent: 58 }, { stage: "leaves", percent: 59 })).toBeNull();
    expect(growthAnnouncement({ stage: "leaves", percent: 59 }, { stage: "leaves", percent: 61 })).toBe("percent");
    expect(growthAnnouncement({ stage: "leaves", percent: 74 }, { stage: "blossoms", percent: 75 })).toBe("stage");
    // A host hiding content may take growth back: going down is not news.
    expect(growthAnnouncement({ stage: "leaves", percent: 61 }, { stage: "leaves", percent: 59 })).toBeNull();
  });
});

describe("tiers in the member list", () => {
  it("a tier change is a change the list shows", () => {
    const before = memberView({ sessionId: "s-ada" });
    expect(sameMemberView(before, { ...before, tier: "coCreator" })).toBe(false);
    expect(sameMemberView(before, { ...before })).toBe(true);
  });
});

describe("the catalogue", () => {
  it("has the same keys in both languages, and no empty message", () => {
    const keys = (value: unknown, prefix = ""): string[] =>
      typeof value === "string" ? [prefix] : Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => keys(inner, `${prefix}.${key}`));
    expect(keys(growthZh).sort()).toEqual(keys(growthEn).sort());
    const values = (value: unknown): string[] => (typeof value === "string" ? [value] : Object.values(value as Record<string, unknown>).flatMap(values));
    expect(values(growthZh).every((text) => text.trim().length > 0)).toBe(true);
  });
});
