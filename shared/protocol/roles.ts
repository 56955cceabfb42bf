import { z } from "zod";

/**
 * Who may send an intent. A member is anyone in the venue; a host joined with a valid host link for this event;
 * an operator holds the operator token (HTTP API only). Roles come from server-signed tokens, never a client's word.
 */
export const Role = z.enum(["member", "host", "operator"]);
export type Role = z.infer<typeof Role>;

/** What became of a host link a member joined with: it was accepted, or why it gave member rights only. */
export const HostLinkCheck = z.enum(["accepted", "invalid", "expired", "otherEvent"]);
export type HostLinkCheck = z.infer<typeof HostLinkCheck>;

/** Whether a member holding `role` may send an intent declared for `required`: host ⊃ member; operator ⊃ host. */
export function roleAllows(role: Role, required: Role): boolean {
  const rank: Record<Role, number> = { member: 0, host: 1, operator: 2 };
  return rank[role] >= rank[required];
}
