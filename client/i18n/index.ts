import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en.js";
import { zhCN } from "./zh-CN.js";

export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_STORAGE_KEY = "grove.language.v1";

/** The browser's language picks unless the member chose one with the switch: zh* → zh-CN, anything else → en. */
export function detectLanguage(): Language {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (stored === "en" || stored === "zh-CN") return stored;
  } catch {
    // Storage can be blocked (private mode); the browser language still applies.
  }
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  const first = preferred[0] ?? "en";
  return first.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisted; the switch still applies for this page.
  }
  void i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18next.language === "zh-CN" ? "zh-CN" : "en";
}

i18next.on("languageChanged", (language) => {
  document.documentElement.lang = language === "zh-CN" ? "zh-CN" : "en";
});

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
  lng: detectLanguage(),
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false, prefix: "{", suffix: "}" },
  returnNull: false,
  showSupportNotice: false,
  initAsync: false,
});
document.documentElement.lang = currentLanguage();

export { i18next };
