import type { RateLimit } from "../rateLimit.js";

/**
 * Treasure hunts (docs/hunts.md is the contract). An event has at most one hunt: clues hidden in the 3D venue and
 * clues printed as QR codes in the real world (some of them blind boxes), one score for both. Everything here is
 * data; the rules beside this file are pure functions of it (time and randomness are arguments).
 */

/** In what order a claimer must find the clues: as listed, any, or a shuffled order of their own (seeded). */
export const HUNT_ORDERS = ["ordered", "free", "random"] as const;
export type HuntOrder = (typeof HUNT_ORDERS)[number];

/** How close (metres, on the floor) a member's avatar must stand to a scene clue to claim it, checked on the server. */
export const CLUE_REACH_M = 2.5;

/** Riddle guesses per member (all clues of a hunt together): 5 at once, then one every 12 s. */
export const RIDDLE_RATE: RateLimit = { capacity: 5, perSecond: 1 / 12 };
/** /scan, /redeem and the member hunt API, per client address: 30 at once, then 1 a second. */
export const SCAN_RATE: RateLimit = { capacity: 30, perSecond: 1 };

// ── Limits of what an operator writes (the admin schema in shared/protocol/hunt.ts enforces them). ──
export const HUNT_TITLE_MAX = 80;
export const CLUE_NAME_MAX = 60;
export const CLUE_HINT_MAX = 300;
export const RIDDLE_QUESTION_MAX = 300;
export const RIDDLE_ANSWER_MAX = 60;
export const RIDDLE_ANSWERS_MAX = 10;
export const PLACE_NAME_MAX = 80;
export const PLACE_DISTRICT_MAX = 60;
export const PLACE_ADDRESS_MAX = 160;
export const TASK_TEXT_MAX = 300;
export const TASKS_MAX = 12;
export const CLUES_MAX = 60;
export const TEAMS_MAX = 20;
export const TEAM_NAME_MAX = 30;
export const PARTNERS_MAX = 30;
export const PARTNER_NAME_MAX = 60;
/** Points one clue (or one blind box's reward) may carry. */
export const CLUE_POINTS_MAX = 100;
export const VOUCHER_STOCK_MAX = 100_000;
export const VOUCHER_TEXT_MAX = 120;
/** Ids the server makes for clues, tasks and partners: short, url-safe. */
export const HUNT_ID_PATTERN = /^[A-Za-z0-9_-]{1,24}$/;

/** A riddle: its question and the answers accepted (compared after `normaliseAnswer`, so case, width and spaces do not matter). */
export interface Riddle {
  question: string;
  answers: string[];
}

/** Where a clue lives: a spot on the venue's floor, or a real place (a shop, a street corner). */
export type ClueWhere =
  | { kind: "scene"; x: number; z: number }
  | { kind: "real"; place: string; district: string; address: string };

/**
 * What a blind box asks once opened: answer a riddle, go and find another code, take part in the live salon (any
 * interaction in a live session of the event after the box was opened), or check in there.
 */
export const BLIND_TASK_KINDS = ["riddle", "findNext", "salon", "checkIn"] as const;
export type BlindTaskKind = (typeof BLIND_TASK_KINDS)[number];

export interface BlindTask {
  id: string;
  kind: BlindTaskKind;
  /** What the member reads (for `riddle`, its question is `riddle.question`; `text` may add a line). */
  text: string;
  /** Only for `riddle`. */
  riddle: Riddle | null;
}

/** A partner's gift at a real place: `stock` vouchers in all for this clue; `text` what the voucher is for. */
export interface VoucherReward {
  partnerId: string;
  text: string;
  stock: number;
}

export interface BlindBox {
  /** The pool a task is drawn from, once per claimer (a rescan shows the same task). */
  tasks: BlindTask[];
  reward: {
    /** Points on top of the clue's own. */
    points: number;
    /** Whether finishing the task earns the cityExplorer badge (docs/growth.md, badges). */
    badge: boolean;
    voucher: VoucherReward | null;
  };
}

export interface Clue {
  id: string;
  name: string;
  hint: string;
  /** A riddle the finder must answer to be credited (blind boxes use their task instead). */
  riddle: Riddle | null;
  /** Points for finding it (0..CLUE_POINTS_MAX); the growth ledger caps them per session and day. */
  points: number;
  where: ClueWhere;
  /** Only for real clues. */
  blindBox: BlindBox | null;
  /** The clue's QR token version: rotating bumps it and every older printed code stops working. */
  tokenVersion: number;
}

export interface Partner {
  id: string;
  name: string;
  /** The staff link's version: rotating bumps it and the old link stops working. */
  staffVersion: number;
}

/** A hunt as the operator wrote it and the store keeps it (one per event). */
export interface Hunt {
  id: string;
  eventId: string;
  title: string;
  order: HuntOrder;
  /** The window in which clues may be claimed (UTC ms); null: open from / until any time. */
  startsAt: number | null;
  endsAt: number | null;
  /** Team names; empty: everyone hunts alone. With teams, a clue counts once per team. */
  teams: string[];
  clues: Clue[];
  partners: Partner[];
  /** Random hex made when the hunt is created: seeds random orders and blind-box draws. */
  seed: string;
}

/** Who a claim counts for: `team:<name>` when the hunt has teams, else `member:<id>`. */
export type Claimer = string;

/** A claim's life: a blind box or a real clue's riddle is `revealed` first (task pending), then `found` (credited). */
export type ClaimStatus = "revealed" | "found";

export interface Claim {
  clueId: string;
  claimer: Claimer;
  /** Who made it (with teams, one member of the team). */
  memberId: string;
  status: ClaimStatus;
  /** When it was revealed (scanned / reached) and, once credited, found. */
  revealedAt: number;
  foundAt: number | null;
  channel: "scene" | "scan";
  /** For a blind box: the task drawn for this claimer. */
  taskId: string | null;
}

/** A claimer's completion of the hunt: `rank` 1 is the first to find every clue. */
export interface Completion {
  claimer: Claimer;
  at: number;
  /** From the claimer's first reveal to the completing find. */
  durationMs: number;
  rank: number;
}

/** Why a claim, scan, answer or redemption is refused: each an ErrorCode (shared/protocol/errors.ts). */
export type HuntRefusal =
  | "NO_HUNT"
  | "HUNT_NOT_OPEN"
  | "UNKNOWN_CLUE"
  | "TOO_FAR"
  | "OUT_OF_ORDER"
  | "ALREADY_FOUND"
  | "WRONG_ANSWER"
  | "NEEDS_TEAM"
  | "UNKNOWN_TEAM"
  | "TEAM_LOCKED"
  | "TASK_NOT_DONE"
  | "INVALID_TOKEN"
  | "TOKEN_EXPIRED"
  | "TOKEN_ROTATED"
  | "INVALID_VOUCHER"
  | "ALREADY_REDEEMED"
  | "WRONG_PARTNER"
  | "INVALID_STAFF_LINK";
