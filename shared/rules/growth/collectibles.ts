import { hash32 } from "../look.js";
import { z } from "zod";
import {
  COLLECTIBLE_RULES,
  OUTSTANDING_ENERGY,
  type ArtworkSpec,
  type CollectibleRecord,
  type CollectibleRule,
  type EnergyTarget,
  type Ledger,
  type OutstandingContribution,
} from "./types.js";

// ── Outstanding contributions ──────────────────────────────────────────────────────────────────────────────────

/**
 * The least score that makes a contribution outstanding, per rule: distinct upvoters for a question, distinct energy
 * givers for a speaker's turn or a chat line, correct answers for a quiz champion, hunts for the first finisher.
 * Badges (topQuestion, quizChampion) and the ledger's summaries use the same numbers.
 */
export const COLLECTIBLE_MINIMUMS: { readonly [R in CollectibleRule]: number } = {
  topQuestion: 3,
  topSpeaker: OUTSTANDING_ENERGY,
  quizChampion: 2,
  sparkLine: OUTSTANDING_ENERGY,
  huntFirst: 1,
};

/** The name each rule gives its collectibles, in both languages: the server builds a record's title from it. */
export const COLLECTIBLE_TITLES: { readonly [R in CollectibleRule]: { readonly en: string; readonly "zh-CN": string } } = {
  topQuestion: { en: "Question of the session", "zh-CN": "本场最佳提问" },
  topSpeaker: { en: "Voice of the session", "zh-CN": "本场最受鼓舞的发言" },
  quizChampion: { en: "Quiz champion", "zh-CN": "测验冠军" },
  sparkLine: { en: "Spark of the conversation", "zh-CN": "本场闪光一句" },
  huntFirst: { en: "First to finish the hunt", "zh-CN": "寻宝第一人" },
};

interface Candidate {
  memberId: string;
  memberName: string;
  refId: string;
  quote: string;
  score: number;
  at: number;
}

/** The best candidate: the highest score, then the earliest; a full tie keeps the first seen. */
function best(candidates: Iterable<Candidate>, minimum: number): Candidate | null {
  let top: Candidate | null = null;
  for (const candidate of candidates) {
    if (candidate.score < minimum) continue;
    if (top === null || candidate.score > top.score || (candidate.score === top.score && candidate.at < top.at)) top = candidate;
  }
  return top;
}

function* energised(ledger: Ledger, target: EnergyTarget, quotes: QuoteSource | undefined): Iterable<Candidate> {
  for (const [refId, entry] of ledger.energy) {
    if (entry.target !== target) continue;
    const name = ledger.names.get(entry.toId) ?? entry.toName;
    yield { memberId: entry.toId, memberName: name, refId, quote: quotes?.get(refId) ?? "", score: new Set(entry.givers).size, at: entry.at };
  }
}

/** Whether finisher `a` comes before `b`: the earlier row, then the lesser member id, then the lesser ref. */
const finishesBefore = (a: Candidate, b: Candidate): boolean =>
  a.at !== b.at ? a.at < b.at : a.memberId !== b.memberId ? a.memberId < b.memberId : a.refId < b.refId;

/** The session's first finisher of a hunt (rank 1), as outstandingContributions describes; null when none. */
function firstFinisher(ledger: Ledger): Candidate | null {
  let top: Candidate | null = null;
  for (const [huntId, finishers] of ledger.hunts) {
    for (const [memberId, finish] of finishers) {
      if (finish.rank !== 1) continue;
      const memberName = ledger.names.get(memberId) ?? "";
      const candidate: Candidate = { memberId, memberName, refId: `hunt:${huntId}`, quote: finish.team ?? memberName, score: COLLECTIBLE_MINIMUMS.huntFirst, at: finish.at };
      if (top === null || finishesBefore(candidate, top)) top = candidate;
    }
  }
  return top;
}

/** Where the texts of chat lines come from (the ledger keeps no chat text): a Map of line id → text will do. */
export interface QuoteSource {
  get(refId: string): string | undefined;
}

/**
 * A session's standouts, at most one per rule, in COLLECTIBLE_RULES order, each at or above its minimum
 * (COLLECTIBLE_MINIMUMS); ties go to the earliest contribution.
 * - topQuestion: the question with the most distinct upvoters; a question a host hid never qualifies. Quote: its text.
 * - topSpeaker: the speaker's turn (`turn:<memberId>:<since>`) with the most distinct energy givers. Quote: "".
 * - quizChampion: the member with the most correct quiz answers; a tie goes to the one who answered correctly first
 *   (the ledger adds members to `quizCorrect` in log order). refId `quiz:<memberId>`, quote "".
 * - sparkLine: the chat line with the most distinct energy givers. Quote: its text from `quotes`, else "".
 * - huntFirst: the member whose huntCompleted row has rank 1 (the first to finish). With teams every member of the
 *   first team has rank 1: the earliest row, then the least member id, then hunt id, so any order of the rows picks
 *   the same one.
 *   refId `hunt:<huntId>`, quote the team's name (or the member's, hunting alone), score 1. None without a rank 1.
 */
export function outstandingContributions(ledger: Ledger, quotes?: QuoteSource): OutstandingContribution[] {
  const picks: { rule: CollectibleRule; pick: Candidate | null }[] = [];
  const questions = function* (): Iterable<Candidate> {
    for (const [refId, q] of ledger.questions) {
      if (q.hidden) continue;
      yield { memberId: q.authorId, memberName: ledger.names.get(q.authorId) ?? q.authorName, refId, quote: q.text, score: q.upvoters.size, at: q.at };
    }
  };
  const quiz = function* (): Iterable<Candidate> {
    let order = 0;
    for (const [memberId, correct] of ledger.quizCorrect) {
      yield { memberId, memberName: ledger.names.get(memberId) ?? "", refId: `quiz:${memberId}`, quote: "", score: correct, at: order++ };
    }
  };
  picks.push({ rule: "topQuestion", pick: best(questions(), COLLECTIBLE_MINIMUMS.topQuestion) });
  picks.push({ rule: "topSpeaker", pick: best(energised(ledger, "speaker", quotes), COLLECTIBLE_MINIMUMS.topSpeaker) });
  picks.push({ rule: "quizChampion", pick: best(quiz(), COLLECTIBLE_MINIMUMS.quizChampion) });
  picks.push({ rule: "sparkLine", pick: best(energised(ledger, "chat", quotes), COLLECTIBLE_MINIMUMS.sparkLine) });
  picks.push({ rule: "huntFirst", pick: firstFinisher(ledger) });
  const found: OutstandingContribution[] = [];
  for (const { rule, pick } of picks) {
    if (pick) found.push({ rule, memberId: pick.memberId, memberName: pick.memberName, refId: pick.refId, quote: pick.quote, score: pick.score });
  }
  return found;
}

// ── Seeds, records and their canonical form ────────────────────────────────────────────────────────────────────


const hex8 = (n: number): string => n.toString(16).padStart(8, "0");

/**
 * A collectible's artwork seed: 16 lowercase hex characters, from two 32-bit hashes of `input` with different bases.
 * The same input always gives the same seed, on the server and in the browser (no node:crypto in shared/). It is not
 * a secret and not a signature: the record's Ed25519 signature is what makes a collectible genuine.
 */
export function collectibleSeed(input: string): string {
  return hex8(hash32(input, 0x811c9dc5)) + hex8(hash32(input, 0x9747b28c));
}

const SEED_PATTERN = /^[0-9a-f]{16}$/;

/** A record as the wire and the store carry it: strict, every field bounded, the seed 16 lowercase hex characters. */
export const collectibleRecordSchema = z
  .object({
    v: z.literal(1),
    id: z.string().min(1).max(100),
    rule: z.enum(COLLECTIBLE_RULES),
    title: z.string().min(1).max(300),
    quote: z.string().max(2000),
    memberId: z.string().min(1).max(100),
    ownerName: z.string().max(100),
    sessionId: z.string().min(1).max(100),
    eventSlug: z.string().min(1).max(100),
    eventTitle: z.string().max(200),
    mintedAt: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    seed: z.string().regex(SEED_PATTERN),
  })
  .strict() satisfies z.ZodType<CollectibleRecord>;

/** A CollectibleRecord from untrusted data (an HTTP answer, a stored row), or null when anything is off. */
export function parseCollectibleRecord(value: unknown): CollectibleRecord | null {
  const parsed = collectibleRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * The bytes a collectible's signature covers (as UTF-8): the record as JSON with its keys sorted (by UTF-16 code
 * units) and no spaces. It neither checks nor normalises anything, so any changed field changes the text, and the
 * same record built with its keys in any order gives the same text.
 */
export function canonicalCollectible(record: CollectibleRecord): string {
  return canonicalJson(record);
}

// ── Artwork ────────────────────────────────────────────────────────────────────────────────────────────────────

/** A small seeded PRNG (mulberry32): the artwork is a pure function of its seed. */
function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Warm hues (degrees) that read well on the venue's light and dark backgrounds: vermilion to gold, rose, plum. */
const WARM_HUES = [4, 14, 22, 30, 38, 46, 334, 346, 356, 318] as const;
const SHAPES = ["gem", "bloom", "star", "seedpod"] as const satisfies readonly ArtworkSpec["shape"][];

function hslHex(hue: number, saturation: number, lightness: number): string {
  const h = ((hue % 360) + 360) % 360;
  const s = saturation / 100;
  const l = lightness / 100;
  const k = (n: number): number => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number): string =>
    Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))))
      .toString(16)
      .padStart(2, "0");
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** A well-formed seed as it is; anything else hashed to one first, so every string draws some artwork. */
function normalSeed(seed: string): string {
  const lower = seed.toLowerCase();
  return SEED_PATTERN.test(lower) ? lower : collectibleSeed(seed);
}

/**
 * The artwork's parameters, drawn from the seed alone: a warm palette (main, light, deep), 3..9 petals, 1..4 rings,
 * a twist of −0.5..0.5 of a petal's angle between layers, and one of four shapes. Same seed → same spec.
 */
export function artworkSpec(seed: string): ArtworkSpec {
  const normal = normalSeed(seed);
  const high = Number.parseInt(normal.slice(0, 8), 16);
  const low = Number.parseInt(normal.slice(8), 16);
  const random = mulberry32(high ^ Math.imul(low, 0x9e3779b9));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const hue = pick(WARM_HUES) + Math.round(random() * 8 - 4);
  const saturation = 68 + Math.round(random() * 20);
  const palette: [string, string, string] = [
    hslHex(hue, saturation, 54 + Math.round(random() * 8)),
    hslHex(hue + 18 + Math.round(random() * 24), saturation - 8, 80 + Math.round(random() * 8)),
    hslHex(hue - 14 - Math.round(random() * 18), saturation, 24 + Math.round(random() * 8)),
  ];
  const petals = 3 + Math.floor(random() * 7);
  const rings = 1 + Math.floor(random() * 4);
  const twist = Math.round((random() - 0.5) * 1000) / 1000;
  const shape = pick(SHAPES);
  return { palette, petals, rings, twist, shape };
}

/** Numbers written with at most two decimals, so the SVG text is the same on every engine. */
const num = (n: number): string => String(Math.round(n * 100) / 100);

/** Text made safe inside an XML element or attribute. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

/** The longest label drawn (in code points); a longer one ends in an ellipsis. */
export const ARTWORK_LABEL_MAX = 32;

/** One petal of `shape`, pointing up from the origin, `length` long and `width` wide at its widest. */
function petalPath(shape: ArtworkSpec["shape"], length: number, width: number): string {
  const [r, w] = [length, width];
  switch (shape) {
    case "bloom":
      return `<path d="M0 0C${num(w)} ${num(-r * 0.3)} ${num(w)} ${num(-r * 0.8)} 0 ${num(-r)}C${num(-w)} ${num(-r * 0.8)} ${num(-w)} ${num(-r * 0.3)} 0 0Z"`;
    case "star":
      return `<path d="M0 0L${num(w * 0.7)} ${num(-r * 0.35)}L0 ${num(-r)}L${num(-w * 0.7)} ${num(-r * 0.35)}Z"`;
    case "gem":
      return `<path d="M0 ${num(-r * 0.2)}L${num(w)} ${num(-r * 0.55)}L0 ${num(-r)}L${num(-w)} ${num(-r * 0.55)}Z"`;
    case "seedpod":
      return `<ellipse cx="0" cy="${num(-r * 0.55)}" rx="${num(w * 0.75)}" ry="${num(r * 0.42)}"`;
  }
}

/**
 * The collectible's picture as a self-contained SVG (viewBox 0 0 240 240): a rosette of `petals`-fold symmetry in
 * up to three layers over a radial gradient, with the spec's rings and the label beneath. Deterministic (same seed
 * and label → the same text); the label is XML-escaped and cut to ARTWORK_LABEL_MAX code points; no script, no
 * external reference, gradient ids carry the seed so several pictures on one page do not clash.
 */
export function artworkSvg(seed: string, label: string): string {
  const spec = artworkSpec(seed);
  const id = normalSeed(seed);
  const [main, light, deep] = spec.palette;
  const cx = 120;
  const cy = 108;
  const step = 360 / spec.petals;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240" width="240" height="240" role="img">`);
  parts.push(
    `<defs><radialGradient id="bg-${id}" cx="50%" cy="45%" r="60%"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${deep}"/></radialGradient>` +
      `<linearGradient id="pt-${id}" x1="0" y1="1" x2="0" y2="0"><stop offset="0" stop-color="${main}"/><stop offset="1" stop-color="${light}"/></linearGradient></defs>`,
  );
  parts.push(`<rect width="240" height="240" rx="24" fill="${deep}"/>`);
  parts.push(`<circle cx="${cx}" cy="${cy}" r="96" fill="url(#bg-${id})"/>`);
  for (let ring = 0; ring < spec.rings; ring += 1) {
    const radius = 92 - ring * 14;
    const dash = ring % 2 === 0 ? "" : ` stroke-dasharray="${num(4 + ring * 2)} ${num(3 + ring)}"`;
    parts.push(`<circle cx="${cx}" cy="${cy}" r="${num(radius)}" fill="none" stroke="${light}" stroke-opacity="${num(0.75 - ring * 0.15)}" stroke-width="${num(2.2 - ring * 0.4)}"${dash}/>`);
  }
  const layers = Math.min(3, spec.rings + 1);
  for (let layer = 0; layer < layers; layer += 1) {
    const length = 80 * (1 - layer * 0.24);
    const width = length * Math.min(0.5, Math.sin(Math.PI / spec.petals) * 0.9) + 4;
    const offset = spec.twist * step * (layer + 1) + (layer % 2) * (step / 2);
    const fill = layer % 2 === 0 ? `url(#pt-${id})` : main;
    const opacity = num(0.95 - layer * 0.12);
    for (let petal = 0; petal < spec.petals; petal += 1) {
      const angle = num(petal * step + offset);
      parts.push(`${petalPath(spec.shape, length, width)} transform="translate(${cx} ${cy}) rotate(${angle})" fill="${fill}" fill-opacity="${opacity}" stroke="${deep}" stroke-width="1"/>`);
    }
  }
  for (let dot = 0; dot < spec.petals * 2; dot += 1) {
    const angle = ((dot * step) / 2 + spec.twist * step) * (Math.PI / 180);
    parts.push(`<circle cx="${num(cx + Math.sin(angle) * 17)}" cy="${num(cy - Math.cos(angle) * 17)}" r="2.4" fill="${light}"/>`);
  }
  parts.push(`<circle cx="${cx}" cy="${cy}" r="11" fill="${deep}" stroke="${light}" stroke-width="2"/>`);
  const points = [...label];
  const shown = points.length > ARTWORK_LABEL_MAX ? `${points.slice(0, ARTWORK_LABEL_MAX - 1).join("")}…` : label;
  parts.push(`<text x="120" y="226" text-anchor="middle" font-family="system-ui, sans-serif" font-size="13" fill="${light}">${escapeXml(shown)}</text>`);
  parts.push(`</svg>`);
  return parts.join("");
}

/**
 * The small 3D object, as plain numbers the client turns into a three.js mesh (three stays out of shared/): a
 * star-shaped bipyramid with `petals` points. `rim` holds the 2·petals rim radii (a point, then the notch between
 * two), at angles i·π/petals + twist; `positions` is the same solid as a flat list of triangles (x, y, z per vertex,
 * y up, wound counter-clockwise seen from outside), ready for a non-indexed BufferGeometry. Units: metres in the venue.
 */
export interface ArtworkMesh {
  radius: number;
  petals: number;
  /** Radians. */
  twist: number;
  rim: number[];
  top: number;
  bottom: number;
  positions: number[];
  palette: [string, string, string];
}

/** The shape's proportions: how deep the notches are, and how tall the solid is above and below the rim. */
const MESH_SHAPES: { readonly [S in ArtworkSpec["shape"]]: { notch: number; top: number; bottom: number } } = {
  gem: { notch: 0.82, top: 0.45, bottom: 0.9 },
  bloom: { notch: 0.6, top: 0.4, bottom: 0.4 },
  star: { notch: 0.42, top: 0.3, bottom: 0.3 },
  seedpod: { notch: 0.9, top: 1.1, bottom: 0.55 },
};

/** The 3D object for a spec (see ArtworkMesh): 4·petals triangles, a pure function of the spec. */
export function artworkMesh(spec: ArtworkSpec): ArtworkMesh {
  const radius = 0.22 + spec.rings * 0.02;
  const shape = MESH_SHAPES[spec.shape];
  const twist = spec.twist * ((2 * Math.PI) / spec.petals);
  const rim = Array.from({ length: spec.petals * 2 }, (_, i) => (i % 2 === 0 ? radius : radius * shape.notch));
  const top = radius * shape.top;
  const bottom = radius * shape.bottom;
  const vertex = (i: number): [number, number, number] => {
    const angle = (i * Math.PI) / spec.petals + twist;
    const r = rim[i % rim.length] ?? radius;
    return [r * Math.cos(angle), 0, r * Math.sin(angle)];
  };
  const positions: number[] = [];
  for (let i = 0; i < rim.length; i += 1) {
    const a = vertex(i);
    const b = vertex(i + 1);
    positions.push(0, top, 0, ...b, ...a);
    positions.push(0, -bottom, 0, ...a, ...b);
  }
  return { radius, petals: spec.petals, twist, rim, top, bottom, positions, palette: spec.palette };
}
