import { createContext, useContext } from "react";
import { Vector3, type Object3D } from "three";
import { DEFAULT_LABEL_LAYOUT } from "../../shared/rules/labelLayout.js";
import type { MemberView } from "../net/VenueConnection.js";
import type { SampledPose } from "../net/SnapshotBuffer.js";

/** The most name labels on screen at once: the size of the label layer's pool of elements. */
export const LABEL_POOL_SIZE = DEFAULT_LABEL_LAYOUT.maxShown;

/** An avatar as the frame loop sees it: where it is drawn and what its label needs to know. */
export interface AvatarEntry {
  member: MemberView;
  group: Object3D;
  /** Height of the label's anchor above the feet (metres). */
  labelY: number;
  /** The pose the avatar was drawn at this frame (the Avatar writes it; the label layer copies it to data-x/z). */
  pose: SampledPose;
}

/** One element of the label pool, as the label layer rendered it. */
export interface LabelSlotElements {
  root: HTMLDivElement | null;
  label: HTMLDivElement | null;
}

/**
 * What the canvas's frame loop and the DOM around it share, by reference, without React state: the avatars to
 * label, the landmarks that may stand in the way, the label pool's elements and which member each one shows.
 * Written and read every frame, so nothing here re-renders anything.
 */
export interface SceneBoard {
  avatars: Map<string, AvatarEntry>;
  occluders: Map<string, Object3D>;
  /** The point the camera follows (the member's own avatar), written by the camera rig each frame. */
  focus: Vector3;
  focusReady: boolean;
  slots: LabelSlotElements[];
  /** The member each slot shows as last rendered by React (null: empty), and as last asked for. */
  committed: (string | null)[];
  requested: (string | null)[];
  /** Set by the label layer: asks React to show these members in these slots. */
  assign: ((slots: (string | null)[]) => void) | null;
  /** Measured size of each member's label (bubble included) at scale 1, in CSS pixels. */
  sizes: Map<string, { width: number; height: number }>;
  /** The venue-canvas wrapper, for `data-first-frame` and, under `?bench=1`, the renderer's counters. */
  wrapper: HTMLDivElement | null;
}

export function createSceneBoard(): SceneBoard {
  return {
    avatars: new Map(),
    occluders: new Map(),
    focus: new Vector3(),
    focusReady: false,
    slots: Array.from({ length: LABEL_POOL_SIZE }, () => ({ root: null, label: null })),
    committed: Array.from({ length: LABEL_POOL_SIZE }, () => null),
    requested: Array.from({ length: LABEL_POOL_SIZE }, () => null),
    assign: null,
    sizes: new Map(),
    wrapper: null,
  };
}

export const SceneBoardContext = createContext<SceneBoard | null>(null);

/** The board of the canvas this component is in (VenueCanvas provides it; r3f bridges it into the Canvas). */
export function useSceneBoard(): SceneBoard {
  const board = useContext(SceneBoardContext);
  if (!board) throw new Error("useSceneBoard outside a SceneBoardContext provider");
  return board;
}
