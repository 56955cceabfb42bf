import { hash32 } from "../look.js";
import type { BlindBox, BlindTask, Claimer, Clue, VoucherReward } from "./types.js";

/**
 * The task a claimer draws from a blind box: picked by a hash of the hunt's seed, the claimer and the clue, so a
 * rescan (or another server) shows the same task, different claimers spread evenly over the pool, and nobody can
 * reroll. The pool is never empty in a validated hunt; an empty one is a bug and throws.
 */
export function drawTask(box: BlindBox, seed: string, claimer: Claimer, clueId: string): BlindTask {
  const task = box.tasks[hash32(`${seed}|${claimer}|${clueId}`) % box.tasks.length];
  if (task === undefined) throw new Error("drawTask: a blind box without tasks");
  return task;
}

/** What finding a clue earns: its points plus its blind box's reward (points, the cityExplorer badge, a voucher). */
export function clueReward(clue: Clue): { points: number; badge: boolean; voucher: VoucherReward | null } {
  const reward = clue.blindBox?.reward;
  return { points: clue.points + (reward?.points ?? 0), badge: reward?.badge ?? false, voucher: reward?.voucher ?? null };
}
