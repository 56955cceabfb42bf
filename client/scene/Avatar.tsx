import { useMemo, useRef } from "react";
import { useFrame } from "@react-three/fiber";
import { Html } from "@react-three/drei";
import type { Group } from "three";
import { useTranslation } from "react-i18next";
import type { MemberView, VenueConnection } from "../net/VenueConnection.js";
import { useStore } from "../net/store.js";
import { INTERPOLATION_DELAY_MS, type SampledPose } from "../net/SnapshotBuffer.js";
import { AvatarBody, animateRig, labelHeight, type AvatarRig } from "./AvatarBody.js";

interface AvatarProps {
  connection: VenueConnection;
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
 * changes per frame is written to objects and DOM attributes through refs, never React state.
 */
export function Avatar({ connection, member, nameTag, reducedMotion, segments, shadows }: AvatarProps) {
  const { t } = useTranslation();
  const group = useRef<Group>(null);
  const rig = useRef<AvatarRig>({ body: null, legLeft: null, legRight: null });
  const label = useRef<HTMLDivElement>(null);
  const pose = useRef<SampledPose>({ x: 0, z: 0, rot: 0, moving: false });
  const written = useRef({ x: "", z: "" });
  const phase = useMemo(() => phaseOf(member.sessionId), [member.sessionId]);
  const bubble = useStore(connection.view, (v) => v.bubbles[member.sessionId]);
  const allReactions = useStore(connection.view, (v) => v.reactions);
  const reactions = useMemo(
    () => allReactions.filter((r) => r.sessionId === member.sessionId),
    [allReactions, member.sessionId],
  );

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
      <Html position={[0, labelHeight(member.shape, member.accessory), 0]} center pointerEvents="none" zIndexRange={[20, 0]}>
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
            ref={label}
            className={`avatar-label${member.isSelf ? " is-self" : ""}${member.online ? "" : " is-offline"}`}
            data-testid="avatar-label"
            data-member-id={member.memberId}
            data-session-id={member.sessionId}
            data-self={member.isSelf ? "true" : "false"}
            data-online={member.online ? "true" : "false"}
            aria-hidden="true"
          >
            <span className="avatar-label-dot" style={{ background: member.color }} />
            {member.name}
            {nameTag !== undefined && (
              <span className="name-tag" data-testid="name-tag" data-tag={nameTag}>
                {nameTag}
              </span>
            )}
            {member.isSelf ? t("venue.you") : ""}
            {member.online ? "" : t("venue.offline")}
          </div>
        </div>
      </Html>
    </group>
  );
}
