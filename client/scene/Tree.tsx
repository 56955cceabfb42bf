import { useRef } from "react";
import { useFrame } from "@react-three/fiber";
import type { Group } from "three";

interface TreeProps {
  x: number;
  z: number;
  segments: number;
  shadows: boolean;
  reducedMotion: boolean;
}

const FOLIAGE: ReadonlyArray<{ p: [number, number, number]; r: number; c: string }> = [
  { p: [0, 4.6, 0], r: 1.9, c: "#3f8f3a" },
  { p: [1.3, 4.0, 0.4], r: 1.3, c: "#4fa544" },
  { p: [-1.3, 4.1, -0.3], r: 1.35, c: "#37803a" },
  { p: [0.3, 4.1, 1.3], r: 1.2, c: "#5bb14d" },
  { p: [-0.4, 4.0, -1.3], r: 1.25, c: "#46993f" },
  { p: [0.2, 5.9, 0.1], r: 1.2, c: "#62b752" },
];

/** The centrepiece: a tapered trunk with two branches, a crown of overlapping spheres and a ring of roots. */
export function Tree({ x, z, segments, shadows, reducedMotion }: TreeProps) {
  const crown = useRef<Group>(null);
  useFrame(({ clock }) => {
    if (!crown.current || reducedMotion) return;
    crown.current.rotation.z = Math.sin(clock.elapsedTime * 0.6) * 0.015;
  });
  const seg = Math.max(8, segments);
  return (
    <group position={[x, 0, z]}>
      <mesh position={[0, 0.1, 0]} receiveShadow>
        <cylinderGeometry args={[1.6, 1.7, 0.2, seg * 2]} />
        <meshStandardMaterial color="#b9a27c" roughness={0.95} />
      </mesh>
      <mesh position={[0, 1.7, 0]} castShadow={shadows}>
        <cylinderGeometry args={[0.32, 0.55, 3.2, seg]} />
        <meshStandardMaterial color="#7a5436" roughness={0.9} />
      </mesh>
      <mesh position={[0.55, 3.0, 0]} rotation={[0, 0, -0.7]} castShadow={shadows}>
        <cylinderGeometry args={[0.1, 0.18, 1.4, Math.max(6, seg / 2)]} />
        <meshStandardMaterial color="#7a5436" roughness={0.9} />
      </mesh>
      <mesh position={[-0.5, 3.1, 0.1]} rotation={[0.2, 0, 0.75]} castShadow={shadows}>
        <cylinderGeometry args={[0.09, 0.16, 1.2, Math.max(6, seg / 2)]} />
        <meshStandardMaterial color="#7a5436" roughness={0.9} />
      </mesh>
      <group ref={crown}>
        {FOLIAGE.map((f, i) => (
          <mesh key={i} position={f.p} castShadow={shadows}>
            <icosahedronGeometry args={[f.r, segments >= 24 ? 2 : 1]} />
            <meshStandardMaterial color={f.c} roughness={0.8} flatShading />
          </mesh>
        ))}
      </group>
    </group>
  );
}
