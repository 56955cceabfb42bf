import { describe, expect, it } from "vitest";
import {
  feedsToHear,
  iceServersOf,
  micAfterMediaError,
  micAfterRefusal,
  micAfterStop,
  MIC_IDLE,
  planFeeds,
  shouldPublish,
  talkingNames,
  tuneOpus,
} from "../../client/voice/plan.js";
import { EMPTY_VOICE, nextVoiceSnapshot, type VoiceStateSource } from "../../client/voice/snapshot.js";

const feeds = (...ids: string[]) => ids.map((memberId) => ({ memberId, talking: false }));

describe("feedsToHear", () => {
  it("hears every feed but the member's own while listening and voice is ready", () => {
    expect(feedsToHear({ status: "ready", listening: true, feeds: feeds("m-ada", "m-bo", "m-cy"), selfMemberId: "m-bo" })).toEqual(["m-ada", "m-cy"]);
  });
  it("hears nothing before the member chose to listen", () => {
    expect(feedsToHear({ status: "ready", listening: false, feeds: feeds("m-ada"), selfMemberId: "m-bo" })).toEqual([]);
  });
  it("hears nothing while voice is unavailable", () => {
    expect(feedsToHear({ status: "unavailable", listening: true, feeds: feeds("m-ada"), selfMemberId: "m-bo" })).toEqual([]);
  });
  it("does not ask again for a feed the server refused", () => {
    expect(feedsToHear({ status: "ready", listening: true, feeds: feeds("m-ada", "m-cy"), selfMemberId: "", refused: new Set(["m-ada"]) })).toEqual(["m-cy"]);
  });
});

describe("planFeeds", () => {
  it("opens the new feeds and closes the ones that went", () => {
    expect(planFeeds(["m-ada", "m-bo"], ["m-bo", "m-cy"])).toEqual({ open: ["m-cy"], close: ["m-ada"] });
  });
  it("does nothing when the feeds heard are the feeds wanted", () => {
    expect(planFeeds(new Set(["m-ada"]), ["m-ada"])).toEqual({ open: [], close: [] });
  });
});

describe("the microphone's state after an answer", () => {
  it("reads a host's mute as hostMuted, by event and by refusal", () => {
    expect(micAfterStop("hostMuted")).toEqual({ kind: "hostMuted" });
    expect(micAfterRefusal("AUDIO_MUTED")).toEqual({ kind: "hostMuted" });
  });
  it("keeps the reason of any other stop", () => {
    expect(micAfterStop("replaced")).toEqual({ kind: "stopped", reason: "replaced" });
    expect(micAfterRefusal("NOT_ON_STAGE")).toEqual({ kind: "stopped", reason: "stage" });
    expect(micAfterRefusal("MUTED")).toEqual({ kind: "stopped", reason: "moderation" });
  });
  it("shows other refusals as errors with their code", () => {
    expect(micAfterRefusal("VOICE_UNAVAILABLE")).toEqual({ kind: "error", code: "VOICE_UNAVAILABLE" });
  });
  it("reads the browser's refusal as denied, and a missing microphone as an error", () => {
    expect(micAfterMediaError("NotAllowedError")).toEqual({ kind: "denied" });
    expect(micAfterMediaError("NotFoundError")).toEqual({ kind: "error", code: "noMicrophone" });
    expect(micAfterMediaError("TypeError")).toEqual({ kind: "error", code: "unsupported" });
  });
});

describe("shouldPublish", () => {
  const base = { wanted: true, speaker: true, status: "ready" as const, audioMuted: false, mic: MIC_IDLE, publishing: false };
  it("publishes a speaker who wants the microphone", () => {
    expect(shouldPublish(base)).toBe(true);
  });
  it("does not publish off the stage, muted by a host, twice, or after a denial", () => {
    expect(shouldPublish({ ...base, speaker: false })).toBe(false);
    expect(shouldPublish({ ...base, audioMuted: true })).toBe(false);
    expect(shouldPublish({ ...base, publishing: true })).toBe(false);
    expect(shouldPublish({ ...base, mic: { kind: "denied" } })).toBe(false);
    expect(shouldPublish({ ...base, status: "unavailable" })).toBe(false);
  });
});

describe("tuneOpus", () => {
  const sdp = ["v=0", "m=audio 9 UDP/TLS/RTP/SAVPF 111 0", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=0", "a=rtpmap:0 PCMU/8000", ""].join("\r\n");
  it("asks Opus for 32 kb/s, in-band FEC and DTX, keeping its other parameters", () => {
    const tuned = tuneOpus(sdp);
    expect(tuned).toContain("a=fmtp:111 minptime=10;maxaveragebitrate=32000;useinbandfec=1;usedtx=1\r\n");
    expect(tuned).not.toContain("useinbandfec=0");
    expect(tuned).toContain("a=rtpmap:0 PCMU/8000");
  });
  it("adds the format line when the SDP has none", () => {
    const bare = ["v=0", "m=audio 9 UDP/TLS/RTP/SAVPF 109", "a=rtpmap:109 opus/48000/2", "a=sendonly", ""].join("\n");
    expect(tuneOpus(bare, 24_000).split("\n")).toEqual(["v=0", "m=audio 9 UDP/TLS/RTP/SAVPF 109", "a=rtpmap:109 opus/48000/2", "a=fmtp:109 maxaveragebitrate=24000;useinbandfec=1;usedtx=1", "a=sendonly", ""]);
  });
  it("leaves an SDP without Opus as it is", () => {
    const pcmu = "v=0\r\nm=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    expect(tuneOpus(pcmu)).toBe(pcmu);
  });
});

describe("iceServersOf", () => {
  it("reads STUN and TURN servers", () => {
    const json = JSON.stringify([{ urls: "stun:stun.example.org" }, { urls: ["turn:t.example.org"], username: "u", credential: "c" }]);
    expect(iceServersOf(json)).toEqual([{ urls: "stun:stun.example.org" }, { urls: ["turn:t.example.org"], username: "u", credential: "c" }]);
  });
  it("reads anything unreadable as no servers", () => {
    expect(iceServersOf("not json")).toEqual([]);
    expect(iceServersOf(JSON.stringify([{ host: "x" }]))).toEqual([]);
  });
});

describe("talkingNames", () => {
  it("names the talking feeds it knows, in order", () => {
    const names = new Map([
      ["m-ada", "Ada"],
      ["m-bo", "Bo"],
    ]);
    expect(talkingNames([{ memberId: "m-ada", talking: true }, { memberId: "m-bo", talking: false }, { memberId: "m-zz", talking: true }], names)).toEqual(["Ada"]);
  });
});

describe("nextVoiceSnapshot", () => {
  const source = (status: string, entries: [string, boolean][], reason = ""): VoiceStateSource => ({
    session: {
      voice: {
        status,
        reason,
        ice: "[]",
        feeds: { forEach: (cb) => entries.forEach(([memberId, talking]) => cb({ memberId, talking }, memberId)) },
      },
    },
  });
  it("reads the status, the reason and the feeds sorted by member", () => {
    expect(nextVoiceSnapshot(EMPTY_VOICE, source("ready", [["m-bo", true], ["m-ada", false]]))).toEqual({
      status: "ready",
      reason: null,
      ice: "[]",
      feeds: [
        { memberId: "m-ada", talking: false },
        { memberId: "m-bo", talking: true },
      ],
    });
    expect(nextVoiceSnapshot(EMPTY_VOICE, source("unavailable", [], "unreachable")).reason).toBe("unreachable");
  });
  it("returns the previous snapshot when nothing changed, and keeps its feeds while they are the same", () => {
    const first = nextVoiceSnapshot(EMPTY_VOICE, source("ready", [["m-ada", false]]));
    expect(nextVoiceSnapshot(first, source("ready", [["m-ada", false]]))).toBe(first);
    const talking = nextVoiceSnapshot(first, source("ready", [["m-ada", true]]));
    expect(talking).not.toBe(first);
    expect(talking.feeds[0]?.talking).toBe(true);
    const unavailable = nextVoiceSnapshot(first, source("unavailable", [["m-ada", false]], "error"));
    expect(unavailable.feeds).toBe(first.feeds);
  });
  it("reads a state without voice (an older server) as off", () => {
    expect(nextVoiceSnapshot(EMPTY_VOICE, {})).toBe(EMPTY_VOICE);
  });
});
