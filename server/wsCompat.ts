import { createRequire } from "node:module";

// @colyseus/ws-transport's ES build default-imports `ws` and calls `WebSocket.Server`, which only ws' CommonJS
// entry attaches (to the class both entries share). Loading that entry once, before the transport, makes the
// ES build work under plain Node and tsx alike. Import this module before "@colyseus/ws-transport".
createRequire(import.meta.url)("ws");
