import { randomBytes } from "node:crypto";
import type { ClaimResponse, HuntAdminView, HuntInput, HuntMineView, HuntPublicView, HuntTaskView, RedeemResponse, StaffLinkView, VoucherView } from "../../shared/protocol/hunt.js";
import { drawTask, clueReward } from "../../shared/rules/hunt/blindBox.js";
import { huntLeaderboard, rankCompletions, type ClaimerStanding } from "../../shared/rules/hunt/leaderboard.js";
import { checkClaim, claimerOf, inReach, isComplete, isOpen } from "../../shared/rules/hunt/progress.js";
import { checkAnswer } from "../../shared/rules/hunt/riddle.js";
import { validateHunt } from "../../shared/rules/hunt/validate.js";
import { clueView, huntMineView, huntPublicView, taskView } from "../../shared/rules/hunt/view.js";
import { RIDDLE_RATE, type BlindTask, type Claimer, type Clue, type Completion, type Hunt, type HuntRefusal, type Riddle } from "../../shared/rules/hunt/types.js";
import { fullBucket, takeToken, tokensAt, type Bucket } from "../../shared/rules/rateLimit.js";
import type { Position } from "../../shared/rules/movement.js";
import type { GroveEvent, Store, StoredClaim, StoredVoucher } from "../store/index.js";
import type { HuntActor, HuntResult, Hunts } from "./service.js";
import { clueCodeExpiry, newVoucherId, signClueToken, signStaffToken, signVoucherCode, verifyClueToken, verifyStaffToken, verifyVoucherCode, type HuntKey } from "./tokens.js";

export interface HuntServiceOptions {
  store: Store;
  /** The hunt's HMAC key (tokens.ts, loadOrCreateHuntKey). */
  key: HuntKey;
  /** The clock for what the interface gives no time (a rotation's `updated_at`); the calls' own `now` otherwise. */
  now?: () => number;
  log: (message: string, error?: unknown) => void;
}

/** What a blind box's salon task counts: anything the member did in the event's sessions but coming, going and the hunt's own rows. */
const NOT_TAKING_PART = { except: ["join", "leave", "clueFound", "huntCompleted"] } as const;
/** What a check-in task counts. */
const CHECKED_IN = ["checkedIn"] as const;
/** Riddle buckets kept in memory before the full ones (members who stopped guessing) are let go. */
const RIDDLE_BUCKETS_MAX = 10_000;

type Refusal = { ok: false; code: HuntRefusal | "RATE_LIMITED" | "INVALID_REQUEST"; retryAfterMs?: number };
const refuse = (code: HuntRefusal | "INVALID_REQUEST"): Refusal => ({ ok: false, code });
const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** Where a claim is made from, and who it counts for. */
interface Standing {
  claimer: Claimer;
  team: string | null;
  claims: StoredClaim[];
  found: Set<string>;
}

const NO_REWARD: ClaimResponse["reward"] = { points: 0, badge: false, voucher: null };

function foundOf(claims: readonly StoredClaim[]): Set<string> {
  return new Set(claims.filter((claim) => claim.status === "found").map((claim) => claim.clueId));
}

/** The task drawn for a claim, looked up by its id in the clue's box (null when it has none, or the operator removed it). */
function taskOf(clue: Clue, taskId: string | null): BlindTask | null {
  if (taskId === null || clue.blindBox === null) return null;
  return clue.blindBox.tasks.find((task) => task.id === taskId) ?? null;
}

/** Whether a claim opened on `clue` (with the task drawn then) still has something to do: a riddle, or a task other than findNext. */
function leftToDo(clue: Clue, taskId: string | null): boolean {
  if (clue.blindBox !== null) {
    const task = taskOf(clue, taskId);
    return task !== null && task.kind !== "findNext";
  }
  return clue.riddle !== null;
}

/** Whether any string in `value` (an operator's hunt as parsed) holds a NUL character. */
function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsNul);
  return false;
}

/**
 * The hunt service (docs/hunts.md, "The service"): the rules of shared/rules/hunt over the store, the signed codes of
 * tokens.ts and the event's session log. Race-safety is the database's: a find is credited only by the call whose
 * insert or update changed a row, so that call alone logs the `clueFound` row, issues the voucher and checks the
 * completion.
 */
export function createHuntService(options: HuntServiceOptions): Hunts {
  const { store, key, log } = options;
  const clock = options.now ?? Date.now;
  const riddleBuckets = new Map<string, Bucket>();

  /** One riddle guess from the member's bucket; RATE_LIMITED with when to try again when it is empty. */
  function takeGuess(memberId: string, now: number): Refusal | null {
    if (riddleBuckets.size > RIDDLE_BUCKETS_MAX) {
      for (const [id, bucket] of riddleBuckets) if (tokensAt(bucket, RIDDLE_RATE, now) >= RIDDLE_RATE.capacity) riddleBuckets.delete(id);
    }
    const taken = takeToken(riddleBuckets.get(memberId) ?? fullBucket(RIDDLE_RATE, now), RIDDLE_RATE, now);
    riddleBuckets.set(memberId, taken.bucket);
    return taken.allowed ? null : { ok: false, code: "RATE_LIMITED", retryAfterMs: taken.retryAfterMs };
  }

  /** Who the member's claims count for, and what that claimer has: NEEDS_TEAM in a team hunt before they join one. */
  async function standingOf(hunt: Hunt, memberId: string): Promise<Standing | Refusal> {
    const team = hunt.teams.length > 0 ? await store.teamOf(hunt.id, memberId) : null;
    const claimer = claimerOf(hunt, memberId, team);
    if (claimer === null) return refuse("NEEDS_TEAM");
    const claims = await store.huntClaims(hunt.id, claimer);
    return { claimer, team, claims, found: foundOf(claims) };
  }

  function voucherView(hunt: Hunt, voucher: StoredVoucher): VoucherView {
    return {
      code: signVoucherCode(key, voucher.id),
      partnerName: hunt.partners.find((partner) => partner.id === voucher.partnerId)?.name ?? "",
      text: voucher.text,
      clueName: hunt.clues.find((clue) => clue.id === voucher.clueId)?.name ?? "",
      issuedAt: voucher.issuedAt,
      redeemedAt: voucher.redeemedAt,
    };
  }

  async function completionOf(huntId: string, claimer: Claimer): Promise<Completion | null> {
    return rankCompletions(await store.huntCompletions(huntId)).find((completion) => completion.claimer === claimer) ?? null;
  }

  async function mineOf(hunt: Hunt, memberId: string): Promise<HuntMineView> {
    const team = hunt.teams.length > 0 ? await store.teamOf(hunt.id, memberId) : null;
    const claimer = claimerOf(hunt, memberId, team);
    const claims = claimer === null ? [] : await store.huntClaims(hunt.id, claimer);
    const completion = claimer === null ? null : await completionOf(hunt.id, claimer);
    const vouchers = (await store.memberVouchers(hunt.id, memberId)).map((voucher) => voucherView(hunt, voucher));
    return huntMineView(hunt, { claimer, team, claims, completion, vouchers });
  }

  async function respond(
    event: GroveEvent,
    hunt: Hunt,
    clue: Clue,
    memberId: string,
    outcome: ClaimResponse["outcome"],
    task: BlindTask | null,
    reward: ClaimResponse["reward"],
  ): Promise<HuntResult<ClaimResponse>> {
    const taskShown: HuntTaskView | null = task === null ? null : taskView(task);
    return ok({ eventSlug: event.slug, eventTitle: event.title, clue: clueView(clue), outcome, task: taskShown, reward, mine: await mineOf(hunt, memberId) });
  }

  /** The event's session the hunt's rows go to: the open one, else a new one (a scan takes part in the event; it closes when idle like any other). */
  async function sessionFor(event: GroveEvent, now: number): Promise<string> {
    return (await store.openOrResumeSession(event.id, now)).id;
  }

  /**
   * What a credited find does, once (only the call that changed the claim's row comes here): the voucher, if the
   * clue gives one and any are left; the finder's `clueFound` row; and, when the claimer now has every clue, the
   * completion (once per claimer) with a `huntCompleted` row for each member of the team, or the finder. A failing
   * log write is logged, never thrown: the find is credited in the store already and the member is told so.
   */
  async function credit(
    event: GroveEvent,
    hunt: Hunt,
    clue: Clue,
    standing: Standing,
    actor: HuntActor,
    channel: "scene" | "scan",
    sessionId: string,
    now: number,
  ): Promise<ClaimResponse["reward"]> {
    const memberId = actor.member.id;
    const earned = clueReward(clue);
    let voucher: VoucherView | null = null;
    if (earned.voucher !== null && hunt.partners.some((partner) => partner.id === earned.voucher?.partnerId)) {
      const issued = await store
        .issueVoucher({
        id: newVoucherId(),
        huntId: hunt.id,
        clueId: clue.id,
        partnerId: earned.voucher.partnerId,
        memberId,
        text: earned.voucher.text,
        issuedAt: now,
        stock: earned.voucher.stock,
        })
        .catch((e: unknown) => {
          log(`issuing a voucher for clue ${clue.id} of hunt ${hunt.id} failed`, e);
          return "outOfStock" as const;
        });
      if (issued !== "outOfStock") voucher = voucherView(hunt, issued);
    }
    try {
      await store.appendInteraction({
        sessionId,
        memberId,
        kind: "clueFound",
        at: now,
        detail: { huntId: hunt.id, clueId: clue.id, name: clue.name, points: earned.points, channel, team: standing.team, blindBox: clue.blindBox !== null, badge: earned.badge },
      });
    } catch (e) {
      log(`logging clue ${clue.id} of hunt ${hunt.id} found failed`, e);
    }
    try {
      await completeIfDone(hunt, standing, memberId, sessionId, now);
    } catch (e) {
      log(`recording hunt ${hunt.id} completed failed`, e);
    }
    return { points: earned.points, badge: earned.badge, voucher };
  }

  async function completeIfDone(hunt: Hunt, standing: Standing, finderId: string, sessionId: string, now: number): Promise<void> {
    // Read again: with teams, a teammate's find may have landed since this call read the claimer's claims.
    const claims = await store.huntClaims(hunt.id, standing.claimer);
    if (!isComplete(hunt, foundOf(claims))) return;
    const firstReveal = Math.min(...claims.map((claim) => claim.revealedAt));
    const durationMs = Math.max(0, now - firstReveal);
    if (!(await store.recordCompletion({ huntId: hunt.id, claimer: standing.claimer, at: now, durationMs }))) return;
    const completion = await completionOf(hunt.id, standing.claimer);
    if (completion === null) return;
    const members = standing.team === null ? [finderId] : await store.teamMembers(hunt.id, standing.team);
    for (const memberId of members.length > 0 ? members : [finderId]) {
      try {
        await store.appendInteraction({
          sessionId,
          memberId,
          kind: "huntCompleted",
          at: now,
          detail: { huntId: hunt.id, rank: completion.rank, durationMs: completion.durationMs, team: standing.team },
        });
      } catch (e) {
        log(`logging hunt ${hunt.id} completed failed`, e);
      }
    }
  }

  /** A riddle answer checked against the member's bucket: null when right, else why not. */
  function guess(riddle: Riddle, answer: string | null, memberId: string, now: number): Refusal | null {
    if (answer === null || answer.trim() === "") return refuse("WRONG_ANSWER");
    const limited = takeGuess(memberId, now);
    if (limited) return limited;
    return checkAnswer(riddle, answer) ? null : refuse("WRONG_ANSWER");
  }

  /** The hunt, clue and event behind an answer or task call, with the member's standing and their claim on the clue. */
  async function openedClaim(
    huntId: string,
    clueId: string,
    actor: HuntActor,
    now: number,
  ): Promise<Refusal | { hunt: Hunt; clue: Clue; event: GroveEvent; standing: Standing; claim: StoredClaim }> {
    const hunt = await store.getHuntById(huntId);
    if (!hunt) return refuse("NO_HUNT");
    const event = await store.getEventById(hunt.eventId);
    if (!event) return refuse("NO_HUNT");
    const clue = hunt.clues.find((candidate) => candidate.id === clueId);
    if (!clue) return refuse("UNKNOWN_CLUE");
    if (!isOpen(hunt, now)) return refuse("HUNT_NOT_OPEN");
    const standing = await standingOf(hunt, actor.member.id);
    if ("ok" in standing) return standing;
    if (standing.found.has(clueId)) return refuse("ALREADY_FOUND");
    // Nothing opened: the clue must be scanned first (a scene clue is claimed in the venue, in one step).
    const claim = standing.claims.find((candidate) => candidate.clueId === clueId);
    if (!claim) return refuse("UNKNOWN_CLUE");
    return { hunt, clue, event, standing, claim };
  }

  /** Credits a revealed claim (the update decides between racing calls) and answers as found, or ALREADY_FOUND for the loser. */
  async function finishRevealed(opened: { hunt: Hunt; clue: Clue; event: GroveEvent; standing: Standing; claim: StoredClaim }, actor: HuntActor, now: number): Promise<HuntResult<ClaimResponse>> {
    const { hunt, clue, event, standing, claim } = opened;
    const sessionId = await sessionFor(event, now);
    const marked = await store.markFound({ huntId: hunt.id, clueId: clue.id, claimer: standing.claimer, memberId: actor.member.id, now, sessionId });
    if (!marked) return refuse("ALREADY_FOUND");
    const reward = await credit(event, hunt, clue, standing, actor, claim.channel, sessionId, now);
    return respond(event, hunt, clue, actor.member.id, "found", taskOf(clue, claim.taskId), reward);
  }

  async function adminViewOf(hunt: Hunt): Promise<HuntAdminView> {
    const { seed: _seed, ...shown } = hunt;
    // Built with fromEntries and read with hasOwn: an id may be "__proto__" or "constructor", which an object's
    // index would take from (or write to) its prototype.
    const scanLinks: Record<string, string> = Object.fromEntries(hunt.clues.filter((clue) => clue.where.kind === "real").map((clue) => [clue.id, scanPathOf(hunt, clue)]));
    const staffLinks: Record<string, string> = Object.fromEntries(
      hunt.partners.map((partner) => [partner.id, `/redeem?staff=${signStaffToken(key, { huntId: hunt.id, partnerId: partner.id, version: partner.staffVersion })}`]),
    );
    const stored = await store.huntCounts(hunt.id);
    const counts: HuntAdminView["counts"] = Object.fromEntries(
      hunt.clues.map((clue) => [clue.id, Object.hasOwn(stored.clues, clue.id) ? stored.clues[clue.id]! : { revealed: 0, found: 0, vouchersIssued: 0, vouchersRedeemed: 0 }]),
    );
    return { hunt: shown, scanLinks, staffLinks, counts, completions: stored.completions };
  }

  function scanPathOf(hunt: Hunt, clue: Clue): string {
    return `/scan/${signClueToken(key, { huntId: hunt.id, clueId: clue.id, version: clue.tokenVersion, expiresAt: clueCodeExpiry(hunt.endsAt) })}`;
  }

  /** The partner a staff link is for, when it is well signed and its version is the partner's current one. */
  async function staffOf(staffToken: string): Promise<Refusal | { hunt: Hunt; partnerId: string; partnerName: string }> {
    const checked = verifyStaffToken(key, staffToken);
    if (!checked.ok) return refuse(checked.code);
    const hunt = await store.getHuntById(checked.huntId);
    const partner = hunt?.partners.find((candidate) => candidate.id === checked.partnerId);
    if (!hunt || !partner || partner.staffVersion !== checked.version) return refuse("INVALID_STAFF_LINK");
    return { hunt, partnerId: partner.id, partnerName: partner.name };
  }

  /** The open hunt, its event and the real clue a code names, when the code verifies and is the clue's current print. */
  async function scanTarget(token: string, now: number): Promise<Refusal | { hunt: Hunt; event: GroveEvent; clue: Clue }> {
    const checked = verifyClueToken(key, token, now);
    if (!checked.ok) return refuse(checked.code);
    const hunt = await store.getHuntById(checked.huntId);
    if (!hunt) return refuse("NO_HUNT");
    const event = await store.getEventById(hunt.eventId);
    if (!event) return refuse("NO_HUNT");
    const clue = hunt.clues.find((candidate) => candidate.id === checked.clueId);
    if (!clue || clue.where.kind !== "real") return refuse("UNKNOWN_CLUE");
    if (checked.version !== clue.tokenVersion) return refuse("TOKEN_ROTATED");
    if (!isOpen(hunt, now)) return refuse("HUNT_NOT_OPEN");
    return { hunt, event, clue };
  }

  return {
    async claimScene(event: GroveEvent, actor: HuntActor, clueId: string, answer: string | null, at: Position, now: number): Promise<HuntResult<ClaimResponse>> {
      const hunt = await store.getHunt(event.id);
      if (!hunt) return refuse("NO_HUNT");
      const standing = await standingOf(hunt, actor.member.id);
      if ("ok" in standing) return standing;
      const refusal = checkClaim(hunt, { claimer: standing.claimer, clueId, found: standing.found, now });
      if (refusal) return refuse(refusal);
      const clue = hunt.clues.find((candidate) => candidate.id === clueId);
      // Real clues are scanned, never claimed from the venue.
      if (!clue || clue.where.kind !== "scene") return refuse("UNKNOWN_CLUE");
      if (!inReach(at, clue)) return refuse("TOO_FAR");
      if (clue.riddle) {
        const wrong = guess(clue.riddle, answer, actor.member.id, now);
        if (wrong) return wrong;
      }
      const sessionId = await sessionFor(event, now);
      const inserted = await store.insertFoundClaim({ huntId: hunt.id, clueId, claimer: standing.claimer, memberId: actor.member.id, at: now, channel: "scene", taskId: null, sessionId });
      if (!inserted) return refuse("ALREADY_FOUND");
      const reward = await credit(event, hunt, clue, standing, actor, "scene", sessionId, now);
      return respond(event, hunt, clue, actor.member.id, "found", null, reward);
    },

    async checkScan(token: string, now: number): Promise<HuntResult<null>> {
      const target = await scanTarget(token, now);
      return "ok" in target ? target : ok(null);
    },

    async scan(token: string, actor: HuntActor, now: number): Promise<HuntResult<ClaimResponse>> {
      const target = await scanTarget(token, now);
      if ("ok" in target) return target;
      const { hunt, event, clue } = target;
      const standing = await standingOf(hunt, actor.member.id);
      if ("ok" in standing) return standing;
      const memberId = actor.member.id;
      const existing = standing.claims.find((claim) => claim.clueId === clue.id);
      // A rescan shows what the claimer has: the find, or what is still to do (the same task as before).
      if (existing?.status === "found") return respond(event, hunt, clue, memberId, "alreadyFound", taskOf(clue, existing.taskId), NO_REWARD);
      if (existing) {
        // Opened before the operator took away what was left to do (the riddle, or the drawn task): nothing is left now.
        if (!leftToDo(clue, existing.taskId)) return finishRevealed({ hunt, clue, event, standing, claim: existing }, actor, now);
        return respond(event, hunt, clue, memberId, "pending", taskOf(clue, existing.taskId), NO_REWARD);
      }
      const refusal = checkClaim(hunt, { claimer: standing.claimer, clueId: clue.id, found: standing.found, now });
      if (refusal) return refuse(refusal);
      const task = clue.blindBox === null ? null : drawTask(clue.blindBox, hunt.seed, standing.claimer, clue.id);
      const input = { huntId: hunt.id, clueId: clue.id, claimer: standing.claimer, memberId, at: now, channel: "scan" as const, taskId: task?.id ?? null };
      // Found at once: a plain clue, or a box whose task is to go and find another code.
      if (!leftToDo(clue, task?.id ?? null)) {
        const sessionId = await sessionFor(event, now);
        if (!(await store.insertFoundClaim({ ...input, sessionId }))) {
          const claims = await store.huntClaims(hunt.id, standing.claimer);
          const other = claims.find((claim) => claim.clueId === clue.id);
          return respond(event, hunt, clue, memberId, other?.status === "found" ? "alreadyFound" : "pending", taskOf(clue, other?.taskId ?? null), NO_REWARD);
        }
        const reward = await credit(event, hunt, clue, standing, actor, "scan", sessionId, now);
        return respond(event, hunt, clue, memberId, "found", task, reward);
      }
      const revealed = await store.revealClaim({ ...input, sessionId: null });
      const outcome = revealed.claim.status === "found" ? "alreadyFound" : "pending";
      return respond(event, hunt, clue, memberId, outcome, taskOf(clue, revealed.claim.taskId), NO_REWARD);
    },

    async answer(huntId: string, clueId: string, answer: string, actor: HuntActor, now: number): Promise<HuntResult<ClaimResponse>> {
      const opened = await openedClaim(huntId, clueId, actor, now);
      if ("ok" in opened) return opened;
      const task = taskOf(opened.clue, opened.claim.taskId);
      const riddle = task !== null ? (task.kind === "riddle" ? task.riddle : null) : opened.clue.riddle;
      // A salon or check-in task is not answered: the log says whether it was done (taskDone).
      if (riddle === null) return refuse("TASK_NOT_DONE");
      const wrong = guess(riddle, answer, actor.member.id, now);
      if (wrong) return wrong;
      return finishRevealed(opened, actor, now);
    },

    async taskDone(huntId: string, clueId: string, actor: HuntActor, now: number): Promise<HuntResult<ClaimResponse>> {
      const opened = await openedClaim(huntId, clueId, actor, now);
      if ("ok" in opened) return opened;
      const task = taskOf(opened.clue, opened.claim.taskId);
      if (task === null || (task.kind !== "salon" && task.kind !== "checkIn")) return refuse("TASK_NOT_DONE");
      const kinds = task.kind === "salon" ? NOT_TAKING_PART : CHECKED_IN;
      const done = await store.memberActedSince(opened.event.id, actor.member.id, opened.claim.revealedAt, kinds);
      if (!done) return refuse("TASK_NOT_DONE");
      return finishRevealed(opened, actor, now);
    },

    async joinTeam(huntId: string, team: string, actor: HuntActor, now: number): Promise<HuntResult<HuntMineView>> {
      const hunt = await store.getHuntById(huntId);
      if (!hunt) return refuse("NO_HUNT");
      if (!hunt.teams.includes(team)) return refuse("UNKNOWN_TEAM");
      // A team the operator has since removed claims nothing any more, so it locks nobody in ("" matches no claim).
      const joined = await store.joinTeam({ huntId, memberId: actor.member.id, team, now, currentClaimer: (current) => claimerOf(hunt, actor.member.id, current) ?? "" });
      if (joined === "locked") return refuse("TEAM_LOCKED");
      return ok(await mineOf(hunt, actor.member.id));
    },

    async mine(event: GroveEvent, memberId: string): Promise<HuntMineView | null> {
      const hunt = await store.getHunt(event.id);
      return hunt ? mineOf(hunt, memberId) : null;
    },

    async publicView(event: GroveEvent): Promise<HuntPublicView | null> {
      const hunt = await store.getHunt(event.id);
      if (!hunt) return null;
      const clueIds = new Set(hunt.clues.map((clue) => clue.id));
      const teamByClaimer = new Map(hunt.teams.map((team) => [claimerOf(hunt, "", team), team] as const));
      const solo: Hunt = { ...hunt, teams: [] };
      const found = new Map<Claimer, number>();
      const memberOf = new Map<Claimer, string>();
      for (const claim of await store.huntClaims(hunt.id)) {
        // Only claims that count now: of a team the hunt has, or of a member in a hunt without teams.
        const counts = hunt.teams.length > 0 ? teamByClaimer.has(claim.claimer) : claimerOf(solo, claim.memberId, null) === claim.claimer;
        if (!counts) continue;
        if (!teamByClaimer.has(claim.claimer)) memberOf.set(claim.claimer, claim.memberId);
        found.set(claim.claimer, (found.get(claim.claimer) ?? 0) + (claim.status === "found" && clueIds.has(claim.clueId) ? 1 : 0));
      }
      const completions = new Map(rankCompletions(await store.huntCompletions(hunt.id)).map((completion) => [completion.claimer, completion]));
      const names = await store.memberNames([...memberOf.values()]);
      const standings: ClaimerStanding[] = [...found.entries()].map(([claimer, count]) => {
        const team = teamByClaimer.get(claimer);
        const memberId = memberOf.get(claimer) ?? null;
        return {
          claimer,
          name: team ?? (memberId === null ? "" : (names.get(memberId) ?? "")),
          team: team !== undefined,
          memberId: team === undefined ? memberId : null,
          found: count,
          completion: completions.get(claimer) ?? null,
        };
      });
      return huntPublicView(hunt, huntLeaderboard(standings));
    },

    async staffInfo(staffToken: string): Promise<HuntResult<StaffLinkView>> {
      const staff = await staffOf(staffToken);
      if ("ok" in staff) return staff;
      const event = await store.getEventById(staff.hunt.eventId);
      return ok({ partnerName: staff.partnerName, huntTitle: staff.hunt.title, eventTitle: event?.title ?? "" });
    },

    async redeem(staffToken: string, code: string, now: number): Promise<HuntResult<RedeemResponse>> {
      const staff = await staffOf(staffToken);
      if ("ok" in staff) return staff;
      const checked = verifyVoucherCode(key, code);
      if (!checked.ok) return refuse(checked.code);
      const voucher = await store.voucherById(checked.voucherId);
      if (!voucher) return refuse("INVALID_VOUCHER");
      if (voucher.huntId !== staff.hunt.id || voucher.partnerId !== staff.partnerId) return refuse("WRONG_PARTNER");
      if (voucher.redeemedAt !== null) return refuse("ALREADY_REDEEMED");
      if (!(await store.redeemVoucher(voucher.id, now))) return refuse("ALREADY_REDEEMED");
      return ok({ voucher: voucherView(staff.hunt, { ...voucher, redeemedAt: now }) });
    },

    async adminView(event: GroveEvent): Promise<HuntAdminView | null> {
      const hunt = await store.getHunt(event.id);
      return hunt ? adminViewOf(hunt) : null;
    },

    async save(event: GroveEvent, input: HuntInput, now: number): Promise<HuntResult<HuntAdminView>> {
      // PostgreSQL's text cannot hold a NUL: a team name or voucher text with one would fail every member call that stores it.
      if (holdsNul(input)) return refuse("INVALID_REQUEST");
      const saved = await store.updateHunt(event.id, now, (previous): { hunt: Hunt | null; result: Hunt | null } => {
        const validated = validateHunt(input, previous ?? null);
        if (!validated.ok) return { hunt: null, result: null };
        const hunt: Hunt = {
          ...validated.hunt,
          // Kept across edits: claims, completions and printed codes name the hunt's id; random orders and draws its seed.
          id: previous?.id ?? randomBytes(9).toString("base64url"),
          eventId: event.id,
          seed: previous?.seed ?? randomBytes(8).toString("hex"),
        };
        return { hunt, result: hunt };
      });
      if (saved === null) return refuse("INVALID_REQUEST");
      return ok(await adminViewOf(saved));
    },

    async rotateClue(event: GroveEvent, clueId: string): Promise<HuntResult<HuntAdminView>> {
      const rotated = await store.updateHunt(event.id, clock(), (hunt): { hunt: Hunt | null; result: Hunt | HuntRefusal } => {
        if (!hunt) return { hunt: null, result: "NO_HUNT" };
        if (!hunt.clues.some((clue) => clue.id === clueId)) return { hunt: null, result: "UNKNOWN_CLUE" };
        const next = { ...hunt, clues: hunt.clues.map((clue) => (clue.id === clueId ? { ...clue, tokenVersion: clue.tokenVersion + 1 } : clue)) };
        return { hunt: next, result: next };
      });
      return typeof rotated === "string" ? refuse(rotated) : ok(await adminViewOf(rotated));
    },

    async rotatePartner(event: GroveEvent, partnerId: string): Promise<HuntResult<HuntAdminView>> {
      const rotated = await store.updateHunt(event.id, clock(), (hunt): { hunt: Hunt | null; result: Hunt | HuntRefusal | "INVALID_REQUEST" } => {
        if (!hunt) return { hunt: null, result: "NO_HUNT" };
        if (!hunt.partners.some((partner) => partner.id === partnerId)) return { hunt: null, result: "INVALID_REQUEST" };
        const next = { ...hunt, partners: hunt.partners.map((partner) => (partner.id === partnerId ? { ...partner, staffVersion: partner.staffVersion + 1 } : partner)) };
        return { hunt: next, result: next };
      });
      return typeof rotated === "string" ? refuse(rotated) : ok(await adminViewOf(rotated));
    },

    async scanPath(event: GroveEvent, clueId: string): Promise<string | null> {
      const hunt = await store.getHunt(event.id);
      const clue = hunt?.clues.find((candidate) => candidate.id === clueId);
      if (!hunt || !clue || clue.where.kind !== "real") return null;
      return scanPathOf(hunt, clue);
    },
  };
}
