// janode 1.8 ships JavaScript with JSDoc, no declarations: this declares the part Grove uses (server/voice/).
declare module "janode" {
  import type { EventEmitter } from "node:events";

  export interface Jsep {
    type: "offer" | "answer";
    sdp: string;
  }
  export interface Handle extends EventEmitter {
    id: number;
    detach(): Promise<void>;
    message(body: Record<string, unknown>, jsep?: Jsep): Promise<unknown>;
  }
  export interface Session extends EventEmitter {
    id: number;
    attach<H extends Handle>(plugin: { id: string; Handle: new (...args: never[]) => H }): Promise<H>;
    destroy(): Promise<void>;
  }
  export interface Connection extends EventEmitter {
    create(ka_interval?: number): Promise<Session>;
    close(): Promise<void>;
  }
  export interface ConnectOptions {
    address: { url: string; apisecret?: string } | { url: string; apisecret?: string }[];
    retry_time_secs?: number;
    max_retries?: number;
  }
  const Janode: {
    connect(options: ConnectOptions): Promise<Connection>;
    EVENT: {
      CONNECTION_CLOSED: "connection_closed";
      SESSION_DESTROYED: "session_destroyed";
      HANDLE_DETACHED: "handle_detached";
      HANDLE_ICE_FAILED: "handle_ice_failed";
      HANDLE_HANGUP: "handle_hangup";
      HANDLE_MEDIA: "handle_media";
      HANDLE_WEBRTCUP: "handle_webrtcup";
      HANDLE_SLOWLINK: "handle_slowlink";
      CONNECTION_ERROR: "connection_error";
    };
    Logger: { setLevel(level: "none" | "error" | "warning" | "info" | "verbose" | "debug"): void };
  };
  export default Janode;
}

declare module "janode/plugins/videoroom" {
  import type { Handle, Jsep } from "janode";

  export interface VideoRoomHandle extends Handle {
    create(params: {
      room: number;
      description?: string;
      max_publishers?: number;
      is_private?: boolean;
      secret?: string;
      pin?: string;
      admin_key?: string;
      bitrate?: number;
      audiocodec?: string;
      talking_events?: boolean;
      talking_level_threshold?: number;
      talking_packets_threshold?: number;
      notify_joining?: boolean;
    }): Promise<{ room: number }>;
    destroy(params: { room: number; secret?: string }): Promise<unknown>;
    joinConfigurePublisher(params: {
      room: number;
      feed: number;
      pin?: string;
      display?: string;
      audio?: boolean;
      video?: boolean;
      data?: boolean;
      bitrate?: number;
      jsep: Jsep;
    }): Promise<{ jsep?: Jsep; feed: number }>;
    joinSubscriber(params: { room: number; feed: number; pin?: string; audio?: boolean; video?: boolean; data?: boolean }): Promise<{ jsep?: Jsep }>;
    start(params: { jsep: Jsep }): Promise<unknown>;
    list(params: { admin_key?: string }): Promise<{ list: { room: number }[] }>;
    listParticipants(params: { room: number; secret?: string }): Promise<{ participants: { feed: number; publisher: boolean; talking?: boolean }[] }>;
  }
  const VideoRoomPlugin: {
    id: string;
    Handle: new (...args: never[]) => VideoRoomHandle;
    EVENT: {
      VIDEOROOM_TALKING: string;
      VIDEOROOM_UNPUBLISHED: string;
      VIDEOROOM_LEAVING: string;
      VIDEOROOM_KICKED: string;
      VIDEOROOM_DESTROYED: string;
      VIDEOROOM_ERROR: string;
    };
  };
  export default VideoRoomPlugin;
}

declare module "janode/plugins/audiobridge" {
  import type { Handle, Jsep } from "janode";

  export interface AudioBridgeHandle extends Handle {
    create(params: Record<string, unknown>): Promise<{ room: number }>;
    destroy(params: { room: number; secret?: string }): Promise<unknown>;
    join(params: Record<string, unknown>): Promise<unknown>;
    configure(params: Record<string, unknown> & { jsep?: Jsep }): Promise<{ jsep?: Jsep }>;
  }
  const AudioBridgePlugin: { id: string; Handle: new (...args: never[]) => AudioBridgeHandle; EVENT: Record<string, string> };
  export default AudioBridgePlugin;
}
