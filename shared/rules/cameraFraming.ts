/**
 * How the follow camera frames the member for the screen's shape. A laptop (16:9) sees the scene through a 50°
 * vertical field of view from CAMERA_BASE_OFFSET behind and above the avatar. A phone held upright would see a
 * slice a quarter as wide through the same lens, so narrower screens widen the vertical field of view (up to
 * CAMERA_MAX_FOV) and then pull the camera back along the same line (it rises as it goes) until the ground
 * around the avatar is at least CAMERA_MIN_WIDTH_SHARE as wide as a laptop shows it.
 */

/** Behind and above the avatar, looking toward the stage (−z), in metres. */
export const CAMERA_BASE_OFFSET = { x: 0, y: 8.5, z: 11 } as const;
/** Vertical field of view on a laptop-shaped screen and wider (degrees). */
export const CAMERA_BASE_FOV = 50;
/** The widest vertical field of view a narrow screen gets; wider looks like a fish-eye. */
export const CAMERA_MAX_FOV = 68;
/** The screen shape the base framing was made for. */
export const CAMERA_REFERENCE_ASPECT = 16 / 9;
/**
 * The least share of a laptop's horizontal view a narrow screen keeps. Below 1 on purpose: matching it fully
 * would shrink avatars on a phone to a few pixels.
 */
export const CAMERA_MIN_WIDTH_SHARE = 0.72;

export interface CameraFraming {
  /** Vertical field of view in degrees. */
  fov: number;
  /** Multiplies CAMERA_BASE_OFFSET: 1 on a laptop, more (further back and higher) on a narrow screen. */
  distanceScale: number;
}

const BASE_DISTANCE = Math.hypot(CAMERA_BASE_OFFSET.y, CAMERA_BASE_OFFSET.z);
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
const toDegrees = (radians: number) => (radians * 180) / Math.PI;

/**
 * Half the width of ground seen at the look-at point, in metres, for a camera `distance` away with vertical
 * field of view `fov` on a screen of `aspect` (width / height).
 */
export function horizontalHalfExtent(distance: number, fov: number, aspect: number): number {
  return distance * Math.tan(toRadians(fov) / 2) * aspect;
}

/** What a laptop-shaped screen shows on each side of the avatar. */
export const REFERENCE_HALF_EXTENT = horizontalHalfExtent(BASE_DISTANCE, CAMERA_BASE_FOV, CAMERA_REFERENCE_ASPECT);

/**
 * The framing for a screen of `aspect` (width / height). Invariants: fov is within [CAMERA_BASE_FOV,
 * CAMERA_MAX_FOV] and distanceScale ≥ 1; the half-extent seen is at least CAMERA_MIN_WIDTH_SHARE of
 * REFERENCE_HALF_EXTENT; a narrower screen never gets a closer camera or a narrower lens; an aspect that is not a
 * positive finite number gets the base framing.
 */
export function cameraFraming(aspect: number): CameraFraming {
  if (!Number.isFinite(aspect) || aspect <= 0) return { fov: CAMERA_BASE_FOV, distanceScale: 1 };
  const wanted = REFERENCE_HALF_EXTENT * CAMERA_MIN_WIDTH_SHARE;
  if (horizontalHalfExtent(BASE_DISTANCE, CAMERA_BASE_FOV, aspect) >= wanted) return { fov: CAMERA_BASE_FOV, distanceScale: 1 };
  // First the lens: the field of view that shows `wanted` from the base distance, if it is not too wide.
  const fovNeeded = toDegrees(2 * Math.atan(wanted / (BASE_DISTANCE * aspect)));
  if (fovNeeded <= CAMERA_MAX_FOV) return { fov: fovNeeded, distanceScale: 1 };
  // Then the distance: at the widest lens, step back until `wanted` fits.
  const distance = wanted / (Math.tan(toRadians(CAMERA_MAX_FOV) / 2) * aspect);
  return { fov: CAMERA_MAX_FOV, distanceScale: distance / BASE_DISTANCE };
}

/**
 * Whether the segment from A to B passes within `radius` of the centre C: the occlusion test for a landmark's
 * bounding sphere between the camera (A) and the member (B). Pure arithmetic on numbers, so a frame loop can call
 * it for every occluder without allocating.
 */
export function segmentHitsSphere(
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
  cx: number,
  cy: number,
  cz: number,
  radius: number,
): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const dz = bz - az;
  const lengthSq = dx * dx + dy * dy + dz * dz;
  let t = lengthSq > 0 ? ((cx - ax) * dx + (cy - ay) * dy + (cz - az) * dz) / lengthSq : 0;
  t = Math.max(0, Math.min(1, t));
  const px = ax + dx * t - cx;
  const py = ay + dy * t - cy;
  const pz = az + dz * t - cz;
  return px * px + py * py + pz * pz <= radius * radius;
}
