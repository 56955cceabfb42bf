import { randomBytes } from "node:crypto";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { IceServer } from "../../shared/protocol/index.js";

/**
 * How this server reaches a Janus media server (docs/voice.md):
 * - `spawn`: Grove starts and supervises its own Janus (the `janus` program on PATH, or GROVE_JANUS_BIN) with a
 *   configuration it writes itself: the API on loopback behind a fresh API secret, media on `mediaPorts`;
 * - `external`: Janus runs elsewhere (JANUS_URL, with JANUS_API_SECRET and JANUS_ADMIN_KEY as it was set up);
 * - `missing`: no Janus program and no JANUS_URL: Grove runs without voice and says why;
 * - `off`: GROVE_VOICE=off.
 */
export type VoiceMode = "spawn" | "external" | "missing" | "off";

export interface VoiceConfig {
  mode: VoiceMode;
  /** The Janus program (spawn). */
  binary?: string | undefined;
  /** Janus's WebSocket API (external), e.g. ws://127.0.0.1:8188. */
  url?: string | undefined;
  /** What every Janus API request carries (Janus's `api_secret`). */
  apiSecret: string;
  /** The VideoRoom plugin's `admin_key`: needed to create rooms. */
  adminKey: string;
  /** The UDP ports media may use (Janus's `rtp_port_range`). */
  mediaPorts: readonly [number, number];
  /** The public address Janus advertises behind a 1:1 NAT (Janus's `nat_1_1_mapping`; GROVE_PUBLIC_IP). */
  publicIp?: string | undefined;
  /** The STUN server Janus itself asks for its public address (GROVE_JANUS_STUN, host:port). */
  janusStun?: string | undefined;
  /** ICE servers handed to browsers: STUN and TURN (GROVE_ICE_SERVERS as JSON, or GROVE_TURN_URL + credentials). */
  iceServers: IceServer[];
  /**
   * A TURN server with coturn's shared-secret auth (`use-auth-secret`, GROVE_TURN_URL + GROVE_TURN_SECRET): browsers
   * get credentials that expire (`ttlSeconds`), never the secret, so a member cannot keep using the relay for long.
   */
  turnRest?: { urls: string; secret: string; ttlSeconds: number } | undefined;
  /** A speaker's audio bitrate cap, bits a second (Opus; modest so a phone on a poor network still carries it). */
  bitrate: number;
}

export const DEFAULT_MEDIA_PORTS: readonly [number, number] = [20000, 20999];
export const DEFAULT_VOICE_BITRATE = 32_000;

/** The first executable called `name` on PATH, or null. */
export function findOnPath(name: string, path = process.env.PATH ?? ""): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** "20000-20999" → [20000, 20999]; anything else (reversed, out of range, junk) is an error that names the variable. */
export function parsePortRange(value: string): [number, number] {
  const match = /^(\d{1,5})-(\d{1,5})$/u.exec(value.trim());
  const low = Number(match?.[1]);
  const high = Number(match?.[2]);
  if (!match || low < 1024 || high > 65535 || low > high) throw new Error(`GROVE_MEDIA_PORTS must look like 20000-20999 (got "${value}")`);
  return [low, high];
}

/** The ICE servers browsers get: GROVE_ICE_SERVERS (a JSON list of RTCIceServer) or one TURN server from its parts. */
export function parseIceServers(env: NodeJS.ProcessEnv): IceServer[] {
  if (env.GROVE_ICE_SERVERS) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.GROVE_ICE_SERVERS);
    } catch {
      throw new Error("GROVE_ICE_SERVERS must be a JSON list of ICE servers");
    }
    const servers = IceServer.array().max(8).safeParse(parsed);
    if (!servers.success) throw new Error("GROVE_ICE_SERVERS must be a JSON list of {urls, username?, credential?}");
    return servers.data;
  }
  const servers: IceServer[] = [];
  if (env.GROVE_STUN_URL) servers.push({ urls: env.GROVE_STUN_URL });
  if (env.GROVE_TURN_URL) {
    servers.push({
      urls: env.GROVE_TURN_URL,
      ...(env.GROVE_TURN_USERNAME ? { username: env.GROVE_TURN_USERNAME } : {}),
      ...(env.GROVE_TURN_CREDENTIAL ? { credential: env.GROVE_TURN_CREDENTIAL } : {}),
    });
  }
  return servers;
}

const secret = (): string => randomBytes(24).toString("base64url");

/**
 * Voice as the environment sets it up. GROVE_VOICE=off turns it off; JANUS_URL points at a Janus run elsewhere;
 * otherwise Grove starts the `janus` it finds (GROVE_JANUS_BIN, else PATH), or runs without voice when there is none.
 * Secrets Grove's own Janus uses are made fresh at every start and never leave the process.
 */
export function voiceConfigFromEnv(env: NodeJS.ProcessEnv = process.env): VoiceConfig {
  const mediaPorts = env.GROVE_MEDIA_PORTS ? parsePortRange(env.GROVE_MEDIA_PORTS) : DEFAULT_MEDIA_PORTS;
  const bitrate = Number(env.GROVE_VOICE_BITRATE);
  const turnRest = env.GROVE_TURN_URL && env.GROVE_TURN_SECRET ? { urls: env.GROVE_TURN_URL, secret: env.GROVE_TURN_SECRET, ttlSeconds: 6 * 3600 } : undefined;
  const common = {
    mediaPorts,
    iceServers: turnRest ? parseIceServers({ ...env, GROVE_TURN_URL: undefined }) : parseIceServers(env),
    turnRest,
    bitrate: Number.isInteger(bitrate) && bitrate >= 8_000 && bitrate <= 256_000 ? bitrate : DEFAULT_VOICE_BITRATE,
    publicIp: env.GROVE_PUBLIC_IP || undefined,
    janusStun: env.GROVE_JANUS_STUN || undefined,
  };
  if (env.GROVE_VOICE === "off") return { mode: "off", apiSecret: "", adminKey: "", ...common };
  if (env.JANUS_URL) {
    if (!/^wss?:\/\/[^\s]+$/u.test(env.JANUS_URL)) throw new Error("JANUS_URL must be a ws:// or wss:// address");
    return { mode: "external", url: env.JANUS_URL, apiSecret: env.JANUS_API_SECRET ?? "", adminKey: env.JANUS_ADMIN_KEY ?? "", ...common };
  }
  const binary = env.GROVE_JANUS_BIN || findOnPath("janus", env.PATH);
  if (!binary) return { mode: "missing", apiSecret: "", adminKey: "", ...common };
  return { mode: "spawn", binary, apiSecret: secret(), adminKey: secret(), ...common };
}

/** Grove's own Janus with fresh secrets (tests and benches): the program on PATH, or null when it is not installed. */
export function spawnedJanusConfig(overrides: Partial<VoiceConfig> = {}): VoiceConfig | null {
  const binary = overrides.binary ?? findOnPath("janus");
  if (!binary) return null;
  return {
    mode: "spawn",
    binary,
    apiSecret: secret(),
    adminKey: secret(),
    mediaPorts: DEFAULT_MEDIA_PORTS,
    iceServers: [],
    bitrate: DEFAULT_VOICE_BITRATE,
    ...overrides,
  };
}
