import stopTestDatabase from '../../../../packages/platform/src/testing/global-teardown';

export default async function globalTeardown(): Promise<void> {
  const system = (globalThis as { __denpyoBrowserSystem?: { stop(): Promise<void> } })
    .__denpyoBrowserSystem;
  await system?.stop();
  await stopTestDatabase();
}
