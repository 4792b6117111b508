import { randomUUID } from 'node:crypto';
import {
  createPrismaClient,
  createUnitOfWork,
  ok,
  startService,
  type RunningService,
  type UnitOfWork,
} from '@denpyo/platform';
import { testServiceEnv, waitFor } from '@denpyo/platform/testing';
import { CONSUMER_GROUP } from '../src/application';
import { projectApprovedContract } from '../src/db/projections';
import type { Db, Tx } from '../src/db/prisma';
import { PrismaClient } from '../src/generated/prisma/client';
import { invoiceService } from '../src/service';
import {
  contractApproved,
  publishContractEvent,
  registrationNumber,
  vendorRegistered,
} from './helpers';

let service: RunningService;
let prisma: Db;
let uow: UnitOfWork<Tx>;

beforeAll(async () => {
  service = await startService(invoiceService, testServiceEnv('invoice'));
  prisma = createPrismaClient(PrismaClient, service.runtime);
  uow = createUnitOfWork<Tx>(prisma);
});

afterAll(async () => {
  await prisma.$disconnect();
  await service.stop();
});

async function count(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await service.runtime.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${sql}`,
    params,
  );
  return rows[0].n;
}

const inboxCount = (eventId: string) =>
  count('inbox WHERE consumer = $1 AND event_id = $2', [CONSUMER_GROUP, eventId]);

describe('contract topic consumer', () => {
  it('projects a registered vendor with its registration number', async () => {
    const vendorId = randomUUID();
    const registration = registrationNumber('555555555555');
    await publishContractEvent(service, vendorRegistered(vendorId, registration));
    const row = await waitFor(async () => {
      const { rows } = await service.runtime.pool.query(
        'SELECT name, invoice_registration_number FROM vendors WHERE vendor_id = $1',
        [vendorId],
      );
      return rows[0];
    });
    expect(row).toEqual({
      name: '株式会社デンピョウ建設',
      invoice_registration_number: registration,
    });
  });

  it('keeps the v2 facts: vendor and contract kinds, 契約締結日, schedule; v1 defaults', async () => {
    const [individual, company] = [randomUUID(), randomUUID()];
    const [works, v1] = [randomUUID(), randomUUID()];
    const schedule = [
      { fiscalYear: 2026, amount: 1_000_000 },
      { fiscalYear: 2027, amount: 2_000_000 },
    ];
    await publishContractEvent(service, vendorRegistered(individual, undefined, 'individual'));
    await publishContractEvent(service, vendorRegistered(company));
    await publishContractEvent(
      service,
      contractApproved(works, individual, 3_000_000, {
        kind: 'works',
        concludedOn: '2026-11-02',
        schedule,
      }),
    );
    await publishContractEvent(service, contractApproved(v1, company, 1_000));
    const contracts = await waitFor(async () => {
      const { rows } = await service.runtime.pool.query(
        `SELECT contract_id, kind, concluded_on::text FROM approved_contracts
         WHERE contract_id IN ($1, $2) ORDER BY kind DESC`,
        [works, v1],
      );
      return rows.length === 2 && rows;
    });
    expect(contracts).toEqual([
      { contract_id: works, kind: 'works', concluded_on: '2026-11-02' },
      { contract_id: v1, kind: 'services', concluded_on: null },
    ]);
    // The years that bear the payments: the schedule, or the contract's one year for all of it.
    const { rows: years } = await service.runtime.pool.query(
      `SELECT contract_id, fiscal_year AS "fiscalYear", amount::int, invoiced_total::int
       FROM contract_years WHERE contract_id IN ($1, $2) ORDER BY amount`,
      [works, v1],
    );
    expect(years).toEqual([
      { contract_id: v1, fiscalYear: 2026, amount: 1_000, invoiced_total: 0 },
      ...schedule.map((year) => ({ contract_id: works, ...year, invoiced_total: 0 })),
    ]);
    const { rows: vendors } = await service.runtime.pool.query(
      'SELECT vendor_id, kind FROM vendors WHERE vendor_id IN ($1, $2) ORDER BY kind DESC',
      [individual, company],
    );
    expect(vendors).toEqual([
      { vendor_id: individual, kind: 'individual' },
      { vendor_id: company, kind: 'corporation' },
    ]);
  });

  it('applies a redelivered ContractApproved once', async () => {
    const contractId = randomUUID();
    const event = contractApproved(contractId, randomUUID(), 3_000_000);
    await publishContractEvent(service, event);
    await publishContractEvent(service, event);
    // A later event on the same key proves both deliveries were handled.
    const marker = vendorRegistered(randomUUID());
    await publishContractEvent(service, { ...marker, aggregateId: contractId });
    await waitFor(async () => (await inboxCount(marker.id)) === 1);

    expect(await inboxCount(event.id)).toBe(1);
    const { rows } = await service.runtime.pool.query(
      `SELECT document_number, amount::int, invoiced_total::int, fiscal_year, budget_code, tax_rate
       FROM approved_contracts WHERE contract_id = $1`,
      [contractId],
    );
    expect(rows).toEqual([
      {
        document_number: 'CT-2026-000007',
        amount: 3_000_000,
        invoiced_total: 0,
        fiscal_year: 2026,
        budget_code: '08.02.01.15',
        tax_rate: 10,
      },
    ]);
  });

  it('leaves nothing behind when the handler fails halfway, and applies the redelivery once', async () => {
    const contractId = randomUUID();
    const event = contractApproved(contractId, randomUUID(), 1_000);
    const contractRows = () => count('approved_contracts WHERE contract_id = $1', [contractId]);

    const delivery = { event, consumer: CONSUMER_GROUP };
    await expect(
      uow.runOnce(delivery, async ({ tx }) => {
        await projectApprovedContract(tx, event.payload);
        throw new Error('crashed after the write');
      }),
    ).rejects.toThrow('crashed after the write');
    expect(await contractRows()).toBe(0);
    expect(await inboxCount(event.id)).toBe(0);

    const apply = async ({ tx }: { tx: Tx }) => {
      await projectApprovedContract(tx, event.payload);
      return ok(undefined);
    };
    expect(await uow.runOnce(delivery, apply)).toEqual({ ok: true, value: undefined });
    expect(await uow.runOnce(delivery, apply)).toBeUndefined();
    expect(await contractRows()).toBe(1);
    expect(await inboxCount(event.id)).toBe(1);
  });
});
