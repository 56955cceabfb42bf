import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ARTWORK_LABEL_MAX,
  artworkMesh,
  artworkSpec,
  artworkSvg,
  canonicalCollectible,
  collectibleSeed,
  outstandingContributions,
  parseCollectibleRecord,
} from "../../../shared/rules/growth/collectibles.js";
import { createLedger, foldRows } from "../../../shared/rules/growth/ledger.js";
import { LogBuilder } from "./logRows.js";
import { COLLECTIBLE_RULES, type CollectibleRecord, type EnergyTarget, type Ledger } from "../../../shared/rules/growth/types.js";

function ledger(): Ledger {
  return {
    sessionId: "s1",
    lastRowId: 0,
    questions: new Map(),
    energy: new Map(),
    quizCorrect: new Map(),
    stances: new Map(),
    speakers: new Map(),
    helpful: new Map(),
    checkInStreak: new Map(),
    names: new Map(),
    goalReachedAt: null,
    hunts: new Map(),
  };
}

const question = (authorId: string, at: number, upvoters: string[], hidden = false, text = `Question by ${authorId}`) => ({
  authorId,
  authorName: `Name ${authorId}`,
  text,
  at,
  upvoters: new Set(upvoters),
  hidden,
  answered: false,
});
const energy = (target: EnergyTarget, toId: string, at: number, givers: string[]) => ({ target, toId, toName: `Name ${toId}`, givers, at });

describe("outstandingContributions", () => {
  it("finds nothing in an empty session", () => {
    expect(outstandingContributions(ledger())).toEqual([]);
  });

  it("picks the question with the most distinct upvoters, from 3, with its author's latest name and its text", () => {
    const l = ledger();
    l.questions.set("q1", question("m1", 10, ["a", "b"]));
    l.questions.set("q2", question("m2", 20, ["a", "b", "c"], false, "Why do trees grow?"));
    l.names.set("m2", "Bo");
    expect(outstandingContributions(l)).toEqual([{ rule: "topQuestion", memberId: "m2", memberName: "Bo", refId: "q2", quote: "Why do trees grow?", score: 3 }]);
  });

  it("needs at least 3 upvoters for a top question", () => {
    const l = ledger();
    l.questions.set("q1", question("m1", 10, ["a", "b"]));
    expect(outstandingContributions(l)).toEqual([]);
  });

  it("gives a tie to the earliest question, whatever order the ledger holds them in", () => {
    const l = ledger();
    l.questions.set("q2", question("m2", 20, ["a", "b", "c"]));
    l.questions.set("q1", question("m1", 10, ["d", "e", "f"]));
    expect(outstandingContributions(l)[0]?.refId).toBe("q1");
  });

  it("never picks a hidden question, however many upvotes it has", () => {
    const l = ledger();
    l.questions.set("q1", question("m1", 10, ["a", "b", "c", "d", "e"], true));
    expect(outstandingContributions(l)).toEqual([]);
    l.questions.set("q2", question("m2", 20, ["a", "b", "c"]));
    expect(outstandingContributions(l).map((c) => c.refId)).toEqual(["q2"]);
  });

  it("picks the speaker's turn with the most distinct givers, from 3, and not a chat line's energy", () => {
    const l = ledger();
    l.energy.set("turn:m1:100", energy("speaker", "m1", 100, ["a", "b", "c"]));
    l.energy.set("turn:m2:200", energy("speaker", "m2", 200, ["a", "b", "c", "d"]));
    l.energy.set("line-9", energy("chat", "m3", 50, ["a", "b", "c", "d", "e"]));
    const top = outstandingContributions(l).find((c) => c.rule === "topSpeaker");
    expect(top).toEqual({ rule: "topSpeaker", memberId: "m2", memberName: "Name m2", refId: "turn:m2:200", quote: "", score: 4 });
  });

  it("counts a giver listed twice once", () => {
    const l = ledger();
    l.energy.set("turn:m1:100", energy("speaker", "m1", 100, ["a", "a", "b"]));
    expect(outstandingContributions(l)).toEqual([]);
  });

  it("picks the quiz champion from 2 correct answers, a tie going to the member who answered correctly first", () => {
    const l = ledger();
    l.quizCorrect.set("m1", 1);
    expect(outstandingContributions(l)).toEqual([]);
    l.quizCorrect.set("m2", 2);
    l.quizCorrect.set("m3", 2);
    l.names.set("m2", "Cy");
    expect(outstandingContributions(l)).toEqual([{ rule: "quizChampion", memberId: "m2", memberName: "Cy", refId: "quiz:m2", quote: "", score: 2 }]);
    l.quizCorrect.set("m3", 3);
    expect(outstandingContributions(l)[0]?.memberId).toBe("m3");
  });

  it("picks the spark line with its text from the quotes given, a tie going to the earliest", () => {
    const l = ledger();
    l.energy.set("line-2", energy("chat", "m2", 300, ["a", "b", "c"]));
    l.energy.set("line-1", energy("chat", "m1", 200, ["d", "e", "f"]));
    const quotes = new Map([["line-1", "Roots first, then branches"]]);
    expect(outstandingContributions(l, quotes)).toEqual([
      { rule: "sparkLine", memberId: "m1", memberName: "Name m1", refId: "line-1", quote: "Roots first, then branches", score: 3 },
    ]);
    expect(outstandingContributions(l)[0]?.quote).toBe("");
  });

  it("lists one standout per rule in the rules' order", () => {
    const l = ledger();
    l.energy.set("line-1", energy("chat", "m1", 200, ["a", "b", "c"]));
    l.quizCorrect.set("m2", 4);
    l.energy.set("turn:m3:1", energy("speaker", "m3", 1, ["a", "b", "c"]));
    l.questions.set("q1", question("m4", 10, ["a", "b", "c"]));
    expect(outstandingContributions(l).map((c) => c.rule)).toEqual(["topQuestion", "topSpeaker", "quizChampion", "sparkLine"]);
    l.hunts.set("h1", new Map([["m5", { rank: 1, at: 5, team: null }]]));
    expect(outstandingContributions(l).map((c) => c.rule)).toEqual(["topQuestion", "topSpeaker", "quizChampion", "sparkLine", "huntFirst"]);
  });
});

describe("outstandingContributions: huntFirst", () => {
  const picked = (log: LogBuilder) => outstandingContributions(foldRows(createLedger(log.sessionId), log.rows)).filter((c) => c.rule === "huntFirst");

  it("mints for the member whose completion has rank 1, hunting alone: refId hunt:<huntId>, their name quoted", () => {
    const log = new LogBuilder();
    log.clue("lin", "c1", 5);
    log.completed("lin", 2, 20);
    log.clue("ada", "c1", 6);
    log.completed("ada", 1, 10);
    expect(picked(log)).toEqual([{ rule: "huntFirst", memberId: "ada", memberName: "ada name", refId: "hunt:h1", quote: "ada name", score: 1 }]);
  });

  it("mints nothing when no completion in the session has rank 1 (the first finished in another session)", () => {
    const log = new LogBuilder();
    log.completed("lin", 2, 20);
    log.completed("kim", 3, 30);
    expect(picked(log)).toEqual([]);
    expect(picked(new LogBuilder())).toEqual([]);
  });

  it("mints one for a first team, to its earliest row, then the least member id, in whichever order the rows come; the team's name quoted", () => {
    const rows = new LogBuilder();
    rows.completed("lin", 1, 10, { team: "owls" });
    rows.completed("bo", 1, 10, { team: "owls" });
    rows.completed("ada", 1, 11, { team: "owls" });
    rows.completed("kim", 2, 12, { team: "foxes" });
    const expected = [{ rule: "huntFirst", memberId: "bo", memberName: "", refId: "hunt:h1", quote: "owls", score: 1 }];
    expect(picked(rows)).toEqual(expected);
    fc.assert(
      fc.property(fc.shuffledSubarray(rows.rows, { minLength: rows.rows.length }), (shuffled) => {
        const log = new LogBuilder();
        log.rows.push(...shuffled);
        expect(picked(log)).toEqual(expected);
      }),
    );
  });
});

describe("collectibleSeed", () => {
  it("is 16 hex characters, the same for the same input on every run", () => {
    expect(collectibleSeed("")).toBe("ab3e7c0bebb6c228");
    expect(collectibleSeed("s1:topQuestion")).toBe("4c2ea81468e62d7e");
  });

  it("differs for different inputs", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(collectibleSeed(a)).toMatch(/^[0-9a-f]{16}$/);
        expect(collectibleSeed(a)).not.toBe(collectibleSeed(b));
      }),
    );
    expect(collectibleSeed("s1:topQuestion")).not.toBe(collectibleSeed("s1:topQuestioN"));
  });
});

const RECORD: CollectibleRecord = {
  v: 1,
  id: "c-1",
  rule: "topQuestion",
  title: "Question of the session",
  quote: "为什么树会长高？",
  memberId: "m1",
  ownerName: "Ada",
  sessionId: "s1",
  eventSlug: "spring",
  eventTitle: "Spring salon",
  mintedAt: 1_700_000_000_000,
  seed: "0123456789abcdef",
};

describe("a huntFirst record", () => {
  const record: CollectibleRecord = { ...RECORD, id: "c-2", rule: "huntFirst", title: "First to finish the hunt", quote: "owls", seed: collectibleSeed("c-2s1huntFirst") };

  it("has a seed like the others' (id + session + rule), different from another rule's, and parses and round-trips", () => {
    expect(record.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(record.seed).toBe(collectibleSeed("c-2" + "s1" + "huntFirst"));
    expect(record.seed).not.toBe(collectibleSeed("c-2s1topQuestion"));
    expect(parseCollectibleRecord(JSON.parse(canonicalCollectible(record)))).toEqual(record);
    expect(canonicalCollectible(record)).toContain('"rule":"huntFirst"');
  });
});

describe("canonicalCollectible", () => {
  it("writes the keys sorted, with no spaces", () => {
    expect(canonicalCollectible(RECORD)).toBe(
      '{"eventSlug":"spring","eventTitle":"Spring salon","id":"c-1","memberId":"m1","mintedAt":1700000000000,"ownerName":"Ada",' +
        '"quote":"为什么树会长高？","rule":"topQuestion","seed":"0123456789abcdef","sessionId":"s1","title":"Question of the session","v":1}',
    );
  });

  it("is the same whatever order the keys were set in, and changes with any field", () => {
    const reversed = Object.fromEntries(Object.entries(RECORD).reverse()) as unknown as CollectibleRecord;
    expect(canonicalCollectible(reversed)).toBe(canonicalCollectible(RECORD));
    expect(canonicalCollectible({ ...RECORD, ownerName: "Ada " })).not.toBe(canonicalCollectible(RECORD));
    expect(canonicalCollectible({ ...RECORD, mintedAt: RECORD.mintedAt + 1 })).not.toBe(canonicalCollectible(RECORD));
  });

  it("escapes quotes and control characters inside values, so a value cannot forge a key", () => {
    const text = canonicalCollectible({ ...RECORD, quote: 'a","v":2,"x":"\n' });
    expect(JSON.parse(text)).toEqual({ ...RECORD, quote: 'a","v":2,"x":"\n' });
  });
});

describe("parseCollectibleRecord", () => {
  it("accepts a well-formed record", () => {
    expect(parseCollectibleRecord(RECORD)).toEqual(RECORD);
  });

  it.each([
    ["null", null],
    ["a string", "record"],
    ["an array", [RECORD]],
    ["another version", { ...RECORD, v: 2 }],
    ["an unknown rule", { ...RECORD, rule: "bestHat" }],
    ["a short seed", { ...RECORD, seed: "0123456789abcde" }],
    ["an upper-case seed", { ...RECORD, seed: "0123456789ABCDEF" }],
    ["a fractional time", { ...RECORD, mintedAt: 1.5 }],
    ["a negative time", { ...RECORD, mintedAt: -1 }],
    ["a time as text", { ...RECORD, mintedAt: "1700000000000" }],
    ["an empty id", { ...RECORD, id: "" }],
    ["a missing owner", Object.fromEntries(Object.entries(RECORD).filter(([key]) => key !== "memberId"))],
    ["an extra field", { ...RECORD, admin: true }],
    ["an over-long title", { ...RECORD, title: "x".repeat(301) }],
  ])("refuses %s", (_, value) => {
    expect(parseCollectibleRecord(value)).toBeNull();
  });

  it("round-trips: canonical(parse(canonical(r))) is canonical(r)", () => {
    const record = fc.record({
      v: fc.constant(1 as const),
      id: fc.string({ minLength: 1, maxLength: 100 }),
      rule: fc.constantFrom(...COLLECTIBLE_RULES),
      title: fc.string({ minLength: 1, maxLength: 300 }),
      quote: fc.string({ maxLength: 200 }),
      memberId: fc.string({ minLength: 1, maxLength: 100 }),
      ownerName: fc.string({ maxLength: 100 }),
      sessionId: fc.string({ minLength: 1, maxLength: 100 }),
      eventSlug: fc.string({ minLength: 1, maxLength: 100 }),
      eventTitle: fc.string({ maxLength: 200 }),
      mintedAt: fc.nat(),
      seed: fc.stringMatching(/^[0-9a-f]{16}$/),
    });
    fc.assert(
      fc.property(record, (r) => {
        const canonical = canonicalCollectible(r);
        const parsed = parseCollectibleRecord(JSON.parse(canonical));
        expect(parsed).not.toBeNull();
        expect(parsed && canonicalCollectible(parsed)).toBe(canonical);
      }),
    );
  });
});

/** The hue (degrees) of a `#rrggbb` colour. */
function hueOf(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

const seeds = fc.stringMatching(/^[0-9a-f]{16}$/);

describe("artworkSpec", () => {
  it("draws the same spec from the same seed, in range, with a warm main colour", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const spec = artworkSpec(seed);
        expect(artworkSpec(seed)).toEqual(spec);
        expect(spec.petals).toBeGreaterThanOrEqual(3);
        expect(spec.petals).toBeLessThanOrEqual(9);
        expect(spec.rings).toBeGreaterThanOrEqual(1);
        expect(spec.rings).toBeLessThanOrEqual(4);
        expect(Math.abs(spec.twist)).toBeLessThanOrEqual(0.5);
        for (const colour of spec.palette) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
        const hue = hueOf(spec.palette[0]);
        expect(hue <= 56 || hue >= 310).toBe(true);
      }),
    );
  });

  it("varies across seeds: every shape and many petal counts appear", () => {
    const specs = Array.from({ length: 200 }, (_, i) => artworkSpec(collectibleSeed(`seed-${i}`)));
    expect(new Set(specs.map((s) => s.shape)).size).toBe(4);
    expect(new Set(specs.map((s) => s.petals)).size).toBe(7);
    expect(new Set(specs.map((s) => s.palette[0])).size).toBeGreaterThan(50);
  });

  it("hashes a seed that is not 16 hex characters first, and reads upper case as lower", () => {
    expect(artworkSpec("hello")).toEqual(artworkSpec(collectibleSeed("hello")));
    expect(artworkSpec("0123456789ABCDEF")).toEqual(artworkSpec("0123456789abcdef"));
  });
});

describe("artworkSvg", () => {
  it("draws the same SVG from the same seed and label, and a different one from another seed", () => {
    const svg = artworkSvg("0123456789abcdef", "Ada");
    expect(artworkSvg("0123456789abcdef", "Ada")).toBe(svg);
    expect(artworkSvg("0123456789abcdee", "Ada")).not.toBe(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240"')).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
  });

  it("draws each layer with the spec's petal symmetry", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const spec = artworkSpec(seed);
        const layers = Math.min(3, spec.rings + 1);
        expect(artworkSvg(seed, "x").match(/rotate\(/g)?.length).toBe(spec.petals * layers);
      }),
      { numRuns: 50 },
    );
  });

  it("escapes a hostile label and carries no script, handler or outside reference", () => {
    const svg = artworkSvg("0123456789abcdef", `<script>alert("x")</script>&'`);
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&apos;");
    fc.assert(
      fc.property(seeds, fc.string(), (seed, label) => {
        const text = artworkSvg(seed, label);
        expect(text).not.toMatch(/<script|\son\w+=|href=|url\((?!#)/i);
        // The label sits in the one text element, never inside a tag.
        expect(text.match(/</g)?.length).toBe(artworkSvg(seed, "x").match(/</g)?.length);
      }),
      { numRuns: 100 },
    );
  });

  it("cuts a long label with an ellipsis, counting code points", () => {
    const svg = artworkSvg("0123456789abcdef", "🌳".repeat(ARTWORK_LABEL_MAX + 5));
    expect(svg).toContain(`>${"🌳".repeat(ARTWORK_LABEL_MAX - 1)}…</text>`);
  });
});

describe("artworkMesh", () => {
  it("makes a closed star of 4 triangles a petal, faces turned outward, the same for the same spec", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const spec = artworkSpec(seed);
        const mesh = artworkMesh(spec);
        expect(artworkMesh(spec)).toEqual(mesh);
        expect(mesh.rim).toHaveLength(spec.petals * 2);
        expect(mesh.positions).toHaveLength(spec.petals * 4 * 9);
        for (let t = 0; t < mesh.positions.length; t += 9) {
          const [ax, ay, az, bx, by, bz, cx, cy, cz] = mesh.positions.slice(t, t + 9) as [number, number, number, number, number, number, number, number, number];
          // The face normal's y: up for the upper faces (apex above the rim), down for the lower ones.
          const normalY = (bz - az) * (cx - ax) - (bx - ax) * (cz - az);
          expect(Math.sign(normalY)).toBe(Math.sign(ay));
          expect(by).toBe(0);
          expect(cy).toBe(0);
        }
      }),
      { numRuns: 50 },
    );
  });
});
