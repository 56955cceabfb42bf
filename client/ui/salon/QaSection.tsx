import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { normaliseChat } from "../../../shared/rules/chat.js";
import { QUESTION_MAX_LENGTH, type QuestionView, type SalonMineView } from "../../../shared/rules/salon/types.js";
import { useVenue } from "../../state/venue.js";
import { EnergyButton } from "../growth/EnergyButton.js";

interface QaSectionProps {
  questions: readonly QuestionView[];
  hiddenQuestions: number;
  experts: readonly { memberId: string; name: string }[];
  mine: SalonMineView | null;
}

/**
 * Q&A: the ask form (300 characters, optionally without the name), the questions in the order the server sorted
 * them (pinned first, then unanswered, then by upvotes), each with its upvote toggle, and the experts here.
 */
export function QaSection({ questions, hiddenQuestions, experts, mine }: QaSectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const listId = useId();
  const upvoted = mine?.upvoted ?? [];
  const asked = mine?.asked ?? [];
  return (
    <section className="salon-section salon-qa" aria-labelledby={headingId} data-testid="salon-qa">
      <h3 id={headingId} className="salon-section-title">
        {t("salon.qa.title")}
      </h3>
      {mine?.expert === true && <p className="salon-mine">🎓 {t("salon.qa.youExpert")}</p>}
      {experts.length > 0 && (
        <p className="salon-experts" data-testid="salon-experts">
          {t("salon.qa.experts")}{" "}
          {experts.map((expert) => (
            <span key={expert.memberId} className="salon-mark is-expert" data-member-id={expert.memberId}>
              🎓 {expert.name}
            </span>
          ))}
        </p>
      )}
      <AskForm asked={asked} />
      {questions.length === 0 ? (
        <p className="hint">{t("salon.qa.empty")}</p>
      ) : (
        <>
          <h4 id={listId} className="visually-hidden">
            {t("salon.qa.list")}
          </h4>
          <ol className="salon-questions" aria-labelledby={listId} data-testid="salon-questions">
            {questions.map((question) => (
              <QuestionItem key={question.id} question={question} upvoted={upvoted.includes(question.id)} own={asked.includes(question.id)} />
            ))}
          </ol>
        </>
      )}
      {hiddenQuestions > 0 && (
        <p className="hint" data-testid="salon-hidden-questions" data-count={hiddenQuestions}>
          {t("salon.qa.hidden", { count: hiddenQuestions })}
        </p>
      )}
    </section>
  );
}

function QuestionItem({ question, upvoted, own }: { question: QuestionView; upvoted: boolean; own: boolean }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  return (
    <li
      className={`salon-question-item${question.pinned ? " is-pinned" : ""}${question.answered ? " is-answered" : ""}`}
      data-testid="salon-question"
      data-question-id={question.id}
      data-votes={question.votes}
      data-pinned={question.pinned ? "true" : "false"}
      data-answered={question.answered ? "true" : "false"}
    >
      <div className="salon-question-body">
        <p className="salon-question-text">{question.text}</p>
        <p className="salon-question-meta">
          <span>{question.authorName ?? t("salon.qa.anonymousAuthor")}</span>
          {own && <span className="salon-tag">{t("salon.qa.yours")}</span>}
          {question.pinned && <span className="salon-tag is-pinned">📌 {t("salon.qa.pinned")}</span>}
          {question.answered && <span className="salon-tag is-answered">✓ {t("salon.qa.answered")}</span>}
        </p>
      </div>
      <button
        type="button"
        className={`salon-upvote${upvoted ? " is-on" : ""}`}
        aria-pressed={upvoted}
        aria-label={t("salon.qa.upvoteLabel", { count: question.votes })}
        data-testid="salon-upvote"
        onClick={() => {
          // An upvote stays: a second press has nothing to send (the server would answer ALREADY_UPVOTED).
          if (!upvoted) connection.send("upvoteQuestion", { questionId: question.id });
        }}
      >
        <span aria-hidden="true">▲</span>
        <span className="salon-upvote-count" aria-hidden="true">
          {question.votes}
        </span>
      </button>
      <EnergyButton target="question" id={question.id} contributionRef={question.id} own={own} name={question.authorName ?? t("salon.qa.anonymousAuthor")} />
    </li>
  );
}

/** The ask form; the field empties once the member's new question shows in the list (a refusal keeps it). */
function AskForm({ asked }: { asked: readonly string[] }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const fieldId = useId();
  const countId = useId();
  const errorId = useId();
  const checkId = useId();
  const [text, setText] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<number | null>(null);

  useEffect(() => {
    if (pending.current !== null && asked.length > pending.current) {
      pending.current = null;
      setText("");
    }
  }, [asked]);

  const normalised = normaliseChat(text);
  const remaining = QUESTION_MAX_LENGTH - (normalised ?? "").length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (normalised === null) return setError(t("errors.EMPTY_MESSAGE"));
    if (normalised.length > QUESTION_MAX_LENGTH) return setError(t("salon.qa.tooLong", { max: QUESTION_MAX_LENGTH }));
    if (connection.send("askQuestion", { text: normalised, anonymous })) pending.current = asked.length;
  };

  return (
    <form className="salon-form salon-ask" onSubmit={submit} data-testid="salon-ask-form">
      <label htmlFor={fieldId} className="salon-label">
        {t("salon.qa.askLabel")}
      </label>
      <textarea
        id={fieldId}
        rows={2}
        value={text}
        data-testid="salon-ask-input"
        placeholder={t("salon.qa.placeholder")}
        aria-invalid={error !== null || remaining < 0}
        aria-describedby={[countId, error ? errorId : ""].join(" ").trim()}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
      />
      <div className="salon-form-row">
        <label htmlFor={checkId} className="salon-check">
          <input id={checkId} type="checkbox" checked={anonymous} data-testid="salon-ask-anonymous" onChange={(e) => setAnonymous(e.target.checked)} />
          {t("salon.qa.anonymous")}
        </label>
        <button type="submit" className="button primary small" data-testid="salon-ask">
          {t("salon.qa.ask")}
        </button>
      </div>
      <p id={countId} className={`salon-count${remaining < 0 ? " is-over" : ""}`} data-testid="salon-ask-count" data-remaining={remaining}>
        {remaining < 0 ? t("salon.qa.over", { count: -remaining }) : t("salon.qa.remaining", { count: remaining })}
      </p>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
