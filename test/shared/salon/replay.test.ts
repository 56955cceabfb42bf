import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InteractionEntry, type SessionCommandEntry } from "../../../shared/log.js";
import { INITIAL_SESSION_STATE, applySessionCommand, checkSessionCommand, replaySession, type SessionCommand, type SessionState } from "../../../shared/rules/session.js";
import { tally } from "../../../shared/rules/salon/polls.js";

// Random salon sessions: every command kind, from several members, at increasing times, aimed at ids that exist
// (the latest few opened) and ids that do not. Each generated step names its targets by reference; the harness
// turns a reference into the id of a poll / debate / question / check-in opened earlier in the same run.

const MEMBERS = ["m1", "m2", "m3", "m4"] as const;
const SENDERS = [...MEMBERS, "host"] as const;
/** Ids that are never issued (or are traps for a record read without `Object.hasOwn`). */
const BAD_IDS = ["p0", "q0", "zz", "__proto__", "constructor", "toString"] as const;

type Ref = { recent: number } | { bad: string };
type Family = "p" | "d" | "q" | "c";
type Step = { sender: string; dt: number; make: (id: (family: Family, ref: Ref) => string) => SessionCommandEntry };

/** Mostly the latest opened (an earlier one otherwise, or the first when fewer were opened), sometimes an id never issued. */
const ref: fc.Arbitrary<Ref> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ recent: 0 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 2 }).map((recent) => ({ recent })) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_IDS).map((bad) => ({ bad })) },
);
const memberRef = fc.constantFrom(...MEMBERS, "ghost", "__proto__");
const name = fc.constantFrom("Ada", "Lin", "林", "");
/** Mostly one option (single choice and quizzes take no more), sometimes several, repeated or unknown. */
const ballotOptions = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("o0", "o1", "o2", "o3").map((o) => [o]) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom("o0", "o1", "o2", "o3", "o7", "x"), { minLength: 1, maxLength: 3 }) },
);
const OPTION_TEXTS = ["Oak", "Pine", "Ginkgo", "Maple"];
const ANSWERS = ["rain and trees", "树 rain", "more rain", "Trees", "雨 和 树"];
const URLS = ["/assets/intro.mp4", "https://cdn.example.com/live.m3u8", "HTTPS://CDN.example.com/live.m3u8", "javascript:alert(1)//x.mp4"];

type Body = (id: (family: Family, ref: Ref) => string) => SessionCommandEntry;
const body = <T>(arbitrary: fc.Arbitrary<T>, make: (value: T, id: (family: Family, ref: Ref) => string) => SessionCommandEntry): fc.Arbitrary<Body> =>
  arbitrary.map((value) => (id: (family: Family, ref: Ref) => string) => make(value, id));

const pollOpened = body(
  fc.record({
    kind: fc.constantFrom("single", "multiple", "quiz", "open"),
    count: fc.integer({ min: 2, max: 4 }),
    correct: fc.nat({ max: 3 }),
    durationMs: fc.constantFrom(null, null, 3_000, 10_000, 60_000),
    resultsShown: fc.boolean(),
  }),
  ({ kind, count, correct, durationMs, resultsShown }) => ({
    kind: "pollOpened",
    detail: {
      kind,
      question: "Which?",
      options: kind === "open" ? [] : OPTION_TEXTS.slice(0, count),
      correct: kind === "quiz" ? [correct % count] : [],
      durationMs,
      resultsShown,
    },
  }),
);

const pollClosed = body(ref, (r, id) => ({ kind: "pollClosed", detail: { pollId: id("p", r) } }));
const pollLocked = body(fc.tuple(ref, fc.boolean()), ([r, locked], id) => ({ kind: "pollLocked", detail: { pollId: id("p", r), locked } }));
const pollVoted = body(fc.record({ poll: ref, options: ballotOptions, n: name }), (v, id) => ({
  kind: "pollVoted",
  detail: { pollId: id("p", v.poll), options: v.options, name: v.n },
}));

const bodies: fc.Arbitrary<Body> = fc.oneof(
  { weight: 2, arbitrary: body(name, (n) => ({ kind: "handRaised", detail: { name: n } })) },
  { weight: 1, arbitrary: body(memberRef, (memberId) => ({ kind: "handLowered", detail: { memberId } })) },
  { weight: 1, arbitrary: body(memberRef, (memberId) => ({ kind: "speakerInvited", detail: { memberId } })) },
  { weight: 1, arbitrary: body(memberRef, (memberId) => ({ kind: "speakerReturned", detail: { memberId } })) },
  { weight: 1, arbitrary: body(fc.integer({ min: 1, max: 8 }), (limit) => ({ kind: "speakerLimitSet", detail: { limit } })) },
  { weight: 3, arbitrary: pollOpened },
  { weight: 10, arbitrary: pollVoted },
  {
    weight: 4,
    arbitrary: body(fc.record({ poll: ref, text: fc.constantFrom(...ANSWERS), n: name }), (v, id) => ({
      kind: "pollAnswered",
      detail: { pollId: id("p", v.poll), text: v.text, name: v.n },
    })),
  },
  { weight: 1, arbitrary: pollClosed },
  { weight: 1, arbitrary: pollLocked },
  { weight: 1, arbitrary: body(fc.tuple(ref, fc.boolean()), ([r, shown], id) => ({ kind: "pollResultsShown", detail: { pollId: id("p", r), shown } })) },
  {
    weight: 1,
    arbitrary: body(fc.tuple(ref, fc.constantFrom("rain", "RAIN", "树", "the"), fc.boolean()), ([r, word, hidden], id) => ({
      kind: "pollWordHidden",
      detail: { pollId: id("p", r), word, hidden },
    })),
  },
  { weight: 1, arbitrary: body(fc.constant(null), () => ({ kind: "debateOpened", detail: { motion: "Trees?", sides: ["Yes", "No"] } })) },
  {
    weight: 2,
    arbitrary: body(fc.tuple(ref, fc.constantFrom("before", "discussion", "after", "closed")), ([r, phase], id) => ({
      kind: "debatePhaseSet",
      detail: { debateId: id("d", r), phase },
    })),
  },
  {
    weight: 4,
    arbitrary: body(fc.tuple(ref, fc.constantFrom(0 as const, 1 as const), name), ([r, side, n], id) => ({
      kind: "stanceTaken",
      detail: { debateId: id("d", r), side, name: n },
    })),
  },
  { weight: 2, arbitrary: body(fc.tuple(name, fc.boolean()), ([n, anonymous]) => ({ kind: "questionAsked", detail: { text: "Why?", name: n, anonymous } })) },
  { weight: 3, arbitrary: body(ref, (r, id) => ({ kind: "questionUpvoted", detail: { questionId: id("q", r) } })) },
  {
    weight: 2,
    arbitrary: body(fc.tuple(ref, fc.constantFrom("pin", "unpin", "answer", "unanswer", "hide", "unhide")), ([r, action], id) => ({
      kind: "questionModerated",
      detail: { questionId: id("q", r), action },
    })),
  },
  { weight: 1, arbitrary: body(fc.tuple(memberRef, name, fc.boolean()), ([memberId, n, expert]) => ({ kind: "expertSet", detail: { memberId, name: n, expert } })) },
  { weight: 1, arbitrary: body(fc.constant(null), () => ({ kind: "checkInOpened", detail: { prompt: "Hi?" } })) },
  { weight: 1, arbitrary: body(ref, (r, id) => ({ kind: "checkInClosed", detail: { checkInId: id("c", r) } })) },
  {
    weight: 3,
    arbitrary: body(fc.tuple(ref, fc.integer({ min: 1, max: 5 }), name), ([r, streak, n], id) => ({
      kind: "checkedIn",
      detail: { checkInId: id("c", r), text: "here", name: n, streak },
    })),
  },
  { weight: 1, arbitrary: body(fc.constantFrom(...URLS), (url) => ({ kind: "screenSet", detail: { url } })) },
  { weight: 1, arbitrary: body(fc.constant(null), () => ({ kind: "screenCleared", detail: {} })) },
  {
    weight: 1,
    arbitrary: body(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 600 })), ([playing, position]) => ({ kind: "screenPlayback", detail: { playing, position } })),
  },
  { weight: 1, arbitrary: body(fc.constant(null), () => ({ kind: "announcementPosted", detail: { text: "Hello", name: "Host" } })) },
  { weight: 1, arbitrary: body(fc.constant(null), () => ({ kind: "announcementCleared", detail: {} })) },
);

const step = (make: fc.Arbitrary<Body>): fc.Arbitrary<Step> => fc.record({ sender: fc.constantFrom(...SENDERS), dt: fc.nat({ max: 1_500 }), make });
const openers = fc.oneof(
  { weight: 3, arbitrary: pollOpened },
  { weight: 1, arbitrary: body(fc.constant(null), () => ({ kind: "debateOpened", detail: { motion: "Trees?", sides: ["Yes", "No"] } })) },
  { weight: 1, arbitrary: body(fc.constant(null), () => ({ kind: "checkInOpened", detail: { prompt: "Hi?" } })) },
);
/** Mostly votes, on polls opened now and then: many members' ballots on one poll, changed, locked and closed. */
const votingSteps: fc.Arbitrary<Step[]> = fc
  .tuple(
    step(pollOpened),
    fc.array(
      step(fc.oneof({ weight: 4, arbitrary: pollOpened }, { weight: 40, arbitrary: pollVoted }, { weight: 1, arbitrary: pollLocked }, { weight: 1, arbitrary: pollClosed })),
      { maxLength: 80, size: "max" },
    ),
  )
  .map(([first, rest]) => [first, ...rest]);
/** Sometimes a few things opened first (so more of what follows lands), then anything. */
const steps: fc.Arbitrary<Step[]> = fc
  .tuple(fc.array(step(openers), { maxLength: 4 }), fc.array(step(bodies), { maxLength: 80, size: "max" }))
  .map(([first, rest]) => [...first, ...rest]);

const OPENS: Partial<Record<SessionCommandEntry["kind"], Family>> = { pollOpened: "p", debateOpened: "d", questionAsked: "q", checkInOpened: "c" };

interface Run {
  log: SessionCommand[];
  live: SessionState;
  /** Poll id → member → the options of their last vote that applied (worked out from the outcomes, not the state). */
  votes: Map<string, Map<string, readonly string[]>>;
}

/**
 * Applies the steps one by one as a replica does, every command taking its place in the order (a command declined
 * on apply, as a race decides it, is logged all the same). Checks at each step that the room's pre-check agrees with
 * the apply, and that a declined command leaves every part of the state the very object it was.
 */
function run(list: readonly Step[]): Run {
  const opened: Record<Family, string[]> = { p: [], d: [], q: [], c: [] };
  const id = (family: Family, target: Ref): string =>
    "bad" in target ? target.bad : (opened[family][Math.max(0, opened[family].length - 1 - target.recent)] ?? `${family}0`);
  const log: SessionCommand[] = [];
  const votes = new Map<string, Map<string, readonly string[]>>();
  let live = INITIAL_SESSION_STATE;
  let at = 1_000;
  for (const [i, step] of list.entries()) {
    at += step.dt;
    const entry = step.make(id);
    expect(InteractionEntry.safeParse(entry).success).toBe(true);
    const command = { ...entry, seq: i + 1, at, memberId: step.sender } as SessionCommand;
    const predicted = checkSessionCommand(live, { ...entry, at, memberId: step.sender } as SessionCommandEntry & { at: number; memberId: string });
    const before = live;
    const { state, outcome } = applySessionCommand(live, command);
    expect(outcome).toEqual(predicted);
    if (outcome.applied) {
      const family = OPENS[command.kind];
      if (family !== undefined) opened[family].push(`${family}${command.seq}`);
      if (command.kind === "pollVoted") {
        const byMember = votes.get(command.detail.pollId) ?? new Map<string, readonly string[]>();
        byMember.set(command.memberId, command.detail.options);
        votes.set(command.detail.pollId, byMember);
      }
    } else {
      expect(state.seq).toBe(command.seq);
      const { seq: _after, ...rest } = state;
      const { seq: _before, ...was } = before;
      expect(rest).toEqual(was);
      for (const key of Object.keys(was) as (keyof typeof was)[]) expect(state[key]).toBe(before[key]);
    }
    log.push(command);
    live = state;
  }
  return { log, live, votes };
}

/** A permutation of the log from a seed (mulberry32), so a failing shuffle shrinks and replays. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe("salon sessions, replayed (properties)", () => {
  it("replaying the log, in order or shuffled, with duplicates, gives the state the live replica reached", () => {
    fc.assert(
      fc.property(steps, fc.integer(), fc.array(fc.nat(), { maxLength: 10 }), (list, seed, repeats) => {
        const { log, live } = run(list);
        expect(replaySession(log)).toEqual(live);
        expect(replaySession(shuffled(log, seed))).toEqual(live);
        // A restart that hears some commands twice (and a late one after newer ones) rebuilds the same state.
        let again = replaySession(log);
        for (const r of repeats) if (log.length > 0) again = applySessionCommand(again, log[r % log.length] as SessionCommand).state;
        expect(again).toEqual(live);
      }),
      { numRuns: 150 },
    );
  });

  it("every poll's count for an option is the number of members whose last accepted vote holds it", () => {
    fc.assert(
      fc.property(fc.oneof(steps, votingSteps), (list) => {
        const { live, votes } = run(list);
        for (const poll of live.polls) {
          const counts = tally(poll);
          const ballots = [...(votes.get(poll.id)?.values() ?? [])];
          for (const option of poll.options) {
            expect(counts[option.id]).toBe(ballots.filter((options) => options.includes(option.id)).length);
          }
          // A member's ballot holds no option twice and only the poll's options.
          for (const ballot of Object.values(poll.ballots)) {
            expect(new Set(ballot.options).size).toBe(ballot.options.length);
            expect(ballot.options.every((o) => poll.options.some((option) => option.id === o))).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("keeps the salon's invariants: one open poll and check-in at most, one place per member on the stage", () => {
    fc.assert(
      fc.property(steps, (list) => {
        const { live } = run(list);
        expect(live.checkIns.filter((c) => c.closedAt === null).length).toBeLessThanOrEqual(1);
        expect(live.polls.filter((p) => p.closedAt === null && p !== live.polls.at(-1)).every((p) => p.closesAt !== null)).toBe(true);
        const onStage = [...live.stage.queue, ...live.stage.speakers].map((x) => x.memberId);
        expect(new Set(onStage).size).toBe(onStage.length);
        for (const q of live.qa.questions) expect(new Set(q.upvoters).size).toBe(q.upvoters.length);
        expect(live.debates.filter((d) => d.phase !== "closed").length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  });
});
