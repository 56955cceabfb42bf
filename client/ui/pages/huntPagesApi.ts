import { z } from "zod";
import { ErrorCode, type AvatarLook } from "../../../shared/protocol/index.js";
import type { ClaimResponse, RedeemResponse, ScanRequest, StaffLinkView } from "../../../shared/protocol/hunt.js";
import { BLIND_TASK_KINDS } from "../../../shared/rules/hunt/types.js";
import type { StoredIdentity } from "../../net/identity.js";

/*
 * The phone pages' calls (docs/hunts.md, "HTTP"): /scan/<token> posts the scan, a riddle answer and "I did it";
 * /redeem reads the staff link and redeems a voucher. Every answer is checked by a schema before a page shows it,
 * and a refusal comes back as its ErrorCode so the page can say it in the reader's language.
 */

const Clue = z.object({
  id: z.string(),
  name: z.string(),
  hint: z.string(),
  points: z.number(),
  riddleQuestion: z.string().nullable(),
  where: z.union([
    z.object({ kind: z.literal("scene"), x: z.number(), z: z.number() }),
    z.object({ kind: z.literal("real"), place: z.string(), district: z.string(), address: z.string() }),
  ]),
  blindBox: z.boolean(),
});
const Task = z.object({ id: z.string(), kind: z.enum(BLIND_TASK_KINDS), text: z.string(), riddleQuestion: z.string().nullable() });
const Voucher = z.object({
  code: z.string(),
  partnerName: z.string(),
  text: z.string(),
  clueName: z.string(),
  issuedAt: z.number(),
  redeemedAt: z.number().nullable(),
});
const Mine = z.object({
  huntId: z.string(),
  team: z.string().nullable(),
  found: z.array(z.string()),
  pending: z.array(z.object({ clueId: z.string(), riddleQuestion: z.string().nullable(), task: Task.nullable() })),
  next: z.string().nullable(),
  completed: z.object({ at: z.number(), rank: z.number(), durationMs: z.number() }).nullable(),
  vouchers: z.array(Voucher),
});

/** A new member's identity, as a first scan hands it back (with its answer, or with its refusal). */
const Identity = z.object({ memberId: z.string().min(1), secret: z.string().min(1), name: z.string() });

export const ClaimAnswer: z.ZodType<ClaimResponse> = z.object({
  identity: Identity.optional(),
  eventSlug: z.string(),
  eventTitle: z.string(),
  clue: Clue,
  outcome: z.enum(["found", "pending", "alreadyFound"]),
  task: Task.nullable(),
  reward: z.object({ points: z.number(), badge: z.boolean(), voucher: Voucher.nullable() }),
  mine: Mine,
});
export const StaffAnswer: z.ZodType<StaffLinkView> = z.object({ partnerName: z.string(), huntTitle: z.string(), eventTitle: z.string() });
export const RedeemAnswer: z.ZodType<RedeemResponse> = z.object({ voucher: Voucher });

/** What a call came to: its checked answer, a refusal with its code, or no usable answer at all (network, 5xx, junk). */
export type CallResult<T> =
  | { kind: "ok"; value: T }
  /** `identity`: a first-time scan that made a member and was then refused (a rotated code, a team to join first…). */
  | { kind: "refused"; code: ErrorCode; retryAfterMs?: number; identity?: NonNullable<ClaimResponse["identity"]> }
  | { kind: "failed" };

const Refusal = z.object({ error: ErrorCode, retryAfterMs: z.number().nonnegative().optional(), identity: Identity.optional().catch(undefined) });

/** A refusal without a readable body (a proxy's page, the body-size guard): what its status means, else failed. */
function byStatus(status: number): CallResult<never> {
  if (status === 429) return { kind: "refused", code: "RATE_LIMITED" };
  if (status === 413) return { kind: "refused", code: "BODY_TOO_LARGE" };
  return { kind: "failed" };
}

/** Reads a response: 2xx checked by `schema`; otherwise the `{ error }` body's code, or failed when there is none. */
export async function readAnswer<T>(response: Response, schema: z.ZodType<T>): Promise<CallResult<T>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return response.ok ? { kind: "failed" } : byStatus(response.status);
  }
  if (response.ok) {
    const parsed = schema.safeParse(body);
    return parsed.success ? { kind: "ok", value: parsed.data } : { kind: "failed" };
  }
  const refusal = Refusal.safeParse(body);
  if (!refusal.success) return byStatus(response.status);
  const { error, retryAfterMs, identity } = refusal.data;
  return { kind: "refused", code: error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }), ...(identity === undefined ? {} : { identity }) };
}

async function call<T>(path: string, init: RequestInit, schema: z.ZodType<T>): Promise<CallResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    return { kind: "failed" };
  }
  return readAnswer(response, schema);
}

export function postJson<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<CallResult<T>> {
  return call(path, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) }, schema);
}

export function getStaffInfo(staff: string): Promise<CallResult<StaffLinkView>> {
  return call(`/api/redeem/staff?staff=${encodeURIComponent(staff)}`, { headers: { accept: "application/json" } }, StaffAnswer);
}

/** The browser's member credentials, when it has both halves; a half-kept identity counts as none. */
export function credentialsOf(identity: StoredIdentity | null): { memberId: string; secret: string } | null {
  if (!identity?.memberId || !identity.secret) return null;
  return { memberId: identity.memberId, secret: identity.secret };
}

/**
 * The scan's body: a known member sends their credentials; a first-time visitor sends the name they chose (already
 * checked by DisplayName) and their look. Null when the browser knows no member and no name was given yet: the page
 * asks for one first.
 */
export function scanBody(token: string, identity: StoredIdentity | null, chosen: { name: string; look: AvatarLook } | null): ScanRequest | null {
  const credentials = credentialsOf(identity);
  if (credentials) return { token, ...credentials };
  if (!chosen) return null;
  return { token, name: chosen.name, look: chosen.look };
}

/** What the browser keeps after a scan made a new member: the new id, secret and name, and the look chosen with them. */
export function identityAfterScan(stored: StoredIdentity | null, made: NonNullable<ClaimResponse["identity"]>, look: AvatarLook | undefined): StoredIdentity {
  const next: StoredIdentity = { ...(stored ?? {}), memberId: made.memberId, secret: made.secret, name: made.name };
  return look === undefined ? next : { ...next, look };
}
