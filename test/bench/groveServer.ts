/** Bench entry: the real Grove server (store on a temporary SQLite file, quiet logs), measured from inside. */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { announceReady, serveBenchIpc } from "./instrumentServer.js";
import { startGrove } from "../../server/app.js";

const sqlitePath = join(tmpdir(), `grove-bench-${process.pid}-${Date.now()}.sqlite`);
const grove = await startGrove({ port: 0, host: "127.0.0.1", sqlitePath, quiet: true, trustProxy: "loopback" });
serveBenchIpc(async () => {
  await grove.stop();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(sqlitePath + suffix, { force: true });
});
announceReady(grove.port);
