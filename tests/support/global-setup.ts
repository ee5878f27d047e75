// Integration tests: a fresh database, migrated by the project's own runner.
import pg from "pg";
import { applyTestEnv, testDatabaseUrl } from "./test-env";

export default async function setup() {
  applyTestEnv();
  const url = new URL(testDatabaseUrl());
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await client.end();
  const { migrate } = await import("@/lib/db/migrator");
  await migrate({ url: url.toString() });
}
