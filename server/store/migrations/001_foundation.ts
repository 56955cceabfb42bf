import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from "kysely";

/**
 * Members, events, sessions, presence and the append-only interactions log. Written once for both dialects:
 * only the auto-increment column differs.
 */
export function foundation(dialect: "sqlite" | "postgres"): Migration {
  const serial = (col: ColumnDefinitionBuilder) =>
    dialect === "postgres" ? col.primaryKey().generatedAlwaysAsIdentity() : col.primaryKey().autoIncrement();
  const serialType = dialect === "postgres" ? "bigint" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("members")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("secret_hash", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("look", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_seen_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("programme", "text", (c) => c.notNull())
        .addColumn("capacity", "integer", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("event_id", "text", (c) => c.notNull().references("events.id"))
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("ended_at", "bigint")
        .execute();
      await db.schema.createIndex("sessions_event").on("sessions").columns(["event_id", "started_at"]).execute();
      await db.schema
        .createTable("presence")
        .addColumn("id", serialType, serial)
        .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id"))
        .addColumn("member_id", "text", (c) => c.notNull().references("members.id"))
        .addColumn("joined_at", "bigint", (c) => c.notNull())
        .addColumn("left_at", "bigint")
        .execute();
      await db.schema.createIndex("presence_session").on("presence").columns(["session_id", "joined_at"]).execute();
      await db.schema
        .createTable("interactions")
        .addColumn("id", serialType, serial)
        .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id"))
        .addColumn("member_id", "text", (c) => c.notNull().references("members.id"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("detail", "text", (c) => c.notNull().defaultTo(sql`'{}'`))
        .execute();
      await db.schema.createIndex("interactions_session").on("interactions").columns(["session_id", "at"]).execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["interactions", "presence", "sessions", "events", "members"]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
