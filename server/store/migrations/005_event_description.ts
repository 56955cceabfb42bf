import type { Kysely, Migration } from "kysely";

/**
 * An event's description: a few lines the operator writes for it (at most 500 characters, checked by the operator
 * API). Events made before this have an empty one.
 */
export function eventDescription(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("events").addColumn("description", "text", (column) => column.notNull().defaultTo("")).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("events").dropColumn("description").execute();
    },
  };
}
