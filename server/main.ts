import { startGrove } from "./app.js";

const port = Number(process.env.PORT ?? 2567);
const grove = await startGrove({
  port,
  databaseUrl: process.env.DATABASE_URL,
  sqlitePath: process.env.GROVE_SQLITE_PATH ?? "./data/grove.sqlite",
  handleSignals: true,
});
console.log(`Grove is running on ${grove.url} (database: ${grove.store.dialect}); the demo event is at ${grove.url}/e/demo`);
