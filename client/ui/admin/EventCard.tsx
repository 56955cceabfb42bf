import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { memberLinkPath, type EventSummary } from "../../../shared/protocol/index.js";
import { EventForm, type SubmitOutcome } from "./EventForm.js";
import { LinkField } from "./LinkField.js";
import { QrCode } from "./QrCode.js";
import { valuesOf, type EventFormValues, type Message } from "./eventForm.js";
import { formatTime, formatTimeRange } from "./messages.js";

/** A host link as the page shows it: absolute, with its expiry (UTC ms). */
export interface ShownHostLink {
  link: string;
  expiresAt: number;
}

interface EventCardProps {
  event: EventSummary;
  hostLink: ShownHostLink | undefined;
  editing: boolean;
  onEdit: (open: boolean) => void;
  save: (initial: EventFormValues, values: EventFormValues) => Promise<SubmitOutcome>;
  requestHostLink: () => Promise<void>;
  announce: (message: Message) => void;
}

/** An absolute link on this page's origin, for a path the server gave. */
export function absoluteLink(path: string): string {
  return new URL(path, window.location.origin).href;
}

/** One event: what it is, its links and QR code, and its edit form when open. */
export function EventCard({ event, hostLink, editing, onEdit, save, requestHostLink, announce }: EventCardProps) {
  const { t, i18n } = useTranslation();
  const [hostLinkBusy, setHostLinkBusy] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const memberLink = absoluteLink(memberLinkPath(event.slug));
  const titleId = `admin-event-${event.slug}`;
  const at = (ms: number) => formatTime(ms, i18n.language);
  const schedule =
    event.startsAt !== null && event.endsAt !== null
      ? formatTimeRange(event.startsAt, event.endsAt, i18n.language)
      : event.startsAt !== null
        ? t("admin.startsOnly", { start: at(event.startsAt) })
        : event.endsAt !== null
          ? t("admin.endsOnly", { end: at(event.endsAt) })
          : t("admin.noSchedule");

  const closeEdit = () => {
    onEdit(false);
    editButton.current?.focus();
  };
  const onCopied = (copied: Message) => (how: "copied" | "selected") => announce(how === "copied" ? copied : { admin: "copySelected" });

  return (
    <li className="card admin-event" data-testid="admin-event" data-slug={event.slug} aria-labelledby={titleId}>
      <div className="admin-event-body">
        <h3 id={titleId} className="admin-event-title" tabIndex={-1} data-testid="admin-event-title">
          {event.title}
        </h3>
        <dl className="admin-event-facts">
          <div>
            <dt>{t("admin.slugLabel")}</dt>
            <dd>
              <code data-testid="admin-event-slug">{event.slug}</code>
            </dd>
          </div>
          <div className="admin-fact-wide">
            <dt>{t("admin.scheduleLabel")}</dt>
            <dd data-testid="admin-event-schedule">{schedule}</dd>
          </div>
          <div>
            <dt>{t("admin.capacityLabel")}</dt>
            <dd data-testid="admin-event-capacity">{t("admin.capacityValue", { count: event.capacity })}</dd>
          </div>
          <div>
            <dt>{t("admin.onlineLabel")}</dt>
            <dd data-testid="admin-event-online" data-count={event.online}>
              {t("admin.onlineValue", { count: event.online })}
            </dd>
          </div>
          <div className="admin-fact-words">
            <dt>{t("admin.wordsLabel")}</dt>
            <dd data-testid="admin-event-words" data-added={event.words.add.length} data-allowed={event.words.remove.length}>
              {event.words.add.length === 0 && event.words.remove.length === 0
                ? t("admin.wordsShipped")
                : t("admin.wordsChanged", { added: event.words.add.length, allowed: event.words.remove.length })}
            </dd>
          </div>
        </dl>
        <p className={event.description ? "admin-event-description" : "admin-event-description is-empty"} data-testid="admin-event-description">
          {event.description || t("admin.noDescription")}
        </p>
        <LinkField label={t("admin.memberLinkLabel")} link={memberLink} copyLabel={t("admin.copyMemberLink")} onCopied={onCopied({ admin: "memberLinkCopied" })} testId="admin-member-link" />
        <div className="admin-event-actions">
          <button ref={editButton} type="button" className="button small" aria-expanded={editing} onClick={() => onEdit(!editing)} data-testid="admin-edit">
            {t("admin.edit")}
          </button>
          <button
            type="button"
            className="button small"
            aria-busy={hostLinkBusy}
            data-testid="admin-new-host-link"
            onClick={() => {
              if (hostLinkBusy) return;
              setHostLinkBusy(true);
              void requestHostLink().finally(() => setHostLinkBusy(false));
            }}
          >
            {hostLinkBusy ? t("admin.newHostLinkBusy") : t("admin.newHostLink")}
          </button>
          <a className="button small" href={`/admin/hunt/${encodeURIComponent(event.slug)}`} data-testid="admin-hunt-link">
            {t("huntAdmin.title")}
          </a>
          <a className="button small" href={`/admin/stats/${encodeURIComponent(event.slug)}`} data-testid="admin-stats-link">
            {t("stats.title")}
          </a>
        </div>
        {hostLink && (
          <div className="admin-host-link" data-testid="admin-host-link">
            <p className="admin-warning">
              <span aria-hidden="true">⚠️ </span>
              {t("admin.hostLinkWarning")}
            </p>
            <LinkField label={t("admin.hostLinkLabel")} link={hostLink.link} copyLabel={t("admin.copyHostLink")} onCopied={onCopied({ admin: "hostLinkCopied" })} testId="admin-host-link" />
            <p className="hint" data-testid="admin-host-link-expiry">
              {t("admin.hostLinkExpires", { time: at(hostLink.expiresAt) })}
            </p>
          </div>
        )}
        {editing && (
          <EventForm
            mode="edit"
            initial={valuesOf(event)}
            heading={t("admin.editHeading", { title: event.title })}
            headingLevel={4}
            autoFocus
            testId="admin-edit-form"
            submit={async (values, initial) => {
              const outcome = await save(initial, values);
              if (outcome === null) editButton.current?.focus();
              return outcome;
            }}
            onCancel={closeEdit}
          />
        )}
      </div>
      <QrCode link={memberLink} title={event.title} slug={event.slug} />
    </li>
  );
}
