import { ensureServerBuilt } from "./groveProcess.js";

/**
 * Vitest global setup: the suites that run Grove as `npm start` does need the compiled server. Building it once
 * here, before any worker starts, keeps two suites from compiling into dist/ at the same moment.
 */
export default function setup(): void {
  ensureServerBuilt();
}
