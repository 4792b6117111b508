import { join } from 'node:path';
import type { MigrationSource } from '../../db/migrator';

/** The log's own tables (topics, partition heads, messages, consumer offsets). */
export const EVENTLOG_MIGRATIONS: MigrationSource = {
  stream: 'eventlog',
  // packages/platform/eventlog-migrations, from both src/ and dist/.
  dir: join(__dirname, '..', '..', '..', 'eventlog-migrations'),
};
