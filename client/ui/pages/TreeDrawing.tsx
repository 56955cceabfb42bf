import { TREE_STAGES, type TreeStage } from "../../../shared/rules/growth/types.js";

/*
 * A small flat drawing of the tree at a stage, for the explainer's stage list and the event page's past sessions (the
 * venue's 3D tree is client/scene). Decoration: the stage is always written beside it.
 */

const BARK = "#8d6e63";
const BARK_DARK = "#6d4c41";
const LEAF = ["#6a9e55", "#7fb069", "#8cc174"] as const;
const BLOSSOM = "#f4a6c0";
const FRUIT = "#f5b942";

/** Canopy blobs: x, y, radius. */
const CANOPY: readonly (readonly [number, number, number])[] = [
  [50, 34, 20],
  [34, 44, 14],
  [66, 43, 15],
  [42, 26, 12],
  [60, 26, 12],
];
const BLOSSOMS: readonly (readonly [number, number])[] = [
  [38, 30], [56, 22], [68, 38], [30, 46], [50, 44], [62, 50], [46, 18],
];
const FRUITS: readonly (readonly [number, number])[] = [
  [44, 40], [60, 32], [34, 50], [68, 48],
];

export function TreeDrawing({ stage, className = "tree-drawing" }: { stage: TreeStage; className?: string }) {
  const level = TREE_STAGES.indexOf(stage);
  return (
    <svg className={className} viewBox="0 0 100 100" aria-hidden="true" focusable="false" data-stage={stage}>
      <ellipse cx="50" cy="90" rx="38" ry="7" fill="#b7d39a" />
      {level === 0 && <ellipse cx="50" cy="86" rx="6" ry="4" fill={BARK} />}
      {level === 1 && (
        <g>
          <path d="M50 88 Q49 80 50 72" stroke="#5b8c3e" strokeWidth="2.5" fill="none" strokeLinecap="round" />
          <ellipse cx="44" cy="72" rx="6" ry="3" transform="rotate(-25 44 72)" fill={LEAF[1]} />
          <ellipse cx="56" cy="70" rx="6" ry="3" transform="rotate(25 56 70)" fill={LEAF[2]} />
        </g>
      )}
      {level === 2 && (
        <g>
          <path d="M50 89 L50 58" stroke={BARK} strokeWidth="4" strokeLinecap="round" />
          <ellipse cx="42" cy="62" rx="8" ry="4" transform="rotate(-25 42 62)" fill={LEAF[0]} />
          <ellipse cx="58" cy="58" rx="8" ry="4" transform="rotate(25 58 58)" fill={LEAF[1]} />
          <ellipse cx="50" cy="52" rx="5" ry="8" fill={LEAF[2]} />
        </g>
      )}
      {level >= 3 && (
        <g>
          <path d="M50 89 L50 40" stroke={BARK} strokeWidth="7" strokeLinecap="round" />
          <path d="M50 62 L34 46 M50 54 L66 40 M50 46 L44 30" stroke={BARK_DARK} strokeWidth="3.5" strokeLinecap="round" fill="none" />
          {level >= 4 && CANOPY.map(([x, y, r], i) => <circle key={i} cx={x} cy={y} r={r} fill={LEAF[i % LEAF.length]} />)}
          {level === 3 && (
            <g fill={LEAF[1]}>
              <circle cx="34" cy="45" r="3" />
              <circle cx="66" cy="39" r="3" />
              <circle cx="44" cy="29" r="3" />
            </g>
          )}
          {level >= 5 && BLOSSOMS.map(([x, y], i) => <circle key={i} cx={x} cy={y} r="2.6" fill={BLOSSOM} />)}
          {level >= 6 && FRUITS.map(([x, y], i) => <circle key={i} cx={x} cy={y} r="3.6" fill={FRUIT} stroke="#c98a1b" strokeWidth="0.8" />)}
        </g>
      )}
    </svg>
  );
}
