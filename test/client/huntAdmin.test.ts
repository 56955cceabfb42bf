import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { HuntInput, type HuntAdminView } from "../../shared/protocol/hunt.js";
import { clampToWalkable, isOnStage } from "../../shared/rules/movement.js";
import { CLUE_NAME_MAX, CLUE_POINTS_MAX, HUNT_ID_PATTERN, TASK_TEXT_MAX } from "../../shared/rules/hunt/types.js";
import { LANDMARKS, VENUE_HALF_SIZE } from "../../shared/rules/venue.js";
import {
  NEW_ID_LENGTH,
  clueField,
  emptyHuntForm,
  firstErrorField,
  formFromHunt,
  huntInputFrom,
  moved,
  newClue,
  newHuntId,
  newPartner,
  newTask,
  partnerField,
  placeOnFloor,
  taskField,
  teamField,
  type HuntFormValues,
} from "../../client/ui/admin/hunt/huntForm.js";
import { fromLocalInput } from "../../client/ui/admin/eventForm.js";

/** A byte source that yields the given bytes in turn (then zeros), so ids are pinned. */
function bytesOf(...values: number[]): (bytes: Uint8Array) => void {
  let at = 0;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = values[at++] ?? 0;
  };
}

/** A hunt the editor can save: a scene clue with a riddle and a real blind-box clue with a voucher. */
function filledForm(): HuntFormValues {
  const scene = { ...newClue("scene", bytesOf(1)), name: "Under the tree", hint: "Look up", points: "15", hasRiddle: true, question: "What grows?", answers: "Tree\n 树 \n\n", x: 3, z: 2 };
  const task = { ...newTask(bytesOf(3)), kind: "riddle" as const, text: "", question: "Two hands, no fingers?", answers: "clock" };
  const checkIn = { ...newTask(bytesOf(4)), kind: "checkIn" as const, text: "Check in at the salon" };
  const partner = { ...newPartner(bytesOf(5)), name: "Leaf café" };
  const real = {
    ...newClue("real", bytesOf(2)),
    name: "Café window",
    points: "20",
    place: "Leaf café",
    district: "Xuhui",
    address: "12 Wukang Rd",
    blindBox: true,
    tasks: [task, checkIn],
    rewardPoints: "5",
    badge: true,
    hasVoucher: true,
    voucherPartnerId: partner.id,
    voucherText: "A free tea",
    voucherStock: "40",
  };
  return { title: "City walk", order: "ordered", startsAt: "2030-05-01T10:00", endsAt: "2030-05-01T18:00", teams: ["Red", "Blue"], partners: [partner], clues: [scene, real] };
}

/** The admin view a saved hunt comes back as (the server adds versions and the seed-free hunt). */
function viewOf(input: HuntInput): HuntAdminView {
  return {
    hunt: {
      id: "hunt1",
      eventId: "event1",
      title: input.title,
      order: input.order,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      teams: input.teams,
      partners: input.partners.map((p) => ({ ...p, staffVersion: 1 })),
      clues: input.clues.map((c) => ({ ...c, tokenVersion: 1 })),
    },
    scanLinks: {},
    staffLinks: {},
    counts: {},
    completions: 0,
  };
}

describe("ids made in the browser", () => {
  it("makes 8 base62 characters that the schema takes as an id", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
        const id = newHuntId(bytesOf(...bytes));
        expect(id).toMatch(/^[0-9A-Za-z]{8}$/);
        expect(HUNT_ID_PATTERN.test(id)).toBe(true);
      }),
    );
    expect(newHuntId()).toHaveLength(NEW_ID_LENGTH);
  });

  it("maps bytes to characters evenly, drawing again for bytes of 248 and above", () => {
    expect(newHuntId(bytesOf(0, 1, 61, 62, 10, 36, 247, 255))).toBe("01z0Aa" + "z" + "0");
    // 255 and 248 are skipped, not folded onto the first characters.
    expect(newHuntId(bytesOf(255, 248, 1, 2, 3, 4, 5, 6, 7, 8))).toBe("12345678");
  });

  it("gives two new clues different ids", () => {
    const ids = new Set(Array.from({ length: 200 }, () => newClue("scene").id));
    expect(ids.size).toBe(200);
  });
});

describe("placing a scene clue", () => {
  it("keeps every placed point on the walkable floor: inside the square, off the stage, out of every landmark", () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: -40, max: 40, noNaN: true }), (x, z) => {
        const spot = placeOnFloor({ x, z });
        expect(Math.abs(spot.x)).toBeLessThanOrEqual(VENUE_HALF_SIZE);
        expect(Math.abs(spot.z)).toBeLessThanOrEqual(VENUE_HALF_SIZE);
        expect(isOnStage(spot)).toBe(false);
        for (const landmark of LANDMARKS) expect(Math.hypot(spot.x - landmark.x, spot.z - landmark.z)).toBeGreaterThan(landmark.radius);
        // What the editor places, the floor rule leaves where it is.
        const again = clampToWalkable(spot);
        expect(Math.hypot(again.x - spot.x, again.z - spot.z)).toBeLessThan(1e-6);
      }),
    );
  });

  it("leaves an open floor point where it is (to the centimetre) and moves one on the stage to its front", () => {
    expect(placeOnFloor({ x: 3.14159, z: 2.71828 })).toEqual({ x: 3.14, z: 2.72 });
    const fromStage = placeOnFloor({ x: 0, z: -18 });
    expect(fromStage.x).toBe(0);
    expect(fromStage.z).toBeGreaterThan(-13);
    const fromOutside = placeOnFloor({ x: 50, z: 5 });
    expect(fromOutside.x).toBeLessThan(VENUE_HALF_SIZE);
  });
});

describe("the form and the HuntInput it sends", () => {
  it("sends what the form holds, parsed by the server's schema: answers one a line, numbers as numbers, local times as UTC ms", () => {
    const values = filledForm();
    const result = huntInputFrom(values);
    if (!("input" in result)) throw new Error(JSON.stringify(result.errors));
    const { input } = result;
    expect(HuntInput.safeParse(input).success).toBe(true);
    expect(input.startsAt).toBe(fromLocalInput("2030-05-01T10:00"));
    expect(input.endsAt).toBe(fromLocalInput("2030-05-01T18:00"));
    const [scene, real] = input.clues;
    expect(scene).toEqual({ id: values.clues[0]?.id, name: "Under the tree", hint: "Look up", riddle: { question: "What grows?", answers: ["Tree", "树"] }, points: 15, where: { kind: "scene", x: 3, z: 2 }, blindBox: null });
    expect(real?.where).toEqual({ kind: "real", place: "Leaf café", district: "Xuhui", address: "12 Wukang Rd" });
    expect(real?.riddle).toBeNull();
    expect(real?.blindBox?.tasks.map((t) => [t.kind, t.riddle])).toEqual([
      ["riddle", { question: "Two hands, no fingers?", answers: ["clock"] }],
      ["checkIn", null],
    ]);
    expect(real?.blindBox?.reward).toEqual({ points: 5, badge: true, voucher: { partnerId: values.partners[0]?.id, text: "A free tea", stock: 40 } });
    expect(input.partners).toEqual([{ id: values.partners[0]?.id, name: "Leaf café" }]);
  });

  it("reads back the same form from the hunt the server keeps", () => {
    const values = filledForm();
    const result = huntInputFrom(values);
    if (!("input" in result)) throw new Error("expected a valid form");
    const again = formFromHunt(viewOf(result.input).hunt);
    // Blank answer lines are dropped on the way; everything else comes back as typed.
    expect(again).toEqual({ ...values, clues: values.clues.map((c, i) => (i === 0 ? { ...c, answers: "Tree\n树" } : c)) });
    expect(huntInputFrom(again)).toEqual(result);
  });

  it("sends nothing that is switched off: a riddle, the blind box of a scene clue, a voucher", () => {
    const values = filledForm();
    const [scene, real] = values.clues as [HuntFormValues["clues"][number], HuntFormValues["clues"][number]];
    const off: HuntFormValues = { ...values, clues: [{ ...scene, hasRiddle: false, blindBox: true }, { ...real, hasVoucher: false, kind: "real" }] };
    const result = huntInputFrom(off);
    if (!("input" in result)) throw new Error("expected a valid form");
    expect(result.input.clues[0]?.riddle).toBeNull();
    expect(result.input.clues[0]?.blindBox).toBeNull();
    expect(result.input.clues[1]?.blindBox?.reward.voucher).toBeNull();
    // Switched back on, the text typed before is still there.
    expect(formFromHunt(viewOf(result.input).hunt).clues[0]?.hasRiddle).toBe(false);
    expect(off.clues[0]?.question).toBe("What grows?");
  });

  it("starts a new hunt empty and refuses it until it has a title and a clue", () => {
    const result = huntInputFrom(emptyHuntForm());
    expect("errors" in result && result.errors).toMatchObject({ title: { huntAdmin: "invalidText" }, clues: { huntAdmin: "needsClue" } });
  });

  it("moves a clue up and down, and not past either end", () => {
    expect(moved(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moved(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moved(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });
});

describe("errors on their fields", () => {
  it("puts each schema refusal on the field of the clue, task or partner it names, by id", () => {
    const values = filledForm();
    const [scene, real] = values.clues as [HuntFormValues["clues"][number], HuntFormValues["clues"][number]];
    const task = real.tasks[0];
    const checkIn = real.tasks[1];
    if (!task || !checkIn) throw new Error("expected tasks");
    const partner = values.partners[0];
    if (!partner) throw new Error("expected a partner");
    const bad: HuntFormValues = {
      ...values,
      title: "  ",
      teams: ["Red", "x".repeat(31)],
      partners: [{ ...partner, name: "" }],
      clues: [
        { ...scene, name: "n".repeat(CLUE_NAME_MAX + 1), points: String(CLUE_POINTS_MAX + 1), answers: "\n" },
        { ...real, place: "", voucherStock: "0", rewardPoints: "five", tasks: [{ ...task, answers: "" }, { ...checkIn, text: " " }] },
      ],
    };
    const result = huntInputFrom(bad);
    if (!("errors" in result)) throw new Error("expected errors");
    const { errors } = result;
    expect(errors.title).toEqual({ huntAdmin: "invalidText", params: { max: 80 } });
    expect(errors[teamField(1)]).toEqual({ huntAdmin: "invalidText", params: { max: 30 } });
    expect(errors[teamField(0)]).toBeUndefined();
    expect(errors[partnerField(partner.id)]).toMatchObject({ huntAdmin: "invalidText" });
    expect(errors[clueField(scene.id, "name")]).toEqual({ huntAdmin: "invalidText", params: { max: CLUE_NAME_MAX } });
    expect(errors[clueField(scene.id, "points")]).toMatchObject({ huntAdmin: "invalidPoints" });
    expect(errors[clueField(scene.id, "answers")]).toMatchObject({ huntAdmin: "invalidAnswers" });
    expect(errors[clueField(real.id, "place")]).toMatchObject({ huntAdmin: "invalidText" });
    expect(errors[clueField(real.id, "voucherStock")]).toMatchObject({ huntAdmin: "invalidStock" });
    expect(errors[clueField(real.id, "rewardPoints")]).toMatchObject({ huntAdmin: "invalidPoints" });
    expect(errors[taskField(real.id, task.id, "answers")]).toMatchObject({ huntAdmin: "invalidAnswers" });
    expect(errors[taskField(real.id, checkIn.id, "text")]).toEqual({ huntAdmin: "taskNeedsText", params: { max: TASK_TEXT_MAX } });
    // The first field the operator meets, in the form's order.
    expect(firstErrorField(bad, errors)).toBe("title");
  });

  it("keeps an error on its clue when the clues are reordered", () => {
    const values = filledForm();
    const real = values.clues[1];
    if (!real) throw new Error("expected a clue");
    const swapped = { ...values, clues: moved(values.clues, 1, -1).map((c) => (c.id === real.id ? { ...c, name: "" } : c)) };
    const result = huntInputFrom(swapped);
    expect("errors" in result && Object.keys(result.errors)).toEqual([clueField(real.id, "name")]);
  });

  it("says what the server would refuse across fields: an end before the start, a repeated team, a voucher of no partner, a clue on the stage", () => {
    const values = filledForm();
    const [scene, real] = values.clues as [HuntFormValues["clues"][number], HuntFormValues["clues"][number]];
    const result = huntInputFrom({
      ...values,
      startsAt: "2030-05-01T18:00",
      endsAt: "2030-05-01T10:00",
      teams: ["Red", "Red"],
      partners: [],
      clues: [{ ...scene, x: 0, z: -18 }, real],
    });
    if (!("errors" in result)) throw new Error("expected errors");
    expect(result.errors).toEqual({
      endsAt: { huntAdmin: "endsBeforeStart" },
      [teamField(1)]: { huntAdmin: "teamRepeated" },
      [clueField(real.id, "voucherPartner")]: { huntAdmin: "voucherNeedsPartner" },
      [clueField(scene.id, "position")]: { huntAdmin: "invalidPosition" },
    });
  });

  it("names a time that is no time, and leaves an empty one open", () => {
    const values = { ...filledForm(), startsAt: "2030-02-30T10:00", endsAt: "" };
    const result = huntInputFrom(values);
    expect("errors" in result && result.errors).toEqual({ startsAt: { huntAdmin: "invalidTime" } });
    const open = huntInputFrom({ ...filledForm(), startsAt: "", endsAt: "" });
    expect("input" in open && [open.input.startsAt, open.input.endsAt]).toEqual([null, null]);
  });
});
