import { useEffect, useRef } from "react";
import { useFrame } from "@react-three/fiber";
import { Sphere, type Material, type Mesh, type Object3D } from "three";
import { segmentHitsSphere } from "../../shared/rules/cameraFraming.js";
import { useSceneBoard } from "./sceneBoard.js";

/** Runs after the camera rig (priority 0) and before the frame is drawn (FrameDriver). */
export const OCCLUSION_PRIORITY = 1;
/** How see-through a landmark gets while it stands between the camera and the member. */
export const FADED_OPACITY = 0.25;
/** Opacity change per second of an animated fade (a full fade takes about a quarter of a second). */
const FADE_RATE = 3;
/** Heights on the member's avatar the camera should see: the body and the head. */
const SIGHT_HEIGHTS = [0.9, 1.7] as const;

interface FadeMesh {
  mesh: Mesh;
  original: Material;
  faded: Material & { opacity: number };
  baseOpacity: number;
}

interface Occluder {
  id: string;
  /** World bounding spheres of its meshes, four numbers each (x, y, z, radius). */
  spheres: number[];
  meshes: FadeMesh[];
  level: number;
  swapped: boolean;
}

function singleMaterial(mesh: Mesh): Material | null {
  return Array.isArray(mesh.material) ? null : mesh.material;
}

function buildOccluder(id: string, object: Object3D): Occluder {
  object.updateWorldMatrix(true, true);
  const spheres: number[] = [];
  const meshes: FadeMesh[] = [];
  const sphere = new Sphere();
  object.traverse((child) => {
    const mesh = child as Mesh;
    if (!mesh.isMesh) return;
    const geometry = mesh.geometry;
    if (!geometry.boundingSphere) geometry.computeBoundingSphere();
    if (geometry.boundingSphere) {
      sphere.copy(geometry.boundingSphere).applyMatrix4(mesh.matrixWorld);
      spheres.push(sphere.center.x, sphere.center.y, sphere.center.z, sphere.radius);
    }
    const original = singleMaterial(mesh);
    if (!original) return;
    const faded = original.clone() as Material & { opacity: number };
    faded.transparent = true;
    faded.depthWrite = false;
    meshes.push({ mesh, original, faded, baseOpacity: original.opacity });
  });
  return { id, spheres, meshes, level: 1, swapped: false };
}

/**
 * Landmarks standing between the camera and the member's own avatar turn see-through (FADED_OPACITY) and come
 * back once they no longer hide it. Each frame tests two sight lines against each landmark mesh's bounding
 * sphere: arithmetic on numbers, no allocation. Fades take a quarter of a second, or switch at once under
 * reduced motion. The wrapper's `data-faded` names the faded landmarks (for tests; written only on a change).
 */
export function OcclusionFader({ reducedMotion }: { reducedMotion: boolean }) {
  const board = useSceneBoard();
  const occluders = useRef<Occluder[]>([]);
  const fadedNames = useRef("");

  useEffect(
    () => () => {
      for (const o of occluders.current) {
        for (const m of o.meshes) {
          m.mesh.material = m.original;
          m.faded.dispose();
        }
      }
      occluders.current = [];
    },
    [],
  );

  useFrame(({ camera }, delta) => {
    if (occluders.current.length !== board.occluders.size) {
      for (const o of occluders.current) for (const m of o.meshes) m.faded.dispose();
      occluders.current = [];
      for (const [id, object] of board.occluders) occluders.current.push(buildOccluder(id, object));
    }
    const c = camera.position;
    const f = board.focus;
    let names = "";
    for (const o of occluders.current) {
      let hit = false;
      if (board.focusReady) {
        const s = o.spheres;
        for (let i = 0; i < s.length && !hit; i += 4) {
          for (const h of SIGHT_HEIGHTS) {
            if (segmentHitsSphere(c.x, c.y, c.z, f.x, h, f.z, s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!)) {
              hit = true;
              break;
            }
          }
        }
      }
      const goal = hit ? FADED_OPACITY : 1;
      if (reducedMotion) o.level = goal;
      else if (o.level < goal) o.level = Math.min(goal, o.level + FADE_RATE * delta);
      else if (o.level > goal) o.level = Math.max(goal, o.level - FADE_RATE * delta);
      if (o.level < 1) {
        if (!o.swapped) {
          for (const m of o.meshes) m.mesh.material = m.faded;
          o.swapped = true;
        }
        for (const m of o.meshes) m.faded.opacity = m.baseOpacity * o.level;
      } else if (o.swapped) {
        for (const m of o.meshes) m.mesh.material = m.original;
        o.swapped = false;
      }
      if (hit) names = names ? `${names} ${o.id}` : o.id;
    }
    if (names !== fadedNames.current && board.wrapper) {
      fadedNames.current = names;
      if (names) board.wrapper.setAttribute("data-faded", names);
      else board.wrapper.removeAttribute("data-faded");
    }
  }, OCCLUSION_PRIORITY);
  return null;
}
