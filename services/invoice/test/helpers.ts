import type { Stream } from 'node:stream';
import { eventBusOf, waitFor } from '@denpyo/platform/testing';
import { randomUUID } from 'node:crypto';
import { corporateNumberCheckDigit } from '@denpyo/jp';
import { buildEvent, type RunningService } from '@denpyo/platform';
import {
  TOPICS,
  type ContractApproved,
  type DomainEvent,
  type EventType,
  type InvoiceCreateRequest,
  type VendorKind,
} from '@denpyo/schemas';

/** A registration number with a correct check digit, from any twelve digits. */
export function registrationNumber(twelveDigits: string): string {
  return `T${corporateNumberCheckDigit(twelveDigits)}${twelveDigits}`;
}

const context = { actor: 'contract-service-test', correlationId: 'test-correlation' };

/** Delivers an event as the contract service would: on its topic, keyed by the aggregate. */
export async function publishContractEvent(
  service: RunningService,
  event: DomainEvent,
): Promise<void> {
  await eventBusOf(service).publish([
    { topic: TOPICS.contract, key: event.aggregateId, value: JSON.stringify(event) },
  ]);
}

/** Delivers an event as the payment service would. */
export async function publishPaymentEvent(
  service: RunningService,
  event: DomainEvent,
): Promise<void> {
  await eventBusOf(service).publish([
    { topic: TOPICS.payment, key: event.aggregateId, value: JSON.stringify(event) },
  ]);
}

export function vendorRegistered(
  vendorId: string,
  invoiceRegistrationNumber?: string,
  kind?: VendorKind,
) {
  return buildEvent(
    'VendorRegistered',
    vendorId,
    {
      vendorId,
      name: '株式会社デンピョウ建設',
      nameKana: 'ｶﾌﾞｼｷｶﾞｲｼﾔ ﾃﾞﾝﾋﾟﾖｳｹﾝｾﾂ',
      ...(invoiceRegistrationNumber ? { invoiceRegistrationNumber } : {}),
      ...(kind ? { kind } : {}),
      bankAccount: {
        bankCode: '0001',
        branchCode: '001',
        type: 'ordinary',
        number: '1234567',
        holderKana: 'ﾃﾞﾝﾋﾟﾖｳｹﾝｾﾂ',
      },
    },
    context,
  );
}

export function contractApproved(
  contractId: string,
  vendorId: string,
  amount: number,
  extra: Partial<ContractApproved> = {},
) {
  return buildEvent(
    'ContractApproved',
    contractId,
    {
      contractId,
      documentNumber: 'CT-2026-000007',
      vendorId,
      title: '市道1号線舗装補修工事',
      amount,
      taxRate: 10,
      fiscalYear: 2026,
      budgetCode: '08.02.01.15',
      approvedAt: new Date().toISOString(),
      ...extra,
    },
    context,
  );
}

export const VENDOR_REGISTRATION = registrationNumber('234567890123');

export interface ContractFixture {
  contractId: string;
  vendorId: string;
  amount: number;
}

/** An approved contract (and its registered vendor) as this service learns it: from events. */
export async function approvedContract(
  service: RunningService,
  {
    amount = 1_000_000,
    // null registers the vendor without an invoice registration number.
    registration = VENDOR_REGISTRATION as string | null,
    vendorKind = undefined as VendorKind | undefined,
    contract = {} as Partial<ContractApproved>,
  } = {},
): Promise<ContractFixture> {
  const vendorId = randomUUID();
  const contractId = randomUUID();
  await publishContractEvent(
    service,
    vendorRegistered(vendorId, registration ?? undefined, vendorKind),
  );
  await publishContractEvent(service, contractApproved(contractId, vendorId, amount, contract));
  await waitFor(async () => {
    const { rows } = await service.runtime.pool.query(
      `SELECT 1 FROM approved_contracts c JOIN vendors v USING (vendor_id) WHERE c.contract_id = $1`,
      [contractId],
    );
    return rows.length === 1;
  });
  return { contractId, vendorId, amount };
}

let invoiceCounter = 0;

/** A valid request: 100,000 yen at 10%, so a total of 110,000 yen. */
export function invoiceBody(
  contractId: string,
  overrides: Partial<InvoiceCreateRequest> = {},
): InvoiceCreateRequest {
  invoiceCounter += 1;
  return {
    contractId,
    invoiceNumber: `INV-${invoiceCounter}-${randomUUID().slice(0, 8)}`,
    issueDate: '2026-11-20',
    registrationNumber: VENDOR_REGISTRATION,
    lines: [{ description: '舗装補修 一式', amount: 100_000, taxRate: 10 }],
    ...overrides,
  };
}

/** Envelopes of one type this service has committed to its outbox for an aggregate. */
export async function outboxEvents(
  service: RunningService,
  type: EventType,
  aggregateId: string,
): Promise<DomainEvent[]> {
  const { rows } = await service.runtime.pool.query<{ envelope: DomainEvent }>(
    `SELECT envelope FROM outbox WHERE envelope->>'type' = $1 AND key = $2 ORDER BY seq`,
    [type, aggregateId],
  );
  return rows.map((row) => row.envelope);
}

/** Reads a binary body, a voucher PDF (supertest would otherwise leave it unread). */
export function binary(res: Stream, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
