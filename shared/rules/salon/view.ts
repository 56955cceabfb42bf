import type { SessionState } from "../session.js";
import type { SalonHostView, SalonMineView, SalonPublicView } from "./types.js";

// STUB — to be implemented by the rules helper (docs/salon.md, "Views").

export function publicView(state: SessionState, now: number): SalonPublicView {
  throw new Error(`not implemented ${state.seq} ${now}`);
}
export function hostView(state: SessionState, now: number): SalonHostView {
  throw new Error(`not implemented ${state.seq} ${now}`);
}
export function mineView(state: SessionState, memberId: string, now: number): SalonMineView {
  throw new Error(`not implemented ${state.seq} ${memberId} ${now}`);
}
