/**
 * A worker process of the voice bench holding a share of the listeners: each a WebRTC peer in Node (werift) that
 * counts the RTP packets it receives. Grove listeners are colyseus.js members of the session that ask the room to
 * listen to the speaker's feed and answer Janus's offer, as the browser client does; AudioBridge listeners join the
 * bridge room directly through janode, muted, and receive the mix.
 */
import Janode, { type Session } from "janode";
import AudioBridgePlugin, { type AudioBridgeHandle } from "janode/plugins/audiobridge";
import type { Room } from "colyseus.js";
import { NodeListener } from "../helpers/nodeRtc.js";
import { joinVenueBot, sleep } from "./benchKit.js";
import type { FromVoiceWorker, ListenTarget, ToVoiceWorker } from "./voiceMessages.js";

Janode.Logger.setLevel("none");

interface Held {
  id: number;
  listener: NodeListener;
  room?: Room;
  handle?: AudioBridgeHandle;
}

const held: Held[] = [];
let bridge: Promise<Session> | null = null;
const cpuAtStart = process.cpuUsage();

const reply = (message: FromVoiceWorker) => process.send?.(message);

async function firstPackets(listener: NodeListener, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (listener.packets === 0) {
    if (Date.now() > deadline) throw new Error(`${what}: no audio within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** A Grove member who listens to `feed` through the room: voiceListen, Janus's offer, the answer, first packets. */
async function joinGrove(target: Extract<ListenTarget, { kind: "grove" }>, id: number): Promise<void> {
  const { room, welcome } = await joinVenueBot(target.url, target.slug, id);
  const listener = new NodeListener();
  held.push({ id, listener, room });
  room.onMessage("*", () => {});
  const offer = new Promise<{ feed: string; sdp: string }>((done, fail) => {
    room.onMessage("voiceOffer", done);
    room.onMessage("error", (error: { code: string; intent?: string }) => fail(new Error(`bot ${id}: ${error.intent ?? ""} refused ${error.code}`)));
  });
  await welcome;
  room.send("voiceListen", { feed: target.feed });
  const { sdp } = await offer;
  room.send("voiceAnswer", { feed: target.feed, sdp: await listener.answer(sdp) });
  await firstPackets(listener, `bot ${id}`);
}

/** A muted AudioBridge participant: joins the room, offers receive-only audio, applies the answer, first packets. */
async function joinBridge(target: Extract<ListenTarget, { kind: "bridge" }>, id: number): Promise<void> {
  bridge ??= Janode.connect({ address: { url: target.janusUrl, apisecret: target.apiSecret }, retry_time_secs: 1, max_retries: 1 }).then((connection) => connection.create(15));
  const session = await bridge;
  const handle = await session.attach(AudioBridgePlugin);
  const listener = new NodeListener();
  held.push({ id, listener, handle });
  await handle.join({ room: target.room, display: `listener-${id}`, muted: true });
  const configured = await handle.configure({ muted: true, jsep: { type: "offer", sdp: await listener.offer() } });
  if (!configured.jsep?.sdp) throw new Error(`listener ${id}: AudioBridge answered without an SDP`);
  await listener.answered(configured.jsep.sdp);
  await firstPackets(listener, `listener ${id}`);
}

async function stop(): Promise<void> {
  await Promise.all(held.map(async ({ listener, room, handle }) => {
    await handle?.detach().catch(() => undefined);
    await listener.close().catch(() => undefined);
    await room?.leave().catch(() => undefined);
  }));
  reply({ type: "stopped" });
  process.exit(0);
}

process.on("message", (message: ToVoiceWorker) => {
  if (message.type === "join") {
    const { target, ids } = message;
    void Promise.allSettled(ids.map((id) => (target.kind === "grove" ? joinGrove(target, id) : joinBridge(target, id)))).then((results) => {
      reply({ type: "joined", failures: results.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : [])) });
    });
  } else if (message.type === "counters") {
    const cpu = process.cpuUsage(cpuAtStart);
    reply({ type: "counters", listeners: held.map(({ id, listener }) => ({ id, packets: listener.packets, bytes: listener.bytes })), cpuUs: cpu.user + cpu.system });
  } else {
    void stop();
  }
});
// The orchestrator gone: nothing to report to.
process.on("disconnect", () => process.exit(0));
