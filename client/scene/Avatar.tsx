import { memo, useEffect, useMemo, useRef } from "react";
import { useFrame } from "@react-three/fiber";
import type { Group, Mesh } from "three";
import type { MemberView } from "../net/VenueConnection.js";
import { INTERPOLATION_DELAY_MS, type SampledPose } from "../net/SnapshotBuffer.js";
import { useVenue } from "../state/venue.js";
import { AvatarBody, animateRig, labelHeight, shapeMetrics, type AvatarRig } from "./AvatarBody.js";
import { CollectibleObject } from "./CollectibleObject.js";
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
      {(member.speaker || member.hand || member.expert) && (
        <SalonAvatarMarks speaker={member.speaker} hand={member.hand && !member.speaker} expert={member.expert} shape={member.shape} reducedMotion={reducedMotion} />
      )}
      {/* The collectible the member chose to show floats above the name label. */}
      {member.trophy && <CollectibleObject seed={member.trophy} position={[0, labelHeight(member.shape, member.accessory) + 0.55, 0]} reducedMotion={reducedMotion} phase={phase} />}
    </group>
  );
});

/** How far the chest's front is from the avatar's axis, by shape (where the expert's pin sits). */
const CHEST_FRONT: Record<string, number> = { round: 0.43, tall: 0.32, boxy: 0.3 };

interface SalonAvatarMarksProps {
  speaker: boolean;
  hand: boolean;
  expert: boolean;
  shape: string;
  reducedMotion: boolean;
}

/**
 * The salon's marks on an avatar: a warm ring at the feet of a speaker, a raised hand that waves a little (still
 * under reduced motion), a gold pin on an expert's chest. Mounted only for members with a mark, a mesh or two each.
 */
function SalonAvatarMarks({ speaker, hand, expert, shape, reducedMotion }: SalonAvatarMarksProps) {
  const arm = useRef<Group>(null);
  const ring = useRef<Mesh>(null);
  const top = shapeMetrics(shape).headY;
  useFrame((state) => {
    const t = state.clock.elapsedTime;
    if (arm.current) arm.current.rotation.z = reducedMotion ? -0.2 : -0.2 + Math.sin(t * 5) * 0.18;
    if (ring.current) {
      const s = reducedMotion ? 1 : 1 + Math.sin(t * 2.6) * 0.06;
      ring.current.scale.set(s, s, 1);
    }
  });
  return (
    <>
      {speaker && (
        <mesh ref={ring} rotation={[-Math.PI / 2, 0, 0]} position={[0, 0.03, 0]}>
          <ringGeometry args={[0.6, 0.78, 32]} />
          <meshBasicMaterial color="#f5b342" transparent opacity={0.9} depthWrite={false} toneMapped={false} />
        </mesh>
      )}
      {hand && (
        <group ref={arm} position={[0.34, top - 0.55, 0]}>
          <mesh position={[0, 0.32, 0]}>
            <cylinderGeometry args={[0.06, 0.07, 0.62, 8]} />
            <meshStandardMaterial color="#f6eedc" roughness={0.7} />
          </mesh>
          <mesh position={[0, 0.7, 0]} scale={[1, 1.15, 0.6]}>
            <sphereGeometry args={[0.13, 12, 8]} />
            <meshStandardMaterial color="#f5c542" roughness={0.5} />
          </mesh>
        </group>
      )}
      {expert && (
        <mesh position={[0.16, 1.02, CHEST_FRONT[shape] ?? 0.43]}>
          <octahedronGeometry args={[0.09]} />
          <meshStandardMaterial color="#f5c542" emissive="#8a5a00" roughness={0.3} metalness={0.4} />
        </mesh>
      )}
    </>
  );
}
