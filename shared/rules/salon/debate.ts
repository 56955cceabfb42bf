import type { Debate, DebateView, Side } from "./types.js";
import { applied, declined, own, type CommandOf, type SliceResult } from "./slice.js";

// Debates with a swing (docs/salon.md, "Debates"): members take a stance before the discussion and again after it;
// the swing is how far the motion's share moved.

type Debates = readonly Debate[];

const findDebate = (debates: Debates, debateId: string): Debate | undefined => debates.find((debate) => debate.id === debateId);
const replacing = (debates: Debates, debate: Debate, next: Debate): Debates => debates.map((each) => (each === debate ? next : each));

/** Opens a debate (id `d<seq>`, phase `before`, no stances); any debate not yet closed is closed. */
export function openDebate(debates: Debates, command: CommandOf<"debateOpened">): SliceResult<Debates> {
  const { motion, sides } = command.detail;
  const debate: Debate = { id: `d${command.seq}`, motion, sides: [sides[0], sides[1]], phase: "before", openedAt: command.at, before: {}, after: {} };
  const closed = debates.map((each) => (each.phase === "closed" ? each : { ...each, phase: "closed" as const }));
  return applied([...closed, debate]);
}

/**
 * Moves a debate to a phase: any phase but the one it is in (a host may go back from `discussion` to `before`).
 * UNKNOWN_DEBATE; a closed debate stays closed: WRONG_PHASE; the same phase: NOTHING_TO_CHANGE.
 */
export function setDebatePhase(debates: Debates, command: CommandOf<"debatePhaseSet">): SliceResult<Debates> {
  const { debateId, phase } = command.detail;
  const debate = findDebate(debates, debateId);
  if (debate === undefined) return declined(debates, "UNKNOWN_DEBATE");
  if (debate.phase === "closed") return declined(debates, "WRONG_PHASE");
  if (debate.phase === phase) return declined(debates, "NOTHING_TO_CHANGE");
  return applied(replacing(debates, debate, { ...debate, phase }));
}

/**
 * A stance: in the `before` phase it is recorded in `before`, in `after` in `after` (changeable while the phase
 * lasts). UNKNOWN_DEBATE; any other phase: WRONG_PHASE; the same side again: NOTHING_TO_CHANGE.
 */
export function takeStance(debates: Debates, command: CommandOf<"stanceTaken">): SliceResult<Debates> {
  const { debateId, side } = command.detail;
  const debate = findDebate(debates, debateId);
  if (debate === undefined) return declined(debates, "UNKNOWN_DEBATE");
  const { phase } = debate;
  if (phase !== "before" && phase !== "after") return declined(debates, "WRONG_PHASE");
  if (own(debate[phase], command.memberId) === side) return declined(debates, "NOTHING_TO_CHANGE");
  return applied(replacing(debates, debate, { ...debate, [phase]: { ...debate[phase], [command.memberId]: side } }));
}

/** Stances per side. */
function count(stances: Readonly<Record<string, Side>>): [number, number] {
  const counts: [number, number] = [0, 0];
  for (const side of Object.values(stances)) counts[side] += 1;
  return counts;
}

/**
 * Side 0's share after minus its share before, in percentage points rounded to one decimal (halves away from
 * zero, so swapping the two counts only flips the sign); null unless both counts have a stance. Worked in whole
 * numbers until the one division, so a swing that is exactly a half rounds as it should.
 */
function swingOf(before: readonly [number, number], after: readonly [number, number]): number | null {
  const beforeTotal = before[0] + before[1];
  const afterTotal = after[0] + after[1];
  if (beforeTotal === 0 || afterTotal === 0) return null;
  // 1000·(a0/aT − b0/bT) is the swing in tenths of a point.
  const tenths = (1000 * (after[0] * beforeTotal - before[0] * afterTotal)) / (afterTotal * beforeTotal);
  const rounded = Math.sign(tenths) * Math.round(Math.abs(tenths));
  return rounded / 10 + 0; // `+ 0` turns −0 into 0.
}

/** The counts per side before and after the discussion, and the swing (see DebateView). */
export function debateView(debate: Debate): DebateView {
  const before = count(debate.before);
  const after = count(debate.after);
  return { id: debate.id, motion: debate.motion, sides: debate.sides, phase: debate.phase, before, after, swing: swingOf(before, after) };
}
