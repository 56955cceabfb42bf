import { sql, type Kysely, type Migration } from "kysely";

/**
 * Live sessions: one open session per event (every instance joins it, a restart resumes it), and a sequence
 * number on the interactions that are session commands, unique within a session, so replicas and replays agree
 * on their order.
 */
export function liveSessions(dialect: "sqlite" | "postgres"): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // Before this, each instance opened its own session: keep the newest open one of each event, close the rest.
      await sql`
        update sessions set ended_at = started_at
        where ended_at is null and exists (
          select 1 from sessions newer
          where newer.event_id = sessions.event_id and newer.ended_at is null
            and (newer.started_at > sessions.started_at or (newer.started_at = sessions.started_at and newer.id > sessions.id))
        )`.execute(db);
      await db.schema
        .createIndex("sessions_one_open_per_event")
        .on("sessions")
        .column("event_id")
        .unique()
        .where(sql.ref("ended_at"), "is", null)
        .execute();
      await db.schema.alterTable("interactions").addColumn("seq", dialect === "postgres" ? "bigint" : "integer").execute();
      await db.schema.createIndex("interactions_session_seq").on("interactions").columns(["session_id", "seq"]).unique().execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("interactions_session_seq").execute();
      await db.schema.alterTable("interactions").dropColumn("seq").execute();
      await db.schema.dropIndex("sessions_one_open_per_event").execute();
    },
  };
}
