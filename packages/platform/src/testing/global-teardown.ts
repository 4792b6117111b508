import type { startTestDatabase } from './database';

export default async function globalTeardown(): Promise<void> {
  const database = (
    globalThis as { __denpyoTestDatabase?: Awaited<ReturnType<typeof startTestDatabase>> }
  ).__denpyoTestDatabase;
  await database?.stop();
}
