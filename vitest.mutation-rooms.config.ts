import { defineConfig } from "vitest/config";

// Mutation runs over the room (npm run test:mutation:rooms): the room integration suites against a real server.
export default defineConfig({
  test: {
    include: ["test/server/venueRoom.test.ts", "test/server/hostileMessages.test.ts", "test/server/joinHardening.test.ts", "test/server/roomBehaviour.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
