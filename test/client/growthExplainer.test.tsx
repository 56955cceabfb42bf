import i18next from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it, vi } from "vitest";
import { en } from "../../client/i18n/en.js";
import { growthPagesEn, growthPagesZh } from "../../client/i18n/growthPages.js";
import { zhCN } from "../../client/i18n/zh-CN.js";
import { BADGE_ICONS } from "../../client/ui/pages/badgeIcons.js";
import { GrowthExplainer } from "../../client/ui/pages/GrowthExplainer.js";
import { BADGES } from "../../shared/rules/growth/types.js";

// The page frame's language switch loads the app's i18n, which reads the browser's language and sets <html lang> as
// it loads: a bare stand-in for both, before any import runs (this suite runs in node, without a DOM).
vi.hoisted(() => {
  // defineProperty: newer Node has a `navigator` of its own, read-only to plain assignment.
  const stand = (name: string, value: unknown): void => void Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  stand("navigator", { language: "en", languages: ["en"] });
  stand("document", { documentElement: { lang: "" } });
});

/** The explainer `/growth` rendered to HTML in one language, with an i18next of its own (the app's language is left alone). */
async function explainer(language: "en" | "zh-CN"): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    lng: language,
    resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <GrowthExplainer />
    </I18nextProvider>,
  );
}

/** The list item the explainer shows for `badge`, or undefined. */
const badgeItem = (html: string, badge: string): string | undefined => new RegExp(`<li[^>]*data-badge="${badge}"[^>]*>(.*?)</li>`).exec(html)?.[1];

describe("the explainer's badges", () => {
  it.each([
    ["en", growthPagesEn],
    ["zh-CN", growthPagesZh],
  ] as const)("lists every badge of the table with its icon, name and condition (%s), cityExplorer among them", async (language, strings) => {
    const html = await explainer(language);
    for (const badge of BADGES) {
      const item = badgeItem(html, badge);
      expect(item, badge).toBeDefined();
      expect(item).toContain(BADGE_ICONS[badge]);
      expect(item).toContain(strings.badges[badge].name);
    }
    expect(badgeItem(html, "cityExplorer")).toContain(strings.badges.cityExplorer.description);
    expect(html.match(/data-badge="/g)).toHaveLength(BADGES.length);
  });
});

describe("the explainer's points", () => {
  it.each([
    ["en", growthPagesEn],
    ["zh-CN", growthPagesZh],
  ] as const)("says a clue is worth its hunt's points (%s)", async (language, strings) => {
    expect(await explainer(language)).toContain(strings.explainer.points.clues);
  });
});
