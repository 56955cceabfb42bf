import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MemberView } from "../../client/net/VenueConnection.js";
import { ARRIVALS_WINDOW_MS, watchArrivals, type PresenceChange } from "../../client/state/arrivals.js";
import { memberView } from "../helpers/memberView.js";
import { createMembersStore, type MembersStore } from "../../client/state/members.js";

const member = (name: string, overrides: Partial<MemberView> = {}): MemberView =>
  memberView({ sessionId: `s-${name}`, memberId: `m-${name}`, name, ...overrides });
const self = member("Me", { isSelf: true });

let store: MembersStore;
let told: PresenceChange[];
let stop: () => void;

/** Replays the way the transport fills the list on entering: one member at a time, within one task. */
function enter(...members: MemberView[]): void {
  for (let i = 1; i <= members.length; i++) store.setState({ members: members.slice(0, i) });
}

beforeEach(() => {
  vi.useFakeTimers();
  store = createMembersStore();
  told = [];
  stop = watchArrivals({ members: store, announce: (change) => told.push(change) });
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe("watchArrivals", () => {
  it("tells nobody about the list found on entering, nor about your own arrival", () => {
    enter(self, member("Ada"), member("Bo"));
    vi.runAllTimers();
    expect(told).toEqual([]);
  });

  it("tells one arrival by name once the window closes", () => {
    enter(self, member("Ada"));
    vi.runAllTimers();
    store.setState({ members: [self, member("Ada"), member("Bo")] });
    vi.advanceTimersByTime(ARRIVALS_WINDOW_MS - 1);
    expect(told).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(told).toEqual([{ arrived: ["Bo"], left: [] }]);
  });

  it("groups arrivals and departures within one window", () => {
    enter(self, member("Ada"), member("Bo"));
    vi.runAllTimers();
    store.setState({ members: [self, member("Ada"), member("Bo"), member("Cy")] });
    vi.advanceTimersByTime(500);
    store.setState({ members: [self, member("Ada"), member("Bo"), member("Cy"), member("Di"), member("Eve")] });
    vi.advanceTimersByTime(500);
    store.setState({ members: [self, member("Bo"), member("Cy"), member("Di"), member("Eve")] });
    vi.advanceTimersByTime(ARRIVALS_WINDOW_MS);
    expect(told).toEqual([{ arrived: ["Cy", "Di", "Eve"], left: ["Ada"] }]);
  });

  it("says nothing when a member takes their seat over or reconnects under a new session id", () => {
    enter(self, member("Ada"));
    vi.runAllTimers();
    store.setState({ members: [self] });
    store.setState({ members: [self, member("Ada", { sessionId: "s-Ada-2" })] });
    store.setState({ members: [self, member("Ada", { sessionId: "s-Ada-2", online: false })] });
    vi.runAllTimers();
    expect(told).toEqual([]);
  });

  it("tells a departure, and a window that opens later tells its own changes", () => {
    enter(self, member("Ada"), member("Bo"));
    vi.runAllTimers();
    store.setState({ members: [self, member("Bo")] });
    vi.runAllTimers();
    store.setState({ members: [self, member("Bo"), member("Ada")] });
    vi.runAllTimers();
    expect(told).toEqual([
      { arrived: [], left: ["Ada"] },
      { arrived: ["Ada"], left: [] },
    ]);
  });

  it("starts from the list already there when it begins watching after entering", () => {
    stop();
    store = createMembersStore();
    store.setState({ members: [self, member("Ada")] });
    stop = watchArrivals({ members: store, announce: (change) => told.push(change) });
    store.setState({ members: [self, member("Ada"), member("Bo")] });
    vi.runAllTimers();
    expect(told).toEqual([{ arrived: ["Bo"], left: [] }]);
  });

  it("stops telling once stopped", () => {
    enter(self);
    vi.runAllTimers();
    store.setState({ members: [self, member("Ada")] });
    stop();
    vi.runAllTimers();
    expect(told).toEqual([]);
  });
});
