import { useId, useRef, type ReactNode } from "react";
import { useFocusTrap } from "./useFocusTrap.js";

interface ModalProps {
  title: string;
  children: ReactNode;
  testId?: string;
  /** Shown as an alert dialog: for a problem that needs an answer. */
  alert?: boolean;
  className?: string;
}

/** A modal dialog: labelled by its title, focus kept inside while open and given back when it closes. */
export function Modal({ title, children, testId, alert = false, className = "" }: ModalProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useFocusTrap(ref, true);
  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        className={`modal card ${className}`}
        role={alert ? "alertdialog" : "dialog"}
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
