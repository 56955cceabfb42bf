/**
 * Where the name labels over avatars go on screen. The scene projects every avatar once a frame and asks this
 * rule which labels to show and where; the page keeps a fixed pool of label elements, so the cost stays flat
 * however many members stand in view. Screen units are CSS pixels, y growing downward.
 */

/**
 * Who a label belongs to, most important first: the member's own label and speakers' are always shown (hosts
 * speak for now); members with a speech bubble up come next; then everyone else, nearer first.
 */
export const LABEL_RANKS = ["self", "speaker", "talking", "other"] as const;
export type LabelRank = (typeof LABEL_RANKS)[number];

export interface LabelCandidate {
  /** Unique per candidate (a session id). */
  id: string;
  /** The label's anchor on screen: the middle of its bottom edge, over the avatar's head. */
  x: number;
  y: number;
  /** Distance from the camera in metres; not positive means behind it. */
  depth: number;
  /** Size at scale 1. */
  width: number;
  height: number;
  rank: LabelRank;
}

export interface LabelViewport {
  width: number;
  height: number;
}

export interface LabelLayoutOptions {
  /** The most labels shown at once (the size of the page's pool). */
  maxShown: number;
  /** Labels nearer than this are drawn at full size. */
  nearDepth: number;
  /** Labels shrink linearly to minScale at this depth. */
  farDepth: number;
  minScale: number;
  /** Beyond this depth only the own and speakers' labels show; the others fade out over the last fadeDepth. */
  hideDepth: number;
  fadeDepth: number;
  /** Least empty space between two shown labels. */
  gap: number;
  /** How many times a colliding label is lifted above the one in its way before it is left out. */
  maxNudges: number;
}

export const DEFAULT_LABEL_LAYOUT: LabelLayoutOptions = {
  maxShown: 32,
  nearDepth: 16,
  farDepth: 40,
  minScale: 0.72,
  hideDepth: 44,
  fadeDepth: 6,
  gap: 2,
  maxNudges: 2,
};

export interface LabelPlacement {
  id: string;
  /** Top-left corner of the label as drawn (after scaling), and its drawn size. */
  left: number;
  top: number;
  width: number;
  height: number;
  scale: number;
  opacity: number;
  /** How far it was lifted above its anchor to keep clear of others (0 when it sits on its anchor). */
  lift: number;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const RANK_ORDER: Record<LabelRank, number> = { self: 0, speaker: 1, talking: 2, other: 3 };

/** Whether a label of this rank is shown whatever stands in its way. */
export function isMustShow(rank: LabelRank): boolean {
  return rank === "self" || rank === "speaker";
}

/** The order labels claim space in: rank, then depth (nearer wins), then id so equal inputs give equal output. */
export function compareLabels(a: LabelCandidate, b: LabelCandidate): number {
  return RANK_ORDER[a.rank] - RANK_ORDER[b.rank] || a.depth - b.depth || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Size factor for a label `depth` metres away: 1 near, down to minScale far. */
export function labelScale(depth: number, options: LabelLayoutOptions = DEFAULT_LABEL_LAYOUT): number {
  if (depth <= options.nearDepth) return 1;
  if (depth >= options.farDepth) return options.minScale;
  return 1 - ((depth - options.nearDepth) / (options.farDepth - options.nearDepth)) * (1 - options.minScale);
}

/** Whether two boxes come closer than `gap` to each other. */
export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

function inPlay(c: LabelCandidate, options: LabelLayoutOptions): boolean {
  return c.depth > 0 && Number.isFinite(c.x) && Number.isFinite(c.y) && (isMustShow(c.rank) || c.depth < options.hideDepth);
}

/** The box a candidate takes at its anchor, at its scale. */
export function anchoredBox(c: LabelCandidate, options: LabelLayoutOptions = DEFAULT_LABEL_LAYOUT): Box {
  const scale = labelScale(c.depth, options);
  const w = c.width * scale;
  const h = c.height * scale;
  return { left: c.x - w / 2, top: c.y - h, right: c.x + w / 2, bottom: c.y };
}

/**
 * Chooses the labels to show and places them. Invariants: no two placements come closer than `gap`; at most
 * `maxShown` are placed; every candidate in front of the camera whose box meets the viewport and whose rank is
 * self or speaker is placed (the first `maxShown` of them in `compareLabels` order), lifted above others where
 * they would collide; any other candidate is left out only when the cap is reached or, at its anchor, it
 * collides with a label placed before it in `compareLabels` order (nearer wins); candidates beyond `hideDepth`
 * are left out unless they must show. Placements come in `compareLabels` order.
 */
export function layoutLabels(
  candidates: readonly LabelCandidate[],
  viewport: LabelViewport,
  options: LabelLayoutOptions = DEFAULT_LABEL_LAYOUT,
): LabelPlacement[] {
  const order = candidates.filter((c) => inPlay(c, options)).sort(compareLabels);
  const placed: LabelPlacement[] = [];
  const boxes: Box[] = [];
  for (const c of order) {
    if (placed.length >= options.maxShown) break;
    const box = anchoredBox(c, options);
    if (box.right < 0 || box.left > viewport.width || box.bottom < 0 || box.top > viewport.height) continue;
    const height = box.bottom - box.top;
    const mustShow = isMustShow(c.rank);
    let nudges = 0;
    let clear = false;
    // Lift the box above the lowest top among those in its way until it is clear; each lift passes at least one
    // placed box, so a must-show label finds a clear place within `boxes.length` lifts.
    for (;;) {
      let blockingTop = Infinity;
      for (const other of boxes) if (boxesOverlap(box, other, options.gap)) blockingTop = Math.min(blockingTop, other.top);
      if (blockingTop === Infinity) {
        clear = true;
        break;
      }
      if (!mustShow && nudges >= options.maxNudges) break;
      box.bottom = blockingTop - options.gap - 1e-6;
      box.top = box.bottom - height;
      nudges++;
    }
    if (!clear) continue;
    const scale = labelScale(c.depth, options);
    const fadeFrom = options.hideDepth - options.fadeDepth;
    const opacity = mustShow || c.depth <= fadeFrom ? 1 : Math.max(0, 1 - (c.depth - fadeFrom) / options.fadeDepth);
    if (opacity <= 0) continue;
    placed.push({ id: c.id, left: box.left, top: box.top, width: box.right - box.left, height, scale, opacity, lift: c.y - box.bottom });
    boxes.push(box);
  }
  return placed;
}
