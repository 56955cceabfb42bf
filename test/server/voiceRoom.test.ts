import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { spawnedJanusConfig } from "../../server/voice/config.js";
import { VOICE_SDP_MAX_LENGTH, type VoiceStoppedEvent } from "../../shared/protocol/index.js";
import { collect, nextMessage, startTestGrove, until, waitForState, type TestGrove } from "../helpers/grove.js";
import { NodeListener, NodeSpeaker } from "../helpers/nodeRtc.js";
import { act, expectRefused, takeSeat, type Seat } from "../helpers/salon.js";

// Stage voice through the Grove room, against a real Janus that the server starts itself (docs/voice.md). The
// speaker and listeners are WebRTC peers in Node (werift): Janus sees real ICE, DTLS and SRTP.

const janus = spawnedJanusConfig();
if (!janus) throw new Error("These tests need Janus: apt-get install janus (npm test installs it when run as root).");

let grove: TestGrove;
let offset = 0;
const events = { voice: "", pair: "", other: "" };
const seats: Seat[] = [];
const peers: (NodeSpeaker | NodeListener)[] = [];

async function enter(name: string, options: { host?: boolean; slug?: keyof typeof events } = {}): Promise<Seat> {
  const slug = options.slug ?? "voice";
  const hostToken = options.host ? grove.hostTokens.issue(events[slug]).token : undefined;
  const seat = await takeSeat(new Client(grove.url), { eventSlug: slug, name, ...(hostToken ? { hostToken } : {}) });
  seats.push(seat);
  return seat;
}

/** Brings `member` onto the stage: their hand up, the host's invitation, the salon showing them speaking. */
async function onStage(host: Seat, member: Seat): Promise<void> {
  await act(member, "raiseHand", {}, () => member.mine?.hand === "raised");
  await act(host, "inviteSpeaker", { memberId: member.memberId }, () => member.mine?.hand === "speaking");
}

/** The member publishes a Node microphone; resolves once Janus's answer is applied and the feed is live in `watchers`. */
async function publish(member: Seat, watchers: Seat[] = [member]): Promise<NodeSpeaker> {
  const speaker = new NodeSpeaker();
  peers.push(speaker);
  const answer = nextMessage<{ sdp: string }>(member.room, "voiceAnswer", 10_000);
  member.room.send("voicePublish", { sdp: await speaker.offer() });
  await speaker.answered((await answer).sdp);
  for (const watcher of watchers) await waitForState(watcher.room, (s) => s.session.voice.feeds.has(member.memberId), 10_000);
  return speaker;
}

/** `member` listens to `feed`: the server's offer, the Node peer's answer; resolves once audio packets arrive. */
async function listen(member: Seat, feed: Seat): Promise<NodeListener> {
  const listener = new NodeListener();
  peers.push(listener);
  const offer = nextMessage<{ feed: string; sdp: string }>(member.room, "voiceOffer", 10_000);
  member.room.send("voiceListen", { feed: feed.memberId });
  const { feed: offered, sdp } = await offer;
  expect(offered).toBe(feed.memberId);
  member.room.send("voiceAnswer", { feed: feed.memberId, sdp: await listener.answer(sdp) });
  await until(() => listener.packets > 5, "the first audio packets", 10_000);
  return listener;
}

/** Packets stop arriving: none in the last `quietMs`. */
async function silent(listener: NodeListener, quietMs = 400): Promise<void> {
  await until(() => listener.lastPacketAt !== null && performance.now() - listener.lastPacketAt > quietMs, "the audio to stop", 10_000);
  const count = listener.packets;
  await new Promise((resolve) => setTimeout(resolve, quietMs));
  expect(listener.packets).toBe(count);
}

beforeAll(async () => {
  grove = await startTestGrove({ now: () => Date.now() + offset, voice: janus });
  events.voice = (await grove.store.ensureEvent({ slug: "voice", title: "Voice", now: Date.now() })).id;
  events.pair = (await grove.store.ensureEvent({ slug: "pair", title: "Pair", capacity: 2, now: Date.now() })).id;
  events.other = (await grove.store.ensureEvent({ slug: "other", title: "Other", now: Date.now() })).id;
}, 30_000);

afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close().catch(() => undefined)));
  await Promise.all(seats.splice(0).filter((seat) => seat.room.connection.isOpen).map((seat) => seat.room.leave().catch(() => undefined)));
  for (const eventId of Object.values(events)) {
    await until(async () => (await grove.store.listSessions(eventId)).every((s) => s.endedAt !== null), "the sessions to close", 10_000);
  }
  // No Janus handle outlives its use, whatever the test did.
  await until(() => grove.voice!.handleCount === 0, "every Janus handle to be let go", 10_000);
  offset += 60_000;
});

afterAll(async () => {
  await grove?.dispose();
});

describe("a speaker heard in every instance", () => {
  it("carries a speaker's audio to listeners in two instances, and stops it for everyone when the host sends them back", async () => {
    const host = await enter("Host", { host: true, slug: "pair" });
    const bo = await enter("Bo", { slug: "pair" });
    const cy = await enter("Cy", { slug: "pair" });
    expect(cy.room.roomId).not.toBe(host.room.roomId);
    await waitForState(cy.room, (s) => s.session.voice.status === "ready");
    expect(JSON.parse(cy.room.state.session.voice.ice)).toEqual([]);

    await onStage(host, bo);
    const speaker = await publish(bo, [bo, host, cy]);
    const inOne = await listen(host, bo);
    const inTwo = await listen(cy, bo);
    expect(speaker.sent).toBeGreaterThan(0);
    // One Janus room for the session, made by the server.
    const room = grove.voice!.roomOf(bo.welcome.liveSessionId);
    expect(await grove.voice!.janusRooms()).toContain(room);

    // One publisher and two subscribers in Janus; a listener who leaves takes their subscription with them.
    expect(grove.voice!.handleCount).toBe(3);
    const dee = await enter("Dee", { slug: "pair" });
    const deeHears = await listen(dee, bo);
    expect(grove.voice!.handleCount).toBe(4);
    await dee.room.leave();
    await silent(deeHears);
    await until(() => grove.voice!.handleCount === 3, "Dee's subscription to go");

    const stopped = nextMessage<VoiceStoppedEvent>(bo.room, "voiceStopped", 10_000);
    const ended = nextMessage<VoiceStoppedEvent>(cy.room, "voiceStopped", 10_000);
    await act(host, "returnSpeaker", { memberId: bo.memberId }, () => bo.mine?.hand !== "speaking");
    expect(await stopped).toEqual({ reason: "stage" });
    // Each listener hears that the feed ended, in their own instance.
    expect(await ended).toEqual({ reason: "stage", feed: bo.memberId });
    await waitForState(cy.room, (s) => !s.session.voice.feeds.has(bo.memberId), 10_000);
    await waitForState(host.room, (s) => !s.session.voice.feeds.has(bo.memberId), 10_000);
    await Promise.all([silent(inOne), silent(inTwo)]);
    // Off the stage, publishing again is refused.
    await expectRefused(bo, "voicePublish", { sdp: await new NodeSpeaker().offer() }, "NOT_ON_STAGE");
  }, 60_000);

  it("destroys the session's Janus room when the session closes", async () => {
    const host = await enter("Host", { host: true });
    const bo = await enter("Bo");
    await onStage(host, bo);
    await publish(bo);
    const room = grove.voice!.roomOf(bo.welcome.liveSessionId);
    expect(await grove.voice!.janusRooms()).toContain(room);
    await Promise.all(peers.splice(0).map((peer) => peer.close()));
    await Promise.all(seats.splice(0).map((seat) => seat.room.leave()));
    await until(async () => (await grove.store.listSessions(events.voice)).every((s) => s.endedAt !== null), "the session to close", 10_000);
    await until(async () => !(await grove.voice!.janusRooms()).includes(room!), "Janus to drop the room", 10_000);
  }, 60_000);
});

describe("who may publish and listen", () => {
  it("refuses a listener's publish, an unknown or own feed, and another session's speaker", async () => {
    const host = await enter("Host", { host: true });
    const bo = await enter("Bo");
    const cy = await enter("Cy");
    const otherHost = await enter("Olga", { host: true, slug: "other" });
    const dee = await enter("Dee", { slug: "other" });
    const offer = await new NodeSpeaker().offer();
    await expectRefused(cy, "voicePublish", { sdp: offer }, "NOT_ON_STAGE");
    await expectRefused(cy, "voiceListen", { feed: bo.memberId }, "UNKNOWN_FEED");
    await onStage(host, bo);
    await publish(bo);
    await expectRefused(bo, "voiceListen", { feed: bo.memberId }, "UNKNOWN_FEED");
    await expectRefused(cy, "voiceAnswer", { feed: bo.memberId, sdp: offer }, "UNKNOWN_FEED");
    // Dee's session is another event's: Bo's feed is not in it, whatever id Dee sends.
    await onStage(otherHost, dee);
    await expectRefused(dee, "voiceListen", { feed: bo.memberId }, "UNKNOWN_FEED");
    await expectRefused(host, "muteSpeakerAudio", { memberId: cy.memberId, muted: true }, "NOT_ON_STAGE");
    await expectRefused(bo, "muteSpeakerAudio", { memberId: bo.memberId, muted: true }, "FORBIDDEN");
    // Bo is still heard after all of that.
    await listen(cy, bo);
  }, 60_000);

  it("cuts a speaker the host mutes, refuses them until unmuted, and lets them back on after", async () => {
    const host = await enter("Host", { host: true });
    const bo = await enter("Bo");
    const cy = await enter("Cy");
    await onStage(host, bo);
    await publish(bo, [bo, cy]);
    const heard = await listen(cy, bo);
    const stopped = nextMessage<VoiceStoppedEvent>(bo.room, "voiceStopped", 10_000);
    await act(host, "muteSpeakerAudio", { memberId: bo.memberId, muted: true }, () => host.salon?.stage.speakers[0]?.audioMuted === true);
    expect(await stopped).toEqual({ reason: "hostMuted" });
    await waitForState(cy.room, (s) => !s.session.voice.feeds.has(bo.memberId), 10_000);
    await silent(heard);
    await expectRefused(bo, "voicePublish", { sdp: await new NodeSpeaker().offer() }, "AUDIO_MUTED");
    // Bo is still on the stage (text only), and the same mute twice changes nothing.
    expect(bo.mine?.hand).toBe("speaking");
    await expectRefused(host, "muteSpeakerAudio", { memberId: bo.memberId, muted: true }, "NOTHING_TO_CHANGE");
    await act(host, "muteSpeakerAudio", { memberId: bo.memberId, muted: false }, () => host.salon?.stage.speakers[0]?.audioMuted === undefined);
    await publish(bo, [bo, cy]);
    await listen(cy, bo);
  }, 60_000);

  it("stops the audio of a speaker a host mutes in moderation or removes, and refuses the removed member's listening", async () => {
    const host = await enter("Host", { host: true });
    const bo = await enter("Bo");
    const cy = await enter("Cy");
    await onStage(host, bo);
    await publish(bo, [bo, cy]);
    const heard = await listen(cy, bo);
    const stopped = nextMessage<VoiceStoppedEvent>(bo.room, "voiceStopped", 10_000);
    host.room.send("muteMember", { memberId: bo.memberId, minutes: 5, note: "" });
    expect(await stopped).toEqual({ reason: "moderation" });
    await silent(heard);
    await expectRefused(bo, "voicePublish", { sdp: await new NodeSpeaker().offer() }, "MUTED");
    expect(bo.errors.at(-1)?.retryAfterMs).toBeGreaterThan(0);

    // A removed speaker's audio ends with them, and what they listened to.
    host.room.send("unmuteMember", { memberId: bo.memberId });
    await until(() => bo.errors.length > 0, "");
    const dee = await enter("Dee");
    await onStage(host, dee);
    await publish(dee, [dee, cy]);
    const deeHeard = await listen(cy, dee);
    const listening = await listen(bo, dee);
    host.room.send("removeMember", { memberId: dee.memberId, note: "" });
    await waitForState(cy.room, (s) => !s.session.voice.feeds.has(dee.memberId), 10_000);
    await Promise.all([silent(deeHeard), silent(listening)]);
  }, 60_000);
});

describe("stopping and replacing", () => {
  it("stops listening and publishing on request, and a second publish replaces the first for its listeners", async () => {
    const host = await enter("Host", { host: true });
    const bo = await enter("Bo");
    const cy = await enter("Cy");
    await onStage(host, bo);
    await publish(bo, [bo, cy]);
    const first = await listen(cy, bo);
    cy.room.send("voiceUnlisten", { feed: bo.memberId });
    await silent(first);
    await until(() => grove.voice!.handleCount === 1, "Cy's subscription to go");
    const second = await listen(cy, bo);

    // Bo publishes again (a reconnect): Cy is told the old feed ended and hears the new one once listening again.
    const replaced = nextMessage<VoiceStoppedEvent>(cy.room, "voiceStopped", 10_000);
    const boStops = collect<VoiceStoppedEvent>(bo.room, "voiceStopped");
    const again = new NodeSpeaker();
    peers.push(again);
    const answer = nextMessage<{ sdp: string }>(bo.room, "voiceAnswer", 10_000);
    bo.room.send("voicePublish", { sdp: await again.offer() });
    await again.answered((await answer).sdp);
    expect(await replaced).toEqual({ reason: "replaced", feed: bo.memberId });
    await silent(second);
    await waitForState(cy.room, (s) => s.session.voice.feeds.has(bo.memberId), 10_000);
    await listen(cy, bo);
    expect(grove.voice!.handleCount).toBe(2);

    // Bo turns the microphone off: the feed goes, and Bo is told nothing (it was their choice).
    bo.room.send("voiceUnpublish", {});
    await waitForState(cy.room, (s) => !s.session.voice.feeds.has(bo.memberId), 10_000);
    await until(() => grove.voice!.handleCount === 0, "every handle to go");
    expect(boStops).toEqual([]);
  }, 60_000);

  it("lets nothing a publish or listen in flight makes outlive a member who left meanwhile", async () => {
    const host = await enter("Host", { host: true });
    const bo = await enter("Bo");
    const cy = await enter("Cy");
    await onStage(host, bo);
    await publish(bo, [bo, cy]);
    // Cy asks to listen and leaves at once; Dee, on stage, publishes and leaves at once.
    cy.room.send("voiceListen", { feed: bo.memberId });
    await cy.room.leave();
    const dee = await enter("Dee");
    await onStage(host, dee);
    dee.room.send("voicePublish", { sdp: await new NodeSpeaker().offer() });
    await dee.room.leave();
    await until(() => grove.voice!.handleCount === 1, "only Bo's publisher to stay", 10_000);
    expect([...host.room.state.session.voice.feeds.keys()]).toEqual([bo.memberId]);
  }, 60_000);
});

describe("hostile voice messages", () => {
  it("refuses malformed, oversized, video and garbage SDP with its code, and the room and Janus go on", async () => {
    const host = await enter("Host", { host: true });
    const bo = await enter("Bo");
    const cy = await enter("Cy");
    await onStage(host, bo);
    await expectRefused(bo, "voicePublish", { sdp: "hello" }, "INVALID_MESSAGE");
    await expectRefused(bo, "voicePublish", { sdp: `v=0\r\n${"a=x\r\n".repeat(VOICE_SDP_MAX_LENGTH / 5)}` }, "MESSAGE_TOO_LARGE");
    await expectRefused(bo, "voicePublish", { sdp: 42 }, "INVALID_MESSAGE");
    await expectRefused(bo, "voicePublish", { sdp: "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n" }, "INVALID_SDP");
    await expectRefused(bo, "voicePublish", { sdp: "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" }, "INVALID_SDP");
    // Well-formed lines Janus cannot make a connection of.
    await expectRefused(bo, "voicePublish", { sdp: "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n" }, "INVALID_SDP");
    await expectRefused(bo, "voiceListen", { feed: "__proto__" }, "UNKNOWN_FEED");
    await expectRefused(bo, "voiceListen", { feed: "x".repeat(500) }, "MESSAGE_TOO_LARGE");
    await expectRefused(bo, "voiceUnlisten", { feed: 1 }, "INVALID_MESSAGE");
    // Still fine: Bo publishes and Cy hears.
    await publish(bo, [bo, cy]);
    await listen(cy, bo);
  }, 60_000);

  it("refuses a flood of renegotiations past the bucket, and keeps the speaker heard", async () => {
    const host = await enter("Host", { host: true });
    const bo = await enter("Bo");
    const cy = await enter("Cy");
    await onStage(host, bo);
    const refusals = collect<{ code: string; intent?: string }>(bo.room, "error");
    const offer = await new NodeSpeaker().offer();
    for (let i = 0; i < 20; i += 1) bo.room.send("voicePublish", { sdp: offer });
    await until(() => refusals.filter((e) => e.code === "RATE_LIMITED" && e.intent === "voicePublish").length >= 15, "the flood to be refused", 10_000);
    expect(refusals.filter((e) => e.code === "RATE_LIMITED").length).toBe(16);
    offset += 60_000;
    await publish(bo, [bo, cy]);
    // A listen flood on a live feed: each accepted one replaces the last subscription, the rest are refused by feed.
    const offers = collect<{ feed: string }>(cy.room, "voiceOffer");
    for (let i = 0; i < 40; i += 1) cy.room.send("voiceListen", { feed: bo.memberId });
    await until(() => cy.errors.filter((e) => e.code === "RATE_LIMITED").length >= 16, "the listen flood to be refused", 10_000);
    // Every accepted listen was answered with an offer (each replacing the one before) before Cy listens for real.
    await until(() => offers.length + cy.errors.filter((e) => e.intent === "voiceListen").length === 40, "an answer to each listen", 10_000);
    expect(cy.errors.filter((e) => e.code === "RATE_LIMITED").every((e) => e.intent === "voiceListen" && e.feed === bo.memberId)).toBe(true);
    // However many were accepted, Janus holds Bo's publisher and at most one subscription of Cy's.
    await until(() => grove.voice!.handleCount <= 2, "the replaced subscriptions to go", 10_000);
    offset += 60_000;
    await listen(cy, bo);
    expect(grove.voice!.handleCount).toBe(2);
  }, 60_000);
});

describe("Janus going away", () => {
  it("says voice is unavailable while Janus is down, tells the speaker, and is ready again once it restarted", async () => {
    const host = await enter("Host", { host: true });
    const bo = await enter("Bo");
    await onStage(host, bo);
    await publish(bo);
    const stopped = nextMessage<VoiceStoppedEvent>(bo.room, "voiceStopped", 10_000);
    grove.voice!.janusProcess!.crash();
    expect(await stopped).toEqual({ reason: "unavailable" });
    await waitForState(host.room, (s) => s.session.voice.status === "unavailable" && s.session.voice.reason === "unreachable", 10_000);
    expect(host.room.state.session.voice.feeds.size).toBe(0);
    await waitForState(host.room, (s) => s.session.voice.status === "ready", 20_000);
    // A new room for the session on the new Janus, and the speaker heard again.
    const cy = await enter("Cy");
    await publish(bo, [bo, cy]);
    await listen(cy, bo);
  }, 60_000);
});

describe("without Janus", () => {
  // Last in the file: rooms share the latest server's services (VenueRoom.services), so each server here runs alone.
  it.each([
    ["not installed", { ...janus, mode: "missing" } as const, "unavailable", "notInstalled"],
    ["not answering", { ...janus, mode: "external", url: "ws://127.0.0.1:9" } as const, "unavailable", "unreachable"],
    ["switched off", undefined, "off", "disabled"],
  ])("runs with voice unavailable and says why: %s", async (_what, voice, status, reason) => {
    const server = await startTestGrove(voice ? { voice } : {});
    try {
      const seat = await takeSeat(new Client(server.url), { name: "Ann" });
      await waitForState(seat.room, (s) => s.session.voice.status === status && s.session.voice.reason === reason).catch(() => {
        throw new Error(`expected ${status}/${reason}, saw ${seat.room.state.session.voice.status}/${seat.room.state.session.voice.reason}`);
      });
      await expectRefused(seat, "voicePublish", { sdp: "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" }, voice ? "NOT_ON_STAGE" : "VOICE_UNAVAILABLE");
      await expectRefused(seat, "voiceListen", { feed: "someone" }, "VOICE_UNAVAILABLE");
      // Everything else goes on: chat still works.
      seat.room.send("chat", { text: "still here" });
      await until(() => seat.chats.some((line) => line.text === "still here"), "the chat line");
      await seat.room.leave();
    } finally {
      await server.dispose();
    }
  }, 30_000);
});
