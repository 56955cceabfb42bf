import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { CHAT_MAX_LENGTH } from "../../shared/protocol/index.js";
import { normaliseChat } from "../../shared/rules/chat.js";
import { useChat, useConnection, useMembers, useModeration, useSession } from "../state/hooks.js";
import { clearChatError, type LoggedLine } from "../state/chat.js";
import { chatLogItems, type ChatLogItem, type LoggedWhisper } from "../state/moderation.js";
import { formatTimeLeft } from "../state/moderationFormat.js";
import { canHost } from "../state/session.js";
import { useVenue } from "../state/venue.js";
import { TaggedName } from "./TaggedName.js";
import { HostTag } from "./HostTag.js";
import { SalonMarks } from "./salon/SalonMarks.js";
import { useNameTags } from "./useNameTags.js";
import { useReducedMotion } from "../prefs/media.js";
import { focusVenue } from "../scene/controls/focus.js";
import { ChatLineActions } from "./moderation/ChatLineActions.js";
import { MuteNotice, SlowModeHint } from "./moderation/ChatNotices.js";
import { useMutedNow, useSlowWaiting } from "./moderation/useModerationClock.js";
import "./chat.css";

/** The character count shows once fewer than this many characters are left. */
const CHAT_COUNT_FROM = 50;
function sizeOf(el: HTMLElement): { height: number; content: number } {
  return { height: el.clientHeight, content: el.scrollHeight };
}

/** Within this many pixels of the end, the reader is at the newest line and the log follows new ones. */
const AT_BOTTOM_PX = 16;

function isAtBottom(el: HTMLElement): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight <= AT_BOTTOM_PX;
}

interface ChatPanelProps {
  inputRef: RefObject<HTMLInputElement | null>;
  onClose?: (() => void) | undefined;
}

export function ChatPanel({ inputRef, onClose }: ChatPanelProps) {
  const { t, i18n } = useTranslation();
  const venue = useVenue();
  const chat = useChat((c) => c.lines);
  const chatError = useChat((c) => c.error);
  const selfMemberId = useConnection((c) => c.memberId);
  const members = useMembers((m) => m.members);
  const sessionTags = useNameTags(members);
  // Chat lines outlive connections (a reload gives a new session id), so their tags follow the member id.
  const nameTags = useMemo(() => new Map(members.flatMap((m) => {
    const tag = sessionTags.get(m.sessionId);
    return tag === undefined ? [] : [[m.memberId, tag] as const];
  })), [members, sessionTags]);
  const hosts = useMemo(() => new Set(members.filter((m) => m.role === "host").map((m) => m.memberId)), [members]);
  const host = useSession(canHost);
  // Moderation: lines a host deleted go, private replies join the log, own masked lines say which words were hidden.
  const deleted = useModeration((m) => m.deleted);
  const whispers = useModeration((m) => m.whispers);
  const masked = useModeration((m) => m.masked);
  const muted = useMutedNow();
  const slowWaiting = useSlowWaiting();
  const items = useMemo(() => chatLogItems(chat, deleted, whispers), [chat, deleted, whispers]);
  const reducedMotion = useReducedMotion();
  const [text, setText] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const [unseen, setUnseen] = useState(0);
  const log = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  /** Whether the reader was at the newest line, as of the last scroll: read before a new line moves the end. */
  const following = useRef(true);
  /** The log's size when last seen (by a scroll or the resize observer): tells a reader's scroll from a resize's. */
  const measured = useRef({ height: 0, content: 0 });
  const lastLineId = useRef<string | undefined>(undefined);
  const headingId = useId();
  const errorId = useId();
  const countId = useId();
  const mutedId = useId();
  // No maxlength on the input: a long paste is kept whole and the count says how much to cut, rather than
  // the browser silently dropping the end.
  const remaining = CHAT_MAX_LENGTH - (normaliseChat(text) ?? "").length;
  const showCount = remaining < CHAT_COUNT_FROM;
  const time = new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" });
  // Lines from the history sent on joining stay out of the live region, so they are not read out as a burst.
  const firstLive = items.findIndex((item) => item.live);
  const earlier = firstLive === -1 ? items : items.slice(0, firstLive);
  const live = firstLive === -1 ? [] : items.slice(firstLive);

  const toBottom = useCallback((smooth = false) => {
    const el = log.current;
    if (!el) return;
    following.current = true;
    setUnseen(0);
    measured.current = sizeOf(el);
    el.scrollTo({ top: el.scrollHeight, behavior: smooth && !reducedMotion ? "smooth" : "auto" });
  }, [reducedMotion]);

  // New lines below: follow them when the reader was at the end (or sent one), else count them for the button.
  useLayoutEffect(() => {
    const previous = lastLineId.current;
    lastLineId.current = items[items.length - 1]?.key;
    const from = previous === undefined ? -1 : items.findIndex((item) => item.key === previous);
    const below = items.slice(from + 1);
    if (below.length === 0) return;
    const ownSent = below.some((item) => item.kind === "line" && item.live && item.line.memberId === selfMemberId);
    if (following.current || ownSent) toBottom();
    else setUnseen((n) => n + below.length);
  }, [items, selfMemberId, toBottom]);

  // A line that wraps anew, or a panel that changes size, moves the end: stay with it while following.
  useEffect(() => {
    const el = log.current;
    const inner = content.current;
    if (!el || !inner) return;
    const observer = new ResizeObserver(() => {
      measured.current = sizeOf(el);
      if (following.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const el = log.current;
    if (!el) return;
    // A scroll that comes with a change of size (the panel shrank as another one grew, and the browser moved or
    // clamped the view) is not the reader's: while following, stay at the end instead of letting go of it.
    const size = sizeOf(el);
    const resized = size.height !== measured.current.height || size.content !== measured.current.content;
    measured.current = size;
    if (resized && following.current) {
      el.scrollTop = el.scrollHeight;
      return;
    }
    following.current = isAtBottom(el);
    if (following.current) setUnseen(0);
  };

  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    // Back to the venue, where the arrow keys walk at once. The panel stays as it is: Esc is not "fold the chat".
    if (event.key !== "Escape") return;
    event.preventDefault();
    focusVenue();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (muted) return;
    const slowUntil = venue.stores.moderation.getState().slowUntil;
    if (slowWaiting && slowUntil !== null) {
      setLocalError(t("moderation.notice.slowBlocked", { time: formatTimeLeft(slowUntil - Date.now()) }));
      return;
    }
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

  // While the muted notice shows, it says why a line was refused; the refusal need not say it again.
  const errorText = localError ?? (chatError && !(muted && chatError.key === "errors.MUTED") ? t(chatError.key) : null);
  const focusLog = () => log.current?.focus({ preventScroll: true });

  const renderWhisper = (whisper: LoggedWhisper) => (
    <li key={`whisper:${whisper.id}`} className="chat-line is-whisper" data-testid="chat-whisper" data-whisper-id={whisper.id} data-live={whisper.live}>
      <span className="chat-meta">
        <span className="chat-whisper-from">
          <span aria-hidden="true">🔒 </span>
          {t("moderation.chat.whisperFrom", { name: whisper.fromName })}
        </span>{" "}
        <time dateTime={new Date(whisper.at).toISOString()}>{time.format(whisper.at)}</time>
      </span>
      <span className="chat-whisper-text">{whisper.text}</span>
      <span className="chat-whisper-note">{t("moderation.chat.privateMark")}</span>
    </li>
  );

  const renderLine = (line: LoggedLine) => (
    <li
      key={line.id}
      className={`chat-line${line.memberId === selfMemberId ? " is-self" : ""}${line.badge ? ` has-badge is-${line.badge}` : ""}`}
      data-testid="chat-message"
      data-member-id={line.memberId}
      data-live={line.live}
      data-badge={line.badge}
    >
      <span className="chat-meta">
        <span className="chat-name">
          <TaggedName name={line.name} tag={nameTags.get(line.memberId)} />
          {hosts.has(line.memberId) && <HostTag />}
          {line.badge && <SalonMarks speaker={line.badge === "speaker"} expert={line.badge === "expert"} />}
        </span>{" "}
        <time dateTime={new Date(line.at).toISOString()}>{time.format(line.at)}</time>
      </span>
      <span className="chat-text">{line.text}</span>
      {line.memberId === selfMemberId && masked[line.id] && (
        <span className="chat-masked" data-testid="chat-masked" data-words={masked[line.id]?.join(" ")}>
          {t("moderation.notice.masked", { words: masked[line.id]?.join(t("moderation.log.listSeparator")) })}
        </span>
      )}
      <ChatLineActions line={line} own={line.memberId === selfMemberId} host={host} onGone={focusLog} />
    </li>
  );

  const renderItem = (item: ChatLogItem) => (item.kind === "line" ? renderLine(item.line) : renderWhisper(item.whisper));

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
      <div className="chat-log-frame">
        <div ref={log} className="chat-log" role="region" aria-label={t("chat.logLabel")} data-testid="chat-log" tabIndex={0} onScroll={onScroll}>
          <div ref={content} className="chat-log-content">
            {items.length === 0 && <p className="chat-empty">{t("chat.empty")}</p>}
            {earlier.length > 0 && (
              <ol className="chat-lines" aria-label={t("chat.earlier")} data-testid="chat-history">
                {earlier.map(renderItem)}
              </ol>
            )}
            <div role="log" aria-live="polite" aria-label={t("chat.live")}>
              <ol className="chat-lines">{live.map(renderItem)}</ol>
            </div>
          </div>
        </div>
        {unseen > 0 && (
          <button
            type="button"
            className="chat-new-messages"
            data-testid="chat-new-messages"
            data-count={unseen}
            aria-label={t("chat.newMessagesLabel", { count: unseen })}
            onClick={() => {
              toBottom(true);
              log.current?.focus({ preventScroll: true });
            }}
          >
            {t("chat.newMessages", { count: unseen })}
          </button>
        )}
      </div>
      {muted && <MuteNotice id={mutedId} />}
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
          placeholder={muted ? t("moderation.notice.inputMuted") : t("chat.placeholder")}
          value={text}
          disabled={muted}
          aria-invalid={errorText !== null || remaining < 0}
          aria-describedby={[muted ? mutedId : "", errorText ? errorId : "", showCount ? countId : ""].join(" ").trim() || undefined}
          onKeyDown={onInputKey}
          onChange={(e) => {
            setText(e.target.value);
            setLocalError(null);
            clearChatError(venue.stores.chat);
          }}
        />
        <button type="submit" className="button primary" data-testid="chat-send" disabled={muted}>
          {t("chat.send")}
        </button>
      </form>
      <SlowModeHint />
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
