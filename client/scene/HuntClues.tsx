import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { useFrame, type ThreeEvent } from "@react-three/fiber";
import { AdditiveBlending, Object3D, OctahedronGeometry, type Group, type InstancedMesh } from "three";
import { CLUES_MAX } from "../../shared/rules/hunt/types.js";
import { unfoundSceneClues } from "../state/hunt.js";
import { useHunt } from "../state/hooks.js";
import { useVenue } from "../state/venue.js";

/** The crystal's look: warm and soft, so it reads as something to find without shouting over the venue. */
const CRYSTAL_COLOUR = "#ffe2a0";
const CRYSTAL_GLOW = "#ffb347";
const CRYSTAL_HEIGHT = 0.62;
const CRYSTAL_SCALE: [number, number, number] = [0.2, 0.34, 0.2];
const HALO_RADIUS = 0.42;
const BOB_M = 0.08;

/** An elongated, flat-shaded octahedron: a few faces catch the light as it turns. Made once for the page. */
function useCrystalGeometry(): OctahedronGeometry {
  const geometry = useMemo(() => new OctahedronGeometry(1, 0), []);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return geometry;
}

/** A stable phase per clue, so a row of crystals does not bob in lockstep. */
function phaseOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return ((h >>> 0) % 628) / 100;
}

interface HuntCluesProps {
  reducedMotion: boolean;
}

/**
 * The hunt's scene clues this member (or team) has not found yet (docs/hunts.md, "The client"): each a small softly
 * glowing crystal over a faint halo on the floor, bobbing and turning gently (still under reduced motion). Two
 * instanced meshes, so a hunt of many clues costs two draw calls; found clues are gone at the next `huntMine`.
 * Clicking one walks to it (claiming is the panel's: a button, by keyboard and screen reader alike).
 */
export function HuntClues({ reducedMotion }: HuntCluesProps) {
  const view = useHunt((s) => s.public);
  const mine = useHunt((s) => s.mine);
  const clues = useMemo(() => unfoundSceneClues(view, mine).slice(0, CLUES_MAX), [view, mine]);
  const { connection } = useVenue();
  const crystals = useRef<InstancedMesh>(null);
  const halos = useRef<InstancedMesh>(null);
  const geometry = useCrystalGeometry();
  const dummy = useMemo(() => new Object3D(), []);
  const phases = useMemo(() => clues.map((c) => phaseOf(c.id)), [clues]);

  // Halos lie still: placed once per change of the list.
  useLayoutEffect(() => {
    const mesh = halos.current;
    if (!mesh) return;
    clues.forEach((clue, i) => {
      dummy.position.set(clue.where.x, 0.02, clue.where.z);
      dummy.rotation.set(-Math.PI / 2, 0, 0);
      dummy.scale.set(1, 1, 1);
      dummy.updateMatrix();
      mesh.setMatrixAt(i, dummy.matrix);
    });
    mesh.count = clues.length;
    mesh.instanceMatrix.needsUpdate = true;
  }, [clues, dummy]);

  useFrame(({ clock }) => {
    const mesh = crystals.current;
    if (!mesh) return;
    const t = clock.elapsedTime;
    clues.forEach((clue, i) => {
      const phase = phases[i] ?? 0;
      const bob = reducedMotion ? 0 : Math.sin(t * 1.6 + phase) * BOB_M;
      dummy.position.set(clue.where.x, CRYSTAL_HEIGHT + bob, clue.where.z);
      dummy.rotation.set(0, reducedMotion ? phase : t * 0.6 + phase, 0);
      dummy.scale.set(...CRYSTAL_SCALE);
      dummy.updateMatrix();
      mesh.setMatrixAt(i, dummy.matrix);
    });
    mesh.count = clues.length;
    mesh.instanceMatrix.needsUpdate = true;
  });

  const walkTo = (event: ThreeEvent<MouseEvent>) => {
    const clue = event.instanceId === undefined ? undefined : clues[event.instanceId];
    if (!clue) return;
    event.stopPropagation();
    connection.send("walkTo", { x: clue.where.x, z: clue.where.z });
  };

  if (clues.length === 0) return null;
  return (
    <group name="hunt-clues" userData={{ clueIds: clues.map((c) => c.id) }}>
      <instancedMesh ref={crystals} args={[geometry, undefined, CLUES_MAX]} frustumCulled={false} onClick={walkTo}>
        <meshStandardMaterial color={CRYSTAL_COLOUR} emissive={CRYSTAL_GLOW} emissiveIntensity={0.85} roughness={0.25} metalness={0.1} flatShading transparent opacity={0.92} />
      </instancedMesh>
      <instancedMesh ref={halos} args={[undefined, undefined, CLUES_MAX]} frustumCulled={false} raycast={() => undefined}>
        <circleGeometry args={[HALO_RADIUS, 24]} />
        <meshBasicMaterial color={CRYSTAL_GLOW} transparent opacity={0.16} depthWrite={false} blending={AdditiveBlending} />
      </instancedMesh>
    </group>
  );
}

/** One clue's crystal on its own (the scanner shows it over the camera view for a moment after a find). */
export function ClueCrystal({ reducedMotion }: { reducedMotion: boolean }) {
  const group = useRef<Group>(null);
  const geometry = useCrystalGeometry();
  useFrame(({ clock }) => {
    const g = group.current;
    if (!g || reducedMotion) return;
    g.rotation.y = clock.elapsedTime * 1.2;
    g.position.y = Math.sin(clock.elapsedTime * 2) * 0.1;
  });
  return (
    <group ref={group}>
      <mesh geometry={geometry} scale={[0.7, 1.15, 0.7]}>
        <meshStandardMaterial color={CRYSTAL_COLOUR} emissive={CRYSTAL_GLOW} emissiveIntensity={0.85} roughness={0.25} metalness={0.1} flatShading />
      </mesh>
    </group>
  );
}
