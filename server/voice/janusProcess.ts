import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { VoiceConfig } from "./config.js";

/** Where Debian's janus keeps its plugins and transports (the package's own paths). */
const LIB = "/usr/lib/x86_64-linux-gnu/janus";

/** Which Janus plugins to load: Grove uses VideoRoom; the bench loads AudioBridge too, to compare them. */
export type JanusPlugin = "videoroom" | "audiobridge";

export interface JanusFiles {
  /** The folder the configuration was written to (Janus's `configs_folder`). */
  dir: string;
  /** The port of the WebSocket API on 127.0.0.1. */
  wsPort: number;
}

/** A string as a libconfig literal: quotes and backslashes escaped, nothing that could end the value. */
function literal(value: string): string {
  if (/[\r\n\0]/u.test(value)) throw new Error("a Janus setting cannot hold a line break");
  return `"${value.replace(/\\/gu, "\\\\").replace(/"/gu, '\\"')}"`;
}

const ALL_PLUGINS = ["audiobridge", "duktape", "echotest", "lua", "nosip", "recordplay", "sip", "streaming", "textroom", "videocall", "videoroom", "voicemail"];
const OTHER_TRANSPORTS = ["http", "mqtt", "nanomsg", "pfunix", "rabbitmq"];

/**
 * Janus's configuration files, as Grove writes them (no system file is read or changed): only the plugins asked
 * for, only the WebSocket transport, bound to 127.0.0.1 on `wsPort`, with the API secret on every request and the
 * VideoRoom's admin key on room creation; no admin API, no event handlers, no recordings.
 */
export function janusConfigFiles(config: VoiceConfig, dir: string, wsPort: number, plugins: readonly JanusPlugin[] = ["videoroom"], libDir = LIB): Record<string, string> {
  const [low, high] = config.mediaPorts;
  const disabled = ALL_PLUGINS.filter((plugin) => !plugins.includes(plugin as JanusPlugin)).map((plugin) => `libjanus_${plugin}.so`);
  const nat = [
    `  ice_ignore_list = "vmnet"`,
    ...(config.publicIp ? [`  nat_1_1_mapping = ${literal(config.publicIp)}`, "  keep_private_host = false"] : []),
    ...(config.janusStun ? [`  stun_server = ${literal(config.janusStun.split(":")[0] ?? "")}`, `  stun_port = ${Number(config.janusStun.split(":")[1] ?? 3478) || 3478}`] : []),
  ];
  return {
    "janus.jcfg": [
      "general: {",
      `  configs_folder = ${literal(dir)}`,
      `  plugins_folder = ${literal(`${libDir}/plugins`)}`,
      `  transports_folder = ${literal(`${libDir}/transports`)}`,
      `  events_folder = ${literal(`${libDir}/events`)}`,
      `  loggers_folder = ${literal(`${libDir}/loggers`)}`,
      "  debug_level = 3",
      `  api_secret = ${literal(config.apiSecret)}`,
      `  server_name = "grove-janus"`,
      "  session_timeout = 60",
      "  reclaim_session_timeout = 0",
      "}",
      "media: {",
      `  rtp_port_range = "${low}-${high}"`,
      "}",
      "nat: {",
      ...nat,
      "}",
      "plugins: {",
      `  disable = ${literal(disabled.join(","))}`,
      "}",
      "transports: {",
      `  disable = ${literal(OTHER_TRANSPORTS.map((transport) => `libjanus_${transport}.so`).join(","))}`,
      "}",
      "loggers: {",
      `  disable = "libjanus_jsonlog.so"`,
      "}",
      "events: {",
      "  broadcast = false",
      "}",
      "",
    ].join("\n"),
    "janus.transport.websockets.jcfg": [
      "general: {",
      `  json = "compact"`,
      "  ws = true",
      `  ws_port = ${wsPort}`,
      `  ws_ip = "127.0.0.1"`,
      "  wss = false",
      "}",
      "admin: {",
      "  admin_ws = false",
      "  admin_wss = false",
      "}",
      "",
    ].join("\n"),
    "janus.plugin.videoroom.jcfg": ["general: {", `  admin_key = ${literal(config.adminKey)}`, "  lock_rtp_forward = true", "}", ""].join("\n"),
    "janus.plugin.audiobridge.jcfg": ["general: {", `  admin_key = ${literal(config.adminKey)}`, "  lock_rtp_forward = true", "}", ""].join("\n"),
  };
}

/** A free TCP port on 127.0.0.1 (the OS picks it; Janus binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on 127.0.0.1:`port`, or rejects after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number, exited: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (exited()) throw new Error("Janus exited while starting");
    if (Date.now() > deadline) throw new Error(`Janus did not open its API on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface JanusProcessOptions {
  config: VoiceConfig;
  plugins?: readonly JanusPlugin[];
  log(message: string, error?: unknown): void;
  /** Told each time Janus is up (its API answers) or down (it exited). */
  onState?(up: boolean): void;
  /** How long a start may take before it counts as failed (ms). */
  startTimeoutMs?: number;
}

/**
 * Grove's own Janus: writes its configuration into a fresh private folder, starts it, and starts it again (after
 * 1, 2, 4… up to 30 seconds) whenever it exits until `stop`. The last lines it printed are logged when it exits.
 */
export class JanusProcess {
  readonly dir: string;
  wsPort = 0;
  private child: ChildProcess | null = null;
  private stopped = false;
  private restarts = 0;
  private retry: NodeJS.Timeout | undefined;
  private tail: string[] = [];

  constructor(private readonly options: JanusProcessOptions) {
    this.dir = mkdtempSync(join(tmpdir(), "grove-janus-"));
  }

  get url(): string {
    return `ws://127.0.0.1:${this.wsPort}`;
  }

  /** Starts Janus and resolves once its API answers; rejects when it cannot (it keeps trying in the background). */
  async start(): Promise<void> {
    this.wsPort = await freePort();
    const files = janusConfigFiles(this.options.config, this.dir, this.wsPort, this.options.plugins);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(this.dir, name), text, { mode: 0o600 });
    const binary = this.options.config.binary;
    if (!binary) throw new Error("no Janus program to start");
    let exited = false;
    const child = spawn(binary, ["-F", this.dir, "-C", join(this.dir, "janus.jcfg"), "--disable-colors"], { stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    const guard = this.guard(child);
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim() !== "") this.tail.push(line);
      if (this.tail.length > 40) this.tail.splice(0, this.tail.length - 40);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.once("error", (e) => {
      exited = true;
      this.options.log("Janus could not be started", e);
    });
    child.once("exit", (code, signal) => {
      exited = true;
      guard?.kill("SIGKILL");
      if (this.child === child) this.child = null;
      if (this.stopped) return;
      this.options.log(`Janus exited (${signal ?? code}); its last lines:\n${this.tail.slice(-12).join("\n")}`);
      this.options.onState?.(false);
      this.scheduleRestart();
    });
    try {
      await waitForPort(this.wsPort, this.options.startTimeoutMs ?? 15_000, () => exited);
    } catch (e) {
      if (!exited) child.kill("SIGKILL");
      throw e;
    }
    this.restarts = 0;
    this.options.onState?.(true);
  }

  /**
   * A watchdog that kills Janus when this process dies by any means (SIGKILL included, which runs no handler): a
   * shell reading a pipe only this process holds. When the pipe closes, the shell kills Janus, so no Janus outlives
   * the server that started it and holds its ports.
   */
  private guard(child: ChildProcess): ChildProcess | null {
    if (child.pid === undefined) return null;
    const guard = spawn("/bin/sh", ["-c", `read -r _; kill -9 ${child.pid} 2>/dev/null`], { stdio: ["pipe", "ignore", "ignore"] });
    guard.once("error", (e) => this.options.log("the Janus watchdog could not be started", e));
    guard.unref();
    (guard.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return guard;
  }

  private scheduleRestart(): void {
    const wait = Math.min(30_000, 1000 * 2 ** this.restarts);
    this.restarts += 1;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.stopped) return;
      this.start().catch((e: unknown) => {
        this.options.log("restarting Janus failed", e);
        if (!this.stopped && this.child === null && this.retry === undefined) this.scheduleRestart();
      });
    }, wait);
    this.retry.unref();
  }

  /** The process id while Janus runs (benches read its CPU time). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Stops Janus (SIGTERM, then SIGKILL after 3 s) and removes its configuration folder. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const child = this.child;
    if (child && child.exitCode === null) {
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Kills Janus as a crash would (tests of the supervisor). */
  crash(): void {
    this.child?.kill("SIGKILL");
  }
}
