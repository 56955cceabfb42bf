import { useRef } from "react";
import { useFrame } from "@react-three/fiber";
import { useSceneBoard } from "./sceneBoard.js";

/**
 * Draws the frame itself, between the frame loop's phases: camera (priority 0) → occlusion fades (1) → draw (2)
 * → labels (3), so labels are placed with the camera the frame was drawn with. A positive priority tells r3f
 * that this component renders, so it does not render on its own as well.
 */
export const FRAME_PRIORITY = 2;

/** Whether the page was opened with `?bench=1`: only then are the renderer's counters published. */
function benchRequested(): boolean {
  return new URLSearchParams(window.location.search).get("bench") === "1";
}

/**
 * After the first frame drawn with the venue in it, sets `data-first-frame="true"` on the venue-canvas wrapper.
 * Under `?bench=1` it also writes the renderer's counters of the last frame there (`data-draw-calls`,
 * `data-triangles`), for `npm run bench:render`; nothing else changes.
 */
export function FrameDriver() {
  const board = useSceneBoard();
  const firstDone = useRef(false);
  const bench = useRef<boolean | null>(null);
  useFrame(({ gl, scene, camera }) => {
    gl.render(scene, camera);
    const wrapper = board.wrapper;
    if (!wrapper) return;
    if (!firstDone.current) {
      firstDone.current = true;
      wrapper.setAttribute("data-first-frame", "true");
    }
    bench.current ??= benchRequested();
    if (bench.current) {
      wrapper.setAttribute("data-draw-calls", String(gl.info.render.calls));
      wrapper.setAttribute("data-triangles", String(gl.info.render.triangles));
    }
  }, FRAME_PRIORITY);
  return null;
}
