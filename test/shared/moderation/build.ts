import type { SessionCommandEntry, SessionCommandKind } from "../../../shared/log.js";
import type { CommandOf } from "../../../shared/rules/announcements.js";
import type { Flag, ModerationState } from "../../../shared/rules/moderation/types.js";
import type { StageState } from "../../../shared/rules/salon/types.js";
import { INITIAL_SESSION_STATE, type SessionState } from "../../../shared/rules/session.js";

// Builders for the moderation rule tests: plain states as the rules would leave them, frozen all the way down so a
// rule that changed its input in place would throw.

export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** A session state with the given moderation and stage parts, frozen. */
export function session(moderation: Partial<ModerationState> = {}, stage: Partial<StageState> = {}): SessionState {
  return deepFreeze({
    ...INITIAL_SESSION_STATE,
    seq: 50,
    moderation: { ...INITIAL_SESSION_STATE.moderation, ...moderation },
    stage: { ...INITIAL_SESSION_STATE.stage, ...stage },
  });
}

/** A command of `kind` at `at` from `memberId` (a host unless said), numbered `seq`. */
export function command<K extends SessionCommandKind>(
  kind: K,
  detail: Extract<SessionCommandEntry, { kind: K }>["detail"],
  at: number,
  memberId = "host",
  seq = 60,
): CommandOf<K> {
  return { kind, detail, at, memberId, seq } as CommandOf<K>;
}

/** An open flag on chat line `refId` by `authorId`, queued at `at`. */
export function flag(fields: Partial<Flag> & Pick<Flag, "id" | "refId">): Flag {
  return {
    source: "chat",
    authorId: "m1",
    authorName: "Mei",
    text: `line ${fields.refId}`,
    at: 1_000,
    tags: ["help"],
    triggers: ["help"],
    reporters: [],
    status: "open",
    assignee: null,
    firstResponseAt: null,
    handledAt: null,
    handledBy: null,
    ...fields,
  };
}

export const hand = (memberId: string, at = 1) => ({ memberId, name: memberId.toUpperCase(), at });
export const speaker = (memberId: string, since = 1) => ({ memberId, name: memberId.toUpperCase(), since });
export const HOST = { memberId: "host", name: "Hana" } as const;
