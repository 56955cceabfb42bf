import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { eventStatus, type EventTimes } from "../../shared/rules/eventStatus.js";
import "./EventStatusLine.css";

/** How often the words are worked out again while a page shows them (an opening time passes, an event ends). */
export const STATUS_REFRESH_MS = 30_000;

/** The current time, renewed every `everyMs`. */
export function useNow(everyMs = STATUS_REFRESH_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The browser's own locale when it speaks the page's language (en-GB keeps 19:30), else the page's language. */
function displayLocale(language: string): string {
  const browser = navigator.language || language;
  return browser.toLowerCase().split("-")[0] === language.toLowerCase().split("-")[0] ? browser : language;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** A time of day, with the date before it unless it is today (and the year unless it is this year), in the viewer's zone. */
function when(at: number, now: number, locale: string): { time: string; date: string | null } {
  const then = new Date(at);
  const today = new Date(now);
  const time = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }).format(then);
  if (sameDay(then, today)) return { time, date: null };
  const year = then.getFullYear() === today.getFullYear() ? undefined : "numeric";
  const date = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", weekday: "short", ...(year ? { year } : {}) }).format(then);
  return { time, date };
}

/** What a member can do with the event now, in words: "Open now · 12 inside", "Opens at 19:30 · …", "Ended …". */
export function EventStatusLine({ event, now, testId = "event-status" }: { event: EventTimes; now: number; testId?: string }) {
  const { t, i18n } = useTranslation();
  const status = eventStatus(event, now);
  const locale = displayLocale(i18n.language);
  let text: string;
  switch (status.kind) {
    case "live":
      text = t("eventStatus.live", { count: status.online });
      break;
    case "open":
      text = t("eventStatus.open");
      break;
    case "upcoming": {
      const { time, date } = when(status.startsAt, now, locale);
      text = date === null ? t("eventStatus.upcoming", { time }) : t("eventStatus.upcomingOn", { time, date });
      break;
    }
    case "ended": {
      const { time, date } = when(status.endsAt, now, locale);
      text = date === null ? t("eventStatus.ended", { time }) : t("eventStatus.endedOn", { time, date });
      break;
    }
  }
  return (
    <span className={`event-status is-${status.kind}`} data-testid={testId} data-status={status.kind}>
      <span className="event-status-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
