import type { Debate, DebateView } from "./types.js";
import type { CommandOf, SliceResult } from "./slice.js";

// STUB — to be implemented by the rules helper (docs/salon.md, "Debates").

type Debates = readonly Debate[];

/** Opens a debate (id `d<seq>`, phase `before`); the one before is closed. */
export function openDebate(debates: Debates, command: CommandOf<"debateOpened">): SliceResult<Debates> {
  throw new Error(`not implemented ${debates.length} ${command.kind}`);
}
/** Moves a debate to a phase (any phase but the one it is in; a closed debate stays closed: WRONG_PHASE). */
export function setDebatePhase(debates: Debates, command: CommandOf<"debatePhaseSet">): SliceResult<Debates> {
  throw new Error(`not implemented ${debates.length} ${command.kind}`);
}
/** A stance in the `before` or `after` phase (changeable while it lasts); otherwise WRONG_PHASE. */
export function takeStance(debates: Debates, command: CommandOf<"stanceTaken">): SliceResult<Debates> {
  throw new Error(`not implemented ${debates.length} ${command.kind}`);
}
/** The counts and the swing (see DebateView). */
export function debateView(debate: Debate): DebateView {
  throw new Error(`not implemented ${debate.id}`);
}
