import { z } from "zod";
import { ApiError, type ErrorCode } from "../../../../shared/protocol/index.js";
import type { HuntAdminView, HuntInput } from "../../../../shared/protocol/hunt.js";
import type { AdminFailure, AdminResult } from "../adminApi.js";

/**
 * The operator's hunt calls (docs/hunts.md, "HTTP", operator table), with the operator token the admin page keeps
 * (adminApi.ts storedToken). Failures read as the admin page's do, so its messages apply.
 */

/**
 * The admin view, checked for its shape where the editor leans on it: the hunt's lists and the link and count maps.
 * The hunt itself came through the server's own schema when it was saved.
 */
const AdminViewShape = z.object({
  hunt: z.object({ id: z.string(), title: z.string(), clues: z.array(z.object({ id: z.string() })), partners: z.array(z.object({ id: z.string() })), teams: z.array(z.string()) }),
  scanLinks: z.record(z.string(), z.string()),
  staffLinks: z.record(z.string(), z.string()),
  counts: z.record(z.string(), z.object({ revealed: z.number(), found: z.number(), vouchersIssued: z.number(), vouchersRedeemed: z.number() })),
  completions: z.number(),
});
const isAdminView = (value: unknown): value is HuntAdminView => AdminViewShape.safeParse(value).success;

function retryAfter(response: Response): number | null {
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

async function refusalOf(response: Response): Promise<AdminFailure> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  const refusal = ApiError.safeParse(json);
  const code: ErrorCode = refusal.success ? refusal.data.error : response.status === 401 ? "UNAUTHORIZED" : response.status === 429 ? "RATE_LIMITED" : "INTERNAL";
  return { kind: "refused", status: response.status, code, retryAfterSeconds: retryAfter(response) };
}

const huntPath = (slug: string) => `/api/admin/events/${encodeURIComponent(slug)}/hunt`;

async function send(token: string, method: string, path: string, accept: string, body?: unknown): Promise<Response | null> {
  try {
    return await fetch(path, {
      method,
      headers: { accept, authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: "no-store",
    });
  } catch {
    return null;
  }
}

async function viewCall(token: string, method: string, path: string, body?: unknown): Promise<AdminResult<HuntAdminView>> {
  const response = await send(token, method, path, "application/json", body);
  if (!response) return { ok: false, failure: { kind: "unreachable" } };
  if (!response.ok) return { ok: false, failure: await refusalOf(response) };
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  return isAdminView(json) ? { ok: true, value: json } : { ok: false, failure: { kind: "refused", status: response.status, code: "INTERNAL", retryAfterSeconds: null } };
}

/** The event's hunt; a refusal with NO_HUNT when it has none yet. */
export const loadHunt = (token: string, slug: string) => viewCall(token, "GET", huntPath(slug));
export const saveHunt = (token: string, slug: string, input: HuntInput) => viewCall(token, "PUT", huntPath(slug), input);
export const rotateClueCode = (token: string, slug: string, clueId: string) => viewCall(token, "POST", `${huntPath(slug)}/clues/${encodeURIComponent(clueId)}/rotate`);
export const rotateStaffLink = (token: string, slug: string, partnerId: string) => viewCall(token, "POST", `${huntPath(slug)}/partners/${encodeURIComponent(partnerId)}/rotate`);

/** A real clue's code as the server draws it (a PNG of the absolute scan URL). */
export async function clueQrPng(token: string, slug: string, clueId: string): Promise<AdminResult<Blob>> {
  const response = await send(token, "GET", `${huntPath(slug)}/clues/${encodeURIComponent(clueId)}/qr.png`, "image/png");
  if (!response) return { ok: false, failure: { kind: "unreachable" } };
  if (!response.ok) return { ok: false, failure: await refusalOf(response) };
  try {
    return { ok: true, value: await response.blob() };
  } catch {
    return { ok: false, failure: { kind: "unreachable" } };
  }
}
