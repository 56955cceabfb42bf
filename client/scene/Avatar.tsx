import { memo, useMemo, useRef, type RefObject } from "react";
import { useFrame } from "@react-three/fiber";
import { Html } from "@react-three/drei";
import type { Group } from "three";
import { useTranslation } from "react-i18next";
import { useShallow } from "zustand/react/shallow";
import type { MemberView } from "../net/VenueConnection.js";
import { INTERPOLATION_DELAY_MS, type SampledPose } from "../net/SnapshotBuffer.js";
import { useChat, useReactions } from "../state/hooks.js";
import { useVenue } from "../state/venue.js";
import type { Bubble } from "../state/chat.js";
import type { FloatingReaction } from "../state/reactions.js";
import { HostTag } from "../ui/HostTag.js";
import { AvatarBody, animateRig, labelHeight, type AvatarRig } from "./AvatarBody.js";

interface AvatarProps {
  member: MemberView;
  /** Shown beside the name when another member has the same one. */
  nameTag?: string | undefined;
  reducedMotion: boolean;
  segments: number;
  shadows: boolean;
}

function phaseOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) % 1000;
  return h / 100;
}

/**
 * One member in the scene, drawn ~100 ms behind the newest patch and blended between patches. Everything that
 * changes per frame is written to objects and DOM attributes through refs, never React state. It subscribes to
 * no slice: its label (`AvatarTag`) follows the chat and reactions slices on its own.
 */
export const Avatar = memo(function Avatar({ member, nameTag, reducedMotion, segments, shadows }: AvatarProps) {
  const { connection } = useVenue();
  const group = useRef<Group>(null);
  const rig = useRef<AvatarRig>({ body: null, legLeft: null, legRight: null });
  const label = useRef<HTMLDivElement>(null);
  const pose = useRef<SampledPose>({ x: 0, z: 0, rot: 0, moving: false });
  const written = useRef({ x: "", z: "" });
  const phase = useMemo(() => phaseOf(member.sessionId), [member.sessionId]);

  useFrame((state) => {
    const track = connection.tracks.get(member.sessionId);
    const g = group.current;
    if (!track || !g) return;
    if (!track.buffer.sample(performance.now() - INTERPOLATION_DELAY_MS, pose.current)) return;
    const p = pose.current;
    g.position.set(p.x, 0, p.z);
    g.rotation.y = p.rot;
    animateRig(rig.current, state.clock.elapsedTime, p.moving, reducedMotion, phase);
    const el = label.current;
    if (el) {
      const x = p.x.toFixed(2);
      const z = p.z.toFixed(2);
      if (x !== written.current.x) {
        el.setAttribute("data-x", x);
        written.current.x = x;
      }
      if (z !== written.current.z) {
        el.setAttribute("data-z", z);
        written.current.z = z;
      }
      el.setAttribute("data-moving", p.moving ? "true" : "false");
    }
  });

  return (
    <group ref={group}>
      <AvatarBody
        color={member.color}
        shape={member.shape}
        accessory={member.accessory}
        rigRef={rig}
        segments={segments}
        opacity={member.online ? 1 : 0.35}
        castShadow={shadows}
      />
      <AvatarTag member={member} nameTag={nameTag} labelRef={label} />
    </group>
  );
});

/**
 * The name label over an avatar, with its speech bubble and floating reactions. Its selectors pick this member's
 * bubble and reactions only, so another member's chat line does not re-render it.
 */
function AvatarTag({ member, nameTag, labelRef }: { member: MemberView; nameTag: string | undefined; labelRef: RefObject<HTMLDivElement | null> }) {
  const bubble = useChat((c) => c.bubbles[member.sessionId]);
  const reactions = useReactions(useShallow((r) => r.floating.filter((f) => f.sessionId === member.sessionId)));
  return (
    <Html position={[0, labelHeight(member.shape, member.accessory), 0]} center pointerEvents="none" zIndexRange={[20, 0]}>
      <AvatarTagContent member={member} nameTag={nameTag} labelRef={labelRef} bubble={bubble} reactions={reactions} />
    </Html>
  );
}

interface AvatarTagContentProps {
  member: MemberView;
  nameTag: string | undefined;
  labelRef: RefObject<HTMLDivElement | null>;
  bubble: Bubble | undefined;
  reactions: readonly FloatingReaction[];
}

/** Rendered by drei's <Html> in a React root of its own, where the venue's context does not reach: props only. */
function AvatarTagContent({ member, nameTag, labelRef, bubble, reactions }: AvatarTagContentProps) {
  const { t } = useTranslation();
  const host = member.role === "host";
  return (
    <div className="avatar-tag">
      {reactions.length > 0 && (
        <div className="avatar-reactions" aria-hidden="true">
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
        <div className="speech-bubble" data-testid="speech-bubble" data-session-id={member.sessionId} aria-hidden="true">
          {bubble.text}
        </div>
      )}
      <div
        ref={labelRef}
        className={`avatar-label${member.isSelf ? " is-self" : ""}${member.online ? "" : " is-offline"}${host ? " is-host" : ""}`}
        data-testid="avatar-label"
        data-member-id={member.memberId}
        data-session-id={member.sessionId}
        data-self={member.isSelf ? "true" : "false"}
        data-online={member.online ? "true" : "false"}
        data-role={member.role}
        aria-hidden="true"
      >
        <span className="avatar-label-dot" style={{ background: member.color }} />
        {member.name}
        {nameTag !== undefined && (
          <span className="name-tag" data-testid="name-tag" data-tag={nameTag}>
            {nameTag}
          </span>
        )}
        {host && <HostTag />}
        {member.isSelf ? t("venue.you") : ""}
        {member.online ? "" : t("venue.offline")}
      </div>
    </div>
  );
}
