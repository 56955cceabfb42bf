import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { EventSummary } from "../../../shared/protocol/index.js";
import { LanguageSwitch } from "../LanguageSwitch.js";
import { STATUS_REFRESH_MS } from "../EventStatusLine.js";
import { createEvent, listEvents, newHostLink, storedToken, storeToken, updateEvent, type AdminFailure } from "./adminApi.js";
import { EventCard, absoluteLink, type ShownHostLink } from "./EventCard.js";
import { EventForm, type SubmitOutcome } from "./EventForm.js";
import { NEW_EVENT_VALUES, createRequestFrom, patchFrom, type EventFormValues, type Message } from "./eventForm.js";
import { failureMessage, useSay } from "./messages.js";
import "./AdminPage.css";

type View = { kind: "signIn" } | { kind: "checking" } | { kind: "signedIn"; token: string };

/**
 * `/admin`: the operator signs in with the operator token (kept in this tab's sessionStorage), then lists, creates and
 * edits events and hands out their links and QR codes. Every call goes to the operator API; the server checks the
 * token on each one, so the page itself grants nothing.
 */
export function AdminPage() {
  const { t } = useTranslation();
  const say = useSay();
  const [view, setView] = useState<View>(() => (storedToken() ? { kind: "checking" } : { kind: "signIn" }));
  const [events, setEvents] = useState<EventSummary[]>([]);
  const [hostLinks, setHostLinks] = useState<Record<string, ShownHostLink>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [signInError, setSignInError] = useState<Message | null>(null);
  const [status, setStatus] = useState<{ message: Message; n: number } | null>(null);
  /** An event whose card takes focus once drawn (a new one: the operator lands on its links). */
  const [focusSlug, setFocusSlug] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const createButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    document.title = `${t("admin.title")} · ${t("app.name")}`;
  }, [t]);

  const announce = useCallback((message: Message) => setStatus((last) => ({ message, n: (last?.n ?? 0) + 1 })), []);
  useEffect(() => {
    if (!status) return;
    const timer = window.setTimeout(() => setStatus(null), 8000);
    return () => window.clearTimeout(timer);
  }, [status]);

  const signOut = useCallback((why: Message | null) => {
    storeToken(null);
    setView({ kind: "signIn" });
    setEvents([]);
    setHostLinks({});
    setEditing(null);
    setSignInError(why);
    if (!why) announce({ admin: "signedOut" });
  }, [announce]);

  /** A refused token ends the session (another operator changed it); anything else is said where it happened. */
  const failed = useCallback(
    (failure: AdminFailure): Message | null => {
      if (failure.kind === "refused" && failure.code === "UNAUTHORIZED") {
        signOut({ admin: "tokenRejected" });
        return null;
      }
      return failureMessage(failure);
    },
    [signOut],
  );

  const signIn = useCallback(async (token: string): Promise<void> => {
    const result = await listEvents(token);
    if (!result.ok) {
      storeToken(null);
      setView({ kind: "signIn" });
      setSignInError(failureMessage(result.failure));
      return;
    }
    storeToken(token);
    setEvents(result.value.events);
    setCreating(result.value.events.length === 0);
    setSignInError(null);
    setView({ kind: "signedIn", token });
    announce({ admin: "signedIn" });
  }, [announce]);

  // A token kept from earlier in this tab signs in again on a reload.
  useEffect(() => {
    const token = storedToken();
    if (token) void signIn(token);
  }, [signIn]);

  useEffect(() => {
    if (view.kind === "signedIn") heading.current?.focus();
  }, [view.kind]);

  useEffect(() => {
    if (focusSlug === null) return;
    document.getElementById(`admin-event-${focusSlug}`)?.focus();
    setFocusSlug(null);
  }, [focusSlug, events]);

  const token = view.kind === "signedIn" ? view.token : null;
  const refresh = useCallback(
    async (quietly: boolean) => {
      if (!token) return;
      const result = await listEvents(token);
      if (result.ok) {
        setEvents(result.value.events);
        if (!quietly) announce({ admin: "refreshed" });
        return;
      }
      const message = failed(result.failure);
      if (message && !quietly) announce(message);
    },
    [token, announce, failed],
  );

  // Head-counts change: the list follows quietly while the page is open.
  useEffect(() => {
    if (!token) return;
    const timer = window.setInterval(() => void refresh(true), STATUS_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [token, refresh]);

  const create = async (values: EventFormValues): Promise<SubmitOutcome> => {
    if (!token) return null;
    const checked = createRequestFrom(values);
    if ("errors" in checked) return { fields: checked.errors };
    const result = await createEvent(token, checked.request);
    if (!result.ok) {
      const failure = result.failure;
      if (failure.kind === "refused" && failure.code === "SLUG_TAKEN") return { fields: { slug: { error: "SLUG_TAKEN" } } };
      const message = failed(failure);
      return message ? { form: message } : null;
    }
    const { event, hostLink, hostLinkExpiresAt } = result.value;
    setEvents((list) => [...list.filter((e) => e.slug !== event.slug), event]);
    setHostLinks((links) => ({ ...links, [event.slug]: { link: absoluteLink(hostLink), expiresAt: hostLinkExpiresAt } }));
    setCreating(false);
    announce({ admin: "created", params: { title: event.title } });
    setFocusSlug(event.slug);
    return null;
  };

  const save = (slug: string) => async (initial: EventFormValues, values: EventFormValues): Promise<SubmitOutcome> => {
    if (!token) return null;
    const checked = patchFrom(initial, values);
    if ("errors" in checked) return { fields: checked.errors };
    if (Object.keys(checked.patch).length === 0) {
      setEditing(null);
      announce({ admin: "nothingToSave" });
      return null;
    }
    const result = await updateEvent(token, slug, checked.patch);
    if (!result.ok) {
      const message = failed(result.failure);
      if (result.failure.kind === "refused" && result.failure.code === "EVENT_NOT_FOUND") void refresh(true);
      return message ? { form: message } : null;
    }
    const updated = result.value.event;
    setEvents((list) => list.map((e) => (e.slug === slug ? updated : e)));
    setEditing(null);
    announce({ admin: "saved", params: { title: updated.title } });
    return null;
  };

  const requestHostLink = (event: EventSummary) => async () => {
    if (!token) return;
    const result = await newHostLink(token, event.slug);
    if (!result.ok) {
      const message = failed(result.failure);
      if (message) announce(message);
      return;
    }
    setHostLinks((links) => ({ ...links, [event.slug]: { link: absoluteLink(result.value.hostLink), expiresAt: result.value.hostLinkExpiresAt } }));
    announce({ admin: "hostLinkMade", params: { title: event.title } });
  };

  return (
    <div className="page admin-page" data-testid="admin-page" data-view={view.kind}>
      <header className="home-header admin-header">
        <a className="brand" href="/" aria-label={t("admin.backHome")}>
          <span className="brand-mark" aria-hidden="true">🌳</span>
          <span className="brand-name">{t("app.name")}</span>
        </a>
        <div className="admin-header-tools">
          <a className="button small ghost" href="/admin/stats" data-testid="admin-stats-header-link">
            {t("stats.title")}
          </a>
          <LanguageSwitch />
          {view.kind === "signedIn" && (
            <button type="button" className="button small ghost" onClick={() => signOut(null)} data-testid="admin-sign-out">
              {t("admin.signOut")}
            </button>
          )}
        </div>
      </header>
      <main id="main" className="admin-main">
        <h1 ref={heading} tabIndex={-1}>
          {t("admin.title")}
        </h1>
        {view.kind === "checking" && <p role="status">{t("admin.eventsLoading")}</p>}
        {view.kind === "signIn" && <SignIn error={signInError} onSignIn={signIn} />}
        {view.kind === "signedIn" && (
          <>
            <section className="admin-section" aria-labelledby="admin-events-heading">
              <div className="admin-section-head">
                <h2 id="admin-events-heading">{t("admin.eventsHeading")}</h2>
                <span className="admin-count" data-testid="admin-event-count">
                  {t("admin.eventsCount", { count: events.length })}
                </span>
                <div className="admin-section-tools">
                  <button type="button" className="button small" onClick={() => void refresh(false)} data-testid="admin-refresh">
                    {t("admin.refresh")}
                  </button>
                  <button
                    ref={createButton}
                    type="button"
                    className="button small primary"
                    aria-expanded={creating}
                    aria-controls="admin-create"
                    onClick={() => setCreating((open) => !open)}
                    data-testid="admin-new-event"
                  >
                    {t("admin.newEvent")}
                  </button>
                </div>
              </div>
              <p className="hint">{t("admin.timeZoneNote", { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}</p>
              <div id="admin-create" hidden={!creating} className="card admin-create">
                {creating && (
                  <EventForm
                    mode="create"
                    initial={NEW_EVENT_VALUES}
                    heading={t("admin.newEventHeading")}
                    headingLevel={3}
                    autoFocus={events.length > 0}
                    submit={create}
                    onCancel={
                      events.length > 0
                        ? () => {
                            setCreating(false);
                            createButton.current?.focus();
                          }
                        : undefined
                    }
                    testId="admin-create-form"
                  />
                )}
              </div>
              {events.length === 0 ? (
                <p data-testid="admin-events-empty">{t("admin.eventsEmpty")}</p>
              ) : (
                <ul className="admin-events" data-testid="admin-events">
                  {events.map((event) => (
                    <EventCard
                      key={event.slug}
                      event={event}
                      hostLink={hostLinks[event.slug]}
                      editing={editing === event.slug}
                      onEdit={(open) => setEditing(open ? event.slug : null)}
                      save={save(event.slug)}
                      requestHostLink={requestHostLink(event)}
                      announce={announce}
                    />
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </main>
      <div className="admin-status" role="status" aria-live="polite" data-testid="admin-status">
        {status && (
          <p key={status.n} className="admin-status-text">
            {say(status.message)}
          </p>
        )}
      </div>
    </div>
  );
}

/** The sign-in form: the operator token, shown or hidden, and what the server said of the last try. */
function SignIn({ error, onSignIn }: { error: Message | null; onSignIn: (token: string) => Promise<void> }) {
  const { t } = useTranslation();
  const say = useSay();
  const id = useId();
  const [token, setToken] = useState("");
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const shownError: Message | null = missing ? { admin: "tokenRequired" } : error;

  useEffect(() => {
    field.current?.focus();
  }, [error]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const given = token.trim();
    setMissing(given === "");
    if (given === "") return field.current?.focus();
    setBusy(true);
    await onSignIn(given);
    setBusy(false);
  };

  return (
    <section className="card admin-sign-in" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("admin.signInHeading")}</h2>
      <p className="admin-intro">{t("admin.signInIntro")}</p>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="admin-sign-in">
        <div className="field">
          <label htmlFor={`${id}-token`}>{t("admin.tokenLabel")}</label>
          <input
            ref={field}
            id={`${id}-token`}
            type={shown ? "text" : "password"}
            value={token}
            onChange={(e) => setToken(e.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            aria-invalid={Boolean(shownError)}
            aria-describedby={`${id}-hint${shownError ? ` ${id}-error` : ""}`}
            data-testid="admin-token"
          />
          <span className="hint" id={`${id}-hint`}>
            {t("admin.tokenHint")}
          </span>
          {shownError && (
            <p className="field-error" id={`${id}-error`} role="alert" data-testid="admin-sign-in-error" data-code={"error" in shownError ? shownError.error : shownError.admin}>
              {say(shownError)}
            </p>
          )}
        </div>
        <label className="admin-check">
          <input type="checkbox" checked={shown} onChange={(e) => setShown(e.currentTarget.checked)} />
          {t("admin.showToken")}
        </label>
        <button type="submit" className="button primary" aria-busy={busy} data-testid="admin-sign-in-submit">
          {busy ? t("admin.signingIn") : t("admin.signIn")}
        </button>
      </form>
    </section>
  );
}
