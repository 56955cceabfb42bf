import type { Kysely, Migration } from "kysely";

/**
 * An event's schedule: when it starts and ends (UTC ms), each nullable. Events made before this have neither,
 * which the lobby reads as "open whenever".
 */
export function eventSchedule(dialect: "sqlite" | "postgres"): Migration {
  const time = dialect === "postgres" ? "bigint" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await db.schema.alterTable("events").addColumn("starts_at", time).execute();
      await db.schema.alterTable("events").addColumn("ends_at", time).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("events").dropColumn("ends_at").execute();
      await db.schema.alterTable("events").dropColumn("starts_at").execute();
    },
  };
}
