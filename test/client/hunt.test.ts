import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { IntentPayload, IntentType } from "../../shared/protocol/index.js";
import type { ClaimResponse, HuntClueView, HuntMineView, HuntPublicView } from "../../shared/protocol/hunt.js";
import { CLUE_REACH_M } from "../../shared/rules/hunt/types.js";
import { VenueConnection } from "../../client/net/VenueConnection.js";
import {
  claimClue,
  cluesInReach,
  huntFigures,
  isHuntMineView,
  isHuntPublicView,
  unfoundSceneClues,
  withClaimResponse,
  withRefusal,
  type HuntSlice,
} from "../../client/state/hunt.js";
import type { IntentSender } from "../../client/state/growth.js";
import { createVenueStores, feedVenueStores, type VenueStores } from "../../client/state/venue.js";
import { showRefusal } from "../../client/state/notices.js";
import { HuntApi, credentialsOf, postJson, refusalOf, scanTokenOf, type Fetch } from "../../client/ui/hunt/huntApi.js";
import { announcementOf, clueStatus, durationOf, isOwnRow, teamChoice } from "../../client/ui/hunt/huntFormat.js";
import { huntEn, huntZh } from "../../client/i18n/hunt.js";

const scene = (id: string, x: number, z: number, overrides: Partial<HuntClueView> = {}): HuntClueView => ({
  id,
  name: `Clue ${id}`,
  hint: `Near ${id}`,
  points: 10,
  riddleQuestion: null,
  where: { kind: "scene", x, z },
  blindBox: false,
  ...overrides,
});
const real = (id: string): HuntClueView => ({
  id,
  name: `Shop ${id}`,
  hint: "",
  points: 5,
  riddleQuestion: null,
  where: { kind: "real", place: "Tea house", district: "Xuhui", address: "1 Road" },
  blindBox: true,
});
const publicView = (overrides: Partial<HuntPublicView> = {}): HuntPublicView => ({
  id: "h1",
  title: "Spring hunt",
  order: "ordered",
  startsAt: null,
  endsAt: null,
  teams: [],
  clues: [scene("a", 2, 2), scene("b", -6, 4, { riddleQuestion: "What grows?" }), real("c")],
  leaderboard: [{ name: "Ada", team: false, memberId: "m-ada", found: 1, completedAt: null, durationMs: null, rank: null }],
  ...overrides,
});
const mineView = (overrides: Partial<HuntMineView> = {}): HuntMineView => ({
  huntId: "h1",
  team: null,
  found: [],
  pending: [],
  next: "a",
  completed: null,
  vouchers: [],
  ...overrides,
});
const claimResponse = (overrides: Partial<ClaimResponse> = {}): ClaimResponse => ({
  eventSlug: "demo",
  eventTitle: "Demo",
  clue: real("c"),
  outcome: "pending",
  task: { id: "t1", kind: "salon", text: "Say hello in the salon", riddleQuestion: null },
  reward: { points: 0, badge: false, voucher: null },
  mine: mineView({ pending: [{ clueId: "c", riddleQuestion: null, task: { id: "t1", kind: "salon", text: "Say hello in the salon", riddleQuestion: null } }] }),
  ...overrides,
});

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
const state = (): HuntSlice => stores.hunt.getState();

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
});

describe("the hunt slice", () => {
  it("takes the public view and the member's progress, and drops ones that lost their parts", () => {
    const view = publicView();
    connection.events.receive("hunt", view);
    connection.events.receive("hunt", { ...publicView(), order: "sideways" });
    connection.events.receive("hunt", { ...publicView(), clues: [{ ...scene("x", 0, 0), where: { kind: "scene", x: "0", z: 0 } }] });
    connection.events.receive("hunt", { ...publicView(), leaderboard: [{ name: "Bo" }] });
    expect(state().public).toBe(view);
    const mine = mineView({ found: ["a"] });
    connection.events.receive("huntMine", mine);
    connection.events.receive("huntMine", { ...mineView(), found: [1] });
    connection.events.receive("huntMine", { ...mineView(), vouchers: [{ code: "v1" }] });
    expect(state().mine).toBe(mine);
    // The page's first view tells of no find: those were found before it opened.
    expect(state().last).toBeNull();
    expect(isHuntPublicView(null)).toBe(false);
    expect(isHuntMineView({ ...mineView(), completed: { at: 1, rank: 1, durationMs: 5 } })).toBe(true);
  });

  it("forgets the hunt (and the progress in it) when the event has none, or another one", () => {
    connection.events.receive("hunt", publicView());
    connection.events.receive("huntMine", mineView({ found: ["a"] }));
    connection.events.receive("hunt", publicView({ id: "h2" }));
    expect(state().mine).toBeNull();
    connection.events.receive("huntMine", mineView({ huntId: "h2" }));
    connection.events.receive("hunt", null);
    expect(state()).toMatchObject({ public: null, mine: null, claiming: null });
  });

  it("sends a claim once while it is in flight, and a find in the next huntMine answers it and is told by name", () => {
    connection.events.receive("hunt", publicView());
    connection.events.receive("huntMine", mineView());
    const sender = new Recorder();
    expect(claimClue(stores.hunt, sender, "b", "a tree")).toBe(true);
    expect(claimClue(stores.hunt, sender, "a", null)).toBe(false);
    expect(sender.sent).toEqual([{ type: "claimClue", payload: { clueId: "b", answer: "a tree" } }]);
    expect(state().claiming).toBe("b");
    connection.events.receive("huntMine", mineView({ found: ["b"], next: "a" }));
    expect(state().claiming).toBeNull();
    expect(state().last).toMatchObject({ kind: "found", clueId: "b", clueName: "Clue b" });
  });

  it("frees the claim on a refused claimClue and keeps the code, leaving other refusals alone", () => {
    connection.events.receive("hunt", publicView());
    const sender = new Recorder();
    claimClue(stores.hunt, sender, "a", null);
    connection.events.receive("error", { code: "NO_ENERGY_LEFT", key: "errors.NO_ENERGY_LEFT", intent: "giveEnergy" });
    expect(state().claiming).toBe("a");
    connection.events.receive("error", { code: "TOO_FAR", key: "errors.TOO_FAR", intent: "claimClue" });
    expect(state().claiming).toBeNull();
    expect(state().last).toMatchObject({ kind: "refused", clueId: "a", code: "TOO_FAR" });
    // The room's refusal is a toast too (the notices slice).
    expect(stores.notices.getState().notices.map((n) => n.key)).toContain("errors.TOO_FAR");
    sender.open = false;
    expect(claimClue(stores.hunt, sender, "a", null)).toBe(false);
    expect(state().claiming).toBeNull();
  });

  it("takes a member call's answer: its progress and its outcome, numbered so the same one twice is said twice", () => {
    stores.hunt.setState({ public: publicView(), mine: mineView(), claiming: "c" });
    stores.hunt.setState((s) => withClaimResponse(s, claimResponse()));
    const first = state().last;
    expect(state().claiming).toBeNull();
    expect(first).toMatchObject({ kind: "pending", clueId: "c", clueName: "Shop c" });
    expect(state().mine?.pending).toHaveLength(1);
    stores.hunt.setState((s) => withClaimResponse(s, claimResponse()));
    expect(state().last?.seq).toBeGreaterThan(first?.seq ?? Infinity);
    expect(withRefusal(null, "INVALID_TOKEN")).toMatchObject({ claiming: null, last: { kind: "refused", clueId: null, code: "INVALID_TOKEN" } });
  });

  it("shows a member call's refusal as a toast, once while it stands", () => {
    showRefusal(stores.notices, "WRONG_ANSWER");
    showRefusal(stores.notices, "WRONG_ANSWER");
    expect(stores.notices.getState().notices.map((n) => n.key)).toEqual(["errors.WRONG_ANSWER"]);
  });
});

describe("figures and reach", () => {
  it("counts only this hunt's clues, names the next one and knows when all are found", () => {
    expect(huntFigures(null, null)).toEqual({ found: 0, total: 0, percent: 0, next: null, complete: false });
    const view = publicView();
    const figures = huntFigures(view, mineView({ found: ["a", "gone"], next: "b" }));
    expect(figures).toMatchObject({ found: 1, total: 3, percent: 33, complete: false });
    expect(figures.next?.id).toBe("b");
    expect(huntFigures(view, mineView({ found: ["a", "b", "c"], next: null }))).toMatchObject({ found: 3, percent: 100, next: null, complete: true });
    expect(huntFigures(view, mineView({ completed: { at: 5, rank: 2, durationMs: 60_000 } })).complete).toBe(true);
  });

  it("shows the scene clues not found yet, never the real ones", () => {
    expect(unfoundSceneClues(publicView(), mineView({ found: ["a"] })).map((c) => c.id)).toEqual(["b"]);
    expect(unfoundSceneClues(publicView(), null).map((c) => c.id)).toEqual(["a", "b"]);
    expect(unfoundSceneClues(null, null)).toEqual([]);
  });

  it("lists the unfound scene clues within reach of the avatar, nearest first", () => {
    const view = publicView({ clues: [scene("a", 2, 2), scene("b", 0, 1), scene("far", 0, CLUE_REACH_M + 0.01), real("c")] });
    expect(cluesInReach(view, mineView(), { x: 0, z: 0 }).map((c) => c.id)).toEqual(["b"]);
    expect(cluesInReach(view, mineView(), { x: 0.5, z: 1.2 }).map((c) => c.id)).toEqual(["b", "far", "a"]);
    expect(cluesInReach(view, mineView({ found: ["b"] }), { x: 0.5, z: 1.2 }).map((c) => c.id)).toEqual(["far", "a"]);
    // The edge counts: the server's rule is "within CLUE_REACH_M" (≤).
    const edge = publicView({ clues: [scene("edge", CLUE_REACH_M, 0)] });
    expect(cluesInReach(edge, null, { x: 0, z: 0 }).map((c) => c.id)).toEqual(["edge"]);
    expect(cluesInReach(view, mineView(), null)).toEqual([]);
  });
});

describe("the panel's words", () => {
  it("says completion times in minutes, or hours past the hour", () => {
    expect(durationOf(65_400)).toEqual({ key: "hunt.duration.minutes", values: { minutes: 1, seconds: 5 } });
    expect(durationOf(2 * 3600_000 + 20 * 60_000)).toEqual({ key: "hunt.duration.hours", values: { hours: 2, minutes: 20 } });
    expect(durationOf(-5)).toEqual({ key: "hunt.duration.minutes", values: { minutes: 0, seconds: 0 } });
  });

  it("announces a find with found of total, the last find as the hunt done, and nothing for a refusal", () => {
    const view = publicView();
    const found = { seq: 1, kind: "found", clueId: "a", clueName: "Clue a" } as const;
    expect(announcementOf(found, huntFigures(view, mineView({ found: ["a"] })))).toEqual({ key: "hunt.announce.found", values: { name: "Clue a", found: 1, total: 3 } });
    expect(announcementOf(found, huntFigures(view, mineView({ found: ["a", "b", "c"] })))?.key).toBe("hunt.announce.complete");
    expect(announcementOf({ seq: 2, kind: "pending", clueId: "c", clueName: "Shop c" }, huntFigures(view, null))?.key).toBe("hunt.announce.pending");
    expect(announcementOf({ seq: 3, kind: "alreadyFound", clueId: "c", clueName: "Shop c" }, huntFigures(view, null))?.key).toBe("hunt.announce.alreadyFound");
    expect(announcementOf({ seq: 4, kind: "refused", clueId: "a", code: "TOO_FAR" }, huntFigures(view, null))).toBeNull();
    expect(announcementOf(null, huntFigures(view, null))).toBeNull();
  });

  it("marks the member's own row, or their team's, and offers teams only to a member without one", () => {
    const mine = mineView({ team: "Owls" });
    expect(isOwnRow({ name: "Owls", team: true, memberId: null, found: 2, completedAt: null, durationMs: null, rank: null }, "m-ada", mine)).toBe(true);
    expect(isOwnRow({ name: "Larks", team: true, memberId: null, found: 2, completedAt: null, durationMs: null, rank: null }, "m-ada", mine)).toBe(false);
    expect(isOwnRow({ name: "Ada", team: false, memberId: "m-ada", found: 2, completedAt: 5, durationMs: 5, rank: 1 }, "m-ada", null)).toBe(true);
    expect(isOwnRow({ name: "Ada", team: false, memberId: "m-ada", found: 2, completedAt: 5, durationMs: 5, rank: 1 }, "", null)).toBe(false);
    const teams = publicView({ teams: ["Owls", "Larks"] });
    expect(teamChoice(teams, mineView())).toEqual(["Owls", "Larks"]);
    expect(teamChoice(teams, null)).toEqual(["Owls", "Larks"]);
    expect(teamChoice(teams, mine)).toEqual([]);
    expect(teamChoice(publicView(), mineView())).toEqual([]);
  });

  it("marks each clue found, next or still open", () => {
    const mine = mineView({ found: ["a"], next: "b" });
    expect(["a", "b", "c"].map((id) => clueStatus(id, mine))).toEqual(["found", "next", "open"]);
    expect(clueStatus("a", null)).toBe("open");
  });

  it("has the same keys in both languages, each filled", () => {
    const keys = (value: unknown, prefix = ""): string[] =>
      typeof value === "string" ? [prefix] : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, `${prefix}.${k}`));
    expect(keys(huntZh)).toEqual(keys(huntEn));
    const values = (value: unknown): string[] => (typeof value === "string" ? [value] : Object.values(value as Record<string, unknown>).flatMap(values));
    expect(values(huntZh).every((v) => v.trim() !== "")).toBe(true);
    expect(huntEn.announce.found).toContain("{found} of {total}");
  });
});

describe("the member hunt calls", () => {
  const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

  it("maps a refusal to its code: the server's word when it is a known one, else by status", () => {
    expect(refusalOf(400, { error: "WRONG_ANSWER" })).toEqual({ code: "WRONG_ANSWER" });
    expect(refusalOf(429, { error: "RATE_LIMITED", retryAfterMs: 1200 })).toEqual({ code: "RATE_LIMITED", retryAfterMs: 1200 });
    expect(refusalOf(400, { error: "NOT_A_CODE" })).toEqual({ code: "INTERNAL" });
    expect(refusalOf(413, null)).toEqual({ code: "BODY_TOO_LARGE" });
    expect(refusalOf(429, "slow down")).toEqual({ code: "RATE_LIMITED" });
    expect(refusalOf(404, null)).toEqual({ code: "NO_HUNT" });
    expect(refusalOf(500, null)).toEqual({ code: "INTERNAL" });
  });

  it("posts with the stored credentials and believes only an answer of the right shape", async () => {
    const calls: { path: string; body: unknown }[] = [];
    let answer: Response = json(200, claimResponse());
    const fetchImpl: Fetch = (path, init) => {
      calls.push({ path, body: JSON.parse(String(init.body)) });
      return Promise.resolve(answer);
    };
    const api = new HuntApi(() => ({ name: "Ada", memberId: "m-ada", secret: "s3cret" }), fetchImpl);
    const ok = await api.answer("h1", "c", "a tree");
    expect(ok.ok && ok.value.outcome).toBe("pending");
    expect(calls[0]).toEqual({ path: "/api/hunt/answer", body: { huntId: "h1", clueId: "c", answer: "a tree", memberId: "m-ada", secret: "s3cret" } });
    answer = json(400, { error: "TASK_NOT_DONE" });
    expect(await api.taskDone("h1", "c")).toEqual({ ok: false, code: "TASK_NOT_DONE" });
    expect(calls[1]?.path).toBe("/api/hunt/task");
    answer = json(200, { ...claimResponse(), mine: { huntId: "h1" } });
    expect(await api.scan("c1.x")).toEqual({ ok: false, code: "INTERNAL" });
    answer = json(200, mineView({ team: "Owls" }));
    const joined = await api.joinTeam("h1", "Owls");
    expect(joined.ok && joined.value.team).toBe("Owls");
    expect(calls[3]?.body).toMatchObject({ huntId: "h1", team: "Owls" });
  });

  it("refuses without calling when the browser keeps no identity, and calls a lost network INTERNAL", async () => {
    const fetchImpl = vi.fn<Fetch>(() => Promise.reject(new TypeError("offline")));
    expect(await new HuntApi(() => ({ name: "Ada" }), fetchImpl).scan("c1.x")).toEqual({ ok: false, code: "UNAUTHORIZED" });
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(credentialsOf(null)).toBeNull();
    expect(await postJson("/api/hunt/scan", {}, isHuntMineView, fetchImpl)).toEqual({ ok: false, code: "INTERNAL" });
    const notJson: Fetch = () => Promise.resolve(new Response("<html>", { status: 502 }));
    expect(await postJson("/api/hunt/scan", {}, isHuntMineView, notJson)).toEqual({ ok: false, code: "INTERNAL" });
  });

  it("posts only this site's /scan/<token> codes", () => {
    const origin = "https://grove.example";
    expect(scanTokenOf("https://grove.example/scan/c1.h1.k2.3.0.AbC-_9", origin)).toBe("c1.h1.k2.3.0.AbC-_9");
    expect(scanTokenOf("  /scan/c1.h1.k2.3.0.mac  ", origin)).toBe("c1.h1.k2.3.0.mac");
    expect(scanTokenOf("https://evil.example/scan/c1.h1.k2.3.0.mac", origin)).toBeNull();
    expect(scanTokenOf("https://grove.example/redeem?staff=s1.x", origin)).toBeNull();
    expect(scanTokenOf("v1.ABCDEFGHJKLM.mac", origin)).toBeNull();
    expect(scanTokenOf("https://grove.example/scan/a%20b", origin)).toBeNull();
  });
});
