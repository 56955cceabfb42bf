import { describe, expect, it } from "vitest";
import { AnnouncementState, InstanceState, VenueState } from "../../shared/state/VenueState.js";
import { EMPTY_SESSION, nextSessionSnapshot } from "../../client/net/sessionSnapshot.js";

function venue(): VenueState {
  const state = new VenueState();
  state.instanceId = "room-b";
  state.session.id = "live-1";
  state.session.online = 15;
  const add = (roomId: string, number: number, online: number) => {
    const instance = new InstanceState();
    instance.number = number;
    instance.online = online;
    state.session.instances.set(roomId, instance);
  };
  add("room-b", 2, 3);
  add("room-a", 1, 12);
  return state;
}

function announce(state: VenueState, id: string, text: string): void {
  const announcement = new AnnouncementState();
  announcement.id = id;
  announcement.text = text;
  announcement.postedByName = "Ada";
  announcement.postedAt = 1_700_000_000_000;
  state.session.announcement = announcement;
}

describe("nextSessionSnapshot", () => {
  it("reads the session view: its id, this instance, the head-counts by instance number, the announcement", () => {
    const state = venue();
    announce(state, "a1", "Welcome!");
    expect(nextSessionSnapshot(EMPTY_SESSION, state)).toEqual({
      id: "live-1",
      instanceId: "room-b",
      online: 15,
      instances: [
        { roomId: "room-a", number: 1, online: 12 },
        { roomId: "room-b", number: 2, online: 3 },
      ],
      announcement: { id: "a1", text: "Welcome!", postedByName: "Ada", postedAt: 1_700_000_000_000 },
    });
  });

  it("returns the previous snapshot itself when nothing it holds changed (a patch that only moved avatars)", () => {
    const state = venue();
    const first = nextSessionSnapshot(EMPTY_SESSION, state);
    expect(nextSessionSnapshot(first, state)).toBe(first);
  });

  it("keeps the announcement object when only a head-count changed, and the instances when only the announcement did", () => {
    const state = venue();
    announce(state, "a1", "Welcome!");
    const first = nextSessionSnapshot(EMPTY_SESSION, state);
    state.session.online = 16;
    const second = nextSessionSnapshot(first, state);
    expect(second).not.toBe(first);
    expect(second.announcement).toBe(first.announcement);
    announce(state, "a2", "Cake!");
    const third = nextSessionSnapshot(second, state);
    expect(third.instances).toBe(second.instances);
    expect(third.announcement?.id).toBe("a2");
  });

  it("reads no announcement when it is cleared or left as an empty object", () => {
    const state = venue();
    announce(state, "a1", "Welcome!");
    const shown = nextSessionSnapshot(EMPTY_SESSION, state);
    state.session.announcement = undefined;
    expect(nextSessionSnapshot(shown, state).announcement).toBeNull();
    state.session.announcement = new AnnouncementState();
    expect(nextSessionSnapshot(shown, state).announcement).toBeNull();
  });

  it("falls back to the room's own id, and to nothing, against a server without a session view", () => {
    expect(nextSessionSnapshot(EMPTY_SESSION, {}, "room-x")).toEqual({ ...EMPTY_SESSION, instanceId: "room-x" });
    expect(nextSessionSnapshot(EMPTY_SESSION, {})).toBe(EMPTY_SESSION);
  });
});
