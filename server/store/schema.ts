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

export interface Database {
  members: MembersTable;
  events: EventsTable;
  sessions: SessionsTable;
  presence: PresenceTable;
  interactions: InteractionsTable;
}
