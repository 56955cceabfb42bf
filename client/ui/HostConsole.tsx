import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { ANNOUNCEMENT_MAX_LENGTH } from "../../shared/protocol/index.js";
import { normaliseAnnouncement } from "../../shared/rules/announcements.js";
import { useSession } from "../state/hooks.js";
import { useVenue } from "../state/venue.js";
import { usePanelOpen } from "../state/panels.js";
import { HostModeration } from "./moderation/HostModeration.js";
import { HostSalonControls } from "./salon/HostSalonControls.js";
import { HostVoiceStatus } from "./voice/HostVoice.js";

/** The count shows once fewer than this many characters are left. */
const COUNT_FROM = 80;

/**
 * What a host runs the session with: post or take down the announcement every member sees, the live head-count
 * of each instance, moderation (the queue, people, lock, slow mode, words, the log) and the salon. Shown only to a
 * connection the server welcomed as host; the server checks the role again on every intent, and its refusals
 * arrive as toasts like any other.
 */
export function HostConsole({ onClose }: { onClose?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const announcement = useSession((s) => s.announcement);
  const online = useSession((s) => s.online);
  const instances = useSession((s) => s.instances);
  const instanceId = useSession((s) => s.instanceId);
  const [open, setOpen] = usePanelOpen("host");
  const [text, setText] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  /** The text last posted from here: the field empties once the session shows it (a refusal keeps it). */
  const posted = useRef<string | null>(null);
  const headingId = useId();
  const bodyId = useId();
  const fieldId = useId();
  const countId = useId();
  const errorId = useId();
  const hintId = useId();

  useEffect(() => {
    if (announcement && posted.current !== null && announcement.text === posted.current) {
      posted.current = null;
      setText("");
    }
  }, [announcement]);

  const normalised = normaliseAnnouncement(text);
  const remaining = ANNOUNCEMENT_MAX_LENGTH - (normalised ?? "").length;
  const showCount = remaining < COUNT_FROM;

  const post = () => {
    if (normalised === null) {
      setLocalError(t("errors.EMPTY_MESSAGE"));
      return;
    }
    if (normalised.length > ANNOUNCEMENT_MAX_LENGTH) {
      setLocalError(t("host.tooLong", { max: ANNOUNCEMENT_MAX_LENGTH }));
      return;
    }
    if (connection.send("postAnnouncement", { text: normalised })) posted.current = normalised;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    post();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      post();
    }
  };

  return (
    <section className="panel host-console card" aria-labelledby={headingId} data-testid="host-console">
      <div className="panel-header">
        <h2 id={headingId}>
          <span className="host-console-mark" aria-hidden="true">
            🎙️
          </span>{" "}
          {t("host.title")}
        </h2>
        {onClose ? (
          <button type="button" className="icon-button" onClick={onClose} aria-label={t("hud.close")}>
            ✕
          </button>
        ) : (
          <button
            type="button"
            className="icon-button"
            aria-expanded={open}
            aria-controls={bodyId}
            aria-label={open ? t("host.collapse") : t("host.expand")}
            data-testid="host-console-toggle"
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true">{open ? "▾" : "▸"}</span>
          </button>
        )}
      </div>
      <div id={bodyId} className="host-console-body" hidden={!open && !onClose}>
        <form className="host-form" onSubmit={submit}>
          <label htmlFor={fieldId} className="host-label">
            {t("host.announcementLabel")}
          </label>
          <textarea
            id={fieldId}
            data-testid="host-announcement-input"
            rows={3}
            value={text}
            placeholder={t("host.placeholder")}
            aria-invalid={localError !== null || remaining < 0}
            aria-describedby={[hintId, showCount ? countId : "", localError ? errorId : ""].join(" ").trim()}
            onKeyDown={onKeyDown}
            onChange={(e) => {
              setText(e.target.value);
              setLocalError(null);
            }}
          />
          <div className="host-form-row">
            <span id={hintId} className="hint">
              {t("host.shortcut")}
            </span>
            <button type="submit" className="button primary small" data-testid="host-post">
              {t("host.post")}
            </button>
          </div>
          {showCount && (
            <p id={countId} className={`chat-count${remaining < 0 ? " is-over" : ""}`} data-testid="host-count">
              {remaining < 0 ? t("host.over", { count: -remaining }) : t("host.remaining", { count: remaining })}
            </p>
          )}
          {localError && (
            <p id={errorId} className="field-error" role="alert" data-testid="host-error">
              {localError}
            </p>
          )}
        </form>
        <div className="host-current" data-testid="host-current">
          <h3>{t("host.showing")}</h3>
          {announcement ? (
            <div className="host-current-row">
              <p className="host-current-text">{announcement.text}</p>
              <button
                type="button"
                className="button small ghost"
                data-testid="host-clear"
                onClick={() => connection.send("clearAnnouncement", {})}
              >
                {t("host.clear")}
              </button>
            </div>
          ) : (
            <p className="hint">{t("host.none")}</p>
          )}
        </div>
        <div className="host-counts">
          <h3>{t("host.headCount")}</h3>
          <p className="host-total" data-testid="host-session-online" data-count={online}>
            {t("host.sessionOnline", { count: online })}
          </p>
          <ul className="host-instances" data-testid="host-instances">
            {instances.map((instance) => {
              const here = instance.roomId === instanceId;
              return (
                <li
                  key={instance.roomId}
                  className={`host-instance${here ? " is-here" : ""}`}
                  data-testid="host-instance"
                  data-room-id={instance.roomId}
                  data-number={instance.number}
                  data-online={instance.online}
                  data-here={here ? "true" : "false"}
                >
                  {t("host.instance", { number: instance.number, count: instance.online })}
                  {here && <span className="here-tag">{t("host.thisInstance")}</span>}
                </li>
              );
            })}
          </ul>
        </div>
        <HostVoiceStatus />
        <HostModeration />
        <HostSalonControls />
      </div>
    </section>
  );
}
