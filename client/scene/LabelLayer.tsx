import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useShallow } from "zustand/react/shallow";
import type { MemberView } from "../net/VenueConnection.js";
import { useChat, useMembers, useReactions } from "../state/hooks.js";
import { HostTag } from "../ui/HostTag.js";
import { TierMark } from "../ui/growth/TierMark.js";
import { useNameTags } from "../ui/useNameTags.js";
import { useVoice } from "../voice/useVoice.js";
import { LABEL_POOL_SIZE, useSceneBoard, type SceneBoard } from "./sceneBoard.js";
import "./labels.css";

/**
 * The name labels over the avatars: one layer over the canvas with a fixed pool of LABEL_POOL_SIZE slots. The
 * frame loop (`LabelProjector`) picks which members get a slot and moves each slot with a transform; React only
 * re-renders a slot when the member in it, their bubble or their reactions change. Hidden from screen readers:
 * the member list is the accessible view of who is here.
 */
export function LabelLayer() {
  const board = useSceneBoard();
  const members = useMembers((m) => m.members);
  const nameTags = useNameTags(members);
  const [slots, setSlots] = useState<readonly (string | null)[]>(() => board.committed.slice());
  const bySession = useMemo(() => new Map(members.map((m) => [m.sessionId, m])), [members]);

  useEffect(() => {
    board.assign = (next) => setSlots(next);
    return () => {
      board.assign = null;
    };
  }, [board]);
  useLayoutEffect(() => {
    for (let i = 0; i < LABEL_POOL_SIZE; i++) board.committed[i] = slots[i] ?? null;
  }, [board, slots]);
  // Emoji and CJK faces arrive after the first paint; labels measured before then were measured too narrow.
  useEffect(() => {
    const fonts = document.fonts;
    if (!fonts) return;
    const remeasure = () => {
      for (let i = 0; i < LABEL_POOL_SIZE; i++) measureSlot(board, i);
    };
    fonts.addEventListener("loadingdone", remeasure);
    return () => fonts.removeEventListener("loadingdone", remeasure);
  }, [board]);

  return (
    <div className="label-layer" aria-hidden="true" data-testid="label-layer">
      {slots.map((sessionId, i) => {
        const member = sessionId === null ? undefined : bySession.get(sessionId);
        return <LabelSlot key={i} index={i} member={member} nameTag={member ? nameTags.get(member.sessionId) : undefined} />;
      })}
    </div>
  );
}

function measureSlot(board: SceneBoard, index: number): void {
  const sessionId = board.committed[index];
  const root = board.slots[index]?.root;
  if (!sessionId || !root) return;
  board.sizes.set(sessionId, { width: root.offsetWidth, height: root.offsetHeight });
}

interface LabelSlotProps {
  index: number;
  member: MemberView | undefined;
  nameTag: string | undefined;
}

/** One element of the pool. Empty, it renders an empty hidden box; the projector shows and moves it. */
const LabelSlot = memo(function LabelSlot({ index, member, nameTag }: LabelSlotProps) {
  const board = useSceneBoard();
  const slot = board.slots[index];
  // Callback refs, so the elements are on the board before the content's layout effect measures them.
  const rootRef = useCallback(
    (el: HTMLDivElement | null) => {
      if (slot) slot.root = el;
    },
    [slot],
  );
  const labelRef = useCallback(
    (el: HTMLDivElement | null) => {
      if (slot) slot.label = el;
    },
    [slot],
  );
  return (
    <div ref={rootRef} className="label-slot" style={{ visibility: "hidden" }}>
      {member && <SlotContent board={board} index={index} member={member} nameTag={nameTag} labelRef={labelRef} />}
    </div>
  );
});

interface SlotContentProps {
  board: SceneBoard;
  index: number;
  member: MemberView;
  nameTag: string | undefined;
  labelRef: (el: HTMLDivElement | null) => void;
}

/**
 * A member's label with their speech bubble and floating reactions. Its selectors pick this member's bubble and
 * reactions only, so another member's chat line does not re-render it. It measures itself after each change, for
 * the layout.
 */
function SlotContent({ board, index, member, nameTag, labelRef }: SlotContentProps) {
  const { t } = useTranslation();
  const bubble = useChat((c) => c.bubbles[member.sessionId]);
  const reactions = useReactions(useShallow((r) => r.floating.filter((f) => f.sessionId === member.sessionId)));
  const host = member.role === "host";
  // Stage voice: a ring on the label while this member's microphone is heard talking.
  const talking = useVoice((s) => s.talking.has(member.memberId));
  useLayoutEffect(() => {
    board.committed[index] = member.sessionId;
    measureSlot(board, index);
  });
  return (
    <>
      {reactions.length > 0 && (
        <div className="avatar-reactions">
          {reactions.map((r, i) => (
            <span
              key={r.id}
              className="reaction-float"
              data-testid="avatar-reaction"
              data-emoji={r.emoji}
              data-session-id={member.sessionId}
              style={{ left: `${(i % 3) * 14 - 14}px` }}
            >
              {r.emoji}
            </span>
          ))}
        </div>
      )}
      {bubble && (
        <div className="speech-bubble" data-testid="speech-bubble" data-session-id={member.sessionId}>
          {bubble.text}
        </div>
      )}
      <div
        ref={labelRef}
        className={`avatar-label${member.isSelf ? " is-self" : ""}${member.online ? "" : " is-offline"}${host ? " is-host" : ""}${member.speaker ? " is-speaker" : ""}${talking ? " is-talking" : ""}`}
        data-testid="avatar-label"
        data-member-id={member.memberId}
        data-session-id={member.sessionId}
        data-self={member.isSelf ? "true" : "false"}
        data-online={member.online ? "true" : "false"}
        data-role={member.role}
        data-talking={talking ? "true" : "false"}
      >
        <span className="avatar-label-dot" style={{ background: member.color }} />
        {member.name}
        {nameTag !== undefined && (
          <span className="name-tag" data-testid="name-tag" data-tag={nameTag}>
            {nameTag}
          </span>
        )}
        {host && <HostTag />}
        <TierMark tier={member.tier} className="avatar-label-mark" />
        {member.speaker && (
          <span className="avatar-label-mark" data-testid="label-speaker">
            🎤
          </span>
        )}
        {member.hand && !member.speaker && (
          <span className="avatar-label-mark" data-testid="label-hand">
            ✋
          </span>
        )}
        {member.expert && (
          <span className="avatar-label-mark" data-testid="label-expert">
            🎓
          </span>
        )}
        {member.isSelf ? t("venue.you") : ""}
        {member.online ? "" : t("venue.offline")}
      </div>
    </>
  );
}
