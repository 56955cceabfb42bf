import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from "werift";

// A WebRTC endpoint in Node (werift), for room tests and the voice bench: it speaks to Janus exactly as a browser
// does (ICE, DTLS, SRTP), so Janus and the Grove room see real peers. Its "microphone" sends one valid Opus frame
// (a 20 ms silence frame, TOC 0xF8) every 20 ms: VideoRoom forwards packets as they are, so their count and size
// are what a listener receives.

const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]);

/**
 * A decodable 20 ms Opus packet of `size` bytes (TOC 0xF8: CELT fullband, one frame) whose body is seeded noise:
 * an Opus decoder reads any bytes after a valid TOC, so a mixer (AudioBridge) decodes it to sound, not silence, and
 * its size is that of a ~32 kbit/s voice frame (80 bytes) rather than a 3-byte silence frame.
 */
export function opusNoiseFrame(size = 80, seed = 1): Buffer {
  const frame = Buffer.alloc(Math.max(2, size));
  frame[0] = 0xf8;
  let state = seed >>> 0 || 1;
  for (let i = 1; i < frame.length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    frame[i] = state & 0xff;
  }
  return frame;
}

/** Resolves once the connection gathered its ICE candidates (or after `capMs`), as the Grove client waits. */
export function gathered(pc: RTCPeerConnection, capMs = 3000): Promise<void> {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === "complete") return resolve();
    const timer = setTimeout(resolve, capMs);
    pc.iceGatheringStateChange.subscribe((state) => {
      if (state !== "complete") return;
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A speaker: an audio-only sendonly offer; after the answer, one Opus frame every 20 ms (`payload` bytes each). */
export class NodeSpeaker {
  readonly pc = new RTCPeerConnection({});
  private readonly track = new MediaStreamTrack({ kind: "audio" });
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private ts = 0;
  private readonly ssrc = Math.floor(Math.random() * 2 ** 31);
  sent = 0;

  constructor(private readonly payload: Buffer = OPUS_SILENCE) {
    this.pc.addTransceiver(this.track, { direction: "sendonly" });
  }

  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await gathered(this.pc);
    return this.pc.localDescription!.sdp;
  }

  async answered(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: "answer", sdp });
    this.timer ??= setInterval(() => {
      const header = new RtpHeader({ payloadType: 111, sequenceNumber: this.seq++ & 0xffff, timestamp: (this.ts += 960) >>> 0, ssrc: this.ssrc, marker: false });
      this.track.writeRtp(new RtpPacket(header, this.payload));
      this.sent += 1;
    }, 20);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.pc.close();
  }
}

/** A listener: answers Janus's offer and counts the audio packets and payload bytes that arrive. */
export class NodeListener {
  readonly pc = new RTCPeerConnection({});
  packets = 0;
  bytes = 0;
  firstPacketAt: number | null = null;
  lastPacketAt: number | null = null;

  constructor() {
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((packet) => {
        const now = performance.now();
        this.packets += 1;
        this.bytes += packet.serialize().length;
        this.firstPacketAt ??= now;
        this.lastPacketAt = now;
      });
    });
  }

  async answer(offer: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: "offer", sdp: offer });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await gathered(this.pc);
    return this.pc.localDescription!.sdp;
  }

  /** The listener offers instead (AudioBridge, where the participant offers): one receive-only audio transceiver. */
  async offer(): Promise<string> {
    this.pc.addTransceiver("audio", { direction: "recvonly" });
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await gathered(this.pc);
    return this.pc.localDescription!.sdp;
  }

  /** The answer to `offer()`. */
  async answered(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: "answer", sdp });
  }

  async close(): Promise<void> {
    await this.pc.close();
  }
}
