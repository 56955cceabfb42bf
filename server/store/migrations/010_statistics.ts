import type { Kysely, Migration } from "kysely";

/**
 * Operator statistics (docs/statistics.md, "Storage and speed"): an ended session's rollup (report and member rows as
 * JSON, with the stats version they were made by, so an older one is recomputed), each event's thresholds and webhook,
 * and the health alerts sent, once per (session, indicator) by the primary key. The indexes serve the statistics'
 * reads: the community's sessions by start, a session's promotions, and a session's hunt claims and vouchers.
 */
export function statistics(dialect: "sqlite" | "postgres"): Migration {
  const time = dialect === "postgres" ? "bigint" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("session_reports")
        .addColumn("session_id", "text", (c) => c.primaryKey().references("sessions.id"))
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("report", "text", (c) => c.notNull())
        .addColumn("members", "text", (c) => c.notNull())
        .addColumn("computed_at", time, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("stats_settings")
        .addColumn("event_id", "text", (c) => c.primaryKey().references("events.id"))
        .addColumn("thresholds", "text", (c) => c.notNull())
        .addColumn("webhook_url", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("health_alerts")
        .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id"))
        .addColumn("indicator", "text", (c) => c.notNull())
        .addColumn("sent_at", time, (c) => c.notNull())
        .addPrimaryKeyConstraint("health_alerts_pk", ["session_id", "indicator"])
        .execute();
      await db.schema.createIndex("sessions_started").on("sessions").columns(["started_at", "id"]).execute();
      await db.schema.createIndex("tier_promotions_session").on("tier_promotions").columns(["session_id", "tier"]).execute();
      await db.schema.createIndex("hunt_claims_session").on("hunt_claims").columns(["hunt_id", "session_id"]).execute();
      await db.schema.createIndex("hunt_vouchers_issued").on("hunt_vouchers").columns(["hunt_id", "issued_at"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("hunt_vouchers_issued").execute();
      await db.schema.dropIndex("hunt_claims_session").execute();
      await db.schema.dropIndex("tier_promotions_session").execute();
      await db.schema.dropIndex("sessions_started").execute();
      await db.schema.dropTable("health_alerts").execute();
      await db.schema.dropTable("stats_settings").execute();
      await db.schema.dropTable("session_reports").execute();
    },
  };
}
