import type { HuntInput } from "../../protocol/hunt.js";
import { clampToWalkable, isOnStage } from "../movement.js";
import { normaliseAnswer } from "./riddle.js";
import type { BlindBox, BlindTask, Clue, ClueWhere, Hunt, Partner, Riddle } from "./types.js";

/** How far (metres) clamping may move a scene clue before it counts as off the floor (rounding in the editor, not a wall). */
const FLOOR_TOLERANCE_M = 0.01;

export type HuntValidation = { ok: true; hunt: Omit<Hunt, "id" | "eventId" | "seed"> } | { ok: false; reason: string };

/** The first item whose `key` an earlier item had, or null. */
function firstRepeat<T>(items: readonly T[], key: (item: T) => string): T | null {
  const seen = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) return item;
    seen.add(k);
  }
  return null;
}

/** Team names compare as members would read them: "Red", " red" and "ＲＥＤ" are one team. */
const teamKey = (name: string): string => name.trim().normalize("NFKC").toLowerCase();

function riddleOf(riddle: Riddle): Riddle {
  return { question: riddle.question.trim(), answers: riddle.answers.map((answer) => answer.trim()) };
}

/** Why a riddle can never be answered, or null. */
function riddleProblem(riddle: Riddle, where: string): string | null {
  if (riddle.answers.length === 0) return `${where}: a riddle needs at least one answer.`;
  const empty = riddle.answers.find((answer) => normaliseAnswer(answer) === "");
  // Every guess that normalises to "" is refused, so such an answer could never be matched.
  return empty === undefined ? null : `${where}: the answer "${empty}" is only spaces and punctuation.`;
}

function whereOf(where: ClueWhere): ClueWhere {
  return where.kind === "scene"
    ? { kind: "scene", x: where.x, z: where.z }
    : { kind: "real", place: where.place.trim(), district: where.district.trim(), address: where.address.trim() };
}

function taskOf(task: BlindTask): BlindTask {
  return { id: task.id, kind: task.kind, text: task.text.trim(), riddle: task.riddle === null ? null : riddleOf(task.riddle) };
}

function boxOf(box: BlindBox): BlindBox {
  const voucher = box.reward.voucher;
  return {
    tasks: box.tasks.map(taskOf),
    reward: {
      points: box.reward.points,
      badge: box.reward.badge,
      voucher: voucher === null ? null : { partnerId: voucher.partnerId, text: voucher.text.trim(), stock: voucher.stock },
    },
  };
}

/** Why this clue cannot run in this hunt, or null. */
function clueProblem(clue: Clue, partnerIds: ReadonlySet<string>): string | null {
  const at = `Clue ${clue.id}`;
  if (clue.where.kind === "scene") {
    const p = { x: clue.where.x, z: clue.where.z };
    const clamped = clampToWalkable(p);
    // A clue a member cannot stand within reach of could never be found.
    if (isOnStage(p) || Math.hypot(clamped.x - p.x, clamped.z - p.z) > FLOOR_TOLERANCE_M) return `${at} is off the walkable floor.`;
    if (clue.blindBox !== null) return `${at}: only a real-world clue can be a blind box.`;
  }
  if (clue.riddle !== null) {
    const problem = riddleProblem(clue.riddle, at);
    if (problem !== null) return problem;
  }
  const box = clue.blindBox;
  if (box === null) return null;
  if (box.tasks.length === 0) return `${at}: a blind box needs at least one task.`;
  const repeatedTask = firstRepeat(box.tasks, (task) => task.id);
  if (repeatedTask !== null) return `${at}: task id ${repeatedTask.id} is used twice.`;
  for (const task of box.tasks) {
    if ((task.kind === "riddle") !== (task.riddle !== null)) return `${at}: task ${task.id}: a riddle task has a riddle; no other task has one.`;
    if (task.riddle !== null) {
      const problem = riddleProblem(task.riddle, `${at}, task ${task.id}`);
      if (problem !== null) return problem;
    }
  }
  const voucher = box.reward.voucher;
  if (voucher !== null && !partnerIds.has(voucher.partnerId)) return `${at}: the voucher names no partner (${voucher.partnerId}).`;
  return null;
}

/**
 * Checks a hunt as the editor saved it (already parsed by the HuntInput schema) for what the schema cannot see, and
 * builds the stored hunt: text trimmed, and each clue's token version and partner's staff-link version kept from
 * `previous` when its id was there (so saving never un-rotates or re-rotates a printed code), 1 for a new id.
 * Refuses: no clues, an end at or before the start, repeated team names, partner, clue or task ids, a voucher
 * naming no partner, a scene clue off the walkable floor (or on the stage) or made a blind box, a riddle that
 * cannot be answered. `reason` is for the operator's log, not translated (the answer is INVALID_REQUEST).
 */
export function validateHunt(input: HuntInput, previous: Hunt | null): HuntValidation {
  if (input.clues.length === 0) return { ok: false, reason: "A hunt needs at least one clue." };
  if (input.startsAt !== null && input.endsAt !== null && input.endsAt <= input.startsAt) {
    return { ok: false, reason: "The hunt ends before it starts." };
  }
  const repeatedTeam = firstRepeat(input.teams, teamKey);
  if (repeatedTeam !== null) return { ok: false, reason: `The team name "${repeatedTeam.trim()}" is used twice.` };
  const repeatedPartner = firstRepeat(input.partners, (partner) => partner.id);
  if (repeatedPartner !== null) return { ok: false, reason: `Partner id ${repeatedPartner.id} is used twice.` };
  const repeatedClue = firstRepeat(input.clues, (clue) => clue.id);
  if (repeatedClue !== null) return { ok: false, reason: `Clue id ${repeatedClue.id} is used twice.` };

  const tokenVersions = new Map(previous?.clues.map((clue) => [clue.id, clue.tokenVersion]));
  const staffVersions = new Map(previous?.partners.map((partner) => [partner.id, partner.staffVersion]));
  const partners: Partner[] = input.partners.map((partner) => ({
    id: partner.id,
    name: partner.name.trim(),
    staffVersion: staffVersions.get(partner.id) ?? 1,
  }));
  const partnerIds = new Set(partners.map((partner) => partner.id));
  const clues: Clue[] = input.clues.map((clue) => ({
    id: clue.id,
    name: clue.name.trim(),
    hint: clue.hint.trim(),
    riddle: clue.riddle === null ? null : riddleOf(clue.riddle),
    points: clue.points,
    where: whereOf(clue.where),
    blindBox: clue.blindBox === null ? null : boxOf(clue.blindBox),
    tokenVersion: tokenVersions.get(clue.id) ?? 1,
  }));
  for (const clue of clues) {
    const problem = clueProblem(clue, partnerIds);
    if (problem !== null) return { ok: false, reason: problem };
  }
  return {
    ok: true,
    hunt: {
      title: input.title.trim(),
      order: input.order,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      teams: input.teams.map((team) => team.trim()),
      clues,
      partners,
    },
  };
}
