import { describe, expect, it } from "vitest";
import { clueView, huntMineView, huntPublicView, taskView } from "../../../shared/rules/hunt/view.js";
import { orderFor } from "../../../shared/rules/hunt/progress.js";
import type { Claim, Hunt } from "../../../shared/rules/hunt/types.js";
import type { VoucherView } from "../../../shared/protocol/hunt.js";
import { box, hunt, realClue, sceneClue, task } from "./fixtures.js";

/** Words that appear only in answers, token versions and the seed: none may reach a member. */
const SECRET_ANSWER = "zebrawood";
const SECRET_TASK_ANSWER = "quokka";

function secretHunt(extra: Partial<Hunt> = {}): Hunt {
  return hunt({
    seed: "seedsecret",
    clues: [
      sceneClue("s1", 1, 2, { riddle: { question: "What wood?", answers: [SECRET_ANSWER, "斑马木"] }, tokenVersion: 77 }),
      realClue("r1", {
        tokenVersion: 88,
        riddle: { question: "Which shop?", answers: ["shopsecret"] },
      }),
      realClue("r2", {
        blindBox: box(
          [task("t1", { kind: "riddle", text: "Answer this", riddle: { question: "Which animal?", answers: [SECRET_TASK_ANSWER] } }), task("t2", { text: "Check in" })],
          { points: 5, badge: true, voucher: { partnerId: "p1", text: "Coffee", stock: 3 } },
        ),
      }),
    ],
    partners: [{ id: "p1", name: "Cafe", staffVersion: 99 }],
    ...extra,
  });
}

const claim = (clueId: string, status: Claim["status"], extra: Partial<Claim> = {}): Claim => ({
  clueId,
  claimer: "member:m1",
  memberId: "m1",
  status,
  revealedAt: 10,
  foundAt: status === "found" ? 20 : null,
  channel: "scan",
  taskId: null,
  ...extra,
});

function expectNoSecrets(value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of [SECRET_ANSWER, "斑马木", SECRET_TASK_ANSWER, "shopsecret", "seedsecret", "tokenVersion", "staffVersion", "answers", "stock"]) {
    expect(text).not.toContain(secret);
  }
  for (const version of ["77", "88", "99"]) expect(text).not.toContain(version);
}

describe("clueView", () => {
  it("shows a scene clue's question and position, never its answers or token version", () => {
    const view = clueView(secretHunt().clues[0] as Hunt["clues"][number]);
    expect(view).toEqual({
      id: "s1",
      name: "Clue s1",
      hint: "Hint s1",
      points: 10,
      riddleQuestion: "What wood?",
      where: { kind: "scene", x: 1, z: 2 },
      blindBox: false,
    });
    expectNoSecrets(view);
  });

  it("shows a real clue's place and whether it is a blind box, never the box's tasks or reward", () => {
    const [, plain, blind] = secretHunt().clues.map(clueView);
    expect(plain).toMatchObject({ riddleQuestion: "Which shop?", where: { kind: "real", place: "Place r1", district: "Xuhui", address: "1 Road" }, blindBox: false });
    expect(blind).toMatchObject({ riddleQuestion: null, blindBox: true, points: 20 });
    expect(JSON.stringify(blind)).not.toContain("Coffee");
    expect(JSON.stringify(blind)).not.toContain("Which animal");
    expectNoSecrets([plain, blind]);
  });

  it("copies only the view's own fields, even from a clue carrying more", () => {
    const clue = { ...sceneClue("x"), where: { kind: "scene" as const, x: 0, z: 0, secret: SECRET_ANSWER } };
    expectNoSecrets(clueView(clue));
  });
});

describe("taskView", () => {
  it("shows a riddle task's question, never its answers", () => {
    const view = taskView(task("t1", { kind: "riddle", text: "Answer this", riddle: { question: "Which animal?", answers: [SECRET_TASK_ANSWER] } }));
    expect(view).toEqual({ id: "t1", kind: "riddle", text: "Answer this", riddleQuestion: "Which animal?" });
    expectNoSecrets(view);
  });

  it("has no question for other tasks", () => {
    expect(taskView(task("t2", { kind: "salon", text: "Join the salon" }))).toEqual({ id: "t2", kind: "salon", text: "Join the salon", riddleQuestion: null });
  });
});

describe("huntPublicView", () => {
  it("shows the hunt, its clues and the leaderboard, never a secret", () => {
    const h = secretHunt({ title: "Spring", order: "free", startsAt: 5, endsAt: 9, teams: ["Red", "Blue"] });
    const leaderboard = [{ name: "Al", team: false, memberId: "m1", found: 3, completedAt: 8, durationMs: 3, rank: 1 }];
    const view = huntPublicView(h, leaderboard);
    expect(view).toEqual({
      id: "h1",
      title: "Spring",
      order: "free",
      startsAt: 5,
      endsAt: 9,
      teams: ["Red", "Blue"],
      clues: h.clues.map(clueView),
      leaderboard,
    });
    expectNoSecrets(view);
    expect(JSON.stringify(view)).not.toContain("Cafe");
  });
});

describe("huntMineView", () => {
  const vouchers: VoucherView[] = [{ code: "v1.abc.def", partnerName: "Cafe", text: "Coffee", clueName: "Shop r2", issuedAt: 30, redeemedAt: null }];
  const base = { claimer: "member:m1", team: null, completion: null, vouchers: [] };

  it("lists found clues in the hunt's order and the next one", () => {
    const h = secretHunt();
    const view = huntMineView(h, { ...base, claims: [claim("r1", "found"), claim("s1", "found")] });
    expect(view).toEqual({ huntId: "h1", team: null, found: ["s1", "r1"], pending: [], next: "r2", completed: null, vouchers: [] });
  });

  it("shows a revealed clue's riddle question and a blind box's drawn task, never their answers", () => {
    const view = huntMineView(secretHunt(), {
      ...base,
      claims: [claim("r1", "revealed"), claim("r2", "revealed", { taskId: "t1" })],
    });
    expect(view.pending).toEqual([
      { clueId: "r1", riddleQuestion: "Which shop?", task: null },
      { clueId: "r2", riddleQuestion: null, task: { id: "t1", kind: "riddle", text: "Answer this", riddleQuestion: "Which animal?" } },
    ]);
    expect(view.found).toEqual([]);
    expectNoSecrets(view);
  });

  it("shows the drawn task even when it is not the first of the pool", () => {
    const view = huntMineView(secretHunt(), { ...base, claims: [claim("r2", "revealed", { taskId: "t2" })] });
    expect(view.pending[0]?.task).toEqual({ id: "t2", kind: "checkIn", text: "Check in", riddleQuestion: null });
  });

  it("ignores claims of other claimers and of clues the hunt no longer has", () => {
    const view = huntMineView(secretHunt(), {
      ...base,
      claims: [claim("s1", "found", { claimer: "member:m2" }), claim("gone", "found"), claim("gone2", "revealed"), claim("r1", "revealed", { claimer: "member:m2" })],
    });
    expect(view.found).toEqual([]);
    expect(view.pending).toEqual([]);
    expect(view.next).toBe("s1");
  });

  it("follows the claimer's own random order for next", () => {
    const h = secretHunt({ order: "random" });
    const order = orderFor(h, "member:m1");
    const view = huntMineView(h, { ...base, claims: [claim(order[0] as string, "found")] });
    expect(view.next).toBe(order[1]);
  });

  it("has no next in a free hunt or once all are found", () => {
    expect(huntMineView(secretHunt({ order: "free" }), { ...base, claims: [] }).next).toBeNull();
    const all = ["s1", "r1", "r2"].map((id) => claim(id, "found"));
    expect(huntMineView(secretHunt(), { ...base, claims: all }).next).toBeNull();
  });

  it("shows the team's progress to a member of the team", () => {
    const h = secretHunt({ teams: ["Red"] });
    const claims = [claim("s1", "found", { claimer: "team:Red", memberId: "m2" })];
    const view = huntMineView(h, { ...base, claimer: "team:Red", team: "Red", claims });
    expect(view.team).toBe("Red");
    expect(view.found).toEqual(["s1"]);
    expect(view.next).toBe("r1");
  });

  it("shows nothing found and no next to a member who has no team yet", () => {
    const h = secretHunt({ teams: ["Red"] });
    const view = huntMineView(h, { ...base, claimer: null, claims: [claim("s1", "found", { claimer: "team:Red" })] });
    expect(view).toMatchObject({ team: null, found: [], pending: [], next: null });
  });

  it("carries the completion and the vouchers", () => {
    const all = ["s1", "r1", "r2"].map((id) => claim(id, "found"));
    const view = huntMineView(secretHunt(), { ...base, claims: all, completion: { claimer: "member:m1", at: 500, durationMs: 490, rank: 2 }, vouchers });
    expect(view.completed).toEqual({ at: 500, rank: 2, durationMs: 490 });
    expect(view.vouchers).toEqual(vouchers);
    expectNoSecrets(view);
  });
});
