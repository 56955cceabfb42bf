import type { ClaimResponse, HuntAdminView, HuntInput, HuntMineView, HuntPublicView, RedeemResponse, StaffLinkView } from "../../shared/protocol/hunt.js";
import type { HuntRefusal } from "../../shared/rules/hunt/types.js";
import type { Position } from "../../shared/rules/movement.js";
import type { GroveEvent, Member } from "../store/index.js";

/**
 * The hunt service's face (docs/hunts.md, "The service"): what the room feature and the HTTP routes call. One
 * implementation (HuntService.ts) over the store, the tokens and the pure rules; every refusal is a code, never a
 * throw (a throw is a bug and becomes INTERNAL).
 */
export type HuntResult<T> = { ok: true; value: T } | { ok: false; code: HuntRefusal | "RATE_LIMITED" | "INVALID_REQUEST"; retryAfterMs?: number };

/** Who is acting: a member the caller has authenticated already (room: the seat's member; HTTP: credentials checked). */
export interface HuntActor {
  member: Pick<Member, "id" | "name">;
}

export interface Hunts {
  // ── Members ──
  /** A scene clue claimed from the venue: `at` the member's pose as the room has it. */
  claimScene(event: GroveEvent, actor: HuntActor, clueId: string, answer: string | null, at: Position, now: number): Promise<HuntResult<ClaimResponse>>;
  /** A QR code scanned (`/scan/<token>`). The HTTP route authenticates or creates the member first. */
  scan(token: string, actor: HuntActor, now: number): Promise<HuntResult<ClaimResponse>>;
  /** What a scan checks before it looks at anyone: the code (signature, expiry, current print) and the hunt open. */
  checkScan(token: string, now: number): Promise<HuntResult<null>>;
  answer(huntId: string, clueId: string, answer: string, actor: HuntActor, now: number): Promise<HuntResult<ClaimResponse>>;
  taskDone(huntId: string, clueId: string, actor: HuntActor, now: number): Promise<HuntResult<ClaimResponse>>;
  joinTeam(huntId: string, team: string, actor: HuntActor, now: number): Promise<HuntResult<HuntMineView>>;
  /** Null when the event has no hunt. */
  mine(event: GroveEvent, memberId: string): Promise<HuntMineView | null>;
  publicView(event: GroveEvent): Promise<HuntPublicView | null>;
  // ── Partner staff ──
  staffInfo(staffToken: string): Promise<HuntResult<StaffLinkView>>;
  redeem(staffToken: string, code: string, now: number): Promise<HuntResult<RedeemResponse>>;
  // ── Operator ──
  adminView(event: GroveEvent): Promise<HuntAdminView | null>;
  /** Creates or replaces the event's hunt; ids kept keep their token / staff versions. INVALID_REQUEST when it cannot run. */
  save(event: GroveEvent, input: HuntInput, now: number): Promise<HuntResult<HuntAdminView>>;
  rotateClue(event: GroveEvent, clueId: string): Promise<HuntResult<HuntAdminView>>;
  rotatePartner(event: GroveEvent, partnerId: string): Promise<HuntResult<HuntAdminView>>;
  /** The signed `/scan/<token>` path of a real clue, for the QR image; null when there is no such clue. */
  scanPath(event: GroveEvent, clueId: string): Promise<string | null>;
}
