import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store, type ClaimInput } from "../../server/store/index.js";
import type { Hunt } from "../../shared/rules/hunt/types.js";
import { REACTIONS } from "../../shared/protocol/intents.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";

const LOOK = { color: "#e4572e", shape: "round", accessory: "hat" } as const;

function huntFor(eventId: string, id: string): Hunt {
  return {
    id,
    eventId,
    title: "Lanterns",
    order: "free",
    startsAt: null,
    endsAt: null,
    teams: [],
    clues: [
      { id: "c1", name: "Gate", hint: "", riddle: null, points: 5, where: { kind: "scene", x: 1, z: 1 }, blindBox: null, tokenVersion: 1 },
      { id: "c2", name: "Tea", hint: "", riddle: null, points: 5, where: { kind: "real", place: "Tea house", district: "", address: "" }, blindBox: null, tokenVersion: 1 },
    ],
    partners: [{ id: "p1", name: "Tea house", staffVersion: 1 }],
    seed: "ab12",
  };
}

/**
 * The hunt's store on every database Grove supports: one hunt per event, claims credited once under races,
 * completions once per claimer in insertion order, teams and their lock, vouchers whose stock holds under racing
 * issues, redemption once, and the counts and log lookups the service reads.
 */
describe.each(databaseTargets("grove_hunt_store_test"))("the hunt's store on %s", (_dialect, database) => {
  let target: DatabaseTarget;
  let store: Store;
  let dir = "";
  let eventId = "";
  let huntId = "";

  beforeAll(async () => {
    target = await database();
    dir = mkdtempSync(join(tmpdir(), "grove-hunt-store-"));
    store = await Store.open(target.url ? { databaseUrl: target.url } : { sqlitePath: join(dir, "grove.sqlite") });
    eventId = (await store.ensureEvent({ slug: "lanterns", title: "Lanterns", now: 0 })).id;
    huntId = (await store.saveHunt(huntFor(eventId, "h1"), 1)).id;
  });

  afterAll(async () => {
    await store?.close();
    await target?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const member = async (name: string) => (await store.createMember({ name, look: LOOK, now: 0 })).id;
  const claim = (memberId: string, clueId: string, at: number, extra: Partial<ClaimInput> = {}): ClaimInput => ({
    huntId,
    clueId,
    claimer: `member:${memberId}`,
    memberId,
    at,
    channel: "scan",
    taskId: null,
    sessionId: null,
    ...extra,
  });

  it("keeps one hunt per event, found by event and by id, and keeps its id when saved again", async () => {
    expect(await store.getHunt(eventId)).toEqual(huntFor(eventId, "h1"));
    expect(await store.getHuntById("h1")).toEqual(huntFor(eventId, "h1"));
    const renamed = { ...huntFor(eventId, "other"), title: "Lanterns II" };
    const saved = await store.saveHunt(renamed, 2);
    expect(saved.id).toBe("h1");
    expect(saved.title).toBe("Lanterns II");
    expect((await store.getHunt(eventId))?.title).toBe("Lanterns II");
    expect(await store.getHuntById("other")).toBeUndefined();
    const otherEvent = (await store.ensureEvent({ slug: "no-hunt", title: "None", now: 0 })).id;
    expect(await store.getHunt(otherEvent)).toBeUndefined();
  });

  it("changes a hunt in one transaction: keeps nothing when told so, and its stored id whatever the change says", async () => {
    const untouched = await store.updateHunt(eventId, 5, (current) => ({ hunt: null, result: current?.title }));
    expect(untouched).toBe("Lanterns II");
    const written = await store.updateHunt(eventId, 6, (current) => ({ hunt: { ...current!, id: "renamed", title: "Lanterns III" }, result: "written" }));
    expect(written).toBe("written");
    expect(await store.getHunt(eventId)).toMatchObject({ id: "h1", title: "Lanterns III" });
    const none = (await store.ensureEvent({ slug: "update-none", title: "U", now: 0 })).id;
    expect(await store.updateHunt(none, 7, (current) => ({ hunt: null, result: current === undefined }))).toBe(true);
    expect(await store.getHunt(none)).toBeUndefined();
  });

  it("credits a found-at-once claim to exactly one of many racing calls", async () => {
    const ada = await member("Ada");
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.insertFoundClaim(claim(ada, "c1", 100 + i, { channel: "scene" }))));
    expect(results.filter(Boolean)).toHaveLength(1);
    const claims = await store.huntClaims(huntId, `member:${ada}`);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ clueId: "c1", status: "found", channel: "scene", memberId: ada });
    expect(claims[0]!.foundAt).toBe(claims[0]!.revealedAt);
  });

  it("reveals a claim once (a rescan returns the first) and marks it found once under racing answers", async () => {
    const bo = await member("Bo");
    const first = await store.revealClaim(claim(bo, "c2", 200, { taskId: "t1" }));
    expect(first.inserted).toBe(true);
    expect(first.claim).toMatchObject({ status: "revealed", revealedAt: 200, foundAt: null, taskId: "t1" });
    const again = await store.revealClaim(claim(bo, "c2", 300, { taskId: "t2" }));
    expect(again.inserted).toBe(false);
    expect(again.claim).toMatchObject({ revealedAt: 200, taskId: "t1" });
    // A found-at-once insert cannot overwrite a revealed claim either.
    expect(await store.insertFoundClaim(claim(bo, "c2", 310))).toBe(false);
    const marks = await Promise.all(Array.from({ length: 6 }, () => store.markFound({ huntId, clueId: "c2", claimer: `member:${bo}`, memberId: bo, now: 400, sessionId: null })));
    expect(marks.filter(Boolean)).toHaveLength(1);
    expect((await store.huntClaims(huntId, `member:${bo}`))[0]).toMatchObject({ status: "found", foundAt: 400 });
    expect(await store.markFound({ huntId, clueId: "c2", claimer: `member:${bo}`, memberId: bo, now: 500, sessionId: null })).toBe(false);
  });

  it("records a completion once per claimer and keeps insertion order for ties of time", async () => {
    const fresh = await store.saveHunt(huntFor((await store.ensureEvent({ slug: "completions", title: "C", now: 0 })).id, "h2"), 0);
    const racing = await Promise.all(Array.from({ length: 5 }, () => store.recordCompletion({ huntId: fresh.id, claimer: "member:x", at: 1000, durationMs: 50 })));
    expect(racing.filter(Boolean)).toHaveLength(1);
    expect(await store.recordCompletion({ huntId: fresh.id, claimer: "member:y", at: 1000, durationMs: 70 })).toBe(true);
    const rows = await store.huntCompletions(fresh.id);
    expect(rows.map((row) => row.claimer)).toEqual(["member:x", "member:y"]);
    expect(rows[0]!.seq).toBeLessThan(rows[1]!.seq);
    expect(rows[0]).toMatchObject({ at: 1000, durationMs: 50 });
  });

  it("puts a member in a team, lets them switch until their team claims, then locks them", async () => {
    const teamEvent = (await store.ensureEvent({ slug: "teams", title: "T", now: 0 })).id;
    const teamHunt = await store.saveHunt({ ...huntFor(teamEvent, "h3"), teams: ["Red", "Blue"] }, 0);
    const [cy, di] = [await member("Cy"), await member("Di")];
    const claimer = (team: string) => `team:${team}`;
    expect(await store.teamOf(teamHunt.id, cy)).toBeNull();
    expect(await store.joinTeam({ huntId: teamHunt.id, memberId: cy, team: "Red", now: 10, currentClaimer: claimer })).toBe("joined");
    expect(await store.joinTeam({ huntId: teamHunt.id, memberId: cy, team: "Red", now: 11, currentClaimer: claimer })).toBe("same");
    expect(await store.joinTeam({ huntId: teamHunt.id, memberId: cy, team: "Blue", now: 12, currentClaimer: claimer })).toBe("joined");
    expect(await store.teamMembership(teamHunt.id, cy)).toEqual({ team: "Blue", joinedAt: 12 });
    await store.joinTeam({ huntId: teamHunt.id, memberId: di, team: "Blue", now: 13, currentClaimer: claimer });
    expect(await store.teamMembers(teamHunt.id, "Blue")).toEqual([cy, di]);
    // Di claims for Blue: Cy (in Blue when it claimed) can no longer switch.
    await store.insertFoundClaim({ huntId: teamHunt.id, clueId: "c1", claimer: "team:Blue", memberId: di, at: 20, channel: "scene", taskId: null, sessionId: null });
    expect(await store.joinTeam({ huntId: teamHunt.id, memberId: cy, team: "Red", now: 30, currentClaimer: claimer })).toBe("locked");
    expect(await store.teamOf(teamHunt.id, cy)).toBe("Blue");
    expect(await store.teamMembers(teamHunt.id, "Red")).toEqual([]);
  });

  it("issues vouchers up to the stock under racing issues, one per member, and redeems each once", async () => {
    const voucherEvent = (await store.ensureEvent({ slug: "vouchers", title: "V", now: 0 })).id;
    const voucherHunt = await store.saveHunt(huntFor(voucherEvent, "h4"), 0);
    const people = await Promise.all(["A", "B", "C", "D", "E", "F"].map(member));
    const issue = (memberId: string, i: number) =>
      store.issueVoucher({ id: `VOUCHER${String(i).padStart(5, "A")}`, huntId: voucherHunt.id, clueId: "c2", partnerId: "p1", memberId, text: "Tea", issuedAt: 50 + i, stock: 3 });
    const results = await Promise.all(people.map((id, i) => issue(id, i)));
    const issued = results.filter((r) => r !== "outOfStock");
    expect(issued).toHaveLength(3);
    expect(results.filter((r) => r === "outOfStock")).toHaveLength(3);
    // One per member: asking again gives the same voucher back, even with the stock gone.
    const holder = issued[0]!;
    const again = await store.issueVoucher({ id: "ANOTHERIDXXX", huntId: voucherHunt.id, clueId: "c2", partnerId: "p1", memberId: holder.memberId, text: "Tea", issuedAt: 99, stock: 3 });
    expect(again).toEqual(holder);
    expect(await store.voucherById(holder.id)).toEqual(holder);
    expect(await store.memberVouchers(voucherHunt.id, holder.memberId)).toEqual([holder]);
    const redeems = await Promise.all([store.redeemVoucher(holder.id, 500), store.redeemVoucher(holder.id, 501)]);
    expect(redeems.filter(Boolean)).toHaveLength(1);
    expect((await store.voucherById(holder.id))?.redeemedAt).not.toBeNull();
    expect(await store.redeemVoucher("NOSUCHVOUCHR", 600)).toBe(false);
    const counts = await store.huntCounts(voucherHunt.id);
    expect(counts.clues.c2).toEqual({ revealed: 0, found: 0, vouchersIssued: 3, vouchersRedeemed: 1 });
  });

  it("counts claims per clue and completions", async () => {
    const counts = await store.huntCounts(huntId);
    expect(counts.clues.c1).toEqual({ revealed: 1, found: 1, vouchersIssued: 0, vouchersRedeemed: 0 });
    expect(counts.clues.c2).toEqual({ revealed: 1, found: 1, vouchersIssued: 0, vouchersRedeemed: 0 });
    expect(counts.completions).toBe(0);
  });

  it("tells whether a member acted in the event's sessions since a time, of some kinds or of any but some", async () => {
    const ed = await member("Ed");
    const session = await store.openOrResumeSession(eventId, 1000);
    await store.appendInteraction({ sessionId: session.id, memberId: ed, kind: "clueFound", at: 1100, detail: { huntId, clueId: "c1", name: "Gate", points: 5, channel: "scan", team: null, blindBox: false, badge: false } });
    expect(await store.memberActedSince(eventId, ed, 1000, { except: ["clueFound", "huntCompleted"] })).toBe(false);
    expect(await store.memberActedSince(eventId, ed, 1000, ["clueFound"])).toBe(true);
    await store.appendInteraction({ sessionId: session.id, memberId: ed, kind: "reaction", at: 1200, detail: { emoji: REACTIONS[0] } });
    expect(await store.memberActedSince(eventId, ed, 1000, { except: ["clueFound", "huntCompleted"] })).toBe(true);
    expect(await store.memberActedSince(eventId, ed, 1201, { except: ["clueFound", "huntCompleted"] })).toBe(false);
    expect(await store.memberActedSince(eventId, ed, 0, ["checkedIn"])).toBe(false);
    expect(await store.memberActedSince(eventId, ed, 0, [])).toBe(false);
    const names = await store.memberNames([ed, ed, "nobody"]);
    expect([...names.entries()]).toEqual([[ed, "Ed"]]);
  });
});
