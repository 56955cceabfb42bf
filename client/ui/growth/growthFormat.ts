import type { TreeStage } from "../../../shared/rules/growth/types.js";

/* Pure figures for the growth HUD (unit-tested without a DOM). */

/** A glyph per stage, for the figure at a glance (the words say the same). */
export const STAGE_EMOJI: Record<TreeStage, string> = { seed: "🌰", sprout: "🌱", sapling: "🌿", branches: "🪴", leaves: "🌳", blossoms: "🌸", fruit: "🍎" };

/** Whole percent of the way, never 100 before the goal is reached (the curve's 0.996 is not yet fruit). */
export function percentOf(progress: number, reached: boolean): number {
  const percent = Math.floor(Math.max(0, Math.min(1, progress)) * 100);
  return reached ? 100 : Math.min(99, percent);
}

/** A member's share as whole percent (0..100). */
export const sharePercent = (share: number): number => Math.round(Math.max(0, Math.min(1, share)) * 100);

/**
 * What is said politely as the tree grows: the stage when it changes, else each further tenth of the way; nothing for
 * the first view (the figure shows it) or while nothing crossed a mark.
 */
export function growthAnnouncement(before: { stage: TreeStage; percent: number } | null, now: { stage: TreeStage; percent: number }): "stage" | "percent" | null {
  if (before === null) return null;
  if (before.stage !== now.stage) return "stage";
  return Math.floor(now.percent / 10) > Math.floor(before.percent / 10) ? "percent" : null;
}
