// The PostgreSQL event log: the event bus for a single machine (see `PostgresEventLog`).
export { PostgresEventLog } from './event-log';
export type { PostgresEventLogOptions } from './settings';
export { EVENTLOG_MIGRATIONS } from './migrations';
export { partitionForKey } from './keys';
