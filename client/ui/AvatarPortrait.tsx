import { useId } from "react";
import type { AvatarLook } from "../../shared/protocol/index.js";
import "./AvatarPortrait.css";

/*
 * The avatar of client/scene/AvatarBody.tsx seen from the front, in SVG, with the same measures (metres; y up, so
 * drawn at -y): the lobby shows it without loading three.js. Keep the two in step when either changes.
 */
const SHAPES = {
  round: { headY: 1.42, headTop: 1.72 },
  tall: { headY: 1.72, headTop: 1.98 },
  boxy: { headY: 1.5, headTop: 1.76 },
} as const;

const CREAM = "#f6eedc";
const DARK = "#2b2a26";
const LEAF = "#4f9d3a";
const GOLD = "#f5c542";
const HAT = "#6b4f3a";

function Body({ shape, color, light }: { shape: AvatarLook["shape"]; color: string; light: string }) {
  switch (shape) {
    case "tall":
      return (
        <>
          <rect x={-0.3} y={-1.6} width={0.6} height={1.2} rx={0.3} fill={color} />
          <rect x={-0.3} y={-1.6} width={0.6} height={1.2} rx={0.3} fill={`url(#${light})`} />
        </>
      );
    case "boxy":
      return (
        <>
          <rect x={-0.39} y={-1.22} width={0.78} height={0.8} rx={0.04} fill={color} />
          <rect x={-0.39} y={-1.22} width={0.78} height={0.8} rx={0.04} fill={`url(#${light})`} />
        </>
      );
    default:
      return (
        <>
          <ellipse cx={0} cy={-0.8} rx={0.46} ry={0.483} fill={color} />
          <ellipse cx={0} cy={-0.8} rx={0.46} ry={0.483} fill={`url(#${light})`} />
        </>
      );
  }
}

function Accessory({ kind, shape, color }: { kind: AvatarLook["accessory"]; shape: AvatarLook["shape"]; color: string }) {
  const { headY, headTop } = SHAPES[shape];
  switch (kind) {
    case "hat": {
      const base = headTop - 0.04;
      return (
        <g>
          <rect x={-0.235} y={-(base + 0.31)} width={0.47} height={0.3} rx={0.03} fill={HAT} />
          <rect x={-0.255} y={-(base + 0.085)} width={0.51} height={0.07} fill={color} />
          <ellipse cx={0} cy={-base} rx={0.42} ry={0.05} fill={HAT} />
        </g>
      );
    }
    case "leaf":
      return (
        <g>
          <rect x={-0.02} y={-(headTop + 0.13)} width={0.04} height={0.14} fill={LEAF} />
          <ellipse cx={0.12} cy={-(headTop + 0.16)} rx={0.16} ry={0.056} transform={`rotate(45 0.12 ${-(headTop + 0.16)})`} fill={LEAF} />
          <ellipse cx={-0.1} cy={-(headTop + 0.13)} rx={0.11} ry={0.04} transform={`rotate(-45 -0.1 ${-(headTop + 0.13)})`} fill={LEAF} />
        </g>
      );
    case "halo":
      return <ellipse cx={0} cy={-(headTop + 0.2)} rx={0.24} ry={0.07} fill="none" stroke={GOLD} strokeWidth={0.06} />;
    case "headphones":
      return (
        <g>
          <path d={`M -0.33 ${-(headY + 0.06)} A 0.33 0.33 0 0 1 0.33 ${-(headY + 0.06)}`} fill="none" stroke={DARK} strokeWidth={0.07} />
          <rect x={-0.4} y={-(headY + 0.12)} width={0.12} height={0.24} rx={0.05} fill={DARK} />
          <rect x={0.28} y={-(headY + 0.12)} width={0.12} height={0.24} rx={0.05} fill={DARK} />
        </g>
      );
    default:
      return null;
  }
}

/**
 * The lobby's picture of the chosen look: a front view that breathes gently (still under reduced motion).
 * `label` is its accessible name; the look is also on data attributes for tests.
 */
export function AvatarPortrait({ look, label }: { look: AvatarLook; label: string }) {
  const light = `light-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const { headY } = SHAPES[look.shape];
  const headRadius = look.shape === "tall" ? 0.26 : 0.3;
  return (
    <div
      className="avatar-preview avatar-portrait"
      role="img"
      aria-label={label}
      data-testid="lobby-preview"
      data-color={look.color}
      data-shape={look.shape}
      data-accessory={look.accessory}
    >
      <svg viewBox="-0.95 -2.42 1.9 2.62" aria-hidden="true" focusable="false">
        <defs>
          <radialGradient id={light} cx="0.32" cy="0.28" r="0.85">
            <stop offset="0" stopColor="#fff" stopOpacity="0.38" />
            <stop offset="0.55" stopColor="#fff" stopOpacity="0" />
            <stop offset="1" stopColor="#000" stopOpacity="0.16" />
          </radialGradient>
        </defs>
        <ellipse cx={0} cy={0.02} rx={0.8} ry={0.17} fill="#b7d39a" />
        <ellipse cx={0} cy={0.01} rx={0.42} ry={0.07} fill="#2b2a26" opacity={0.18} />
        <rect className="avatar-portrait-leg" x={-0.26} y={-0.42} width={0.2} height={0.42} rx={0.06} fill={DARK} />
        <rect className="avatar-portrait-leg" x={0.06} y={-0.42} width={0.2} height={0.42} rx={0.06} fill={DARK} />
        <g className="avatar-portrait-body">
          <Body shape={look.shape} color={look.color} light={light} />
          {look.shape === "boxy" ? (
            <rect x={-0.25} y={-(headY + 0.24)} width={0.5} height={0.48} rx={0.03} fill={CREAM} />
          ) : (
            <circle cx={0} cy={-headY} r={headRadius} fill={CREAM} />
          )}
          <g className="avatar-portrait-eyes">
            <circle cx={-0.1} cy={-(headY + 0.04)} r={0.045} fill={DARK} />
            <circle cx={0.1} cy={-(headY + 0.04)} r={0.045} fill={DARK} />
          </g>
          <ellipse cx={-0.17} cy={-(headY - 0.07)} rx={0.05} ry={0.025} fill="#f29e8e" opacity={0.55} />
          <ellipse cx={0.17} cy={-(headY - 0.07)} rx={0.05} ry={0.025} fill="#f29e8e" opacity={0.55} />
          <Accessory kind={look.accessory} shape={look.shape} color={look.color} />
        </g>
      </svg>
    </div>
  );
}
