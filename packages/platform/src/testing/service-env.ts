import { randomUUID } from 'node:crypto';
import type { Rank, Role } from '@denpyo/schemas';
import type { ServiceEnv } from '../config';
import type { EventBus } from '../events/event-bus';
import { issueToken } from '../http/auth';
import { uniqueSchema } from './names';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

/** Environment for a service under test: the jest run's database, a fresh schema, any free port. */
export function testServiceEnv(name: string, overrides: Partial<ServiceEnv> = {}): ServiceEnv {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl)
    throw new Error('TEST_DATABASE_URL is not set: use the platform jest globalSetup');
  return {
    DATABASE_URL: databaseUrl,
    DB_SCHEMA: uniqueSchema(name),
    EVENT_LOG_SCHEMA: uniqueSchema('eventlog'),
    PORT: 0,
    HOST: '127.0.0.1',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    CITY_NAME: 'テスト市',
    DEMO_MODE: false,
    ...overrides,
  };
}

/**
 * A bearer header for a test user with the given role (vendors get a vendor id; approvers the
 * rank 課長 unless another is given).
 */
export async function bearer(
  role: Role,
  options: {
    username?: string;
    vendorId?: string;
    displayName?: string;
    title?: string;
    rank?: Rank;
  } = {},
): Promise<string> {
  const username = options.username ?? `${role}-${randomUUID().slice(0, 8)}`;
  const token = await issueToken(
    {
      username,
      roles: [role],
      displayName: options.displayName ?? `試験 ${username}`,
      title: options.title ?? '主事',
      ...(role === 'vendor' ? { vendorId: options.vendorId ?? randomUUID() } : {}),
      ...(role === 'approver' ? { rank: options.rank ?? 'kacho' } : {}),
    },
    TEST_JWT_SECRET,
  );
  return `Bearer ${token}`;
}

/** The event bus of a started service (every service but the portal has one). */
export function eventBusOf(service: { runtime: { bus?: EventBus } }): EventBus {
  if (!service.runtime.bus) throw new Error('This service has no event bus');
  return service.runtime.bus;
}
