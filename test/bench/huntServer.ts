/**
 * Bench entry for `npm run bench:hunt`: the real Grove server on a temporary SQLite file in a folder of its own (the
 * hunt's HMAC key is made there), with a known operator token so the bench can write the hunt, trusting loopback
 * proxies so each bot and each scanner counts as an address of its own (as phones do).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { announceReady, serveBenchIpc } from "./instrumentServer.js";
import { startGrove } from "../../server/app.js";

const dir = mkdtempSync(join(tmpdir(), "grove-hunt-bench-"));
const grove = await startGrove({
  port: 0,
  host: "127.0.0.1",
  sqlitePath: join(dir, "grove.sqlite"),
  dataDir: dir,
  quiet: true,
  trustProxy: "loopback",
  operatorToken: process.env.BENCH_OPERATOR_TOKEN ?? "bench-operator-token-0123456789",
});
serveBenchIpc(async () => {
  await grove.stop();
  rmSync(dir, { recursive: true, force: true });
});
announceReady(grove.port);
