import { useEffect, useMemo, type RefObject } from "react";
import type { Group } from "three";
import { MeshStandardMaterial } from "three";

export interface AvatarLookProps {
  color: string;
  shape: string;
  accessory: string;
}

/** The moving parts of an avatar, animated by `animateRig` from a `useFrame`. */
export interface AvatarRig {
  body: Group | null;
  legLeft: Group | null;
  legRight: Group | null;
}

interface ShapeMetrics {
  headY: number;
  headTop: number;
  eyeZ: number;
}

const SHAPE_METRICS: Record<string, ShapeMetrics> = {
  round: { headY: 1.42, headTop: 1.72, eyeZ: 0.27 },
  tall: { headY: 1.72, headTop: 1.98, eyeZ: 0.23 },
  boxy: { headY: 1.5, headTop: 1.76, eyeZ: 0.26 },
};
const DEFAULT_METRICS: ShapeMetrics = { headY: 1.42, headTop: 1.72, eyeZ: 0.27 };

export function shapeMetrics(shape: string): ShapeMetrics {
  return SHAPE_METRICS[shape] ?? DEFAULT_METRICS;
}

/** Height above the feet where the name label sits. */
export function labelHeight(shape: string, accessory: string): number {
  return shapeMetrics(shape).headTop + (accessory === "none" ? 0.35 : 0.6);
}

/**
 * Walk: a small bob and swinging legs. Idle: slow breathing. Reduced motion: still.
 * `time` is in seconds; the phase offset keeps a crowd from breathing in lockstep.
 */
export function animateRig(rig: AvatarRig, time: number, moving: boolean, reducedMotion: boolean, phase = 0): void {
  const { body, legLeft, legRight } = rig;
  if (!body || !legLeft || !legRight) return;
  if (reducedMotion) {
    body.position.y = 0;
    body.scale.set(1, 1, 1);
    legLeft.rotation.x = 0;
    legRight.rotation.x = 0;
    return;
  }
  const t = time + phase;
  if (moving) {
    const swing = Math.sin(t * 11);
    body.position.y = Math.abs(Math.cos(t * 11)) * 0.08;
    body.scale.set(1, 1, 1);
    legLeft.rotation.x = swing * 0.55;
    legRight.rotation.x = -swing * 0.55;
  } else {
    const breath = Math.sin(t * 1.8) * 0.02;
    body.position.y = 0;
    body.scale.set(1 - breath * 0.5, 1 + breath, 1 - breath * 0.5);
    legLeft.rotation.x *= 0.8;
    legRight.rotation.x *= 0.8;
  }
}

interface AvatarBodyProps extends AvatarLookProps {
  rigRef: RefObject<AvatarRig>;
  /** Sphere and cylinder segments: fewer on low quality. */
  segments: number;
  opacity: number;
  castShadow: boolean;
}

function useMaterial(color: string, opacity: number, roughness = 0.7): MeshStandardMaterial {
  const material = useMemo(
    () => new MeshStandardMaterial({ color, roughness, transparent: opacity < 1, opacity, depthWrite: opacity >= 1 }),
    [color, opacity, roughness],
  );
  useEffect(() => () => material.dispose(), [material]);
  return material;
}

/** An avatar built from primitives: body by shape, a head with eyes facing +z, legs, and an accessory. */
export function AvatarBody({ color, shape, accessory, rigRef, segments, opacity, castShadow }: AvatarBodyProps) {
  const skin = useMaterial(color, opacity);
  const dark = useMaterial("#2b2a26", opacity, 0.5);
  const cream = useMaterial("#f6eedc", opacity);
  const leafGreen = useMaterial("#4f9d3a", opacity);
  const gold = useMaterial("#f5c542", opacity, 0.3);
  const hatColour = useMaterial("#6b4f3a", opacity);
  const m = shapeMetrics(shape);
  const seg = segments;

  return (
    <group>
      <group ref={(g) => void (rigRef.current.legLeft = g)} position={[-0.16, 0.42, 0]}>
        <mesh position={[0, -0.21, 0]} material={dark} castShadow={castShadow}>
          <cylinderGeometry args={[0.09, 0.1, 0.42, Math.max(6, seg / 2)]} />
        </mesh>
      </group>
      <group ref={(g) => void (rigRef.current.legRight = g)} position={[0.16, 0.42, 0]}>
        <mesh position={[0, -0.21, 0]} material={dark} castShadow={castShadow}>
          <cylinderGeometry args={[0.09, 0.1, 0.42, Math.max(6, seg / 2)]} />
        </mesh>
      </group>
      <group ref={(g) => void (rigRef.current.body = g)}>
        {shape === "tall" ? (
          <mesh position={[0, 1.0, 0]} material={skin} castShadow={castShadow}>
            <capsuleGeometry args={[0.3, 0.6, Math.max(3, seg / 4), seg]} />
          </mesh>
        ) : shape === "boxy" ? (
          <mesh position={[0, 0.82, 0]} material={skin} castShadow={castShadow}>
            <boxGeometry args={[0.78, 0.8, 0.56]} />
          </mesh>
        ) : (
          <mesh position={[0, 0.8, 0]} scale={[1, 1.05, 0.9]} material={skin} castShadow={castShadow}>
            <sphereGeometry args={[0.46, seg, Math.max(6, seg / 2)]} />
          </mesh>
        )}
        {shape === "boxy" ? (
          <mesh position={[0, m.headY, 0]} material={cream} castShadow={castShadow}>
            <boxGeometry args={[0.5, 0.48, 0.48]} />
          </mesh>
        ) : (
          <mesh position={[0, m.headY, 0]} material={cream} castShadow={castShadow}>
            <sphereGeometry args={[shape === "tall" ? 0.26 : 0.3, seg, Math.max(6, seg / 2)]} />
          </mesh>
        )}
        <mesh position={[-0.1, m.headY + 0.04, m.eyeZ]} material={dark}>
          <sphereGeometry args={[0.045, 8, 6]} />
        </mesh>
        <mesh position={[0.1, m.headY + 0.04, m.eyeZ]} material={dark}>
          <sphereGeometry args={[0.045, 8, 6]} />
        </mesh>
        <Accessory kind={accessory} top={m.headTop} headY={m.headY} seg={seg}
          materials={{ hat: hatColour, leaf: leafGreen, gold, dark, band: skin }} castShadow={castShadow} />
      </group>
    </group>
  );
}

interface AccessoryProps {
  kind: string;
  top: number;
  headY: number;
  seg: number;
  castShadow: boolean;
  materials: Record<"hat" | "leaf" | "gold" | "dark" | "band", MeshStandardMaterial>;
}

function Accessory({ kind, top, headY, seg, castShadow, materials }: AccessoryProps) {
  switch (kind) {
    case "hat":
      return (
        <group position={[0, top - 0.04, 0]}>
          <mesh material={materials.hat} castShadow={castShadow}>
            <cylinderGeometry args={[0.42, 0.42, 0.04, seg]} />
          </mesh>
          <mesh position={[0, 0.16, 0]} material={materials.hat} castShadow={castShadow}>
            <cylinderGeometry args={[0.22, 0.25, 0.3, seg]} />
          </mesh>
          <mesh position={[0, 0.05, 0]} material={materials.band}>
            <cylinderGeometry args={[0.255, 0.255, 0.07, seg]} />
          </mesh>
        </group>
      );
    case "leaf":
      return (
        <group position={[0, top, 0]}>
          <mesh position={[0, 0.06, 0]} material={materials.leaf}>
            <cylinderGeometry args={[0.02, 0.02, 0.14, 6]} />
          </mesh>
          <mesh position={[0.12, 0.16, 0]} rotation={[0, 0, -0.8]} scale={[1, 0.35, 0.6]} material={materials.leaf} castShadow={castShadow}>
            <sphereGeometry args={[0.16, Math.max(8, seg / 2), 6]} />
          </mesh>
          <mesh position={[-0.1, 0.13, 0]} rotation={[0, 0, 0.8]} scale={[1, 0.35, 0.6]} material={materials.leaf}>
            <sphereGeometry args={[0.11, Math.max(8, seg / 2), 6]} />
          </mesh>
        </group>
      );
    case "halo":
      return (
        <mesh position={[0, top + 0.2, 0]} rotation={[Math.PI / 2, 0, 0]} material={materials.gold}>
          <torusGeometry args={[0.24, 0.035, 8, seg * 2]} />
        </mesh>
      );
    case "headphones":
      return (
        <group position={[0, headY, 0]}>
          <mesh position={[0, 0.06, 0]} material={materials.dark}>
            <torusGeometry args={[0.33, 0.035, 8, seg * 2, Math.PI]} />
          </mesh>
          <mesh position={[-0.32, 0, 0]} rotation={[0, 0, Math.PI / 2]} material={materials.dark}>
            <cylinderGeometry args={[0.12, 0.12, 0.1, seg]} />
          </mesh>
          <mesh position={[0.32, 0, 0]} rotation={[0, 0, Math.PI / 2]} material={materials.dark}>
            <cylinderGeometry args={[0.12, 0.12, 0.1, seg]} />
          </mesh>
        </group>
      );
    default:
      return null;
  }
}
