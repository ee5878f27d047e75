// Integration tests: a fresh database, migrated by the project's own runner.
import { applyTestEnv, testDatabaseUrl } from "./test-env";
import { recreateDatabase } from "./fresh-database";

export default async function setup() {
  applyTestEnv();
  await recreateDatabase(testDatabaseUrl());
}
