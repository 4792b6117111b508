import { startTestDatabase } from './database';

/**
 * Jest globalSetup shared by every package with database tests: one database per jest run,
 * its URL handed to the test files as TEST_DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  const database = await startTestDatabase();
  process.env.TEST_DATABASE_URL = database.url;
  (globalThis as { __denpyoTestDatabase?: typeof database }).__denpyoTestDatabase = database;
}
