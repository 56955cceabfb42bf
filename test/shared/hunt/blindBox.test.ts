import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { clueReward, drawTask } from "../../../shared/rules/hunt/blindBox.js";
import { box, realClue, sceneClue, task } from "./fixtures.js";

const pool = box(["t0", "t1", "t2", "t3"].map((id) => task(id)));

describe("drawTask", () => {
  it("draws the same task for the same seed, claimer and clue", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (seed, claimer, clueId) => {
        const first = drawTask(pool, seed, claimer, clueId);
        expect(pool.tasks).toContain(first);
        expect(drawTask(pool, seed, claimer, clueId)).toBe(first);
      }),
    );
  });

  it("covers every task, about evenly, over many claimers", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i += 1) {
      const { id } = drawTask(pool, "5eed", `member:m${i}`, "shop1");
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(["t0", "t1", "t2", "t3"]);
    // 1000 expected each; a fair draw stays well within ±15 %.
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it("depends on the seed, the claimer and the clue", () => {
    const draws = (f: (i: number) => [string, string, string]) => Array.from({ length: 40 }, (_, i) => drawTask(pool, ...f(i)).id).join();
    const base = draws((i) => ["5eed", `member:m${i}`, "shop1"]);
    expect(draws((i) => ["beef", `member:m${i}`, "shop1"])).not.toBe(base);
    expect(draws((i) => ["5eed", `member:m${i}`, "shop2"])).not.toBe(base);
    expect(draws((i) => ["5eed", `member:m${i + 1}`, "shop1"])).not.toBe(base);
  });

  it("pins draws, so a change of hash (which would change tasks already shown) is seen", () => {
    expect(["member:a", "member:b", "team:Red", "team:Blue"].map((c) => drawTask(pool, "5eed", c, "shop1").id)).toEqual(["t2", "t0", "t2", "t2"]);
  });

  it("always draws the only task of a pool of one", () => {
    const one = box([task("only")]);
    expect(drawTask(one, "x", "member:m1", "c").id).toBe("only");
    expect(drawTask(one, "y", "team:Red", "d").id).toBe("only");
  });

  it("throws on an empty pool, which validation never lets through", () => {
    expect(() => drawTask(box([]), "5eed", "member:m1", "c")).toThrow(/without tasks/);
  });
});

describe("clueReward", () => {
  it("is the clue's own points for a plain clue", () => {
    expect(clueReward(sceneClue("a", 0, 0, { points: 7 }))).toEqual({ points: 7, badge: false, voucher: null });
    expect(clueReward(realClue("r", { points: 20 }))).toEqual({ points: 20, badge: false, voucher: null });
  });

  it("adds the blind box's points, badge and voucher", () => {
    const voucher = { partnerId: "p1", text: "A free coffee", stock: 50 };
    const clue = realClue("r", { points: 20, blindBox: box([task("t")], { points: 15, badge: true, voucher }) });
    expect(clueReward(clue)).toEqual({ points: 35, badge: true, voucher });
  });

  it("keeps a box without badge or voucher plain", () => {
    const clue = realClue("r", { points: 0, blindBox: box([task("t")], { points: 5 }) });
    expect(clueReward(clue)).toEqual({ points: 5, badge: false, voucher: null });
  });
});
