import type { ColumnType, Generated } from "kysely";

/** Times are UTC milliseconds (BIGINT on PostgreSQL, INTEGER on SQLite). */
export interface MembersTable {
  id: string;
  secret_hash: string;
  name: string;
  look: string;
  created_at: number;
  last_seen_at: number;
}

export interface EventsTable {
  id: string;
  slug: string;
  title: string;
  programme: string;
  capacity: number;
  created_at: number;
  /** The event's schedule (003_event_schedule); null when it has none. */
  starts_at: number | null;
  ends_at: number | null;
  /** The operator's description (005_event_description); '' when it has none. */
  description: string;
  /** The keyword list's changes, JSON `{"add":[…],"remove":[…]}` (006_event_words); empty lists when none. */
  words: string;
  /** Growth (008_growth): the tree's goal, the reward shown when it is reached ('' none), members' own salons (1 on, 0 off). */
  tree_goal: number;
  reward_text: string;
  reward_url: string;
  member_salons: number;
  /** The member who opened the event as a salon of their own; null for the operator's events. */
  created_by: string | null;
}

export interface SessionsTable {
  id: string;
  event_id: string;
  started_at: number;
  ended_at: number | null;
}

export interface PresenceTable {
  id: Generated<number>;
  session_id: string;
  member_id: string;
  joined_at: number;
  left_at: number | null;
}

export interface InteractionsTable {
  id: Generated<number>;
  session_id: string;
  member_id: string;
  kind: string;
  at: number;
  points: number;
  detail: string;
  /** The session's sequence number for session commands; null for per-instance interactions (chat, joins…). */
  seq: number | null;
  /** A chat line's id (007_chat_line_ids), so a host or a reporter finds the line by it; null for everything else. */
  line_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A minted collectible (008_growth): its canonical record and its Ed25519 signature, one per (session, rule). */
export interface CollectiblesTable {
  id: string;
  member_id: string;
  session_id: string;
  event_id: string;
  rule: string;
  /** canonicalCollectible(record): the exact text that was signed. */
  record: string;
  /** Base64 of the 64-byte signature. */
  signature: string;
  minted_at: number;
}

/** The first time a member reached a tier (008_growth), once per (member, tier). */
export interface TierPromotionsTable {
  member_id: string;
  tier: string;
  event_id: string;
  session_id: string;
  at: number;
}

/** A hunt (009_hunts): its definition as JSON (the Hunt without its eventId), one per event. */
export interface HuntsTable {
  id: string;
  event_id: string;
  definition: string;
  updated_at: number;
}

/** One claim per (hunt, clue, claimer): `revealed` while something is left to do, then `found`. */
export interface HuntClaimsTable {
  id: Generated<number>;
  hunt_id: string;
  clue_id: string;
  claimer: string;
  member_id: string;
  status: string;
  revealed_at: number;
  found_at: number | null;
  channel: string;
  task_id: string | null;
  session_id: string | null;
}

/** One completion per (hunt, claimer); `seq` is the order of insertion, which breaks ties of time. */
export interface HuntCompletionsTable {
  seq: Generated<number>;
  hunt_id: string;
  claimer: string;
  at: number;
  duration_ms: number;
}

export interface HuntTeamsTable {
  hunt_id: string;
  member_id: string;
  team: string;
  joined_at: number;
}

/** A partner's voucher, once per (hunt, clue, member); `redeemed_at` set once, at the counter. */
export interface HuntVouchersTable {
  id: string;
  hunt_id: string;
  clue_id: string;
  partner_id: string;
  member_id: string;
  text: string;
  issued_at: number;
  redeemed_at: number | null;
}

/** An ended session's rollup (010_statistics): the report and member rows as JSON, made by stats version `version`. */
export interface SessionReportsTable {
  session_id: string;
  version: number;
  report: string;
  members: string;
  computed_at: number;
}

/** An event's health thresholds (JSON, only those changed from the defaults) and webhook address ('' none). */
export interface StatsSettingsTable {
  event_id: string;
  thresholds: string;
  webhook_url: string;
}

/** A health alert sent, once per (session, indicator). */
export interface HealthAlertsTable {
  session_id: string;
  indicator: string;
  sent_at: number;
}

export interface Database {
  members: MembersTable;
  events: EventsTable;
  sessions: SessionsTable;
  presence: PresenceTable;
  interactions: InteractionsTable;
  collectibles: CollectiblesTable;
  tier_promotions: TierPromotionsTable;
  hunts: HuntsTable;
  hunt_claims: HuntClaimsTable;
  hunt_completions: HuntCompletionsTable;
  hunt_teams: HuntTeamsTable;
  hunt_vouchers: HuntVouchersTable;
  session_reports: SessionReportsTable;
  stats_settings: StatsSettingsTable;
  health_alerts: HealthAlertsTable;
}
