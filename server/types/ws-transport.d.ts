// @colyseus/ws-transport 0.16 ships types, but its package.json "exports" hides them from TypeScript, so this
// declares the part Grove uses. (A tsconfig `paths` entry would also redirect tsx at run time, loading the
// CommonJS build and with it a second copy of @colyseus/core's matchmaker, so joins would never find a seat.)
declare module "@colyseus/ws-transport" {
  import type { Server as HttpServer } from "node:http";
  import type { Transport } from "@colyseus/core";
  import type { ServerOptions } from "ws";

  export interface TransportOptions extends ServerOptions {
    server?: HttpServer;
    pingInterval?: number;
    pingMaxRetries?: number;
  }
  export const WebSocketTransport: new (options?: TransportOptions) => Transport;
}
