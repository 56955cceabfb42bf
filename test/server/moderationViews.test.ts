import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Client } from "@colyseus/core";
import { ModerationViews, type ViewRecipient } from "../../server/rooms/features/moderationViews.js";
import type { SessionCommandEntry } from "../../shared/log.js";
import { applySessionCommand, INITIAL_SESSION_STATE, type SessionState } from "../../shared/rules/session.js";

/**
 * Moderation's views in one instance, on a fake clock: each goes out only to whom it changed for, and a mute that ends
 * by the clock (no command marks it) has the views sent again just after it ends.
 */
const T0 = 1_000_000;

function client(sessionId: string): Client & { sent: Array<[string, unknown]> } {
  const sent: Array<[string, unknown]> = [];
  return { sessionId, sent, send: (type: string, payload: unknown) => void sent.push([type, payload]) } as unknown as Client & { sent: Array<[string, unknown]> };
}

let seq = 0;
function apply(state: SessionState, entry: SessionCommandEntry, memberId = "host", at = T0): SessionState {
  const result = applySessionCommand(state, { ...entry, seq: (seq += 1), at, memberId });
  expect(result.outcome).toEqual({ applied: true });
  return result.state;
}

describe("moderation's views in an instance", () => {
  let resent: number;
  let views: ModerationViews;
  let broadcasts: unknown[];
  const hostClient = client("h");
  const annClient = client("a");
  const boClient = client("b");
  const recipients: ViewRecipient[] = [
    { client: hostClient, memberId: "host", role: "host" },
    { client: annClient, memberId: "ann", role: "member" },
    { client: boClient, memberId: "bo", role: "member" },
  ];
  const types = (c: { sent: Array<[string, unknown]> }) => c.sent.map(([type]) => type);
  const clear = () => {
    for (const c of [hostClient, annClient, boClient]) c.sent.length = 0;
    broadcasts.length = 0;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    seq = 0;
    resent = 0;
    broadcasts = [];
    views = new ModerationViews(() => void (resent += 1));
    clear();
  });
  afterEach(() => {
    views.stop();
    vi.useRealTimers();
  });

  it("sends each view only to whom it changed for", () => {
    let state = INITIAL_SESSION_STATE;
    views.flush(state, T0, recipients, (view) => broadcasts.push(view));
    expect(broadcasts).toEqual([{ locked: false, slowModeSeconds: 0, deleted: [] }]);
    expect(types(hostClient)).toEqual(["moderationHost", "moderationMine"]);
    expect(types(annClient)).toEqual(["moderationMine"]);
    clear();

    // Ann is muted: her own view and the hosts' change, everyone's does not, Bo's does not.
    state = apply(state, { kind: "memberMuted", detail: { memberId: "ann", name: "Ann", durationMs: 60_000, note: "", byName: "Host" } });
    views.flush(state, T0, recipients, (view) => broadcasts.push(view));
    expect(broadcasts).toEqual([]);
    expect(types(hostClient)).toEqual(["moderationHost"]);
    expect(annClient.sent).toEqual([["moderationMine", expect.objectContaining({ muted: { until: T0 + 60_000, reason: "host", note: "" } })]]);
    expect(boClient.sent).toEqual([]);
    clear();

    // An offence changes only strikes, which no view shows: nothing goes out.
    state = apply(state, { kind: "offenceRecorded", detail: { kind: "filter", name: "Bo" } }, "bo");
    views.flush(state, T0, recipients, (view) => broadcasts.push(view));
    expect([broadcasts, hostClient.sent, annClient.sent, boClient.sent]).toEqual([[], [], [], []]);

    // The lock changes everyone's.
    state = apply(state, { kind: "sessionLocked", detail: { locked: true, name: "Host" } });
    views.flush(state, T0, recipients, (view) => broadcasts.push(view));
    expect(broadcasts).toEqual([{ locked: true, slowModeSeconds: 0, deleted: [] }]);
  });

  it("sends the views again just after the earliest mute in force ends, and the member's notice clears", () => {
    let state = apply(INITIAL_SESSION_STATE, { kind: "memberMuted", detail: { memberId: "ann", name: "Ann", durationMs: 300_000, note: "", byName: "Host" } });
    state = apply(state, { kind: "memberMuted", detail: { memberId: "bo", name: "Bo", durationMs: 60_000, note: "", byName: "Host" } });
    state = apply(state, { kind: "memberMuted", detail: { memberId: "cy", name: "Cy", durationMs: null, note: "", byName: "Host" } });
    views.flush(state, T0, recipients, () => {});
    vi.advanceTimersByTime(59_999);
    expect(resent).toBe(0);
    vi.advanceTimersByTime(2);
    expect(resent).toBe(1);
    clear();

    // The room sends again at that time: Bo's notice clears, the hosts' list loses him, and the next end is Ann's.
    views.flush(state, T0 + 60_001, recipients, () => {});
    expect(boClient.sent).toEqual([["moderationMine", expect.objectContaining({ muted: null })]]);
    expect(types(hostClient)).toEqual(["moderationHost"]);
    const inForce = (hostClient.sent[0]![1] as { mutes: Array<{ memberId: string }> }).mutes.map((mute) => mute.memberId);
    expect(inForce.sort()).toEqual(["ann", "cy"]);
    expect(annClient.sent).toEqual([]);
    vi.advanceTimersByTime(240_000);
    expect(resent).toBe(2);
    // A mute for the session never ends by itself: no more sends are due.
    views.flush(state, T0 + 300_001, recipients, () => {});
    vi.advanceTimersByTime(86_400_000);
    expect(resent).toBe(2);
  });

  it("sends all three to one client that (re)joins, and its own view again after it is forgotten", () => {
    const state = apply(INITIAL_SESSION_STATE, { kind: "memberMuted", detail: { memberId: "ann", name: "Ann", durationMs: null, note: "", byName: "Host" } });
    views.sendTo(recipients[0]!, state, T0);
    expect(types(hostClient)).toEqual(["moderation", "moderationHost", "moderationMine"]);
    views.sendTo(recipients[1]!, state, T0);
    expect(types(annClient)).toEqual(["moderation", "moderationMine"]);
    clear();
    views.flush(state, T0, recipients.slice(1, 2), () => {});
    expect(annClient.sent).toEqual([]);
    views.forget("a");
    views.flush(state, T0, recipients.slice(1, 2), () => {});
    expect(types(annClient)).toEqual(["moderationMine"]);
  });
});
