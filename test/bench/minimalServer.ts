/** Bench entry: a bare Colyseus server hosting MinimalRoom, measured from inside like the Grove one. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "@colyseus/core";
import "../../server/wsCompat.js";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { announceReady, serveBenchIpc } from "./instrumentServer.js";
import { MinimalRoom } from "./MinimalRoom.js";

const httpServer = createServer();
const gameServer = new Server({ transport: new WebSocketTransport({ server: httpServer }), greet: false, gracefullyShutdown: false });
gameServer.define("minimal", MinimalRoom);
await gameServer.listen(0, "127.0.0.1");
serveBenchIpc(() => gameServer.gracefullyShutdown(false));
announceReady((httpServer.address() as AddressInfo).port);
