import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { CHAT_MAX_LENGTH } from "../../shared/protocol/index.js";
import { normaliseChat } from "../../shared/rules/chat.js";
import { useChat, useConnection, useMembers } from "../state/hooks.js";
import { clearChatError } from "../state/chat.js";
import { useVenue } from "../state/venue.js";
import { TaggedName } from "./TaggedName.js";
import { HostTag } from "./HostTag.js";
import { useNameTags } from "./useNameTags.js";

/** The character count shows once fewer than this many characters are left. */
const CHAT_COUNT_FROM = 50;

interface ChatPanelProps {
  inputRef: RefObject<HTMLInputElement | null>;
  onClose?: (() => void) | undefined;
}

export function ChatPanel({ inputRef, onClose }: ChatPanelProps) {
  const { t, i18n } = useTranslation();
  const venue = useVenue();
  const chat = useChat((c) => c.lines);
  const chatError = useChat((c) => c.error);
  const selfId = useConnection((c) => c.sessionId);
  const members = useMembers((m) => m.members);
  const sessionTags = useNameTags(members);
  // Chat lines outlive connections (a reload gives a new session id), so their tags follow the member id.
  const nameTags = useMemo(() => new Map(members.flatMap((m) => {
    const tag = sessionTags.get(m.sessionId);
    return tag === undefined ? [] : [[m.memberId, tag] as const];
  })), [members, sessionTags]);
  const hosts = useMemo(() => new Set(members.filter((m) => m.role === "host").map((m) => m.memberId)), [members]);
  const [text, setText] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const log = useRef<HTMLOListElement>(null);
  const headingId = useId();
  const errorId = useId();
  const countId = useId();
  // No maxlength on the input: a long paste is kept whole and the count says how much to cut, rather than
  // the browser silently dropping the end.
  const remaining = CHAT_MAX_LENGTH - (normaliseChat(text) ?? "").length;
  const showCount = remaining < CHAT_COUNT_FROM;
  const time = new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" });

  // Stay at the newest message unless the reader scrolled up to read older ones.
  useEffect(() => {
    const el = log.current;
    if (!el) return;
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    const last = chat[chat.length - 1];
    if (nearBottom || last?.sessionId === selfId) el.scrollTop = el.scrollHeight;
  }, [chat, selfId]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalised = normaliseChat(text);
    if (normalised === null) {
      setLocalError(t("errors.EMPTY_MESSAGE"));
      return;
    }
    if (normalised.length > CHAT_MAX_LENGTH) {
      setLocalError(t("chat.tooLong", { max: CHAT_MAX_LENGTH }));
      return;
    }
    if (venue.connection.send("chat", { text: normalised })) setText("");
  };

  const errorText = localError ?? (chatError ? t(chatError.key) : null);

  return (
    <section className="panel chat-panel card" aria-labelledby={headingId} data-testid="chat-panel">
      <div className="panel-header">
        <h2 id={headingId}>{t("chat.title")}</h2>
        {onClose && (
          <button type="button" className="icon-button" onClick={onClose} aria-label={t("hud.close")}>
            ✕
          </button>
        )}
      </div>
      <ol ref={log} className="chat-log" role="log" aria-live="polite" aria-label={t("chat.logLabel")} data-testid="chat-log" tabIndex={0}>
        {chat.length === 0 && <li className="chat-empty">{t("chat.empty")}</li>}
        {chat.map((line) => (
          <li key={line.id} className={`chat-line${line.sessionId === selfId ? " is-self" : ""}`} data-testid="chat-message" data-member-id={line.memberId}>
            <span className="chat-meta">
              <span className="chat-name">
                <TaggedName name={line.name} tag={nameTags.get(line.memberId)} />
                {hosts.has(line.memberId) && <HostTag />}
              </span>{" "}
              <time dateTime={new Date(line.at).toISOString()}>{time.format(line.at)}</time>
            </span>
            <span className="chat-text">{line.text}</span>
          </li>
        ))}
      </ol>
      <form className="chat-form" onSubmit={submit}>
        <label htmlFor="chat-input" className="visually-hidden">
          {t("chat.inputLabel")}
        </label>
        <input
          ref={inputRef}
          id="chat-input"
          data-testid="chat-input"
          type="text"
          autoComplete="off"
          enterKeyHint="send"
          placeholder={t("chat.placeholder")}
          value={text}
          aria-invalid={errorText !== null || remaining < 0}
          aria-describedby={[errorText ? errorId : "", showCount ? countId : ""].join(" ").trim() || undefined}
          onChange={(e) => {
            setText(e.target.value);
            setLocalError(null);
            clearChatError(venue.stores.chat);
          }}
        />
        <button type="submit" className="button primary" data-testid="chat-send">
          {t("chat.send")}
        </button>
      </form>
      {showCount && (
        <p id={countId} className={`chat-count${remaining < 0 ? " is-over" : ""}`} data-testid="chat-count">
          {remaining < 0 ? t("chat.over", { count: -remaining }) : t("chat.remaining", { count: remaining })}
        </p>
      )}
      {errorText && (
        <p id={errorId} className="field-error" role="alert" data-testid="chat-error">
          {errorText}
        </p>
      )}
    </section>
  );
}
