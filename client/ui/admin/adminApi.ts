import type { z } from "zod";
import {
  ApiError,
  CreateEventResponse,
  HostLinkResponse,
  ListEventsResponse,
  UpdateEventResponse,
  type CreateEventRequest,
  type ErrorCode,
  type UpdateEventRequest,
} from "../../../shared/protocol/index.js";

/** The operator token, for this tab only: a closed tab forgets it, another tab signs in on its own. */
const TOKEN_STORAGE_KEY = "grove.adminToken.v1";

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(TOKEN_STORAGE_KEY);
    else sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Storage can be blocked: the token then lasts as long as the page.
  }
}

/** Why a call did not succeed: the server's refusal (with the wait it asked for, if any), or no answer at all. */
export type AdminFailure = { kind: "refused"; status: number; code: ErrorCode; retryAfterSeconds: number | null } | { kind: "unreachable" };
export type AdminResult<T> = { ok: true; value: T } | { ok: false; failure: AdminFailure };

function retryAfter(response: Response): number | null {
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

async function call<T>(token: string, method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<AdminResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/api/admin${path}`, {
      method,
      headers: { accept: "application/json", authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: "no-store",
    });
  } catch {
    return { ok: false, failure: { kind: "unreachable" } };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (response.ok) {
    const parsed = schema.safeParse(json);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, failure: { kind: "refused", status: response.status, code: "INTERNAL", retryAfterSeconds: null } };
  }
  const refusal = ApiError.safeParse(json);
  const code: ErrorCode = refusal.success ? refusal.data.error : response.status === 401 ? "UNAUTHORIZED" : response.status === 429 ? "RATE_LIMITED" : "INTERNAL";
  return { ok: false, failure: { kind: "refused", status: response.status, code, retryAfterSeconds: retryAfter(response) } };
}

export const listEvents = (token: string) => call(token, "GET", "/events", ListEventsResponse);
export const createEvent = (token: string, request: CreateEventRequest) => call(token, "POST", "/events", CreateEventResponse, request);
export const updateEvent = (token: string, slug: string, patch: UpdateEventRequest) =>
  call(token, "PATCH", `/events/${encodeURIComponent(slug)}`, UpdateEventResponse, patch);
export const newHostLink = (token: string, slug: string) => call(token, "POST", `/events/${encodeURIComponent(slug)}/host-link`, HostLinkResponse);
