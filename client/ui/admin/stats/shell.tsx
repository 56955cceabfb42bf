import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorKey } from "../../../../shared/protocol/index.js";
import { LanguageSwitch } from "../../LanguageSwitch.js";
import { storedToken, storeToken, type AdminFailure, type AdminResult } from "../adminApi.js";
import "../AdminPage.css";
import "../../pages/growthPages.css";
import "./stats.css";

/** A statistics page's data: asking for the operator token, loading, ready, or why not. */
export type Loaded<T> = { kind: "signIn"; rejected: boolean } | { kind: "loading" } | { kind: "failed"; failure: AdminFailure } | { kind: "ready"; token: string; value: T };

/**
 * Loads a page's data with the operator token this tab keeps (adminApi.ts), as /admin and the hunt editor do: without
 * one, or when the server no longer takes it, the page asks for it. `reload` fetches again in place (the live view).
 */
export function useStatsLoad<T>(load: (token: string) => Promise<AdminResult<T>>): { state: Loaded<T>; reload: () => Promise<void>; signIn: (token: string) => void } {
  const [state, setState] = useState<Loaded<T>>(() => (storedToken() ? { kind: "loading" } : { kind: "signIn", rejected: false }));
  const [token, setToken] = useState<string | null>(() => storedToken());
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    if (token === null) return;
    const result = await loadRef.current(token);
    if (result.ok) {
      storeToken(token);
      setState({ kind: "ready", token, value: result.value });
      return;
    }
    if (result.failure.kind === "refused" && result.failure.code === "UNAUTHORIZED") {
      storeToken(null);
      setToken(null);
      setState({ kind: "signIn", rejected: true });
      return;
    }
    // A failed refresh keeps the figures already shown (a live page survives a blip); a first load shows why.
    setState((s) => (s.kind === "ready" ? s : { kind: "failed", failure: result.failure }));
  }, [token]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const signIn = useCallback((value: string) => {
    setState({ kind: "loading" });
    setToken(value);
  }, []);
  return { state, reload, signIn };
}

/** Says why a call failed: no answer, a wait, or the refusal's own message (errors.<CODE>). */
export function FailureNote({ failure, onRetry }: { failure: AdminFailure; onRetry: () => void }) {
  const { t } = useTranslation();
  const text =
    failure.kind === "unreachable"
      ? t("stats.unreachable")
      : failure.code === "RATE_LIMITED" && failure.retryAfterSeconds !== null
        ? t("stats.rateLimited", { seconds: failure.retryAfterSeconds })
        : t(errorKey(failure.code));
  return (
    <div className="card stats-failed" role="alert" data-testid="stats-failed">
      <p>{text}</p>
      <button type="button" className="button small" onClick={onRetry}>
        {t("stats.retry")}
      </button>
    </div>
  );
}

/** The operator token, asked for on a statistics page opened without one. */
export function StatsSignIn({ rejected, onSignIn }: { rejected: boolean; onSignIn: (token: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [token, setToken] = useState("");
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus();
  }, [rejected]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim() === "") return field.current?.focus();
    onSignIn(token.trim());
  };
  return (
    <section className="card admin-sign-in" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("admin.signInHeading")}</h2>
      <p className="admin-intro">{t("stats.signInNeeded")}</p>
      <form onSubmit={submit} noValidate data-testid="stats-sign-in">
        <div className="field">
          <label htmlFor={`${id}-token`}>{t("admin.tokenLabel")}</label>
          <input
            ref={field}
            id={`${id}-token`}
            type="password"
            value={token}
            onChange={(e) => setToken(e.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={rejected}
            aria-describedby={rejected ? `${id}-error` : undefined}
            data-testid="stats-token"
          />
          {rejected && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {t(errorKey("UNAUTHORIZED"))}
            </p>
          )}
        </div>
        <button type="submit" className="button primary">
          {t("admin.signIn")}
        </button>
      </form>
    </section>
  );
}

/** The frame of every statistics page: brand back to /admin, a way back, the language switch, the heading. */
export function StatsFrame({ title, back, badge, children, testId }: { title: string; back?: { href: string; label: string }; badge?: ReactNode; children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [t, title]);
  return (
    <div className="page admin-page stats-page" data-testid={testId}>
      <header className="home-header admin-header stats-header">
        <a className="brand" href="/admin">
          <span className="brand-mark" aria-hidden="true">🌳</span>
          <span className="brand-name">{t("stats.backToAdmin")}</span>
        </a>
        <div className="admin-header-tools">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="admin-main stats-main">
        {back && (
          <a className="stats-back" href={back.href}>
            <span aria-hidden="true">← </span>
            {back.label}
          </a>
        )}
        <div className="stats-title-row">
          <h1 tabIndex={-1}>{title}</h1>
          {badge}
        </div>
        {children}
      </main>
    </div>
  );
}

/** What a page shows before its data is ready; null once it is. */
export function NotReady<T>({ state, onSignIn, onRetry }: { state: Loaded<T>; onSignIn: (token: string) => void; onRetry: () => void }) {
  const { t } = useTranslation();
  if (state.kind === "signIn") return <StatsSignIn rejected={state.rejected} onSignIn={onSignIn} />;
  if (state.kind === "loading")
    return (
      <p role="status" className="stats-loading">
        {t("stats.loading")}
      </p>
    );
  if (state.kind === "failed") return <FailureNote failure={state.failure} onRetry={onRetry} />;
  return null;
}
