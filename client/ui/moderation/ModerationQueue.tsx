import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { WHISPER_MAX_LENGTH, type Flag, type ModerationHostView } from "../../../shared/rules/moderation/types.js";
import type { MemberView } from "../../net/VenueConnection.js";
import { useConnection, useMembers } from "../../state/hooks.js";
import { describeSpan, queueParts } from "../../state/moderationFormat.js";
import { useVenue } from "../../state/venue.js";
import { useServerNow } from "../salon/useServerNow.js";

interface OtherHost {
  memberId: string;
  name: string;
}

/** The other hosts in this room, once each: whom a queued line can be handed on to. */
function otherHostsOf(members: readonly MemberView[], selfMemberId: string): readonly OtherHost[] {
  const seen = new Set<string>([selfMemberId]);
  const hosts: OtherHost[] = [];
  for (const member of members) {
    if (member.role !== "host" || member.isSelf || seen.has(member.memberId)) continue;
    seen.add(member.memberId);
    hosts.push({ memberId: member.memberId, name: member.name });
  }
  return hosts;
}

/**
 * The lines that need a host, the longest wait on top (each with its tags, text, author and a live "waiting" time),
 * the time to first response, and the recently handled ones folded below.
 */
export function ModerationQueue({ host }: { host: ModerationHostView }) {
  const { t } = useTranslation();
  const { waiting, handled } = queueParts(host.queue);
  const now = useServerNow(waiting.length > 0);
  const members = useMembers((s) => s.members);
  const selfMemberId = useConnection((s) => s.memberId);
  const otherHosts = useMemo(() => otherHostsOf(members, selfMemberId), [members, selfMemberId]);
  const { response } = host;
  return (
    <>
      <p className="mod-response" data-testid="moderation-response" data-flagged={response.flagged} data-answered={response.answered} data-median-ms={response.medianMs ?? ""}>
        {response.flagged === 0
          ? t("moderation.host.response.none")
          : response.medianMs === null
            ? t("moderation.host.response.noneAnswered")
            : `${t("moderation.host.response.median", { time: describeSpan(response.medianMs, t) })} · ${t("moderation.host.response.answered", { answered: response.answered, flagged: response.flagged })}`}
      </p>
      {waiting.length === 0 ? (
        <p className="hint" data-testid="moderation-queue-empty">
          {t("moderation.host.queue.empty")}
        </p>
      ) : (
        <ol className="mod-queue" data-testid="moderation-queue">
          {waiting.map((flag) => (
            <QueueItem key={flag.id} flag={flag} now={now} otherHosts={otherHosts} />
          ))}
        </ol>
      )}
      {host.waiting > waiting.length && (
        <p className="hint" data-testid="moderation-queue-more">
          {t("moderation.host.queue.more", { count: host.waiting - waiting.length })}
        </p>
      )}
      {handled.length > 0 && (
        <details className="mod-handled" data-testid="moderation-handled">
          <summary>
            {t("moderation.host.queue.handledList")} ({handled.length})
          </summary>
          <ol className="mod-queue">
            {handled.map((flag) => (
              <QueueItem key={flag.id} flag={flag} now={now} otherHosts={otherHosts} />
            ))}
          </ol>
        </details>
      )}
    </>
  );
}

function Tags({ flag }: { flag: Flag }) {
  const { t } = useTranslation();
  return (
    <ul className="mod-tags" aria-label={t("moderation.host.queue.tagsLabel")}>
      {flag.tags.map((tag) => (
        <li key={tag} className={`mod-tag is-${tag}`} data-testid="moderation-tag" data-tag={tag}>
          {t(`moderation.host.queue.tags.${tag}`)}
        </li>
      ))}
    </ul>
  );
}

function QueueItem({ flag, now, otherHosts }: { flag: Flag; now: number; otherHosts: readonly OtherHost[] }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const [replying, setReplying] = useState(false);
  const replyButton = useRef<HTMLButtonElement>(null);
  const textId = useId();
  const handled = flag.status === "handled";
  const waited = Math.max(0, now - flag.at);
  const closeReply = () => {
    setReplying(false);
    requestAnimationFrame(() => replyButton.current?.focus());
  };
  return (
    <li
      className={`mod-flag is-${flag.status}`}
      aria-labelledby={textId}
      data-testid="moderation-flag"
      data-flag-id={flag.id}
      data-status={flag.status}
      data-tags={flag.tags.join(" ")}
      data-author-id={flag.authorId}
    >
      <div className="mod-flag-head">
        <Tags flag={flag} />
        {!handled && (
          <span className="mod-wait" data-testid="moderation-flag-waited" data-waited-ms={waited}>
            {t("moderation.host.queue.waited", { time: describeSpan(waited, t) })}
          </span>
        )}
      </div>
      <p id={textId} className="mod-flag-text" data-testid="moderation-flag-text">
        <span className="mod-flag-author">{t("moderation.host.queue.by", { name: flag.authorName })}</span>
        <span className="visually-hidden">: </span> {flag.text}
      </p>
      <p className="mod-flag-meta">
        {flag.source === "question" && <span>{t("moderation.host.queue.inQa")}</span>}
        {flag.triggers.length > 0 && <span>{t("moderation.host.queue.triggers", { words: flag.triggers.join(t("moderation.log.listSeparator")) })}</span>}
        {flag.reporters.length > 0 && <span>{t("moderation.host.queue.reporters", { count: flag.reporters.length })}</span>}
        {flag.status === "handedOn" && flag.assignee && (
          <span className="mod-assignee" data-testid="moderation-flag-assignee">
            {t("moderation.host.queue.handedOnTo", { name: flag.assignee.name })}
          </span>
        )}
        {handled && flag.handledBy && <span>{t("moderation.host.queue.handledBy", { name: flag.handledBy.name })}</span>}
        {flag.firstResponseAt !== null && <span>{t("moderation.host.queue.answered", { time: describeSpan(flag.firstResponseAt - flag.at, t) })}</span>}
      </p>
      {!handled && (
        <div className="host-salon-actions mod-flag-actions">
          <button ref={replyButton} type="button" className="button small" aria-expanded={replying} data-testid="moderation-reply" onClick={() => setReplying(!replying)}>
            {t("moderation.host.queue.reply")}
          </button>
          <button type="button" className="button small ghost" data-testid="moderation-handled-button" onClick={() => connection.send("resolveFlag", { flagId: flag.id })}>
            {t("moderation.host.queue.handled")}
          </button>
          <HandOn flag={flag} otherHosts={otherHosts} />
        </div>
      )}
      {replying && !handled && <ReplyForm flag={flag} onDone={closeReply} />}
    </li>
  );
}

/** "Hand on to…": a host to pick and a button (a select alone would send with every arrow key press). */
function HandOn({ flag, otherHosts }: { flag: Flag; otherHosts: readonly OtherHost[] }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const [open, setOpen] = useState(false);
  const candidates = otherHosts.filter((host) => host.memberId !== flag.assignee?.memberId);
  const [hostId, setHostId] = useState("");
  const selectId = useId();
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (open) select.current?.focus();
  }, [open]);
  const picked = candidates.some((host) => host.memberId === hostId) ? hostId : (candidates[0]?.memberId ?? "");
  // Nobody to hand it on to: no button that leads nowhere.
  if (candidates.length === 0) return null;
  if (!open) {
    return (
      <button type="button" className="button small ghost" aria-expanded={false} data-testid="moderation-hand-on-open" onClick={() => setOpen(true)}>
        {t("moderation.host.queue.handOn")}
      </button>
    );
  }
  return (
    <form
      className="mod-hand-on"
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        setOpen(false);
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (picked && connection.send("handOnFlag", { flagId: flag.id, hostId: picked })) setOpen(false);
      }}
    >
      <label htmlFor={selectId} className="visually-hidden">
        {t("moderation.host.queue.handOnLabel")}
      </label>
      <select ref={select} id={selectId} value={picked} data-testid="moderation-hand-on-select" onChange={(e) => setHostId(e.target.value)}>
        {candidates.map((host) => (
          <option key={host.memberId} value={host.memberId}>
            {host.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button small" data-testid="moderation-hand-on">
        {t("moderation.host.queue.handOnSend")}
      </button>
    </form>
  );
}

/** A private reply to the line's author, tied to the queued line (it counts as the first response). */
function ReplyForm({ flag, onDone }: { flag: Flag; onDone: () => void }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const ids = { field: useId(), error: useId() };
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const send = () => {
    const reply = text.trim();
    if (reply === "") {
      setError(t("moderation.host.queue.replyEmpty"));
      return;
    }
    if ([...reply].length > WHISPER_MAX_LENGTH) {
      setError(t("moderation.host.queue.replyTooLong", { max: WHISPER_MAX_LENGTH }));
      return;
    }
    if (connection.send("whisper", { memberId: flag.authorId, text: reply, flagId: flag.id })) onDone();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    } else if (event.key === "Escape") {
      event.preventDefault();
      onDone();
    }
  };
  return (
    <form className="host-salon-form mod-reply" onSubmit={submit} data-testid="moderation-reply-form">
      <label htmlFor={ids.field} className="host-label">
        {t("moderation.host.queue.replyLabel", { name: flag.authorName })}
      </label>
      <textarea
        ref={field}
        id={ids.field}
        rows={2}
        value={text}
        placeholder={t("moderation.host.queue.replyPlaceholder", { name: flag.authorName })}
        aria-invalid={error !== null}
        aria-describedby={error ? ids.error : undefined}
        data-testid="moderation-reply-input"
        onKeyDown={onKeyDown}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
      />
      {error && (
        <p id={ids.error} className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="host-form-row">
        <button type="button" className="button small ghost" onClick={onDone}>
          {t("moderation.host.queue.cancel")}
        </button>
        <button type="submit" className="button small primary" data-testid="moderation-reply-send">
          {t("moderation.host.queue.send")}
        </button>
      </div>
    </form>
  );
}
