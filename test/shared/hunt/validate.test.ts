import { describe, expect, it } from "vitest";
import { HuntInput } from "../../../shared/protocol/hunt.js";
import { validateHunt } from "../../../shared/rules/hunt/validate.js";
import type { Hunt } from "../../../shared/rules/hunt/types.js";
import { hunt, realClue, sceneClue } from "./fixtures.js";

type Input = HuntInput;
type ClueIn = Input["clues"][number];

const scene = (id: string, x: number, z: number): ClueIn => ({ id, name: `Clue ${id}`, hint: "", riddle: null, points: 10, where: { kind: "scene", x, z }, blindBox: null });
const blind = (id: string, extra: Partial<NonNullable<ClueIn["blindBox"]>> = {}): ClueIn => ({
  id,
  name: `Shop ${id}`,
  hint: "By the till",
  riddle: null,
  points: 20,
  where: { kind: "real", place: "Cafe", district: "Xuhui", address: "" },
  blindBox: {
    tasks: [
      { id: "t1", kind: "checkIn", text: "Check in", riddle: null },
      { id: "t2", kind: "riddle", text: "", riddle: { question: "Which animal?", answers: ["Quokka"] } },
    ],
    reward: { points: 5, badge: true, voucher: { partnerId: "p1", text: "Coffee", stock: 10 } },
    ...extra,
  },
});

function input(extra: Partial<Input> = {}): Input {
  return {
    title: "Spring hunt",
    order: "ordered",
    startsAt: 1000,
    endsAt: 2000,
    teams: ["Red", "Blue"],
    clues: [scene("s1", 2, 8), blind("r1")],
    partners: [{ id: "p1", name: "Cafe Ye" }],
    ...extra,
  };
}

function refusal(result: ReturnType<typeof validateHunt>): string {
  if (result.ok) throw new Error("expected a refusal");
  return result.reason;
}

function accepted(result: ReturnType<typeof validateHunt>): Omit<Hunt, "id" | "eventId" | "seed"> {
  if (!result.ok) throw new Error(`expected a hunt, got: ${result.reason}`);
  return result.hunt;
}

describe("validateHunt", () => {
  it("accepts a sound hunt, exactly as the schema parses it", () => {
    const parsed = HuntInput.parse(input());
    const hunt = accepted(validateHunt(parsed, null));
    expect(hunt).toEqual({
      title: "Spring hunt",
      order: "ordered",
      startsAt: 1000,
      endsAt: 2000,
      teams: ["Red", "Blue"],
      clues: [
        { ...scene("s1", 2, 8), tokenVersion: 1 },
        { ...blind("r1"), tokenVersion: 1 },
      ],
      partners: [{ id: "p1", name: "Cafe Ye", staffVersion: 1 }],
    });
  });

  it("trims every text", () => {
    const clue: ClueIn = {
      id: "r9",
      name: "  Shop  ",
      hint: " hint ",
      riddle: { question: " Q? ", answers: [" Oak ", "橡树 "] },
      points: 1,
      where: { kind: "real", place: " Cafe ", district: " Xuhui ", address: " 1 Road " },
      blindBox: {
        tasks: [{ id: "t", kind: "riddle", text: " go ", riddle: { question: " Who? ", answers: [" me "] } }],
        reward: { points: 0, badge: false, voucher: { partnerId: "p1", text: " Tea ", stock: 1 } },
      },
    };
    const hunt = accepted(validateHunt(input({ title: " Spring ", teams: [" Red "], clues: [clue], partners: [{ id: "p1", name: " Ye " }] }), null));
    expect(hunt.title).toBe("Spring");
    expect(hunt.teams).toEqual(["Red"]);
    expect(hunt.partners[0]?.name).toBe("Ye");
    expect(hunt.clues[0]).toEqual({
      id: "r9",
      name: "Shop",
      hint: "hint",
      riddle: { question: "Q?", answers: ["Oak", "橡树"] },
      points: 1,
      where: { kind: "real", place: "Cafe", district: "Xuhui", address: "1 Road" },
      blindBox: {
        tasks: [{ id: "t", kind: "riddle", text: "go", riddle: { question: "Who?", answers: ["me"] } }],
        reward: { points: 0, badge: false, voucher: { partnerId: "p1", text: "Tea", stock: 1 } },
      },
      tokenVersion: 1,
    });
  });

  it("keeps the token and staff-link versions of ids it had, and starts new ones at 1", () => {
    const previous = hunt({
      clues: [sceneClue("s1", 2, 8, { tokenVersion: 4 }), realClue("r1", { tokenVersion: 7 }), realClue("gone", { tokenVersion: 9 })],
      partners: [{ id: "p1", name: "Old name", staffVersion: 3 }],
    });
    const hunt2 = accepted(
      validateHunt(input({ clues: [blind("r1"), scene("s1", 2, 8), blind("r2")], partners: [{ id: "p1", name: "New" }, { id: "p2", name: "Two" }] }), previous),
    );
    expect(hunt2.clues.map((c) => [c.id, c.tokenVersion])).toEqual([
      ["r1", 7],
      ["s1", 4],
      ["r2", 1],
    ]);
    expect(hunt2.partners).toEqual([
      { id: "p1", name: "New", staffVersion: 3 },
      { id: "p2", name: "Two", staffVersion: 1 },
    ]);
  });

  it("takes open-ended windows, and a start just before the end", () => {
    accepted(validateHunt(input({ startsAt: null, endsAt: null }), null));
    accepted(validateHunt(input({ startsAt: 5, endsAt: null }), null));
    accepted(validateHunt(input({ startsAt: null, endsAt: 5 }), null));
    accepted(validateHunt(input({ startsAt: 5, endsAt: 6 }), null));
  });

  it("accepts scene clues anywhere a member can stand, even beside the stage and landmarks", () => {
    for (const [x, z] of [
      [0, 0],
      [19.6, 19.6],
      [-19.6, -19.6],
      [7.4, -15],
      [0, -12.6],
      [0, -9],
    ] as const) {
      accepted(validateHunt(input({ clues: [scene("s", x, z)] }), null));
    }
  });

  it.each([
    ["no clues", input({ clues: [] }), /at least one clue/],
    ["an end at the start", input({ startsAt: 1000, endsAt: 1000 }), /ends before it starts/],
    ["an end before the start", input({ startsAt: 1000, endsAt: 999 }), /ends before it starts/],
    ["a repeated team", input({ teams: ["Red", "Blue", " Red"] }), /team name "Red"/],
    ["a team repeated in another case or width", input({ teams: ["Red", "ＲＥＤ "] }), /team name "ＲＥＤ"/],
    ["a repeated partner id", input({ partners: [{ id: "p1", name: "A" }, { id: "p1", name: "B" }] }), /Partner id p1/],
    ["a repeated clue id", input({ clues: [scene("s1", 1, 8), scene("s1", 2, 8)] }), /Clue id s1/],
    ["a voucher naming no partner", input({ partners: [] }), /names no partner \(p1\)/],
    ["a scene clue inside a landmark", input({ clues: [scene("s1", 0, -6)] }), /Clue s1 is off the walkable floor/],
    ["a scene clue on the stage", input({ clues: [scene("s1", 0, -16)] }), /off the walkable floor/],
    ["a scene clue at the stage's front edge", input({ clues: [scene("s1", 0, -12.7)] }), /off the walkable floor/],
    ["a scene clue past the floor's edge", input({ clues: [scene("s1", 19.8, 0)] }), /off the walkable floor/],
    ["a scene clue at a landmark's centre", input({ clues: [scene("s1", 11, 6)] }), /off the walkable floor/],
    ["a scene blind box", input({ clues: [{ ...blind("r1"), where: { kind: "scene", x: 2, z: 8 } }] }), /only a real-world clue/],
    ["a blind box without tasks", input({ clues: [blind("r1", { tasks: [] })] }), /at least one task/],
    [
      "a repeated task id",
      input({ clues: [blind("r1", { tasks: [{ id: "t", kind: "checkIn", text: "a", riddle: null }, { id: "t", kind: "salon", text: "b", riddle: null }] })] }),
      /task id t is used twice/,
    ],
    ["a riddle task without a riddle", input({ clues: [blind("r1", { tasks: [{ id: "t", kind: "riddle", text: "a", riddle: null }] })] }), /a riddle task has a riddle/],
    [
      "another task with a riddle",
      input({ clues: [blind("r1", { tasks: [{ id: "t", kind: "salon", text: "a", riddle: { question: "q", answers: ["a"] } }] })] }),
      /a riddle task has a riddle/,
    ],
    ["a riddle without answers", input({ clues: [{ ...scene("s1", 2, 8), riddle: { question: "q", answers: [] } }] }), /at least one answer/],
    ["a riddle answer of only punctuation", input({ clues: [{ ...scene("s1", 2, 8), riddle: { question: "q", answers: ["oak", "。！"] } }] }), /"。！" is only spaces/],
    [
      "a task's riddle answer of only punctuation",
      input({ clues: [blind("r1", { tasks: [{ id: "t", kind: "riddle", text: "", riddle: { question: "q", answers: ["…"] } }] })] }),
      /task t: the answer "…"/,
    ],
  ])("refuses %s", (_, given, reason) => {
    expect(refusal(validateHunt(given, null))).toMatch(reason);
  });

  it("accepts the same team names once each, and the same task id in two boxes", () => {
    accepted(validateHunt(input({ teams: ["Red", "Reds"], clues: [blind("r1"), blind("r2")] }), null));
  });

  it("takes an end at the epoch when the start is open", () => {
    accepted(validateHunt(input({ startsAt: null, endsAt: 0 }), null));
  });

  it("takes a blind box without a voucher, and no partners then", () => {
    const box = blind("r1").blindBox;
    const clue = { ...blind("r1"), blindBox: box === null ? null : { ...box, reward: { ...box.reward, voucher: null } } };
    expect(accepted(validateHunt(input({ clues: [clue], partners: [] }), null)).clues[0]?.blindBox?.reward.voucher).toBeNull();
  });

  it("checks a blind box whose clue also has a sound riddle", () => {
    const clue = { ...blind("r1"), riddle: { question: "q", answers: ["oak"] } };
    expect(refusal(validateHunt(input({ clues: [clue], partners: [] }), null))).toMatch(/names no partner/);
  });

  it("does not change its input", () => {
    const given = input({ title: " Spring " });
    const copy = structuredClone(given);
    validateHunt(given, null);
    expect(given).toEqual(copy);
  });
});
