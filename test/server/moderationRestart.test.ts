import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { startGrove, type Grove } from "../../server/app.js";
import { GENEROUS_JOIN_LIMITS, joinOptions, joinOutcome, until } from "../helpers/grove.js";
import { takeModerationSeat, untilModeration, untilModerationHost, untilModerationMine, type ModerationSeat } from "../helpers/moderation.js";
import { act, expectRefused } from "../helpers/salon.js";

/**
 * A server stopped mid-session and started again on the same database: moderation comes back as the log rebuilds it
 * (mutes, the removal, the lock, slow mode, deleted lines, the queue, private replies, the word list), the door still
 * refuses whom it refused, and members coming back find their own part.
 */
const dir = mkdtempSync(join(tmpdir(), "grove-moderation-restart-"));
const options = { port: 0, sqlitePath: join(dir, "grove.sqlite"), quiet: true, joinLimits: GENEROUS_JOIN_LIMITS, operatorToken: "t".repeat(32), secret: "s".repeat(32) };
let running: Grove | null = null;

afterAll(async () => {
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("a restart in the middle of a moderated session", () => {
  it("rebuilds moderation from the log: every view as it was, the door as it was, and each member's own part", async () => {
    running = await startGrove(options);
    const eventId = (await running.store.getEventBySlug("demo"))!.id;
    const enter = (grove: Grove, name: string, extra: { hostToken?: string; memberId?: string; secret?: string } = {}): Promise<ModerationSeat> =>
      takeModerationSeat(new Client(grove.url), { name, ...extra });
    const say = async (seat: ModerationSeat, text: string) => {
      const before = seat.chats.length;
      seat.room.send("chat", { text });
      await until(() => seat.chats.length > before, `${text} to go out`);
      return seat.chats.at(-1)!;
    };

    const host = await enter(running, "Host", { hostToken: running.hostTokens.issue(eventId).token });
    const ann = await enter(running, "Ann");
    const bo = await enter(running, "Bo");
    await act(host, "setWords", { add: ["durian"], remove: [] }, () => host.moderationHost?.words !== null);
    const stuck = await say(ann, "my audio doesn't work, can anyone help?");
    const queued = await untilModerationHost(host, (view) => view.queue.length === 1);
    await act(host, "whisper", { memberId: ann.memberId, text: "Try another browser", flagId: queued.queue[0]!.id }, () => ann.moderationMine?.whispers.length === 1);
    const spam = await say(bo, "spam spam spam");
    await act(host, "deleteLine", { lineId: spam.id }, () => ann.moderation?.deleted.includes(spam.id) === true);
    await act(host, "muteMember", { memberId: ann.memberId, minutes: null, note: "a break" }, () => ann.moderationMine?.muted !== null);
    await act(host, "setSlowMode", { seconds: 20 }, () => ann.moderation?.slowModeSeconds === 20);
    await act(host, "removeMember", { memberId: bo.memberId }, () => bo.closedWith !== undefined);
    await act(host, "lockSession", { locked: true }, () => ann.moderation?.locked === true);
    await untilModerationHost(host, (view) => view.log[0]?.action === "lock");
    const before = { public: ann.moderation!, mine: ann.moderationMine!, host: host.moderationHost! };
    const sessionId = ann.welcome.liveSessionId;
    await running.stop();
    running = null;

    running = await startGrove(options);
    const hostBack = await enter(running, "Host", { hostToken: running.hostTokens.issue(eventId).token, memberId: host.memberId, secret: host.welcome.secret });
    // Ann joined before the lock: she comes back in.
    const annBack = await enter(running, "Ann", { memberId: ann.memberId, secret: ann.welcome.secret });
    expect(annBack.welcome.liveSessionId).toBe(sessionId);
    expect(annBack.moderation).toEqual(before.public);
    expect(annBack.moderationMine).toEqual(before.mine);
    expect(hostBack.moderationHost).toEqual(before.host);
    // The deleted line stays out of the history; Ann's line is there.
    expect(annBack.history?.lines.map((line) => line.id)).toEqual([stuck.id]);

    // The door refuses whom it refused: the removed identity, and a newcomer while locked.
    const url = running.url;
    expect(await joinOutcome(new Client(url), joinOptions({ name: "Bo", memberId: bo.memberId, secret: bo.welcome.secret }))).toBe("REMOVED");
    expect(await joinOutcome(new Client(url), joinOptions({ name: "Newcomer" }))).toBe("LOCKED");
    // Ann is still muted (for the session); the word list still holds.
    await expectRefused(annBack, "chat", { text: "hello?" }, "MUTED");
    expect((await say(hostBack, "durian for everyone")).text).toBe("*** for everyone");
    // And moderation goes on where it was: unmuted, Ann talks again; the numbering continues.
    await act(hostBack, "unmuteMember", { memberId: ann.memberId }, () => annBack.moderationMine?.muted === null);
    await untilModeration(annBack, (view) => view.locked);
    await untilModerationMine(annBack, (mine) => mine.whispers.length === 1);
    expect((await say(annBack, "thanks, it works now")).text).toBe("thanks, it works now");
    const seqs = (await running.store.listSessionCommands(sessionId)).map((c) => c.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    await Promise.all([hostBack.room.leave(), annBack.room.leave()]);
    await until(async () => (await running!.store.getSession(sessionId))?.endedAt !== null, "the session to end");
  });
});
