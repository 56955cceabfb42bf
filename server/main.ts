import { DEMO_EVENT, startGrove } from "./app.js";
import { HOST_TOKEN_TTL_MS } from "./auth/hostTokens.js";
import { voiceConfigFromEnv, type VoiceConfig } from "./voice/config.js";

/** A comma- or space-separated list from the environment. */
function list(value: string | undefined): string[] | undefined {
  const items = value?.split(/[\s,]+/).filter((item) => item.length > 0);
  return items && items.length > 0 ? items : undefined;
}

function trustProxy(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined || value === "") return undefined;
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}

const port = Number(process.env.PORT ?? 2567);
const allowedOrigins = list(process.env.GROVE_ALLOWED_ORIGINS);
const frameAncestors = list(process.env.GROVE_FRAME_ANCESTORS);
const proxy = trustProxy(process.env.GROVE_TRUST_PROXY);
/** GROVE_SESSION_RESUME_MINUTES: how long a session a restart left open waits for its members (default 10). */
const resumeMinutes = Number(process.env.GROVE_SESSION_RESUME_MINUTES);
let voice: VoiceConfig;
try {
  voice = voiceConfigFromEnv(process.env);
} catch (error) {
  console.error(`Grove could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const grove = await startGrove({
  port,
  databaseUrl: process.env.DATABASE_URL,
  sqlitePath: process.env.GROVE_SQLITE_PATH ?? "./data/grove.sqlite",
  handleSignals: true,
  voice,
  ...(allowedOrigins ? { allowedOrigins } : {}),
  ...(frameAncestors ? { frameAncestors } : {}),
  ...(process.env.GROVE_SOURCE_MAPS === "1" ? { serveSourceMaps: true } : {}),
  ...(proxy !== undefined ? { trustProxy: proxy } : {}),
  ...(process.env.GROVE_ADMIN_TOKEN ? { operatorToken: process.env.GROVE_ADMIN_TOKEN } : {}),
  ...(process.env.GROVE_SECRET ? { secret: process.env.GROVE_SECRET } : {}),
  ...(process.env.GROVE_METRICS_TOKEN ? { metricsToken: process.env.GROVE_METRICS_TOKEN } : {}),
  ...(Number.isFinite(resumeMinutes) && resumeMinutes >= 0 && process.env.GROVE_SESSION_RESUME_MINUTES ? { resumeWindowMs: resumeMinutes * 60_000 } : {}),
}).catch((error: unknown) => {
  // A start that cannot go on (a corrupt secrets file, a database it cannot reach, a port in use) says why in
  // one line; the stack helps nobody who runs `npm start`.
  console.error(`Grove could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
console.log(`Grove is running on ${grove.url} (database: ${grove.store.dialect}); the demo event is at ${grove.url}/e/demo`);
console.log(`Host link for the demo (valid ${HOST_TOKEN_TTL_MS / 86_400_000} days; whoever opens it hosts): ${await grove.hostLink(DEMO_EVENT.slug)}`);
// Voice says whether it works, and if not, what to do about it.
const voiceLine: Record<string, string> = {
  ready: `ready (media on UDP ${voice.mediaPorts[0]}-${voice.mediaPorts[1]}${voice.mode === "external" ? `, Janus at ${voice.url ?? ""}` : ", Janus started by Grove"})`,
  notInstalled: "unavailable: Janus is not installed (apt-get install janus, or set JANUS_URL)",
  unreachable: "unavailable: Janus does not answer yet (see the lines above)",
  disabled: "off (GROVE_VOICE=off)",
};
const voiceView = grove.voice?.view("");
console.log(`Stage voice: ${voiceLine[voiceView?.status === "ready" ? "ready" : (voiceView?.reason ?? "disabled")] ?? "unavailable"}`);
// The operator token is printed once, on the start that made it; after that it is only in the secrets file.
if (grove.createdOperatorToken) {
  console.log(`Operator API: ${grove.url}/api/admin/events (Authorization: Bearer <operator token>)`);
  console.log(`Operator token: ${grove.operatorToken}`);
  console.log(`It is shown only this once and stored in ${grove.secretsFile}; GROVE_ADMIN_TOKEN replaces it.`);
}
