import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { declarations } from "../../server/rooms/features/index.js";
import type { IntentType } from "../../shared/protocol/index.js";
import { isOnStage } from "../../shared/rules/movement.js";
import { dequantisePosition } from "../../shared/rules/quantise.js";
import { replaySession } from "../../shared/rules/session.js";
import { STAGE } from "../../shared/rules/venue.js";
import type { MemberState, VenueState } from "../../shared/state/VenueState.js";
import { startTestGrove, until, waitForState, type TestGrove, type VenueRoom } from "../helpers/grove.js";
import { act, expectRefused, takeSeat, untilHost, untilMine, untilSalon, type Seat } from "../helpers/salon.js";

/**
 * The salon against a real server: every intent's happy path and every refusal docs/salon.md names, members
 * forging host intents, the views each member gets (and when), the stage walk and chat badges, a session split over
 * two instances, and the check-in streak across two sessions of an event. (A restart: salonRestart.test.ts.)
 */
const HOST_INTENTS = [
  "inviteSpeaker",
  "returnSpeaker",
  "setSpeakerLimit",
  "openPoll",
  "closePoll",
  "lockPoll",
  "showPollResults",
  "hideWord",
  "openDebate",
  "setDebatePhase",
  "moderateQuestion",
  "setExpert",
  "openCheckIn",
  "closeCheckIn",
  "setScreen",
  "screenPlayback",
] as const satisfies readonly IntentType[];
const MEMBER_INTENTS = ["raiseHand", "lowerHand", "vote", "answerPoll", "takeStance", "askQuestion", "upvoteQuestion", "checkIn"] as const satisfies readonly IntentType[];

let grove: TestGrove;
/** The rooms' clock runs `offset` ms ahead of real time: moving it on ends polls' time limits and refills rate buckets. */
let offset = 0;
const events = { salon: "", pair: "" };
const seats: Seat[] = [];

async function enter(name: string, options: { host?: boolean; slug?: keyof typeof events } = {}): Promise<Seat> {
  const slug = options.slug ?? "salon";
  const hostToken = options.host ? grove.hostTokens.issue(events[slug]).token : undefined;
  const seat = await takeSeat(new Client(grove.url), { eventSlug: slug, name, ...(hostToken ? { hostToken } : {}) });
  seats.push(seat);
  return seat;
}

const commands = (seat: Seat) => grove.store.listSessionCommands(seat.welcome.liveSessionId);
const avatar = (seen: VenueRoom, seat: Seat): MemberState | undefined => seen.state.members.get(seat.room.sessionId);

beforeAll(async () => {
  grove = await startTestGrove({ now: () => Date.now() + offset });
  events.salon = (await grove.store.ensureEvent({ slug: "salon", title: "Salon", now: Date.now() })).id;
  events.pair = (await grove.store.ensureEvent({ slug: "pair", title: "Pair", capacity: 2, now: Date.now() })).id;
});

afterEach(async () => {
  await Promise.all(seats.splice(0).filter((seat) => seat.room.connection.isOpen).map((seat) => seat.room.leave().catch(() => undefined)));
  for (const eventId of Object.values(events)) {
    await until(async () => (await grove.store.listSessions(eventId)).every((s) => s.endedAt !== null), "the sessions to close");
  }
  // A fresh minute for the next test's rate buckets.
  offset += 60_000;
});

afterAll(async () => {
  await grove?.dispose();
});

describe("declarations", () => {
  it("lets only hosts send the host controls, on the host bucket, and members the rest, on the salon bucket", () => {
    const declared = declarations();
    for (const type of HOST_INTENTS) expect([type, declared.get(type)?.role, declared.get(type)?.rate.bucket]).toEqual([type, "host", "host"]);
    for (const type of MEMBER_INTENTS) expect([type, declared.get(type)?.role, declared.get(type)?.rate.bucket]).toEqual([type, "member", "salon"]);
  });
});

describe("views", () => {
  it("sends a joining member everyone's view and their own after the welcome and the chat history; a host also the host's", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    for (const seat of [host, ann]) {
      const afterHistory = seat.arrivals.slice(seat.arrivals.indexOf("chatHistory"));
      expect(seat.arrivals.indexOf("welcome")).toBe(0);
      expect(afterHistory).toEqual(expect.arrayContaining(["salon", "salonMine"]));
    }
    expect(host.arrivals.slice(host.arrivals.indexOf("chatHistory"))).toContain("salonHost");
    expect(ann.counts.host).toBe(0);
    expect(ann.salon).toMatchObject({ stage: { speakers: [], queue: [], speakerLimit: 3 }, poll: null, debate: null, questions: [], checkIn: null, screen: null });
    expect(ann.salon?.serverNow).toBeGreaterThan(0);
    expect(ann.mine).toMatchObject({ hand: "none", queuePlace: null, votes: {}, quizPoints: 0, expert: false });
    expect(host.host).toEqual({ poll: null, questions: [], checkInAnswers: [] });
  });

  it("sends a member's own view again only when it changed, everyone's view on every change", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bo = await enter("Bo");
    await act(host, "openPoll", { kind: "single", question: "Tea or coffee?", options: ["Tea", "Coffee"] }, () => bo.salon?.poll !== null);
    const pollId = bo.salon!.poll!.id;
    await until(() => ann.salon?.poll?.id === pollId, "Ann to see the poll");
    const [salonBefore, mineBefore] = [bo.counts.salon, bo.counts.mine];
    await act(ann, "vote", { pollId, options: ["o1"] }, () => bo.salon?.poll?.voters === 1);
    await untilMine(ann, (mine) => mine.votes[pollId]?.[0] === "o1");
    expect(bo.counts.salon).toBeGreaterThan(salonBefore);
    // Bo's own part did not change: no salonMine for him, even after a later change that reached everyone.
    await act(host, "setSpeakerLimit", { limit: 4 }, () => bo.salon?.stage.speakerLimit === 4);
    expect(bo.counts.mine).toBe(mineBefore);
    expect(ann.counts.host).toBe(0);
  });
});

describe("the stage", () => {
  it("queues hands, brings a member up to a stage spot and back to the floor, and badges their chat while up", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bo = await enter("Bo");
    const annInHost = () => avatar(host.room, ann);

    await act(ann, "raiseHand", {}, () => ann.mine?.hand === "raised");
    expect(ann.mine).toMatchObject({ hand: "raised", queuePlace: 1 });
    await untilSalon(bo, (v) => v.stage.queue.length === 1);
    expect(bo.salon?.stage.queue).toEqual([{ memberId: ann.memberId, name: "Ann" }]);
    await waitForState(host.room, () => annInHost()?.hand === true);
    await expectRefused(ann, "raiseHand", {}, "NOTHING_TO_CHANGE");
    await expectRefused(bo, "lowerHand", { memberId: ann.memberId }, "FORBIDDEN");
    await expectRefused(bo, "lowerHand", {}, "UNKNOWN_MEMBER");
    await expectRefused(host, "inviteSpeaker", { memberId: bo.memberId }, "UNKNOWN_MEMBER");
    await act(ann, "lowerHand", {}, () => ann.mine?.hand === "none");
    await act(ann, "raiseHand", {}, () => ann.mine?.hand === "raised");

    await act(host, "inviteSpeaker", { memberId: ann.memberId }, () => ann.mine?.hand === "speaking");
    await untilSalon(bo, (v) => v.stage.speakers.length === 1 && v.stage.queue.length === 0);
    expect(bo.salon?.stage.speakers).toEqual([expect.objectContaining({ memberId: ann.memberId, name: "Ann" })]);
    // Ann walks up onto the stage (the floor alone would stop her at its edge) and stops there.
    const up = await waitForState(host.room, () => annInHost()?.speaker === true && isOnStage(at(annInHost())) && annInHost()?.moving === false, 15_000);
    const onStage = up.members.get(ann.room.sessionId)!;
    expect(onStage.hand).toBe(false);
    expect(dequantisePosition(onStage.z)).toBeLessThan(STAGE.maxZ);
    expect(dequantisePosition(onStage.z)).toBeGreaterThan(STAGE.minZ);

    ann.room.send("chat", { text: "Thank you for having me" });
    await until(() => bo.chats.some((line) => line.text === "Thank you for having me"), "the speaker's line");
    expect(bo.chats.find((line) => line.text === "Thank you for having me")?.badge).toBe("speaker");

    await act(host, "setSpeakerLimit", { limit: 1 }, () => bo.salon?.stage.speakerLimit === 1);
    await expectRefused(host, "setSpeakerLimit", { limit: 1 }, "NOTHING_TO_CHANGE");
    await act(bo, "raiseHand", {}, () => bo.mine?.hand === "raised");
    await expectRefused(host, "inviteSpeaker", { memberId: bo.memberId }, "STAGE_FULL");
    await act(host, "lowerHand", { memberId: bo.memberId }, () => bo.mine?.hand === "none");

    await act(host, "returnSpeaker", { memberId: ann.memberId }, () => ann.mine?.hand === "none");
    const down = await waitForState(host.room, () => annInHost()?.speaker === false && !isOnStage(at(annInHost())) && annInHost()?.moving === false, 15_000);
    expect(dequantisePosition(down.members.get(ann.room.sessionId)!.z)).toBeGreaterThan(STAGE.maxZ);
    await expectRefused(host, "returnSpeaker", { memberId: ann.memberId }, "UNKNOWN_MEMBER");
    // Back on the floor, she walks where she likes again, and the floor keeps her off the stage.
    ann.room.send("move", { dx: 0, dz: -1 });
    await waitForState(host.room, () => annInHost()?.moving === false && dequantisePosition(annInHost()!.z) < -12);
    expect(dequantisePosition(annInHost()!.z)).toBe(STAGE.maxZ + 0.4);
    ann.room.send("move", { dx: 0, dz: 0 });

    ann.room.send("chat", { text: "Back in the audience" });
    await until(() => bo.chats.some((line) => line.text === "Back in the audience"), "the line from the floor");
    expect(bo.chats.find((line) => line.text === "Back in the audience")?.badge).toBeUndefined();
    // The log and a later joiner's history keep the mark where it was.
    const later = await enter("Cy");
    expect(later.history?.lines.map((line) => [line.text, line.badge])).toEqual([
      ["Thank you for having me", "speaker"],
      ["Back in the audience", undefined],
    ]);
  });
});

describe("leaving", () => {
  it("lowers a leaving member's hand and takes a leaving speaker off the stage, logged as theirs", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bo = await enter("Bo");
    await act(ann, "raiseHand", {}, () => ann.mine?.hand === "raised");
    await act(bo, "raiseHand", {}, () => bo.mine?.hand === "raised");
    await act(host, "inviteSpeaker", { memberId: bo.memberId }, () => bo.mine?.hand === "speaking");
    await untilSalon(host, (v) => v.stage.queue.length === 1 && v.stage.speakers.length === 1);
    await ann.room.leave();
    await untilSalon(host, (v) => v.stage.queue.length === 0 && v.stage.speakers.length === 1);
    await bo.room.leave();
    await untilSalon(host, (v) => v.stage.speakers.length === 0);
    const logged = (await commands(host)).filter((c) => c.kind === "handLowered" || c.kind === "speakerReturned");
    expect(logged.map((c) => [c.kind, c.memberId, c.detail])).toEqual([
      ["handLowered", ann.memberId, { memberId: ann.memberId }],
      ["speakerReturned", bo.memberId, { memberId: bo.memberId }],
    ]);
  });
});

/** A member's position in metres. */
function at(member: MemberState | undefined): { x: number; z: number } {
  return { x: dequantisePosition(member?.x ?? 0), z: dequantisePosition(member?.z ?? 10_000) };
}

describe("a member forging host controls", () => {
  it("is refused every one with FORBIDDEN, and nothing is logged or changes", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    await act(host, "openPoll", { kind: "open", question: "One word?" }, () => ann.salon?.poll !== null);
    await act(ann, "askQuestion", { text: "Why?" }, () => ann.salon?.questions.length === 1);
    await act(host, "openCheckIn", { prompt: "Hello?" }, () => ann.salon?.checkIn !== null);
    await act(host, "openDebate", { motion: "Tea beats coffee", sides: ["Yes", "No"] }, () => ann.salon?.debate !== null);
    const before = await commands(host);
    const view = JSON.stringify({ ...ann.salon, serverNow: 0 });
    const pollId = ann.salon!.poll!.id;
    const questionId = ann.salon!.questions[0]!.id;
    const checkInId = ann.salon!.checkIn!.id;
    const debateId = ann.salon!.debate!.id;
    const forged: { [K in (typeof HOST_INTENTS)[number]]: Record<string, unknown> } = {
      inviteSpeaker: { memberId: ann.memberId },
      returnSpeaker: { memberId: ann.memberId },
      setSpeakerLimit: { limit: 8 },
      openPoll: { kind: "single", question: "Mine?", options: ["a", "b"] },
      closePoll: { pollId },
      lockPoll: { pollId, locked: true },
      showPollResults: { pollId, shown: false },
      hideWord: { pollId, word: "why", hidden: true },
      openDebate: { motion: "Mine", sides: ["a", "b"] },
      setDebatePhase: { debateId, phase: "closed" },
      moderateQuestion: { questionId, action: "hide" },
      setExpert: { memberId: ann.memberId, expert: true },
      openCheckIn: { prompt: "Mine" },
      closeCheckIn: { checkInId },
      setScreen: { url: "https://evil.example/a.mp4" },
      screenPlayback: { playing: true, position: 3 },
    };
    for (const type of HOST_INTENTS) await expectRefused(ann, type, forged[type], "FORBIDDEN");
    expect(await commands(host)).toEqual(before);
    expect(JSON.stringify({ ...ann.salon, serverNow: 0 })).toBe(view);
    expect(ann.mine?.expert).toBe(false);
  });
});

describe("polls", () => {
  it("takes a vote, changes it, keeps counts from members until shown, locks, closes, and refuses what does not fit", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bo = await enter("Bo");
    await act(host, "openPoll", { kind: "single", question: "  Tea   or coffee? ", options: [" Tea ", "Coffee"], resultsShown: false }, () => ann.salon?.poll !== null);
    const poll = ann.salon!.poll!;
    expect(poll).toMatchObject({ kind: "single", question: "Tea or coffee?", open: true, resultsShown: false, locked: false, voters: 0, closesAt: null, correct: null });
    expect(poll.options).toEqual([{ id: "o0", text: "Tea", votes: null }, { id: "o1", text: "Coffee", votes: null }]);
    await untilHost(host, (v) => v.poll?.id === poll.id);
    expect(host.host?.poll?.options.map((o) => o.votes)).toEqual([0, 0]);

    await act(ann, "vote", { pollId: poll.id, options: ["o0"] }, () => host.host?.poll?.voters === 1);
    expect(host.host?.poll?.options.map((o) => o.votes)).toEqual([1, 0]);
    await untilMine(ann, (m) => m.votes[poll.id]?.[0] === "o0");
    // A second vote changes the first: the tally still counts one voter.
    await act(ann, "vote", { pollId: poll.id, options: ["o1"] }, () => host.host?.poll?.options[1]?.votes === 1);
    expect(host.host?.poll).toMatchObject({ voters: 1, options: [{ votes: 0 }, { votes: 1 }] });
    await untilMine(ann, (m) => m.votes[poll.id]?.[0] === "o1");
    expect(ann.salon?.poll?.options.map((o) => o.votes)).toEqual([null, null]);
    await expectRefused(ann, "vote", { pollId: poll.id, options: ["o1"] }, "NOTHING_TO_CHANGE");
    await expectRefused(ann, "vote", { pollId: poll.id, options: ["o0", "o1"] }, "INVALID_MESSAGE");
    await expectRefused(ann, "vote", { pollId: poll.id, options: ["o7"] }, "UNKNOWN_OPTION");
    await expectRefused(ann, "vote", { pollId: "p999", options: ["o0"] }, "UNKNOWN_POLL");

    await act(host, "showPollResults", { pollId: poll.id, shown: true }, () => ann.salon?.poll?.resultsShown === true);
    expect(ann.salon?.poll?.options.map((o) => o.votes)).toEqual([0, 1]);
    await expectRefused(host, "showPollResults", { pollId: poll.id, shown: true }, "NOTHING_TO_CHANGE");
    await act(host, "lockPoll", { pollId: poll.id, locked: true }, () => ann.salon?.poll?.locked === true);
    // Locked: a first vote is still taken, a change is not.
    await act(bo, "vote", { pollId: poll.id, options: ["o0"] }, () => ann.salon?.poll?.voters === 2);
    await expectRefused(ann, "vote", { pollId: poll.id, options: ["o0"] }, "VOTE_LOCKED");

    await act(host, "closePoll", { pollId: poll.id }, () => ann.salon?.poll?.open === false);
    await expectRefused(bo, "vote", { pollId: poll.id, options: ["o1"] }, "POLL_CLOSED");
    await expectRefused(host, "closePoll", { pollId: poll.id }, "NOTHING_TO_CHANGE");
    await expectRefused(host, "closePoll", { pollId: "p999" }, "UNKNOWN_POLL");
    await expectRefused(host, "lockPoll", { pollId: "p999", locked: false }, "UNKNOWN_POLL");
    expect(ann.salon?.poll?.options.map((o) => o.votes)).toEqual([1, 1]);
    expect((await commands(host)).map((c) => c.kind)).toEqual(["pollOpened", "pollVoted", "pollVoted", "pollResultsShown", "pollLocked", "pollVoted", "pollClosed"]);
  });

  it("refuses a poll that cannot run, with INVALID_POLL (or EMPTY_MESSAGE for a blank question), logging nothing", async () => {
    const host = await enter("Host", { host: true });
    await expectRefused(host, "openPoll", { kind: "single", question: "Only one?", options: ["Yes"] }, "INVALID_POLL");
    await expectRefused(host, "openPoll", { kind: "single", question: "Blank option?", options: ["Yes", " \u200b "] }, "INVALID_POLL");
    await expectRefused(host, "openPoll", { kind: "multiple", question: "Twice?", options: ["Tea", " tea"] }, "INVALID_POLL");
    await expectRefused(host, "openPoll", { kind: "quiz", question: "No answer?", options: ["A", "B"] }, "INVALID_POLL");
    await expectRefused(host, "openPoll", { kind: "quiz", question: "Out of range?", options: ["A", "B"], correct: 2 }, "INVALID_POLL");
    await expectRefused(host, "openPoll", { kind: "open", question: "Words?", options: ["A", "B"] }, "INVALID_POLL");
    await expectRefused(host, "openPoll", { kind: "single", question: " \u3164 ", options: ["A", "B"] }, "EMPTY_MESSAGE");
    expect(await commands(host)).toEqual([]);
  });

  it("scores a quiz once closed: the correct answer shown, the sooner correct vote ahead on the leaderboard", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bo = await enter("Bo");
    await act(host, "openPoll", { kind: "quiz", question: "2 + 2?", options: ["3", "4", "5"], correct: 1 }, () => ann.salon?.poll !== null);
    const quiz = ann.salon!.poll!;
    expect(quiz.correct).toBeNull();
    await act(ann, "vote", { pollId: quiz.id, options: ["o1"] }, () => bo.salon?.poll?.voters === 1);
    offset += 5_000;
    await act(bo, "vote", { pollId: quiz.id, options: ["o1"] }, () => ann.salon?.poll?.voters === 2);
    expect(ann.salon?.leaderboard).toEqual([]);
    await act(host, "closePoll", { pollId: quiz.id }, () => ann.salon?.poll?.open === false);
    expect(ann.salon?.poll?.correct).toEqual(["o1"]);
    const board = ann.salon!.leaderboard;
    expect(board.map((entry) => entry.memberId)).toEqual([ann.memberId, bo.memberId]);
    expect(board[0]!.points).toBeGreaterThan(board[1]!.points);
    expect(board[1]!.points).toBeGreaterThanOrEqual(500);
    await untilMine(ann, (m) => m.quizPoints === board[0]!.points);
  });

  it("gathers open answers into a word cloud the host can trim, and keeps votes and answers to their kinds", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bo = await enter("Bo");
    await act(host, "openPoll", { kind: "open", question: "One word for today?" }, () => ann.salon?.poll !== null);
    const cloud = ann.salon!.poll!;
    await act(ann, "answerPoll", { pollId: cloud.id, text: "Sunny  morning" }, () => bo.salon?.poll?.voters === 1);
    await act(bo, "answerPoll", { pollId: cloud.id, text: "SUNNY" }, () => ann.salon?.poll?.voters === 2);
    expect(ann.salon?.poll?.words).toEqual([{ word: "sunny", count: 2 }, { word: "morning", count: 1 }]);
    await untilMine(ann, (m) => m.answers[cloud.id] === "Sunny morning");
    await expectRefused(ann, "answerPoll", { pollId: cloud.id, text: " \u200b " }, "EMPTY_MESSAGE");
    await expectRefused(ann, "vote", { pollId: cloud.id, options: ["o0"] }, "UNKNOWN_OPTION");
    await act(host, "hideWord", { pollId: cloud.id, word: "Sunny", hidden: true }, () => ann.salon?.poll?.words?.length === 1);
    expect(ann.salon?.poll?.words).toEqual([{ word: "morning", count: 1 }]);
    await untilHost(host, (v) => v.poll?.hiddenWords.includes("sunny") === true);
    await expectRefused(host, "hideWord", { pollId: cloud.id, word: "sunny", hidden: true }, "NOTHING_TO_CHANGE");

    await act(host, "openPoll", { kind: "single", question: "Next?", options: ["Yes", "No"] }, () => ann.salon?.poll?.id !== cloud.id);
    const choice = ann.salon!.poll!;
    expect(ann.salon?.pastPolls.map((p) => [p.id, p.open])).toEqual([[cloud.id, false]]);
    await expectRefused(ann, "answerPoll", { pollId: choice.id, text: "maybe" }, "UNKNOWN_OPTION");
    await expectRefused(host, "hideWord", { pollId: choice.id, word: "yes", hidden: true }, "UNKNOWN_OPTION");
    await expectRefused(ann, "answerPoll", { pollId: cloud.id, text: "late" }, "POLL_CLOSED");
  });

  it("closes a poll at its time limit: votes after it are refused, and every view says so when it passes", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    await act(host, "openPoll", { kind: "single", question: "Quick!", options: ["A", "B"], durationSec: 10 }, () => ann.salon?.poll !== null);
    const poll = ann.salon!.poll!;
    expect(poll.closesAt).toBe(poll.openedAt + 10_000);
    expect(poll.open).toBe(true);
    // The clock jumps to just before the end; the next send sets the room to send again when it passes.
    offset += 9_800;
    await act(ann, "raiseHand", {}, () => ann.mine?.hand === "raised");
    await untilSalon(ann, (v) => v.poll?.open === false, "the poll to show closed with nothing else happening");
    expect((await commands(host)).map((c) => c.kind)).toEqual(["pollOpened", "handRaised"]);
    await expectRefused(ann, "vote", { pollId: poll.id, options: ["o0"] }, "POLL_CLOSED");
  });
});

describe("debates", () => {
  it("takes stances before and after the discussion, none during it, and shows the swing", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bo = await enter("Bo");
    await expectRefused(host, "openDebate", { motion: "Cities should be car-free", sides: ["For", " "] }, "EMPTY_MESSAGE");
    await act(host, "openDebate", { motion: " Cities should be car-free ", sides: ["For", "Against"] }, () => ann.salon?.debate !== null);
    const debate = ann.salon!.debate!;
    expect(debate).toMatchObject({ motion: "Cities should be car-free", sides: ["For", "Against"], phase: "before", before: [0, 0], after: [0, 0], swing: null });
    await act(ann, "takeStance", { debateId: debate.id, side: 1 }, () => bo.salon?.debate?.before[1] === 1);
    await act(bo, "takeStance", { debateId: debate.id, side: 1 }, () => ann.salon?.debate?.before[1] === 2);
    await act(ann, "takeStance", { debateId: debate.id, side: 0 }, () => bo.salon?.debate?.before[0] === 1);
    await expectRefused(ann, "takeStance", { debateId: debate.id, side: 0 }, "NOTHING_TO_CHANGE");
    await expectRefused(ann, "takeStance", { debateId: "d999", side: 0 }, "UNKNOWN_DEBATE");

    await act(host, "setDebatePhase", { debateId: debate.id, phase: "discussion" }, () => ann.salon?.debate?.phase === "discussion");
    await expectRefused(host, "setDebatePhase", { debateId: debate.id, phase: "discussion" }, "NOTHING_TO_CHANGE");
    await expectRefused(bo, "takeStance", { debateId: debate.id, side: 0 }, "WRONG_PHASE");
    await act(host, "setDebatePhase", { debateId: debate.id, phase: "after" }, () => ann.salon?.debate?.phase === "after");
    await act(ann, "takeStance", { debateId: debate.id, side: 0 }, () => bo.salon?.debate?.after[0] === 1);
    await act(bo, "takeStance", { debateId: debate.id, side: 0 }, () => ann.salon?.debate?.after[0] === 2);
    // Side 0 had half the stances before and all of them after: a swing of 50 points.
    expect(ann.salon?.debate).toMatchObject({ before: [1, 1], after: [2, 0], swing: 50 });
    await untilMine(bo, (m) => m.stances[debate.id]?.after === 0);
    expect(bo.mine?.stances[debate.id]).toEqual({ before: 1, after: 0 });

    await act(host, "setDebatePhase", { debateId: debate.id, phase: "closed" }, () => ann.salon?.debate?.phase === "closed");
    await expectRefused(host, "setDebatePhase", { debateId: debate.id, phase: "before" }, "WRONG_PHASE");
    await expectRefused(host, "setDebatePhase", { debateId: "d999", phase: "before" }, "UNKNOWN_DEBATE");
    await expectRefused(ann, "takeStance", { debateId: debate.id, side: 1 }, "WRONG_PHASE");
  });
});

describe("Q&A", () => {
  it("takes questions (anonymous ones without a name for members), upvotes once each, and lets the host moderate", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bo = await enter("Bo");
    await act(ann, "askQuestion", { text: "  What comes\n\n\n\nnext? ", anonymous: true }, () => bo.salon?.questions.length === 1);
    const asked = bo.salon!.questions[0]!;
    expect(asked).toMatchObject({ text: "What comes\n\nnext?", authorName: null, votes: 0, pinned: false, answered: false });
    await untilHost(host, (v) => v.questions.length === 1);
    expect(host.host?.questions[0]).toMatchObject({ id: asked.id, askedBy: "Ann", authorId: ann.memberId, anonymous: true, hidden: false });
    await untilMine(ann, (m) => m.asked.includes(asked.id));

    await expectRefused(bo, "askQuestion", { text: "x".repeat(301) }, "QUESTION_TOO_LONG");
    await expectRefused(bo, "askQuestion", { text: " \n\u200b " }, "EMPTY_MESSAGE");
    // 300 after normalising is the limit, whatever travelled.
    await act(bo, "askQuestion", { text: ` ${"y".repeat(300)} \n` }, () => ann.salon?.questions.length === 2);
    const long = ann.salon!.questions.find((q) => q.id !== asked.id)!;
    expect(long).toMatchObject({ text: "y".repeat(300), authorName: "Bo" });

    await act(bo, "upvoteQuestion", { questionId: asked.id }, () => ann.salon?.questions.find((q) => q.id === asked.id)?.votes === 1);
    await expectRefused(bo, "upvoteQuestion", { questionId: asked.id }, "ALREADY_UPVOTED");
    await expectRefused(bo, "upvoteQuestion", { questionId: "q999" }, "UNKNOWN_QUESTION");
    await act(ann, "upvoteQuestion", { questionId: asked.id }, () => bo.salon?.questions.find((q) => q.id === asked.id)?.votes === 2);
    await untilMine(bo, (m) => m.upvoted.includes(asked.id));

    await act(host, "moderateQuestion", { questionId: long.id, action: "pin" }, () => ann.salon?.questions[0]?.pinned === true);
    expect(ann.salon?.questions.map((q) => q.id)).toEqual([long.id, asked.id]);
    await expectRefused(host, "moderateQuestion", { questionId: long.id, action: "pin" }, "NOTHING_TO_CHANGE");
    await act(host, "moderateQuestion", { questionId: long.id, action: "hide" }, () => ann.salon?.hiddenQuestions === 1);
    expect(ann.salon?.questions.map((q) => q.id)).toEqual([asked.id]);
    await untilHost(host, (v) => v.questions.some((q) => q.id === long.id && q.hidden));
    await expectRefused(ann, "upvoteQuestion", { questionId: long.id }, "UNKNOWN_QUESTION");
    await expectRefused(host, "moderateQuestion", { questionId: "q999", action: "answer" }, "UNKNOWN_QUESTION");
  });

  it("marks a member of the session as an expert (their chat badged) and refuses anyone who never joined it", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    await expectRefused(host, "setExpert", { memberId: "someone-who-never-came", expert: true }, "UNKNOWN_MEMBER");
    await act(host, "setExpert", { memberId: ann.memberId, expert: true }, () => ann.mine?.expert === true);
    expect(ann.salon?.experts).toEqual([{ memberId: ann.memberId, name: "Ann" }]);
    await waitForState(host.room, () => avatar(host.room, ann)?.expert === true);
    await expectRefused(host, "setExpert", { memberId: ann.memberId, expert: true }, "NOTHING_TO_CHANGE");
    ann.room.send("chat", { text: "Happy to help" });
    await until(() => host.chats.some((line) => line.text === "Happy to help"), "the expert's line");
    expect(host.chats.find((line) => line.text === "Happy to help")?.badge).toBe("expert");
    const logged = (await grove.store.listInteractions(ann.welcome.liveSessionId)).find((i) => i.kind === "chat");
    expect(logged).toMatchObject({ kind: "chat", detail: { text: "Happy to help", badge: "expert" } });

    await act(host, "setExpert", { memberId: ann.memberId, expert: false }, () => ann.mine?.expert === false);
    await waitForState(host.room, () => avatar(host.room, ann)?.expert === false);
    expect(ann.salon?.experts).toEqual([]);
  });
});

describe("check-ins", () => {
  it("takes one check-in per member while open, with a streak of one in a first session", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    const bo = await enter("Bo");
    await expectRefused(host, "openCheckIn", { prompt: "  " }, "EMPTY_MESSAGE");
    await act(host, "openCheckIn", { prompt: "What brought you here?" }, () => ann.salon?.checkIn !== null);
    const checkIn = ann.salon!.checkIn!;
    expect(checkIn).toMatchObject({ prompt: "What brought you here?", open: true, count: 0 });
    await act(ann, "checkIn", { checkInId: checkIn.id, text: " Curiosity " }, () => bo.salon?.checkIn?.count === 1);
    await untilMine(ann, (m) => m.checkedIn[checkIn.id] === 1);
    await untilHost(host, (v) => v.checkInAnswers.length === 1);
    expect(host.host?.checkInAnswers).toEqual([expect.objectContaining({ memberId: ann.memberId, name: "Ann", text: "Curiosity", streak: 1 })]);
    await expectRefused(ann, "checkIn", { checkInId: checkIn.id }, "ALREADY_CHECKED_IN");
    await expectRefused(ann, "checkIn", { checkInId: "c999" }, "UNKNOWN_CHECK_IN");

    await act(host, "closeCheckIn", { checkInId: checkIn.id }, () => ann.salon?.checkIn?.open === false);
    await expectRefused(bo, "checkIn", { checkInId: checkIn.id, text: "late" }, "CHECK_IN_CLOSED");
    await expectRefused(host, "closeCheckIn", { checkInId: checkIn.id }, "NOTHING_TO_CHANGE");
    await expectRefused(host, "closeCheckIn", { checkInId: "c999" }, "UNKNOWN_CHECK_IN");
  });

  it("counts a streak across the event's sessions: checked in last time and now makes two", async () => {
    let host = await enter("Host", { host: true });
    let ann = await enter("Ann");
    const first = ann.welcome.liveSessionId;
    await act(host, "openCheckIn", { prompt: "Day one" }, () => ann.salon?.checkIn !== null);
    await act(ann, "checkIn", { checkInId: ann.salon!.checkIn!.id }, () => ann.mine?.checkedIn[ann.salon!.checkIn!.id] === 1);
    const annAgain = { memberId: ann.memberId, secret: ann.welcome.secret };
    await Promise.all(seats.splice(0).map((seat) => seat.room.leave()));
    await until(async () => (await grove.store.getSession(first))?.endedAt !== null, "the first session to end");

    host = await enter("Host", { host: true });
    ann = await takeSeat(new Client(grove.url), { eventSlug: "salon", name: "Ann", ...annAgain });
    seats.push(ann);
    const bo = await enter("Bo");
    expect(ann.welcome.liveSessionId).not.toBe(first);
    expect(ann.memberId).toBe(annAgain.memberId);
    await act(host, "openCheckIn", { prompt: "Day two" }, () => ann.salon?.checkIn !== null);
    const today = ann.salon!.checkIn!.id;
    await act(ann, "checkIn", { checkInId: today }, () => ann.mine?.checkedIn[today] !== undefined);
    expect(ann.mine?.checkedIn[today]).toBe(2);
    await act(bo, "checkIn", { checkInId: today }, () => bo.mine?.checkedIn[today] !== undefined);
    expect(bo.mine?.checkedIn[today]).toBe(1);
    expect((await commands(ann)).filter((c) => c.kind === "checkedIn").map((c) => c.kind === "checkedIn" && c.detail.streak)).toEqual([2, 1]);
  });
});

describe("the stage screen", () => {
  it("puts up a video, plays and pauses it, takes it down, and refuses what is not a video address", async () => {
    const host = await enter("Host", { host: true });
    const ann = await enter("Ann");
    await expectRefused(host, "setScreen", { url: "javascript:alert(1)" }, "INVALID_URL");
    await expectRefused(host, "setScreen", { url: "https://media.example/setup.exe" }, "INVALID_URL");
    await expectRefused(host, "screenPlayback", { playing: true, position: 0 }, "NOTHING_TO_CHANGE");
    await act(host, "setScreen", { url: " https://media.example/talk.m3u8 " }, () => ann.salon?.screen !== null);
    expect(ann.salon?.screen).toMatchObject({ url: "https://media.example/talk.m3u8", playing: false, position: 0 });
    await expectRefused(host, "setScreen", { url: "https://media.example/talk.m3u8" }, "NOTHING_TO_CHANGE");
    await act(host, "screenPlayback", { playing: true, position: 12.5 }, () => ann.salon?.screen?.playing === true);
    expect(ann.salon?.screen?.position).toBe(12.5);
    await act(host, "setScreen", { url: null }, () => ann.salon?.screen === null);
    await expectRefused(host, "setScreen", { url: null }, "NOTHING_TO_CHANGE");
  });
});

describe("a session over two instances", () => {
  it("shows a vote cast in the second instance in the first's tally, and brings a member of the second on stage there", async () => {
    const host = await enter("Host", { host: true, slug: "pair" });
    const bo = await enter("Bo", { slug: "pair" });
    const cy = await enter("Cy", { slug: "pair" });
    expect(cy.room.roomId).not.toBe(host.room.roomId);
    expect(bo.room.roomId).toBe(host.room.roomId);
    await act(host, "openPoll", { kind: "multiple", question: "Which?", options: ["A", "B", "C"] }, () => cy.salon?.poll !== null);
    const poll = cy.salon!.poll!;
    await act(cy, "vote", { pollId: poll.id, options: ["o0", "o2"] }, () => host.host?.poll?.voters === 1);
    expect(host.host?.poll?.options.map((o) => o.votes)).toEqual([1, 0, 1]);
    await untilSalon(bo, (v) => v.poll?.voters === 1);

    await act(cy, "raiseHand", {}, () => host.salon?.stage.queue.length === 1);
    await act(host, "inviteSpeaker", { memberId: cy.memberId }, () => cy.mine?.hand === "speaking");
    // Cy's avatar is in the second instance: that instance mirrors the mark and walks Cy up.
    await waitForState(cy.room, () => avatar(cy.room, cy)?.speaker === true && isOnStage(at(avatar(cy.room, cy))) && avatar(cy.room, cy)?.moving === false, 15_000);
  });

  it("settles a vote racing a close the same way in both instances, and as the log replays", async () => {
    const host = await enter("Host", { host: true, slug: "pair" });
    const bo = await enter("Bo", { slug: "pair" });
    const cy = await enter("Cy", { slug: "pair" });
    expect(cy.room.roomId).not.toBe(host.room.roomId);
    for (let round = 0; round < 4; round += 1) {
      await act(host, "openPoll", { kind: "single", question: `Round ${round}?`, options: ["A", "B"] }, () => cy.salon?.poll?.question === `Round ${round}?`);
      const pollId = cy.salon!.poll!.id;
      const refusals = cy.errors.length;
      // Each goes first in turn; sent together, both may pass the replica's check before either is applied.
      if (round % 2 === 0) cy.room.send("vote", { pollId, options: ["o1"] });
      host.room.send("closePoll", { pollId });
      if (round % 2 === 1) cy.room.send("vote", { pollId, options: ["o1"] });
      await untilSalon(cy, (v) => v.poll?.id === pollId && !v.poll.open);
      await untilSalon(bo, (v) => v.poll?.id === pollId && !v.poll.open);
      // The vote either landed before the close or was refused POLL_CLOSED; both instances show the same.
      await until(() => cy.errors.length > refusals || cy.mine?.votes[pollId] !== undefined, "the vote's fate");
      const refused = cy.errors.length > refusals;
      if (refused) expect(cy.errors.at(-1)).toMatchObject({ code: "POLL_CLOSED", intent: "vote" });
      const voters = refused ? 0 : 1;
      await untilSalon(cy, (v) => v.poll?.voters === voters, "Cy's instance to settle");
      await untilSalon(bo, (v) => v.poll?.voters === voters, "Bo's instance to settle");
      const replayed = replaySession(await commands(host));
      expect(Object.keys(replayed.polls.at(-1)!.ballots)).toHaveLength(voters);
    }
  });
});

describe("room state", () => {
  it("marks raised hands on the avatar in every instance's own members only", async () => {
    const host = await enter("Host", { host: true, slug: "pair" });
    const bo = await enter("Bo", { slug: "pair" });
    const cy = await enter("Cy", { slug: "pair" });
    await act(cy, "raiseHand", {}, () => bo.salon?.stage.queue.length === 1);
    await waitForState(cy.room, (s: VenueState) => s.members.get(cy.room.sessionId)?.hand === true);
    expect(avatar(host.room, bo)?.hand).toBe(false);
    await act(bo, "raiseHand", {}, () => cy.salon?.stage.queue.length === 2);
    await waitForState(host.room, () => avatar(host.room, bo)?.hand === true);
    expect(cy.salon?.stage.queue.map((h) => h.name)).toEqual(["Cy", "Bo"]);
    await untilMine(bo, (m) => m.queuePlace === 2);
  });
});
