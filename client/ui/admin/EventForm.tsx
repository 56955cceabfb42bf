import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { EVENT_CAPACITY_MAX, EVENT_CAPACITY_MIN, EVENT_DESCRIPTION_MAX_LENGTH, EVENT_TITLE_MAX_LENGTH, memberLinkPath } from "../../../shared/protocol/index.js";
import { DEFAULT_TREE_GOAL, REWARD_TEXT_MAX_LENGTH, REWARD_URL_MAX_LENGTH, TREE_GOAL_MAX, TREE_GOAL_MIN } from "../../../shared/rules/growth/types.js";
import type { EventField, EventFormValues, FieldErrors, Message } from "./eventForm.js";
import { useSay } from "./messages.js";

/** What a submit came to: nothing wrong (null), or errors on fields and / or one for the whole form. */
export type SubmitOutcome = { fields?: FieldErrors; form?: Message } | null;

interface EventFormProps {
  mode: "create" | "edit";
  initial: EventFormValues;
  heading: string;
  /** The heading's level where the form stands: 3 on its own, 4 inside an event's card. */
  headingLevel: 3 | 4;
  /** Sends the form; `initial` is what it held when it opened, so an edit can send only what changed. */
  submit: (values: EventFormValues, initial: EventFormValues) => Promise<SubmitOutcome>;
  onCancel?: () => void;
  /** Focus the first field when the form opens. */
  autoFocus?: boolean;
  testId: string;
}

const FIELD_ORDER: EventField[] = ["slug", "title", "description", "capacity", "startsAt", "endsAt", "wordsAdd", "wordsRemove", "treeGoal", "rewardText", "rewardUrl", "memberSalons"];

/** The create and edit form of an event: labelled fields with their hints and errors, checked before sending. */
export function EventForm({ mode, initial, heading, headingLevel, submit, onCancel, autoFocus = false, testId }: EventFormProps) {
  const { t } = useTranslation();
  const say = useSay();
  const prefix = useId();
  const [opened] = useState(initial);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const headingId = `${prefix}-heading`;

  useEffect(() => {
    if (autoFocus) form.current?.querySelector<HTMLElement>("input, textarea")?.focus();
  }, [autoFocus]);

  const id = (field: EventField) => `${prefix}-${field}`;
  const set = (field: EventField) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const outcome = await submit(values, opened);
    setBusy(false);
    setErrors(outcome?.fields ?? {});
    setFormError(outcome?.form ?? (outcome?.fields && Object.keys(outcome.fields).length > 0 ? { admin: "formHasErrors" } : null));
    const firstInvalid = FIELD_ORDER.find((field) => outcome?.fields?.[field]);
    if (firstInvalid) document.getElementById(id(firstInvalid))?.focus();
    else if (outcome === null && mode === "create") setValues(opened);
  };

  /** One labelled field with its hint and error, tied to it by aria-describedby. */
  const field = (name: EventField, label: string, control: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode, hint?: string) => {
    const error = errors[name];
    const described = [hint ? `${id(name)}-hint` : "", error ? `${id(name)}-error` : ""].filter(Boolean).join(" ");
    return (
      <div className={`field admin-field admin-field-${name}`}>
        <label htmlFor={id(name)}>{label}</label>
        {control({ id: id(name), "aria-invalid": Boolean(error), ...(described ? { "aria-describedby": described } : {}) })}
        {hint && (
          <span className="hint" id={`${id(name)}-hint`}>
            {hint}
          </span>
        )}
        {error && (
          <p className="field-error" id={`${id(name)}-error`} data-testid={`${testId}-${name}-error`}>
            {say(error)}
          </p>
        )}
      </div>
    );
  };

  const Heading = headingLevel === 3 ? "h3" : "h4";
  const slugPreview = `${window.location.origin}${memberLinkPath(values.slug.trim() || "…")}`;
  return (
    <form
      ref={form}
      className="admin-form"
      onSubmit={(e) => void onSubmit(e)}
      onKeyDown={(e) => {
        if (e.key === "Escape" && onCancel) {
          e.preventDefault();
          onCancel();
        }
      }}
      noValidate
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <Heading id={headingId} className="admin-form-heading">
        {heading}
      </Heading>
      {formError && (
        <p className="form-error" role="alert" data-testid={`${testId}-error`}>
          {say(formError)}
        </p>
      )}
      <div className="admin-form-grid">
        {mode === "create" &&
          field(
            "slug",
            t("admin.fieldSlug"),
            (props) => (
              <input {...props} type="text" value={values.slug} onChange={set("slug")} maxLength={48} autoCapitalize="none" autoComplete="off" spellCheck={false} inputMode="url" data-testid={`${testId}-slug`} />
            ),
            t("admin.fieldSlugHint", { link: slugPreview }),
          )}
        {field("title", t("admin.fieldTitle"), (props) => (
          <input {...props} type="text" value={values.title} onChange={set("title")} maxLength={EVENT_TITLE_MAX_LENGTH * 2} autoComplete="off" data-testid={`${testId}-title`} />
        ))}
        {field(
          "description",
          t("admin.fieldDescription"),
          (props) => <textarea {...props} value={values.description} onChange={set("description")} rows={3} maxLength={EVENT_DESCRIPTION_MAX_LENGTH} data-testid={`${testId}-description`} />,
          t("admin.fieldDescriptionCount", { count: values.description.length, max: EVENT_DESCRIPTION_MAX_LENGTH }),
        )}
        {field(
          "capacity",
          t("admin.fieldCapacity"),
          (props) => (
            <input {...props} type="number" inputMode="numeric" min={EVENT_CAPACITY_MIN} max={EVENT_CAPACITY_MAX} step={1} value={values.capacity} onChange={set("capacity")} data-testid={`${testId}-capacity`} />
          ),
          t("admin.fieldCapacityHint", { min: EVENT_CAPACITY_MIN, max: EVENT_CAPACITY_MAX }),
        )}
        {field(
          "startsAt",
          t("admin.fieldStartsAt"),
          (props) => <input {...props} type="datetime-local" value={values.startsAt} onChange={set("startsAt")} data-testid={`${testId}-starts`} />,
          t("admin.fieldScheduleHint"),
        )}
        {field("endsAt", t("admin.fieldEndsAt"), (props) => <input {...props} type="datetime-local" value={values.endsAt} onChange={set("endsAt")} data-testid={`${testId}-ends`} />)}
      </div>
      {values.wordsAdd !== undefined && (
        <fieldset className="admin-words" data-testid={`${testId}-words`}>
          <legend>{t("admin.wordsHeading")}</legend>
          <p className="hint">{t("admin.wordsIntro")}</p>
          <div className="admin-form-grid">
            {field(
              "wordsAdd",
              t("admin.fieldWordsAdd"),
              (props) => <textarea {...props} value={values.wordsAdd ?? ""} onChange={set("wordsAdd")} rows={4} spellCheck={false} data-testid={`${testId}-words-add`} />,
              t("admin.fieldWordsAddHint"),
            )}
            {field(
              "wordsRemove",
              t("admin.fieldWordsRemove"),
              (props) => <textarea {...props} value={values.wordsRemove ?? ""} onChange={set("wordsRemove")} rows={4} spellCheck={false} data-testid={`${testId}-words-remove`} />,
              t("admin.fieldWordsRemoveHint"),
            )}
          </div>
        </fieldset>
      )}
      {values.treeGoal !== undefined && (
        <fieldset className="admin-words admin-growth" data-testid={`${testId}-growth`}>
          <legend>{t("admin.growthHeading")}</legend>
          <p className="hint">{t("admin.growthIntro")}</p>
          <div className="admin-form-grid">
            {field(
              "treeGoal",
              t("admin.fieldTreeGoal"),
              (props) => (
                <input {...props} type="number" inputMode="numeric" min={TREE_GOAL_MIN} max={TREE_GOAL_MAX} step={1} value={values.treeGoal ?? ""} onChange={set("treeGoal")} data-testid={`${testId}-tree-goal`} />
              ),
              t("admin.fieldTreeGoalHint", { min: TREE_GOAL_MIN, max: TREE_GOAL_MAX, default: DEFAULT_TREE_GOAL }),
            )}
            {field(
              "rewardText",
              t("admin.fieldRewardText"),
              (props) => <input {...props} type="text" value={values.rewardText ?? ""} onChange={set("rewardText")} maxLength={REWARD_TEXT_MAX_LENGTH * 2} autoComplete="off" data-testid={`${testId}-reward-text`} />,
              t("admin.fieldRewardTextHint", { max: REWARD_TEXT_MAX_LENGTH }),
            )}
            {field(
              "rewardUrl",
              t("admin.fieldRewardUrl"),
              (props) => (
                <input {...props} type="url" inputMode="url" value={values.rewardUrl ?? ""} onChange={set("rewardUrl")} maxLength={REWARD_URL_MAX_LENGTH} autoCapitalize="none" autoComplete="off" spellCheck={false} placeholder="https://" data-testid={`${testId}-reward-url`} />
              ),
              t("admin.fieldRewardUrlHint"),
            )}
            {/* Not a text field: outside .field / .admin-field, whose input rules would stretch the checkbox. */}
            <div className="admin-growth-switch">
              <label className="admin-check">
                <input
                  type="checkbox"
                  checked={values.memberSalons ?? true}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setValues((v) => ({ ...v, memberSalons: checked }));
                  }}
                  id={id("memberSalons")}
                  aria-describedby={`${id("memberSalons")}-hint`}
                  data-testid={`${testId}-member-salons`}
                />
                {t("admin.fieldMemberSalons")}
              </label>
              <p className="hint" id={`${id("memberSalons")}-hint`}>
                {t("admin.fieldMemberSalonsHint")}
              </p>
            </div>
          </div>
        </fieldset>
      )}
      <div className="admin-form-actions">
        <button type="submit" className="button primary" aria-busy={busy} data-testid={`${testId}-submit`}>
          {mode === "create" ? (busy ? t("admin.creating") : t("admin.create")) : busy ? t("admin.saving") : t("admin.save")}
        </button>
        {onCancel && (
          <button type="button" className="button ghost" onClick={onCancel} data-testid={`${testId}-cancel`}>
            {t("admin.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
