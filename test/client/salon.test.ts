import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WelcomeEvent } from "../../shared/protocol/index.js";
import type { PollView, QuestionView, SalonHostView, SalonMineView, SalonPublicView } from "../../shared/rules/salon/types.js";
import { VenueConnection } from "../../client/net/VenueConnection.js";
import { createVenueStores, feedVenueStores, type VenueStores } from "../../client/state/venue.js";
import { INITIAL_SALON, salonAwaits, salonNews } from "../../client/state/salon.js";
import { chooseSound, createScreenPlayerStore, playerPosition } from "../../client/state/salonScreen.js";

const NOW = 1_700_000_000_000;

const poll = (overrides: Partial<PollView> = {}): PollView => ({
  id: "p1",
  kind: "single",
  question: "Tea or coffee?",
  options: [
    { id: "o0", text: "Tea", votes: 2 },
    { id: "o1", text: "Coffee", votes: 1 },
  ],
  voters: 3,
  open: true,
  openedAt: NOW - 5_000,
  closesAt: null,
  locked: false,
  resultsShown: true,
  correct: null,
  words: null,
  ...overrides,
});
const question = (id: string, text = `Question ${id}`): QuestionView => ({ id, text, authorName: "Bo", at: NOW, votes: 0, pinned: false, answered: false });
const view = (overrides: Partial<SalonPublicView> = {}): SalonPublicView => ({
  serverNow: NOW,
  stage: { speakers: [], queue: [], speakerLimit: 3 },
  poll: null,
  pastPolls: [],
  leaderboard: [],
  debate: null,
  questions: [],
  hiddenQuestions: 0,
  experts: [],
  checkIn: null,
  screen: null,
  ...overrides,
});
const mine = (overrides: Partial<SalonMineView> = {}): SalonMineView => ({
  hand: "none",
  queuePlace: null,
  votes: {},
  answers: {},
  upvoted: [],
  asked: [],
  stances: {},
  checkedIn: {},
  quizPoints: 0,
  expert: false,
  ...overrides,
});
const hostView = (): SalonHostView => ({ poll: null, questions: [], checkInAnswers: [] });
const welcome = (role: WelcomeEvent["role"]): WelcomeEvent => ({
  memberId: "m-ada",
  secret: "secret",
  sessionId: "s-ada",
  eventTitle: "Demo",
  newIdentity: false,
  role,
  liveSessionId: "live-1",
});

let connection: VenueConnection;
let stores: VenueStores;
let unfeed: () => void;

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

describe("the salon slice", () => {
  it("takes the public view and the server's clock offset from its serverNow", () => {
    vi.setSystemTime(NOW - 2_000);
    const first = view();
    expect(connection.events.receive("salon", first)).toBe(true);
    expect(stores.salon.getState().public).toBe(first);
    expect(stores.salon.getState().clockOffsetMs).toBe(2_000);
  });

  it("keeps the best offset when a view arrives late (its serverNow reads behind)", () => {
    vi.setSystemTime(NOW);
    connection.events.receive("salon", view({ serverNow: NOW + 1_000 }));
    vi.setSystemTime(NOW + 10_000);
    connection.events.receive("salon", view({ serverNow: NOW + 10_400 }));
    expect(stores.salon.getState().clockOffsetMs).toBe(1_000);
    expect(stores.salon.getState().public?.serverNow).toBe(NOW + 10_400);
  });

  it("drops a salon view that lost its parts, and one that is not an object, keeping the last good one", () => {
    const good = view();
    connection.events.receive("salon", good);
    const { questions: _gone, ...broken } = view({ serverNow: NOW + 5 });
    connection.events.receive("salon", broken);
    connection.events.receive("salon", "not a view");
    connection.events.receive("salon", { ...view(), serverNow: "soon" });
    expect(stores.salon.getState().public).toBe(good);
  });

  it("takes this member's view and the host view, and drops ones with the wrong shape", () => {
    const own = mine({ hand: "raised", queuePlace: 2 });
    connection.events.receive("salonMine", own);
    connection.events.receive("salonMine", { ...mine(), hand: "waving" });
    connection.events.receive("salonMine", { ...mine(), upvoted: "q1" });
    expect(stores.salon.getState().mine).toBe(own);
    const host = hostView();
    connection.events.receive("salonHost", host);
    connection.events.receive("salonHost", { poll: null, questions: null, checkInAnswers: [] });
    expect(stores.salon.getState().host).toBe(host);
  });

  it("forgets what only hosts see once this connection is welcomed as a member", () => {
    connection.events.receive("welcome", welcome("host"));
    connection.events.receive("salonHost", hostView());
    connection.events.receive("welcome", welcome("host"));
    expect(stores.salon.getState().host).not.toBeNull();
    connection.events.receive("welcome", welcome("member"));
    expect(stores.salon.getState().host).toBeNull();
  });

  it("a salon view notifies the salon slice alone: chat, members and the scene's slices are left be", () => {
    const counts = { connection: 0, members: 0, chat: 0, reactions: 0, notices: 0, session: 0, salon: 0, moderation: 0, growth: 0, hunt: 0, screenPlayer: 0 };
    for (const name of Object.keys(counts) as (keyof VenueStores)[]) stores[name].subscribe(() => (counts[name] += 1));
    connection.events.receive("salon", view());
    connection.events.receive("salonMine", mine());
    expect(counts).toEqual({ connection: 0, members: 0, chat: 0, reactions: 0, notices: 0, session: 0, salon: 2, moderation: 0, growth: 0, hunt: 0, screenPlayer: 0 });
  });
});

describe("what is told as news", () => {
  it("tells nothing about what was there on entering", () => {
    expect(salonNews({ public: null, mine: null }, { public: view({ poll: poll(), questions: [question("q1")] }), mine: mine() })).toEqual([]);
  });

  it("tells a newly opened poll, and the poll closing", () => {
    expect(salonNews({ public: view(), mine: null }, { public: view({ poll: poll() }), mine: null })).toEqual([{ kind: "poll", question: "Tea or coffee?" }]);
    expect(salonNews({ public: view({ poll: poll() }), mine: null }, { public: view({ poll: poll({ open: false }) }), mine: null })).toEqual([
      { kind: "pollClosed", question: "Tea or coffee?" },
    ]);
    expect(salonNews({ public: view({ poll: poll() }), mine: null }, { public: view({ poll: poll({ voters: 9 }) }), mine: null })).toEqual([]);
  });

  it("tells others' new questions, not the member's own", () => {
    const before = { public: view({ questions: [question("q1")] }), mine: mine() };
    const after = { public: view({ questions: [question("q2", "Why trees?"), question("q1"), question("q3", "Mine")] }), mine: mine({ asked: ["q3"] }) };
    expect(salonNews(before, after)).toEqual([{ kind: "question", text: "Why trees?" }]);
  });

  it("tells a debate and a check-in as they open", () => {
    const debate = { id: "d1", motion: "Cities need more trees", sides: ["For", "Against"] as const, phase: "before" as const, before: [0, 0] as const, after: [0, 0] as const, swing: null };
    const checkIn = { id: "c1", prompt: "One word for today", open: true, openedAt: NOW, count: 0 };
    expect(salonNews({ public: view(), mine: null }, { public: view({ debate, checkIn }), mine: null })).toEqual([
      { kind: "debate", motion: "Cities need more trees" },
      { kind: "checkIn", prompt: "One word for today" },
    ]);
  });

  it("tells the member when they are brought on stage and sent back, not when a hand goes up", () => {
    expect(salonNews({ public: null, mine: mine({ hand: "raised" }) }, { public: null, mine: mine({ hand: "speaking" }) })).toEqual([{ kind: "onStage" }]);
    expect(salonNews({ public: null, mine: mine({ hand: "speaking" }) }, { public: null, mine: mine({ hand: "none" }) })).toEqual([{ kind: "offStage" }]);
    expect(salonNews({ public: null, mine: mine() }, { public: null, mine: mine({ hand: "raised" }) })).toEqual([]);
  });
});

describe("what waits for the member (the phone's Salon button shows a dot)", () => {
  const debate = (phase: "before" | "discussion" | "after" | "closed") => ({ id: "d1", motion: "Trees", sides: ["For", "Against"] as const, phase, before: [0, 0] as const, after: [0, 0] as const, swing: null });
  const state = (publicView: SalonPublicView | null, own: SalonMineView | null = mine()) => ({ ...INITIAL_SALON, public: publicView, mine: own });

  it("an open poll until the member voted, an open-text poll until they answered; a closed one never", () => {
    expect(salonAwaits(state(view({ poll: poll() })))).toBe(true);
    expect(salonAwaits(state(view({ poll: poll() }), mine({ votes: { p1: ["o0"] } })))).toBe(false);
    expect(salonAwaits(state(view({ poll: poll({ kind: "open", options: [] }) }), mine({ votes: { p1: ["o0"] } })))).toBe(true);
    expect(salonAwaits(state(view({ poll: poll({ kind: "open", options: [] }) }), mine({ answers: { p1: "trees" } })))).toBe(false);
    expect(salonAwaits(state(view({ poll: poll({ open: false }) })))).toBe(false);
  });

  it("a stance in the phase that takes one, until the member took it in that phase", () => {
    expect(salonAwaits(state(view({ debate: debate("before") })))).toBe(true);
    expect(salonAwaits(state(view({ debate: debate("before") }), mine({ stances: { d1: { before: 0, after: null } } })))).toBe(false);
    expect(salonAwaits(state(view({ debate: debate("after") }), mine({ stances: { d1: { before: 0, after: null } } })))).toBe(true);
    expect(salonAwaits(state(view({ debate: debate("discussion") })))).toBe(false);
  });

  it("an open check-in until the member checked in; nothing before the first view", () => {
    const checkIn = { id: "c1", prompt: "A word", open: true, openedAt: NOW, count: 0 };
    expect(salonAwaits(state(view({ checkIn })))).toBe(true);
    expect(salonAwaits(state(view({ checkIn }), mine({ checkedIn: { c1: 2 } })))).toBe(false);
    expect(salonAwaits(state(view({ checkIn: { ...checkIn, open: false } })))).toBe(false);
    expect(salonAwaits(state(null))).toBe(false);
  });
});

describe("the stage screen's player", () => {
  const fakeVideo = (overrides: Partial<HTMLVideoElement> = {}) =>
    ({ muted: true, paused: false, readyState: 4, currentTime: 42.5, dataset: {}, play: vi.fn(() => Promise.resolve()), ...overrides }) as unknown as HTMLVideoElement;

  it("turns the sound on in the member's click, and off again", () => {
    const store = createScreenPlayerStore();
    const video = fakeVideo();
    store.setState({ video, url: "/assets/a.mp4" });
    chooseSound(store, true);
    expect(video.muted).toBe(false);
    expect(store.getState().sound).toBe(true);
    chooseSound(store, false);
    expect(video.muted).toBe(true);
    expect(store.getState().sound).toBe(false);
  });

  it("starts again a video the browser paused for sound, when the host has it playing", () => {
    const store = createScreenPlayerStore();
    const video = fakeVideo({ paused: true });
    video.dataset.shouldPlay = "true";
    store.setState({ video, url: "/assets/a.mp4" });
    chooseSound(store, true);
    expect(video.play).toHaveBeenCalledTimes(1);
  });

  it("remembers the choice before any video is on the screen", () => {
    const store = createScreenPlayerStore();
    chooseSound(store, true);
    expect(store.getState().sound).toBe(true);
  });

  it("reads the host's own position only from a player with that video loaded", () => {
    const store = createScreenPlayerStore();
    expect(playerPosition(store.getState(), "/assets/a.mp4")).toBeNull();
    store.setState({ video: fakeVideo(), url: "/assets/a.mp4" });
    expect(playerPosition(store.getState(), "/assets/a.mp4")).toBe(42.5);
    expect(playerPosition(store.getState(), "/assets/b.mp4")).toBeNull();
    store.setState({ video: fakeVideo({ readyState: 0 }) });
    expect(playerPosition(store.getState(), "/assets/a.mp4")).toBeNull();
  });
});
