import { useTranslation } from "react-i18next";

/**
 * A member's name with the short tag that tells it apart from another member of the same name ("Ada · 3f2a").
 * Screen readers hear one phrase ("Ada (#3f2a)") instead of the name and a stray code.
 */
export function TaggedName({ name, tag }: { name: string; tag: string | undefined }) {
  const { t } = useTranslation();
  if (tag === undefined) return <>{name}</>;
  return (
    <>
      <span aria-hidden="true">
        {name}
        <span className="name-tag" data-testid="name-tag" data-tag={tag}>
          {tag}
        </span>
      </span>
      <span className="visually-hidden">{t("members.nameTag", { name, tag })}</span>
    </>
  );
}
