import type { KeyObject } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import { dirname } from "node:path";
import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { LocalPresence, Server } from "@colyseus/core";
import { Encoder } from "@colyseus/schema";
import "./wsCompat.js";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { VenueRoom } from "./rooms/VenueRoom.js";
import { DEFAULT_RESUME_WINDOW_MS, SessionHub } from "./session/SessionHub.js";
import { createHttpApp } from "./http/routes.js";
import { Store } from "./store/index.js";
import { JoinGuard, type JoinLimits } from "./joinGuard.js";
import { HostTokens } from "./auth/hostTokens.js";
import { loadSecrets } from "./auth/secrets.js";
import { loadOrCreateCollectibleKey } from "./growth/signing.js";
import { mintSession } from "./growth/mint.js";
import { createHuntService } from "./hunt/HuntService.js";
import type { Hunts } from "./hunt/service.js";
import { loadOrCreateHuntKey } from "./hunt/tokens.js";
import { createStatsService } from "./stats/StatsService.js";
import { hostLinkPath } from "../shared/protocol/index.js";
import { countRefusalsWith, createMetrics } from "./metrics.js";
import { checkMetricsToken } from "./http/metrics.js";
import type { VoiceConfig } from "./voice/config.js";
import { createVoiceService, type VoiceService } from "./voice/VoiceService.js";

export interface GroveOptions {
  port?: number;
  host?: string;
  databaseUrl?: string | undefined;
  sqlitePath?: string;
  clientDir?: string;
  /** How long a session a restart left open waits for its members to come back (default 10 minutes). */
  resumeWindowMs?: number;
  /** Clock and randomness for the rooms; tests pass their own. */
  now?: () => number;
  random?: () => number;
  /** Register SIGINT/SIGTERM handlers that shut down cleanly (the CLI does; tests do not). */
  handleSignals?: boolean;
  quiet?: boolean;
  /** Join budgets per address and per member (tests that join many times from one address raise them). */
  joinLimits?: JoinLimits;
  /** Other origins allowed to call the join endpoint (GROVE_ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** Who may frame the venue (GROVE_FRAME_ANCESTORS); only Grove's own origin by default. */
  frameAncestors?: readonly string[];
  /** Serve the client's source maps (GROVE_SOURCE_MAPS=1). */
  serveSourceMaps?: boolean;
  /** Express' "trust proxy" (GROVE_TRUST_PROXY), so limits see the real address behind a proxy. */
  trustProxy?: boolean | number | string;
  /** Where grove-secrets.json lives: the SQLite file's folder by default, else ./data. */
  dataDir?: string;
  /** The operator token (GROVE_ADMIN_TOKEN), in place of the stored one. */
  operatorToken?: string;
  /** Key material for host links (GROVE_SECRET), in place of the stored key. */
  secret?: string;
  /** What `Authorization: Bearer …` must carry on GET /metrics (GROVE_METRICS_TOKEN); unset, /metrics is open. */
  metricsToken?: string;
  /**
   * Stage voice (docs/voice.md): how to reach Janus (the CLI reads it from the environment: voiceConfigFromEnv).
   * Absent, the server runs without voice, as most tests do.
   */
  voice?: VoiceConfig;
}

export interface Grove {
  url: string;
  port: number;
  store: Store;
  httpServer: HttpServer;
  hostTokens: HostTokens;
  /** What `Authorization: Bearer …` must carry on the operator API (`/api/admin/…`). */
  operatorToken: string;
  /** True when this start made the operator token: the one time it is printed. */
  createdOperatorToken: boolean;
  /** The file the stored operator token and signing key are kept in. */
  secretsFile: string;
  /** The Ed25519 key collectibles are signed with (`<dataDir>/collectibles-ed25519.pem`). */
  collectibleKey: KeyObject;
  /** The hunt service (docs/hunts.md) the rooms and the HTTP routes share; its key is `<dataDir>/hunt-hmac.key`. */
  hunts: Hunts;
  /** Stage voice, when the server was started with it. */
  voice: VoiceService | undefined;
  /** A fresh host link (full URL) for the event with this slug. */
  hostLink(slug: string): Promise<string>;
  stop(): Promise<void>;
}

// Event titles are the operator's words, not UI strings; the demo speaks to both of Grove's audiences.
export const DEMO_EVENT = { slug: "demo", title: "Grove 演示沙龙 · Demo salon" } as const;
const WEBSOCKET_MAX_PAYLOAD_BYTES = 64 * 1024;
/** A full venue (200 members with names and looks) encodes to about 20 KB; schema's 8 KB default would regrow. */
const STATE_BUFFER_BYTES = 64 * 1024;

/** Grove's version, from the nearest package.json named "grove" above this module: server/ under tsx, dist/server/server/ once compiled. */
function packageVersion(): string {
  for (let dir = new URL("./", import.meta.url); ; ) {
    const file = new URL("package.json", dir);
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "grove" && typeof pkg.version === "string") return pkg.version;
    }
    const parent = new URL("../", dir);
    if (parent.href === dir.href) throw new Error(`no package.json named "grove" above ${import.meta.url}`);
    dir = parent;
  }
}

/** Starts Grove: store (migrated), demo event, HTTP routes and the Colyseus server on one port. */
export async function startGrove(options: GroveOptions = {}): Promise<Grove> {
  const now = options.now ?? Date.now;
  const log = options.quiet ? () => {} : (message: string, error?: unknown) => console.error(`[grove] ${message}`, error ?? "");
  // Secrets first: a refused secrets file stops the start before anything is opened.
  const dataDir = options.dataDir ?? (options.sqlitePath && options.sqlitePath !== ":memory:" ? dirname(options.sqlitePath) : "./data");
  const secrets = loadSecrets({ dataDir, env: { GROVE_ADMIN_TOKEN: options.operatorToken, GROVE_SECRET: options.secret } });
  if (options.metricsToken !== undefined) checkMetricsToken(options.metricsToken);
  const hostTokens = new HostTokens(secrets.signingKey, now);
  const collectibleKey = loadOrCreateCollectibleKey(dataDir);
  const huntKey = loadOrCreateHuntKey(dataDir);
  const store = await Store.open({ databaseUrl: options.databaseUrl, ...(options.sqlitePath ? { sqlitePath: options.sqlitePath } : {}) });
  // The statistics' links in webhook alerts point at the server's own URL, known once it listens (sessions settled
  // before that link to the configured host and port).
  let publicUrl = `http://${options.host ?? "localhost"}:${options.port ?? 2567}`;
  const stats = createStatsService({ store, now, log, publicUrl: () => publicUrl });
  // Voice never stops the start: without Janus (or while it starts) the rooms say voice is unavailable and why. Made
  // before sessions can close (the start settles old ones below), so each closing session's Janus room goes too.
  const voice = options.voice ? createVoiceService({ config: options.voice, log }) : undefined;
  await voice?.start();
  // Every session that closes (its last instance gone, idle, or settled after a restart) mints its collectibles, then
  // its statistics are rolled up (after the mint, so the report counts the collectibles) and its health alerts sent. A
  // failure is logged and stops nothing; minting is idempotent per (session, rule), alerts once per (session, indicator).
  store.onSessionClosed(async (sessionId) => {
    try {
      await mintSession(store, collectibleKey, sessionId, now());
    } catch (e) {
      log(`minting the collectibles of session ${sessionId} failed`, e);
    }
    await stats.sessionClosed(sessionId);
    await voice?.sessionClosed(sessionId);
  });
  // Sessions still open at start-up were left by a process that stopped or died: the members inside it leave at its
  // last activity, and a session recent enough stays open for them to come back to. This holds while one process
  // owns all rooms; once several processes share a database (Redis presence), only the owner's may be settled.
  const resumeWindowMs = options.resumeWindowMs ?? DEFAULT_RESUME_WINDOW_MS;
  await store.settleSessionsAfterRestart(now(), resumeWindowMs);
  await store.ensureEvent({ ...DEMO_EVENT, now: now() });

  Encoder.BUFFER_SIZE = STATE_BUFFER_BYTES;
  const joinGuard = new JoinGuard(options.joinLimits);
  const presence = new LocalPresence();
  const sessions = new SessionHub({ store, presence, now, log, resumeWindowMs });
  sessions.startSweeping();
  const hunts = createHuntService({ store, key: huntKey, now, log });
  const metrics = createMetrics({ now, liveSessions: () => sessions.liveCount });
  VenueRoom.services = { store, now, random: options.random ?? Math.random, log, joinGuard, hostTokens, sessions, hunts, metrics, voice };
  countRefusalsWith((code) => metrics.refused(code));
  const app = createHttpApp({
    store,
    version: packageVersion(),
    clientDir: options.clientDir ?? "dist/client",
    joinGuard,
    hostTokens,
    operatorToken: secrets.operatorToken,
    collectibleKey,
    now,
    log,
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    ...(options.frameAncestors ? { frameAncestors: options.frameAncestors } : {}),
    ...(options.serveSourceMaps ? { serveSourceMaps: true } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    wordsChanged: (event) => sessions.operatorWordsSet(event.id, event.words),
    hunts,
    stats,
    metrics,
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
  });
  const httpServer = createServer(app);
  const gameServer = new Server({
    transport: new WebSocketTransport({ server: httpServer, maxPayload: WEBSOCKET_MAX_PAYLOAD_BYTES }),
    greet: false,
    presence,
    gracefullyShutdown: options.handleSignals ?? false,
  });
  gameServer.define("venue", VenueRoom).filterBy(["eventSlug"]);
  // Colyseus put its own matchmaking handler in front of the app; Grove's (in the app) replaces it.
  httpServer.removeAllListeners("request");
  httpServer.on("request", app);
  if (options.handleSignals) gameServer.onShutdown(async () => {
    sessions.stop();
    stopping = true;
    await caughtUp;
    await voice?.stop();
    return store.close();
  });

  await gameServer.listen(options.port ?? 2567, options.host);
  // Ended sessions without a current rollup (a database from before statistics, or a new version of the rules) are
  // rolled up in the background now, so no operator's first view waits for a big session's fold; stopping waits for it.
  let stopping = false;
  const caughtUp = stats.catchUp(() => stopping);
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${options.host ?? "localhost"}:${port}`;
  publicUrl = url;
  return {
    url,
    port,
    store,
    httpServer,
    hostTokens,
    operatorToken: secrets.operatorToken,
    createdOperatorToken: secrets.createdOperatorToken,
    secretsFile: secrets.file,
    collectibleKey,
    hunts,
    voice,
    async hostLink(slug) {
      const event = await store.getEventBySlug(slug);
      if (!event) throw new Error(`no event with the slug "${slug}"`);
      return url + hostLinkPath(slug, hostTokens.issue(event.id).token);
    },
    async stop() {
      sessions.stop();
      stopping = true;
      await caughtUp;
      await gameServer.gracefullyShutdown(false);
      await voice?.stop();
      await store.close();
    },
  };
}

