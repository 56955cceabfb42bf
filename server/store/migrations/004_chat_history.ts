import type { Kysely, Migration } from "kysely";

/**
 * Chat history: a member joining reads the latest chat lines of its session, newest first. This index makes that a
 * short range scan instead of a pass over the whole session's log.
 */
export function chatHistory(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex("interactions_session_kind").on("interactions").columns(["session_id", "kind", "id"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("interactions_session_kind").execute();
    },
  };
}
