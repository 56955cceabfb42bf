import type { FeatureOutcome } from "../announcements.js";

export type { CommandOf, FeatureOutcome } from "../announcements.js";

/** What a salon rule returns: its slice after the command, and whether the command applied (or why not). */
export interface SliceResult<S> {
  state: S;
  outcome: FeatureOutcome;
}

export const applied = <S>(state: S): SliceResult<S> => ({ state, outcome: { applied: true } });
export const declined = <S>(state: S, reason: Extract<FeatureOutcome, { applied: false }>["reason"]): SliceResult<S> => ({
  state,
  outcome: { applied: false, reason },
});

/** Own-property lookup for records keyed by ids (never the prototype's). */
export function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
