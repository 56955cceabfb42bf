import { useMemo } from "react";
import { disambiguators } from "../../shared/rules/nameTags.js";
import type { MemberView } from "../net/VenueConnection.js";

/**
 * The tag shown beside each name that another member also uses ("Ada · 3f2a"), by session id. Computed once per
 * change of the member list, which is a new array only when a member joins, leaves or changes what it shows.
 */
export function useNameTags(members: readonly MemberView[]): ReadonlyMap<string, string> {
  return useMemo(
    () => disambiguators(members.map((m) => ({ key: m.sessionId, memberId: m.memberId, name: m.name }))),
    [members],
  );
}
