/**
 * Measures a Colyseus server from inside its process: CPU and wall time of every Room#broadcastPatch, and the
 * bytes the ws package writes to clients. Import it before any room is created; it reports over IPC.
 */
import { Room } from "@colyseus/core";
import WebSocket from "ws";
import type { FromServer, ServerWindowStats, ToServer } from "./messages.js";

let measuring = false;
let patchCpuUs: number[] = [];
let patchWallUs: number[] = [];
let bytesOut = 0;
let framesOut = 0;
let patchBytesOut = 0;
let patchSendWallUs: number[] = [];
/** Wall time spent inside WebSocket#send during the current patch, µs; undefined outside a patch. */
let sendWallInPatch: number | undefined;
let windowCpu = process.cpuUsage();
let windowStart = performance.now();
const sockets = new Set<WebSocket>();

const broadcastPatch = Room.prototype.broadcastPatch;
Room.prototype.broadcastPatch = function measuredBroadcastPatch(this: Room) {
  if (!measuring) return broadcastPatch.call(this);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  sendWallInPatch = 0;
  try {
    return broadcastPatch.call(this);
  } finally {
    const wallUs = (performance.now() - wall) * 1000;
    const used = process.cpuUsage(cpu);
    patchCpuUs.push(used.user + used.system);
    patchWallUs.push(wallUs);
    patchSendWallUs.push(sendWallInPatch);
    sendWallInPatch = undefined;
  }
};

/** Server-to-client frames are unmasked: 2 header bytes, 4 from 126 bytes of payload, 10 from 64 KiB. */
function frameHeaderBytes(payload: number): number {
  return payload < 126 ? 2 : payload < 65536 ? 4 : 10;
}

function payloadBytes(data: unknown): number {
  if (typeof data === "string") return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (Array.isArray(data)) return data.reduce((sum: number, part: unknown) => sum + payloadBytes(part), 0);
  return 0;
}

const send = WebSocket.prototype.send;
WebSocket.prototype.send = function countedSend(this: WebSocket, ...args: Parameters<WebSocket["send"]>) {
  sockets.add(this);
  if (!measuring) return (send as (...a: unknown[]) => void).apply(this, args);
  const bytes = payloadBytes(args[0]);
  bytesOut += bytes + frameHeaderBytes(bytes);
  framesOut++;
  if (sendWallInPatch === undefined) return (send as (...a: unknown[]) => void).apply(this, args);
  patchBytesOut += bytes + frameHeaderBytes(bytes);
  const started = performance.now();
  const result = (send as (...a: unknown[]) => void).apply(this, args);
  sendWallInPatch += (performance.now() - started) * 1000;
  return result;
} as WebSocket["send"];

function windowStats(): ServerWindowStats {
  const cpu = process.cpuUsage(windowCpu);
  let clients = 0;
  for (const socket of sockets) {
    if (socket.readyState === WebSocket.OPEN) clients++;
    else sockets.delete(socket);
  }
  return {
    patchCpuUs,
    patchWallUs,
    cpuUs: cpu.user + cpu.system,
    wallMs: performance.now() - windowStart,
    bytesOut,
    framesOut,
    patchBytesOut,
    patchSendWallUs,
    clients,
  };
}

function reply(message: FromServer): void {
  process.send?.(message);
}

/** Answers the orchestrator's window and stop messages; `stop` shuts the server down before the process exits. */
export function serveBenchIpc(stop: () => Promise<void>): void {
  process.on("message", (message: ToServer) => {
    if (message.type === "window:start") {
      patchCpuUs = [];
      patchWallUs = [];
      bytesOut = 0;
      framesOut = 0;
      patchBytesOut = 0;
      patchSendWallUs = [];
      windowCpu = process.cpuUsage();
      windowStart = performance.now();
      measuring = true;
    } else if (message.type === "window:end") {
      measuring = false;
      reply({ type: "window", stats: windowStats() });
    } else if (message.type === "stop") {
      const exit = setTimeout(() => process.exit(0), 5000);
      exit.unref();
      void stop().finally(() => {
        reply({ type: "stopped" });
        process.exit(0);
      });
    }
  });
  // The orchestrator died: do not linger holding a port.
  process.on("disconnect", () => process.exit(0));
}

export function announceReady(port: number): void {
  reply({ type: "ready", port });
}
