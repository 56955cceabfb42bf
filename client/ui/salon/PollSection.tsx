import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { OPEN_ANSWER_MAX_LENGTH } from "../../../shared/protocol/limits.js";
import { normaliseChat } from "../../../shared/rules/chat.js";
import type { LeaderboardEntry, PollOptionView, PollView, SalonMineView, WordCount } from "../../../shared/rules/salon/types.js";
import { formatCountdown, percentOf, pollAcceptsVotes, remainingMs } from "../../state/salonClock.js";
import { useVenue } from "../../state/venue.js";
import { useServerNow } from "./useServerNow.js";

const NONE: readonly string[] = [];

/** A member's own entry of a record keyed by server ids (read with hasOwn: the ids are the server's). */
export function ownEntry<V>(record: Readonly<Record<string, V>> | undefined, id: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, id) ? record[id] : undefined;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

interface PollSectionProps {
  poll: PollView;
  mine: SalonMineView | null;
  leaderboard: readonly LeaderboardEntry[];
}

/**
 * The current poll as a member answers it: radio buttons (single choice, quiz), checkboxes (multiple choice) or a
 * short text (word cloud); the live results once they are shown, the countdown, and after a quiz closes the correct
 * answer, the member's points and the leaderboard.
 */
export function PollSection({ poll, mine, leaderboard }: PollSectionProps) {
  const { t } = useTranslation();
  const timed = poll.open && poll.closesAt !== null;
  const now = useServerNow(timed);
  const accepting = pollAcceptsVotes(poll, now);
  const left = remainingMs(poll.closesAt, now);
  const chosen = ownEntry(mine?.votes, poll.id) ?? NONE;
  const headingId = useId();
  const voted = poll.kind === "open" ? ownEntry(mine?.answers, poll.id) !== undefined : chosen.length > 0;
  // A locked poll still takes a first vote, never a change.
  const canVote = accepting && !(poll.locked && voted);

  return (
    <section className="salon-section salon-poll" aria-labelledby={headingId} data-testid="salon-poll" data-poll-id={poll.id} data-kind={poll.kind} data-open={accepting ? "true" : "false"}>
      <h3 id={headingId} className="salon-section-title">
        {t(`salon.poll.kinds.${poll.kind}`)}
      </h3>
      <div className="salon-status">
        <span data-testid="salon-poll-voters" data-count={poll.voters}>
          {t(poll.kind === "open" ? "salon.poll.answers" : "salon.poll.voters", { count: poll.voters })}
        </span>
        {accepting && left !== null && (
          <span className="salon-countdown" role="timer" aria-label={t("salon.poll.timeLeftSpoken", { time: formatCountdown(left) })} data-testid="salon-countdown">
            ⏱ {t("salon.poll.timeLeft", { time: formatCountdown(left) })}
          </span>
        )}
        {!accepting && <span className="salon-closed">{poll.open ? t("salon.poll.timeUp") : t("salon.poll.closed")}</span>}
      </div>
      {accepting && poll.locked && <p className="hint">{t("salon.poll.locked")}</p>}
      {poll.kind === "open" ? (
        <OpenAnswer poll={poll} answer={ownEntry(mine?.answers, poll.id)} canAnswer={canVote} />
      ) : canVote ? (
        <ChoiceForm poll={poll} chosen={chosen} />
      ) : (
        <ChoiceResults poll={poll} chosen={chosen} />
      )}
      {hiddenResults(poll) && <p className="hint" data-testid="salon-results-hidden">{t("salon.poll.hidden")}</p>}
      {poll.kind === "quiz" && poll.correct !== null && <QuizOutcome poll={poll} chosen={chosen} points={mine?.quizPoints ?? 0} leaderboard={leaderboard} />}
    </section>
  );
}

function hiddenResults(poll: PollView): boolean {
  return poll.kind === "open" ? poll.words === null : poll.options.some((option) => option.votes === null);
}

/** The bar, count and share of one option; nothing while results are hidden. */
export function OptionResult({ option, voters }: { option: PollOptionView; voters: number }) {
  const { t } = useTranslation();
  if (option.votes === null) return null;
  const percent = percentOf(option.votes, voters);
  return (
    <span className="salon-result" data-testid="salon-option-result" data-votes={option.votes} data-percent={percent}>
      <span className="salon-bar" aria-hidden="true">
        <span className="salon-bar-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="salon-result-text" aria-hidden="true">
        {t("salon.poll.result", { count: option.votes, percent })}
      </span>
      <span className="visually-hidden">{t("salon.poll.resultSpoken", { count: option.votes, percent })}</span>
    </span>
  );
}

function OptionMarks({ poll, option, chosen }: { poll: PollView; option: PollOptionView; chosen: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {chosen.includes(option.id) && (
        <span className="salon-your-vote" data-testid="salon-your-vote">
          {" "}
          · {t("salon.poll.yourVote")}
        </span>
      )}
      {poll.correct?.includes(option.id) === true && (
        <span className="salon-correct" data-testid="salon-correct">
          {" "}
          ✓ {t("salon.poll.correct")}
        </span>
      )}
    </>
  );
}

/** Radio buttons or checkboxes and a Vote button: choosing is free, the vote goes when the member sends it. */
function ChoiceForm({ poll, chosen }: { poll: PollView; chosen: readonly string[] }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const name = useId();
  const errorId = useId();
  const [selection, setSelection] = useState<readonly string[]>(chosen);
  const [confirmed, setConfirmed] = useState(chosen);
  const [error, setError] = useState(false);
  // The server's answer (a vote taken or changed) becomes the selection; the form keeps focus.
  if (confirmed !== chosen && !sameSet(confirmed, chosen)) {
    setConfirmed(chosen);
    setSelection(chosen);
  }
  const multiple = poll.kind === "multiple";

  const toggle = (id: string, on: boolean) => {
    setError(false);
    if (!multiple) setSelection([id]);
    else setSelection((current) => (on ? [...current.filter((x) => x !== id), id] : current.filter((x) => x !== id)));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (selection.length === 0) {
      setError(true);
      return;
    }
    if (sameSet(selection, chosen)) return;
    // Sent in the poll's own order, so the same choice is the same ballot.
    const options = poll.options.map((o) => o.id).filter((id) => selection.includes(id));
    connection.send("vote", { pollId: poll.id, options });
  };

  return (
    <form className="salon-form" onSubmit={submit} data-testid="salon-vote-form">
      <fieldset className="salon-options" aria-describedby={error ? errorId : undefined}>
        <legend className="salon-question">
          {poll.question}
          <span className="salon-legend-hint">{multiple ? t("salon.poll.chooseAny") : t("salon.poll.chooseOne")}</span>
        </legend>
        {poll.options.map((option) => (
          <label key={option.id} className={`salon-option${selection.includes(option.id) ? " is-selected" : ""}`} data-testid="salon-option" data-option-id={option.id}>
            <input
              type={multiple ? "checkbox" : "radio"}
              name={name}
              value={option.id}
              checked={selection.includes(option.id)}
              onChange={(e) => toggle(option.id, e.target.checked)}
            />
            <span className="salon-option-body">
              <span className="salon-option-text">
                {option.text}
                <OptionMarks poll={poll} option={option} chosen={chosen} />
              </span>
              <OptionResult option={option} voters={poll.voters} />
            </span>
          </label>
        ))}
      </fieldset>
      <div className="salon-form-row">
        <button type="submit" className="button primary small" data-testid="salon-vote">
          {chosen.length > 0 ? t("salon.poll.changeVote") : t("salon.poll.vote")}
        </button>
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {t("salon.poll.pickFirst")}
        </p>
      )}
    </form>
  );
}

/** The options with their results, the member's vote and (a closed quiz) the correct answer; nothing to press. */
function ChoiceResults({ poll, chosen }: { poll: PollView; chosen: readonly string[] }) {
  const headingId = useId();
  return (
    <div className="salon-form">
      <p id={headingId} className="salon-question">
        {poll.question}
      </p>
      <ul className="salon-options is-results" aria-labelledby={headingId}>
        {poll.options.map((option) => (
          <li
            key={option.id}
            className={`salon-option${chosen.includes(option.id) ? " is-selected" : ""}${poll.correct?.includes(option.id) === true ? " is-correct" : ""}`}
            data-testid="salon-option"
            data-option-id={option.id}
          >
            <span className="salon-option-body">
              <span className="salon-option-text">
                {option.text}
                <OptionMarks poll={poll} option={option} chosen={chosen} />
              </span>
              <OptionResult option={option} voters={poll.voters} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A few words for the word cloud, changeable while the poll runs; the cloud once it is shown. */
function OpenAnswer({ poll, answer, canAnswer }: { poll: PollView; answer: string | undefined; canAnswer: boolean }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const fieldId = useId();
  const errorId = useId();
  const [text, setText] = useState(answer ?? "");
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalised = normaliseChat(text);
    if (normalised === null) return setError(t("errors.EMPTY_MESSAGE"));
    if (normalised.length > OPEN_ANSWER_MAX_LENGTH) return setError(t("salon.poll.tooLong", { max: OPEN_ANSWER_MAX_LENGTH }));
    if (normalised === answer) return;
    connection.send("answerPoll", { pollId: poll.id, text: normalised });
  };

  return (
    <div className="salon-form">
      {canAnswer ? (
        <form onSubmit={submit} data-testid="salon-answer-form">
          <label htmlFor={fieldId} className="salon-question">
            {poll.question}
            <span className="salon-legend-hint">{t("salon.poll.answerLabel")}</span>
          </label>
          <div className="salon-inline">
            <input
              id={fieldId}
              type="text"
              autoComplete="off"
              data-testid="salon-answer-input"
              value={text}
              placeholder={t("salon.poll.answerPlaceholder")}
              aria-invalid={error !== null}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => {
                setText(e.target.value);
                setError(null);
              }}
            />
            <button type="submit" className="button primary small" data-testid="salon-answer-send">
              {answer === undefined ? t("salon.poll.answer") : t("salon.poll.changeAnswer")}
            </button>
          </div>
          {error && (
            <p id={errorId} className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      ) : (
        <p className="salon-question">{poll.question}</p>
      )}
      {answer !== undefined && (
        <p className="salon-mine" data-testid="salon-my-answer">
          {t("salon.poll.yourAnswer", { text: answer })}
        </p>
      )}
      {poll.words !== null && <WordCloud words={poll.words} />}
    </div>
  );
}

/** The word cloud as a list, most frequent first, each word sized by its count (its count also said). */
export function WordCloud({ words }: { words: readonly WordCount[] }) {
  const { t } = useTranslation();
  if (words.length === 0) return <p className="hint">{t("salon.poll.noWords")}</p>;
  const most = Math.max(...words.map((w) => w.count));
  return (
    <ul className="word-cloud" data-testid="salon-word-cloud">
      {words.map((w) => (
        <li key={w.word} className="word-cloud-word" style={{ fontSize: `${(0.85 + (0.75 * w.count) / most).toFixed(2)}rem` }} data-testid="salon-word" data-word={w.word} data-count={w.count}>
          <span aria-hidden="true">
            {w.word}
            <span className="word-cloud-count">{w.count}</span>
          </span>
          <span className="visually-hidden">{t("salon.poll.wordCount", { word: w.word, count: w.count })}</span>
        </li>
      ))}
    </ul>
  );
}

function QuizOutcome({ poll, chosen, points, leaderboard }: { poll: PollView; chosen: readonly string[]; points: number; leaderboard: readonly LeaderboardEntry[] }) {
  const { t } = useTranslation();
  const right = chosen.length > 0 && chosen.every((id) => poll.correct?.includes(id) === true);
  const outcome = chosen.length === 0 ? "missed" : right ? "right" : "wrong";
  return (
    <div className="salon-quiz" data-testid="salon-quiz-outcome" data-outcome={outcome}>
      <p className={`salon-quiz-outcome is-${outcome}`}>{t(`salon.poll.${outcome}`)}</p>
      <p className="salon-points" data-testid="salon-quiz-points" data-points={points}>
        {t("salon.poll.points", { count: points })}
      </p>
      {leaderboard.length > 0 && <Leaderboard entries={leaderboard} />}
    </div>
  );
}

export function Leaderboard({ entries }: { entries: readonly LeaderboardEntry[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <div className="salon-leaderboard">
      <h4 id={headingId}>{t("salon.poll.leaderboard")}</h4>
      <ol aria-labelledby={headingId} data-testid="salon-leaderboard">
        {entries.map((entry) => (
          <li key={entry.memberId} data-member-id={entry.memberId} data-points={entry.points}>
            <span className="salon-leader-name">{entry.name}</span>
            <span className="salon-leader-points">{t("salon.poll.leaderPoints", { count: entry.points })}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
