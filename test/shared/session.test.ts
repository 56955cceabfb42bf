import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { INITIAL_SESSION_STATE, applySessionCommand, checkSessionCommand, replaySession, type SessionCommand } from "../../shared/rules/session.js";
import { normaliseAnnouncement } from "../../shared/rules/announcements.js";

const post = (seq: number, text: string, at = seq * 1000, memberId = "host"): SessionCommand => ({
  kind: "announcementPosted",
  detail: { text, name: "Host" },
  seq,
  at,
  memberId,
});
const clear = (seq: number, at = seq * 1000): SessionCommand => ({ kind: "announcementCleared", detail: {}, seq, at, memberId: "host" });

describe("applySessionCommand", () => {
  it("posts an announcement named after its sequence number, with who posted it and when", () => {
    const { state, outcome } = applySessionCommand(INITIAL_SESSION_STATE, post(1, "Welcome", 5_000));
    expect(outcome).toEqual({ applied: true });
    expect(state).toEqual({ ...INITIAL_SESSION_STATE, seq: 1, announcement: { id: "a1", text: "Welcome", postedBy: { memberId: "host", name: "Host" }, postedAt: 5_000 } });
  });

  it("replaces the announcement with a newer post, and clears it", () => {
    const posted = replaySession([post(1, "One"), post(2, "Two")]);
    expect(posted.announcement).toMatchObject({ id: "a2", text: "Two" });
    expect(applySessionCommand(posted, clear(3))).toEqual({ state: { ...INITIAL_SESSION_STATE, seq: 3, announcement: null }, outcome: { applied: true } });
  });

  it("declines clearing when nothing is shown, yet the command keeps its place in the order", () => {
    const { state, outcome } = applySessionCommand(INITIAL_SESSION_STATE, clear(1));
    expect(outcome).toEqual({ applied: false, reason: "NOTHING_TO_CHANGE" });
    expect(state).toEqual({ ...INITIAL_SESSION_STATE, seq: 1, announcement: null });
  });

  it("ignores a command at or below the sequence number already applied (a replay, or a message heard twice)", () => {
    const state = replaySession([post(1, "One"), post(2, "Two")]);
    expect(applySessionCommand(state, post(2, "Again"))).toEqual({ state, outcome: { applied: false, reason: "stale" } });
    expect(applySessionCommand(state, post(1, "Older"))).toEqual({ state, outcome: { applied: false, reason: "stale" } });
  });

  it("checks a command as the next in order without changing anything", () => {
    const state = replaySession([post(4, "Four")]);
    expect(checkSessionCommand(state, { kind: "announcementCleared", detail: {}, at: 1, memberId: "h" })).toEqual({ applied: true });
    expect(checkSessionCommand(INITIAL_SESSION_STATE, { kind: "announcementCleared", detail: {}, at: 1, memberId: "h" })).toEqual({ applied: false, reason: "NOTHING_TO_CHANGE" });
    expect(state.announcement?.text).toBe("Four");
  });
});

describe("normaliseAnnouncement", () => {
  it("keeps one line of visible text and refuses what shows nothing", () => {
    expect(normaliseAnnouncement("  Doors close\n\n at 8 ")).toBe("Doors close at 8");
    expect(normaliseAnnouncement("\u200b \u3164")).toBeNull();
    expect(normaliseAnnouncement("散场前请签到 🌱")).toBe("散场前请签到 🌱");
  });

  it("joins lines with one space, with or without spaces around the break", () => {
    expect(normaliseAnnouncement("Doors\nclose")).toBe("Doors close");
    expect(normaliseAnnouncement("Doors \r\n  close at 8")).toBe("Doors close at 8");
  });
});

const commandBody = fc.oneof(
  fc.record({ kind: fc.constant("announcementPosted" as const), text: fc.string({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant("announcementCleared" as const) }),
);

/** A log of commands numbered 1..n, as the sequence counter hands them out. */
const commandLog = fc.array(commandBody, { maxLength: 40 }).map((bodies) =>
  bodies.map((body, i): SessionCommand => (body.kind === "announcementPosted" ? post(i + 1, body.text, 1_000 + i) : clear(i + 1, 1_000 + i))),
);

describe("replicas and replays (properties)", () => {
  it("two replicas fed the same commands in the same order end equal, whatever duplicates they hear", () => {
    fc.assert(
      fc.property(commandLog, fc.array(fc.nat(), { maxLength: 20 }), (log, repeats) => {
        let a = INITIAL_SESSION_STATE;
        let b = INITIAL_SESSION_STATE;
        for (const command of log) a = applySessionCommand(a, command).state;
        // Replica b hears some commands again after later ones (a message delivered twice).
        for (const [i, command] of log.entries()) {
          b = applySessionCommand(b, command).state;
          for (const r of repeats) if (log.length > 0 && r % log.length <= i) b = applySessionCommand(b, log[r % log.length]!).state;
        }
        expect(b).toEqual(a);
      }),
    );
  });

  it("a replay of the log equals the live state, in whatever order the rows come back", () => {
    fc.assert(
      fc.property(commandLog.chain((log) => fc.tuple(fc.constant(log), fc.shuffledSubarray(log, { minLength: log.length, maxLength: log.length }))), ([log, shuffled]) => {
        let live = INITIAL_SESSION_STATE;
        for (const command of log) live = applySessionCommand(live, command).state;
        expect(replaySession(shuffled)).toEqual(live);
        expect(live.seq).toBe(log.length);
      }),
    );
  });

  it("replaying a log's tail on a state rebuilt from its head equals replaying it all", () => {
    fc.assert(
      fc.property(commandLog, fc.nat(), (log, cut) => {
        const at = log.length === 0 ? 0 : cut % (log.length + 1);
        expect(replaySession(log.slice(at), replaySession(log.slice(0, at)))).toEqual(replaySession(log));
      }),
    );
  });
});
