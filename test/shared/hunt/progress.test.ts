import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkClaim, claimerOf, inReach, isComplete, isOpen, nextClue, orderFor, seededRandom } from "../../../shared/rules/hunt/progress.js";
import { CLUE_REACH_M } from "../../../shared/rules/hunt/types.js";
import { hunt, realClue, sceneClue } from "./fixtures.js";

const IDS = ["a", "b", "c", "d", "e"];
const none = new Set<string>();

describe("claimerOf", () => {
  it("is the member when the hunt has no teams, whatever team is passed", () => {
    expect(claimerOf(hunt(), "m1", null)).toBe("member:m1");
    expect(claimerOf(hunt(), "m1", "Red")).toBe("member:m1");
  });

  it("is the team, shared by its members, when the hunt has teams", () => {
    const h = hunt({ teams: ["Red", "Blue"] });
    expect(claimerOf(h, "m1", "Red")).toBe("team:Red");
    expect(claimerOf(h, "m2", "Red")).toBe("team:Red");
    expect(claimerOf(h, "m3", "Blue")).toBe("team:Blue");
  });

  it("is null for a member of no team, or of a team the hunt no longer has", () => {
    const h = hunt({ teams: ["Red"] });
    expect(claimerOf(h, "m1", null)).toBeNull();
    expect(claimerOf(h, "m1", "Gone")).toBeNull();
  });
});

describe("orderFor", () => {
  it("is the listed order for ordered and free hunts, for every claimer", () => {
    expect(orderFor(hunt(), "member:m1")).toEqual(IDS);
    expect(orderFor(hunt({ order: "free" }), "member:m2")).toEqual(IDS);
  });

  it("is a permutation of the clues for random hunts, stable per claimer", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer({ min: 0, max: 20 }), (seed, claimer, count) => {
        const ids = Array.from({ length: count }, (_, i) => `c${i}`);
        const h = hunt({ order: "random", seed, clues: ids.map((id) => sceneClue(id)) });
        const order = orderFor(h, claimer);
        expect([...order].sort()).toEqual([...ids].sort());
        expect(orderFor(h, claimer)).toEqual(order);
      }),
    );
  });

  it("gives different claimers different orders, and reorders most of the time", () => {
    const h = hunt({ order: "random" });
    const orders = new Set(Array.from({ length: 50 }, (_, i) => orderFor(h, `member:m${i}`).join(",")));
    // 5 clues have 120 orders; 50 claimers falling on only a few would mean the seed barely matters.
    expect(orders.size).toBeGreaterThan(20);
  });

  it("depends on the hunt's seed as well as the claimer", () => {
    const claimers = Array.from({ length: 20 }, (_, i) => `team:T${i}`);
    const a = claimers.map((c) => orderFor(hunt({ order: "random", seed: "aaaa" }), c).join(","));
    const b = claimers.map((c) => orderFor(hunt({ order: "random", seed: "bbbb" }), c).join(","));
    expect(a).not.toEqual(b);
  });

  it("puts every clue first for some claimer (the shuffle reaches every position)", () => {
    const h = hunt({ order: "random" });
    const firsts = new Set(Array.from({ length: 200 }, (_, i) => orderFor(h, `member:${i}`)[0]));
    const lasts = new Set(Array.from({ length: 200 }, (_, i) => orderFor(h, `member:${i}`)[4]));
    expect([...firsts].sort()).toEqual(IDS);
    expect([...lasts].sort()).toEqual(IDS);
  });

  it("pins two orders, so a change of hash or shuffle (which would reorder live hunts) is seen", () => {
    expect(orderFor(hunt({ order: "random" }), "member:m2")).toEqual(["b", "c", "a", "d", "e"]);
    expect(orderFor(hunt({ order: "random" }), "team:Red")).toEqual(["e", "d", "c", "b", "a"]);
  });
});

describe("seededRandom", () => {
  it("repeats for a seed, stays in [0, 1) and spreads over it", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const buckets = [0, 0, 0, 0];
    for (const v of values) buckets[Math.floor(v * 4)] = (buckets[Math.floor(v * 4)] ?? 0) + 1;
    for (const count of buckets) expect(count).toBeGreaterThan(200);
    expect(seededRandom(43)()).not.toBe(seededRandom(42)());
  });
});

describe("nextClue", () => {
  it("is the first clue not found, in the claimer's order", () => {
    const h = hunt();
    expect(nextClue(h, "member:m1", none)).toBe("a");
    expect(nextClue(h, "member:m1", new Set(["a"]))).toBe("b");
    expect(nextClue(h, "member:m1", new Set(["a", "b", "d"]))).toBe("c");
  });

  it("follows the random order of the claimer", () => {
    const h = hunt({ order: "random" });
    const order = orderFor(h, "member:m7");
    expect(nextClue(h, "member:m7", none)).toBe(order[0]);
    expect(nextClue(h, "member:m7", new Set(order.slice(0, 3)))).toBe(order[3]);
  });

  it("is null once all are found, and always null in a free hunt", () => {
    expect(nextClue(hunt(), "member:m1", new Set(IDS))).toBeNull();
    expect(nextClue(hunt({ order: "random" }), "member:m1", new Set(IDS))).toBeNull();
    expect(nextClue(hunt({ order: "free" }), "member:m1", none)).toBeNull();
  });
});

describe("isOpen", () => {
  const h = hunt({ startsAt: 1000, endsAt: 2000 });
  it("opens at startsAt (inclusive) and closes at endsAt (exclusive)", () => {
    expect(isOpen(h, 999)).toBe(false);
    expect(isOpen(h, 1000)).toBe(true);
    expect(isOpen(h, 1999)).toBe(true);
    expect(isOpen(h, 2000)).toBe(false);
  });

  it("leaves a null bound open on its side", () => {
    expect(isOpen(hunt({ startsAt: null, endsAt: 2000 }), -1e15)).toBe(true);
    expect(isOpen(hunt({ startsAt: null, endsAt: 2000 }), 2000)).toBe(false);
    expect(isOpen(hunt({ startsAt: 1000, endsAt: null }), 1e15)).toBe(true);
    expect(isOpen(hunt({ startsAt: 1000, endsAt: null }), 999)).toBe(false);
    expect(isOpen(hunt(), 0)).toBe(true);
  });
});

describe("checkClaim", () => {
  const claimer = "member:m1";
  const h = hunt({ startsAt: 1000, endsAt: 2000 });

  it("accepts the next clue inside the window", () => {
    expect(checkClaim(h, { claimer, clueId: "a", found: none, now: 1000 })).toBeNull();
    expect(checkClaim(h, { claimer, clueId: "b", found: new Set(["a"]), now: 1999 })).toBeNull();
  });

  it("refuses outside the window", () => {
    expect(checkClaim(h, { claimer, clueId: "a", found: none, now: 999 })).toBe("HUNT_NOT_OPEN");
    expect(checkClaim(h, { claimer, clueId: "a", found: none, now: 2000 })).toBe("HUNT_NOT_OPEN");
  });

  it("refuses a clue the hunt does not have", () => {
    expect(checkClaim(h, { claimer, clueId: "zz", found: none, now: 1500 })).toBe("UNKNOWN_CLUE");
  });

  it("refuses a clue the claimer has found", () => {
    expect(checkClaim(h, { claimer, clueId: "a", found: new Set(["a"]), now: 1500 })).toBe("ALREADY_FOUND");
  });

  it("refuses any clue but the next in an ordered hunt", () => {
    expect(checkClaim(h, { claimer, clueId: "b", found: none, now: 1500 })).toBe("OUT_OF_ORDER");
    expect(checkClaim(h, { claimer, clueId: "e", found: new Set(["a", "b", "c"]), now: 1500 })).toBe("OUT_OF_ORDER");
  });

  it("refuses any clue but the claimer's own next in a random hunt", () => {
    const r = hunt({ order: "random" });
    const order = orderFor(r, claimer);
    expect(checkClaim(r, { claimer, clueId: order[0] as string, found: none, now: 0 })).toBeNull();
    expect(checkClaim(r, { claimer, clueId: order[1] as string, found: none, now: 0 })).toBe("OUT_OF_ORDER");
    expect(checkClaim(r, { claimer, clueId: order[2] as string, found: new Set(order.slice(0, 2)), now: 0 })).toBeNull();
  });

  it("accepts any unfound clue in a free hunt", () => {
    const f = hunt({ order: "free" });
    for (const id of IDS) expect(checkClaim(f, { claimer, clueId: id, found: none, now: 0 })).toBeNull();
    expect(checkClaim(f, { claimer, clueId: "e", found: new Set(["b"]), now: 0 })).toBeNull();
  });

  it("checks in order: window, then clue, then found, then order", () => {
    // Each case would also fail every later check.
    expect(checkClaim(h, { claimer, clueId: "zz", found: new Set(["zz"]), now: 0 })).toBe("HUNT_NOT_OPEN");
    expect(checkClaim(h, { claimer, clueId: "c", found: new Set(["c"]), now: 0 })).toBe("HUNT_NOT_OPEN");
    expect(checkClaim(h, { claimer, clueId: "zz", found: new Set(["zz"]), now: 1500 })).toBe("UNKNOWN_CLUE");
    expect(checkClaim(h, { claimer, clueId: "c", found: new Set(["c"]), now: 1500 })).toBe("ALREADY_FOUND");
  });

  it("counts for the team: one member's find is the team's, so a teammate cannot claim it again", () => {
    const t = hunt({ teams: ["Red"] });
    const red = claimerOf(t, "m1", "Red") as string;
    const teammate = claimerOf(t, "m2", "Red") as string;
    const foundByTeam = new Set(["a"]);
    expect(teammate).toBe(red);
    expect(checkClaim(t, { claimer: teammate, clueId: "a", found: foundByTeam, now: 0 })).toBe("ALREADY_FOUND");
    expect(checkClaim(t, { claimer: teammate, clueId: "b", found: foundByTeam, now: 0 })).toBeNull();
  });
});

describe("isComplete", () => {
  it("is true only once every clue is found", () => {
    expect(isComplete(hunt(), none)).toBe(false);
    expect(isComplete(hunt(), new Set(["a", "b", "c", "d"]))).toBe(false);
    expect(isComplete(hunt(), new Set(IDS))).toBe(true);
    expect(isComplete(hunt(), new Set([...IDS, "old"]))).toBe(true);
  });

  it("counts only the hunt's clues, not found ids it no longer has", () => {
    expect(isComplete(hunt(), new Set(["a", "b", "c", "d", "old"]))).toBe(false);
  });

  it("is never true for a hunt without clues", () => {
    expect(isComplete(hunt({ clues: [] }), none)).toBe(false);
  });
});

describe("inReach", () => {
  const clue = sceneClue("a", 3, -2);
  it("reaches a scene clue at exactly CLUE_REACH_M, not just over", () => {
    expect(inReach({ x: 3, z: -2 }, clue)).toBe(true);
    expect(inReach({ x: 3 + CLUE_REACH_M, z: -2 }, clue)).toBe(true);
    expect(inReach({ x: 3, z: -2 - CLUE_REACH_M }, clue)).toBe(true);
    expect(inReach({ x: 3 + CLUE_REACH_M + 0.001, z: -2 }, clue)).toBe(false);
    expect(inReach({ x: 3, z: -2 + CLUE_REACH_M + 0.001 }, clue)).toBe(false);
  });

  it("measures the floor distance in both axes together", () => {
    const d = CLUE_REACH_M / Math.SQRT2;
    expect(inReach({ x: 3 + d * 0.999, z: -2 + d * 0.999 }, clue)).toBe(true);
    expect(inReach({ x: 3 + d * 1.001, z: -2 - d * 1.001 }, clue)).toBe(false);
  });

  it("never reaches a real clue, wherever the member stands", () => {
    fc.assert(fc.property(fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: -20, max: 20, noNaN: true }), (x, z) => !inReach({ x, z }, realClue("r"))));
  });
});
