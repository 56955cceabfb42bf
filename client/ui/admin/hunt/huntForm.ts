import { HuntInput, type HuntAdminView } from "../../../../shared/protocol/hunt.js";
import type { ErrorCode } from "../../../../shared/protocol/index.js";
import { clampToWalkable, type Position } from "../../../../shared/rules/movement.js";
import {
  CLUE_HINT_MAX,
  CLUE_NAME_MAX,
  CLUE_POINTS_MAX,
  CLUES_MAX,
  HUNT_TITLE_MAX,
  PARTNER_NAME_MAX,
  PARTNERS_MAX,
  PLACE_ADDRESS_MAX,
  PLACE_DISTRICT_MAX,
  PLACE_NAME_MAX,
  RIDDLE_ANSWER_MAX,
  RIDDLE_ANSWERS_MAX,
  RIDDLE_QUESTION_MAX,
  TASK_TEXT_MAX,
  TASKS_MAX,
  TEAM_NAME_MAX,
  TEAMS_MAX,
  VOUCHER_STOCK_MAX,
  VOUCHER_TEXT_MAX,
  type BlindTaskKind,
  type HuntOrder,
} from "../../../../shared/rules/hunt/types.js";
import { fromLocalInput, toLocalInput } from "../eventForm.js";
import type { huntAdminEn } from "../../../i18n/huntAdmin.js";

/**
 * The hunt editor's model (docs/hunts.md): what the form holds (the inputs' own strings), and its conversion to and
 * from the `HuntInput` the operator API takes, checked by the same zod schema the server parses with. Pure: ids come
 * from a random source passed in, so tests pin them.
 */

type HuntAdminKey = keyof typeof huntAdminEn;
/** A message the editor shows: one of its own keys (with values), or a server refusal's code. */
export type HuntMessage = { huntAdmin: HuntAdminKey; params?: Record<string, string | number> } | { error: ErrorCode };

export interface TaskValues {
  id: string;
  kind: BlindTaskKind;
  text: string;
  question: string;
  /** The accepted answers, one a line. */
  answers: string;
}

/**
 * One clue as the form holds it. Text behind a switch that is off (a riddle, a blind box, a voucher, the other kind
 * of place) is kept, so switching back brings it again; only what is on is sent.
 */
export interface ClueValues {
  id: string;
  name: string;
  hint: string;
  points: string;
  hasRiddle: boolean;
  question: string;
  answers: string;
  kind: "scene" | "real";
  x: number;
  z: number;
  place: string;
  district: string;
  address: string;
  blindBox: boolean;
  tasks: TaskValues[];
  rewardPoints: string;
  badge: boolean;
  hasVoucher: boolean;
  voucherPartnerId: string;
  voucherText: string;
  voucherStock: string;
}

export interface PartnerValues {
  id: string;
  name: string;
}

export interface HuntFormValues {
  title: string;
  order: HuntOrder;
  /** As `<input type="datetime-local">` writes them, in the operator's time zone. */
  startsAt: string;
  endsAt: string;
  teams: string[];
  partners: PartnerValues[];
  clues: ClueValues[];
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const NEW_ID_LENGTH = 8;

/** Fills a byte array with random values: the browser's crypto by default. */
export type RandomBytes = (bytes: Uint8Array) => void;
const cryptoBytes: RandomBytes = (bytes) => {
  crypto.getRandomValues(bytes);
};

/**
 * A new clue's, task's or partner's id: 8 base62 characters (HUNT_ID_PATTERN), made here because the editor sends
 * ids and the server keeps them across edits. Bytes of 248 and above are drawn again, so every character is as
 * likely as any other.
 */
export function newHuntId(random: RandomBytes = cryptoBytes): string {
  let id = "";
  const bytes = new Uint8Array(NEW_ID_LENGTH * 2);
  while (id.length < NEW_ID_LENGTH) {
    random(bytes);
    for (const byte of bytes) {
      if (byte >= 248 || id.length === NEW_ID_LENGTH) continue;
      id += BASE62[byte % 62];
    }
  }
  return id;
}

/** A floor point where a scene clue may lie: on the walkable floor, off the stage and the landmarks, to the centimetre. */
export function placeOnFloor(point: Position): Position {
  const rounded = { x: Math.round(point.x * 100) / 100, z: Math.round(point.z * 100) / 100 };
  // Rounded first: rounding after the clamp could step back over a landmark's edge.
  return clampToWalkable(rounded, "floor");
}

/** Where a new scene clue starts: the open floor between the spawn ring and the tree. */
const NEW_SCENE_SPOT: Position = { x: 4, z: 0 };

export function newTask(random?: RandomBytes): TaskValues {
  return { id: newHuntId(random), kind: "findNext", text: "", question: "", answers: "" };
}

export function newClue(kind: "scene" | "real", random?: RandomBytes): ClueValues {
  return {
    id: newHuntId(random),
    name: "",
    hint: "",
    points: "10",
    hasRiddle: false,
    question: "",
    answers: "",
    kind,
    x: NEW_SCENE_SPOT.x,
    z: NEW_SCENE_SPOT.z,
    place: "",
    district: "",
    address: "",
    blindBox: false,
    tasks: [],
    rewardPoints: "0",
    badge: true,
    hasVoucher: false,
    voucherPartnerId: "",
    voucherText: "",
    voucherStock: "50",
  };
}

export function newPartner(random?: RandomBytes): PartnerValues {
  return { id: newHuntId(random), name: "" };
}

/** An event with no hunt yet: a title to fill, a free order, no window, no clues. */
export function emptyHuntForm(): HuntFormValues {
  return { title: "", order: "free", startsAt: "", endsAt: "", teams: [], partners: [], clues: [] };
}

const lines = (text: string) => text.split("\n").map((line) => line.trim()).filter((line) => line !== "");

/** The hunt as the server keeps it, in the form's terms. */
export function formFromHunt(hunt: HuntAdminView["hunt"]): HuntFormValues {
  return {
    title: hunt.title,
    order: hunt.order,
    startsAt: toLocalInput(hunt.startsAt),
    endsAt: toLocalInput(hunt.endsAt),
    teams: [...hunt.teams],
    partners: hunt.partners.map((p) => ({ id: p.id, name: p.name })),
    clues: hunt.clues.map((clue) => {
      // The id is the clue's own; the random source is not drawn from for it.
      const values = newClue(clue.where.kind, () => undefined);
      values.id = clue.id;
      values.name = clue.name;
      values.hint = clue.hint;
      values.points = String(clue.points);
      values.hasRiddle = clue.riddle !== null;
      values.question = clue.riddle?.question ?? "";
      values.answers = clue.riddle?.answers.join("\n") ?? "";
      if (clue.where.kind === "scene") {
        values.x = clue.where.x;
        values.z = clue.where.z;
      } else {
        values.place = clue.where.place;
        values.district = clue.where.district;
        values.address = clue.where.address;
      }
      const box = clue.blindBox;
      if (box) {
        values.blindBox = true;
        values.tasks = box.tasks.map((t) => ({ id: t.id, kind: t.kind, text: t.text, question: t.riddle?.question ?? "", answers: t.riddle?.answers.join("\n") ?? "" }));
        values.rewardPoints = String(box.reward.points);
        values.badge = box.reward.badge;
        values.hasVoucher = box.reward.voucher !== null;
        values.voucherPartnerId = box.reward.voucher?.partnerId ?? "";
        values.voucherText = box.reward.voucher?.text ?? "";
        values.voucherStock = box.reward.voucher ? String(box.reward.voucher.stock) : values.voucherStock;
      }
      return values;
    }),
  };
}

/** A whole number typed in a field (spaces around allowed), else NaN so the schema names the field. */
const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
const riddleOf = (question: string, answers: string) => ({ question, answers: lines(answers) });

/** The body the form describes, before the schema has looked at it. */
export function rawInputOf(values: HuntFormValues): { input: unknown; startsAt: number | null | "invalid"; endsAt: number | null | "invalid" } {
  const startsAt = fromLocalInput(values.startsAt);
  const endsAt = fromLocalInput(values.endsAt);
  const input = {
    title: values.title,
    order: values.order,
    startsAt: startsAt === "invalid" ? null : startsAt,
    endsAt: endsAt === "invalid" ? null : endsAt,
    teams: values.teams,
    clues: values.clues.map((c) => ({
      id: c.id,
      name: c.name,
      hint: c.hint,
      riddle: c.hasRiddle ? riddleOf(c.question, c.answers) : null,
      points: wholeNumber(c.points),
      where: c.kind === "scene" ? { kind: "scene", x: c.x, z: c.z } : { kind: "real", place: c.place, district: c.district, address: c.address },
      blindBox:
        c.kind === "real" && c.blindBox
          ? {
              tasks: c.tasks.map((t) => ({ id: t.id, kind: t.kind, text: t.text, riddle: t.kind === "riddle" ? riddleOf(t.question, t.answers) : null })),
              reward: {
                points: wholeNumber(c.rewardPoints),
                badge: c.badge,
                voucher: c.hasVoucher ? { partnerId: c.voucherPartnerId, text: c.voucherText, stock: wholeNumber(c.voucherStock) } : null,
              },
            }
          : null,
    })),
    partners: values.partners,
  };
  return { input, startsAt, endsAt };
}

/**
 * Where an error shows, as a key of the form's fields: `title`, `startsAt`, `endsAt`, `teams`, `team.<i>`, `clues`,
 * `partners`, `partner.<id>.name`, `clue.<id>.<field>` and `task.<clueId>.<taskId>.<field>`. Ids, not positions,
 * so an error stays on its clue when clues move.
 */
export type HuntFieldErrors = Record<string, HuntMessage>;

export const clueField = (clueId: string, field: string) => `clue.${clueId}.${field}`;
export const taskField = (clueId: string, taskId: string, field: string) => `task.${clueId}.${taskId}.${field}`;
export const partnerField = (partnerId: string) => `partner.${partnerId}.name`;
export const teamField = (index: number) => `team.${index}`;

const tooLong = (max: number): HuntMessage => ({ huntAdmin: "invalidText", params: { max } });
const POINTS: HuntMessage = { huntAdmin: "invalidPoints", params: { max: CLUE_POINTS_MAX } };
const ANSWERS: HuntMessage = { huntAdmin: "invalidAnswers", params: { max: RIDDLE_ANSWERS_MAX, length: RIDDLE_ANSWER_MAX } };

/** The field and message of a schema issue inside one clue (`path` after `clues.<i>`). */
function clueIssue(clue: ClueValues, path: readonly PropertyKey[]): [string, HuntMessage] {
  const [first, second, third, fourth, fifth] = path;
  const at = (field: string, message: HuntMessage): [string, HuntMessage] => [clueField(clue.id, field), message];
  switch (first) {
    case "name":
      return at("name", tooLong(CLUE_NAME_MAX));
    case "hint":
      return at("hint", { huntAdmin: "invalidOptional", params: { max: CLUE_HINT_MAX } });
    case "points":
      return at("points", POINTS);
    case "riddle":
      return second === "question" ? at("question", tooLong(RIDDLE_QUESTION_MAX)) : at("answers", ANSWERS);
    case "where":
      if (second === "x" || second === "z") return at("position", { huntAdmin: "invalidPosition" });
      if (second === "district") return at("district", { huntAdmin: "invalidOptional", params: { max: PLACE_DISTRICT_MAX } });
      if (second === "address") return at("address", { huntAdmin: "invalidOptional", params: { max: PLACE_ADDRESS_MAX } });
      return at("place", tooLong(PLACE_NAME_MAX));
    case "blindBox": {
      if (second === "tasks") {
        const task = typeof third === "number" ? clue.tasks[third] : undefined;
        if (!task) return at("tasks", { huntAdmin: "invalidTasks", params: { max: TASKS_MAX } });
        const field = (name: string, message: HuntMessage): [string, HuntMessage] => [taskField(clue.id, task.id, name), message];
        if (fourth === "riddle") return fifth === "question" ? field("question", tooLong(RIDDLE_QUESTION_MAX)) : field("answers", ANSWERS);
        if (fourth === "text" && task.text.trim().length > 0) return field("text", { huntAdmin: "invalidOptional", params: { max: TASK_TEXT_MAX } });
        return field("text", { huntAdmin: "taskNeedsText", params: { max: TASK_TEXT_MAX } });
      }
      if (third === "points") return at("rewardPoints", POINTS);
      if (fourth === "partnerId") return at("voucherPartner", { huntAdmin: "voucherNeedsPartner" });
      if (fourth === "text") return at("voucherText", tooLong(VOUCHER_TEXT_MAX));
      if (fourth === "stock") return at("voucherStock", { huntAdmin: "invalidStock", params: { max: VOUCHER_STOCK_MAX } });
      return at("blindBox", { huntAdmin: "formHasErrors" });
    }
    default:
      return at("name", { huntAdmin: "formHasErrors" });
  }
}

/** Each schema issue on the field it names (the first one a field gets stays). */
export function issuesToErrors(values: HuntFormValues, issues: readonly { path: readonly PropertyKey[] }[], errors: HuntFieldErrors = {}): HuntFieldErrors {
  const put = (field: string, message: HuntMessage) => {
    if (!errors[field]) errors[field] = message;
  };
  for (const { path } of issues) {
    const [first, second, ...rest] = path;
    if (first === "title") put("title", tooLong(HUNT_TITLE_MAX));
    else if (first === "startsAt" || first === "endsAt") put(first, { huntAdmin: "invalidTime" });
    else if (first === "teams") put(typeof second === "number" ? teamField(second) : "teams", typeof second === "number" ? tooLong(TEAM_NAME_MAX) : { huntAdmin: "tooMany", params: { max: TEAMS_MAX } });
    else if (first === "partners") {
      const partner = typeof second === "number" ? values.partners[second] : undefined;
      put(partner ? partnerField(partner.id) : "partners", partner ? tooLong(PARTNER_NAME_MAX) : { huntAdmin: "tooMany", params: { max: PARTNERS_MAX } });
    } else if (first === "clues") {
      const clue = typeof second === "number" ? values.clues[second] : undefined;
      if (clue) put(...clueIssue(clue, rest));
      else put("clues", values.clues.length === 0 ? { huntAdmin: "needsClue" } : { huntAdmin: "tooMany", params: { max: CLUES_MAX } });
    } else put("title", { huntAdmin: "formHasErrors" });
  }
  return errors;
}

/** What the server refuses beyond the schema (docs/hunts.md, HuntInput), said on the field before anything is sent. */
function crossChecks(values: HuntFormValues, startsAt: number | null, endsAt: number | null, errors: HuntFieldErrors): void {
  const put = (field: string, message: HuntMessage) => {
    if (!errors[field]) errors[field] = message;
  };
  if (startsAt !== null && endsAt !== null && endsAt <= startsAt) put("endsAt", { huntAdmin: "endsBeforeStart" });
  const seen = new Set<string>();
  values.teams.forEach((team, index) => {
    const name = team.trim();
    if (name !== "" && seen.has(name)) put(teamField(index), { huntAdmin: "teamRepeated" });
    seen.add(name);
  });
  const partners = new Set(values.partners.map((p) => p.id));
  for (const clue of values.clues) {
    if (clue.kind === "real" && clue.blindBox && clue.hasVoucher && !partners.has(clue.voucherPartnerId)) put(clueField(clue.id, "voucherPartner"), { huntAdmin: "voucherNeedsPartner" });
    if (clue.kind === "scene") {
      const placed = clampToWalkable({ x: clue.x, z: clue.z });
      if (Math.hypot(placed.x - clue.x, placed.z - clue.z) > 0.01) put(clueField(clue.id, "position"), { huntAdmin: "invalidPosition" });
    }
  }
}

/** The hunt the form describes, checked by the schema the server uses and its checks across fields; else the errors by field. */
export function huntInputFrom(values: HuntFormValues): { input: HuntInput } | { errors: HuntFieldErrors } {
  const { input, startsAt, endsAt } = rawInputOf(values);
  const errors: HuntFieldErrors = {};
  if (startsAt === "invalid") errors.startsAt = { huntAdmin: "invalidTime" };
  if (endsAt === "invalid") errors.endsAt = { huntAdmin: "invalidTime" };
  const parsed = HuntInput.safeParse(input);
  if (!parsed.success) issuesToErrors(values, parsed.error.issues, errors);
  crossChecks(values, startsAt === "invalid" ? null : startsAt, endsAt === "invalid" ? null : endsAt, errors);
  if (parsed.success && Object.keys(errors).length === 0) return { input: parsed.data };
  return { errors };
}

/** Moves the item at `index` one place up (-1) or down (+1); the same list when it cannot move. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1) as [T];
  next.splice(to, 0, item);
  return next;
}

/** The first field with an error, in the order the form shows them (for focus after a refused save). */
export function firstErrorField(values: HuntFormValues, errors: HuntFieldErrors): string | null {
  const order = ["title", "startsAt", "endsAt", "teams", ...values.teams.map((_, i) => teamField(i)), "partners", ...values.partners.map((p) => partnerField(p.id)), "clues"];
  for (const field of order) if (errors[field]) return field;
  for (const clue of values.clues) {
    const prefix = [`clue.${clue.id}.`, `task.${clue.id}.`];
    const hit = Object.keys(errors).find((key) => prefix.some((p) => key.startsWith(p)));
    if (hit) return hit;
  }
  return Object.keys(errors)[0] ?? null;
}
