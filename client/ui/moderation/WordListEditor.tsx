import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { WordListChange } from "../../../shared/rules/moderation/types.js";
import { parseWordList, sameWords, wordListProblem, wordListText } from "../../state/moderationFormat.js";

interface WordListEditorProps {
  /** The list as the server has it now. */
  current: WordListChange;
  /** Sends the list; false when it could not go (the connection is down). */
  onSave: (words: WordListChange) => boolean;
  testId: string;
}

/**
 * The host's word list: extra words to hide and shipped words to allow, one a line, saved together. Another host's
 * save shows here unless this host is typing; "saved" shows once the session has the list this host sent.
 */
export function WordListEditor({ current, onSave, testId }: WordListEditorProps) {
  const { t } = useTranslation();
  const ids = { add: useId(), remove: useId(), addHint: useId(), removeHint: useId(), error: useId() };
  const [addText, setAddText] = useState(() => wordListText(current.add));
  const [removeText, setRemoveText] = useState(() => wordListText(current.remove));
  const [shown, setShown] = useState(current);
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<{ field: "add" | "remove"; text: string } | null>(null);
  const [sent, setSent] = useState<WordListChange | null>(null);
  const [unchanged, setUnchanged] = useState(false);

  // Another host (or this one) saved: the fields follow unless this host has edits of their own.
  if (shown !== current) {
    setShown(current);
    if (!dirty) {
      setAddText(wordListText(current.add));
      setRemoveText(wordListText(current.remove));
    }
  }

  const saved = sent !== null && sameWords(sent.add, current.add) && sameWords(sent.remove, current.remove);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const add = parseWordList(addText);
    const remove = parseWordList(removeText);
    const addProblem = wordListProblem(add, t);
    const removeProblem = wordListProblem(remove, t);
    if (addProblem || removeProblem) {
      setProblem(addProblem ? { field: "add", text: addProblem } : { field: "remove", text: removeProblem ?? "" });
      return;
    }
    if (sameWords(add.words, current.add) && sameWords(remove.words, current.remove)) {
      setUnchanged(true);
      setDirty(false);
      return;
    }
    const words = { add: add.words, remove: remove.words };
    if (onSave(words)) {
      setSent(words);
      setDirty(false);
    }
  };
  const edit = (set: (text: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setDirty(true);
    setProblem(null);
    setUnchanged(false);
    setSent(null);
  };

  const describedBy = (field: "add" | "remove", hint: string) => [hint, problem?.field === field ? ids.error : ""].join(" ").trim();
  return (
    <form className="host-salon-form mod-words" onSubmit={submit} data-testid={testId}>
      <label htmlFor={ids.add} className="host-label">
        {t("moderation.host.words.add")}
      </label>
      <textarea
        id={ids.add}
        rows={3}
        value={addText}
        spellCheck={false}
        aria-invalid={problem?.field === "add"}
        aria-describedby={describedBy("add", ids.addHint)}
        data-testid={`${testId}-add`}
        onChange={edit(setAddText)}
      />
      <span id={ids.addHint} className="hint">
        {t("moderation.host.words.addHint")}
      </span>
      <label htmlFor={ids.remove} className="host-label">
        {t("moderation.host.words.remove")}
      </label>
      <textarea
        id={ids.remove}
        rows={2}
        value={removeText}
        spellCheck={false}
        aria-invalid={problem?.field === "remove"}
        aria-describedby={describedBy("remove", ids.removeHint)}
        data-testid={`${testId}-remove`}
        onChange={edit(setRemoveText)}
      />
      <span id={ids.removeHint} className="hint">
        {t("moderation.host.words.removeHint")}
      </span>
      {problem && (
        <p id={ids.error} className="field-error" role="alert" data-testid={`${testId}-error`}>
          {problem.text}
        </p>
      )}
      <div className="host-form-row">
        <p className="hint" role="status" data-testid={`${testId}-status`} data-saved={saved}>
          {saved ? t("moderation.host.words.saved") : unchanged ? t("moderation.host.words.unchanged") : ""}
        </p>
        <button type="submit" className="button small" data-testid={`${testId}-save`}>
          {t("moderation.host.words.save")}
        </button>
      </div>
    </form>
  );
}
