import { useTranslation } from "react-i18next";

/**
 * The mark beside a host's name ("Host" / "主持人"). Screen readers hear it as part of the name ("Ada, host"),
 * not as a stray word. Hook-free apart from i18n, so it also renders inside drei's <Html> (its own React root).
 */
export function HostTag() {
  const { t } = useTranslation();
  return (
    <>
      <span className="host-tag" data-testid="host-tag" aria-hidden="true">
        {t("members.host")}
      </span>
      <span className="visually-hidden">{t("members.hostSpoken")}</span>
    </>
  );
}
