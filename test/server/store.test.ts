import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../server/store/index.js";

const look = { color: "#e4572e", shape: "round", accessory: "hat" } as const;

/** The same behaviour on every database Grove supports: SQLite always, PostgreSQL when DATABASE_URL is set. */
const targets: Array<[string, () => Promise<{ store: Store; cleanup: () => Promise<void> }>]> = [
  ["sqlite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "grove-store-"));
    const store = await Store.open({ sqlitePath: join(dir, "grove.sqlite") });
    return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }],
];
const databaseUrl = process.env.DATABASE_URL;
// CI sets GROVE_REQUIRE_POSTGRES so that a missing database fails loudly instead of quietly testing SQLite only.
if (process.env.GROVE_REQUIRE_POSTGRES && !databaseUrl) throw new Error("GROVE_REQUIRE_POSTGRES is set but DATABASE_URL is not");
if (databaseUrl) {
  targets.push(["postgres", async () => {
    const store = await Store.open({ databaseUrl });
    // Each run starts from an empty schema so the tests see only their own rows.
    for (const table of ["interactions", "presence", "sessions", "events", "members", "grove_migrations", "grove_migrations_lock"]) {
      await store.db.schema.dropTable(table).ifExists().cascade().execute();
    }
    await store.migrate();
    return { store, cleanup: () => store.close() };
  }]);
}

describe.each(targets)("store on %s", (dialect, open) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await open());
  });
  afterAll(async () => {
    await cleanup();
  });

  it("reports itself healthy with its dialect", async () => {
    expect(await store.health()).toEqual({ ok: true, dialect });
  });

  it("migrates twice without harm", async () => {
    await store.migrate();
    expect((await store.health()).ok).toBe(true);
  });

  it("issues members whose secret authenticates them and nobody else", async () => {
    const a = await store.createMember({ name: "Ada", look, now: 1000 });
    const b = await store.createMember({ name: "Bo", look, now: 1001 });
    expect(a.id).not.toBe(b.id);
    expect(a.secret).not.toBe(b.secret);
    expect((await store.authenticateMember(a.id, a.secret))?.name).toBe("Ada");
    expect(await store.authenticateMember(a.id, b.secret)).toBeUndefined();
    expect(await store.authenticateMember("nobody", a.secret)).toBeUndefined();
    const raw = await store.db.selectFrom("members").select("secret_hash").where("id", "=", a.id).executeTakeFirstOrThrow();
    expect(raw.secret_hash).not.toContain(a.secret);
  });

  it("updates a member's name and look", async () => {
    const m = await store.createMember({ name: "Old", look, now: 1 });
    await store.updateMemberProfile(m.id, { name: "新名字", look: { ...look, accessory: "halo" }, now: 2 });
    expect(await store.getMember(m.id)).toMatchObject({ name: "新名字", look: { accessory: "halo" }, lastSeenAt: 2, createdAt: 1 });
  });

  it("creates an event once per slug", async () => {
    const first = await store.ensureEvent({ slug: "salon", title: "Salon", now: 5 });
    const again = await store.ensureEvent({ slug: "salon", title: "Renamed", now: 6 });
    expect(again).toEqual(first);
    expect((await store.listEvents()).filter((e) => e.slug === "salon")).toHaveLength(1);
  });

  it("records sessions, presence and an append-only interaction log with exact times", async () => {
    const event = await store.ensureEvent({ slug: "log", title: "Log", now: 0 });
    const member = await store.createMember({ name: "M", look, now: 0 });
    const session = await store.openSession(event.id, 1_700_000_000_000);
    const presence = await store.recordJoin(session.id, member.id, 1_700_000_000_100);
    await store.appendInteraction({ sessionId: session.id, memberId: member.id, kind: "chat", at: 1_700_000_000_200, detail: { text: "你好" } });
    await store.appendInteraction({ sessionId: session.id, memberId: member.id, kind: "reaction", at: 1_700_000_000_300, points: 2 });
    await store.recordLeave(presence, 1_700_000_000_400);
    await store.recordLeave(presence, 1_700_000_009_999);
    await store.closeSession(session.id, 1_700_000_000_500);
    expect(await store.listInteractions(session.id)).toMatchObject([
      { kind: "chat", at: 1_700_000_000_200, points: 0, detail: { text: "你好" } },
      { kind: "reaction", at: 1_700_000_000_300, points: 2, detail: {} },
    ]);
    expect(await store.listPresence(session.id)).toMatchObject([{ memberId: member.id, joinedAt: 1_700_000_000_100, leftAt: 1_700_000_000_400 }]);
    expect(await store.getSession(session.id)).toMatchObject({ startedAt: 1_700_000_000_000, endedAt: 1_700_000_000_500 });
  });

  it("closes sessions a crashed process left open at their last activity", async () => {
    const event = await store.ensureEvent({ slug: "crash", title: "Crash", now: 0 });
    const member = await store.createMember({ name: "C", look, now: 0 });
    const session = await store.openSession(event.id, 10_000);
    await store.recordJoin(session.id, member.id, 10_100);
    await store.appendInteraction({ sessionId: session.id, memberId: member.id, kind: "chat", at: 12_345 });
    expect(await store.closeAbandonedSessions()).toBeGreaterThanOrEqual(1);
    expect((await store.getSession(session.id))?.endedAt).toBe(12_345);
    expect((await store.listPresence(session.id))[0]?.leftAt).toBe(12_345);
  });

  it("records a leave at the session's end for every member a killed process left inside, and only for them", async () => {
    const event = await store.ensureEvent({ slug: "killed", title: "Killed", now: 0 });
    const stayed = await store.createMember({ name: "Stayed", look, now: 0 });
    const left = await store.createMember({ name: "Left", look, now: 0 });
    const session = await store.openSession(event.id, 20_000);
    await store.recordJoin(session.id, stayed.id, 20_100);
    const presence = await store.recordJoin(session.id, left.id, 20_200);
    await store.appendInteraction({ sessionId: session.id, memberId: left.id, kind: "leave", at: 20_900 });
    await store.recordLeave(presence, 20_900);
    await store.closeAbandonedSessions();
    const leaves = (await store.listInteractions(session.id)).filter((i) => i.kind === "leave");
    expect(leaves).toMatchObject([
      { memberId: left.id, at: 20_900, detail: {} },
      { memberId: stayed.id, at: 20_900, detail: { reason: "abandoned" } },
    ]);
    expect((await store.listPresence(session.id)).map((p) => [p.memberId, p.leftAt])).toEqual([[stayed.id, 20_900], [left.id, 20_900]]);
    // A second start finds nothing left to close and writes nothing twice.
    await store.closeAbandonedSessions();
    expect((await store.listInteractions(session.id)).filter((i) => i.kind === "leave")).toHaveLength(2);
  });

  it("refuses an interaction for a member that does not exist", async () => {
    const event = await store.ensureEvent({ slug: "fk", title: "FK", now: 0 });
    const session = await store.openSession(event.id, 0);
    await expect(store.appendInteraction({ sessionId: session.id, memberId: "ghost", kind: "chat", at: 1 })).rejects.toThrow();
  });
});
