import type { AttemptHistory, ThrottlePolicy } from '../domain/login-throttle';
import type { Db } from './prisma';

/** How long a failure is remembered at all; older rows are pruned. */
export const FAILURE_RETENTION_HOURS = 24;

/** An attempt written before its password is checked, and what came before it. */
export interface BegunAttempt {
  id: bigint;
  history: AttemptHistory;
}

interface HistoryRow {
  now: Date;
  pair_failures: number;
  pair_last: Date | null;
  account_failures: number;
  account_last: Date | null;
  client_failures: number;
  client_oldest: Date | null;
  global_failures: number;
}

/**
 * Records an attempt of `client` on `account` as a failure before its password is checked, and
 * reads the attempts before it. The pair's advisory lock makes concurrent attempts of one
 * client on one account take turns, so a burst of parallel guesses is judged one by one rather
 * than all against the same empty history. Counts stop at the limits that matter, so a flood
 * does not make each check slower.
 */
export async function beginAttempt(
  db: Db,
  account: string,
  client: string,
  policy: ThrottlePolicy,
): Promise<BegunAttempt> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${account}\u0001${client}`}, 8))::text`;
    const [inserted] = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO login_failures (account, client) VALUES (${account}, ${client}) RETURNING id`;
    const own = inserted?.id ?? 0n;
    const accountSeconds = policy.accountWindowMs / 1000;
    const clientSeconds = policy.clientWindowMs / 1000;
    const [row] = await tx.$queryRaw<HistoryRow[]>`
      SELECT now() AS now,
        (SELECT count(*)::int FROM login_failures
          WHERE account = ${account} AND client = ${client} AND id < ${own}) AS pair_failures,
        (SELECT max(failed_at) FROM login_failures
          WHERE account = ${account} AND client = ${client} AND id < ${own}) AS pair_last,
        (SELECT count(*)::int FROM (SELECT 1 FROM login_failures
          WHERE account = ${account} AND id < ${own}
            AND failed_at > now() - make_interval(secs => ${accountSeconds}::float8)
          LIMIT ${policy.accountFailureLimit + 64}) a) AS account_failures,
        (SELECT max(failed_at) FROM login_failures
          WHERE account = ${account} AND id < ${own}
            AND failed_at > now() - make_interval(secs => ${accountSeconds}::float8)) AS account_last,
        (SELECT count(*)::int FROM (SELECT 1 FROM login_failures
          WHERE client = ${client} AND id < ${own}
            AND failed_at > now() - make_interval(secs => ${clientSeconds}::float8)
          LIMIT ${policy.clientFailureLimit}) c) AS client_failures,
        (SELECT min(failed_at) FROM login_failures
          WHERE client = ${client} AND id < ${own}
            AND failed_at > now() - make_interval(secs => ${clientSeconds}::float8)) AS client_oldest,
        (SELECT count(*)::int FROM (SELECT 1 FROM login_failures
          WHERE id < ${own} AND failed_at > now() - interval '1 minute'
          LIMIT ${policy.globalFailuresPerMinute}) g) AS global_failures`;
    if (!row) throw new Error('login_failures: no history row');
    return { id: own, history: historyOf(row) };
  });
}

function historyOf(row: HistoryRow): AttemptHistory {
  const at = (date: Date | null) => (date ? { at: date.getTime() } : {});
  return {
    now: row.now.getTime(),
    pair: { failures: row.pair_failures, ...rename(at(row.pair_last), 'lastAt') },
    account: { failures: row.account_failures, ...rename(at(row.account_last), 'lastAt') },
    client: { failures: row.client_failures, ...rename(at(row.client_oldest), 'oldestAt') },
    global: { failures: row.global_failures },
  };
}

function rename<K extends string>(value: { at?: number }, key: K): Partial<Record<K, number>> {
  return value.at === undefined ? {} : ({ [key]: value.at } as Record<K, number>);
}

/** The password was right: this client's failures on the account up to this attempt are forgotten. */
export async function forgetPairFailures(
  db: Db,
  account: string,
  client: string,
  upTo: bigint,
): Promise<void> {
  await db.$executeRaw`
    DELETE FROM login_failures WHERE account = ${account} AND client = ${client} AND id <= ${upTo}`;
}

/** The attempt was refused before any check (throttled, or hashing busy): it was no guess. */
export async function forgetAttempt(db: Db, id: bigint): Promise<void> {
  await db.$executeRaw`DELETE FROM login_failures WHERE id = ${id}`;
}

/** Drops failures older than the retention; the throttle never looks further back. */
export async function pruneFailures(db: Db): Promise<number> {
  return db.$executeRaw`
    DELETE FROM login_failures
     WHERE failed_at < now() - make_interval(hours => ${FAILURE_RETENTION_HOURS})`;
}
