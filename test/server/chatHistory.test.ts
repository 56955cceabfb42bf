import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { Store } from "../../server/store/index.js";
import type { ChatEvent, ChatHistoryEvent, ChatLine, JoinOptions, WelcomeEvent } from "../../shared/protocol/index.js";
import type { VenueState } from "../../shared/state/VenueState.js";
import { joinOptions, nextMessage, startTestGrove, TestClock, until, waitForState, type TestGrove, type VenueRoom } from "../helpers/grove.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";
import { freePort, startGroveProcess, type GroveProcess } from "../helpers/groveProcess.js";

/**
 * Chat history against a real server and a real database: a member joining an instance gets its latest lines from
 * the log, under the ids they went out with, and nothing from another instance; a restart loses none of them;
 * rows that do not parse never cost a join.
 */
interface Entered {
  room: VenueRoom;
  welcome: WelcomeEvent;
  history: ChatLine[];
}

/** Joins and waits for both the welcome and the history that follows it. */
async function enter(url: string, overrides: Partial<JoinOptions> = {}): Promise<Entered> {
  const room = await new Client(url).joinOrCreate<VenueState>("venue", joinOptions(overrides));
  const [welcome, history] = await Promise.all([nextMessage<WelcomeEvent>(room, "welcome"), nextMessage<ChatHistoryEvent>(room, "chatHistory")]);
  await waitForState(room, (s) => s.members.has(room.sessionId));
  return { room, welcome, history: history.lines };
}

/** Sends a line and waits for its echo (others' lines may arrive first): the line as everyone in the instance got it. */
function say(room: VenueRoom, text: string): Promise<ChatEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no echo of "${text}"`)), 5000);
    const off = room.onMessage("chat", (line: ChatEvent) => {
      if (line.sessionId !== room.sessionId || line.text !== text) return;
      clearTimeout(timer);
      off();
      resolve(line);
    });
    room.send("chat", { text });
  });
}

function asHistory({ sessionId: _connection, ...line }: ChatEvent): ChatLine {
  return line;
}

describe.each(databaseTargets("grove_chat_history"))("chat history on %s", (_name, makeTarget) => {
  let target: DatabaseTarget;
  let grove: TestGrove;
  const clock = new TestClock();
  beforeAll(async () => {
    target = await makeTarget();
    grove = await startTestGrove({ databaseUrl: target.url, now: clock.now });
  });
  afterEach(() => clock.release());
  afterAll(async () => {
    await grove.dispose();
    await target.cleanup();
  });

  it("gives a late joiner the last 50 of 60 lines, oldest first, with the ids, names and times they were said with", async () => {
    await grove.store.ensureEvent({ slug: "talk", title: "Talk", now: Date.now() });
    const ada = await enter(grove.url, { eventSlug: "talk", name: "Ada" });
    const bo = await enter(grove.url, { eventSlug: "talk", name: "Bo" });
    expect(ada.history).toEqual([]);
    clock.freeze();
    const said: ChatEvent[] = [];
    for (let i = 0; i < 60; i++) {
      // A second between lines refills each speaker's chat budget, and gives every line a time of its own.
      clock.advance(1000);
      said.push(await say(i % 2 === 0 ? ada.room : bo.room, `line ${i}`));
    }
    const late = await enter(grove.url, { eventSlug: "talk", name: "Cy" });
    expect(late.history).toEqual(said.slice(10).map(asHistory));
    expect(late.history[0]).toMatchObject({ text: "line 10", name: "Ada", memberId: ada.welcome.memberId });
    expect(late.history[1]).toMatchObject({ text: "line 11", name: "Bo", memberId: bo.welcome.memberId });
    for (const { room } of [ada, bo, late]) await room.leave();
  });

  it("keeps each instance's history to itself", async () => {
    await grove.store.ensureEvent({ slug: "pairs", title: "Pairs", capacity: 2, now: Date.now() });
    // Two seats an instance: Ann and Ben fill the first, Cat opens the second, Dee joins Cat.
    const ann = await enter(grove.url, { eventSlug: "pairs", name: "Ann" });
    const ben = await enter(grove.url, { eventSlug: "pairs", name: "Ben" });
    const cat = await enter(grove.url, { eventSlug: "pairs", name: "Cat" });
    expect(cat.room.roomId).not.toBe(ann.room.roomId);
    await say(ann.room, "in the first");
    const second = await say(cat.room, "in the second");
    await say(ben.room, "first again");
    const dee = await enter(grove.url, { eventSlug: "pairs", name: "Dee" });
    expect(dee.room.roomId).toBe(cat.room.roomId);
    expect(dee.history).toEqual([asHistory(second)]);
    for (const { room } of [ann, ben, cat, dee]) await room.leave();
  });

  it("passes over rows that do not parse, and names a line logged without its id or name by its row and member", async () => {
    await grove.store.ensureEvent({ slug: "odd", title: "Odd", now: Date.now() });
    const ada = await enter(grove.url, { eventSlug: "odd", name: "Ada" });
    const first = await say(ada.room, "before the odd rows");
    const sessionId = ada.welcome.liveSessionId;
    await until(async () => (await grove.store.listInteractions(sessionId)).some((i) => i.kind === "chat"), "the line to be logged");
    const row = (detail: string) => ({ session_id: sessionId, member_id: ada.welcome.memberId, kind: "chat", at: first.at + 1, points: 0, detail, seq: null });
    await grove.store.db
      .insertInto("interactions")
      .values([
        row("not json {"),
        row("null"),
        row("[]"),
        row(JSON.stringify({ text: "", instance: 1 })),
        row(JSON.stringify({ text: "x".repeat(501), instance: 1 })),
        row(JSON.stringify({ text: "wrong instance type", instance: "1" })),
        row(JSON.stringify({ text: "extra field", instance: 1, html: "<script>" })),
        row(JSON.stringify({ text: "another instance", instance: 2 })),
        row(JSON.stringify({ text: "no instance" })),
        row(JSON.stringify({ text: "an old row", instance: 1 })),
      ])
      .execute();
    const oldRow = await grove.store.db.selectFrom("interactions").select("id").where("session_id", "=", sessionId).orderBy("id", "desc").executeTakeFirstOrThrow();

    const bo = await enter(grove.url, { eventSlug: "odd", name: "Bo" });
    expect(bo.history).toEqual([asHistory(first), { id: `log-${Number(oldRow.id)}`, memberId: ada.welcome.memberId, name: "Ada", text: "an old row", at: first.at + 1 }]);
    // The room carries on as before.
    expect((await say(bo.room, "still here")).text).toBe("still here");
    for (const { room } of [ada, bo]) await room.leave();
  });
});

describe.each(databaseTargets("grove_chat_history_restart"))("chat history after a killed server starts again on %s", (_name, makeTarget) => {
  const dir = mkdtempSync(join(tmpdir(), "grove-chat-history-"));
  const sqlitePath = join(dir, "grove.sqlite");
  let target: DatabaseTarget;
  let server: GroveProcess | null = null;
  beforeAll(async () => {
    target = await makeTarget();
  });
  afterAll(async () => {
    await server?.stop("SIGTERM");
    await target.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives a member coming back the lines said before the kill, under the same ids", async () => {
    const port = await freePort();
    const env = { GROVE_ADMIN_TOKEN: "operator-token-for-the-chat-history-test", GROVE_SECRET: "a-signing-secret-for-the-chat-history-test", ...(target.url ? { DATABASE_URL: target.url } : {}) };
    server = await startGroveProcess({ port, sqlitePath, env });
    const ada = await enter(server.url, { name: "Ada" });
    const said = [await say(ada.room, "one"), await say(ada.room, "two"), await say(ada.room, "三")];
    // The lines are logged before the kill: wait for them in the database the next process will read.
    const probe = await Store.open(target.url ? { databaseUrl: target.url } : { sqlitePath });
    await until(async () => (await probe.listInteractions(ada.welcome.liveSessionId)).filter((i) => i.kind === "chat").length === 3, "the lines to be logged");
    await probe.close();

    const dropped = new Promise<number>((resolve) => ada.room.onLeave((code) => resolve(code)));
    expect(await server.stop("SIGKILL")).toBeNull();
    await dropped;
    server = await startGroveProcess({ port, sqlitePath, env });
    const back = await enter(server.url, { name: "Ada", memberId: ada.welcome.memberId, secret: ada.welcome.secret });
    expect(back.welcome.liveSessionId).toBe(ada.welcome.liveSessionId);
    expect(back.history).toEqual(said.map(asHistory));
    await back.room.leave();
  });
});
