import { useEffect, useRef, useState } from "react";
import { Canvas } from "@react-three/fiber";
import { useTranslation } from "react-i18next";
import { Venue, type VenueProps } from "./Venue.js";
import { CAMERA_OFFSET } from "./CameraRig.js";
import { LabelLayer } from "./LabelLayer.js";
import { SceneBoardContext, createSceneBoard } from "./sceneBoard.js";

/**
 * The 3D view. The wrapper is a focusable, labelled region: WASD acts while it (or the page body) has focus,
 * and Tab moves on as usual, so it is never a keyboard trap. Remounted when quality changes (antialias is fixed
 * at context creation). The name labels are one layer over the canvas (`LabelLayer`), fed by the frame loop
 * through the scene board; `data-first-frame="true"` appears once a frame with the venue in it was drawn.
 */
export function VenueCanvas(props: VenueProps) {
  const { t } = useTranslation();
  const wrapper = useRef<HTMLDivElement>(null);
  const [board] = useState(createSceneBoard);
  const high = props.quality === "high";
  // Entering the venue puts focus here (the lobby that had it is gone): the walking keys work at once, the
  // description says how, and the next Tab reaches the skip link.
  useEffect(() => wrapper.current?.focus({ preventScroll: true }), []);
  useEffect(() => {
    board.wrapper = wrapper.current;
    return () => {
      board.wrapper = null;
    };
  }, [board]);
  return (
    <SceneBoardContext.Provider value={board}>
      <div
        ref={wrapper}
        className="venue-canvas"
        data-testid="venue-canvas"
        data-quality={props.quality}
        role="main"
        tabIndex={0}
        aria-label={t("venue.canvasLabel")}
        aria-describedby="venue-canvas-description"
        onPointerDown={() => wrapper.current?.focus({ preventScroll: true })}
      >
        <p id="venue-canvas-description" className="visually-hidden">
          {t("venue.canvasDescription")}
        </p>
        <Canvas
          key={props.quality}
          shadows={high}
          dpr={high ? [1, 2] : 1}
          gl={{ antialias: high, powerPreference: high ? "high-performance" : "low-power" }}
          camera={{ fov: 50, near: 0.1, far: 300, position: [CAMERA_OFFSET.x, CAMERA_OFFSET.y, 4 + CAMERA_OFFSET.z] }}
        >
          <Venue {...props} />
        </Canvas>
        <LabelLayer />
      </div>
    </SceneBoardContext.Provider>
  );
}
