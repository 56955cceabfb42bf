import { defineConfig } from "vitest/config";

// Mutation runs (npm run test:mutation): the pure rules and the join guard, with the fast tests that pin them.
export default defineConfig({
  test: {
    include: ["test/shared/**/*.test.ts", "test/server/joinGuard.test.ts", "test/server/intents.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    pool: "forks",
  },
});
