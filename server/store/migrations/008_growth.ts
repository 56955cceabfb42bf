import type { Kysely, Migration } from "kysely";

/**
 * Growth (docs/growth.md). Events gain their tree's goal and reward, whether members may open salons of their own,
 * and who opened an event that a member opened (null for the operator's). Collectibles are kept signed, one per
 * (session, rule); tier promotions are kept once per (member, tier), so an event's first evangelist is a lookup.
 * Reading a session's log on from a row (the growth tracker, the history loader) wants interactions by (session, id),
 * and a member's sessions want presence by member.
 */
export function growth(dialect: "sqlite" | "postgres"): Migration {
  const time = dialect === "postgres" ? "bigint" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time. 300 is DEFAULT_TREE_GOAL.
      await db.schema.alterTable("events").addColumn("tree_goal", "integer", (c) => c.notNull().defaultTo(300)).execute();
      await db.schema.alterTable("events").addColumn("reward_text", "text", (c) => c.notNull().defaultTo("")).execute();
      await db.schema.alterTable("events").addColumn("reward_url", "text", (c) => c.notNull().defaultTo("")).execute();
      // An integer on both databases (SQLite has no boolean): 1 on, 0 off.
      await db.schema.alterTable("events").addColumn("member_salons", "integer", (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable("events").addColumn("created_by", "text").execute();
      await db.schema
        .createTable("collectibles")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("member_id", "text", (c) => c.notNull().references("members.id"))
        .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id"))
        .addColumn("event_id", "text", (c) => c.notNull().references("events.id"))
        .addColumn("rule", "text", (c) => c.notNull())
        .addColumn("record", "text", (c) => c.notNull())
        .addColumn("signature", "text", (c) => c.notNull())
        .addColumn("minted_at", time, (c) => c.notNull())
        .addUniqueConstraint("collectibles_session_rule", ["session_id", "rule"])
        .execute();
      await db.schema.createIndex("collectibles_member").on("collectibles").columns(["member_id", "minted_at"]).execute();
      await db.schema
        .createTable("tier_promotions")
        .addColumn("member_id", "text", (c) => c.notNull().references("members.id"))
        .addColumn("tier", "text", (c) => c.notNull())
        .addColumn("event_id", "text", (c) => c.notNull().references("events.id"))
        .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id"))
        .addColumn("at", time, (c) => c.notNull())
        .addUniqueConstraint("tier_promotions_member_tier", ["member_id", "tier"])
        .execute();
      await db.schema.createIndex("tier_promotions_event").on("tier_promotions").columns(["event_id", "tier", "at"]).execute();
      await db.schema.createIndex("interactions_session_row").on("interactions").columns(["session_id", "id"]).execute();
      await db.schema.createIndex("presence_member").on("presence").columns(["member_id", "session_id"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("presence_member").execute();
      await db.schema.dropIndex("interactions_session_row").execute();
      await db.schema.dropTable("tier_promotions").execute();
      await db.schema.dropTable("collectibles").execute();
      for (const column of ["created_by", "member_salons", "reward_url", "reward_text", "tree_goal"]) {
        await db.schema.alterTable("events").dropColumn(column).execute();
      }
    },
  };
}
