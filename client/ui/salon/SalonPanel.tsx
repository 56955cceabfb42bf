import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { OPEN_ANSWER_MAX_LENGTH } from "../../../shared/protocol/limits.js";
import { normaliseChat } from "../../../shared/rules/chat.js";
import type { CheckInView, SalonMineView, SalonPublicView } from "../../../shared/rules/salon/types.js";
import { useGrowth, useSalon } from "../../state/hooks.js";
import { energyRef } from "../../state/growth.js";
import { salonAwaits } from "../../state/salon.js";
import { usePanelOpen } from "../../state/panels.js";
import { useVenue } from "../../state/venue.js";
import { DebateSection } from "./DebateSection.js";
import { ownEntry, PollSection } from "./PollSection.js";
import { QaSection } from "./QaSection.js";
import { EnergyButton } from "../growth/EnergyButton.js";
import "./salon.css";

interface SalonPanelProps {
  /** In a drawer (phones): the close button. */
  onClose?: (() => void) | undefined;
  /** On wider screens the heading folds the panel away (remembered for the tab). */
  collapsible?: boolean;
}

/**
 * The member's salon: the stage and their hand, the current poll, the debate, Q&A and the check-in, each section
 * shown only when there is something in it (the stage and Q&A always: a hand can go up and a question be asked at
 * any time). Subscribes to the salon slice alone.
 */
export function SalonPanel({ onClose, collapsible = false }: SalonPanelProps) {
  const { t } = useTranslation();
  const view = useSalon((s) => s.public);
  const mine = useSalon((s) => s.mine);
  const [storedOpen, setOpen] = usePanelOpen("salon");
  const open = !collapsible || storedOpen;
  const headingId = useId();
  const bodyId = useId();
  if (!view) return null;

  return (
    <section className={`panel salon-panel card${open ? "" : " is-collapsed"}`} aria-labelledby={headingId} data-testid="salon-panel">
      <div className="panel-header">
        {collapsible ? (
          <h2 id={headingId} className="panel-heading">
            <button
              type="button"
              className="panel-toggle"
              aria-expanded={open}
              aria-controls={bodyId}
              data-testid="salon-panel-toggle"
              onClick={() => setOpen(!open)}
            >
              <span>
                <span aria-hidden="true">☕ </span>
                {t("salon.title")}
              </span>
              <span className="panel-chevron" aria-hidden="true">
                {open ? "▾" : "▸"}
              </span>
            </button>
          </h2>
        ) : (
          <h2 id={headingId}>{t("salon.title")}</h2>
        )}
        {onClose && (
          <button type="button" className="icon-button" onClick={onClose} aria-label={t("hud.close")}>
            ✕
          </button>
        )}
      </div>
      <div id={bodyId} className="salon-body" hidden={!open}>
        <StageSection view={view} mine={mine} />
        {view.checkIn && (view.checkIn.open || ownEntry(mine?.checkedIn, view.checkIn.id) !== undefined) && (
          <CheckInSection key={view.checkIn.id} checkIn={view.checkIn} streak={ownEntry(mine?.checkedIn, view.checkIn.id)} />
        )}
        {view.poll && <PollSection key={view.poll.id} poll={view.poll} mine={mine} leaderboard={view.leaderboard} />}
        {view.debate && <DebateSection debate={view.debate} mine={mine} />}
        <QaSection questions={view.questions} hiddenQuestions={view.hiddenQuestions} experts={view.experts} mine={mine} />
      </div>
    </section>
  );
}

/** The hand (a toggle), the member's place in the queue, and who is speaking. */
function StageSection({ view, mine }: { view: SalonPublicView; mine: SalonMineView | null }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const headingId = useId();
  const hintId = useId();
  const hand = mine?.hand ?? "none";
  const raised = hand === "raised";
  const speakers = view.stage.speakers;
  const selfMemberId = useGrowth((s) => s.selfMemberId);
  return (
    <section className="salon-section salon-stage" aria-labelledby={headingId} data-testid="salon-stage" data-hand={hand}>
      <h3 id={headingId} className="salon-section-title">
        {t("salon.stage.title")}
      </h3>
      {hand === "speaking" ? (
        <div className="salon-on-stage" data-testid="salon-on-stage">
          <p className="salon-mine">🎤 {t("salon.stage.speaking")}</p>
          <p className="hint">{t("salon.stage.speakingHint")}</p>
        </div>
      ) : (
        <div className="salon-hand-row">
          <button
            type="button"
            className={`button small salon-hand${raised ? " is-on" : ""}`}
            aria-pressed={raised}
            aria-describedby={raised ? hintId : undefined}
            data-testid="salon-hand"
            onClick={() => (raised ? connection.send("lowerHand", {}) : connection.send("raiseHand", {}))}
          >
            <span aria-hidden="true">✋ </span>
            {t("salon.stage.raiseHand")}
          </button>
          {raised && (
            <div id={hintId} className="salon-hand-status">
              {mine?.queuePlace != null && (
                <p className="salon-mine" data-testid="salon-queue-place" data-place={mine.queuePlace}>
                  {t("salon.stage.queuePlace", { count: mine.queuePlace, ordinal: true })}
                </p>
              )}
              <p className="hint">{t("salon.stage.handUpHint")}</p>
            </div>
          )}
        </div>
      )}
      <div className="salon-speakers">
        <span className="salon-label">{t("salon.stage.speakersNow")}</span>
        {speakers.length === 0 ? (
          <span className="hint"> {t("salon.stage.nobody")}</span>
        ) : (
          <ul className="salon-speaker-list" data-testid="salon-speakers">
            {speakers.map((speaker) => (
              <li key={speaker.memberId} data-member-id={speaker.memberId}>
                <span aria-hidden="true">🎤 </span>
                {speaker.name}
                <EnergyButton
                  target="speaker"
                  id={speaker.memberId}
                  contributionRef={energyRef("speaker", speaker.memberId, speaker.since)}
                  own={speaker.memberId === selfMemberId}
                  name={speaker.name}
                />
              </li>
            ))}
          </ul>
        )}
        {view.stage.queue.length > 0 && (
          <span className="hint salon-hands-count" data-testid="salon-hands-count" data-count={view.stage.queue.length}>
            {t("salon.stage.hands", { count: view.stage.queue.length })}
          </span>
        )}
      </div>
    </section>
  );
}

/** The check-in's prompt and answer; once in, the member's streak. */
function CheckInSection({ checkIn, streak }: { checkIn: CheckInView; streak: number | undefined }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const headingId = useId();
  const fieldId = useId();
  const errorId = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalised = normaliseChat(text) ?? "";
    if (normalised.length > OPEN_ANSWER_MAX_LENGTH) return setError(t("salon.poll.tooLong", { max: OPEN_ANSWER_MAX_LENGTH }));
    connection.send("checkIn", { checkInId: checkIn.id, text: normalised });
  };

  return (
    <section className="salon-section salon-checkin" aria-labelledby={headingId} data-testid="salon-checkin" data-check-in-id={checkIn.id}>
      <h3 id={headingId} className="salon-section-title">
        {t("salon.checkIn.title")}
      </h3>
      <p className="salon-question">{checkIn.prompt}</p>
      {streak !== undefined ? (
        <p className="salon-streak" data-testid="salon-streak" data-streak={streak}>
          {t("salon.checkIn.streak", { count: streak })}
        </p>
      ) : checkIn.open ? (
        <form className="salon-form" onSubmit={submit} data-testid="salon-checkin-form">
          <label htmlFor={fieldId} className="salon-label">
            {t("salon.checkIn.answerLabel")}
          </label>
          <div className="salon-inline">
            <input
              id={fieldId}
              type="text"
              autoComplete="off"
              value={text}
              data-testid="salon-checkin-input"
              aria-invalid={error !== null}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => {
                setText(e.target.value);
                setError(null);
              }}
            />
            <button type="submit" className="button primary small" data-testid="salon-checkin-submit">
              {t("salon.checkIn.submit")}
            </button>
          </div>
          {error && (
            <p id={errorId} className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      ) : (
        <p className="hint">{t("salon.checkIn.closed")}</p>
      )}
      <p className="hint" data-testid="salon-checkin-count" data-count={checkIn.count}>
        {t("salon.checkIn.count", { count: checkIn.count })}
      </p>
    </section>
  );
}

/** The phone's drawer button for the salon, with a dot while something waits for the member. */
export function SalonToggleLabel() {
  const { t } = useTranslation();
  const awaits = useSalon(salonAwaits);
  return (
    <>
      {t("salon.open")}
      {awaits && (
        <>
          <span className="salon-dot" aria-hidden="true" data-testid="salon-awaits" />
          <span className="visually-hidden">{t("salon.awaits")}</span>
        </>
      )}
    </>
  );
}
