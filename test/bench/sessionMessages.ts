/** IPC messages between the session bench (session.bench.ts), its server processes and its bot workers. */

/** What a server process starts, passed as JSON in the BENCH_SESSION_SERVER environment variable. */
export interface SessionServerConfig {
  /** Absolute path of the `server/app.ts` whose `startGrove` runs: this checkout's, or the baseline commit's. */
  appPath: string;
  /** Events to create besides the demo one (the session layer's server issues a host token for each). */
  events: Array<{ slug: string; capacity: number }>;
  /**
   * Before the server starts: open a session of this event and log this many session commands in it, as if a
   * previous process had run it and restarted; the first join then resumes it and replays the log.
   */
  prefill?: { slug: string; commands: number };
  /** Time every `LiveSession#submit`, which `command` calls (check, sequence number, log write, publish: the state is set when it resolves). */
  timeCommands?: boolean;
}

export type ToSessionServer = { type: "stop" } | { type: "commands" };
export type FromSessionServer =
  /** The durations of the session commands since the last ask, ms. */
  | { type: "commands"; ms: number[] }
  | { type: "ready"; port: number; protocolVersion: number; hostTokens: Record<string, string>; prefillMs?: number }
  | { type: "stopped" };

export interface SessionBotConfig {
  url: string;
  slug: string;
  /** Bots with these ids join with the host token, and post announcements when told to. */
  hostIds: number[];
  hostToken: string;
  /** Send `move` ten times a second, as the room bench's bots do. */
  move: boolean;
}

/** One bot seeing one announcement: when it was sent (by the poster's clock) and when this bot decoded it. */
export interface AnnouncementSample {
  announcementId: string;
  posterId: number;
  receiverId: number;
  sentAtMs: number;
  arrivedAtMs: number;
}

export type ToSessionWorker =
  | { type: "config"; config: SessionBotConfig }
  | { type: "join"; ids: number[] }
  | { type: "announce"; botId: number }
  | { type: "collect" }
  | { type: "leave" };
export type FromSessionWorker =
  | { type: "joined"; rooms: Array<{ id: number; roomId: string; role: string }>; failures: string[] }
  | { type: "announced"; botId: number }
  /** Everything since the previous collect: samples, refusals by code, the worker's CPU (user+system µs) and moves sent. */
  | { type: "collected"; samples: AnnouncementSample[]; errors: Record<string, number>; cpuUs: number; movesSent: number }
  | { type: "left" };

/** The announcement a host bot posts: its id and the send time, so that receivers can measure the latency. */
export function announcementText(posterId: number, sentAtMs: number): string {
  return `bench ${posterId} ${sentAtMs.toFixed(3)} the next talk starts in five minutes in the main hall`;
}

export function parseAnnouncementText(text: string): { posterId: number; sentAtMs: number } | undefined {
  const match = /^bench (\d+) (\d+\.\d+) /.exec(text);
  return match ? { posterId: Number(match[1]), sentAtMs: Number(match[2]) } : undefined;
}
