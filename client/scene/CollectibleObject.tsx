import { useEffect, useMemo, useRef } from "react";
import { useFrame } from "@react-three/fiber";
import { BufferGeometry, Float32BufferAttribute, type Group } from "three";
import { artworkMesh, artworkSpec } from "../../shared/rules/growth/collectibles.js";

interface CollectibleObjectProps {
  /** The collectible's artwork seed (CollectibleRecord.seed): the object is drawn from it alone. */
  seed: string;
  position?: [number, number, number];
  reducedMotion: boolean;
  /** Turns a little slower or faster per owner, so a row of trophies does not spin in lockstep. */
  phase?: number;
}

/**
 * A collectible's small 3D object (docs/growth.md, "Collectibles"): the star-shaped solid `artworkMesh` describes,
 * in the artwork's palette, slowly turning and bobbing (still under reduced motion). One mesh, one draw call; the
 * geometry is made once per seed.
 */
export function CollectibleObject({ seed, position = [0, 0, 0], reducedMotion, phase = 0 }: CollectibleObjectProps) {
  const spin = useRef<Group>(null);
  const { geometry, palette } = useMemo(() => {
    const shape = artworkMesh(artworkSpec(seed));
    const g = new BufferGeometry();
    g.setAttribute("position", new Float32BufferAttribute(shape.positions, 3));
    g.computeVertexNormals();
    return { geometry: g, palette: shape.palette };
  }, [seed]);
  useEffect(() => () => geometry.dispose(), [geometry]);

  useFrame(({ clock }) => {
    const g = spin.current;
    if (!g) return;
    if (reducedMotion) {
      g.rotation.y = 0;
      g.position.y = 0;
      return;
    }
    const t = clock.elapsedTime + phase;
    g.rotation.y = t * 0.9;
    g.position.y = Math.sin(t * 1.7) * 0.05;
  });

  return (
    <group position={position}>
      <group ref={spin}>
        <mesh geometry={geometry} rotation={[0.18, 0, 0]}>
          <meshStandardMaterial color={palette[0]} emissive={palette[2]} emissiveIntensity={0.45} roughness={0.35} metalness={0.25} flatShading />
        </mesh>
      </group>
    </group>
  );
}
