import { defineConfig } from "vitest/config";
import { listedOrder } from "./scripts/mutation-order.js";

/**
 * Mutation runs over the pure rules and the server's unit-testable parts (npm run test:mutation, first half):
 * the fast tests that pin them, no server. Stryker starts a fresh worker for every mutant; `isolate: false` lets
 * the files of one run share their imports, and the files run in the order listed (cheapest first), so a mutant
 * a quick test kills never waits for a slow one.
 */
const include = [
  "test/shared/**/*.test.ts",
  "test/server/intents.test.ts",
  "test/server/features.test.ts",
  "test/server/joinGuard.test.ts",
  "test/server/store.test.ts",
  "test/server/sessionHub.test.ts",
  "test/server/secrets.test.ts",
  "test/server/liveSessionReplicas.test.ts",
  "test/server/hostTokens.test.ts",
];

export default defineConfig({
  test: {
    include,
    environment: "node",
    testTimeout: 30_000,
    pool: "threads",
    isolate: false,
    sequence: { sequencer: listedOrder(include) },
  },
});
