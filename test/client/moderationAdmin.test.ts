import { describe, expect, it } from "vitest";
import { UpdateEventRequest, type EventSummary } from "../../shared/protocol/index.js";
import { FILTER_WORD_MAX_LENGTH, FILTER_WORDS_MAX } from "../../shared/rules/moderation/types.js";
import { patchFrom, valuesOf } from "../../client/ui/admin/eventForm.js";

const event: EventSummary = {
  slug: "garden-talk",
  title: "Garden talk",
  description: "",
  capacity: 80,
  online: 0,
  live: false,
  startsAt: null,
  endsAt: null,
  words: { add: ["scam", "傻瓜"], remove: ["damn"] },
  treeGoal: 300,
  rewardText: "",
  rewardUrl: null,
  memberSalons: true,
};

describe("the event form's keyword filter (/admin)", () => {
  it("shows each list one word a line", () => {
    const values = valuesOf(event);
    expect(values.wordsAdd).toBe("scam\n傻瓜");
    expect(values.wordsRemove).toBe("damn");
    expect(valuesOf({ ...event, words: { add: [], remove: [] } }).wordsAdd).toBe("");
  });

  it("sends nothing for the list when its words did not change (order, case, width, blank lines aside)", () => {
    const initial = valuesOf(event);
    expect(patchFrom(initial, { ...initial, wordsAdd: "\n傻瓜\nＳＣＡＭ\n\n" })).toEqual({ patch: {} });
    expect(patchFrom(initial, { ...initial, title: "Garden talk, moved" })).toEqual({ patch: { title: "Garden talk, moved" } });
  });

  it("sends both lists, as the API replaces both, when either changed, and the API's schema takes them", () => {
    const initial = valuesOf(event);
    const result = patchFrom(initial, { ...initial, wordsAdd: "scam\n傻瓜\nfree money", wordsRemove: "" });
    expect(result).toEqual({ patch: { words: { add: ["scam", "傻瓜", "free money"], remove: [] } } });
    if (!("patch" in result)) throw new Error("expected a patch");
    expect(UpdateEventRequest.safeParse(result.patch).success).toBe(true);
  });

  it("refuses a word that is too long, or too many words, on the list that has them", () => {
    const initial = valuesOf(event);
    const long = "x".repeat(FILTER_WORD_MAX_LENGTH + 1);
    expect(patchFrom(initial, { ...initial, wordsRemove: `damn\n${long}` })).toEqual({
      errors: { wordsRemove: { admin: "invalidWordsLong", params: { max: FILTER_WORD_MAX_LENGTH, words: long } } },
    });
    const many = Array.from({ length: FILTER_WORDS_MAX + 1 }, (_, i) => `w${i}`).join("\n");
    expect(patchFrom(initial, { ...initial, wordsAdd: many })).toEqual({ errors: { wordsAdd: { admin: "invalidWordsMany", params: { max: FILTER_WORDS_MAX } } } });
  });

  it("leaves the words out of a form that has no list (the create form)", () => {
    const { wordsAdd: _add, wordsRemove: _remove, ...plain } = valuesOf(event);
    expect(patchFrom(plain, { ...plain, capacity: "90" })).toEqual({ patch: { capacity: 90 } });
  });
});
