import { useRef } from "react";
import { useFrame } from "@react-three/fiber";
import { PerspectiveCamera, Vector3 } from "three";
import { CAMERA_BASE_OFFSET, cameraFraming } from "../../shared/rules/cameraFraming.js";
import type { VenueConnection } from "../net/VenueConnection.js";
import { INTERPOLATION_DELAY_MS, type SampledPose } from "../net/SnapshotBuffer.js";
import { useSceneBoard } from "./sceneBoard.js";

/** Behind and above the avatar, looking toward the stage (−z), so "forward" on the keys is "toward the stage". */
export const CAMERA_OFFSET = new Vector3(CAMERA_BASE_OFFSET.x, CAMERA_BASE_OFFSET.y, CAMERA_BASE_OFFSET.z);
const LOOK_HEIGHT = 1.2;
const FOLLOW_RATE = 4;

/**
 * Follows the local avatar: exponential smoothing, or a rigid follow (no sway) under reduced motion. Frames the
 * view for the screen's shape (`cameraFraming`): a phone held upright gets a wider lens and a camera further
 * back, so it sees about as much around the member as a laptop does.
 */
export function CameraRig({ connection, reducedMotion }: { connection: VenueConnection; reducedMotion: boolean }) {
  const board = useSceneBoard();
  const pose = useRef<SampledPose>({ x: 0, z: 4, rot: 0, moving: false });
  const target = useRef(new Vector3(0, LOOK_HEIGHT, 4));
  const desired = useRef(new Vector3());
  const offset = useRef(CAMERA_OFFSET.clone());
  const framedAspect = useRef(Number.NaN);
  const placed = useRef(false);

  useFrame(({ camera, size }, delta) => {
    const aspect = size.width / size.height;
    if (aspect !== framedAspect.current && camera instanceof PerspectiveCamera) {
      const framing = cameraFraming(aspect);
      camera.fov = framing.fov;
      camera.updateProjectionMatrix();
      offset.current.copy(CAMERA_OFFSET).multiplyScalar(framing.distanceScale);
      framedAspect.current = aspect;
    }
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
    camera.position.copy(target.current).add(offset.current);
    camera.lookAt(target.current);
    board.focus.set(pose.current.x, 0, pose.current.z);
    board.focusReady = track !== undefined;
  });
  return null;
}
