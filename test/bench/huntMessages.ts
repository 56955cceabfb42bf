/** What the hunt bench's orchestrator and its bot workers say to each other over IPC. */
export interface HuntBotConfig {
  url: string;
  slug: string;
  /** Where the clues stand: every bot walks there first. */
  centre: { x: number; z: number };
  clueIds: string[];
}

export type ToHuntWorker = { type: "join"; ids: number[] } | { type: "hunt" } | { type: "stop" };

export interface ClaimSample {
  /** performance.timeOrigin-based ms. */
  sentAtMs: number;
  answeredAtMs: number;
  accepted: boolean;
}

export type FromHuntWorker =
  | { type: "joined"; rooms: Array<{ id: number; roomId: string; role: string }>; failures: string[] }
  | { type: "hunted"; samples: ClaimSample[]; errors: Record<string, number>; cpuMs: number }
  | { type: "stopped" };
