import { memo, useEffect, useMemo, useRef } from "react";
import { useFrame } from "@react-three/fiber";
import type { Group } from "three";
import type { MemberView } from "../net/VenueConnection.js";
import { INTERPOLATION_DELAY_MS, type SampledPose } from "../net/SnapshotBuffer.js";
import { useVenue } from "../state/venue.js";
import { AvatarBody, animateRig, labelHeight, type AvatarRig } from "./AvatarBody.js";
import { useSceneBoard, type AvatarEntry } from "./sceneBoard.js";

interface AvatarProps {
  member: MemberView;
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
 * changes per frame is written to objects through refs, never React state. Its name label is not here: the
 * avatar enters itself on the scene board, and the one label layer over the canvas (`LabelLayer`) draws labels
 * for the avatars the layout picks, so a crowd costs one pool of elements, not a DOM root per member.
 */
export const Avatar = memo(function Avatar({ member, reducedMotion, segments, shadows }: AvatarProps) {
  const { connection } = useVenue();
  const board = useSceneBoard();
  const group = useRef<Group>(null);
  const rig = useRef<AvatarRig>({ body: null, legLeft: null, legRight: null });
  const pose = useRef<SampledPose>({ x: 0, z: 0, rot: 0, moving: false });
  const placed = useRef(false);
  const phase = useMemo(() => phaseOf(member.sessionId), [member.sessionId]);

  const entry = useRef<AvatarEntry | null>(null);

  useEffect(() => {
    const g = group.current;
    if (!g) return;
    const mine: AvatarEntry = { member, group: g, labelY: labelHeight(member.shape, member.accessory), pose: pose.current };
    entry.current = mine;
    // Until its first pose is drawn the avatar has no place on screen, so it asks for a label from then on.
    if (placed.current) board.avatars.set(member.sessionId, mine);
    return () => {
      entry.current = null;
      if (board.avatars.get(member.sessionId) === mine) board.avatars.delete(member.sessionId);
    };
  }, [board, member]);

  useFrame((state) => {
    const track = connection.tracks.get(member.sessionId);
    const g = group.current;
    if (!track || !g) return;
    if (!track.buffer.sample(performance.now() - INTERPOLATION_DELAY_MS, pose.current)) return;
    const p = pose.current;
    g.position.set(p.x, 0, p.z);
    g.rotation.y = p.rot;
    animateRig(rig.current, state.clock.elapsedTime, p.moving, reducedMotion, phase);
    if (!placed.current) {
      placed.current = true;
      if (entry.current) board.avatars.set(member.sessionId, entry.current);
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
    </group>
  );
});
