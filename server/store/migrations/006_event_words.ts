import { sql, type Kysely, type Migration } from "kysely";

/**
 * An event's keyword list (docs/moderation.md): the hosts' additions to the filter's shipped words and the shipped
 * words they switched off, as JSON text `{"add":[…],"remove":[…]}`. A session starts from it; a host's change in a
 * session is written back here, so the next session keeps it. Events made before this have no changes.
 */
export function eventWords(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("events")
        .addColumn("words", "text", (column) => column.notNull().defaultTo(sql`'{"add":[],"remove":[]}'`))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("events").dropColumn("words").execute();
    },
  };
}
