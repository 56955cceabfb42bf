/**
 * Server entry of the voice bench: `startGrove` with stage voice (its own spawned Janus, VideoRoom) on a temporary
 * SQLite file, quiet, trusting loopback proxies so that each bot's X-Forwarded-For address gets its own join budget.
 * Tells the orchestrator its port, Janus's pid (whose CPU the orchestrator reads) and a host token per event.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startGrove } from "../../server/app.js";
import { spawnedJanusConfig } from "../../server/voice/config.js";
import type { FromVoiceServer, ToVoiceServer } from "./voiceMessages.js";

const voice = spawnedJanusConfig();
if (!voice) throw new Error("the voice bench needs Janus (apt-get install janus)");
const dir = mkdtempSync(join(tmpdir(), "grove-voice-bench-"));
const grove = await startGrove({ port: 0, host: "127.0.0.1", sqlitePath: join(dir, "grove.sqlite"), quiet: true, trustProxy: "loopback", voice });
const janusPid = grove.voice?.janusProcess?.pid;
if (janusPid === undefined) throw new Error("Grove did not start its Janus");

const reply = (message: FromVoiceServer) => process.send?.(message);
const hostTokens: Record<string, string> = {};
for (const slug of (process.env.BENCH_VOICE_EVENTS ?? "stage").split(",")) {
  const event = await grove.store.ensureEvent({ slug, title: `Bench ${slug}`, capacity: 500, now: Date.now() });
  hostTokens[slug] = grove.hostTokens.issue(event.id).token;
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await grove.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  reply({ type: "stopped" });
  process.exit(0);
}
process.on("message", (message: ToVoiceServer) => {
  if (message.type === "stop") void stop();
});
// The orchestrator gone (a crash, Ctrl-C): Janus goes with this process.
process.on("disconnect", () => void stop());
reply({ type: "ready", port: grove.port, janusPid, hostTokens });
