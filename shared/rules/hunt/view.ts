import type { HuntClueView, HuntLeaderboardRow, HuntMineView, HuntPublicView, HuntTaskView, VoucherView } from "../../protocol/hunt.js";
import { nextClue } from "./progress.js";
import type { BlindTask, Claim, Claimer, Clue, Completion, Hunt } from "./types.js";

/*
 * What members may see of a hunt. Each view is built field by field from the stored data (never spread), so a
 * field added to the stored types later (an answer, a token version) cannot leak by default.
 */

/** A clue as members see it: its question but never its answers, never its token version, and only whether it is a blind box. */
export function clueView(clue: Clue): HuntClueView {
  const where: HuntClueView["where"] =
    clue.where.kind === "scene"
      ? { kind: "scene", x: clue.where.x, z: clue.where.z }
      : { kind: "real", place: clue.where.place, district: clue.where.district, address: clue.where.address };
  return {
    id: clue.id,
    name: clue.name,
    hint: clue.hint,
    points: clue.points,
    riddleQuestion: clue.riddle?.question ?? null,
    where,
    blindBox: clue.blindBox !== null,
  };
}

/** A blind box's task as the member who drew it sees it: a riddle task's question, never its answers. */
export function taskView(task: BlindTask): HuntTaskView {
  return { id: task.id, kind: task.kind, text: task.text, riddleQuestion: task.riddle?.question ?? null };
}

/** The hunt as everyone sees it (GET /api/events/:slug/hunt, the room's `hunt` event); no seed, no versions, no partners. */
export function huntPublicView(hunt: Hunt, leaderboard: HuntLeaderboardRow[]): HuntPublicView {
  return {
    id: hunt.id,
    title: hunt.title,
    order: hunt.order,
    startsAt: hunt.startsAt,
    endsAt: hunt.endsAt,
    teams: [...hunt.teams],
    clues: hunt.clues.map(clueView),
    leaderboard,
  };
}

/**
 * A member's own progress. Only the claimer's claims on clues the hunt still has count: `found` lists them in the
 * hunt's order, `pending` the revealed ones with what is left to do (the clue's riddle, or the task drawn from its
 * blind box), `next` the clue to find next (null in a free hunt, when all are found, or with no claimer yet).
 */
export function huntMineView(
  hunt: Hunt,
  input: { claimer: Claimer | null; team: string | null; claims: readonly Claim[]; completion: Completion | null; vouchers: VoucherView[] },
): HuntMineView {
  const own = input.claimer === null ? [] : input.claims.filter((claim) => claim.claimer === input.claimer);
  const foundIds = new Set(own.filter((claim) => claim.status === "found").map((claim) => claim.clueId));
  const cluesById = new Map(hunt.clues.map((clue) => [clue.id, clue]));
  const pending: HuntMineView["pending"] = [];
  for (const claim of own) {
    const clue = cluesById.get(claim.clueId);
    if (claim.status !== "revealed" || clue === undefined || foundIds.has(clue.id)) continue;
    const task = clue.blindBox?.tasks.find((candidate) => candidate.id === claim.taskId);
    pending.push({ clueId: clue.id, riddleQuestion: clue.riddle?.question ?? null, task: task === undefined ? null : taskView(task) });
  }
  return {
    huntId: hunt.id,
    team: input.team,
    found: hunt.clues.filter((clue) => foundIds.has(clue.id)).map((clue) => clue.id),
    pending,
    next: input.claimer === null ? null : nextClue(hunt, input.claimer, foundIds),
    completed: input.completion === null ? null : { at: input.completion.at, rank: input.completion.rank, durationMs: input.completion.durationMs },
    vouchers: input.vouchers,
  };
}
