import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../state/hooks.js";
import { dismissAnnouncement, visibleAnnouncement } from "../state/session.js";
import { useVenue } from "../state/venue.js";

/**
 * The host's announcement, for every member at once and for a late joiner on arrival, until they dismiss it (a
 * dismissal holds for that announcement only). Screen readers hear it through a polite live region that is in the
 * page before the text arrives, so it is read out even when the announcement came with the first state.
 */
export function AnnouncementBanner() {
  const { t, i18n } = useTranslation();
  const store = useVenue().stores.session;
  const announcement = useSession(visibleAnnouncement);
  const headingId = useId();
  // The live region is filled one commit after it exists: text that is there from the start is not announced.
  const [spokenId, setSpokenId] = useState<string | null>(null);
  useEffect(() => setSpokenId(announcement?.id ?? null), [announcement?.id]);

  const time = announcement
    ? new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" }).format(announcement.postedAt)
    : "";
  const spoken =
    announcement && spokenId === announcement.id ? t("announcement.spoken", { name: announcement.postedByName, text: announcement.text }) : "";

  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="announcement-live">
        {spoken}
      </p>
      {announcement && (
        <section
          key={announcement.id}
          className="announcement card"
          aria-labelledby={headingId}
          data-testid="announcement-banner"
          data-announcement-id={announcement.id}
        >
          <span className="announcement-mark" aria-hidden="true">
            📣
          </span>
          <div className="announcement-body">
            <h2 id={headingId} className="announcement-title">
              {t("announcement.title")}
            </h2>
            <p className="announcement-text" data-testid="announcement-text">
              {announcement.text}
            </p>
            <p className="announcement-byline" data-testid="announcement-byline" data-posted-at={announcement.postedAt}>
              {t("announcement.byline", { name: announcement.postedByName, time })}
            </p>
          </div>
          <button
            type="button"
            className="icon-button announcement-dismiss"
            aria-label={t("announcement.dismiss")}
            data-testid="announcement-dismiss"
            onClick={() => dismissAnnouncement(store)}
          >
            ✕
          </button>
        </section>
      )}
    </>
  );
}
