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

export async function isolatedPostgres(url: string, name: string): Promise<DatabaseTarget> {
  const drop = `drop database if exists ${name} with (force)`;
  await onPostgres(url, [drop, `create database ${name}`]);
  const isolated = new URL(url);
  isolated.pathname = `/${name}`;
  return { url: isolated.toString(), cleanup: () => onPostgres(url, [drop]) };
}

export function databaseTargets(name: string): Array<[string, () => Promise<DatabaseTarget>]> {
  const targets: Array<[string, () => Promise<DatabaseTarget>]> = [["sqlite", async () => ({ url: undefined, cleanup: async () => {} })]];
  const databaseUrl = process.env.DATABASE_URL;
  if (process.env.GROVE_REQUIRE_POSTGRES && !databaseUrl) throw new Error("GROVE_REQUIRE_POSTGRES is set but DATABASE_URL is not");
  if (databaseUrl) targets.push(["postgres", () => isolatedPostgres(databaseUrl, name)]);
  return targets;
}
