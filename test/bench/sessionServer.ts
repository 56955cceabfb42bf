/**
 * Server entry of the session bench: `startGrove` of the app named in BENCH_SESSION_SERVER (this checkout's, or
 * the baseline commit's checked out beside it) on a temporary SQLite file, quiet, trusting loopback proxies so that
 * each bot's X-Forwarded-For address gets its own join budget. Answers the orchestrator over IPC.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { FromSessionServer, SessionServerConfig, ToSessionServer } from "./sessionMessages.js";

/** What the bench needs of either version of `server/app.ts`: the baseline has no host tokens. */
interface AppModule {
  DEMO_EVENT: { slug: string; title: string };
  startGrove(options: { port: number; host: string; sqlitePath: string; quiet: boolean; trustProxy: string }): Promise<{
    port: number;
    store: { ensureEvent(input: { slug: string; title: string; capacity: number; now: number }): Promise<{ id: string }> };
    hostTokens?: { issue(eventId: string): { token: string } };
    stop(): Promise<void>;
  }>;
}

const config = JSON.parse(process.env.BENCH_SESSION_SERVER ?? "null") as SessionServerConfig | null;
if (!config) throw new Error("BENCH_SESSION_SERVER is not set");
const app = (await import(pathToFileURL(config.appPath).href)) as AppModule;
// The session layer bumped the protocol version: joiners must send the one of the checkout they join.
const { PROTOCOL_VERSION } = (await import(pathToFileURL(join(dirname(config.appPath), "../shared/protocol/version.ts")).href)) as { PROTOCOL_VERSION: number };
const dir = mkdtempSync(join(tmpdir(), "grove-session-bench-"));
const sqlitePath = join(dir, "grove.sqlite");

const capacityOf = (slug: string) => config.events.find((e) => e.slug === slug)?.capacity ?? 200;
const titleOf = (slug: string) => (slug === app.DEMO_EVENT.slug ? app.DEMO_EVENT.title : `Bench ${slug}`);

function reply(message: FromSessionServer): void {
  process.send?.(message);
}

let prefillMs: number | undefined;
if (config.prefill) {
  // As a previous process would have left it: an open session with its log, in a database this process did not write.
  const { Store } = await import("../../server/store/index.js");
  const { fillSessionLog } = await import("./sessionLog.js");
  const { slug, commands } = config.prefill;
  const store = await Store.open({ sqlitePath });
  const now = Date.now();
  const event = await store.ensureEvent({ slug, title: titleOf(slug), capacity: capacityOf(slug), now });
  const host = await store.createMember({ name: "Bench host", look: { color: "#2e86ab", shape: "round", accessory: "none" }, now });
  const session = await store.openOrResumeSession(event.id, now - commands - 1000);
  prefillMs = await fillSessionLog(store, { sessionId: session.id, memberId: host.id, count: commands, lastAt: now - 1000 });
  await store.close();
}

let commandMs: number[] = [];
if (config.timeCommands) {
  // The same module instance the app's SessionHub uses (one URL under tsx), so the wrapper sees every command.
  // `submit` is the way in: `command` calls it, and the room's features call it directly (for the sequence number).
  const { LiveSession } = await import("../../server/session/LiveSession.js");
  type Session = typeof LiveSession.prototype;
  const submit = LiveSession.prototype.submit;
  LiveSession.prototype.submit = async function timedSubmit(this: Session, ...args: Parameters<Session["submit"]>) {
    const started = performance.now();
    try {
      return await submit.apply(this, args);
    } finally {
      commandMs.push(performance.now() - started);
    }
  };
}

const grove = await app.startGrove({ port: 0, host: "127.0.0.1", sqlitePath, quiet: true, trustProxy: "loopback" });
const hostTokens: Record<string, string> = {};
for (const { slug, capacity } of config.events) {
  const event = await grove.store.ensureEvent({ slug, title: titleOf(slug), capacity, now: Date.now() });
  if (grove.hostTokens) hostTokens[slug] = grove.hostTokens.issue(event.id).token;
}

process.on("message", (message: ToSessionServer) => {
  if (message.type === "commands") {
    reply({ type: "commands", ms: commandMs });
    commandMs = [];
    return;
  }
  const exit = setTimeout(() => process.exit(0), 5000);
  exit.unref();
  void grove.stop().finally(() => {
    rmSync(dir, { recursive: true, force: true });
    reply({ type: "stopped" });
    process.exit(0);
  });
});
// The orchestrator died or the run was interrupted: do not linger holding a port, nor leave the database behind.
const abandon = () => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on("disconnect", abandon);
process.on("SIGINT", abandon);
reply({ type: "ready", port: grove.port, protocolVersion: PROTOCOL_VERSION, hostTokens, ...(prefillMs !== undefined ? { prefillMs } : {}) });
