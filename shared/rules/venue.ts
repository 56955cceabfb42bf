/** Half the side of the square walkable floor, in metres: positions live in [-VENUE_HALF_SIZE, VENUE_HALF_SIZE]. */
export const VENUE_HALF_SIZE = 20;
/** Walking speed in metres per second. */
export const WALK_SPEED = 4;
/** The stage occupies the far (negative z) edge; members cannot walk onto it. */
export const STAGE = { minX: -7, maxX: 7, minZ: -VENUE_HALF_SIZE, maxZ: -13 } as const;
/** Where a member appears when it first joins: a ring in front of the stage. */
export const SPAWN_RADIUS = 4;
export const SPAWN_CENTRE = { x: 0, z: 4 } as const;
/** How long a dropped member may come back without a new join (seconds). */
export const RECONNECT_GRACE_SECONDS = 20;
/** Simulation and patch rate of the venue room (milliseconds). */
export const VENUE_TICK_MS = 50;

/** Landmarks on the floor: the scene draws them here and the movement rule walks members around them. */
export const LANDMARKS = [
  { id: "tree", kind: "tree", x: 0, z: -6, radius: 1.6 },
  { id: "fountain", kind: "fountain", x: -11, z: 6, radius: 2 },
  { id: "kiosk", kind: "kiosk", x: 11, z: 6, radius: 1.4 },
  { id: "bench-west", kind: "bench", x: -12, z: -6, radius: 1.1 },
  { id: "bench-east", kind: "bench", x: 12, z: -6, radius: 1.1 },
] as const;
export type Landmark = (typeof LANDMARKS)[number];
