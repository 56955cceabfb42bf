import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../server/store/index.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";

const look = { color: "#e4572e", shape: "round", accessory: "hat" } as const;

/** The store's reads for the salon, on every database Grove supports: who joined a session, and check-in streaks. */
describe.each(databaseTargets("grove_salon_store_test"))("the salon's store reads on %s", (_dialect, database) => {
  let target: DatabaseTarget;
  let store: Store;
  let dir = "";

  beforeAll(async () => {
    target = await database();
    dir = mkdtempSync(join(tmpdir(), "grove-salon-store-"));
    store = await Store.open(target.url ? { databaseUrl: target.url } : { sqlitePath: join(dir, "grove.sqlite") });
  });

  afterAll(async () => {
    await store?.close();
    await target?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs one session of `eventId` from `at` to `at + 10`, in which `checkers` check in. */
  async function session(eventId: string, at: number, checkers: string[]): Promise<string> {
    const { id } = await store.openOrResumeSession(eventId, at);
    for (const memberId of checkers) {
      await store.appendInteraction({ sessionId: id, memberId, at: at + 1, kind: "checkedIn", detail: { checkInId: "c1", text: "", name: "x", streak: 1 }, seq: checkers.indexOf(memberId) + 1 });
    }
    await store.closeSession(id, at + 10);
    return id;
  }

  it("finds a member who joined the session, under their current name, and nobody else", async () => {
    const event = await store.ensureEvent({ slug: "who-came", title: "Who came", now: 0 });
    const ann = await store.createMember({ name: "Ann", look, now: 0 });
    const bo = await store.createMember({ name: "Bo", look, now: 0 });
    const { id } = await store.openOrResumeSession(event.id, 1);
    const presence = await store.recordJoin(id, ann.id, 2);
    await store.recordLeave(presence, 3);
    await store.updateMemberProfile(ann.id, { name: "Ann Lee", look, now: 4 });
    expect(await store.sessionMember(id, ann.id)).toEqual({ memberId: ann.id, name: "Ann Lee" });
    expect(await store.sessionMember(id, bo.id)).toBeUndefined();
    expect(await store.sessionMember("no-such-session", ann.id)).toBeUndefined();
    await store.closeSession(id, 5);
  });

  it("says, for the event's earlier sessions newest first, whether the member checked in at each", async () => {
    const event = await store.ensureEvent({ slug: "streaks", title: "Streaks", now: 0 });
    const other = await store.ensureEvent({ slug: "elsewhere", title: "Elsewhere", now: 0 });
    const ann = (await store.createMember({ name: "Ann", look, now: 0 })).id;
    const bo = (await store.createMember({ name: "Bo", look, now: 0 })).id;
    await session(event.id, 100, [ann]);
    await session(event.id, 200, [bo]);
    await session(other.id, 250, [ann]);
    await session(event.id, 300, [ann, bo]);
    await session(event.id, 400, [ann]);
    const now = (await store.openOrResumeSession(event.id, 500)).id;
    expect(await store.checkInHistory(now, ann, 10)).toEqual([true, true, false, true]);
    expect(await store.checkInHistory(now, bo, 10)).toEqual([false, true, true, false]);
    expect(await store.checkInHistory(now, ann, 2)).toEqual([true, true]);
    expect(await store.checkInHistory("no-such-session", ann, 10)).toEqual([]);
    // Another member's check-in, or this session's own, never counts as an earlier one.
    await store.appendInteraction({ sessionId: now, memberId: bo, at: 501, kind: "checkedIn", detail: { checkInId: "c1", text: "", name: "Bo", streak: 1 }, seq: 1 });
    expect(await store.checkInHistory(now, bo, 10)).toEqual([false, true, true, false]);
    await store.closeSession(now, 600);
  });
});
