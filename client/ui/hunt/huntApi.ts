import { ErrorCode } from "../../../shared/protocol/index.js";
import type { ClaimResponse, HuntMineView } from "../../../shared/protocol/hunt.js";
import { loadIdentity, type StoredIdentity } from "../../net/identity.js";
import { routeOf } from "../../routes.js";
import { isHuntClueView, isHuntMineView } from "../../state/hunt.js";

/*
 * The member's hunt calls from inside the venue (docs/hunts.md, "HTTP"): join a team, answer a riddle, say a task is
 * done, post a scanned code. Each carries the identity the browser keeps; each answer is checked before the page
 * believes it, and a refusal is always an ErrorCode the toasts can translate.
 */

export type ApiResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; retryAfterMs?: number };

/** What the member calls need of the stored identity; null before the first join gave the browser one. */
export function credentialsOf(identity: StoredIdentity | null): { memberId: string; secret: string } | null {
  if (!identity?.memberId || !identity.secret) return null;
  return { memberId: identity.memberId, secret: identity.secret };
}

/**
 * The refusal an answer that is not ok stands for: the server's `{ error: <code> }` when it is one the page knows,
 * else by status (413 too large, 429 rate limited, 404 no hunt), else INTERNAL.
 */
export function refusalOf(status: number, body: unknown): { code: ErrorCode; retryAfterMs?: number } {
  if (typeof body === "object" && body !== null) {
    const { error, retryAfterMs } = body as Record<string, unknown>;
    const parsed = ErrorCode.safeParse(error);
    if (parsed.success) return typeof retryAfterMs === "number" && Number.isFinite(retryAfterMs) ? { code: parsed.data, retryAfterMs } : { code: parsed.data };
  }
  if (status === 413) return { code: "BODY_TOO_LARGE" };
  if (status === 429) return { code: "RATE_LIMITED" };
  if (status === 404) return { code: "NO_HUNT" };
  if (status === 401) return { code: "UNAUTHORIZED" };
  return { code: "INTERNAL" };
}

export function isClaimResponse(value: unknown): value is ClaimResponse {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.eventSlug === "string" &&
    isHuntClueView(v.clue) &&
    (v.outcome === "found" || v.outcome === "pending" || v.outcome === "alreadyFound") &&
    typeof v.reward === "object" &&
    v.reward !== null &&
    isHuntMineView(v.mine)
  );
}

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** POSTs a JSON body and checks the answer with `accept`; any failure is an ErrorCode (a lost network: INTERNAL). */
export async function postJson<T>(path: string, body: unknown, accept: (value: unknown) => value is T, fetchImpl: Fetch = fetch): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetchImpl(path, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, code: "INTERNAL" };
  }
  let answer: unknown = null;
  try {
    answer = await response.json();
  } catch {
    // No JSON: the status alone says what it was.
  }
  if (!response.ok) return { ok: false, ...refusalOf(response.status, answer) };
  return accept(answer) ? { ok: true, value: answer } : { ok: false, code: "INTERNAL" };
}

/** The member calls, bound to the identity the browser keeps (read at each call: a join may have just stored it). */
export class HuntApi {
  constructor(
    private readonly identity: () => StoredIdentity | null = loadIdentity,
    private readonly fetchImpl: Fetch = (input, init) => fetch(input, init),
  ) {}

  private async post<T>(path: string, body: Record<string, unknown>, accept: (value: unknown) => value is T): Promise<ApiResult<T>> {
    const credentials = credentialsOf(this.identity());
    // Only a page that joined the venue has an identity; the join stores it before any of these can be pressed.
    if (credentials === null) return { ok: false, code: "UNAUTHORIZED" };
    return postJson(path, { ...body, ...credentials }, accept, this.fetchImpl);
  }

  joinTeam(huntId: string, team: string): Promise<ApiResult<HuntMineView>> {
    return this.post("/api/hunt/team", { huntId, team }, isHuntMineView);
  }

  answer(huntId: string, clueId: string, answer: string): Promise<ApiResult<ClaimResponse>> {
    return this.post("/api/hunt/answer", { huntId, clueId, answer }, isClaimResponse);
  }

  taskDone(huntId: string, clueId: string): Promise<ApiResult<ClaimResponse>> {
    return this.post("/api/hunt/task", { huntId, clueId }, isClaimResponse);
  }

  scan(token: string): Promise<ApiResult<ClaimResponse>> {
    return this.post("/api/hunt/scan", { token }, isClaimResponse);
  }
}

/**
 * The token of a code that is this site's `/scan/<token>` address (absolute on this origin, or a bare path); null
 * for anything else (another site's link, a voucher, plain text), which the scanner does not post.
 */
export function scanTokenOf(text: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim(), origin);
  } catch {
    return null;
  }
  if (url.origin !== new URL(origin).origin) return null;
  const route = routeOf(url.pathname);
  return route.page === "scan" ? route.token : null;
}
