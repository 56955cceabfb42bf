import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventStatus } from "../../shared/rules/eventStatus.js";

const AT_NOON = Date.UTC(2026, 10, 30, 12, 0, 0);
const HOUR = 3_600_000;

describe("eventStatus", () => {
  it("calls an event with people inside live, whatever its schedule says", () => {
    expect(eventStatus({ online: 12, startsAt: null, endsAt: null }, AT_NOON)).toEqual({ kind: "live", online: 12 });
    expect(eventStatus({ online: 1, startsAt: AT_NOON + HOUR, endsAt: null }, AT_NOON)).toEqual({ kind: "live", online: 1 });
    expect(eventStatus({ online: 3, startsAt: null, endsAt: AT_NOON - HOUR }, AT_NOON)).toEqual({ kind: "live", online: 3 });
  });

  it("calls an empty event without a schedule open", () => {
    expect(eventStatus({ online: 0, startsAt: null, endsAt: null }, AT_NOON)).toEqual({ kind: "open" });
  });

  it("is upcoming until the very moment it starts, then open", () => {
    const startsAt = AT_NOON + HOUR;
    expect(eventStatus({ online: 0, startsAt, endsAt: null }, startsAt - 1)).toEqual({ kind: "upcoming", startsAt });
    expect(eventStatus({ online: 0, startsAt, endsAt: null }, startsAt)).toEqual({ kind: "open" });
  });

  it("is open until the moment it ends, and ended from then on", () => {
    const endsAt = AT_NOON + HOUR;
    const schedule = { online: 0, startsAt: AT_NOON - HOUR, endsAt };
    expect(eventStatus(schedule, endsAt - 1)).toEqual({ kind: "open" });
    expect(eventStatus(schedule, endsAt)).toEqual({ kind: "ended", endsAt });
    expect(eventStatus({ online: 0, startsAt: null, endsAt }, endsAt + HOUR)).toEqual({ kind: "ended", endsAt });
  });

  it("property: live exactly when someone is inside; otherwise the schedule decides", () => {
    const time = fc.integer({ min: 0, max: 4_000_000_000_000 });
    fc.assert(
      fc.property(fc.nat(500), fc.option(time, { nil: null }), fc.option(time, { nil: null }), time, (online, startsAt, endsAt, now) => {
        const status = eventStatus({ online, startsAt, endsAt }, now);
        expect(status.kind === "live").toBe(online > 0);
        if (online > 0) return;
        const expected = startsAt !== null && now < startsAt ? "upcoming" : endsAt !== null && now >= endsAt ? "ended" : "open";
        expect(status.kind).toBe(expected);
      }),
    );
  });
});
