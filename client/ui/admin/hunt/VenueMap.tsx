import { useEffect, useId, useState, type KeyboardEvent, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { LANDMARKS, SPAWN_CENTRE, SPAWN_RADIUS, STAGE, VENUE_HALF_SIZE } from "../../../../shared/rules/venue.js";
import type { Position } from "../../../../shared/rules/movement.js";
import { placeOnFloor } from "./huntForm.js";

/** A scene clue on the map: its number in the hunt's list (1-based), its name and where it lies. */
export interface MapClue {
  id: string;
  n: number;
  name: string;
  x: number;
  z: number;
}

interface VenueMapProps {
  clues: MapClue[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** A new spot for a clue, already on the walkable floor. */
  onPlace: (id: string, at: Position) => void;
}

/** How far one arrow key press moves the selected clue (metres). */
export const ARROW_STEP_M = 0.5;
const MARGIN = 1;
const SIDE = VENUE_HALF_SIZE * 2 + MARGIN * 2;
/** Shown to the tenth of a metre: the map and its fields agree on what the operator sees. */
const shown = (metres: number) => (Math.round(metres * 10) / 10).toFixed(1);

/**
 * The venue from above (x to the right, z downward, so the stage is at the top as it faces the audience), drawn from
 * the same constants the scene and the movement rule use. A click places the selected scene clue there; with the map
 * focused, the arrow keys move it by half a metre; the x and z fields beside it do the same by typing. Every spot is
 * clamped to the walkable floor (placeOnFloor), so a clue never lands on the stage or inside a landmark.
 */
export function VenueMap({ clues, selectedId, onSelect, onPlace }: VenueMapProps) {
  const { t } = useTranslation();
  const id = useId();
  const selected = clues.find((c) => c.id === selectedId) ?? null;
  const [placed, setPlaced] = useState<string | null>(null);

  const place = (at: Position) => {
    if (!selected) return;
    const spot = placeOnFloor(at);
    onPlace(selected.id, spot);
    setPlaced(t("huntAdmin.mapPlaced", { n: selected.n, x: shown(spot.x), z: shown(spot.z) }));
  };

  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const matrix = e.currentTarget.getScreenCTM();
    if (!matrix || !selected) return;
    const point = new DOMPoint(e.clientX, e.clientY).matrixTransform(matrix.inverse());
    place({ x: point.x, z: point.y });
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (!selected) return;
    const step: Record<string, Position> = {
      ArrowLeft: { x: -ARROW_STEP_M, z: 0 },
      ArrowRight: { x: ARROW_STEP_M, z: 0 },
      ArrowUp: { x: 0, z: -ARROW_STEP_M },
      ArrowDown: { x: 0, z: ARROW_STEP_M },
    };
    const by = step[e.key];
    if (!by) return;
    e.preventDefault();
    place({ x: selected.x + by.x, z: selected.z + by.z });
  };

  const label = selected ? t("huntAdmin.mapLabel", { n: selected.n }) : t("huntAdmin.mapLabelNone");
  return (
    <div className="hunt-map" data-testid="hunt-map">
      <svg
        className="hunt-map-svg"
        viewBox={`${-VENUE_HALF_SIZE - MARGIN} ${-VENUE_HALF_SIZE - MARGIN} ${SIDE} ${SIDE}`}
        role="application"
        aria-label={label}
        aria-describedby={`${id}-hint`}
        tabIndex={0}
        onClick={onClick}
        onKeyDown={onKeyDown}
        data-testid="hunt-map-svg"
        data-selected={selected?.id ?? ""}
      >
        <rect className="hunt-map-floor" x={-VENUE_HALF_SIZE} y={-VENUE_HALF_SIZE} width={VENUE_HALF_SIZE * 2} height={VENUE_HALF_SIZE * 2} rx={0.6} />
        {[-15, -10, -5, 0, 5, 10, 15].map((at) => (
          <g key={at} className="hunt-map-grid">
            <line x1={at} y1={-VENUE_HALF_SIZE} x2={at} y2={VENUE_HALF_SIZE} />
            <line x1={-VENUE_HALF_SIZE} y1={at} x2={VENUE_HALF_SIZE} y2={at} />
          </g>
        ))}
        <circle className="hunt-map-spawn" cx={SPAWN_CENTRE.x} cy={SPAWN_CENTRE.z} r={SPAWN_RADIUS} />
        <rect className="hunt-map-stage" x={STAGE.minX} y={STAGE.minZ} width={STAGE.maxX - STAGE.minX} height={STAGE.maxZ - STAGE.minZ} />
        <text className="hunt-map-label" x={(STAGE.minX + STAGE.maxX) / 2} y={(STAGE.minZ + STAGE.maxZ) / 2 + 0.6} textAnchor="middle">
          {t("huntAdmin.mapStage")}
        </text>
        {LANDMARKS.map((landmark) => (
          <g key={landmark.id} className={`hunt-map-landmark is-${landmark.kind}`}>
            <circle cx={landmark.x} cy={landmark.z} r={landmark.radius} />
            <text className="hunt-map-label" x={landmark.x} y={landmark.z + landmark.radius + 1.3} textAnchor="middle">
              {t(`huntAdmin.landmark_${landmark.kind}`)}
            </text>
          </g>
        ))}
        {clues.map((clue) => {
          const isSelected = clue.id === selectedId;
          return (
            <g
              key={clue.id}
              className={isSelected ? "hunt-map-marker is-selected" : "hunt-map-marker"}
              transform={`translate(${clue.x} ${clue.z})`}
              data-testid="hunt-map-marker"
              data-clue={clue.id}
              data-x={clue.x}
              data-z={clue.z}
              onClick={(e) => {
                // A click on another clue's marker selects it rather than placing the selected one on top of it.
                if (isSelected) return;
                e.stopPropagation();
                onSelect(clue.id);
              }}
            >
              <title>{t("huntAdmin.mapMarker", { n: clue.n, name: clue.name, x: shown(clue.x), z: shown(clue.z) })}</title>
              <circle r={isSelected ? 1.25 : 1} />
              <text textAnchor="middle" dy="0.38">
                {clue.n}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="hint" id={`${id}-hint`}>
        {t("huntAdmin.mapHint")}
      </p>
      {selected ? <PositionFields clue={selected} onPlace={place} /> : <p className="hunt-map-none">{t("huntAdmin.mapNoSelection")}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {placed}
      </p>
    </div>
  );
}

/** The selected clue's x and z as fields: typed values are placed (clamped) when the field is left or Enter is pressed. */
function PositionFields({ clue, onPlace }: { clue: MapClue; onPlace: (at: Position) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [x, setX] = useState(shown(clue.x));
  const [z, setZ] = useState(shown(clue.z));
  useEffect(() => {
    setX(shown(clue.x));
    setZ(shown(clue.z));
  }, [clue.id, clue.x, clue.z]);

  const commit = () => {
    // A field still showing the rounded value keeps the clue's exact one: leaving it must not move the clue.
    const nx = x === shown(clue.x) ? clue.x : Number(x);
    const nz = z === shown(clue.z) ? clue.z : Number(z);
    if (x.trim() === "" || z.trim() === "" || !Number.isFinite(nx) || !Number.isFinite(nz)) {
      setX(shown(clue.x));
      setZ(shown(clue.z));
      return;
    }
    onPlace({ x: nx, z: nz });
  };
  const field = (axis: "x" | "z", value: string, set: (v: string) => void) => (
    <div className="field admin-field">
      <label htmlFor={`${id}-${axis}`}>{t(axis === "x" ? "huntAdmin.positionX" : "huntAdmin.positionZ")}</label>
      <input
        id={`${id}-${axis}`}
        type="number"
        step={ARROW_STEP_M}
        min={-VENUE_HALF_SIZE}
        max={VENUE_HALF_SIZE}
        value={value}
        onChange={(e) => set(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          }
        }}
        data-testid={`hunt-map-${axis}`}
      />
    </div>
  );
  return (
    <fieldset className="hunt-map-position">
      <legend>{t("huntAdmin.clueHeadingNamed", { n: clue.n, name: clue.name || "…" })}</legend>
      {field("x", x, setX)}
      {field("z", z, setZ)}
    </fieldset>
  );
}
