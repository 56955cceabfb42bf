import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toDataURL } from "qrcode";
import { DisplayName, NAME_MAX_LENGTH, type AvatarLook, type ErrorCode } from "../../../shared/protocol/index.js";
import type { ClaimResponse, HuntTaskView, VoucherView } from "../../../shared/protocol/hunt.js";
import { ensureIdentity, initialLook, loadIdentity, saveIdentity } from "../../net/identity.js";
import { QrScanner } from "../hunt/QrScanner.js";
import { scanTokenOf } from "../hunt/qrDecode.js";
import { ClaimAnswer, credentialsOf, identityAfterScan, postJson, scanBody, type CallResult } from "./huntPagesApi.js";
import { PageFrame } from "./PageFrame.js";
import "./huntPages.css";

type Phase =
  | { kind: "needName"; refusal: ErrorCode | "failed" | null; name: string }
  | { kind: "claiming" }
  | { kind: "shown"; claim: ClaimResponse }
  | { kind: "refused"; code: ErrorCode; retryAfterMs?: number }
  | { kind: "failed" };

/** A refusal's words: the shared error text, with how long to wait when the server said. */
export function RefusalText({ code, retryAfterMs }: { code: ErrorCode; retryAfterMs?: number | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`errors.${code}`)}
      {retryAfterMs !== undefined && retryAfterMs > 0 ? ` ${t("huntPages.common.retryAfter", { seconds: Math.ceil(retryAfterMs / 1000) })}` : ""}
    </>
  );
}

/**
 * `/scan/<token>`: a printed clue's QR code, opened by the phone's camera app (docs/hunts.md, "Pages"). A browser that
 * knows its member claims at once; a first-time visitor picks a name first (the lobby's rules) and the answer's new
 * identity is kept, so the venue later knows them. Then the clue, what the scan came to, the task or riddle left,
 * the reward and a won voucher, and the way into the venue.
 */
export function ScanPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>(() => {
    const stored = loadIdentity();
    return credentialsOf(stored) ? { kind: "claiming" } : { kind: "needName", refusal: null, name: stored?.name ?? "" };
  });
  // The look a newcomer joins with: the one their browser's seed picks, as the lobby would start them.
  const [look] = useState<AvatarLook>(() => initialLook(ensureIdentity()));

  const claim = useCallback(
    async (chosen: { name: string; look: AvatarLook } | null) => {
      const body = scanBody(token, loadIdentity(), chosen);
      if (!body) {
        setPhase({ kind: "needName", refusal: null, name: loadIdentity()?.name ?? "" });
        return;
      }
      setPhase({ kind: "claiming" });
      const result = await postJson("/api/hunt/scan", body, ClaimAnswer);
      if (result.kind === "ok") {
        if (result.value.identity) saveIdentity(identityAfterScan(loadIdentity(), result.value.identity, chosen?.look));
        setPhase({ kind: "shown", claim: result.value });
      } else if (result.kind === "refused" && result.code === "UNAUTHORIZED" && "memberId" in body) {
        // The kept identity is not one the server knows (another server, a wiped database): start as a newcomer.
        const stored = loadIdentity();
        saveIdentity({ name: stored?.name ?? "", ...(stored?.look ? { look: stored.look } : {}) });
        setPhase({ kind: "needName", refusal: null, name: stored?.name ?? "" });
      } else if (result.kind === "refused" && result.identity) {
        // The scan made a member before it was refused: kept, so trying again (or the venue) does not make another.
        saveIdentity(identityAfterScan(loadIdentity(), result.identity, chosen?.look));
        setPhase(result.retryAfterMs === undefined ? { kind: "refused", code: result.code } : { kind: "refused", code: result.code, retryAfterMs: result.retryAfterMs });
      } else if (result.kind === "refused") {
        if (chosen) setPhase({ kind: "needName", refusal: result.code, name: chosen.name });
        else setPhase(result.retryAfterMs === undefined ? { kind: "refused", code: result.code } : { kind: "refused", code: result.code, retryAfterMs: result.retryAfterMs });
      } else {
        setPhase(chosen ? { kind: "needName", refusal: "failed", name: chosen.name } : { kind: "failed" });
      }
    },
    [token],
  );

  // A known member is credited as soon as the page opens; the first claim runs once.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || phase.kind !== "claiming") return;
    started.current = true;
    void claim(null);
  }, [claim, phase.kind]);

  const title = phase.kind === "shown" ? phase.claim.clue.name : t("huntPages.scan.documentTitle");
  return (
    <PageFrame documentTitle={title} testId="scan-page">
      <div className="hunt-page">
        {phase.kind === "needName" && <NameStep initialName={phase.name} refusal={phase.refusal} onName={(name) => void claim({ name, look })} />}
        {phase.kind === "claiming" && (
          <p className="card hunt-card hunt-busy" role="status" data-testid="scan-claiming">
            <span className="hunt-busy-mark" aria-hidden="true">🔍</span> {t("huntPages.scan.opening")}
          </p>
        )}
        {phase.kind === "shown" && <ClaimView claim={phase.claim} onUpdate={(next) => setPhase({ kind: "shown", claim: next })} />}
        {phase.kind === "refused" && (
          <section className="card hunt-card hunt-refused" role="alert" data-testid="scan-refused" data-code={phase.code}>
            <p className="hunt-result-mark" aria-hidden="true">✗</p>
            <p className="hunt-refused-text">
              <RefusalText code={phase.code} retryAfterMs={phase.retryAfterMs} />
            </p>
            <a className="button" href="/">
              {t("app.home")}
            </a>
          </section>
        )}
        {phase.kind === "failed" && (
          <section className="card hunt-card hunt-refused" role="alert" data-testid="scan-failed">
            <p>{t("huntPages.common.failed")}</p>
            <button type="button" className="button primary" onClick={() => void claim(null)}>
              {t("huntPages.common.retry")}
            </button>
          </section>
        )}
      </div>
    </PageFrame>
  );
}

/** A first-time visitor's name, checked like the lobby's (DisplayName); the server checks it again. */
function NameStep({ initialName, refusal, onName }: { initialName: string; refusal: ErrorCode | "failed" | null; onName: (name: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), hint: useId(), error: useId(), refusal: useId() };
  useEffect(() => input.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = DisplayName.safeParse(name);
    if (!parsed.success) {
      setError(name.trim().length > NAME_MAX_LENGTH ? t("lobby.nameTooLong", { max: NAME_MAX_LENGTH }) : t("lobby.nameRequired"));
      input.current?.focus();
      return;
    }
    setError(null);
    onName(parsed.data);
  };
  return (
    <section className="card hunt-card" aria-labelledby={ids.title} data-testid="scan-name">
      <p className="hunt-hero-mark" aria-hidden="true">🗺️</p>
      <h1 id={ids.title} className="hunt-title">
        {t("huntPages.scan.newTitle")}
      </h1>
      <p className="hunt-lead">{t("huntPages.scan.newIntro")}</p>
      <form className="hunt-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="scan-name-input">{t("lobby.nameLabel")}</label>
          <input
            ref={input}
            id="scan-name-input"
            data-testid="scan-name-input"
            type="text"
            autoComplete="nickname"
            maxLength={NAME_MAX_LENGTH * 2}
            value={name}
            aria-invalid={error !== null}
            aria-describedby={error ? `${ids.hint} ${ids.error}` : ids.hint}
            onChange={(e) => {
              setName(e.target.value);
              if (error) setError(null);
            }}
          />
          <span id={ids.hint} className="hint">
            {t("lobby.nameHint", { max: NAME_MAX_LENGTH })}
          </span>
          {error && (
            <span id={ids.error} className="field-error" role="alert" data-testid="scan-name-error">
              {error}
            </span>
          )}
        </div>
        {refusal && (
          <p id={ids.refusal} className="form-error" role="alert" data-testid="scan-name-refusal">
            {refusal === "failed" ? t("huntPages.common.failed") : t(`errors.${refusal}`)}
          </p>
        )}
        <button type="submit" className="button primary hunt-wide" data-testid="scan-claim">
          {t("huntPages.scan.claim")}
        </button>
      </form>
    </section>
  );
}

/** The scanned clue and everything the scan came to. Answers of the riddle and task calls replace `claim`. */
function ClaimView({ claim, onUpdate }: { claim: ClaimResponse; onUpdate: (next: ClaimResponse) => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // Each new outcome is announced by moving focus to its heading (a screen reader reads it; a phone scrolls to it).
  useEffect(() => heading.current?.focus(), [claim.outcome]);
  const { clue, outcome, mine } = claim;
  const pending = outcome === "pending" ? mine.pending.find((p) => p.clueId === clue.id) : undefined;
  const task = claim.task ?? pending?.task ?? null;
  const riddleQuestion = task ? null : (pending?.riddleQuestion ?? clue.riddleQuestion);
  const voucher = claim.reward.voucher ?? mine.vouchers.find((v) => v.clueName === clue.name) ?? null;
  const hasReward = claim.reward.points > 0 || claim.reward.badge || voucher !== null;
  const huntId = mine.huntId;

  return (
    <>
      <section className="card hunt-card hunt-clue" data-testid="scan-clue" data-outcome={outcome} aria-labelledby="scan-outcome">
        <p className="hunt-event">{t("huntPages.scan.event", { event: claim.eventTitle })}</p>
        <div className={`hunt-outcome is-${outcome}`}>
          {outcome === "found" && (
            <span className="hunt-celebrate" aria-hidden="true">
              <span>🎉</span>
              <span>✨</span>
              <span>🌟</span>
            </span>
          )}
          <h1 id="scan-outcome" ref={heading} tabIndex={-1} className="hunt-title" data-testid="scan-outcome">
            {outcome === "found" ? t("huntPages.scan.found") : outcome === "pending" ? t("huntPages.scan.pending") : t("huntPages.scan.alreadyFound")}
          </h1>
          {outcome === "found" && claim.reward.points > 0 && (
            <p className="hunt-points" data-testid="scan-points" data-value={claim.reward.points}>
              {t("huntPages.scan.foundPoints", { count: claim.reward.points })}
            </p>
          )}
        </div>
        <h2 className="hunt-clue-name" data-testid="scan-clue-name">
          {clue.blindBox && <span className="hunt-tag">{t("huntPages.scan.blindBox")}</span>}
          {clue.name}
        </h2>
        {clue.where.kind === "real" && (
          <p className="hunt-place" data-testid="scan-place">
            <span className="visually-hidden">{t("huntPages.scan.place")}: </span>
            <span aria-hidden="true">📍 </span>
            {[clue.where.place, clue.where.district, clue.where.address].filter((part) => part !== "").join(" · ")}
          </p>
        )}
        {clue.hint && <p className="hunt-hint">{clue.hint}</p>}
      </section>

      {outcome === "pending" && task && <TaskStep huntId={huntId} clueId={clue.id} task={task} onUpdate={onUpdate} />}
      {outcome === "pending" && !task && riddleQuestion !== null && (
        <section className="card hunt-card" aria-labelledby="scan-riddle" data-testid="scan-task" data-kind="riddle">
          <h2 id="scan-riddle">{t("huntPages.scan.riddle")}</h2>
          <p className="hunt-lead">{t("huntPages.scan.pendingRiddle")}</p>
          <RiddleForm huntId={huntId} clueId={clue.id} question={riddleQuestion} onUpdate={onUpdate} />
        </section>
      )}

      {hasReward && (
        <section className="card hunt-card hunt-reward" aria-labelledby="scan-reward" data-testid="scan-reward">
          <h2 id="scan-reward">{t("huntPages.scan.reward")}</h2>
          <ul className="hunt-reward-list">
            {claim.reward.points > 0 && (
              <li>
                <span aria-hidden="true">⭐</span> {t("huntPages.scan.points", { count: claim.reward.points })}
              </li>
            )}
            {claim.reward.badge && (
              <li data-testid="scan-badge">
                <span aria-hidden="true">🏙️</span> {t("huntPages.scan.badge")}
              </li>
            )}
          </ul>
          {voucher && <VoucherCard voucher={voucher} />}
        </section>
      )}

      <section className="card hunt-card hunt-next" data-testid="scan-progress">
        <p>
          {mine.completed
            ? t("huntPages.scan.completed", { rank: mine.completed.rank })
            : t("huntPages.scan.progress", { count: mine.found.length })}
        </p>
        <a className="button primary hunt-wide" href={`/e/${encodeURIComponent(claim.eventSlug)}`} data-testid="scan-venue">
          {t("huntPages.scan.goToVenue")} →
        </a>
        <ScanAnother />
      </section>
    </>
  );
}

/** "Scan another code": the next printed code of a city walk without leaving the page; only this site's codes are followed. */
function ScanAnother() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [notAClue, setNotAClue] = useState(false);
  return (
    <>
      {notAClue && (
        <p className="form-error" role="alert" data-testid="scan-not-a-clue">
          {t("huntPages.scan.notAClue")}
        </p>
      )}
      <button type="button" className="button hunt-wide" onClick={() => setOpen(true)} data-testid="scan-another">
        <span aria-hidden="true">📷</span> {t("huntPages.scan.scanAnother")}
      </button>
      {open && (
        <QrScanner
          onCode={(text) => {
            const next = scanTokenOf(text, window.location.origin);
            setOpen(false);
            setNotAClue(next === null);
            if (next !== null) window.location.assign(`/scan/${encodeURIComponent(next)}`);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

/** A blind box's task: its words, then the riddle's answer or "I did it" (the server checks the log). */
function TaskStep({ huntId, clueId, task, onUpdate }: { huntId: string; clueId: string; task: HuntTaskView; onUpdate: (next: ClaimResponse) => void }) {
  const { t } = useTranslation();
  const help = t(`huntPages.scan.taskHelp.${task.kind}`);
  return (
    <section className="card hunt-card hunt-task" aria-labelledby="scan-task-title" data-testid="scan-task" data-kind={task.kind}>
      <h2 id="scan-task-title">
        {t("huntPages.scan.task")}: {t(`huntPages.scan.taskKinds.${task.kind}`)}
      </h2>
      <p className="hunt-lead">{t("huntPages.scan.pendingTask")}</p>
      {task.text && (
        <p className="hunt-task-text" data-testid="scan-task-text">
          {task.text}
        </p>
      )}
      {task.kind === "riddle" ? (
        <RiddleForm huntId={huntId} clueId={clueId} question={task.riddleQuestion ?? ""} onUpdate={onUpdate} />
      ) : (
        <>
          {help && <p className="hint">{help}</p>}
          <CallButton label={t("huntPages.scan.done")} busyLabel={t("huntPages.scan.checking")} testId="scan-done" onCall={() => postWithIdentity("/api/hunt/task", { huntId, clueId })} onUpdate={onUpdate} />
        </>
      )}
    </section>
  );
}

/** A member call's body with the identity the scan left in the browser (it always has one by now). */
function postWithIdentity(path: string, body: Record<string, string>): Promise<CallResult<ClaimResponse>> {
  const credentials = credentialsOf(loadIdentity());
  if (!credentials) return Promise.resolve({ kind: "refused", code: "UNAUTHORIZED" });
  return postJson(path, { ...body, ...credentials }, ClaimAnswer);
}

function RiddleForm({ huntId, clueId, question, onUpdate }: { huntId: string; clueId: string; question: string; onUpdate: (next: ClaimResponse) => void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState("");
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ code: ErrorCode; retryAfterMs?: number } | "failed" | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const ids = { input: useId(), question: useId(), error: useId() };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (answer.trim() === "") {
      input.current?.focus();
      return;
    }
    setBusy(true);
    const result = await postWithIdentity("/api/hunt/answer", { huntId, clueId, answer });
    setBusy(false);
    if (result.kind === "ok") {
      setRefusal(null);
      onUpdate(result.value);
      return;
    }
    setRefusal(result.kind === "failed" ? "failed" : result.retryAfterMs === undefined ? { code: result.code } : { code: result.code, retryAfterMs: result.retryAfterMs });
    input.current?.focus();
  };
  return (
    <form className="hunt-form" onSubmit={(e) => void submit(e)} noValidate>
      <p id={ids.question} className="hunt-riddle" data-testid="scan-riddle">
        {question}
      </p>
      <div className="field">
        <label htmlFor={ids.input}>{t("huntPages.scan.answerLabel")}</label>
        <input
          ref={input}
          id={ids.input}
          type="text"
          autoComplete="off"
          maxLength={120}
          value={answer}
          aria-describedby={refusal ? `${ids.question} ${ids.error}` : ids.question}
          aria-invalid={refusal !== null}
          onChange={(e) => setAnswer(e.target.value)}
          data-testid="scan-answer-input"
        />
      </div>
      {refusal && (
        <p id={ids.error} className="form-error" role="alert" data-testid="scan-answer-error" data-code={refusal === "failed" ? "failed" : refusal.code}>
          {refusal === "failed" ? t("huntPages.common.failed") : <RefusalText code={refusal.code} retryAfterMs={refusal.retryAfterMs} />}
        </p>
      )}
      <button type="submit" className="button primary hunt-wide" disabled={busy} data-testid="scan-answer">
        {busy ? t("huntPages.scan.answering") : t("huntPages.scan.answer")}
      </button>
    </form>
  );
}

/** A button that makes a member call and shows its refusal beside it. */
function CallButton({ label, busyLabel, testId, onCall, onUpdate }: { label: string; busyLabel: string; testId: string; onCall: () => Promise<CallResult<ClaimResponse>>; onUpdate: (next: ClaimResponse) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ code: ErrorCode; retryAfterMs?: number } | "failed" | null>(null);
  const press = async () => {
    setBusy(true);
    const result = await onCall();
    setBusy(false);
    if (result.kind === "ok") {
      setRefusal(null);
      onUpdate(result.value);
    } else {
      setRefusal(result.kind === "failed" ? "failed" : result.retryAfterMs === undefined ? { code: result.code } : { code: result.code, retryAfterMs: result.retryAfterMs });
    }
  };
  return (
    <div className="hunt-form">
      {refusal && (
        <p className="form-error" role="alert" data-testid={`${testId}-error`} data-code={refusal === "failed" ? "failed" : refusal.code}>
          {refusal === "failed" ? t("huntPages.common.failed") : <RefusalText code={refusal.code} retryAfterMs={refusal.retryAfterMs} />}
        </p>
      )}
      <button type="button" className="button primary hunt-wide" disabled={busy} onClick={() => void press()} data-testid={testId}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}

/** A won voucher as the member shows it at the counter: its code, large, as text and as a QR code. */
export function VoucherCard({ voucher }: { voucher: VoucherView }) {
  const { t, i18n } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // Error correction M and a quiet zone: a phone screen at a counter scanner, often with glare.
    toDataURL(voucher.code, { errorCorrectionLevel: "M", margin: 2, width: 480, color: { dark: "#1d2a21", light: "#ffffff" } })
      .then((url) => {
        if (current) setQr(url);
      })
      .catch(() => {
        // No picture: the code's text below is still there to type.
      });
    return () => {
      current = false;
    };
  }, [voucher.code]);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className={voucher.redeemedAt === null ? "hunt-voucher" : "hunt-voucher is-used"} data-testid="scan-voucher">
      <p className="hunt-voucher-title">
        <span aria-hidden="true">🎁 </span>
        {t("huntPages.voucher.title")}
      </p>
      <p className="hunt-voucher-text">{voucher.text}</p>
      <p className="hunt-voucher-from">{t("huntPages.voucher.from", { partner: voucher.partnerName })}</p>
      {qr && <img className="hunt-voucher-qr" src={qr} alt={t("huntPages.voucher.qr", { code: voucher.code })} width={240} height={240} data-testid="scan-voucher-qr" />}
      <p className="hunt-voucher-code">
        <span className="visually-hidden">{t("huntPages.voucher.codeLabel")}: </span>
        <code data-testid="scan-voucher-code">{voucher.code}</code>
      </p>
      {voucher.redeemedAt === null ? (
        <p className="hunt-voucher-show">{t("huntPages.voucher.show")}</p>
      ) : (
        <p className="hunt-voucher-show">{t("huntPages.voucher.redeemed", { date: date.format(voucher.redeemedAt) })}</p>
      )}
    </div>
  );
}
