/**
 * IPC messages between the moderation bench (moderation.bench.ts) and its bot workers (moderationBotWorker.ts), and
 * the lines the bots chat. The server is the session bench's (sessionServer.ts, sessionMessages.ts). Every line
 * carries its sender and send time in the room bench's format (messages.ts `chatText`'s prefix), so that every
 * receiver can measure it and the host can match a queued line to the line sent, by its text.
 */
import { parseChatText } from "./messages.js";

export interface ModerationBotConfig {
  url: string;
  slug: string;
  /** The one bot that joins with the host token: it never chats, it watches its `moderationHost` queue. */
  hostId: number;
  hostToken: string;
  /** Send `move` ten times a second, as the other benches' bots do. */
  move: boolean;
  /** Each bot's next line comes this long after its last: drawn between these, ms. */
  lineMinMs: number;
  lineMaxMs: number;
  /** Share of a bot's lines that need a host (help or negative: the classifier queues them): the probes. */
  flaggedShare: number;
  /** Bots with these ids talk rough: a share of their lines carry listed words (and they never send probes). */
  roughIds: number[];
  /** Share of a rough bot's lines that carry a listed word. */
  roughShare: number;
  /** The host marks the oldest waiting flag handled every this many ms (0: never), as a host working the queue. */
  handleEveryMs: number;
  /** Seed of the line kinds and spacing. */
  seed: number;
}

/** Community chat that needs no one: greetings, reactions, questions to the speaker, small talk (English and Chinese). */
export const NEUTRAL_LINES: readonly string[] = [
  "good morning all",
  "hi from Shenzhen!",
  "thank you so much, this talk helped me a lot",
  "the panel is debating whether remote work hurts juniors",
  "5 minutes break, then the panel",
  "anyone wanna grab virtual coffee after?",
  "which team are you on?",
  "do you think open source can be sustainable?",
  "can we get a group photo at the end?",
  "sheesh that demo 🔥",
  "great point about documentation",
  "I think the second option makes more sense",
  "大家好，我是第一次来",
  "今天的分享太精彩了",
  "这个问答太燃了",
  "大家注意，签到五点截止",
  "深圳的朋友来报道！",
  "能展开讲讲刚才说的失败案例吗？",
  "请问下一场几点开始？",
  "嗯嗯",
  "tql！",
  "我帮朋友进来了",
];

/** Lines that need a host: someone stuck, or frustrated (the classifier tags them help or negative). */
export const FLAGGED_LINES: readonly string[] = [
  "I can't hear the speaker at all",
  "is the stream down for everyone or just me",
  "cant hear anything plz help",
  "the link in the invite email doesn't open",
  "I'm stuck at clue 3, any hints?",
  "how can I raise my hand?",
  "this is chaos, nobody knows what's going on",
  "OMG this lag is SO BAD",
  "I'm so done with this lag",
  "this is getting ridiculous, third delay tonight",
  "卡在加载界面不动了",
  "麦克风没反应，怎么办",
  "完全听不清，谁能帮忙调一下音量",
  "签到显示失败，是我网的问题吗",
  "音频问题把整个活动都毁了",
  "问答环节一团糟，一半问题没人理",
  "好失望啊",
  "声音忽大忽小，难受",
];

/** Lines with a listed word (the filter masks it; the sender's masked lines count toward an automatic mute). */
export const ROUGH_LINES: readonly string[] = [
  "lol this demo is bullshit",
  "who is that jackass talking over the speaker",
  "that was a dumbass question tbh",
  "shut up you wanker",
  "哈哈哈这个主持人是傻逼吧",
  "这什么脑残设计",
  "说这话的人真是个白痴",
];

/** A bot's line: the room bench's chat prefix (sender, send time), then what it says. */
export function lineText(name: string, sentAtMs: number, line: string): string {
  return `bench ${name} ${sentAtMs.toFixed(3)} ${line}`;
}

/** The sender bot's id and send time of a bench line; undefined for any other text. */
export function parseLine(text: string): { botId: number; sentAtMs: number } | undefined {
  const sent = parseChatText(text);
  const botId = sent ? Number(/^bot-(\d+)$/.exec(sent.name)?.[1]) : Number.NaN;
  return sent && Number.isInteger(botId) ? { botId, sentAtMs: sent.sentAtMs } : undefined;
}

export type LineKind = "neutral" | "flagged" | "rough";

/** A probe: a line that needs a host, as its sender sent it. */
export interface ProbeSent {
  botId: number;
  text: string;
  sentAtMs: number;
}

/** A line in the host's `moderationHost` queue, the first time the host saw it. */
export interface QueueSeen {
  text: string;
  /** The flag's `at` (the server's clock when it logged `lineFlagged`). */
  flaggedAt: number;
  arrivedAtMs: number;
}

export type ToModerationWorker =
  | { type: "config"; config: ModerationBotConfig }
  | { type: "join"; ids: number[] }
  /** Every bot of this worker but the host starts chatting, its first line within one spacing. */
  | { type: "chat" }
  /** Stop chatting (the host goes on watching its queue). */
  | { type: "quiet" }
  | { type: "collect" }
  | { type: "leave" };

export type FromModerationWorker =
  | { type: "joined"; rooms: Array<{ id: number; roomId: string; role: string }>; failures: string[] }
  /** Sent as each probe goes out, so the orchestrator knows how many the window holds. */
  | { type: "probe"; probe: ProbeSent }
  /**
   * Everything since the previous collect. `chatMs`: send → arrival of every other bot's line at each bot;
   * `hostChat`: the host's arrivals of chat lines (by text), to split a probe of its instance into chat and queue.
   */
  | {
      type: "collected";
      chatMs: number[];
      /** Chat latencies at the host alone (it is a member of one instance too). */
      hostChatMs: number[];
      hostChat: Array<{ text: string; arrivedAtMs: number }>;
      queue: QueueSeen[];
      sent: Record<LineKind, number>;
      /** `chatMasked` notices the bots got, and `resolveFlag`s the host sent. */
      masked: number;
      handled: number;
      /**
       * The host's `moderationHost` events, their mean size (JSON characters, a sample of them), what the latest
       * showed (the queue's length, the lines waiting in it, the mutes in force), and the automatic mutes its log showed.
       */
      hostViews: { count: number; meanChars: number; queue: number; waiting: number; mutes: number; autoMutes: number };
      errors: Record<string, number>;
      cpuUs: number;
      movesSent: number;
    }
  | { type: "left" };
