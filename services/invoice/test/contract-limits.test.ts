// What the contract service decides on its own projection (completion, cancellation, amendments,
// a multi-year contract's per-year amounts) against the invoices this service holds, over HTTP on
// a pinned clock. The contract service counts an invoice only once its InvoiceReceived arrives
// there; an invoice received here in between is "in the window".
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { buildEvent, startService, type RunningService } from '@denpyo/platform';
import { bearer, testServiceEnv, waitFor } from '@denpyo/platform/testing';
import type {
  ContractAmended,
  ContractApproved,
  ContractClosed,
  DomainEvent,
} from '@denpyo/schemas';
import { invoiceService } from '../src/service';
import {
  approvedContract,
  invoiceBody,
  publishContractEvent,
  type ContractFixture,
} from './helpers';

let service: RunningService;
let procurement: string;
let inspector: string;
let accountant: string;

beforeAll(async () => {
  service = await startService(invoiceService, {
    ...testServiceEnv('invoice'),
    DENPYO_TODAY: '2026-12-07',
  });
  procurement = await bearer('procurement', { username: 'alice' });
  inspector = await bearer('procurement', { username: 'bob' });
  accountant = await bearer('accountant', { username: 'carol' });
});

afterAll(() => service.stop());

const context = { actor: 'contract-service-test', correlationId: 'test-correlation' };

/** An invoice of `amount` yen at 0% (so its total is `amount`). */
const receive = (contractId: string, amount: number) =>
  request(service.url)
    .post('/api/invoices')
    .set('Authorization', procurement)
    .send(invoiceBody(contractId, { lines: [{ description: '業務 一式', amount, taxRate: 0 }] }));

async function received(contractId: string, amount: number): Promise<string> {
  const response = await receive(contractId, amount).expect(201);
  return response.body.id;
}

const act = (id: string, action: string, auth: string, body: object = {}) =>
  request(service.url).post(`/api/invoices/${id}/${action}`).set('Authorization', auth).send(body);

async function inspected(contractId: string, amount: number): Promise<string> {
  const id = await received(contractId, amount);
  await act(id, 'inspect', inspector).expect(200);
  return id;
}

const statusOf = async (id: string) =>
  (await request(service.url).get(`/api/invoices/${id}`).set('Authorization', procurement)).body
    .status;

/** Delivers a contract event and waits until this service has applied it. */
async function deliver(event: DomainEvent): Promise<void> {
  await publishContractEvent(service, event);
  await waitFor(async () => {
    const { rows } = await service.runtime.pool.query('SELECT 1 FROM inbox WHERE event_id = $1', [
      event.id,
    ]);
    return rows.length === 1;
  });
}

function closed(contract: ContractFixture, closure: Omit<ContractClosed, 'contractId'>) {
  const { contractId } = contract;
  return deliver(buildEvent('ContractClosed', contractId, { contractId, ...closure }, context));
}

function amended(
  contract: ContractFixture,
  amount: number,
  previousAmount: number,
  schedule?: ContractAmended['schedule'],
) {
  const { contractId } = contract;
  return deliver(
    buildEvent(
      'ContractAmended',
      contractId,
      {
        contractId,
        amendmentId: randomUUID(),
        amount,
        previousAmount,
        endDate: '2027-03-31',
        approvedAt: new Date().toISOString(),
        ...(schedule ? { schedule } : {}),
      },
      context,
    ),
  );
}

describe('the payment order (支出命令) of an invoice the contract service had not counted', () => {
  it('is refused on a contract completed without it, until the excess is rejected', async () => {
    const contract = await approvedContract(service, { amount: 1_000_000 });
    const counted = await inspected(contract.contractId, 300_000);
    const inWindow = await inspected(contract.contractId, 200_000);
    // Completed having seen 300,000 invoiced: the other 700,000 of the encumbrance is released.
    await closed(contract, {
      outcome: 'completed',
      releasedAmount: 700_000,
    });

    for (const id of [inWindow, counted]) {
      const refused = await act(id, 'approve', accountant).expect(422);
      expect(refused.body.detail).toBe(
        'The contract was completed keeping 300000 of its amount, but its invoices here total 500000: reject the invoices beyond it before ordering payment',
      );
      expect(await statusOf(id)).toBe('inspected');
    }

    await act(inWindow, 'reject', accountant, { reason: '契約完了後の請求' }).expect(200);
    await act(counted, 'approve', accountant).expect(200);
  });

  it('is refused on a contract cancelled without it', async () => {
    const contract = await approvedContract(service, { amount: 1_000_000 });
    const inWindow = await inspected(contract.contractId, 100_000);
    await closed(contract, {
      outcome: 'cancelled',
      releasedAmount: 1_000_000,
      reason: '事業中止',
    });
    const refused = await act(inWindow, 'approve', accountant).expect(422);
    expect(refused.body.detail).toBe(
      'The contract was cancelled keeping 0 of its amount, but its invoices here total 100000: reject the invoices beyond it before ordering payment',
    );
    expect(await statusOf(inWindow)).toBe('inspected');
  });

  it('is refused while the invoices exceed an amount decreased without them', async () => {
    const contract = await approvedContract(service, { amount: 300_000 });
    const counted = await inspected(contract.contractId, 100_000);
    const inWindow = await inspected(contract.contractId, 100_000);
    // The contract service saw 100,000 invoiced, so a decrease to 150,000 was allowed.
    await amended(contract, 150_000, 300_000);

    const refused = await act(counted, 'approve', accountant).expect(422);
    expect(refused.body.detail).toBe(
      'The invoices against the contract total 200000, above its amount 150000: reject the invoices beyond it before ordering payment',
    );
    await act(inWindow, 'reject', accountant, { reason: '変更契約後の超過' }).expect(200);
    await act(counted, 'approve', accountant).expect(200);
  });
});

describe('the per-year amounts of a multi-year contract (債務負担行為)', () => {
  // A contract of fiscal year 2025 running into 2026: claims arriving on 2026-12-07 are 2026's.
  const schedule: ContractApproved['schedule'] = [
    { fiscalYear: 2025, amount: 500_000 },
    { fiscalYear: 2026, amount: 300_000 },
  ];
  const multiYear = () =>
    approvedContract(service, { amount: 800_000, contract: { fiscalYear: 2025, schedule } });

  async function years(contractId: string) {
    const { rows } = await service.runtime.pool.query(
      `SELECT fiscal_year, amount::int, invoiced_total::int FROM contract_years
       WHERE contract_id = $1 ORDER BY fiscal_year`,
      [contractId],
    );
    return rows;
  }

  it('refuses an invoice taking a year beyond its amount, and releases the same year on rejection', async () => {
    const contract = await multiYear();
    const first = await received(contract.contractId, 200_000);
    expect(
      (await request(service.url).get(`/api/invoices/${first}`).set('Authorization', procurement))
        .body.fiscalYear,
    ).toBe(2026);

    // The contract as a whole has 600,000 left; fiscal year 2026 has 100,000.
    const refused = await receive(contract.contractId, 150_000).expect(422);
    expect(refused.body.detail).toBe(
      'The invoice total 150000 exceeds what fiscal year 2026 has left of its scheduled 300000: 100000 (200000 invoiced)',
    );
    expect(await years(contract.contractId)).toEqual([
      { fiscal_year: 2025, amount: 500_000, invoiced_total: 0 },
      { fiscal_year: 2026, amount: 300_000, invoiced_total: 200_000 },
    ]);

    await act(first, 'reject', accountant, { reason: '金額誤り' }).expect(200);
    await received(contract.contractId, 150_000);
    expect(await years(contract.contractId)).toEqual([
      { fiscal_year: 2025, amount: 500_000, invoiced_total: 0 },
      { fiscal_year: 2026, amount: 300_000, invoiced_total: 150_000 },
    ]);
  });

  it('never lets concurrent invoices together take a year beyond its amount', async () => {
    const contract = await multiYear();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => receive(contract.contractId, 100_000)),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 201, 201, 422, 422]);
    expect(await years(contract.contractId)).toEqual([
      { fiscal_year: 2025, amount: 500_000, invoiced_total: 0 },
      { fiscal_year: 2026, amount: 300_000, invoiced_total: 300_000 },
    ]);
  });

  it('restates the years from an amendment’s schedule, and keeps them when it has none', async () => {
    const contract = await multiYear();
    await received(contract.contractId, 300_000);
    await receive(contract.contractId, 1).expect(422);

    await amended(contract, 900_000, 800_000, [
      { fiscalYear: 2025, amount: 500_000 },
      { fiscalYear: 2026, amount: 400_000 },
    ]);
    await received(contract.contractId, 100_000);
    await receive(contract.contractId, 1).expect(422);

    // No schedule: the years stand as they were.
    await amended(contract, 1_000_000, 900_000);
    expect(await years(contract.contractId)).toEqual([
      { fiscal_year: 2025, amount: 500_000, invoiced_total: 0 },
      { fiscal_year: 2026, amount: 400_000, invoiced_total: 400_000 },
    ]);
    await receive(contract.contractId, 1).expect(422);
  });

  it('refuses the payment order once an amendment takes the year below what is invoiced in it', async () => {
    const contract = await multiYear();
    const id = await inspected(contract.contractId, 300_000);
    // The contract service does not know what is invoiced per year: it moved 100,000 to 2025.
    await amended(contract, 800_000, 800_000, [
      { fiscalYear: 2025, amount: 600_000 },
      { fiscalYear: 2026, amount: 200_000 },
    ]);
    const refused = await act(id, 'approve', accountant).expect(422);
    expect(refused.body.detail).toBe(
      'The invoices of fiscal year 2026 total 300000, above its scheduled amount 200000: reject the invoices beyond it before ordering payment',
    );
    expect(await statusOf(id)).toBe('inspected');
  });

  it('keeps a single-year contract’s one year at its amended amount', async () => {
    const contract = await approvedContract(service, { amount: 200_000 });
    await received(contract.contractId, 200_000);
    await amended(contract, 300_000, 200_000);
    await received(contract.contractId, 100_000);
    expect(await years(contract.contractId)).toEqual([
      { fiscal_year: 2026, amount: 300_000, invoiced_total: 300_000 },
    ]);
  });
});
