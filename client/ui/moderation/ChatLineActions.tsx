import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { LoggedLine } from "../../state/chat.js";
import { useGrowth, useModeration } from "../../state/hooks.js";
import { markHelpful } from "../../state/growth.js";
import { EnergyButton } from "../growth/EnergyButton.js";
import { isReported, markReportSent } from "../../state/moderation.js";
import { useVenue } from "../../state/venue.js";
import { RemoveDialog } from "./RemoveDialog.js";

interface ChatLineActionsProps {
  line: LoggedLine;
  /** The line is this member's own. */
  own: boolean;
  /** This page runs the session (delete for everyone, mute, remove); members report. */
  host: boolean;
  /** The line is going (deleted): focus goes somewhere that stays. */
  onGone: () => void;
}

/**
 * A chat line's actions behind a small "⋯" disclosure (one tab stop a line, and room on a phone): members report a
 * line once ("Reported" after); hosts delete it for everyone, or mute or remove its author.
 */
export function ChatLineActions({ line, own, host, onGone }: ChatLineActionsProps) {
  const { t } = useTranslation();
  const venue = useVenue();
  const { connection } = venue;
  const reported = useModeration((s) => isReported(s, line.id));
  const helpful = useGrowth((s) => s.helpfulSent.includes(line.id));
  const [open, setOpen] = useState(false);
  const [removing, setRemoving] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  if (own && !host) return null;

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };
  const report = () => {
    if (reported) return;
    if (connection.send("reportLine", { lineId: line.id })) markReportSent(venue.stores.moderation, line.id);
  };
  const remove = () => {
    if (connection.send("deleteLine", { lineId: line.id })) onGone();
  };

  return (
    <>
      <button
        ref={toggle}
        type="button"
        className={`chat-actions-toggle${open ? " is-open" : ""}`}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t("moderation.chat.actionsLabel", { name: line.name })}
        data-testid="chat-line-actions"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <div id={menuId} className="chat-actions" role="group" aria-label={t("moderation.chat.actions")} onKeyDown={onKeyDown} data-testid="chat-line-menu">
          {!own && <EnergyButton target="chat" id={line.id} contributionRef={line.id} own={own} name={line.name} wide />}
          {host && !own && (
            <button
              type="button"
              className="button small ghost"
              aria-disabled={helpful}
              aria-pressed={helpful}
              data-testid="chat-mark-helpful"
              onClick={() => {
                if (!helpful) markHelpful(venue.stores.growth, connection, line.id);
              }}
            >
              {helpful ? `✓ ${t("growth.helpful.marked")}` : t("growth.helpful.mark")}
            </button>
          )}
          {!host && (
            <button
              type="button"
              className="button small ghost"
              // aria-disabled, not disabled: the button keeps focus once it says "Reported".
              aria-disabled={reported}
              aria-label={reported ? undefined : t("moderation.chat.reportLabel", { name: line.name })}
              data-testid="chat-report"
              data-reported={reported ? "true" : "false"}
              onClick={report}
            >
              {reported ? `✓ ${t("moderation.chat.reported")}` : t("moderation.chat.report")}
            </button>
          )}
          {host && (
            <button type="button" className="button small ghost mod-danger-text" data-testid="chat-delete" onClick={remove}>
              {t("moderation.chat.delete")}
            </button>
          )}
          {host && !own && (
            <>
              <button
                type="button"
                className="button small ghost"
                aria-label={t("moderation.chat.muteAuthorLabel", { name: line.name })}
                data-testid="chat-mute-author"
                onClick={() => {
                  if (connection.send("muteMember", { memberId: line.memberId, minutes: 5, note: "" })) close();
                }}
              >
                {t("moderation.chat.muteAuthor")}
              </button>
              <button
                type="button"
                className="button small ghost mod-danger-text"
                aria-label={t("moderation.chat.removeAuthorLabel", { name: line.name })}
                data-testid="chat-remove-author"
                onClick={() => setRemoving(true)}
              >
                {t("moderation.chat.removeAuthor")}
              </button>
            </>
          )}
        </div>
      )}
      {removing && (
        <RemoveDialog
          memberId={line.memberId}
          name={line.name}
          onClose={() => {
            setRemoving(false);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}
