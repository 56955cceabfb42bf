import type { MemberSessionSummary, PointsByKind } from "../../../shared/rules/growth/types.js";

export const DAY = 24 * 60 * 60 * 1000;

/** Overrides for one summary: the tally's fields sit beside the summary's own, for brevity. */
export interface SummaryInput extends Partial<Omit<MemberSessionSummary, "tally">> {
  byKind?: PointsByKind;
  energyFrom?: readonly string[];
  memberId?: string;
}

/** A plain MemberSessionSummary of a member who attended and did nothing else, with the given overrides. */
export function summary(sessionId: string, startedAt: number, input: SummaryInput = {}): MemberSessionSummary {
  const { byKind = {}, energyFrom = [], memberId = "m1", ...rest } = input;
  const points = Object.values(byKind).reduce((sum, value) => sum + (value ?? 0), 0);
  return {
    sessionId,
    eventId: "e1",
    startedAt,
    tally: { memberId, name: "Ada", points, byKind, counts: {}, growth: points, energyFrom, firstAt: startedAt, lastAt: startedAt + 60_000 },
    asked: 0,
    topQuestion: false,
    spoke: false,
    quizCorrect: 0,
    quizChampion: false,
    swung: false,
    votes: 0,
    checkInStreak: 0,
    answered: 0,
    energyGiven: 0,
    bestEnergy: 0,
    gardener: false,
    headGardener: false,
    huntsCompleted: 0,
    fastestHunter: false,
    cityExplorer: false,
    ...rest,
  };
}
