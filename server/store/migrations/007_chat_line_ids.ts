import { sql, type Kysely, type Migration } from "kysely";

/**
 * A chat line's id in a column of its own, indexed per session: a host deleting a line, or a member reporting one,
 * names it by the id it went out with, and finding it is then one index lookup, not a pass over the session's chat.
 * Lines logged before this get theirs from their detail; lines logged without an id are known by their row
 * (`log-<row id>`, as chat history names them) and need no column.
 */
export function chatLineIds(dialect: "sqlite" | "postgres"): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("interactions").addColumn("line_id", "text").execute();
      const fromDetail = dialect === "postgres" ? sql`(detail::json) ->> 'id'` : sql`json_extract(detail, '$.id')`;
      await sql`update interactions set line_id = ${fromDetail} where kind = 'chat'`.execute(db);
      await db.schema
        .createIndex("interactions_session_line")
        .on("interactions")
        .columns(["session_id", "line_id"])
        .where(sql.ref("line_id"), "is not", null)
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("interactions_session_line").execute();
      await db.schema.alterTable("interactions").dropColumn("line_id").execute();
    },
  };
}
