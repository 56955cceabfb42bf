import { useRef } from "react";
import { useFrame } from "@react-three/fiber";
import { Vector3 } from "three";
import type { VenueConnection } from "../net/VenueConnection.js";
import { INTERPOLATION_DELAY_MS, type SampledPose } from "../net/SnapshotBuffer.js";

/** Behind and above the avatar, looking toward the stage (−z), so "forward" on the keys is "toward the stage". */
export const CAMERA_OFFSET = new Vector3(0, 8.5, 11);
const LOOK_HEIGHT = 1.2;
const FOLLOW_RATE = 4;

/** Follows the local avatar: exponential smoothing, or a rigid follow (no sway) under reduced motion. */
export function CameraRig({ connection, reducedMotion }: { connection: VenueConnection; reducedMotion: boolean }) {
  const pose = useRef<SampledPose>({ x: 0, z: 4, rot: 0, moving: false });
  const target = useRef(new Vector3(0, LOOK_HEIGHT, 4));
  const desired = useRef(new Vector3());
  const placed = useRef(false);

  useFrame(({ camera }, delta) => {
    const selfId = connection.sessionId;
    const track = selfId ? connection.tracks.get(selfId) : undefined;
    if (track) track.buffer.sample(performance.now() - INTERPOLATION_DELAY_MS, pose.current);
    desired.current.set(pose.current.x, LOOK_HEIGHT, pose.current.z);
    if (!placed.current || reducedMotion) {
      target.current.copy(desired.current);
      placed.current = track !== undefined;
    } else {
      target.current.lerp(desired.current, 1 - Math.exp(-FOLLOW_RATE * Math.min(delta, 0.1)));
    }
    camera.position.copy(target.current).add(CAMERA_OFFSET);
    camera.lookAt(target.current);
  });
  return null;
}
