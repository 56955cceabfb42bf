import type { ReactNode } from "react";
import type { HuntFieldErrors } from "./huntForm.js";
import { useSayHunt } from "./useHuntAdmin.js";

/** The DOM id of a form field's control, from its error key (ids and keys are url-safe, so the id is valid). */
export const fieldId = (key: string) => `hunt-f-${key.replace(/\./g, "-")}`;

interface FieldProps {
  fieldKey: string;
  label: string;
  errors: HuntFieldErrors;
  hint?: string;
  className?: string;
  testId: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby": string | undefined; "data-testid": string }) => ReactNode;
}

/** A labelled control with its hint and, once a save was refused, its error (said by the screen reader with the field). */
export function Field({ fieldKey, label, errors, hint, className, testId, children }: FieldProps) {
  const say = useSayHunt();
  const id = fieldId(fieldKey);
  const error = errors[fieldKey];
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field admin-field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy, "data-testid": testId })}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} data-testid={`${testId}-error`}>
          {say(error)}
        </p>
      )}
    </div>
  );
}

/** An error that belongs to a group of fields (a list, a place on the map), shown under it. */
export function GroupError({ fieldKey, errors, testId }: { fieldKey: string; errors: HuntFieldErrors; testId: string }) {
  const say = useSayHunt();
  const error = errors[fieldKey];
  if (!error) return null;
  return (
    <p className="field-error" id={`${fieldId(fieldKey)}-error`} data-testid={testId}>
      {say(error)}
    </p>
  );
}
