/** IPC messages between the bench orchestrator (room.bench.ts), its server processes and its bot workers. */

export type RoomKind = "grove" | "baseline";

/** What a server process measured over one window. */
export interface ServerWindowStats {
  /** process.cpuUsage() user+system delta around each Room#broadcastPatch call in the window, in µs. */
  patchCpuUs: number[];
  /** performance.now() wall delta around the same calls, in µs. */
  patchWallUs: number[];
  /** Whole-process user+system CPU over the window, µs. */
  cpuUs: number;
  wallMs: number;
  /** WebSocket payload bytes plus frame header bytes written to clients in the window. */
  bytesOut: number;
  framesOut: number;
  /** The part of bytesOut written inside broadcastPatch (state patches). */
  patchBytesOut: number;
  /** Wall time inside WebSocket#send during each measured patch, µs: the rest of the patch is mostly encoding. */
  patchSendWallUs: number[];
  /** Open client sockets at the end of the window. */
  clients: number;
}

export type ToServer = { type: "window:start" } | { type: "window:end" } | { type: "stop" };
export type FromServer =
  | { type: "ready"; port: number }
  | { type: "window"; stats: ServerWindowStats }
  | { type: "stopped" };

export interface BotConfig {
  url: string;
  kind: RoomKind;
  /** Seed for this worker's bots' random walk and chat timing. */
  seed: number;
  /** Bots with an id below this decode every patch; the others receive the bytes but skip decoding. */
  decoders: number;
}

export interface BotWindowStats {
  /** Chat arrival − send time at every receiving bot other than the sender, ms. */
  latenciesMs: number[];
  chatsSent: number;
  movesSent: number;
  /** Bytes of WebSocket messages the bots received (payload only), a cross-check of the server's count. */
  bytesIn: number;
  statePatches: number;
  /** Refusals the server answered, by code. */
  errors: Record<string, number>;
  /** CPU the worker process used in the window (user+system µs); summed over workers by the orchestrator. */
  cpuUs: number;
}

export type ToWorker =
  | { type: "config"; config: BotConfig }
  | { type: "join"; ids: number[] }
  | { type: "window:start" }
  | { type: "window:end" }
  | { type: "leave" };
export type FromWorker =
  | { type: "joined"; ids: number[]; roomIds: string[]; failures: string[] }
  | { type: "window"; stats: BotWindowStats }
  | { type: "left" };

/** The text a bot chats: its name and the send time, so that receivers can measure latency and skip their own. */
export function chatText(name: string, sentAtMs: number): string {
  return `bench ${name} ${sentAtMs.toFixed(3)} hello everyone, how is the talk going?`;
}

export function parseChatText(text: string): { name: string; sentAtMs: number } | undefined {
  const match = /^bench (\S+) (\d+\.\d+) /.exec(text);
  return match ? { name: match[1]!, sentAtMs: Number(match[2]) } : undefined;
}

/** performance.timeOrigin + performance.now(): a sub-millisecond clock comparable across processes on one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
