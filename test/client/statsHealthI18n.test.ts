import { describe, expect, it } from "vitest";
import { statsHealthEn, statsHealthZh } from "../../client/i18n/statsHealth.js";
import { HEALTH_ALERT_NAMES } from "../../shared/rules/stats/health.js";
import { HEALTH_INDICATORS, type HealthUnit } from "../../shared/rules/stats/types.js";

const languages = { en: statsHealthEn, zhCN: statsHealthZh } as const;
const UNITS: readonly HealthUnit[] = ["share", "minutes", "perMemberMinute", "perMember", "per100", "count", "flag"];

describe("the health indicators' words", () => {
  it("give every indicator a name, a definition and an action in both languages", () => {
    for (const [language, words] of Object.entries(languages)) {
      for (const id of HEALTH_INDICATORS) {
        const { name, definition, action } = words[id];
        expect([language, id, name.trim() !== "", definition.trim() !== "", action.trim() !== ""]).toEqual([language, id, true, true, true]);
      }
    }
  });

  it("write the Chinese in Chinese, not a copy of the English", () => {
    const han = /\p{Script=Han}/u;
    for (const id of HEALTH_INDICATORS) {
      for (const field of ["name", "definition", "action"] as const) {
        expect([id, field, han.test(statsHealthZh[id][field])]).toEqual([id, field, true]);
        expect([id, field, han.test(statsHealthEn[id][field])]).toEqual([id, field, false]);
      }
    }
  });

  it("name every unit and both directions in both languages", () => {
    for (const words of Object.values(languages)) {
      for (const unit of UNITS) expect([unit, words.units[unit].trim() !== ""]).toEqual([unit, true]);
      expect(words.better.higher).not.toBe(words.better.lower);
    }
  });

  it("have the same keys in both languages, and nothing beyond the indicators, units and directions", () => {
    const keys = (value: unknown, prefix = ""): string[] =>
      typeof value === "string" ? [prefix] : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, `${prefix}.${k}`));
    expect(keys(statsHealthZh)).toEqual(keys(statsHealthEn));
    expect(Object.keys(statsHealthEn).sort()).toEqual([...HEALTH_INDICATORS, "units", "better"].sort());
  });

  it("call each indicator what the webhook's alert calls it", () => {
    for (const id of HEALTH_INDICATORS) {
      expect([id, statsHealthEn[id].name]).toEqual([id, HEALTH_ALERT_NAMES[id].en]);
      expect([id, statsHealthZh[id].name]).toEqual([id, HEALTH_ALERT_NAMES[id].zh]);
    }
  });

  it("use no placeholders (the texts are read as they are)", () => {
    const values = (value: unknown): string[] => (typeof value === "string" ? [value] : Object.values(value as Record<string, unknown>).flatMap(values));
    expect([...values(statsHealthEn), ...values(statsHealthZh)].filter((text) => /[{}]/.test(text))).toEqual([]);
  });
});
