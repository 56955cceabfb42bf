import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  CHECK_IN_PROMPT_MAX_LENGTH,
  DEBATE_SIDE_MAX_LENGTH,
  POLL_OPTION_MAX_LENGTH,
  POLL_QUESTION_MAX_LENGTH,
  SCREEN_URL_MAX_LENGTH,
} from "../../../shared/protocol/limits.js";
import type { IntentPayload } from "../../../shared/protocol/index.js";
import { pollProblem } from "../../../shared/rules/salon/polls.js";
import { screenSource } from "../../../shared/rules/salon/screen.js";
import {
  MAX_SPEAKER_LIMIT,
  POLL_MAX_OPTIONS,
  POLL_MIN_OPTIONS,
  type DebatePhase,
  type DebateView,
  type HostQuestionView,
  type PollKind,
  type SalonHostView,
  type SalonPublicView,
  type Screen,
} from "../../../shared/rules/salon/types.js";
import { useSalon, useScreenPlayer } from "../../state/hooks.js";
import { formatCountdown, formatPosition, pollAcceptsVotes, remainingMs, screenPositionAt } from "../../state/salonClock.js";
import { playerPosition } from "../../state/salonScreen.js";
import { useVenue } from "../../state/venue.js";
import { DebateCounts, SwingLine } from "./DebateSection.js";
import { OptionResult } from "./PollSection.js";
import { useServerNow } from "./useServerNow.js";
import { SpeakerAudioButton } from "../voice/HostVoice.js";
import "./salon.css";

const POLL_KINDS: readonly PollKind[] = ["single", "multiple", "quiz", "open"];
const DEBATE_PHASES: readonly DebatePhase[] = ["before", "discussion", "after", "closed"];
/** Time limits offered for a poll, in seconds (null: until the host closes it). */
const DURATIONS: readonly (number | null)[] = [null, 15, 30, 60, 120, 300];
const SEEK_STEP_S = 10;

/** One folding part of the host's salon tools (a native disclosure: keyboard and screen readers know it). */
function Part({ title, testId, open = false, children }: { title: string; testId: string; open?: boolean; children: ReactNode }) {
  return (
    <details className="host-salon-part" open={open} data-testid={testId}>
      <summary className="host-salon-summary">{title}</summary>
      <div className="host-salon-body">{children}</div>
    </details>
  );
}

/**
 * The host console's salon tools: the speaker queue and stage, polls (compose, watch, close, lock, show results,
 * hide a word), the debate, Q&A moderation, the check-in and the stage screen. Every action is an intent the
 * server checks again; refusals arrive as toasts.
 */
export function HostSalonControls() {
  const { t } = useTranslation();
  const view = useSalon((s) => s.public);
  const host = useSalon((s) => s.host);
  if (!view) return null;
  return (
    <div className="host-salon" data-testid="host-salon">
      <h3>{t("salon.host.title")}</h3>
      <Part title={t("salon.host.stage.title")} testId="host-salon-stage" open>
        <StageControls view={view} />
      </Part>
      <Part title={t("salon.host.poll.title")} testId="host-salon-poll" open>
        <PollComposer host={host} />
        {host?.poll && <CurrentPoll poll={host.poll} />}
      </Part>
      <Part title={t("salon.host.debate.title")} testId="host-salon-debate">
        <DebateControls debate={view.debate} />
      </Part>
      <Part title={t("salon.host.qa.title")} testId="host-salon-qa">
        <QaControls questions={host?.questions ?? []} experts={view.experts} />
      </Part>
      <Part title={t("salon.host.checkIn.title")} testId="host-salon-checkin">
        <CheckInControls view={view} host={host} />
      </Part>
      <Part title={t("salon.host.screen.title")} testId="host-salon-screen">
        <ScreenControls screen={view.screen} />
      </Part>
    </div>
  );
}

function StageControls({ view }: { view: SalonPublicView }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const limitId = useId();
  const { queue, speakers, speakerLimit } = view.stage;
  const [limit, setLimit] = useState(String(speakerLimit));
  const [shownLimit, setShownLimit] = useState(speakerLimit);
  // Another host (or this one) changed the limit: the field shows the new one.
  if (shownLimit !== speakerLimit) {
    setShownLimit(speakerLimit);
    setLimit(String(speakerLimit));
  }
  const full = speakers.length >= speakerLimit;
  return (
    <>
      <h4>{t("salon.host.stage.speakers")}</h4>
      {speakers.length === 0 ? (
        <p className="hint">{t("salon.host.stage.noSpeakers")}</p>
      ) : (
        <ul className="host-salon-list" data-testid="host-speakers">
          {speakers.map((speaker) => (
            <li key={speaker.memberId} className="host-salon-row" data-testid="host-speaker" data-member-id={speaker.memberId}>
              <span className="host-salon-name">
                {speaker.audioMuted === true ? "🔇" : "🎤"} {speaker.name}
                {speaker.audioMuted === true && <span className="visually-hidden">{`, ${t("voice.host.audioMuted")}`}</span>}
              </span>
              <span className="host-salon-actions">
                <SpeakerAudioButton speaker={speaker} />
                <button type="button" className="button small ghost" data-testid="host-send-back" onClick={() => connection.send("returnSpeaker", { memberId: speaker.memberId })}>
                  {t("salon.host.stage.sendBack")}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <h4>{t("salon.host.stage.queue")}</h4>
      {queue.length === 0 ? (
        <p className="hint">{t("salon.host.stage.emptyQueue")}</p>
      ) : (
        <ol className="host-salon-list" data-testid="host-queue">
          {queue.map((hand) => (
            <li key={hand.memberId} className="host-salon-row" data-testid="host-queued" data-member-id={hand.memberId}>
              <span className="host-salon-name">✋ {hand.name}</span>
              <span className="host-salon-actions">
                <button
                  type="button"
                  className="button small"
                  data-testid="host-invite"
                  aria-describedby={full ? limitId : undefined}
                  onClick={() => connection.send("inviteSpeaker", { memberId: hand.memberId })}
                >
                  {t("salon.host.stage.invite")}
                </button>
                <button type="button" className="button small ghost" data-testid="host-lower-hand" onClick={() => connection.send("lowerHand", { memberId: hand.memberId })}>
                  {t("salon.host.stage.lower")}
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <form
        className="host-salon-inline"
        onSubmit={(e) => {
          e.preventDefault();
          const value = Number(limit);
          if (Number.isInteger(value) && value >= 1 && value <= MAX_SPEAKER_LIMIT) connection.send("setSpeakerLimit", { limit: value });
        }}
      >
        <label className="host-label">
          {t("salon.host.stage.limit")}{" "}
          <input type="number" min={1} max={MAX_SPEAKER_LIMIT} step={1} value={limit} data-testid="host-speaker-limit" onChange={(e) => setLimit(e.target.value)} />
        </label>
        <button type="submit" className="button small" data-testid="host-set-limit">
          {t("salon.host.stage.setLimit")}
        </button>
      </form>
      <p id={limitId} className="hint" data-testid="host-limit-now" data-limit={speakerLimit}>
        {t("salon.host.stage.limitNow", { count: speakerLimit })}
        {full && ` · ${t("salon.host.stage.full")}`}
      </p>
    </>
  );
}

function PollComposer({ host }: { host: SalonHostView | null }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const ids = { kind: useId(), question: useId(), duration: useId(), error: useId(), options: useId() };
  const [kind, setKind] = useState<PollKind>("single");
  const [question, setQuestion] = useState("");
  const [options, setOptions] = useState<string[]>(["", ""]);
  const [correct, setCorrect] = useState(0);
  const [duration, setDuration] = useState<number | null>(null);
  const [resultsShown, setResultsShown] = useState(true);
  const [invalid, setInvalid] = useState(false);
  const sentFor = useRef<string | null>(null);
  const currentId = host?.poll?.id ?? null;

  // The poll this host opened arrived: the composer empties for the next one (a refusal keeps it).
  useEffect(() => {
    if (sentFor.current !== null && currentId !== null && currentId !== sentFor.current) {
      sentFor.current = null;
      setQuestion("");
      setOptions(["", ""]);
      setCorrect(0);
    }
  }, [currentId]);

  const choices = kind !== "open";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const texts = choices ? options.map((o) => o.trim()) : [];
    const detail = { kind, question: question.trim(), options: texts, correct: kind === "quiz" ? [correct] : [], durationMs: duration === null ? null : duration * 1000, resultsShown };
    if (pollProblem(detail) !== null) {
      setInvalid(true);
      return;
    }
    const intent: IntentPayload<"openPoll"> = { kind, question: detail.question, options: texts, durationSec: duration, resultsShown };
    if (kind === "quiz") intent.correct = correct;
    if (connection.send("openPoll", intent)) sentFor.current = currentId ?? "";
  };
  const edit = (fn: () => void) => {
    setInvalid(false);
    fn();
  };

  return (
    <form className="host-salon-form" onSubmit={submit} data-testid="host-poll-composer">
      <label htmlFor={ids.kind} className="host-label">
        {t("salon.host.poll.kind")}
      </label>
      <select id={ids.kind} value={kind} data-testid="host-poll-kind" onChange={(e) => edit(() => setKind(e.target.value as PollKind))}>
        {POLL_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`salon.host.poll.kinds.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor={ids.question} className="host-label">
        {t("salon.host.poll.question")}
      </label>
      <input
        id={ids.question}
        type="text"
        value={question}
        maxLength={POLL_QUESTION_MAX_LENGTH}
        data-testid="host-poll-question"
        aria-invalid={invalid}
        aria-describedby={invalid ? ids.error : undefined}
        onChange={(e) => edit(() => setQuestion(e.target.value))}
      />
      {choices && (
        <fieldset className="host-salon-options" aria-describedby={invalid ? ids.error : undefined}>
          <legend className="host-label">
            {t("salon.host.poll.options")}
            {kind === "quiz" && <span className="hint"> · {t("salon.host.poll.correct")}</span>}
          </legend>
          {options.map((text, i) => (
            <div key={i} className="host-salon-option" data-testid="host-poll-option">
              {kind === "quiz" && (
                <input
                  type="radio"
                  name={ids.options}
                  checked={correct === i}
                  aria-label={t("salon.host.poll.correctFor", { number: i + 1 })}
                  data-testid="host-poll-correct"
                  onChange={() => edit(() => setCorrect(i))}
                />
              )}
              <input
                type="text"
                value={text}
                maxLength={POLL_OPTION_MAX_LENGTH}
                aria-label={t("salon.host.poll.option", { number: i + 1 })}
                data-testid="host-poll-option-input"
                onChange={(e) => edit(() => setOptions((all) => all.map((o, j) => (j === i ? e.target.value : o))))}
              />
              {options.length > POLL_MIN_OPTIONS && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t("salon.host.poll.removeOption", { number: i + 1 })}
                  data-testid="host-poll-remove-option"
                  onClick={() =>
                    edit(() => {
                      setOptions((all) => all.filter((_, j) => j !== i));
                      setCorrect((c) => (c === i ? 0 : c > i ? c - 1 : c));
                    })
                  }
                >
                  ✕
                </button>
              )}
            </div>
          ))}
          {options.length < POLL_MAX_OPTIONS && (
            <button type="button" className="button small ghost" data-testid="host-poll-add-option" onClick={() => edit(() => setOptions((all) => [...all, ""]))}>
              + {t("salon.host.poll.addOption")}
            </button>
          )}
        </fieldset>
      )}
      <label htmlFor={ids.duration} className="host-label">
        {t("salon.host.poll.duration")}
      </label>
      <select
        id={ids.duration}
        value={duration === null ? "" : String(duration)}
        data-testid="host-poll-duration"
        onChange={(e) => setDuration(e.target.value === "" ? null : Number(e.target.value))}
      >
        {DURATIONS.map((d) => (
          <option key={d ?? "none"} value={d === null ? "" : String(d)}>
            {d === null ? t("salon.host.poll.noLimit") : d < 60 ? t("salon.host.poll.durationSeconds", { count: d }) : t("salon.host.poll.durationMinutes", { count: d / 60 })}
          </option>
        ))}
      </select>
      <label className="salon-check">
        <input type="checkbox" checked={resultsShown} data-testid="host-poll-results-shown" onChange={(e) => setResultsShown(e.target.checked)} />
        {t("salon.host.poll.showResults")}
      </label>
      {host?.poll?.open === true && <p className="hint">{t("salon.host.poll.replaces")}</p>}
      <div className="host-form-row">
        <span />
        <button type="submit" className="button primary small" data-testid="host-poll-open">
          {t("salon.host.poll.open")}
        </button>
      </div>
      {invalid && (
        <p id={ids.error} className="field-error" role="alert" data-testid="host-poll-error">
          {t("errors.INVALID_POLL")}
        </p>
      )}
    </form>
  );
}

function CurrentPoll({ poll }: { poll: NonNullable<SalonHostView["poll"]> }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const now = useServerNow(poll.open && poll.closesAt !== null);
  const open = pollAcceptsVotes(poll, now);
  const left = remainingMs(poll.closesAt, now);
  return (
    <div className="host-salon-current" data-testid="host-poll-current" data-poll-id={poll.id} data-open={open ? "true" : "false"}>
      <h4>{t("salon.host.poll.current")}</h4>
      <p className="salon-question">{poll.question}</p>
      <p className="hint">
        {t(`salon.host.poll.kinds.${poll.kind}`)} · {open ? t("salon.host.poll.open_state") : t("salon.host.poll.closed_state")}
        {open && left !== null && ` · ${t("salon.poll.timeLeft", { time: formatCountdown(left) })}`} ·{" "}
        {t(poll.kind === "open" ? "salon.poll.answers" : "salon.poll.voters", { count: poll.voters })}
      </p>
      {poll.kind !== "open" && (
        <ul className="salon-options is-results">
          {poll.options.map((option) => (
            <li key={option.id} className={`salon-option${poll.correct?.includes(option.id) === true ? " is-correct" : ""}`} data-testid="host-poll-result" data-option-id={option.id} data-votes={option.votes ?? ""}>
              <span className="salon-option-body">
                <span className="salon-option-text">{option.text}</span>
                <OptionResult option={option} voters={poll.voters} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {poll.kind === "open" && <HostWords poll={poll} />}
      <div className="host-salon-actions">
        {open && (
          <button type="button" className="button small" data-testid="host-poll-close" onClick={() => connection.send("closePoll", { pollId: poll.id })}>
            {t("salon.host.poll.close")}
          </button>
        )}
        <button
          type="button"
          className={`button small${poll.locked ? " is-on" : ""}`}
          aria-pressed={poll.locked}
          data-testid="host-poll-lock"
          onClick={() => connection.send("lockPoll", { pollId: poll.id, locked: !poll.locked })}
        >
          🔒 {t("salon.host.poll.lock")}
        </button>
        <button
          type="button"
          className={`button small${poll.resultsShown ? " is-on" : ""}`}
          aria-pressed={poll.resultsShown}
          data-testid="host-poll-show-results"
          onClick={() => connection.send("showPollResults", { pollId: poll.id, shown: !poll.resultsShown })}
        >
          📊 {t("salon.host.poll.resultsShown")}
        </button>
      </div>
    </div>
  );
}

/** The word cloud's words with a Hide button each, and the hidden ones with Show. */
function HostWords({ poll }: { poll: NonNullable<SalonHostView["poll"]> }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const words = poll.words ?? [];
  return (
    <>
      <h4>{t("salon.host.poll.words")}</h4>
      {words.length === 0 ? (
        <p className="hint">{t("salon.host.poll.noWords")}</p>
      ) : (
        <ul className="host-words" data-testid="host-words">
          {words.map((w) => (
            <li key={w.word} className="host-word" data-word={w.word} data-count={w.count}>
              <span>
                {w.word} <span className="word-cloud-count">{w.count}</span>
              </span>
              <button
                type="button"
                className="icon-button"
                aria-label={t("salon.host.poll.hideWord", { word: w.word })}
                data-testid="host-hide-word"
                onClick={() => connection.send("hideWord", { pollId: poll.id, word: w.word, hidden: true })}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {poll.hiddenWords.length > 0 && (
        <>
          <h4>{t("salon.host.poll.hiddenWords")}</h4>
          <ul className="host-words is-hidden" data-testid="host-hidden-words">
            {poll.hiddenWords.map((word) => (
              <li key={word} className="host-word" data-word={word}>
                <span>{word}</span>
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={t("salon.host.poll.showWord", { word })}
                  data-testid="host-show-word"
                  onClick={() => connection.send("hideWord", { pollId: poll.id, word, hidden: false })}
                >
                  ↺
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function DebateControls({ debate }: { debate: DebateView | null }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const ids = { motion: useId(), a: useId(), b: useId(), error: useId(), phase: useId() };
  const [motion, setMotion] = useState("");
  const [sideA, setSideA] = useState("");
  const [sideB, setSideB] = useState("");
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = motion.trim();
    if (text.length === 0) {
      setInvalid(true);
      return;
    }
    const sides: [string, string] = [sideA.trim() || t("salon.host.debate.defaultFor"), sideB.trim() || t("salon.host.debate.defaultAgainst")];
    if (connection.send("openDebate", { motion: text, sides })) setMotion("");
  };

  return (
    <>
      {debate && (
        <div className="host-salon-current" data-testid="host-debate-current" data-debate-id={debate.id} data-phase={debate.phase}>
          <p className="salon-question">{debate.motion}</p>
          <div className="host-salon-actions" role="group" aria-labelledby={ids.phase}>
            <span id={ids.phase} className="host-label">
              {t("salon.host.debate.phase")}
            </span>
            {DEBATE_PHASES.map((phase) => (
              <button
                key={phase}
                type="button"
                className={`button small${debate.phase === phase ? " is-on" : ""}`}
                aria-pressed={debate.phase === phase}
                data-testid="host-debate-phase"
                data-phase={phase}
                onClick={() => {
                  if (debate.phase !== phase) connection.send("setDebatePhase", { debateId: debate.id, phase });
                }}
              >
                {t(`salon.host.debate.phases.${phase}`)}
              </button>
            ))}
          </div>
          <DebateCounts debate={debate} />
          <SwingLine swing={debate.swing} />
        </div>
      )}
      <form className="host-salon-form" onSubmit={submit} data-testid="host-debate-composer">
        <label htmlFor={ids.motion} className="host-label">
          {t("salon.host.debate.motion")}
        </label>
        <input
          id={ids.motion}
          type="text"
          value={motion}
          maxLength={POLL_QUESTION_MAX_LENGTH}
          data-testid="host-debate-motion"
          aria-invalid={invalid}
          aria-describedby={invalid ? ids.error : undefined}
          onChange={(e) => {
            setMotion(e.target.value);
            setInvalid(false);
          }}
        />
        <div className="host-salon-pair">
          <label className="host-label">
            {t("salon.host.debate.sideA")}
            <input type="text" value={sideA} maxLength={DEBATE_SIDE_MAX_LENGTH} placeholder={t("salon.host.debate.defaultFor")} data-testid="host-debate-side-a" onChange={(e) => setSideA(e.target.value)} />
          </label>
          <label className="host-label">
            {t("salon.host.debate.sideB")}
            <input type="text" value={sideB} maxLength={DEBATE_SIDE_MAX_LENGTH} placeholder={t("salon.host.debate.defaultAgainst")} data-testid="host-debate-side-b" onChange={(e) => setSideB(e.target.value)} />
          </label>
        </div>
        <div className="host-form-row">
          <span />
          <button type="submit" className="button primary small" data-testid="host-debate-open">
            {t("salon.host.debate.open")}
          </button>
        </div>
        {invalid && (
          <p id={ids.error} className="field-error" role="alert">
            {t("errors.EMPTY_MESSAGE")}
          </p>
        )}
      </form>
    </>
  );
}

function QaControls({ questions, experts }: { questions: readonly HostQuestionView[]; experts: SalonPublicView["experts"] }) {
  const { t } = useTranslation();
  if (questions.length === 0) return <p className="hint">{t("salon.host.qa.none")}</p>;
  const expertIds = new Set(experts.map((e) => e.memberId));
  return (
    <ol className="host-salon-list host-questions" data-testid="host-questions">
      {questions.map((question) => (
        <HostQuestion key={question.id} question={question} expert={expertIds.has(question.authorId)} />
      ))}
    </ol>
  );
}

function HostQuestion({ question, expert }: { question: HostQuestionView; expert: boolean }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const moderate = (action: IntentPayload<"moderateQuestion">["action"]) => connection.send("moderateQuestion", { questionId: question.id, action });
  const toggle = (on: boolean, label: string, onAction: IntentPayload<"moderateQuestion">["action"], offAction: IntentPayload<"moderateQuestion">["action"], testId: string) => (
    <button type="button" className={`button small${on ? " is-on" : ""}`} aria-pressed={on} data-testid={testId} onClick={() => moderate(on ? offAction : onAction)}>
      {label}
    </button>
  );
  return (
    <li
      className={`host-question${question.hidden ? " is-hidden" : ""}`}
      data-testid="host-question"
      data-question-id={question.id}
      data-hidden={question.hidden ? "true" : "false"}
      data-pinned={question.pinned ? "true" : "false"}
      data-answered={question.answered ? "true" : "false"}
    >
      <p className="salon-question-text">{question.text}</p>
      <p className="salon-question-meta">
        <span data-testid="host-question-asker">{t("salon.host.qa.askedBy", { name: question.askedBy })}</span>
        {question.anonymous && <span className="salon-tag">{t("salon.host.qa.anonymousMark")}</span>}
        {question.hidden && <span className="salon-tag">{t("salon.host.qa.hiddenMark")}</span>}
        {expert && <span className="salon-mark is-expert">🎓 {t("salon.host.qa.expertShort")}</span>}
        <span>▲ {t("salon.host.qa.votes", { count: question.votes })}</span>
      </p>
      <div className="host-salon-actions">
        {toggle(question.pinned, `📌 ${t("salon.host.qa.pin")}`, "pin", "unpin", "host-question-pin")}
        {toggle(question.answered, `✓ ${t("salon.host.qa.answer")}`, "answer", "unanswer", "host-question-answer")}
        {toggle(question.hidden, t("salon.host.qa.hide"), "hide", "unhide", "host-question-hide")}
        <button
          type="button"
          className={`button small${expert ? " is-on" : ""}`}
          aria-pressed={expert}
          data-testid="host-question-expert"
          onClick={() => connection.send("setExpert", { memberId: question.authorId, expert: !expert })}
        >
          🎓 {t("salon.host.qa.expert", { name: question.askedBy })}
        </button>
      </div>
    </li>
  );
}

function CheckInControls({ view, host }: { view: SalonPublicView; host: SalonHostView | null }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const promptId = useId();
  const [prompt, setPrompt] = useState("");
  const checkIn = view.checkIn;
  const answers = host?.checkInAnswers ?? [];
  return (
    <>
      {checkIn && (
        <div className="host-salon-current" data-testid="host-checkin-current" data-check-in-id={checkIn.id} data-open={checkIn.open ? "true" : "false"}>
          <p className="salon-question">{checkIn.prompt}</p>
          <p className="hint" data-testid="host-checkin-count" data-count={checkIn.count}>
            {t("salon.checkIn.count", { count: checkIn.count })}
          </p>
          {checkIn.open && (
            <button type="button" className="button small" data-testid="host-checkin-close" onClick={() => connection.send("closeCheckIn", { checkInId: checkIn.id })}>
              {t("salon.host.checkIn.close")}
            </button>
          )}
          <h4>{t("salon.host.checkIn.answers")}</h4>
          {answers.length === 0 ? (
            <p className="hint">{t("salon.host.checkIn.none")}</p>
          ) : (
            <ul className="host-salon-list" data-testid="host-checkin-answers">
              {answers.map((answer) => (
                <li key={answer.memberId} className="host-checkin-answer" data-member-id={answer.memberId} data-streak={answer.streak}>
                  <span className="host-salon-name">{answer.name}</span>
                  {answer.text && <span> — {answer.text}</span>}
                  <span className="salon-tag">🔥 {t("salon.host.checkIn.streak", { count: answer.streak })}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form
        className="host-salon-form"
        data-testid="host-checkin-composer"
        onSubmit={(e) => {
          e.preventDefault();
          if (prompt.trim().length > 0 && connection.send("openCheckIn", { prompt: prompt.trim() })) setPrompt("");
        }}
      >
        <label htmlFor={promptId} className="host-label">
          {t("salon.host.checkIn.prompt")}
        </label>
        <input
          id={promptId}
          type="text"
          value={prompt}
          maxLength={CHECK_IN_PROMPT_MAX_LENGTH}
          placeholder={t("salon.host.checkIn.placeholder")}
          data-testid="host-checkin-prompt"
          onChange={(e) => setPrompt(e.target.value)}
        />
        <div className="host-form-row">
          <span />
          <button type="submit" className="button primary small" data-testid="host-checkin-open">
            {t("salon.host.checkIn.open")}
          </button>
        </div>
      </form>
    </>
  );
}

function ScreenControls({ screen }: { screen: Screen | null }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const urlId = useId();
  const hintId = useId();
  const errorId = useId();
  const [url, setUrl] = useState("");
  const [invalid, setInvalid] = useState(false);
  return (
    <>
      <form
        className="host-salon-form"
        data-testid="host-screen-form"
        onSubmit={(e) => {
          e.preventDefault();
          const source = screenSource(url.trim());
          if (source === null) {
            setInvalid(true);
            return;
          }
          if (connection.send("setScreen", { url: source.url })) setUrl("");
        }}
      >
        <label htmlFor={urlId} className="host-label">
          {t("salon.host.screen.url")}
        </label>
        <input
          id={urlId}
          type="text"
          inputMode="url"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          value={url}
          maxLength={SCREEN_URL_MAX_LENGTH}
          data-testid="host-screen-url"
          aria-invalid={invalid}
          aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
          onChange={(e) => {
            setUrl(e.target.value);
            setInvalid(false);
          }}
        />
        <p id={hintId} className="hint">
          {t("salon.host.screen.urlHint")}
        </p>
        <div className="host-form-row">
          {screen ? (
            <button type="button" className="button small ghost" data-testid="host-screen-clear" onClick={() => connection.send("setScreen", { url: null })}>
              {t("salon.host.screen.clear")}
            </button>
          ) : (
            <span className="hint">{t("salon.host.screen.nothing")}</span>
          )}
          <button type="submit" className="button primary small" data-testid="host-screen-set">
            {t("salon.host.screen.set")}
          </button>
        </div>
        {invalid && (
          <p id={errorId} className="field-error" role="alert">
            {t("errors.INVALID_URL")}
          </p>
        )}
      </form>
      {screen && <Playback key={screen.url} screen={screen} />}
    </>
  );
}

/** Play, pause and seek: each sends the position from the host's own player, or the synced one without it. */
function Playback({ screen }: { screen: Screen }) {
  const { t } = useTranslation();
  const { connection, stores } = useVenue();
  const offset = useSalon((s) => s.clockOffsetMs);
  const duration = useScreenPlayer((p) => (p.url === screen.url ? p.duration : null));
  useServerNow(screen.playing);
  const rangeId = useId();
  const [scrub, setScrub] = useState<number | null>(null);
  const position = () => playerPosition(stores.screenPlayer.getState(), screen.url) ?? screenPositionAt(screen, Date.now(), offset);
  const now = position();
  const max = duration ?? Math.max(600, Math.ceil(now) + 300);
  const clamp = (s: number) => Math.max(0, Math.min(max, s));
  const send = (playing: boolean, at: number) => connection.send("screenPlayback", { playing, position: Math.round(clamp(at) * 10) / 10 });
  const commit = () => {
    if (scrub === null) return;
    send(screen.playing, scrub);
    setScrub(null);
  };
  const shown = scrub ?? now;

  return (
    <div className="host-salon-current" data-testid="host-screen-playback" data-playing={screen.playing ? "true" : "false"}>
      <p className="hint">
        {screen.playing ? t("salon.host.screen.playing") : t("salon.host.screen.paused")} ·{" "}
        <span data-testid="host-screen-position">
          {t("salon.host.screen.positionValue", { position: formatPosition(shown), duration: duration === null ? "–" : formatPosition(duration) })}
        </span>
      </p>
      <label htmlFor={rangeId} className="host-label">
        {t("salon.host.screen.position")}
      </label>
      <input
        id={rangeId}
        type="range"
        min={0}
        max={max}
        step={1}
        value={Math.round(clamp(shown))}
        aria-valuetext={formatPosition(shown)}
        data-testid="host-screen-seek"
        onChange={(e) => setScrub(Number(e.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <div className="host-salon-actions">
        <button type="button" className="button small" data-testid="host-screen-back" onClick={() => send(screen.playing, position() - SEEK_STEP_S)}>
          ⏪ {t("salon.host.screen.back")}
        </button>
        <button type="button" className="button small primary" data-testid="host-screen-play" onClick={() => send(!screen.playing, position())}>
          {screen.playing ? `⏸ ${t("salon.host.screen.pause")}` : `▶ ${t("salon.host.screen.play")}`}
        </button>
        <button type="button" className="button small" data-testid="host-screen-forward" onClick={() => send(screen.playing, position() + SEEK_STEP_S)}>
          {t("salon.host.screen.forward")} ⏩
        </button>
      </div>
    </div>
  );
}
