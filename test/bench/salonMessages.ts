/**
 * IPC messages between the salon bench (salon.bench.ts) and its bot workers (salonBotWorker.ts). The server is the
 * session bench's (sessionServer.ts, sessionMessages.ts); chat lines carry their send time in the room bench's
 * format (messages.ts `chatText`).
 */

export interface SalonBotConfig {
  url: string;
  slug: string;
  /** The one bot that joins with the host token and opens the polls. */
  hostId: number;
  hostToken: string;
  /** Send `move` ten times a second, as the room and session benches' bots do. */
  move: boolean;
}

/** The question of round `round`'s poll: the bots know their round's poll by it. */
export function roundQuestion(round: number): string {
  return `Bench round ${round}: 下一场听哪个？Which talk next?`;
}

export const ROUND_OPTIONS = ["城市花园 Urban gardens", "开源社区 Open source", "AI 与教育 AI in class", "慢旅行 Slow travel"];

/**
 * A bot's `salon` view first showing a poll's `voters` count at `voters` or more: the moment the i-th vote of
 * the round (i = voters) reached that bot's screen.
 */
export interface TallySample {
  pollId: string;
  receiverId: number;
  voters: number;
  arrivedAtMs: number;
}

/** A bot receiving another's chat line: the sender's clock at send (from the text) and this bot's at arrival. */
export interface ChatSample {
  senderId: number;
  receiverId: number;
  sentAtMs: number;
  arrivedAtMs: number;
}

export type ToSalonWorker =
  | { type: "config"; config: SalonBotConfig }
  | { type: "join"; ids: number[] }
  /** The host bot opens round `round`'s poll. */
  | { type: "openPoll"; round: number }
  /** Answer once every bot of this worker shows round `round`'s poll open (with its id), or after `timeoutMs`. */
  | { type: "awaitPoll"; round: number; timeoutMs: number }
  | { type: "vote"; botId: number; pollId: string; option: string }
  | { type: "chat"; botId: number }
  | { type: "collect" }
  | { type: "leave" };

export type FromSalonWorker =
  | { type: "joined"; rooms: Array<{ id: number; roomId: string; role: string }>; failures: string[] }
  | { type: "pollOpened"; round: number }
  /** `missing`: bots of this worker that had not shown the poll when the wait ran out. */
  | { type: "pollShown"; round: number; pollId: string | null; missing: number[] }
  /** The voter's clock just before `room.send("vote")`. */
  | { type: "voted"; botId: number; sentAtMs: number }
  /** Everything since the previous collect: samples, refusals by code, the worker's CPU (user+system µs) and moves sent. */
  | { type: "collected"; tallies: TallySample[]; chats: ChatSample[]; errors: Record<string, number>; cpuUs: number; movesSent: number; salonEvents: number }
  | { type: "left" };
