import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { MODERATION_NOTE_MAX_LENGTH, type ModerationHostView, type Mute } from "../../../shared/rules/moderation/types.js";
import type { MemberView } from "../../net/VenueConnection.js";
import { useConnection, useMembers } from "../../state/hooks.js";
import { MUTE_CHOICES, formatTimeLeft, mutesInForce } from "../../state/moderationFormat.js";
import { useVenue } from "../../state/venue.js";
import { HostTag } from "../HostTag.js";
import { useServerNow } from "../salon/useServerNow.js";
import { RemoveDialog } from "./RemoveDialog.js";

/** The mute length a host gets unless they pick another: five minutes. */
const DEFAULT_MUTE_MINUTES = 5;

/** This room's members other than oneself, one row per member (a member's old connection may linger offline). */
function othersOf(members: readonly MemberView[], selfMemberId: string): readonly MemberView[] {
  const seen = new Set<string>([selfMemberId]);
  return members.filter((member) => {
    if (member.isSelf || seen.has(member.memberId)) return false;
    seen.add(member.memberId);
    return true;
  });
}

/**
 * The people in this room, each with mute (a length and a reason), unmute and remove, and the members muted in
 * other rooms of the session (they can be unmuted from here).
 */
export function ModerationMembers({ host }: { host: ModerationHostView }) {
  const { t } = useTranslation();
  const members = useMembers((s) => s.members);
  const selfMemberId = useConnection((s) => s.memberId);
  const others = useMemo(() => othersOf(members, selfMemberId), [members, selfMemberId]);
  const timed = host.mutes.some((mute) => mute.until !== null);
  const now = useServerNow(timed);
  const mutes = mutesInForce(host.mutes, now);
  const byMember = new Map(mutes.map((mute) => [mute.memberId, mute]));
  const here = new Set(others.map((member) => member.memberId));
  const elsewhere = mutes.filter((mute) => !here.has(mute.memberId) && mute.memberId !== selfMemberId);
  return (
    <>
      {others.length === 0 ? (
        <p className="hint">{t("moderation.host.members.none")}</p>
      ) : (
        <ul className="host-salon-list mod-members" data-testid="moderation-members">
          {others.map((member) => (
            <MemberRow key={member.memberId} memberId={member.memberId} name={member.name} host={member.role === "host"} mute={byMember.get(member.memberId)} now={now} />
          ))}
        </ul>
      )}
      {elsewhere.length > 0 && (
        <>
          <h4>{t("moderation.host.members.mutedElsewhere")}</h4>
          <ul className="host-salon-list mod-members" data-testid="moderation-muted-elsewhere">
            {elsewhere.map((mute) => (
              <MemberRow key={mute.memberId} memberId={mute.memberId} name={mute.name} host={false} mute={mute} now={now} canRemove={false} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

interface MemberRowProps {
  memberId: string;
  name: string;
  host: boolean;
  mute: Mute | undefined;
  now: number;
  canRemove?: boolean;
}

function MemberRow({ memberId, name, host, mute, now, canRemove = true }: MemberRowProps) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const [muting, setMuting] = useState(false);
  const [removing, setRemoving] = useState(false);
  const muteButton = useRef<HTMLButtonElement>(null);
  const statusId = useId();
  const closeForm = () => {
    setMuting(false);
    // The form goes; focus returns to the button that opened it (after it renders again).
    requestAnimationFrame(() => muteButton.current?.focus());
  };
  return (
    <li className={`mod-member${mute ? " is-muted" : ""}`} data-testid="moderation-member" data-member-id={memberId} data-muted={mute ? "true" : "false"}>
      <div className="host-salon-row">
        <span className="host-salon-name">
          {name}
          {host && <HostTag />}
        </span>
        <span className="host-salon-actions">
          {mute ? (
            <button type="button" className="button small" aria-label={t("moderation.host.members.unmuteLabel", { name })} aria-describedby={statusId} data-testid="moderation-unmute" onClick={() => connection.send("unmuteMember", { memberId })}>
              {t("moderation.host.members.unmute")}
            </button>
          ) : (
            <button
              ref={muteButton}
              type="button"
              className="button small ghost"
              aria-expanded={muting}
              aria-label={t("moderation.host.members.muteLabel", { name })}
              data-testid="moderation-mute"
              onClick={() => setMuting(!muting)}
            >
              {t("moderation.host.members.mute")}
            </button>
          )}
          {canRemove && (
            <button type="button" className="button small ghost mod-danger-text" aria-label={t("moderation.host.members.removeLabel", { name })} data-testid="moderation-remove" onClick={() => setRemoving(true)}>
              {t("moderation.host.members.remove")}
            </button>
          )}
        </span>
      </div>
      {mute && (
        <p id={statusId} className="mod-member-state" data-testid="moderation-member-muted" data-until={mute.until ?? "session"}>
          <span aria-hidden="true">🔇 </span>
          {mute.until === null ? t("moderation.host.members.mutedSession") : t("moderation.host.members.muted", { time: formatTimeLeft(mute.until - now) })}
          {mute.note.trim() !== "" && <span className="mod-member-note"> · {mute.note.trim()}</span>}
        </p>
      )}
      {muting && !mute && <MuteForm memberId={memberId} name={name} onDone={closeForm} />}
      {removing && <RemoveDialog memberId={memberId} name={name} onClose={() => setRemoving(false)} />}
    </li>
  );
}

/** The mute's length (1, 5, 30 minutes, an hour, the session) and an optional reason the member is shown. */
function MuteForm({ memberId, name, onDone }: { memberId: string; name: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const ids = { duration: useId(), note: useId() };
  const [minutes, setMinutes] = useState<number | null>(DEFAULT_MUTE_MINUTES);
  const [note, setNote] = useState("");
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (connection.send("muteMember", { memberId, minutes, note: note.trim() })) onDone();
  };
  return (
    <form
      className="host-salon-form mod-mute-form"
      aria-label={t("moderation.host.members.muteLabel", { name })}
      data-testid="moderation-mute-form"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        onDone();
      }}
    >
      <label htmlFor={ids.duration} className="host-label">
        {t("moderation.host.members.duration")}
      </label>
      <select
        ref={first}
        id={ids.duration}
        value={minutes === null ? "session" : String(minutes)}
        data-testid="moderation-mute-duration"
        onChange={(e) => setMinutes(e.target.value === "session" ? null : Number(e.target.value))}
      >
        {MUTE_CHOICES.map((choice) => (
          <option key={choice ?? "session"} value={choice === null ? "session" : String(choice)}>
            {choice === null ? t("moderation.host.members.session") : choice === 60 ? t("moderation.host.members.hour") : t("moderation.host.members.minutes", { count: choice })}
          </option>
        ))}
      </select>
      <label htmlFor={ids.note} className="host-label">
        {t("moderation.host.members.reason")}
      </label>
      <input
        id={ids.note}
        type="text"
        value={note}
        maxLength={MODERATION_NOTE_MAX_LENGTH}
        placeholder={t("moderation.host.members.reasonPlaceholder")}
        data-testid="moderation-mute-note"
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="host-form-row">
        <button type="button" className="button small ghost" onClick={onDone}>
          {t("moderation.host.members.cancel")}
        </button>
        <button type="submit" className="button small primary" data-testid="moderation-mute-confirm">
          {t("moderation.host.members.confirmMute")}
        </button>
      </div>
    </form>
  );
}
