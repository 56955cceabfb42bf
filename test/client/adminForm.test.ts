import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SCHEDULE_TIME_MAX_MS } from "../../shared/protocol/index.js";
import { NEW_EVENT_VALUES, createRequestFrom, fromLocalInput, patchFrom, toLocalInput, type EventFormValues } from "../../client/ui/admin/eventForm.js";

const MINUTE = 60_000;
/** The last minute a `datetime-local` field can show (year 9999). */
const LAST_SHOWN = Date.UTC(9999, 11, 30);

const saved: EventFormValues = { slug: "garden-talk", title: "Garden talk", description: "Bring a cutting.", capacity: "80", startsAt: "2030-05-01T19:30", endsAt: "2030-05-01T21:00" };

describe("times in the event form", () => {
  it("shows a time as the field writes it, and reads back the same field", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: LAST_SHOWN / MINUTE }), (minutes) => {
        const shown = toLocalInput(minutes * MINUTE);
        expect(shown).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
        const read = fromLocalInput(shown);
        expect(typeof read).toBe("number");
        // A local time that happens twice (clocks going back) reads as one of them, which shows the same.
        expect(toLocalInput(read as number)).toBe(shown);
      }),
    );
  });

  it("reads an empty field as no time, and anything that is not one as invalid", () => {
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("   ")).toBeNull();
    for (const text of ["tomorrow", "2030-05-01", "19:30", "2030-02-30T10:00", "2030-13-01T10:00", "2030-05-01T25:00", "2030-05-01T19:30+08:00"]) {
      expect(fromLocalInput(text), text).toBe("invalid");
    }
    expect(fromLocalInput("2030-05-01T19:30:15.5")).toBe(new Date(2030, 4, 1, 19, 30, 15, 500).getTime());
    expect(fromLocalInput("2028-02-29T08:00")).toBe(new Date(2028, 1, 29, 8, 0).getTime());
    expect(toLocalInput(null)).toBe("");
    expect(toLocalInput(SCHEDULE_TIME_MAX_MS)).toBe("");
  });
});

describe("the create form", () => {
  it("sends what the schema takes: a trimmed slug, numbers for capacity and times", () => {
    const result = createRequestFrom({ ...saved, slug: " garden-talk " });
    expect(result).toEqual({
      request: { slug: "garden-talk", title: "Garden talk", description: "Bring a cutting.", capacity: 80, startsAt: fromLocalInput(saved.startsAt), endsAt: fromLocalInput(saved.endsAt) },
    });
    expect(createRequestFrom({ ...NEW_EVENT_VALUES, slug: "plain", title: "Plain" })).toEqual({ request: { slug: "plain", title: "Plain", description: "", capacity: 200, startsAt: null, endsAt: null } });
  });

  it("names each field that the server would refuse, and why", () => {
    const result = createRequestFrom({ slug: "Garden Talk", title: " \u200b ", description: "x".repeat(501), capacity: "2.5", startsAt: "soon", endsAt: "" });
    expect(result).toEqual({
      errors: {
        slug: { admin: "invalidSlug" },
        title: { admin: "invalidTitle", params: { max: 80 } },
        description: { admin: "invalidDescription", params: { max: 500 } },
        capacity: { admin: "invalidCapacity", params: { min: 2, max: 500 } },
        startsAt: { admin: "invalidTime" },
      },
    });
    expect(createRequestFrom({ ...saved, endsAt: saved.startsAt })).toEqual({ errors: { endsAt: { admin: "endsBeforeStart" } } });
    expect(createRequestFrom({ ...saved, capacity: "" })).toEqual({ errors: { capacity: { admin: "invalidCapacity", params: { min: 2, max: 500 } } } });
  });
});

describe("the edit form", () => {
  it("sends only the fields that changed, so it does not undo another operator's edit of the rest", () => {
    expect(patchFrom(saved, saved)).toEqual({ patch: {} });
    expect(patchFrom(saved, { ...saved, title: "Garden talk, moved" })).toEqual({ patch: { title: "Garden talk, moved" } });
    expect(patchFrom(saved, { ...saved, capacity: "120", endsAt: "" })).toEqual({ patch: { capacity: 120, endsAt: null } });
    expect(patchFrom(saved, { ...saved, description: "" })).toEqual({ patch: { description: "" } });
  });

  it("checks the whole schedule, the unchanged half included", () => {
    expect(patchFrom(saved, { ...saved, startsAt: "2030-05-01T22:00" })).toEqual({ errors: { endsAt: { admin: "endsBeforeStart" } } });
    expect(patchFrom(saved, { ...saved, title: "" })).toEqual({ errors: { title: { admin: "invalidTitle", params: { max: 80 } } } });
    expect(patchFrom(saved, { ...saved, startsAt: "2030-05-01T22:00", endsAt: "" })).toEqual({ patch: { startsAt: fromLocalInput("2030-05-01T22:00"), endsAt: null } });
  });
});
