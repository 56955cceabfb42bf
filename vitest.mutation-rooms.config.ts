import { defineConfig } from "vitest/config";
import { listedOrder } from "./scripts/mutation-order.js";

/**
 * Mutation runs over the room, its features and the HTTP routes (npm run test:mutation, second half): the suites
 * that drive a real Grove server. Quick, focused suites come first so that most mutants are killed before the long
 * ones (fuzzing, takeovers) start.
 */
const include = [
  "test/server/roomRates.test.ts",
  "test/server/roomRecords.test.ts",
  "test/server/roomSeats.test.ts",
  "test/server/httpRoutes.test.ts",
  "test/server/roomBehaviour.test.ts",
  "test/server/venueRoom.test.ts",
  "test/server/liveSession.test.ts",
  "test/server/joinHardening.test.ts",
  "test/server/httpHardening.test.ts",
  "test/server/hostileMessages.test.ts",
];

export default defineConfig({
  test: {
    include,
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "threads",
    isolate: false,
    sequence: { sequencer: listedOrder(include) },
  },
});
