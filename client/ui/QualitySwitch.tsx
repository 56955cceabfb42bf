import { useTranslation } from "react-i18next";
import { setQuality, useQuality } from "../prefs/quality.js";

export function QualitySwitch() {
  const { t } = useTranslation();
  const quality = useQuality();
  return (
    <label className="switch switch-quality">
      {/* Narrow screens show the short word; the full one stays the select's accessible name. */}
      <span className="switch-label">
        <span className="label-long">{t("settings.quality")}</span>
        <span className="label-short" aria-hidden="true">
          {t("settings.qualityShort")}
        </span>
      </span>
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
