// Shared set-up for the component tests: the real service in-process on a fresh schema.
import { corporateNumberCheckDigit } from '@denpyo/jp';
import { startService, type RunningService } from '@denpyo/platform';
import { bearer, testServiceEnv } from '@denpyo/platform/testing';
import type { Rank, Role, VendorCreateRequest } from '@denpyo/schemas';
import request from 'supertest';
import { contractService } from '../src/service';

/**
 * The day the component tests run on (FY2026, which contractRequest's period lies in): pinned,
 * so a contract of FY2026 can still be made whatever the wall clock says (会計年度独立).
 */
export const TEST_TODAY = '2026-09-01';

export const startContractService = (): Promise<RunningService> =>
  startService(contractService, { ...testServiceEnv('contract'), DENPYO_TODAY: TEST_TODAY });

export const as = (role: Role, username?: string, vendorId?: string): Promise<string> =>
  bearer(role, { username: username ?? `${role}-user`, vendorId });

export const corporateNumber = (twelveDigits: string): string =>
  `${corporateNumberCheckDigit(twelveDigits)}${twelveDigits}`;

export const vendorRequest = (
  overrides: Partial<VendorCreateRequest> = {},
): VendorCreateRequest => ({
  name: '株式会社デンピョウ建設',
  nameKana: 'カブシキガイシャデンピョウケンセツ',
  corporateNumber: corporateNumber('234567890123'),
  invoiceRegistrationNumber: `T${corporateNumber('234567890123')}`,
  bankAccount: {
    bankCode: '0001',
    branchCode: '001',
    type: 'ordinary',
    number: '1234567',
    holderKana: 'カ）デンピョウケンセツ',
  },
  ...overrides,
});

let budgetCodes = 0;
/** A budget code no other test in the file uses. */
export const nextBudgetCode = (): string => {
  budgetCodes += 1;
  return `01.01.${String(Math.floor(budgetCodes / 100)).padStart(2, '0')}.${String(budgetCodes % 100).padStart(2, '0')}`;
};

export async function createVendor(service: RunningService): Promise<string> {
  const response = await request(service.app)
    .post('/api/vendors')
    .set('Authorization', await as('procurement'))
    .send(vendorRequest())
    .expect(201);
  return response.body.id as string;
}

export async function createBudget(
  service: RunningService,
  amount: number,
  fiscalYear = 2026,
): Promise<string> {
  const code = nextBudgetCode();
  await request(service.app)
    .post('/api/budgets')
    .set('Authorization', await as('accountant'))
    .send({ fiscalYear, code, name: '委託料', amount })
    .expect(201);
  return code;
}

export interface ContractFixture {
  vendorId: string;
  budgetCode: string;
  amount: number;
  fiscalYear?: number;
}

export const contractRequest = ({
  vendorId,
  budgetCode,
  amount,
  fiscalYear = 2026,
}: ContractFixture) => ({
  vendorId,
  title: '庁舎清掃業務委託',
  budgetCode,
  fiscalYear,
  amount,
  taxRate: 10,
  startDate: '2026-06-01',
  endDate: '2027-03-31',
});

/** A contract drafted by `procurement-user` and submitted by `procurement-submitter`. */
export async function createSubmittedContract(
  service: RunningService,
  fixture: ContractFixture,
): Promise<string> {
  const created = await request(service.app)
    .post('/api/contracts')
    .set('Authorization', await as('procurement'))
    .send(contractRequest(fixture))
    .expect(201);
  await request(service.app)
    .post(`/api/contracts/${created.body.id}/submit`)
    .set('Authorization', await as('procurement', 'procurement-submitter'))
    .expect(200);
  return created.body.id as string;
}

/** An approver's bearer header with a rank (課長 unless given). */
export const asApprover = (username: string, rank: Rank = 'kacho'): Promise<string> =>
  bearer('approver', { username, rank });

export async function approve(
  service: RunningService,
  contractId: string,
  approver: string,
  rank: Rank = 'kacho',
) {
  return request(service.app)
    .post(`/api/contracts/${contractId}/approve`)
    .set('Authorization', await asApprover(approver, rank))
    .send({ comment: `${approver} の承認` });
}

export async function outboxEvents(service: RunningService, type: string, aggregateId: string) {
  const { rows } = await service.runtime.pool.query<{
    envelope: { type: string; payload: Record<string, unknown> };
  }>(`SELECT envelope FROM outbox WHERE envelope->>'type' = $1 AND key = $2 ORDER BY seq`, [
    type,
    aggregateId,
  ]);
  return rows.map((row) => row.envelope);
}
