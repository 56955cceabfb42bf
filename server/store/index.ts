import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type MigrationProvider, type Selectable } from "kysely";
import pg from "pg";
import { AvatarLook } from "../../shared/protocol/look.js";
import type { Database } from "./schema.js";
import { foundation } from "./migrations/001_foundation.js";
import { liveSessions } from "./migrations/002_live_sessions.js";
import { eventSchedule } from "./migrations/003_event_schedule.js";
import { chatHistory } from "./migrations/004_chat_history.js";
import { eventDescription } from "./migrations/005_event_description.js";
import { eventWords } from "./migrations/006_event_words.js";
import { chatLineIds } from "./migrations/007_chat_line_ids.js";
import { growth } from "./migrations/008_growth.js";
import { hunts } from "./migrations/009_hunts.js";
import { statistics } from "./migrations/010_statistics.js";
import { ChatEntry, InteractionEntry, isSessionCommandKind, type LeaveReason } from "../../shared/log.js";
import type { SessionCommand } from "../../shared/rules/session.js";
import type { WordListChange } from "../../shared/rules/moderation/types.js";
import { DEFAULT_TREE_GOAL, TIERS, type CollectibleRule, type LogRow, type Tier } from "../../shared/rules/growth/types.js";
import type { Claim, Hunt } from "../../shared/rules/hunt/types.js";

export type Dialect = "sqlite" | "postgres";

export interface StoreOptions {
  /** `postgres://…` switches to PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string | undefined;
  /** SQLite file (default `./data/grove.sqlite`); `:memory:` for a throwaway database. */
  sqlitePath?: string;
}

export interface Member { id: string; name: string; look: AvatarLook; createdAt: number; lastSeenAt: number }
export interface IssuedMember extends Member { secret: string }
/**
 * `startsAt` / `endsAt`: the event's schedule (UTC ms), null when it has none; `description`: '' when it has none;
 * `words`: the keyword filter's changes to its shipped list (docs/moderation.md), empty lists when none.
 */
export interface GroveEvent {
  id: string;
  slug: string;
  title: string;
  description: string;
  programme: string;
  capacity: number;
  startsAt: number | null;
  endsAt: number | null;
  words: WordListChange;
  /** Growth (docs/growth.md): the tree's goal, and the reward shown to all when it is reached ('' / null: none). */
  treeGoal: number;
  rewardText: string;
  rewardUrl: string | null;
  /** Whether evangelists may open salons of their own from this event's page. */
  memberSalons: boolean;
  /** The member who opened this event as a salon of their own; null for the operator's events. */
  createdBy: string | null;
}
/** What an operator may change of an event: any of these, the rest kept. The slug never changes. */
export interface EventPatch {
  title?: string;
  description?: string;
  capacity?: number;
  startsAt?: number | null;
  endsAt?: number | null;
  words?: WordListChange;
  treeGoal?: number;
  rewardText?: string;
  /** '' or null: no link. */
  rewardUrl?: string | null;
  memberSalons?: boolean;
}
/** What a new event may say of growth beside its title and schedule (the rest take their defaults). */
export interface EventGrowthInput {
  treeGoal?: number;
  rewardText?: string;
  rewardUrl?: string | null;
  memberSalons?: boolean;
  createdBy?: string | null;
}
/** A collectible as stored: the canonical record text that was signed, and its signature (base64). */
export interface StoredCollectible {
  id: string;
  memberId: string;
  sessionId: string;
  eventId: string;
  rule: CollectibleRule;
  /** canonicalCollectible(record), exactly as signed. */
  record: string;
  signature: string;
  mintedAt: number;
}
/** One session a member was present in, with its event. */
export interface MemberSessionRecord { sessionId: string; eventId: string; eventSlug: string; eventTitle: string; startedAt: number; endedAt: number | null }
/** One entry for the log: who, when, and a typed entry (kind + detail, see shared/log.ts). */
export type InteractionInput = InteractionEntry & {
  sessionId: string;
  memberId: string;
  at: number;
  points?: number;
  /** Session commands only: their place in the session's order. */
  seq?: number;
};
export type Interaction = InteractionEntry & { id: number; sessionId: string; memberId: string; at: number; points: number; seq: number | null };
/** A chat line read back from the log for a joining member's history. */
export interface ChatRecord { id: string; memberId: string; name: string; text: string; at: number; badge?: "speaker" | "expert" }
/** One chat line of a session found by its id (a host deletes it, a member reports it): who said what, as logged. */
export interface ChatLine { lineId: string; authorId: string; authorName: string; text: string; at: number }
/**
 * How a member stands with the event's open session before they join it, read from its log: removed by a host, the
 * session locked, and whether they joined it before. `sessionId` is null when the event has no open session.
 */
export interface JoinStanding { sessionId: string | null; removed: boolean; locked: boolean; joinedBefore: boolean }
export interface PresenceRecord { id: number; sessionId: string; memberId: string; joinedAt: number; leftAt: number | null }
export interface SessionRecord { id: string; eventId: string; startedAt: number; endedAt: number | null }

/** A stored hunt claim: the claim as the rules read it, with its hunt, row id and the session its find was logged to. */
export interface StoredClaim extends Claim { id: number; huntId: string; sessionId: string | null }
/** A completion as stored: `seq` is its order of insertion (ties of time go to the earlier insert). */
export interface StoredCompletion { claimer: string; at: number; durationMs: number; seq: number }
/** A partner's voucher as stored. */
export interface StoredVoucher { id: string; huntId: string; clueId: string; partnerId: string; memberId: string; text: string; issuedAt: number; redeemedAt: number | null }
/** Per clue of a hunt: claims opened (every claim, found ones too), found, vouchers issued and redeemed. */
export interface HuntClueCounts { revealed: number; found: number; vouchersIssued: number; vouchersRedeemed: number }
/** What a claim writes: who, which clue, how, and (a blind box) the task drawn. */
export interface ClaimInput { huntId: string; clueId: string; claimer: string; memberId: string; at: number; channel: Claim["channel"]; taskId: string | null; sessionId: string | null }

/** A session's hunt rows for its funnel (docs/statistics.md): the stats' HuntInput, with the completions within the session's window. */
export interface SessionHuntRows {
  huntId: string;
  clues: { id: string; name: string; kind: "venue" | "real"; place: string | null }[];
  claims: { clueId: string; claimer: string; status: "revealed" | "found"; revealedAt: number; foundAt: number | null }[];
  vouchers: { clueId: string; issuedAt: number; redeemedAt: number | null }[];
  completions: { claimer: string; at: number }[];
}
/** A stored rollup: the version that made it and its JSON parsed (its shape is the writer's, the statistics service). */
export interface StoredRollup { version: number; report: unknown; members: unknown; computedAt: number }
export interface SessionWithRollup { session: SessionRecord; eventSlug: string; eventTitle: string; rollup: StoredRollup | null }
/** A session with its event's slug and title and its stored rollup's version and time (null when none). */
export interface SessionIndexEntry { session: SessionRecord; eventSlug: string; eventTitle: string; rollupVersion: number | null; computedAt: number | null }
/** A member's first promotion to a tier. */
export interface StoredPromotion { memberId: string; tier: Tier; eventId: string; sessionId: string; at: number }

function rollupFromRow(row: { version: number; report: string; members: string; computed_at: number }): StoredRollup | undefined {
  try {
    return { version: Number(row.version), report: JSON.parse(row.report) as unknown, members: JSON.parse(row.members) as unknown, computedAt: Number(row.computed_at) };
  } catch {
    return undefined;
  }
}

/** A stored row that no longer parses as the typed log says: a bug or a hand edit, never silently skipped. */
export class CorruptInteractionError extends Error {
  constructor(readonly interactionId: number) {
    super(`interaction ${interactionId} does not match the log's schema`);
  }
}

/** Told that a session closed (at `endedAt`); see Store.onSessionClosed. */
export type SessionClosedListener = (sessionId: string, endedAt: number) => Promise<void> | void;

/** The operator's stand-in member (see Store.operatorMember). */
export const OPERATOR_MEMBER_ID = "operator";
const OPERATOR_MEMBER_NAME = "Operator";
const OPERATOR_LOOK: AvatarLook = { color: "#8d6e63", shape: "round", accessory: "none" };

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function parseLook(text: string): AvatarLook {
  const parsed = AvatarLook.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error("stored look does not match the schema");
  return parsed.data;
}

const EVENT_COLUMNS = ["id", "slug", "title", "description", "programme", "capacity", "starts_at", "ends_at", "words", "tree_goal", "reward_text", "reward_url", "member_salons", "created_by"] as const;
type EventRow = Pick<Database["events"], (typeof EVENT_COLUMNS)[number]>;

function eventRow(event: GroveEvent): EventRow {
  return {
    id: event.id,
    slug: event.slug,
    title: event.title,
    description: event.description,
    programme: event.programme,
    capacity: event.capacity,
    starts_at: event.startsAt,
    ends_at: event.endsAt,
    words: JSON.stringify(event.words),
    tree_goal: event.treeGoal,
    reward_text: event.rewardText,
    reward_url: event.rewardUrl ?? "",
    member_salons: event.memberSalons ? 1 : 0,
    created_by: event.createdBy,
  };
}

/** A new event's growth fields: what was given, else the defaults (DEFAULT_TREE_GOAL, no reward, member salons on). */
function growthFields(input: EventGrowthInput): Pick<GroveEvent, "treeGoal" | "rewardText" | "rewardUrl" | "memberSalons" | "createdBy"> {
  return {
    treeGoal: input.treeGoal ?? DEFAULT_TREE_GOAL,
    rewardText: input.rewardText ?? "",
    rewardUrl: input.rewardUrl ? input.rewardUrl : null,
    memberSalons: input.memberSalons ?? true,
    createdBy: input.createdBy ?? null,
  };
}

const COLLECTIBLE_COLUMNS = ["id", "member_id", "session_id", "event_id", "rule", "record", "signature", "minted_at"] as const;

function collectibleFromRow(row: Pick<Database["collectibles"], (typeof COLLECTIBLE_COLUMNS)[number]>): StoredCollectible {
  return {
    id: row.id,
    memberId: row.member_id,
    sessionId: row.session_id,
    eventId: row.event_id,
    rule: row.rule as CollectibleRule,
    record: row.record,
    signature: row.signature,
    mintedAt: Number(row.minted_at),
  };
}

/** A stored detail as the growth rules read it: parsed JSON, or null when it does not parse (a hand edit), never a throw. */
function parseDetail(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const NO_WORD_CHANGES: WordListChange = { add: [], remove: [] };

/** A stored word list; one that is not two lists of strings (a hand edit) reads as no changes, never as a crash. */
function parseWords(text: string): WordListChange {
  try {
    const value = JSON.parse(text) as { add?: unknown; remove?: unknown } | null;
    const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((word) => typeof word === "string");
    if (value !== null && strings(value.add) && strings(value.remove)) return { add: value.add, remove: value.remove };
  } catch {
    // Falls through to no changes.
  }
  return NO_WORD_CHANGES;
}

/** Times go through Number(): whatever a driver hands back for a BIGINT, the event carries a number. */
function eventFromRow(row: EventRow): GroveEvent {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    programme: row.programme,
    capacity: Number(row.capacity),
    startsAt: row.starts_at === null ? null : Number(row.starts_at),
    endsAt: row.ends_at === null ? null : Number(row.ends_at),
    words: parseWords(row.words),
    treeGoal: Number(row.tree_goal),
    rewardText: row.reward_text,
    rewardUrl: row.reward_url === "" ? null : row.reward_url,
    // SQLite and PostgreSQL both keep an integer; Number() covers a driver handing back a string.
    memberSalons: Number(row.member_salons) !== 0,
    createdBy: row.created_by,
  };
}

const CLAIM_COLUMNS = ["id", "hunt_id", "clue_id", "claimer", "member_id", "status", "revealed_at", "found_at", "channel", "task_id", "session_id"] as const;

function claimFromRow(row: Pick<Selectable<Database["hunt_claims"]>, (typeof CLAIM_COLUMNS)[number]>): StoredClaim {
  return {
    id: Number(row.id),
    huntId: row.hunt_id,
    clueId: row.clue_id,
    claimer: row.claimer,
    memberId: row.member_id,
    status: row.status === "found" ? "found" : "revealed",
    revealedAt: Number(row.revealed_at),
    foundAt: row.found_at === null ? null : Number(row.found_at),
    channel: row.channel === "scene" ? "scene" : "scan",
    taskId: row.task_id,
    sessionId: row.session_id,
  };
}

const VOUCHER_COLUMNS = ["id", "hunt_id", "clue_id", "partner_id", "member_id", "text", "issued_at", "redeemed_at"] as const;

function voucherFromRow(row: Pick<Database["hunt_vouchers"], (typeof VOUCHER_COLUMNS)[number]>): StoredVoucher {
  return {
    id: row.id,
    huntId: row.hunt_id,
    clueId: row.clue_id,
    partnerId: row.partner_id,
    memberId: row.member_id,
    text: row.text,
    issuedAt: Number(row.issued_at),
    redeemedAt: row.redeemed_at === null ? null : Number(row.redeemed_at),
  };
}

/** A stored definition with its event: the JSON is only ever written by saveHunt, so a row that does not parse is a hand edit and throws. */
function huntFromRow(row: { id: string; event_id: string; definition: string }): Hunt {
  const definition = JSON.parse(row.definition) as Omit<Hunt, "eventId">;
  // The row's id is the hunt's: a definition saved over an event's hunt under another id keeps the stored one.
  return { ...definition, id: row.id, eventId: row.event_id };
}

const CHAT_SCAN_BATCH = 200;
const CHAT_SCAN_ROWS = 5_000;

/** A stored chat row as a history line when it parses and was said in `instance`; undefined otherwise. */
function chatRecordOf(row: { id: number; member_id: string; at: number; detail: string; member_name: string | null }, instance: number): ChatRecord | undefined {
  let detail: unknown;
  try {
    detail = JSON.parse(row.detail);
  } catch {
    return undefined;
  }
  const entry = ChatEntry.safeParse({ kind: "chat", detail });
  if (!entry.success || entry.data.detail.instance !== instance) return undefined;
  const { id, name, text, badge } = entry.data.detail;
  return { id: id ?? `log-${Number(row.id)}`, memberId: row.member_id, name: name ?? row.member_name ?? "", text, at: Number(row.at), ...(badge ? { badge } : {}) };
}

/**
 * The one module that speaks SQL. Every other part of Grove goes through these methods, so SQLite and
 * PostgreSQL stay interchangeable and the same tests cover both.
 */
export class Store {
  /** Told when a session closes (growth mints its collectibles); see onSessionClosed. */
  private readonly closeListeners: SessionClosedListener[] = [];
  /** Listeners' work still running: close() waits for it, so none of it meets a closed database. */
  private readonly pending = new Set<Promise<void>>();

  private constructor(readonly db: Kysely<Database>, readonly dialect: Dialect) {}

  static async open(options: StoreOptions = {}): Promise<Store> {
    const url = options.databaseUrl;
    let store: Store;
    if (url && /^postgres(ql)?:\/\//.test(url)) {
      // BIGINT millisecond times fit a JS number exactly; parse them as numbers, not strings.
      pg.types.setTypeParser(20, (value: string) => Number(value));
      store = new Store(new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }) }), "postgres");
    } else {
      const path = options.sqlitePath ?? "./data/grove.sqlite";
      if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
      const database = new SQLite(path);
      database.pragma("journal_mode = WAL");
      // With WAL, NORMAL never corrupts the database and skips an fsync per write: a chat no longer blocks the
      // event loop on the disk (median 462 µs → 14 µs per insert here; see docs/benchmarks.md).
      database.pragma("synchronous = NORMAL");
      database.pragma("foreign_keys = ON");
      database.pragma("busy_timeout = 5000");
      store = new Store(new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), "sqlite");
    }
    await store.migrate();
    return store;
  }

  async migrate(): Promise<void> {
    const dialect = this.dialect;
    const provider: MigrationProvider = {
      getMigrations: async () => ({
        "001_foundation": foundation(dialect),
        "002_live_sessions": liveSessions(dialect),
        "003_event_schedule": eventSchedule(dialect),
        "004_chat_history": chatHistory(),
        "005_event_description": eventDescription(),
        "006_event_words": eventWords(),
        "007_chat_line_ids": chatLineIds,
        "008_growth": growth(dialect),
        "009_hunts": hunts(dialect),
        "010_statistics": statistics(dialect),
      }),
    };
    const { error } = await new Migrator({ db: this.db, provider, migrationTableName: "grove_migrations", migrationLockTableName: "grove_migrations_lock" }).migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
  }

  async health(): Promise<{ ok: boolean; dialect: Dialect; error?: string }> {
    try {
      await sql`select 1`.execute(this.db);
      return { ok: true, dialect: this.dialect };
    } catch (e) {
      return { ok: false, dialect: this.dialect, error: e instanceof Error ? e.message : String(e) };
    }
  }

  async close(): Promise<void> {
    await this.settled();
    await this.db.destroy();
  }

  /**
   * Calls `listener` each time a session closes here (by its hub, as idle, or settling after a restart): once per
   * session, by the call that closed it. The close never waits for the listener, and a failing listener never stops
   * a close (it handles its own errors; a rejection is dropped here).
   */
  onSessionClosed(listener: SessionClosedListener): void {
    this.closeListeners.push(listener);
  }

  /** Waits for the work close listeners started (tests read what it wrote; close() waits for it too). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  // Members --------------------------------------------------------------------------------------------

  /** Issues a new member with a fresh secret. Only the secret's hash is stored. */
  async createMember(input: { name: string; look: AvatarLook; now: number }): Promise<IssuedMember> {
    const id = randomUUID();
    const secret = randomBytes(24).toString("base64url");
    await this.db
      .insertInto("members")
      .values({ id, secret_hash: hashSecret(secret), name: input.name, look: JSON.stringify(input.look), created_at: input.now, last_seen_at: input.now })
      .execute();
    return { id, secret, name: input.name, look: input.look, createdAt: input.now, lastSeenAt: input.now };
  }

  /** The member whose id and secret both match, or undefined: a wrong secret never reveals whether the id exists. */
  async authenticateMember(id: string, secret: string): Promise<Member | undefined> {
    // PostgreSQL's text cannot hold NUL (the query would fail): no member's id has one.
    if (id.includes("\u0000")) return undefined;
    const row = await this.db.selectFrom("members").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    const expected = Buffer.from(row.secret_hash, "hex");
    const given = Buffer.from(hashSecret(secret), "hex");
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    return { id: row.id, name: row.name, look: parseLook(row.look), createdAt: Number(row.created_at), lastSeenAt: Number(row.last_seen_at) };
  }

  /**
   * The member that stands for the operator in a session's log (a word list changed on /admin is a command, and every
   * command has a sender). Made once, under a fixed id, with a secret nobody is given: it can never join.
   */
  async operatorMember(now: number): Promise<{ id: string; name: string }> {
    await this.db
      .insertInto("members")
      .values({ id: OPERATOR_MEMBER_ID, secret_hash: hashSecret(randomBytes(24).toString("base64url")), name: OPERATOR_MEMBER_NAME, look: JSON.stringify(OPERATOR_LOOK), created_at: now, last_seen_at: now })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    return { id: OPERATOR_MEMBER_ID, name: OPERATOR_MEMBER_NAME };
  }

  async getMember(id: string): Promise<Member | undefined> {
    const row = await this.db.selectFrom("members").selectAll().where("id", "=", id).executeTakeFirst();
    return row && { id: row.id, name: row.name, look: parseLook(row.look), createdAt: Number(row.created_at), lastSeenAt: Number(row.last_seen_at) };
  }

  async updateMemberProfile(id: string, input: { name: string; look: AvatarLook; now: number }): Promise<void> {
    await this.db
      .updateTable("members")
      .set({ name: input.name, look: JSON.stringify(input.look), last_seen_at: input.now })
      .where("id", "=", id)
      .execute();
  }

  // Events ---------------------------------------------------------------------------------------------

  /** Creates the event if its slug is new; an existing event is left as it is. */
  async ensureEvent(input: { slug: string; title: string; programme?: string; capacity?: number; now: number }): Promise<GroveEvent> {
    const existing = await this.getEventBySlug(input.slug);
    if (existing) return existing;
    const event: GroveEvent = {
      id: randomUUID(),
      slug: input.slug,
      title: input.title,
      description: "",
      programme: input.programme ?? "salon",
      capacity: input.capacity ?? 200,
      startsAt: null,
      endsAt: null,
      words: NO_WORD_CHANGES,
      ...growthFields({}),
    };
    await this.db.insertInto("events").values({ ...eventRow(event), created_at: input.now }).onConflict((oc) => oc.column("slug").doNothing()).execute();
    return (await this.getEventBySlug(input.slug)) ?? event;
  }

  /**
   * Creates an event under a new slug; undefined when the slug is taken (one insert, so two operators racing for
   * a slug cannot both get it). The schedule is stored as given: the operator API checks that it ends after it starts.
   */
  async createEvent(
    input: { slug: string; title: string; description?: string; capacity: number; programme?: string; startsAt?: number | null; endsAt?: number | null; now: number } & EventGrowthInput,
  ): Promise<GroveEvent | undefined> {
    const event: GroveEvent = {
      id: randomUUID(),
      slug: input.slug,
      title: input.title,
      description: input.description ?? "",
      programme: input.programme ?? "salon",
      capacity: input.capacity,
      startsAt: input.startsAt ?? null,
      endsAt: input.endsAt ?? null,
      words: NO_WORD_CHANGES,
      ...growthFields(input),
    };
    const inserted = await this.db
      .insertInto("events")
      .values({ ...eventRow(event), created_at: input.now })
      .onConflict((oc) => oc.column("slug").doNothing())
      .returning("id")
      .executeTakeFirst();
    return inserted ? event : undefined;
  }

  async getEventBySlug(slug: string): Promise<GroveEvent | undefined> {
    const row = await this.db.selectFrom("events").select(EVENT_COLUMNS).where("slug", "=", slug).executeTakeFirst();
    return row && eventFromRow(row);
  }

  async getEventById(eventId: string): Promise<GroveEvent | undefined> {
    const row = await this.db.selectFrom("events").select(EVENT_COLUMNS).where("id", "=", eventId).executeTakeFirst();
    return row && eventFromRow(row);
  }

  /** The event's keyword list changes (empty lists when none), or undefined for an unknown event. */
  async eventWords(eventId: string): Promise<WordListChange | undefined> {
    const row = await this.db.selectFrom("events").select("words").where("id", "=", eventId).executeTakeFirst();
    return row && parseWords(row.words);
  }

  /** Writes the event's keyword list changes (a host's, from the room), so the event's next session starts with them. */
  async setEventWords(eventId: string, words: WordListChange): Promise<void> {
    await this.db.updateTable("events").set({ words: JSON.stringify(words) }).where("id", "=", eventId).execute();
  }

  async listEvents(): Promise<GroveEvent[]> {
    const rows = await this.db.selectFrom("events").select(EVENT_COLUMNS).orderBy("created_at", "asc").execute();
    return rows.map(eventFromRow);
  }

  /**
   * Changes what `patch` names of the event under `slug`, in one statement: "notFound" when there is no such event,
   * "endsBeforeStart" (and nothing changed) when the schedule it would leave, the patch merged over the stored one,
   * ends at or before it starts. The check is in the statement's WHERE, so two edits racing (one moves the start,
   * the other the end) cannot together leave an event that ends before it starts.
   */
  async updateEvent(slug: string, patch: EventPatch): Promise<GroveEvent | "notFound" | "endsBeforeStart"> {
    const { startsAt, endsAt } = patch;
    if (startsAt != null && endsAt != null && endsAt <= startsAt) return "endsBeforeStart";
    const set = {
      ...(patch.title === undefined ? {} : { title: patch.title }),
      ...(patch.description === undefined ? {} : { description: patch.description }),
      ...(patch.capacity === undefined ? {} : { capacity: patch.capacity }),
      ...(startsAt === undefined ? {} : { starts_at: startsAt }),
      ...(endsAt === undefined ? {} : { ends_at: endsAt }),
      ...(patch.words === undefined ? {} : { words: JSON.stringify(patch.words) }),
      ...(patch.treeGoal === undefined ? {} : { tree_goal: patch.treeGoal }),
      ...(patch.rewardText === undefined ? {} : { reward_text: patch.rewardText }),
      ...(patch.rewardUrl === undefined ? {} : { reward_url: patch.rewardUrl ?? "" }),
      ...(patch.memberSalons === undefined ? {} : { member_salons: patch.memberSalons ? 1 : 0 }),
    };
    if (Object.keys(set).length === 0) return (await this.getEventBySlug(slug)) ?? "notFound";
    let update = this.db.updateTable("events").set(set).where("slug", "=", slug);
    // A new start alone must come before the stored end; a new end alone after the stored start.
    if (startsAt != null && endsAt === undefined) update = update.where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", startsAt)]));
    if (endsAt != null && startsAt === undefined) update = update.where((eb) => eb.or([eb("starts_at", "is", null), eb("starts_at", "<", endsAt)]));
    const row = await update.returning(EVENT_COLUMNS).executeTakeFirst();
    if (row) return eventFromRow(row);
    return (await this.getEventBySlug(slug)) ? "endsBeforeStart" : "notFound";
  }


  // Sessions and presence -------------------------------------------------------------------------------

  /**
   * The event's live session: the open one if there is one (another instance, or a run before a restart, opened
   * it), else a new one. One open session per event is a unique index, so two instances starting at once agree.
   */
  async openOrResumeSession(eventId: string, now: number): Promise<SessionRecord & { resumed: boolean }> {
    const open = await this.openSessionOf(eventId);
    if (open) return { ...open, resumed: true };
    const id = randomUUID();
    await this.db
      .insertInto("sessions")
      .values({ id, event_id: eventId, started_at: now, ended_at: null })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const winner = await this.openSessionOf(eventId);
    if (!winner) throw new Error("no open session after opening one");
    return { ...winner, resumed: winner.id !== id };
  }

  /**
   * How a member stands with the event's open session, as its log has it (every instance logs a command before any
   * applies it, so this holds across instances and restarts): removed (a `memberRemoved` of them was logged; the
   * rule declines one only when it is the sender's own or they are removed already), locked (the latest
   * `sessionLocked` in order says so: one declined as no change said what the state was anyway), and whether they
   * joined the session before. Two reads over (session, kind) and one over presence.
   */
  async joinStanding(eventId: string, memberId: string | undefined): Promise<JoinStanding> {
    const open = await this.openSessionOf(eventId);
    if (!open) return { sessionId: null, removed: false, locked: false, joinedBefore: false };
    const removals = memberId === undefined ? [] : await this.db.selectFrom("interactions").select("detail").where("session_id", "=", open.id).where("kind", "=", "memberRemoved").execute();
    const removed = removals.some((row) => {
      try {
        return (JSON.parse(row.detail) as { memberId?: unknown }).memberId === memberId;
      } catch {
        return false;
      }
    });
    const lock = await this.db
      .selectFrom("interactions")
      .select("detail")
      .where("session_id", "=", open.id)
      .where("kind", "=", "sessionLocked")
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    let locked = false;
    try {
      locked = lock !== undefined && (JSON.parse(lock.detail) as { locked?: unknown }).locked === true;
    } catch {
      // An unreadable row locks nothing.
    }
    const joinedBefore = memberId !== undefined && (await this.sessionMember(open.id, memberId)) !== undefined;
    return { sessionId: open.id, removed, locked, joinedBefore };
  }

  private async openSessionOf(eventId: string): Promise<SessionRecord | undefined> {
    const row = await this.db.selectFrom("sessions").selectAll().where("event_id", "=", eventId).where("ended_at", "is", null).executeTakeFirst();
    return row && { id: row.id, eventId: row.event_id, startedAt: Number(row.started_at), endedAt: null };
  }

  async closeSession(sessionId: string, now: number): Promise<void> {
    const [closed] = await this.db.updateTable("sessions").set({ ended_at: now }).where("id", "=", sessionId).where("ended_at", "is", null).execute();
    await this.db.updateTable("presence").set({ left_at: now }).where("session_id", "=", sessionId).where("left_at", "is", null).execute();
    if (Number(closed?.numUpdatedRows ?? 0) === 0) return;
    for (const listener of this.closeListeners) {
      const work = Promise.resolve()
        .then(() => listener(sessionId, now))
        .catch(() => {});
      this.pending.add(work);
      void work.finally(() => this.pending.delete(work));
    }
  }

  /** The time of the session's last recorded join, leave or interaction (its start when nothing happened). */
  async lastActivity(sessionId: string): Promise<number> {
    const session = await this.db.selectFrom("sessions").select("started_at").where("id", "=", sessionId).executeTakeFirst();
    const last = await this.db
      .selectFrom("presence")
      .select((eb) => [eb.fn.max("joined_at").as("joined"), eb.fn.max("left_at").as("left")])
      .where("session_id", "=", sessionId)
      .executeTakeFirst();
    const lastInteraction = await this.db
      .selectFrom("interactions")
      .select((eb) => eb.fn.max("at").as("at"))
      .where("session_id", "=", sessionId)
      .executeTakeFirst();
    return Math.max(Number(session?.started_at ?? 0), Number(last?.joined ?? 0), Number(last?.left ?? 0), Number(lastInteraction?.at ?? 0));
  }

  /**
   * Tidies what a previous process left open (it stopped, crashed or was killed). Members still inside its
   * sessions leave at the session's last activity, in the log as in presence, so dwell is never stretched across
   * the downtime. A session whose last activity is within `resumeWindowMs` of `now` stays open for members to
   * come back to (their leave says "restart"); an older one is closed at its last activity ("abandoned").
   * Returns how many sessions it closed.
   */
  async settleSessionsAfterRestart(now: number, resumeWindowMs: number): Promise<{ closed: number; resumable: number }> {
    const open = await this.db.selectFrom("sessions").select(["id"]).where("ended_at", "is", null).execute();
    let closed = 0;
    for (const session of open) {
      const end = await this.lastActivity(session.id);
      const resumable = now - end <= resumeWindowMs;
      const reason: LeaveReason = resumable ? "restart" : "abandoned";
      const stranded = await this.db.selectFrom("presence").select(["id", "member_id"]).where("session_id", "=", session.id).where("left_at", "is", null).execute();
      for (const { id, member_id } of stranded) {
        await this.appendInteraction({ sessionId: session.id, memberId: member_id, kind: "leave", at: end, detail: { reason } });
        await this.recordLeave(Number(id), end);
      }
      if (!resumable) {
        await this.closeSession(session.id, end);
        closed += 1;
      }
    }
    return { closed, resumable: open.length - closed };
  }

  /**
   * Closes open sessions, other than `live` ones, with nothing recorded for longer than `idleMs`: each ends at its
   * last activity. Returns how many it closed.
   */
  async closeIdleSessions(now: number, idleMs: number, live: ReadonlySet<string>): Promise<number> {
    const open = await this.db.selectFrom("sessions").select("id").where("ended_at", "is", null).execute();
    let closed = 0;
    for (const { id } of open) {
      if (live.has(id)) continue;
      const end = await this.lastActivity(id);
      if (now - end <= idleMs) continue;
      await this.closeSession(id, end);
      closed += 1;
    }
    return closed;
  }

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    const row = await this.db.selectFrom("sessions").selectAll().where("id", "=", sessionId).executeTakeFirst();
    return row && { id: row.id, eventId: row.event_id, startedAt: Number(row.started_at), endedAt: row.ended_at === null ? null : Number(row.ended_at) };
  }

  async listSessions(eventId: string): Promise<SessionRecord[]> {
    const rows = await this.db.selectFrom("sessions").selectAll().where("event_id", "=", eventId).orderBy("started_at").execute();
    return rows.map((row) => ({ id: row.id, eventId: row.event_id, startedAt: Number(row.started_at), endedAt: row.ended_at === null ? null : Number(row.ended_at) }));
  }

  async recordJoin(sessionId: string, memberId: string, now: number): Promise<number> {
    const row = await this.db
      .insertInto("presence")
      .values({ session_id: sessionId, member_id: memberId, joined_at: now, left_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async recordLeave(presenceId: number, now: number): Promise<void> {
    await this.db.updateTable("presence").set({ left_at: now }).where("id", "=", presenceId).where("left_at", "is", null).execute();
  }

  /** A member who joined the session (in any instance, still there or not), with their current name; undefined otherwise. */
  async sessionMember(sessionId: string, memberId: string): Promise<{ memberId: string; name: string } | undefined> {
    const row = await this.db
      .selectFrom("presence")
      .innerJoin("members", "members.id", "presence.member_id")
      .select(["members.id", "members.name"])
      .where("presence.session_id", "=", sessionId)
      .where("presence.member_id", "=", memberId)
      .limit(1)
      .executeTakeFirst();
    return row && { memberId: row.id, name: row.name };
  }

  /**
   * For the event's sessions before `sessionId` (by start, newest first, at most `limit`), whether the member logged
   * a check-in (`checkedIn`) in each: what a check-in streak is worked out from. Empty for an unknown session.
   */
  async checkInHistory(sessionId: string, memberId: string, limit: number): Promise<boolean[]> {
    const session = await this.getSession(sessionId);
    if (!session) return [];
    const rows = await this.db
      .selectFrom("sessions")
      .select((eb) => [
        "sessions.id",
        eb
          .exists(
            eb
              .selectFrom("interactions")
              .select("interactions.id")
              .whereRef("interactions.session_id", "=", "sessions.id")
              .where("interactions.kind", "=", "checkedIn")
              .where("interactions.member_id", "=", memberId),
          )
          .as("checked"),
      ])
      .where("sessions.event_id", "=", session.eventId)
      .where("sessions.id", "!=", sessionId)
      .where("sessions.started_at", "<=", session.startedAt)
      .orderBy("sessions.started_at", "desc")
      .orderBy("sessions.id", "desc")
      .limit(limit)
      .execute();
    // SQLite answers EXISTS with 1 or 0, PostgreSQL with true or false.
    return rows.map((row) => Boolean(Number(row.checked)));
  }

  async listPresence(sessionId: string): Promise<PresenceRecord[]> {
    const rows = await this.db.selectFrom("presence").selectAll().where("session_id", "=", sessionId).orderBy("id").execute();
    return rows.map((r) => ({ id: Number(r.id), sessionId: r.session_id, memberId: r.member_id, joinedAt: Number(r.joined_at), leftAt: r.left_at === null ? null : Number(r.left_at) }));
  }

  // Interactions (append-only, typed) -------------------------------------------------------------------

  /**
   * Appends one entry. The entry is checked against the log's schema first (a wrong shape is a bug and throws
   * before anything is written); a session command must carry its sequence number, which is unique per session.
   */
  async appendInteraction(input: InteractionInput): Promise<number> {
    const entry = InteractionEntry.parse({ kind: input.kind, detail: input.detail });
    const seq = input.seq ?? null;
    if (isSessionCommandKind(entry.kind) !== (seq !== null)) throw new Error(`a ${entry.kind} entry ${seq === null ? "needs" : "takes no"} sequence number`);
    // A chat line's id goes in its own column too: a host deleting it, or a member reporting it, finds it by that.
    const lineId = entry.kind === "chat" ? (entry.detail.id ?? null) : null;
    const row = await this.db
      .insertInto("interactions")
      .values({ session_id: input.sessionId, member_id: input.memberId, kind: entry.kind, at: input.at, points: input.points ?? 0, detail: JSON.stringify(entry.detail), seq, line_id: lineId })
      .returning("id")
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /**
   * One chat line of the session by the id it went out with (or `log-<row id>`, the name chat history gives a line
   * logged without one), with its author and what it said as logged; undefined when the session has no such line.
   * One index lookup (interactions_session_line).
   */
  async chatLine(sessionId: string, lineId: string): Promise<ChatLine | undefined> {
    const base = this.db
      .selectFrom("interactions")
      .leftJoin("members", "members.id", "interactions.member_id")
      .select(["interactions.id", "interactions.member_id", "interactions.at", "interactions.detail", "members.name as member_name"])
      .where("interactions.session_id", "=", sessionId)
      .where("interactions.kind", "=", "chat");
    const byRow = /^log-([1-9][0-9]{0,14})$/.exec(lineId);
    const row = byRow
      ? await base.where("interactions.id", "=", Number(byRow[1])).where("interactions.line_id", "is", null).executeTakeFirst()
      : await base.where("interactions.line_id", "=", lineId).orderBy("interactions.id").limit(1).executeTakeFirst();
    if (!row) return undefined;
    let detail: unknown;
    try {
      detail = JSON.parse(row.detail);
    } catch {
      return undefined;
    }
    const entry = ChatEntry.safeParse({ kind: "chat", detail });
    if (!entry.success) return undefined;
    const { name, text } = entry.data.detail;
    return { lineId, authorId: row.member_id, authorName: name ?? row.member_name ?? "", text, at: Number(row.at) };
  }

  async listInteractions(sessionId: string): Promise<Interaction[]> {
    const rows = await this.db.selectFrom("interactions").selectAll().where("session_id", "=", sessionId).orderBy("id").execute();
    return rows.map((row) => this.parseInteraction(row));
  }

  /** The session's commands after `afterSeq`, in order: what a replica replays to catch up. */
  async listSessionCommands(sessionId: string, afterSeq = 0): Promise<SessionCommand[]> {
    const rows = await this.db
      .selectFrom("interactions")
      .selectAll()
      .where("session_id", "=", sessionId)
      .where("seq", "is not", null)
      .where("seq", ">", afterSeq)
      .orderBy("seq")
      .execute();
    return rows.map((row) => {
      const interaction = this.parseInteraction(row);
      if (interaction.seq === null || !isSessionCommandKind(interaction.kind)) throw new CorruptInteractionError(interaction.id);
      return { kind: interaction.kind, detail: interaction.detail, seq: interaction.seq, at: interaction.at, memberId: interaction.memberId } as SessionCommand;
    });
  }

  /**
   * The latest `limit` chat lines said in one instance (by number) of the session, oldest first. Read newest first
   * in batches, at most CHAT_SCAN_ROWS rows, so a busy other instance cannot make a join slow. A row that does not
   * parse is passed over (history is a courtesy: it never fails a join), and so is one `skip` names (a line a host
   * deleted); a line logged without its live id is known by its row (`log-<row id>`), and one without a name by its
   * member's current name.
   */
  async recentChat(sessionId: string, instance: number, limit: number, skip: (lineId: string) => boolean = () => false): Promise<ChatRecord[]> {
    const found: ChatRecord[] = [];
    let before: number | null = null;
    for (let scanned = 0; found.length < limit && scanned < CHAT_SCAN_ROWS; ) {
      let query = this.db
        .selectFrom("interactions")
        .leftJoin("members", "members.id", "interactions.member_id")
        .select(["interactions.id", "interactions.member_id", "interactions.at", "interactions.detail", "members.name as member_name"])
        .where("interactions.session_id", "=", sessionId)
        .where("interactions.kind", "=", "chat")
        .orderBy("interactions.id", "desc")
        .limit(CHAT_SCAN_BATCH);
      if (before !== null) query = query.where("interactions.id", "<", before);
      const rows = await query.execute();
      for (const row of rows) {
        const line = chatRecordOf(row, instance);
        if (line && !skip(line.id)) found.push(line);
        if (found.length === limit) break;
      }
      if (rows.length < CHAT_SCAN_BATCH) break;
      scanned += rows.length;
      before = Number(rows[rows.length - 1]!.id);
    }
    return found.reverse();
  }

  /** The highest sequence number logged for the session (0 when none). */
  async lastSessionSeq(sessionId: string): Promise<number> {
    const row = await this.db.selectFrom("interactions").select((eb) => eb.fn.max("seq").as("seq")).where("session_id", "=", sessionId).executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  // Growth (docs/growth.md) -------------------------------------------------------------------------------

  /**
   * The session's log rows after row `afterId`, in row order, at most `limit`: what the growth rules fold. A detail
   * that does not parse (a hand edit) comes as null, never as a throw: the rules skip what they cannot read, and one
   * bad row must not stop a session's tree or a member's profile. One range scan (interactions_session_row).
   */
  async interactionRows(sessionId: string, afterId: number, limit: number): Promise<LogRow[]> {
    const rows = await this.db
      .selectFrom("interactions")
      .select(["id", "session_id", "member_id", "at", "seq", "kind", "detail"])
      .where("session_id", "=", sessionId)
      .where("id", ">", afterId)
      .orderBy("id")
      .limit(Math.max(0, Math.floor(limit)))
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      sessionId: row.session_id,
      memberId: row.member_id,
      at: Number(row.at),
      seq: row.seq === null ? null : Number(row.seq),
      kind: row.kind,
      detail: parseDetail(row.detail),
    }));
  }

  /**
   * The sessions the member was present in (joined at least once) that started at or after `since`, with their
   * event, oldest first. One query: presence by member (presence_member), then sessions and events by key.
   */
  async memberSessions(memberId: string, since: number): Promise<MemberSessionRecord[]> {
    const rows = await this.db
      .selectFrom("sessions")
      .innerJoin("events", "events.id", "sessions.event_id")
      .select(["sessions.id", "sessions.event_id", "sessions.started_at", "sessions.ended_at", "events.slug", "events.title"])
      .where("sessions.started_at", ">=", since)
      .where((eb) => eb.exists(eb.selectFrom("presence").select("presence.id").whereRef("presence.session_id", "=", "sessions.id").where("presence.member_id", "=", memberId)))
      .orderBy("sessions.started_at")
      .orderBy("sessions.id")
      .execute();
    return rows.map((row) => ({
      sessionId: row.id,
      eventId: row.event_id,
      eventSlug: row.slug,
      eventTitle: row.title,
      startedAt: Number(row.started_at),
      endedAt: row.ended_at === null ? null : Number(row.ended_at),
    }));
  }

  /** The event's sessions' ids, oldest first (ties by id, so the order is the same on every read). */
  async eventSessionIds(eventId: string): Promise<string[]> {
    const rows = await this.db.selectFrom("sessions").select("id").where("event_id", "=", eventId).orderBy("started_at").orderBy("id").execute();
    return rows.map((row) => row.id);
  }

  /**
   * Records that the member reached `tier` (in that event's session, at `at`), once per member and tier: a later call
   * for the same pair keeps the first. True when this call recorded it.
   */
  async recordPromotion(input: { memberId: string; tier: Tier; eventId: string; sessionId: string; at: number }): Promise<boolean> {
    const inserted = await this.db
      .insertInto("tier_promotions")
      .values({ member_id: input.memberId, tier: input.tier, event_id: input.eventId, session_id: input.sessionId, at: input.at })
      .onConflict((oc) => oc.columns(["member_id", "tier"]).doNothing())
      .returning("member_id")
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /** The first member to become an evangelist in one of the event's sessions (ties by member id), or undefined. */
  async firstEvangelist(eventId: string): Promise<{ memberId: string; sessionId: string; at: number } | undefined> {
    const row = await this.db
      .selectFrom("tier_promotions")
      .select(["member_id", "session_id", "at"])
      .where("event_id", "=", eventId)
      .where("tier", "=", "evangelist")
      .orderBy("at")
      .orderBy("member_id")
      .limit(1)
      .executeTakeFirst();
    return row && { memberId: row.member_id, sessionId: row.session_id, at: Number(row.at) };
  }

  /**
   * Keeps a minted collectible, once per (session, rule): a second mint of the same pair (a restart settling a session
   * another process closed, two closes racing) keeps the first and returns it. Returns the stored one and whether
   * this call inserted it.
   */
  async insertCollectible(collectible: StoredCollectible): Promise<{ collectible: StoredCollectible; inserted: boolean }> {
    const inserted = await this.db
      .insertInto("collectibles")
      .values({
        id: collectible.id,
        member_id: collectible.memberId,
        session_id: collectible.sessionId,
        event_id: collectible.eventId,
        rule: collectible.rule,
        record: collectible.record,
        signature: collectible.signature,
        minted_at: collectible.mintedAt,
      })
      .onConflict((oc) => oc.columns(["session_id", "rule"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) return { collectible, inserted: true };
    const row = await this.db
      .selectFrom("collectibles")
      .select(COLLECTIBLE_COLUMNS)
      .where("session_id", "=", collectible.sessionId)
      .where("rule", "=", collectible.rule)
      .executeTakeFirst();
    if (!row) throw new Error("a collectible conflicted but none is stored for its session and rule");
    return { collectible: collectibleFromRow(row), inserted: false };
  }

  async getCollectible(id: string): Promise<StoredCollectible | undefined> {
    const row = await this.db.selectFrom("collectibles").select(COLLECTIBLE_COLUMNS).where("id", "=", id).executeTakeFirst();
    return row && collectibleFromRow(row);
  }

  /** The member's collectibles, oldest first. */
  async memberCollectibles(memberId: string): Promise<StoredCollectible[]> {
    const rows = await this.db.selectFrom("collectibles").select(COLLECTIBLE_COLUMNS).where("member_id", "=", memberId).orderBy("minted_at").orderBy("id").execute();
    return rows.map(collectibleFromRow);
  }

  /** The session's collectibles, by mint time then rule. */
  async sessionCollectibles(sessionId: string): Promise<StoredCollectible[]> {
    const rows = await this.db.selectFrom("collectibles").select(COLLECTIBLE_COLUMNS).where("session_id", "=", sessionId).orderBy("minted_at").orderBy("rule").execute();
    return rows.map(collectibleFromRow);
  }

  // Hunts (docs/hunts.md) ----------------------------------------------------------------------------------

  /** The event's hunt, or undefined when it has none. */
  async getHunt(eventId: string): Promise<Hunt | undefined> {
    const row = await this.db.selectFrom("hunts").select(["id", "event_id", "definition"]).where("event_id", "=", eventId).executeTakeFirst();
    return row && huntFromRow(row);
  }

  async getHuntById(huntId: string): Promise<Hunt | undefined> {
    const row = await this.db.selectFrom("hunts").select(["id", "event_id", "definition"]).where("id", "=", huntId).executeTakeFirst();
    return row && huntFromRow(row);
  }

  /**
   * Creates or replaces the event's hunt (one per event). The stored hunt keeps its id: a hunt saved under another
   * id for an event that has one already replaces its definition but not its id, and that stored hunt is returned.
   */
  async saveHunt(hunt: Hunt, now: number): Promise<Hunt> {
    const { eventId, ...definition } = hunt;
    await this.db
      .insertInto("hunts")
      .values({ id: hunt.id, event_id: eventId, definition: JSON.stringify(definition), updated_at: now })
      .onConflict((oc) => oc.column("event_id").doUpdateSet({ definition: JSON.stringify(definition), updated_at: now }))
      .execute();
    const stored = await this.getHunt(eventId);
    if (!stored) throw new Error("no hunt after saving one");
    return stored;
  }

  /**
   * Changes the event's hunt in one transaction: `change` gets the stored hunt (undefined when none) and says what to
   * keep (`hunt`, or null to keep nothing) and what to answer. On PostgreSQL the hunt's row is locked (FOR UPDATE)
   * and SQLite runs one transaction at a time, so a rotation and a save racing each other cannot undo one another
   * (a save never brings back a version a rotation retired).
   */
  async updateHunt<R>(eventId: string, now: number, change: (current: Hunt | undefined) => { hunt: Hunt | null; result: R }): Promise<R> {
    return this.db.transaction().execute(async (trx) => {
      let query = trx.selectFrom("hunts").select(["id", "event_id", "definition"]).where("event_id", "=", eventId);
      if (this.dialect === "postgres") query = query.forUpdate();
      const row = await query.executeTakeFirst();
      const { hunt, result } = change(row && huntFromRow(row));
      if (hunt === null) return result;
      const { eventId: _eventId, ...definition } = hunt;
      await trx
        .insertInto("hunts")
        .values({ id: hunt.id, event_id: eventId, definition: JSON.stringify({ ...definition, id: row?.id ?? hunt.id }), updated_at: now })
        .onConflict((oc) => oc.column("event_id").doUpdateSet({ definition: JSON.stringify({ ...definition, id: row?.id ?? hunt.id }), updated_at: now }))
        .execute();
      return result;
    });
  }

  /** The hunt's claims (of one claimer when given), oldest first. */
  async huntClaims(huntId: string, claimer?: string): Promise<StoredClaim[]> {
    let query = this.db.selectFrom("hunt_claims").select(CLAIM_COLUMNS).where("hunt_id", "=", huntId);
    if (claimer !== undefined) query = query.where("claimer", "=", claimer);
    const rows = await query.orderBy("id").execute();
    return rows.map(claimFromRow);
  }

  /**
   * A claim credited at once (a scene clue, a plain real clue): inserted `found` unless the claimer has this clue
   * already. True only for the call whose row went in, so of two racing claims exactly one is credited.
   */
  async insertFoundClaim(input: ClaimInput): Promise<boolean> {
    const inserted = await this.db
      .insertInto("hunt_claims")
      .values({
        hunt_id: input.huntId,
        clue_id: input.clueId,
        claimer: input.claimer,
        member_id: input.memberId,
        status: "found",
        revealed_at: input.at,
        found_at: input.at,
        channel: input.channel,
        task_id: input.taskId,
        session_id: input.sessionId,
      })
      .onConflict((oc) => oc.columns(["hunt_id", "clue_id", "claimer"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /**
   * A claim opened with something left to do (a riddle, a blind box's task): inserted `revealed` unless the claimer
   * has this clue already. Returns the stored claim (this one or the earlier) and whether this call inserted it.
   */
  async revealClaim(input: ClaimInput): Promise<{ claim: StoredClaim; inserted: boolean }> {
    const inserted = await this.db
      .insertInto("hunt_claims")
      .values({
        hunt_id: input.huntId,
        clue_id: input.clueId,
        claimer: input.claimer,
        member_id: input.memberId,
        status: "revealed",
        revealed_at: input.at,
        found_at: null,
        channel: input.channel,
        task_id: input.taskId,
        session_id: input.sessionId,
      })
      .onConflict((oc) => oc.columns(["hunt_id", "clue_id", "claimer"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    const row = await this.db
      .selectFrom("hunt_claims")
      .select(CLAIM_COLUMNS)
      .where("hunt_id", "=", input.huntId)
      .where("clue_id", "=", input.clueId)
      .where("claimer", "=", input.claimer)
      .executeTakeFirst();
    if (!row) throw new Error("a claim conflicted but none is stored for its clue and claimer");
    return { claim: claimFromRow(row), inserted: inserted !== undefined };
  }

  /**
   * Credits a revealed claim: `found` at `now`, by `memberId`, logged to `sessionId`. True only for the call that
   * changed it (the update's WHERE wants it still `revealed`), so two racing answers credit once.
   */
  async markFound(input: { huntId: string; clueId: string; claimer: string; memberId: string; now: number; sessionId: string | null }): Promise<boolean> {
    const [result] = await this.db
      .updateTable("hunt_claims")
      .set({ status: "found", found_at: input.now, member_id: input.memberId, session_id: input.sessionId })
      .where("hunt_id", "=", input.huntId)
      .where("clue_id", "=", input.clueId)
      .where("claimer", "=", input.claimer)
      .where("status", "=", "revealed")
      .execute();
    return Number(result?.numUpdatedRows ?? 0) > 0;
  }

  /** Records the claimer's completion once (a second call for the same claimer keeps the first). True when this call recorded it. */
  async recordCompletion(input: { huntId: string; claimer: string; at: number; durationMs: number }): Promise<boolean> {
    const inserted = await this.db
      .insertInto("hunt_completions")
      .values({ hunt_id: input.huntId, claimer: input.claimer, at: input.at, duration_ms: input.durationMs })
      .onConflict((oc) => oc.columns(["hunt_id", "claimer"]).doNothing())
      .returning("seq")
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /** The hunt's completions in order of insertion. */
  async huntCompletions(huntId: string): Promise<StoredCompletion[]> {
    const rows = await this.db.selectFrom("hunt_completions").select(["claimer", "at", "duration_ms", "seq"]).where("hunt_id", "=", huntId).orderBy("seq").execute();
    return rows.map((row) => ({ claimer: row.claimer, at: Number(row.at), durationMs: Number(row.duration_ms), seq: Number(row.seq) }));
  }

  /** The member's team in the hunt and when they joined it, or undefined. */
  async teamMembership(huntId: string, memberId: string): Promise<{ team: string; joinedAt: number } | undefined> {
    const row = await this.db.selectFrom("hunt_teams").select(["team", "joined_at"]).where("hunt_id", "=", huntId).where("member_id", "=", memberId).executeTakeFirst();
    return row && { team: row.team, joinedAt: Number(row.joined_at) };
  }

  async teamOf(huntId: string, memberId: string): Promise<string | null> {
    return (await this.teamMembership(huntId, memberId))?.team ?? null;
  }

  /**
   * Puts the member in `team` (joined at `now`). A member already in another team moves only when `currentClaimer`
   * (their current team's claimer) has no claim opened or found since they joined it: the check is in the update's WHERE, so a
   * claim racing the switch cannot slip past it. Returns "joined", "same" (already in it) or "locked".
   */
  async joinTeam(input: { huntId: string; memberId: string; team: string; now: number; currentClaimer: (team: string) => string }): Promise<"joined" | "same" | "locked"> {
    const inserted = await this.db
      .insertInto("hunt_teams")
      .values({ hunt_id: input.huntId, member_id: input.memberId, team: input.team, joined_at: input.now })
      .onConflict((oc) => oc.columns(["hunt_id", "member_id"]).doNothing())
      .returning("member_id")
      .executeTakeFirst();
    if (inserted) return "joined";
    const current = await this.teamMembership(input.huntId, input.memberId);
    if (!current) return "locked";
    if (current.team === input.team) return "same";
    const [result] = await this.db
      .updateTable("hunt_teams")
      .set({ team: input.team, joined_at: input.now })
      .where("hunt_id", "=", input.huntId)
      .where("member_id", "=", input.memberId)
      .where("team", "=", current.team)
      .where("joined_at", "=", current.joinedAt)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("hunt_claims")
              .select("hunt_claims.id")
              .where("hunt_claims.hunt_id", "=", input.huntId)
              .where("hunt_claims.claimer", "=", input.currentClaimer(current.team))
              // Opened or found while they were in it: a find made on a claim a teammate opened before they joined counts too.
              .where((claim) => claim.or([claim("hunt_claims.revealed_at", ">=", current.joinedAt), claim("hunt_claims.found_at", ">=", current.joinedAt)])),
          ),
        ),
      )
      .execute();
    return Number(result?.numUpdatedRows ?? 0) > 0 ? "joined" : "locked";
  }

  /** The members in the team, by when they joined. */
  async teamMembers(huntId: string, team: string): Promise<string[]> {
    const rows = await this.db.selectFrom("hunt_teams").select("member_id").where("hunt_id", "=", huntId).where("team", "=", team).orderBy("joined_at").orderBy("member_id").execute();
    return rows.map((row) => row.member_id);
  }

  /** Members' current names by id (ids that name nobody are left out). */
  async memberNames(ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    if (ids.length === 0) return names;
    const rows = await this.db.selectFrom("members").select(["id", "name"]).where("id", "in", [...new Set(ids)]).execute();
    for (const row of rows) names.set(row.id, row.name);
    return names;
  }

  /**
   * Issues the member's voucher for a clue, at most `stock` for the clue in all and one per member: the member's
   * existing voucher when they have one, "outOfStock" when the clue's are all given. One transaction that counts
   * before it inserts; on PostgreSQL it locks the hunt's row first (FOR UPDATE), so racing scans queue and the stock
   * holds; SQLite runs one transaction at a time on its connection.
   */
  async issueVoucher(input: { id: string; huntId: string; clueId: string; partnerId: string; memberId: string; text: string; issuedAt: number; stock: number }): Promise<StoredVoucher | "outOfStock"> {
    return this.db.transaction().execute(async (trx) => {
      if (this.dialect === "postgres") await trx.selectFrom("hunts").select("id").where("id", "=", input.huntId).forUpdate().execute();
      const existing = await trx
        .selectFrom("hunt_vouchers")
        .select(VOUCHER_COLUMNS)
        .where("hunt_id", "=", input.huntId)
        .where("clue_id", "=", input.clueId)
        .where("member_id", "=", input.memberId)
        .executeTakeFirst();
      if (existing) return voucherFromRow(existing);
      const count = await trx
        .selectFrom("hunt_vouchers")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("hunt_id", "=", input.huntId)
        .where("clue_id", "=", input.clueId)
        .executeTakeFirst();
      if (Number(count?.n ?? 0) >= input.stock) return "outOfStock";
      const voucher: StoredVoucher = { id: input.id, huntId: input.huntId, clueId: input.clueId, partnerId: input.partnerId, memberId: input.memberId, text: input.text, issuedAt: input.issuedAt, redeemedAt: null };
      await trx
        .insertInto("hunt_vouchers")
        .values({ id: voucher.id, hunt_id: voucher.huntId, clue_id: voucher.clueId, partner_id: voucher.partnerId, member_id: voucher.memberId, text: voucher.text, issued_at: voucher.issuedAt, redeemed_at: null })
        .execute();
      return voucher;
    });
  }

  async voucherById(id: string): Promise<StoredVoucher | undefined> {
    const row = await this.db.selectFrom("hunt_vouchers").select(VOUCHER_COLUMNS).where("id", "=", id).executeTakeFirst();
    return row && voucherFromRow(row);
  }

  /** Marks the voucher used at `now`, once: true only for the call that did (the WHERE wants it unused). */
  async redeemVoucher(id: string, now: number): Promise<boolean> {
    const [result] = await this.db.updateTable("hunt_vouchers").set({ redeemed_at: now }).where("id", "=", id).where("redeemed_at", "is", null).execute();
    return Number(result?.numUpdatedRows ?? 0) > 0;
  }

  /** The member's vouchers in the hunt, oldest first. */
  async memberVouchers(huntId: string, memberId: string): Promise<StoredVoucher[]> {
    const rows = await this.db.selectFrom("hunt_vouchers").select(VOUCHER_COLUMNS).where("hunt_id", "=", huntId).where("member_id", "=", memberId).orderBy("issued_at").orderBy("id").execute();
    return rows.map(voucherFromRow);
  }

  /** Per clue id (only clues with a claim or a voucher): claims opened and found, vouchers issued and redeemed; and completions. */
  async huntCounts(huntId: string): Promise<{ clues: Record<string, HuntClueCounts>; completions: number }> {
    // A Map, not an object: a clue id may be any word ("__proto__", "constructor"), and an object's index would reach its prototype.
    const clues = new Map<string, HuntClueCounts>();
    const entry = (clueId: string): HuntClueCounts => {
      const counts = clues.get(clueId) ?? { revealed: 0, found: 0, vouchersIssued: 0, vouchersRedeemed: 0 };
      clues.set(clueId, counts);
      return counts;
    };
    const claims = await this.db
      .selectFrom("hunt_claims")
      .select(["clue_id", "status", (eb) => eb.fn.countAll().as("n")])
      .where("hunt_id", "=", huntId)
      .groupBy(["clue_id", "status"])
      .execute();
    for (const row of claims) {
      const counts = entry(row.clue_id);
      counts.revealed += Number(row.n);
      if (row.status === "found") counts.found += Number(row.n);
    }
    const vouchers = await this.db
      .selectFrom("hunt_vouchers")
      .select(["clue_id", (eb) => eb.fn.countAll().as("issued"), (eb) => eb.fn.count("redeemed_at").as("redeemed")])
      .where("hunt_id", "=", huntId)
      .groupBy("clue_id")
      .execute();
    for (const row of vouchers) {
      const counts = entry(row.clue_id);
      counts.vouchersIssued = Number(row.issued);
      counts.vouchersRedeemed = Number(row.redeemed);
    }
    const completed = await this.db.selectFrom("hunt_completions").select((eb) => eb.fn.countAll().as("n")).where("hunt_id", "=", huntId).executeTakeFirst();
    // fromEntries defines own properties, so even "__proto__" is a plain key of the answer.
    return { clues: Object.fromEntries(clues), completions: Number(completed?.n ?? 0) };
  }

  /**
   * Whether the member logged anything in one of the event's sessions at or after `since`: of the given kinds, or of
   * any kind but those `except` names (a blind box's salon task must not count the hunt's own rows). One EXISTS.
   */
  async memberActedSince(eventId: string, memberId: string, since: number, kinds: readonly string[] | { except: readonly string[] }): Promise<boolean> {
    let inner = this.db
      .selectFrom("interactions")
      .innerJoin("sessions", "sessions.id", "interactions.session_id")
      .select("interactions.id")
      .where("sessions.event_id", "=", eventId)
      .where("interactions.member_id", "=", memberId)
      .where("interactions.at", ">=", since);
    if (Array.isArray(kinds)) {
      if (kinds.length === 0) return false;
      inner = inner.where("interactions.kind", "in", [...kinds]);
    } else {
      const except = (kinds as { except: readonly string[] }).except;
      if (except.length > 0) inner = inner.where("interactions.kind", "not in", [...except]);
    }
    const row = await inner.limit(1).executeTakeFirst();
    return row !== undefined;
  }

  // Statistics (docs/statistics.md) -------------------------------------------------------------------------

  /**
   * The session's members who were present in any session (of any event) that started before it: one query, each
   * member's earlier presence found by presence_member and its session by key.
   */
  async returningMembers(sessionId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom("presence as here")
      .innerJoin("sessions as this_session", "this_session.id", "here.session_id")
      .select("here.member_id")
      .distinct()
      .where("here.session_id", "=", sessionId)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("presence as before")
            .innerJoin("sessions as earlier", "earlier.id", "before.session_id")
            .select("before.id")
            .whereRef("before.member_id", "=", "here.member_id")
            .whereRef("earlier.started_at", "<", "this_session.started_at"),
        ),
      )
      .execute();
    return new Set(rows.map((row) => row.member_id));
  }

  /** The names of the members present in the session (as stored now), by member id. */
  async sessionMemberNames(sessionId: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom("members")
      .select(["members.id", "members.name"])
      .where((eb) => eb.exists(eb.selectFrom("presence").select("presence.id").whereRef("presence.member_id", "=", "members.id").where("presence.session_id", "=", sessionId)))
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Collectibles minted for the session, and the first tier promotions recorded in it, per tier. */
  async sessionGrowthCounts(sessionId: string): Promise<{ collectibles: number; promotions: Partial<Record<Tier, number>> }> {
    const minted = await this.db.selectFrom("collectibles").select((eb) => eb.fn.countAll<number>().as("count")).where("session_id", "=", sessionId).executeTakeFirst();
    const rows = await this.db
      .selectFrom("tier_promotions")
      .select(["tier", (eb) => eb.fn.countAll<number>().as("count")])
      .where("session_id", "=", sessionId)
      .groupBy("tier")
      .execute();
    const promotions: Partial<Record<Tier, number>> = {};
    for (const row of rows) if ((TIERS as readonly string[]).includes(row.tier)) promotions[row.tier as Tier] = Number(row.count);
    return { collectibles: Number(minted?.count ?? 0), promotions };
  }

  /**
   * The event's hunt as a session's funnel reads it (null when the event has none): its clues, the claims logged to
   * the session, the completions and vouchers within [from, to].
   */
  async sessionHunt(eventId: string, sessionId: string, from: number, to: number): Promise<SessionHuntRows | null> {
    const hunt = await this.getHunt(eventId);
    if (!hunt) return null;
    const claims = await this.db
      .selectFrom("hunt_claims")
      .select(["clue_id", "claimer", "status", "revealed_at", "found_at"])
      .where("hunt_id", "=", hunt.id)
      .where("session_id", "=", sessionId)
      .orderBy("id")
      .execute();
    const vouchers = await this.db
      .selectFrom("hunt_vouchers")
      .select(["clue_id", "issued_at", "redeemed_at"])
      .where("hunt_id", "=", hunt.id)
      .where("issued_at", ">=", from)
      .where("issued_at", "<=", to)
      .orderBy("issued_at")
      .execute();
    const completions = await this.db
      .selectFrom("hunt_completions")
      .select(["claimer", "at"])
      .where("hunt_id", "=", hunt.id)
      .where("at", ">=", from)
      .where("at", "<=", to)
      .orderBy("seq")
      .execute();
    return {
      huntId: hunt.id,
      clues: hunt.clues.map((clue) => ({ id: clue.id, name: clue.name, kind: clue.where.kind === "real" ? "real" : "venue", place: clue.where.kind === "real" ? clue.where.place : null })),
      claims: claims.map((row) => ({
        clueId: row.clue_id,
        claimer: row.claimer,
        status: row.status === "found" ? "found" : "revealed",
        revealedAt: Number(row.revealed_at),
        foundAt: row.found_at === null ? null : Number(row.found_at),
      })),
      vouchers: vouchers.map((row) => ({ clueId: row.clue_id, issuedAt: Number(row.issued_at), redeemedAt: row.redeemed_at === null ? null : Number(row.redeemed_at) })),
      completions: completions.map((row) => ({ claimer: row.claimer, at: Number(row.at) })),
    };
  }

  /** The session's stored rollup (parsed JSON, as putRollup wrote it), or undefined; one whose JSON does not parse (a hand edit) reads as none, so it is made again. */
  async getRollup(sessionId: string): Promise<StoredRollup | undefined> {
    const row = await this.db.selectFrom("session_reports").selectAll().where("session_id", "=", sessionId).executeTakeFirst();
    return row && rollupFromRow(row);
  }

  /** Keeps the session's rollup, replacing any older one. */
  async putRollup(sessionId: string, rollup: { version: number; report: unknown; members: unknown }, now: number): Promise<void> {
    const values = { version: rollup.version, report: JSON.stringify(rollup.report), members: JSON.stringify(rollup.members), computed_at: now };
    await this.db
      .insertInto("session_reports")
      .values({ session_id: sessionId, ...values })
      .onConflict((oc) => oc.column("session_id").doUpdateSet(values))
      .execute();
  }

  /** The event's statistics settings as stored (thresholds as parsed JSON, for the service to check), or undefined when never set. */
  async getStatsSettings(eventId: string): Promise<{ thresholds: unknown; webhookUrl: string } | undefined> {
    const row = await this.db.selectFrom("stats_settings").select(["thresholds", "webhook_url"]).where("event_id", "=", eventId).executeTakeFirst();
    return row && { thresholds: parseDetail(row.thresholds), webhookUrl: row.webhook_url };
  }

  async putStatsSettings(eventId: string, settings: { thresholds: unknown; webhookUrl: string }): Promise<void> {
    const values = { thresholds: JSON.stringify(settings.thresholds), webhook_url: settings.webhookUrl };
    await this.db
      .insertInto("stats_settings")
      .values({ event_id: eventId, ...values })
      .onConflict((oc) => oc.column("event_id").doUpdateSet(values))
      .execute();
  }

  /** Claims the alert of (session, indicator): true for the one call that recorded it, false ever after (the primary key decides races). */
  async claimHealthAlert(sessionId: string, indicator: string, now: number): Promise<boolean> {
    const inserted = await this.db
      .insertInto("health_alerts")
      .values({ session_id: sessionId, indicator, sent_at: now })
      .onConflict((oc) => oc.columns(["session_id", "indicator"]).doNothing())
      .returning("session_id")
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /**
   * The sessions of an event (or, `eventId` null, of every event), oldest first (ties by id), each with its event
   * and its stored rollup (null when none was made): one query, sessions by sessions_event or sessions_started.
   * `withMembers` false leaves the member rows out (read as []): the lists and health need only the reports, and a
   * large session's member rows are most of its rollup.
   */
  async sessionsWithRollups(eventId: string | null, withMembers = true): Promise<SessionWithRollup[]> {
    let query = this.db
      .selectFrom("sessions")
      .innerJoin("events", "events.id", "sessions.event_id")
      .leftJoin("session_reports", "session_reports.session_id", "sessions.id")
      .select([
        "sessions.id",
        "sessions.event_id",
        "sessions.started_at",
        "sessions.ended_at",
        "events.slug",
        "events.title",
        "session_reports.version",
        "session_reports.report",
        withMembers ? "session_reports.members" : sql<string | null>`case when session_reports.report is null then null else '[]' end`.as("members"),
        "session_reports.computed_at",
      ]);
    if (eventId !== null) query = query.where("sessions.event_id", "=", eventId);
    const rows = await query.orderBy("sessions.started_at").orderBy("sessions.id").execute();
    return rows.map((row) => ({
      session: { id: row.id, eventId: row.event_id, startedAt: Number(row.started_at), endedAt: row.ended_at === null ? null : Number(row.ended_at) },
      eventSlug: row.slug,
      eventTitle: row.title,
      rollup:
        row.version === null || row.report === null || row.members === null || row.computed_at === null
          ? null
          : (rollupFromRow({ version: row.version, report: row.report, members: row.members, computed_at: row.computed_at }) ?? null),
    }));
  }

  /**
   * The sessions of the event (or, null, of every event), oldest first, with the version and time of their stored rollup
   * but none of its JSON: the statistics service keeps parsed rollups of ended sessions, which never change, and reads
   * only the ones it does not hold yet (getRollupReport, getRollup).
   */
  async sessionsIndex(eventId: string | null): Promise<SessionIndexEntry[]> {
    let query = this.db
      .selectFrom("sessions")
      .innerJoin("events", "events.id", "sessions.event_id")
      .leftJoin("session_reports", "session_reports.session_id", "sessions.id")
      .select(["sessions.id", "sessions.event_id", "sessions.started_at", "sessions.ended_at", "events.slug", "events.title", "session_reports.version", "session_reports.computed_at"]);
    if (eventId !== null) query = query.where("sessions.event_id", "=", eventId);
    const rows = await query.orderBy("sessions.started_at").orderBy("sessions.id").execute();
    return rows.map((row) => ({
      session: { id: row.id, eventId: row.event_id, startedAt: Number(row.started_at), endedAt: row.ended_at === null ? null : Number(row.ended_at) },
      eventSlug: row.slug,
      eventTitle: row.title,
      rollupVersion: row.version === null ? null : Number(row.version),
      computedAt: row.computed_at === null ? null : Number(row.computed_at),
    }));
  }

  /** The stored rollup's version and time, without its JSON (null when the session has none): whether a parsed copy is still the stored one. */
  async rollupStamp(sessionId: string): Promise<{ version: number; computedAt: number } | null> {
    const row = await this.db.selectFrom("session_reports").select(["version", "computed_at"]).where("session_id", "=", sessionId).executeTakeFirst();
    return row ? { version: Number(row.version), computedAt: Number(row.computed_at) } : null;
  }

  /** The session's stored report without its member rows (the larger part of a big session's rollup); undefined when none or unreadable. */
  async getRollupReport(sessionId: string): Promise<StoredRollup | undefined> {
    const row = await this.db.selectFrom("session_reports").select(["version", "report", "computed_at"]).where("session_id", "=", sessionId).executeTakeFirst();
    return row && rollupFromRow({ ...row, members: "[]" });
  }

  /** First tier promotions, of the event's sessions or (null) of all, oldest first. */
  async tierPromotions(eventId: string | null): Promise<StoredPromotion[]> {
    let query = this.db.selectFrom("tier_promotions").select(["member_id", "tier", "event_id", "session_id", "at"]);
    if (eventId !== null) query = query.where("event_id", "=", eventId);
    const rows = await query.orderBy("at").orderBy("member_id").execute();
    return rows
      .filter((row) => (TIERS as readonly string[]).includes(row.tier))
      .map((row) => ({ memberId: row.member_id, tier: row.tier as Tier, eventId: row.event_id, sessionId: row.session_id, at: Number(row.at) }));
  }

  private parseInteraction(row: { id: number; session_id: string; member_id: string; kind: string; at: number; points: number; detail: string; seq: number | null }): Interaction {
    let detail: unknown;
    try {
      detail = JSON.parse(row.detail);
    } catch {
      throw new CorruptInteractionError(Number(row.id));
    }
    const entry = InteractionEntry.safeParse({ kind: row.kind, detail });
    if (!entry.success) throw new CorruptInteractionError(Number(row.id));
    return {
      ...entry.data,
      id: Number(row.id),
      sessionId: row.session_id,
      memberId: row.member_id,
      at: Number(row.at),
      points: Number(row.points),
      seq: row.seq === null ? null : Number(row.seq),
    };
  }
}
