export { MemberState, VenueState } from "./VenueState.js";
