import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ErrorCode } from "../../../shared/protocol/index.js";
import type { RedeemResponse, StaffLinkView } from "../../../shared/protocol/hunt.js";
import { QrScanner } from "../hunt/QrScanner.js";
import { voucherCodeOf } from "../hunt/qrDecode.js";
import { getStaffInfo, postJson, RedeemAnswer, type CallResult } from "./huntPagesApi.js";
import { PageFrame } from "./PageFrame.js";
import { RefusalText } from "./ScanPage.js";
import { forgetStaffToken } from "./staffToken.js";
import "./huntPages.css";

type Link = { kind: "loading" } | { kind: "ready"; view: StaffLinkView } | { kind: "refused"; code: ErrorCode; retryAfterMs?: number } | { kind: "failed" } | { kind: "none" };
type Outcome = { kind: "ok"; value: RedeemResponse } | { kind: "refused"; code: ErrorCode; retryAfterMs?: number };

function linkOf(result: CallResult<StaffLinkView>): Link {
  if (result.kind === "ok") return { kind: "ready", view: result.value };
  if (result.kind === "failed") return { kind: "failed" };
  return result.retryAfterMs === undefined ? { kind: "refused", code: result.code } : { kind: "refused", code: result.code, retryAfterMs: result.retryAfterMs };
}

/**
 * `/redeem?staff=<token>`: a partner's counter (docs/hunts.md, "Pages"). The staff link names the partner and the
 * hunt; staff type or scan a customer's voucher code and get one large answer: ✓ redeemed (what for, when won) or
 * ✗ why not. `staff` was taken out of the address by App before this page loaded (client/ui/pages/staffToken.ts).
 */
export function RedeemPage({ staff }: { staff: string | undefined }) {
  const { t } = useTranslation();
  const [link, setLink] = useState<Link>(() => (staff ? { kind: "loading" } : { kind: "none" }));
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!staff) return;
    let current = true;
    setLink({ kind: "loading" });
    void getStaffInfo(staff).then((result) => {
      if (!current) return;
      if (result.kind === "refused" && result.code === "INVALID_STAFF_LINK") forgetStaffToken();
      setLink(linkOf(result));
    });
    return () => {
      current = false;
    };
  }, [staff, attempt]);

  return (
    <PageFrame documentTitle={t("huntPages.redeem.documentTitle")} testId="redeem-page">
      <div className="hunt-page">
        <section className="card hunt-card" aria-labelledby="redeem-title">
          <h1 id="redeem-title" className="hunt-title">
            <span aria-hidden="true">🎁 </span>
            {t("huntPages.redeem.title")}
          </h1>
          {link.kind === "loading" && (
            <p className="hunt-lead" role="status">
              {t("huntPages.redeem.checkingLink")}
            </p>
          )}
          {link.kind === "ready" && (
            <p className="hunt-staff-for" data-testid="redeem-staff">
              <strong>{link.view.partnerName}</strong> · {link.view.huntTitle}
            </p>
          )}
          {link.kind === "none" && (
            <p className="form-error" role="alert" data-testid="redeem-link-error" data-code="none">
              {t("huntPages.redeem.noLink")}
            </p>
          )}
          {link.kind === "refused" && (
            <p className="form-error" role="alert" data-testid="redeem-link-error" data-code={link.code}>
              <RefusalText code={link.code} retryAfterMs={link.retryAfterMs} />
            </p>
          )}
          {link.kind === "failed" && (
            <div className="hunt-form" role="alert" data-testid="redeem-link-error" data-code="failed">
              <p className="form-error">{t("huntPages.common.failed")}</p>
              <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
                {t("huntPages.common.retry")}
              </button>
            </div>
          )}
        </section>
        {link.kind === "ready" && staff && <RedeemForm staff={staff} />}
      </div>
    </PageFrame>
  );
}

function RedeemForm({ staff }: { staff: string }) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | "failed" | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);
  const ids = { input: useId(), hint: useId(), error: useId() };

  const redeem = useCallback(
    async (text: string) => {
      // Whitespace from a copy or a wrapped line is dropped; whether the code is real is the server's to say.
      const typed = voucherCodeOf(text) ?? text.replace(/\s+/g, "");
      if (typed === "") {
        setError(t("huntPages.redeem.codeRequired"));
        input.current?.focus();
        return;
      }
      setError(null);
      setBusy(true);
      const answer = await postJson("/api/redeem", { staff, code: typed }, RedeemAnswer);
      setBusy(false);
      if (answer.kind === "ok") setOutcome({ kind: "ok", value: answer.value });
      else if (answer.kind === "failed") setOutcome("failed");
      else setOutcome(answer.retryAfterMs === undefined ? { kind: "refused", code: answer.code } : { kind: "refused", code: answer.code, retryAfterMs: answer.retryAfterMs });
    },
    [staff, t],
  );

  // The answer is an alert (a screen reader reads it); focus goes to "Next voucher", so Enter serves the next customer.
  useEffect(() => {
    if (outcome !== null) nextButton.current?.focus();
  }, [outcome]);

  const next = () => {
    setOutcome(null);
    setCode("");
    // After the result is gone the field is back: focus it for the next customer.
    setTimeout(() => input.current?.focus(), 0);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void redeem(code);
  };

  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });

  if (outcome !== null) {
    const ok = outcome !== "failed" && outcome.kind === "ok";
    return (
      <section
        className={ok ? "card hunt-card redeem-result is-ok" : "card hunt-card redeem-result is-refused"}
        role="alert"
        data-testid="redeem-result"
        data-outcome={ok ? "ok" : outcome === "failed" ? "failed" : outcome.kind === "refused" ? outcome.code : "ok"}
      >
        <p className="hunt-result-mark" aria-hidden="true">
          {ok ? "✓" : "✗"}
        </p>
        {outcome !== "failed" && outcome.kind === "ok" ? (
          <>
            <p className="redeem-result-title">{t("huntPages.redeem.ok")}</p>
            <p className="redeem-result-for" data-testid="redeem-for">
              {t("huntPages.redeem.okFor", { text: outcome.value.voucher.text })}
            </p>
            <p className="redeem-result-meta">{t("huntPages.redeem.okIssued", { clue: outcome.value.voucher.clueName, date: date.format(outcome.value.voucher.issuedAt) })}</p>
          </>
        ) : (
          <>
            <p className="redeem-result-title">{t("huntPages.redeem.refused")}</p>
            <p className="redeem-result-for" data-testid="redeem-reason">
              {outcome === "failed" ? t("huntPages.common.failed") : outcome.kind === "refused" ? <RefusalText code={outcome.code} retryAfterMs={outcome.retryAfterMs} /> : null}
            </p>
          </>
        )}
        <button ref={nextButton} type="button" className="button primary hunt-wide" onClick={next} data-testid="redeem-next">
          {t("huntPages.redeem.next")}
        </button>
      </section>
    );
  }

  return (
    <section className="card hunt-card" aria-labelledby="redeem-code-title">
      <h2 id="redeem-code-title" className="visually-hidden">
        {t("huntPages.redeem.codeLabel")}
      </h2>
      <form className="hunt-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.input}>{t("huntPages.redeem.codeLabel")}</label>
          <input
            ref={input}
            id={ids.input}
            className="redeem-code-input"
            type="text"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={300}
            value={code}
            aria-invalid={error !== null}
            aria-describedby={error ? `${ids.hint} ${ids.error}` : ids.hint}
            onChange={(e) => {
              setCode(e.target.value);
              if (error) setError(null);
            }}
            data-testid="redeem-code"
          />
          <span id={ids.hint} className="hint">
            {t("huntPages.redeem.codeHint")}
          </span>
          {error && (
            <span id={ids.error} className="field-error" role="alert" data-testid="redeem-code-error">
              {error}
            </span>
          )}
        </div>
        <div className="hunt-actions">
          <button type="submit" className="button primary" disabled={busy} data-testid="redeem-submit">
            {busy ? t("huntPages.redeem.redeeming") : t("huntPages.redeem.redeem")}
          </button>
          <button type="button" className="button" onClick={() => setScanning(true)} data-testid="redeem-scan">
            <span aria-hidden="true">📷</span> {t("huntPages.redeem.scan")}
          </button>
        </div>
      </form>
      {scanning && (
        <QrScanner
          onCode={(text) => {
            setScanning(false);
            setCode(text.trim());
            void redeem(text);
          }}
          onClose={() => setScanning(false)}
        />
      )}
    </section>
  );
}
