import { useId, useState, type FormEvent } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { MODERATION_NOTE_MAX_LENGTH } from "../../../shared/rules/moderation/types.js";
import { useVenue } from "../../state/venue.js";
import { Modal } from "../Modal.js";

interface RemoveDialogProps {
  memberId: string;
  name: string;
  /** Closes the dialog (after removing, or on Cancel / Escape); focus goes back where it was. */
  onClose: () => void;
}

/** The host's confirmation before removing a member from the session, with an optional reason for the log. */
export function RemoveDialog({ memberId, name, onClose }: RemoveDialogProps) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const [note, setNote] = useState("");
  const noteId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (connection.send("removeMember", { memberId, note: note.trim() })) onClose();
  };
  // On the page's body: a panel's transform or overflow must not clip or shift a fixed dialog.
  return createPortal(
    <Modal title={t("moderation.host.removeDialog.title", { name })} alert testId="moderation-remove-dialog" className="mod-remove-dialog">
      <form
        className="mod-dialog-form"
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key !== "Escape") return;
          e.preventDefault();
          onClose();
        }}
      >
        <p>{t("moderation.host.removeDialog.body", { name })}</p>
        <label htmlFor={noteId} className="host-label">
          {t("moderation.host.removeDialog.reason")}
        </label>
        <textarea id={noteId} rows={2} value={note} maxLength={MODERATION_NOTE_MAX_LENGTH} data-testid="moderation-remove-note" onChange={(e) => setNote(e.target.value)} />
        <div className="modal-actions">
          <button type="submit" className="button primary mod-danger" data-testid="moderation-remove-confirm">
            {t("moderation.host.removeDialog.confirm")}
          </button>
          <button type="button" className="button ghost" data-testid="moderation-remove-cancel" onClick={onClose}>
            {t("moderation.host.removeDialog.cancel")}
          </button>
        </div>
      </form>
    </Modal>,
    document.body,
  );
}
