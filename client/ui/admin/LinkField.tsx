import { useId, useRef } from "react";
import { copyText } from "./copyText.js";

interface LinkFieldProps {
  label: string;
  link: string;
  copyLabel: string;
  onCopied: (how: "copied" | "selected") => void;
  testId: string;
}

/** A link the operator hands on: shown whole in a read-only field (selectable by hand), with a copy button. */
export function LinkField({ label, link, copyLabel, onCopied, testId }: LinkFieldProps) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  return (
    <div className="admin-link">
      <label htmlFor={id}>{label}</label>
      <div className="admin-link-row">
        <input id={id} ref={field} type="text" readOnly value={link} data-testid={`${testId}-field`} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button small" data-testid={`${testId}-copy`} onClick={() => void copyText(link, field.current).then(onCopied)}>
          {copyLabel}
        </button>
      </div>
    </div>
  );
}
