import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { SessionCommandEntry, SessionCommandKind } from "../../shared/log.js";
import { VoicePublishIntent, VOICE_SDP_MAX_LENGTH } from "../../shared/protocol/index.js";
import type { CommandOf } from "../../shared/rules/salon/slice.js";
import { setSpeakerAudio } from "../../shared/rules/salon/stage.js";
import type { StageState } from "../../shared/rules/salon/types.js";
import { INITIAL_SESSION_STATE, applySessionCommand, type SessionCommand, type SessionState } from "../../shared/rules/session.js";
import { isAudioOnlySdp, listenersToDrop, listenRefusal, publishersToStop, publishRefusal, stopReason } from "../../shared/rules/voice.js";

// Stage voice's rules (docs/voice.md): who may publish and listen as the stage and moderation change.

function run(state: SessionState, kind: SessionCommandKind, detail: Extract<SessionCommandEntry, { kind: typeof kind }>["detail"], at = 1_000, memberId = "host"): SessionState {
  const result = applySessionCommand(state, { kind, detail, at, memberId, seq: state.seq + 1 } as SessionCommand);
  return result.state;
}

/** A session with `speakers` on the stage (each raised a hand and was invited). */
function withSpeakers(...speakers: string[]): SessionState {
  let state = INITIAL_SESSION_STATE;
  for (const id of speakers) {
    state = run(state, "handRaised", { name: id.toUpperCase() }, 1_000, id);
    state = run(state, "speakerInvited", { memberId: id });
  }
  return state;
}

const AUDIO_OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n";

describe("publishRefusal", () => {
  it("lets a speaker on the stage publish, and nobody else", () => {
    const state = withSpeakers("bo");
    expect(publishRefusal(state, "bo", 2_000)).toBeNull();
    expect(publishRefusal(state, "cy", 2_000)).toBe("NOT_ON_STAGE");
    expect(publishRefusal(INITIAL_SESSION_STATE, "bo", 2_000)).toBe("NOT_ON_STAGE");
  });

  it("refuses a speaker whose audio a host muted, until unmuted", () => {
    const muted = run(withSpeakers("bo", "cy"), "speakerAudioSet", { memberId: "bo", muted: true });
    expect(publishRefusal(muted, "bo", 2_000)).toBe("AUDIO_MUTED");
    expect(publishRefusal(muted, "cy", 2_000)).toBeNull();
    expect(publishRefusal(run(muted, "speakerAudioSet", { memberId: "bo", muted: false }), "bo", 2_000)).toBeNull();
  });

  it("refuses a speaker muted in moderation while the mute lasts, and a removed one for good", () => {
    // A mute also takes the member off the stage: once it ends they are a listener until invited again.
    const muted = run(withSpeakers("bo"), "memberMuted", { memberId: "bo", name: "BO", durationMs: 60_000, note: "", byName: "Host" });
    expect(publishRefusal(muted, "bo", 60_999)).toBe("MUTED");
    expect(publishRefusal(muted, "bo", 61_000)).toBe("NOT_ON_STAGE");
    const removed = { ...withSpeakers("bo"), moderation: { ...INITIAL_SESSION_STATE.moderation, removed: { bo: { name: "BO", at: 1 } } } } as unknown as SessionState;
    expect(publishRefusal(removed, "bo", 2_000)).toBe("REMOVED");
  });

  it("puts removal before a mute, and a mute before the stage", () => {
    const base = withSpeakers("bo");
    const both = { ...base, moderation: { ...base.moderation, removed: { bo: { name: "BO", at: 1 } }, mutes: { bo: { until: null, name: "BO", at: 1, by: "host", note: "" } } } } as unknown as SessionState;
    expect(publishRefusal(both, "bo", 2_000)).toBe("REMOVED");
    const mutedOff = { ...INITIAL_SESSION_STATE, moderation: { ...INITIAL_SESSION_STATE.moderation, mutes: { cy: { until: null, name: "CY", at: 1, by: "host", note: "" } } } } as unknown as SessionState;
    expect(publishRefusal(mutedOff, "cy", 2_000)).toBe("MUTED");
  });
});

describe("listenRefusal", () => {
  it("lets anyone listen but a removed member (a muted member still hears the stage)", () => {
    const state = { ...INITIAL_SESSION_STATE, moderation: { ...INITIAL_SESSION_STATE.moderation, removed: { dee: { name: "DEE", at: 1 } }, mutes: { cy: { until: null, name: "CY", at: 1, by: "host", note: "" } } } } as unknown as SessionState;
    expect(listenRefusal(state, "cy")).toBeNull();
    expect(listenRefusal(state, "ann")).toBeNull();
    expect(listenRefusal(state, "dee")).toBe("REMOVED");
    expect(listenersToDrop(state, ["ann", "dee", "cy"])).toEqual(["dee"]);
    expect(listenersToDrop(state, [])).toEqual([]);
  });
});

describe("publishersToStop", () => {
  it("names each publisher who lost the right, with why, and leaves the rest", () => {
    let state = withSpeakers("bo", "cy", "dee");
    expect(publishersToStop(state, ["bo", "cy", "dee"], 2_000)).toEqual([]);
    state = run(state, "speakerReturned", { memberId: "bo" });
    state = run(state, "speakerAudioSet", { memberId: "cy", muted: true });
    expect(publishersToStop(state, ["bo", "cy", "dee"], 2_000)).toEqual([
      { memberId: "bo", reason: "stage" },
      { memberId: "cy", reason: "hostMuted" },
    ]);
    state = run(state, "memberMuted", { memberId: "dee", name: "DEE", durationMs: null, note: "", byName: "Host" });
    expect(publishersToStop(state, ["dee"], 2_000)).toEqual([{ memberId: "dee", reason: "moderation" }]);
  });

  it("maps each refusal to what the speaker is told", () => {
    expect(stopReason("NOT_ON_STAGE")).toBe("stage");
    expect(stopReason("AUDIO_MUTED")).toBe("hostMuted");
    expect(stopReason("MUTED")).toBe("moderation");
    expect(stopReason("REMOVED")).toBe("moderation");
  });
});

describe("setSpeakerAudio", () => {
  const stage = (parts: Partial<StageState> = {}): StageState => Object.freeze({ queue: [], speakers: [], speakerLimit: 3, ...parts });
  const audio = (memberId: string, muted: boolean): CommandOf<"speakerAudioSet"> => ({ kind: "speakerAudioSet", detail: { memberId, muted }, at: 1, memberId: "host", seq: 1 });
  const bo = Object.freeze({ memberId: "bo", name: "Bo", since: 1 });
  const cy = Object.freeze({ memberId: "cy", name: "Cy", since: 2 });

  it("marks only that speaker, and unmarking removes the mark", () => {
    const before = stage({ speakers: [bo, cy] });
    const muted = setSpeakerAudio(before, audio("cy", true));
    expect(muted).toEqual({ state: { ...before, speakers: [bo, { ...cy, audioMuted: true }] }, outcome: { applied: true } });
    expect(muted.state.speakers[0]).toBe(bo);
    const unmuted = setSpeakerAudio(muted.state, audio("cy", false));
    expect(unmuted.state.speakers[1]).toEqual(cy);
    expect(Object.hasOwn(unmuted.state.speakers[1]!, "audioMuted")).toBe(false);
  });

  it("refuses a member not on the stage, and a change to what already is", () => {
    const before = stage({ speakers: [bo] });
    expect(setSpeakerAudio(before, audio("cy", true))).toEqual({ state: before, outcome: { applied: false, reason: "NOT_ON_STAGE" } });
    expect(setSpeakerAudio(before, audio("bo", false))).toEqual({ state: before, outcome: { applied: false, reason: "NOTHING_TO_CHANGE" } });
    const muted = setSpeakerAudio(before, audio("bo", true)).state;
    expect(setSpeakerAudio(muted, audio("bo", true))).toEqual({ state: muted, outcome: { applied: false, reason: "NOTHING_TO_CHANGE" } });
  });

  it("clears the mark when the speaker leaves the stage and comes back", () => {
    let state = run(withSpeakers("bo"), "speakerAudioSet", { memberId: "bo", muted: true });
    state = run(state, "speakerReturned", { memberId: "bo" });
    state = run(state, "handRaised", { name: "BO" }, 3_000, "bo");
    state = run(state, "speakerInvited", { memberId: "bo" });
    expect(publishRefusal(state, "bo", 4_000)).toBeNull();
  });
});

describe("isAudioOnlySdp", () => {
  it("takes one audio section, with CRLF or LF line ends", () => {
    expect(isAudioOnlySdp(AUDIO_OFFER)).toBe(true);
    expect(isAudioOnlySdp(AUDIO_OFFER.replaceAll("\r\n", "\n"))).toBe(true);
    // Any port: a browser writes 9, another a real one.
    expect(isAudioOnlySdp(AUDIO_OFFER.replace("m=audio 9 ", "m=audio 50000 "))).toBe(true);
  });

  it("refuses video, data, a second section, no section, a missing version and malformed lines", () => {
    expect(isAudioOnlySdp(AUDIO_OFFER.replace("m=audio", "m=video"))).toBe(false);
    expect(isAudioOnlySdp(`${AUDIO_OFFER}m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n`)).toBe(false);
    expect(isAudioOnlySdp(`${AUDIO_OFFER}m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n`)).toBe(false);
    expect(isAudioOnlySdp("v=0\r\ns=-\r\n")).toBe(false);
    expect(isAudioOnlySdp(AUDIO_OFFER.replace("v=0", "v=1"))).toBe(false);
    expect(isAudioOnlySdp(`${AUDIO_OFFER}not a line\r\n`)).toBe(false);
    expect(isAudioOnlySdp(`${AUDIO_OFFER}A=upper\r\n`)).toBe(false);
    expect(isAudioOnlySdp("v=0\r\nm=audio x UDP 111\r\n")).toBe(false);
    // "m=audio" further along a line of another kind is not an audio section.
    expect(isAudioOnlySdp("v=0\r\nm=application m=audio 9 UDP 111\r\n")).toBe(false);
  });

  it("never throws, whatever the text", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => typeof isAudioOnlySdp(text) === "boolean"));
  });
});

describe("the SDP on the wire", () => {
  it("takes printable text starting v=0 up to the limit, and nothing else", () => {
    expect(VoicePublishIntent.safeParse({ sdp: AUDIO_OFFER }).success).toBe(true);
    expect(VoicePublishIntent.safeParse({ sdp: `v=0\r\n${"a".repeat(VOICE_SDP_MAX_LENGTH - 5)}` }).success).toBe(true);
    expect(VoicePublishIntent.safeParse({ sdp: `v=0\r\n${"a".repeat(VOICE_SDP_MAX_LENGTH - 4)}` }).success).toBe(false);
    expect(VoicePublishIntent.safeParse({ sdp: "x=0\r\n" }).success).toBe(false);
    expect(VoicePublishIntent.safeParse({ sdp: "v=0\r\na=\u0000\r\n" }).success).toBe(false);
    expect(VoicePublishIntent.safeParse({ sdp: "v=0\r\na=中\r\n" }).success).toBe(false);
    expect(VoicePublishIntent.safeParse({ sdp: AUDIO_OFFER, extra: 1 }).success).toBe(false);
  });
});
