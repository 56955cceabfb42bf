import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toDataURL } from "qrcode";
import type { ErrorCode } from "../../../shared/protocol/index.js";
import type { ClaimResponse, HuntClueView, HuntMineView, VoucherView } from "../../../shared/protocol/hunt.js";
import { claimClue, cluesInReach, huntFigures, withClaimResponse, withMine, withRefusal, type SceneClue } from "../../state/hunt.js";
import { useHunt } from "../../state/hooks.js";
import { showRefusal } from "../../state/notices.js";
import { useVenue } from "../../state/venue.js";
import { HuntApi, scanTokenOf, type ApiResult } from "./huntApi.js";
import { clueStatus, durationOf, isOwnRow, teamChoice } from "./huntFormat.js";
import { QrScanner } from "./QrScanner.js";
import { ScanFlash, type Flash } from "./ScanFlash.js";

/** How often the panel looks where the member's avatar stands, for the clues in reach (a hint: the server decides). */
const REACH_POLL_MS = 300;
/** How long a scan's result (and the found clue's crystal) stays over the camera view. */
const FLASH_MS = 2600;

interface HuntPanelProps {
  id: string;
  memberId: string;
  onClose: () => void;
}

/** The member's own avatar's clues in reach, re-read a few times a second; a new array only when the set changed. */
function useCluesInReach(): SceneClue[] {
  const { connection } = useVenue();
  const view = useHunt((s) => s.public);
  const mine = useHunt((s) => s.mine);
  const [inReach, setInReach] = useState<SceneClue[]>([]);
  useEffect(() => {
    // Nothing shown yet for this view: the first look always sets the list (an empty one too, after a find).
    let shown: string | null = null;
    const look = () => {
      const reach = cluesInReach(view, mine, connection.positionOf(connection.sessionId));
      const ids = reach.map((c) => c.id).join(",");
      if (ids === shown) return;
      shown = ids;
      setInReach(reach);
    };
    look();
    const timer = setInterval(look, REACH_POLL_MS);
    return () => clearInterval(timer);
  }, [connection, view, mine]);
  return inReach;
}

/**
 * The hunt panel (docs/hunts.md, "The client"): found / total, the next clue, the clues in reach as buttons (with the
 * riddle's field when there is one), the team choice, the blind-box tasks left, the vouchers with their QR codes,
 * the hunt leaderboard, and the in-page scanner. Every control is a button, field or select, so the keyboard and a
 * screen reader reach all of it; refusals are the toasts'.
 */
export function HuntPanel({ id, memberId, onClose }: HuntPanelProps) {
  const { t } = useTranslation();
  const venue = useVenue();
  const store = venue.stores.hunt;
  const view = useHunt((s) => s.public);
  const mine = useHunt((s) => s.mine);
  const claiming = useHunt((s) => s.claiming);
  const inReach = useCluesInReach();
  const sayDuration = useSayDuration();
  const [api] = useState(() => new HuntApi());
  const [scanning, setScanning] = useState(false);
  const [flash, setFlash] = useState<Flash | null>(null);
  const headingId = useId();
  const progressId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const scanButton = useRef<HTMLButtonElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const refused = (clueId: string | null, code: ErrorCode, retryAfterMs?: number) => {
    store.setState(withRefusal(clueId, code));
    showRefusal(venue.stores.notices, code, retryAfterMs);
  };
  /** Runs a member call that answers a claim; the slice takes its `mine` and outcome, a refusal is a toast. */
  const call = async (clueId: string | null, run: () => Promise<ApiResult<ClaimResponse>>): Promise<ClaimResponse | null> => {
    if (clueId !== null) store.setState({ claiming: clueId });
    const result = await run();
    if (!result.ok) {
      refused(clueId, result.code, result.retryAfterMs);
      return null;
    }
    store.setState((s) => withClaimResponse(s, result.value));
    return result.value;
  };

  // A scan's result shows for a moment; a find then closes the scanner so the panel (and its task) is in view.
  useFlashTimer(flash, setFlash, () => {
    setScanning(false);
    scanButton.current?.focus();
  });

  if (view === null) return null;
  const figures = huntFigures(view, mine);
  const teams = teamChoice(view, mine);
  const now = Date.now();
  const open = (view.startsAt === null || view.startsAt <= now) && (view.endsAt === null || now < view.endsAt);

  const joinTeam = async (team: string) => {
    const result = await api.joinTeam(view.id, team);
    if (result.ok) store.setState((s) => withMine(s, result.value));
    else refused(null, result.code, result.retryAfterMs);
  };

  const onCode = (text: string) => {
    const token = scanTokenOf(text, window.location.origin);
    if (token === null) {
      setFlash({ kind: "notOurs" });
      return;
    }
    setFlash({ kind: "posting" });
    void api.scan(token).then((result) => {
      if (!result.ok) {
        refused(null, result.code, result.retryAfterMs);
        setFlash({ kind: "refused", code: result.code });
        return;
      }
      store.setState((s) => withClaimResponse(s, result.value));
      setFlash({ kind: "result", response: result.value });
    });
  };

  return (
    <div id={id} className="hunt-panel card" role="region" aria-labelledby={headingId} data-testid="hunt-panel">
      <div className="hunt-panel-header">
        <h3 id={headingId} ref={heading} tabIndex={-1}>
          {t("hunt.panel.title", { title: view.title })}
        </h3>
        <button type="button" className="icon-button" aria-label={t("hunt.hud.close")} onClick={onClose} data-testid="hunt-close">
          ✕
        </button>
      </div>

      <div className="hunt-progress">
        <span id={progressId} className="hunt-progress-text" data-testid="hunt-progress-text">
          {t("hunt.panel.progress", { found: figures.found, total: figures.total })}
        </span>
        <div
          className="hunt-bar"
          role="progressbar"
          aria-labelledby={progressId}
          aria-valuemin={0}
          aria-valuemax={figures.total}
          aria-valuenow={figures.found}
          aria-valuetext={t("hunt.panel.progress", { found: figures.found, total: figures.total })}
          data-testid="hunt-progress"
          data-found={figures.found}
          data-total={figures.total}
        >
          <span className="hunt-bar-fill" style={{ width: `${figures.percent}%` }} />
        </div>
      </div>
      {!open && <p className="hunt-note">{t("hunt.panel.notOpen")}</p>}
      {mine?.completed ? (
        <p className="hunt-done" data-testid="hunt-completed">
          {t("hunt.panel.completed", { rank: mine.completed.rank, duration: sayDuration(mine.completed.durationMs) })}
        </p>
      ) : figures.complete ? (
        <p className="hunt-done">{t("hunt.panel.allFound")}</p>
      ) : (
        figures.next !== null && (
          <p className="hunt-next" data-testid="hunt-next">
            {t("hunt.panel.next", { name: figures.next.name })}
          </p>
        )
      )}

      {teams.length > 0 && <TeamChoice teams={teams} onJoin={joinTeam} />}
      {mine?.team != null && <p className="hunt-team">{t("hunt.team.yours", { team: mine.team })}</p>}

      <InReach clues={inReach} claiming={claiming} onClaim={(clueId, answer) => claimClue(store, venue.connection, clueId, answer)} />

      {mine !== null && mine.pending.length > 0 && (
        <Pending
          mine={mine}
          clues={view.clues}
          onAnswer={(clueId, answer) => call(clueId, () => api.answer(view.id, clueId, answer))}
          onDone={(clueId) => call(clueId, () => api.taskDone(view.id, clueId))}
        />
      )}

      <div className="hunt-scan">
        <button ref={scanButton} type="button" className="button small" onClick={() => setScanning(true)} data-testid="hunt-scan">
          <span aria-hidden="true">📷 </span>
          {t("hunt.scan.open")}
        </button>
      </div>

      <ClueList clues={view.clues} mine={mine} />
      {mine !== null && mine.vouchers.length > 0 && <Vouchers vouchers={mine.vouchers} />}
      <Leaderboard memberId={memberId} mine={mine} />

      {scanning && (
        <QrScanner
          onCode={onCode}
          onClose={() => {
            setScanning(false);
            setFlash(null);
            scanButton.current?.focus();
          }}
        />
      )}
      {scanning && flash !== null && <ScanFlash flash={flash} />}
    </div>
  );
}

/** Clears a shown scan result after FLASH_MS; a result with a clue also closes the scanner then. */
function useFlashTimer(flash: Flash | null, setFlash: (flash: Flash | null) => void, afterResult: () => void): void {
  const after = useRef(afterResult);
  after.current = afterResult;
  useEffect(() => {
    if (flash === null || flash.kind === "posting") return;
    const timer = setTimeout(() => {
      setFlash(null);
      if (flash.kind === "result") after.current();
    }, FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash, setFlash]);
}

/** Says a completion time in the page's language. */
function useSayDuration(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms) => {
    const said = durationOf(ms);
    return said.key === "hunt.duration.hours" ? t("hunt.duration.hours", said.values) : t("hunt.duration.minutes", said.values);
  };
}

function TeamChoice({ teams, onJoin }: { teams: string[]; onJoin: (team: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [team, setTeam] = useState(teams[0] ?? "");
  const [busy, setBusy] = useState(false);
  const selectId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || team === "") return;
    setBusy(true);
    void onJoin(team).finally(() => setBusy(false));
  };
  return (
    <form className="hunt-section hunt-team-form" onSubmit={submit} data-testid="hunt-team">
      <h4>{t("hunt.team.title")}</h4>
      <p className="hint">{t("hunt.team.intro")}</p>
      <div className="hunt-row">
        <label htmlFor={selectId} className="visually-hidden">
          {t("hunt.team.choose")}
        </label>
        <select id={selectId} value={team} onChange={(e) => setTeam(e.target.value)} data-testid="hunt-team-select">
          {teams.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button type="submit" className="button small primary" aria-disabled={busy} data-testid="hunt-team-join">
          {t("hunt.team.join")}
        </button>
      </div>
    </form>
  );
}

/** The clues within reach, nearest first: one button each, or a small form when the clue asks a riddle. */
function InReach({ clues, claiming, onClaim }: { clues: SceneClue[]; claiming: string | null; onClaim: (clueId: string, answer: string | null) => boolean }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="hunt-section hunt-reach" aria-labelledby={titleId} data-testid="hunt-reach">
      <h4 id={titleId}>{t("hunt.reach.title")}</h4>
      {clues.length === 0 ? (
        <p className="hint" data-testid="hunt-reach-none">
          {t("hunt.reach.none")}
        </p>
      ) : (
        <ul className="hunt-reach-list">
          {clues.map((clue) => (
            <li key={clue.id}>
              <ClaimControl clue={clue} busy={claiming === clue.id} onClaim={onClaim} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ClaimControl({ clue, busy, onClaim }: { clue: HuntClueView; busy: boolean; onClaim: (clueId: string, answer: string | null) => boolean }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState("");
  const [missing, setMissing] = useState(false);
  const inputId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const label = busy ? t("hunt.reach.claiming", { name: clue.name }) : t("hunt.reach.claim", { name: clue.name });
  if (clue.riddleQuestion === null) {
    return (
      <button type="button" className="button primary hunt-claim" aria-disabled={busy} onClick={() => !busy && onClaim(clue.id, null)} data-testid="hunt-claim" data-clue-id={clue.id}>
        <span aria-hidden="true">✦ </span>
        {label}
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (answer.trim() === "") {
      setMissing(true);
      input.current?.focus();
      return;
    }
    setMissing(false);
    onClaim(clue.id, answer.trim());
  };
  return (
    <form className="hunt-riddle" onSubmit={submit} noValidate data-testid="hunt-riddle" data-clue-id={clue.id}>
      <p className="hunt-question">{t("hunt.clues.riddle", { question: clue.riddleQuestion })}</p>
      <div className="hunt-row">
        <label htmlFor={inputId} className="visually-hidden">
          {t("hunt.reach.answerLabel")}
        </label>
        <input
          ref={input}
          id={inputId}
          type="text"
          autoComplete="off"
          maxLength={120}
          value={answer}
          placeholder={t("hunt.reach.answerLabel")}
          aria-invalid={missing}
          aria-describedby={missing ? errorId : undefined}
          onChange={(e) => setAnswer(e.target.value)}
          data-testid="hunt-answer"
        />
        <button type="submit" className="button primary hunt-claim" aria-disabled={busy} data-testid="hunt-claim" data-clue-id={clue.id}>
          {label}
        </button>
      </div>
      {missing && (
        <p id={errorId} className="form-error" role="alert">
          {t("hunt.reach.needsAnswer")}
        </p>
      )}
    </form>
  );
}

interface PendingProps {
  mine: HuntMineView;
  clues: HuntClueView[];
  onAnswer: (clueId: string, answer: string) => Promise<unknown>;
  onDone: (clueId: string) => Promise<unknown>;
}

/** Blind-box tasks and real clues' riddles opened by a scan and not finished yet. */
function Pending({ mine, clues, onAnswer, onDone }: PendingProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="hunt-section" aria-labelledby={titleId} data-testid="hunt-pending">
      <h4 id={titleId}>{t("hunt.pending.title")}</h4>
      <ul className="hunt-pending-list">
        {mine.pending.map((pending) => {
          const name = clues.find((c) => c.id === pending.clueId)?.name ?? pending.clueId;
          const question = pending.task?.riddleQuestion ?? pending.riddleQuestion;
          const kind = pending.task?.kind ?? "riddle";
          return (
            <li key={pending.clueId} className="hunt-pending" data-clue-id={pending.clueId}>
              <strong>{name}</strong>
              {pending.task !== null && pending.task.text !== "" && <p className="hunt-task">{pending.task.text}</p>}
              {question !== null ? (
                <AnswerForm question={question} onAnswer={(answer) => onAnswer(pending.clueId, answer)} />
              ) : kind === "findNext" ? (
                <p className="hint">{t("hunt.pending.findNext")}</p>
              ) : (
                <DoneButton onDone={() => onDone(pending.clueId)} />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function AnswerForm({ question, onAnswer }: { question: string; onAnswer: (answer: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState("");
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || answer.trim() === "") return;
    setBusy(true);
    void onAnswer(answer.trim()).finally(() => setBusy(false));
  };
  return (
    <form className="hunt-riddle" onSubmit={submit} noValidate>
      <p className="hunt-question">{t("hunt.clues.riddle", { question })}</p>
      <div className="hunt-row">
        <label htmlFor={inputId} className="visually-hidden">
          {t("hunt.pending.answerLabel")}
        </label>
        <input id={inputId} type="text" autoComplete="off" maxLength={120} value={answer} placeholder={t("hunt.pending.answerLabel")} onChange={(e) => setAnswer(e.target.value)} data-testid="hunt-pending-answer" />
        <button type="submit" className="button small primary" aria-disabled={busy} data-testid="hunt-pending-send">
          {t("hunt.pending.send")}
        </button>
      </div>
    </form>
  );
}

function DoneButton({ onDone }: { onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button small primary"
      aria-disabled={busy}
      data-testid="hunt-task-done"
      onClick={() => {
        if (busy) return;
        setBusy(true);
        void onDone().finally(() => setBusy(false));
      }}
    >
      {t("hunt.pending.done")}
    </button>
  );
}

/** Every clue with its hint and place; found ones ticked, the next one marked. */
function ClueList({ clues, mine }: { clues: HuntClueView[]; mine: HuntMineView | null }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="hunt-section" aria-labelledby={titleId}>
      <h4 id={titleId}>{t("hunt.clues.title")}</h4>
      <ol className="hunt-clues" data-testid="hunt-clues">
        {clues.map((clue) => {
          const status = clueStatus(clue.id, mine);
          return (
            <li key={clue.id} className={`hunt-clue is-${status}`} data-testid="hunt-clue" data-clue-id={clue.id} data-status={status}>
              <span className="hunt-clue-mark" aria-hidden="true">
                {status === "found" ? "✔" : status === "next" ? "➜" : "✦"}
              </span>
              <div className="hunt-clue-body">
                <span className="hunt-clue-name">
                  {clue.name}
                  <span className="hunt-clue-status">
                    {" · "}
                    {status === "found" ? t("hunt.clues.found") : status === "next" ? t("hunt.clues.isNext") : t("hunt.clues.notFound")}
                  </span>
                </span>
                {clue.hint !== "" && <span className="hunt-clue-hint">{clue.hint}</span>}
                <span className="hunt-clue-place">
                  {clue.where.kind === "scene"
                    ? t("hunt.clues.inVenue")
                    : [t("hunt.clues.place", { place: clue.where.place }), clue.where.district, clue.where.address].filter((part) => part !== "").join(" · ")}
                </span>
                {clue.blindBox && <span className="hint">{t("hunt.clues.blindBox")}</span>}
                <span className="hunt-clue-points">{t("hunt.clues.points", { count: clue.points })}</span>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Vouchers({ vouchers }: { vouchers: VoucherView[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="hunt-section" aria-labelledby={titleId} data-testid="hunt-vouchers">
      <h4 id={titleId}>{t("hunt.vouchers.title")}</h4>
      <ul className="hunt-vouchers">
        {vouchers.map((voucher) => (
          <li key={voucher.code} className={`hunt-voucher${voucher.redeemedAt !== null ? " is-redeemed" : ""}`} data-testid="hunt-voucher" data-redeemed={voucher.redeemedAt !== null}>
            <strong>{t("hunt.vouchers.what", { text: voucher.text, partner: voucher.partnerName })}</strong>
            <span className="hint">{t("hunt.vouchers.from", { clue: voucher.clueName })}</span>
            <span className="hunt-voucher-state">{voucher.redeemedAt !== null ? t("hunt.vouchers.redeemed") : t("hunt.vouchers.unused")}</span>
            {voucher.redeemedAt === null && <VoucherQr code={voucher.code} />}
            <code className="hunt-voucher-code">{t("hunt.vouchers.code", { code: voucher.code })}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The voucher's code as a QR image, drawn here (nothing fetched); the code stays as text beside it. */
function VoucherQr({ code }: { code: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    toDataURL(code, { errorCorrectionLevel: "M", margin: 2, width: 320, color: { dark: "#1d2a21", light: "#ffffff" } }).then(
      (url) => current && setSrc(url),
      () => current && setSrc(null),
    );
    return () => {
      current = false;
    };
  }, [code]);
  if (src === null) return null;
  return <img className="hunt-voucher-qr" src={src} alt={t("hunt.vouchers.qr", { code })} width={160} height={160} data-testid="hunt-voucher-qr" />;
}

function Leaderboard({ memberId, mine }: { memberId: string; mine: HuntMineView | null }) {
  const { t } = useTranslation();
  const rows = useHunt((s) => s.public?.leaderboard ?? null);
  const sayDuration = useSayDuration();
  const titleId = useId();
  return (
    <section className="hunt-section" aria-labelledby={titleId}>
      <h4 id={titleId}>{t("hunt.leaderboard.title")}</h4>
      {rows === null || rows.length === 0 ? (
        <p className="hint">{t("hunt.leaderboard.empty")}</p>
      ) : (
        <ol className="hunt-board" data-testid="hunt-leaderboard">
          {rows.map((row, index) => {
            const own = isOwnRow(row, memberId, mine);
            return (
              <li key={`${row.team ? "t" : "m"}:${row.memberId ?? row.name}`} className={`hunt-board-row${own ? " is-self" : ""}`} data-testid="hunt-board-row">
                <span className="hunt-board-rank" aria-hidden="true">
                  {row.rank ?? index + 1}
                </span>
                <span className="hunt-board-name">
                  {row.team && <span className="hunt-team-tag">{t("hunt.leaderboard.team")} </span>}
                  {row.name}
                  {own && <span className="member-tag"> {t("hunt.leaderboard.you")}</span>}
                </span>
                <span className="hunt-board-figure">
                  {row.durationMs !== null ? t("hunt.leaderboard.finished", { duration: sayDuration(row.durationMs) }) : t("hunt.leaderboard.found", { count: row.found })}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
