/** IPC between the voice bench's orchestrator, its server (voiceServer.ts) and its listener workers (voiceWorker.ts). */

export type ToVoiceServer = { type: "stop" };

export type FromVoiceServer =
  | { type: "ready"; port: number; janusPid: number; hostTokens: Record<string, string> }
  | { type: "stopped" };

/** Where a worker's listeners listen: a Grove session (the real path), or an AudioBridge room directly. */
export type ListenTarget =
  | { kind: "grove"; url: string; slug: string; feed: string }
  | { kind: "bridge"; janusUrl: string; apiSecret: string; room: number };

export type ToVoiceWorker =
  | { type: "join"; target: ListenTarget; ids: number[] }
  | { type: "counters" }
  | { type: "stop" };

/** One listener's totals since it joined: RTP packets and their bytes (header and payload, before SRTP). */
export interface ListenerCounters {
  id: number;
  packets: number;
  bytes: number;
}

export type FromVoiceWorker =
  | { type: "joined"; failures: string[] }
  | { type: "counters"; listeners: ListenerCounters[]; cpuUs: number }
  | { type: "stopped" };
