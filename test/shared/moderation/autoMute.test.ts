import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AUTO_MUTE, recordOffence } from "../../../shared/rules/moderation/autoMute.js";
import type { Offence, Strikes } from "../../../shared/rules/moderation/types.js";
import { deepFreeze } from "./build.js";

const filter = (at: number): Offence => ({ at, kind: "filter" });
const rate = (at: number): Offence => ({ at, kind: "rate" });
const strikes = (offences: Offence[], autoMutes = 0): Strikes => deepFreeze({ offences, autoMutes });

describe("recordOffence", () => {
  it("counts a first offence without muting", () => {
    expect(recordOffence(undefined, filter(5_000))).toEqual({ strikes: { offences: [filter(5_000)], autoMutes: 0 }, muteMs: null });
  });

  it("counts a second offence within the window without muting, keeping the earlier one", () => {
    expect(recordOffence(strikes([filter(5_000)], 2), rate(6_000))).toEqual({ strikes: { offences: [filter(5_000), rate(6_000)], autoMutes: 2 }, muteMs: null });
  });

  it("mutes for 1 minute at the third offence within two minutes, clearing the offences", () => {
    expect(recordOffence(strikes([filter(0), filter(60_000)]), filter(119_000))).toEqual({ strikes: { offences: [], autoMutes: 1 }, muteMs: 60_000 });
  });

  it("escalates 1 → 5 → 30 minutes, and stays at 30 minutes after that", () => {
    const lengths: (number | null)[] = [];
    let current: Strikes | undefined;
    let at = 0;
    for (let mute = 0; mute < 5; mute++) {
      for (let i = 0; i < 3; i++) {
        at += 1_000;
        const result = recordOffence(current, filter(at));
        current = result.strikes;
        if (i < 2) expect(result.muteMs).toBeNull();
        else lengths.push(result.muteMs);
      }
      expect(current).toEqual({ offences: [], autoMutes: mute + 1 });
    }
    expect(lengths).toEqual([60_000, 300_000, 1_800_000, 1_800_000, 1_800_000]);
  });

  it("reads the step from the count of earlier automatic mutes, however many", () => {
    const third = (autoMutes: number) => recordOffence(strikes([rate(1), rate(2)], autoMutes), rate(3)).muteMs;
    expect([third(0), third(1), third(2), third(3), third(40)]).toEqual([60_000, 300_000, 1_800_000, 1_800_000, 1_800_000]);
  });

  it("forgets offences older than the window (an offence exactly two minutes old still counts)", () => {
    expect(recordOffence(strikes([filter(0), filter(60_000)]), filter(120_000)).muteMs).toBe(60_000);
    expect(recordOffence(strikes([filter(0), filter(60_000)]), filter(120_001))).toEqual({
      strikes: { offences: [filter(60_000), filter(120_001)], autoMutes: 0 },
      muteMs: null,
    });
    expect(recordOffence(strikes([filter(0), filter(1)]), filter(200_000))).toEqual({ strikes: { offences: [filter(200_000)], autoMutes: 0 }, muteMs: null });
  });

  it("counts filter hits and rate-limit refusals together", () => {
    expect(recordOffence(strikes([filter(1_000), rate(2_000)]), filter(3_000)).muteMs).toBe(60_000);
  });

  it("leaves its input as it was", () => {
    const before = strikes([filter(1_000)], 1);
    recordOffence(before, filter(2_000));
    recordOffence(strikes([filter(1_000), filter(1_500)], 1), filter(2_000));
    expect(before).toEqual({ offences: [filter(1_000)], autoMutes: 1 });
  });

  it("mutes exactly when AUTO_MUTE.offences fall within AUTO_MUTE.windowMs (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ dt: fc.nat({ max: 90_000 }), kind: fc.constantFrom("filter" as const, "rate" as const) }), { maxLength: 60 }), (steps) => {
        let current: Strikes | undefined;
        let at = 0;
        let since: number[] = [];
        let mutes = 0;
        for (const { dt, kind } of steps) {
          at += dt;
          // Worked out apart from the rule: the times counted since the last mute, within the window.
          since = [...since.filter((t) => at - t <= AUTO_MUTE.windowMs), at];
          const result = recordOffence(current, { at, kind });
          if (since.length >= AUTO_MUTE.offences) {
            expect(result.muteMs).toBe(AUTO_MUTE.stepsMs[Math.min(mutes, AUTO_MUTE.stepsMs.length - 1)]);
            mutes += 1;
            since = [];
          } else expect(result.muteMs).toBeNull();
          expect(result.strikes.offences.map((o) => o.at)).toEqual(since);
          expect(result.strikes.autoMutes).toBe(mutes);
          current = result.strikes;
        }
      }),
      { numRuns: 200 },
    );
  });
});
