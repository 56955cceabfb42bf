import { useRef } from "react";
import { useFrame } from "@react-three/fiber";
import { Vector3 } from "three";
import { layoutLabels, type LabelCandidate, type LabelPlacement } from "../../shared/rules/labelLayout.js";
import { useVenue } from "../state/venue.js";
import { LABEL_POOL_SIZE, useSceneBoard, type AvatarEntry, type SceneBoard } from "./sceneBoard.js";

/** Runs after the camera has moved and the scene is drawn (see FRAME_PRIORITY in FrameDriver). */
export const LABEL_PRIORITY = 3;

/** A label not measured yet: generous, so it claims at least the room it will take. */
function estimatedSize(entry: AvatarEntry): { width: number; height: number } {
  const m = entry.member;
  const marks = (m.speaker ? 1 : 0) + (m.hand && !m.speaker ? 1 : 0) + (m.expert ? 1 : 0);
  const extras = (m.isSelf ? 40 : 0) + (m.role === "host" ? 56 : 0) + (m.online ? 0 : 60) + marks * 24;
  return { width: 34 + m.name.length * 14 + extras, height: 26 };
}

interface SlotWritten {
  id: string | null;
  transform: string;
  opacity: string;
  visible: boolean;
  x: string;
  z: string;
  moving: string;
}

/**
 * Once a frame: projects every avatar's label anchor, lays the labels out with the shared rule, hands slots of
 * the pool to the members shown (keeping each member in its slot while it stays shown, so React re-renders only
 * on a change), and moves each slot with a transform. Writes to the DOM only what changed.
 */
export function LabelProjector() {
  const board = useSceneBoard();
  const { stores } = useVenue();
  const point = useRef(new Vector3());
  const candidates = useRef<LabelCandidate[]>([]);
  const placements = useRef(new Map<string, LabelPlacement>());
  const written = useRef<SlotWritten[]>(
    Array.from({ length: LABEL_POOL_SIZE }, () => ({ id: null, transform: "", opacity: "", visible: false, x: "", z: "", moving: "" })),
  );

  useFrame(({ camera, size }) => {
    const bubbles = stores.chat.getState().bubbles;
    const floating = stores.reactions.getState().floating;
    const list = candidates.current;
    let count = 0;
    for (const entry of board.avatars.values()) {
      const v = point.current.set(entry.group.position.x, entry.labelY, entry.group.position.z);
      const depth = camera.position.distanceTo(v);
      v.applyMatrix4(camera.matrixWorldInverse);
      const inFront = v.z < 0;
      v.applyMatrix4(camera.projectionMatrix);
      const measured = board.sizes.get(entry.member.sessionId) ?? estimatedSize(entry);
      const id = entry.member.sessionId;
      const c = (list[count] ??= { id, x: 0, y: 0, depth: 0, width: 0, height: 0, rank: "other" });
      count++;
      c.id = id;
      c.x = ((v.x + 1) / 2) * size.width;
      c.y = ((1 - v.y) / 2) * size.height;
      c.depth = inFront ? depth : -depth;
      c.width = measured.width;
      c.height = measured.height;
      c.rank = entry.member.isSelf
        ? "self"
        : entry.member.role === "host" || entry.member.speaker
          ? "speaker"
          : bubbles[id] !== undefined || floating.some((f) => f.sessionId === id)
            ? "talking"
            : "other";
    }
    list.length = count;
    const placed = placements.current;
    placed.clear();
    for (const p of layoutLabels(list, size)) placed.set(p.id, p);
    assignSlots(board, placed);
    writeSlots(board, placed, written.current);
  }, LABEL_PRIORITY);
  return null;
}

/** Gives each shown member a slot: kept where it is, else a free one, else one whose member is not shown. */
function assignSlots(board: SceneBoard, placed: ReadonlyMap<string, LabelPlacement>): void {
  const next = board.requested;
  let changed = false;
  for (let i = 0; i < LABEL_POOL_SIZE; i++) {
    const id = next[i];
    if (id != null && !board.avatars.has(id)) {
      next[i] = null;
      board.sizes.delete(id);
      changed = true;
    }
  }
  for (const id of placed.keys()) {
    if (next.includes(id)) continue;
    let slot = next.indexOf(null);
    if (slot < 0) slot = next.findIndex((other) => other !== null && !placed.has(other));
    if (slot < 0) continue;
    next[slot] = id;
    changed = true;
  }
  if (changed) board.assign?.(next.slice());
}

function writeSlots(board: SceneBoard, placed: ReadonlyMap<string, LabelPlacement>, written: SlotWritten[]): void {
  for (let i = 0; i < LABEL_POOL_SIZE; i++) {
    const el = board.slots[i];
    const w = written[i];
    if (!el?.root || !w) continue;
    const id = board.committed[i] ?? null;
    if (w.id !== id) {
      w.id = id;
      w.x = w.z = w.moving = "";
    }
    const entry = id === null ? undefined : board.avatars.get(id);
    const p = id === null ? undefined : placed.get(id);
    const size = id === null ? undefined : board.sizes.get(id);
    const visible = p !== undefined && size !== undefined;
    if (visible !== w.visible) {
      el.root.style.visibility = visible ? "visible" : "hidden";
      w.visible = visible;
    }
    if (visible) {
      // The slot scales about its bottom centre, so place that point where the layout put the label's.
      const tx = p.left + p.width / 2 - size.width / 2;
      const ty = p.top + p.height - size.height;
      const transform = `translate3d(${tx.toFixed(1)}px,${ty.toFixed(1)}px,0) scale(${p.scale.toFixed(3)})`;
      if (transform !== w.transform) {
        el.root.style.transform = transform;
        w.transform = transform;
      }
      const opacity = p.opacity.toFixed(2);
      if (opacity !== w.opacity) {
        el.root.style.opacity = opacity;
        w.opacity = opacity;
      }
    }
    const label = el.label;
    if (!entry || !label) continue;
    const x = entry.pose.x.toFixed(2);
    const z = entry.pose.z.toFixed(2);
    const moving = entry.pose.moving ? "true" : "false";
    if (x !== w.x) label.setAttribute("data-x", (w.x = x));
    if (z !== w.z) label.setAttribute("data-z", (w.z = z));
    if (moving !== w.moving) label.setAttribute("data-moving", (w.moving = moving));
  }
}
