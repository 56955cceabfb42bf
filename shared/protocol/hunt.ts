import { z } from "zod";
import { AvatarLook } from "./look.js";
import { NAME_MAX_LENGTH, TOKEN_MAX_LENGTH } from "./limits.js";
import { ScheduleTime } from "./admin.js";
import {
  BLIND_TASK_KINDS,
  CLUE_HINT_MAX,
  CLUE_NAME_MAX,
  CLUE_POINTS_MAX,
  CLUES_MAX,
  HUNT_ID_PATTERN,
  HUNT_ORDERS,
  HUNT_TITLE_MAX,
  PARTNER_NAME_MAX,
  PARTNERS_MAX,
  PLACE_ADDRESS_MAX,
  PLACE_DISTRICT_MAX,
  PLACE_NAME_MAX,
  RIDDLE_ANSWER_MAX,
  RIDDLE_ANSWERS_MAX,
  RIDDLE_QUESTION_MAX,
  TASK_TEXT_MAX,
  TASKS_MAX,
  TEAM_NAME_MAX,
  TEAMS_MAX,
  VOUCHER_STOCK_MAX,
  VOUCHER_TEXT_MAX,
  type BlindTaskKind,
  type Hunt,
  type HuntOrder,
} from "../rules/hunt/types.js";
import { VENUE_HALF_SIZE } from "../rules/venue.js";

/**
 * The hunt's HTTP bodies and views (docs/hunts.md, "HTTP"): the operator's editor (`/api/admin/events/:slug/hunt…`),
 * the member's scan / answer / task / team / mine calls (`/api/hunt/…`) and the partner staff's redemption
 * (`/api/redeem…`). Every body in is parsed with these schemas; a refusal is `{ error: ErrorCode, retryAfterMs? }`.
 */

// ── Operator input ──
const HuntId = z.string().regex(HUNT_ID_PATTERN);
/** Operator text: trimmed, one line, 1..max characters. */
const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max);

export const RiddleInput = z
  .object({
    question: Text(RIDDLE_QUESTION_MAX),
    answers: z.array(Text(RIDDLE_ANSWER_MAX)).min(1).max(RIDDLE_ANSWERS_MAX),
  })
  .strict();

export const ClueWhereInput = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("scene"),
      x: z.number().finite().min(-VENUE_HALF_SIZE).max(VENUE_HALF_SIZE),
      z: z.number().finite().min(-VENUE_HALF_SIZE).max(VENUE_HALF_SIZE),
    })
    .strict(),
  z
    .object({
      kind: z.literal("real"),
      place: Text(PLACE_NAME_MAX),
      district: OptionalText(PLACE_DISTRICT_MAX),
      address: OptionalText(PLACE_ADDRESS_MAX),
    })
    .strict(),
]);

export const BlindTaskInput = z
  .object({
    id: HuntId,
    kind: z.enum(BLIND_TASK_KINDS),
    text: OptionalText(TASK_TEXT_MAX),
    riddle: RiddleInput.nullable(),
  })
  .strict()
  .refine((t) => (t.kind === "riddle") === (t.riddle !== null), { message: "A riddle task has a riddle; no other task has one." })
  .refine((t) => t.kind === "riddle" || t.text.length > 0, { message: "A task other than a riddle says what to do." });

export const BlindBoxInput = z
  .object({
    tasks: z.array(BlindTaskInput).min(1).max(TASKS_MAX),
    reward: z
      .object({
        points: z.number().int().min(0).max(CLUE_POINTS_MAX),
        badge: z.boolean(),
        voucher: z
          .object({ partnerId: HuntId, text: Text(VOUCHER_TEXT_MAX), stock: z.number().int().min(1).max(VOUCHER_STOCK_MAX) })
          .strict()
          .nullable(),
      })
      .strict(),
  })
  .strict();

/** A clue as the editor sends it: `id` is made by the editor (new clues too) and kept across edits. */
export const ClueInput = z
  .object({
    id: HuntId,
    name: Text(CLUE_NAME_MAX),
    hint: OptionalText(CLUE_HINT_MAX),
    riddle: RiddleInput.nullable(),
    points: z.number().int().min(0).max(CLUE_POINTS_MAX),
    where: ClueWhereInput,
    blindBox: BlindBoxInput.nullable(),
  })
  .strict()
  .refine((c) => c.blindBox === null || c.where.kind === "real", { message: "Only a real-world clue can be a blind box." });

export const PartnerInput = z.object({ id: HuntId, name: Text(PARTNER_NAME_MAX) }).strict();

/**
 * The whole hunt as the editor saves it (PUT replaces it). Token and staff-link versions are the server's: a clue
 * or partner kept by id keeps its version; only the rotate calls bump them. The server also refuses (INVALID_REQUEST)
 * repeated ids, a voucher naming no partner, repeated team names, a scene clue off the walkable floor, and an end
 * before the start.
 */
export const HuntInput = z
  .object({
    title: Text(HUNT_TITLE_MAX),
    order: z.enum(HUNT_ORDERS),
    startsAt: ScheduleTime.nullable(),
    endsAt: ScheduleTime.nullable(),
    teams: z.array(Text(TEAM_NAME_MAX)).max(TEAMS_MAX),
    clues: z.array(ClueInput).min(1).max(CLUES_MAX),
    partners: z.array(PartnerInput).max(PARTNERS_MAX),
  })
  .strict();
export type HuntInput = z.infer<typeof HuntInput>;

/** What the operator's editor reads: the hunt, each real clue's scan link and each partner's staff link, and counts. */
export interface HuntAdminView {
  hunt: Omit<Hunt, "seed">;
  /** Site-relative `/scan/<token>` for each real clue, signed with the clue's current version. */
  scanLinks: Record<string, string>;
  /** Site-relative `/redeem?staff=<token>` for each partner. */
  staffLinks: Record<string, string>;
  /** Per clue: claims revealed, found, and vouchers issued / redeemed. */
  counts: Record<string, { revealed: number; found: number; vouchersIssued: number; vouchersRedeemed: number }>;
  completions: number;
}

// ── Member calls ──
/** The identity the browser keeps (client/net/identity.ts); a member API call carries it in the body. */
const Credentials = { memberId: z.string().min(1).max(TOKEN_MAX_LENGTH), secret: z.string().min(1).max(TOKEN_MAX_LENGTH) };
export const HuntToken = z.string().min(1).max(300);

/**
 * POST /api/hunt/scan: a code was scanned. A known member sends their credentials; a first-time visitor sends a
 * name (and a look) instead, and the answer carries their new identity for the browser to keep.
 */
export const ScanRequest = z.union([
  z.object({ token: HuntToken, ...Credentials }).strict(),
  z.object({ token: HuntToken, name: z.string().min(1).max(NAME_MAX_LENGTH), look: AvatarLook.optional() }).strict(),
]);
export type ScanRequest = z.infer<typeof ScanRequest>;

/** POST /api/hunt/answer: a riddle answer (a real clue's riddle, or a blind box's riddle task). */
export const AnswerRequest = z.object({ huntId: HuntId, clueId: HuntId, answer: z.string().max(RIDDLE_ANSWER_MAX * 2), ...Credentials }).strict();
/** POST /api/hunt/task: "I did it" for a blind box's salon / check-in task; the server checks the log. */
export const TaskDoneRequest = z.object({ huntId: HuntId, clueId: HuntId, ...Credentials }).strict();
/** POST /api/hunt/team: join a team (before the member's team has claimed anything, or while they have none). */
export const TeamRequest = z.object({ huntId: HuntId, team: z.string().min(1).max(TEAM_NAME_MAX), ...Credentials }).strict();
/** POST /api/hunt/mine: the member's own progress in an event's hunt. */
export const MineRequest = z.object({ slug: z.string().min(1).max(64), ...Credentials }).strict();
/** POST /api/redeem: partner staff mark a voucher used. */
export const RedeemRequest = z.object({ staff: HuntToken, code: z.string().min(1).max(300) }).strict();

/** A clue as members see it: never its answers, nor a real clue's token. */
export interface HuntClueView {
  id: string;
  name: string;
  hint: string;
  points: number;
  riddleQuestion: string | null;
  where: { kind: "scene"; x: number; z: number } | { kind: "real"; place: string; district: string; address: string };
  blindBox: boolean;
}

export interface HuntLeaderboardRow {
  /** The member's name, or the team's. */
  name: string;
  team: boolean;
  memberId: string | null;
  found: number;
  completedAt: number | null;
  durationMs: number | null;
  rank: number | null;
}

/** GET /api/events/:slug/hunt and the room's `hunt` event: the hunt as everyone sees it. */
export interface HuntPublicView {
  id: string;
  title: string;
  order: HuntOrder;
  startsAt: number | null;
  endsAt: number | null;
  teams: string[];
  clues: HuntClueView[];
  /** Completed claimers by rank, then the rest by clues found (top 20). */
  leaderboard: HuntLeaderboardRow[];
}

export interface HuntTaskView {
  id: string;
  kind: BlindTaskKind;
  text: string;
  riddleQuestion: string | null;
}

export interface VoucherView {
  /** The one-time signed code the member shows at the counter (also drawn as a QR code). */
  code: string;
  partnerName: string;
  text: string;
  clueName: string;
  issuedAt: number;
  redeemedAt: number | null;
}

/** The member's own progress (POST /api/hunt/mine, every member call's answer, and the room's `huntMine` event). */
export interface HuntMineView {
  huntId: string;
  team: string | null;
  /** Clue ids found by the member (or their team). */
  found: string[];
  /** Clues opened with something still to do: a riddle to answer, a blind box's task. */
  pending: { clueId: string; riddleQuestion: string | null; task: HuntTaskView | null }[];
  /** The clue to find next in an ordered or random hunt; null in a free hunt or once all are found. */
  next: string | null;
  completed: { at: number; rank: number; durationMs: number } | null;
  vouchers: VoucherView[];
}

/** What a scan, an answer or a task call answers. */
export interface ClaimResponse {
  /** Only when the scan made a new member: the browser keeps it (client/net/identity.ts). */
  identity?: { memberId: string; secret: string; name: string };
  eventSlug: string;
  eventTitle: string;
  clue: HuntClueView;
  /** found: credited now; pending: opened, something left to do; alreadyFound: the member (or team) had it. */
  outcome: "found" | "pending" | "alreadyFound";
  task: HuntTaskView | null;
  /** What this find earned (zeroes when nothing new). */
  reward: { points: number; badge: boolean; voucher: VoucherView | null };
  mine: HuntMineView;
}

export interface StaffLinkView {
  partnerName: string;
  huntTitle: string;
  eventTitle: string;
}

export interface RedeemResponse {
  voucher: VoucherView;
}
