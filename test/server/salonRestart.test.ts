import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { startGrove, type Grove } from "../../server/app.js";
import { GENEROUS_JOIN_LIMITS, until, waitForState } from "../helpers/grove.js";
import { act, takeSeat, untilHost, untilMine, type Seat } from "../helpers/salon.js";

/**
 * A server stopped mid-salon and started again on the same database: the salon comes back as the log rebuilds it
 * (the poll and its votes, the queue, questions, experts, the check-in), and members coming back find their part.
 */
const dir = mkdtempSync(join(tmpdir(), "grove-salon-restart-"));
const options = { port: 0, sqlitePath: join(dir, "grove.sqlite"), quiet: true, joinLimits: GENEROUS_JOIN_LIMITS, operatorToken: "t".repeat(32), secret: "s".repeat(32) };
let running: Grove | null = null;

afterAll(async () => {
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("a restart in the middle of a salon", () => {
  it("rebuilds the salon from the log: every view as it was, and each member's own part", async () => {
    running = await startGrove(options);
    const eventId = (await running.store.getEventBySlug("demo"))!.id;
    const hostToken = running.hostTokens.issue(eventId).token;
    const enter = (grove: Grove, name: string, extra: { hostToken?: string; memberId?: string; secret?: string } = {}): Promise<Seat> =>
      takeSeat(new Client(grove.url), { name, ...extra });

    const host = await enter(running, "Host", { hostToken });
    const ann = await enter(running, "Ann");
    await act(host, "openPoll", { kind: "single", question: "Stay or go?", options: ["Stay", "Go"] }, () => ann.salon?.poll !== null);
    const pollId = ann.salon!.poll!.id;
    await act(ann, "vote", { pollId, options: ["o0"] }, () => ann.salon?.poll?.voters === 1);
    await act(ann, "askQuestion", { text: "Will the slides be shared?" }, () => ann.salon?.questions.length === 1);
    await act(ann, "raiseHand", {}, () => ann.mine?.hand === "raised");
    await act(host, "setExpert", { memberId: ann.memberId, expert: true }, () => ann.mine?.expert === true);
    await act(host, "openCheckIn", { prompt: "Where are you from?" }, () => ann.salon?.checkIn !== null);
    await act(ann, "checkIn", { checkInId: ann.salon!.checkIn!.id, text: "Shanghai" }, () => ann.salon?.checkIn?.count === 1);
    await untilMine(ann, (mine) => Object.keys(mine.checkedIn).length === 1);
    const before = { salon: { ...ann.salon!, serverNow: 0 }, mine: ann.mine! };
    const sessionId = ann.welcome.liveSessionId;
    await running.stop();
    running = null;

    running = await startGrove(options);
    const hostBack = await enter(running, "Host", { hostToken: running.hostTokens.issue(eventId).token, memberId: host.memberId, secret: host.welcome.secret });
    const annBack = await enter(running, "Ann", { memberId: ann.memberId, secret: ann.welcome.secret });
    expect(annBack.welcome.liveSessionId).toBe(sessionId);
    expect({ ...annBack.salon!, serverNow: 0 }).toEqual(before.salon);
    expect(annBack.mine).toEqual(before.mine);
    await untilHost(hostBack, (view) => view.checkInAnswers.length === 1);
    expect(hostBack.host?.poll?.options.map((o) => o.votes)).toEqual([1, 0]);
    expect(hostBack.host?.checkInAnswers).toEqual([expect.objectContaining({ memberId: ann.memberId, text: "Shanghai", streak: 1 })]);
    // Ann's avatar carries her marks again: her hand is up, and she is an expert.
    const avatar = await waitForState(hostBack.room, (s) => s.members.get(annBack.room.sessionId)?.hand === true);
    expect(avatar.members.get(annBack.room.sessionId)?.expert).toBe(true);
    // And the salon goes on where it was: the vote is still hers to change, the numbering continues.
    await act(annBack, "vote", { pollId, options: ["o1"] }, () => hostBack.host?.poll?.options[1]?.votes === 1);
    const seqs = (await running.store.listSessionCommands(sessionId)).map((c) => c.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    await Promise.all([hostBack.room.leave(), annBack.room.leave()]);
    await until(async () => (await running!.store.getSession(sessionId))?.endedAt !== null, "the session to end");
  });
});
