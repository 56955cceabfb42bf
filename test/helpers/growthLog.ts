import type { Store } from "../../server/store/index.js";
import type { InteractionEntry } from "../../shared/log.js";
import { LogBuilder } from "../shared/growth/logRows.js";

export const LOOK = { color: "#e4572e", shape: "round", accessory: "hat" } as const;

/** The name LogBuilder's rows carry for a member, cut to fit the log's 24 characters (member ids here are UUIDs). */
export const shortName = (memberId: string): string => `${memberId.slice(0, 8)} name`;

const NAME_FIELDS = ["name", "toName", "authorName"] as const;

/** A detail with LogBuilder's `<id> name` names shortened (shortName). */
function fitted(detail: unknown): unknown {
  if (detail === null || typeof detail !== "object") return detail;
  const copy: Record<string, unknown> = { ...(detail as Record<string, unknown>) };
  for (const field of NAME_FIELDS) {
    const value = copy[field];
    if (typeof value === "string" && value.endsWith(" name")) copy[field] = shortName(value.slice(0, -" name".length));
  }
  return copy;
}

/** Writes what `build` logs into the store's log for the session, in order (session commands with their seq). */
export async function writeLog(store: Store, sessionId: string, build: (log: LogBuilder) => void): Promise<LogBuilder> {
  const log = new LogBuilder(sessionId, { id: 0, seq: await store.lastSessionSeq(sessionId) });
  build(log);
  for (const row of log.rows) {
    const entry = { kind: row.kind, detail: fitted(row.detail) } as InteractionEntry;
    await store.appendInteraction({ ...entry, sessionId, memberId: row.memberId, at: row.at, ...(row.seq === null ? {} : { seq: row.seq }) });
  }
  return log;
}

/**
 * A closed session of the event from `start` to `end` in which `present` members joined (presence and a join row
 * each) and then `build` logged what it logs.
 */
export async function pastSession(store: Store, eventId: string, start: number, end: number, present: readonly string[], build: (log: LogBuilder) => void = () => {}): Promise<string> {
  const { id } = await store.openOrResumeSession(eventId, start);
  for (const memberId of present) await store.recordJoin(id, memberId, start);
  await writeLog(store, id, (log) => {
    for (const memberId of present) log.join(memberId, start);
    build(log);
  });
  await store.closeSession(id, end);
  return id;
}

/** A session in which `author`'s question gets `upvoters.length` distinct upvotes: the topQuestion standout at 3 or more. */
export function questionWithUpvotes(author: string, upvoters: readonly string[], at: number): (log: LogBuilder) => void {
  return (log) => {
    const questionId = log.ask(author, at);
    upvoters.forEach((voter, i) => log.upvote(voter, questionId, at + 1 + i));
  };
}

/**
 * Six sessions that make `member` an evangelist (TIER_BARS.evangelist.promote: 6 sessions, 6 kinds, energy from 10
 * distinct members, 2 answers marked helpful): in each they chat, react, ask, vote, take a stance and check in; in
 * the first, ten others give their line energy and the host marks two of their lines helpful.
 */
export async function makeEvangelist(store: Store, eventId: string, member: string, host: string, givers: readonly string[], start: number): Promise<string[]> {
  const sessions: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    const at = start + i * 86_400_000;
    sessions.push(
      await pastSession(store, eventId, at, at + 3_600_000, [member, host, ...givers], (log) => {
        log.chat(member, `line-${i}-a`, at + 1_000);
        log.chat(member, `line-${i}-b`, at + 2_000);
        log.react(member, at + 3_000);
        log.ask(member, at + 4_000);
        const poll = log.poll(host, "single", at + 5_000);
        log.vote(member, poll, ["o0"], at + 6_000);
        const debate = log.debate(host, at + 7_000);
        log.stance(member, debate, 0, at + 8_000);
        const checkIn = log.openCheckIn(host, at + 9_000);
        log.checkIn(member, checkIn, at + 10_000);
        if (i === 0) {
          givers.forEach((giver, n) => log.energy(giver, "chat", `line-${i}-a`, member, at + 11_000 + n));
          log.helpful(host, `line-${i}-a`, member, at + 30_000);
          log.helpful(host, `line-${i}-b`, member, at + 31_000);
        }
      }),
    );
  }
  return sessions;
}
