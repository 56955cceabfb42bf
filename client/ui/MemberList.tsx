import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { VENUE_HALF_SIZE } from "../../shared/rules/venue.js";
import type { MemberView, VenueConnection } from "../net/VenueConnection.js";
import { useMembers, useModeration, useSalon } from "../state/hooks.js";
import { mutesInForce } from "../state/moderationFormat.js";
import { useVenue } from "../state/venue.js";
import { usePanelOpen } from "../state/panels.js";
import { useNameTags } from "./useNameTags.js";
import { TaggedName } from "./TaggedName.js";
import { HostTag } from "./HostTag.js";
import { SalonMarks } from "./salon/SalonMarks.js";
import { TierMark } from "./growth/TierMark.js";
import { SpeakingMark } from "./voice/SpeakingMark.js";
import { useVoice } from "../voice/useVoice.js";

/** Stop this far short of the member you walk to: beside them, with room for both name labels. */
const ARRIVE_DISTANCE = 1.8;

function clamp(v: number): number {
  return Math.max(-VENUE_HALF_SIZE, Math.min(VENUE_HALF_SIZE, v));
}

export function goTo(connection: VenueConnection, member: MemberView): void {
  const target = connection.positionOf(member.sessionId);
  if (!target) return;
  const self = connection.positionOf(connection.sessionId);
  let { x, z } = target;
  if (self) {
    const dx = self.x - x;
    const dz = self.z - z;
    const d = Math.hypot(dx, dz);
    if (d > ARRIVE_DISTANCE) {
      x += (dx / d) * ARRIVE_DISTANCE;
      z += (dz / d) * ARRIVE_DISTANCE;
    }
  }
  connection.send("walkTo", { x: clamp(x), z: clamp(z) });
}

interface MemberListProps {
  /** In a drawer (phones): the close button. */
  onClose?: (() => void) | undefined;
  /** After "go to" (a drawer closes, so the member sees where they walk). */
  onGoTo?: (() => void) | undefined;
  /** On wider screens the heading is a button that folds the list away (remembered for the tab). */
  collapsible?: boolean;
}

/** The members of this room. Subscribes to the members slice alone: chat lines and head-counts leave it be. */
export function MemberList({ onClose, onGoTo, collapsible = false }: MemberListProps) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const members = useMembers((m) => m.members);
  const nameTags = useNameTags(members);
  // Hosts see who is muted (their view lists the mutes in force; one that ran out shows until the next view).
  const mutes = useModeration((s) => s.host?.mutes);
  const clockOffset = useSalon((s) => s.clockOffsetMs);
  const muted = useMemo(() => new Set(mutesInForce(mutes ?? [], Date.now() + clockOffset).map((mute) => mute.memberId)), [mutes, clockOffset]);
  // Stage voice: whose microphone is heard talking now (the same set while the same people talk).
  const talking = useVoice((s) => s.talking);
  const [storedOpen, setOpen] = usePanelOpen("members");
  const open = !collapsible || storedOpen;
  const headingId = useId();
  const listId = useId();
  const count = (
    <span className="count" data-testid="member-count" data-count={members.length}>
      {t("members.count", { count: members.length })}
    </span>
  );
  return (
    <section className={`panel member-panel card${open ? "" : " is-collapsed"}`} aria-labelledby={headingId} data-testid="member-list">
      <div className="panel-header">
        {collapsible ? (
          <h2 id={headingId} className="panel-heading">
            <button
              type="button"
              className="panel-toggle"
              aria-expanded={open}
              aria-controls={listId}
              data-testid="member-list-toggle"
              onClick={() => setOpen(!open)}
            >
              <span>{t("members.title")}</span> {count}
              <span className="panel-chevron" aria-hidden="true">
                {open ? "▾" : "▸"}
              </span>
            </button>
          </h2>
        ) : (
          <h2 id={headingId}>
            {t("members.title")} {count}
          </h2>
        )}
        {onClose && (
          <button type="button" className="icon-button" onClick={onClose} aria-label={t("hud.close")}>
            ✕
          </button>
        )}
      </div>
      <ul id={listId} className="member-items" hidden={!open}>
        {members.map((member) => {
          const tag = nameTags.get(member.sessionId);
          // Two people may share a name: the tag tells them apart, and screen readers hear it too.
          const spokenName = tag === undefined ? member.name : t("members.nameTag", { name: member.name, tag });
          const host = member.role === "host";
          return (
            <li
              key={member.sessionId}
              className={`member-item${member.online ? "" : " is-offline"}${talking.has(member.memberId) ? " is-talking" : ""}`}
              data-testid="member-item"
              data-member-id={member.memberId}
              data-session-id={member.sessionId}
              data-online={member.online ? "true" : "false"}
              data-role={member.role}
              data-hand={member.hand ? "true" : "false"}
              data-speaker={member.speaker ? "true" : "false"}
              data-expert={member.expert ? "true" : "false"}
              data-muted={muted.has(member.memberId) ? "true" : "false"}
              data-talking={talking.has(member.memberId) ? "true" : "false"}
            >
              <span className="member-dot" style={{ background: member.color }} aria-hidden="true" />
              <span className="member-name">
                <TaggedName name={member.name} tag={tag} />
                {host && <HostTag />}
                <TierMark tier={member.tier} />
                <SalonMarks hand={member.hand} speaker={member.speaker} expert={member.expert} compact />
                {talking.has(member.memberId) && <SpeakingMark />}
                {muted.has(member.memberId) && (
                  <>
                    <span className="salon-mark is-compact" data-testid="muted-mark" aria-hidden="true" title={t("moderation.host.members.mutedMark")}>
                      🔇
                    </span>
                    <span className="visually-hidden">{t("moderation.host.members.mutedMarkSpoken")}</span>
                  </>
                )}
                {member.isSelf && <span className="member-tag"> ({t("members.you")})</span>}
                {!member.online && <span className="member-tag"> ({t("members.offline")})</span>}
              </span>
              {!member.isSelf && (
                <button
                  type="button"
                  className="button small"
                  data-testid="member-goto"
                  // The spoken name starts with the visible words, so voice control ("click Go to") finds it.
                  aria-label={t(host ? "members.goToHost" : "members.goTo", { name: spokenName })}
                  onClick={() => {
                    goTo(connection, member);
                    onGoTo?.();
                  }}
                >
                  {t("members.goToShort")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
