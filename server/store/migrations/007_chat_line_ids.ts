import { sql, type Kysely, type Migration } from "kysely";

/**
 * A chat line's id in a column of its own, indexed per session: a host deleting a line, or a member reporting one,
 * names it by the id it went out with, and finding it is then one index lookup, not a pass over the session's chat.
 * Lines logged before this get theirs from their detail; lines logged without an id are known by their row
 * (`log-<row id>`, as chat history names them) and need no column.
 */
const BATCH = 500;

/** The `id` a logged chat line's detail carries, if the detail parses and has a string one. */
function lineIdOf(detail: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(detail);
    const id = typeof parsed === "object" && parsed !== null ? (parsed as { id?: unknown }).id : undefined;
    return typeof id === "string" && id.length > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

export const chatLineIds: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("interactions").addColumn("line_id", "text").execute();
    // Read in JavaScript, not by the database's JSON functions: a row whose detail does not parse (edited by hand,
    // or written before the log was typed) must not stop the migration, and so the start; it keeps no line id.
    const rows = await sql<{ id: number | string; detail: string }>`select id, detail from interactions where kind = 'chat'`.execute(db);
    const ids: { id: number; lineId: string }[] = [];
    for (const row of rows.rows) {
      const lineId = lineIdOf(row.detail);
      if (lineId !== undefined) ids.push({ id: Number(row.id), lineId });
    }
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const cases = sql.join(batch.map(({ id, lineId }) => sql`when ${id} then ${lineId}`), sql` `);
      const where = sql.join(batch.map(({ id }) => sql`${id}`));
      await sql`update interactions set line_id = case id ${cases} end where id in (${where})`.execute(db);
    }
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
