import { useTranslation } from "react-i18next";
import { LANGUAGES, currentLanguage, setLanguage, type Language } from "../i18n/index.js";

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "zh-CN" ? "zh-CN" : currentLanguage();
  return (
    <label className="switch switch-language">
      <span className="switch-label">{t("settings.language")}</span>
      <select
        data-testid="language-switch"
        value={language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
