import type { MemberView } from "../../client/net/VenueConnection.js";

/** A member as the client's members slice holds it: an online, ordinary member unless `overrides` say otherwise. */
export function memberView(overrides: Partial<MemberView> & { sessionId: string }): MemberView {
  return {
    memberId: `m-${overrides.sessionId}`,
    name: overrides.sessionId,
    color: "#e4572e",
    shape: "round",
    accessory: "none",
    online: true,
    role: "member",
    isSelf: false,
    hand: false,
    speaker: false,
    expert: false,
    tier: "explorer",
    trophy: "",
    ...overrides,
  };
}
