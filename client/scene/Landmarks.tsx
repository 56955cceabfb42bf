import type { Object3D } from "three";
import { LANDMARKS, type Landmark } from "../../shared/rules/venue.js";
import { useSceneBoard } from "./sceneBoard.js";
import { VenueGrowthTree } from "./GrowthTree.js";

interface LandmarkProps {
  segments: number;
  shadows: boolean;
  reducedMotion: boolean;
}

function Fountain({ landmark, segments, shadows }: { landmark: Landmark } & LandmarkProps) {
  const seg = Math.max(12, segments * 2);
  return (
    <group position={[landmark.x, 0, landmark.z]}>
      <mesh position={[0, 0.3, 0]} castShadow={shadows} receiveShadow>
        <cylinderGeometry args={[landmark.radius, landmark.radius + 0.1, 0.6, seg]} />
        <meshStandardMaterial color="#d9cdb4" roughness={0.8} />
      </mesh>
      <mesh position={[0, 0.56, 0]} rotation={[-Math.PI / 2, 0, 0]}>
        <circleGeometry args={[landmark.radius - 0.2, seg]} />
        <meshStandardMaterial color="#6cb4d0" roughness={0.15} metalness={0.1} />
      </mesh>
      <mesh position={[0, 1.1, 0]} castShadow={shadows}>
        <cylinderGeometry args={[0.18, 0.28, 1.2, seg / 2]} />
        <meshStandardMaterial color="#d9cdb4" roughness={0.8} />
      </mesh>
      <mesh position={[0, 1.75, 0]}>
        <sphereGeometry args={[0.32, seg / 2, seg / 4]} />
        <meshStandardMaterial color="#9fd6ea" roughness={0.1} transparent opacity={0.8} />
      </mesh>
    </group>
  );
}

function Kiosk({ landmark, segments, shadows }: { landmark: Landmark } & LandmarkProps) {
  return (
    <group position={[landmark.x, 0, landmark.z]}>
      <mesh position={[0, 0.75, 0]} castShadow={shadows} receiveShadow>
        <boxGeometry args={[1.9, 1.5, 1.5]} />
        <meshStandardMaterial color="#e9d8b4" roughness={0.8} />
      </mesh>
      <mesh position={[0, 1.05, 0.76]}>
        <boxGeometry args={[1.5, 0.5, 0.04]} />
        <meshStandardMaterial color="#f7f1e3" roughness={0.6} />
      </mesh>
      <mesh position={[0, 2.05, 0]} rotation={[0, Math.PI / 4, 0]} castShadow={shadows}>
        <coneGeometry args={[1.65, 1.0, 4]} />
        <meshStandardMaterial color="#c8553d" roughness={0.7} />
      </mesh>
      {[-0.85, 0.85].map((dx) => (
        <mesh key={dx} position={[dx, 1.53, 0.72]}>
          <cylinderGeometry args={[0.05, 0.05, 0.06, Math.max(6, segments / 2)]} />
          <meshStandardMaterial color="#8a5a3b" />
        </mesh>
      ))}
    </group>
  );
}

function Bench({ landmark, shadows }: { landmark: Landmark } & LandmarkProps) {
  // Benches face the centre of the venue.
  const facing = Math.atan2(-landmark.x, -landmark.z);
  return (
    <group position={[landmark.x, 0, landmark.z]} rotation={[0, facing, 0]}>
      <mesh position={[0, 0.45, 0]} castShadow={shadows} receiveShadow>
        <boxGeometry args={[1.9, 0.1, 0.55]} />
        <meshStandardMaterial color="#a8794f" roughness={0.85} />
      </mesh>
      <mesh position={[0, 0.8, -0.25]} rotation={[-0.15, 0, 0]} castShadow={shadows}>
        <boxGeometry args={[1.9, 0.45, 0.08]} />
        <meshStandardMaterial color="#a8794f" roughness={0.85} />
      </mesh>
      {[-0.8, 0.8].map((dx) => (
        <mesh key={dx} position={[dx, 0.2, 0]} castShadow={shadows}>
          <boxGeometry args={[0.1, 0.4, 0.5]} />
          <meshStandardMaterial color="#5b4636" />
        </mesh>
      ))}
    </group>
  );
}

function LandmarkShape({ landmark, ...props }: { landmark: Landmark } & LandmarkProps) {
  switch (landmark.kind) {
    case "tree":
      return <VenueGrowthTree x={landmark.x} z={landmark.z} {...props} />;
    case "fountain":
      return <Fountain landmark={landmark} {...props} />;
    case "kiosk":
      return <Kiosk landmark={landmark} {...props} />;
    case "bench":
      return <Bench landmark={landmark} {...props} />;
    default:
      return null;
  }
}

/** Everything in LANDMARKS, drawn where the movement rule expects it, each entered on the board as a possible occluder. */
export function Landmarks(props: LandmarkProps) {
  const board = useSceneBoard();
  return (
    <>
      {LANDMARKS.map((landmark) => (
        <group
          key={landmark.id}
          ref={(object: Object3D | null) => {
            if (!object) return;
            board.occluders.set(landmark.id, object);
            return () => {
              board.occluders.delete(landmark.id);
            };
          }}
        >
          <LandmarkShape landmark={landmark} {...props} />
        </group>
      ))}
    </>
  );
}
