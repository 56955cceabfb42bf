import { useTranslation } from "react-i18next";
import { setQuality, useQuality } from "../prefs/quality.js";

export function QualitySwitch() {
  const { t } = useTranslation();
  const quality = useQuality();
  return (
    <label className="switch">
      <span className="switch-label">{t("settings.quality")}</span>
      <select
        data-testid="quality-switch"
        value={quality}
        onChange={(e) => setQuality(e.target.value === "high" ? "high" : "low")}
      >
        <option value="high">{t("settings.qualityHigh")}</option>
        <option value="low">{t("settings.qualityLow")}</option>
      </select>
    </label>
  );
}
