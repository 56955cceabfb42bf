import { useEffect, useMemo, useRef } from "react";
import { useFrame } from "@react-three/fiber";
import {
  AdditiveBlending,
  BackSide,
  BufferGeometry,
  Color,
  CylinderGeometry,
  DodecahedronGeometry,
  Euler,
  IcosahedronGeometry,
  Matrix4,
  Quaternion,
  SphereGeometry,
  Vector3,
  type Group,
  type InstancedMesh,
  type Mesh,
  type MeshBasicMaterial,
  type MeshStandardMaterial,
  type Object3D,
  type WebGLRenderer,
} from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import { treeStageFor } from "../../shared/rules/growth/tree.js";
import type { TreeView } from "../../shared/rules/growth/types.js";
import { useGrowth } from "../state/hooks.js";
import { treeCapacity, treeModel, treeScale, type BranchSegment, type PartInstance, type TreeModel } from "./growthTreeModel.js";
import { useSceneBoard } from "./sceneBoard.js";

/** Every page draws the same tree: the layout's seed is fixed, only progress differs between sessions. */
export const TREE_SEED = 20_260_412;
/** What the tree shows before the first `growth` event: a sprout, so the venue's centre is never empty. */
export const TREE_PROGRESS_BEFORE_NEWS = 0.1;
/** How fast the shown progress follows the real one (per second, exponential): a jump eases in over a few seconds. */
const EASE_RATE = 0.9;
/** The model is recomputed when the shown progress moves by this much (instances scale in over 0.06). */
const PROGRESS_STEP = 1 / 400;
/** Seconds the fruit takes to swell once the goal is reached (progress cannot pass 1, so this runs on the clock). */
const RIPEN_SECONDS = 1.6;

const BARK = new Color("#6f4a2e");
const LEAF_GREENS = ["#3f8f3a", "#4fa544", "#5bb14d", "#62b752", "#357d35"].map((c) => new Color(c));
const BUD_GREENS = ["#7cc35e", "#92cf6a"].map((c) => new Color(c));
const BLOSSOM_PINKS = ["#f4a7c0", "#f7c3d4", "#ec8fb2", "#fbe0ea", "#f29bb8"].map((c) => new Color(c));
const FRUIT_GOLDS = ["#f5b342", "#f2c14e", "#e9a23b", "#f7cf5c"].map((c) => new Color(c));
const SEED_BROWN = new Color("#8a5a33");
const SOIL = "#b9a27c";
const GLOW = "#ffd36b";

export interface GrowthTreeProps {
  /** The session's tree (the `growth` event's TreeView); null before the first one arrives. */
  tree: TreeView | null;
  x: number;
  z: number;
  segments: number;
  shadows: boolean;
  reducedMotion: boolean;
  seed?: number;
}

/**
 * `?bench=1&treeProgress=<0..1>` shows the tree at that progress instead of the session's, for `npm run bench:tree`
 * and the growth-tree e2e screenshots; without `bench=1` the parameter is ignored, so no member can fake the tree.
 */
export function benchTreeProgress(search: string): number | null {
  const params = new URLSearchParams(search);
  if (params.get("bench") !== "1") return null;
  const raw = params.get("treeProgress");
  const value = raw === null || raw.trim() === "" ? Number.NaN : Number(raw);
  return Number.isFinite(value) ? Math.max(0, Math.min(1, value)) : null;
}

function benchTree(progress: number): TreeView {
  return { growth: 0, goal: 0, progress, stage: treeStageFor(progress), contributors: 0, reachedAt: progress >= 1 ? 0 : null };
}

/** The tree at the venue's centre, fed by the session's growth (and, under `?bench=1`, by `?treeProgress=`). */
export function VenueGrowthTree(props: Omit<GrowthTreeProps, "tree">) {
  const live = useGrowth((s) => s.public?.tree ?? null);
  const forced = useMemo(() => benchTreeProgress(window.location.search), []);
  const benchView = useMemo(() => (forced === null ? null : benchTree(forced)), [forced]);
  return <GrowthTree tree={benchView ?? live} {...props} />;
}

const scratch = { m: new Matrix4(), q: new Quaternion(), e: new Euler(), p: new Vector3(), s: new Vector3(), up: new Vector3(0, 1, 0), d: new Vector3() };

/** Trunk and branches as one geometry: a capped, tapered cylinder per segment, merged (one draw call). */
function branchGeometry(branches: readonly BranchSegment[], segments: number): BufferGeometry {
  const parts: BufferGeometry[] = [];
  for (const b of branches) {
    const [sx, sy, sz] = b.start;
    scratch.d.set(b.end[0] - sx, b.end[1] - sy, b.end[2] - sz);
    const length = scratch.d.length();
    if (length < 1e-4) continue;
    const radial = b.depth === 0 ? Math.max(8, Math.round(segments / 2)) : Math.max(5, Math.round(segments / 3));
    const piece = new CylinderGeometry(b.r1, b.r0, length, radial, 1, false);
    piece.translate(0, length / 2, 0);
    scratch.q.setFromUnitVectors(scratch.up, scratch.d.normalize());
    scratch.m.compose(scratch.p.set(sx, sy, sz), scratch.q, scratch.s.set(1, 1, 1));
    piece.applyMatrix4(scratch.m);
    parts.push(piece);
  }
  if (parts.length === 0) return new BufferGeometry();
  const merged = mergeGeometries(parts, false);
  for (const part of parts) part.dispose();
  return merged ?? new BufferGeometry();
}

function placeInstance(mesh: InstancedMesh, index: number, part: PartInstance, scale: number, flatten: number, colour: Color): void {
  scratch.e.set(part.rotation[0], part.rotation[1], part.rotation[2]);
  scratch.q.setFromEuler(scratch.e);
  scratch.m.compose(scratch.p.set(part.position[0], part.position[1], part.position[2]), scratch.q, scratch.s.set(scale, scale * flatten, scale));
  mesh.setMatrixAt(index, scratch.m);
  mesh.setColorAt(index, colour);
}

const pick = (palette: readonly Color[], tint: number) => palette[Math.min(palette.length - 1, Math.floor(tint * palette.length))]!;

/** Renderer counters for this tree's own meshes, read around each of their draws (only under `?bench=1`). */
interface TreeCounters {
  calls: number;
  triangles: number;
  before: { calls: number; triangles: number };
}

function countDraws(object: Object3D, counters: TreeCounters): void {
  const before = (renderer: WebGLRenderer) => {
    counters.before.calls = renderer.info.render.calls;
    counters.before.triangles = renderer.info.render.triangles;
  };
  const after = (renderer: WebGLRenderer) => {
    counters.calls += renderer.info.render.calls - counters.before.calls;
    counters.triangles += renderer.info.render.triangles - counters.before.triangles;
  };
  object.onBeforeRender = before;
  object.onAfterRender = after;
  object.onBeforeShadow = before;
  object.onAfterShadow = after;
}

/**
 * The collective growth tree (docs/growth.md, "The tree"): grows from a seed to a fruiting tree as the session's
 * progress rises. The shown progress eases toward the target in the frame loop (by ref, never React state); the
 * merged branch geometry is rebuilt only when the model's branches change, and leaves, blossoms and fruit are one
 * instanced mesh each, so the grown tree is six draw calls: wood, leaves, blossoms, fruit, the soil ring and, once
 * the goal is reached, a golden glow. Under reduced motion it neither sways nor eases: it shows the target at once.
 */
export function GrowthTree({ tree, x, z, segments, shadows, reducedMotion, seed = TREE_SEED }: GrowthTreeProps) {
  const board = useSceneBoard();
  const sway = useRef<Group>(null);
  const wood = useRef<Mesh>(null);
  const leaves = useRef<InstancedMesh>(null);
  const blossoms = useRef<InstancedMesh>(null);
  const fruit = useRef<InstancedMesh>(null);
  const soil = useRef<Mesh>(null);
  const glow = useRef<Mesh>(null);

  const target = tree?.progress ?? TREE_PROGRESS_BEFORE_NEWS;
  const reached = tree?.reachedAt !== null && tree?.reachedAt !== undefined;
  const goal = useRef({ target, reached });
  goal.current = { target, reached };

  const shown = useRef<number | null>(null);
  const state = useRef({ key: "", step: -1, ripe: 0, model: null as TreeModel | null, glow: 0 });
  const capacity = useMemo(() => treeCapacity(seed), [seed]);
  const bench = useMemo(() => new URLSearchParams(window.location.search).get("bench") === "1", []);
  const counters = useRef<TreeCounters>({ calls: 0, triangles: 0, before: { calls: 0, triangles: 0 } });

  const geometries = useMemo(() => {
    return {
      // Flat-shaded, once subdivided: a chunky leaf cluster that reads from across the venue at either quality.
      leaf: new IcosahedronGeometry(1, 1),
      blossom: new DodecahedronGeometry(1, 0),
      fruit: new SphereGeometry(1, segments >= 24 ? 14 : 9, segments >= 24 ? 10 : 7),
    };
  }, [segments]);
  useEffect(() => () => Object.values(geometries).forEach((g) => g.dispose()), [geometries]);
  useEffect(
    () => () => {
      wood.current?.geometry.dispose();
    },
    [],
  );

  useEffect(() => {
    // The instance buffers are made at full size once; colour buffers exist from the first draw, so the shader does
    // not recompile when the first blossom appears.
    for (const mesh of [leaves.current, blossoms.current, fruit.current]) {
      if (!mesh) continue;
      mesh.frustumCulled = false;
      for (let i = 0; i < mesh.instanceMatrix.count; i++) mesh.setColorAt(i, BARK);
      mesh.count = 0;
    }
    if (wood.current) wood.current.frustumCulled = false;
    // A new geometry set (quality changed) needs its instances placed again.
    state.current.step = -1;
    state.current.key = "";
    if (!bench) return;
    for (const object of [wood.current, leaves.current, blossoms.current, fruit.current, soil.current, glow.current]) if (object) countDraws(object, counters.current);
  }, [bench, geometries]);

  const applyInstances = (model: TreeModel, ripe: number) => {
    const l = leaves.current;
    const b = blossoms.current;
    const f = fruit.current;
    if (!l || !b || !f) return;
    let n = 0;
    for (const bud of model.buds) placeInstance(l, n++, bud, bud.scale, 0.55, pick(BUD_GREENS, bud.tint));
    for (const leaf of model.leaves) placeInstance(l, n++, leaf, leaf.scale, 0.85, pick(LEAF_GREENS, leaf.tint));
    l.count = n;
    l.visible = n > 0;
    n = 0;
    for (const blossom of model.blossoms) placeInstance(b, n++, blossom, blossom.scale, 0.6, pick(BLOSSOM_PINKS, blossom.tint));
    b.count = n;
    b.visible = n > 0;
    n = 0;
    if (model.seed) placeInstance(f, n++, model.seed, model.seed.scale, 0.7, SEED_BROWN);
    for (const each of model.fruit) placeInstance(f, n++, each, each.scale * ripe, 1.08, pick(FRUIT_GOLDS, each.tint));
    f.count = n;
    f.visible = n > 0;
    for (const mesh of [l, b, f]) {
      mesh.instanceMatrix.needsUpdate = true;
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    }
  };

  useFrame(({ clock }, delta) => {
    const s = state.current;
    const { target: want, reached: done } = goal.current;
    if (bench && board.wrapper) {
      // Last frame's draws of this tree's meshes: published, then counted afresh.
      const c = counters.current;
      board.wrapper.setAttribute("data-tree-draw-calls", String(c.calls));
      board.wrapper.setAttribute("data-tree-triangles", String(c.triangles));
      c.calls = 0;
      c.triangles = 0;
    }
    // The first frame shows the tree as it is: a member who enters late does not watch it grow from nothing.
    let p = shown.current ?? want;
    if (reducedMotion) p = want;
    else p += (want - p) * (1 - Math.exp(-delta * EASE_RATE));
    if (Math.abs(want - p) < 0.002) p = want;
    shown.current = p;

    const ripeGoal = p >= 1 ? 1 : 0;
    const ripe = reducedMotion ? ripeGoal : ripeGoal > s.ripe ? Math.min(1, s.ripe + delta / RIPEN_SECONDS) : ripeGoal;
    const step = p >= 1 ? 1 / PROGRESS_STEP : Math.floor(p / PROGRESS_STEP);
    if (step !== s.step || ripe !== s.ripe) {
      const model = step === s.step && s.model ? s.model : treeModel(seed, step * PROGRESS_STEP);
      s.model = model;
      s.step = step;
      s.ripe = ripe;
      if (model.branchKey !== s.key && wood.current) {
        const old = wood.current.geometry;
        wood.current.geometry = branchGeometry(model.branches, segments);
        old.dispose();
        s.key = model.branchKey;
      }
      applyInstances(model, ripe);
      if (bench && board.wrapper) board.wrapper.setAttribute("data-tree-stage", model.stage);
    }

    const g = sway.current;
    if (g) {
      const scale = treeScale(p);
      g.scale.setScalar(scale);
      const t = clock.elapsedTime;
      g.rotation.z = reducedMotion ? 0 : Math.sin(t * 0.55) * 0.012;
      g.rotation.x = reducedMotion ? 0 : Math.sin(t * 0.41 + 1.3) * 0.008;
    }

    // The goal's golden glow fades in around the crown and breathes slowly (still under reduced motion).
    s.glow = done ? (reducedMotion ? 1 : Math.min(1, s.glow + delta / RIPEN_SECONDS)) : 0;
    const halo = glow.current;
    if (halo) {
      halo.visible = s.glow > 0;
      const material = halo.material as MeshBasicMaterial;
      material.opacity = s.glow * (reducedMotion ? 0.1 : 0.09 + Math.sin(clock.elapsedTime * 1.4) * 0.03);
    }
    const ring = soil.current;
    if (ring) (ring.material as MeshStandardMaterial).emissiveIntensity = s.glow * 0.55;
  });

  return (
    <group position={[x, 0, z]}>
      <mesh ref={soil} position={[0, 0.1, 0]} receiveShadow>
        <cylinderGeometry args={[1.7, 1.85, 0.2, Math.max(16, segments * 2)]} />
        <meshStandardMaterial color={SOIL} roughness={0.95} emissive={GLOW} emissiveIntensity={0} />
      </mesh>
      {/* Never drawn: it gives the landmark fader (OcclusionFader) the grown crown's extent, which it measures once. */}
      <mesh visible={false} position={[0, 3.6, 0]}>
        <sphereGeometry args={[4.6, 8, 6]} />
        <meshBasicMaterial />
      </mesh>
      <group ref={sway}>
        <mesh ref={wood} castShadow={shadows} receiveShadow={shadows}>
          <meshStandardMaterial color={BARK} roughness={0.9} />
        </mesh>
        <instancedMesh ref={leaves} args={[geometries.leaf, undefined, capacity.leaves + capacity.buds]} castShadow={shadows}>
          <meshStandardMaterial color="#ffffff" roughness={0.8} flatShading />
        </instancedMesh>
        <instancedMesh ref={blossoms} args={[geometries.blossom, undefined, capacity.blossoms]}>
          <meshStandardMaterial color="#ffffff" roughness={0.6} flatShading emissive="#5a1f33" emissiveIntensity={0.25} />
        </instancedMesh>
        <instancedMesh ref={fruit} args={[geometries.fruit, undefined, capacity.fruit + 1]} castShadow={shadows}>
          <meshStandardMaterial color="#ffffff" roughness={0.35} metalness={0.15} emissive="#6b4300" emissiveIntensity={0.35} />
        </instancedMesh>
        <mesh ref={glow} position={[0, 3.4, 0]} scale={[5.8, 3.4, 5.8]} visible={false}>
          <sphereGeometry args={[1, 24, 16]} />
          <meshBasicMaterial color={GLOW} transparent opacity={0} side={BackSide} blending={AdditiveBlending} depthWrite={false} toneMapped={false} />
        </mesh>
      </group>
    </group>
  );
}
