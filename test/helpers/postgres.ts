import pg from "pg";

/**
 * The databases a suite runs on: SQLite always, PostgreSQL too when DATABASE_URL is set. Each PostgreSQL run gets a
 * database of its own, made afresh for the suite (named `name`), so suites that drop their tables in
 * DATABASE_URL's database (store.test.ts) can run beside it. CI sets GROVE_REQUIRE_POSTGRES so that a missing
 * database fails loudly instead of quietly testing SQLite only.
 */
export interface DatabaseTarget {
  /** The database's URL; undefined for SQLite (the suite picks a file). */
  url: string | undefined;
  cleanup(): Promise<void>;
}

async function onPostgres(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Drops the database once the suite's own connections are gone. A pool that was just ended may still have a socket
 * closing; dropping WITH (FORCE) then would send it a FATAL that nobody listens for any more (an unhandled error).
 * So it waits for them, and forces only a database someone else still holds after that.
 */
async function dropWhenFree(url: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    try {
      await onPostgres(url, [`drop database if exists ${name}`]);
      return;
    } catch (e) {
      // 55006: "database … is being accessed by other users". Anything else is a real failure.
      if ((e as { code?: string }).code !== "55006") throw e;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await onPostgres(url, [`drop database if exists ${name} with (force)`]);
}

export async function isolatedPostgres(url: string, name: string): Promise<DatabaseTarget> {
  await dropWhenFree(url, name);
  await onPostgres(url, [`create database ${name}`]);
  const isolated = new URL(url);
  isolated.pathname = `/${name}`;
  return { url: isolated.toString(), cleanup: () => dropWhenFree(url, name) };
}

export function databaseTargets(name: string): Array<[string, () => Promise<DatabaseTarget>]> {
  const targets: Array<[string, () => Promise<DatabaseTarget>]> = [["sqlite", async () => ({ url: undefined, cleanup: async () => {} })]];
  const databaseUrl = process.env.DATABASE_URL;
  if (process.env.GROVE_REQUIRE_POSTGRES && !databaseUrl) throw new Error("GROVE_REQUIRE_POSTGRES is set but DATABASE_URL is not");
  if (databaseUrl) targets.push(["postgres", () => isolatedPostgres(databaseUrl, name)]);
  return targets;
}
