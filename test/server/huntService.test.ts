import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHuntService } from "../../server/hunt/HuntService.js";
import type { HuntActor, HuntResult, Hunts } from "../../server/hunt/service.js";
import { loadOrCreateHuntKey, signClueToken, signStaffToken, signVoucherCode, type HuntKey } from "../../server/hunt/tokens.js";
import type { GroveEvent, Store } from "../../server/store/index.js";
import { Store as StoreClass } from "../../server/store/index.js";
import type { ClaimResponse, HuntInput } from "../../shared/protocol/hunt.js";
import { REACTIONS } from "../../shared/protocol/intents.js";
import { orderFor } from "../../shared/rules/hunt/progress.js";
import { RIDDLE_RATE, type BlindBox, type BlindTask, type Clue, type Hunt } from "../../shared/rules/hunt/types.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";

const LOOK = { color: "#e4572e", shape: "round", accessory: "hat" } as const;
const T0 = 1_800_000_000_000;

function scene(id: string, x: number, z: number, extra: Partial<Clue> = {}): Clue {
  return { id, name: `Clue ${id}`, hint: "", riddle: null, points: 5, where: { kind: "scene", x, z }, blindBox: null, tokenVersion: 1, ...extra };
}
function real(id: string, extra: Partial<Clue> = {}): Clue {
  return { id, name: `Place ${id}`, hint: "", riddle: null, points: 4, where: { kind: "real", place: `Shop ${id}`, district: "Xuhui", address: "" }, blindBox: null, tokenVersion: 1, ...extra };
}
function box(task: BlindTask, voucher: BlindBox["reward"]["voucher"] = null): BlindBox {
  return { tasks: [task], reward: { points: 3, badge: true, voucher } };
}

/** Found (credited now) or the refusal's code: what most assertions read. */
function outcome(result: HuntResult<ClaimResponse>): string {
  return result.ok ? result.value.outcome : result.code;
}

/**
 * The hunt service over a real store (SQLite, and PostgreSQL when DATABASE_URL is set): scene claims with reach,
 * order and answers; scans of plain, riddle and blind-box codes; racing claims credited and logged once; teams;
 * completions ranked with their log rows; vouchers whose stock holds under racing scans, redeemed once at the right
 * counter; rotated, expired and forged codes; the riddle rate; and the session a scan opens closing when idle.
 */
describe.each(databaseTargets("grove_hunt_service_test"))("the hunt service on %s", (_dialect, database) => {
  let target: DatabaseTarget;
  let store: Store;
  let hunts: Hunts;
  let key: HuntKey;
  let dir = "";
  let slugs = 0;

  beforeAll(async () => {
    target = await database();
    dir = mkdtempSync(join(tmpdir(), "grove-hunt-service-"));
    store = await StoreClass.open(target.url ? { databaseUrl: target.url } : { sqlitePath: join(dir, "grove.sqlite") });
    key = loadOrCreateHuntKey(dir);
    hunts = createHuntService({ store, key, now: () => T0, log: () => {} });
  });

  afterAll(async () => {
    await store?.close();
    await target?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const actor = async (name: string): Promise<HuntActor> => ({ member: await store.createMember({ name, look: LOOK, now: T0 }) });
  /** A fresh event with this hunt (stored as the editor would leave it), and its id. */
  async function withHunt(definition: Partial<Hunt> & Pick<Hunt, "clues">): Promise<{ event: GroveEvent; hunt: Hunt }> {
    slugs += 1;
    const event = await store.ensureEvent({ slug: `hunt-${slugs}`, title: `Hunt event ${slugs}`, now: T0 });
    const hunt = await store.saveHunt({ id: `h${slugs}`, eventId: event.id, title: "Garden", order: "free", startsAt: null, endsAt: null, teams: [], partners: [], seed: "5eed", ...definition }, T0);
    return { event, hunt };
  }
  const codeOf = (hunt: Hunt, clueId: string, version = 1, expiresAt: number | null = null) => signClueToken(key, { huntId: hunt.id, clueId, version, expiresAt });
  const rowsOf = async (event: GroveEvent, kind: string) => {
    const rows = [];
    for (const id of await store.eventSessionIds(event.id)) rows.push(...(await store.listInteractions(id)).filter((row) => row.kind === kind));
    return rows;
  };

  it("claims a scene clue only within reach, in order, and with the riddle's answer", async () => {
    const { event } = await withHunt({
      order: "ordered",
      clues: [scene("a", 0, 0), scene("b", 10, 0, { riddle: { question: "Which tree?", answers: ["Ginkgo"] } })],
    });
    const ada = await actor("Ada");
    expect(outcome(await hunts.claimScene(event, ada, "b", "ginkgo", { x: 10, z: 0 }, T0))).toBe("OUT_OF_ORDER");
    expect(outcome(await hunts.claimScene(event, ada, "a", null, { x: 3, z: 0 }, T0))).toBe("TOO_FAR");
    expect(outcome(await hunts.claimScene(event, ada, "nope", null, { x: 0, z: 0 }, T0))).toBe("UNKNOWN_CLUE");
    const first = await hunts.claimScene(event, ada, "a", null, { x: 1.5, z: 1.5 }, T0 + 1);
    expect(outcome(first)).toBe("found");
    if (!first.ok) throw new Error("unreachable");
    expect(first.value.reward).toEqual({ points: 5, badge: false, voucher: null });
    expect(first.value.mine).toMatchObject({ found: ["a"], next: "b", completed: null });
    expect(outcome(await hunts.claimScene(event, ada, "a", null, { x: 0, z: 0 }, T0 + 2))).toBe("ALREADY_FOUND");
    expect(outcome(await hunts.claimScene(event, ada, "b", "oak", { x: 10, z: 0 }, T0 + 3))).toBe("WRONG_ANSWER");
    expect(outcome(await hunts.claimScene(event, ada, "b", null, { x: 10, z: 0 }, T0 + 3))).toBe("WRONG_ANSWER");
    // Case and full width do not matter.
    expect(outcome(await hunts.claimScene(event, ada, "b", " ＧＩＮＫＧＯ ", { x: 10, z: 0 }, T0 + 4))).toBe("found");
    const other = await withHunt({ clues: [real("r")] });
    expect(outcome(await hunts.claimScene(other.event, ada, "r", null, { x: 0, z: 0 }, T0))).toBe("UNKNOWN_CLUE");
    const none = await store.ensureEvent({ slug: "no-hunt-here", title: "None", now: T0 });
    expect(outcome(await hunts.claimScene(none, ada, "a", null, { x: 0, z: 0 }, T0))).toBe("NO_HUNT");
  });

  it("holds each claimer of a random hunt to an order of their own", async () => {
    const { hunt } = await withHunt({ order: "random", clues: [real("a"), real("b"), real("c"), real("d")] });
    const vic = await actor("Vic");
    const order = orderFor(hunt, `member:${vic.member.id}`);
    expect(outcome(await hunts.scan(codeOf(hunt, order[1]!), vic, T0))).toBe("OUT_OF_ORDER");
    const first = await hunts.scan(codeOf(hunt, order[0]!), vic, T0);
    expect(first.ok && first.value.mine.next).toBe(order[1]);
    expect(outcome(await hunts.scan(codeOf(hunt, order[1]!), vic, T0 + 1))).toBe("found");
  });

  it("refuses claims outside the hunt's window", async () => {
    const { event, hunt } = await withHunt({ startsAt: T0 + 1000, endsAt: T0 + 2000, clues: [scene("a", 0, 0), real("r")] });
    const bo = await actor("Bo");
    expect(outcome(await hunts.claimScene(event, bo, "a", null, { x: 0, z: 0 }, T0))).toBe("HUNT_NOT_OPEN");
    expect(outcome(await hunts.scan(codeOf(hunt, "r"), bo, T0 + 2000))).toBe("HUNT_NOT_OPEN");
    expect(outcome(await hunts.scan(codeOf(hunt, "r"), bo, T0 + 1500))).toBe("found");
  });

  it("scans a plain code (found, then already found), a riddle code (pending until answered) and logs each find once", async () => {
    const { event, hunt } = await withHunt({ clues: [real("plain"), real("riddle", { riddle: { question: "Two and two?", answers: ["four", "四"] } })] });
    const cy = await actor("Cy");
    const found = await hunts.scan(codeOf(hunt, "plain"), cy, T0);
    expect(outcome(found)).toBe("found");
    if (!found.ok) throw new Error("unreachable");
    expect(found.value).toMatchObject({ eventSlug: event.slug, eventTitle: event.title, reward: { points: 4, badge: false, voucher: null }, task: null });
    expect(found.value.clue).not.toHaveProperty("tokenVersion");
    const again = await hunts.scan(codeOf(hunt, "plain"), cy, T0 + 1);
    expect(outcome(again)).toBe("alreadyFound");
    if (!again.ok) throw new Error("unreachable");
    expect(again.value.reward).toEqual({ points: 0, badge: false, voucher: null });

    const pending = await hunts.scan(codeOf(hunt, "riddle"), cy, T0 + 2);
    expect(outcome(pending)).toBe("pending");
    if (!pending.ok) throw new Error("unreachable");
    expect(pending.value.mine.pending).toEqual([{ clueId: "riddle", riddleQuestion: "Two and two?", task: null }]);
    expect(JSON.stringify(pending.value)).not.toContain("four");
    expect(outcome(await hunts.answer(hunt.id, "riddle", "five", cy, T0 + 3))).toBe("WRONG_ANSWER");
    expect(outcome(await hunts.answer(hunt.id, "riddle", "四", cy, T0 + 4))).toBe("found");
    expect(outcome(await hunts.answer(hunt.id, "riddle", "四", cy, T0 + 5))).toBe("ALREADY_FOUND");
    expect(outcome(await hunts.answer(hunt.id, "plain", "x", cy, T0 + 5))).toBe("ALREADY_FOUND");
    expect(outcome(await hunts.answer("nohunt", "riddle", "四", cy, T0 + 5))).toBe("NO_HUNT");

    const rows = await rowsOf(event, "clueFound");
    expect(rows.map((row) => [row.memberId, row.detail])).toEqual([
      [cy.member.id, { huntId: hunt.id, clueId: "plain", name: "Place plain", points: 4, channel: "scan", team: null, blindBox: false, badge: false }],
      [cy.member.id, { huntId: hunt.id, clueId: "riddle", name: "Place riddle", points: 4, channel: "scan", team: null, blindBox: false, badge: false }],
    ]);
  });

  it("opens blind boxes: findNext credits at once, a riddle task on its answer, salon and check-in tasks once the log shows them", async () => {
    const { event, hunt } = await withHunt({
      clues: [
        real("next", { blindBox: box({ id: "go", kind: "findNext", text: "Find the next code", riddle: null }) }),
        real("quiz", { blindBox: box({ id: "sum", kind: "riddle", text: "", riddle: { question: "Two and two?", answers: ["four"] } }) }),
        real("salon", { blindBox: box({ id: "talk", kind: "salon", text: "Say something in the salon", riddle: null }) }),
        real("check", { blindBox: box({ id: "in", kind: "checkIn", text: "Check in", riddle: null }) }),
      ],
    });
    const di = await actor("Di");
    const next = await hunts.scan(codeOf(hunt, "next"), di, T0);
    expect(outcome(next)).toBe("found");
    if (!next.ok) throw new Error("unreachable");
    expect(next.value.task).toEqual({ id: "go", kind: "findNext", text: "Find the next code", riddleQuestion: null });
    expect(next.value.reward).toEqual({ points: 7, badge: true, voucher: null });

    const quiz = await hunts.scan(codeOf(hunt, "quiz"), di, T0 + 1);
    expect(outcome(quiz)).toBe("pending");
    if (!quiz.ok) throw new Error("unreachable");
    expect(quiz.value.task).toEqual({ id: "sum", kind: "riddle", text: "", riddleQuestion: "Two and two?" });
    expect(outcome(await hunts.taskDone(hunt.id, "quiz", di, T0 + 2))).toBe("TASK_NOT_DONE");
    // A rescan shows the same task again.
    const rescan = await hunts.scan(codeOf(hunt, "quiz"), di, T0 + 2);
    expect(rescan.ok && rescan.value.task?.id).toBe("sum");
    expect(outcome(await hunts.answer(hunt.id, "quiz", "FOUR", di, T0 + 3))).toBe("found");

    expect(outcome(await hunts.scan(codeOf(hunt, "salon"), di, T0 + 10))).toBe("pending");
    expect(outcome(await hunts.answer(hunt.id, "salon", "anything", di, T0 + 11))).toBe("TASK_NOT_DONE");
    // The hunt's own rows (the finds above) are no taking part in the salon.
    expect(outcome(await hunts.taskDone(hunt.id, "salon", di, T0 + 11))).toBe("TASK_NOT_DONE");
    const session = await store.openOrResumeSession(event.id, T0 + 12);
    await store.appendInteraction({ sessionId: session.id, memberId: di.member.id, kind: "reaction", at: T0 + 12, detail: { emoji: REACTIONS[0] } });
    expect(outcome(await hunts.taskDone(hunt.id, "salon", di, T0 + 13))).toBe("found");

    expect(outcome(await hunts.scan(codeOf(hunt, "check"), di, T0 + 20))).toBe("pending");
    // A reaction is no check-in.
    expect(outcome(await hunts.taskDone(hunt.id, "check", di, T0 + 21))).toBe("TASK_NOT_DONE");
    const seq = (await store.lastSessionSeq(session.id)) + 1;
    await store.appendInteraction({ sessionId: session.id, memberId: di.member.id, kind: "checkedIn", at: T0 + 22, seq, detail: { checkInId: "c1", text: "here", name: "Di", streak: 1 } });
    const done = await hunts.taskDone(hunt.id, "check", di, T0 + 23);
    expect(outcome(done)).toBe("found");
    if (!done.ok) throw new Error("unreachable");
    expect(done.value.mine.found).toEqual(["next", "quiz", "salon", "check"]);
    expect(done.value.mine.completed).toMatchObject({ rank: 1, durationMs: 23 });
    const found = await rowsOf(event, "clueFound");
    expect(found.map((row) => (row.kind === "clueFound" ? [row.detail.clueId, row.detail.blindBox, row.detail.badge, row.detail.points] : null))).toEqual([
      ["next", true, true, 7],
      ["quiz", true, true, 7],
      ["salon", true, true, 7],
      ["check", true, true, 7],
    ]);
  });

  it("credits an opened clue on its rescan once the operator took away what was left to do", async () => {
    const riddle = { question: "Q?", answers: ["yes"] };
    const { event, hunt } = await withHunt({ clues: [real("q", { riddle }), real("b", { blindBox: box({ id: "talk", kind: "salon", text: "Talk", riddle: null }) })] });
    const wes = await actor("Wes");
    expect(outcome(await hunts.scan(codeOf(hunt, "q"), wes, T0))).toBe("pending");
    expect(outcome(await hunts.scan(codeOf(hunt, "b"), wes, T0))).toBe("pending");
    await store.saveHunt({ ...hunt, clues: [real("q"), real("b", { blindBox: box({ id: "other", kind: "salon", text: "Talk", riddle: null }) })] }, T0 + 1);
    expect(outcome(await hunts.scan(codeOf(hunt, "q"), wes, T0 + 2))).toBe("found");
    expect(outcome(await hunts.scan(codeOf(hunt, "b"), wes, T0 + 3))).toBe("found");
    expect(outcome(await hunts.scan(codeOf(hunt, "b"), wes, T0 + 4))).toBe("alreadyFound");
    expect(await rowsOf(event, "clueFound")).toHaveLength(2);
  });

  it("credits racing claims of one clue once and logs one clueFound row", async () => {
    const { event, hunt } = await withHunt({ clues: [real("r"), scene("s", 0, 0), real("q", { riddle: { question: "Q?", answers: ["yes"] } })] });
    const ed = await actor("Ed");
    const scans = await Promise.all(Array.from({ length: 6 }, () => hunts.scan(codeOf(hunt, "r"), ed, T0)));
    expect(scans.map(outcome).filter((o) => o === "found")).toHaveLength(1);
    expect(scans.map(outcome).filter((o) => o !== "found").every((o) => o === "alreadyFound")).toBe(true);
    const claims = await Promise.all(Array.from({ length: 6 }, () => hunts.claimScene(event, ed, "s", null, { x: 0, z: 0 }, T0)));
    expect(claims.map(outcome).filter((o) => o === "found")).toHaveLength(1);
    await hunts.scan(codeOf(hunt, "q"), ed, T0);
    const answers = await Promise.all(Array.from({ length: 4 }, () => hunts.answer(hunt.id, "q", "yes", ed, T0)));
    expect(answers.map(outcome).filter((o) => o === "found")).toHaveLength(1);
    const rows = await rowsOf(event, "clueFound");
    expect(rows.map((row) => (row.kind === "clueFound" ? row.detail.clueId : "")).sort()).toEqual(["q", "r", "s"]);
    // Every clue found once: one completion, one huntCompleted row.
    expect(await rowsOf(event, "huntCompleted")).toHaveLength(1);
  });

  it("counts a clue once per team, needs a team first and locks a member in once their team has claimed", async () => {
    const { event, hunt } = await withHunt({ teams: ["Red", "Blue"], clues: [real("r"), scene("s", 0, 0)] });
    const [fay, gus, hal] = [await actor("Fay"), await actor("Gus"), await actor("Hal")];
    expect(outcome(await hunts.scan(codeOf(hunt, "r"), fay, T0))).toBe("NEEDS_TEAM");
    expect(outcome(await hunts.claimScene(event, fay, "s", null, { x: 0, z: 0 }, T0))).toBe("NEEDS_TEAM");
    const unknown = await hunts.joinTeam(hunt.id, "Green", fay, T0);
    expect(unknown.ok ? "ok" : unknown.code).toBe("UNKNOWN_TEAM");
    const joined = await hunts.joinTeam(hunt.id, "Red", fay, T0);
    expect(joined.ok && joined.value.team).toBe("Red");
    await hunts.joinTeam(hunt.id, "Blue", fay, T0 + 1);
    await hunts.joinTeam(hunt.id, "Red", fay, T0 + 2);
    await hunts.joinTeam(hunt.id, "Red", gus, T0 + 2);
    await hunts.joinTeam(hunt.id, "Blue", hal, T0 + 2);
    expect(outcome(await hunts.scan(codeOf(hunt, "r"), fay, T0 + 3))).toBe("found");
    expect(outcome(await hunts.scan(codeOf(hunt, "r"), gus, T0 + 4))).toBe("alreadyFound");
    expect(outcome(await hunts.scan(codeOf(hunt, "r"), hal, T0 + 4))).toBe("found");
    const locked = await hunts.joinTeam(hunt.id, "Blue", gus, T0 + 5);
    expect(locked.ok ? "ok" : locked.code).toBe("TEAM_LOCKED");
    const mine = await hunts.mine(event, gus.member.id);
    expect(mine).toMatchObject({ team: "Red", found: ["r"] });
    // Gus completes for Red: both Red members get a huntCompleted row, with the team's rank.
    const done = await hunts.claimScene(event, gus, "s", null, { x: 0, z: 0 }, T0 + 10);
    expect(done.ok && done.value.mine.completed).toEqual({ at: T0 + 10, rank: 1, durationMs: 7 });
    const rows = await rowsOf(event, "huntCompleted");
    expect(rows.map((row) => row.memberId).sort()).toEqual([fay.member.id, gus.member.id].sort());
    expect(rows.every((row) => row.kind === "huntCompleted" && row.detail.team === "Red" && row.detail.rank === 1)).toBe(true);
    const view = await hunts.publicView(event);
    expect(view?.leaderboard).toEqual([
      { name: "Red", team: true, memberId: null, found: 2, completedAt: T0 + 10, durationMs: 7, rank: 1 },
      { name: "Blue", team: true, memberId: null, found: 1, completedAt: null, durationMs: null, rank: null },
    ]);
  });

  it("ranks completions 1 then 2, each with its huntCompleted row, and lists members by name", async () => {
    const { event, hunt } = await withHunt({ clues: [real("a"), real("b")] });
    const [ivy, jon, kit] = [await actor("Ivy"), await actor("Jon"), await actor("Kit")];
    await hunts.scan(codeOf(hunt, "a"), ivy, T0);
    await hunts.scan(codeOf(hunt, "a"), jon, T0 + 1);
    await hunts.scan(codeOf(hunt, "a"), kit, T0 + 1);
    const first = await hunts.scan(codeOf(hunt, "b"), jon, T0 + 100);
    const second = await hunts.scan(codeOf(hunt, "b"), ivy, T0 + 200);
    expect(first.ok && first.value.mine.completed).toEqual({ at: T0 + 100, rank: 1, durationMs: 99 });
    expect(second.ok && second.value.mine.completed).toEqual({ at: T0 + 200, rank: 2, durationMs: 200 });
    const rows = await rowsOf(event, "huntCompleted");
    expect(rows.map((row) => [row.memberId, row.detail])).toEqual([
      [jon.member.id, { huntId: hunt.id, rank: 1, durationMs: 99, team: null }],
      [ivy.member.id, { huntId: hunt.id, rank: 2, durationMs: 200, team: null }],
    ]);
    await store.updateMemberProfile(kit.member.id, { name: "Kit renamed", look: LOOK, now: T0 });
    const view = await hunts.publicView(event);
    expect(view?.leaderboard.map((row) => [row.name, row.rank, row.found, row.memberId])).toEqual([
      ["Jon", 1, 2, jon.member.id],
      ["Ivy", 2, 2, ivy.member.id],
      ["Kit renamed", null, 1, kit.member.id],
    ]);
    expect(JSON.stringify(view)).not.toContain("5eed");
  });

  it("keeps a voucher's stock under racing scans, and redeems a voucher once at its own partner's counter", async () => {
    const { event, hunt } = await withHunt({
      clues: [real("tea", { blindBox: box({ id: "go", kind: "findNext", text: "Next!", riddle: null }, { partnerId: "teashop", text: "A pot of tea", stock: 2 }) })],
      partners: [
        { id: "teashop", name: "Tea shop", staffVersion: 1 },
        { id: "cake", name: "Cake shop", staffVersion: 1 },
      ],
    });
    const people = await Promise.all(["L", "M", "N", "O", "P"].map(actor));
    const scans = await Promise.all(people.map((person) => hunts.scan(codeOf(hunt, "tea"), person, T0)));
    expect(scans.map(outcome)).toEqual(["found", "found", "found", "found", "found"]);
    const vouchers = scans.flatMap((scan) => (scan.ok && scan.value.reward.voucher ? [scan.value.reward.voucher] : []));
    expect(vouchers).toHaveLength(2);
    expect(vouchers[0]).toMatchObject({ partnerName: "Tea shop", text: "A pot of tea", clueName: "Place tea", redeemedAt: null });
    const admin = await hunts.adminView(event);
    expect(admin?.counts.tea).toEqual({ revealed: 5, found: 5, vouchersIssued: 2, vouchersRedeemed: 0 });

    const code = vouchers[0]!.code;
    const tea = signStaffToken(key, { huntId: hunt.id, partnerId: "teashop", version: 1 });
    const cake = signStaffToken(key, { huntId: hunt.id, partnerId: "cake", version: 1 });
    const info = await hunts.staffInfo(tea);
    expect(info).toEqual({ ok: true, value: { partnerName: "Tea shop", huntTitle: "Garden", eventTitle: event.title } });
    const wrong = await hunts.redeem(cake, code, T0 + 1);
    expect(wrong.ok ? "ok" : wrong.code).toBe("WRONG_PARTNER");
    const redeemed = await hunts.redeem(tea, ` ${code} `, T0 + 2);
    expect(redeemed.ok && redeemed.value.voucher).toMatchObject({ code, redeemedAt: T0 + 2 });
    const twice = await hunts.redeem(tea, code, T0 + 3);
    expect(twice.ok ? "ok" : twice.code).toBe("ALREADY_REDEEMED");
    const racing = await Promise.all([hunts.redeem(tea, vouchers[1]!.code, T0 + 4), hunts.redeem(tea, vouchers[1]!.code, T0 + 4)]);
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    const forged = await hunts.redeem(tea, signVoucherCode(key, "ABCDEFGHIJKL"), T0 + 5);
    expect(forged.ok ? "ok" : forged.code).toBe("INVALID_VOUCHER");
    const garbage = await hunts.redeem(tea, "v1.nonsense", T0 + 5);
    expect(garbage.ok ? "ok" : garbage.code).toBe("INVALID_VOUCHER");

    // Rotating the tea shop's link: the old one stops working, the new one works.
    const rotated = await hunts.rotatePartner(event, "teashop");
    expect(rotated.ok).toBe(true);
    const old = await hunts.staffInfo(tea);
    expect(old.ok ? "ok" : old.code).toBe("INVALID_STAFF_LINK");
    const oldRedeem = await hunts.redeem(tea, code, T0 + 6);
    expect(oldRedeem.ok ? "ok" : oldRedeem.code).toBe("INVALID_STAFF_LINK");
    const fresh = rotated.ok ? rotated.value.staffLinks.teashop! : "";
    expect(fresh.startsWith("/redeem?staff=")).toBe(true);
    expect((await hunts.staffInfo(fresh.slice("/redeem?staff=".length))).ok).toBe(true);
    const unknown = await hunts.rotatePartner(event, "nobody");
    expect(unknown.ok ? "ok" : unknown.code).toBe("INVALID_REQUEST");
    const mine = await hunts.mine(event, people.find((_, i) => scans[i]!.ok && (scans[i] as { ok: true; value: ClaimResponse }).value.reward.voucher?.code === code)!.member.id);
    expect(mine?.vouchers).toEqual([expect.objectContaining({ code, redeemedAt: T0 + 2 })]);
  });

  it("refuses rotated, expired, forged and altered clue codes", async () => {
    const { event, hunt } = await withHunt({ endsAt: T0 + 10_000, clues: [real("r"), scene("s", 0, 0)] });
    const quinn = await actor("Quinn");
    const printed = codeOf(hunt, "r");
    const rotated = await hunts.rotateClue(event, "r");
    expect(rotated.ok).toBe(true);
    expect(outcome(await hunts.scan(printed, quinn, T0))).toBe("TOKEN_ROTATED");
    const reprinted = rotated.ok ? rotated.value.scanLinks.r! : "";
    expect(reprinted.startsWith("/scan/c1.")).toBe(true);
    expect(rotated.ok && rotated.value.scanLinks).not.toHaveProperty("s");
    expect(rotated.ok && rotated.value.hunt).not.toHaveProperty("seed");
    expect(await hunts.scanPath(event, "r")).toBe(reprinted);
    expect(await hunts.scanPath(event, "s")).toBeNull();
    expect(outcome(await hunts.scan(codeOf(hunt, "r", 2, T0 - 1), quinn, T0))).toBe("TOKEN_EXPIRED");
    expect(outcome(await hunts.scan(codeOf(hunt, "s"), quinn, T0))).toBe("UNKNOWN_CLUE");
    expect(outcome(await hunts.scan(codeOf(hunt, "gone"), quinn, T0))).toBe("UNKNOWN_CLUE");
    expect(outcome(await hunts.scan(signClueToken(loadOrCreateHuntKey(join(dir, "other")), { huntId: hunt.id, clueId: "r", version: 2, expiresAt: null }), quinn, T0))).toBe("INVALID_TOKEN");
    for (const hostile of ["", "c1", reprinted, `${reprinted.slice("/scan/".length)}x`, "💥".repeat(100)]) {
      expect(outcome(await hunts.scan(hostile, quinn, T0))).toBe("INVALID_TOKEN");
    }
    const rotateUnknown = await hunts.rotateClue(event, "nope");
    expect(rotateUnknown.ok ? "ok" : rotateUnknown.code).toBe("UNKNOWN_CLUE");
    expect(outcome(await hunts.scan(reprinted.slice("/scan/".length), quinn, T0))).toBe("found");
  });

  it("draws riddle guesses from the member's bucket: RATE_LIMITED with when to try again", async () => {
    const { event, hunt } = await withHunt({ clues: [real("q", { riddle: { question: "Q?", answers: ["yes"] } }), scene("s", 0, 0, { riddle: { question: "S?", answers: ["yes"] } })] });
    const rae = await actor("Rae");
    await hunts.scan(codeOf(hunt, "q"), rae, T0);
    for (let i = 0; i < RIDDLE_RATE.capacity; i += 1) expect(outcome(await hunts.answer(hunt.id, "q", `no ${i}`, rae, T0))).toBe("WRONG_ANSWER");
    const limited = await hunts.answer(hunt.id, "q", "yes", rae, T0);
    expect(limited.ok ? "ok" : limited.code).toBe("RATE_LIMITED");
    expect(limited.ok ? 0 : limited.retryAfterMs).toBeGreaterThan(0);
    // The same bucket covers the scene's riddles.
    expect(outcome(await hunts.claimScene(event, rae, "s", "yes", { x: 0, z: 0 }, T0))).toBe("RATE_LIMITED");
    // Another member has a bucket of their own.
    const sam = await actor("Sam");
    expect(outcome(await hunts.claimScene(event, sam, "s", "yes", { x: 0, z: 0 }, T0))).toBe("found");
    const later = T0 + (limited.ok ? 0 : limited.retryAfterMs!);
    expect(outcome(await hunts.answer(hunt.id, "q", "yes", rae, later))).toBe("found");
  });

  it("saves the operator's hunt, keeping its id, seed and each kept clue's and partner's version across saves and rotations", async () => {
    slugs += 1;
    const event = await store.ensureEvent({ slug: `hunt-${slugs}`, title: "Saved", now: T0 });
    const input: HuntInput = {
      title: "  Garden  ",
      order: "free",
      startsAt: null,
      endsAt: T0 + 86_400_000,
      teams: [],
      clues: [
        { id: "gate", name: "Gate", hint: "", riddle: null, points: 5, where: { kind: "real", place: "North gate", district: "", address: "" }, blindBox: null },
        { id: "lamp", name: "Lamp", hint: "", riddle: null, points: 2, where: { kind: "scene", x: 9, z: 10 }, blindBox: null },
      ],
      partners: [{ id: "tea", name: "Tea shop" }],
    };
    const saved = await hunts.save(event, input, T0);
    if (!saved.ok) throw new Error(`refused: ${saved.code}`);
    expect(saved.value.hunt).toMatchObject({ title: "Garden", eventId: event.id, order: "free" });
    expect(saved.value.hunt.clues.map((clue) => clue.tokenVersion)).toEqual([1, 1]);
    expect(Object.keys(saved.value.scanLinks)).toEqual(["gate"]);
    expect(Object.keys(saved.value.staffLinks)).toEqual(["tea"]);
    expect(saved.value.counts).toEqual({ gate: { revealed: 0, found: 0, vouchersIssued: 0, vouchersRedeemed: 0 }, lamp: { revealed: 0, found: 0, vouchersIssued: 0, vouchersRedeemed: 0 } });
    const stored = await store.getHunt(event.id);
    expect(stored?.seed).toMatch(/^[0-9a-f]{16}$/);
    await hunts.rotateClue(event, "gate");
    await hunts.rotatePartner(event, "tea");
    const again = await hunts.save(event, { ...input, clues: [...input.clues, { ...input.clues[0]!, id: "well", name: "Well" }] }, T0 + 1);
    if (!again.ok) throw new Error(`refused: ${again.code}`);
    expect(again.value.hunt.id).toBe(stored?.id);
    expect(again.value.hunt.clues.map((clue) => [clue.id, clue.tokenVersion])).toEqual([["gate", 2], ["lamp", 1], ["well", 1]]);
    expect(again.value.hunt.partners).toEqual([{ id: "tea", name: "Tea shop", staffVersion: 2 }]);
    expect((await store.getHunt(event.id))?.seed).toBe(stored?.seed);
    // A code printed for the kept version still scans after the save.
    const uma = await actor("Uma");
    expect(outcome(await hunts.scan(again.value.scanLinks.gate!.slice("/scan/".length), uma, T0 + 2))).toBe("found");
    // Racing rotations each count, and a save racing them never brings an old version back.
    await Promise.all([...Array.from({ length: 4 }, () => hunts.rotateClue(event, "lamp")), hunts.save(event, { ...input, clues: [...input.clues, { ...input.clues[0]!, id: "well", name: "Well" }] }, T0 + 2)]);
    expect((await store.getHunt(event.id))?.clues.find((clue) => clue.id === "lamp")?.tokenVersion).toBe(5);
    const backwards = await hunts.save(event, { ...input, startsAt: T0 + 10, endsAt: T0 + 5 }, T0 + 3);
    expect(backwards.ok ? "ok" : backwards.code).toBe("INVALID_REQUEST");
    expect((await store.getHunt(event.id))?.clues).toHaveLength(3);
  });

  it("logs a scan to the event's open session, or opens one that closes when idle like any other", async () => {
    const { event, hunt } = await withHunt({ clues: [real("a"), real("b")] });
    const tom = await actor("Tom");
    await hunts.scan(codeOf(hunt, "a"), tom, T0);
    const [opened] = await store.listSessions(event.id);
    expect(opened).toMatchObject({ startedAt: T0, endedAt: null });
    // Nothing else happens: the idle sweep closes it at its last activity.
    expect(await store.closeIdleSessions(T0 + 60_000, 30_000, new Set())).toBeGreaterThanOrEqual(1);
    expect((await store.getSession(opened!.id))?.endedAt).toBe(T0);
    // A room holding a session: the next find goes to it.
    const live = await store.openOrResumeSession(event.id, T0 + 70_000);
    await hunts.scan(codeOf(hunt, "b"), tom, T0 + 70_001);
    expect((await store.listInteractions(live.id)).map((row) => row.kind)).toEqual(["clueFound", "huntCompleted"]);
  });
  it("takes prototype keys as ids and team names like any other: nothing leaks into Object.prototype, the admin view lists them", async () => {
    const { event, hunt } = await withHunt({
      teams: ["__proto__", "constructor"],
      partners: [{ id: "__proto__", name: "Proto shop", staffVersion: 1 }],
      clues: [real("__proto__"), real("constructor"), real("toString")],
    });
    const pat = await actor("Pat");
    expect((await hunts.joinTeam(hunt.id, "__proto__", pat, T0)).ok).toBe(true);
    for (const clueId of ["__proto__", "constructor", "toString"]) expect(outcome(await hunts.scan(codeOf(hunt, clueId), pat, T0)), clueId).toBe("found");
    const view = await hunts.adminView(event);
    expect(Object.prototype).not.toHaveProperty("found");
    expect(Object.prototype).not.toHaveProperty("revealed");
    expect(Object.keys(view?.scanLinks ?? {}).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect(Object.keys(view?.staffLinks ?? {})).toEqual(["__proto__"]);
    expect(Object.entries(view?.counts ?? {}).map(([id, counts]) => [id, counts.found])).toEqual([["__proto__", 1], ["constructor", 1], ["toString", 1]]);
    expect(view?.completions).toBe(1);
    // The JSON the operator's page reads has them as plain keys.
    expect(Object.keys(JSON.parse(JSON.stringify(view)).counts as object)).toHaveLength(3);
    const mine = await hunts.mine(event, pat.member.id);
    expect(mine).toMatchObject({ team: "__proto__", completed: { rank: 1 } });
  });
  it("locks a member into the team once they found a clue in it, even one a teammate opened before they joined", async () => {
    const riddle = { question: "Which tree?", answers: ["Ginkgo"] };
    const { hunt } = await withHunt({ teams: ["Red", "Blue"], clues: [real("a", { riddle }), real("b")] });
    const [opener, finder] = [await actor("Opener"), await actor("Finder")];
    await hunts.joinTeam(hunt.id, "Red", opener, T0);
    expect(outcome(await hunts.scan(codeOf(hunt, "a"), opener, T0))).toBe("pending");
    await hunts.joinTeam(hunt.id, "Red", finder, T0 + 1);
    expect(outcome(await hunts.answer(hunt.id, "a", "ginkgo", finder, T0 + 2))).toBe("found");
    // Red's find is theirs: they cannot now carry the answer over to Blue and find it again there.
    const moved = await hunts.joinTeam(hunt.id, "Blue", finder, T0 + 3);
    expect(moved.ok ? moved.value.team : moved.code).toBe("TEAM_LOCKED");
    expect(await store.teamOf(hunt.id, finder.member.id)).toBe("Red");
  });
  it("refuses a hunt whose text holds a NUL (PostgreSQL cannot store one), so no team name or voucher text breaks a member's call", async () => {
    const event = await store.ensureEvent({ slug: "nul-hunt", title: "Nul", now: T0 });
    const voucher = { partnerId: "tea", text: "A pot of tea", stock: 3 };
    const clue: HuntInput["clues"][number] = {
      id: "box",
      name: "Box",
      hint: "",
      riddle: null,
      points: 1,
      where: { kind: "real", place: "Shop", district: "", address: "" },
      blindBox: { tasks: [{ id: "go", kind: "findNext", text: "Go on", riddle: null }], reward: { points: 1, badge: false, voucher } },
    };
    const input: HuntInput = { title: "Tea hunt", order: "free", startsAt: null, endsAt: null, teams: ["Red", "Blue"], clues: [clue], partners: [{ id: "tea", name: "Tea" }] };
    const saved = await hunts.save(event, input, T0);
    if (!saved.ok) throw new Error(saved.code);
    for (const broken of [
      { ...input, teams: ["Re\u0000d", "Blue"] },
      { ...input, clues: [{ ...clue, blindBox: { ...clue.blindBox!, reward: { ...clue.blindBox!.reward, voucher: { ...voucher, text: "Tea\u0000" } } } }] },
      { ...input, clues: [{ ...clue, riddle: { question: "Q", answers: ["a\u0000"] } }] },
    ]) {
      const refused = await hunts.save(event, broken, T0 + 1);
      expect(refused.ok ? "ok" : refused.code).toBe("INVALID_REQUEST");
    }
    const hunt = (await store.getHunt(event.id))!;
    expect(hunt.teams).toEqual(["Red", "Blue"]);
    const kim = await actor("Kim");
    expect((await hunts.joinTeam(hunt.id, "Red", kim, T0)).ok).toBe(true);
    const scanned = await hunts.scan(saved.value.scanLinks.box!.slice("/scan/".length), kim, T0);
    expect(scanned.ok && [scanned.value.outcome, scanned.value.reward.voucher?.text]).toEqual(["found", "A pot of tea"]);
  });
  it("checks a code before anyone is made: forged, expired, rotated, for a scene clue or a closed hunt, and a good one", async () => {
    const { hunt } = await withHunt({ startsAt: T0 + 1_000, clues: [real("a", { tokenVersion: 2 }), scene("s", 0, 0)] });
    const check = async (token: string, now = T0 + 1_000) => {
      const checked = await hunts.checkScan(token, now);
      return checked.ok ? "ok" : checked.code;
    };
    expect(await check(codeOf(hunt, "a", 2))).toBe("ok");
    expect(await check(codeOf(hunt, "a", 2), T0)).toBe("HUNT_NOT_OPEN");
    expect(await check(codeOf(hunt, "a", 1))).toBe("TOKEN_ROTATED");
    expect(await check(codeOf(hunt, "a", 2, T0 + 500))).toBe("TOKEN_EXPIRED");
    expect(await check(codeOf(hunt, "s"))).toBe("UNKNOWN_CLUE");
    expect(await check(signClueToken(key, { huntId: "gone", clueId: "a", version: 1, expiresAt: null }))).toBe("NO_HUNT");
    const good = codeOf(hunt, "a", 2);
    expect(await check(`${good.slice(0, -2)}${good.endsWith("AA") ? "BA" : "AA"}`)).toBe("INVALID_TOKEN");
  });
});
