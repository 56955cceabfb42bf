import { useRef } from "react";
import { Canvas, useFrame } from "@react-three/fiber";
import type { Group } from "three";
import type { AvatarLook } from "../../shared/protocol/index.js";
import { AvatarBody, animateRig, type AvatarRig } from "./AvatarBody.js";

function TurningAvatar({ look, reducedMotion }: { look: AvatarLook; reducedMotion: boolean }) {
  const turntable = useRef<Group>(null);
  const rig = useRef<AvatarRig>({ body: null, legLeft: null, legRight: null });
  useFrame(({ clock }, delta) => {
    if (turntable.current && !reducedMotion) turntable.current.rotation.y += delta * 0.6;
    animateRig(rig.current, clock.elapsedTime, false, reducedMotion);
  });
  return (
    <group ref={turntable} rotation={[0, reducedMotion ? 0.5 : 0, 0]}>
      <AvatarBody {...look} rigRef={rig} segments={24} opacity={1} castShadow={false} />
    </group>
  );
}

/** The lobby's live preview of the chosen look: slowly turning, or still under reduced motion. */
export function AvatarPreview({ look, reducedMotion, label }: { look: AvatarLook; reducedMotion: boolean; label: string }) {
  return (
    <div className="avatar-preview" role="img" aria-label={label} data-testid="lobby-preview">
      <Canvas dpr={[1, 2]} camera={{ fov: 35, position: [0, 1.6, 4.6] }} onCreated={({ camera }) => camera.lookAt(0, 1.05, 0)}>
        <color attach="background" args={["#f3ead2"]} />
        <hemisphereLight args={["#fff6e0", "#6f8f55", 1.3]} />
        <directionalLight position={[3, 5, 4]} intensity={1.6} />
        <mesh rotation={[-Math.PI / 2, 0, 0]}>
          <circleGeometry args={[1.1, 40]} />
          <meshStandardMaterial color="#b7d39a" />
        </mesh>
        <TurningAvatar look={look} reducedMotion={reducedMotion} />
      </Canvas>
    </div>
  );
}
