import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorKey, EventTitle, type ErrorCode } from "../../shared/protocol/index.js";
import { loadIdentity } from "../net/identity.js";
import { getJson, MemberProfile, PastSessions, safeLink, SalonOpened, type PastSession } from "./pages/growthApi.js";
import { TreeDrawing } from "./pages/TreeDrawing.js";
import "./pages/growthPages.css";

/** How many past sessions' trees the event page shows, newest first. */
export const PAST_TREES_SHOWN = 6;

/**
 * The growth part of `/e/<slug>` before joining: the trees past sessions grew (GET /api/events/:slug/sessions) and,
 * for a member whose stored identity is an evangelist, a way to open a salon of their own.
 */
export function EventGrowth({ slug }: { slug: string }) {
  const [sessions, setSessions] = useState<readonly PastSession[]>([]);
  const [evangelist, setEvangelist] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    void getJson(`/api/events/${encodeURIComponent(slug)}/sessions`, PastSessions, controller.signal).then((loaded) => {
      if (!controller.signal.aborted && loaded.kind === "ready") setSessions(loaded.value);
    });
    const identity = loadIdentity();
    if (identity?.memberId && identity.secret) {
      void getJson(`/api/members/${encodeURIComponent(identity.memberId)}`, MemberProfile, controller.signal).then((loaded) => {
        if (!controller.signal.aborted && loaded.kind === "ready") setEvangelist(loaded.value.tier.tier === "evangelist");
      });
    }
    return () => controller.abort();
  }, [slug]);

  // Only sessions that are over: a live session's tree is in the venue itself.
  const past = sessions.filter((s) => s.endedAt !== null);
  if (past.length === 0 && !evangelist) return null;
  return (
    <div className="event-growth" data-testid="event-growth">
      {past.length > 0 && <PastTrees sessions={past} />}
      {evangelist && <OwnSalon slug={slug} />}
    </div>
  );
}

function PastTrees({ sessions }: { sessions: readonly PastSession[] }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" });
  const shown = [...sessions].sort((a, b) => b.startedAt - a.startedAt).slice(0, PAST_TREES_SHOWN);
  return (
    <section className="past-trees" aria-labelledby={headingId} data-testid="past-trees">
      <h2 id={headingId}>{t("growthPages.eventTrees.title")}</h2>
      <ul>
        {shown.map((session) => {
          const percent = Math.round(Math.min(1, session.tree.growth / Math.max(1, session.tree.goal)) * 100);
          const reached = session.tree.reachedAt !== null;
          const link = safeLink(session.reward?.url);
          const stage = t(`growthPages.stages.${session.tree.stage}`);
          return (
            <li key={session.sessionId} className={`past-tree${reached ? " is-reached" : ""}`} data-session={session.sessionId} data-stage={session.tree.stage} data-percent={percent}>
              <figure>
                <TreeDrawing stage={session.tree.stage} />
                <figcaption>
                  <time dateTime={new Date(session.startedAt).toISOString()}>{date.format(session.startedAt)}</time>
                  <span className="past-tree-stage">{t("growthPages.eventTrees.figure", { stage, percent })}</span>
                  {reached && <span className="past-tree-reached">{t("growthPages.eventTrees.reached")}</span>}
                  {reached && session.reward && (
                    <span className="past-tree-reward">
                      {t("growthPages.eventTrees.reward", { text: session.reward.text })}
                      {link && (
                        <>
                          {" "}
                          <a className="text-link" href={link} target="_blank" rel="noopener noreferrer">
                            {t("growthPages.eventTrees.rewardLink")}
                          </a>
                        </>
                      )}
                    </span>
                  )}
                </figcaption>
              </figure>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

type SalonState = { kind: "idle" } | { kind: "busy" } | { kind: "made"; title: string; hostLink: string } | { kind: "refused"; code: ErrorCode | null };

/** "Open my own salon": POST /api/events/:slug/salons with the stored identity, then the host link. */
function OwnSalon({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const ids = { title: useId(), error: useId() };
  const [title, setTitle] = useState("");
  const [titleError, setTitleError] = useState(false);
  const [state, setState] = useState<SalonState>({ kind: "idle" });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = EventTitle.safeParse(title);
    if (!parsed.success) {
      setTitleError(true);
      return;
    }
    setTitleError(false);
    const identity = loadIdentity();
    if (!identity?.memberId || !identity.secret) {
      setState({ kind: "refused", code: "UNAUTHORIZED" });
      return;
    }
    setState({ kind: "busy" });
    try {
      const response = await fetch(`/api/events/${encodeURIComponent(slug)}/salons`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ memberId: identity.memberId, secret: identity.secret, title: parsed.data }),
      });
      const body: unknown = await response.json().catch(() => null);
      const made = SalonOpened.safeParse(body);
      if (response.ok && made.success) {
        setState({ kind: "made", title: parsed.data, hostLink: new URL(made.data.hostLink, window.location.origin).href });
        return;
      }
      const refusal = ApiError.safeParse(body);
      setState({ kind: "refused", code: refusal.success ? refusal.data.error : null });
    } catch {
      setState({ kind: "refused", code: null });
    }
  };

  return (
    <details className="own-salon" data-testid="own-salon">
      <summary>{t("growthPages.salon.title")}</summary>
      <p className="hint">{t("growthPages.salon.intro")}</p>
      {state.kind === "made" ? (
        <div className="own-salon-made" role="status" data-testid="own-salon-made">
          <p>{t("growthPages.salon.made", { title: state.title })}</p>
          <label className="field">
            <span>{t("growthPages.salon.hostLink")}</span>
            <input type="text" readOnly value={state.hostLink} onFocus={(e) => e.currentTarget.select()} data-testid="own-salon-host-link" />
          </label>
          <p className="hint">{t("growthPages.salon.hostLinkWarning")}</p>
          <a className="button primary" href={state.hostLink}>
            {t("growthPages.salon.open")}
          </a>
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate className="own-salon-form">
          <div className="field">
            <label htmlFor={ids.title}>{t("growthPages.salon.titleLabel")}</label>
            <input
              id={ids.title}
              type="text"
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              aria-invalid={titleError}
              aria-describedby={titleError ? ids.error : undefined}
              data-testid="own-salon-title"
            />
            {titleError && (
              <span id={ids.error} className="field-error" role="alert">
                {t("growthPages.salon.titleRequired")}
              </span>
            )}
          </div>
          {state.kind === "refused" && (
            <p className="form-error" role="alert" data-testid="own-salon-error" data-code={state.code ?? ""}>
              {state.code ? t(errorKey(state.code)) : t("growthPages.salon.failed")}
            </p>
          )}
          <button type="submit" className="button" disabled={state.kind === "busy"} aria-busy={state.kind === "busy"} data-testid="own-salon-submit">
            {state.kind === "busy" ? t("growthPages.salon.busy") : t("growthPages.salon.submit")}
          </button>
        </form>
      )}
    </details>
  );
}
