import { Canvas } from "@react-three/fiber";
import { useTranslation } from "react-i18next";
import type { ErrorCode } from "../../../shared/protocol/index.js";
import type { ClaimResponse } from "../../../shared/protocol/hunt.js";
import { useReducedMotion } from "../../prefs/media.js";
import { ClueCrystal } from "../../scene/HuntClues.js";

/** What the scanner's overlay shows for a moment after a code is read. */
export type Flash = { kind: "posting" } | { kind: "notOurs" } | { kind: "refused"; code: ErrorCode } | { kind: "result"; response: ClaimResponse };

/**
 * A scan's outcome over the camera view: the code is being checked, is not one of ours, was refused, or was a find,
 * which also shows the clue's crystal turning in a small 3D view (the same object the venue hides). Said politely
 * (role="status"); it takes no focus, so the scanner's controls stay where they were.
 */
export function ScanFlash({ flash }: { flash: Flash }) {
  const { t } = useTranslation();
  const reducedMotion = useReducedMotion();
  const text =
    flash.kind === "posting"
      ? t("hunt.scan.posting")
      : flash.kind === "notOurs"
        ? t("hunt.scan.notOurs")
        : flash.kind === "refused"
          ? t(`errors.${flash.code}`)
          : flash.response.outcome === "found"
            ? t("hunt.scan.found", { name: flash.response.clue.name, points: flash.response.reward.points })
            : flash.response.outcome === "pending"
              ? t("hunt.scan.pending", { name: flash.response.clue.name })
              : t("hunt.scan.alreadyFound", { name: flash.response.clue.name });
  const found = flash.kind === "result" && flash.response.outcome !== "alreadyFound";
  return (
    <div className={`hunt-flash is-${flash.kind}`} data-testid="hunt-flash" data-kind={flash.kind}>
      {found && (
        <div className="hunt-flash-object" aria-hidden="true">
          <Canvas camera={{ position: [0, 0.2, 3.2], fov: 40 }} dpr={[1, 2]} gl={{ alpha: true, antialias: true }}>
            <ambientLight intensity={0.6} />
            <directionalLight position={[2, 3, 4]} intensity={1.6} />
            <ClueCrystal reducedMotion={reducedMotion} />
          </Canvas>
        </div>
      )}
      <p className="hunt-flash-text card" role="status">
        {text}
      </p>
    </div>
  );
}
