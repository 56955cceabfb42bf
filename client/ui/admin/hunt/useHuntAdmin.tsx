import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorKey } from "../../../../shared/protocol/index.js";
import type { HuntAdminView } from "../../../../shared/protocol/hunt.js";
import { listEvents, storedToken, storeToken, type AdminFailure } from "../adminApi.js";
import { loadHunt } from "./huntApi.js";
import type { HuntMessage } from "./huntForm.js";

/** Where the hunt pages stand: signing in, loading, the event's hunt (null: none yet), or why not. */
export type HuntAdminState =
  | { kind: "signIn"; error: HuntMessage | null }
  | { kind: "loading" }
  | { kind: "noEvent" }
  | { kind: "failed"; message: HuntMessage }
  | { kind: "ready"; token: string; eventTitle: string; view: HuntAdminView | null };

/** Says a hunt page message in the current language. */
export function useSayHunt(): (message: HuntMessage) => string {
  const { t } = useTranslation();
  return useCallback((message: HuntMessage) => ("error" in message ? t(errorKey(message.error)) : t(`huntAdmin.${message.huntAdmin}`, message.params ?? {})), [t]);
}

/** What to tell the operator about a call that failed: no answer, a wait, or the refusal's own message. */
export function huntFailureMessage(failure: AdminFailure): HuntMessage {
  if (failure.kind === "unreachable") return { huntAdmin: "unreachable" };
  if (failure.code === "RATE_LIMITED" && failure.retryAfterSeconds !== null) return { huntAdmin: "rateLimited", params: { seconds: failure.retryAfterSeconds } };
  return { error: failure.code };
}

/**
 * The hunt pages sign in as /admin does: with the operator token this tab keeps (adminApi.ts), asked for here when
 * there is none or the server no longer takes it. The event's title comes from the operator's event list.
 */
export function useHuntAdmin(slug: string): { state: HuntAdminState; signIn: (token: string) => Promise<void>; setView: (view: HuntAdminView) => void; signOut: () => void } {
  const [state, setState] = useState<HuntAdminState>(() => (storedToken() ? { kind: "loading" } : { kind: "signIn", error: null }));

  const signIn = useCallback(
    async (token: string) => {
      setState({ kind: "loading" });
      const events = await listEvents(token);
      if (!events.ok) {
        const failure = events.failure;
        if (failure.kind === "refused" && failure.code === "UNAUTHORIZED") storeToken(null);
        setState(failure.kind === "refused" && failure.code === "UNAUTHORIZED" ? { kind: "signIn", error: { error: "UNAUTHORIZED" } } : { kind: "failed", message: huntFailureMessage(failure) });
        return;
      }
      storeToken(token);
      const event = events.value.events.find((e) => e.slug === slug);
      if (!event) return setState({ kind: "noEvent" });
      const hunt = await loadHunt(token, slug);
      if (hunt.ok) return setState({ kind: "ready", token, eventTitle: event.title, view: hunt.value });
      if (hunt.failure.kind === "refused" && hunt.failure.code === "NO_HUNT") return setState({ kind: "ready", token, eventTitle: event.title, view: null });
      if (hunt.failure.kind === "refused" && hunt.failure.code === "UNAUTHORIZED") {
        storeToken(null);
        return setState({ kind: "signIn", error: { error: "UNAUTHORIZED" } });
      }
      setState({ kind: "failed", message: huntFailureMessage(hunt.failure) });
    },
    [slug],
  );

  useEffect(() => {
    const token = storedToken();
    if (token) void signIn(token);
  }, [signIn]);

  const setView = useCallback((view: HuntAdminView) => setState((s) => (s.kind === "ready" ? { ...s, view } : s)), []);
  const signOut = useCallback(() => {
    storeToken(null);
    setState({ kind: "signIn", error: { error: "UNAUTHORIZED" } });
  }, []);
  return { state, signIn, setView, signOut };
}

/** The operator token, asked for on a hunt page opened without one. */
export function HuntSignIn({ error, onSignIn }: { error: HuntMessage | null; onSignIn: (token: string) => Promise<void> }) {
  const { t } = useTranslation();
  const say = useSayHunt();
  const id = useId();
  const [token, setToken] = useState("");
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus();
  }, [error]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim() === "") return field.current?.focus();
    void onSignIn(token.trim());
  };
  return (
    <section className="card admin-sign-in" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("admin.signInHeading")}</h2>
      <p className="admin-intro">{t("huntAdmin.signInNeeded")}</p>
      <form onSubmit={submit} noValidate data-testid="hunt-sign-in">
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
            aria-invalid={Boolean(error)}
            aria-describedby={error ? `${id}-error` : undefined}
            data-testid="hunt-token"
          />
          {error && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {say(error)}
            </p>
          )}
        </div>
        <button type="submit" className="button primary" data-testid="hunt-sign-in-submit">
          {t("admin.signIn")}
        </button>
      </form>
    </section>
  );
}
