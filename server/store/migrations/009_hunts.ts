import type { ColumnDefinitionBuilder, Kysely, Migration } from "kysely";

/**
 * Treasure hunts (docs/hunts.md, "Store"). One hunt per event, kept as its JSON definition; claims unique per
 * (hunt, clue, claimer) so the database, not the process, decides who is credited; completions once per claimer with
 * an insertion order that breaks ties of time; team memberships once per (hunt, member); vouchers once per
 * (hunt, clue, member).
 */
export function hunts(dialect: "sqlite" | "postgres"): Migration {
  const time = dialect === "postgres" ? "bigint" : "integer";
  const serialType = dialect === "postgres" ? "bigint" : "integer";
  const serial = (col: ColumnDefinitionBuilder) =>
    dialect === "postgres" ? col.primaryKey().generatedAlwaysAsIdentity() : col.primaryKey().autoIncrement();
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("hunts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("event_id", "text", (c) => c.notNull().unique().references("events.id"))
        .addColumn("definition", "text", (c) => c.notNull())
        .addColumn("updated_at", time, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("hunt_claims")
        .addColumn("id", serialType, serial)
        .addColumn("hunt_id", "text", (c) => c.notNull().references("hunts.id"))
        .addColumn("clue_id", "text", (c) => c.notNull())
        .addColumn("claimer", "text", (c) => c.notNull())
        .addColumn("member_id", "text", (c) => c.notNull().references("members.id"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("revealed_at", time, (c) => c.notNull())
        .addColumn("found_at", time)
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("task_id", "text")
        .addColumn("session_id", "text")
        .addUniqueConstraint("hunt_claims_clue_claimer", ["hunt_id", "clue_id", "claimer"])
        .execute();
      await db.schema.createIndex("hunt_claims_claimer").on("hunt_claims").columns(["hunt_id", "claimer"]).execute();
      // The completion's order of insertion is its own key (an auto-increment column must be the key on SQLite);
      // one completion per claimer is the unique constraint.
      await db.schema
        .createTable("hunt_completions")
        .addColumn("seq", serialType, serial)
        .addColumn("hunt_id", "text", (c) => c.notNull().references("hunts.id"))
        .addColumn("claimer", "text", (c) => c.notNull())
        .addColumn("at", time, (c) => c.notNull())
        .addColumn("duration_ms", time, (c) => c.notNull())
        .addUniqueConstraint("hunt_completions_claimer", ["hunt_id", "claimer"])
        .execute();
      await db.schema
        .createTable("hunt_teams")
        .addColumn("hunt_id", "text", (c) => c.notNull().references("hunts.id"))
        .addColumn("member_id", "text", (c) => c.notNull().references("members.id"))
        .addColumn("team", "text", (c) => c.notNull())
        .addColumn("joined_at", time, (c) => c.notNull())
        .addPrimaryKeyConstraint("hunt_teams_pk", ["hunt_id", "member_id"])
        .execute();
      await db.schema.createIndex("hunt_teams_team").on("hunt_teams").columns(["hunt_id", "team"]).execute();
      await db.schema
        .createTable("hunt_vouchers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("hunt_id", "text", (c) => c.notNull().references("hunts.id"))
        .addColumn("clue_id", "text", (c) => c.notNull())
        .addColumn("partner_id", "text", (c) => c.notNull())
        .addColumn("member_id", "text", (c) => c.notNull().references("members.id"))
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("issued_at", time, (c) => c.notNull())
        .addColumn("redeemed_at", time)
        .addUniqueConstraint("hunt_vouchers_clue_member", ["hunt_id", "clue_id", "member_id"])
        .execute();
      await db.schema.createIndex("hunt_vouchers_member").on("hunt_vouchers").columns(["hunt_id", "member_id"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("hunt_vouchers_member").execute();
      await db.schema.dropTable("hunt_vouchers").execute();
      await db.schema.dropIndex("hunt_teams_team").execute();
      await db.schema.dropTable("hunt_teams").execute();
      await db.schema.dropTable("hunt_completions").execute();
      await db.schema.dropIndex("hunt_claims_claimer").execute();
      await db.schema.dropTable("hunt_claims").execute();
      await db.schema.dropTable("hunts").execute();
    },
  };
}
