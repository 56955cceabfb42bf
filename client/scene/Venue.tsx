import { useRef } from "react";
import { useFrame, type ThreeEvent } from "@react-three/fiber";
import { Sky } from "@react-three/drei";
import type { Mesh, MeshBasicMaterial } from "three";
import { VENUE_HALF_SIZE } from "../../shared/rules/venue.js";
import type { VenueConnection } from "../net/VenueConnection.js";
import { useVenue } from "../state/venue.js";
import { HuntClues } from "./HuntClues.js";
import { Landmarks } from "./Landmarks.js";
import { Stage } from "./Stage.js";
import { Avatars } from "./Avatars.js";
import { CameraRig } from "./CameraRig.js";
import { FrameDriver } from "./FrameDriver.js";
import { LabelProjector } from "./LabelProjector.js";
import { OcclusionFader } from "./OcclusionFader.js";

export interface VenueProps {
  title: string;
  reducedMotion: boolean;
  quality: "high" | "low";
}

const SKY_COLOUR = "#f3ead2";
const MARKER_MS = 900;

function clampCoordinate(v: number): number {
  return Math.max(-VENUE_HALF_SIZE, Math.min(VENUE_HALF_SIZE, v));
}

/** The walkable square, its border hedge, and the click-to-walk target. */
function Floor({ connection, segments, reducedMotion }: { connection: VenueConnection; segments: number; reducedMotion: boolean }) {
  const marker = useRef<Mesh>(null);
  const shownAt = useRef(-Infinity);

  const onClick = (event: ThreeEvent<MouseEvent>) => {
    event.stopPropagation();
    const x = clampCoordinate(event.point.x);
    const z = clampCoordinate(event.point.z);
    if (connection.send("walkTo", { x, z }) && marker.current) {
      marker.current.position.set(x, 0.03, z);
      shownAt.current = performance.now();
    }
  };

  useFrame(() => {
    const m = marker.current;
    if (!m) return;
    const age = (performance.now() - shownAt.current) / MARKER_MS;
    m.visible = age < 1;
    if (!m.visible) return;
    const material = m.material as MeshBasicMaterial;
    material.opacity = 0.8 * (1 - age);
    const s = reducedMotion ? 1 : 0.6 + age * 0.6;
    m.scale.set(s, s, s);
  });

  const size = VENUE_HALF_SIZE * 2;
  const hedge = VENUE_HALF_SIZE + 0.6;
  return (
    <group>
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[0, -0.02, 0]} receiveShadow>
        <planeGeometry args={[240, 240]} />
        <meshStandardMaterial color="#8fb573" roughness={1} />
      </mesh>
      <mesh rotation={[-Math.PI / 2, 0, 0]} receiveShadow onClick={onClick}>
        <planeGeometry args={[size, size]} />
        <meshStandardMaterial color="#b7d39a" roughness={1} />
      </mesh>
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[0, 0.005, 4]} receiveShadow>
        <circleGeometry args={[7, Math.max(24, segments * 3)]} />
        <meshStandardMaterial color="#eadcbc" roughness={0.95} />
      </mesh>
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[0, 0.004, -3]} receiveShadow>
        <planeGeometry args={[3, 14]} />
        <meshStandardMaterial color="#eadcbc" roughness={0.95} />
      </mesh>
      {[
        { p: [0, 0.35, -hedge] as const, s: [size + 2.4, 0.7, 0.8] as const },
        { p: [0, 0.35, hedge] as const, s: [size + 2.4, 0.7, 0.8] as const },
        { p: [-hedge, 0.35, 0] as const, s: [0.8, 0.7, size + 2.4] as const },
        { p: [hedge, 0.35, 0] as const, s: [0.8, 0.7, size + 2.4] as const },
      ].map((h, i) => (
        <mesh key={i} position={[...h.p]}>
          <boxGeometry args={[...h.s]} />
          <meshStandardMaterial color="#4d8a3f" roughness={1} />
        </mesh>
      ))}
      <mesh ref={marker} rotation={[-Math.PI / 2, 0, 0]} visible={false}>
        <ringGeometry args={[0.35, 0.5, 32]} />
        <meshBasicMaterial color="#fff8e6" transparent opacity={0.8} depthWrite={false} />
      </mesh>
    </group>
  );
}

/**
 * The whole venue: sky, soft lights, floor, stage, landmarks, members, and the camera that follows you; then,
 * each frame after the camera moved, the landmark fades, the draw and the label layout. It reads no slice
 * itself: only `Avatars` (the members slice) and `HuntClues` (the hunt slice) subscribe, so chat, reactions and
 * head-counts never re-render the scene.
 */
export function Venue({ title, reducedMotion, quality }: VenueProps) {
  const { connection } = useVenue();
  const high = quality === "high";
  const segments = high ? 24 : 12;
  return (
    <>
      <color attach="background" args={[SKY_COLOUR]} />
      <fog attach="fog" args={[SKY_COLOUR, 45, 110]} />
      {high && <Sky distance={4500} sunPosition={[40, 30, 30]} turbidity={6} rayleigh={1.2} mieCoefficient={0.004} />}
      <hemisphereLight args={["#fff6e0", "#6f8f55", 1.1]} />
      <ambientLight intensity={0.25} />
      <directionalLight
        position={[14, 22, 12]}
        intensity={1.8}
        color="#fff1d6"
        castShadow={high}
        shadow-mapSize={[2048, 2048]}
        shadow-camera-left={-26}
        shadow-camera-right={26}
        shadow-camera-top={26}
        shadow-camera-bottom={-26}
        shadow-camera-far={80}
        shadow-bias={-0.0005}
      />
      <Floor connection={connection} segments={segments} reducedMotion={reducedMotion} />
      <Stage title={title} shadows={high} />
      <Landmarks segments={segments} shadows={high} reducedMotion={reducedMotion} />
      <HuntClues reducedMotion={reducedMotion} />
      <Avatars reducedMotion={reducedMotion} segments={segments} shadows={high} />
      <CameraRig connection={connection} reducedMotion={reducedMotion} />
      <OcclusionFader reducedMotion={reducedMotion} />
      <FrameDriver />
      <LabelProjector />
    </>
  );
}
