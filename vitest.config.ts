import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // @colyseus/ws-transport default-imports `ws` and reads `WebSocket.Server`, which only the CommonJS entry
    // carries. tsx resolves it so; under Vitest the transport is inlined so that this alias applies.
    alias: { ws: require.resolve("ws") },
  },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    server: { deps: { inline: ["@colyseus/ws-transport"] } },
  },
});
