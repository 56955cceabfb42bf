/**
 * Fills a session's log with commands for the session bench, faster than one `appendInteraction` each: every entry
 * is parsed with the log's own schema (as `appendInteraction` does) and inserted through the store's Kysely
 * handle, a thousand rows a statement, in one transaction.
 */
import type { Insertable } from "kysely";
import { InteractionEntry, type SessionCommandEntry } from "../../shared/log.js";
import type { InteractionsTable } from "../../server/store/schema.js";
import type { Store } from "../../server/store/index.js";

const ROWS_PER_INSERT = 1000;

/**
 * The command at sequence number `seq`: mostly announcements, every tenth a clear (at seq ≡ 5 mod 10), so the log
 * ends with an announcement whose id is `a<last seq>`.
 */
export function benchCommand(seq: number): SessionCommandEntry {
  if (seq % 10 === 5) return { kind: "announcementCleared", detail: {} };
  return { kind: "announcementPosted", detail: { text: `Announcement ${seq}: the next talk starts in hall ${seq % 7}, 请大家入座`, name: "Bench host" } };
}

/**
 * Logs `count` commands (sequence numbers 1…count) in `sessionId` from `memberId`, the last at `lastAt` and one
 * millisecond (or `spacingMs`) apart before it. Returns the time taken, ms. `command` (the salon bench's script)
 * gives each sequence number's entry and sender instead of `benchCommand` from `memberId`; it is called in order.
 */
export async function fillSessionLog(
  store: Store,
  input: { sessionId: string; memberId: string; count: number; lastAt: number; spacingMs?: number; command?: (seq: number) => { entry: SessionCommandEntry; memberId: string } },
): Promise<number> {
  const spacingMs = input.spacingMs ?? 1;
  const started = performance.now();
  await store.db.transaction().execute(async (trx) => {
    for (let from = 1; from <= input.count; from += ROWS_PER_INSERT) {
      const rows: Array<Insertable<InteractionsTable>> = [];
      for (let seq = from; seq < from + ROWS_PER_INSERT && seq <= input.count; seq++) {
        const scripted = input.command?.(seq);
        const entry = InteractionEntry.parse(scripted?.entry ?? benchCommand(seq));
        rows.push({
          session_id: input.sessionId,
          member_id: scripted?.memberId ?? input.memberId,
          kind: entry.kind,
          at: input.lastAt - (input.count - seq) * spacingMs,
          points: 0,
          detail: JSON.stringify(entry.detail),
          seq,
        });
      }
      await trx.insertInto("interactions").values(rows).execute();
    }
  });
  return performance.now() - started;
}

/** Deletes what `fillSessionLog` and its setup wrote into a shared database (PostgreSQL): the session, its event, the member. */
export async function removeBenchSession(store: Store, ids: { sessionId: string; eventId: string; memberId: string }): Promise<void> {
  await store.db.deleteFrom("interactions").where("session_id", "=", ids.sessionId).execute();
  await store.db.deleteFrom("presence").where("session_id", "=", ids.sessionId).execute();
  await store.db.deleteFrom("sessions").where("id", "=", ids.sessionId).execute();
  await store.db.deleteFrom("events").where("id", "=", ids.eventId).execute();
  await store.db.deleteFrom("members").where("id", "=", ids.memberId).execute();
}
